import streamlit as st

import explainer
from explainer import presentation
from explainer.charts import status_word
from explainer.presentation import Position
from explainer.scenarios import find_scenario, match_scenario, neighbour_case
from ui import classroom, layout, render, room, router, sharing, stage, state

router.enter()  # the page under the router even on a server's first link: see ui/router.py

content = state.content_or_stop()
scenarios, text = classroom.classroom_or_stop(content)
groups = classroom.groups_or_stop(content)
words = text["present"]
slots = layout.slots()
assert isinstance(slots, layout.StageSlots), "the router lays out the stage (ui/layout.py)"
stage.look()


def go_to(position: Position) -> None:
    """One step, answer or question: the step first, so that a new step is its own history entry (ui/stage.py)."""
    st.query_params[layout.STEP] = str(position.step)
    if position.answer_shown and st.session_state.get(layout.PREDICT):
        st.query_params[layout.ANSWER] = presentation.ANSWER_SHOWN
    else:
        st.query_params.pop(layout.ANSWER, None)


def load_case(case_id: str) -> None:
    """A case from its first step: its inputs everywhere, and its name and step 1 in the link, in one change."""
    case = find_scenario(case_id, scenarios)
    if case is None:
        return
    state.set_inputs(content, case.values(content))
    st.query_params.update({classroom.SCENARIO_PARAM: case.id, layout.STEP: str(presentation.FIRST_STEP)})
    st.query_params.pop(layout.ANSWER, None)
    st.session_state["present-cases"] = False  # close the cases panel


def load_neighbour(key: str) -> None:
    current = shown.id if (shown := shown_case()) else None
    load_case(neighbour_case(current, groups, 1 if key == "next_case" else -1).id)


def shown_case() -> explainer.scenarios.Scenario | None:
    """The case the link names (changed on stage or not), else the case the inputs match, else none."""
    named = find_scenario(str(st.query_params.get(classroom.SCENARIO_PARAM, "")), scenarios)
    return named or match_scenario(state.current_inputs(content), scenarios, content)


# A case a link named reaches the address bar only on the next run (ui/classroom.py): the stage asks for that run
# at once, so the link's history entry holds the whole scenario before any key is pressed.
stage.keys(words["blank"], on_case_key=load_neighbour, settle=classroom.case_waiting_for_link())
inputs = state.current_inputs(content)
case = shown_case()
assessment = state.assessment(content)  # the same inputs, worked out once per set
predict = bool(st.session_state.get(layout.PREDICT))
position = presentation.read_position(
    st.query_params.get(layout.STEP), st.query_params.get(layout.ANSWER), predict, content
)
total = presentation.step_count(content)
step = presentation.step_at(position.step, content, words)
if st.query_params.get(layout.STEP) != str(position.step):
    st.query_params[layout.STEP] = str(position.step)  # keep the step in the link, so a presenter can reopen it

with slots.head:
    render.link_notes(state.link_notes())
    if case is None:
        st.markdown(f"# {words['live_case']}")
    else:
        changed = case.values(content) != explainer.validate_inputs(inputs, content)
        st.markdown(f"# {case.title}" + (f" ({words['changed']})" if changed else ""))
        st.markdown(case.story)
    if step.kind != "urgency" or not position.answer_shown:
        render.disclaimer()  # on the last step it follows the action (below), never above "Call 999"

with slots.title:
    st.markdown(f"## {step.title}")

if not position.answer_shown:
    with slots.text:
        with st.container(key="present-question"):
            st.markdown(step.question)
        if step.kind == "sign":
            st.markdown(content.sign(step.sign_id).summary)
    with slots.chart, st.container(key="present-ask", border=True):
        st.markdown(words["think"])
elif step.kind == "sign":
    sign = assessment.sign(step.sign_id)
    with slots.text:
        with st.container(key="present-status"):
            st.markdown(status_word(sign.crossed))
        st.markdown(sign.reason)
        notes = [state.words("common")["teaching_note"]] if sign.teaching else []
        st.caption(" ".join([*notes, render.source_text(content, list(sign.sources))]))
