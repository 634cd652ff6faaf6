"""The app's style sheets come with the page Streamlit serves, so they apply from the browser's first frame.

Why (issue 20, "no jumps"): every style of ours used to arrive with the first run, as a Markdown element, and
Markdown with HTML in it waits for a renderer Streamlit loads on demand. Until then the page was drawn with
Streamlit's own look, and it moved when ours landed: the title shrank to one line on a phone, and on a laptop the
main area moved right when the sidebar arrived. Both were measured as layout shift of 0.2-0.3 on every page
(docs/performance.md, "Page layout and accessibility").

How: ``app.py`` is the server's entry too (``streamlit run app.py`` finds its ``st.App``; Streamlit 1.67 serves
with Starlette either way). :class:`HeadStyles` is its one middleware: on a page (an HTML answer), it puts
app.css and head.css (:func:`ui.look.page_styles`) last in the body, and head.js (:func:`ui.look.page_script`),
which shows the main area once the first run has drawn it whole. Nothing else is changed: the scripts, the
websocket, the health check and every other answer pass through untouched.

No visitor's input is read or kept: the answer is the same for every request.
"""

from __future__ import annotations

import functools
import gzip
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from explainer import charts
from ui import look, room, stage

# A page's own look, sent with its address too (after app.css and head.css): its sheets in ui/assets/ and its CSS
# variables. Its run draws them again, for a visitor who arrives from another page of the app (no new page is
# loaded then), and they stay when that visitor leaves for another page: so each rule must apply on its page only.
PAGE_LOOKS: dict[str, tuple[tuple[str, ...], Callable[[], dict[str, str]]]] = {
    room.JOIN_PAGE: (("room_phone.css",), dict),  # only phones open /join, and it has no link to another page
    "present": (("stage-frame.css", "stage.css", "room.css"), stage.sizes),  # ui/router.py's PAGES
}


def _common_sizes() -> dict[str, str]:
    """Sizes head.css keeps on every page, from where they are decided: Home's picture's height (its chart's)."""
    return {"signs-glance-height": f"{charts.GLANCE_HEIGHT}px"}

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


# Sent to the browser without these: a 304 for a page would keep a copy with older styles, and the encoding is
# ours to choose (the page is compressed here, once per process, if the browser takes gzip).
_DROPPED_REQUEST_HEADERS = {b"if-none-match", b"if-modified-since", b"accept-encoding"}
_DROPPED_RESPONSE_HEADERS = {b"content-length", b"content-encoding", b"etag", b"last-modified"}


def page_styles(url_path: str) -> bytes:
    """The style element sent with the page at ``/url_path``: :data:`ui.look.PAGE_SHEETS`, then the page's own."""
    sheets, variables = PAGE_LOOKS.get(url_path, ((), dict))
    return look.page_styles(sheets, tuple({**_common_sizes(), **variables()}.items()))


def with_page_styles(html: bytes, url_path: str = "") -> bytes:
    """``html`` with :func:`page_styles` at the end of its body (unchanged if it has none, or has it already).

    At the end of the body, not in the head: Streamlit's own styles are added to the head as it draws, so a rule of
    ours after them wins where both have the same weight, as it did when app.css came with the first run. The body
    is read before Streamlit's script runs (a module script waits for it), so the style still applies from the
    first frame."""
    if look.PAGE_STYLES_ID.encode() in html or b"</body>" not in html:
        return html
    return html.replace(b"</body>", page_styles(url_path) + look.page_script() + b"</body>", 1)


@functools.lru_cache(maxsize=32)
def _page(html: bytes, url_path: str, compress: bool) -> bytes:
    """The page as sent, made once per process for each address (an unknown one gets the common styles)."""
    body = with_page_styles(html, url_path)
    return gzip.compress(body, mtime=0) if compress else body


def _is_page_request(scope: Scope) -> bool:
    """A GET for something that may be a page: not one of Streamlit's own paths, not a file with an extension."""
    if scope["type"] != "http" or scope["method"] != "GET":
        return False
    path: str = scope.get("path", "")
    last = path.rsplit("/", 1)[-1]
    return "_stcore" not in path and not path.startswith(("/static/", "/media/", "/component/")) and "." not in last


class HeadStyles:
    """ASGI middleware: the app's style sheets in every page (see the module's docstring)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _is_page_request(scope):
            await self.app(scope, receive, send)
            return
        headers = list(scope.get("headers", []))
        takes_gzip = any(name == b"accept-encoding" and b"gzip" in value for name, value in headers)
        inner = dict(scope)
        inner["headers"] = [(name, value) for name, value in headers if name not in _DROPPED_REQUEST_HEADERS]
        start: Message | None = None
        chunks: list[bytes] = []

        async def send_page(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                content_type = dict(message.get("headers", [])).get(b"content-type", b"")
                if message.get("status") == 200 and content_type.startswith(b"text/html"):
                    start = message  # held until the body is whole
                    return
                await send(message)
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            html = b"".join(chunks)
            url_path = scope.get("path", "").strip("/").rsplit("/", 1)[-1]  # a page's address, as in st.Page
            body = _page(html, url_path, takes_gzip)
            kept = [(name, value) for name, value in start.get("headers", []) if name not in _DROPPED_RESPONSE_HEADERS]
            kept.append((b"content-length", str(len(body)).encode()))
            if takes_gzip:
                kept += [(b"content-encoding", b"gzip"), (b"vary", b"Accept-Encoding")]
            await send({**start, "headers": kept})
            await send({"type": "http.response.body", "body": body, "more_body": False})

        await self.app(inner, receive, send_page)
