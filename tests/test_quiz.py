"""The quiz: every question's answer agrees with the engine, has one correct option, and cites real sources."""

from __future__ import annotations

import tomllib

import pytest

import explainer
from explainer.quiz import NONE_ID, QUIZ_LENGTH, Question, band_quote, build_questions, pick_quiz, quiz_score
from explainer.scenarios import find_scenario, load_scenarios
from explainer.thresholds import condition_line
from tests.conftest import DATA

CONTENT = explainer.load_content(DATA)
CASES = load_scenarios(DATA, CONTENT)
QUESTIONS = build_questions(CASES, CONTENT)
QUIZ = pick_quiz(QUESTIONS)
SOURCE_IDS = {row["id"] for row in tomllib.loads((DATA / "sources.toml").read_text(encoding="utf-8"))["sources"]}
ARTICLE = [p for s in tomllib.loads((DATA / "article.toml").read_text(encoding="utf-8"))["sections"]
           for p in s["paragraphs"]]


def test_the_quiz_has_at_least_twelve_questions_of_every_kind() -> None:
    assert len(QUIZ) >= 12
    assert len(QUIZ) == QUIZ_LENGTH
    assert {q.kind for q in QUIZ} == {"sign", "cause", "urgency"}
    assert len({q.id for q in QUESTIONS}) == len(QUESTIONS)


def _engine_answer(question: Question) -> str:
    case = find_scenario(question.scenario_id, CASES)
    assert case is not None
    result = explainer.assess(case.inputs, CONTENT)
    if question.kind == "sign":
        return result.crossed_signs[0] if result.crossed_signs else NONE_ID
    if question.kind == "cause":
        return result.cause_fit[0].id
    return result.urgency.value


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.id for q in QUESTIONS])
def test_the_correct_answer_agrees_with_the_engine(question: Question) -> None:
    assert question.answer_id == _engine_answer(question)


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.id for q in QUESTIONS])
def test_exactly_one_option_is_correct(question: Question) -> None:
    case = find_scenario(question.scenario_id, CASES)
    assert case is not None
    result = explainer.assess(case.inputs, CONTENT)
    if question.kind == "sign":
        right = [i for i in question.option_ids if i in result.crossed_signs or (i == NONE_ID and not
                                                                                  result.crossed_signs)]
    elif question.kind == "cause":
        leading = result.leading_cause
        right = [i for i in question.option_ids if leading is not None and i == leading.id]
    else:
        right = [i for i in question.option_ids if i == result.urgency.value]
    assert len(right) == 1, right
    assert len(set(question.options)) == len(question.options), "options must differ"


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.id for q in QUESTIONS])
def test_feedback_cites_sources_that_exist_and_quotes_the_article_word_for_word(question: Question) -> None:
    assert question.sources
    assert set(question.sources) <= SOURCE_IDS
    assert question.why.strip()
    if question.quote:
        assert question.quote in ARTICLE
        assert "article" in question.sources


def test_cause_feedback_names_what_points_to_the_cause() -> None:
    for question in (q for q in QUESTIONS if q.kind == "cause"):
        case = find_scenario(question.scenario_id, CASES)
        assert case is not None
        best = explainer.assess(case.inputs, CONTENT).cause_fit[0]
        for clue in best.evidence_for:
            assert clue.text in question.why


def test_options_come_from_the_data() -> None:
    signs = [s.title for s in CONTENT.signs]
    causes = [c.name for c in CONTENT.causes]
    for question in QUESTIONS:
        if question.kind == "sign":
            assert list(question.options[:-1]) == signs
        elif question.kind == "cause":
            assert list(question.options) == causes


@pytest.mark.parametrize(
    ("answers", "expected"),
    [({}, (0, 0)), ("all_right", (QUIZ_LENGTH, QUIZ_LENGTH)), ("all_wrong", (0, QUIZ_LENGTH)), ("first", (1, 1))],
)
def test_quiz_score_counts_right_and_answered(answers: object, expected: tuple[int, int]) -> None:
    if answers == "all_right":
        answers = {q.id: q.correct for q in QUIZ}
    elif answers == "all_wrong":
        answers = {q.id: (q.correct + 1) % len(q.options) for q in QUIZ}
    elif answers == "first":
        answers = {QUIZ[0].id: QUIZ[0].correct}
    assert quiz_score(QUIZ, answers) == expected  # type: ignore[arg-type]


# --- feedback that teaches ------------------------------------------------------------------------------------

SYMBOLS = "✓✗⚠➜☎•·"


def _expected_lines(question: Question, option: int) -> set[str]:
    """The lines in data/ that decide why ``option`` is wrong, worked out from the engine and the data alone."""
    case = find_scenario(question.scenario_id, CASES)
    assert case is not None
    result = explainer.assess(case.inputs, CONTENT)
    picked = question.option_ids[option]
    if question.kind == "sign":
        sign = result.sign(result.crossed_signs[0] if picked == NONE_ID else picked)
        deciding = [c for c in sign.conditions if c.met == (picked == NONE_ID)]
        return {f"{sign.title}: {c.name} {condition_line(CONTENT, c)}" for c in deciding}
    if question.kind == "cause":
        best = result.leading_cause
        assert best is not None
        return {clue.text for clue in best.evidence_for}
    rule = result.urgency_rule
    data = next((r for r in CONTENT.rules if r.id == rule.id), None)
    if data is None:
        return {CONTENT.section("conclusion").paragraphs[0]}
    return {data.quote or band_quote(CONTENT, result) or data.reason}


WRONG_PICKS = [
    pytest.param(question, option, id=f"{question.id}-{question.option_ids[option]}")
    for question in QUESTIONS
    for option in range(len(question.options))
    if option != question.correct
]


@pytest.mark.parametrize(("question", "option"), WRONG_PICKS)
def test_a_wrong_pick_says_why_and_quotes_the_line_that_decides_it(question: Question, option: int) -> None:
    why, lines = question.wrong_why[option], question.deciding[option]
    if question.option_ids[option] == NONE_ID:  # "none of the four": it names the sign that is crossed
        assert question.answer in why
    else:
        assert question.options[option] in why, "it says why that pick is wrong, by name"
    assert lines, "it names the line that decides it"
    shown = " ".join(f"{line.text} {line.quote}" for line in lines)
    for expected in _expected_lines(question, option):
        assert expected in shown
    for line in lines:
        assert line.quote.strip(), f"{line.text}: no words from its source"
        assert line.source in SOURCE_IDS


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.id for q in QUESTIONS])
def test_the_right_answer_has_no_wrong_pick_feedback_and_labels_carry_no_symbols(question: Question) -> None:
    assert len(question.wrong_why) == len(question.deciding) == len(question.options)
    assert question.wrong_why[question.correct] == ""
    assert question.deciding[question.correct] == ()
    for option in question.options:
        assert option[0] not in SYMBOLS, f"{option!r}: the page adds its own mark, so a label has none"
