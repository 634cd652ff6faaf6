import pandas as pd
import streamlit as st

from explainer import thresholds
from ui import render, state

content = state.content_or_stop()
render.page_top(state.link_notes())

st.title("About this explainer")
st.write(
    "This app explains one consumer health article. It is not a symptom checker and does not diagnose. "
    "It shows its rules, their numbers and their sources so that you can check every result yourself."
)

st.markdown("## How every line and rule was chosen")
st.write(
    "The article gives no numbers. Where a trusted source gives one, we use it and name it. "
    "Where no source gives one, we picked a teaching threshold and say so: it is not a clinical cut-off."
)
st.table(pd.DataFrame(thresholds.threshold_rows(content)), hide_index=True)

st.markdown("## What to do next: the rules")
st.write("The explainer takes the highest level that any rule reaches. With no rule, it is self-care.")
st.table(pd.DataFrame(thresholds.urgency_rows(content)), hide_index=True)

st.markdown("## Blood test ranges")
st.write("Usual adult ranges. They vary by laboratory: always use the range on your own lab report.")
st.table(pd.DataFrame(thresholds.lab_rows(content)), hide_index=True)

st.markdown("## How cause fit is scored")
st.write(
    "Each cause has clues for it and clues against it, each with a weight. The fit is the weight of the clues "
    "for it that are present, minus the weight of the clues against it that are present, divided by the weight "
    "of all clues for it, kept between 0% and 100%. The weights are teaching choices, not clinical data."
)
st.table(pd.DataFrame(thresholds.clue_rows(content)), hide_index=True)

st.markdown("## Sources")
for source in content.sources.values():
    verified = "" if source.verified else " (seen only in a secondary copy)"
    link = f" [{source.url}]({source.url})" if source.url else ""
    st.markdown(f"- **{source.short}**: {source.title}. {source.publisher}{verified}.{link}")

st.markdown("## Limits")
st.markdown(
    "- It covers one article and a few sources. Many causes of spasms are not in it.\n"
    "- The lines are simple cut-offs. Real people do not change at a line.\n"
    "- The fit scores count clues. They are not chances or probabilities.\n"
    "- It does not know your history, your medicines or an examination. A health professional does."
)

st.markdown("## Privacy")
st.markdown(
    "- Nothing you enter is stored, logged or sent anywhere. It lives in your browser tab and the page address.\n"
    "- Usage statistics are off. The app loads nothing from other websites.\n"
    "- A link you copy contains your inputs: share it only if you are happy to share them."
)

st.markdown("## Disclaimer")
st.write(render.SHORT_DISCLAIMER)
st.markdown("The article's own disclaimer:")
for paragraph in content.section("disclaimer").paragraphs:
    st.markdown("> " + paragraph)
