"""Sharing: the app's address from the browser's, the full link of every case, and QR codes that decode to it."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlsplit

import pytest
import vl_convert
import zxingcpp
from PIL import Image

import explainer
from explainer import share
from explainer.links import read_link
from explainer.scenarios import Scenario, load_scenarios
from tests.conftest import DATA

CONTENT = explainer.load_content(DATA)
CASES = load_scenarios(DATA, CONTENT)


@pytest.mark.parametrize(
    ("page_url", "page_path", "app"),
    [
        ("http://localhost:8501", "", "http://localhost:8501"),
        ("http://localhost:8501/", "", "http://localhost:8501"),
        ("http://localhost:8501/scenarios", "scenarios", "http://localhost:8501"),
        ("http://192.168.1.20:8501/present", "present", "http://192.168.1.20:8501"),
        # behind a reverse proxy, under a path: the proxy's address and path are kept
        ("https://example.org/tools/spasms/scenarios", "scenarios", "https://example.org/tools/spasms"),
        ("https://example.org/tools/spasms", "", "https://example.org/tools/spasms"),
        ("https://example.org/quiz/app/quiz/", "quiz", "https://example.org/quiz/app"),  # only the last one goes
        ("https://example.org/app/scenarios?x=1#top", "scenarios", "https://example.org/app"),
    ],
)
def test_the_app_address_is_the_page_address_without_the_page(page_url: str, page_path: str, app: str) -> None:
    assert share.app_address(page_url, page_path) == app


def _decode(png: bytes) -> list[str]:
    return [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_a_case_link_is_full_and_reopens_the_case(case: Scenario) -> None:
    link = share.share_link("https://example.org/tools/spasms", case.values(CONTENT), case.id, CONTENT)
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "example.org", f"/tools/spasms/{share.SHARED_PAGE}")
    query = parse_qs(parts.query)
    assert query["scenario"] == [case.id]
    reading = read_link(query, CONTENT)
    assert reading.notes == ()
    assert explainer.validate_inputs(reading.values, CONTENT) == case.values(CONTENT)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_the_qr_code_decodes_to_the_full_link(case: Scenario) -> None:
    link = share.share_link("http://192.168.100.200:8501", case.values(CONTENT), case.id, CONTENT)
    assert _decode(share.qr_png(link)) == [link]
    # The page shows the SVG: drawn as a browser would, it decodes to the same link.
    svg_png = bytes(vl_convert.svg_to_png(share.qr_svg(link), scale=8))
    assert _decode(svg_png) == [link]


def test_every_case_code_stays_coarse_enough_to_scan_from_the_back_of_a_room() -> None:
    # explainer.share sizes the code for at most QR version 10 (57 modules): on the stage, 60 % of a 1080 px
    # window is then 10 px a module. Every teaching case stays within it, even on a long host name and path.
    app = "https://a-rather-long-host-name.example.org/workshops/spasms"
    for case in CASES:
        link = share.share_link(app, case.values(CONTENT), case.id, CONTENT)
        modules = Image.open(io.BytesIO(share.qr_png(link, module_px=1))).width - 2 * share.QR_BORDER
        assert modules <= share.MAX_MODULES, f"{case.id}: {len(link)} characters make {modules} modules"


# --- links that work in a room (issue 19, item 4) ----------------------------------------------------------------

@pytest.mark.parametrize(
    ("address", "loopback"),
    [("http://localhost:8501", True), ("http://LOCALHOST:8501/present", True), ("http://app.localhost", True),
     ("http://127.0.0.1:8501", True), ("http://127.8.9.10", True), ("http://[::1]:8501/", True), ("::1", True),
     ("http://192.168.1.20:8501", False), ("http://10.0.0.5", False), ("https://example.org/tools", False),
     ("http://localhost.example.org", False), ("http://[2001:db8::1]:8501", False), ("", False)],
)
def test_a_loopback_address_is_recognised(address: str, loopback: bool) -> None:
    assert share.is_loopback(address) is loopback


@pytest.mark.parametrize(
    ("raw", "tidied"),
    [("", ""), ("  ", ""), ("https://demo.example.org", "https://demo.example.org"),
     ("https://demo.example.org/", "https://demo.example.org"),
     ("http://192.168.1.20:8501/app/", "http://192.168.1.20:8501/app")],
)
def test_public_url_is_tidied(raw: str, tidied: str) -> None:
    assert share.read_public_url(raw) == tidied


@pytest.mark.parametrize(
    ("raw", "says"),
    [("demo.example.org", "starts with https:// or http://"), ("ftp://demo.example.org", "starts with https://"),
     ("https://", "starts with https://"), ("https://demo.example.org/?x=1", "? or #"),
     ("https://demo.example.org/#top", "? or #"), ("https://me:secret@demo.example.org", "user name or password"),
     ("https://demo.example.org:port", "port only as a number")],
)
def test_a_malformed_public_url_is_refused_in_a_plain_sentence(raw: str, says: str) -> None:
    with pytest.raises(ValueError, match="PUBLIC_URL") as caught:
        share.read_public_url(raw)
    assert says in str(caught.value)


def test_this_machines_network_addresses_are_never_loopback_and_make_links_that_keep_port_and_path() -> None:
    addresses = share.network_addresses()
    assert all(not share.is_loopback(address) for address in addresses)
    links = share.network_links("http://localhost:8501/app", ("192.168.1.20", "10.0.0.5"))
    assert links == ("http://192.168.1.20:8501/app", "http://10.0.0.5:8501/app")


@pytest.mark.parametrize("app", ["https://demo.example.org/tools", "http://localhost:8501"])
def test_the_qr_code_says_the_link_from_public_url_or_loopback_as_it_is(app: str) -> None:
    link = share.share_link(app, {"pain": 8}, "lifting_strain", CONTENT)
    assert link.startswith(f"{app}/warning-signs?")
    assert [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(share.qr_png(link))))] == [link]
