"""An explorable, not a document: on a laptop and on a phone, an input and the chart it moves share the first
screen, without opening a menu, and moving the input redraws that chart. Measured in Chromium, as drawn."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import NewPage
from tests.e2e.helpers import open_page, rerun_after, settle_page, sidebar_open, wait_for_app

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
SCREENS = [pytest.param(LAPTOP, False, id="1366x768"), pytest.param(PHONE, True, id="390x844")]


def _open(new_page: NewPage, base_url: str, viewport: dict[str, int], phone: bool, path: str, query: str) -> Page:
    options = {"is_mobile": True, "has_touch": True} if phone else {}
    page = new_page(viewport=viewport, **options)
    open_page(page, base_url, path, query)
    settle_page(page)
    return page


def _on_first_screen(page: Page, element: Locator, what: str) -> None:
    box = element.bounding_box()
    assert box is not None, f"{what} is not drawn"
    height, width = page.viewport_size["height"], page.viewport_size["width"]  # type: ignore[index]
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, f"{what} is not on the first screen: {box}"
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{what} runs off the side: {box}"


def _sidebar_closed_or_absent(page: Page) -> None:
    """On a phone the menu is closed: the input was not reached by opening it. (On a laptop it sits to the side.)"""
    sidebar = page.locator('[data-testid="stSidebar"]')
    if page.viewport_size["width"] < 640 and sidebar.count():  # type: ignore[index]
        assert sidebar.get_attribute("data-collapsed") == "true", "the menu is open on a phone"


@pytest.mark.parametrize(("viewport", "phone"), SCREENS)
def test_a_signs_input_and_its_chart_share_the_first_screen_and_the_input_moves_the_chart(
    new_page: NewPage, base_url: str, viewport: dict[str, int], phone: bool
) -> None:
    page = _open(new_page, base_url, viewport, phone, "warning-signs", "pain=8&duration_min=4")
    card = page.locator(".st-key-sign-intense_prolonged_pain")
    pain = card.locator('input[type="range"]').first
    chart = card.locator('[data-testid="stVegaLiteChart"]')
    _on_first_screen(page, card.locator(".st-key-pain"), "the pain slider")
    _on_first_screen(page, chart, "the sign's chart")
    _sidebar_closed_or_absent(page)
    before = chart.screenshot()
    assert "not met" in (chart.get_attribute("aria-label") or ""), "8 out of 10 for 4 minutes: not met"
    pain.focus()
    with rerun_after(page):
        page.keyboard.press("Home")  # pain 0: the point drops to the bottom of the plane
    page.wait_for_timeout(300)  # the chart draws on the next frame
    assert chart.screenshot() != before, "moving the input did not redraw its chart"
    duration = card.locator('input[type="range"]').nth(1)
    duration.focus()
    with rerun_after(page):
        page.keyboard.press("End")  # 60 minutes
    pain.focus()
    with rerun_after(page):
        page.keyboard.press("End")  # pain 10: both lines passed
    expect_label = chart.get_attribute("aria-label") or ""
    assert "the sign is met." in expect_label, expect_label
    # The values are on the drawn point, its own text alternative (the chart's stays put while only values move).
    point = chart.locator('svg [aria-label^="Your point"]')
    expect(point).to_have_attribute("aria-label", re.compile(r"pain 10 out of 10, spasm length 60 minutes"))


@pytest.mark.parametrize(("viewport", "phone"), SCREENS)
def test_a_clue_and_the_cause_chart_share_the_first_screen_and_the_clue_moves_the_chart(
    new_page: NewPage, base_url: str, viewport: dict[str, int], phone: bool
) -> None:
    page = _open(new_page, base_url, viewport, phone, "causes", "")
    clue = page.locator(".st-key-numbness_tingling")
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    _on_first_screen(page, clue, "the numbness clue")
    _on_first_screen(page, chart, "the cause chart")
    _sidebar_closed_or_absent(page)
    before = chart.screenshot()
    # Each bar says its cause and points in its own text alternative, as drawn.
    nerve_bar = chart.locator('svg path[aria-label*="cause: Nerve damage;"]')
    expect(nerve_bar).to_have_attribute("aria-label", re.compile(r"Evidence: 0 points"))
    with rerun_after(page):
        clue.locator("label").click()
    page.wait_for_timeout(300)
    expect(nerve_bar).to_have_attribute("aria-label", re.compile(r"Evidence: 2 points"))
    assert chart.screenshot() != before, "ticking the clue did not redraw the chart"


@pytest.mark.parametrize("path", ["", "warning-signs", "causes", "glossary", "scenarios", "quiz", "about"])
def test_no_page_needs_a_sideways_scroll_on_a_phone(new_page: NewPage, base_url: str, path: str) -> None:
    page = _open(new_page, base_url, PHONE, True, path, "pain=8&duration_min=12&potassium=3.1")
    widths = page.evaluate("({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")
    assert widths["scroll"] <= widths["inner"], widths


def test_on_a_phone_the_menu_closes_after_choosing_a_page_and_stays_closed_after_a_reload(
    new_page: NewPage, base_url: str
) -> None:
    page = _open(new_page, base_url, PHONE, True, "", "")
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar, "the menu starts closed on a phone").to_have_attribute("data-collapsed", "true")
    sidebar_open(page)
    with rerun_after(page):
        sidebar.get_by_role("link", name="Causes").click()
    expect(page.locator("h1")).to_have_text(re.compile("cause", re.IGNORECASE))
    expect(sidebar, "the menu closes after a page is chosen").to_have_attribute("data-collapsed", "true")
    page.reload()
    wait_for_app(page)
    expect(page.locator('[data-testid="stSidebar"]'), "and stays closed after a reload").to_have_attribute(
        "data-collapsed", "true"
    )


@pytest.mark.parametrize(("viewport", "phone"), SCREENS)
@pytest.mark.parametrize("path", ["warning-signs", "causes"])
def test_no_input_label_is_cut_short(new_page: NewPage, base_url: str, viewport: dict[str, int], phone: bool,
                                     path: str) -> None:
    """Every label of an input or a button is read whole: the danger signs say when to call 999. (Streamlit 1.67 cuts
    a label placed straight in a column with "..." unless the widget is made with wrap=True, as ours are.)
    stiff_jaw=true opens the danger signs."""
    page = _open(new_page, base_url, viewport, phone, path, "stiff_jaw=true")
    labels = page.locator(
        'label [data-testid="stMarkdownContainer"], button [data-testid="stMarkdownContainer"]'
    ).filter(visible=True)
    assert labels.count() >= 4, "the inputs' labels are on the page"
    cut = labels.evaluate_all(
        "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"
    )
    assert cut == [], f"labels cut short: {cut}"
