"""A shared link opened as the very first visit of a freshly started server: the right page, under the router, with
the link's scenario, and no "Page not found" dialog.

Streamlit 1.67 sees the ``pages/`` folder next to app.py and, until a run has gone through ``st.navigation``, routes
a link by page file names (``_mpa_v1`` in its script_runner.py) and runs the page's file without app.py; ui/router.py
explains how the app copes. Each case here starts a server of its own, so its link is that first session; a warm
shared server would hide the problem.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

import explainer
from explainer.content import load_words
from tests.conftest import DATA
from tests.e2e.conftest import NewPage, PageLog, StreamlitServer
from tests.e2e.helpers import EXCEPTION, app_page_files, open_page, sign_status, slider

pytestmark = pytest.mark.browser

PAGE_FILES = app_page_files()
PAIN_SIGN = "intense_prolonged_pain"
SCENARIO = {"pain": "9", "duration_min": "20"}  # crosses the pain sign
WORDS = load_words("pages.toml", DATA) | load_words("classroom.toml", DATA)


def first_heading(path: str) -> str:
    """The h1 a page shows, from its words in data/ (its table is named after its file, with _ for -)."""
    words = WORDS[Path(PAGE_FILES[path]).stem.replace("-", "_")]
    return words.get("title") or words["live_case"]  # the presenter view opens on the visitor's own scenario


@pytest.mark.parametrize("path", list(PAGE_FILES))
def test_a_link_works_as_the_first_visit_after_a_server_start(
    cold_server: StreamlitServer,
    new_visitor_page: NewPage,
    page_log: PageLog,
    content: explainer.Content,
    path: str,
) -> None:
    page = new_visitor_page()
    open_page(page, cold_server.url, path, "&".join(f"{name}={value}" for name, value in SCENARIO.items()))

    expect(page.locator("h1").first).to_have_text(first_heading(path))
    expect(page.locator("h1"), "the page is drawn once, not twice").to_have_count(1)
    dialogs = page.locator('[role="dialog"]')
    assert dialogs.count() == 0, f"a dialog covers the page: {dialogs.first.inner_text()!r}"
    expect(page.get_by_text("Page not found")).to_have_count(0)
    # The router ran (not only the page's file): it made the shared inputs, and they hold the link's values.
    for input_id, value in SCENARIO.items():
        thumb = slider(page, content.input(input_id).label)
        expect(thumb, f"no {input_id} input: the page ran without the router").to_have_count(1)
        shown = thumb.get_attribute("aria-valuetext")
        assert float(shown or "nan") == float(value), f"{input_id} shows {shown!r}, the link says {value}"
    # The router's own st.navigation was the last word: its pages are in the menu, not one per file in pages/.
    links = page.locator('[data-testid="stSidebarNav"] a').evaluate_all("els => els.map(e => e.href)")
    assert {urlsplit(href).path.strip("/") for href in links} == set(PAGE_FILES)
    if path == "warning-signs":
        assert sign_status(page, PAIN_SIGN) == "Crossed", "the page shows the linked scenario"
        expect(page.locator(".st-key-urgency-urgent")).to_contain_text("What to do next")  # pain 9 for 20 min
    assert page.locator(EXCEPTION).count() == 0, page.locator(EXCEPTION).first.inner_text()
    assert not page_log.page_errors, page_log.page_errors
    assert not page_log.console_errors(), page_log.console_errors()
    assert "Traceback" not in cold_server.log_text(), cold_server.log_text()
