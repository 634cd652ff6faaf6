"""The room vote on the stage, run by Streamlit's AppTest: the presenter's secret is in no link, QR code, element or
log line; a store that is down pauses the room and breaks nothing else."""

from __future__ import annotations

import base64
import io
import logging
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import vl_convert
import zxingcpp
from PIL import Image
from streamlit.testing.v1 import AppTest

from explainer.room import Opened
from ui import room, sharing

ROOT = Path(__file__).resolve().parents[1]
ADDRESS = "http://192.168.1.20:8501"  # as a classroom laptop's browser would show it


def _elements(node: object) -> Iterator[object]:
    children = getattr(node, "children", None)
    for child in (children.values() if isinstance(children, dict) else []):
        yield child
        yield from _elements(child)


def _start_room(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setattr(sharing, "app_address", lambda: ADDRESS)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()
    at.switch_page("pages/present.py").run()
    next(button for button in at.button if button.key == "room-start").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def fresh_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("ROOM_STORE", raising=False)
    room.store.clear()
    yield
    room.store.clear()


@pytest.mark.usefixtures("fresh_store")
def test_the_presenter_secret_is_in_no_link_qr_code_element_or_log(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        at = _start_room(monkeypatch)
        at.run()  # a second run: the count's refresh, the keeper
    opened = at.session_state[room.PRESENTER]
    assert isinstance(opened, Opened) and len(opened.secret) >= 43
    protos = {id(e): (type(e).__name__, str(getattr(e, "proto", ""))) for e in _elements(at._tree)}
    # The one place the secret goes to the browser: the keeper, into this tab's sessionStorage (ui/room.py).
    kept = [text for kind, text in protos.values() if "room_keep_presenter" in text]
    assert len(kept) == 1 and opened.secret in kept[0], "the test finds the secret where it is"
    shown = [text for kind, text in protos.values() if "room_keep_presenter" not in text]
    assert not [text for text in shown if opened.secret in text]
    # The join link: the app's address, /join and the join code, nothing else.
    link_html = next(text for text in shown if "room-alias" in text)
    link = link_html.split('href=\\"', 1)[1].split('\\"', 1)[0]
    parts = urlsplit(link)
    assert (f"{parts.scheme}://{parts.netloc}", parts.path, parse_qs(parts.query)) == (
        ADDRESS, "/join", {"room": [opened.code]})
    assert f"Code: {opened.alias}" in link_html
    # The QR code on the stage, decoded, is exactly that link.
    image = next(e for e in _elements(at._tree) if type(e).__name__ == "Image")
    svg = base64.b64decode(image.proto.imgs[0].url.split(",", 1)[1]).decode("utf-8")
    png = bytes(vl_convert.svg_to_png(svg, scale=8))
    assert [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))] == [link]
    assert opened.secret not in caplog.text
    assert opened.secret not in str(at.query_params)


@pytest.mark.usefixtures("fresh_store")
def test_a_store_that_is_down_pauses_the_room_and_the_stage_still_works(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ROOM_STORE", f"unix://{tmp_path / 'no-redis-here.sock'}")
    room.store.clear()
    at = _start_room(monkeypatch)
    texts = [m.value for m in at.markdown]
    assert any(text.startswith("The room is paused") for text in texts), texts
    assert room.PRESENTER not in at.session_state
    next(button for button in at.button if button.key == "present-next").click().run()  # the stage goes on
    assert not at.exception
    assert any(m.value in {"✓ Not crossed", "⚠ Crossed"} for m in at.markdown)
