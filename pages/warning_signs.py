import streamlit as st

import explainer
from explainer import charts
from ui import render, state

content = state.content_or_stop()
render.page_top(state.link_notes())
assessment = explainer.assess(state.current_inputs(content))

st.title("The four warning signs")
st.write(
    "Set the symptoms in **Your scenario** (sidebar). Each sign below says if it is crossed and why. "
    "The black mark on each bar is the line: a value past it crosses that part of the sign."
)
render.urgency_panel(content, assessment)
render.handout_download(content, assessment, key="handout-warning-signs")

st.markdown("## Your numbers against the lines")
render.chart_with_table(
    charts.sign_chart_spec(assessment, content),
    charts.sign_chart_description(assessment, content),
    charts.sign_table(assessment, content),
    key="sign-chart",
    downloads="warning-signs-chart",
)

left, right = st.columns(2)
for index, sign in enumerate(assessment.signs):
    with left if index % 2 == 0 else right:
        render.sign_card(content, sign)
