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

from explainer import charts
from explainer.assessment import Assessment
from explainer.charts import ChartSpec
from explainer.content import Content

__all__ = [
    "ANSWER_SHOWN",
    "BODY_TYPE",
    "CAUSE_STEP_INPUTS",
    "CHART_REFERENCE_HEIGHT",
    "CHART_REFERENCE_WIDTH",
    "FIRST_STEP",
    "STAGE_ASPECT",
    "URGENCY_STEP_INPUTS",
    "Position",
    "Step",
    "backward",
    "body_type_px",
    "forward",
    "next_step",
    "previous_step",
    "read_position",
    "read_step",
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


# --- The inputs on stage ---------------------------------------------------------------------------------------

# The causes step: one everyday trigger for each kind of cause a room can see move (strain, fluid loss, a nerve).
CAUSE_STEP_INPUTS: tuple[str, ...] = ("overexertion", "dehydration", "numbness")
# What to do next: the NHS 10-minute rule's two inputs, and one danger sign, to show that it decides on its own.
URGENCY_STEP_INPUTS: tuple[str, ...] = ("pain", "duration_min", "breathing_swallowing")


def stage_inputs(number: int, content: Content) -> tuple[str, ...]:
    """The inputs the stage shows beside step ``number``: a sign's own lines, else the step's few inputs.

    >>> [stage_inputs(n, content) for n in (1, 4)]
    [('pain', 'duration_min'), ('twitching', 'jerking', 'shaking')]
    >>> stage_inputs(5, content) == CAUSE_STEP_INPUTS, stage_inputs(6, content) == URGENCY_STEP_INPUTS
    (True, True)
    """
    step = step_at(number, content)
    if step.kind == "sign":
        return tuple(condition.input for condition in content.sign(step.sign_id).conditions)
    return CAUSE_STEP_INPUTS if step.kind == "causes" else URGENCY_STEP_INPUTS


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
