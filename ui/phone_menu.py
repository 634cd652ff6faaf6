"""On a phone, close the menu after a page is chosen from it.

Streamlit 1.67 leaves its sidebar open over the page after a tap on one of its page links, so on a 390 px screen
the page the visitor asked for stays hidden under the menu. This mounts a component (ui/assets/phone-menu.js, served
by the app itself) that taps the menu's own collapse button after such a tap, on narrow screens only.
"""

from __future__ import annotations

import streamlit as st

from ui import look

PHONE_WIDTH = 640  # px: the width below which Streamlit lays the page out for a phone (columns stack)


_close_menu_after_choice = st.components.v2.component("close_menu_after_choice", js=look.script("phone-menu.js"))


def close_menu_after_choice() -> None:
    """Mount the component once per run (it draws nothing)."""
    _close_menu_after_choice(key="close-menu-after-choice", data={"phoneWidth": PHONE_WIDTH})
