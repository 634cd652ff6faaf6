"""The cause chart following the sliders: the evidence model of data/causes.toml as Vega transforms.

The server sends one row per cause with the points of the clues that read no slider; the browser adds the points of
the clues that do (each clue's test compiled by :func:`explainer.rules.vega`), floors them at 0, finds the one that
stands out as ``Assessment.leading_cause`` does, and orders the bars as ``cause_fit`` does.
"""

from __future__ import annotations

import json
from typing import Any

import altair as alt
import pandas as pd

from explainer import rules
from explainer.assessment import Assessment
from explainer.charts.follow import bound_params, slider_inputs
from explainer.charts.words import DOES_NOT_LEAD, LEADS, cause_label
from explainer.content import Clue, Content
from explainer.words import noun

__all__ = ["axis_end", "following", "rows"]


def _moving_clues(content: Content) -> dict[str, list[Clue]]:
    """For each cause, its clues whose test the browser works out (:func:`explainer.rules.vega`)."""
    sliders = slider_inputs(content)
    return {cause.id: [clue for clue in cause.clues if rules.vega(clue.when, content, sliders) is not None]
            for cause in content.causes}


def _signed(clue: Clue) -> int:
    """A present clue's points: added if it is for its cause, taken away if against."""
    return clue.points if clue.direction == "for" else -clue.points


def rows(assessment: Assessment, content: Content) -> pd.DataFrame:
    """One row per cause, serious and everyday (the one that stands out is chosen among all of them, as
    ``Assessment.leading_cause`` does), in data order: the points of the clues that read no slider (worked out
    here, before the floor at 0), and every input value the clues that read a slider need, for the browser."""
    moving = _moving_clues(content)
    needed = sorted({i for clues in moving.values() for clue in clues for i in rules.inputs(clue.when, content)})
    found = []
    for order, cause in enumerate(content.causes):
        fit = assessment.cause(cause.id)
        fixed = sum(_signed(clue) for result, clue in zip(fit.clues, cause.clues, strict=True)
                    if result.present and clue not in moving[cause.id])
        row: dict[str, Any] = {"id": cause.id, "cause": cause_label(cause.name, cause.kind), "kind": cause.kind,
                               "order": order, "fixed": fixed,
                               # worked out here (tick boxes): an everyday cause held back beside a danger sign
                               "may_lead": not (cause.kind == "everyday" and assessment.everyday_held_back)}
        row.update({f"v_{input_id}": assessment.inputs[input_id] for input_id in needed})
        found.append(row)
    return pd.DataFrame(found)


def axis_end(data: pd.DataFrame, content: Content, at_least: int) -> int:
    """The axis end while the bars follow: room for the most a cause can reach by the sliders alone, so the axis
    stays put during a drag."""
    moving = _moving_clues(content)
    reach = [max(0, row.fixed + sum(c.points for c in moving[row.id] if c.direction == "for"))
             for row in data.itertuples()]
    return max(at_least, max(reach) + 6)


def _steps(content: Content) -> list[tuple[str, str, str]]:
    """The browser's steps from a row to a drawn bar, as (transform, field, expression): each cause's points from
    its moving clues, the floor at 0, the one that stands out (the most, alone, with at least the model's minimum),
    its words, its place."""
    sliders = slider_inputs(content)
    moving = _moving_clues(content)
    branches = []
    for cause in content.causes:
        terms = [f"({rules.vega(clue.when, content, sliders)} ? {_signed(clue)} : 0)" for clue in moving[cause.id]]
        if terms:
            branches.append(f"datum.id === {json.dumps(cause.id)} ? ({' + '.join(terms)})")
    moving_expr = " : ".join([*branches, "0"])
    one, many = f" {noun(1, 'point')}", f" {noun(2, 'point')}"  # points_text's nouns, in the browser
    leads = (f"datum.may_lead && datum.points >= {content.min_points_to_lead} && datum.points === datum.top"
             " && datum.at_top === 1")
    return [
        ("calculate", "moving", moving_expr),
        ("calculate", "points", "max(0, datum.fixed + datum.moving)"),
        ("joinaggregate", "top", "max(points)"),  # the most points of any cause, everyday ones too
        ("calculate", "is_top", "datum.points === datum.top ? 1 : 0"),
        ("joinaggregate", "at_top", "sum(is_top)"),  # how many causes have the most
        ("calculate", "status", f"{leads} ? {json.dumps(LEADS)} : {json.dumps(DOES_NOT_LEAD)}"),
        ("calculate", "label", f"(datum.status === {json.dumps(LEADS)} ? '★ ' : '') + datum.points + "
                               f"(datum.points === 1 ? {json.dumps(one)} : {json.dumps(many)})"),
        ("calculate", "rank", "datum.points * 1000 - datum.order"),  # most first, ties in data order: assess()
    ]


def following(layout: alt.LayerChart, content: Content) -> alt.LayerChart:
    """``layout`` with the browser's steps and the parameters bound to the sliders' copies it reads."""
    for transform, field, expression in _steps(content):
        if transform == "joinaggregate":
            layout = layout.transform_joinaggregate(**{field: expression})
        else:
            layout = layout.transform_calculate(**{field: expression})
    read = sorted({i for clues in _moving_clues(content).values() for clue in clues
                   for i in rules.inputs(clue.when, content)} & slider_inputs(content))
    return layout.add_params(*bound_params(read))
