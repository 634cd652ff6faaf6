"""The app in Chromium through its proxy (deploy/serve.sh): every page, a deep link and a download, under the
proxy's Content-Security-Policy with not one violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Response, expect

import explainer
from tests.conftest import Proxy
from tests.e2e.conftest import NewPage, PageLog
from tests.e2e.helpers import EXCEPTION, app_pages, open_page, slider, slider_text

pytestmark = [pytest.mark.browser, pytest.mark.proxy, pytest.mark.timeout(300)]

# Every CSP violation the page sees, from the DOM event (the console message is checked too).
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample || ""}`);
});
"""


def _visitor(new_visitor_page: NewPage) -> Page:
    page = new_visitor_page()
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    return page


def _csp_problems(page: Page, page_log: PageLog) -> list[str]:
    events = page.evaluate("window.__cspViolations")
    console = [text for kind, text, _ in page_log.console if "Content Security Policy" in text]
    return [*events, *console]


def test_every_page_works_through_the_proxy_with_no_csp_violation(
    proxy: Proxy, new_visitor_page: NewPage, page_log: PageLog
) -> None:
    page = _visitor(new_visitor_page)
    for path in app_pages():
        open_page(page, proxy.url, path, "pain=8", settle=True)
        expect(page.locator(EXCEPTION)).to_have_count(0)
        expect(page.locator("h1").first).to_be_visible()
        assert _csp_problems(page, page_log) == [], path
    assert page_log.console_errors() == [], page_log.console_errors()
    assert page_log.page_errors == []


def test_a_deep_link_and_a_download_work_through_the_proxy(
    proxy: Proxy, new_visitor_page: NewPage, page_log: PageLog, content: explainer.Content
) -> None:
    page = _visitor(new_visitor_page)
    answers: list[Response] = []
    page.on("response", lambda answer: answers.append(answer))  # noqa: PLW0108  (Playwright cannot wrap a bound builtin)
    open_page(page, proxy.url, "causes", "pain=8&duration_min=12", settle=True)
    assert "pain=8" in page.url and "duration_min=12" in page.url
    pain = content.input("pain")
    expect(slider(page, pain.label).first).to_have_attribute("aria-valuetext", slider_text(pain, 8))
    with page.expect_download() as info:
        page.locator(".st-key-handout-causes button").filter(visible=True).first.click()
    download = info.value
    path = download.path()
    assert path is not None
    with open(path, "rb") as saved:
        assert saved.read(200).lstrip().lower().startswith((b"<!doctype html", b"<html"))
    media = [answer for answer in answers if "/media/" in answer.url]
    assert media, "the download came from the app's media route, through the proxy"
    for answer in media:
        headers = answer.all_headers()
        assert headers.get("x-content-type-options") == "nosniff"
        assert "frame-ancestors 'none'" in headers.get("content-security-policy", "")
        assert "server" not in headers
    assert _csp_problems(page, page_log) == []
