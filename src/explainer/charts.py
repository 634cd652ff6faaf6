"""Charts of an assessment, built from plain data, with a text alternative and a table view for each.

Colours are from the Okabe-Ito palette (safe for colour-blind readers), and colour is never the only cue:
every bar carries a word and a symbol as well.
"""

from __future__ import annotations

import copy
import functools
import json
import math
import textwrap
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd
import pyarrow as pa

from explainer import rules
from explainer.assessment import KIND_WORDS, Assessment, format_value, points_text
from explainer.content import Condition, Content, InputSpec, cached_content
from explainer.words import cite, line_text, noun

__all__ = [
    "CROSSED_COLOUR",
    "NOT_CROSSED_COLOUR",
    "NOT_PAST",
    "PAST",
    "ChartSpec",
    "cause_chart",
    "cause_chart_description",
    "cause_chart_spec",
    "cause_table",
    "sign_chart",
    "sign_chart_description",
    "sign_chart_spec",
    "sign_table",
    "status_word",
    "to_fit_container",
    "yes_no_description",
    "yes_no_spec",
]

CROSSED_COLOUR = "#D55E00"  # Okabe-Ito vermillion
NOT_CROSSED_COLOUR = "#0072B2"  # Okabe-Ito blue
SERIOUS_COLOUR = "#CC79A7"  # Okabe-Ito reddish purple
EVERYDAY_COLOUR = "#009E73"  # Okabe-Ito bluish green
THRESHOLD_COLOUR = "#000000"


def status_word(crossed: bool) -> str:
    """The status of a sign or a line in words, with a symbol.

    >>> status_word(True), status_word(False)
    ('⚠ Crossed', '✓ Not crossed')
    """
    return "⚠ Crossed" if crossed else "✓ Not crossed"


def _source_name(content: Content, source_id: str) -> str:
    return cite(content.sources[source_id], secondary=False)


def sign_table(assessment: Assessment, content: Content | None = None) -> pd.DataFrame:
    """Every line of every warning sign: the value, the line, the status and where the line comes from."""
    content = content or cached_content()
    rows = []
    for sign in assessment.signs:
        for condition in sign.conditions:
            spec = content.input(condition.input)
            line = line_text(condition.op, condition.threshold)
            rows.append(
                {
                    "Warning sign": sign.title,
                    "Measure": spec.label,
                    "Your value": format_value(spec, condition.value),
                    "Cut-off": line,
                    "This cut-off": status_word(condition.met).replace("Crossed", "Past the cut-off").replace(
                        "Not crossed", "Not past the cut-off"
                    ),
                    "Sign": status_word(sign.crossed),
                    "Where the cut-off comes from": _source_name(content, condition.source)
                    + (" (ours, for teaching: no source gives a number)" if condition.teaching else ""),
                }
            )
    return pd.DataFrame(rows)


LEGEND_LABEL_LIMIT = 0  # a legend's words are never cut short (Vega's default cuts them at 160 px)
RATIO_CAP = 2.0  # bars stop at twice the line, so one long bar cannot squash the others
PAST, NOT_PAST = "⚠ past the cut-off", "✓ not past the cut-off"
INK = "#1A1A1A"


def _sign_chart_data(assessment: Assessment, content: Content, sign_ids: tuple[str, ...] | None) -> pd.DataFrame:
    rows = []
    for sign_number, sign in enumerate(assessment.signs, start=1):
        if sign_ids is not None and sign.id not in sign_ids:
            continue
        for condition in sign.conditions:
            spec = content.input(condition.input)
            if condition.op == "is_true":
                ratio = 1.0 if condition.met else 0.0  # a yes/no line is reached or not
            else:
                ratio = min(float(condition.value or 0) / float(condition.threshold or 1), RATIO_CAP)
            status = PAST if condition.met else NOT_PAST
            # A part past its line while its "all of" sign is not met says why, so the bar never contradicts the card.
            why_not = "; sign not met: it needs every part" if condition.met and not sign.crossed else ""
            rows.append(
                {
                    "row": f"{sign_number}. {condition.name}",
                    "ratio": ratio,
                    "status": status,
                    "label": f"{sign_number}. {condition.name}: {format_value(spec, condition.value)} "
                    f"{status.split(maxsplit=1)[0]} (cut-off: {line_text(condition.op, condition.threshold)}{why_not})",
                }
            )
    return pd.DataFrame(rows)


def sign_chart(
    assessment: Assessment,
    content: Content | None = None,
    *,
    sign_ids: tuple[str, ...] | None = None,
    scale: float = 1.0,
) -> alt.LayerChart:
    """One bar per line of the warning signs (all of them, or ``sign_ids``), drawn against that line.

    A number's bar is its value divided by its line, so every line sits at the same place: a bar that reaches the
    black line crosses it. A yes/no line is a full bar when present. The real value, the line and a symbol are
    written on every bar. ``scale`` enlarges the type and bars (the presenter view uses about 1.7).
    """
    content = content or cached_content()
    data = _sign_chart_data(assessment, content, sign_ids)
    return _sign_chart_layout(tuple(data["row"]), scale).properties(data=data)


