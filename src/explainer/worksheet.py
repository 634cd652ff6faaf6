"""A one-page worksheet of a scenario, as a PDF made on this server: for a class to fill in, not just to read.

Two copies of one case, each on one A4 or Letter page:

- the **student copy** (``copy="student"``): the case's title and story (or "your own scenario"), the numbers it
  sets, all four warning signs with each of their lines and a tick box for it, "what should this person do next?"
  with a box for each level and lines to say why, "which cause fits best?" with lines to answer, a QR code and the
  link back to the scenario, and space for notes. No answer is on it.
- the **answer key** (``copy="key"``) for the educator: the same case, each line ticked where it is met and each
  sign's yes or no, the four signs at a glance (the Home page's picture, drawn by vl-convert), what to do next with
  its reason and source, the cause that stands out, and what the case teaches.

Every word is 10 pt or larger; the picture's words print at 12 pt. A link to this computer's own address
(localhost) gets a plain warning under its QR code: phones cannot open it (:func:`explainer.share.is_loopback`).

The page is built with ``fpdf2`` and the PDF's standard Helvetica, which every PDF reader has, so no font file is
needed on the server. Helvetica covers Western European text (Windows-1252); the few symbols the data uses
beyond it are written out (:data:`PLAIN`). Nothing is fetched from the network.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping
from typing import Literal

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from explainer import charts, exports, share
from explainer.assessment import Assessment, Urgency, format_value
from explainer.content import Content, cached_words
from explainer.scenarios import Scenario, cached_text
from explainer.thresholds import condition_line

__all__ = ["COPIES", "MIN_FONT_PT", "PAPERS", "Copy", "Paper", "pdf_text", "worksheet_pdf"]

Paper = Literal["A4", "Letter"]
PAPERS: tuple[Paper, ...] = ("A4", "Letter")
Copy = Literal["student", "key"]
COPIES: tuple[Copy, ...] = ("student", "key")
MIN_FONT_PT = 10  # no word on the page is smaller: readable on paper by most people, and when photocopied
MARGIN_MM = 11
GUTTER_MM = 6  # between two columns
LINE_MM = 4.8  # one line of 10-11 pt type with room to breathe
BOX_MM = 3.6  # a tick box: big enough to tick with a pen
NOTES_MIN_MM = 16  # the notes box is never smaller than this; the page ends below it
# The four signs at a glance, drawn 340 px wide: two rows of two tiles (charts.GLANCE_ONE_ROW), whose smallest
# words are 12 px. Printed 100 mm wide, 1 px is 0.294 mm, so 12 px print at 3.53 mm = 10.0 pt.
GLANCE_EXPORT_PX = 340
GLANCE_WIDTH_MM = 100
GLANCE_SMALLEST_PX = 12
INK = (26, 26, 26)
GREY = (90, 90, 90)
LINK = (0, 60, 140)

# Symbols in the data that Helvetica does not have, written out. The words beside them carry the meaning.
PLAIN = {"≥": ">=", "≤": "<=", "✓": "", "✗": "", "⚠": "", "➜": "", "☎": "", "☰": "", "\u00a0": " "}


def pdf_text(text: str) -> str:
    """``text`` in the characters Helvetica has (Windows-1252); any other character becomes "?". Every PDF the
    app makes (this worksheet, the session guide) writes its text through this.

    >>> pdf_text("✓ Self-care: potassium ≥ 6.0")
    'Self-care: potassium >= 6.0'
    """
    for symbol, words in PLAIN.items():
        text = text.replace(symbol, words)
    return " ".join(text.encode("cp1252", errors="replace").decode("cp1252").split())


class _Page(FPDF):
    def __init__(self, paper: Paper) -> None:
        super().__init__(orientation="portrait", unit="mm", format=paper)
        self.core_fonts_encoding = "windows-1252"
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        # On: content that does not fit starts a second page, which the tests catch (a page is never cut off).
        self.set_auto_page_break(auto=True, margin=MARGIN_MM)
        self.set_text_color(*INK)
        self.set_draw_color(*INK)

    def text_block(
        self, text: str, size: float = 10.5, style: str = "", width: float = 0, gap: float = 0, x: float | None = None
    ) -> None:
        """A paragraph, left-aligned, at ``x`` (the left margin by default); the next one starts below it."""
        left = self.l_margin if x is None else x
        self.set_x(left)
        self.set_font("Helvetica", style, size)
        self.multi_cell(
            width, LINE_MM * max(size, 10.5) / 10.5, pdf_text(text), align="L", new_x=XPos.LEFT, new_y=YPos.NEXT
        )
        self.set_x(left)
        if gap:
            self.ln(gap)
            self.set_x(left)

    def labelled(self, label: str, text: str, width: float = 0, link: str = "") -> None:
        """A bold label, then ``text`` flowing after it, ``width`` wide; a ``link`` is written in full, in blue."""
        right_margin = self.r_margin
        if width:
            self.set_right_margin(self.w - self.get_x() - width)
        self.set_font("Helvetica", "B", 10)
        self.write(LINE_MM, pdf_text(label) + ": ")
        self.set_font("Helvetica", "", 10)
        if link:
            self.set_text_color(*LINK)
            self.write(LINE_MM, link, link=link, wrapmode="CHAR")  # a link has no spaces: it breaks anywhere
            self.set_text_color(*INK)
        else:
            self.write(LINE_MM, pdf_text(text))
        self.ln(LINE_MM)
        self.set_right_margin(right_margin)

    def heading(self, text: str, x: float | None = None, width: float = 0) -> None:
        """A section heading with a rule under it, ``width`` wide (the full width by default)."""
        left = self.l_margin if x is None else x
        width = width or self.epw
        self.set_xy(left, self.get_y() + 1.5)
        self.set_font("Helvetica", "B", 12)
        self.multi_cell(width, 6, pdf_text(text), align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.set_draw_color(*GREY)
        self.line(left, self.get_y(), left + width, self.get_y())
        self.set_draw_color(*INK)
        self.set_xy(left, self.get_y() + 1.5)

    def tick_box(self, x: float, y: float, ticked: bool = False) -> None:
        """An empty box to tick with a pen; ``ticked`` (on the answer key): a cross drawn in it."""
        top = y + (LINE_MM - BOX_MM) / 2
        self.set_line_width(0.3)
        self.rect(x, top, BOX_MM, BOX_MM)
        if ticked:
            self.set_line_width(0.5)
            self.line(x + 0.6, top + 0.6, x + BOX_MM - 0.6, top + BOX_MM - 0.6)
            self.line(x + 0.6, top + BOX_MM - 0.6, x + BOX_MM - 0.6, top + 0.6)
            self.set_line_width(0.3)

    def ruled_lines(self, count: int, gap: float = 7.0) -> None:
        """``count`` lines to write on, the full width."""
        self.set_draw_color(*GREY)
        for _ in range(count):
            y = self.get_y() + gap
            self.line(self.l_margin, y, self.l_margin + self.epw, y)
            self.set_y(y)
        self.set_draw_color(*INK)
        self.set_xy(self.l_margin, self.get_y() + 2)


def _numbers(assessment: Assessment, content: Content, words: Mapping[str, str]) -> str:
    """The inputs the scenario sets, in one line, e.g. "pain 8 out of 10; ticked: twitching"."""
    changed = [spec for spec in content.inputs if assessment.inputs.get(spec.id) != spec.default]
    if not changed:
        return words["nothing_set"]
    values = [
        f"{spec.label}: {format_value(spec, assessment.inputs.get(spec.id))}" for spec in changed if spec.kind != "flag"
    ]
    flags = [spec.label for spec in changed if spec.kind == "flag"]
    if flags:
        values.append(f"{words['ticked']}: " + ", ".join(flags))
    return "; ".join(values) + "."


def _signs(pdf: _Page, assessment: Assessment, content: Content, words: Mapping[str, str], key: bool) -> None:
    """Every sign with every line, a tick box for each line and a "crossed?" yes/no, two signs to a row; on the
    answer ``key``, each box ticked where the line is met, and the sign's yes or no."""
    column = (pdf.epw - GUTTER_MM) / 2
    for row_start in range(0, len(assessment.signs), 2):
        top, bottom = pdf.get_y(), pdf.get_y()
        for offset, sign in enumerate(assessment.signs[row_start : row_start + 2]):
            number = row_start + offset + 1
            left = pdf.l_margin + offset * (column + GUTTER_MM)
            joiner = words["all_of" if content.sign(sign.id).match == "all" else "any_of"]
            pdf.set_xy(left, top)
            pdf.set_font("Helvetica", "B", 11)
            pdf.multi_cell(column, LINE_MM, pdf_text(f"{number}. {sign.title}"), new_x=XPos.LEFT, new_y=YPos.NEXT)
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(column, LINE_MM, pdf_text(f"({joiner})"), new_x=XPos.LEFT, new_y=YPos.NEXT)
            for condition in sign.conditions:
                spec = content.input(condition.input)
                note = f"; {words['ours']}" if condition.teaching else ""
                value = words["this_case"].format(value=format_value(spec, condition.value))
                line = f"{condition.name}: {condition_line(content, condition)} ({value}{note})"
                y = pdf.get_y()
                pdf.tick_box(left, y, ticked=key and condition.met)
                pdf.set_xy(left + BOX_MM + 2, y)
                pdf.multi_cell(column - BOX_MM - 2, LINE_MM, pdf_text(line), new_x=XPos.LEFT, new_y=YPos.NEXT)
                pdf.set_x(left)
            y = pdf.get_y() + 0.5
            pdf.set_xy(left, y)
            pdf.set_font("Helvetica", "B", 10)
            question = pdf_text(words["sign_crossed"])
            pdf.cell(pdf.get_string_width(question) + 3, LINE_MM, question)
            pdf.set_font("Helvetica", "", 10)
            for answer, crossed in ((words["yes"], True), (words["no"], False)):
                pdf.tick_box(pdf.get_x(), y, ticked=key and sign.crossed == crossed)
                pdf.set_x(pdf.get_x() + BOX_MM + 1.5)
                pdf.cell(pdf.get_string_width(answer) + 5, LINE_MM, pdf_text(answer))
            bottom = max(bottom, y + LINE_MM)
        pdf.set_xy(pdf.l_margin, bottom + 2)


