# The facilitator guide: a 45-minute session with the presenter view (data/session.toml, drawn by ui/guide.py).

import streamlit as st

from ui import classroom, frame, guide, router, state

router.enter()  # the page under the router even on a server's first link: see ui/router.py

content = state.content_or_stop()
frame.page_top(state.link_notes())
words = classroom.classroom_or_stop(content)[1]["guide"]
plan = guide.session_or_stop(content)

st.title(words["title"])
st.markdown(words["intro"])
guide.downloads(plan, content, words)
guide.guide(plan, content, words)
