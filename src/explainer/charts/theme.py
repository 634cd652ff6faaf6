"""The charts' one look: colours, ink, type sizes and legends, set once for every chart.

Colours are from the Okabe-Ito palette (safe for colour-blind readers), and colour is never the only cue: every
bar, point and tile carries a word and a symbol as well.
"""

from __future__ import annotations

from typing import Any, TypeVar

import altair as alt

__all__ = [
    "CROSSED_COLOUR",
    "EVERYDAY_COLOUR",
    "INK",
    "MET_FILL",
    "NOT_CROSSED_COLOUR",
    "NOT_MET_FILL",
    "SERIOUS_COLOUR",
    "THRESHOLD_COLOUR",
    "themed",
]

CROSSED_COLOUR = "#D55E00"  # Okabe-Ito vermillion
NOT_CROSSED_COLOUR = "#0072B2"  # Okabe-Ito blue
SERIOUS_COLOUR = "#CC79A7"  # Okabe-Ito reddish purple
EVERYDAY_COLOUR = "#009E73"  # Okabe-Ito bluish green
THRESHOLD_COLOUR = "#000000"
INK = "#1A1A1A"
MET_FILL = "#F6D5C2"  # a light tint of the vermillion, for "past the line"; the words say it too
NOT_MET_FILL = "#DCEAF7"  # a light tint of the blue; ink on both >= 12:1
LEGEND_LABEL_LIMIT = 0  # a legend's words are never cut short (Vega's default cuts them at 160 px)

Layout = TypeVar("Layout", alt.LayerChart, alt.Chart)


def config(scale: float = 1.0, *, frame: bool = False) -> dict[str, Any]:
    """The Vega-Lite ``config`` every chart shares, at ``scale`` (the presenter's stage uses about 1.7).

    ``frame``: a border round the plot (the planes), else none. ``aria`` is off for the axes, legends and marks:
    a screen reader hears the chart's one name (its ``description``), never its tick numbers one by one.
    """
    font = round(13 * scale)
    return {
        "aria": False,
        "mark": {"aria": False},
        "axis": {"labelColor": INK, "titleColor": INK, "labelFontSize": round(12 * scale), "titleFontSize": font},
        "legend": {"orient": "top", "direction": "vertical", "labelFontSize": font, "labelColor": INK,
                   "symbolSize": round(100 * scale**2), "labelLimit": LEGEND_LABEL_LIMIT},
        "view": {"stroke": INK, "strokeWidth": 1} if frame else {"stroke": None},
    }


def themed(layout: Layout, scale: float = 1.0, *, frame: bool = False) -> Layout:
    """``layout`` in the shared look (:func:`config`)."""
    return layout.properties(config=config(scale, frame=frame))
