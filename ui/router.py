"""Router and shared page setup: the pages, the shared scenario inputs, the disclaimer. Nothing else.

app.py only calls :func:`main`; every page file starts with :func:`enter`.
"""

from __future__ import annotations

from typing import NamedTuple

import streamlit as st

from ui import aria, classroom, context, follow, inputs, keys, layout, live, look, phone_menu, state, teaching, updating


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
    PageEntry("pages/guide.py", "Session guide", "guide"),
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
    # app.css is not drawn here: it comes with the page itself, before the first run (ui/head.py, issue 20).

    content = state.content_or_stop()
    page = st.navigation([st_page(entry) for entry in PAGES])

    raw_link = state.raw_link_params()  # read before the bound inputs tidy the URL
    state.apply_retired_inputs(content, raw_link)  # an older link's retired input: the one it became, and a note
    state.remember_link_notes(content, raw_link)
    classroom.load_linked_scenario(content, raw_link)  # ?scenario=<id>: before the inputs are made
    state.restore_dropped_link_values(content)
    live.start_full_run()  # the page about to run names its live parts again
    if page.url_path in layout.QUIET_PAGES:
        live.quiet()  # or says it has none: a move reruns only the inputs (ui/live.py)
    teaching.start_full_run()  # and moves its teaching lines again, if it has their controls (ui/teaching.py)
    made = layout.lay_out(page.url_path, content)  # the inputs beside the charts, on the pages about inputs
    st.session_state[keys.LAST_PAGE] = page.url_path  # read by the layout of the next run
    live_page = page.url_path in layout.LIVE_PAGES | layout.QUIET_PAGES
    inputs.sidebar_inputs(content, placed=made.placed if made else frozenset(), focus="symptoms", knobs=live_page)
    if page.url_path in follow.PAGES:  # its planes follow the sliders in the browser (ui/follow.py)
        with st.sidebar:  # at the sidebar's end: drawn before the charts, and its placeholder moves nothing below
            follow.mount()
    with context.running(page.url_path, made):
        page.run()
    # Last: they draw nothing, and while their scripts load their placeholders would push the page down (CLS).
    phone_menu.close_menu_after_choice()
    aria.slider_names_once()
    if page.url_path in updating.PAGES:
        updating.while_dragging(state.words("common")["status_updating"])


def enter() -> None:
    """The first statement of every page file: run the page under the router, whoever ran the file.

    Streamlit 1.67 sees the pages/ folder next to app.py (PagesManager.__init__ sets uses_pages_directory), and
    until a run has called st.navigation, ScriptRunner runs _mpa_v1() instead of app.py: it routes the URL by the
    file names in pages/ and runs that page's file alone, without app.py (no sidebar inputs, the link's scenario
    lost). That is the first visit after a server start. Then this runs main() itself, whose st.navigation
    resolves the URL to the same page and runs it, nested, with the router's setup and inputs; and st.stop() ends
    the outer run so nothing is drawn twice. From the router (every later run), it returns and the page draws.
    """
    if context.routed():
        return
    main()
    st.stop()
