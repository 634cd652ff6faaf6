"""The shape of every file in ``data/``, as types: the types are the schema.

Each TOML file is decoded into the frozen types below with `msgspec <https://jcristharif.com/msgspec/>`_: a field of
the wrong type, a value outside its range or its list of allowed values, a missing field and a field the type does
not know (a typo) are all refused here, by declaration, before any code reads the data. What a declaration cannot
say but one row or one file can check alone (a lab's bands against its usual range, a choice input's default among
its options) the type checks itself, in its ``__post_init__``, raising :func:`invalid` with the field. Only what ties
rows or files together (an id used twice, a reference to a source, an input, a lab, a tier, a section) is checked
afterwards, once, in :mod:`explainer.content`. The same types publish the JSON Schema in ``data/schema/`` that an
editor with a TOML language server (taplo, Even Better TOML) uses to check a file as you type.

Why msgspec and not pydantic v2: it is one small wheel with no dependencies of its own (pydantic brings
pydantic-core, annotated-types and typing-inspection), it decodes frozen ``Struct`` types that behave like the
frozen dataclasses the rest of the code already reads, it refuses unknown fields with one class option, and its
errors carry the path (``$.labs[1].units[0].to_main``) that :func:`decode` turns into the project's plain
"file, row (id), field" wording.
"""

from __future__ import annotations

import math
import re
import string
import tomllib
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, TypeVar

import msgspec

from explainer.errors import DataError
from explainer.rules import LEVELS

if TYPE_CHECKING:
    from explainer.rules import When

__all__ = [
    "FILES",
    "Block",
    "Cause",
    "Clue",
    "Condition",
    "Content",
    "InputSpec",
    "Lab",
    "LabBand",
    "LabRange",
    "LabUnit",
    "Misconception",
    "NoClearCause",
    "RetiredInput",
    "RoomPhone",
    "RoomStage",
    "RoomVote",
    "RoomWords",
    "Section",
    "SelfCareStep",
    "SessionFile",
    "Sign",
    "Source",
    "Tier",
    "UrgencyLevel",
    "UrgencyRule",
    "decode",
    "invalid",
    "read_toml",
    "row_label",
]

Text = Annotated[str, msgspec.Meta(min_length=1, pattern=r"\S")]  # non-empty, not only spaces
Id = Annotated[str, msgspec.Meta(min_length=1, pattern=r"^[a-z0-9_]+$")]
Url = Annotated[str, msgspec.Meta(pattern=r"^(https://.*)?$")]
Positive = Annotated[float, msgspec.Meta(gt=0)]
AtLeastOne = Annotated[int, msgspec.Meta(ge=1)]
Level = Literal["self_care", "see_doctor", "urgent", "emergency"]  # rules.LEVELS, least first
BandLevel = Literal["urgent", "emergency"]
InputKind = Literal["integer", "number", "flag", "lab", "choice"]
InputGroup = Literal["danger", "symptoms", "movements", "context", "labs"]
SectionKind = Literal["standfirst", "introduction", "sign", "causes_introduction", "cause", "seek_advice",
                      "conclusion", "disclaimer"]
assert Level.__args__ == LEVELS, "model.Level must list rules.LEVELS"  # one list of levels, checked at import

T = TypeVar("T")


def _some(kind: Any) -> Any:
    """A list with at least one entry."""
    return Annotated[tuple[kind, ...], msgspec.Meta(min_length=1)]