@functools.lru_cache(maxsize=64)
def _sign_chart_layout(order: tuple[str, ...], scale: float) -> alt.LayerChart:
    """Everything in the sign chart but its data, made once per set of rows. Altair takes far longer to build and
    check a chart than to swap its data, and the page redraws the chart on every input change (bench/README.md).
    """
    font = round(13 * scale)
    colour = alt.Color(
        "status:N",
        scale=alt.Scale(domain=[PAST, NOT_PAST], range=[CROSSED_COLOUR, NOT_CROSSED_COLOUR]),
        legend=alt.Legend(title=None, orient="top", direction="vertical", labelFontSize=font, labelColor=INK,
                          symbolSize=round(100 * scale**2), labelLimit=LEGEND_LABEL_LIMIT),
    )
    # The row's name is written above its bar rather than on an axis, so a phone keeps the full width for bars.
    y = alt.Y("row:N", sort=list(order), title=None, axis=None)
    x_axis = alt.Axis(
        values=[0, 1, 2],
        labelExpr="datum.value == 1 ? 'the cut-off' : datum.value == 2 ? '2 × the cut-off' : '0'",
        title=None,
        labelFontSize=round(12 * scale),
        labelColor=INK,
        grid=False,
    )
    base = alt.Chart().encode(y=y)
    bars = base.mark_bar(height=round(14 * scale), yOffset=round(8 * scale)).encode(
        x=alt.X("ratio:Q", scale=alt.Scale(domain=[0, RATIO_CAP]), axis=x_axis),
        color=colour,
        tooltip=[alt.Tooltip("row:N", title="Measure"), alt.Tooltip("label:N", title="Value")],
    )
    labels = base.mark_text(align="left", baseline="middle", dy=round(-9 * scale), fontSize=font, color=INK).encode(
        x=alt.value(2), text="label:N"
    )
    line = alt.Chart(pd.DataFrame({"ratio": [1.0]})).mark_rule(
        color=THRESHOLD_COLOUR, strokeWidth=round(3 * scale)
    ).encode(x="ratio:Q")
    return (
        alt.layer(bars, labels, line)
        .properties(height=alt.Step(round(44 * scale)), width="container")
        .configure_view(stroke=None)
    )


def sign_chart_description(
    assessment: Assessment, content: Content | None = None, *, sign_ids: tuple[str, ...] | None = None
) -> str:
    """The sign chart in words, for screen readers and for the alt text."""
    content = content or cached_content()
    signs = [s for s in assessment.signs if sign_ids is None or s.id in sign_ids]
    parts = []
    for sign in signs:
        for condition in sign.conditions:
            spec = content.input(condition.input)
            status = "past the cut-off" if condition.met else "not past the cut-off"
            line = line_text(condition.op, condition.threshold)
            parts.append(f"{spec.label}: {format_value(spec, condition.value)}, cut-off {line}, {status}")
    crossed = [s.title for s in signs if s.crossed]
    summary = f"Crossed: {', '.join(crossed)}." if crossed else "Not crossed: no warning sign here is crossed."
    # One sentence per line, not one long list: easier to hear, and grade 8 or lower (tests/test_plain_language.py)
    return "Bar chart of your values against the warning signs' cut-offs. " + ". ".join(parts) + ". " + summary


def cause_table(assessment: Assessment, content: Content | None = None) -> pd.DataFrame:
    """Every cause with its evidence in points, the clues for and against it, and where they come from."""
    content = content or cached_content()
    rows = []
    for fit in assessment.cause_fit:
        rows.append(
            {
                "Cause": fit.name,
                "Kind": KIND_WORDS[fit.kind],
                "Evidence": points_text(fit.points),
                "Clues for (present)": "; ".join(f"{c.text} ({c.tier_label})" for c in fit.evidence_for) or "none",
                "Clues against (present)": "; ".join(c.text for c in fit.evidence_against) or "none",
                "Sources": ", ".join(dict.fromkeys(_source_name(content, c.source) for c in fit.clues)),
            }
        )
    return pd.DataFrame(rows)


LEADS, DOES_NOT_LEAD = "★ stands out", "not the leading cause"
KIND_MARK = {"serious": "", "medicine": "", "everyday": " (everyday)"}  # marked in words beside its name


def cause_label(name: str, kind: str) -> str:
    """A cause's name as the chart shows it: an everyday cause says so.

    >>> cause_label("Dehydration", "everyday"), cause_label("Nerve damage", "serious")
    ('Dehydration (everyday)', 'Nerve damage')
    """
    return name + KIND_MARK[kind]


def _cause_chart_data(assessment: Assessment) -> pd.DataFrame:
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


MAX_POINTS_SHOWN = 12  # the axis runs to at least this, so small counts look small


def cause_chart(assessment: Assessment, *, scale: float = 1.0) -> alt.LayerChart:
    """The evidence for every cause, in points, most first. ``scale`` enlarges type and bars."""
    data = _cause_chart_data(assessment)
    return _cause_chart_layout(tuple(data["cause"]), _axis_end(data), scale).properties(data=data)


def _axis_end(data: pd.DataFrame) -> int:
    return max(MAX_POINTS_SHOWN, int(data["points"].max()) + 6)


@functools.lru_cache(maxsize=64)
def _cause_chart_layout(order: tuple[str, ...], axis_end: int, scale: float, follow: bool = False) -> alt.LayerChart:
    """Everything in the cause chart but its data (see ``_sign_chart_layout``). The rows are drawn in ``order``,
    given as an explicit list: Vega-Lite drops a sort by another field in a layered chart, so the list is the
    only sort that the drawn chart keeps (tests/test_charts.py reads the drawn order).

    With ``follow``, the points are worked out in the browser, so the order is too: a sort by the largest "rank"
    of each cause (the op ``max`` is one Vega-Lite keeps when it joins the layers' domains; its default, a sum,
    it drops). The drawn order is tested the same way."""
    font = round(13 * scale)
    y_axis = alt.Axis(labelFontSize=round(14 * scale), labelLimit=round(220 * scale), labelColor=INK)
    sort: Any = alt.EncodingSortField("rank", op="max", order="descending") if follow else list(order)
    base = alt.Chart().encode(y=alt.Y("cause:N", sort=sort, title=None, axis=y_axis))
    bars = base.mark_bar(height=alt.RelativeBandSize(0.7)).encode(  # 0.7 of a row, at any height of the chart
        x=alt.X(
            "points:Q",
            title="Evidence points (not a chance)",
            scale=alt.Scale(domain=[0, axis_end]),
            axis=alt.Axis(tickMinStep=1, labelFontSize=round(12 * scale), titleFontSize=font, labelColor=INK,
                          titleColor=INK),
        ),
        color=alt.Color(
            "status:N",
            scale=alt.Scale(domain=[LEADS, DOES_NOT_LEAD], range=[SERIOUS_COLOUR, NOT_CROSSED_COLOUR]),
            legend=alt.Legend(title=None, orient="top", direction="vertical", labelFontSize=font, labelColor=INK,
                              symbolSize=round(100 * scale**2), labelLimit=LEGEND_LABEL_LIMIT),
        ),
        tooltip=[alt.Tooltip("cause:N", title="Cause"), alt.Tooltip("label:N", title="Evidence")],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=font, color=INK).encode(x="points:Q", text="label:N")
    return (
        alt.layer(bars, labels)
        .properties(height=alt.Step(round(26 * scale)), width="container")  # eight rows: a phone's first screen
        .configure_view(stroke=None)
    )


