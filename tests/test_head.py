"""ui/head.py: the app's style sheets come with the page Streamlit serves, and nothing else is changed.

Driven as the server drives it (ASGI messages), against Streamlit's own index.html; the browser side (the styles
apply before the first run, and the space they keep is the space drawn) is in tests/e2e/test_heard_and_steady.py.
"""

from __future__ import annotations

import asyncio
import gzip
import re
import threading
from pathlib import Path
from typing import Any

import pytest
import streamlit

from explainer import charts
from ui import head, keys, look, stage
from ui.look import ASSETS

INDEX = (Path(streamlit.__file__).parent / "static" / "index.html").read_bytes()


def _inner(body: bytes, content_type: bytes, status: int = 200, chunks: int = 1) -> tuple[Any, list[dict]]:
    """An app answering every request with ``body`` (in ``chunks`` parts), recording the scopes it was given."""
    seen: list[dict] = []

    async def app(scope: dict, _receive: Any, send: Any) -> None:
        seen.append(scope)
        headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode()),
                   (b"etag", b'"abc"'), (b"cache-control", b"no-cache")]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        size = -(-len(body) // chunks)
        parts = [body[i:i + size] for i in range(0, len(body), size)] or [b""]
        for number, part in enumerate(parts, 1):
            await send({"type": "http.response.body", "body": part, "more_body": number < len(parts)})

    return app, seen


def _run(coroutine: Any) -> None:
    """Run ``coroutine`` to its end in a thread of its own: in the whole suite, Playwright's sync API keeps an
    event loop running in the main thread, where ``asyncio.run`` refuses to start another."""
    failure: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(coroutine)
        except BaseException as err:  # re-raised in the caller's thread
            failure.append(err)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def _get(app: Any, path: str, method: str = "GET", headers: list[tuple[bytes, bytes]] | None = None) -> dict:
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "headers": headers or []}
    _run(head.HeadStyles(app)(scope, receive, send))
    start = sent[0]
    return {"status": start["status"], "headers": dict(start["headers"]),
            "body": b"".join(message.get("body", b"") for message in sent[1:])}


PAGES = ["/", "/warning-signs", "/causes", "/about", "/join", "/no-such-page"]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("chunks", [1, 3])
def test_a_page_comes_with_the_styles_and_the_script_once_at_the_end_of_its_body(path: str, chunks: int) -> None:
    app, _ = _inner(INDEX, b"text/html; charset=utf-8", chunks=chunks)
    answer = _get(app, path)
    body = answer["body"]
    ours = head.page_styles(path.strip("/")) + look.page_script()
    assert body.count(ours) == 1
    at = body.index(ours)
    assert at > body.index(b"<body") and body[at + len(ours):].startswith(b"</body>"), "last in the body"
    assert body.replace(ours, b"") == INDEX, "nothing else in the page is changed"
    assert int(answer["headers"][b"content-length"]) == len(body)
    assert b"etag" not in answer["headers"], "no 304 may keep a copy with older styles"
    assert answer["headers"][b"cache-control"] == b"no-cache"


@pytest.mark.parametrize("url_path", ["", "causes", *head.PAGE_LOOKS])
def test_the_style_holds_every_sheet_named_in_order(url_path: str) -> None:
    text = head.page_styles(url_path).decode()
    names = [*look.PAGE_SHEETS, *head.PAGE_LOOKS.get(url_path, ((), dict))[0]]
    places = [text.index((ASSETS / name).read_text(encoding="utf-8")) for name in names]
    assert places == sorted(places) and len(set(places)) == len(names) >= 2


@pytest.mark.parametrize("url_path", head.PAGE_LOOKS)
def test_a_pages_own_look_comes_with_its_address_only(url_path: str) -> None:
    sheets, variables = head.PAGE_LOOKS[url_path]
    own = [(ASSETS / name).read_text(encoding="utf-8").encode() for name in sheets]
    own += [f"--{name}: {value};".encode() for name, value in variables().items()]
    for part in own:
        assert part in head.page_styles(url_path)
        assert part not in head.page_styles("") and part not in head.page_styles("causes")


