"""The cause chart: the evidence for every cause, in points, most first; its table and its words.

With ``follow`` (on /causes), the bars, their order and the one that stands out are worked out in the browser
from the page's sliders (:mod:`explainer.charts.cause_follow`).
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from explainer.assessment import KIND_WORDS, Assessment, points_text
from explainer.charts import cause_follow
from explainer.charts.spec import ChartSpec, template
from explainer.charts.theme import INK, NOT_CROSSED_COLOUR, SERIOUS_COLOUR, themed
from explainer.charts.words import DOES_NOT_LEAD, LEADS, cause_label
from explainer.content import Content
from explainer.words import cite

__all__ = ["MAX_POINTS_SHOWN", "cause_chart_alt", "cause_chart_description", "cause_chart_spec", "cause_table"]

MAX_POINTS_SHOWN = 12  # the axis runs to at least this, so small counts look small


def cause_table(assessment: Assessment, content: Content) -> pd.DataFrame:
    """Every cause with its evidence in points, the clues for and against it, and where they come from."""
    rows = []
    for fit in assessment.cause_fit:
        rows.append(
            {
                "Cause": fit.name,
                "Kind": KIND_WORDS[fit.kind],
                "Evidence": points_text(fit.points),
                "Clues for (present)": "; ".join(f"{c.text} ({c.tier_label})" for c in fit.evidence_for) or "none",
                "Clues against (present)": "; ".join(c.text for c in fit.evidence_against) or "none",
                "Sources": ", ".join(dict.fromkeys(cite(content.sources[c.source], secondary=False)
                                                   for c in fit.clues)),
            }
        )
    return pd.DataFrame(rows)


def _rows(assessment: Assessment) -> pd.DataFrame:
    """Every cause the app scores, serious, medicine and everyday, most evidence first (as ``cause_fit``)."""
    leading = assessment.leading_cause
    rows = []
    for fit in assessment.cause_fit:
        stands_out = leading is not None and leading.id == fit.id
        rows.append(  # a short label, so it fits beside its bar on a phone; the clues are in the cards and table
            {
                "cause": cause_label(fit.name, fit.kind),
                "points": fit.points,
                "status": LEADS if stands_out else DOES_NOT_LEAD,
                "label": f"{'★ ' if stands_out else ''}{points_text(fit.points)}",
            }
        )
    return pd.DataFrame(rows)


def _axis_end(data: pd.DataFrame) -> int:
    return max(MAX_POINTS_SHOWN, int(data["points"].max()) + 6)


def _layout(order: tuple[str, ...], axis_end: int, scale: float, follow: bool = False) -> alt.LayerChart:
    """Everything in the cause chart but its data. The rows are drawn in ``order``, given as an explicit list:
    Vega-Lite drops a sort by another field in a layered chart, so the list is the only sort that the drawn chart
    keeps (tests/test_charts.py reads the drawn order).

    With ``follow``, the points are worked out in the browser, so the order is too: a sort by the largest "rank"
    of each cause (the op ``max`` is one Vega-Lite keeps when it joins the layers' domains; its default, a sum,
    it drops). The drawn order is tested the same way."""
    font = round(13 * scale)
    y_axis = alt.Axis(labelFontSize=round(14 * scale), labelLimit=round(220 * scale))
    sort: Any = alt.EncodingSortField("rank", op="max", order="descending") if follow else list(order)
    base = alt.Chart().encode(y=alt.Y("cause:N", sort=sort, title=None, axis=y_axis))
    bars = base.mark_bar(height=alt.RelativeBandSize(0.7)).encode(  # 0.7 of a row, at any height of the chart
        x=alt.X(
            "points:Q",
            title="Evidence points (not a chance)",
            scale=alt.Scale(domain=[0, axis_end]),
            axis=alt.Axis(tickMinStep=1),
        ),
        color=alt.Color(
            "status:N",
            scale=alt.Scale(domain=[LEADS, DOES_NOT_LEAD], range=[SERIOUS_COLOUR, NOT_CROSSED_COLOUR]),
            legend=alt.Legend(title=None),
        ),
        tooltip=[alt.Tooltip("cause:N", title="Cause"), alt.Tooltip("label:N", title="Evidence")],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=font, color=INK).encode(x="points:Q", text="label:N")
    # eight rows: a phone's first screen
    return themed(alt.layer(bars, labels).properties(height=alt.Step(round(26 * scale)), width="container"), scale)


def _follow_layout(content: Content, axis_end: int, scale: float) -> alt.LayerChart:
    return cause_follow.following(_layout((), axis_end, scale, follow=True), content)


def cause_chart_spec(assessment: Assessment, content: Content | None = None, *, scale: float = 1.0,
                     follow: bool = False) -> ChartSpec:
    """The evidence for every cause, in points, most first (its name for screen readers:
    :func:`cause_chart_description`). ``scale`` enlarges type and bars.

    ``follow`` (then ``content`` is needed): the bars, their order and which one stands out follow the page's
    sliders in the browser, with no round trip to the server (:mod:`explainer.charts.cause_follow`). Without it,
    the chart is drawn from the assessment alone."""
    if follow:
        if content is None:
            raise ValueError("a following cause chart reads the rules of data/: give the content")
        data = cause_follow.rows(assessment, content)
        spec = template(_follow_layout, content, cause_follow.axis_end(data, content, MAX_POINTS_SHOWN), scale)
        return ChartSpec(spec, data)
    data = _rows(assessment)
    return ChartSpec(template(_layout, tuple(data["cause"]), _axis_end(data), scale), data)


def cause_chart_alt(assessment: Assessment) -> str:
    """A short text alternative: what the chart shows and the cause that stands out, without each cause's points.

    >>> from explainer import assess
    >>> cause_chart_alt(assess({})).split(". ")[1]
    'No single cause stands out'
    """
    leading = assessment.leading_cause
    summary = f"{leading.name} stands out." if leading else "No single cause stands out."
    return ("Bar chart of the evidence for each cause, most first. " + summary
            + " Each bar's points are on the bar and in the cause's card below.")


def cause_chart_description(assessment: Assessment) -> str:
    """The cause chart in words, its accessible name: every cause it draws, in its drawn order, each with its
    points, and the one that stands out."""
    parts = [f"{cause_label(fit.name, fit.kind)}: {points_text(fit.points)}." for fit in assessment.cause_fit]
    leading = assessment.leading_cause
    summary = f"{leading.name} stands out." if leading else "No single cause stands out."
    return " ".join(["Bar chart of the evidence for each cause, most first.", *parts, summary])
