"""The presenter's stage in the browser: its look (a 16:9 stage that fits the window, ui/assets/stage.css), its keys,
and the step drawn into the stage's slots (what it says comes from :mod:`explainer.presentation`).

The look: on /present only, the page's root font size is the stage's body type, a share of the stage's width
(``presentation.BODY_TYPE``), and the stage is the largest 16:9 box the window holds. Streamlit sizes its type,
controls and gaps in rem, so everything on the stage grows and shrinks with the window in proportion, and a stage
that fits one window fits them all. Its charts scale themselves to their box (``charts.to_fit_container``).

The keys (a component whose JavaScript is ui/assets/stage_keys.js, served by the app itself, drawing nothing but
a blank screen on demand):
- Right, Page Down and Space press Next; Left and Page Up press Back; N and P load the next or previous case;
  B (or .) blanks the screen, as in slide software. A clicker sends Page Down and Page Up.
- A key a focused control needs keeps working there (arrows on a slider, Space on a tick box, typing in a list);
  Page Down and Page Up always move the stage. After a control is used with the mouse, focus goes back to the
  stage, so the next key press moves the stage and not the control.
- One browser-history entry per step: Streamlit 1.67 pushes an entry for every change of the link from the
  server, so loading a case (its case name, then each input it sets) would leave a trail of half-loaded links
  for Back to walk through. On the stage, an entry that keeps the page, the step and the case replaces the
  current one; a new step or case still gets its own. Showing an answer changes the current entry, so Back from
  the next step comes back to the answer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

import explainer
from explainer import presentation, share
from explainer.presentation import Position, Step
from explainer.scenarios import CaseGroup, Scenario, find_scenario, neighbour_case
from ui import classroom, frame, layout, render, sharing, state
from ui.look import script
from ui.look import style as stylesheet
from ui.look import variables as css_variables

STAGE = "present-stage"  # the key of the stage's container (ui/layout.py)
KEYS = "present-keys"  # the key of the component; its trigger "key" names a key press the server acts on
CASE_KEYS = ("next_case", "previous_case")
CASES_PANEL = "present-cases"

_stage_keys = st.components.v2.component(
    "present_stage_keys", js=script("stage_keys.js")
)


def keys(blank_text: str, on_case_key: Callable[[str], None], settle: bool = False) -> None:
    """Mount the stage's keys (drawing nothing). ``on_case_key("next_case" | "previous_case")`` runs as a callback,
    before the inputs are made, when N or P is pressed. With ``settle``, the browser asks for one more run at once
    (for the values Streamlit writes into the address bar only on the run after they were set)."""

    def on_key() -> None:
        pressed = st.session_state[KEYS].get("key")
        if pressed in CASE_KEYS:
            on_case_key(pressed)

    names = {"stage": STAGE, "step": layout.STEP, "scenario": classroom.SCENARIO_PARAM}
    _stage_keys(key=KEYS, data={"blank": blank_text, "settle": settle, "names": names}, on_key_change=on_key,
                on_settle_change=lambda: None)


def sizes() -> dict[str, str]:
    """The sizes :mod:`explainer.presentation` decides, as the CSS variables stage.css reads (its first lines)."""
    return {
        "stage-unit": f"min(1vw, {presentation.STAGE_ASPECT:.6f}vh)",  # 1% of the stage's width
        "stage-type": f"{presentation.BODY_TYPE * 100:.4f}",
        "stage-height": f"{100 / presentation.STAGE_ASPECT:.4f}",
        "stage-qr-height": f"{share.STAGE_HEIGHT_VH}vh",
    }


def look() -> None:
    """The stage's look, on this page: ui/assets/stage.css with :func:`sizes`. They also come with /present's page
    itself (ui/head.py), so a presenter who opens /present sees no jump; drawn here too for one who arrives from
    another page of the app."""
    css_variables(sizes())
    stylesheet("stage.css")


# --- The case and the step on stage -----------------------------------------------------------------------------

def shown_case(content: explainer.Content, scenarios: tuple[Scenario, ...]) -> Scenario | None:
    """The case the link names (changed on stage or not), else the case the inputs match, else none."""
    named = str(st.query_params.get(classroom.SCENARIO_PARAM, ""))
    return presentation.case_on_screen(named, state.current_inputs(content), scenarios, content)


def go_to(position: Position) -> None:
    """One step, answer or question: the step first, so that a new step is its own history entry (see above)."""
    step, answer = presentation.link_state(position, bool(st.session_state.get(layout.PREDICT)))
    st.query_params[layout.STEP] = step
    if answer:
        st.query_params[layout.ANSWER] = answer
    else:
        st.query_params.pop(layout.ANSWER, None)


def load_case(content: explainer.Content, scenarios: tuple[Scenario, ...], case_id: str) -> None:
    """A case from its first step: its inputs everywhere, and its name and step 1 in the link, in one change."""
    case = find_scenario(case_id, scenarios)
    if case is None:
        return
    state.set_inputs(content, case.values(content))
    st.query_params.update({classroom.SCENARIO_PARAM: case.id, layout.STEP: str(presentation.FIRST_STEP)})
    st.query_params.pop(layout.ANSWER, None)
    st.session_state[CASES_PANEL] = False  # close the cases panel


def case_keys(content: explainer.Content, scenarios: tuple[Scenario, ...], groups: tuple[CaseGroup, ...]
              ) -> Callable[[str], None]:
    """What N and P do: load the next or the previous case in the picker's order."""

    def load_neighbour(key: str) -> None:
        current = shown.id if (shown := shown_case(content, scenarios)) else None
        load_case(content, scenarios, neighbour_case(current, groups, 1 if key == "next_case" else -1).id)

    return load_neighbour


