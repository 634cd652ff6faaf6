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
import ipaddress
import socket
import sys
from collections.abc import Mapping
from urllib.parse import urlsplit

import segno

from explainer.assessment import InputValue
from explainer.content import Content
from explainer.links import scenario_url

__all__ = [
    "MAX_MODULES",
    "PAGE_SIZE_PX",
    "PRINT_SIZE_MM",
    "PUBLIC_URL_SETTING",
    "QR_BORDER",
    "QR_ERROR",
    "SHARED_PAGE",
    "STAGE_HEIGHT_VH",
    "app_address",
    "is_loopback",
    "network_addresses",
    "network_links",
    "qr_png",
    "qr_svg",
    "read_public_url",
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


# --- Links that work in a room ---------------------------------------------------------------------------------
# A link a phone scans must name an address the phone can reach. Opened as the README's first command says, the
# browser shows http://localhost:8501: every phone in the room would try to open itself. The app says so wherever
# a link or a QR code is shown, lists this machine's network addresses, and takes PUBLIC_URL on a hosted server.

PUBLIC_URL_SETTING = "PUBLIC_URL"  # the environment variable that fixes the app's public address


def is_loopback(address: str) -> bool:
    """Whether ``address`` (a URL or a bare host) names this computer only: localhost, 127.x or ::1.

    >>> [is_loopback(a) for a in ("http://localhost:8501", "http://127.0.1.1:8501/x", "http://[::1]:8501",
    ...                           "app.localhost", "http://192.168.1.20:8501", "https://example.org")]
    [True, True, True, True, False, False]
    """
    host = (urlsplit(address).hostname if "//" in address else address.strip("[]")) or ""
    host = host.lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def read_public_url(raw: str) -> str:
    """The app's public address from the ``PUBLIC_URL`` setting, tidied (no trailing slash); "" when unset.

    Raises:
        ValueError: with a plain sentence, for anything but an http(s) address with a host and no query, fragment
            or password.

    >>> read_public_url("https://spasms.example.org/tools/ "), read_public_url("")
    ('https://spasms.example.org/tools', '')
    >>> read_public_url("spasms.example.org")
    Traceback (most recent call last):
    ...
    ValueError: PUBLIC_URL must be a full web address that starts with https:// or http:// (found 'spasms.example.org').
    """
    text = raw.strip()
    if not text:
        return ""
    parts = urlsplit(text)
    problem = ""
    if parts.scheme not in ("http", "https") or not parts.netloc:
        problem = "must be a full web address that starts with https:// or http://"
    elif parts.query or parts.fragment:
        problem = "must not have a ? or # part"
    elif parts.username or parts.password:
        problem = "must not hold a user name or password"
    else:
        try:
            _ = parts.port
            host_ok = bool(parts.hostname)
        except ValueError:
            host_ok = False
        if not host_ok:
            problem = "must name a host, and a port only as a number"
    if problem:
        raise ValueError(f"{PUBLIC_URL_SETTING} {problem} (found {text[:80]!r}).")
    return text.rstrip("/")


def network_addresses() -> tuple[str, ...]:
    """This machine's IPv4 addresses on its networks (not loopback), asked of the operating system only: nothing
    is sent anywhere (no DNS look-up, no packet). On Linux, each network interface's address; elsewhere, none
    (the app then asks the presenter to look in the network settings).

    >>> all(not is_loopback(address) for address in network_addresses())
    True
    """
    if not sys.platform.startswith("linux"):
        return ()
    import fcntl  # Linux: the kernel's table of interfaces, read with SIOCGIFADDR
    import struct

    found: list[str] = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:  # never connected, never sends
        for _, name in socket.if_nameindex():
            try:
                packed = fcntl.ioctl(probe.fileno(), 0x8915, struct.pack("256s", name[:15].encode()))
            except OSError:  # an interface with no IPv4 address
                continue
            address = socket.inet_ntoa(packed[20:24])
            if not is_loopback(address) and not ipaddress.ip_address(address).is_link_local:
                found.append(address)
    return tuple(dict.fromkeys(found))


def network_links(address: str, hosts: tuple[str, ...]) -> tuple[str, ...]:
    """``address`` (a loopback one) with its host swapped for each of ``hosts``, its port and path kept.

    >>> network_links("http://localhost:8501/app", ("192.168.1.20",))
    ('http://192.168.1.20:8501/app',)
    """
    parts = urlsplit(address)
    port = f":{parts.port}" if parts.port else ""
    return tuple(f"{parts.scheme}://{host}{port}{parts.path}".rstrip("/") for host in hosts)