def cause_chart_alt(assessment: Assessment) -> str:
    """The cause chart's text alternative on /causes, a page with live parts: what it shows and the cause that
    stands out, without each cause's points, which are on its bar and in its card below (why: :func:`sign_plane_alt`).

    >>> from explainer import assess
    >>> cause_chart_alt(assess({})).split(". ")[1]
    'No single cause stands out'
    """
    leading = assessment.leading_cause
    summary = f"{leading.name} stands out." if leading else "No single cause stands out."
    return ("Bar chart of the evidence for each cause, most first. " + summary
            + " Each bar's points are on the bar and in the cause's card below.")


def cause_chart_description(assessment: Assessment) -> str:
    """The cause chart in words: every cause it draws, in its drawn order, each with its points."""
    parts = [f"{cause_label(fit.name, fit.kind)}: {points_text(fit.points)}." for fit in assessment.cause_fit]
    leading = assessment.leading_cause
    summary = f"{leading.name} stands out." if leading else "No single cause stands out."
    return " ".join(["Bar chart of the evidence for each cause, most first.", *parts, summary])


# Fast path. Streamlit draws an Altair chart by converting it with ``to_dict()``, which validates the whole chart
# against the Vega-Lite schema on every rerun (about half the script time of a rerun, docs/performance.md). A
# ChartSpec holds the same Vega-Lite JSON, converted and validated once per layout, and the rows apart; ``full()``
# puts them together as one named dataset, as Altair does.
ROWS = "rows"


@dataclass(frozen=True)
class ChartSpec:
    """A chart as its Vega-Lite spec without the rows, and the rows."""

    spec: dict[str, Any]
    rows: pd.DataFrame

    def full(self) -> dict[str, Any]:
        """The spec with the rows in it, as Altair's ``to_dict()`` gives it (for exports and tests)."""
        spec = copy.deepcopy(self.spec)
        spec["data"] = {"name": ROWS}
        spec.setdefault("datasets", {})[ROWS] = self.rows.to_dict(orient="records")
        return spec

    def for_streamlit(self) -> dict[str, Any]:
        """The spec with the rows in it as an Arrow table, the form in which Streamlit sends rows to the browser.

        Given ``full()``'s records, Streamlit builds a table from them through pandas itself: about 1.2 ms a chart
        with the records made first, against 0.3 ms this way (measured in docs/performance.md). Only the top level
        is a new dict: Streamlit copies it before it changes anything, and the rest is this chart's own copy.
        """
        table = pa.Table.from_pandas(self.rows, preserve_index=False)
        return {**self.spec, "data": {"name": ROWS}, "datasets": {**self.spec.get("datasets", {}), ROWS: table}}


def _template(layout: alt.LayerChart) -> str:
    """The layout's Vega-Lite spec as JSON text, with its rows left out."""
    spec = layout.properties(data=pd.DataFrame({"placeholder": []})).to_dict()
    placeholder = spec.pop("data")["name"]
    del spec["datasets"][placeholder]
    return json.dumps(spec)


@functools.lru_cache(maxsize=64)
def _sign_template(order: tuple[str, ...], scale: float) -> str:
    return _template(_sign_chart_layout(order, scale))


@functools.lru_cache(maxsize=64)
def _cause_template(order: tuple[str, ...], axis_end: int, scale: float) -> str:
    return _template(_cause_chart_layout(order, axis_end, scale))


def sign_chart_spec(
    assessment: Assessment,
    content: Content | None = None,
    *,
    sign_ids: tuple[str, ...] | None = None,
    scale: float = 1.0,
) -> ChartSpec:
    """:func:`sign_chart` as a :class:`ChartSpec`, without rebuilding the chart."""
    content = content or cached_content()
    data = _sign_chart_data(assessment, content, sign_ids)
    # json.loads gives a fresh copy each time: Streamlit may change the dict it is given.
    return ChartSpec(json.loads(_sign_template(tuple(data["row"]), scale)), data)


def cause_chart_spec(assessment: Assessment, *, scale: float = 1.0, follow: bool = False) -> ChartSpec:
    """:func:`cause_chart` as a :class:`ChartSpec`, without rebuilding the chart.

    ``follow``: the bars, their order and which one stands out follow the page's sliders in the browser, with no
    round trip to the server (see :func:`_cause_follow_rows`)."""
    if follow:
        content = cached_content()
        data = _cause_follow_rows(assessment, content)
        return ChartSpec(json.loads(_cause_follow_template(_follow_axis_end(data), scale)), data)
    data = _cause_chart_data(assessment)
    return ChartSpec(json.loads(_cause_template(tuple(data["cause"]), _axis_end(data), scale)), data)


# --- The cause chart following the sliders: the evidence model of data/causes.toml as Vega expressions ------------


