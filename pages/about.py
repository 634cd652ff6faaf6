import pandas as pd
import streamlit as st

from explainer import thresholds
from ui import render, router, state

router.enter()  # the page under the router even on a server's first link: see ui/router.py

content = state.content_or_stop()
render.page_top(state.link_notes())
text = state.words("about")

st.title(text["title"])
st.markdown(text["intro"])

st.markdown("## " + text["lines_heading"])
st.markdown(text["lines"])
st.table(pd.DataFrame(thresholds.threshold_rows(content)), hide_index=True)

st.markdown("## " + text["rules_heading"])
st.markdown(text["rules"])
st.table(pd.DataFrame(thresholds.urgency_rows(content)), hide_index=True)

st.markdown("## " + text["labs_heading"])
st.markdown(text["labs"])
st.table(pd.DataFrame(thresholds.lab_rows(content)), hide_index=True)

st.markdown("## " + text["fit_heading"])
st.markdown(text["fit"])
st.table(pd.DataFrame(thresholds.clue_rows(content)), hide_index=True)

st.markdown("## " + text["sources_heading"])
st.markdown(
    "\n".join(
        f"- **{source.short}**: {source.title}. {source.publisher}{'' if source.verified else text['secondary']}."
        + (f" [{source.url}]({source.url})" if source.url else "")
        for source in content.sources.values()
    )
)

st.markdown("## " + text["limits_heading"])
st.markdown(text["limits"])

st.markdown("## " + text["privacy_heading"])
st.markdown(text["privacy"])

st.markdown("## " + text["disclaimer_heading"])
st.markdown(state.words("common")["disclaimer"])
st.markdown(text["article_disclaimer"])
st.markdown("\n\n".join("> " + paragraph for paragraph in content.section("disclaimer").paragraphs))
