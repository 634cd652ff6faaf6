"""The presenter's teaching lines (issue 20, item 7): on /warning-signs and on the stage, one slider per line that
data/signs.toml marks as the app's own teaching choice (``explainer.teaching.movable``; a sourced line gets no
control), folded away by default, with a button that puts every line back.

Each slider is bound to the link as ``line_<input>`` (``bind="query-params"``), so a link carries a moved line and
an older link, without one, keeps every line where data/ puts it. The lines the page's sliders set are "in force"
for the rest of its run and for its live parts' reruns (``state.assessment`` reads them); the router clears them at
the start of every full run, so a page without the controls never follows a line moved elsewhere. Leaving the page
drops the sliders, and with them their values and their parameters.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

import explainer
from explainer import teaching
from explainer.teaching import TeachingLine
from explainer.words import natural_list
from ui import keys
from ui.load import words

__all__ = ["controls", "in_force", "start_full_run"]


def start_full_run() -> None:
    """No line is in force until the page's own controls say so (the router calls this on every full run)."""
    st.session_state[keys.TEACHING_LINES] = ()


def in_force() -> tuple[TeachingLine, ...]:
    """The lines the page's controls moved, for this run and its live parts' reruns; none on other pages."""
    return st.session_state.get(keys.TEACHING_LINES, ())


def _reset(content: explainer.Content) -> None:
    """A callback: every line back where data/signs.toml puts it (its slider then leaves the link)."""
    for condition in teaching.movable(content):
        st.session_state[keys.teaching_line(condition.input)] = int(condition.threshold)


def controls(content: explainer.Content, panel: DeltaGenerator, note: DeltaGenerator, popover: bool = False
             ) -> explainer.Content:
    """Draw the sliders in ``panel`` (an expander, or on the stage a popover), and, whenever a line is moved, the
    plain sentence in ``note`` that it is the educator's choice for teaching. Returns the content with the lines
    moved (``content`` itself when none is), for the charts, and puts the lines in force for the assessment."""
    text = words("teaching_lines")
    chosen: dict[str, float] = {}
    with panel:
        # On the stage, a short label: the row of the stage's buttons keeps its one line, and the chart its size.
        box: AbstractContextManager[Any] = (st.popover(text["stage_label"], help=text["label"]) if popover
                                            else st.expander(text["label"]))
        with box:
            st.caption(text["help"])
            for condition in teaching.movable(content):
                spec = content.input(condition.input)
                line = int(condition.threshold)  # every teaching line is on a whole-number measure
                chosen[condition.input] = st.slider(
                    text["slider"].format(name=condition.name), min_value=int(spec.min), max_value=int(spec.max),
                    step=max(1, int(spec.step)), value=line, key=keys.teaching_line(condition.input),
                    bind="query-params", help=text["slider_help"].format(line=line),
                )
            st.button(text["reset"], key="teaching-lines-reset", on_click=_reset, args=(content,), wrap=True)
    lines = teaching.moved_lines(content, chosen)
    st.session_state[keys.TEACHING_LINES] = lines
    if lines:
        said = text["moved"].format(names=natural_list(teaching.moved_names(content, lines)))
        with note:
            if popover:  # the stage keeps its sizes: one line beside the answer, not a panel above the case
                st.caption(f":material/school: {said}")
            else:
                st.info(said, icon=":material/school:")
    return teaching.with_lines(content, lines)
