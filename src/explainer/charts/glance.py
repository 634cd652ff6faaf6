"""The four warning signs at a glance: the Home page's picture, one tile per sign, worded as well as coloured."""

from __future__ import annotations

import math
import textwrap

import altair as alt
import pandas as pd

from explainer.assessment import Assessment
from explainer.charts.spec import ChartSpec, template
from explainer.charts.theme import CROSSED_COLOUR, INK, MET_FILL, NOT_CROSSED_COLOUR, NOT_MET_FILL, themed
from explainer.charts.words import status_word

__all__ = ["GLANCE_HEIGHT", "GLANCE_ONE_ROW", "signs_glance_description", "signs_glance_spec"]


GLANCE_FILL = {True: MET_FILL, False: NOT_MET_FILL}
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
    tiles = alt.layer(tile, words("sign", 14, 7, "bold"), symbol, words("title", 76, 23),
                      words("status", 126, 55, "bold"))
    return themed(tiles.properties(height=GLANCE_HEIGHT, width="container"))


def signs_glance_spec(assessment: Assessment) -> ChartSpec:
    """The four warning signs side by side, each a tile that says whether the scenario crosses it: "⚠ Crossed" on
    a vermillion edge, "✓ Not crossed" on a blue one. Colour is never the only cue: the symbol and words say it.
    The layout is made once, only the rows swapped per rerun."""
    data = _glance_rows(assessment)
    return ChartSpec(template(_glance_layout, len(data)), data)


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