class Row(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A row of a data file: frozen, and a field it does not declare is refused."""


def invalid(where: str, problem: str) -> ValueError:
    """What a type's ``__post_init__`` raises when a check of its own fails. ``where`` is the field, or a path below
    the row counted from 0 as msgspec does (``bands[1].below``); :func:`decode` names the file, row and field.

    >>> str(invalid("max", "must be larger than min"))
    'must be larger than min - in `.max`'
    """
    return ValueError(f"{problem} - in `.{where}`")


# ---- types the rest of the code reads as they are in the file ---------------------------------------------------

class Source(Row):
    id: Id
    short: Text
    title: Text
    publisher: Text
    url: Url  # "" for our own (the article, the teaching lines)
    verified: bool


class Section(Row, kw_only=True):
    id: Id
    kind: SectionKind
    heading: str = ""
    paragraphs: _some(Text)


class InputSpec(Row):
    id: Id
    label: Text
    help: Text
    kind: InputKind
    group: InputGroup
    unit: str = ""
    min: float = 0.0
    max: float = 1.0
    step: Positive = 1.0
    default: float | bool | str | None = None
    lab: str = ""
    options: tuple[Text, ...] = ()  # a choice input's values, as shown and as written in a link
    unit_input: str = ""  # a lab input: the choice input that holds the unit its value is given in

    @property
    def is_numeric(self) -> bool:
        return self.kind in ("integer", "number", "lab")

    def __post_init__(self) -> None:
        """Each kind's own fields, checked; the fields a kind does not use, set to what the code expects."""
        if self.kind == "flag":
            if not isinstance(self.default, bool | None):
                raise invalid("default", "must be true or false")
            msgspec.structs.force_setattr(self, "default", bool(self.default))
        elif self.kind == "choice":
            if not self.options:
                raise invalid("options", "needs at least one option")
            if len(set(self.options)) != len(self.options):
                raise invalid("options", "names an option twice")
            if self.default not in self.options or not isinstance(self.default, str):
                raise invalid("default", f"must be one of the options ({', '.join(self.options)})")
        else:
            self._check_range()

    def _check_range(self) -> None:
        """A number or lab input: its unit and range; a number's default inside the range."""
        if not self.unit.strip():
            raise invalid("unit", "must not be empty")
        if self.min >= self.max:
            raise invalid("max", "must be larger than min")
        if self.kind == "lab":  # a lab value is unknown until typed in
            if not self.lab:
                raise invalid("lab", "must not be empty")
            msgspec.structs.force_setattr(self, "default", None)
            return
        if isinstance(self.default, bool | str | None):
            raise invalid("default", "must be a finite number")
        if not self.min <= self.default <= self.max:
            raise invalid("default", f"must lie between min {self.min:g} and max {self.max:g}")
        if self.kind == "integer" and any(float(v) != int(v) for v in (self.min, self.max, self.step, self.default)):
            raise invalid("step", "an integer input needs whole numbers for min, max, step, default")
        msgspec.structs.force_setattr(self, "default", float(self.default))
        msgspec.structs.force_setattr(self, "lab", "")
        msgspec.structs.force_setattr(self, "unit_input", "")


class RetiredInput(Row, kw_only=True):
    """An input that old links may still name: such a link ticks ``becomes`` instead and shows ``note``."""

    id: Id
    becomes: Id
    note: Text


class Condition(Row, kw_only=True):
    input: Id
    name: Text
    op: Literal[">=", ">", "is_true"]
    threshold: float | None = None
    source: Id
    teaching: bool
    why: Text

    def __post_init__(self) -> None:
        if self.op != "is_true" and self.threshold is None:
            raise invalid("threshold", "must be a finite number")
        if self.teaching != (self.source == "teaching"):
            raise invalid("teaching", 'must be true exactly when source is "teaching"')


class Sign(Row, kw_only=True):
    id: Id
    title: Text
    summary: Text
    match: Literal["all", "any"]
    conditions: _some(Condition)


class LabUnit(Row, kw_only=True):
    """Another unit a lab value may be given in: ``value in unit * to_main`` is the value in the lab's own unit."""

    unit: Text
    to_main: Positive
    source: Id


class Tier(Row, kw_only=True):
    """How much a clue counts: a fixed, documented number of points."""

    id: Id
    points: AtLeastOne
    meaning: Text
    label: Text  # the reader's words for it, e.g. "strong clue" (the id stays the data's name)


class SelfCareStep(Row, kw_only=True):
    """One self-care step a source gives, with its words; ``when``: shown only while that yes/no input is ticked."""

    text: Text
    source: Id
    quote: Text
    when: str = ""


class NoClearCause(Row, kw_only=True):
    """What the causes page says when no cause stands out (``text``) or an everyday one does (``everyday``), and the
    self-care steps (``data/causes.toml``, ``[no_clear_cause]``)."""

    text: Text
    source: Id
    quote: Text
    everyday: Text
    everyday_source: Id
    everyday_quote: Text
    steps_heading: Text
    steps: _some(SelfCareStep)


class UrgencyLevel(Row, kw_only=True):
    id: Level
    rank: int
    label: Text
    symbol: Text
    action: Text
    sources: _some(Id)
    note: str = ""


# ---- rows the loader turns into richer objects (explainer.content) ---------------------------------------------

class Differs(Row, kw_only=True):
    """Another source that says otherwise (``differs``) and its own words (``differs_quote``): both or neither."""

    differs: str = ""
    differs_quote: str = ""

    def __post_init__(self) -> None:
        if bool(self.differs) != bool(self.differs_quote):
            missing = "differs_quote" if self.differs else "differs"
            raise invalid(missing, "differs and differs_quote go together: give both or neither")


class LabRangeRow(Row, kw_only=True):
    low: float
    high: float
    unit: str = ""  # "" for the lab's own unit
    source: Id
    quote: str = ""

    def __post_init__(self) -> None:
        if self.low >= self.high:
            raise invalid("high", "must be larger than low")


class LabBandRow(Differs, kw_only=True):
    level: BandLevel
    below: float | None = None
    at_or_above: float | None = None
    unit: str = ""
    source: Id
    why: Text
    quote: str = ""

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.below is None and self.at_or_above is None:
            raise invalid("below", "a band needs below, at_or_above, or both")


class LabRow(Row, kw_only=True):
    id: Id
    name: Text
    unit: Text
    low: float
    high: float
    source: Id
    note: str = ""
    units: tuple[LabUnit, ...] = ()
    bands: tuple[LabBandRow, ...] = ()
    ranges: tuple[LabRangeRow, ...] = ()

    def in_main(self, value: float | None, unit: str) -> float | None:
        """``value``, given in ``unit`` ("" for the lab's own), in the lab's own unit to 4 places."""
        factor = 1.0 if unit in ("", self.unit) else next(u.to_main for u in self.units if u.unit == unit)
        return None if value is None else round(value * factor, 4)

    def __post_init__(self) -> None:
        """The usual range is the widest of the sources' ranges; a danger band lies outside it."""
        if self.low >= self.high:
            raise invalid("high", "must be larger than low")
        for index, given in enumerate(self.ranges):
            self._check_unit(f"ranges[{index}]", given.unit)
        lows = [self.in_main(given.low, given.unit) for given in self.ranges]
        highs = [self.in_main(given.high, given.unit) for given in self.ranges]
        if self.ranges and (self.low, self.high) != (min(lows), max(highs)):
            raise invalid("low", "low and high must be the lowest low and the highest high of the ranges, in the "
                                 "lab's own unit (to 4 places)")
        for index, band in enumerate(self.bands):
            self._check_unit(f"bands[{index}]", band.unit)
            below, above = self.in_main(band.below, band.unit), self.in_main(band.at_or_above, band.unit)
            if below is not None and below > self.low:
                raise invalid(f"bands[{index}].below", f"must not be above the usual range's low end {self.low:g}")
            if above is not None and above <= self.high:
                raise invalid(f"bands[{index}].at_or_above",
                              f"must be above the usual range's high end {self.high:g}")

    def _check_unit(self, row: str, unit: str) -> None:
        units = (self.unit, *(u.unit for u in self.units))
        if unit and unit not in units:
            raise invalid(f"{row}.unit", f"must be one of the lab's units ({', '.join(units)})")


class ClueRow(Row, kw_only=True):
    text: Text
    direction: Literal["for", "against"]
    tier: Id
    when: dict[str, Any]  # the rule language: explainer.rules.parse checks it
    source: Id
    explain: Text
    quote: str = ""


class CauseRow(Row, kw_only=True):
    id: Id
    name: Text
    kind: Literal["serious", "medicine", "everyday"]
    section: str = ""  # "" where the article has no section on it (a medicine's side effect)
    summary: Text
    clues: _some(ClueRow)

    def __post_init__(self) -> None:
        if not any(clue.direction == "for" for clue in self.clues):
            raise invalid("clues", 'needs at least one clue with direction "for"')


class RuleRow(Differs, kw_only=True):
    id: Id
    level: Level
    when: dict[str, Any]
    reason: Text
    source: Id
    quote: str = ""


class Model(Row, kw_only=True):
    min_points_to_lead: AtLeastOne
    everyday_held_back_when: dict[str, Any] | None = None  # the rule language: explainer.rules.parse checks it


class Default(Row, kw_only=True):
    reason: Text
    source: Id


class Term(Row, kw_only=True):
    id: Id
    term: Text
    aliases: _some(Text)  # the word as the article writes it
    definition: Text
    source: Id


class ScenarioRow(Row, kw_only=True):
    id: Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9_]+$")]  # it goes in links
    title: Text
    story: Text
    inputs: dict[str, int | float | bool | str]
    learning_point: Text
    sections: _some(Id)
    expect_crossed: tuple[Id, ...]
    expect_urgency: Level
    expect_top_cause: str | None = None


