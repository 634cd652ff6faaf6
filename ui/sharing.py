"""Sharing a scenario on screen: its full link, a button that copies it, and its QR code.

The link starts from ``st.context.url``. In Streamlit 1.67 that is the address the visitor's browser shows:
the frontend sends ``document.location.href`` (the top window's, when the app is embedded) with every rerun,
without its query and fragment (``getUrl`` in the frontend's utils), and the server swaps the page's path for
the current page's (``runtime/context_util.py``). So behind a reverse proxy it is the proxy's address, path
prefix included, never the server's own. :func:`explainer.share.app_address` takes the page's path off it.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable, Mapping

import streamlit as st

import explainer
from explainer import share
from explainer.assessment import InputValue
from ui import classroom, context

# The copy button: the Clipboard API where the page is a secure context (https, localhost); over plain http on
# a workshop's local network it is missing, so the older copy command is used there. Says what happened in a
# live region, so a screen reader hears it too.
_COPY_HTML = '<div class="copy"><button type="button"></button><span role="status" aria-live="polite"></span></div>'
_COPY_CSS = """
.copy { display: flex; flex-wrap: wrap; align-items: center; gap: 0.75rem; font-family: inherit; }
button { font: inherit; color: #212B32; background: #fff; border: 1px solid #768692; border-radius: 0.5rem;
  padding: 0.4rem 0.9rem; min-height: 2.5rem; cursor: pointer; }
button:hover { border-color: #005EB8; color: #005EB8; }
button:focus-visible { outline: 3px solid #005EB8; outline-offset: 2px; }
[role="status"] { color: #212B32; }
"""
_COPY_JS = """
export default function ({ parentElement, data }) {
  const button = parentElement.querySelector("button");
  const status = parentElement.querySelector('[role="status"]');
  button.textContent = data.label;
  button.onclick = async () => {
    let copied = false;
    try {
      await navigator.clipboard.writeText(data.link);
      copied = true;
    } catch (error) {
      const field = document.createElement("textarea");
      field.value = data.link;
      field.setAttribute("readonly", "");
      field.style.position = "fixed";
      field.style.opacity = "0";
      document.body.appendChild(field);
      field.select();
      try { copied = document.execCommand("copy"); } catch (ignored) { copied = false; }
      field.remove();
      button.focus();
    }
    status.textContent = copied ? data.copied : data.failed;
  };
}
"""
@functools.cache
def _copy_button(label: str) -> Callable[..., object]:
    """The copy button, its label already in its HTML: a screen reader (and axe) finds it named before the
    script has run, on a slow machine too."""
    button = f'<button type="button">{html.escape(label)}</button>'
    return st.components.v2.component(
        "copy_link", html=_COPY_HTML.replace('<button type="button"></button>', button), css=_COPY_CSS, js=_COPY_JS
    )


def app_address() -> str | None:
    """The app's own address as the visitor's browser shows it, or None where no browser says (a test client)."""
    url = st.context.url
    return share.app_address(url, context.page_path()) if url else None


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
    if large:  # as tall as 60 % of the window, whatever its width: see explainer.share
        st.html(
            f"<style>.st-key-share-{key} [data-testid='stImage'] img {{ width: auto !important;"
            f" height: {share.STAGE_HEIGHT_VH}vh !important; max-width: 100% !important; object-fit: contain; }}"
            "</style>"
        )
    with st.container(key=f"share-{key}"):
        if heading:
            st.markdown(f"### {heading}")
        st.caption(words["help"])
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
