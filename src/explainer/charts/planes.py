"""A two-part sign as a plane: "and" (one corner) and "or" (an L) made visible, with the visitor's point.

With ``follow`` (on /warning-signs), the point, its colour, shape and words follow the page's sliders in the
browser, with no round trip to the server; the row the server sends still carries the values, for the point's
text alternative and for any page without the sliders' copies. Such a plane can also be pressed or dragged on: it
says how its axes draw values (:func:`plane_axes`, in a hidden box of its own), and ui/assets/plane-drag.js turns
a place on it into the two sliders' values and sets the sliders, which stay the one control.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

import altair as alt
import pandas as pd

from explainer import rules
from explainer.assessment import Assessment
from explainer.charts.follow import bound_params, follow_binding
from explainer.charts.spec import SIZE_FACTOR, ChartSpec, template
from explainer.charts.theme import CROSSED_COLOUR, INK, MET_FILL, NOT_CROSSED_COLOUR, THRESHOLD_COLOUR, themed
from explainer.charts.words import NOT_PAST, PAST, PLANE_LABEL, PLANE_MOVE
from explainer.content import Condition, Content, InputSpec
from explainer.words import line_text

__all__ = ["DRAG_AXES", "plane_axes", "plane_inputs", "sign_plane_alt", "sign_plane_description", "sign_plane_spec"]


def plane_inputs(content: Content, sign_id: str) -> tuple[str, str] | None:
    """The (x, y) inputs of a sign drawn as a plane: a sign with exactly two number lines, else None.

    >>> from explainer.content import cached_content
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


def _follow_fields(content: Content, sign_id: str, x_input: str, y_input: str) -> dict[str, str]:
    """Vega expressions for the point's values, status and words in the browser, from the same lines as
    :func:`explainer.assess` (generated from data/signs.toml by :func:`explainer.rules.sign_expression`, as the
    cause chart's are).

    Each value is the slider's, read from the chart's own copy of it (:func:`explainer.charts.follow.follow_binding`)
    on every change; while the copy has no value (no component on the page, or before it runs), the server's.
    """
    fallbacks = {x_input: "datum.x", y_input: "datum.y"}  # the plane's row keeps its two values as x and y
    fields = {f"shown_{axis}": rules.live_value(input_id, fallbacks[input_id])
              for axis, input_id in (("x", x_input), ("y", y_input))}
    met = rules.sign_expression(content, sign_id, frozenset(fallbacks), fallbacks)
    fields["shown_status"] = f"{met} ? {json.dumps(PAST)} : {json.dumps(NOT_PAST)}"
    fields["shown_label"] = (f"datum.shown_status === {json.dumps(PAST)} ? {json.dumps(PLANE_LABEL[True])} : "
                             f"{json.dumps(PLANE_LABEL[False])}")
    return fields


def _point(assessment: Assessment, content: Content, sign_id: str) -> pd.DataFrame:
    x_input, y_input = plane_inputs(content, sign_id) or ("", "")
    sign = assessment.sign(sign_id)
    x, y = sign.values[x_input], sign.values[y_input]
    status = PAST if sign.crossed else NOT_PAST
    label = PLANE_LABEL[sign.crossed]  # drawn beside the point
    return pd.DataFrame([{"x": float(x or 0), "y": float(y or 0), "status": status, "label": label}])


PLOT_HEIGHT = 170  # px of plotting area, axes and titles apart: >= 160 at 1366x768 and >= 140 at 390x844
SQUEEZED = 0.1  # a line in the lowest tenth of its axis would be squeezed into a corner on an even scale
LABEL_GAP = 14  # px between the point and its words
LABEL_EM = 0.62  # a generous average width of a bold character, in ems, for the words' box
LINE_MARGIN = 3  # px the words' box keeps clear of a line


