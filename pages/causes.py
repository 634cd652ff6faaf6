import streamlit as st

import explainer
from explainer import charts
from ui import render, state

content = state.content_or_stop()
render.page_top(state.link_notes())
assessment = explainer.assess(state.current_inputs(content))

st.title("Which causes fit?")
st.write(
    "Add the context and any blood test values in **Your scenario** (sidebar). Each cause gets points for the "
    "clues that point to it and loses points for clues against it. This shows how the article's causes relate "
    "to the clues. It cannot tell what is causing anyone's spasms: only a health professional can."
)
st.caption("Blood test reference ranges vary by laboratory. An unknown value counts for nothing.")

render.chart_with_table(
    charts.cause_chart_spec(assessment),
    charts.cause_chart_description(assessment),
    charts.cause_table(assessment, content),
    key="cause-chart",
    downloads="causes-chart",
)
render.handout_download(content, assessment, key="handout-causes")

render.article_quote(content, "causes_introduction", "What the article says about causes")

st.markdown("## Each cause and its clues")
for fit in assessment.cause_fit:
    render.cause_card(content, fit)