# ---- what the loader builds from those rows (explainer.content) -----------------------------------------------

@dataclass(frozen=True)
class LabRange:
    """One source's usual range, as it gives it (``unit``); ``low_main``/``high_main`` in the lab's own unit."""

    low: float
    high: float
    unit: str
    low_main: float
    high_main: float
    source: str
    quote: str = ""


@dataclass(frozen=True)
class LabBand:
    """A danger band: a value below ``below`` or at or above ``at_or_above`` (in the lab's own unit) leads to
    ``level``. ``given`` is the limit as its source gives it, in ``given_unit``."""

    level: str
    below: float | None
    at_or_above: float | None
    source: str
    why: str
    quote: str = ""  # the source's own words, whole ("" where we have not read them word for word)
    given: float | None = None
    given_unit: str = ""
    differs: str = ""  # another source that puts the line elsewhere, and its words
    differs_quote: str = ""


@dataclass(frozen=True)
class Lab:
    id: str
    name: str
    unit: str
    low: float
    high: float
    source: str
    note: str
    units: tuple[LabUnit, ...] = ()
    bands: tuple[LabBand, ...] = ()
    ranges: tuple[LabRange, ...] = ()

    def factor(self, unit: str) -> float:
        """How to turn a value in ``unit`` into the lab's own unit."""
        if unit == self.unit:
            return 1.0
        return next(u.to_main for u in self.units if u.unit == unit)

    @property
    def unit_names(self) -> tuple[str, ...]:
        return (self.unit, *(u.unit for u in self.units))


