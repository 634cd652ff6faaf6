"""The charts as a visitor sees and hears them, in a real Chromium at a laptop's and a phone's size.

Read from the drawn SVG (boxes from the browser's layout) and from Chromium's own accessibility tree (what a screen
reader is given), and compared with :func:`explainer.assess` for the same link: room to read the planes, every
line labelled where it crosses its axis, the point's words off every line, sign 4 as three tiles, one name per
chart said in words (the causes in drawn order), no toolbar tab stops, and each chart's numbers as a table.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest
from playwright.sync_api import Page

import explainer
from explainer import charts, presentation
from explainer.links import read_link
from tests.e2e.conftest import NewPage
from tests.e2e.helpers import DATA_DIR, open_page

pytestmark = pytest.mark.browser

CONTENT = explainer.load_content(DATA_DIR)
LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
SIZES = {"laptop": (LAPTOP, 160), "phone": (PHONE, 140)}  # the window, and the least plot height it must give
PLANES = [s.id for s in CONTENT.signs if charts.plane_inputs(CONTENT, s.id)]
YES_NO = [s.id for s in CONTENT.signs if all(c.op == "is_true" for c in s.conditions)]
# Points where words could meet a line: on a line, beside one, in a corner, and sign 2's "3 a week for 8 weeks".
LINKS = [
    "",
    "episodes_per_week=3&weeks_affected=8",
    "pain=7&duration_min=5&weakness=3&fatigue=9&episodes_per_week=50&weeks_affected=104",
    "pain=10&duration_min=11&weakness=2&fatigue=5&episodes_per_week=2&weeks_affected=4",
    "pain=6&duration_min=60&weakness=10&fatigue=0&episodes_per_week=4&weeks_affected=1&jerking=true",
]

# Each plane's drawn parts, as the browser lays them out: the plot, the two lines, the axis labels, the point's
# words. Vega draws a rule as a <line> (or a path) in a "role-mark" group of class mark-rule.
PLANE_PARTS = """
(chart) => {
  const box = (el) => { const r = el.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom}; };
  const svg = chart.querySelector('svg');
  const plot = svg.querySelector('g.mark-group.role-frame.root > g > path.background');
  const rules = [...svg.querySelectorAll('g.mark-rule.role-mark line, g.mark-rule.role-mark path')].map(box);
  const axes = [...svg.querySelectorAll('g.role-axis')].map((axis) =>
    [...axis.querySelectorAll('g.role-axis-label text')].map((t) => ({text: t.textContent, ...box(t)})));
  const words = [...svg.querySelectorAll('g.mark-text.role-mark text')]
    .filter((t) => t.textContent.includes('You:')).map((t) => ({text: t.textContent, ...box(t)}));
  return {plot: box(plot), rules, axes, words};
}
"""


def _inputs(link: str) -> dict[str, object]:
    """The inputs a link sets, read as the app reads them."""
    return dict(read_link({key: [value] for key, value in parse_qsl(link)}, CONTENT).values)


def _chart(page: Page, name_start: str):
    """The chart whose accessible name starts with ``name_start``."""
    return page.locator(f'[data-testid="stVegaLiteChart"][aria-label^="{name_start}"]')


def _overlap(a: dict, b: dict, margin: float = 0.5) -> bool:
    across = a["l"] < b["r"] + margin and b["l"] < a["r"] + margin
    return across and a["t"] < b["b"] + margin and b["t"] < a["b"] + margin


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("link", LINKS, ids=lambda link: link or "defaults")
def test_planes_are_tall_enough_label_every_line_on_its_axis_and_keep_words_off_the_lines(
    new_page: NewPage, base_url: str, size: str, link: str
) -> None:
    viewport, least = SIZES[size]
    page = new_page(viewport=viewport)
    open_page(page, base_url, "warning-signs", link, settle=True)
    assessment = explainer.assess(_inputs(link))
    for sign_id in PLANES:
        sign = CONTENT.sign(sign_id)
        chart = _chart(page, f"Chart of '{sign.title}'")
        chart.scroll_into_view_if_needed()
        parts = chart.evaluate(PLANE_PARTS)
        height = parts["plot"]["b"] - parts["plot"]["t"]
        print(f"{size} {link or 'defaults'} {sign_id}: plot {height:.0f} px tall")
        assert height >= least, f"{sign_id}: the plot is {height:.0f} px tall at {viewport}"
        upright = [r for r in parts["rules"] if r["r"] - r["l"] < 5]
        level = [r for r in parts["rules"] if r["b"] - r["t"] < 5]
        assert len(upright) == len(level) == 1, parts["rules"]
        x_input, y_input = charts.plane_inputs(CONTENT, sign_id)
        lines = {c.input: f"{float(c.threshold):g}" for c in sign.conditions}
        # Each line's number is written on its axis, where the line meets it (the tick's centre on the line).
        x_labels, y_labels = parts["axes"]
        x_tick = next(t for t in x_labels if t["text"] == lines[x_input])
        y_tick = next(t for t in y_labels if t["text"] == lines[y_input])
        assert abs((x_tick["l"] + x_tick["r"]) / 2 - (upright[0]["l"] + upright[0]["r"]) / 2) <= 4
        assert abs((y_tick["t"] + y_tick["b"]) / 2 - (level[0]["t"] + level[0]["b"]) / 2) <= 4
        # The point's words (and their white edge) say the engine's status and cross no line.
        met = assessment.sign(sign_id).crossed
        assert [w["text"] for w in parts["words"]] == [charts.PLANE_LABEL[met]] * 2
        for words in parts["words"]:
            for rule in parts["rules"]:
                assert not _overlap(words, rule), f"{sign_id}: '{words['text']}' lies on a line at {link}"


@pytest.mark.parametrize("size", SIZES)
def test_sign_4_is_three_tiles_of_words_on_the_page_and_the_stage(new_page: NewPage, base_url: str, size: str) -> None:
    link = "jerking=true"
    assessment = explainer.assess(_inputs(link))
    stage_step = next(n for n, step in enumerate(presentation.steps(CONTENT), start=1)
                      if step.kind == "sign" and step.sign_id in YES_NO)
    page = new_page(viewport=SIZES[size][0])
    for path, query in (("warning-signs", link), ("present", f"{link}&step={stage_step}")):
        open_page(page, base_url, path, query, settle=True)
        for sign_id in YES_NO:
            tiles = page.locator('[data-testid="stVegaLiteChart"][aria-label^="Tiles of"]').first
            drawn = tiles.evaluate("c => [...c.querySelectorAll('svg text')].map(t => t.textContent)")
            expected = []
            for condition in assessment.sign(sign_id).conditions:
                expected += [condition.name.capitalize(), "⚠ Present" if condition.met else "✓ Not present"]
            assert sorted(drawn) == sorted(expected), f"/{path}: {drawn}"  # words and symbols, not colour alone
            assert not any("cut-off" in text for text in drawn)


def _chart_names(page: Page) -> list[str]:
    """The name of every chart in the main area, in page order, as Chromium gives it to a screen reader."""
    cdp = page.context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    return [n.get("name", {}).get("value", "") for n in nodes
            if not n.get("ignored") and n.get("role", {}).get("value") == "graphics-document"]


@pytest.mark.parametrize("link", LINKS[:3], ids=lambda link: link or "defaults")
def test_each_sign_chart_is_heard_once_by_its_meaning_with_its_numbers_in_a_table(
    page: Page, base_url: str, link: str
) -> None:
    open_page(page, base_url, "warning-signs", link, settle=True)
    assessment = explainer.assess(_inputs(link))
    expected = [charts.sign_plane_alt(assessment, CONTENT, sign_id=s) for s in PLANES]
    expected += [charts.yes_no_description(assessment, s) for s in YES_NO]
    assert _chart_names(page)[: len(expected)] == expected
    for number, name in enumerate(expected):
        chart = _chart(page, name[:30]).first
        # Nothing inside the picture is read on its own: no tick numbers, no words of the marks.
        assert chart.aria_snapshot().strip() == "- img", chart.aria_snapshot()
        # Its numbers, as a table right after it (hidden from the eye, there for a screen reader).
        table = page.locator(".chart-table table").nth(number)
        cells = table.locator("td").all_inner_texts()
        sign_id = (PLANES + YES_NO)[number]
        for condition in assessment.sign(sign_id).conditions:
            if condition.op != "is_true":
                shown = explainer.format_value(CONTENT.input(condition.input), condition.value)
                assert shown in cells, f"{sign_id}: {shown} not in its table {cells}"
    # No toolbar: no "Copy Vega-Lite spec" or "Show data" buttons, so no tab stops and no name said four times.
    main = page.locator('[data-testid="stMain"]').aria_snapshot()
    assert "Vega-Lite" not in main and "Show data" not in main and "Fullscreen" not in main


CAUSE_LINKS = ["", "pain=9&numbness=true&radiating_pain=true", "potassium=3.0&diuretic=true&episodes_per_week=5"]


@pytest.mark.parametrize("link", CAUSE_LINKS, ids=lambda link: link or "defaults")
def test_the_cause_chart_is_heard_with_each_cause_and_its_points_in_drawn_order(
    page: Page, base_url: str, link: str
) -> None:
    open_page(page, base_url, "causes", link, settle=True)
    assessment = explainer.assess(_inputs(link))
    (name,) = [n for n in _chart_names(page) if n.startswith("Bar chart of the evidence")]
    assert name == charts.cause_chart_description(assessment)
    chart = _chart(page, "Bar chart of the evidence")
    # The causes as drawn, top to bottom (the y axis's labels), and their points as drawn beside each bar.
    drawn = chart.evaluate("""c => [...c.querySelectorAll('svg g.role-axis-label text')]
        .map(t => [t.getBoundingClientRect().top, t.textContent]).sort((a, b) => a[0] - b[0]).map(p => p[1])""")
    drawn = [text for text in drawn if not text.isdigit()]  # the x axis's numbers are not causes
    heard = [part.rsplit(": ", 1)[0] for part in name.split(". ")[1:-1]]
    assert heard == drawn
    heard_points = [part.rsplit(": ", 1)[1] for part in name.split(". ")[1:-1]]
    assert heard_points == [explainer.assessment.points_text(f.points) for f in assessment.cause_fit]
    assert chart.aria_snapshot().strip() == "- img"
