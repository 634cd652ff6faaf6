"""Live parts: what a move of one input redraws, without rerunning the page.

A page draws each piece that depends on the inputs as a live part: a keyed ``st.fragment`` that works out the
assessment itself and names the inputs that move it (``None``: every input). When the visitor changes an
input, its widget callback (ui/inputs.py) asks Streamlit to rerun only the parts that input moves, so the browser
gets a few messages instead of the whole page (docs/performance.md). Streamlit 1.67 lets a widget callback rerun
named fragments: ``st.rerun([key, ...])``.

The contract for a page with live parts: everything it draws that depends on an input is inside a part. A quiet
page draws nothing that depends on an input (the glossary, the cases, the guide, the quiz, the sources): a move
there reruns only the input's own knobs. Any other page that names no parts (Home, the stage) reruns whole, as
before. A move that changes the page's shape (into or out of Emergency, when the charts fold away) reruns the
whole page too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from ui import keys

__all__ = [
    "folded", "knobs", "part", "quiet", "rerun_page", "rerun_part", "rerun_parts", "shape", "start_full_run",
]



@dataclass
class _Parts:
    quiet: bool = False  # the page draws nothing that depends on an input (a move reruns only its knobs)
    emergency: bool = False  # the page's shape when it was drawn: at Emergency or not (the inputs placed below the
    # advice are no part of it: they are chosen when the visitor arrives, and stay, ui/layout.py)
    moved_by: dict[str, frozenset[str] | None] = field(default_factory=dict)  # part key -> inputs (None: all)
    while_open: dict[str, str] = field(default_factory=dict)  # part key -> the section it draws in, if it waits
    shows: dict[str, Callable[[], object]] = field(default_factory=dict)  # part key -> what it shows, in short
    shown: dict[str, object] = field(default_factory=dict)  # part key -> what it showed when last drawn


def start_full_run() -> None:
    """Forget the last page's parts: the page about to run names its own (the router calls this)."""
    st.session_state[keys.LIVE_PARTS] = None
    st.session_state[keys.LIVE_KNOBS] = {}


def shape(emergency: bool) -> None:
    """The page has live parts, and this is its shape: at Emergency or not."""
    st.session_state[keys.LIVE_PARTS] = _Parts(emergency=emergency)


def quiet() -> None:
    """The page draws nothing that depends on an input: a move reruns only the input's own knobs, never the page
    (measured with bench/browser.py: a whole run of /scenarios on every move, docs/performance.md)."""
    st.session_state[keys.LIVE_PARTS] = _Parts(quiet=True)


def part(
    key: str,
    draw: Callable[[], None],
    moved_by: Iterable[str] | None = None,
    while_open: str | None = None,
    shows: Callable[[], object] | None = None,
) -> None:
    """Draw ``draw`` here as the live part ``key``, rerun alone when an input in ``moved_by`` changes.

    ``while_open``: the key of the section (an ``st.expander`` with a key) the part draws its content in only
    when open. A move then reruns the part only while that section is open: a closed one shows nothing to redraw.
    ``shows``: what the part shows, in short (anything that compares equal when the part would draw the same).
    A move then reruns the part only when that changes: most moves leave the advice as it was, for instance.
    """
    parts = st.session_state.get(keys.LIVE_PARTS)
    if parts is None:
        raise RuntimeError("call live.shape() before live.part()")
    parts.moved_by[key] = None if moved_by is None else frozenset(moved_by)
    if while_open:
        parts.while_open[key] = while_open
    if shows is not None:
        parts.shows[key] = shows
        parts.shown[key] = shows()
    st.fragment(draw, key=key)()


def knobs(key: str, draw: Callable[[], None], inputs: Iterable[str]) -> None:
    """Draw the widgets of ``inputs`` (``draw``) as a fragment of their own, on a page with live parts.

    Why: a move of a widget outside any fragment starts a whole-page run in the browser before its callback
    swaps it for a rerun of the parts. The browser then re-marks every element of the page, a cost that grows
    with the page (about 10 ms of a move on /warning-signs in Chromium, docs/performance.md). Inside a fragment,
    the move starts as a run of that fragment only. The callback then names the parts to rerun (rerun_parts) or
    the whole page (rerun_page); only when no part has anything new to show does the knobs' own fragment rerun.
    """
    st.session_state[keys.LIVE_KNOBS] = {**_knobs(), **dict.fromkeys(inputs, key)}
    st.fragment(draw, key=key)()


def _knobs() -> dict[str, str]:
    """The inputs drawn as knobs on this page, each with the key of the knobs it is in."""
    return st.session_state.get(keys.LIVE_KNOBS) or {}


def rerun_parts(input_id: str, emergency_now: bool) -> bool:
    """In a widget callback: rerun just the parts that ``input_id`` moves and whose picture changes (this raises,
    as ``st.rerun`` does). Returns True when the whole page is to run instead: the page has no parts, or its shape
    changes. Returns False when no part has anything new to show (then only the input's own knobs rerun)."""
    parts = st.session_state.get(keys.LIVE_PARTS)
    if parts is None:
        return True
    if parts.quiet:  # nothing on the page moves: only the knobs the input is drawn in
        knob = _knobs().get(input_id)
        if knob:
            st.rerun([knob])
        return True
    if parts.emergency != emergency_now:
        return True
    moved = []
    for key, inputs in parts.moved_by.items():
        if not ((inputs is None or input_id in inputs) and _drawn(parts, key)):
            continue
        if key in parts.shows:
            now = parts.shows[key]()
            if now == parts.shown.get(key):
                continue  # it would draw the same
            parts.shown[key] = now
        moved.append(key)
    if moved:
        st.rerun(moved)
    return input_id not in _knobs()  # outside knobs, the page reruns anyway


def _drawn(parts: _Parts, key: str) -> bool:
    """Whether the part ``key`` draws anything: always, or, for one that waits in a section, while it is open."""
    section = parts.while_open.get(key)
    return section is None or bool(st.session_state.get(section))


def rerun_page(input_id: str) -> None:
    """In a widget callback, once the whole page is to run: make it so. A widget outside any fragment reruns
    the page anyway; one inside knobs would rerun only its own fragment, so this asks for the page."""
    if input_id in _knobs():
        st.rerun()


def folded(label: str, key: str, part: str | None = None) -> Any:
    """A closed section (an ``st.expander`` with ``key``) for content drawn only while it is open: the caller
    draws into it ``if section.open``. Opening it reruns the live part ``part`` it sits in, or, without one, the
    whole page. Every element on a page costs the browser time on every move (docs/performance.md), so what
    nobody has opened is not drawn."""
    if part is None:
        return st.expander(label, key=key, on_change="rerun")
    return st.expander(label, key=key, on_change=rerun_part, args=(part,))


def rerun_part(key: str) -> None:
    """In a widget callback of a control inside the part ``key`` (an expander that draws only when open): rerun
    that part alone, or return (Streamlit then reruns the page) when the page has no such part."""
    parts = st.session_state.get(keys.LIVE_PARTS)
    if parts is not None and key in parts.moved_by:
        if key in parts.shows:
            parts.shown[key] = parts.shows[key]()
        st.rerun([key])
