"""The Home page's picture: the four signs at a glance, live, worded as well as coloured, and fitting on a phone."""

from __future__ import annotations

import pytest

from explainer import assess, charts
from tests.test_charts import SCENARIOS, _drawn_words, _marks

PHONE_WIDTH, LAPTOP_WIDTH = 340, 900  # the chart's own width on a 390 px phone and on a 1366 px laptop
EM_WIDTH = 0.62  # a generous average character width of the export font (DejaVu Sans), in ems


@pytest.mark.parametrize("inputs", SCENARIOS)
def test_a_tile_per_sign_in_article_order_says_crossed_or_not_in_words_and_symbol(inputs: dict) -> None:
    result = assess(inputs)
    rows = charts.signs_glance_spec(result).rows.to_dict(orient="records")
    assert [row["number"] for row in rows] == [1, 2, 3, 4]
    for row, sign in zip(rows, result.signs, strict=True):
        assert row["title"].replace("\n", " ") == sign.title
        assert (row["symbol"], row["status"]) == (("⚠", "Crossed") if sign.crossed else ("✓", "Not crossed"))
        assert row["edge"] == (charts.CROSSED_COLOUR if sign.crossed else charts.NOT_CROSSED_COLOUR)
    description = charts.signs_glance_description(result)
    for number, sign in enumerate(result.signs, start=1):
        assert f"{number}. {sign.title}: {'crossed' if sign.crossed else 'not crossed'}" in description
    assert f"Crossed: {sum(s.crossed for s in result.signs)} of 4." in description


@pytest.mark.parametrize("inputs", SCENARIOS)
def test_the_drawn_glance_writes_each_signs_words_and_only_its_rows_change(inputs: dict) -> None:
    result = assess(inputs)
    glance = charts.signs_glance_spec(result)
    drawn = _drawn_words(glance.full(), LAPTOP_WIDTH)
    for row in glance.rows.to_dict(orient="records"):
        assert {row["sign"], row["symbol"], row["status"], *row["title"].split("\n")} <= set(drawn)
    assert {**glance.spec, "description": ""} == {**charts.signs_glance_spec(assess({})).spec, "description": ""}


def _text_box(item: dict) -> tuple[float, float, float, float]:
    """An estimate of a drawn text's box (left, top, right, bottom): Vega's scenegraph gives its anchor only."""
    lines = str(item["text"]).split("\n")
    width = max(len(line) for line in lines) * item["fontSize"] * EM_WIDTH
    height = len(lines) * item.get("lineHeight", item["fontSize"])
    left = {"left": item["x"], "center": item["x"] - width / 2, "right": item["x"] - width}[item.get("align", "left")]
    return left, item["y"], left + width, item["y"] + height


@pytest.mark.parametrize(("width", "rows_of_tiles"), [(PHONE_WIDTH, 2), (LAPTOP_WIDTH, 1)])
@pytest.mark.parametrize("inputs", [{}, {"pain": 9, "duration_min": 20, "twitching": True}])
def test_every_word_is_drawn_inside_its_own_tile_on_a_phone_and_a_laptop(
    inputs: dict, width: int, rows_of_tiles: int
) -> None:
    marks = _marks(charts.signs_glance_spec(assess(inputs)).full(), width)
    tiles = marks["rect"]
    assert len(tiles) == 4
    assert len({tile["y"] for tile in tiles}) == rows_of_tiles
    for tile in tiles:  # no tile runs off the chart
        assert tile["x"] >= 0 and tile["x"] + tile["width"] <= width
        assert tile["y"] >= 0 and tile["y"] + tile["height"] <= charts.GLANCE_HEIGHT
    texts = [item for item in marks["text"] if item.get("text")]
    assert len(texts) == 4 * 4  # number, symbol, title and status in every tile
    for item in texts:
        left, top, right, bottom = _text_box(item)
        inside = [t for t in tiles if t["x"] <= left and right <= t["x"] + t["width"]
                  and t["y"] <= top and bottom <= t["y"] + t["height"]]
        assert len(inside) == 1, f"{item['text']!r} at {width} px is not inside one tile"
