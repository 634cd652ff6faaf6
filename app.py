"""Router and shared page setup: the pages, the shared scenario inputs, the disclaimer. Nothing else."""

import streamlit as st

from ui import state

st.set_page_config(page_title="Muscle spasms: the warning signs", layout="wide")

content = state.content_or_stop()
pages = [
    st.Page("pages/home.py", title="Home", default=True),
    st.Page("pages/warning_signs.py", title="Warning signs", url_path="warning-signs"),
    st.Page("pages/causes.py", title="Causes", url_path="causes"),
    st.Page("pages/about.py", title="About and sources", url_path="about"),
]
page = st.navigation(pages)

raw_link = state.raw_link_params()  # read before the bound inputs tidy the URL
state.remember_link_notes(content, raw_link)
state.scenario_inputs(content, focus="context" if page.url_path == "causes" else "symptoms")
page.run()
