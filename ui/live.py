"""Live parts: what a move of one input redraws, without rerunning the page.

A page draws each piece that depends on the inputs as a live part: a keyed ``st.fragment`` that works out the
assessment itself and names the inputs that move it (``None``: every input). When the visitor changes an
input, its widget callback (ui/state.py) asks Streamlit to rerun only the parts that input moves, so the browser
gets a few messages instead of the whole page (docs/performance.md). Streamlit 1.67 lets a widget callback rerun
named fragments: ``st.rerun([key, ...])``.

The contract for a page with live parts: everything it draws that depends on an input is inside a part. A page
that names no parts (every page but /warning-signs and /causes) reruns whole, as before. A move that changes the
page's shape (into or out of Emergency, when the charts fold away) reruns the whole page too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import streamlit as st

__all__ = ["part", "rerun_part", "rerun_parts", "shape", "start_full_run"]

_PARTS = "_live_parts"  # session key: the parts of the page drawn last, in memory only


@dataclass
class _Parts:
    emergency: bool = False  # the page's shape when it was drawn
    moved_by: dict[str, frozenset[str] | None] = field(default_factory=dict)  # part key -> inputs (None: all)


def start_full_run() -> None:
    """Forget the last page's parts: the page about to run names its own (the router calls this)."""
    st.session_state[_PARTS] = None


def shape(emergency: bool) -> None:
    """The page has live parts, and this is its shape: at Emergency or not."""
    st.session_state[_PARTS] = _Parts(emergency=emergency)


def part(key: str, draw: Callable[[], None], moved_by: Iterable[str] | None = None) -> None:
    """Draw ``draw`` here as the live part ``key``, rerun alone when an input in ``moved_by`` changes."""
    parts = st.session_state.get(_PARTS)
    if parts is None:
        raise RuntimeError("call live.shape() before live.part()")
    parts.moved_by[key] = None if moved_by is None else frozenset(moved_by)
    st.fragment(draw, key=key)()


def rerun_parts(input_id: str, emergency_now: bool) -> None:
    """In a widget callback: rerun just the parts that ``input_id`` moves, or return (Streamlit then reruns the
    page) when the page has no parts or its shape changes."""
    parts = st.session_state.get(_PARTS)
    if parts is None or parts.emergency != emergency_now:
        return
    keys = [key for key, inputs in parts.moved_by.items() if inputs is None or input_id in inputs]
    if keys:
        st.rerun(keys)


def rerun_part(key: str) -> None:
    """In a widget callback of a control inside the part ``key`` (an expander that draws only when open): rerun
    that part alone, or return (Streamlit then reruns the page) when the page has no such part."""
    parts = st.session_state.get(_PARTS)
    if parts is not None and key in parts.moved_by:
        st.rerun([key])
