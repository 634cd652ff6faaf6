"""The assessment engine: inputs in, crossed signs, cause fit and urgency out, each with its reason and source.

Pure and deterministic: the same inputs and content always give the same :class:`Assessment`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from explainer import rules, teaching
from explainer.content import Cause, Condition, Content, InputSpec, Lab, Sign, UrgencyRule, cached_content
from explainer.teaching import TeachingLine
from explainer.words import line_text, natural_list, number_text, plural

__all__ = [
    "Assessment",
    "CauseFit",
    "ClueResult",
    "ConditionResult",
    "InputValue",
    "LabResult",
    "RuleResult",
    "SignResult",
    "Urgency",
    "assess",
    "cause_inputs",
    "deciding_inputs",
    "format_value",
    "lab_range",
    "line_text",
    "points_text",
    "validate_inputs",
]

InputValue = float | bool | str | None
KIND_WORDS = {"serious": "serious cause", "medicine": "a medicine's side effect", "everyday": "everyday cause"}


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
class LabResult:
    """One blood test value: where it sits against its usual range and any danger band.

    ``value`` is as entered (in ``unit``); ``main_value`` is in the lab's own unit, which the ranges use.
    ``level`` is the least advice the value alone leads to: self_care in range or unknown, see_doctor out of
    range, or the level of the danger band it falls in.
    """

    id: str
    name: str
    value: float | None
    unit: str
    main_value: float | None
    status: str  # "unknown", "low", "normal" or "high"
    level: str
    source: str  # the source of the range, or of the danger band the value is in


@dataclass(frozen=True)
class ClueResult:
    text: str
    direction: str
    tier: str
    points: int
    present: bool
    source: str
    explain: str
    from_signs: bool = False  # met by the warning signs, not by something the visitor ticked about the cause
    tier_label: str = ""  # the tier in the reader's words, e.g. "strong clue"


@dataclass(frozen=True)
class CauseFit:
    """How much of the evidence the visitor entered points to one cause, in points from fixed clue tiers.

    ``points`` = points of the clues for it that are present - points of the clues against it that are present,
    never below 0. It is not a share and not a chance: a cause with more points simply has more clues for it.
    """

    id: str
    name: str
    kind: str
    points: int
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
    labs: tuple[LabResult, ...] = ()
    min_points_to_lead: int = 1
    everyday_held_back: bool = False  # a danger sign is ticked: no everyday cause stands out (data/causes.toml)

    @property
    def crossed_signs(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.signs if s.crossed)

    def sign(self, sign_id: str) -> SignResult:
        return next(s for s in self.signs if s.id == sign_id)

    def cause(self, cause_id: str) -> CauseFit:
        return next(c for c in self.cause_fit if c.id == cause_id)

    @property
    def serious_causes(self) -> tuple[CauseFit, ...]:
        """The causes the article calls serious, most evidence first (the order of :attr:`cause_fit`)."""
        return tuple(fit for fit in self.cause_fit if fit.kind == "serious")

    @property
    def common_triggers(self) -> tuple[CauseFit, ...]:
        """The everyday causes the visitor ticked a clue of (too little to drink, hard exercise, ...): shown as
        common triggers, not ranked as causes. A clue met only by a warning sign does not make a trigger present:
        long, strong pain counts towards dehydration (the article says it can point there), but nobody said they
        had too little to drink."""
        return tuple(
            fit
            for fit in self.cause_fit
            if fit.kind == "everyday" and any(not clue.from_signs for clue in fit.evidence_for)
        )

    def lab(self, lab_id: str) -> LabResult:
        return next(lab for lab in self.labs if lab.id == lab_id)

    @property
    def leading_cause(self) -> CauseFit | None:
        """The cause with the most evidence, if it has at least the model's minimum (``min_points_to_lead`` in
        ``data/causes.toml``) and more than every other cause; else None: no single cause stands out. An everyday
        cause never stands out beside a danger sign (``everyday_held_back_when`` in the same file).
        """
        best, runner_up = self.cause_fit[0], self.cause_fit[1]
        if best.kind == "everyday" and self.everyday_held_back:
            return None
        if best.points >= self.min_points_to_lead and best.points > runner_up.points:
            return best
        return None


def format_value(spec: InputSpec, value: InputValue) -> str:
    """A value with its unit, in words.

    >>> from explainer.content import InputSpec
    >>> format_value(InputSpec("pain", "Pain", "", "integer", "symptoms", unit="out of 10", default=0), 8)
    '8 out of 10'
    >>> format_value(InputSpec("twitching", "Twitching", "", "flag", "movements"), True)
    'yes'
    >>> format_value(InputSpec("duration_min", "Length", "", "number", "symptoms", unit="minutes", default=0), 1)
    '1 minute'
    """
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    if spec.unit.isalpha() and spec.unit.endswith("s"):  # a count of things: "1 minute", "2 weeks"
        return plural(value, spec.unit.removesuffix("s"), spec.unit)
    return f"{value:g} {spec.unit}".strip()  # a measure: "1 mg/dL", "8 out of 10"


def points_text(points: int) -> str:
    """A cause's evidence in words.

    >>> points_text(1), points_text(4)
    ('1 point', '4 points')
    """
    return plural(points, "point")


def _round(number: float) -> float:
    return round(number, 2)


def lab_range(spec: InputSpec, lab: Lab, unit: str) -> tuple[float, float]:
    """The range a lab input accepts when given in ``unit``: its own range turned into that unit.

    >>> content = cached_content()
    >>> lab_range(content.input("calcium"), content.labs["calcium"], "mmol/L")
    (0.75, 4.99)
    """
    factor = lab.factor(unit)
    return _round(spec.min / factor), _round(spec.max / factor)


def _range_text(spec: InputSpec, low: float | None = None, high: float | None = None) -> str:
    if spec.kind == "flag":
        return "true or false"
    if spec.kind == "choice":
        return "one of " + ", ".join(repr(option) for option in spec.options)
    text = f"a number from {spec.min if low is None else low:g} to {spec.max if high is None else high:g}"
    return text + " or None (unknown)" if spec.kind == "lab" else text


def validate_inputs(inputs: Mapping[str, object], content: Content) -> dict[str, InputValue]:
    """Check ``inputs`` against ``data/inputs.toml`` and fill in defaults.

    Raises:
        ValueError: for an unknown id, a wrong type, NaN or infinity, or a value out of range. The message names
            the input and its allowed range.

    >>> validate_inputs({"pain": 8}, content)["pain"]
    8
    >>> validate_inputs({"pain": 11}, content)
    Traceback (most recent call last):
    ...
    ValueError: pain must be a number from 0 to 10 (got 11)
    """
    specs = {spec.id: spec for spec in content.inputs}
    unknown = sorted(set(inputs) - set(specs))
    if unknown:
        raise ValueError(f"unknown input {unknown[0]!r}; the inputs are: {', '.join(specs)}")
    clean: dict[str, InputValue] = {}
    # Choices first: a lab value's range depends on the unit chosen for it.
    for spec in sorted(specs.values(), key=lambda spec: spec.kind != "choice"):
        input_id = spec.id
        if input_id not in inputs:
            clean[input_id] = spec.default
            continue
        value = inputs[input_id]
        if spec.kind == "flag":
            if not isinstance(value, bool):
                raise ValueError(f"{input_id} must be true or false (got {value!r})")
            clean[input_id] = value
            continue
        if spec.kind == "choice":
            if not isinstance(value, str) or value not in spec.options:
                raise ValueError(f"{input_id} must be {_range_text(spec)} (got {value!r})")
            clean[input_id] = value
            continue
        if value is None and spec.kind == "lab":
            clean[input_id] = None
            continue
        low, high = spec.min, spec.max
        if spec.kind == "lab" and spec.unit_input:
            low, high = lab_range(spec, content.labs[spec.lab], str(clean[spec.unit_input]))
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{input_id} must be {_range_text(spec, low, high)} (got {value!r})")
        if not math.isfinite(value) or not low <= value <= high:
            raise ValueError(f"{input_id} must be {_range_text(spec, low, high)} (got {value!r})")
        clean[input_id] = value
    return {input_id: clean[input_id] for input_id in specs}


def _compare(condition: Condition, spec: InputSpec, value: InputValue) -> ConditionResult:
    if condition.op == "is_true":
        met = value is True
        text = f"{condition.name} is {'present' if met else 'not present'}"
    else:
        assert condition.threshold is not None and isinstance(value, int | float)
        met = value >= condition.threshold if condition.op == ">=" else value > condition.threshold
        line = line_text(condition.op, condition.threshold)
        text = f"{condition.name} is {format_value(spec, value)} (the sign needs {line})"
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


def _assess_sign(sign: Sign, specs: Mapping[str, InputSpec], values: Mapping[str, InputValue]) -> SignResult:
    results = tuple(_compare(c, specs[c.input], values[c.input]) for c in sign.conditions)
    met = [r for r in results if r.met]
    unmet = [r for r in results if not r.met]
    crossed = len(unmet) == 0 if sign.match == "all" else len(met) > 0
    if crossed:
        reason = f"Crossed: {natural_list([r.text for r in met])}."
    elif sign.match == "all":
        reason = f"Not crossed: {natural_list([r.text for r in unmet])}."
    elif all(r.op == "is_true" for r in results):
        reason = f"Not crossed: none of {natural_list([r.name for r in results])} is present."
    else:
        reason = f"Not crossed: {natural_list([r.text for r in unmet])}."
    return SignResult(
        id=sign.id, title=sign.title, crossed=crossed, match=sign.match, conditions=results, reason=reason
    )


def _lab_result(spec: InputSpec, lab: Lab, values: Mapping[str, InputValue]) -> LabResult:
    value = values[spec.id]
    unit = str(values[spec.unit_input]) if spec.unit_input else lab.unit
    if value is None:
        return LabResult(lab.id, lab.name, None, unit, None, "unknown", "self_care", lab.source)
    assert isinstance(value, int | float)
    main = float(value) * lab.factor(unit)
    status = "low" if main < lab.low else "high" if main > lab.high else "normal"
    level = Urgency.SELF_CARE if status == "normal" else Urgency.SEE_DOCTOR  # out of range, either way
    source = lab.source
    for band in lab.bands:  # the most urgent band the value falls in wins
        inside = (band.below is not None and main < band.below) or (
            band.at_or_above is not None and main >= band.at_or_above
        )
        if inside and Urgency(band.level).rank > level.rank:
            level, source = Urgency(band.level), band.source
    return LabResult(lab.id, lab.name, float(value), unit, round(main, 4), status, level.value, source)


def _lab_results(content: Content, values: Mapping[str, InputValue]) -> tuple[LabResult, ...]:
    return tuple(_lab_result(spec, content.labs[spec.lab], values) for spec in content.inputs if spec.kind == "lab")


def cause_inputs(content: Content, cause_id: str) -> frozenset[str]:
    """Every input that can change a cause's fit: the inputs its clues read."""
    return frozenset().union(*(rules.inputs(clue.when, content) for clue in content.cause(cause_id).clues))


