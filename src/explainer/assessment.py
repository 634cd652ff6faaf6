"""The assessment engine: inputs in, crossed signs, cause fit and urgency out, each with its reason and source.

Pure and deterministic: the same inputs and content always give the same :class:`Assessment`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from explainer.content import Cause, Condition, Content, InputSpec, Sign, When, cached_content

__all__ = [
    "Assessment",
    "CauseFit",
    "ClueResult",
    "ConditionResult",
    "InputValue",
    "RuleResult",
    "SignResult",
    "Urgency",
    "assess",
    "format_value",
    "line_text",
    "validate_inputs",
]

InputValue = float | bool | None


class Urgency(StrEnum):
    """What to do next, from least to most urgent. Compare with :attr:`rank`."""

    SELF_CARE = "self_care"
    SEE_DOCTOR = "see_doctor"
    URGENT = "urgent"
    EMERGENCY = "emergency"

    @property
    def rank(self) -> int:
        return list(Urgency).index(self)


@dataclass(frozen=True)
class ConditionResult:
    """One threshold of a sign, compared with the input's value."""

    input: str
    name: str
    value: InputValue
    op: str
    threshold: float | None
    met: bool
    source: str
    teaching: bool
    why: str
    text: str  # the comparison in words, e.g. "pain 8 out of 10 is at or above 7"


@dataclass(frozen=True)
class SignResult:
    id: str
    title: str
    crossed: bool
    match: str
    conditions: tuple[ConditionResult, ...]
    reason: str

    @property
    def values(self) -> dict[str, InputValue]:
        return {c.input: c.value for c in self.conditions}

    @property
    def thresholds(self) -> dict[str, float | None]:
        return {c.input: c.threshold for c in self.conditions}

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.source for c in self.conditions))

    @property
    def teaching(self) -> bool:
        return any(c.teaching for c in self.conditions)


@dataclass(frozen=True)
class ClueResult:
    text: str
    direction: str
    weight: float
    present: bool
    source: str
    explain: str


@dataclass(frozen=True)
class CauseFit:
    id: str
    name: str
    kind: str
    score: float
    clues: tuple[ClueResult, ...]
    explanation: str

    @property
    def evidence_for(self) -> tuple[ClueResult, ...]:
        return tuple(c for c in self.clues if c.present and c.direction == "for")

    @property
    def evidence_against(self) -> tuple[ClueResult, ...]:
        return tuple(c for c in self.clues if c.present and c.direction == "against")

    @property
    def missing(self) -> tuple[ClueResult, ...]:
        """Clues that would count for this cause but are not present."""
        return tuple(c for c in self.clues if not c.present and c.direction == "for")


@dataclass(frozen=True)
class RuleResult:
    id: str
    level: Urgency
    reason: str
    source: str


@dataclass(frozen=True)
class Assessment:
    inputs: Mapping[str, InputValue]
    signs: tuple[SignResult, ...]
    cause_fit: tuple[CauseFit, ...]
    urgency: Urgency
    urgency_rule: RuleResult
    fired_rules: tuple[RuleResult, ...]

    @property
    def crossed_signs(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.signs if s.crossed)

    def sign(self, sign_id: str) -> SignResult:
        return next(s for s in self.signs if s.id == sign_id)

    def cause(self, cause_id: str) -> CauseFit:
        return next(c for c in self.cause_fit if c.id == cause_id)

    @property
    def leading_cause(self) -> CauseFit | None:
        """The best-fitting cause if it fits better than every other one, else None (no single cause stands out).

        A leading cause always has a clue for it present: its score is above another's, so above 0.
        """
        best, runner_up = self.cause_fit[0], self.cause_fit[1]
        return best if best.score > runner_up.score else None


def format_value(spec: InputSpec, value: InputValue) -> str:
    """A value with its unit, in words.

    >>> from explainer.content import InputSpec
    >>> format_value(InputSpec("pain", "Pain", "", "integer", "symptoms", unit="out of 10"), 8)
    '8 out of 10'
    >>> format_value(InputSpec("twitching", "Twitching", "", "flag", "movements"), True)
    'yes'
    """
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    number = f"{value:g}"
    return f"{number} {spec.unit}".strip()


