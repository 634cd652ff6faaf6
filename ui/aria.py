"""What a screen reader hears beyond what is drawn: each slider named once, and the new advice said when it
changes. Both are small scripts in ui/assets/, mounted as components that draw nothing (app.css hides them)."""

from __future__ import annotations

import streamlit as st

from ui import keys, look

__all__ = ["advice_now", "slider_names_once"]

_slider_names = st.components.v2.component("slider_names_once", js=look.script("slider-names.js"))
_advice_now = st.components.v2.component("advice_now", js=look.script("advice-now.js"))


def slider_names_once() -> None:
    """Once per run, anywhere on the page: every slider is named once (ui/assets/slider-names.js says why)."""
    _slider_names(key=keys.SLIDER_NAMES)


def advice_now(words: str) -> None:
    """Inside the advice's live part: ``words`` ("Now: See a doctor") are said in a polite live region when they
    differ from the advice said before on this page."""
    _advice_now(key="advice-now", data={"now": words})