def follow_inputs(content: Content) -> tuple[str, ...]:
    """The inputs a following chart may read, in data order: every slider, that is every number (data/inputs.toml
    kinds "integer" and "number"); ui/follow.py makes a copy of each."""
    return tuple(spec.id for spec in content.inputs if spec.kind in ("integer", "number"))


def _slider_inputs(content: Content) -> frozenset[str]:
    return frozenset(follow_inputs(content))


def _moving_clues(content: Content) -> dict[str, list[Any]]:
    """For each cause, its clues whose test the browser works out (:func:`explainer.rules.vega`)."""
    sliders = _slider_inputs(content)
    return {cause.id: [clue for clue in cause.clues if rules.vega(clue.when, content, sliders) is not None]
            for cause in content.causes}


def _cause_follow_rows(assessment: Assessment, content: Content) -> pd.DataFrame:
    """One row per cause, serious and everyday (the one that stands out is chosen among all of them, as
    ``Assessment.leading_cause`` does), in data order: the points of the clues that read no slider (worked out
    here, before the floor at 0), and every input value the clues that read a slider need, for the browser."""
    moving = _moving_clues(content)
    needed = sorted({i for clues in moving.values() for clue in clues for i in rules.inputs(clue.when, content)})
    rows = []
    for order, cause in enumerate(content.causes):
        fit = assessment.cause(cause.id)
        fixed = sum(_signed(clue) for result, clue in zip(fit.clues, cause.clues, strict=True)
                    if result.present and clue not in moving[cause.id])
        row: dict[str, Any] = {"id": cause.id, "cause": cause_label(cause.name, cause.kind), "kind": cause.kind,
                               "order": order, "fixed": fixed,
                               # worked out here (tick boxes): an everyday cause held back beside a danger sign
                               "may_lead": not (cause.kind == "everyday" and assessment.everyday_held_back)}
        row.update({f"v_{input_id}": assessment.inputs[input_id] for input_id in needed})
        rows.append(row)
    return pd.DataFrame(rows)


def _follow_axis_end(rows: pd.DataFrame) -> int:
    """The axis end while the bars follow: room for the most a cause can reach by the sliders alone, so the axis
    stays put during a drag."""
    content = cached_content()
    moving = _moving_clues(content)
    reach = [max(0, row.fixed + sum(c.points for c in moving[row.id] if c.direction == "for"))
             for row in rows.itertuples()]
    return max(MAX_POINTS_SHOWN, max(reach) + 6)


def _signed(clue: Any) -> int:
    """A present clue's points: added if it is for its cause, taken away if against."""
    return clue.points if clue.direction == "for" else -clue.points


def _cause_follow_steps(content: Content) -> list[tuple[str, str, str]]:
    """The browser's steps from a row to a drawn bar, as (transform, field, expression): each cause's points from
    its moving clues, the floor at 0, the one that stands out (the most, alone, with at least the model's minimum),
    its words, its place."""
    sliders = _slider_inputs(content)
    moving = _moving_clues(content)
    branches = []
    for cause in content.causes:
        terms = [f"({rules.vega(clue.when, content, sliders)} ? {_signed(clue)} : 0)"
                 for clue in moving[cause.id]]
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


@functools.lru_cache(maxsize=16)
def _cause_follow_template(axis_end: int, scale: float) -> str:
    content = cached_content()
    layout = _cause_chart_layout((), axis_end, scale, follow=True)
    for transform, field, expression in _cause_follow_steps(content):
        if transform == "joinaggregate":
            layout = layout.transform_joinaggregate(**{field: expression})
        elif transform == "calculate":
            layout = layout.transform_calculate(**{field: expression})
        else:
            layout = layout.transform_filter(expression)
    read = sorted({i for clues in _moving_clues(content).values() for clue in clues
                   for i in rules.inputs(clue.when, content)} & _slider_inputs(content))
    layout = layout.add_params(*[alt.param(name=rules.follow_param(i), value=None,
                                           bind=follow_binding()) for i in read])
    return _template(layout)


# --- A two-part sign as a plane: "and" and "or" made visible --------------------------------------------------

MET_FILL = "#F6D5C2"  # a light tint of the vermillion used for "past the line"; the words say it too
PLANE_LABEL = {True: "⚠ You: met", False: "✓ You: not met"}  # the words beside the visitor's point


def follow_binding() -> alt.BindInput:
    """How a following chart's parameter gets a slider's value: from a text box Vega draws inside the chart itself,
    named after the parameter (``<input name="follow_pain">``), which ui/follow.py fills from the slider and hides.

    A box of the chart's own is there whenever the chart is: a binding to an element elsewhere on the page
    (``#follow-pain``) was lost, with "Signal bind element not found", when Vega drew the chart before that element
    was in the page (once in a while on a first visit)."""
    return alt.binding(input="text")


def _plane_follow_fields(content: Content, sign_id: str, x_input: str, y_input: str) -> dict[str, str]:
    """Vega expressions for the point's values, status and words in the browser, from the same lines as
    :func:`explainer.assess` (generated from data/signs.toml by :func:`explainer.rules.sign_expression`, as the
    cause chart's are).

    Each value is the slider's, read from the chart's own copy of it (:func:`follow_binding`) on every change;
    while the copy has no value (no component on the page, or before it runs), the value the server sent in the row.
    """
    fallbacks = {x_input: "datum.x", y_input: "datum.y"}  # the plane's row keeps its two values as x and y
    fields = {f"shown_{axis}": rules.live_value(input_id, fallbacks[input_id])
              for axis, input_id in (("x", x_input), ("y", y_input))}
    met = rules.sign_expression(content, sign_id, frozenset(fallbacks), fallbacks)
    fields["shown_status"] = f"{met} ? {json.dumps(PAST)} : {json.dumps(NOT_PAST)}"
    fields["shown_label"] = (f"datum.shown_status === {json.dumps(PAST)} ? {json.dumps(PLANE_LABEL[True])} : "
                             f"{json.dumps(PLANE_LABEL[False])}")
    return fields


