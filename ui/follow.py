"""Charts that follow a slider in the browser, during a drag and on every key, with no round trip to the server.

Two charts follow: a sign's plane (``explainer.charts.sign_plane_spec(..., follow=True)``, on /warning-signs) and
the cause chart (``cause_chart_spec(..., follow=True)``, on /causes). Each reads a slider's value through a Vega-Lite
parameter bound to a text box Vega draws inside the chart itself (``<input name="follow_pain">``, hidden), and works
out in the browser what it draws from it with the rules of data/ (a sign's lines; a cause's clues, points and the
one that stands out), whenever the box sends an ``input`` event. This module mounts a small component
(ui/assets/follow.js, served by the app itself, as ``ui/phone_menu.py`` does) that keeps every such box equal to its
Streamlit slider. The box is part of the chart, so it is there whenever the chart is drawn, however late the
component runs.

Why a copy in the chart, and not the slider's own ``<input type="range">``: Streamlit's slider sends an ``input``
event on a key, but not during a drag with the mouse or a finger (React sets the value; no event fires). The
component watches the slider's value in the page (its ``aria-valuetext``, which Streamlit sets on every render, a
drag's steps included) and passes each change on. It never writes to the slider, so nothing it does can start a rerun.

The server stays the one source of truth: the slider is the one control and holds the value in the link, and the
rerun after the release redraws the cards, the advice, the chart's rows and its text alternative (which say the
values in words). Without the copies (another page) or before the component runs, a chart draws the rows the
server sent, as before. Tick boxes do not follow: a chart takes them from the server's rows.

A sign's plane can also be pressed or dragged on with a mouse or a finger (ui/assets/plane-drag.js, mounted here
beside follow.js, and only where the planes follow): the point goes where the pointer is, by setting the plane's
two sliders as a drag of their thumbs would (the server hears each changed slider once, at the release), so the
sliders stay the one control, for the keyboard too, and the plane follows them as ever. The plane says how its
axes draw values in a hidden box of its own (``explainer.charts.plane_axes``); a plane whose axes are not sliders
(sign 4's tiles) has none and stays a picture.
"""

from __future__ import annotations

import streamlit as st

from ui import look

PAGES = frozenset({"warning-signs", "causes"})  # the pages whose charts follow: the signs' planes, the cause chart
CONTAINER = "follow-sliders"  # the key of the hidden container that holds the components

_JS = look.script("follow.js")

_follow_sliders = st.components.v2.component("follow_sliders", js=_JS)
_drag_planes = st.components.v2.component("drag_planes", js=look.script("plane-drag.js"))


def mount() -> None:
    """Mount the components (the copies' filler, the planes' drag), in a container that takes no space, and hide
    the charts' own copies of the sliders (ui/assets/app.css: the sliders are the controls; a screen reader and the
    tab key never meet the copies)."""
    with st.container(key=CONTAINER):
        _follow_sliders(key="follow-sliders-component")
        _drag_planes(key="drag-planes-component")  # a press or a drag on a plane sets its sliders
