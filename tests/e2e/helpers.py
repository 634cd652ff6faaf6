"""Shared pieces of the browser tests: the app's pages, waiting for Streamlit, reading what a visitor sees.

Waiting follows Streamlit's own e2e suite: the app root carries ``data-test-script-state``, which is "running"
while the script runs and "notRunning" when the page is complete. A script run can start and end within a few
milliseconds, so instead of racing to see "running", an init script counts every run that ends (every change
away from "running") and :func:`wait_for_rerun` waits for that count to go up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from explainer.content import InputSpec

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
APP_READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
EXCEPTION = '[data-testid="stException"]'
LOAD_TIMEOUT_MS = 30_000

# Counts finished script runs in window.__explainerRuns (installed in every page before Streamlit loads).
COUNT_RUNS_SCRIPT = """
(() => {
  window.__explainerRuns = 0;
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.oldValue === "running") window.__explainerRuns += 1;
    }
  });
  const start = () => observer.observe(document.documentElement, {
    subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ["data-test-script-state"],
  });
  if (document.documentElement) start(); else document.addEventListener("DOMContentLoaded", start);
})();
"""


def app_page_files() -> dict[str, str]:
    """Each page the router registers: its URL path ("" for the default page) and its file, relative to app.py.

    Read from the router itself (ui/router.py, ``PAGES``) so a page added there is tested the day it is added; a
    browser test checks this against the links the sidebar really shows.
    """
    from ui.router import PAGES

    return {entry.url_path: entry.file for entry in PAGES}


def app_pages() -> list[str]:
    """The URL path of every page the router registers, in the router's order."""
    return list(app_page_files())


def wait_for_app(page: Page, timeout: float = LOAD_TIMEOUT_MS) -> None:
    """Wait until the script has run and the page is complete."""
    page.wait_for_selector(APP_READY, timeout=timeout)


def runs_finished(page: Page) -> int:
    return int(page.evaluate("window.__explainerRuns || 0"))


def wait_for_rerun(page: Page, runs_before: int, start_timeout: float = 3_000) -> None:
    """After an interaction: wait for a new run to end (if one starts), then for the app to be idle."""
    # No new run within the time means the interaction did not change a value, so Streamlit did not rerun.
    with suppress(PlaywrightTimeout):
        page.wait_for_function(f"(window.__explainerRuns || 0) > {runs_before}", timeout=start_timeout)
    wait_for_app(page)


@contextmanager
def rerun_after(page: Page) -> Iterator[None]:
    """``with rerun_after(page): <interaction>`` returns once the rerun the interaction caused has ended."""
    before = runs_finished(page)
    yield
    wait_for_rerun(page, before)


def open_page(page: Page, base_url: str, path: str = "", query: str = "", settle: bool = False) -> None:
    """Open a page and wait for its script run to end; ``settle`` also waits for every lazy part to load."""
    url = f"{base_url}/{path}" + (f"?{query}" if query else "")
    page.goto(url)
    wait_for_app(page)
    if settle:
        settle_page(page)


def settle_page(page: Page) -> None:
    """Wait until the frontend has fetched the code of every element it draws.

    Streamlit loads the code for some elements (download buttons, charts) on first use, so they appear a
    moment after the run ends. Tests that look at everything on a page (axe, the Tab walk, phone widths,
    downloads) wait for the network to go quiet first; the app's websocket does not count. An element whose code
    has not arrived yet is drawn as a skeleton (``stSkeleton``): on a busy machine the network can go quiet before
    the frontend asks for that code, so the wait ends only when no skeleton is left.
    """
    page.wait_for_load_state("networkidle")
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=LOAD_TIMEOUT_MS)


def sign_status(page: Page, sign_id: str) -> str:
    """ "Crossed" or "Not crossed", as a sign's card says it in words (its symbol is checked separately)."""
    text = page.locator(f".st-key-sign-{sign_id}").inner_text()
    match = re.search(r"[⚠✓] (Crossed|Not crossed)", text)
    assert match, f"sign {sign_id} shows no status: {text[:200]!r}"
    return match.group(1)


def sidebar_open(page: Page) -> None:
    """Open the sidebar if it is collapsed (as it is on a phone)."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    if sidebar.get_attribute("data-collapsed") != "false":
        page.locator('[data-testid="stExpandSidebarButton"]').click()
        expect(sidebar).to_have_attribute("data-collapsed", "false")
    # The sidebar slides in: wait until it has arrived at the left edge.
    page.wait_for_function("document.querySelector('[data-testid=\"stSidebar\"]').getBoundingClientRect().left >= 0")
    page.wait_for_timeout(300)  # and finished its transition (no event marks the end of a CSS transition here)


def slider(page: Page, label: str):
    """The keyboard-focusable thumb of the slider whose label starts with ``label``: beside its chart on the pages
    about inputs, in the sidebar elsewhere (each input has one control, wherever the page puts it)."""
    return page.locator(f'input[type="range"][aria-label^="{_css_string(label)}"]')


def _css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def slider_text(spec: InputSpec, value: float) -> str:
    """A slider's value as it says it (aria-valuetext): "9" for a whole-number input, "10.5" or "12.0" else."""
    return f"{value:g}" if spec.kind == "integer" else f"{value:.1f}"


def set_slider(page: Page, spec: InputSpec, value: float) -> None:
    """Set a slider as a keyboard user does: Home, then one ArrowRight per step; wait for the last rerun."""
    thumb = slider(page, spec.label)
    thumb.focus()
    before = runs_finished(page)
    thumb.press("Home")
    for _ in range(round((value - spec.min) / spec.step)):
        thumb.press("ArrowRight")
    expect(thumb).to_have_attribute("aria-valuetext", slider_text(spec, value))
    wait_for_rerun(page, before)
    page.wait_for_timeout(300)  # a key pressed while a run was going gets one more run
    wait_for_app(page)


def safe_content(page: Page) -> str:
    try:
        return page.content()
    except PlaywrightError as err:  # the page may be gone when a test fails badly
        return f"<!-- page content unavailable: {err} -->"
