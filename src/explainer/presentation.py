"""The presenter view's steps: which step shows what, the bounds, the titles and questions, the inputs on stage,
asking the room before the answer, and the size of the stage (its charts are in charts.py).

Steps 1 to 4 show the warning signs one at a time (in ``signs.toml`` order), then one step shows the causes and
the last one what to do next. With "ask first" on, each step shows its question, and the next press of Next shows
its answer. Nothing here knows about Streamlit: the page only lays the step out.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from explainer import charts, rules
from explainer.assessment import Assessment, assess
from explainer.charts import ChartSpec
from explainer.content import Content
from explainer.scenarios import Scenario, find_scenario, match_scenario

__all__ = [
    "ANSWER_SHOWN",
    "BODY_TYPE",
    "CHART_REFERENCE_HEIGHT",
    "CHART_REFERENCE_WIDTH",
    "FIRST_STEP",
    "MAX_STAGE_INPUTS",
    "STAGE_ASPECT",
    "Answer",
    "Position",
    "Step",
    "answer",
    "backward",
    "body_type_px",
    "case_on_screen",
    "case_title",
    "deciding_inputs",
    "forward",
    "link_state",
    "next_label",
    "next_step",
    "previous_step",
    "read_position",
    "read_step",
    "signs_now",
    "stage_chart",
    "stage_inputs",
    "stage_size",
    "step_at",
    "step_count",
    "steps",
]

FIRST_STEP = 1
StepKind = Literal["sign", "causes", "urgency"]


@dataclass(frozen=True)
class Step:
    number: int
    kind: StepKind
    title: str
    sign_id: str = ""
    question: str = ""  # what the room is asked before the answer shows


def steps(content: Content, titles: Mapping[str, str] | None = None) -> tuple[Step, ...]:
    """Every step in order: one per warning sign, then the causes, then what to do.

    ``titles`` may give ``sign_title`` and ``sign_question`` (with ``{number}`` and ``{title}``), ``causes_title``,
    ``causes_question``, ``urgency_title`` and ``urgency_question`` (the words are in ``classroom.toml``).

    >>> [(s.number, s.kind) for s in steps(content)][-2:]
    [(5, 'causes'), (6, 'urgency')]
    >>> steps(content)[0].title, steps(content)[1].question
    ('Sign 1: Intense and prolonged pain', 'Is sign 2 met?')
    """
    words = {
        "sign_title": "Sign {number}: {title}",
        "sign_question": "Is sign {number} met?",
        "causes_title": "Which causes fit?",
        "causes_question": "Which cause fits best?",
        "urgency_title": "What to do next",
        "urgency_question": "What should this person do next?",
        **(titles or {}),
    }
    out = [
        Step(
            number,
            "sign",
            words["sign_title"].format(number=number, title=sign.title),
            sign.id,
            words["sign_question"].format(number=number, title=sign.title),
        )
        for number, sign in enumerate(content.signs, start=FIRST_STEP)
    ]
    out.append(Step(len(out) + FIRST_STEP, "causes", words["causes_title"], question=words["causes_question"]))
    out.append(Step(len(out) + FIRST_STEP, "urgency", words["urgency_title"], question=words["urgency_question"]))
    return tuple(out)


def step_count(content: Content) -> int:
    """How many steps there are: one per sign, plus causes and what to do.

    >>> step_count(content)
    6
    """
    return len(content.signs) + 2


def read_step(raw: object, content: Content) -> int:
    """A step number from a link or a widget, kept inside the steps; anything unusable gives the first step.

    >>> [read_step(x, content) for x in ("3", "0", "99", "abc", None, 4.0, "2.5", "inf", "nan")]
    [3, 1, 6, 1, 1, 4, 1, 1, 1]
    """
    last = step_count(content)
    if isinstance(raw, bool) or raw is None:
        return FIRST_STEP
    try:
        number = float(raw) if isinstance(raw, int | float) else float(str(raw).strip())
    except ValueError:
        return FIRST_STEP
    if not math.isfinite(number) or number != int(number):
        return FIRST_STEP
    return min(max(int(number), FIRST_STEP), last)


def next_step(number: int, content: Content) -> int:
    """The step after ``number``; the last step stays the last.

    >>> next_step(1, content), next_step(6, content)
    (2, 6)
    """
    return read_step(number + 1, content)


def previous_step(number: int, content: Content) -> int:
    """The step before ``number``; the first step stays the first.

    >>> previous_step(2, content), previous_step(1, content)
    (1, 1)
    """
    return max(FIRST_STEP, read_step(number, content) - 1)


def step_at(number: int, content: Content, titles: Mapping[str, str] | None = None) -> Step:
    """The step with this number (kept inside the steps)."""
    return steps(content, titles)[read_step(number, content) - FIRST_STEP]


# --- Asking the room first: where the stage is, and what Next and Back do -------------------------------------


@dataclass(frozen=True)
class Position:
    """Where the stage is: a step, and whether its answer shows (always, unless the room is asked first)."""

    step: int
    answer_shown: bool = True


ANSWER_SHOWN = "shown"  # the link's ``answer`` when the room was asked first and the answer shows


def read_position(step: object, answer: object, predict: bool, content: Content) -> Position:
    """The position a link names: its step (see :func:`read_step`), and, when the room is asked first, whether the
    answer shows (only for the link's exact :data:`ANSWER_SHOWN`). Without asking first, the answer always shows.

    >>> read_position("2", None, True, content), read_position("2", "shown", True, content)
    (Position(step=2, answer_shown=False), Position(step=2, answer_shown=True))
    >>> read_position("2", None, False, content), read_position("2", "yes", True, content).answer_shown
    (Position(step=2, answer_shown=True), False)
    """
    return Position(read_step(step, content), answer_shown=not predict or answer == ANSWER_SHOWN)


def forward(position: Position, predict: bool, content: Content) -> Position:
    """What Next shows. Asking first: the question, then its answer, then the next step's question. Otherwise the
    next step. The last answer stays the last.

    >>> forward(Position(2, False), True, content), forward(Position(2, True), True, content)
    (Position(step=2, answer_shown=True), Position(step=3, answer_shown=False))
    >>> forward(Position(2), False, content), forward(Position(6), False, content)
    (Position(step=3, answer_shown=True), Position(step=6, answer_shown=True))
    """
    if predict and not position.answer_shown:
        return Position(position.step, answer_shown=True)
    last = step_count(content)
    if position.step >= last:
        return Position(last, answer_shown=True)
    return Position(next_step(position.step, content), answer_shown=not predict)


def backward(position: Position, predict: bool, content: Content) -> Position:
    """What Back shows: :func:`forward` walked the other way (an answer goes back to its question, a question to
    the answer before it). The first question stays the first.

    >>> backward(Position(3, False), True, content), backward(Position(3, True), True, content)
    (Position(step=2, answer_shown=True), Position(step=3, answer_shown=False))
    >>> backward(Position(1, False), True, content), backward(Position(1), False, content)
    (Position(step=1, answer_shown=False), Position(step=1, answer_shown=True))
    """
    if predict and position.answer_shown:
        return Position(read_step(position.step, content), answer_shown=False)
    if position.step <= FIRST_STEP:
        return Position(FIRST_STEP, answer_shown=not predict)
    return Position(previous_step(position.step, content), answer_shown=True)


# --- The inputs on stage: the ones that decide the step for the case on screen ---------------------------------

MAX_STAGE_INPUTS = 3  # a row of controls the back of the room can read; the sidebar holds every input


def _in_order(ids: frozenset[str] | set[str], values: Mapping[str, object], content: Content) -> tuple[str, ...]:
    """``ids`` the case sets first (they decided it), then the rest, each group in ``inputs.toml`` order."""
    changed = [s.id for s in content.inputs if s.id in ids and values.get(s.id, s.default) != s.default]
    rest = [s.id for s in content.inputs if s.id in ids and s.id not in changed]
    return tuple(changed + rest)


def _cause_inputs(assessment: Assessment, content: Content) -> tuple[str, ...]:
    """The inputs of the clues that count for the leading cause, else for every cause with a clue present: the
    cause's own clues (a tick about the cause), or, when only a warning sign meets them, that sign's inputs."""
    leader = assessment.leading_cause
    fits = [leader] if leader else [fit for fit in assessment.cause_fit if fit.evidence_for]
    own: set[str] = set()
    by_signs: set[str] = set()
    for fit in fits:
        for clue, result in zip(content.cause(fit.id).clues, fit.clues, strict=True):
            if result.present and result.direction == "for":
                (by_signs if result.from_signs else own).update(rules.inputs(clue.when, content))
    if own:  # a tick about the cause itself; the signs' own inputs are on their own steps
        return _in_order(own, assessment.inputs, content)
    if by_signs:
        return _in_order(by_signs, assessment.inputs, content)
    # Nothing points anywhere: the strongest clue of each cause, in data order, to show what would move it.
    strongest = (max(content.cause(fit.id).clues, key=lambda clue: clue.points) for fit in assessment.cause_fit)
    found = frozenset().union(*(rules.inputs(c.when, content) for c in strongest if not rules.reads_signs(c.when)))
    return _in_order(found, assessment.inputs, content)


def _urgency_inputs(assessment: Assessment, content: Content) -> tuple[str, ...]:
    """The inputs of the rule that decides the advice; with no rule fired, of the first rule one level up (so the
    room sees what would move the case off self-care)."""
    rule = next((r for r in content.rules if r.id == assessment.urgency_rule.id), None)
    if rule is None:
        rule = min(content.rules, key=lambda r: content.level(r.level).rank)
    return _in_order(rules.inputs(rule.when, content), assessment.inputs, content)


def deciding_inputs(step: Step, assessment: Assessment, content: Content) -> tuple[str, ...]:
    """The inputs that decide ``step`` for the case ``assessment`` is of, the ones it sets first, at most
    :data:`MAX_STAGE_INPUTS` (a sign: all of its own lines).

    A sign is decided by its lines; the causes by the clues that count for the leading cause (or for every cause
    with a clue, when none leads); what to do next by the deciding rule (``Assessment.urgency_rule``).

    >>> from explainer import assess
    >>> step = steps(content)[-1]
    >>> deciding_inputs(step, assess({"stiff_jaw": True, "pain": 6}), content)
    ('stiff_jaw',)
    >>> deciding_inputs(steps(content)[4], assess({"numbness": True}), content)
    ('numbness',)
    """
    if step.kind == "sign":
        return tuple(condition.input for condition in content.sign(step.sign_id).conditions)
    if step.kind == "urgency":
        return _urgency_inputs(assessment, content)[:MAX_STAGE_INPUTS]
    # The cause chart's eight rows need the stage's height: tick boxes and choices (one short row) when the deciding
    # clues have any, a number (a slider, twice as tall) only when they have none.
    ids = _cause_inputs(assessment, content)
    units = {spec.unit_input for spec in content.inputs if spec.unit_input}  # a lab's unit goes with its value
    compact = tuple(i for i in ids if not content.input(i).is_numeric and i not in units)
    return (compact or ids)[:MAX_STAGE_INPUTS]


def stage_inputs(number: int, content: Content, values: Mapping[str, object] | None = None) -> tuple[str, ...]:
    """The inputs the stage shows beside step ``number`` for the case whose inputs are ``values`` (the case as
    loaded, so that a control does not vanish while the presenter moves it): :func:`deciding_inputs`.

    >>> [stage_inputs(n, content) for n in (1, 4)]
    [('pain', 'duration_min'), ('twitching', 'jerking', 'shaking')]
    >>> stage_inputs(6, content, values={"numbness": True, "pain": 3})
    ('numbness',)
    """
    assessment = assess(dict(values or {}), content)
    return deciding_inputs(step_at(number, content), assessment, content)


# --- What the stage says: the question, or the answer and why -------------------------------------------------

@dataclass(frozen=True)
class Answer:
    """A step's answer as the stage says it: a status line, its words (Markdown, one paragraph each), the small
    print (a note, then the sources by id), whether the NHS's cause story follows, and whether the disclaimer comes
    last (after the action: never above "Call 999")."""

    status: str
    lines: tuple[str, ...] = ()
    note: str = ""
    sources: tuple[str, ...] = ()
    cause_story: bool = False
    disclaimer_last: bool = False


def answer(step: Step, assessment: Assessment, content: Content, words: Mapping[str, str]) -> Answer:
    """The answer of ``step``. ``words`` are ``[present]`` of ``classroom.toml`` and ``teaching_note``.

    >>> from explainer import assess
    >>> words = {"why": "Why", "teaching_note": "Ours.", "no_leader": "None", "points_to": "Points",
    ...          "causes_note": "Note.", "nothing_points": "Nothing."}
    >>> answer(steps(content)[-1], assess({"stiff_jaw": True}), content, words).status
    '☎ Emergency'
    >>> answer(steps(content)[4], assess({}), content, words).lines
    ('Nothing.',)
    """
    if step.kind == "sign":
        sign = assessment.sign(step.sign_id)
        return Answer(charts.status_word(sign.crossed), (sign.reason,), words["teaching_note"] if sign.teaching else "",
                      tuple(sign.sources))
    if step.kind == "causes":
        best = assessment.leading_cause
        if best:
            clues = "; ".join(clue.text for clue in best.evidence_for)
            return Answer(f"★ {best.name}", (f"**{best.name}.** {words['points_to']}: {clues}.",),
                          words["causes_note"], tuple(clue.source for clue in best.evidence_for), cause_story=True)
        nothing = () if any(fit.evidence_for for fit in assessment.cause_fit) else (words["nothing_points"],)
        return Answer(words["no_leader"], nothing, cause_story=True)
    level = content.level(assessment.urgency.value)
    rule = assessment.urgency_rule
    return Answer(f"{level.symbol} {level.label}", (f"**{level.action}**", f"{words['why']}: {rule.reason}"),
                  sources=(rule.source, *level.sources), disclaimer_last=True)


def signs_now(assessment: Assessment, words: Mapping[str, str]) -> str:
    """The four signs and whether each is crossed, as a Markdown list: what the stage shows where a step has no
    chart (what to do next).

    >>> from explainer import assess
    >>> signs_now(assess({}), {"signs_now": "Signs"}).splitlines()[:2]
    ['**Signs**', '']
    """
    rows = [f"- {number}. {sign.title}: {charts.status_word(sign.crossed)}"
            for number, sign in enumerate(assessment.signs, start=FIRST_STEP)]
    return f"**{words['signs_now']}**\n\n" + "\n".join(rows)


def next_label(position: Position, words: Mapping[str, str]) -> str:
    """The Next button's words: "Show the answer" while the room is asked, else "Next".

    >>> next_label(Position(2, False), {"show_answer": "Show", "next": "Next"})
    'Show ▶'
    """
    return (words["next"] if position.answer_shown else words["show_answer"]) + " ▶"


def link_state(position: Position, predict: bool) -> tuple[str, str | None]:
    """The link's ``step`` and ``answer`` for a position: ``answer`` only when the room was asked first and the
    answer shows (None: no ``answer`` in the link).

    >>> link_state(Position(3, True), predict=True), link_state(Position(3, True), predict=False)
    (('3', 'shown'), ('3', None))
    """
    return str(position.step), ANSWER_SHOWN if position.answer_shown and predict else None


def case_on_screen(
    named: str, values: Mapping[str, object], scenarios: tuple[Scenario, ...], content: Content
) -> Scenario | None:
    """The case on stage: the one the link names (changed on stage or not), else the case whose inputs ``values``
    are, else None (the presenter's own scenario).

    >>> from explainer.scenarios import cached_scenarios
    >>> cases = cached_scenarios()
    >>> case_on_screen("gym_cramp", {}, cases, content).id
    'gym_cramp'
    >>> case_on_screen("", {}, cases, content) is None
    True
    """
    return find_scenario(named, scenarios) or match_scenario(values, scenarios, content)


def case_title(title: str, changed: bool, words: Mapping[str, str]) -> str:
    """The case's heading on stage, marked when its inputs were changed on stage.

    >>> case_title("Gym cramp", True, {"changed": "changed on stage"})
    '# Gym cramp (changed on stage)'
    """
    return f"# {title}" + (f" ({words['changed']})" if changed else "")


# --- The chart on stage ----------------------------------------------------------------------------------------

# px: the height of the box each chart is drawn for at scale 1, with CHART_REFERENCE_WIDTH. A chart scales by the
# smaller of its box's two ratios, so the rows of the cause chart never crowd its words.
CHART_REFERENCE_HEIGHT = {"plane": 190, "tiles": 120, "causes": 290}  # causes: eight rows, every cause


def stage_chart(step: Step, assessment: Assessment, content: Content) -> tuple[ChartSpec, str] | None:
    """The chart of a step on stage, fitted to its box, and its text alternative; None when there is nothing to
    draw, so that the stage says so in words and never shows an empty plot.

    A two-part sign is the same plane as on the warning-signs page; a sign of yes/no lines is one tile per line;
    the causes are their evidence in points, unless every cause has none; what to do next has no chart.

    >>> from explainer import assess
    >>> charts = [stage_chart(s, assess({}), content) for s in steps(content)]
    >>> [chart[1].split(" ")[0] if chart else None for chart in charts]
    ['Chart', 'Chart', 'Chart', 'Tiles', None, None]
    >>> stage_chart(steps(content)[4], assess({"overexertion": True}), content)[0].spec["height"]
    'container'
    """
    if step.kind == "sign":
        if charts.plane_inputs(content, step.sign_id):
            kind = "plane"
            chart = charts.sign_plane_spec(assessment, content, sign_id=step.sign_id)
            description = charts.sign_plane_description(assessment, content, sign_id=step.sign_id)
        else:
            kind = "tiles"
            chart = charts.yes_no_spec(assessment, step.sign_id)
            description = charts.yes_no_description(assessment, step.sign_id)
    elif step.kind == "causes" and any(fit.points for fit in assessment.cause_fit):
        kind = "causes"
        chart = charts.cause_chart_spec(assessment)
        description = charts.cause_chart_description(assessment)
    else:
        return None
    return charts.to_fit_container(chart, CHART_REFERENCE_WIDTH, CHART_REFERENCE_HEIGHT[kind]), description


# --- The stage's size: 16:9, as large as the window allows, with type that grows with it ----------------------

STAGE_ASPECT = 16 / 9
BODY_TYPE = 0.0215  # body type as a share of the stage's width: 41 px on a 1920 px stage (slides use about 48)
CHART_REFERENCE_WIDTH = 360  # px: a stage chart is drawn as at this width (the size on a phone) and scaled up


def stage_size(window_width: float, window_height: float) -> tuple[float, float]:
    """The largest 16:9 stage that fits the window, in px (the CSS of the page does the same in the browser).

    >>> stage_size(1920, 1080), stage_size(1920, 960), stage_size(1280, 1024)
    ((1920.0, 1080.0), (1706.7, 960.0), (1280.0, 720.0))
    """
    width = float(min(window_width, window_height * STAGE_ASPECT))
    return round(width, 1), round(width / STAGE_ASPECT, 1)


def body_type_px(window_width: float, window_height: float) -> float:
    """The stage's body type in px for a window: a fixed share of the stage's width.

    >>> body_type_px(1920, 1080), body_type_px(1280, 720), body_type_px(3840, 2160)
    (41.3, 27.5, 82.6)
    """
    return round(stage_size(window_width, window_height)[0] * BODY_TYPE, 1)