def _range_text(spec: InputSpec) -> str:
    if spec.kind == "flag":
        return "true or false"
    text = f"a number from {spec.min:g} to {spec.max:g}"
    return text + " or None (unknown)" if spec.kind == "lab" else text


def validate_inputs(inputs: Mapping[str, object], content: Content | None = None) -> dict[str, InputValue]:
    """Check ``inputs`` against ``data/inputs.toml`` and fill in defaults.

    Raises:
        ValueError: for an unknown id, a wrong type, NaN or infinity, or a value out of range. The message names
            the input and its allowed range.

    >>> validate_inputs({"pain": 8})["pain"]
    8
    >>> validate_inputs({"pain": 11})
    Traceback (most recent call last):
    ...
    ValueError: pain must be a number from 0 to 10 (got 11)
    """
    content = content or cached_content()
    specs = {spec.id: spec for spec in content.inputs}
    unknown = sorted(set(inputs) - set(specs))
    if unknown:
        raise ValueError(f"unknown input {unknown[0]!r}; the inputs are: {', '.join(specs)}")
    clean: dict[str, InputValue] = {}
    for input_id, spec in specs.items():
        if input_id not in inputs:
            clean[input_id] = spec.default
            continue
        value = inputs[input_id]
        if spec.kind == "flag":
            if not isinstance(value, bool):
                raise ValueError(f"{input_id} must be true or false (got {value!r})")
            clean[input_id] = value
            continue
        if value is None and spec.kind == "lab":
            clean[input_id] = None
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{input_id} must be {_range_text(spec)} (got {value!r})")
        if not math.isfinite(value) or not spec.min <= value <= spec.max:
            raise ValueError(f"{input_id} must be {_range_text(spec)} (got {value!r})")
        clean[input_id] = value
    return clean


def line_text(op: str, threshold: float | None) -> str:
    """A sign's line in words.

    >>> line_text(">=", 7), line_text(">", 10.0), line_text("is_true", None)
    ('7 or more', 'more than 10', 'present')
    """
    if op == "is_true" or threshold is None:
        return "present"
    return f"{threshold:g} or more" if op == ">=" else f"more than {threshold:g}"


def _compare(condition: Condition, spec: InputSpec, value: InputValue) -> ConditionResult:
    if condition.op == "is_true":
        met = value is True
        text = f"{condition.name} is {'present' if met else 'not present'}"
    else:
        assert condition.threshold is not None and isinstance(value, int | float)
        met = value >= condition.threshold if condition.op == ">=" else value > condition.threshold
        line = line_text(condition.op, condition.threshold)
        text = f"{condition.name} is {format_value(spec, value)} (the line is {line})"
    return ConditionResult(
        input=condition.input,
        name=condition.name,
        value=value,
        op=condition.op,
        threshold=condition.threshold,
        met=met,
        source=condition.source,
        teaching=condition.teaching,
        why=condition.why,
        text=text,
    )


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _assess_sign(sign: Sign, specs: Mapping[str, InputSpec], values: Mapping[str, InputValue]) -> SignResult:
    results = tuple(_compare(c, specs[c.input], values[c.input]) for c in sign.conditions)
    met = [r for r in results if r.met]
    unmet = [r for r in results if not r.met]
    crossed = len(unmet) == 0 if sign.match == "all" else len(met) > 0
    if crossed:
        reason = f"Crossed: {_join([r.text for r in met])}."
    elif sign.match == "all":
        reason = f"Not crossed: {_join([r.text for r in unmet])}."
    elif all(r.op == "is_true" for r in results):
        reason = f"Not crossed: none of {_join([r.name for r in results])} is present."
    else:
        reason = f"Not crossed: {_join([r.text for r in unmet])}."
    return SignResult(
        id=sign.id, title=sign.title, crossed=crossed, match=sign.match, conditions=results, reason=reason
    )


