"""Streamlit pieces for the classroom pages: loading the cases and their words, and a case named in a link."""

from __future__ import annotations

import streamlit as st

import explainer
from explainer import presentation
from explainer.content import default_data_dir
from explainer.scenarios import (
    CaseGroup,
    Scenario,
    cached_case_groups,
    cached_scenarios,
    cached_text,
    case_groups,
    find_scenario,
    load_scenarios,
    load_text,
)
from ui import keys, state

SCENARIO_PARAM = "scenario"


def classroom_or_stop(content: explainer.Content) -> tuple[tuple[Scenario, ...], dict[str, dict[str, str]]]:
    """The teaching cases and the classroom words, or one plain error and a stop.

    Read once per process, checked against ``content`` (the same object: both are cached per data folder in
    :mod:`explainer`), outside Streamlit's clearable caches, as :func:`ui.state.content_or_stop` explains.
    """
    data_dir = str(default_data_dir())

    def load() -> tuple[tuple[Scenario, ...], dict[str, dict[str, str]]]:
        if content is not explainer.cached_content(data_dir):  # content of the caller's own: no cache
            return load_scenarios(data_dir, content), load_text(data_dir)
        return cached_scenarios(data_dir), cached_text(data_dir)

    return state.loaded_or_stop(load, "The teaching cases")


def groups_or_stop(content: explainer.Content) -> tuple[CaseGroup, ...]:
    """The teaching cases grouped for a picker (stories, then the threshold pairs under their sign), read once per
    process as :func:`classroom_or_stop` reads the cases."""
    data_dir = str(default_data_dir())

    def load() -> tuple[CaseGroup, ...]:
        if content is not explainer.cached_content(data_dir):  # content of the caller's own: no cache
            return case_groups(load_scenarios(data_dir, content), content)
        return cached_case_groups(data_dir)

    return state.loaded_or_stop(load, "The teaching cases")


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
    first_run = not st.session_state.get(keys.SCENARIO_LINK_READ, False)
    st.session_state[keys.SCENARIO_LINK_READ] = True
    _write_case_into_url(first_run)
    named = raw_link.get(SCENARIO_PARAM)
    if not named:
        return
    scenarios, text = classroom_or_stop(content)
    case = find_scenario(named[0].strip(), scenarios) if len(named) == 1 else None
    if case is None:
        notes = st.session_state.get(keys.LINK_NOTES, ())
        st.session_state[keys.LINK_NOTES] = (*notes, text["link"]["unknown_case"])
        return
    if first_run:
        # The case sets every input; an input the link also names wins (Streamlit seeds bound widgets from the
        # URL on the first run), so a copied link "?scenario=<id>&pain=9" reopens the case with that change.
        state.set_inputs(content, case.values(content))
        st.session_state[keys.SCENARIO_LINK_VALUES] = dict(case.inputs)


def case_waiting_for_link() -> bool:
    """True on the first run after a link named a case: its inputs reach the address bar only on the next run."""
    return keys.SCENARIO_LINK_VALUES in st.session_state


def _write_case_into_url(first_run: bool) -> None:
    """On the run after a case came from a link, set its inputs again so that Streamlit writes them into the URL.

    Streamlit writes a value set in code into the address bar only for a widget made in an earlier run, so the
    first run cannot; without this, moving to another page would leave the case out of the address bar. An input
    the visitor has changed since keeps the visitor's value.
    """
    values = st.session_state.get(keys.SCENARIO_LINK_VALUES)
    if first_run or values is None:
        return
    del st.session_state[keys.SCENARIO_LINK_VALUES]
    for input_id, value in values.items():
        if st.session_state.get(input_id) == value:
            st.session_state[input_id] = value


def linked_case_banner(content: explainer.Content) -> None:
    """For a visitor who came by a link naming a case (``?scenario=<id>``): the case's title and story, and that it
    is a teaching example, not advice. Says so if the inputs have changed since. Nothing for an unknown case
    (the link notes say that) or when the link names none."""
    named = st.query_params.get_all(SCENARIO_PARAM)
    if len(named) != 1:
        return
    scenarios, text = classroom_or_stop(content)
    case = find_scenario(named[0].strip(), scenarios)
    if case is None:
        return
    words = text["banner"]
    with st.container(key="case-banner", border=True):
        st.markdown(f"**{words['heading'].format(title=case.title)}**  \n{case.story}")
        st.markdown(f"**{words['not_advice']}**")
        if case.values(content) != explainer.validate_inputs(state.current_inputs(content), content):
            st.caption(words["changed"])


def values_on_stage(content: explainer.Content) -> dict[str, object]:
    """The inputs of the case on the stage as it was loaded (so that a control the stage shows because it decides
    the case does not vanish while the presenter moves it), else the current inputs."""
    scenarios = classroom_or_stop(content)[0]
    current = state.current_inputs(content)
    case = presentation.case_on_screen(str(st.query_params.get(SCENARIO_PARAM, "")), current, scenarios, content)
    return dict(case.values(content)) if case else dict(current)
