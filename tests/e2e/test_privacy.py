"""Privacy and offline: no request leaves the machine, and nothing a visitor enters is logged or written."""

from __future__ import annotations

import os
import tempfile
import time
import tomllib
import uuid
from pathlib import Path
from stat import S_ISREG

import pytest
from playwright.sync_api import Page, expect

import explainer
from tests.e2e.conftest import LOCAL_HOSTS, NewPage, PageLog, StreamlitServer
from tests.e2e.helpers import ROOT, app_pages, open_page, rerun_after, set_slider

PAGES = app_pages()


def test_usage_statistics_are_off_in_the_project_config() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False


@pytest.mark.browser
def test_no_page_or_interaction_asks_another_host(page: Page, page_log: PageLog, base_url: str) -> None:
    open_page(page, base_url, "", "pain=8&duration_min=12&twitching=true", settle=True)
    nav = page.locator('[data-testid="stSidebarNav"]')
    for path in PAGES[1:]:
        link = nav.locator(f'a[href$="/{path}"]')
        if not link.is_visible():  # the presenter view hides the menu: open the next page by its address
            open_page(page, base_url, path, "pain=8", settle=True)
            continue
        with rerun_after(page):
            link.click()
        page.wait_for_load_state("networkidle")
    open_page(page, base_url, "warning-signs", settle=True)
    thumb = page.locator('input[type="range"]').first  # the first sign's first input, beside its chart
    thumb.focus()
    with rerun_after(page):
        thumb.press("End")
    for expander in page.locator('[data-testid="stExpander"] summary').all():
        expander.click()  # open every expander: the sidebar's other inputs, the tables, the article text
    page.locator('[data-testid="stSidebar"] [data-testid="stTooltipIcon"] button').first.focus()
    page.wait_for_load_state("networkidle")
    hosts = {url.split("/")[2] for url in page_log.requests}
    print(f"{len(page_log.requests)} requests to {sorted(hosts)}")
    assert page_log.requests, "the recorder saw the page's own requests"
    assert not page_log.foreign_requests(), sorted(set(page_log.foreign_requests()))
    assert all(host.split(":")[0] in LOCAL_HOSTS for host in hosts)


# Where a server could write what a visitor enters: the project, Streamlit's home, and the temporary folder.
# Left out: the Chromium profile and Playwright's download folders in /tmp (that is the visitor's own browser,
# which keeps its history as any browser does), and the folders of the tools that run this session.
BROWSER_SIDE = ("playwright", "bash_jobs", ".org.chromium", "pytest-of-")
SKIPPED_DIRS = {".git", ".venv", "__pycache__", ".ruff_cache", ".pytest_cache", "node_modules", ".hypothesis"}


def _files_changed_since(start: float) -> list[Path]:
    roots = [ROOT, Path.home() / ".streamlit", Path(tempfile.gettempdir())]
    changed = []
    for root in roots:
        if not root.exists():
            continue
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS and not d.startswith(BROWSER_SIDE)]
            for name in files:
                path = Path(folder) / name
                try:
                    stat = path.stat()
                except OSError:
                    continue
                # Regular files only: another program's socket (a second Chromium's SingletonSocket) cannot be read.
                if S_ISREG(stat.st_mode) and stat.st_mtime >= start and stat.st_size < 20_000_000:
                    changed.append(path)
    return changed


@pytest.mark.browser
def test_nothing_a_visitor_enters_is_logged_or_written(
    new_page: NewPage, app_server: StreamlitServer, content: explainer.Content
) -> None:
    marker = f"zzmarker{uuid.uuid4().hex[:12]}"
    start = time.time() - 1
    page = new_page()
    # An unusual scenario (pain 7, 47.5 minutes, 93 weeks) and an unknown parameter that carries the marker.
    open_page(page, app_server.url, "warning-signs", f"pain=7&duration_min=47.5&{marker}={marker}")
    expect(page.locator(".st-key-link-notes")).to_be_visible()  # the app saw the marker and ignored it
    set_slider(page, content.input("weeks_affected"), 93)
    assert "weeks_affected=93" in page.url
    for path in PAGES:
        open_page(page, app_server.url, path, f"{marker}=1&pain=7&duration_min=47.5")
    page.wait_for_timeout(500)  # let anything the server might write reach the disk

    log = app_server.log_text()
    assert "You can now view your Streamlit app" in log, "the server's output really is captured"
    assert marker not in log
    assert "47.5" not in log and "weeks_affected" not in log, log[-2000:]
    changed = _files_changed_since(start)
    holding = [str(path) for path in changed if marker.encode() in path.read_bytes()]
    print(f"{len(changed)} files changed while the test ran; none may hold the marker")
    assert not holding, holding