@dataclass(frozen=True)
class PlaneAxis:
    """One axis of a plane: its input, its line, and how values sit along it.

    A line in the lowest tenth of its range (sign 2: 3 a week on 0-50, 4 weeks on 0-104) goes on a symmetric log
    scale. Why log, and not a focused range with an "and more" band: the sliders run to 50 and 104 and every value
    must be drawn where it is, so a band would have to stack everything past its edge on one place; a log scale
    gives the numbers near the lines most of the room (3 and 4 land a third of the way along, "3 a week for 8
    weeks" in the middle of the plane) and still shows 50 a week and two years. Symmetric log (``symlog``) because
    0 is a real answer and a plain log scale cannot draw it.
    """

    spec: InputSpec
    line: Condition

    @property
    def log(self) -> bool:
        return float(self.line.threshold) - self.spec.min < SQUEEZED * (self.spec.max - self.spec.min)  # type: ignore[arg-type]

    def kind(self) -> dict[str, str | float]:
        """The scale's type, as Vega-Lite takes it: nothing (linear), or symlog with its constant."""
        return {"type": "symlog", "constant": 1} if self.log else {}

    def scale(self) -> alt.Scale:
        return alt.Scale(domain=[self.spec.min, self.spec.max], nice=False, **self.kind())

    def drawn(self) -> dict[str, object]:
        """How the axis draws a value, for a script that turns a place on the plane back into one: the input it
        shows, its domain and its scale (the same as :meth:`scale`)."""
        return {"input": self.spec.id, "domain": [self.spec.min, self.spec.max], "type": "linear", **self.kind()}

    def ticks(self) -> list[float]:
        """The ends and the line; on a log scale, 10 too, so the uneven steps can be seen."""
        ticks = [self.spec.min, float(self.line.threshold), self.spec.max]  # type: ignore[arg-type]
        if self.log and self.spec.min < 10 < self.spec.max:
            ticks.append(10)
        return sorted(set(ticks))

    def fraction(self, value: str) -> str:
        """A Vega expression: how far along the axis ``value`` sits, from 0 to 1, as its scale draws it."""
        low, high = self.spec.min, self.spec.max
        clamped = f"clamp({value}, {low}, {high})"
        if self.log:
            return f"((log(1 + {clamped}) - {math.log1p(low)!r}) / {math.log1p(high) - math.log1p(low)!r})"
        return f"(({clamped} - {low}) / {high - low})"


def _axes(content: Content, sign_id: str) -> tuple[PlaneAxis, PlaneAxis]:
    """A plane's (x, y) axes."""
    sign = content.sign(sign_id)
    x_input, y_input = plane_inputs(content, sign_id)  # type: ignore[misc]
    x_axis, y_axis = (PlaneAxis(content.input(i), next(c for c in sign.conditions if c.input == i))
                      for i in (x_input, y_input))
    return x_axis, y_axis


DRAG_AXES = "drag_axes"  # the parameter of a following plane that holds plane_axes(), bound to a hidden box


def plane_axes(content: Content, sign_id: str) -> dict[str, dict[str, object]]:
    """How a plane's axes draw values, for ui/assets/plane-drag.js, which turns a press on the plane into the
    sliders' values: for "x" and "y", the input, the domain and the scale's type (a symlog's constant too).

    >>> from explainer.content import cached_content
    >>> plane_axes(cached_content(), "frequent_recurring")["y"]
    {'input': 'episodes_per_week', 'domain': [0.0, 50.0], 'type': 'symlog', 'constant': 1}
    """
    x_axis, y_axis = _axes(content, sign_id)
    return {"x": x_axis.drawn(), "y": y_axis.drawn()}


def _label_place(x_axis: PlaneAxis, y_axis: PlaneAxis, x: str, y: str, label: str, scale: float
                 ) -> dict[str, str]:
    """Vega expressions (calculate steps, in order) for the top-left corner of the point's words, in px: the first
    of a few places whose box stays inside the plane and off both lines. Beside the point first (level with it,
    above, below; on the side towards the middle first), then above or below the level line, then across the
    upright line. Worked out in the browser from the chart's own width and height, so it holds on a phone, on a
    laptop and while the point follows a slider."""
    font = round(13 * scale)
    size = SIZE_FACTOR  # 1 on a page; the stage's fit factor there (explainer.charts.stage)
    box_w = f"(length(datum.{label}) * {font * LABEL_EM!r} * {size})"  # the words' own width, estimated
    box_h = f"({round(font * 1.3)} * {size})"
    gap, margin = f"({round(LABEL_GAP * scale)} * {size})", LINE_MARGIN
    line_x = f"({x_axis.fraction(repr(float(x_axis.line.threshold)))} * width)"  # type: ignore[arg-type]
    line_y = f"((1 - {y_axis.fraction(repr(float(y_axis.line.threshold)))}) * height)"  # type: ignore[arg-type]
    right, left = f"(datum.px + {gap})", f"(datum.px - {gap} - {box_w})"
    near, far = f"(datum.px <= width / 2 ? {right} : {left})", f"(datum.px <= width / 2 ? {left} : {right})"
    across = f"(datum.px <= datum.line_x ? datum.line_x + {gap} / 2 : datum.line_x - {gap} / 2 - {box_w})"
    level, above, below = f"(datum.py - {box_h} / 2)", f"(datum.py - {gap} - {box_h})", f"(datum.py + {gap} / 2)"
    over_line, under_line = f"(datum.line_y - {gap} / 2 - {box_h})", f"(datum.line_y + {gap} / 2)"
    places = [(near, level), (near, above), (near, below), (far, level), (far, above), (far, below),
              (near, over_line), (near, under_line), (far, over_line), (far, under_line),
              (across, level), (across, above), (across, below), (across, over_line), (across, under_line)]

    def inside(x0: str, y0: str) -> str:
        return f"{x0} >= 0 && {x0} + {box_w} <= width && {y0} >= 0 && {y0} + {box_h} <= height"

    def clear(x0: str, y0: str) -> str:
        return (f"{inside(x0, y0)} && (datum.line_x < {x0} - {margin} || datum.line_x > {x0} + {box_w} + {margin})"
                f" && (datum.line_y < {y0} - {margin} || datum.line_y > {y0} + {box_h} + {margin})")

    choice = "0"  # no place clear (a plane too small to have room): the first that fits, else beside the point
    for number, place in reversed(list(enumerate(places))):
        choice = f"({inside(*place)}) ? {number} : {choice}"
    for number, place in reversed(list(enumerate(places))):
        choice = f"({clear(*place)}) ? {number} : {choice}"
    return {
        "px": f"{x_axis.fraction(f'datum.{x}')} * width",
        "py": f"(1 - {y_axis.fraction(f'datum.{y}')}) * height",
        "line_x": line_x,
        "line_y": line_y,
        "place": choice,
        "label_x": f"[{', '.join(p[0] for p in places)}][datum.place]",
        "label_y": f"[{', '.join(p[1] for p in places)}][datum.place]",
    }


