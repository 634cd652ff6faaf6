import streamlit as st

from ui import render, router, state

router.enter()  # the page under the router even on a server's first link: see ui/router.py

content = state.content_or_stop()
render.page_top(state.link_notes())
text = state.words("glossary")

st.title(text["title"])
st.markdown(text["intro"])
for term in sorted(state.glossary_terms(), key=lambda term: term.term.casefold()):
    with st.container(key=f"term-{term.id}", border=True):
        st.markdown(f"## {term.term}\n\n{term.definition}")
        seen = "" if content.sources[term.source].verified else text["secondary"]
        st.caption(render.source_text(content, [term.source]) + seen)
