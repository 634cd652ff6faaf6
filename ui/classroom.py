"""Streamlit pieces for the classroom pages: loading the cases and their words, and a case named in a link."""

from __future__ import annotations

import streamlit as st

import explainer
from explainer.content import default_data_dir
from explainer.scenarios import CaseGroup, Scenario, case_groups, find_scenario, load_scenarios, load_text
from ui import state

SCENARIO_PARAM = "scenario"
_FIRST_RUN_DONE = "_scenario_link_read"
_NOT_YET_IN_URL = "_scenario_link_values"


@st.cache_resource(show_spinner=False)
def _load(data_dir: str, _content: explainer.Content) -> tuple[tuple[Scenario, ...], dict[str, dict[str, str]]]:
    return load_scenarios(data_dir, _content), load_text(data_dir)


def classroom_or_stop(content: explainer.Content) -> tuple[tuple[Scenario, ...], dict[str, dict[str, str]]]:
    """The teaching cases and the classroom words, or one plain error and a stop."""
    return state.loaded_or_stop(lambda: _load(str(default_data_dir()), content), "The teaching cases")


@st.cache_resource(show_spinner=False)
def _groups(data_dir: str, _content: explainer.Content) -> tuple[CaseGroup, ...]:
    return case_groups(_load(data_dir, _content)[0], _content)


def groups_or_stop(content: explainer.Content) -> tuple[CaseGroup, ...]:
    """The teaching cases grouped for a picker (stories, then the threshold pairs under their sign)."""
    return state.loaded_or_stop(lambda: _groups(str(default_data_dir()), content), "The teaching cases")


def group_label(group: CaseGroup, content: explainer.Content) -> str:
    """A group's name in a picker: "Stories", or "Sign 1: just under and just over its lines"."""
    words = classroom_or_stop(content)[1]["case_groups"]
    if not group.sign_id:
        return words["stories"]
    number = [sign.id for sign in content.signs].index(group.sign_id) + 1
    return words["pairs"].format(number=number, title=content.sign(group.sign_id).title)


def load_linked_scenario(content: explainer.Content, raw_link: dict[str, list[str]]) -> None:
    """A link with ``?scenario=<id>`` loads that case, once, on the first run of a session.

    Inputs the link also names win over the case's. The ``scenario`` parameter stays in the address bar, and
    inputs changed afterwards join it, so a copied link reopens the case with the changes.

    Call it before the inputs are made. An unknown id adds a plain note to the link notes (on every run while
    the link has it) and changes nothing.
    """
    first_run = not st.session_state.get(_FIRST_RUN_DONE, False)
    st.session_state[_FIRST_RUN_DONE] = True
    _write_case_into_url(first_run)
    named = raw_link.get(SCENARIO_PARAM)
    if not named:
        return
    scenarios, text = classroom_or_stop(content)
    case = find_scenario(named[0].strip(), scenarios) if len(named) == 1 else None
    if case is None:
        notes = st.session_state.get(state.LINK_NOTES_KEY, ())
        st.session_state[state.LINK_NOTES_KEY] = (*notes, text["link"]["unknown_case"])
        return
    if first_run:
        # The case sets every input; an input the link also names wins (Streamlit seeds bound widgets from the
        # URL on the first run), so a copied link "?scenario=<id>&pain=9" reopens the case with that change.
        state.set_inputs(content, case.values(content))
        st.session_state[_NOT_YET_IN_URL] = dict(case.inputs)


def case_waiting_for_link() -> bool:
    """True on the first run after a link named a case: its inputs reach the address bar only on the next run."""
    return _NOT_YET_IN_URL in st.session_state


def _write_case_into_url(first_run: bool) -> None:
    """On the run after a case came from a link, set its inputs again so that Streamlit writes them into the URL.

    Streamlit writes a value set in code into the address bar only for a widget made in an earlier run, so the
    first run cannot; without this, moving to another page would leave the case out of the address bar. An input
    the visitor has changed since keeps the visitor's value.
    """
    values = st.session_state.get(_NOT_YET_IN_URL)
    if first_run or values is None:
        return
    del st.session_state[_NOT_YET_IN_URL]
    for input_id, value in values.items():
        if st.session_state.get(input_id) == value:
            st.session_state[input_id] = value
