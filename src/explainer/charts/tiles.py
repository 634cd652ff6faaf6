"""A sign of yes/no lines (the abnormal movements) as tiles: one per line, present or not, each in words and a
symbol as well as a colour. The same tiles on /warning-signs and on the stage; the Home glance has one per sign."""

from __future__ import annotations

import altair as alt
import pandas as pd

from explainer.assessment import Assessment
from explainer.charts.spec import ChartSpec, template
from explainer.charts.theme import CROSSED_COLOUR, INK, MET_FILL, NOT_CROSSED_COLOUR, NOT_MET_FILL, themed

__all__ = ["TILES_HEIGHT", "is_yes_no", "yes_no_description", "yes_no_spec", "yes_no_table"]

TILES_HEIGHT = 120
YES_NO_FILL = {True: MET_FILL, False: NOT_MET_FILL}  # the glance's tints: ink on both >= 12:1
STATUS = {True: "⚠ Present", False: "✓ Not present"}


def is_yes_no(assessment: Assessment, sign_id: str) -> bool:
    """Whether every line of the sign is a yes/no one (drawn as tiles, never on an axis of numbers)."""
    return all(condition.op == "is_true" for condition in assessment.sign(sign_id).conditions)


def _rows(assessment: Assessment, sign_id: str) -> pd.DataFrame:
    sign = assessment.sign(sign_id)
    return pd.DataFrame(
        [
            {
                "name": condition.name.capitalize(),
                "status": STATUS[condition.met],
                "fill": YES_NO_FILL[condition.met],
                "edge": CROSSED_COLOUR if condition.met else NOT_CROSSED_COLOUR,
            }
            for condition in sign.conditions
        ]
    )


def _layout() -> alt.LayerChart:
    """One tile per line, side by side, each with the line's name and "⚠ Present" or "✓ Not present": a sign of
    yes/no lines has nothing to measure, so a tile says what is there, present or not, and is never empty."""
    x = alt.X("name:N", axis=None, sort=None, scale=alt.Scale(paddingInner=0.08, paddingOuter=0))
    base = alt.Chart().encode(x=x)
    tile = base.mark_rect(cornerRadius=8, strokeWidth=4, y=alt.expr("2"), y2=alt.expr("height - 2")).encode(
        fill=alt.Fill("fill:N", scale=None), stroke=alt.Stroke("edge:N", scale=None),
        tooltip=[alt.Tooltip("name:N", title="Movement"), alt.Tooltip("status:N", title="Now")],
    )
    name = base.mark_text(fontSize=15, fontWeight="bold", color=INK, baseline="middle",
                          y=alt.expr("height * 0.38")).encode(text="name:N")
    status = base.mark_text(fontSize=15, color=INK, baseline="middle", y=alt.expr("height * 0.62")).encode(
        text="status:N")
    return themed(alt.layer(tile, name, status).properties(height=TILES_HEIGHT, width="container"))


def yes_no_spec(assessment: Assessment, sign_id: str) -> ChartSpec:
    """A sign whose lines are all yes/no as tiles: one per line, present or not (its name:
    :func:`yes_no_description`)."""
    return ChartSpec(template(_layout), _rows(assessment, sign_id))


def yes_no_table(assessment: Assessment, sign_id: str) -> pd.DataFrame:
    """The tiles as a table: each movement and whether it is present."""
    return pd.DataFrame([{"Movement": c.name.capitalize(), "Now": STATUS[c.met]}
                         for c in assessment.sign(sign_id).conditions])


def yes_no_description(assessment: Assessment, sign_id: str) -> str:
    """The tiles in words, their accessible name.

    >>> from explainer import assess
    >>> yes_no_description(assess({"jerking": True}), "abnormal_contractions")  # doctest: +NORMALIZE_WHITESPACE
    "Tiles of 'Abnormal muscle contractions', one per movement: twitching: not present; jerking: present; shaking:
    not present. One is enough: the sign is met."
    """
    sign = assessment.sign(sign_id)
    parts = [f"{c.name}: {'present' if c.met else 'not present'}" for c in sign.conditions]
    joiner = "One is enough" if sign.match == "any" else "Each is needed"
    return (f"Tiles of '{sign.title}', one per movement: {'; '.join(parts)}. "
            f"{joiner}: the sign is {'met' if sign.crossed else 'not met'}.")
