"""A self-check quiz generated from the teaching scenarios and the content, checked against the engine.

Three kinds of question, each about one scenario: which warning sign it crosses, which cause fits best and what
points to it, and what the person should do next. Every option comes from ``data/``; the correct one comes from
:func:`explainer.assess`, and the feedback quotes the article or the rule's reason, with source ids.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from explainer.assessment import Assessment, assess
from explainer.content import Content, Section, cached_content
from explainer.scenarios import Scenario

__all__ = [
    "KINDS",
    "NONE_ID",
    "QUIZ_LENGTH",
    "Question",
    "build_questions",
    "pick_quiz",
    "quiz_score",
    "reachable_levels",
]

QuestionKind = Literal["sign", "cause", "urgency"]
KINDS: tuple[QuestionKind, ...] = ("sign", "cause", "urgency")
NONE_ID = "none"
QUIZ_LENGTH = 12

_DEFAULT_WORDS = {
    "sign_prompt": "Which warning sign does this case cross?",
    "none_option": "None of the four",
    "cause_prompt": "Which cause fits best?",
    "urgency_prompt": "What should this person do next?",
    "points_to": "What points to it",
}


@dataclass(frozen=True)
class Question:
    id: str
    kind: QuestionKind
    scenario_id: str
    story: str
    prompt: str
    options: tuple[str, ...]
    option_ids: tuple[str, ...]
    correct: int
    why: str  # the reason from the engine or the data, in plain words
    quote: str  # the article sentence that answers it ("" when the answer rests on another source)
    sources: tuple[str, ...]  # source ids in sources.toml

    @property
    def answer(self) -> str:
        return self.options[self.correct]

    @property
    def answer_id(self) -> str:
        return self.option_ids[self.correct]


def _quote(section: Section, keyword: str = "") -> str:
    """The first paragraph of a section that names ``keyword``, else its first paragraph."""
    return next((p for p in section.paragraphs if keyword and keyword.lower() in p.lower()), section.paragraphs[0])


def _sign_question(case: Scenario, result: Assessment, content: Content, words: Mapping[str, str]) -> Question | None:
    crossed = result.crossed_signs
    if len(crossed) > 1:
        return None  # one correct option only
    option_ids = (*[s.id for s in content.signs], NONE_ID)
    options = (*[s.title for s in content.signs], words["none_option"])
    if crossed:
        sign = result.sign(crossed[0])
        why, quote, sources = sign.reason, content.section(sign.id).paragraphs[0], ("article", *sign.sources)
    else:
        why = " ".join(s.reason for s in result.signs)
        quote = content.section("conclusion").paragraphs[0]
        sources = ("article", *dict.fromkeys(src for s in result.signs for src in s.sources))
    answer = crossed[0] if crossed else NONE_ID
    return Question(
        id=f"sign-{case.id}", kind="sign", scenario_id=case.id, story=case.story, prompt=words["sign_prompt"],
        options=options, option_ids=option_ids, correct=option_ids.index(answer), why=why, quote=quote,
        sources=tuple(dict.fromkeys(sources)),
    )


def _cause_question(case: Scenario, result: Assessment, content: Content, words: Mapping[str, str]) -> Question | None:
    best = result.leading_cause
    if best is None:
        return None  # no single cause stands out
    cause = content.cause(best.id)
    clues = "; ".join(f"{clue.text}: {clue.explain}" for clue in best.evidence_for)
    option_ids = tuple(c.id for c in content.causes)
    return Question(
        id=f"cause-{case.id}", kind="cause", scenario_id=case.id, story=case.story, prompt=words["cause_prompt"],
        options=tuple(c.name for c in content.causes), option_ids=option_ids, correct=option_ids.index(best.id),
        why=f"{words['points_to']}: {clues}",
        quote=_quote(content.section(cause.section), cause.name if cause.kind == "everyday" else ""),
        sources=tuple(dict.fromkeys(("article", *(clue.source for clue in best.evidence_for)))),
    )


def reachable_levels(content: Content) -> tuple[str, ...]:
    """The urgency levels a scenario can reach: the default one and every level a rule leads to, in rank order.

    >>> reachable_levels(cached_content())
    ('self_care', 'see_doctor', 'urgent', 'emergency')
    """
    used = {"self_care", *(rule.level for rule in content.rules)}
    return tuple(level.id for level in content.levels if level.id in used)


def _urgency_question(case: Scenario, result: Assessment, content: Content, words: Mapping[str, str]) -> Question:
    option_ids = reachable_levels(content)
    rule = result.urgency_rule
    quote = content.section("seek_advice").paragraphs[0] if rule.source == "article" else ""
    return Question(
        id=f"urgency-{case.id}", kind="urgency", scenario_id=case.id, story=case.story,
        prompt=words["urgency_prompt"],
        options=tuple(f"{content.level(i).symbol} {content.level(i).label}" for i in option_ids),
        option_ids=option_ids, correct=option_ids.index(result.urgency.value), why=rule.reason, quote=quote,
        sources=tuple(dict.fromkeys((rule.source, *content.level(result.urgency.value).sources))),
    )


def build_questions(
    scenarios: Sequence[Scenario], content: Content | None = None, words: Mapping[str, str] | None = None
) -> tuple[Question, ...]:
    """Every question the scenarios allow: a sign question (when 0 or 1 sign is crossed), a cause question (when
    one cause fits best), and an urgency question, for each case."""
    content = content or cached_content()
    text = {**_DEFAULT_WORDS, **(words or {})}
    questions: list[Question] = []
    for case in scenarios:
        result = assess(case.inputs, content)
        for question in (
            _sign_question(case, result, content, text),
            _cause_question(case, result, content, text),
            _urgency_question(case, result, content, text),
        ):
            if question is not None:
                questions.append(question)
    return tuple(questions)


def pick_quiz(questions: Sequence[Question], length: int = QUIZ_LENGTH) -> tuple[Question, ...]:
    """A short quiz: one question per scenario, the kind taking turns, until ``length`` questions.

    Case n asks the n-th kind in turn (sign, cause, urgency, sign, ...), or the next kind it has.
    """
    by_case: dict[str, dict[str, Question]] = {}
    for question in questions:
        by_case.setdefault(question.scenario_id, {})[question.kind] = question
    picked: list[Question] = []
    for turn, kinds in enumerate(by_case.values()):
        order = KINDS[turn % len(KINDS):] + KINDS[: turn % len(KINDS)]
        picked.append(next(kinds[kind] for kind in order if kind in kinds))
        if len(picked) == length:
            break
    return tuple(picked)


def quiz_score(questions: Sequence[Question], answers: Mapping[str, int | None]) -> tuple[int, int]:
    """(right answers, questions answered); ``answers`` maps question id to the chosen option's index.

    >>> q = Question("q1", "urgency", "c", "", "", ("a", "b"), ("a", "b"), 1, "", "", ("article",))
    >>> quiz_score([q], {"q1": 1}), quiz_score([q], {"q1": 0}), quiz_score([q], {})
    ((1, 1), (0, 1), (0, 0))
    """
    answered = [q for q in questions if answers.get(q.id) is not None]
    return sum(answers[q.id] == q.correct for q in answered), len(answered)