@dataclass(frozen=True)
class Clue:
    text: str
    direction: Literal["for", "against"]
    tier: str
    points: int
    when: When
    source: str
    explain: str
    quote: str = ""  # the source's own words, briefly ("" where we have not read them word for word)
    tier_label: str = ""  # the tier in the reader's words, e.g. "strong clue"


@dataclass(frozen=True)
class Cause:
    id: str
    name: str
    kind: Literal["serious", "medicine", "everyday"]
    section: str  # "" where the article has no section on it (a medicine's side effect)
    summary: str
    clues: tuple[Clue, ...]


@dataclass(frozen=True)
class UrgencyRule:
    id: str
    level: str
    when: When
    reason: str
    source: str
    quote: str = ""  # the source's own words, whole ("" where we have not read them word for word)
    differs: str = ""  # another source that says otherwise, and its words (the reason says which the app follows)
    differs_quote: str = ""


@dataclass(frozen=True)
class Content:
    title: str
    sections: tuple[Section, ...]
    sources: Mapping[str, Source]
    inputs: tuple[InputSpec, ...]
    signs: tuple[Sign, ...]
    labs: Mapping[str, Lab]
    causes: tuple[Cause, ...]
    levels: tuple[UrgencyLevel, ...]
    rules: tuple[UrgencyRule, ...]
    default_reason: str
    default_source: str
    tiers: tuple[Tier, ...] = ()
    min_points_to_lead: int = 1
    retired: tuple[RetiredInput, ...] = ()
    no_clear_cause: NoClearCause | None = None
    everyday_held_back_when: When | None = None  # an everyday cause never stands out while this holds

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    def input(self, input_id: str) -> InputSpec:
        return next(i for i in self.inputs if i.id == input_id)

    def sign(self, sign_id: str) -> Sign:
        return next(s for s in self.signs if s.id == sign_id)

    def cause(self, cause_id: str) -> Cause:
        return next(c for c in self.causes if c.id == cause_id)

    def level(self, level_id: str) -> UrgencyLevel:
        return next(lv for lv in self.levels if lv.id == level_id)