def _check_and_next(pdf: _Page, assessment: Assessment, content: Content, words: Mapping[str, str]) -> None:
    """Side by side: the four signs at a glance (to check the ticks), and what to do next with its source."""
    top = pdf.get_y()
    right = pdf.l_margin + GLANCE_WIDTH_MM + GUTTER_MM
    pdf.heading(words["chart_heading"], width=GLANCE_WIDTH_MM)
    png = exports.chart_png(charts.signs_glance_spec(assessment).full(), width=GLANCE_EXPORT_PX, scale=2.0)
    info = pdf.image(
        io.BytesIO(png), x=pdf.l_margin, y=pdf.get_y(), w=GLANCE_WIDTH_MM, alt_text=pdf_text(words["chart_alt"])
    )
    glance_bottom = pdf.get_y() + float(info.rendered_height)

    level = content.level(assessment.urgency.value)
    rule = assessment.urgency_rule
    source = content.sources[rule.source]
    width = pdf.w - pdf.r_margin - right
    pdf.set_xy(right, top)
    pdf.heading(words["next_heading"], x=right, width=width)
    pdf.text_block(f"{level.label}: {level.action}", size=11, style="B", x=right, width=width, gap=1)
    benefit = f" {words['benefit']}" if assessment.urgency != Urgency.SELF_CARE else ""  # what going gives
    pdf.text_block(f"{words['why']}: {rule.reason}{benefit}", size=10, x=right, width=width, gap=1)
    pdf.text_block(f"{words['source']}: {source.short}: {source.title}", size=10, x=right, width=width, gap=1)
    leader = assessment.leading_cause
    pdf.text_block(f"{words['cause_answer']}: {leader.name if leader else words['no_cause']}", size=10, style="B",
                   x=right, width=width)
    pdf.set_xy(pdf.l_margin, max(glance_bottom, pdf.get_y()) + 2)


