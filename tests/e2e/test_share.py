"""Sharing a case in a real Chromium: a case link shows its banner; the cases page gives the full link, a copy
button that copies it, a QR code that decodes to it, and a worksheet PDF that downloads; the quiz's score stays in
view. (Issue 9, items 5-7.)"""

from __future__ import annotations

import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from explainer.content import load_words
from explainer.scenarios import load_scenarios
from tests.conftest import DATA
from tests.e2e.conftest import NewPage
from tests.e2e.helpers import EXCEPTION, open_page, rerun_after, settle_page

pytestmark = pytest.mark.browser

WORDS = load_words("classroom.toml", DATA)
CASES = {case.id: case for case in load_scenarios(DATA)}
CASE = "lifting_strain"
SHARE = ".st-key-share-case"


def shown_link(page: Page) -> str:
    code = page.locator(f'{SHARE} [data-testid="stCode"]')
    expect(code).to_contain_text("http")
    return "".join(code.inner_text().split())  # the block wraps a long link over lines


def decode_qr(page: Page) -> list[str]:
    image = page.locator(f'{SHARE} [data-testid="stImage"] img')
    expect(image).to_be_visible()
    page.wait_for_function(
        "sel => { const i = document.querySelector(sel); return i && i.complete && i.naturalWidth > 0; }",
        arg=f'{SHARE} [data-testid="stImage"] img',
    )
    return [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(image.screenshot())))]


@pytest.mark.parametrize("path", ["warning-signs", "", "causes"])
def test_a_case_link_shows_the_case_banner(page: Page, base_url: str, path: str) -> None:
    case = CASES[CASE]
    open_page(page, base_url, path, f"scenario={CASE}")
    banner = page.locator(".st-key-case-banner")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(case.title)
    expect(banner).to_contain_text(case.story)
    expect(banner).to_contain_text("teaching example, not advice")
    assert page.locator(EXCEPTION).count() == 0


def test_the_cases_page_shares_a_full_link_and_a_qr_code_of_it(new_page: NewPage, base_url: str) -> None:
    page = new_page()
    open_page(page, base_url, "scenarios", f"scenario={CASE}", settle=True)
    link = shown_link(page)
    parts = urlsplit(link)
    # The full link starts from the address the browser shows, whatever the server was told it is.
    assert f"{parts.scheme}://{parts.netloc}" == base_url
    assert parts.path == "/warning-signs"
    assert parse_qs(parts.query)["scenario"] == [CASE]
    assert decode_qr(page) == [link]
    alt = page.locator(f'{SHARE} [data-testid="stImage"] img').get_attribute("alt") or ""
    assert link in alt, "the code's text alternative says the link"

    # Whoever follows it lands on the case, with its banner.
    visitor = new_page()
    visitor.goto(link)
    expect(visitor.locator(".st-key-case-banner")).to_contain_text(CASES[CASE].title)


def test_the_link_follows_the_address_the_browser_uses(new_page: NewPage, base_url: str) -> None:
    # The same server reached by another name (as behind a proxy): the link uses that name, not the server's own.
    other = base_url.replace("127.0.0.1", "localhost")
    page = new_page()
    open_page(page, other, "scenarios", f"scenario={CASE}")
    link = shown_link(page)
    assert link.startswith(f"{other}/warning-signs?")
    assert decode_qr(page) == [link]


def test_the_copy_button_copies_the_full_link(new_page: NewPage, base_url: str) -> None:
    page = new_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    open_page(page, base_url, "scenarios", f"scenario={CASE}", settle=True)
    link = shown_link(page)
    button = page.get_by_role("button", name=WORDS["share"]["copy"])
    expect(button).to_be_visible()
    button.focus()
    page.keyboard.press("Enter")  # by keyboard, as anyone can
    expect(page.get_by_role("status").filter(has_text=WORDS["share"]["copied"])).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == link


def test_the_cases_page_answer_waits_behind_a_reveal(page: Page, base_url: str) -> None:
    open_page(page, base_url, "scenarios", f"scenario={CASE}")
    words = WORDS["scenarios"]
    expect(page.locator(".st-key-scenario-question")).to_contain_text(words["question"])
    answer = page.locator(".st-key-scenario-result")
    expect(answer).to_be_hidden()
    page.locator(".st-key-scenario-question summary").filter(has_text=words["reveal"]).click()
    expect(answer).to_be_visible()
    expect(answer).to_contain_text(CASES[CASE].learning_point)


@pytest.mark.parametrize("paper", ["A4", "US Letter"])
def test_the_cases_page_downloads_a_one_page_worksheet(page: Page, base_url: str, paper: str, tmp_path) -> None:
    open_page(page, base_url, "scenarios", f"scenario={CASE}", settle=True)
    button = page.locator('[data-testid="stDownloadButton"] button').filter(visible=True)
    button = button.filter(has_text=re.compile(rf"PDF, {paper}\)")).filter(has_not_text="Answer key")
    expect(button).to_have_count(1)
    with page.expect_download() as info:
        button.click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.suffix == ".pdf"
    reader = PdfReader(saved)
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert CASES[CASE].title in text
    link = shown_link(page)
    decoded = [code.text for image in reader.pages[0].images for code in zxingcpp.read_barcodes(image.image)]
    assert decoded == [link], "the worksheet's QR code opens the same link as the page's"


def test_the_quiz_score_stays_in_view(page: Page, base_url: str) -> None:
    open_page(page, base_url, "quiz")
    first = page.locator('[class*="st-key-question-"]').first
    with rerun_after(page):
        first.locator('[data-testid="stRadioOption"]').first.click()
    settle_page(page)
    score = page.locator(".st-key-quiz-score")
    expect(score).to_contain_text("1 answered")
    page.locator('[class*="st-key-question-"]').last.scroll_into_view_if_needed()
    box = score.bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], f"the score scrolled away: {box}"
    options = page.locator('[data-testid="stMarkdownContainer"] li').all_inner_texts()
    assert options and not any(re.match(r"^\W\s*\W\s", text) for text in options), "no option doubles its symbol"


def test_the_stage_shares_a_qr_code_as_tall_as_most_of_the_window(new_page: NewPage, base_url: str) -> None:
    page = new_page(viewport={"width": 1920, "height": 1080})
    open_page(page, base_url, "present", f"scenario={CASE}&step=1", settle=True)
    with rerun_after(page):  # the share panel opens over the stage, drawn when opened
        page.locator(".st-key-present-share button").first.click()
    stage_share = ".st-key-share-stage"
    code = page.locator(f'{stage_share} [data-testid="stCode"]')
    expect(code).to_contain_text("http")
    link = "".join(code.inner_text().split())
    image = page.locator(f'{stage_share} [data-testid="stImage"] img')
    image.scroll_into_view_if_needed()
    box = image.bounding_box()
    assert box is not None and box["height"] >= 0.55 * 1080, f"the code is {box} on a 1080 px window"
    decoded = [c.text for c in zxingcpp.read_barcodes(Image.open(io.BytesIO(image.screenshot())))]
    assert decoded == [link]
    assert parse_qs(urlsplit(link).query)["scenario"] == [CASE]
