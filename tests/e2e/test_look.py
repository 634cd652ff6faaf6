"""The app's look in a real Chromium: its own favicon and title, the Home picture on the first screen, and a
glossary that filters as you type and lays its words out in columns that fit the screen."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from explainer.content import load_words
from explainer.glossary import load_glossary, matching_terms
from tests.e2e.conftest import LOCAL_HOSTS, PHONE, NewPage, PageLog
from tests.e2e.helpers import DATA_DIR, open_page, rerun_after

pytestmark = pytest.mark.browser

WORDS = load_words("pages.toml", DATA_DIR)
GLOSSARY = load_glossary(DATA_DIR)
LAPTOP = {"width": 1366, "height": 768}
CHART = '[data-testid="stVegaLiteChart"]'
CARDS = '[class*="st-key-term-"]'


def test_the_tab_shows_our_title_and_our_own_favicon(page: Page, page_log: PageLog, base_url: str) -> None:
    open_page(page, base_url, "glossary", settle=True)
    expect(page).to_have_title(WORDS["common"]["page_title"])
    icon = page.locator("link[rel='shortcut icon']").get_attribute("href") or ""
    assert urlsplit(icon).hostname in LOCAL_HOSTS, icon
    answer = page.request.get(icon)
    assert answer.ok and answer.headers["content-type"] == "image/png"
    assert answer.body().startswith(b"\x89PNG")
    assert not page_log.foreign_requests()


@pytest.mark.parametrize(("viewport", "rows_of_tiles"), [(LAPTOP, 1), (PHONE, 2)], ids=["laptop", "phone"])
def test_the_home_message_and_its_picture_fit_on_the_first_screen(
    new_page: NewPage, base_url: str, viewport: dict[str, int], rows_of_tiles: int
) -> None:
    page = new_page(viewport=viewport)
    open_page(page, base_url, "", "twitching=true", settle=True)
    message = page.get_by_role("heading", name=WORDS["home"]["message"])
    chart = page.locator(CHART).first
    expect(chart.locator("svg text", has_text="Crossed").first).to_be_attached()  # drawn, not only placed
    for part in (message, chart):
        box = part.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], (part, box)
    assert "4. Abnormal muscle contractions: crossed" in (chart.get_attribute("aria-label") or "")
    tiles = chart.locator("svg g.mark-rect.role-mark path")  # the tiles (marks are hidden from screen readers)
    tops = {round(tiles.nth(n).bounding_box()["y"]) for n in range(tiles.count())}
    assert (tiles.count(), len(tops)) == (4, rows_of_tiles)
    chart_box, svg_box = chart.bounding_box(), chart.locator("svg").first.bounding_box()
    assert svg_box["x"] + svg_box["width"] <= chart_box["x"] + chart_box["width"] + 1, "the picture fits its place"


def card_names(page: Page) -> list[str]:
    return [name.strip() for name in page.locator(f"{CARDS} h2").all_inner_texts()]


def test_the_glossary_filters_as_you_type(page: Page, base_url: str) -> None:
    open_page(page, base_url, "glossary", settle=True)
    total = len(GLOSSARY)
    count = WORDS["glossary"]["count"]
    expect(page.get_by_text(count.format(shown=total, total=total), exact=True)).to_be_visible()
    box = page.get_by_label(WORDS["glossary"]["search_label"], exact=True)
    with rerun_after(page):
        box.press_sequentially("NERVE", delay=30)  # no Enter: the list follows a pause in typing
    expected = sorted(matching_terms("NERVE", GLOSSARY), key=lambda term: term.term.casefold())
    expect(page.get_by_text(count.format(shown=len(expected), total=total), exact=True)).to_be_visible()
    assert card_names(page) == [term.term for term in expected]
    with rerun_after(page):
        box.fill("(.*")
        box.press("Enter")
    expect(page.get_by_text(count.format(shown=0, total=total), exact=True)).to_be_visible()
    expect(page.get_by_text(WORDS["glossary"]["no_match"].format(query="(.*"))).to_be_visible()
    with rerun_after(page):
        page.get_by_role("button", name="Clear entry").click()
    expect(page.get_by_text(count.format(shown=total, total=total), exact=True)).to_be_visible()


@pytest.mark.parametrize(("viewport", "columns"), [(LAPTOP, 3), (PHONE, 1)], ids=["laptop", "phone"])
def test_the_glossary_cards_sit_in_columns_that_fit_the_screen(
    new_page: NewPage, base_url: str, viewport: dict[str, int], columns: int
) -> None:
    page = new_page(viewport=viewport)
    open_page(page, base_url, "glossary", settle=True)
    cards = page.locator(CARDS)
    expect(cards).to_have_count(len(GLOSSARY))
    boxes = [cards.nth(n).bounding_box() for n in range(cards.count())]
    assert len({round(box["x"]) for box in boxes}) == columns
    assert all(box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] for box in boxes)
    # Reading order is the order on screen: left to right, then down.
    assert [(round(b["y"]), round(b["x"])) for b in boxes] == sorted((round(b["y"]), round(b["x"])) for b in boxes)
