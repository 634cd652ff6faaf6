"""The charts' own words: statuses with their symbols, so that colour is never the only cue."""

from __future__ import annotations

__all__ = ["DOES_NOT_LEAD", "KIND_MARK", "LEADS", "NOT_PAST", "PAST", "PLANE_LABEL", "PLANE_MOVE", "cause_label",
           "status_word"]

PAST, NOT_PAST = "⚠ past the cut-off", "✓ not past the cut-off"
LEADS, DOES_NOT_LEAD = "★ stands out", "not the leading cause"
KIND_MARK = {"serious": "", "medicine": "", "everyday": " (everyday)"}  # marked in words beside its name
PLANE_LABEL = {True: "⚠ You: met", False: "✓ You: not met"}  # the words beside the visitor's point
# How a plane that follows its sliders is moved (ui/assets/plane-drag.js), said in its name: {names} are its lines'
# names from data/signs.toml ("pain and spasm length").
PLANE_MOVE = "The sliders for {names} move your point. You can also press or drag on the chart."


def status_word(crossed: bool) -> str:
    """The status of a sign or a line in words, with a symbol.

    >>> status_word(True), status_word(False)
    ('⚠ Crossed', '✓ Not crossed')
    """
    return "⚠ Crossed" if crossed else "✓ Not crossed"


def cause_label(name: str, kind: str) -> str:
    """A cause's name as the chart shows it: an everyday cause says so.

    >>> cause_label("Dehydration", "everyday"), cause_label("Nerve damage", "serious")
    ('Dehydration (everyday)', 'Nerve damage')
    """
    return name + KIND_MARK[kind]
