import streamlit as st

import explainer
from explainer import glossary
from ui import render, state

content = state.content_or_stop()
render.page_top(state.link_notes())

st.title("Words to know")
st.write(
    "The article uses some hard medical words. Here they are in plain words, each with the trusted source we used. "
    "The same help shows under each part of the article, in **Words in this part**."
)
try:
    terms = sorted(glossary.cached_glossary(), key=lambda term: term.term.casefold())
except explainer.DataError as err:
    st.error(f"The word list cannot be shown because its file is broken. Details for the site's team: {err}")
    st.stop()
for term in terms:
    with st.container(key=f"term-{term.id}", border=True):
        st.markdown(f"## {term.term}")
        st.write(term.definition)
        seen = "" if content.sources[term.source].verified else " (we saw this source only in a secondary copy)"
        st.caption(render.source_text(content, [term.source]) + seen)
