"""A chart as its Vega-Lite spec without the rows, and the rows; and the one cache of chart templates.

Streamlit draws an Altair chart by converting it with ``to_dict()``, which validates the whole chart against the
Vega-Lite schema on every rerun (about half the script time of a rerun, docs/performance.md). A :class:`ChartSpec`
holds the same Vega-Lite JSON, converted and validated once per layout (:func:`template`), and the rows apart;
``full()`` puts them together as one named dataset, as Altair does.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd
import pyarrow as pa

__all__ = ["ROWS", "SIZE_FACTOR", "ChartSpec", "template"]

ROWS = "rows"
SIZE_FACTOR = "size_factor"  # a chart parameter (1 on a page) that its expressions multiply their px sizes by;
# the stage sets it to its fit factor (explainer.charts.stage), as it scales every size written in the spec
TEMPLATES_KEPT = 256  # layouts differ by chart, sign, scale and axis end: a few dozen in a whole session


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

    def described(self, description: str) -> ChartSpec:
        """The chart with its one accessible name: Vega puts ``description`` on the chart's box as its
        ``aria-label`` (role graphics-document), and the theme hides the axes and marks from screen readers."""
        return ChartSpec({**self.spec, "description": description}, self.rows)


_templates: dict[tuple[Hashable, ...], tuple[tuple[Any, ...], str]] = {}


def _key(value: Any) -> Hashable:
    # Content is one object per data folder (explainer.content.cached_content): known by its identity. The cache
    # keeps a reference to it beside the text, so that identity is never reused while the entry lives.
    try:
        hash(value)
    except TypeError:
        return ("id", id(value))
    return value


def template(layout: Callable[..., alt.TopLevelMixin], *args: Any) -> dict[str, Any]:
    """``layout(*args)``'s Vega-Lite spec without its rows, made and validated once per ``args``; a fresh copy each
    call (Streamlit may change the dict it is given). The one template cache of every chart."""
    key = (layout.__qualname__, *(_key(arg) for arg in args))
    if key not in _templates:
        if len(_templates) >= TEMPLATES_KEPT:
            _templates.clear()
        spec = layout(*args).properties(data=pd.DataFrame({"placeholder": []})).to_dict()
        placeholder = spec.pop("data")["name"]
        del spec["datasets"][placeholder]
        if not spec["datasets"]:
            del spec["datasets"]
        _templates[key] = (args, json.dumps(spec))
    return json.loads(_templates[key][1])
