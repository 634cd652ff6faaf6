"""One story while dragging: a sign card's status says "Updating…" from a slider's move until the server answers,
while the plane beside it follows the slider in the browser (ui/follow.py). The script is ui/assets/card-status.js;
the look of a status being updated is in ui/assets/app.css."""

from __future__ import annotations

import streamlit as st

from ui import look

__all__ = ["PAGES", "answer_key", "status_key", "while_dragging"]

PAGES = frozenset({"warning-signs"})  # the pages with sign cards whose planes follow the sliders

_card_status = st.components.v2.component("card_status", js=look.script("card-status.js"))


def status_key(sign_id: str) -> str:
    """The key of the container that holds a sign card's status: "Updating…" stands in its place while it waits."""
    return f"card-status-{sign_id}"


def answer_key(sign_id: str, part: str) -> str:
    """The key of a container in a sign's card that says the server's answer in other words (``part``: "reason",
    "note"): hidden, its space kept, while the status waits."""
    return f"card-{part}-{sign_id}"


def while_dragging(words: str) -> None:
    """Mount the script, once per run: ``words`` ("Updating…") stand for a card's status while it waits."""
    _card_status(key="card-status-script", data={"updating": words})
