"""Charts as files to download: PNG and SVG, made on this machine by vl-convert.

The app's charts use ``width="container"``, which only a browser can size, so each exported copy gets a fixed
width. ``allowed_base_urls=[]`` forbids the converter to fetch any data from the network; the charts carry their
data inline and the fonts come from this machine, so no request leaves it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, MutableMapping
from typing import Any, TypeVar

import altair as alt
import vl_convert

__all__ = ["EXPORT_WIDTH", "MAX_RENDERS_AT_ONCE", "chart_png", "chart_svg", "export_spec", "file_key", "one_at_a_time"]

T = TypeVar("T")

EXPORT_WIDTH = 640  # px of the plot area: a readable size on a slide or a printed page
EXPORT_FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"  # has the ⚠ and ✓ symbols the charts use
NO_NETWORK: list[str] = []  # vl-convert's allowed_base_urls: an empty list allows no URL at all


Chart = alt.TopLevelMixin | dict[str, Any]  # an Altair chart, or its Vega-Lite spec


def export_spec(chart: Chart, width: int = EXPORT_WIDTH) -> dict[str, Any]:
    """The chart's Vega-Lite spec with a fixed width and a font that has the charts' symbols.

    >>> spec = export_spec(alt.Chart({"values": [{"x": 1}]}).mark_bar().encode(x="x:Q").properties(width="container"))
    >>> spec["width"], spec["config"]["font"].split(",")[0]
    (640, 'DejaVu Sans')
    """
    spec = dict(chart) if isinstance(chart, dict) else chart.to_dict()
    spec["width"] = width
    config = dict(spec.get("config", {}))
    config["font"] = EXPORT_FONT
    spec["config"] = config
    return spec


def chart_png(chart: Chart, width: int = EXPORT_WIDTH, scale: float = 2.0) -> bytes:
    """The chart as PNG bytes, drawn at ``scale`` times its size so it stays sharp when printed."""
    return bytes(vl_convert.vegalite_to_png(export_spec(chart, width), scale=scale, allowed_base_urls=NO_NETWORK))


def chart_svg(chart: Chart, width: int = EXPORT_WIDTH) -> str:
    """The chart as an SVG document (text stays text, so it can be searched and edited)."""
    return str(vl_convert.vegalite_to_svg(export_spec(chart, width), allowed_base_urls=NO_NETWORK))


# Drawing a chart file takes a core for a tenth of a second or more. However many visitors (or one visitor with
# many clicks) ask at once, only this many are drawn at the same time; the rest wait their turn, so the app's own
# reruns keep the other core (docs/performance.md, issue 10).
MAX_RENDERS_AT_ONCE = 1
_RENDERS = threading.BoundedSemaphore(MAX_RENDERS_AT_ONCE)
KEEP_PER_VISIT = 8  # files a visit keeps, so a burst of clicks on the same picture draws it once


def one_at_a_time(made: MutableMapping[str, T], key: str, make: Callable[[], T]) -> T:
    """``make()``: a file drawn at most :data:`MAX_RENDERS_AT_ONCE` at a time in this process, and kept in
    ``made`` under ``key`` (one visit's own store: nothing outlives the visit) so the same file is drawn once.

    >>> made, calls = {}, []
    >>> first = one_at_a_time(made, "png:chart", lambda: calls.append(1) or b"png")
    >>> again = one_at_a_time(made, "png:chart", lambda: calls.append(1) or b"png")
    >>> first == again == b"png", len(calls)
    (True, 1)
    """
    if key in made:
        return made[key]
    with _RENDERS:
        if key in made:  # drawn by an earlier click while this one waited
            return made[key]
        data = make()
    while len(made) >= KEEP_PER_VISIT:
        made.pop(next(iter(made)))
    made[key] = data
    return data


def file_key(kind: str, chart: Chart) -> str:
    """The key of a chart file: its kind and its spec, so a changed picture is a new file."""
    spec = dict(chart) if isinstance(chart, dict) else chart.to_dict()
    return f"{kind}:{json.dumps(spec, sort_keys=True, default=str)}"
