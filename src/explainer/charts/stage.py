"""Scaling a chart to its box: the presenter's stage, whose charts grow with the window with no round trip."""

from __future__ import annotations

from typing import Any

from explainer.charts.spec import SIZE_FACTOR, ChartSpec

__all__ = ["AREAS", "FIT_SIGNAL", "LENGTHS", "to_fit_container"]


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
    >>> from explainer.charts import cause_chart_spec
    >>> fitted = to_fit_container(cause_chart_spec(assess({})), 400, 240)
    >>> fitted.spec["height"], fitted.spec["params"][0]["name"]
    ('container', 'fit')
    >>> fitted.spec["layer"][1]["mark"]["fontSize"]
    {'expr': '13 * fit'}
    """
    # Its own size and autosize (a plane keeps its plot height on a page) give way to the box it fills.
    spec = {key: value for key, value in chart.spec.items() if key not in ("height", "width", "autosize")}
    # Streamlit's theme sets the axes' label limit in px (100) and their paddings from its root type: on a stage
    # whose type grows with the window, those would cut labels short or grow twice. So they are set here, at the
    # reference size, and scale with the rest.
    config = spec.setdefault("config", {})
    config["axis"] = {**FITTED_AXIS, **config.get("axis", {})}
    spec = _fit_sizes(spec)
    # "+ 0 * width" makes Vega work the factor out again whenever the chart is resized; containerSize() is the box.
    factor = (f"max(0.25, min(containerSize()[0] / {reference_width}, containerSize()[1] / {reference_height}))"
              " + 0 * width")
    # A chart's own size factor (the px sizes in its expressions) follows the fit factor too.
    params = [{"name": SIZE_FACTOR, "expr": FIT_SIGNAL} if p.get("name") == SIZE_FACTOR else p
              for p in spec.get("params", [])]
    spec["params"] = [*params, {"name": FIT_SIGNAL, "expr": factor}]
    spec["width"] = spec["height"] = "container"
    return ChartSpec(spec, chart.rows)