def deciding_inputs(assessment: Assessment, content: Content) -> tuple[str, ...]:
    """The inputs that decided the advice: those the deciding rule reads whose value is not their default, in the
    order of ``data/inputs.toml``. None for the default advice (no rule fired).

    >>> deciding_inputs(assess({"statin": True, "pain": 2}, content), content)
    ('statin',)
    >>> deciding_inputs(assess({}, content), content)
    ()
    """
    rule = next((rule for rule in content.rules if rule.id == assessment.urgency_rule.id), None)
    if rule is None:
        return ()
    read = rules.inputs(rule.when, content)
    return tuple(
        spec.id for spec in content.inputs if spec.id in read and assessment.inputs.get(spec.id) != spec.default
    )


def _fit(cause: Cause, facts: rules.Facts) -> CauseFit:
    clues = tuple(
        ClueResult(
            text=clue.text,
            direction=clue.direction,
            tier=clue.tier,
            points=clue.points,
            present=rules.holds(clue.when, facts),
            source=clue.source,
            explain=clue.explain,
            from_signs=rules.reads_signs(clue.when),
            tier_label=clue.tier_label or clue.tier,
        )
        for clue in cause.clues
    )
    present_for = [c for c in clues if c.present and c.direction == "for"]
    present_against = [c for c in clues if c.present and c.direction == "against"]
    raw = sum(c.points for c in present_for) - sum(c.points for c in present_against)
    points = max(0, raw)
    if not present_for:
        explanation = "No clue for it is present: 0 points."
    else:
        explanation = "For it: " + "; ".join(f"{c.text} ({c.tier_label}, +{c.points})" for c in present_for)
        if present_against:
            explanation += ". Against it: " + "; ".join(
                f"{c.text} ({c.tier_label}, -{c.points})" for c in present_against
            )
        explanation += f". Total: {points_text(points)}."
        if raw < 0:
            explanation += " It stays at 0."
    return CauseFit(
        id=cause.id, name=cause.name, kind=cause.kind, points=points, clues=clues, explanation=explanation
    )


