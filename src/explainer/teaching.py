"""Teaching lines a presenter may move: only the lines data/signs.toml marks as the app's own teaching choice
(``teaching = true``: no source gives a number), never a line a source gives.

A moved line is an explicit, typed input of :func:`explainer.assess` (``teaching_lines``); everything that reads the
lines (the signs, the rules that read them, the charts and their browser expressions) then reads the content with
the lines moved (:func:`with_lines`), so the whole app follows one line, and a link carries it (``line_<input>``,
read by :mod:`explainer.links`).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass

import msgspec

from explainer.content import Condition, Content

__all__ = ["LineNotMovableError", "TeachingLine", "check", "movable", "moved_lines", "moved_names", "with_lines"]

LINK_PREFIX = "line_"  # a link's parameter for a moved line: line_pain=5


class LineNotMovableError(ValueError):
    """A line that may not move (a sourced one, a yes/no one) or a value outside its input's range; the message is
    plain words for the visitor."""


@dataclass(frozen=True, order=True)
class TeachingLine:
    """A teaching line moved to ``value``: the line of the warning sign on ``input``."""

    input: str
    value: float


def movable(content: Content) -> tuple[Condition, ...]:
    """The lines a presenter may move, in article order: number lines marked ``teaching = true``.

    >>> from explainer.content import cached_content
    >>> [c.input for c in movable(cached_content())]
    ['pain', 'episodes_per_week', 'weeks_affected', 'weakness', 'fatigue']
    """
    return tuple(c for sign in content.signs for c in sign.conditions if c.teaching and c.op != "is_true")


def check(content: Content, line: TeachingLine) -> TeachingLine:
    """``line`` if it may move there, else :class:`LineNotMovableError` in plain words.

    >>> from explainer.content import cached_content
    >>> check(cached_content(), TeachingLine("duration_min", 5))
    Traceback (most recent call last):
    ...
    explainer.teaching.LineNotMovableError: The line for spasm length comes from a source, so it cannot be moved.
    """
    lines = {c.input: c for sign in content.signs for c in sign.conditions}
    if line.input not in lines:
        raise LineNotMovableError(f"No warning sign has a line for {line.input!r}.")
    condition = lines[line.input]
    if condition.op == "is_true":
        raise LineNotMovableError(f"The line for {condition.name} is yes or no, so it cannot be moved.")
    if not condition.teaching:
        raise LineNotMovableError(f"The line for {condition.name} comes from a source, so it cannot be moved.")
    spec = content.input(line.input)
    if not math.isfinite(line.value) or not spec.min <= line.value <= spec.max:
        raise LineNotMovableError(f"The line for {condition.name} must be from {spec.min:g} to {spec.max:g}.")
    return line


def moved_lines(content: Content, chosen: Mapping[str, float]) -> tuple[TeachingLine, ...]:
    """The lines a presenter has moved: each chosen value (by input id) that differs from data/signs.toml's line,
    checked, in order. A value at the data's line is no moved line, so a link without it means the same.

    >>> from explainer.content import cached_content
    >>> moved_lines(cached_content(), {"pain": 5, "fatigue": 5})  # fatigue's line is at 5 already
    (TeachingLine(input='pain', value=5.0),)
    """
    lines = {c.input: c for c in movable(content)}
    moved = (TeachingLine(input_id, float(value)) for input_id, value in chosen.items()
             if input_id in lines and float(value) != float(lines[input_id].threshold))
    return tuple(sorted(check(content, line) for line in moved))


def moved_names(content: Content, lines: tuple[TeachingLine, ...]) -> tuple[str, ...]:
    """The names of the moved lines' measures, in article order, for a plain sentence.

    >>> from explainer.content import cached_content
    >>> moved_names(cached_content(), (TeachingLine("fatigue", 2), TeachingLine("pain", 5)))
    ('pain', 'tiring')
    """
    inputs = {line.input for line in lines}
    return tuple(c.name for c in movable(content) if c.input in inputs)


_derived: dict[tuple[int, tuple[TeachingLine, ...]], tuple[Content, Content]] = {}
DERIVED_KEPT = 64


def _moved(content: Content, lines: tuple[TeachingLine, ...]) -> Content:
    """One derived content per loaded content and set of lines (kept beside the content it came from, so that
    identity is never reused while the entry lives)."""
    key = (id(content), lines)
    if key in _derived:
        return _derived[key][1]
    if len(_derived) >= DERIVED_KEPT:
        _derived.clear()
    moved = {line.input: line.value for line in lines}
    signs = tuple(
        msgspec.structs.replace(sign, conditions=tuple(
            msgspec.structs.replace(c, threshold=moved[c.input]) if c.input in moved else c
            for c in sign.conditions))
        for sign in content.signs
    )
    derived = dataclasses.replace(content, signs=signs)
    _derived[key] = (content, derived)
    return derived


def with_lines(content: Content, lines: tuple[TeachingLine, ...]) -> Content:
    """The content with these teaching lines moved (each checked first); the same object for the same lines, so
    the charts' template cache keeps working. No lines: ``content`` itself.

    Raises:
        LineNotMovableError: a sourced line, a yes/no line, or a value out of range.
    """
    if not lines:
        return content
    for line in lines:
        check(content, line)
    return _moved(content, tuple(sorted(set(lines))))
