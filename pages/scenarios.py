import streamlit as st

import explainer
from explainer.links import scenario_url
from explainer.scenarios import find_scenario, match_scenario
from ui import classroom, render, router, state

router.enter()  # the page under the router even on a server's first link: see ui/router.py

content = state.content_or_stop()
render.page_top(state.link_notes())
scenarios, text = classroom.classroom_or_stop(content)
words = text["scenarios"]

st.title(words["title"])
st.write(words["intro"])

loaded = match_scenario(state.current_inputs(content), scenarios, content)
# The list: the stories, or the pairs of cases either side of one sign's lines (classroom.case_groups).
groups = {group.id: group for group in classroom.groups_or_stop(content)}
group_of = {case.id: group.id for group in groups.values() for case in group.cases}
if "scenario_pick" not in st.session_state:
    st.session_state["scenario_pick"] = (loaded or scenarios[0]).id
if st.session_state.get("scenario_group") != group_of.get(st.session_state["scenario_pick"]):
    st.session_state["scenario_group"] = group_of.get(st.session_state["scenario_pick"], next(iter(groups)))


def first_of_group() -> None:
    group = groups[st.session_state["scenario_group"]]
    if group_of.get(st.session_state.get("scenario_pick", "")) != group.id:
        st.session_state["scenario_pick"] = group.cases[0].id


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
    )
case = find_scenario(picked_id, scenarios) or scenarios[0]
with button_col:
    st.button(
        words["load_button"], type="primary", key="scenario_load", width="stretch",
        on_click=state.set_inputs, args=(content, case.values(content)),
    )
is_loaded = loaded is not None and loaded.id == case.id
with st.container(key="scenario-status"):
    st.markdown(("✓ " + words["loaded"]) if is_loaded else ("➜ " + words["not_loaded"]))

assessment = explainer.assess(case.inputs, content)
story_col, result_col = st.columns(2)
with story_col, st.container(border=True, key="scenario-story"):
    st.markdown(f"## {case.title}")
    st.markdown(f"**{words['story']}:** {case.story}")
    st.markdown(f"**{words['learning_point']}:** {case.learning_point}")
with result_col, st.container(border=True, key="scenario-result"):
    st.markdown(f"## {words['result']}")
    crossed = [content.sign(sign_id).title for sign_id in assessment.crossed_signs]
    st.markdown(words["crossed"].format(signs=", ".join(crossed)) if crossed else words["none_crossed"])
    level = content.level(assessment.urgency.value)
    st.markdown(words["urgency"].format(symbol=level.symbol, label=level.label))
    st.caption(f"{assessment.urgency_rule.reason} {render.source_text(content, [assessment.urgency_rule.source])}")
    best = assessment.leading_cause
    st.markdown(words["top_cause"].format(cause=best.name) if best else words["no_top_cause"])
    if any(sign.teaching for sign in assessment.signs if sign.crossed or sign.id in case.sections):
        st.caption(words["teaching_note"])

st.markdown(f"## {words['sections']}")
for section_id in case.sections:
    section = content.section(section_id)
    render.article_quote(content, section_id, section.heading or section_id.replace("_", " ").capitalize())

st.markdown(f"## {words['share']}")
st.caption(words["share_help"])
st.code(scenario_url("", "warning-signs", case.values(content), {"scenario": case.id}), language=None, wrap_lines=True)
if is_loaded:  # the inputs travel with the page switch; the link only adds the case's name
    link_col, present_col = st.columns(2)
    link_col.page_link("pages/warning-signs.py", label=words["open_link"], query_params={"scenario": case.id})
    present_col.page_link(
        "pages/present.py", label=words["present_link"], query_params={"scenario": case.id, "step": "1"}
    )
else:
    st.caption(words["load_first"])
