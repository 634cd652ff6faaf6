"""The rule language of ``data/``: the ``when`` of every urgency rule and cause clue, and its one interpreter.

A ``when`` is one of a few kinds (a tagged union of frozen dataclasses). For each kind this module holds, side by
side, everything the app means by it:

- :func:`parse`: the TOML form, checked, with an error that names the file, the row and the field;
- :func:`holds`: whether it holds for a scenario's facts (input values, warning signs, blood tests);
- :func:`inputs`: every input whose value can change that (a lab's unit included);
- :func:`reads_signs`: whether it reads the warning signs;
- :func:`words`: the test in words, for the tables and the quiz;
- :func:`vega`: the same test as a Vega expression, worked out in the browser while a slider moves, or None where
  the browser cannot work it out (blood tests, tick boxes, choices), which leaves it to the server.

The TOML forms (see also the comments in ``data/urgency.toml``)::

    { any_sign = true }                                   # some warning sign is crossed
    { sign = "ID" }                                       # that sign is crossed
    { sign = "ID", input = "INPUT" }                      # that sign's line on INPUT is met
    { input = "FLAG" }                                    # a yes/no input is ticked
    { input = "NUMBER", op = ">" or ">=", value = N }     # a number input against a value
    { input = "CHOICE", is = ["option", ...] }            # a choice input is one of these
    { lab = "ID", status = "low" | "normal" | "high" }    # a blood test against its usual range
    { lab = "ID", status = "low" | "high", band = "urgent" | "emergency" }
                                                          # ... and in a danger band of at least that level
    { lab_level = "see_doctor" | "urgent" | "emergency" } # some blood test out of range / in a band of that level
    { any_in_group = "GROUP" }                            # some yes/no input of that inputs.toml group is ticked
    { all = [ WHEN, WHEN, ... ] }                         # every one holds
    { any = [ WHEN, WHEN, ... ] }                         # at least one holds
    { none = [ WHEN, ... ] }                              # none holds: a source's own exception
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from explainer.errors import DataError
from explainer.words import line_text, natural_list

if TYPE_CHECKING:
    from explainer.assessment import LabResult, SignResult
    from explainer.content import Condition, Content, InputSpec, Lab, Sign

__all__ = [
    "LEVELS",
    "All",
    "AnyInGroup",
    "AnyOf",
    "AnySign",
    "Compare",
    "Facts",
    "Flag",
    "LabLevel",
    "LabStatus",
    "NoneOf",
    "OneOf",
    "SignCrossed",
    "SignLine",
    "When",
    "Where",
    "condition_expression",
    "follow_param",
    "holds",
    "inputs",
    "lab_matches",
    "live_value",
    "parse",
    "reads_signs",
    "sign_expression",
    "vega",
    "words",
]

LEVELS: tuple[str, ...] = ("self_care", "see_doctor", "urgent", "emergency")  # the advice levels, least first
BANDS: tuple[str, ...] = ("urgent", "emergency")  # the levels a lab's danger band can lead to


@dataclass(frozen=True)
class AnySign:
    """Some warning sign is crossed: ``{ any_sign = true }``."""


@dataclass(frozen=True)
class SignCrossed:
    """A warning sign is crossed: ``{ sign = "ID" }``."""

    sign: str


@dataclass(frozen=True)
class SignLine:
    """One line of a warning sign is met, whether or not the whole sign is: ``{ sign = "ID", input = "INPUT" }``."""

    sign: str
    input: str


@dataclass(frozen=True)
class Flag:
    """A yes/no input is ticked: ``{ input = "FLAG" }``."""

    input: str


@dataclass(frozen=True)
class Compare:
    """A number input against a value: ``{ input = "N", op = ">=", value = 1 }``."""

    input: str
    op: Literal[">", ">="]
    value: float


@dataclass(frozen=True)
class OneOf:
    """A choice input is one of some options: ``{ input = "CHOICE", is = ["leg", "foot"] }``."""

    input: str
    options: tuple[str, ...]


@dataclass(frozen=True)
class LabStatus:
    """A blood test is low, normal or high against its usual range (an unknown value counts for nothing); with
    ``band``, also in a danger band of at least that level: ``{ lab = "ID", status = "low", band = "urgent" }``."""

    lab: str
    status: str
    band: str = ""


@dataclass(frozen=True)
class LabLevel:
    """Some blood test is out of its usual range (``see_doctor``) or in a danger band of exactly this level."""

    level: str


@dataclass(frozen=True)
class AnyInGroup:
    """Some yes/no input of an input group (``group`` in inputs.toml) is ticked: ``{ any_in_group = "danger" }``.
    ``inputs`` are the group's yes/no inputs, found when the rule is read."""

    group: str
    inputs: tuple[str, ...]


