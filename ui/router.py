"""Router and shared page setup: the pages, the shared scenario inputs, the disclaimer. Nothing else.

app.py only calls :func:`main`.
"""

from __future__ import annotations

from typing import NamedTuple

import streamlit as st

from ui import classroom, state


class PageEntry(NamedTuple):
    file: str  # relative to app.py
    title: str
    url_path: str  # "" for the default page, at /


# The app's pages, in the order of the sidebar. The browser tests read this list.
PAGES = (
    PageEntry("pages/home.py", "Home", ""),
    PageEntry("pages/warning_signs.py", "Warning signs", "warning-signs"),
    PageEntry("pages/causes.py", "Causes", "causes"),
    PageEntry("pages/glossary.py", "Words to know", "glossary"),
    PageEntry("pages/scenarios.py", "Teaching cases", "scenarios"),
    PageEntry("pages/present.py", "Presenter view", "present"),
    PageEntry("pages/quiz.py", "Quiz", "quiz"),
    PageEntry("pages/about.py", "About and sources", "about"),
)


def st_page(entry: PageEntry) -> st.Page:
    if not entry.url_path:
        return st.Page(entry.file, title=entry.title, default=True)
    return st.Page(entry.file, title=entry.title, url_path=entry.url_path)


def main() -> None:
    """One run of the app: page setup, the router, the shared inputs, then the page the URL names."""
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
    page = st.navigation([st_page(entry) for entry in PAGES])

    raw_link = state.raw_link_params()  # read before the bound inputs tidy the URL
    state.remember_link_notes(content, raw_link)
    classroom.load_linked_scenario(content, raw_link)  # ?scenario=<id>: before the inputs are made
    state.scenario_inputs(content, focus="context" if page.url_path == "causes" else "symptoms")
    page.run()