# ---- the files ------------------------------------------------------------------------------------------------

class ArticleFile(Row, kw_only=True):
    title: Text
    source: str = ""
    sections: _some(Section)


class SourcesFile(Row, kw_only=True):
    sources: _some(Source)

    def __post_init__(self) -> None:
        ids = {source.id for source in self.sources}
        if "article" not in ids or "teaching" not in ids:
            raise invalid("id", 'needs the sources "article" and "teaching"')


class InputsFile(Row, kw_only=True):
    inputs: _some(InputSpec)
    retired: tuple[RetiredInput, ...] = ()


class SignsFile(Row, kw_only=True):
    signs: _some(Sign)


class LabsFile(Row, kw_only=True):
    labs: _some(LabRow)


class CausesFile(Row, kw_only=True):
    tiers: _some(Tier)
    model: Model
    causes: _some(CauseRow)
    no_clear_cause: NoClearCause


class UrgencyFile(Row, kw_only=True):
    levels: _some(UrgencyLevel)
    default: Default
    rules: _some(RuleRow)

    def __post_init__(self) -> None:
        if tuple(level.id for level in sorted(self.levels, key=lambda level: level.rank)) != LEVELS:
            raise invalid("levels.rank", f"the levels must be {', '.join(LEVELS)}, in rank order")


class GlossaryFile(Row, kw_only=True):
    terms: _some(Term)


class ScenariosFile(Row, kw_only=True):
    scenarios: _some(ScenarioRow)


class Block(Row, kw_only=True):
    """A part of the session: how long, what the educator does, the cases shown in order, the room's question."""

    minutes: AtLeastOne
    title: Text
    what: Text
    cases: tuple[Id, ...] = ()  # ids in scenarios.toml
    question: str = ""


class Misconception(Row):
    """What someone in the room may believe, what to say back, and the source's own words that answer it."""

    id: Id
    belief: Text
    reply: Text
    quote: Text  # word for word from the source (tests/test_session.py checks the article's)
    source: Id  # an id in sources.toml
    cases: tuple[Id, ...] = ()  # cases that bring it out


class RoomVote(Row):
    intro: Text
    steps: _some(Text)


class SessionFile(Row, kw_only=True):
    """data/session.toml: the facilitator guide of a 45-minute session."""

    title: Text
    minutes: AtLeastOne  # the blocks' minutes add up to this
    audience: Text
    before: Text
    goals: _some(Text)
    blocks: _some(Block)
    misconceptions: _some(Misconception)
    room_vote: RoomVote


class Placeholders(Row):
    """Words with ``{placeholders}`` that the code fills in: each field in ``PLACEHOLDERS`` names exactly those."""

    PLACEHOLDERS: ClassVar[dict[str, set[str]]] = {}

    def __post_init__(self) -> None:
        for field, wanted in self.PLACEHOLDERS.items():
            try:
                named = {name for _, name, _, _ in string.Formatter().parse(getattr(self, field)) if name is not None}
            except ValueError:
                raise invalid(field, "has a { or } that does not open or close a placeholder") from None
            if named != wanted:
                found = ", ".join(f"{{{name}}}" for name in sorted(named)) or "none"
                raise invalid(field, f"must have {', '.join(f'{{{name}}}' for name in sorted(wanted))} (found {found})")


class RoomStage(Placeholders, kw_only=True):
    """The room vote's words on the stage (/present)."""

    PLACEHOLDERS: ClassVar[dict[str, set[str]]] = {"join_code": {"alias"}, "qr_alt": {"link"}, "answers": {"count"}}

    start: Text
    start_help: Text
    join_title: Text
    join_code: Text
    join_or: Text
    qr_alt: Text
    answers: Text
    answer_one: Text
    first_vote: Text
    second_vote: Text
    vote_again: Text
    vote_again_help: Text
    end: Text
    ended: Text
    expired: Text
    paused: Text
    not_yours: Text
    results: Text
    results_empty: Text
    results_download: Text
    results_note: Text
    too_many_rooms: Text
    room_full: Text


