import streamlit as st

from explainer.glossary import matching_terms
from ui import frame, keys, look, router, state

router.enter()  # the page under the router even on a server's first link: see ui/router.py

content = state.content_or_stop()
frame.page_top(state.link_notes())
text = state.words("glossary")
terms = sorted(state.glossary_terms(), key=lambda term: term.term.casefold())

st.title(text["title"])
st.markdown(text["intro"])


@st.fragment  # typing reruns only the search and the words, not the sidebar and the rest of the app
def searchable_terms() -> None:
    query = st.text_input(
        text["search_label"], help=text["search_help"], key=keys.GLOSSARY_SEARCH, type="search", placeholder="",
        live=True,
    )
    shown = matching_terms(query, terms)
    st.markdown(text["count"].format(shown=len(shown), total=len(terms)))
    if not shown:
        st.text(text["no_match"].format(query=query.strip()))  # st.text: what was typed is never read as Markdown
    with st.container(key=look.WORD_GRID):
        for term in shown:
            with st.container(key=f"term-{term.id}", border=True):
                st.markdown(f"## {term.term}\n\n{term.definition}")
                seen = "" if content.sources[term.source].verified else text["secondary"]
                st.caption(frame.source_text(content, [term.source]) + seen)


searchable_terms()
