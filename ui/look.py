"""The app's look beyond the theme in .streamlit/config.toml: its favicon, and small layout styles pages share."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.state import words

# Served by the app itself (st.set_page_config hands it to Streamlit's media files), so the browser never asks
# another host for it. Drawn by ui/assets/make_favicon.py.
FAVICON = Path(__file__).resolve().parent / "assets" / "favicon.png"


def page_title() -> str:
    """The browser tab's title, from data/pages.toml (a broken file stops with a plain error, as on every page)."""
    return words("common")["page_title"]


WORD_GRID = "word-grid"  # the key of a container whose children are laid out as a grid of compact cards


def word_grid() -> None:
    """Lay out the container keyed :data:`WORD_GRID` as a grid: as many columns of at least 16rem as fit (three on a
    laptop, one on a phone), in reading order, with smaller headings. Without this style it is one plain column."""
    st.html(
        "<style>"
        f".st-key-{WORD_GRID} {{ display: grid !important; gap: 0.75rem;"
        " grid-template-columns: repeat(auto-fill, minmax(min(16rem, 100%), 1fr)); }"
        f".st-key-{WORD_GRID} h2 {{ font-size: 1.2rem; padding: 0 0 0.25rem; }}"
        f".st-key-{WORD_GRID} [data-testid='stVerticalBlockBorderWrapper'],"
        f" .st-key-{WORD_GRID} > div {{ width: auto !important; }}"
        "</style>"
    )
