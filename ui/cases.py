"""The teaching cases page's parts: the picker (which case is on show, kept in the link), the case's story and
its question with the answer hidden until shown, and where to take the case next."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

import explainer
from explainer.scenarios import CaseGroup, Scenario, find_scenario, match_scenario
from ui import classroom, keys, state
from ui.frame import source_text

__all__ = ["case_links", "case_question", "picker"]


def _show_picked() -> None:
    """Keep the case on show in the address bar, so the link names it and a reload keeps it."""
    st.query_params[classroom.SCENARIO_PARAM] = st.session_state[keys.SCENARIO_PICK]


def _first_of_group(groups: Mapping[str, CaseGroup], group_of: Mapping[str, str]) -> None:
    """Another kind of case: show its first case."""
    group = groups[st.session_state[keys.SCENARIO_GROUP]]
    if group_of.get(st.session_state.get(keys.SCENARIO_PICK, "")) != group.id:
        st.session_state[keys.SCENARIO_PICK] = group.cases[0].id
        _show_picked()


def _sync_pick(
    scenarios: Sequence[Scenario], loaded: Scenario | None, group_of: Mapping[str, str], first_group: str
) -> None:
    """Which case is on show: the one a link names (the quiz links each question here), else the one picked
    before, else the one the inputs match, else the first; and its group with it."""
    named = st.query_params.get(classroom.SCENARIO_PARAM)
    if named and find_scenario(named, tuple(scenarios)) is not None:
        st.session_state[keys.SCENARIO_PICK] = named
    elif keys.SCENARIO_PICK not in st.session_state:
        st.session_state[keys.SCENARIO_PICK] = (loaded or scenarios[0]).id
    picked = st.session_state[keys.SCENARIO_PICK]
    if st.session_state.get(keys.SCENARIO_GROUP) != group_of.get(picked):
        st.session_state[keys.SCENARIO_GROUP] = group_of.get(picked, first_group)


def picker(
    content: explainer.Content, scenarios: tuple[Scenario, ...], words: Mapping[str, str]
) -> tuple[Scenario, bool]:
    """The kind of case (stories, or one sign's pairs), the case, and the button that loads it into the inputs.
    Returns the case on show and whether the inputs are that case."""
    loaded = match_scenario(state.current_inputs(content), scenarios, content)
    # The list: the stories, or the pairs of cases either side of one sign's lines (explainer.scenarios.case_groups).
    groups = {group.id: group for group in classroom.groups_or_stop(content)}
    group_of = {case.id: group.id for group in groups.values() for case in group.cases}
    _sync_pick(scenarios, loaded, group_of, next(iter(groups)))
    st.radio(
        words["group_label"], list(groups),
        format_func=lambda group_id: classroom.group_label(groups[group_id], content),
        key=keys.SCENARIO_GROUP, horizontal=True, on_change=_first_of_group, args=(groups, group_of),
    )
    pick_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
    with pick_col:
        picked_id = st.selectbox(
            words["pick_label"],
            [case.id for case in groups[st.session_state[keys.SCENARIO_GROUP]].cases],
            format_func=lambda case_id: find_scenario(case_id, scenarios).title,  # type: ignore[union-attr]
            key=keys.SCENARIO_PICK,
            on_change=_show_picked,
        )
    case = find_scenario(picked_id, scenarios) or scenarios[0]
    with button_col:
        st.button(
            words["load_button"], type="primary", key=keys.SCENARIO_LOAD, wrap=True, width="stretch",
            on_click=state.set_inputs, args=(content, case.values(content)),
        )
    is_loaded = loaded is not None and loaded.id == case.id
    with st.container(key="scenario-status"):
        st.markdown(("✓ " + words["loaded"]) if is_loaded else ("➜ " + words["not_loaded"]))
    return case, is_loaded


def case_question(
    content: explainer.Content, case: Scenario, assessment: explainer.Assessment, words: Mapping[str, str]
) -> None:
    """The case's story, then the question for the room, with the answer only when the educator shows it. The
    reveal is keyed by the case, so choosing another case starts with its answer hidden again."""
    with st.container(border=True, key="scenario-story"):
        st.markdown(f"## {case.title}")
        st.markdown(f"**{words['story']}:** {case.story}")
    with st.container(border=True, key="scenario-question"):
        st.markdown(f"### {words['ask']}\n\n{words['question']}")
        st.caption(words["think_first"])
        with st.expander(words["reveal"], key=keys.case_reveal(case.id)), st.container(key="scenario-result"):
            st.markdown(f"#### {words['result']}")
            crossed = [content.sign(sign_id).title for sign_id in assessment.crossed_signs]
            st.markdown(words["crossed"].format(signs=", ".join(crossed)) if crossed else words["none_crossed"])
            level = content.level(assessment.urgency.value)
            st.markdown(words["urgency"].format(symbol=level.symbol, label=level.label))
            st.caption(f"{assessment.urgency_rule.reason} {source_text(content, [assessment.urgency_rule.source])}")
            best = assessment.leading_cause
            st.markdown(words["top_cause"].format(cause=best.name) if best else words["no_top_cause"])
            st.markdown(f"**{words['learning_point']}:** {case.learning_point}")
            if any(sign.teaching for sign in assessment.signs if sign.crossed or sign.id in case.sections):
                st.caption(words["teaching_note"])


def case_links(case: Scenario, is_loaded: bool, words: Mapping[str, str]) -> None:
    """Where to take a loaded case: the warning signs page, or the presenter view; before that, load it first."""
    if not is_loaded:
        st.caption(words["load_first"])
        return
    # The inputs travel with the page switch; the link only adds the case's name.
    link_col, present_col = st.columns(2)
    link_col.page_link("pages/warning-signs.py", label=words["open_link"], query_params={"scenario": case.id})
    present_col.page_link(
        "pages/present.py", label=words["present_link"], query_params={"scenario": case.id, "step": "1"}
    )