def plane_inputs(content: Content, sign_id: str) -> tuple[str, str] | None:
    """The (x, y) inputs of a sign drawn as a plane: a sign with exactly two number lines, else None.

    >>> plane_inputs(cached_content(), "intense_prolonged_pain")
    ('duration_min', 'pain')
    >>> plane_inputs(cached_content(), "abnormal_contractions") is None
    True
    """
    sign = content.sign(sign_id)
    numbers = [c for c in sign.conditions if c.op != "is_true"]
    if len(numbers) != 2 or len(sign.conditions) != 2:
        return None
    return numbers[1].input, numbers[0].input  # the first line goes up the side, the second along the bottom


def _plane_point(assessment: Assessment, content: Content, sign_id: str) -> pd.DataFrame:
    x_input, y_input = plane_inputs(content, sign_id) or ("", "")
    sign = assessment.sign(sign_id)
    x_spec, y_spec = content.input(x_input), content.input(y_input)
    x, y = sign.values[x_input], sign.values[y_input]
    status = PAST if sign.crossed else NOT_PAST
    label = PLANE_LABEL[sign.crossed]  # drawn beside the point
    # The point's own text alternative (its aria-label in the drawn chart): the values with their units. It is data,
    # not part of the spec, so a move changes it without the browser rebuilding the chart (see sign_plane_alt).
    name = {condition.input: condition.name for condition in content.sign(sign_id).conditions}
    description = (f"Your point: {name[y_input]} {format_value(y_spec, y)}, {name[x_input]} "
                   f"{format_value(x_spec, x)}; the sign is {'met' if sign.crossed else 'not met'}")
    return pd.DataFrame([{"x": float(x or 0), "y": float(y or 0), "status": status, "label": label,
                          "description": description}])


@functools.lru_cache(maxsize=16)
def _plane_layout(sign_id: str, scale: float, data_dir: str | None = None, follow: bool = False) -> alt.LayerChart:
    """Everything in a sign's plane but the visitor's point: the axes in real units, each line, and the region
    where the sign is met (one corner for "all of", an L for "any of"), made once per sign.

    With ``follow``, the point, its colour, shape and words follow the page's sliders in the browser, with no
    round trip to the server (see :func:`_plane_follow_fields`); the row the server sends still carries the
    values, for the point's text alternative and for any page without the sliders' copies."""
    content = cached_content(data_dir)
    sign = content.sign(sign_id)
    x_input, y_input = plane_inputs(content, sign_id)  # type: ignore[misc]
    x_spec, y_spec = content.input(x_input), content.input(y_input)
    x_line = next(c for c in sign.conditions if c.input == x_input)
    y_line = next(c for c in sign.conditions if c.input == y_input)
    font = round(13 * scale)
    x_scale = alt.Scale(domain=[x_spec.min, x_spec.max], nice=False)
    y_scale = alt.Scale(domain=[y_spec.min, y_spec.max], nice=False)
    def axis(spec: InputSpec, line: Condition, *, side: bool, note: str = "") -> alt.Axis:
        # Streamlit fits the whole chart to its height, so the side axis's title is written across, above the
        # axis, where it takes no height from the plot. The ticks are the ends and the line itself.
        title = f"{line.name.capitalize()} ({spec.unit}){note}"
        placement = {"titleAngle": 0, "titleAlign": "left", "titleAnchor": "end", "titleX": 0, "titleY": -8} if side \
            else {}
        # 7 and 10.5, never "7.0" (without a precision, Vega picks the digits from the tick count, which grows with
        # the height).
        return alt.Axis(title=title, values=[spec.min, line.threshold, spec.max], labelFontSize=round(12 * scale),
                        titleFontSize=font, labelColor=INK, titleColor=INK, grid=False, format=".10~g", **placement)

    joiner = "past both cut-offs" if sign.match == "all" else "past either cut-off"
    if sign.match == "all":
        regions = [{"x": x_line.threshold, "x2": x_spec.max, "y": y_line.threshold, "y2": y_spec.max}]
    else:
        regions = [
            {"x": x_line.threshold, "x2": x_spec.max, "y": y_spec.min, "y2": y_spec.max},
            {"x": x_spec.min, "x2": x_spec.max, "y": y_line.threshold, "y2": y_spec.max},
        ]
    region = alt.Chart(pd.DataFrame(regions)).mark_rect(color=MET_FILL, opacity=0.9).encode(
        x=alt.X("x:Q", scale=x_scale, axis=axis(x_spec, x_line, side=False, note=f"; shaded = met, {joiner}")),
        x2="x2:Q",
        y=alt.Y("y:Q", scale=y_scale, axis=axis(y_spec, y_line, side=True)), y2="y2:Q",
    )
    stroke = round(2 * scale)
    x_rule = alt.Chart(pd.DataFrame([{"x": x_line.threshold}])).mark_rule(
        color=THRESHOLD_COLOUR, strokeWidth=stroke).encode(x="x:Q")
    y_rule = alt.Chart(pd.DataFrame([{"y": y_line.threshold}])).mark_rule(
        color=THRESHOLD_COLOUR, strokeWidth=stroke).encode(y="y:Q")
    shown = _plane_follow_fields(content, sign_id, x_input, y_input) if follow else {}
    x, y, status, label = (("shown_" if follow else "") + name for name in ("x", "y", "status", "label"))

    def drawn(chart: alt.Chart) -> alt.Chart:
        return chart.transform_calculate(**shown) if follow else chart

    colour = alt.Color(
        f"{status}:N",
        scale=alt.Scale(domain=[PAST, NOT_PAST], range=[CROSSED_COLOUR, NOT_CROSSED_COLOUR]),
        legend=None,
    )
    point = drawn(alt.Chart()).mark_point(filled=True, size=round(260 * scale**2), opacity=1, clip=False,
                                          stroke=INK, strokeWidth=1.5).encode(
        x=f"{x}:Q", y=f"{y}:Q", color=colour, shape=alt.Shape(f"{status}:N", scale=alt.Scale(
            domain=[PAST, NOT_PAST], range=["triangle-up", "circle"]), legend=None),
        tooltip=[alt.Tooltip(f"{label}:N", title="Your values")], description="description:N",
    )
    # The point's words sit beside it, level with it, on the side towards the middle, so they never run off the
    # plane's edge and never lie along one of the lines.
    x_mid = (x_spec.min + x_spec.max) / 2
    # A white edge under the words keeps them readable where they cross a line or the plane's border.
    point_labels = [
        drawn(alt.Chart()).transform_filter(f"datum.{x} {x_test} {x_mid}").mark_text(
            align=align, baseline="middle", dx=dx * round(16 * scale), fontSize=font, color=INK, fontWeight="bold",
            clip=False, aria=False, **edge,  # the point's description says it all, once
        ).encode(x=f"{x}:Q", y=f"{y}:Q", text=f"{label}:N")
        for edge in ({"stroke": "#FFFFFF", "strokeWidth": round(4 * scale), "strokeJoin": "round"}, {})
        for x_test, align, dx in (("<=", "left", 1), (">", "right", -1))
    ]
    layers = alt.layer(region, x_rule, y_rule, point, *point_labels)
    if follow:
        layers = layers.add_params(*[
            alt.param(name=rules.follow_param(input_id), value=None,
                      bind=follow_binding())
            for input_id in (x_input, y_input)
        ])
    return (
        layers
        .properties(
            height=round(170 * scale),
            width="container",
        )
        .configure_view(stroke=INK, strokeWidth=1)
    )


