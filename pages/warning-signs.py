import streamlit as st

import explainer
from explainer import charts
from ui import layout, render, router, state

router.enter()  # the page under the router even on a server's first link: see ui/router.py

content = state.content_or_stop()
assessment = explainer.assess(state.current_inputs(content))
text = state.words("warning_signs")
made = layout.slots()
assert isinstance(made, layout.SignSlots), "the router lays out this page (ui/layout.py)"
emergency = assessment.urgency == explainer.Urgency.EMERGENCY

with made.top:
    render.page_top(state.link_notes())
    st.title(text["title"])
    render.urgency_panel(content, assessment)

# Each sign: its title and status, its chart beside its inputs, then why. At Emergency only the inputs stay (to
# change a tick made by mistake): nothing else competes with what to do now.
for sign in assessment.signs:
    slot = made.signs[sign.id]
    with slot.head:
        render.sign_head(content, sign)
    if emergency:
        continue
    with slot.chart:
        render.sign_chart(content, assessment, sign.id)
    with slot.foot:
        render.sign_foot(content, sign)

with made.bottom, render.rest_of_page(assessment):
    st.markdown(text["signs_vs_advice"])
    st.markdown("## " + text["chart_heading"])
    st.markdown(text["intro"])
    render.chart_with_table(
        charts.sign_chart_spec(assessment, content),
        charts.sign_chart_description(assessment, content),
        charts.sign_table(assessment, content),
        key="sign-chart",
        downloads="warning-signs-chart",
    )
    render.handout_download(content, assessment, key="handout-warning-signs")
