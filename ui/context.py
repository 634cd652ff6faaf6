"""What the router tells the page it runs: whether it runs under the router, the page's URL path, and the slots
the router made for it (ui/layout.py). Imports nothing of ui/, so any module may read it without an import circle.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from streamlit.delta_generator import DeltaGenerator

__all__ = ["CauseSlots", "SignSlots", "Slots", "StageSlots", "page_path", "routed", "running", "slots"]


@dataclass(frozen=True)
class SignSlots:
    head: DeltaGenerator  # the title and what the page is for; the danger signs follow it, asked first
    top: DeltaGenerator  # the advice panel: after the danger signs, or before them at Emergency (call 999 first)
    signs: dict[str, DeltaGenerator]  # each sign's card: what its inputs move, beside them
    bottom: DeltaGenerator  # everything after the signs
    placed: frozenset[str] = field(default_factory=frozenset)
    deciders: frozenset[str] = field(default_factory=frozenset)  # placed below the advice: they decided it


@dataclass(frozen=True)
class CauseSlots:
    top: DeltaGenerator
    chart: DeltaGenerator  # the cause chart, beside the context inputs
    bottom: DeltaGenerator
    placed: frozenset[str] = field(default_factory=frozenset)
    deciders: frozenset[str] = field(default_factory=frozenset)  # placed below the advice: they decided it


@dataclass(frozen=True)
class StageSlots:
    """The presenter's 16:9 stage (its look is in ui/stage.py)."""

    head: DeltaGenerator  # the case's title and story
    title: DeltaGenerator  # the step's title and number
    text: DeltaGenerator  # the question, or the answer and why
    chart: DeltaGenerator  # the step's chart, beside them; the step's inputs are in a row below both
    nav: DeltaGenerator  # Back and Next
    more: DeltaGenerator  # the cases, the way out, the keys; after the "ask first" switch
    placed: frozenset[str] = field(default_factory=frozenset)


Slots = SignSlots | CauseSlots | StageSlots

_routed: ContextVar[bool] = ContextVar("routed", default=False)  # True while the router runs the page
_page_path: ContextVar[str] = ContextVar("page_path", default="")  # the URL path of the page the router runs
_slots: ContextVar[Slots | None] = ContextVar("slots", default=None)  # the slots the router made for it


@contextmanager
def running(url_path: str, made: Slots | None) -> Iterator[None]:
    """While the router runs the page at ``url_path``, with the slots ``made`` for it."""
    tokens = _routed.set(True), _page_path.set(url_path), _slots.set(made)
    try:
        yield
    finally:
        _slots.reset(tokens[2])
        _page_path.reset(tokens[1])
        _routed.reset(tokens[0])


def routed() -> bool:
    """Whether the router is running the page now (ui/router.py, enter)."""
    return _routed.get()


def page_path() -> str:
    """The URL path of the page being drawn ("" for Home, "scenarios" for /scenarios)."""
    return _page_path.get()


def slots() -> Slots | None:
    """The slots the router made for the page it is running, or None."""
    return _slots.get()