def _layout(content: Content, sign_id: str, scale: float, follow: bool) -> alt.LayerChart:
    """Everything in a sign's plane but the visitor's point: the axes in real units, each line labelled on its
    axis, and the region where the sign is met (one corner for "all of", an L for "any of"), made once per sign."""
    sign = content.sign(sign_id)
    x_axis, y_axis = _axes(content, sign_id)
    x_input, y_input = x_axis.spec.id, y_axis.spec.id
    font = round(13 * scale)

    def axis(along: PlaneAxis, *, side: bool, note: str = "") -> alt.Axis:
        # Streamlit fits the whole chart to its height, so the side axis's title is written across, above the
        # axis, where it takes no height from the plot. The ticks are the ends and the line itself (never dropped
        # for want of room: labelOverlap off), on a log scale 10 as well.
        scale_note = ", log scale" if along.log else ""
        title: str | list[str] = f"{along.line.name.capitalize()} ({along.spec.unit}{scale_note})"
        if note:  # on a line of its own, so a phone's narrow chart keeps its width for the plot
            title = [str(title), note]
        placement = {"titleAngle": 0, "titleAlign": "left", "titleAnchor": "end", "titleX": 0, "titleY": -8} if side \
            else {}
        # 7 and 10.5, never "7.0" (without a precision, Vega picks the digits from the tick count, which grows with
        # the height).
        return alt.Axis(title=title, values=along.ticks(), grid=False, format=".10~g", labelOverlap=False,
                        labelFlush=True, **placement)

    joiner = "past both cut-offs" if sign.match == "all" else "past either cut-off"
    x_line, y_line = float(x_axis.line.threshold), float(y_axis.line.threshold)  # type: ignore[arg-type]
    x_spec, y_spec = x_axis.spec, y_axis.spec
    if sign.match == "all":
        regions = [{"x": x_line, "x2": x_spec.max, "y": y_line, "y2": y_spec.max}]
    else:
        regions = [
            {"x": x_line, "x2": x_spec.max, "y": y_spec.min, "y2": y_spec.max},
            {"x": x_spec.min, "x2": x_spec.max, "y": y_line, "y2": y_spec.max},
        ]
    region = alt.Chart(pd.DataFrame(regions)).mark_rect(color=MET_FILL, opacity=0.9).encode(
        x=alt.X("x:Q", scale=x_axis.scale(), axis=axis(x_axis, side=False, note=f"Shaded = met, {joiner}")),
        x2="x2:Q",
        y=alt.Y("y:Q", scale=y_axis.scale(), axis=axis(y_axis, side=True)), y2="y2:Q",
    )
    stroke = round(2 * scale)
    x_rule = alt.Chart(pd.DataFrame([{"x": x_line}])).mark_rule(
        color=THRESHOLD_COLOUR, strokeWidth=stroke).encode(x="x:Q")
    y_rule = alt.Chart(pd.DataFrame([{"y": y_line}])).mark_rule(
        color=THRESHOLD_COLOUR, strokeWidth=stroke).encode(y="y:Q")
    shown = _follow_fields(content, sign_id, x_input, y_input) if follow else {}
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
        tooltip=[alt.Tooltip(f"{label}:N", title="Your values")],
    )
    # The point's words sit beside it where no line runs through them (_label_place). A white edge under them
    # keeps them readable where they meet the plane's border.
    place = _label_place(x_axis, y_axis, x, y, label, scale)
    point_labels = [
        drawn(alt.Chart()).transform_calculate(**place).mark_text(
            align="left", baseline="top", fontSize=font, color=INK, fontWeight="bold", clip=False,
            x=alt.expr("datum.label_x"), y=alt.expr("datum.label_y"), **edge,
        ).encode(text=f"{label}:N")
        for edge in ({"stroke": "#FFFFFF", "strokeWidth": round(4 * scale), "strokeJoin": "round"}, {})
    ]
    layers = alt.layer(region, x_rule, y_rule, point, *point_labels)
    layers = layers.add_params(alt.param(name=SIZE_FACTOR, value=1))
    if follow:
        layers = layers.add_params(*bound_params((x_input, y_input)))
        # How the axes draw values, in a hidden box of the chart's own (as the sliders' copies are): read by
        # ui/assets/plane-drag.js, which turns a press on the plane into the sliders' values.
        axes = json.dumps(plane_axes(content, sign_id), separators=(",", ":"))
        layers = layers.add_params(alt.param(name=DRAG_AXES, value=axes, bind=follow_binding()))
    # The height is the plot's own (autosize fit-x): the axes and titles add to it, never take from it.
    sized = layers.properties(height=round(PLOT_HEIGHT * scale), width="container",
                              autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    return themed(sized, scale, frame=True)


def sign_plane_spec(assessment: Assessment, content: Content, *, sign_id: str, scale: float = 1.0,
                    follow: bool = False) -> ChartSpec:
    """A two-part sign drawn as a plane: the visitor's point, each line, and the shaded region where the sign is
    met. Only for signs :func:`plane_inputs` accepts. The layout is made once per sign, only the point swapped.

    ``follow``: the point follows the page's sliders in the browser."""
    return ChartSpec(template(_layout, content, sign_id, scale, follow), _point(assessment, content, sign_id))


def _lines(assessment: Assessment, content: Content, sign_id: str) -> str:
    """The sign's lines in words: "pain 7 or more out of 10 and spasm length more than 10 minutes"."""
    sign = assessment.sign(sign_id)
    lines = [f"{c.name} {line_text(c.op, c.threshold)} {content.input(c.input).unit}".strip() for c in sign.conditions]
    return f" {'and' if sign.match == 'all' else 'or'} ".join(lines)


def sign_plane_alt(assessment: Assessment, content: Content, *, sign_id: str) -> str:
    """The plane's accessible name on a page with live parts: the sign, its lines, where the point is and whether
    the sign is met, and what moves the point (its sliders; a press or drag on it, ui/assets/plane-drag.js); the
    values themselves are beside the chart and in its table.

    Why not the values too: the name is part of the chart's spec, and a changed spec makes the browser rebuild the
    chart from scratch on every move (Vega-Lite compile and Vega parse, docs/performance.md). This text changes
    only when the sign's status does.

    >>> from explainer import assess
    >>> from explainer.content import cached_content
    >>> sign_plane_alt(assess({"pain": 8, "duration_min": 15}), cached_content(),
    ...                sign_id="intense_prolonged_pain")  # doctest: +NORMALIZE_WHITESPACE
    "Chart of 'Intense and prolonged pain'. The sign is met at pain 7 or more out of 10 and spasm length more than
    10 minutes, in the shaded region. Your point is inside it: the sign is met. The sliders for pain and spasm
    length move your point. You can also press or drag on the chart."
    """
    sign = assessment.sign(sign_id)
    state = "inside" if sign.crossed else "outside"
    moved_by = PLANE_MOVE.format(names=" and ".join(c.name for c in sign.conditions))
    return (f"Chart of '{sign.title}'. The sign is met at {_lines(assessment, content, sign_id)}, in the shaded "
            f"region. Your point is {state} it: the sign is {'met' if sign.crossed else 'not met'}. {moved_by}")


def sign_plane_description(assessment: Assessment, content: Content, *, sign_id: str) -> str:
    """The plane in words, with the values, for the stage (where nothing follows a slider)."""
    sign = assessment.sign(sign_id)
    parts = [f"{c.text[:1].upper()}{c.text[1:]}." for c in sign.conditions]  # each line its own sentence
    state = "inside" if sign.crossed else "outside"
    return " ".join([f"Chart of '{sign.title}'. The sign is met at {_lines(assessment, content, sign_id)}.", *parts,
                     f"Your point is {state} the shaded region: the sign is {'met' if sign.crossed else 'not met'}."])
