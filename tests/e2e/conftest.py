"""Browser fixtures: one Streamlit server and one Chromium per session, a fresh browser context per test.

The server is ``streamlit run app.py`` from the repo root, so it reads the project's own .streamlit/config.toml.
Its output goes to a log file that the privacy tests read. Every page a test opens records its console messages,
page errors, dialogs and requests; when a test fails, a screenshot and the HTML of each of its pages are saved in
tests/artifacts/. The shape follows Streamlit's own e2e_playwright/conftest.py.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Playwright, sync_playwright

from tests.e2e.helpers import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    COUNT_RUNS_SCRIPT,
    ROOT,
    safe_content,
)

E2E_DIR = Path(__file__).resolve().parent
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}

# Streamlit's frontend, opened at a page's own URL (/causes), first probes whether the app is served under that
# path as a base URL: it asks /causes/_stcore/health and /causes/_stcore/host-config, gets 404, and then uses the
# root. Chromium logs each 404 as a console error. They come from Streamlit, not from our code, and are harmless;
# they are the ONLY console errors we allow, and only for those two exact URLs.
ALLOWED_CONSOLE_ERROR_URL = re.compile(r"^http://127\.0\.0\.1:\d+/[^?#]+/_stcore/(health|host-config)$")


def pytest_report_header() -> str:
    if CHROMIUM.exists():
        return f"browser tests: Chromium at {CHROMIUM}"
    return f"browser tests: SKIPPED, no Chromium at {CHROMIUM} (install the Debian package 'chromium')"


# Skipping browser tests when Chromium is missing (or failing, in CI) is done in tests/conftest.py.


def pytest_sessionstart() -> None:
    """Start with no screenshots from an earlier run, so every file in tests/artifacts/ is from this one."""
    for old in ARTIFACTS.glob("*"):
        if old.suffix in (".png", ".html"):
            old.unlink()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item) -> Iterator[None]:
    report = yield
    setattr(item, f"report_{report.when}", report)  # read by the page fixtures to save artifacts on failure
    return report


# --- the server -----------------------------------------------------------------------------------------------


@dataclass
class StreamlitServer:
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    log_path: Path, extra_env: dict[str, str] | None = None, timeout: float = 60, address: str = "127.0.0.1",
    port: int | None = None,
) -> StreamlitServer:
    """Start ``streamlit run app.py`` on a free port (or ``port``), listening on ``address``, and wait until
    /_stcore/health answers."""
    port = port or _free_port()
    env = {name: value for name, value in os.environ.items() if not name.startswith("STREAMLIT_")}
    env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
    env.update(extra_env or {})
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    command += ["--server.address", address, "--server.headless", "true"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = StreamlitServer(f"http://127.0.0.1:{port}", process, log_path)
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{server.log_text()}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            pass
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"streamlit did not answer in {timeout} s:\n{server.log_text()}")
        time.sleep(0.2)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def server_logs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("server-logs")


@pytest.fixture(scope="session")
def app_server(server_logs: Path) -> Iterator[StreamlitServer]:
    server = start_server(server_logs / "app.log")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def cold_server(server_logs: Path, request: pytest.FixtureRequest) -> Iterator[StreamlitServer]:
    """A server of the test's own, started for it and not yet visited by anyone, with its own log."""
    name = re.sub(r"[^\w.-]+", "_", request.node.name)[:100]
    server = start_server(server_logs / f"cold-{name}.log")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def base_url(app_server: StreamlitServer) -> str:
    return app_server.url


# --- pages and what they record ------------------------------------------------------------------------------


@dataclass
class PageLog:
    """Everything the pages of one test did that a visitor would not see."""

    console: list[tuple[str, str, str]] = field(default_factory=list)  # (type, text, url)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def console_errors(self) -> list[tuple[str, str, str]]:
        """Console errors, except Streamlit's own base-path probes (see ALLOWED_CONSOLE_ERROR_URL)."""
        return [
            entry for entry in self.console if entry[0] == "error" and not ALLOWED_CONSOLE_ERROR_URL.match(entry[2])
        ]

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if urlsplit(url).hostname not in LOCAL_HOSTS and _is_network(url)]

    def summary(self) -> str:
        lines = [f"console {kind}: {text} ({url})" for kind, text, url in self.console]
        lines += [f"page error: {error}" for error in self.page_errors]
        lines += [f"dialog: {message}" for message in self.dialogs]
        lines.append(f"{len(self.requests)} requests, foreign: {self.foreign_requests()}")
        return "\n".join(lines)


def _is_network(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https", "ws", "wss")


def watch(page: Page, log: PageLog) -> Page:
    """Record console messages, page errors, dialogs and requests, and count script runs (see helpers)."""

    def on_console(message: ConsoleMessage) -> None:
        log.console.append((message.type, message.text, message.location.get("url", "")))

    def on_dialog(dialog) -> None:
        log.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("console", on_console)
    page.on("pageerror", lambda error: log.page_errors.append(str(error)))
    page.on("dialog", on_dialog)
    page.on("request", lambda request: log.requests.append(request.url))
    page.add_init_script(COUNT_RUNS_SCRIPT)
    page.set_default_timeout(15_000)
    return page


def _save_artifacts(item: pytest.Item, pages: list[Page]) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", item.nodeid.split("::", 1)[-1])[:150]
    for number, page in enumerate(pages):
        stem = ARTIFACTS / f"{name}-{number}"
        try:
            page.screenshot(path=f"{stem}.png", full_page=True)
        except Exception as err:
            print(f"screenshot failed: {err}")
        stem.with_suffix(".html").write_text(safe_content(page), encoding="utf-8")
        print(f"saved {stem}.png and .html")


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


NewPage = Callable[..., Page]


@pytest.fixture
def new_visitor_page(browser: Browser, page_log: PageLog, request: pytest.FixtureRequest):
    """Open pages in fresh browser contexts (a fresh context is a new visitor: no shared state or cookies).

    ``new_visitor_page(viewport=PHONE, is_mobile=True, has_touch=True)`` gives a phone. All pages share the test's
    log. This starts no server: tests of the shared server use :func:`new_page`, tests with their own use this.
    """
    contexts: list[BrowserContext] = []
    pages: list[Page] = []

    def make(viewport: dict[str, int] | None = None, **options: object) -> Page:
        context = browser.new_context(viewport=viewport or DESKTOP, accept_downloads=True, **options)
        contexts.append(context)
        page = watch(context.new_page(), page_log)
        pages.append(page)
        return page

    yield make
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        _save_artifacts(request.node, pages)
    print(page_log.summary())
    for context in contexts:
        context.close()
    foreign = page_log.foreign_requests()
    assert not foreign, f"the page asked hosts other than the app's own: {sorted(set(foreign))}"


@pytest.fixture
def new_page(new_visitor_page: NewPage, base_url: str) -> NewPage:
    """:func:`new_visitor_page`, with the shared server running before any page opens."""
    del base_url  # asked for only so the server runs before any page opens
    return new_visitor_page


@pytest.fixture
def page(new_page: NewPage) -> Page:
    """A desktop-sized page (1280x900) of a fresh visitor."""
    return new_page()


@pytest.fixture
def phone_page(new_page: NewPage) -> Page:
    """A phone-sized page (375x812, touch) of a fresh visitor."""
    return new_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