class RoomPhone(Placeholders, kw_only=True):
    """The room vote's words on a phone (/join)."""

    PLACEHOLDERS: ClassVar[dict[str, set[str]]] = {
        "received": {"choice"}, "answer_is": {"answer"}, "you_chose": {"choice"}, "why": {"why"},
    }

    intro: Text
    code_label: Text
    code_help: Text
    join: Text
    waiting: Text
    joining: Text
    received: Text
    change_note: Text
    second_round: Text
    answer_is: Text
    you_chose: Text
    no_answer: Text
    why: Text
    unknown: Text
    join_limited: Text
    stale: Text
    paused: Text
    full: Text
    bad: Text


class RoomWords(Row, kw_only=True):
    """data/room.toml: the room vote's words, on the stage and on the phones (read by ui/room.py)."""

    stage: RoomStage
    phone: RoomPhone


Words = dict[str, dict[str, Text]]  # pages.toml, classroom.toml: tables of non-empty text

FILES: dict[str, Any] = {
    "article.toml": ArticleFile,
    "sources.toml": SourcesFile,
    "inputs.toml": InputsFile,
    "signs.toml": SignsFile,
    "labs.toml": LabsFile,
    "causes.toml": CausesFile,
    "urgency.toml": UrgencyFile,
    "glossary.toml": GlossaryFile,
    "scenarios.toml": ScenariosFile,
    "pages.toml": Words,
    "classroom.toml": Words,
    "session.toml": SessionFile,
    "room.toml": RoomWords,
}


def read_toml(data_dir: Path, name: str) -> dict[str, Any]:
    """The parsed TOML of one file, or a :class:`DataError` that says why not."""
    try:
        with (data_dir / name).open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise DataError(name, "", "", f"the file is missing (looked in {data_dir})") from None
    except tomllib.TOMLDecodeError as err:
        raise DataError(name, "", "", f"not valid TOML ({err})") from None
    except (OSError, UnicodeDecodeError) as err:
        raise DataError(name, "", "", f"cannot be read ({err})") from None


def row_label(table: str, index: int, row_id: object = None) -> str:
    """How an error names a row, counting from 1 as a reader does.

    >>> row_label("signs", 1, "weakness_fatigue"), row_label("conditions", 0)
    ('signs[2] (id=weakness_fatigue)', 'conditions[1]')
    """
    return f"{table}[{index + 1}]" + (f" (id={row_id})" if isinstance(row_id, str) else "")


def decode(data_dir: Path, name: str, kind: type[T]) -> T:
    """Read ``data_dir/name`` into ``kind``; a problem raises :class:`DataError` naming file, row and field."""
    doc = read_toml(data_dir, name)
    at = _not_finite(doc, "$")
    if at:  # TOML can say nan and inf; msgspec takes them as floats, and no number here may be one
        raise _plain(name, doc, f"Expected `float` - at `{at}`", kind)
    try:
        return msgspec.convert(doc, kind, strict=True)
    except msgspec.ValidationError as err:
        raise _plain(name, doc, str(err), kind) from None


def _not_finite(node: Any, path: str) -> str:
    """The msgspec-style path (``$.labs[0].low``) of the first NaN or infinity in a TOML document, or ""."""
    if isinstance(node, float) and not math.isfinite(node):
        return path
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in items:
        found = _not_finite(child, f"{path}.{key}" if isinstance(key, str) else f"{path}[{key}]")
        if found:
            return found
    return ""


