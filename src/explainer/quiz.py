"""A self-check quiz generated from the teaching scenarios and the content, checked against the engine.

Three kinds of question, each about one scenario: which warning sign it crosses, which cause fits best and what
points to it, and what the person should do next. Every option comes from ``data/``; the correct one comes from
:func:`explainer.assess`, and the feedback quotes the article or the rule's reason, with source ids.

Feedback teaches: for every wrong option it says why that option is wrong for this case, and quotes the line in
``data/`` that decides it (a sign's threshold and where it comes from, a cause's clue and its source's words, or
the urgency rule and its source's words), as :class:`DecidingLine` s.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from explainer import rules
from explainer.assessment import Assessment, CauseFit, ConditionResult, SignResult, assess, points_text
from explainer.content import Content, Section
from explainer.scenarios import Scenario, cached_text
from explainer.thresholds import condition_line
from explainer.words import natural_list

__all__ = [
    "KINDS",
    "NONE_ID",
    "QUIZ_LENGTH",
    "DecidingLine",
    "Question",
    "band_quote",
    "build_questions",
    "pick_quiz",
    "quiz_score",
    "reachable_levels",
]

QuestionKind = Literal["sign", "cause", "urgency"]
KINDS: tuple[QuestionKind, ...] = ("sign", "cause", "urgency")
NONE_ID = "none"
QUIZ_LENGTH = 12


@dataclass(frozen=True)
class DecidingLine:
    """A line in ``data/`` that decides an answer: a sign's threshold, a cause's clue, or an urgency rule.

    ``text`` is the line in words; ``quote`` its source's own words where ``data/`` has them, else why the line
    is there (a teaching line says so); ``source`` a source id in sources.toml.
    """

    text: str
    quote: str
    source: str


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
    wrong_why: tuple[str, ...] = ()  # per option: why it is wrong in this case ("" for the correct one)
    deciding: tuple[tuple[DecidingLine, ...], ...] = ()  # per option: the lines that decide it

    @property
    def answer(self) -> str:
        return self.options[self.correct]

    @property
    def answer_id(self) -> str:
        return self.option_ids[self.correct]


def _quote(section: Section, keyword: str = "") -> str:
    """The first paragraph of a section that names ``keyword``, else its first paragraph."""
    return next((p for p in section.paragraphs if keyword and keyword.lower() in p.lower()), section.paragraphs[0])


def _sign_line(content: Content, sign: SignResult, condition: ConditionResult) -> DecidingLine:
    return DecidingLine(
        text=f"{sign.title}: {condition.name} {condition_line(content, condition)}",
        quote=condition.why,
        source=condition.source,
    )


def _sign_feedback(
    option_id: str, result: Assessment, content: Content, words: Mapping[str, str]
) -> tuple[str, tuple[DecidingLine, ...]]:
    """Why picking ``option_id`` is wrong for this case, and the lines that decide it."""
    if option_id == NONE_ID:  # a sign is crossed: its lines that are met decide it
        sign = result.sign(result.crossed_signs[0])
        met = [c for c in sign.conditions if c.met]
        why = words["wrong_none"].format(sign=sign.title, facts=natural_list([c.text for c in met]))
        return why, tuple(_sign_line(content, sign, c) for c in met)
    sign = result.sign(option_id)  # not crossed: the lines it misses decide it
    unmet = [c for c in sign.conditions if not c.met]
    template = words["wrong_sign_all" if sign.match == "all" else "wrong_sign_any"]
    why = template.format(option=sign.title, facts=natural_list([c.text for c in unmet]))
    return why, tuple(_sign_line(content, sign, c) for c in unmet)


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
    feedback = [("", ()) if i == answer else _sign_feedback(i, result, content, words) for i in option_ids]
    return Question(
        id=f"sign-{case.id}",
        kind="sign",
        scenario_id=case.id,
        story=case.story,
        prompt=words["sign_prompt"],
        options=options,
        option_ids=option_ids,
        correct=option_ids.index(answer),
        why=why,
        quote=quote,
        sources=tuple(dict.fromkeys(sources)),
        wrong_why=tuple(w for w, _ in feedback),
        deciding=tuple(lines for _, lines in feedback),
    )


def _clue_lines(content: Content, best: CauseFit, words: Mapping[str, str]) -> tuple[DecidingLine, ...]:
    """The clues present for the cause that fits best: they decide the answer. Each with its source's words."""
    data = {clue.text: clue for clue in content.cause(best.id).clues}
    return tuple(
        DecidingLine(
            text=words["clue_line"].format(cause=best.name, clue=clue.text, tier=clue.tier_label,
                                           points=points_text(clue.points)),
            quote=data[clue.text].quote or clue.explain,
            source=clue.source,
        )
        for clue in best.evidence_for
    )


def _cause_feedback(option: CauseFit, best: CauseFit, words: Mapping[str, str]) -> str:
    why = words["wrong_cause"].format(
        option=option.name,
        points=points_text(option.points),
        answer=best.name,
        best_points=points_text(best.points),
    )
    clues = "; ".join(clue.text for clue in option.evidence_for)
    more = (
        words["wrong_cause_clues"].format(option=option.name, clues=clues)
        if clues
        else words["wrong_cause_no_clues"].format(option=option.name)
    )
    return f"{why} {more}"


