import streamlit as st

import explainer
from explainer import charts
from ui import layout, render, router, state

router.enter()  # the page under the router even on a server's first link: see ui/router.py

content = state.content_or_stop()
assessment = explainer.assess(state.current_inputs(content))
text = state.words("causes")
made = layout.slots()
assert isinstance(made, layout.CauseSlots), "the router lays out this page (ui/layout.py)"
emergency = assessment.urgency == explainer.Urgency.EMERGENCY

with made.top:
    render.page_top(state.link_notes())
    st.title(text["title"])
    if emergency:
        render.urgency_panel(content, assessment)

if not emergency:
    with made.chart:
        render.chart(
            charts.cause_chart_spec(assessment), charts.cause_chart_description(assessment), key="cause-chart"
        )
        leading = assessment.leading_cause
        if leading:
            st.markdown(text["leading"].format(name=leading.name, points=leading.points))
        else:
            st.markdown(text["no_leading"].format(min=assessment.min_points_to_lead))
        triggers = assessment.common_triggers
        names = ", ".join(fit.name for fit in triggers)
        st.markdown(text["triggers"].format(names=names) if triggers else text["no_triggers"])

with made.bottom, render.rest_of_page(assessment):
    st.markdown(text["intro"])
    st.caption(text["labs_note"])
    with st.expander(state.words("common")["table_label"]):
        st.table(charts.cause_table(assessment, content), hide_index=True)
    render.chart_downloads(charts.cause_chart_spec(assessment).full, "causes-chart", "cause-chart")
    render.handout_download(content, assessment, key="handout-causes")

    render.article_quote(content, "causes_introduction", text["article_label"])

    st.markdown("## " + text["cards_heading"])
    for fit in assessment.serious_causes:
        render.cause_card(content, fit)
    st.markdown("## " + text["triggers_heading"])
    for fit in assessment.cause_fit:
        if fit.kind == "everyday":
            render.cause_card(content, fit)