def test_the_stage_comes_with_the_sizes_its_run_sets() -> None:
    sent = head.page_styles("present").decode()
    for name, value in stage.sizes().items():
        assert f"--{name}: {value};" in sent
    assert "--stage-unit: min(1vw," in sent  # what stage.css reads, as explainer.presentation decides it


def test_a_browser_that_takes_gzip_gets_the_same_page_compressed() -> None:
    app, seen = _inner(INDEX, b"text/html")
    answer = _get(app, "/causes", headers=[(b"accept-encoding", b"gzip, deflate"), (b"if-none-match", b'"abc"')])
    assert answer["headers"][b"content-encoding"] == b"gzip"
    assert gzip.decompress(answer["body"]) == head.with_page_styles(INDEX)
    assert int(answer["headers"][b"content-length"]) == len(answer["body"])
    sent_on = {name for name, _ in seen[0]["headers"]}
    assert not sent_on & {b"accept-encoding", b"if-none-match"}, "the inner app is asked for the whole page, plain"


@pytest.mark.parametrize(
    ("path", "method", "content_type", "status"),
    [
        ("/static/js/index.js", "GET", b"text/javascript", 200),  # a file
        ("/_stcore/health", "GET", b"text/plain", 200),  # Streamlit's own paths
        ("/_stcore/host-config", "GET", b"text/html", 200),
        ("/favicon.png", "GET", b"image/png", 200),
        ("/about", "HEAD", b"text/html", 200),  # no body to change
        ("/about", "POST", b"text/html", 405),
        ("/about", "GET", b"text/html", 404),  # not a page's answer
        ("/about", "GET", b"application/json", 200),
    ],
)
def test_every_other_answer_passes_untouched(path: str, method: str, content_type: bytes, status: int) -> None:
    body = b"<html><body>x</body></html>"
    app, seen = _inner(body, content_type, status=status)
    headers = [(b"accept-encoding", b"gzip"), (b"if-none-match", b'"abc"')]
    answer = _get(app, path, method, headers)
    assert answer["body"] == body and answer["status"] == status
    assert answer["headers"][b"etag"] == b'"abc"'
    if not head._is_page_request({"type": "http", "method": method, "path": path}):
        assert seen[0]["headers"] == headers, "the request is passed on as it came"


def test_a_page_without_a_body_tag_or_with_the_styles_already_is_left_alone() -> None:
    assert head.with_page_styles(b"<p>no body</p>") == b"<p>no body</p>"
    once = head.with_page_styles(INDEX)
    assert head.with_page_styles(once) == once


def test_websockets_pass_through() -> None:
    called: list[str] = []

    async def app(scope: dict, _receive: Any, _send: Any) -> None:
        called.append(scope["type"])

    async def nothing(*_: Any) -> dict:
        return {}

    _run(head.HeadStyles(app)({"type": "websocket", "path": "/_stcore/stream", "headers": []}, nothing, nothing))
    assert called == ["websocket"]


def test_homes_picture_keeps_the_height_its_chart_is_drawn_at() -> None:
    """head.css reads the height from ui/head.py, which takes it from the chart's own constant."""
    assert f"--signs-glance-height: {charts.GLANCE_HEIGHT}px;".encode() in head.page_styles("")
    assert b"min-height: var(--signs-glance-height" in (ASSETS / "head.css").read_bytes()


def test_the_page_script_waits_for_the_routers_last_element_and_gives_up_when_head_css_does() -> None:
    """ui/assets/head.js names the router's last element by its key (ui/keys.py), and shows the main area after the
    same time as head.css's fallback, which holds when the script cannot run."""
    script = (ASSETS / look.PAGE_SCRIPT).read_text(encoding="utf-8")
    assert f'".st-key-{keys.SLIDER_NAMES}"' in script
    waits = re.findall(r"setTimeout\(show, (\d+)\)", script)
    css = re.findall(r"animation: shown-anyway 0s (\d+(?:\.\d+)?)s forwards", (ASSETS / "head.css").read_text())
    assert len(waits) == 1 and len(css) == 1
    assert int(waits[0]) == float(css[0]) * 1000