def _cause_question(case: Scenario, result: Assessment, content: Content, words: Mapping[str, str]) -> Question | None:
    best = result.leading_cause
    if best is None:
        return None  # no single cause stands out
    cause = content.cause(best.id)
    clues = " ".join(f"{clue.text}: {clue.explain}" for clue in best.evidence_for)  # each explain is a sentence
    option_ids = tuple(c.id for c in content.causes)
    lines = _clue_lines(content, best, words)
    return Question(
        id=f"cause-{case.id}",
        kind="cause",
        scenario_id=case.id,
        story=case.story,
        prompt=words["cause_prompt"],
        options=tuple(c.name for c in content.causes),
        option_ids=option_ids,
        correct=option_ids.index(best.id),
        why=f"{words['points_to']}. {clues}",
        # A cause the article has no section on (a medicine's side effect) quotes its strongest clue's source.
        quote=_quote(content.section(cause.section), cause.name if cause.kind == "everyday" else "")
        if cause.section else "",  # the article has no words on a medicine's side effect
        sources=tuple(dict.fromkeys(("article", *(clue.source for clue in best.evidence_for)))),
        wrong_why=tuple("" if i == best.id else _cause_feedback(result.cause(i), best, words) for i in option_ids),
        deciding=tuple(() if i == best.id else lines for i in option_ids),
    )


def reachable_levels(content: Content) -> tuple[str, ...]:
    """The urgency levels a scenario can reach: the default one and every level a rule leads to, in rank order.

    >>> reachable_levels(content)
    ('self_care', 'see_doctor', 'urgent', 'emergency')
    """
    used = {"self_care", *(rule.level for rule in content.rules)}
    return tuple(level.id for level in content.levels if level.id in used)


def _rule_line(content: Content, result: Assessment) -> DecidingLine:
    """The urgency rule that decided this case, with its source's words (the default: the article's)."""
    rule = result.urgency_rule
    level = content.level(result.urgency.value)
    if rule.id == "default":
        return DecidingLine(
            text=f"{level.label}: {rule.reason}", quote=content.section("conclusion").paragraphs[0], source=rule.source
        )
    data = next(r for r in content.rules if r.id == rule.id)
    quote = data.quote or band_quote(content, result) or rule.reason
    return DecidingLine(text=f"{level.label}: {rules.words(data.when, content)}", quote=quote, source=rule.source)


def band_quote(content: Content, result: Assessment) -> str:
    """The words of the first danger band a blood test of ``result`` is in ("" when none is)."""
    return next((band.quote for lab in result.labs if lab.level in ("urgent", "emergency")
                 for band in content.labs[lab.id].bands if band.source == lab.source and band.quote), "")


def _level_example(content: Content, level_id: str, words: Mapping[str, str]) -> tuple[DecidingLine, ...]:
    """The first rule that leads to ``level_id``, to show what it would take (none for self-care)."""
    rule = next((r for r in content.rules if r.level == level_id), None)
    if rule is None:
        return ()
    label = words["level_example"].format(option=content.level(level_id).label)
    return (
        DecidingLine(
            text=f"{label}: {rules.words(rule.when, content)}", quote=rule.quote or rule.reason, source=rule.source
        ),
    )


def _urgency_question(case: Scenario, result: Assessment, content: Content, words: Mapping[str, str]) -> Question:
    option_ids = reachable_levels(content)
    rule = result.urgency_rule
    quote = content.section("seek_advice").paragraphs[0] if rule.source == "article" else ""
    answer = content.level(result.urgency.value)
    deciding = _rule_line(content, result)
    wrong_why, lines = [], []
    for level_id in option_ids:
        level = content.level(level_id)
        if level_id == answer.id:
            wrong_why.append("")
            lines.append(())
        elif level.rank < answer.rank:
            wrong_why.append(words["wrong_level_low"].format(option=level.label, answer=answer.label))
            lines.append((deciding,))
        else:
            wrong_why.append(words["wrong_level_high"].format(option=level.label, answer=answer.label))
            lines.append((deciding, *_level_example(content, level_id, words)))
    return Question(
        id=f"urgency-{case.id}",
        kind="urgency",
        scenario_id=case.id,
        story=case.story,
        prompt=words["urgency_prompt"],
        # The label alone: the page marks the right and the chosen option with its own symbols.
        options=tuple(content.level(i).label for i in option_ids),
        option_ids=option_ids,
        correct=option_ids.index(result.urgency.value),
        why=rule.reason,
        quote=quote,
        sources=tuple(dict.fromkeys((rule.source, *content.level(result.urgency.value).sources))),
        wrong_why=tuple(wrong_why),
        deciding=tuple(lines),
    )


def build_questions(
    scenarios: Sequence[Scenario], content: Content, words: Mapping[str, str] | None = None
) -> tuple[Question, ...]:
    """Every question the scenarios allow: a sign question (when 0 or 1 sign is crossed), a cause question (when
    one cause fits best), and an urgency question, for each case.

    ``words`` are the quiz's words (``[quiz]`` in ``data/classroom.toml``); by default the project's own.
    """
    text = words or cached_text()["quiz"]
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
        order = KINDS[turn % len(KINDS) :] + KINDS[: turn % len(KINDS)]
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
