"""The PDF worksheet: a student copy and an answer key, each one page at A4 and at Letter for every teaching case
and for the visitor's own scenario, with the case's title and story, every sign and line, a QR code that decodes to
the link, type >= 10 pt. The student copy has the questions and space to answer and no answer; the key has them all.
"""

from __future__ import annotations

import functools
import io
import re
from collections import Counter

import pytest
import zxingcpp
from pypdf import PageObject, PdfReader

import explainer
from explainer import share, worksheet
from explainer.scenarios import Scenario, load_scenarios, load_text
from explainer.thresholds import condition_line
from tests.conftest import DATA

CONTENT = explainer.load_content(DATA)
CASES = load_scenarios(DATA, CONTENT)
WORDS = load_text(DATA)["worksheet"]
APP = "http://192.168.100.200:8501"
PAGE_SIZE_PT = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}  # the papers' sizes in PDF points


@functools.cache
def _pdf(case_id: str | None, paper: worksheet.Paper, copy: worksheet.Copy = "key") -> tuple[bytes, str]:
    """Each worksheet is made once per test run (drawing the picture takes a tenth of a second or more)."""
    case = next(c for c in CASES if c.id == case_id) if case_id else None
    values = case.values(CONTENT) if case else {"pain": 6, "twitching": True}
    link = share.share_link(APP, values, case_id, CONTENT)
    pdf = worksheet.worksheet_pdf(
        explainer.assess(values, CONTENT), CONTENT, link=link, case=case, paper=paper, words=WORDS, copy=copy
    )
    return pdf, link


def make(case: Scenario | None, paper: worksheet.Paper, copy: worksheet.Copy = "key") -> tuple[PdfReader, str]:
    pdf, link = _pdf(case.id if case else None, paper, copy)
    return PdfReader(io.BytesIO(pdf)), link


def flat(text: str) -> str:
    return " ".join(text.split())


def font_sizes(page: PageObject) -> Counter[float]:
    """The size of every run of text on the page as printed: its font size times the text and page scaling."""
    sizes: Counter[float] = Counter()

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            sizes[round(size * abs(tm[3]) * abs(cm[3]), 2)] += 1

    page.extract_text(visitor_text=visit)
    return sizes


TABLE = [
    pytest.param(case, paper, id=f"{case.id if case else 'own'}-{paper}")
    for case in (*CASES, None)
    for paper in worksheet.PAPERS
]


@pytest.mark.parametrize("copy", worksheet.COPIES)
@pytest.mark.parametrize(("case", "paper"), TABLE)
def test_the_worksheet_is_one_page_of_the_paper_chosen(
    case: Scenario | None, paper: worksheet.Paper, copy: worksheet.Copy
) -> None:
    reader, _ = make(case, paper, copy)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(PAGE_SIZE_PT[paper], abs=0.5)


@pytest.mark.parametrize(("case", "paper"), TABLE)
def test_the_worksheet_says_the_case_every_sign_and_line_and_what_to_do(
    case: Scenario | None, paper: worksheet.Paper
) -> None:
    reader, link = make(case, paper)
    text = flat(reader.pages[0].extract_text())
    if case is not None:
        assert case.title in text
        assert flat(case.story) in text
    else:
        assert WORDS["own_title"] in text
    for sign in CONTENT.signs:
        assert sign.title in text
        for condition in sign.conditions:
            assert f"{condition.name}: {condition_line(CONTENT, condition)}" in text
    result = explainer.assess(case.values(CONTENT) if case else {"pain": 6, "twitching": True}, CONTENT)
    level = CONTENT.level(result.urgency.value)
    assert level.label in text
    assert CONTENT.sources[result.urgency_rule.source].short in text
    assert "not advice" in text
    assert link.replace("&", "") in text.replace("&", "").replace(" ", ""), "the link is printed in full"


@pytest.mark.parametrize(("case", "paper"), [row for row in TABLE if row.values[0] is not None])
def test_a_teaching_cases_worksheet_prints_its_learning_point(case: Scenario, paper: worksheet.Paper) -> None:
    """The case's one lesson (issue 17): without it a class has the answers but not what they teach."""
    reader, _ = make(case, paper)
    text = flat(reader.pages[0].extract_text())
    assert f"{WORDS['learning_point']}: {flat(worksheet.pdf_text(case.learning_point))}" in text


def test_the_visitors_own_worksheet_has_no_learning_point() -> None:
    reader, _ = make(None, "A4")
    assert WORDS["learning_point"] not in flat(reader.pages[0].extract_text())


@pytest.mark.parametrize("copy", worksheet.COPIES)
@pytest.mark.parametrize(("case", "paper"), TABLE)
def test_every_word_on_the_worksheet_is_at_least_10_pt(
    case: Scenario | None, paper: worksheet.Paper, copy: worksheet.Copy
) -> None:
    reader, _ = make(case, paper, copy)
    sizes = font_sizes(reader.pages[0])
    assert sizes, "the page has text"
    assert min(sizes) >= worksheet.MIN_FONT_PT, sizes