@dataclass(frozen=True)
class All:
    """Every part holds: ``{ all = [...] }``."""

    parts: tuple[When, ...]


@dataclass(frozen=True)
class AnyOf:
    """At least one part holds: ``{ any = [...] }``."""

    parts: tuple[When, ...]


@dataclass(frozen=True)
class NoneOf:
    """No part holds: ``{ none = [...] }``, a source's own exception ("unless after hard exercise")."""

    parts: tuple[When, ...]


When = (AnySign | SignCrossed | SignLine | Flag | Compare | OneOf | LabStatus | LabLevel | AnyInGroup | All | AnyOf
        | NoneOf)


# --- parse: the TOML forms -----------------------------------------------------------------------------------------

KEYS = frozenset({"any_sign", "sign", "input", "op", "value", "is", "lab", "status", "band", "lab_level",
                  "any_in_group", "all", "any", "none"})


@dataclass(frozen=True)
class Where:
    """Where a ``when`` is read (for the errors) and what it may name."""

    file: str
    row: str
    inputs: Mapping[str, InputSpec]
    signs: Sequence[Sign]
    labs: Mapping[str, Lab]

    def error(self, field: str, problem: str) -> DataError:
        return DataError(self.file, self.row, field, problem)

    def ref(self, field: str, value: str, known: Mapping[str, object] | Sequence[str], what: str) -> str:
        if value not in known:
            raise self.error(field, f"names an unknown {what} {value!r}")
        return value


def parse(raw: object, where: Where) -> When:
    """A ``when`` from its TOML table, checked against the inputs, signs and labs it names.

    Raises:
        DataError: naming the file, the row and the field (``when.input``, ``when.status``, ...).

    >>> from explainer.content import cached_content
    >>> content = cached_content()
    >>> where = Where("causes.toml", "clues[1]", {i.id: i for i in content.inputs}, content.signs, content.labs)
    >>> parse({"lab": "potassium", "status": "low", "band": "urgent"}, where)
    LabStatus(lab='potassium', status='low', band='urgent')
    >>> parse({"lab": "potassium", "status": "low", "band": "soon"}, where)
    Traceback (most recent call last):
    ...
    explainer.errors.DataError: causes.toml, clues[1], field "when.band": must be urgent or emergency (found 'soon')
    """
    if not isinstance(raw, dict) or not raw:
        raise where.error("when", 'must be a table such as { input = "numbness" }')
    extra = set(raw) - KEYS
    if extra:
        raise where.error("when", f"has unknown keys {sorted(extra)}")
    for key, kind in (("all", All), ("any", AnyOf), ("none", NoneOf)):
        if key in raw:
            parts = raw[key]
            if not isinstance(parts, list) or len(parts) < (1 if key == "none" else 2):
                raise where.error(f"when.{key}", "needs a list of at least " + ("one test" if key == "none"
                                                                                  else "two tests"))
            return kind(tuple(parse(part, dataclasses.replace(where, row=f"{where.row} when.{key}[{n}]"))
                              for n, part in enumerate(parts, start=1)))
    if raw.get("any_sign") is True:
        return AnySign()
    if "lab_level" in raw:
        level = raw["lab_level"]
        if level not in LEVELS[1:]:
            raise where.error("lab_level", f"must be one of {', '.join(LEVELS[1:])} (found {level!r})")
        return LabLevel(str(level))
    if "any_in_group" in raw:
        return _parse_group(str(raw["any_in_group"]), where)
    if "lab" in raw:
        return _parse_lab(raw, where)
    if "sign" in raw:
        sign_id = where.ref("when.sign", str(raw["sign"]), [s.id for s in where.signs], "sign")
        input_id = str(raw.get("input", ""))
        if not input_id:
            return SignCrossed(sign_id)
        if input_id not in {c.input for c in next(s for s in where.signs if s.id == sign_id).conditions}:
            raise where.error("when.input", f"sign {sign_id} has no condition on {input_id!r}")
        return SignLine(sign_id, input_id)
    if "input" in raw:
        return _parse_input(raw, where)
    raise where.error("when", "needs one of all, any, any_sign, any_in_group, sign, input, lab, lab_level")