def sign_plane(assessment: Assessment, content: Content | None = None, *, sign_id: str,
               scale: float = 1.0, follow: bool = False) -> alt.LayerChart:
    """A two-part sign drawn as a plane: the visitor's point, each line, and the shaded region where the sign is
    met, so "and" (one corner) and "or" (an L) can be seen. Only for signs :func:`plane_inputs` accepts.

    ``follow``: the point follows the page's sliders in the browser (see :func:`_plane_layout`)."""
    content = content or cached_content()
    return _plane_layout(sign_id, scale, follow=follow).properties(data=_plane_point(assessment, content, sign_id))


@functools.lru_cache(maxsize=32)
def _plane_template(sign_id: str, scale: float, follow: bool) -> str:
    return _template(_plane_layout(sign_id, scale, follow=follow))


def sign_plane_spec(assessment: Assessment, content: Content | None = None, *, sign_id: str,
                    scale: float = 1.0, follow: bool = False) -> ChartSpec:
    """:func:`sign_plane` as a :class:`ChartSpec`: the layout made once per sign, only the point swapped."""
    content = content or cached_content()
    return ChartSpec(json.loads(_plane_template(sign_id, scale, follow)), _plane_point(assessment, content, sign_id))


def sign_plane_alt(assessment: Assessment, content: Content | None = None, *, sign_id: str) -> str:
    """The plane's text alternative on a page with live parts: what the chart shows and whether the sign is met,
    without the values, which are in the point's own description and in the words beside the chart.

    Why not the values too: Streamlit puts the alt text into the chart's spec, and a changed spec makes the browser
    rebuild the chart from scratch on every move (Vega-Lite compile and Vega parse, docs/performance.md). This
    text changes only when the sign's status does.

    >>> from explainer import assess
    >>> sign_plane_alt(assess({"pain": 8, "duration_min": 15}), sign_id="intense_prolonged_pain").split(". ")[1]
    'Your point is inside it: the sign is met'
    """
    content = content or cached_content()
    sign = assessment.sign(sign_id)
    joiner = "both cut-offs" if sign.match == "all" else "either cut-off"
    state = "inside" if sign.crossed else "outside"
    return (f"Chart of '{sign.title}': the sign is met past {joiner}, in the shaded region. Your point is {state} "
            f"it: the sign is {'met' if sign.crossed else 'not met'}. Your values are on the point and beside the "
            "chart.")


def sign_plane_description(assessment: Assessment, content: Content | None = None, *, sign_id: str) -> str:
    """The plane in words, for the alt text."""
    content = content or cached_content()
    sign = assessment.sign(sign_id)
    joiner = "both cut-offs" if sign.match == "all" else "either cut-off"
    parts = [f"{c.text[:1].upper()}{c.text[1:]}." for c in sign.conditions]  # each line its own sentence
    state = "inside" if sign.crossed else "outside"
    return " ".join([f"Chart of '{sign.title}': the sign is met past {joiner}.", *parts,
                     f"Your point is {state} the shaded region: the sign is {'met' if sign.crossed else 'not met'}."])


# --- The four signs at a glance: the Home page's picture --------------------------------------------------------

GLANCE_FILL = {True: MET_FILL, False: "#DCEAF7"}  # light tints of the vermillion and the blue; ink on both >= 12:1
GLANCE_WRAP = 16  # characters per line of a sign's title: two lines, in a tile of a phone's two rows too


