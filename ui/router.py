"""Router and shared page setup: the pages, the shared scenario inputs, the disclaimer. Nothing else.

app.py only calls :func:`main`; every page file starts with :func:`enter`.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import NamedTuple

import streamlit as st

from ui import classroom, follow, layout, live, look, phone_menu, state


class PageEntry(NamedTuple):
    file: str  # relative to app.py
    title: str
    url_path: str  # "" for the default page, at /


# The app's pages, in the order of the sidebar. The browser tests read this list. Each file's name is its URL path
# (warning-signs.py for /warning-signs), so a link finds its page even before main() has run: see enter().
PAGES = (
    PageEntry("pages/home.py", "Home", ""),
    PageEntry("pages/warning-signs.py", "Warning signs", "warning-signs"),
    PageEntry("pages/causes.py", "Causes", "causes"),
    PageEntry("pages/glossary.py", "Words to know", "glossary"),
    PageEntry("pages/scenarios.py", "Teaching cases", "scenarios"),
    PageEntry("pages/present.py", "Presenter view", "present"),
    PageEntry("pages/quiz.py", "Quiz", "quiz"),
    PageEntry("pages/about.py", "About and sources", "about"),
    PageEntry("pages/join.py", "Room vote", "join"),
)


def st_page(entry: PageEntry) -> st.Page:
    if not entry.url_path:
        return st.Page(entry.file, title=entry.title, default=True)
    return st.Page(entry.file, title=entry.title, url_path=entry.url_path)


def main() -> None:
    """One run of the app: page setup, the router, the shared inputs, then the page the URL names."""
    state.pace()  # before any work: a visit that floods the server with reruns waits here (docs/security.md)
    st.set_page_config(page_title=look.page_title(), page_icon=look.FAVICON, layout="wide")
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
        # A teaching case opened from a link: its banner in NHS blue, marked by its words too.
        ".st-key-case-banner { background: #e8f1fa; border-left: 8px solid #005EB8 !important; }"
        # Less empty space above the page, so a sign's inputs and its chart fit on the first screen.
        "[data-testid='stMainBlockContainer'] { padding-top: 4rem; }"
        # On a phone: smaller headings and gaps, so the first sign's inputs and its chart share the first screen.
        "@media (max-width: 640px) { h1 { font-size: 1.6rem !important; } "
        "[data-testid='stMainBlockContainer'] { padding-top: 3rem; } "
        "[class*='st-key-urgency-'] h3 { font-size: 1.05rem !important; } "
        "[class*='st-key-urgency-'], [class*='st-key-sign-'] { padding: 0.6rem 0.75rem !important; } "
        "h1 { margin-bottom: 0 !important; padding-bottom: 0.25rem !important; } "
        "[class*='st-key-sign-'] [data-testid='stSliderTickBar'] { display: none; } "
        "[class*='st-key-sign-'] h4 { font-size: 1.05rem !important; } "
        "[data-testid='stMain'] [data-testid='stVerticalBlock'] { gap: 0.6rem; } "
        "[class*='st-key-sign-'] [data-testid='stVerticalBlock'] { gap: 0.3rem; } }"
        "</style>"
    )

    phone_menu.close_menu_after_choice()
    content = state.content_or_stop()
    page = st.navigation([st_page(entry) for entry in PAGES])

    raw_link = state.raw_link_params()  # read before the bound inputs tidy the URL
    state.apply_retired_inputs(content, raw_link)  # an older link's retired input: the one it became, and a note
    state.remember_link_notes(content, raw_link)
    classroom.load_linked_scenario(content, raw_link)  # ?scenario=<id>: before the inputs are made
    state.restore_dropped_link_values(content)
    live.start_full_run()  # the page about to run names its live parts again
    made = layout.lay_out(page.url_path, content)  # the inputs beside the charts, on the pages about inputs
    live_page = page.url_path in layout.LIVE_PAGES
    if page.url_path in follow.PAGES:
        follow.mount(content)  # its planes follow the sliders in the browser (ui/follow.py)
    state.sidebar_inputs(content, placed=made.placed if made else frozenset(), focus="symptoms", knobs=live_page)
    token, slots_token, path_token = _routed.set(True), layout.use(made), _page_path.set(page.url_path)
    try:
        page.run()
    finally:
        _page_path.reset(path_token)
        layout.done(slots_token)
        _routed.reset(token)


_routed: ContextVar[bool] = ContextVar("routed", default=False)  # True while main() runs the page
_page_path: ContextVar[str] = ContextVar("page_path", default="")  # the URL path of the page main() runs


def page_path() -> str:
    """The URL path of the page being drawn ("" for Home, "scenarios" for /scenarios)."""
    return _page_path.get()


def enter() -> None:
    """The first statement of every page file: run the page under the router, whoever ran the file.

    Streamlit 1.67 sees the pages/ folder next to app.py (PagesManager.__init__ sets uses_pages_directory), and
    until a run has called st.navigation, ScriptRunner runs _mpa_v1() instead of app.py: it routes the URL by the
    file names in pages/ and runs that page's file alone, without app.py (no sidebar inputs, the link's scenario
    lost). That is the first visit after a server start. Then this runs main() itself, whose st.navigation
    resolves the URL to the same page and runs it, nested, with the router's setup and inputs; and st.stop() ends
    the outer run so nothing is drawn twice. From the router (every later run), it returns and the page draws.
    """
    if _routed.get():
        return
    main()
    st.stop()
