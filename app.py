"""Router and shared page setup: the pages, the shared scenario inputs, the disclaimer. Nothing else."""

import streamlit as st

from ui import classroom, state

st.set_page_config(page_title="Muscle spasms: the warning signs", layout="wide")
# Streamlit fades captions with opacity 0.6, which drops the source links in them to a 3:1 contrast (axe
# color-contrast, serious). Solid grey keeps captions quieter than body text at 8:1, and links at 7:1.
st.html("<style>[data-testid='stCaptionContainer'] { opacity: 1; color: #4d4d4d; }</style>")
# The advice panel is coloured by level, as NHS pages do, with its symbol and words always there too.
st.html(
    "<style>"
    ".st-key-urgency-emergency { background: #fde8e6; border: 4px solid #b3261e !important; }"
    ".st-key-urgency-emergency [data-testid='stCaptionContainer'] { color: #3d0a06; }"
    ".st-key-urgency-urgent { background: #fff4e0; border-left: 8px solid #b35c00 !important; }"
    ".st-key-urgency-see_doctor { background: #e8f1fa; border-left: 8px solid #005a8c !important; }"
    ".st-key-urgency-self_care { background: #e9f6ef; border-left: 8px solid #00703c !important; }"
    "</style>"
)

content = state.content_or_stop()
pages = [
    st.Page("pages/home.py", title="Home", default=True),
    st.Page("pages/warning_signs.py", title="Warning signs", url_path="warning-signs"),
    st.Page("pages/causes.py", title="Causes", url_path="causes"),
    st.Page("pages/glossary.py", title="Words to know", url_path="glossary"),
    st.Page("pages/scenarios.py", title="Teaching cases", url_path="scenarios"),
    st.Page("pages/present.py", title="Presenter view", url_path="present"),
    st.Page("pages/quiz.py", title="Quiz", url_path="quiz"),
    st.Page("pages/about.py", title="About and sources", url_path="about"),
]
page = st.navigation(pages)

raw_link = state.raw_link_params()  # read before the bound inputs tidy the URL
state.remember_link_notes(content, raw_link)
classroom.load_linked_scenario(content, raw_link)  # ?scenario=<id>: before the inputs are made
state.scenario_inputs(content, focus="context" if page.url_path == "causes" else "symptoms")
page.run()