def _questions(pdf: _Page, content: Content, words: Mapping[str, str]) -> None:
    """The student copy's questions after the signs: what to do next (a box for each level, lines for why), and
    which cause fits best (lines to answer). No answer is printed."""
    pdf.heading(words["next_question"])
    y = pdf.get_y()
    pdf.set_font("Helvetica", "", 10.5)
    x = pdf.l_margin
    for level in content.levels:
        pdf.tick_box(x, y)
        label = pdf_text(level.label)
        pdf.set_xy(x + BOX_MM + 1.5, y)
        pdf.cell(pdf.get_string_width(label) + 8, LINE_MM, label)
        x = pdf.get_x()
    pdf.set_xy(pdf.l_margin, y + LINE_MM + 1)
    pdf.text_block(words["why_question"], size=10.5)
    pdf.ruled_lines(2)
    pdf.heading(words["cause_question"])
    pdf.ruled_lines(2)


def _header(
    pdf: _Page, content: Content, case: Scenario | None, link: str, numbers: str, words: Mapping[str, str],
    kicker: str,
) -> None:
    """The title, the story and the numbers on the left; the QR code back to the scenario on the right."""
    qr = share.PRINT_SIZE_MM
    text_width = pdf.epw - qr - GUTTER_MM
    qr_left = pdf.w - pdf.r_margin - qr
    top = pdf.get_y()
    pdf.image(
        io.BytesIO(share.qr_png(link)), x=qr_left, y=top, w=qr, h=qr, link=link,
        alt_text=pdf_text(words["link_heading"]),
    )
    pdf.set_xy(qr_left - 2, top + qr)
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(qr + 4, 4.2, pdf_text(words["scan"]), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if share.is_loopback(link):  # never a code that cannot open, silently
        pdf.set_x(qr_left - 2)
        pdf.set_font("Helvetica", "B", 10)
        pdf.multi_cell(qr + 4, 4.2, pdf_text(words["loopback"]), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    qr_bottom = pdf.get_y()

    pdf.set_xy(pdf.l_margin, top)
    pdf.set_font("Helvetica", "B", 10)
    pdf.set_text_color(*GREY)
    pdf.cell(text_width, LINE_MM, pdf_text(kicker.upper()), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.text_block(case.title if case else words["own_title"], size=18, style="B", width=text_width)
    pdf.text_block(words["not_advice"].format(title=content.title), size=10, width=text_width, gap=1.5)
    pdf.text_block(case.story if case else words["own_story"], size=11.5, width=text_width, gap=1)
    pdf.labelled(words["numbers"], numbers, width=text_width)
    pdf.set_y(max(qr_bottom, pdf.get_y()))


def _footer_height(pdf: _Page, link: str, disclaimer: str, words: Mapping[str, str]) -> float:
    """How tall the foot of the page is: the link in full, then the disclaimer (measured, not drawn)."""
    pdf.set_font("Helvetica", "B", 10)
    label = pdf.get_string_width(pdf_text(words["link_heading"]) + ": ")
    pdf.set_font("Helvetica", "", 10)
    link_lines = math.ceil((label + pdf.get_string_width(link)) / (pdf.epw - 2))  # CHAR wrap: full lines
    pdf.set_font("Helvetica", "I", 10)
    disclaimer_lines = len(pdf.multi_cell(pdf.epw, LINE_MM, pdf_text(disclaimer), dry_run=True, output="LINES"))
    return (link_lines + disclaimer_lines) * LINE_MM


NOTES_HEADING_MM = 10  # the notes heading with its rule and gaps


def _notes_and_footer(pdf: _Page, link: str, disclaimer: str, words: Mapping[str, str], optional: bool) -> None:
    """The notes box, as tall as the page allows, then the link in full and the disclaimer at the foot. An
    ``optional`` box (the answer key's) is left out where the page has no room for it, rather than a second page."""
    footer_top = pdf.h - pdf.b_margin - _footer_height(pdf, link, disclaimer, words) - 1  # 1 mm for rounding
    if optional and footer_top - 2 - pdf.get_y() - NOTES_HEADING_MM < NOTES_MIN_MM:
        pdf.set_xy(pdf.l_margin, footer_top)
        pdf.labelled(words["link_heading"], "", link=link)
        pdf.text_block(disclaimer, size=10, style="I")
        return
    pdf.heading(words["notes"])
    box_top = pdf.get_y()
    height = footer_top - 2 - box_top
    if height < NOTES_MIN_MM:
        pdf.add_page()  # too little room: a second page shows it (the tests require one), rather than a cut-off
        box_top, height = pdf.get_y(), NOTES_MIN_MM
    pdf.set_draw_color(*GREY)
    pdf.set_line_width(0.3)
    pdf.rect(pdf.l_margin, box_top, pdf.epw, height)
    ruled = box_top + 8
    while ruled < box_top + height - 3:
        pdf.line(pdf.l_margin + 3, ruled, pdf.l_margin + pdf.epw - 3, ruled)
        ruled += 8
    pdf.set_draw_color(*INK)
    pdf.set_xy(pdf.l_margin, box_top + height + 2)
    pdf.labelled(words["link_heading"], "", link=link)
    pdf.text_block(disclaimer, size=10, style="I")


def worksheet_pdf(
    assessment: Assessment,
    content: Content,
    *,
    link: str,
    case: Scenario | None = None,
    paper: Paper = "A4",
    words: Mapping[str, str] | None = None,
    disclaimer: str = "",
    copy: Copy = "student",
) -> bytes:
    """A one-page worksheet of ``assessment`` as PDF bytes: the student copy, or the answer key.

    Args:
        assessment: the scenario's result from :func:`explainer.assess`.
        content: the loaded ``data/``.
        link: the full link back to the scenario (the QR code says it too): see :func:`explainer.share.share_link`.
        case: the teaching case the scenario is, or None for the visitor's own scenario.
        paper: "A4" or "Letter".
        words: the worksheet's words (``[worksheet]`` in ``data/classroom.toml``); by default the project's own.
        disclaimer: the app's short disclaimer, printed at the foot of the page; by default the project's own.
        copy: "student" (questions and space to answer, no answers) or "key" (the answers, for the educator).

    >>> from explainer import assess
    >>> pdf = worksheet_pdf(assess({"pain": 8, "duration_min": 15}), content, link="http://localhost:8501/warning-signs")
    >>> pdf[:5]
    b'%PDF-'
    """
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)} (got {paper!r})")
    if copy not in COPIES:
        raise ValueError(f"copy must be one of {', '.join(COPIES)} (got {copy!r})")
    words = words or cached_text()["worksheet"]
    disclaimer = disclaimer or cached_words("pages.toml")["common"]["disclaimer"]
    key = copy == "key"
    kicker = words["key_kicker" if key else "kicker"]
    pdf = _Page(paper)
    pdf.set_title(pdf_text(f"{kicker}: {case.title if case else words['own_title']}"))
    pdf.set_lang("en")
    pdf.add_page()
    _header(pdf, content, case, link, _numbers(assessment, content, words), words, kicker)
    pdf.heading(words["tick_heading"])
    _signs(pdf, assessment, content, words, key)
    if key:
        _check_and_next(pdf, assessment, content, words)
        if case is not None:  # the case's one lesson, after the answers it explains
            pdf.labelled(words["learning_point"], case.learning_point)
    else:
        _questions(pdf, content, words)
    _notes_and_footer(pdf, link, disclaimer, words, optional=key)
    return bytes(pdf.output())