def _holds(when: When, content: Content, values: Mapping[str, InputValue], signs: Mapping[str, SignResult]) -> bool:
    if when.any_sign:
        return any(s.crossed for s in signs.values())
    if when.any_lab_low:
        return any(
            (v := values[spec.id]) is not None and v < content.labs[spec.lab].low  # type: ignore[operator]
            for spec in content.inputs
            if spec.kind == "lab"
        )
    if when.lab:
        spec = next(s for s in content.inputs if s.kind == "lab" and s.lab == when.lab)
        value = values[spec.id]
        if value is None:
            return False  # an unknown lab value counts for nothing
        lab = content.labs[when.lab]
        assert isinstance(value, int | float)
        return {
            "low": value < lab.low,
            "normal": lab.low <= value <= lab.high,
            "high": value > lab.high,
        }[when.status]
    if when.sign:
        sign = signs[when.sign]
        if when.input:
            return next(c for c in sign.conditions if c.input == when.input).met
        return sign.crossed
    value = values[when.input]
    if not when.op:
        return value is True
    assert when.value is not None and isinstance(value, int | float)
    return value >= when.value if when.op == ">=" else value > when.value


def _fit(
    cause: Cause, content: Content, values: Mapping[str, InputValue], signs: Mapping[str, SignResult]
) -> CauseFit:
    clues = tuple(
        ClueResult(
            text=clue.text,
            direction=clue.direction,
            weight=clue.weight,
            present=_holds(clue.when, content, values, signs),
            source=clue.source,
            explain=clue.explain,
        )
        for clue in cause.clues
    )
    total_for = sum(c.weight for c in clues if c.direction == "for")
    present_for = [c for c in clues if c.present and c.direction == "for"]
    present_against = [c for c in clues if c.present and c.direction == "against"]
    points = sum(c.weight for c in present_for) - sum(c.weight for c in present_against)
    score = min(1.0, max(0.0, points / total_for))
    n_for = sum(1 for c in clues if c.direction == "for")
    explanation = f"{len(present_for)} of {n_for} {'clue' if n_for == 1 else 'clues'} for it present"
    if present_against:
        explanation += f", and {len(present_against)} against it"
    explanation += f": {points:g} of {total_for:g} points."
    if points < 0:
        explanation += " The score stays at 0."
    return CauseFit(
        id=cause.id,
        name=cause.name,
        kind=cause.kind,
        score=round(score, 4),
        clues=clues,
        explanation=explanation,
    )


def assess(inputs: Mapping[str, object], content: Content | None = None) -> Assessment:
    """Assess a scenario against the article's warning signs, causes and the urgency rules.

    Args:
        inputs: values by input id (see ``data/inputs.toml``); a missing input takes its default.
        content: the loaded ``data/``; by default the project's own, read once.

    Raises:
        ValueError: an unknown id, a wrong type, NaN or infinity, or a value out of range.

    >>> result = assess({"pain": 9, "duration_min": 20})
    >>> result.crossed_signs
    ('intense_prolonged_pain',)
    >>> str(result.urgency)
    'urgent'
    """
    content = content or cached_content()
    values = validate_inputs(inputs, content)
    specs = {spec.id: spec for spec in content.inputs}
    sign_results = tuple(_assess_sign(sign, specs, values) for sign in content.signs)
    signs_by_id = {s.id: s for s in sign_results}

    fits = [_fit(cause, content, values, signs_by_id) for cause in content.causes]
    order = {cause.id: index for index, cause in enumerate(content.causes)}
    fits.sort(key=lambda fit: (-fit.score, order[fit.id]))

    fired = tuple(
        RuleResult(id=rule.id, level=Urgency(rule.level), reason=rule.reason, source=rule.source)
        for rule in content.rules
        if _holds(rule.when, content, values, signs_by_id)
    )
    if fired:
        top = max(rule.level.rank for rule in fired)
        deciding = next(rule for rule in fired if rule.level.rank == top)
    else:
        deciding = RuleResult(
            id="default", level=Urgency.SELF_CARE, reason=content.default_reason, source=content.default_source
        )
    return Assessment(
        inputs=values,
        signs=sign_results,
        cause_fit=tuple(fits),
        urgency=deciding.level,
        urgency_rule=deciding,
        fired_rules=fired,
    )
