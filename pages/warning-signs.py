import streamlit as st

import explainer
from explainer import charts
from ui import render, router, state

router.enter()  # the page under the router even on a server's first link: see ui/router.py

content = state.content_or_stop()
render.page_top(state.link_notes())
assessment = explainer.assess(state.current_inputs(content))
text = state.words("warning_signs")

st.title(text["title"])
render.urgency_panel(content, assessment)
with render.rest_of_page(assessment):
    st.markdown(text["intro"])
    render.handout_download(content, assessment, key="handout-warning-signs")

    st.markdown("## " + text["chart_heading"])
    render.chart_with_table(
        charts.sign_chart_spec(assessment, content),
        charts.sign_chart_description(assessment, content),
        charts.sign_table(assessment, content),
        key="sign-chart",
        downloads="warning-signs-chart",
    )
    st.markdown(text["signs_vs_advice"])

    left, right = st.columns(2)
    for index, sign in enumerate(assessment.signs):
        with left if index % 2 == 0 else right:
            render.sign_card(content, sign)