elif step.kind == "causes":
    best = assessment.leading_cause
    with slots.text:
        with st.container(key="present-status"):
            st.markdown(f"★ {best.name}" if best else words["no_leader"])
        if best:
            clues = "; ".join(clue.text for clue in best.evidence_for)
            st.markdown(f"**{best.name}.** {words['points_to']}: {clues}.")
            st.caption(words["causes_note"] + " " + render.source_text(content, [c.source for c in best.evidence_for]))
        elif not any(fit.evidence_for for fit in assessment.cause_fit):
            st.markdown(words["nothing_points"])
        render.cause_story(assessment, steps=False)  # no cause, or an everyday one, stands out: the NHS's words
else:
    level = content.level(assessment.urgency.value)
    with slots.text:
        with st.container(key="present-status"):
            st.markdown(f"{level.symbol} {level.label}")
        st.markdown(f"**{level.action}**")
        st.markdown(f"{words['why']}: {assessment.urgency_rule.reason}")
        st.caption(render.source_text(content, [assessment.urgency_rule.source, *level.sources]))
        render.disclaimer()

if position.answer_shown:
    drawn = presentation.stage_chart(step, assessment, content)
    with slots.chart:
        if drawn is not None:
            spec, description = drawn
            st.vega_lite_chart(spec.for_streamlit(), alt=description, key="present-chart-drawn", width="stretch",
                               height="stretch")
        elif step.kind == "causes":
            with st.container(key="present-nothing", border=True):
                st.markdown(words["nothing_points"])
        else:
            with st.container(key="present-signs", border=True):
                st.markdown(
                    f"**{words['signs_now']}**\n\n" + "\n".join(
                        f"- {number}. {sign.title}: {status_word(sign.crossed)}"
                        for number, sign in enumerate(assessment.signs, start=1)
                    )
                )

with slots.nav:
    back, forward = presentation.backward(position, predict, content), presentation.forward(position, predict, content)
    st.button("◀ " + words["back"], key="present-back", disabled=back == position, on_click=go_to, args=(back,),
              wrap=True)
    st.markdown(words["step_of"].format(number=position.step, total=total))
    label = words["show_answer"] if not position.answer_shown else words["next"]
    st.button(label + " ▶", key="present-next", type="primary", disabled=forward == position, on_click=go_to,
              args=(forward,), help=words["keys"], wrap=True)

with slots.more:
    with st.popover(words["cases_button"], key="present-cases", on_change="rerun", wrap=True):
        st.markdown(words["cases_help"])
        for group in groups:
            showing_here = case is not None and case in group.cases
            label = classroom.group_label(group, content)
            box = st.expander(label, expanded=showing_here) if group.sign_id else st.container()
            with box:
                if not group.sign_id:
                    st.markdown(f"**{label}**")
                with st.container(horizontal=True, key=f"present-group-{group.id}"):
                    for member in group.cases:
                        showing = case is not None and member.id == case.id
                        st.button(
                            member.title + (f" ({words['showing']})" if showing else ""),
                            key=f"present-case-{member.id}", type="primary" if showing else "secondary",
                            on_click=load_case, args=(member.id,), wrap=True,
                        )
    # Share by QR (issue 9, item 5): the scenario's full link, a copy button and a QR code 60 % of the window tall,
    # to scan from the back of the room (explainer/share.py says why that size). Drawn only while open.
    share = st.popover(text["share"]["scenario_heading"], key="present-share", on_change="rerun", wrap=True)
    with share:
        if share.open:
            sharing.share_panel(content, inputs, case.id if case else None, key="stage", large=True)
    st.page_link("pages/warning-signs.py", label=words["leave"])

room.on_stage(content, slots, step, position, assessment, case, words["no_leader"])  # the room vote (ui/room.py)
