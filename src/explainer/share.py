"""Sharing a scenario: its full link, built from the address the visitor's browser shows, and a QR code of it.

The QR code is drawn here, on this server, by ``segno`` (pure Python): no request leaves the machine, so it works
in a workshop with no internet.

How big a QR code must be. A phone camera reads a QR code from about ten times its width (a common rule of
thumb for printed codes of modest density). Every teaching case's link makes a code of at most
:data:`MAX_MODULES` modules (QR version 10, even on a long host name; a test checks it), so a code 650 px wide has
modules of 10 px. So:

- On a projector, at the back of a 10 m room, the code must be about 1 m wide on the wall. A projected image
  3 m wide shows 1920 px at about 1.6 mm each, so the stage shows the code at 60 % of the window's height
  (about 650 px at 1080): about 1 m, readable from 10 m. :data:`STAGE_HEIGHT_VH` holds that share.
- On a laptop or a phone held up, the cases page shows it :data:`PAGE_SIZE_PX` wide: 9 cm on a laptop screen,
  enough from 1 m or so across a table.
- On paper, read from arm's length (30-40 cm), :data:`PRINT_SIZE_MM` is enough.

A scenario with nearly every input set makes a denser code (up to about 97 modules): it still works, from
nearer. The image is an SVG, so it stays sharp at any size; :func:`qr_png` makes a PNG for print and for the tests
that decode it.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import segno

from explainer.assessment import InputValue
from explainer.content import Content
from explainer.links import scenario_url

__all__ = [
    "MAX_MODULES",
    "PAGE_SIZE_PX",
    "PRINT_SIZE_MM",
    "QR_BORDER",
    "QR_ERROR",
    "SHARED_PAGE",
    "STAGE_HEIGHT_VH",
    "app_address",
    "qr_png",
    "qr_svg",
    "share_link",
]

SHARED_PAGE = "warning-signs"  # where a shared link opens: the page where the scenario is explored
QR_ERROR = "m"  # error correction M: 15 % of the code may be lost (glare on a screen, a crease on paper)
QR_BORDER = 4  # the quiet zone the QR standard asks for, in modules; a scanner needs it to find the code
STAGE_HEIGHT_VH = 60  # on the stage: 60 % of the window's height, about 1 m wide on a 3 m projected image
PAGE_SIZE_PX = 340  # on the cases page: about 9 cm on a laptop screen
PRINT_SIZE_MM = 38  # on the worksheet: read from arm's length, ten times 38 mm is 38 cm
MAX_MODULES = 57  # QR version 10: the densest code a teaching case's link makes (tests/test_share.py)


def app_address(page_url: str, page_path: str) -> str:
    """The app's own address, from the full address of one of its pages (as the browser shows it) and that
    page's path. Whatever comes before the page's path is kept, so an app served under a path behind a proxy
    (``https://example.org/tools/spasms/scenarios``) keeps it.

    >>> app_address("https://example.org/tools/spasms/scenarios", "scenarios")
    'https://example.org/tools/spasms'
    >>> app_address("http://localhost:8501/", "")
    'http://localhost:8501'
    >>> app_address("http://localhost:8501/scenarios/", "scenarios")
    'http://localhost:8501'
    """
    address = page_url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    suffix = "/" + page_path.strip("/")
    if page_path.strip("/") and address.endswith(suffix):
        address = address[: -len(suffix)]
    return address


def share_link(
    app: str,
    values: Mapping[str, InputValue],
    case_id: str | None,
    content: Content,
    page: str = SHARED_PAGE,
) -> str:
    """The full link that reopens a scenario on ``page``: every input that differs from its default, and the
    case's id when it is a teaching case (the visitor then sees the case's story).

    The inputs are in the link as well as the case, so the link keeps its meaning if the case is edited later.

    >>> share_link("https://example.org/app", {"pain": 8, "duration_min": 15}, "lifting_strain", content)
    'https://example.org/app/warning-signs?pain=8&duration_min=15&scenario=lifting_strain'
    >>> share_link("http://localhost:8501", {}, None, content)
    'http://localhost:8501/warning-signs'
    """
    return scenario_url(app, page, values, content, {"scenario": case_id} if case_id else None)


def _code(link: str) -> segno.QRCode:
    return segno.make(link, error=QR_ERROR, boost_error=False, micro=False)


def qr_svg(link: str, title: str = "") -> str:
    """The QR code of ``link`` as an SVG document, one unit per module, to be drawn at any size.

    >>> svg = qr_svg("http://localhost:8501/warning-signs?pain=8")
    >>> svg.startswith("<svg"), 'viewBox="0 0 ' in svg
    (True, True)
    """
    out = io.BytesIO()
    # width and height are left to the page (omitsize), so the viewBox scales it; dark on white for contrast.
    _code(link).save(
        out, kind="svg", border=QR_BORDER, xmldecl=False, omitsize=True, dark="#000", light="#fff", title=title or None
    )
    return out.getvalue().decode("utf-8")


def qr_png(link: str, module_px: int = 10) -> bytes:
    """The QR code of ``link`` as a PNG, ``module_px`` pixels per module (10 makes a code of ~500 px, sharp in
    print at 38 mm and 300 dpi).

    >>> qr_png("http://localhost:8501/warning-signs")[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    out = io.BytesIO()
    _code(link).save(out, kind="png", scale=module_px, border=QR_BORDER, dark="#000", light="#fff")
    return out.getvalue()
