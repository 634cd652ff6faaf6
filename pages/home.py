import streamlit as st

from ui import render, state

content = state.content_or_stop()
render.page_top(state.link_notes())

st.title("Muscle spasms: when are they serious?")
st.markdown(
    "## Most muscle spasms are harmless. Four warning signs mean you should see a health professional."
)
st.write(
    "This explainer turns one article, *" + content.title + "*, into something you can explore. "
    "Describe a spasm, and see which of the article's four warning signs it crosses, which causes fit, "
    "and what the article and trusted health sources say to do next. Every result says why, and where it comes from."
)

st.markdown("## Who it is for")
st.markdown(
    "- **Students** who want to see how the warning signs work.\n"
    "- **Health educators** who want to show them to a class or a workshop.\n"
    "- **Anyone** curious about muscle spasms. It is not a symptom checker and it does not diagnose."
)

st.markdown("## How to use it")
st.markdown(
    "1. Open **Your scenario** in the sidebar (the ☰ menu on a phone) and set the symptoms.\n"
    "2. Go to **Warning signs** to see which signs are crossed and what to do next.\n"
    "3. Go to **Causes** to add context and blood test values, and see which causes fit.\n"
    "4. Copy the page address to share the exact scenario: the link keeps every input."
)
cols = st.columns(3)
cols[0].page_link("pages/warning_signs.py", label="See the warning signs", icon=":material/warning:")
cols[1].page_link("pages/causes.py", label="See the causes", icon=":material/search:")
cols[2].page_link("pages/about.py", label="Sources and limits", icon=":material/menu_book:")

st.markdown("## The four warning signs")
for number, sign in enumerate(content.signs, start=1):
    st.markdown(f"{number}. **{sign.title}**: {sign.summary}")
st.caption(render.source_text(content, ["article"]))

introduction = content.section("introduction")
with st.expander("How the article begins"):
    for paragraph in introduction.paragraphs:
        st.markdown("> " + paragraph)