def _parse_group(group: str, where: Where) -> AnyInGroup:
    groups = {spec.group for spec in where.inputs.values()}
    if group not in groups:
        raise where.error("when.any_in_group", f"names an unknown input group {group!r} (the groups: "
                                               f"{', '.join(sorted(groups))})")
    flags = tuple(spec.id for spec in where.inputs.values() if spec.group == group and spec.kind == "flag")
    if not flags:
        raise where.error("when.any_in_group", f"the input group {group!r} has no yes/no input")
    return AnyInGroup(group, flags)


def _parse_lab(raw: Mapping[str, object], where: Where) -> LabStatus:
    lab_id = where.ref("when.lab", str(raw["lab"]), where.labs, "lab")
    status = raw.get("status")
    if status not in ("low", "normal", "high"):
        raise where.error("when.status", "must be low, normal or high")
    if "band" not in raw:
        return LabStatus(lab_id, str(status))
    band = raw["band"]
    if band not in BANDS:
        raise where.error("when.band", f"must be {natural_list(BANDS, 'or')} (found {band!r})")
    if status == "normal":
        raise where.error("when.status", "with a band, must be low or high")
    side = [b for b in where.labs[lab_id].bands if (b.below if status == "low" else b.at_or_above) is not None]
    if not any(LEVELS.index(b.level) >= LEVELS.index(str(band)) for b in side):
        raise where.error("when.band", f"{lab_id} has no {status} danger band of {band} or above in labs.toml, "
                                       "so this test could never hold")
    return LabStatus(lab_id, str(status), str(band))


def _parse_input(raw: Mapping[str, object], where: Where) -> Flag | Compare | OneOf:
    input_id = where.ref("when.input", str(raw["input"]), where.inputs, "input")
    spec = where.inputs[input_id]
    if spec.kind == "choice":
        chosen = raw.get("is")
        if not isinstance(chosen, list) or not chosen or any(c not in spec.options for c in chosen):
            raise where.error("when.is", f"must list some of {input_id}'s options {spec.options}")
        return OneOf(input_id, tuple(chosen))
    if "op" not in raw:
        if spec.kind != "flag":
            raise where.error("when.op", f"{input_id} is a number: give op and value")
        return Flag(input_id)
    if spec.kind not in ("integer", "number"):
        raise where.error("when.op", f"{input_id} is not a number input")
    op = raw["op"]
    if op not in (">=", ">"):
        raise where.error("when.op", 'must be ">=" or ">"')
    value = raw.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise where.error("when.value", "must be a number")
    return Compare(input_id, ">=" if op == ">=" else ">", float(value))


# --- holds: the meaning ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """What a ``when`` is tested on: the checked input values, the warning signs and the blood tests, by id."""

    values: Mapping[str, object]
    signs: Mapping[str, SignResult]
    labs: Mapping[str, LabResult]


def lab_matches(lab: LabResult, level: str) -> bool:
    """``see_doctor``: out of its usual range, either way; ``urgent``/``emergency``: in a danger band of that level."""
    if level == "see_doctor":
        return lab.status in ("low", "high")
    return lab.level == level