def _glance_rows(assessment: Assessment) -> pd.DataFrame:
    rows = []
    for number, sign in enumerate(assessment.signs, start=1):
        rows.append(
            {
                "number": number,
                "sign": f"Sign {number}",
                "symbol": "⚠" if sign.crossed else "✓",
                # Lines joined by a line break the text mark splits on (Streamlit sends the rows as Arrow, where a
                # list of lines would arrive as one string).
                "title": "\n".join(textwrap.wrap(sign.title, GLANCE_WRAP)),
                "status": status_word(sign.crossed).split(" ", 1)[1],  # "Crossed" or "Not crossed"
                "fill": GLANCE_FILL[sign.crossed],
                "edge": CROSSED_COLOUR if sign.crossed else NOT_CROSSED_COLOUR,
                "tooltip": f"{number}. {sign.title}: {status_word(sign.crossed)}",
            }
        )
    return pd.DataFrame(rows)


GLANCE_HEIGHT = 160
GLANCE_GAP = 10
GLANCE_ONE_ROW = 520  # from this chart width the tiles stand in one row; below it (a phone), two rows of two


def _glance_layout_expressions(count: int) -> dict[str, str]:
    """Vega expressions that place each tile from the chart's own ``width``, so the picture reflows on a phone."""
    one_row = f"(width >= {GLANCE_ONE_ROW})"
    cols = f"({one_row} ? {count} : {math.ceil(count / 2)})"
    rows = f"ceil({count} / {cols})"
    tile_w = f"((width - {GLANCE_GAP} * ({cols} - 1)) / {cols})"
    tile_h = f"(({GLANCE_HEIGHT} - {GLANCE_GAP} * ({rows} - 1)) / {rows})"
    index = "(datum.number - 1)"
    left = f"(({index} % {cols}) * ({tile_w} + {GLANCE_GAP}))"
    top = f"(floor({index} / {cols}) * ({tile_h} + {GLANCE_GAP}))"
    return {"one_row": one_row, "tile_w": tile_w, "tile_h": tile_h, "left": left, "top": top,
            # In one row the words are centred under each other; in two rows they sit beside the symbol.
            "words_x": f"{one_row} ? {left} + {tile_w} / 2 : {left} + 40",
            "words_align": f"{one_row} ? 'center' : 'left'"}


@functools.lru_cache(maxsize=4)
def _glance_layout(count: int) -> alt.LayerChart:
    """Everything in the picture but its rows: one tile per sign, each with its number, a symbol, its title and its
    status in words; one row of tiles on a wide chart, two rows on a narrow one (the positions are expressions of
    the chart's width, worked out in the browser)."""
    e = _glance_layout_expressions(count)
    base = alt.Chart().encode(tooltip=alt.Tooltip("tooltip:N", title="Sign"))
    inset = 2  # half the edge's width, so no edge is cut off at the chart's border
    tile = base.mark_rect(
        cornerRadius=8, strokeWidth=2 * inset,
        x=alt.expr(f"{e['left']} + {inset}"), x2=alt.expr(f"{e['left']} + {e['tile_w']} - {inset}"),
        y=alt.expr(f"{e['top']} + {inset}"), y2=alt.expr(f"{e['top']} + {e['tile_h']} - {inset}"),
    ).encode(fill=alt.Fill("fill:N", scale=None), stroke=alt.Stroke("edge:N", scale=None))
    size = alt.expr(f"{e['one_row']} ? 15 : 12")

    def words(field: str, wide_y: int, narrow_y: int, weight: str = "normal") -> alt.Chart:
        return base.mark_text(
            baseline="top", color=INK, fontSize=size, fontWeight=weight, lineBreak="\n",
            lineHeight=alt.expr(f"{e['one_row']} ? 17 : 14"),
            x=alt.expr(e["words_x"]), align=alt.expr(e["words_align"]),
            y=alt.expr(f"{e['top']} + ({e['one_row']} ? {wide_y} : {narrow_y})"),
        ).encode(text=f"{field}:N")

    symbol = base.mark_text(
        baseline="top", color=INK, fontSize=alt.expr(f"{e['one_row']} ? 26 : 22"), align="center",
        x=alt.expr(f"{e['one_row']} ? {e['left']} + {e['tile_w']} / 2 : {e['left']} + 21"),
        y=alt.expr(f"{e['top']} + ({e['one_row']} ? 36 : {e['tile_h']} / 2 - 12)"),
    ).encode(text="symbol:N")
    return (
        alt.layer(tile, words("sign", 14, 7, "bold"), symbol, words("title", 76, 23), words("status", 126, 55, "bold"))
        .properties(height=GLANCE_HEIGHT, width="container")
        .configure_view(stroke=None)
    )


def signs_glance(assessment: Assessment) -> alt.LayerChart:
    """The four warning signs side by side, each a tile that says whether the scenario crosses it: "⚠ Crossed" on
    a vermillion edge, "✓ Not crossed" on a blue one. Colour is never the only cue: the symbol and words say it."""
    data = _glance_rows(assessment)
    return _glance_layout(len(data)).properties(data=data)


@functools.lru_cache(maxsize=4)
def _glance_template(count: int) -> str:
    return _template(_glance_layout(count))


def signs_glance_spec(assessment: Assessment) -> ChartSpec:
    """:func:`signs_glance` as a :class:`ChartSpec`: the layout made once, only the rows swapped per rerun."""
    data = _glance_rows(assessment)
    return ChartSpec(json.loads(_glance_template(len(data))), data)


def signs_glance_description(assessment: Assessment) -> str:
    """The picture in words, for the alt text.

    >>> from explainer import assess
    >>> signs_glance_description(assess({"twitching": True}))  # doctest: +NORMALIZE_WHITESPACE
    'The four warning signs for your scenario: 1. Intense and prolonged pain: not crossed; 2. Frequent and recurring
    spasms: not crossed; 3. Muscle weakness or fatigue: not crossed; 4. Abnormal muscle contractions: crossed.
    Crossed: 1 of 4.'
    """
    parts = [
        f"{number}. {sign.title}: {'crossed' if sign.crossed else 'not crossed'}"
        for number, sign in enumerate(assessment.signs, start=1)
    ]
    crossed = sum(sign.crossed for sign in assessment.signs)
    return (f"The four warning signs for your scenario: {'; '.join(parts)}. "
            f"Crossed: {crossed} of {len(assessment.signs)}.")


