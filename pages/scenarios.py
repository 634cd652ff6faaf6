import streamlit as st

import explainer
from explainer.scenarios import find_scenario, match_scenario
from ui import classroom, render, router, sharing, state

router.enter()  # the page under the router even on a server's first link: see ui/router.py

content = state.content_or_stop()
render.page_top(state.link_notes(), case_banner=False)  # the page shows the case's story itself
scenarios, text = classroom.classroom_or_stop(content)
words = text["scenarios"]

st.title(words["title"])
st.write(words["intro"])

loaded = match_scenario(state.current_inputs(content), scenarios, content)
named = st.query_params.get(classroom.SCENARIO_PARAM)
if named and find_scenario(named, scenarios) is not None:
    st.session_state["scenario_pick"] = named  # a link naming a case shows it (the quiz links each question here)
elif "scenario_pick" not in st.session_state:
    st.session_state["scenario_pick"] = (loaded or scenarios[0]).id
# The list: the stories, or the pairs of cases either side of one sign's lines (explainer.scenarios.case_groups).
groups = {group.id: group for group in classroom.groups_or_stop(content)}
group_of = {case.id: group.id for group in groups.values() for case in group.cases}
if st.session_state.get("scenario_group") != group_of.get(st.session_state["scenario_pick"]):
    st.session_state["scenario_group"] = group_of.get(st.session_state["scenario_pick"], next(iter(groups)))


def show_picked() -> None:
    """Keep the case on show in the address bar, so the link names it and a reload keeps it."""
    st.query_params[classroom.SCENARIO_PARAM] = st.session_state["scenario_pick"]


def first_of_group() -> None:
    """Another kind of case: show its first case."""
    group = groups[st.session_state["scenario_group"]]
    if group_of.get(st.session_state.get("scenario_pick", "")) != group.id:
        st.session_state["scenario_pick"] = group.cases[0].id
        show_picked()


st.radio(
    words["group_label"], list(groups), format_func=lambda group_id: classroom.group_label(groups[group_id], content),
    key="scenario_group", horizontal=True, on_change=first_of_group,
)
pick_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
with pick_col:
    picked_id = st.selectbox(
        words["pick_label"],
        [case.id for case in groups[st.session_state["scenario_group"]].cases],
        format_func=lambda case_id: find_scenario(case_id, scenarios).title,  # type: ignore[union-attr]
        key="scenario_pick",
        on_change=show_picked,
    )
case = find_scenario(picked_id, scenarios) or scenarios[0]
with button_col:
    st.button(
        words["load_button"],
        type="primary",
        key="scenario_load",
        wrap=True,
        width="stretch",
        on_click=state.set_inputs,
        args=(content, case.values(content)),
    )
is_loaded = loaded is not None and loaded.id == case.id
with st.container(key="scenario-status"):
    st.markdown(("✓ " + words["loaded"]) if is_loaded else ("➜ " + words["not_loaded"]))

assessment = explainer.assess(case.inputs, content)
story_col, share_col = st.columns([3, 2], gap="large")
with story_col:
    with st.container(border=True, key="scenario-story"):
        st.markdown(f"## {case.title}")
        st.markdown(f"**{words['story']}:** {case.story}")
    # Ask the room first: the question now, the answer only when the educator shows it. The reveal is keyed by
    # the case, so choosing another case starts with its answer hidden again.
    with st.container(border=True, key="scenario-question"):
        st.markdown(f"### {words['ask']}\n\n{words['question']}")
        st.caption(words["think_first"])
        with st.expander(words["reveal"], key=f"reveal-{case.id}"), st.container(key="scenario-result"):
            st.markdown(f"#### {words['result']}")
            crossed = [content.sign(sign_id).title for sign_id in assessment.crossed_signs]
            st.markdown(words["crossed"].format(signs=", ".join(crossed)) if crossed else words["none_crossed"])
            level = content.level(assessment.urgency.value)
            st.markdown(words["urgency"].format(symbol=level.symbol, label=level.label))
            st.caption(
                f"{assessment.urgency_rule.reason} {render.source_text(content, [assessment.urgency_rule.source])}"
            )
            best = assessment.leading_cause
            st.markdown(words["top_cause"].format(cause=best.name) if best else words["no_top_cause"])
            st.markdown(f"**{words['learning_point']}:** {case.learning_point}")
            if any(sign.teaching for sign in assessment.signs if sign.crossed or sign.id in case.sections):
                st.caption(words["teaching_note"])
    st.markdown(f"#### {words['worksheet']}")
    render.handout_download(content, key="handout-scenarios", assessment=assessment, case=case)
with share_col:
    sharing.share_panel(content, case.values(content), case.id, key="case", heading=text["share"]["case_heading"])

if is_loaded:  # the inputs travel with the page switch; the link only adds the case's name
    link_col, present_col = st.columns(2)
    link_col.page_link("pages/warning-signs.py", label=words["open_link"], query_params={"scenario": case.id})
    present_col.page_link(
        "pages/present.py", label=words["present_link"], query_params={"scenario": case.id, "step": "1"}
    )
else:
    st.caption(words["load_first"])

st.markdown(f"## {words['sections']}")
for section_id in case.sections:
    section = content.section(section_id)
    render.article_quote(content, section_id, section.heading or section_id.replace("_", " ").capitalize())
