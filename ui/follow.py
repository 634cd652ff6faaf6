"""Charts that follow a slider in the browser, during a drag and on every key, with no round trip to the server.

Two charts follow: a sign's plane (``explainer.charts.sign_plane_spec(..., follow=True)``, on /warning-signs) and
the cause chart (``cause_chart_spec(..., follow=True)``, on /causes). Each reads a slider's value from a hidden copy
of it, ``<input id="follow-pain">``, through a Vega-Lite parameter bound to that element
(``bind={"element": "#follow-pain"}``), and works out in the browser what it draws from it with the rules of
data/ (a sign's lines; a cause's clues, points and the one that stands out), whenever the copy sends an ``input``
event. This module draws the copies and mounts a small component (ui/assets/follow.js, served by the app itself, as
``ui/phone_menu.py`` does) that keeps each copy equal to its Streamlit slider.

Why a copy, and not the slider's own ``<input type="range">``: Streamlit's slider sends an ``input`` event on a key,
but not during a drag with the mouse or a finger (React sets the value; no event fires). The component watches the
slider's value in the page (its ``aria-valuetext``, which Streamlit sets on every render, a drag's steps included)
and passes each change on. It never writes to the slider, so nothing it does can start a rerun.

The server stays the one source of truth: the slider is the one control and holds the value in the link, and the
rerun after the release redraws the cards, the advice, the chart's rows and its text alternative (which say the
values in words). Without the copies (another page) or before the component runs, a chart draws the rows the
server sent, as before. Tick boxes do not follow: a chart takes them from the server's rows.
"""

from __future__ import annotations

import streamlit as st

import explainer
from explainer import charts
from ui import look

PAGES = frozenset({"warning-signs", "causes"})  # the pages whose charts follow: the signs' planes, the cause chart
CONTAINER = "follow-sliders"  # the key of the hidden container that holds the copies and the component

# The copies are drawn by st.html in the same run as the sliders, so they are in the page before any chart is built
# and binds to them (the component's JavaScript arrives a moment later). Should React ever replace a copy, a chart
# may still listen to the old one: the component keeps every copy it has seen and updates them all, so no chart's
# point is left behind.
_JS = look.script("follow.js")

_follow_sliders = st.components.v2.component("follow_sliders", js=_JS)


def copies_html(content: explainer.Content) -> str:
    """The hidden copies, one per followed input. The markup never changes, so React has no reason to replace it."""
    return "".join(
        f'<input type="hidden" id="{charts.follow_element(input_id).removeprefix("#")}" data-follows="{input_id}">'
        for input_id in charts.follow_inputs(content)
    )


def mount(content: explainer.Content) -> None:
    """Draw the copies and mount the component, in a container that takes no space."""
    with st.container(key=CONTAINER):
        st.html(copies_html(content))
        _follow_sliders(key="follow-sliders-component")