# --- A sign of yes/no lines as tiles: one per line, never an empty plot ----------------------------------------

YES_NO_FILL = {True: MET_FILL, False: "#DCEAF7"}  # the glance's tints: ink on both >= 12:1


def _yes_no_rows(assessment: Assessment, sign_id: str) -> pd.DataFrame:
    sign = assessment.sign(sign_id)
    return pd.DataFrame(
        [
            {
                "name": condition.name.capitalize(),
                "status": "⚠ Present" if condition.met else "✓ Not present",
                "fill": YES_NO_FILL[condition.met],
                "edge": CROSSED_COLOUR if condition.met else NOT_CROSSED_COLOUR,
            }
            for condition in sign.conditions
        ]
    )


@functools.lru_cache(maxsize=4)
def _yes_no_layout() -> alt.LayerChart:
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
    return alt.layer(tile, name, status).properties(height=120, width="container").configure_view(stroke=None)


@functools.lru_cache(maxsize=4)
def _yes_no_template() -> str:
    return _template(_yes_no_layout())


def yes_no_spec(assessment: Assessment, sign_id: str) -> ChartSpec:
    """A sign whose lines are all yes/no (the abnormal movements) as tiles: one per line, present or not."""
    return ChartSpec(json.loads(_yes_no_template()), _yes_no_rows(assessment, sign_id))


def yes_no_description(assessment: Assessment, sign_id: str) -> str:
    """The tiles in words, for the alt text.

    >>> from explainer import assess
    >>> yes_no_description(assess({"jerking": True}), "abnormal_contractions")  # doctest: +NORMALIZE_WHITESPACE
    "Tiles of 'Abnormal muscle contractions', one per movement: twitching: not present; jerking: present; shaking:
    not present. One is enough: the sign is met."
    """
    sign = assessment.sign(sign_id)
    parts = [f"{c.name}: {'present' if c.met else 'not present'}" for c in sign.conditions]
    return (f"Tiles of '{sign.title}', one per movement: {'; '.join(parts)}. "
            f"One is enough: the sign is {'met' if sign.crossed else 'not met'}.")


# --- Scaling a chart to its box: the presenter's stage ---------------------------------------------------------

FIT_SIGNAL = "fit"  # the factor every size in a fitted chart is multiplied by
FITTED_AXIS = {"labelLimit": 200, "labelPadding": 8, "titlePadding": 8}  # px at the reference size
LENGTHS = frozenset({
    "fontSize", "labelFontSize", "titleFontSize", "labelLimit", "titleLimit", "titleX", "titleY", "dx", "dy",
    "strokeWidth", "labelPadding", "titlePadding", "tickSize", "cornerRadius", "yOffset", "xOffset",
    "labelOffset", "symbolStrokeWidth", "height", "width",
})
AREAS = frozenset({"size", "symbolSize"})  # a point's size is its area: it grows with the square of the factor


def _scaled(value: Any, power: int) -> Any:
    factor = " * ".join([FIT_SIGNAL] * power)
    if isinstance(value, bool) or not isinstance(value, int | float | dict):
        return value
    if isinstance(value, dict):
        return {"expr": f"({value['expr']}) * {factor}"} if set(value) == {"expr"} else value
    return {"expr": f"{value} * {factor}"} if value else value


def _fit_sizes(node: Any, inside_data: bool = False) -> Any:
    if isinstance(node, list):
        return [_fit_sizes(item, inside_data) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in ("data", "datasets", "values", "domain", "range", "scale", "sort", "transform"):
            out[key] = value  # numbers here are data, not sizes
        elif key in LENGTHS:
            out[key] = _scaled(value, 1)
        elif key in AREAS:
            out[key] = _scaled(value, 2)
        else:
            out[key] = _fit_sizes(value)
    return out


def to_fit_container(chart: ChartSpec, reference_width: float, reference_height: float) -> ChartSpec:
    """The chart drawn as at ``reference_width`` x ``reference_height`` px and scaled to the box it is drawn in:
    every size in it (type, marks, strokes, offsets, limits) is multiplied by the factor by which its box is larger
    than the reference (the smaller of the two ratios), worked out by Vega in the browser from the box itself. Its
    height fills the box. So the chart grows with a box that grows with the window, with no round trip to the
    server, and its words never outgrow its plot.

    >>> from explainer import assess
    >>> fitted = to_fit_container(cause_chart_spec(assess({})), 400, 240)
    >>> fitted.spec["height"], fitted.spec["params"][0]["name"]
    ('container', 'fit')
    >>> fitted.spec["layer"][1]["mark"]["fontSize"]
    {'expr': '13 * fit'}
    """
    spec = {key: value for key, value in chart.spec.items() if key not in ("height", "width")}
    # Streamlit's theme sets the axes' label limit in px (100) and their paddings from its root type: on a stage
    # whose type grows with the window, those would cut labels short or grow twice. So they are set here, at the
    # reference size, and scale with the rest.
    config = spec.setdefault("config", {})
    config["axis"] = {**FITTED_AXIS, **config.get("axis", {})}
    spec = _fit_sizes(spec)
    # "+ 0 * width" makes Vega work the factor out again whenever the chart is resized; containerSize() is the box.
    factor = (f"max(0.25, min(containerSize()[0] / {reference_width}, containerSize()[1] / {reference_height}))"
              " + 0 * width")
    spec["params"] = [*spec.get("params", []), {"name": FIT_SIGNAL, "expr": factor}]
    spec["width"] = spec["height"] = "container"
    return ChartSpec(spec, chart.rows)
