"""Hostile links and broken content: the app stays whole, runs nothing it was given, and says what it ignored."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser, Page, expect

import explainer
from explainer.links import read_link
from tests.e2e.conftest import DESKTOP, PageLog, start_server, watch
from tests.e2e.helpers import DATA_DIR, EXCEPTION, open_page

pytestmark = pytest.mark.browser

PAGE = "warning-signs"  # the page with the most parts: title, four signs, the urgency panel, a chart
NOTES = ".st-key-link-notes"
# Inside the app (index.html has Streamlit's own inline script in <head>): nothing a link could have planted.
INJECTED = "script, img[src='x'], [onerror], [onload], #zzinj, iframe[src^='javascript'], a[href^='javascript']"

LONG_DIGITS = "9" * 5_000
LONG_TEXT = "x" * 20_000

# (query string, whether it asks for something the app must ignore and say so). Written by hand, not from the code.
# Each hostile value goes to a different input, so one page load tries several (every page load costs seconds).
HOSTILE_QUERIES = [
    ("pain=abc&duration_min=NaN&episodes_per_week=nan&weeks_affected=inf&weakness=-inf&fatigue=Infinity", True),
    ("pain=1e309&duration_min=-0.5&episodes_per_week=99999999999999999999999&weakness=11&fatigue=-3", True),
    ("pain=1&pain=9&twitching=true&twitching=false", True),
    (
        "pain=%3Cscript%3Ealert(1)%3C%2Fscript%3E&duration_min=javascript%3Aalert(1)"
        "&twitching=%3Csvg%20onload%3Dalert(1)%3E",
        True,
    ),
    ("%3Cb%20id%3Dzzinj%3Ex%3C%2Fb%3E=1&note=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&unknown_setting=1", True),
    ("pain=%E2%80%AE9&duration_min=%00&weakness=1%0A2&fatigue=%E2%80%8B3&jerking=tr%E2%80%AEue", True),
    (f"pain={LONG_DIGITS}&twitching={LONG_TEXT}&{LONG_TEXT}=1", True),
    ("pain=&twitching=&potassium=", True),
    # Controls: nothing to ignore, so no note.
    ("pain=8&duration_min=12&twitching=TRUE&step=2", False),
]


def assert_page_whole(page: Page, log: PageLog, content: explainer.Content, expect_note: bool) -> None:
    assert page.locator(EXCEPTION).count() == 0, page.locator(EXCEPTION).first.inner_text()
    expect(page.locator("h1").first).to_be_visible()
    for sign in content.signs:
        expect(page.locator(f".st-key-sign-{sign.id}")).to_contain_text(re.compile("Crossed|Not crossed"))
    expect(page.locator('[class*="st-key-urgency-"]')).to_contain_text("What to do next")  # key: urgency-<level>
    planted = page.locator('[data-testid="stApp"]').locator(INJECTED)
    assert planted.count() == 0, planted.first.evaluate("e => e.outerHTML")
    scripts = page.locator("script").evaluate_all("els => els.map(e => e.textContent)")
    assert not [text for text in scripts if "alert(" in text], "a link's script reached the document"
    assert "alert(1)" not in page.locator('[data-testid="stMain"]').inner_html(), "the notes never repeat a link"
    assert not log.dialogs, f"the link ran a dialog: {log.dialogs}"
    assert not log.page_errors, log.page_errors
    if expect_note:
        expect(page.locator(NOTES)).to_contain_text("could not be used")
    else:
        expect(page.locator(NOTES)).to_have_count(0)


def _short(query: str) -> str:
    return query if len(query) < 40 else query[:30] + f"...({len(query)} chars)"


@pytest.mark.parametrize(("query", "expect_note"), HOSTILE_QUERIES, ids=[_short(q) for q, _ in HOSTILE_QUERIES])
def test_a_hostile_link_is_shown_safely(
    page: Page, page_log: PageLog, base_url: str, content: explainer.Content, query: str, expect_note: bool
) -> None:
    open_page(page, base_url, PAGE, query)
    assert_page_whole(page, page_log, content, expect_note)
    if expect_note and "pain=" in query:
        pain = content.input("pain")  # a value the app refused leaves the input at its default
        expect(page.locator(f'input[type="range"][aria-label^="{pain.label}"]')).to_have_attribute(
            "aria-valuetext", f"{pain.default:g}"
        )


# Generated links: known and unknown names, with values from numbers to markup and control characters.
NAMES = st.sampled_from(["pain", "duration_min", "weeks_affected", "twitching", "potassium", "step", "zz", "<i>"])
VALUES = st.one_of(
    st.text(max_size=40),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["<script>alert(1)</script>", "\u202e1", "\x00", "true", "FALSE", "javascript:alert(1)"]),
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pairs=st.lists(st.tuples(NAMES, VALUES), min_size=1, max_size=4))
def test_generated_links_are_shown_safely(
    browser: Browser, base_url: str, content: explainer.Content, pairs: list[tuple[str, str]]
) -> None:
    query = urlencode(pairs)
    # What the app receives after the browser and the server decode the link, as lists per name.
    received: dict[str, list[str]] = {}
    for name, value in parse_qsl(query, keep_blank_values=True):
        received.setdefault(name, []).append(value)
    ignored = bool(read_link(received, content).notes)
    context = browser.new_context(viewport=DESKTOP)
    log = PageLog()
    try:
        page = watch(context.new_page(), log)
        open_page(page, base_url, PAGE, query)
        assert_page_whole(page, log, content, expect_note=ignored)
        assert not log.foreign_requests()
    finally:
        context.close()


# --- broken content ------------------------------------------------------------------------------------------


def _threshold_abc(folder: Path) -> None:
    signs = folder / "signs.toml"
    text = signs.read_text(encoding="utf-8")
    signs.write_text(text.replace("threshold = 7", 'threshold = "abc"', 1), encoding="utf-8")


def _delete_causes(folder: Path) -> None:
    (folder / "causes.toml").unlink()


@pytest.mark.parametrize(
    ("breakage", "named"),
    [(_threshold_abc, ("signs.toml", "threshold")), (_delete_causes, ("causes.toml",))],
    ids=["threshold-abc", "file-deleted"],
)
def test_broken_content_shows_one_clear_error(
    browser: Browser, tmp_path: Path, breakage, named: tuple[str, ...]
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    breakage(folder)
    server = start_server(tmp_path / "broken.log", {"EXPLAINER_DATA_DIR": str(folder)})
    context = browser.new_context(viewport=DESKTOP)
    log = PageLog()
    try:
        page = watch(context.new_page(), log)
        open_page(page, server.url)
        errors = page.locator('[data-testid="stAlertContentError"]')
        expect(errors).to_have_count(1)
        message = errors.inner_text()
        print(message)
        for word in named:
            assert word in message, f"the error should name {word}: {message!r}"
        assert page.locator(EXCEPTION).count() == 0
        main_text = page.locator('[data-testid="stMain"]').inner_text()
        assert "Traceback" not in main_text and 'File "' not in main_text
        assert not log.foreign_requests()
    finally:
        context.close()
        server.stop()
