import streamlit as st

import explainer
from explainer import charts
from ui import advice, frame, render, router, state

router.enter()  # the page under the router even on a server's first link: see ui/router.py

content = state.content_or_stop()
text = state.words("home")
assessment = state.assessment(content)
emergency = assessment.urgency == explainer.Urgency.EMERGENCY
frame.page_top(state.link_notes(), with_disclaimer=not emergency)  # at Emergency the panel says it, below 999

st.title(text["title"])
if emergency:
    advice.urgency_panel(content, assessment)  # a danger sign ticked: what to do now comes before anything else
st.markdown("## " + text["message"])
st.caption(frame.source_text(content, [text["message_source"]]))
# The idea in one picture, live: the four signs, each crossed or not by the visitor's scenario.
with st.container(key="signs-glance-space"):  # the chart's height, kept before it draws (ui/assets/head.css)
    render.chart(charts.signs_glance_spec(assessment), charts.signs_glance_description(assessment), key="signs-glance")
st.caption(text["glance_note"])
if not emergency:
    level = content.level(assessment.urgency.value)
    st.markdown(text["glance_advice"].format(symbol=level.symbol, label=level.label))
cols = st.columns(3)
cols[0].page_link("pages/warning-signs.py", label=text["to_signs"], icon=":material/warning:")
cols[1].page_link("pages/causes.py", label=text["to_causes"], icon=":material/search:")
cols[2].page_link("pages/about.py", label=text["to_about"], icon=":material/menu_book:")

st.markdown(text["intro"].format(title=content.title))

st.markdown("## " + text["who_heading"])
st.markdown(text["who"])

st.markdown("## " + text["how_heading"])
st.markdown(text["how"])

st.markdown("## " + text["signs_heading"])
st.markdown("\n".join(f"{number}. **{sign.title}**: {sign.summary}" for number, sign in enumerate(content.signs, 1)))
st.caption(frame.source_text(content, ["article"]))
frame.article_quote(content, "introduction", text["article_start"])
