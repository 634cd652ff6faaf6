"""The facilitator guide on screen (pages/guide.py): the session plan from data/session.toml, with each case a link
that opens it on the stage, and the guide as a PDF to print (explainer.session)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from urllib.parse import urlencode

import streamlit as st

import explainer
from explainer import session
from explainer.content import default_data_dir
from explainer.scenarios import Scenario
from ui import classroom, frame, state

STAGE_PAGE = "present"


def session_or_stop(content: explainer.Content) -> session.Session:
    """The session plan, checked against the cases and sources, or one plain error and a stop."""
    data_dir = str(default_data_dir())

    def load() -> session.Session:
        if content is not explainer.cached_content(data_dir):  # content of the caller's own: no cache
            return session.load_session(data_dir, classroom.classroom_or_stop(content)[0], content)
        return session.cached_session(data_dir)

    return state.loaded_or_stop(load, "The session guide")


def _case_links(cases: tuple[Scenario, ...]) -> str:
    """Each case as a link that opens it on the stage at step 1 (relative: it keeps a proxy's path prefix)."""
    return "; ".join(f"[{case.title}]({STAGE_PAGE}?{urlencode({classroom.SCENARIO_PARAM: case.id})})"
                     for case in cases)


def downloads(plan: session.Session, content: explainer.Content, words: Mapping[str, str]) -> None:
    """The guide as a PDF, A4 or Letter, made when the button is pressed."""
    common = state.words("common")
    with st.container(horizontal=True, key="guide-files"):
        for paper in ("A4", "Letter"):
            st.download_button(
                words["download"].format(paper=common[f"paper_{paper.lower()}"]),
                data=functools.partial(session.guide_pdf, plan, content, words, paper),
                file_name=f"{words['file_stem']}-{paper.lower()}.pdf", mime="application/pdf", on_click="ignore",
                key=f"guide-{paper.lower()}", help=words["download_help"], wrap=True,
            )


def guide(plan: session.Session, content: explainer.Content, words: Mapping[str, str]) -> None:
    """The guide, top to bottom: who it is for, goals, timing with the cases, misconceptions, the room vote."""
    info = plan.plan
    st.markdown(f"## {info.title}")
    st.markdown(info.audience)
    st.markdown(f"**{words['before']}:** {info.before}")
    st.markdown(f"### {words['goals']}")
    st.markdown("\n".join(f"- {goal}" for goal in info.goals))
    st.markdown(f"### {words['timing']}")
    for start, end, block in session.timeline(info):
        with st.container(border=True, key=f"guide-block-{start}"):
            st.markdown(f"**{words['minutes'].format(start=start, end=end)}: {block.title}**")
            st.markdown(block.what)
            if block.cases:
                st.markdown(f"{words['cases']} ({words['open_case'].lower()}): {_case_links(plan.block_cases(block))}")
            if block.question:
                st.markdown(f"{words['question']}: *{block.question}*")
    st.markdown(f"### {words['misconceptions']}")
    for item in info.misconceptions:
        with st.container(border=True, key=f"guide-misconception-{item.id}"):
            st.markdown(f"**“{item.belief}”**")
            st.markdown(f"{words['reply']}: {item.reply}")
            st.markdown(f"> {item.quote}")
            st.caption(frame.source_text(content, [item.source]))
            if item.cases:
                st.markdown(f"{words['cases']}: {_case_links(plan.block_cases(item))}")
    st.markdown(f"### {words['room_vote']}")
    st.markdown(info.room_vote.intro)
    st.markdown("\n".join(f"{number}. {step}" for number, step in enumerate(info.room_vote.steps, start=1)))
