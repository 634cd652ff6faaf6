"""Files a visitor takes away: the worksheet (PDF) and the handout (HTML), made on this server at the press."""

from __future__ import annotations

import functools
from typing import Any

import streamlit as st

import explainer
from explainer import exports, handout, share, worksheet
from explainer.scenarios import Scenario, match_scenario
from ui import classroom, keys, sharing, state
from ui.load import words

__all__ = ["handout_download", "visit_files"]


def visit_files() -> dict[str, Any]:
    """This visit's own store of files drawn for download (in its session: nothing outlives the visit)."""
    return st.session_state.setdefault(keys.FILES, {})


def handout_download(
    content: explainer.Content,
    key: str,
    *,
    assessment: explainer.Assessment | None = None,
    case: Scenario | None = None,
) -> None:
    """Buttons that save a scenario as a one-page PDF worksheet (A4 or US Letter) and as an HTML handout.

    The files are made only when a button is pressed, on this server. Without ``assessment``, they are made from
    the visitor's inputs as they are at the press (``state.latest()``), so on a page with live parts the buttons
    need not be drawn again on every move. ``case`` is the teaching case shown (by default the one the inputs
    match at the press, if any): the worksheet carries its title and story, and a QR code back to it.
    """
    common = words("common")
    scenarios, text = classroom.classroom_or_stop(content)
    fixed = assessment
    latest = state.latest()
    address = sharing.app_address() or ""  # read now: the maker runs outside the run, where the address is unknown

    def scenario() -> tuple[explainer.Assessment, Scenario | None, str]:
        now = fixed or latest.now()
        shown = case or match_scenario(now.inputs, scenarios, content)
        return now, shown, share.share_link(address, now.inputs, shown.id if shown else None, content)

    def sheet(paper: str, copy: str = "student") -> bytes:
        now, shown, link = scenario()
        return exports.one_at_a_time(
            visit_files(),
            f"pdf:{paper}:{copy}:{link}",  # the link holds the scenario and the case: the same sheet, drawn once
            functools.partial(
                worksheet.worksheet_pdf, now, content, link=link, case=shown, paper=paper,
                words=text["worksheet"], disclaimer=common["disclaimer"], copy=copy,
            ),
        )

    def page() -> str:
        return handout.handout_html(scenario()[0], content, common["disclaimer"])

    stem = text["worksheet"]["file_stem"] + (f"-{case.id.replace('_', '-')}" if case else "")
    with st.container(horizontal=True, key=f"{key}-files"):
        for paper in worksheet.PAPERS:
            st.download_button(
                common["worksheet_label"].format(paper=common[f"paper_{paper.lower()}"]),
                data=functools.partial(sheet, paper),
                file_name=f"{stem}-{paper.lower()}.pdf",
                mime="application/pdf",
                on_click="ignore",
                wrap=True,
                key=f"{key}-{paper.lower()}",
                help=common["worksheet_help"],
            )
        for paper in worksheet.PAPERS:  # the answer key, for the educator (the student copy has no answers)
            st.download_button(
                text["worksheet"]["key_label"].format(paper=common[f"paper_{paper.lower()}"]),
                data=functools.partial(sheet, paper, "key"),
                file_name=f"{stem}-answer-key-{paper.lower()}.pdf",
                mime="application/pdf",
                on_click="ignore",
                wrap=True,
                key=f"{key}-key-{paper.lower()}",
                help=text["worksheet"]["key_help"],
            )
        st.download_button(
            common["handout_label"],
            data=page,
            file_name="muscle-spasms-handout.html",
            mime="text/html",
            on_click="ignore",
            wrap=True,
            key=key,
            help=common["handout_help"],
        )
