"""The scenario the visitor builds: what a link set, the values of the inputs, and what follows from them.

The inputs' widgets are in ui/inputs.py, the loader in ui/load.py, every session key in ui/keys.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from time import monotonic as clock

import streamlit as st

import explainer
import explainer.pace
from explainer.links import read_lines, read_link
from ui import admission, keys, teaching
from ui.load import content_or_stop, glossary_terms, loaded_or_stop, words  # noqa: F401  (pages call them here too)


def raw_link_params() -> dict[str, list[str]]:
    """Every query parameter with all its values, read before the bound widgets clean the URL."""
    return {name: st.query_params.get_all(name) for name in st.query_params}


def pace() -> None:
    """Hold this visit's run back if it reruns faster than a person can (explainer.pace): one flooding client
    then waits in its own thread, using no CPU, and the other visitors' runs go on.

    Called first by the router's run and by an input's callback (which starts a run that may rerun only some
    live parts, without the router); a run pays once. Each run is also a turn of the process's admission gate
    (ui/admission.py): a visit whose requests keep rerunning it lets waiting visits go between its runs.
    """
    admission.between_runs()
    if st.session_state.pop(keys.PACED, False):
        return  # this run's input callback has paid already
    bucket, wait = explainer.pace.take(st.session_state.get(keys.PACE), clock())
    st.session_state[keys.PACE] = bucket
    if wait > 0:
        admission.step_aside(wait)  # outside the gate; changes meanwhile are folded into the next run by Streamlit




def restore_dropped_link_values(content: explainer.Content) -> None:
    """Put back into the link any input whose value the session kept but whose URL parameter Streamlit dropped.

    On a page change, Streamlit 1.67's frontend keeps only the URL parameters of bound widgets still mounted
    (``WidgetStateManager.filterParamsForPageChange`` keeps the keys of ``paramKeyToWidgetId``; a widget leaves it
    when it unmounts). Sidebar widgets stay mounted; main-area widgets of the page being left do not, so their
    parameters go although the session keeps the values. A value set by code before its widget is made is written
    back into the URL, so the link is whole again. Call before the inputs are made.
    (tests/e2e/test_pages.py: test_inputs_survive_moving_between_pages)
    """
    for spec in content.inputs:
        if spec.id not in st.session_state or spec.id in st.query_params:
            continue
        value = st.session_state[spec.id]
        if value is not None and value != spec.default:
            st.session_state[spec.id] = value


def reset_inputs(content: explainer.Content) -> None:
    """Put every input back to its default (a callback: it runs before the widgets are made)."""
    set_inputs(content, {})


def set_inputs(content: explainer.Content, values: dict[str, explainer.assessment.InputValue]) -> None:
    """Set every input: the given values, the default for the rest. Call before the widgets are made."""
    for spec in content.inputs:
        value = values.get(spec.id, spec.default)
        if spec.kind == "integer" and value is not None:
            value = int(value)  # type: ignore[arg-type]
        elif spec.kind in ("number", "lab") and value is not None:
            value = float(value)  # type: ignore[arg-type]
        st.session_state[spec.id] = value
        if spec.kind == "choice":
            st.session_state[spec.id + keys.PREVIOUS_UNIT] = value




@dataclass
class Latest:
    """The assessment of the visit's inputs as its last run worked it out.

    For files made when a button is pressed: Streamlit calls a download's maker in a worker thread, outside any
    run, where ``st.session_state`` cannot be read. A maker that holds this object reads the scenario as it is at
    the press, so the button need not be drawn again on every move (ui/render.py, handout_download).
    """

    assessment: explainer.Assessment | None = None

    def now(self) -> explainer.Assessment:
        """The assessment as it is now. Set by every run before a page draws (:func:`assessment`)."""
        if self.assessment is None:
            raise RuntimeError("state.assessment() runs before anything reads the latest assessment")
        return self.assessment


def latest() -> Latest:
    return st.session_state.setdefault(keys.LATEST, Latest())


def assessment(content: explainer.Content) -> explainer.Assessment:
    """The assessment of the current inputs, worked out once per set of inputs and of teaching lines in force
    (the live parts each ask; on /warning-signs and the stage, the presenter may have moved a line: ui/teaching.py)."""
    inputs = current_inputs(content)
    lines = teaching.in_force()
    key = (tuple(inputs.items()), lines)
    last = st.session_state.get(keys.ASSESSMENT)
    if last is not None and last[0] == key:
        made = last[1]
    else:
        made = explainer.assess(inputs, content, teaching_lines=lines)
        st.session_state[keys.ASSESSMENT] = (key, made)
    latest().assessment = made
    return made


def at_emergency(content: explainer.Content) -> bool:
    """Whether the current inputs call for Emergency (the pages with live parts then take another shape)."""
    return assessment(content).urgency == explainer.Urgency.EMERGENCY


def current_inputs(content: explainer.Content) -> dict[str, explainer.assessment.InputValue]:
    """The scenario as the engine takes it, read from the widgets the router made (:func:`input_widget`)."""
    return {spec.id: st.session_state.get(spec.id, spec.default) for spec in content.inputs}




def apply_retired_inputs(content: explainer.Content, raw: dict[str, list[str]]) -> None:
    """An older link that names a retired input (``data/inputs.toml``, ``[[retired]]``) ticks the input it became,
    once: the old parameter leaves the address bar and the new one takes its place. Its note stays on the page while
    that input is still ticked as the link set it. Call before the inputs are made."""
    reading = read_link({r.id: raw[r.id] for r in content.retired if r.id in raw}, content)
    for retired in content.retired:
        if retired.id not in raw:
            continue
        del st.query_params[retired.id]
        if reading.values.get(retired.becomes) is True and retired.becomes not in raw:
            st.session_state[retired.becomes] = True
            st.query_params[retired.becomes] = "true"
            noted = st.session_state.get(keys.RETIRED_INPUTS, ())
            st.session_state[keys.RETIRED_INPUTS] = (*noted, (retired.becomes, retired.note))


def remember_link_notes(content: explainer.Content, raw: dict[str, list[str]]) -> None:
    """Keep this run's notes about the link for the page to show (in memory only, for this run), and the notes of
    an older link's retired inputs while what they set still holds."""
    retired = {r.id for r in content.retired}
    noted = st.session_state.get(keys.RETIRED_INPUTS, ())
    kept = tuple(note for becomes, note in noted if st.session_state.get(becomes))
    fresh = read_link({name: values for name, values in raw.items() if name not in retired}, content).notes
    _, line_notes = read_lines(raw, content)  # a teaching line the link could not move (ui/teaching.py)
    st.session_state[keys.LINK_NOTES] = (*kept, *fresh, *line_notes)


def link_notes() -> tuple[str, ...]:
    return st.session_state.get(keys.LINK_NOTES, ())