def position(content: explainer.Content) -> tuple[Position, bool]:
    """Where the stage is (from the link) and whether the room is asked first; the step is kept in the link, so a
    presenter can reopen it."""
    predict = bool(st.session_state.get(layout.PREDICT))
    where = presentation.read_position(st.query_params.get(layout.STEP), st.query_params.get(layout.ANSWER), predict,
                                       content)
    if st.query_params.get(layout.STEP) != str(where.step):
        st.query_params[layout.STEP] = str(where.step)
    return where, predict


def head(slots: layout.StageSlots, content: explainer.Content, case: Scenario | None, step: Step, where: Position,
         words: Mapping[str, str]) -> None:
    """The case's title and story; the disclaimer, except on an answer that puts it after the action."""
    with slots.head:
        frame.link_notes(state.link_notes())
        # The title, and beside it (taking no height of its own) the note that phones cannot open a loopback link.
        with st.container(key="present-case-row", horizontal=True):
            if case is None:
                st.markdown(f"# {words['live_case']}")
            else:
                changed = case.values(content) != explainer.validate_inputs(state.current_inputs(content), content)
                st.markdown(presentation.case_title(case.title, changed, words))
            sharing.loopback_note(key="present-loopback", compact=True)
        if case is not None:
            st.markdown(case.story)
        if step.kind != "urgency" or not where.answer_shown:
            frame.disclaimer()
    with slots.title:
        st.markdown(f"## {step.title}")


def question(slots: layout.StageSlots, content: explainer.Content, step: Step, words: Mapping[str, str]) -> None:
    """The step's question, and the room's prompt where the chart will be."""
    with slots.text:
        with st.container(key="present-question"):
            st.markdown(step.question)
        if step.kind == "sign":
            st.markdown(content.sign(step.sign_id).summary)
    with slots.chart, st.container(key="present-ask", border=True):
        st.markdown(words["think"])


def answer(slots: layout.StageSlots, content: explainer.Content, step: Step, assessment: explainer.Assessment,
           words: Mapping[str, str]) -> None:
    """The step's answer and why (:func:`explainer.presentation.answer`), then its chart or what stands in."""
    said = presentation.answer(step, assessment, content, {**words, **state.words("common")})
    with slots.text:
        with st.container(key="present-status"):
            st.markdown(said.status)
        for line in said.lines:
            st.markdown(line)
        if said.sources:
            st.caption(" ".join([*([said.note] if said.note else []), frame.source_text(content, said.sources)]))
        if said.cause_story:
            render.cause_story(assessment, steps=False)  # no cause, or an everyday one, stands out: the NHS's words
        if said.disclaimer_last:
            frame.disclaimer()
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
                st.markdown(presentation.signs_now(assessment, words))


def nav(slots: layout.StageSlots, content: explainer.Content, where: Position, predict: bool,
        words: Mapping[str, str]) -> None:
    """Back, the step's number, and Next (or "Show the answer")."""
    back = presentation.backward(where, predict, content)
    forward = presentation.forward(where, predict, content)
    with slots.nav:
        st.button("◀ " + words["back"], key="present-back", disabled=back == where, on_click=go_to, args=(back,),
                  wrap=True)
        st.markdown(words["step_of"].format(number=where.step, total=presentation.step_count(content)))
        st.button(presentation.next_label(where, words), key="present-next", type="primary",
                  disabled=forward == where, on_click=go_to, args=(forward,), help=words["keys"], wrap=True)


def more(slots: layout.StageSlots, content: explainer.Content, scenarios: tuple[Scenario, ...],
         groups: tuple[CaseGroup, ...], case: Scenario | None, words: Mapping[str, str],
         share_words: Mapping[str, str]) -> None:
    """The cases panel, the share panel (its QR code 60 % of the window tall, explainer/share.py says why; drawn
    only while open) and the way out."""
    with slots.more:
        with st.popover(words["cases_button"], key=CASES_PANEL, on_change="rerun", wrap=True):
            st.markdown(words["cases_help"])
            for group in groups:
                label = classroom.group_label(group, content)
                box = (st.expander(label, expanded=case is not None and case in group.cases) if group.sign_id
                       else st.container())
                with box:
                    if not group.sign_id:
                        st.markdown(f"**{label}**")
                    with st.container(horizontal=True, key=f"present-group-{group.id}"):
                        for member in group.cases:
                            showing = case is not None and member.id == case.id
                            st.button(member.title + (f" ({words['showing']})" if showing else ""),
                                      key=f"present-case-{member.id}", type="primary" if showing else "secondary",
                                      on_click=load_case, args=(content, scenarios, member.id), wrap=True)
        panel = st.popover(share_words["scenario_heading"], key="present-share", on_change="rerun", wrap=True)
        with panel:
            if panel.open:
                sharing.share_panel(content, state.current_inputs(content), case.id if case else None, key="stage",
                                    large=True)
        st.page_link("pages/warning-signs.py", label=words["leave"])