def test_the_picture_on_the_worksheet_prints_its_smallest_words_at_10_pt() -> None:
    mm_per_px = worksheet.GLANCE_WIDTH_MM / worksheet.GLANCE_EXPORT_PX
    points = worksheet.GLANCE_SMALLEST_PX * mm_per_px * 72 / 25.4
    assert points >= worksheet.MIN_FONT_PT - 0.05, f"{points:.2f} pt"


@pytest.mark.parametrize("paper", worksheet.PAPERS)
@pytest.mark.parametrize("case", [CASES[0], CASES[-1], None], ids=lambda case: case.id if case else "own")
@pytest.mark.parametrize("copy", worksheet.COPIES)
def test_the_worksheet_qr_code_decodes_to_the_link(
    case: Scenario | None, paper: worksheet.Paper, copy: worksheet.Copy
) -> None:
    reader, link = make(case, paper, copy)
    decoded = [code.text for image in reader.pages[0].images for code in zxingcpp.read_barcodes(image.image)]
    assert decoded == [link]


def test_an_unknown_paper_is_refused_in_plain_words() -> None:
    with pytest.raises(ValueError, match="A4, Letter"):
        worksheet.worksheet_pdf(explainer.assess({}, CONTENT), CONTENT, link=APP, paper="A5")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("potassium ≥ 6.0", "potassium >= 6.0"),
        ("✓ Self-care", "Self-care"),
        ("café “quoted” – ok", "café “quoted” – ok"),
        ("日本", "??"),
    ],
)
def test_text_is_written_in_the_characters_helvetica_has(text: str, plain: str) -> None:
    assert worksheet.pdf_text(text) == plain


# --- the student copy gives no answer away (issue 19: "Check your answers" and "What to do next" were printed on
# the same page as the questions) ------------------------------------------------------------------------------


@pytest.mark.parametrize(("case", "paper"), TABLE)
def test_the_student_copy_asks_and_leaves_room_but_gives_no_answer(case: Scenario | None, paper: worksheet.Paper
                                                                   ) -> None:
    reader, _ = make(case, paper, "student")
    text = flat(reader.pages[0].extract_text())
    result = explainer.assess(case.values(CONTENT) if case else {"pain": 6, "twitching": True}, CONTENT)
    for question in ("tick_heading", "next_question", "why_question", "cause_question", "notes"):
        assert flat(worksheet.pdf_text(WORDS[question])) in text, question
    answers = [CONTENT.level(result.urgency.value).action, result.urgency_rule.reason, WORDS["next_heading"],
               WORDS["chart_heading"], WORDS["cause_answer"], WORDS["learning_point"], WORDS["key_kicker"]]
    answers += [case.learning_point] if case else []
    answers += [fit.name for fit in result.cause_fit]  # no cause is named: the room names them
    for answer in answers:
        assert flat(worksheet.pdf_text(answer)) not in text, f"the student copy gives away: {answer}"
    assert len(reader.pages[0].images) == 1, "the QR code only: no picture of the signs crossed"


def _ticked_boxes(pdf: bytes) -> int:
    """How many boxes are ticked: a tick is a cross, two lines drawn at 0.5 mm, the only lines that wide."""
    stream = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data().decode("latin-1")
    tick = re.compile(r"1\.42 w\n[\d.]+ [\d.]+ m [\d.]+ [\d.]+ l S\n[\d.]+ [\d.]+ m [\d.]+ [\d.]+ l S\n")
    return len(tick.findall(stream))


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_the_answer_key_ticks_each_line_met_and_each_signs_answer_and_the_student_copy_none(case: Scenario) -> None:
    result = explainer.assess(case.values(CONTENT), CONTENT)
    met = sum(condition.met for sign in result.signs for condition in sign.conditions)
    assert _ticked_boxes(_pdf(case.id, "A4", "key")[0]) == met + len(result.signs)
    assert _ticked_boxes(_pdf(case.id, "A4", "student")[0]) == 0


@pytest.mark.parametrize(("app", "warned"), [("http://localhost:8501", True), ("http://127.0.0.1:8501", True),
                                             ("http://[::1]:8501", True), (APP, False),
                                             ("https://spasms.example.org/tools", False)])
def test_a_qr_code_to_this_computer_only_is_never_printed_silently(app: str, warned: bool) -> None:
    link = share.share_link(app, {"pain": 8}, None, CONTENT)
    pdf = worksheet.worksheet_pdf(explainer.assess({"pain": 8}, CONTENT), CONTENT, link=link, words=WORDS)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert (flat(WORDS["loopback"]) in flat(page.extract_text())) is warned
    assert [code.text for image in page.images for code in zxingcpp.read_barcodes(image.image)] == [link]
