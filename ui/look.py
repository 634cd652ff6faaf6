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
    """Add the style sheet ui/assets/``name`` to the page. ``st.html`` wraps a .css file in a style tag and sends
    a style-only element to the page's event container, where it takes no space (Streamlit 1.67)."""
    st.html(ASSETS / name)


def variables(values: dict[str, str]) -> None:
    """Set CSS custom properties (``--name: value``) on the page, for sizes the Python side decides (the stage's,
    from :mod:`explainer.presentation`); the rules that use them stay in ui/assets/. The one style tag built here."""
    declarations = " ".join(f"--{name}: {value};" for name, value in values.items())
    st.html(f"<style>:root {{ {declarations} }}</style>")


@functools.cache
def script(name: str) -> str:
    """The text of the script ui/assets/``name``, for a component (``st.components.v2.component(js=...)``), read
    once per process."""
    return (ASSETS / name).read_text(encoding="utf-8")


def page_title() -> str:
    """The browser tab's title, from data/pages.toml (a broken file stops with a plain error, as on every page)."""
    return words("common")["page_title"]


WORD_GRID = "word-grid"  # the key of a container whose children are laid out as a grid of compact cards


def word_grid() -> None:
    """Lay out the container keyed :data:`WORD_GRID` as a grid (ui/assets/word-grid.css): three columns on a laptop,
    one on a phone. Without this style it is one plain column."""
    style("word-grid.css")