_PATH = re.compile(r"\.(\w+)|\[(\d+)\]|\[\.\.\.\]")
_PROBLEMS = [  # msgspec's words -> the project's plain words
    (re.compile(r"Object missing required field `(\w+)`"), None),
    (re.compile(r"Object contains unknown field `(\w+)`"), None),
    (re.compile(r"Expected `array` of length >= 1"), "needs at least one entry"),
    (re.compile(r"Expected `str` of length >= 1|Expected `str` matching regex '\\\\S'"), "must not be empty"),
    (re.compile(r"Expected `str` matching regex '\^\(https"), "must start with https://"),
    (re.compile(r"Expected `str` matching regex '\^\[a-z0-9_\]"), "use only a-z, 0-9 and _ (it goes in links)"),
    (re.compile(r"Expected `(?:int|float)` >= (\S+)"), "must be at least {0}"),
    (re.compile(r"Expected `(?:int|float)` > (\S+)"), "must be larger than {0}"),
    (re.compile(r"Expected `int`, got `float`"), "must be a whole number"),
    (re.compile(r"Expected `(?:int|float)`"), "must be a finite number"),
    (re.compile(r"Expected `str`"), "must be text"),
    (re.compile(r"Expected `bool`"), "must be true or false"),
    (re.compile(r"Expected `array`"), "must be a list"),
    (re.compile(r"Expected `object`"), "must be a table of fields"),
    (re.compile(r"Invalid enum value (.+)"), "must be one of {allowed} (found {0})"),
]
_LISTS = {"sections", "sources", "inputs", "signs", "labs", "tiers", "causes", "levels", "rules", "terms",
          "scenarios", "paragraphs", "conditions", "clues", "steps", "aliases", "goals", "blocks", "misconceptions"}


def _first_misfit(table: Any, kind: Any) -> str:
    """The key of the first entry of ``table`` that is not a ``kind`` ("" if it cannot tell)."""
    for key, value in table.items() if isinstance(table, dict) and kind is not None else ():
        try:
            msgspec.convert(value, kind, strict=True)
        except msgspec.ValidationError:
            return key
    return ""


def _plain(name: str, doc: Any, message: str, kind: Any) -> DataError:
    """msgspec's ``Expected `str`, got `int` - at `$.signs[0].title``` in the project's words."""
    problem, _, at = message.partition(" - at `")
    problem, _, below = problem.partition(" - in `")  # a type's own check (invalid): the field below the row
    at = at.rstrip("`") + below.rstrip("`")
    rows: list[str] = []
    node, key, info = doc, "", msgspec.inspect.type_info(kind)
    for segment, index in _PATH.findall(at.removeprefix("$")):
        # the type there, for the values it allows; a file that is a table of tables (pages.toml) is followed from
        # the top: msgspec writes such a table's key as [...], the first entry that does not fit names it
        name_part = segment
        if not segment and not index:
            kind = typing.get_args(kind)[1] if typing.get_origin(kind) is dict else None
            name_part = _first_misfit(node, kind)
            if not name_part:  # a table inside a row (a scenario's inputs): the field that holds it is named
                continue
            info = getattr(info, "value_type", None)
        elif name_part:
            kind, info = None, next((f.type for f in getattr(info, "fields", ()) if f.name == name_part), None)
        else:
            kind, info = None, getattr(info, "item_type", None)
        if name_part:
            if key:
                rows.append(key)  # a table such as [model]: a row of its own
            key, node = name_part, node.get(name_part) if isinstance(node, dict) else None
        else:
            node = node[int(index)] if isinstance(node, list) and int(index) < len(node) else None
            if isinstance(node, dict):
                rows.append(row_label(key, int(index), node.get("id")))
                key = ""
            else:  # an entry of a list of values (aliases[2]): the field itself
                key = f"{key}[{int(index) + 1}]"
    for pattern, words in _PROBLEMS:
        if match := pattern.match(problem):
            plain = words
            if plain is None:  # a field missing or unknown: the message names it
                rows += [key] if key else []
                key = match.group(1)
                plain = ("is not a field this file knows (a typo?)" if problem.startswith("Object contains")
                         else "needs at least one entry" if key in _LISTS else "is missing")
            numbers = (f"{float(g):g}" if re.fullmatch(r"-?\d+(\.\d+)?", g) else g for g in match.groups())
            problem = plain.format(*numbers, allowed=", ".join(map(str, getattr(info, "values", ()))))
            break
    return DataError(name, " ".join(rows), key, problem)

