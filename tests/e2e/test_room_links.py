"""Links that work in a room (issue 19, item 4), in a real Chromium.

Opened at a loopback address (the test server's 127.0.0.1), the share panel and the stage say plainly that phones
cannot open its links, how to fix it, and this machine's network addresses; the QR code still says the link it
shows, never silently. With PUBLIC_URL set (a hosted deployment), every link and QR code (the share panel's, the
stage's and the worksheet's) starts from it, no warning shows, and a second browser opens the shared link.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from explainer import share
from explainer.content import load_words
from explainer.scenarios import load_scenarios
from tests.conftest import DATA
from tests.e2e.conftest import NewPage, StreamlitServer, _free_port, start_server
from tests.e2e.helpers import open_page, rerun_after

pytestmark = pytest.mark.browser

WORDS = load_words("classroom.toml", DATA)["share"]
CASES = {case.id: case for case in load_scenarios(DATA)}
CASE = "lifting_strain"
NETWORK = share.network_addresses()


def shown_link(page: Page, panel: str) -> str:
    code = page.locator(f'{panel} [data-testid="stCode"]')
    expect(code).to_contain_text("http")
    return "".join(code.inner_text().split())


def decode_qr(page: Page, panel: str) -> list[str]:
    image = page.locator(f'{panel} [data-testid="stImage"] img')
    image.scroll_into_view_if_needed()
    page.wait_for_function(
        "sel => { const i = document.querySelector(sel); return i && i.complete && i.naturalWidth > 0; }",
        arg=f'{panel} [data-testid="stImage"] img',
    )
    return [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(image.screenshot())))]


def open_stage_share(page: Page, base_url: str) -> str:
    open_page(page, base_url, "present", f"scenario={CASE}&step=6", settle=True)
    with rerun_after(page):  # the share panel opens over the stage, drawn when opened
        page.locator(".st-key-present-share button").first.click()
    return ".st-key-share-stage"


def test_a_loopback_address_is_said_plainly_with_the_fix_and_this_machines_addresses(
    new_page: NewPage, base_url: str
) -> None:
    assert share.is_loopback(base_url), "the test server is opened at 127.0.0.1"
    page = new_page(viewport={"width": 1280, "height": 900})
    open_page(page, base_url, "scenarios", f"scenario={CASE}", settle=True)
    warning = page.locator(".st-key-loopback-case")
    expect(warning).to_contain_text(WORDS["loopback"])
    expect(warning).to_contain_text("--server.address 0.0.0.0")
    expect(warning).to_contain_text("deploy/serve.sh")
    port = urlsplit(base_url).port
    for address in NETWORK:  # each of this machine's addresses, as a link to open the app by
        expect(warning).to_contain_text(f"http://{address}:{port}")
    # The code is still drawn, beside the warning: it decodes to the link shown, which is this computer's own.
    link = shown_link(page, ".st-key-share-case")
    assert share.is_loopback(link)
    assert decode_qr(page, ".st-key-share-case") == [link]


@pytest.mark.parametrize("window", [(1280, 720), (1920, 1080)])
def test_the_stage_says_phones_cannot_open_its_links(new_page: NewPage, base_url: str, window) -> None:
    page = new_page(viewport={"width": window[0], "height": window[1]})
    open_page(page, base_url, "present", f"scenario={CASE}&step=1", settle=True)
    note = page.locator(".st-key-present-loopback")
    expect(note).to_be_visible()
    expect(note).to_contain_text(WORDS["loopback_stage"])
    panel = open_stage_share(page, base_url)
    expect(page.locator(".st-key-loopback-stage")).to_contain_text(WORDS["loopback"])
    assert decode_qr(page, panel) == [shown_link(page, panel)]


# --- PUBLIC_URL: a server reached at this machine's network address ------------------------------------------------

@pytest.fixture(scope="module")
def public_server(server_logs: Path) -> Iterator[tuple[StreamlitServer, str]]:
    if not NETWORK:
        pytest.skip("this machine has no network address to serve on")
    port = _free_port()
    public = f"http://{NETWORK[0]}:{port}/"  # a trailing slash, as people write it: the app tidies it
    server = start_server(server_logs / "public-url.log", {"PUBLIC_URL": public}, address="0.0.0.0", port=port)
    try:
        yield server, public.rstrip("/")
    finally:
        server.stop()


def test_public_url_fixes_every_link_and_code_and_a_second_browser_opens_it(
    new_page: NewPage, browser: Browser, public_server: tuple[StreamlitServer, str], tmp_path: Path
) -> None:
    server, public = public_server
    page = new_page(viewport={"width": 1280, "height": 900})
    open_page(page, server.url, "scenarios", f"scenario={CASE}", settle=True)  # opened at 127.0.0.1 all the same
    link = shown_link(page, ".st-key-share-case")
    assert link.startswith(f"{public}/warning-signs?"), link
    assert decode_qr(page, ".st-key-share-case") == [link]
    expect(page.locator(".st-key-loopback-case")).to_have_count(0)

    # The worksheet's code says the same link.
    button = page.locator('[data-testid="stDownloadButton"] button').filter(visible=True)
    button = button.filter(has_text=re.compile(r"PDF, A4\)")).filter(has_not_text="Answer key")
    with page.expect_download() as info:
        button.click()
    saved = tmp_path / "sheet.pdf"
    info.value.save_as(saved)
    images = PdfReader(saved).pages[0].images
    assert [code.text for image in images for code in zxingcpp.read_barcodes(image.image)] == [link]

    # The stage's too.
    stage = new_page(viewport={"width": 1920, "height": 1080})
    panel = open_stage_share(stage, server.url)
    stage_link = shown_link(stage, panel)
    assert stage_link.startswith(f"{public}/warning-signs?") and decode_qr(stage, panel) == [stage_link]
    expect(stage.locator(".st-key-present-loopback")).to_have_count(0)

    # A phone in the room: another browser, with nothing shared, opens the link at the network address.
    phone = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        visitor = phone.new_page()
        visitor.goto(link)
        expect(visitor.locator(".st-key-case-banner")).to_contain_text(CASES[CASE].title, timeout=30_000)
        assert parse_qs(urlsplit(visitor.url).query)["scenario"] == [CASE]
    finally:
        phone.close()


def test_a_malformed_public_url_is_said_plainly_and_links_keep_the_browsers_address(
    new_page: NewPage, server_logs: Path
) -> None:
    server = start_server(server_logs / "bad-public-url.log", {"PUBLIC_URL": "spasms.example.org"})
    try:
        page = new_page()
        open_page(page, server.url, "scenarios", f"scenario={CASE}", settle=True)
        expect(page.locator(".st-key-loopback-case")).to_contain_text("PUBLIC_URL must be a full web address")
        assert shown_link(page, ".st-key-share-case").startswith(f"{server.url}/warning-signs?")
    finally:
        server.stop()
