"""Charts of an assessment, built from plain data, each with its one accessible name and a table view.

One module per chart (its rows, its layout, its words): :mod:`~explainer.charts.sign_bars` (the signs' lines as
bars), :mod:`~explainer.charts.planes` (a two-part sign as a plane), :mod:`~explainer.charts.tiles` (a sign of
yes/no lines), :mod:`~explainer.charts.glance` (the four signs at a glance), :mod:`~explainer.charts.causes` (the
evidence for each cause) and :mod:`~explainer.charts.cause_follow` (the same, worked out in the browser). Shared:
:mod:`~explainer.charts.theme` (the one look), :mod:`~explainer.charts.spec` (a chart's spec and rows, and the one
template cache), :mod:`~explainer.charts.follow` (what a following chart reads), :mod:`~explainer.charts.stage`
(scaling to the presenter's box) and :mod:`~explainer.charts.words`.
"""

from __future__ import annotations

from explainer.charts.causes import (
    MAX_POINTS_SHOWN,
    cause_chart_alt,
    cause_chart_description,
    cause_chart_spec,
    cause_table,
)
from explainer.charts.follow import follow_binding, follow_inputs
from explainer.charts.glance import GLANCE_HEIGHT, GLANCE_ONE_ROW, signs_glance_description, signs_glance_spec
from explainer.charts.planes import (
    DRAG_AXES,
    plane_axes,
    plane_inputs,
    sign_plane_alt,
    sign_plane_description,
    sign_plane_spec,
)
from explainer.charts.sign_bars import sign_chart_description, sign_chart_spec, sign_table
from explainer.charts.spec import ROWS, ChartSpec
from explainer.charts.stage import AREAS, FIT_SIGNAL, LENGTHS, to_fit_container
from explainer.charts.theme import CROSSED_COLOUR, NOT_CROSSED_COLOUR
from explainer.charts.tiles import is_yes_no, yes_no_description, yes_no_spec, yes_no_table
from explainer.charts.words import DOES_NOT_LEAD, LEADS, NOT_PAST, PAST, PLANE_LABEL, cause_label, status_word

__all__ = [
    "AREAS",
    "CROSSED_COLOUR",
    "DOES_NOT_LEAD",
    "DRAG_AXES",
    "FIT_SIGNAL",
    "GLANCE_HEIGHT",
    "GLANCE_ONE_ROW",
    "LEADS",
    "LENGTHS",
    "MAX_POINTS_SHOWN",
    "NOT_CROSSED_COLOUR",
    "NOT_PAST",
    "PAST",
    "PLANE_LABEL",
    "ROWS",
    "ChartSpec",
    "cause_chart_alt",
    "cause_chart_description",
    "cause_chart_spec",
    "cause_label",
    "cause_table",
    "follow_binding",
    "follow_inputs",
    "is_yes_no",
    "plane_axes",
    "plane_inputs",
    "sign_chart_description",
    "sign_chart_spec",
    "sign_plane_alt",
    "sign_plane_description",
    "sign_plane_spec",
    "sign_table",
    "signs_glance_description",
    "signs_glance_spec",
    "status_word",
    "to_fit_container",
    "yes_no_description",
    "yes_no_spec",
    "yes_no_table",
]
