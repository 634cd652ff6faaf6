import streamlit as st

import explainer
from explainer import charts, presentation
from explainer.charts import status_word
from explainer.scenarios import find_scenario, match_scenario
from ui import classroom, render, router, sharing, state

router.enter()  # the page under the router even on a server's first link: see ui/router.py

LIVE = "live"
STEP_PARAM = "step"

content = state.content_or_stop()
scenarios, text = classroom.classroom_or_stop(content)
words = text["present"]

# Projector styles, only on this page: the sidebar and toolbar out of the way (the inputs are still made by
# the router, so the link keeps working), and large, high-contrast type in the presenter's stage.
st.html(
    """<style>
    [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
    [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
    header[data-testid="stHeader"] { background: transparent; height: 0; }
    [data-testid="stMainBlockContainer"] { padding-top: 1.5rem; }
    .st-key-present-stage { --present-font: clamp(22px, calc(1.1vw + 9px), 40px); color: #000; }
    .st-key-present-stage p, .st-key-present-stage li, .st-key-present-stage label,
    .st-key-present-stage button, .st-key-present-stage [data-testid="stSelectbox"] * {
        font-size: var(--present-font) !important; line-height: 1.4; }
    .st-key-present-stage h1 { font-size: calc(var(--present-font) * 1.9) !important; }
    .st-key-present-stage h2 { font-size: calc(var(--present-font) * 1.5) !important; }
    .st-key-present-stage .st-key-present-status p { font-size: calc(var(--present-font) * 1.4) !important;
        font-weight: 700; }
    .st-key-present-stage [data-testid="stCaptionContainer"],
    .st-key-present-stage [data-testid="stCaptionContainer"] * {
        font-size: calc(var(--present-font) * 0.8) !important; color: #1a1a1a !important; }
    </style>"""
)
render.page_top(state.link_notes(), case_banner=False)  # the stage shows the case itself


def go_to(number: int) -> None:
    st.query_params[STEP_PARAM] = str(number)


def load_case() -> None:
    picked = st.session_state.get("present_case", LIVE)
    case = find_scenario(picked, scenarios)
    if case is not None:
        state.set_inputs(content, case.values(content))
        st.query_params[classroom.SCENARIO_PARAM] = case.id
    else:
        st.query_params.pop(classroom.SCENARIO_PARAM, None)


inputs = state.current_inputs(content)
case = match_scenario(inputs, scenarios, content)
st.session_state["present_case"] = case.id if case else LIVE
assessment = explainer.assess(inputs, content)
number = presentation.read_step(st.query_params.get(STEP_PARAM), content)
total = presentation.step_count(content)
step = presentation.step_at(number, content, words)
if st.query_params.get(STEP_PARAM) != str(number):
    st.query_params[STEP_PARAM] = str(number)  # keep the step in the link, so a presenter can reopen it

with st.container(key="present-stage"):
    title_col, pick_col = st.columns([3, 2], vertical_alignment="bottom")
    with pick_col:
        st.selectbox(
            words["pick_label"],
            [LIVE, *[c.id for c in scenarios]],
            format_func=lambda case_id: words["live_case"] if case_id == LIVE else find_scenario(case_id, scenarios).title,  # type: ignore[union-attr]  # noqa: E501
            key="present_case",
            on_change=load_case,
        )
    with title_col:
        st.markdown(f"# {case.title if case else words['live_case']}")
    if case:
        st.markdown(case.story)
    st.markdown(f"## {step.title}  \n{words['step_of'].format(number=number, total=total)}")

    if step.kind == "sign":
        sign = assessment.sign(step.sign_id)
        with st.container(key="present-status"):
            st.markdown(status_word(sign.crossed))
        st.markdown(sign.reason)
        render.chart(
            charts.sign_chart_spec(assessment, content, sign_ids=(sign.id,), scale=presentation.PRESENTER_SCALE),
            charts.sign_chart_description(assessment, content, sign_ids=(sign.id,)),
            key="present-sign-chart",
        )
        if sign.teaching:
            st.caption(state.words("common")["teaching_note"])
        st.caption(render.source_text(content, list(sign.sources)))
    elif step.kind == "causes":
        render.chart(
            charts.cause_chart_spec(assessment, scale=presentation.PRESENTER_SCALE),
            charts.cause_chart_description(assessment),
            key="present-cause-chart",
        )
        best = assessment.cause_fit[0]
        if best.evidence_for:
            clues = "; ".join(clue.text for clue in best.evidence_for)
            st.markdown(f"**{best.name}.** {words['points_to']}: {clues}.")
            st.caption(render.source_text(content, [clue.source for clue in best.evidence_for]))
        else:
            st.markdown(words["nothing_points"])
        st.caption(words["causes_note"])
    else:
        level = content.level(assessment.urgency.value)
        with st.container(key="present-status"):
            st.markdown(f"{level.symbol} {level.label}")
        st.markdown(level.action)
        st.markdown(f"**{words['why']}:** {assessment.urgency_rule.reason}")
        st.caption(render.source_text(content, [assessment.urgency_rule.source, *level.sources]))

    back_col, next_col, leave_col = st.columns([1, 1, 2], vertical_alignment="center")
    back_col.button(
        "◀ " + words["back"], key="present-back", shortcut="Left", disabled=number == presentation.FIRST_STEP,
        on_click=go_to, args=(presentation.previous_step(number, content),), width="stretch",
    )
    next_col.button(
        words["next"] + " ▶", key="present-next", shortcut="Right", disabled=number == total, type="primary",
        on_click=go_to, args=(presentation.next_step(number, content),), width="stretch",
    )
    leave_col.page_link("pages/warning-signs.py", label=words["leave"])
    st.caption(words["keys"])

# --- Share by QR (issue 9, item 5): the scenario's full link, a copy button and a QR code big enough to scan from
# the back of the room (explainer/share.py says why that size). Folded away below the stage until asked for.
with st.expander(text["share"]["scenario_heading"], key="present-share"):
    sharing.share_panel(content, inputs, case.id if case else None, key="stage", large=True)
