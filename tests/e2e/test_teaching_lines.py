"""The teaching line, live (issue 20, item 7), in a real Chromium: on /warning-signs a presenter opens "Teaching
lines", moves the line marked as a teaching threshold with the keyboard, and the line drawn in the sign's plane moves
(read from the SVG) while the card flips; a line that comes from a source has no control. Generated from data/."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

import explainer
from explainer import charts, teaching
from tests.e2e.conftest import NewPage
from tests.e2e.helpers import DATA_DIR, open_page, rerun_after, sign_status, slider
from tests.e2e.test_charts import PLANE_PARTS

pytestmark = pytest.mark.browser

CONTENT = explainer.load_content(DATA_DIR)
SIGN = CONTENT.sign("intense_prolonged_pain")
LINE = next(c for c in SIGN.conditions if c.teaching)  # pain, at 7: the app's own line
SOURCED = [c for s in CONTENT.signs for c in s.conditions if not c.teaching and c.op != "is_true"]
WORDS = explainer.content.cached_words("pages.toml", str(DATA_DIR))["teaching_lines"]


def _plane_rules(page: Page) -> list[dict]:
    chart = page.locator(f'[data-testid="stVegaLiteChart"][aria-label^="Chart of \'{SIGN.title}\'"]')
    chart.scroll_into_view_if_needed()
    return chart.evaluate(PLANE_PARTS)["rules"]


def test_moving_the_teaching_line_moves_the_drawn_line_and_flips_the_card(new_page: NewPage, base_url: str) -> None:
    page = new_page(viewport={"width": 1366, "height": 768})
    # One step under the teaching line (pain 6), past the sourced line (15 minutes is more than 10).
    open_page(page, base_url, "warning-signs", f"{LINE.input}={int(LINE.threshold) - 1}&duration_min=15",
              settle=True)
    assert sign_status(page, SIGN.id) == "Not crossed"
    before = _plane_rules(page)
    page.get_by_text(WORDS["label"], exact=True).click()  # the closed section: off by default
    for sourced in SOURCED:  # a line from a source has no control
        expect(slider(page, WORDS["slider"].format(name=sourced.name))).to_have_count(0)
    thumb = slider(page, WORDS["slider"].format(name=LINE.name))
    expect(thumb).to_have_count(1)
    thumb.focus()
    with rerun_after(page):
        thumb.press("ArrowLeft")
        thumb.press("ArrowLeft")  # 7 -> 5
    expect(thumb).to_have_attribute("aria-valuetext", f"{int(LINE.threshold) - 2}")
    expect(page.get_by_text("educator's choice for teaching")).to_be_visible()
    expect(page.locator(f".st-key-sign-{SIGN.id}")).to_contain_text("Crossed")
    assert sign_status(page, SIGN.id) == "Crossed"
    assert f"{teaching.LINK_PREFIX}{LINE.input}={int(LINE.threshold) - 2}" in page.url, "the link carries the line"
    page.wait_for_timeout(500)  # the chart's new spec is drawn a moment after the run
    after = _plane_rules(page)
    assert len(before) == len(after) == 2
    assert sorted(map(str, before)) != sorted(map(str, after)), "the teaching line is drawn where it was moved to"
    words = page.locator(f'[data-testid="stVegaLiteChart"][aria-label^="Chart of \'{SIGN.title}\'"]')
    expect(words).to_have_attribute("aria-label", charts.sign_plane_alt(
        explainer.assess({LINE.input: int(LINE.threshold) - 1, "duration_min": 15},
                         teaching_lines=(teaching.TeachingLine(LINE.input, LINE.threshold - 2),)),
        teaching.with_lines(CONTENT, (teaching.TeachingLine(LINE.input, LINE.threshold - 2),)), sign_id=SIGN.id))
