import streamlit as st

import explainer
from explainer import charts
from ui import render, state

content = state.content_or_stop()
render.page_top(state.link_notes())
assessment = explainer.assess(state.current_inputs(content))

text = state.words("causes")

st.title(text["title"])
st.markdown(text["intro"])
st.caption(text["labs_note"])

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
for fit in assessment.cause_fit:
    render.cause_card(content, fit)