def lab_value_text(lab: LabResult) -> str:
    """A blood test's value, in its unit, with its direction and, in a danger band, that it is far out.

    >>> lab_value_text(LabResult("potassium", "Potassium", 6.4, "mmol/L", 6.4, "high", "urgent", "x"))
    'Potassium is 6.4 mmol/L: very high, in a danger band'
    >>> lab_value_text(LabResult("potassium", "Potassium", 3.3, "mmol/L", 3.3, "low", "see_doctor", "x"))
    'Potassium is 3.3 mmol/L: below the usual range'
    """
    value = f"{lab.name} is {number_text(lab.value)} {lab.unit}" if lab.value is not None else lab.name
    if lab.level in ("urgent", "emergency"):
        return f"{value}: very {lab.status}, in a danger band"
    return f"{value}: {'below' if lab.status == 'low' else 'above'} the usual range"


def _rule_result(rule: UrgencyRule, labs: Mapping[str, LabResult]) -> RuleResult:
    """A rule that fired. A blood-test rule's reason names each test that made it fire, with its value and
    direction, and a danger band's rule cites the band's own source."""
    reason, source = rule.reason, rule.source
    if "{labs}" in reason:
        level = rule.when.level if isinstance(rule.when, rules.LabLevel) else ""
        matching = [lab for lab in labs.values() if level and rules.lab_matches(lab, level)]
        reason = reason.replace("{labs}", "; ".join(lab_value_text(lab) for lab in matching) or "A blood test value")
        if matching and level in ("urgent", "emergency"):
            source = matching[0].source
    return RuleResult(id=rule.id, level=Urgency(rule.level), reason=reason, source=source)


