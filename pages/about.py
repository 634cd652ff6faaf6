import streamlit as st

from ui import frame, reference, router, state

router.enter()  # the page under the router even on a server's first link: see ui/router.py

content = state.content_or_stop()
frame.page_top(state.link_notes())
text = state.words("about")

st.title(text["title"])
st.markdown(text["intro"])
reference.rules_tables(content, text)
reference.worked_example(content, text)
reference.source_list(content, text)

for part in ("not_asked", "limits", "privacy"):
    st.markdown("## " + text[f"{part}_heading"])
    st.markdown(text[part])

st.markdown("## " + text["disclaimer_heading"])
st.markdown(state.words("common")["disclaimer"])
st.markdown(text["article_disclaimer"])
st.markdown("\n\n".join("> " + paragraph for paragraph in content.section("disclaimer").paragraphs))
