import streamlit as st

import explainer
from ui import cases, classroom, files, frame, router, sharing, state

router.enter()  # the page under the router even on a server's first link: see ui/router.py

content = state.content_or_stop()
frame.page_top(state.link_notes(), case_banner=False)  # the page shows the case's story itself
scenarios, text = classroom.classroom_or_stop(content)
words = text["scenarios"]

st.title(words["title"])
st.write(words["intro"])
case, is_loaded = cases.picker(content, scenarios, words)

assessment = explainer.assess(case.inputs, content)
story_col, share_col = st.columns([3, 2], gap="large")
with story_col:
    cases.case_question(content, case, assessment, words)  # ask the room first: the answer when shown
    st.markdown(f"#### {words['worksheet']}")
    files.handout_download(content, key="handout-scenarios", assessment=assessment, case=case)
with share_col:
    sharing.share_panel(content, case.values(content), case.id, key="case", heading=text["share"]["case_heading"])

cases.case_links(case, is_loaded, words)

st.markdown(f"## {words['sections']}")
for section_id in case.sections:
    section = content.section(section_id)
    frame.article_quote(content, section_id, section.heading or section_id.replace("_", " ").capitalize())