def holds(when: When, facts: Facts) -> bool:
    """Whether ``when`` holds for these facts."""
    match when:
        case All(parts):
            return all(holds(part, facts) for part in parts)
        case AnyOf(parts):
            return any(holds(part, facts) for part in parts)
        case NoneOf(parts):
            return not any(holds(part, facts) for part in parts)
        case AnySign():
            return any(sign.crossed for sign in facts.signs.values())
        case SignCrossed(sign):
            return facts.signs[sign].crossed
        case SignLine(sign, input_id):
            return next(c for c in facts.signs[sign].conditions if c.input == input_id).met
        case Flag(input_id):
            return facts.values[input_id] is True
        case Compare(input_id, op, value):
            number = facts.values[input_id]
            assert isinstance(number, int | float)
            return number >= value if op == ">=" else number > value
        case OneOf(input_id, options):
            return facts.values[input_id] in options
        case LabStatus(lab, status, band):
            result = facts.labs[lab]  # an unknown value ("unknown") matches no status
            return result.status == status and (not band or LEVELS.index(result.level) >= LEVELS.index(band))
        case LabLevel(level):
            return any(lab_matches(lab, level) for lab in facts.labs.values())
        case AnyInGroup(_, flags):
            return any(facts.values[input_id] is True for input_id in flags)


# --- inputs: what can change it --------------------------------------------------------------------------------


def _lab_inputs(content: Content, lab_ids: Sequence[str]) -> frozenset[str]:
    specs = [s for s in content.inputs if s.kind == "lab" and s.lab in lab_ids]
    return frozenset(s.id for s in specs) | frozenset(s.unit_input for s in specs if s.unit_input)


def inputs(when: When, content: Content) -> frozenset[str]:
    """Every input whose value can change whether ``when`` holds (a lab value's unit included).

    >>> from explainer.content import cached_content
    >>> sorted(inputs(LabStatus("calcium", "low"), cached_content()))
    ['calcium', 'calcium_unit']
    """
    match when:
        case All(parts) | AnyOf(parts) | NoneOf(parts):
            return frozenset().union(*(inputs(part, content) for part in parts))
        case AnySign():
            return frozenset(c.input for sign in content.signs for c in sign.conditions)
        case SignCrossed(sign):
            return frozenset(c.input for c in content.sign(sign).conditions)
        case SignLine(_, input_id) | Flag(input_id) | Compare(input_id) | OneOf(input_id):
            return frozenset({input_id})
        case LabStatus(lab):
            return _lab_inputs(content, [lab])
        case LabLevel(level):  # every lab for "out of range"; for a band, the labs that have a band of that level
            return _lab_inputs(content, [lab.id for lab in content.labs.values()
                                         if level == "see_doctor" or any(b.level == level for b in lab.bands)])
        case AnyInGroup(_, flags):
            return frozenset(flags)


def reads_signs(when: When) -> bool:
    """Whether ``when`` reads the warning signs (a sign, a line of one, or any sign), in whole or in part."""
    match when:
        case All(parts) | AnyOf(parts) | NoneOf(parts):
            return any(reads_signs(part) for part in parts)
        case AnySign() | SignCrossed() | SignLine():
            return True
        case _:
            return False


# --- words: the test as the tables say it --------------------------------------------------------------------------


def words(when: When, content: Content) -> str:
    """The test in words.

    >>> from explainer.content import cached_content
    >>> words(Flag("numbness"), cached_content())
    'Numbness or loss of feeling'
    >>> words(LabStatus("potassium", "low", "urgent"), cached_content())
    "Potassium is low, in a danger band that leads to 'Urgent' or higher"
    """
    match when:
        case All(parts):
            return " and ".join(_part_words(part, content, All) for part in parts)
        case AnyOf(parts):
            return natural_list([_part_words(part, content, AnyOf) for part in parts], "or")
        case AnySign():
            return "Any warning sign is crossed"
        case SignCrossed(sign):
            return f"'{content.sign(sign).title}' is crossed"
        case SignLine(sign_id, input_id):
            sign = content.sign(sign_id)
            condition = next(c for c in sign.conditions if c.input == input_id)
            line = line_text(condition.op, condition.threshold)
            return f"{content.input(input_id).label}: {line} (the line from '{sign.title}')"
        case Flag(input_id):
            return content.input(input_id).label
        case Compare(input_id, op, value):
            return f"{content.input(input_id).label} {op} {value:g}"
        case OneOf(input_id, options):
            return f"{content.input(input_id).label}: {natural_list(options, 'or')}"
        case LabStatus(lab, status, band):
            name = content.labs[lab].name
            if band:
                return f"{name} is {status}, in a danger band that leads to '{content.level(band).label}' or higher"
            return f"{name} is {'in its usual range' if status == 'normal' else status}"
        case LabLevel(level):
            if level == "see_doctor":
                return "Any blood test value is outside its usual range, high or low"
            return f"Any blood test value is in a danger band that leads to '{content.level(level).label}'"
        case AnyInGroup(_, flags):
            return f"Any of these is ticked: {natural_list([content.input(i).label for i in flags], 'or')}"
        case NoneOf(parts):
            return "none of these: " + "; ".join(words(part, content) for part in parts)


