import pandas as pd
import streamlit as st

import explainer
from explainer import thresholds
from explainer.scenarios import find_scenario
from ui import classroom, render, router, state

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
st.markdown("### " + text["tiers_heading"])
st.table(pd.DataFrame(thresholds.tier_rows(content)), hide_index=True)
st.markdown("### " + text["example_heading"])
case = find_scenario(thresholds.EXAMPLE_CASE, classroom.classroom_or_stop(content)[0])
if case is not None:
    example = explainer.assess(case.inputs, content)
    st.markdown(text["example_intro"].format(title=case.title, story=case.story))
    st.markdown(
        "\n".join(
            text["example_line"].format(cause=name, clues=" + ".join(parts) or text["example_none"], points=points)
            for name, parts, points in thresholds.evidence_lines(example)
        )
    )
    leading = example.leading_cause
    st.markdown(
        text["example_leads"].format(name=leading.name, min=content.min_points_to_lead)
        if leading
        else text["example_no_lead"]
    )
st.markdown(text["everyday"])
st.table(pd.DataFrame(thresholds.clue_rows(content)), hide_index=True)

st.markdown("## " + text["sources_heading"])
st.markdown(
    "\n".join(
        f"- **{source.short}**: {source.title}. {source.publisher}{'' if source.verified else text['secondary']}."
        + (f" [{source.url}]({source.url})" if source.url else "")
        for source in content.sources.values()
    )
)

st.markdown("## " + text["not_asked_heading"])
st.markdown(text["not_asked"])

st.markdown("## " + text["limits_heading"])
st.markdown(text["limits"])

st.markdown("## " + text["privacy_heading"])
st.markdown(text["privacy"])

st.markdown("## " + text["disclaimer_heading"])
st.markdown(state.words("common")["disclaimer"])
st.markdown(text["article_disclaimer"])
st.markdown("\n\n".join("> " + paragraph for paragraph in content.section("disclaimer").paragraphs))
