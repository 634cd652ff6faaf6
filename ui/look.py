"""The app's look beyond the theme in .streamlit/config.toml: its favicon, and small layout styles pages share."""

from __future__ import annotations

from pathlib import Path

from ui.state import words

# Served by the app itself (st.set_page_config hands it to Streamlit's media files), so the browser never asks
# another host for it. Drawn by ui/assets/make_favicon.py.
FAVICON = Path(__file__).resolve().parent / "assets" / "favicon.png"


def page_title() -> str:
    """The browser tab's title, from data/pages.toml (a broken file stops with a plain error, as on every page)."""
    return words("common")["page_title"]
