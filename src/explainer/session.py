"""The facilitator guide of a 45-minute session, from ``data/session.toml``: its goals, its timing, the cases in
order with the room's question, the misconceptions to listen for (each answered by a source's own words) and how to
run the room vote. Shown on the page /guide and printed as a PDF.

The file is decoded into :class:`explainer.model.SessionFile`; what the type cannot say is checked here, once, with
the file, row and field named: every case is a teaching case in ``scenarios.toml``, every source is in
``sources.toml``, ids are unique, and the blocks' minutes add up to the session's.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from explainer.content import Content, cached_content, default_data_dir
from explainer.errors import DataError
from explainer.model import Block, Misconception, SessionFile, decode, row_label
from explainer.scenarios import Scenario, cached_scenarios
from explainer.worksheet import pdf_text

__all__ = ["SESSION_FILE", "Session", "cached_session", "guide_pdf", "load_session", "timeline"]

SESSION_FILE = "session.toml"


@dataclass(frozen=True)
class Session:
    """The guide as read: the file's fields, and each block's and misconception's cases as :class:`Scenario`."""

    plan: SessionFile
    cases: Mapping[str, Scenario]

    def block_cases(self, block: Block | Misconception) -> tuple[Scenario, ...]:
        return tuple(self.cases[case_id] for case_id in block.cases)


def _check(plan: SessionFile, scenarios: Sequence[Scenario], content: Content) -> None:
    known = {case.id for case in scenarios}
    for table, rows in (("blocks", plan.blocks), ("misconceptions", plan.misconceptions)):
        for index, row in enumerate(rows):
            label = row_label(table, index, getattr(row, "id", None))
            for case_id in row.cases:
                if case_id not in known:
                    raise DataError(SESSION_FILE, label, "cases", f"names an unknown teaching case {case_id!r}")
            if len(set(row.cases)) != len(row.cases):
                raise DataError(SESSION_FILE, label, "cases", "names a case twice")
    for index, misconception in enumerate(plan.misconceptions):
        if misconception.source not in content.sources:
            raise DataError(SESSION_FILE, row_label("misconceptions", index, misconception.id), "source",
                            f"names an unknown source {misconception.source!r}")
    seen: set[str] = set()
    for index, misconception in enumerate(plan.misconceptions):  # the second use is the one named
        if misconception.id in seen:
            raise DataError(SESSION_FILE, row_label("misconceptions", index, misconception.id), "id", "is used twice")
        seen.add(misconception.id)
    total = sum(block.minutes for block in plan.blocks)
    if total != plan.minutes:
        raise DataError(SESSION_FILE, "", "minutes", f"is {plan.minutes}, but the blocks add up to {total}")


def load_session(
    data_dir: str | Path | None = None, scenarios: Sequence[Scenario] | None = None, content: Content | None = None
) -> Session:
    """Read and check ``session.toml``.

    Raises:
        DataError: naming the file, the row (with its id) and the field.
    """
    folder = Path(data_dir) if data_dir else default_data_dir()
    content = content or cached_content(str(folder))
    scenarios = scenarios if scenarios is not None else cached_scenarios(str(folder))
    plan = decode(folder, SESSION_FILE, SessionFile)
    _check(plan, scenarios, content)
    return Session(plan, {case.id: case for case in scenarios})


@functools.cache
def cached_session(data_dir: str | None = None) -> Session:
    """:func:`load_session`, read once per folder and process."""
    return load_session(data_dir)


def timeline(plan: SessionFile) -> tuple[tuple[int, int, Block], ...]:
    """Each block with the minute it starts and ends, from 0.

    >>> [(start, end) for start, end, _ in timeline(cached_session().plan)][:2]
    [(0, 5), (5, 15)]
    """
    out, start = [], 0
    for block in plan.blocks:
        out.append((start, start + block.minutes, block))
        start += block.minutes
    return tuple(out)


# --- the guide as a PDF ----------------------------------------------------------------------------------------

class _Guide(FPDF):
    def __init__(self, paper: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format=paper)
        self.core_fonts_encoding = "windows-1252"
        self.set_margins(14, 14, 14)
        self.set_auto_page_break(auto=True, margin=14)

    def para(self, text: str, size: float = 10.5, style: str = "", indent: float = 0, gap: float = 1) -> None:
        self.set_x(self.l_margin + indent)
        self.set_font("Helvetica", style, size)
        self.multi_cell(self.epw - indent, size * 0.5, pdf_text(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(gap)

    def heading(self, text: str) -> None:
        self.ln(2)
        self.para(text, size=13, style="B", gap=0.5)
        self.set_draw_color(120, 120, 120)
        self.line(self.l_margin, self.get_y(), self.l_margin + self.epw, self.get_y())
        self.ln(2)


def guide_pdf(session: Session, content: Content, words: Mapping[str, str], paper: str = "A4") -> bytes:
    """The facilitator guide as PDF bytes (``words``: ``[guide]`` in ``classroom.toml``), every word 10 pt or larger.

    >>> guide_pdf(cached_session(), cached_content(), {"goals": "G", "timing": "T", "cases": "C", "question": "Q",
    ...           "misconceptions": "M", "reply": "R", "quote": "{source} says", "room_vote": "V", "before": "B",
    ...           "minutes": "{start}-{end} min"})[:5]
    b'%PDF-'
    """
    plan = session.plan
    pdf = _Guide(paper)
    pdf.set_title(pdf_text(plan.title))
    pdf.set_lang("en")
    pdf.add_page()
    pdf.para(plan.title, size=17, style="B", gap=2)
    pdf.para(plan.audience)
    pdf.para(f"{words['before']}: {plan.before}")
    pdf.heading(words["goals"])
    for goal in plan.goals:
        pdf.para(f"- {goal}", indent=2, gap=0.5)
    pdf.heading(words["timing"])
    for start, end, block in timeline(plan):
        pdf.para(f"{words['minutes'].format(start=start, end=end)}: {block.title}", size=11.5, style="B", gap=0.5)
        pdf.para(block.what, indent=4, gap=0.5)
        if block.cases:
            pdf.para(f"{words['cases']}: " + "; ".join(c.title for c in session.block_cases(block)), indent=4, gap=0.5)
        if block.question:
            pdf.para(f"{words['question']}: {block.question}", indent=4, gap=0.5)
        pdf.ln(1)
    pdf.heading(words["misconceptions"])
    for item in plan.misconceptions:
        source = content.sources[item.source]
        pdf.para(f'"{item.belief}"', size=11, style="B", gap=0.5)
        pdf.para(f"{words['reply']}: {item.reply}", indent=4, gap=0.5)
        pdf.para(f"{words['quote'].format(source=source.short)}: \"{item.quote}\"", style="I", indent=4, gap=0.5)
        if item.cases:
            pdf.para(f"{words['cases']}: " + "; ".join(c.title for c in session.block_cases(item)), indent=4)
    pdf.heading(words["room_vote"])
    pdf.para(plan.room_vote.intro)
    for number, step in enumerate(plan.room_vote.steps, start=1):
        pdf.para(f"{number}. {step}", indent=2, gap=0.5)
    return bytes(pdf.output())
