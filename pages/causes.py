import streamlit as st

import explainer
from explainer import charts
from ui import render, router, state

router.enter()  # the page under the router even on a server's first link: see ui/router.py

content = state.content_or_stop()
render.page_top(state.link_notes())
assessment = explainer.assess(state.current_inputs(content))

text = state.words("causes")

st.title(text["title"])
if assessment.urgency == explainer.Urgency.EMERGENCY:
    render.urgency_panel(content, assessment)
with render.rest_of_page(assessment):
    st.markdown(text["intro"])
    st.caption(text["labs_note"])
    leading = assessment.leading_cause
    if leading:
        st.markdown(text["leading"].format(name=leading.name, points=leading.points))
    else:
        st.markdown(text["no_leading"].format(min=assessment.min_points_to_lead))
    triggers = assessment.common_triggers
    st.markdown(
        text["triggers"].format(names=", ".join(fit.name for fit in triggers)) if triggers else text["no_triggers"]
    )

    render.chart_with_table(
        charts.cause_chart_spec(assessment),
        charts.cause_chart_description(assessment),
        charts.cause_table(assessment, content),
        key="cause-chart",
        downloads="causes-chart",
    )
    render.handout_download(content, assessment, key="handout-causes")

    render.article_quote(content, "causes_introduction", text["article_label"])

    st.markdown("## " + text["cards_heading"])
    for fit in assessment.serious_causes:
        render.cause_card(content, fit)
    st.markdown("## " + text["triggers_heading"])
    for fit in assessment.cause_fit:
        if fit.kind == "everyday":
            render.cause_card(content, fit)