def _part_words(part: When, content: Content, outer: type) -> str:
    """A part's words, in brackets where it joins its own parts another way than the whole."""
    text = words(part, content)
    return f"({text})" if isinstance(part, All | AnyOf) and not isinstance(part, outer) else text


# --- vega: the test in the browser ----------------------------------------------------------------------------------


def follow_param(input_id: str) -> str:
    """The name of the chart parameter that holds a slider's value in the browser (bound to the chart's own
    copy of it, ``charts.follow_binding``)."""
    return f"follow_{input_id}"


def live_value(input_id: str, fallback: str = "") -> str:
    """A slider's value in the browser: its copy's (ui/follow.py), else the value the server sent in the row
    (``fallback``, by default the row's ``v_<input>``)."""
    param = follow_param(input_id)
    return f"(isValid({param}) && {param} !== '' ? toNumber({param}) : {fallback or f'datum.v_{input_id}'})"


def condition_expression(condition: Condition, sliders: frozenset[str], fallbacks: Mapping[str, str] | None = None
                         ) -> str:
    """One line of a sign: a slider's against its line in the browser; a tick box's as the server sent it.
    ``fallbacks``: where a row keeps an input's value under another name than ``v_<input>``."""
    if condition.input in sliders:
        value = live_value(condition.input, (fallbacks or {}).get(condition.input, ""))
        return f"({value} {condition.op} {float(condition.threshold)!r})"  # type: ignore[arg-type]
    return f"(datum.v_{condition.input} === true)"


def sign_expression(content: Content, sign_id: str, sliders: frozenset[str],
                    fallbacks: Mapping[str, str] | None = None) -> str:
    """Whether a sign is met, as ``assessment._assess_sign`` decides it (its lines and its "all"/"any")."""
    sign = content.sign(sign_id)
    joiner = " && " if sign.match == "all" else " || "
    return "(" + joiner.join(condition_expression(c, sliders, fallbacks) for c in sign.conditions) + ")"


def vega(when: When, content: Content, sliders: frozenset[str]) -> str | None:
    """``when`` as a Vega expression over a row's ``v_<input>`` values and the sliders' live values, or None when
    the browser does not work it out: it reads no slider, or (for ``all`` and ``any``) some part is left to the
    server, which redraws the chart after the release. Tick boxes inside a sign are read from the row.

    >>> from explainer.content import cached_content
    >>> vega(Compare("weakness", ">", 0), cached_content(), frozenset({"weakness"}))
    "((isValid(follow_weakness) && follow_weakness !== '' ? toNumber(follow_weakness) : datum.v_weakness) > 0.0)"
    >>> vega(Flag("twitching"), cached_content(), frozenset({"weakness"})) is None
    True
    """
    match when:
        case All(parts) | AnyOf(parts):
            expressions = [vega(part, content, sliders) for part in parts]
            if any(e is None for e in expressions):
                return None
            joiner = " && " if isinstance(when, All) else " || "
            return "(" + joiner.join(e for e in expressions if e is not None) + ")"
        case AnySign():
            if not inputs(when, content) & sliders:
                return None
            return "(" + " || ".join(sign_expression(content, s.id, sliders) for s in content.signs) + ")"
        case SignCrossed(sign):
            return sign_expression(content, sign, sliders) if inputs(when, content) & sliders else None
        case SignLine(sign, input_id):
            if input_id not in sliders:
                return None
            return condition_expression(next(c for c in content.sign(sign).conditions if c.input == input_id),
                                        sliders)
        case Compare(input_id, op, value):
            return f"({live_value(input_id)} {op} {float(value)!r})" if input_id in sliders else None
        case _:
            return None  # tick boxes, choices, blood tests and groups: the server works them out
