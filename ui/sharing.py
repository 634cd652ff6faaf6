"""Sharing a scenario on screen: its full link, a button that copies it, and its QR code.

The link starts from ``st.context.url``. In Streamlit 1.67 that is the address the visitor's browser shows:
the frontend sends ``document.location.href`` (the top window's, when the app is embedded) with every rerun,
without its query and fragment (``getUrl`` in the frontend's utils), and the server swaps the page's path for
the current page's (``runtime/context_util.py``). So behind a reverse proxy it is the proxy's address, path
prefix included, never the server's own. :func:`explainer.share.app_address` takes the page's path off it.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping
from pathlib import Path

import jinja2
import streamlit as st

import explainer
from explainer import share
from explainer.assessment import InputValue
from ui import classroom, context, load

ASSETS = Path(__file__).parent / "assets"
_TEMPLATES = jinja2.Environment(loader=jinja2.FileSystemLoader(ASSETS), autoescape=True)


@functools.cache
def _copy_button(label: str) -> Callable[..., object]:
    """The copy button (ui/assets/copy_link.*), its label already in its HTML: a screen reader (and axe) finds it
    named before the script has run, on a slow machine too."""
    return st.components.v2.component(
        "copy_link",
        html=_TEMPLATES.get_template("copy_link.html").render(label=label),
        css=(ASSETS / "copy_link.css").read_text(encoding="utf-8"),
        js=(ASSETS / "copy_link.js").read_text(encoding="utf-8"),
    )


def public_url() -> tuple[str, str]:
    """The ``PUBLIC_URL`` setting (environment) tidied, and "" ; or "" and a plain sentence when it is malformed."""
    try:
        return share.read_public_url(os.environ.get(share.PUBLIC_URL_SETTING, "")), ""
    except ValueError as err:
        return "", str(err)


def app_address() -> str | None:
    """The app's own address: ``PUBLIC_URL`` when it is set (a hosted deployment), else the address the visitor's
    browser shows, or None where no browser says (a test client)."""
    fixed, _ = public_url()
    if fixed:
        return fixed
    url = st.context.url
    return share.app_address(url, context.page_path()) if url else None


def loopback_note(key: str, compact: bool = False) -> bool:
    """Where the app's address names this computer only (localhost, 127.x, ::1), say plainly that phones cannot
    open its links and how to fix it (the network addresses listed); a malformed ``PUBLIC_URL`` is said too.
    ``compact`` (on stage): one line that points to the share panel. Returns whether the address is loopback."""
    words = classroom.classroom_or_stop(load.content_or_stop())[1]["share"]
    _, problem = public_url()
    address = app_address()
    loopback = bool(address) and share.is_loopback(address or "")
    if not (problem or loopback):
        return False
    with st.container(key=key):
        if problem:
            st.warning(words["public_url_bad"].format(problem=problem))
        if loopback and compact:
            st.caption("⚠ " + words["loopback_stage"])
        elif loopback:
            links = share.network_links(address or "", share.network_addresses())
            fix = words["loopback_fix"].format(links=", ".join(links)) if links else words["loopback_fix_none"]
            st.warning("\n\n".join([words["loopback"], fix, words["loopback_server"]]), icon="⚠️")
    return loopback


def share_panel(
    content: explainer.Content,
    values: Mapping[str, InputValue],
    case_id: str | None,
    key: str,
    heading: str = "",
    large: bool = False,
) -> str:
    """The full link of a scenario, a button that copies it, and its QR code drawn on this server.

    The QR code is an SVG, sharp at any size: :data:`~explainer.share.PAGE_SIZE_PX` wide, or ``large`` (on a
    projector) :data:`~explainer.share.STAGE_HEIGHT_VH` % of the window's height. :mod:`explainer.share` says why.
    Returns the link.
    """
    _, text = classroom.classroom_or_stop(content)
    words = text["share"]
    address = app_address()
    link = share.share_link(address or "", values, case_id, content)
    with st.container(key=f"share-{key}"):
        if heading:
            st.markdown(f"### {heading}")
        st.caption(words["help"])
        loopback_note(key=f"loopback-{key}")  # before the link and its code: a phone cannot open a loopback one
        st.code(link, language=None, wrap_lines=True)  # plain text: a link is never run as markup
        _copy_button(words["copy"])(
            data={"link": link, "label": words["copy"], "copied": words["copied"], "failed": words["copy_failed"]},
            key=f"copy-{key}",
        )
        if address:
            width = "stretch" if large else share.PAGE_SIZE_PX
            st.image(share.qr_svg(link), width=width, alt=words["qr_alt"].format(link=link))
        else:
            st.caption(words["no_address"])
    return link
