"""The presenter view's steps: which step shows what, the bounds and the titles (its charts are in charts.py).

Steps 1 to 4 show the warning signs one at a time (in ``signs.toml`` order), then one step shows the causes and
the last one what to do next. Nothing here knows about Streamlit: the page only lays the step out.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from explainer.content import Content, cached_content

__all__ = [
    "FIRST_STEP",
    "PRESENTER_SCALE",
    "Step",
    "next_step",
    "previous_step",
    "read_step",
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


def steps(content: Content | None = None, titles: Mapping[str, str] | None = None) -> tuple[Step, ...]:
    """Every step in order: one per warning sign, then the causes, then what to do.

    ``titles`` may give ``sign_title`` (with ``{number}`` and ``{title}``), ``causes_title`` and ``urgency_title``.

    >>> [(s.number, s.kind) for s in steps()][-2:]
    [(5, 'causes'), (6, 'urgency')]
    >>> steps()[0].title
    'Sign 1: Intense and prolonged pain'
    """
    content = content or cached_content()
    words = {
        "sign_title": "Sign {number}: {title}",
        "causes_title": "Which causes fit?",
        "urgency_title": "What to do next",
        **(titles or {}),
    }
    out = [
        Step(number, "sign", words["sign_title"].format(number=number, title=sign.title), sign.id)
        for number, sign in enumerate(content.signs, start=FIRST_STEP)
    ]
    out.append(Step(len(out) + FIRST_STEP, "causes", words["causes_title"]))
    out.append(Step(len(out) + FIRST_STEP, "urgency", words["urgency_title"]))
    return tuple(out)


def step_count(content: Content | None = None) -> int:
    """How many steps there are: one per sign, plus causes and what to do.

    >>> step_count()
    6
    """
    return len((content or cached_content()).signs) + 2


def read_step(raw: object, content: Content | None = None) -> int:
    """A step number from a link or a widget, kept inside the steps; anything unusable gives the first step.

    >>> [read_step(x) for x in ("3", "0", "99", "abc", None, 4.0, "2.5", "inf", "nan")]
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


def next_step(number: int, content: Content | None = None) -> int:
    """The step after ``number``; the last step stays the last.

    >>> next_step(1), next_step(6)
    (2, 6)
    """
    return read_step(number + 1, content)


def previous_step(number: int, content: Content | None = None) -> int:
    """The step before ``number``; the first step stays the first.

    >>> previous_step(2), previous_step(1)
    (1, 1)
    """
    return max(FIRST_STEP, read_step(number, content) - 1)


def step_at(number: int, content: Content | None = None, titles: Mapping[str, str] | None = None) -> Step:
    """The step with this number (kept inside the steps)."""
    return steps(content, titles)[read_step(number, content) - FIRST_STEP]


PRESENTER_SCALE = 1.7  # the presenter view's charts: type and bars 1.7 times the normal size (see charts.py)