def assess(inputs: Mapping[str, object], content: Content | None = None, *,
           teaching_lines: tuple[TeachingLine, ...] = ()) -> Assessment:
    """Assess a scenario against the article's warning signs, causes and the urgency rules.

    Args:
        inputs: values by input id (see ``data/inputs.toml``); a missing input takes its default.
        content: the loaded ``data/``; by default the project's own, read once.
        teaching_lines: teaching lines a presenter moved (:mod:`explainer.teaching`); none by default.

    Raises:
        ValueError: an unknown id, a wrong type, NaN or infinity, or a value out of range;
            ``teaching.LineNotMovableError`` (a ValueError) for a sourced line or a line out of range.

    >>> result = assess({"pain": 9, "duration_min": 20})
    >>> result.crossed_signs
    ('intense_prolonged_pain',)
    >>> str(result.urgency)
    'urgent'
    """
    content = teaching.with_lines(content or cached_content(), teaching_lines)
    values = validate_inputs(inputs, content)
    specs = {spec.id: spec for spec in content.inputs}
    sign_results = tuple(_assess_sign(sign, specs, values) for sign in content.signs)
    signs_by_id = {s.id: s for s in sign_results}
    lab_results = _lab_results(content, values)
    labs_by_id = {lab.id: lab for lab in lab_results}

    facts = rules.Facts(values, signs_by_id, labs_by_id)
    fits = [_fit(cause, facts) for cause in content.causes]
    order = {cause.id: index for index, cause in enumerate(content.causes)}
    fits.sort(key=lambda fit: (-fit.points, order[fit.id]))

    fired = tuple(
        _rule_result(rule, labs_by_id)
        for rule in content.rules
        if rules.holds(rule.when, facts)
    )
    if fired:
        top = max(rule.level.rank for rule in fired)
        deciding = next(rule for rule in fired if rule.level.rank == top)
    else:
        deciding = RuleResult(
            id="default", level=Urgency.SELF_CARE, reason=content.default_reason, source=content.default_source
        )
    held_back = content.everyday_held_back_when
    return Assessment(
        inputs=values,
        signs=sign_results,
        cause_fit=tuple(fits),
        urgency=deciding.level,
        urgency_rule=deciding,
        fired_rules=fired,
        labs=lab_results,
        min_points_to_lead=content.min_points_to_lead,
        everyday_held_back=bool(held_back and rules.holds(held_back, facts)),
    )
