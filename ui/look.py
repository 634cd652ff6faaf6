"""The app's look beyond the theme in .streamlit/config.toml: its favicon, and its styles and scripts, which are
files in ui/assets/ (a colour or a gap is changed there, never in a Python string)."""

from __future__ import annotations

import functools
from pathlib import Path

import streamlit as st

from ui.load import words

ASSETS = Path(__file__).resolve().parent / "assets"

# Served by the app itself (st.set_page_config hands it to Streamlit's media files), so the browser never asks
# another host for it. Drawn by ui/assets/make_favicon.py.
FAVICON = ASSETS / "favicon.png"


def style(name: str) -> None:
    """Add the style sheet ui/assets/``name`` to the page, where it is called, so it applies as soon as what follows
    it is drawn.

    Why not ``st.html(path)``, which takes a .css file in Streamlit 1.67: it sends a style-only element to the
    page's event container, which the browser draws after the page (measured: 0.2 s after the title on /about),
    and an ``st.html`` element in the page's flow is drawn as a 40 px placeholder until its code has loaded. Either
    way the page jumps (a layout shift of 0.6 on /about, issue 20). A Markdown element is drawn at once, in order;
    app.css hides its element by the marker (no space, no gap). The text is our own file, never a visitor's.
    """
    _style_element(_css(name))


def _style_element(css: str) -> None:
    """A style sheet drawn at once, in order, taking no space (see :func:`style`)."""
    st.markdown(f"<style>{css}</style><span class=\"{STYLE_MARKER}\"></span>", unsafe_allow_html=True)


PAGE_SHEETS = ("app.css", "head.css")  # with every page, in this order: head.css holds what the first frame needs
PAGE_STYLES_ID = "explainer-page-styles"  # the tests find the element by it
PAGE_SCRIPT = "head.js"  # with every page, after the styles: shows the main area once the first run has drawn it
PAGE_SCRIPT_ID = "explainer-page-script"


@functools.cache
def page_styles(sheets: tuple[str, ...] = (), variables: tuple[tuple[str, str], ...] = ()) -> bytes:
    """The style element that comes with a page Streamlit serves (ui/head.py): app.css, head.css, then a page's
    own ``sheets`` and CSS ``variables`` (as :func:`variables` sets them).

    Not drawn with a run, as :func:`style` is: app.css is what every page needs from its first frame."""
    css = "\n".join(_css(name) for name in (*PAGE_SHEETS, *sheets))
    if variables:
        css += "\n" + _root(dict(variables))
    return f'<style id="{PAGE_STYLES_ID}">\n{css}\n</style>'.encode()


def page_script() -> bytes:
    """The script element that comes with a page Streamlit serves (ui/head.py): ui/assets/head.js, our own file,
    as its whole body (the proxy's Content-Security-Policy names it by the file's hash: deploy/csp_hashes.py)."""
    return f'<script id="{PAGE_SCRIPT_ID}">{script(PAGE_SCRIPT)}</script>'.encode()


def _root(values: dict[str, str]) -> str:
    return ":root { " + " ".join(f"--{name}: {value};" for name, value in values.items()) + " }"


STYLE_MARKER = "look-style"  # app.css: the element of a style sheet takes no space


@functools.cache
def _css(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def variables(values: dict[str, str]) -> None:
    """Set CSS custom properties (``--name: value``) on the page, for sizes the Python side decides (the stage's,
    from :mod:`explainer.presentation`); the rules that use them stay in ui/assets/. The one style tag built here."""
    _style_element(_root(values))


@functools.cache
def script(name: str) -> str:
    """The text of the script ui/assets/``name``, for a component (``st.components.v2.component(js=...)``), read
    once per process."""
    return (ASSETS / name).read_text(encoding="utf-8")


def page_title() -> str:
    """The browser tab's title, from data/pages.toml (a broken file stops with a plain error, as on every page)."""
    return words("common")["page_title"]


WORD_GRID = "word-grid"  # a container whose children are laid out as a grid of compact cards (app.css)
