"""Load and validate the content in ``data/``.

Everything the app says or decides comes from the TOML files in ``data/``. This module reads them once,
checks them, and turns them into frozen dataclasses. A broken file raises :class:`DataError`, whose message
names the file, the row (the entry, with its id where it has one) and the field.
"""

from __future__ import annotations

import functools
import math
import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from explainer.errors import DataError
from explainer.rules import LEVELS, When, Where
from explainer.rules import parse as parse_when

__all__ = [
    "Cause",
    "Clue",
    "Condition",
    "Content",
    "DataError",
    "InputSpec",
    "Lab",
    "LabBand",
    "LabRange",
    "LabUnit",
    "RetiredInput",
    "Section",
    "Sign",
    "Source",
    "Tier",
    "UrgencyLevel",
    "UrgencyRule",
    "When",
    "cached_words",
    "default_data_dir",
    "load_content",
    "load_words",
]

DATA_DIR_ENV = "EXPLAINER_DATA_DIR"

InputKind = Literal["integer", "number", "flag", "lab", "choice"]
INPUT_KINDS: tuple[str, ...] = ("integer", "number", "flag", "lab", "choice")
INPUT_GROUPS: tuple[str, ...] = ("danger", "symptoms", "movements", "context", "labs")
LEVEL_IDS: tuple[str, ...] = LEVELS
OPS: tuple[str, ...] = (">=", ">", "is_true")
SECTION_KINDS: tuple[str, ...] = (
    "standfirst",
    "introduction",
    "sign",
    "causes_introduction",
    "cause",
    "seek_advice",
    "conclusion",
    "disclaimer",
)


@dataclass(frozen=True)
class Source:
    id: str
    short: str
    title: str
    publisher: str
    url: str
    verified: bool


@dataclass(frozen=True)
class Section:
    id: str
    kind: str
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class InputSpec:
    id: str
    label: str
    help: str
    kind: InputKind
    group: str
    unit: str = ""
    min: float = 0.0
    max: float = 1.0
    step: float = 1.0
    default: float | bool | str | None = None
    lab: str = ""
    options: tuple[str, ...] = ()  # a choice input's values, as shown and as written in a link
    unit_input: str = ""  # a lab input: the choice input that holds the unit its value is given in

    @property
    def is_numeric(self) -> bool:
        return self.kind in ("integer", "number", "lab")


@dataclass(frozen=True)
class RetiredInput:
    """An input that old links may still name: such a link ticks ``becomes`` instead and shows ``note``."""

    id: str
    becomes: str
    note: str


@dataclass(frozen=True)
class Condition:
    input: str
    name: str
    op: str
    threshold: float | None
    source: str
    teaching: bool
    why: str


@dataclass(frozen=True)
class Sign:
    id: str
    title: str
    summary: str
    match: Literal["all", "any"]
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class LabUnit:
    """Another unit a lab value may be given in: ``value in unit * to_main`` is the value in the lab's own unit."""

    unit: str
    to_main: float
    source: str


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
class Tier:
    """How much a clue counts: a fixed, documented number of points."""

    id: str
    points: int
    meaning: str
    label: str = ""  # the reader's words for it, e.g. "strong clue" (the id stays the data's name)


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
class UrgencyLevel:
    id: str
    rank: int
    label: str
    symbol: str
    action: str
    sources: tuple[str, ...]
    note: str = ""


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


_PROJECT_DATA = Path(__file__).resolve().parents[2] / "data"  # resolved once: a page asks for it many times a run


def default_data_dir() -> Path:
    """The ``data/`` folder: ``$EXPLAINER_DATA_DIR`` if set, else the one at the top of the project."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return _PROJECT_DATA


class _Reader:
    """Reads one TOML file and checks fields, naming file, row and field in every error."""

    def __init__(self, data_dir: Path, name: str) -> None:
        self.name = name
        path = data_dir / name
        try:
            with path.open("rb") as handle:
                self.doc: dict[str, Any] = tomllib.load(handle)
        except FileNotFoundError:
            raise DataError(name, "", "", f"the file is missing (looked in {data_dir})") from None
        except tomllib.TOMLDecodeError as err:
            raise DataError(name, "", "", f"not valid TOML ({err})") from None
        except (OSError, UnicodeDecodeError) as err:
            raise DataError(name, "", "", f"cannot be read ({err})") from None

    def rows(self, table: str) -> list[tuple[str, dict[str, Any]]]:
        rows = self.doc.get(table)
        if not isinstance(rows, list) or not rows:
            raise DataError(self.name, "", table, "needs at least one entry")
        out = []
        for index, row in enumerate(rows, start=1):
            label = f"{table}[{index}]"
            if not isinstance(row, dict):
                raise DataError(self.name, label, "", "must be a table of fields")
            if isinstance(row.get("id"), str):
                label += f" (id={row['id']})"
            out.append((label, row))
        return out

    def text(self, row: str, data: Mapping[str, Any], field: str, *, empty_ok: bool = False) -> str:
        value = data.get(field, None if not empty_ok else "")
        if not isinstance(value, str):
            raise DataError(self.name, row, field, "must be text")
        if not empty_ok and not value.strip():
            raise DataError(self.name, row, field, "must not be empty")
        return value

    def texts(self, row: str, data: Mapping[str, Any], field: str, what: str) -> tuple[str, ...]:
        """A non-empty list of non-empty texts."""
        values = data.get(field)
        if not isinstance(values, list) or not values:
            raise DataError(self.name, row, field, f"needs at least one {what}")
        for number, value in enumerate(values, start=1):
            if not isinstance(value, str) or not value.strip():
                raise DataError(self.name, row, f"{field}[{number}]", "must be non-empty text")
        return tuple(values)

    def number(self, row: str, data: Mapping[str, Any], field: str, default: float | None = None) -> float:
        value = data.get(field, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise DataError(self.name, row, field, "must be a finite number")
        return float(value)

    def flag(self, row: str, data: Mapping[str, Any], field: str, default: bool | None = None) -> bool:
        value = data.get(field, default)
        if not isinstance(value, bool):
            raise DataError(self.name, row, field, "must be true or false")
        return value

    def choice(self, row: str, data: Mapping[str, Any], field: str, allowed: Sequence[str]) -> str:
        value = data.get(field)
        if value not in allowed:
            raise DataError(self.name, row, field, f"must be one of {', '.join(allowed)} (found {value!r})")
        return str(value)

    def ref(self, row: str, field: str, value: str, known: Mapping[str, object] | Sequence[str], what: str) -> str:
        if value not in known:
            raise DataError(self.name, row, field, f"names an unknown {what} {value!r}")
        return value

    def unique(self, ids: Sequence[str], table: str) -> None:
        seen: set[str] = set()
        for index, item in enumerate(ids, start=1):
            if item in seen:
                raise DataError(self.name, f"{table}[{index}] (id={item})", "id", "is used twice")
            seen.add(item)


def _read_sources(data_dir: Path) -> dict[str, Source]:
    r = _Reader(data_dir, "sources.toml")
    sources = {}
    ids = []
    for row, d in r.rows("sources"):
        src = Source(
            id=r.text(row, d, "id"),
            short=r.text(row, d, "short"),
            title=r.text(row, d, "title"),
            publisher=r.text(row, d, "publisher"),
            url=r.text(row, d, "url", empty_ok=True),
            verified=r.flag(row, d, "verified"),
        )
        if src.url and not src.url.startswith("https://"):
            raise DataError(r.name, row, "url", "must start with https://")
        sources[src.id] = src
        ids.append(src.id)
    r.unique(ids, "sources")
    if "article" not in sources or "teaching" not in sources:
        raise DataError(r.name, "", "id", 'needs the sources "article" and "teaching"')
    return sources


def _read_article(data_dir: Path) -> tuple[str, tuple[Section, ...]]:
    r = _Reader(data_dir, "article.toml")
    title = r.text("", r.doc, "title")
    sections = []
    for row, d in r.rows("sections"):
        paragraphs = r.texts(row, d, "paragraphs", "paragraph")
        sections.append(
            Section(
                id=r.text(row, d, "id"),
                kind=r.choice(row, d, "kind", SECTION_KINDS),
                heading=r.text(row, d, "heading", empty_ok=True),
                paragraphs=paragraphs,
            )
        )
    r.unique([s.id for s in sections], "sections")
    return title, tuple(sections)


def _read_inputs(data_dir: Path) -> tuple[InputSpec, ...]:
    r = _Reader(data_dir, "inputs.toml")
    specs = []
    for row, d in r.rows("inputs"):
        kind = r.choice(row, d, "kind", INPUT_KINDS)
        common = {
            "id": r.text(row, d, "id"),
            "label": r.text(row, d, "label"),
            "help": r.text(row, d, "help"),
            "kind": kind,
            "group": r.choice(row, d, "group", INPUT_GROUPS),
        }
        if kind == "flag":
            specs.append(InputSpec(**common, default=r.flag(row, d, "default", False)))
            continue
        if kind == "choice":
            options = r.texts(row, d, "options", "option")
            if len(set(options)) != len(options):
                raise DataError(r.name, row, "options", "names an option twice")
            default_choice = r.text(row, d, "default")
            if default_choice not in options:
                raise DataError(r.name, row, "default", f"must be one of the options ({', '.join(options)})")
            specs.append(InputSpec(**common, options=options, default=default_choice))
            continue
        low, high = r.number(row, d, "min"), r.number(row, d, "max")
        step = r.number(row, d, "step")
        if low >= high:
            raise DataError(r.name, row, "max", "must be larger than min")
        if step <= 0:
            raise DataError(r.name, row, "step", "must be larger than 0")
        default: float | None = None
        if kind != "lab":
            default = r.number(row, d, "default")
            if not low <= default <= high:
                raise DataError(r.name, row, "default", f"must lie between min {low:g} and max {high:g}")
        if kind == "integer" and any(float(v) != int(v) for v in (low, high, step, default or 0)):
            raise DataError(r.name, row, "step", "an integer input needs whole numbers for min, max, step, default")
        specs.append(
            InputSpec(
                **common,
                unit=r.text(row, d, "unit"),
                min=low,
                max=high,
                step=step,
                default=default,
                lab=r.text(row, d, "lab") if kind == "lab" else "",
                unit_input=r.text(row, d, "unit_input", empty_ok=True) if kind == "lab" else "",
            )
        )
    r.unique([s.id for s in specs], "inputs")
    return tuple(specs)


def _read_retired(data_dir: Path, inputs: Mapping[str, InputSpec]) -> tuple[RetiredInput, ...]:
    r = _Reader(data_dir, "inputs.toml")
    if "retired" not in r.doc:
        return ()
    retired = []
    for row, d in r.rows("retired"):
        input_id = r.text(row, d, "id")
        if input_id in inputs:
            raise DataError(r.name, row, "id", "is a current input; a retired id must not be")
        becomes = r.ref(row, "becomes", r.text(row, d, "becomes"), inputs, "input")
        if inputs[becomes].kind != "flag":
            raise DataError(r.name, row, "becomes", "must name a yes/no input")
        retired.append(RetiredInput(id=input_id, becomes=becomes, note=r.text(row, d, "note")))
    r.unique([item.id for item in retired], "retired")
    return tuple(retired)


def _optional_number(r: _Reader, row: str, data: Mapping[str, Any], field: str) -> float | None:
    return r.number(row, data, field) if field in data else None


def _differs(r: _Reader, row: str, data: Mapping[str, Any], sources: Mapping[str, Source]) -> dict[str, str]:
    """Another source that says otherwise (``differs``) and its own words (``differs_quote``), both or neither."""
    if "differs" not in data and "differs_quote" not in data:
        return {}
    return {
        "differs": r.ref(row, "differs", r.text(row, data, "differs"), sources, "source"),
        "differs_quote": r.text(row, data, "differs_quote"),
    }


def _read_labs(data_dir: Path, sources: Mapping[str, Source]) -> dict[str, Lab]:
    r = _Reader(data_dir, "labs.toml")
    labs = {}
    for row, d in r.rows("labs"):
        units = []
        for number, u in enumerate(d.get("units", []), start=1):
            urow = f"{row} units[{number}]"
            if not isinstance(u, dict):
                raise DataError(r.name, urow, "", "must be a table of fields")
            factor = r.number(urow, u, "to_main")
            if factor <= 0:
                raise DataError(r.name, urow, "to_main", "must be larger than 0")
            units.append(
                LabUnit(
                    unit=r.text(urow, u, "unit"),
                    to_main=factor,
                    source=r.ref(urow, "source", r.text(urow, u, "source"), sources, "source"),
                )
            )
        low, high = r.number(row, d, "low"), r.number(row, d, "high")
        main_unit = r.text(row, d, "unit")
        factors = {main_unit: 1.0, **{u.unit: u.to_main for u in units}}

        def unit_of(urow: str, item: Mapping[str, Any], factors: Mapping[str, float] = factors,
                    main_unit: str = main_unit) -> tuple[str, float]:
            unit = r.text(urow, item, "unit") if "unit" in item else main_unit
            if unit not in factors:
                raise DataError(r.name, urow, "unit", f"must be one of the lab's units ({', '.join(factors)})")
            return unit, factors[unit]

        ranges = []
        for number, g in enumerate(d.get("ranges", []), start=1):
            grow = f"{row} ranges[{number}]"
            if not isinstance(g, dict):
                raise DataError(r.name, grow, "", "must be a table of fields")
            unit, factor = unit_of(grow, g)
            g_low, g_high = r.number(grow, g, "low"), r.number(grow, g, "high")
            if g_low >= g_high:
                raise DataError(r.name, grow, "high", "must be larger than low")
            ranges.append(LabRange(
                low=g_low, high=g_high, unit=unit, low_main=round(g_low * factor, 4),
                high_main=round(g_high * factor, 4),
                source=r.ref(grow, "source", r.text(grow, g, "source"), sources, "source"),
                quote=r.text(grow, g, "quote", empty_ok=True),
            ))
        if ranges and (low, high) != (min(g.low_main for g in ranges), max(g.high_main for g in ranges)):
            raise DataError(r.name, row, "low", "low and high must be the lowest low and the highest high of the "
                                                "ranges, in the lab's own unit (to 4 places)")
        bands = []
        for number, b in enumerate(d.get("bands", []), start=1):
            brow = f"{row} bands[{number}]"
            if not isinstance(b, dict):
                raise DataError(r.name, brow, "", "must be a table of fields")
            given_unit, factor = unit_of(brow, b)
            given_below = _optional_number(r, brow, b, "below")
            given_above = _optional_number(r, brow, b, "at_or_above")
            below = None if given_below is None else round(given_below * factor, 4)
            above = None if given_above is None else round(given_above * factor, 4)
            if below is None and above is None:
                raise DataError(r.name, brow, "below", "a band needs below, at_or_above, or both")
            if below is not None and below > low:
                raise DataError(r.name, brow, "below", f"must not be above the usual range's low end {low:g}")
            if above is not None and above <= high:
                raise DataError(r.name, brow, "at_or_above", f"must be above the usual range's high end {high:g}")
            bands.append(
                LabBand(
                    level=r.choice(brow, b, "level", LEVEL_IDS[2:]),
                    below=below,
                    at_or_above=above,
                    source=r.ref(brow, "source", r.text(brow, b, "source"), sources, "source"),
                    why=r.text(brow, b, "why"),
                    quote=r.text(brow, b, "quote", empty_ok=True),
                    given=given_below if given_below is not None else given_above,
                    given_unit=given_unit,
                    **_differs(r, brow, b, sources),
                )
            )
        lab = Lab(
            id=r.text(row, d, "id"),
            name=r.text(row, d, "name"),
            unit=r.text(row, d, "unit"),
            low=low,
            high=high,
            source=r.ref(row, "source", r.text(row, d, "source"), sources, "source"),
            note=r.text(row, d, "note", empty_ok=True),
            units=tuple(units),
            bands=tuple(bands),
            ranges=tuple(ranges),
        )
        if lab.low >= lab.high:
            raise DataError(r.name, row, "high", "must be larger than low")
        labs[lab.id] = lab
    return labs


def _read_signs(data_dir: Path, sources: Mapping[str, Source], inputs: Mapping[str, InputSpec]) -> tuple[Sign, ...]:
    r = _Reader(data_dir, "signs.toml")
    signs = []
    for row, d in r.rows("signs"):
        raw_conditions = d.get("conditions")
        if not isinstance(raw_conditions, list) or not raw_conditions:
            raise DataError(r.name, row, "conditions", "needs at least one condition")
        conditions = []
        for number, c in enumerate(raw_conditions, start=1):
            crow = f"{row} conditions[{number}]"
            if not isinstance(c, dict):
                raise DataError(r.name, crow, "", "must be a table of fields")
            input_id = r.ref(crow, "input", r.text(crow, c, "input"), inputs, "input")
            spec = inputs[input_id]
            op = r.choice(crow, c, "op", OPS)
            threshold: float | None = None
            if op == "is_true":
                if spec.kind != "flag":
                    raise DataError(r.name, crow, "op", f'"is_true" needs a yes/no input, not {spec.kind}')
            else:
                if spec.kind not in ("integer", "number"):
                    raise DataError(r.name, crow, "op", f'"{op}" needs a number input, not {spec.kind}')
                threshold = r.number(crow, c, "threshold")
                if not spec.min <= threshold <= spec.max:
                    raise DataError(
                        r.name, crow, "threshold", f"must lie in the input's range {spec.min:g} to {spec.max:g}"
                    )
            conditions.append(
                Condition(
                    input=input_id,
                    name=r.text(crow, c, "name"),
                    op=op,
                    threshold=threshold,
                    source=r.ref(crow, "source", r.text(crow, c, "source"), sources, "source"),
                    teaching=r.flag(crow, c, "teaching"),
                    why=r.text(crow, c, "why"),
                )
            )
            if conditions[-1].teaching != (conditions[-1].source == "teaching"):
                raise DataError(r.name, crow, "teaching", 'must be true exactly when source is "teaching"')
        signs.append(
            Sign(
                id=r.text(row, d, "id"),
                title=r.text(row, d, "title"),
                summary=r.text(row, d, "summary"),
                match=r.choice(row, d, "match", ("all", "any")),  # type: ignore[arg-type]
                conditions=tuple(conditions),
            )
        )
    r.unique([s.id for s in signs], "signs")
    return tuple(signs)


def _read_causes(
    data_dir: Path,
    sources: Mapping[str, Source],
    inputs: Mapping[str, InputSpec],
    signs: Sequence[Sign],
    labs: Mapping[str, Lab],
    section_ids: Sequence[str],
) -> tuple[tuple[Cause, ...], tuple[Tier, ...], int]:
    r = _Reader(data_dir, "causes.toml")
    tiers = _read_tiers(r)
    points = {tier.id: tier.points for tier in tiers}
    labels = {tier.id: tier.label for tier in tiers}
    model = r.doc.get("model")
    if not isinstance(model, dict):
        raise DataError(r.name, "model", "", "needs a [model] table with min_points_to_lead")
    min_points = r.number("model", model, "min_points_to_lead")
    if min_points < 1 or min_points != int(min_points):
        raise DataError(r.name, "model", "min_points_to_lead", "must be a whole number of at least 1")
    causes = []
    for row, d in r.rows("causes"):
        raw_clues = d.get("clues")
        if not isinstance(raw_clues, list) or not raw_clues:
            raise DataError(r.name, row, "clues", "needs at least one clue")
        clues = []
        for number, c in enumerate(raw_clues, start=1):
            crow = f"{row} clues[{number}]"
            if not isinstance(c, dict):
                raise DataError(r.name, crow, "", "must be a table of fields")
            tier = r.choice(crow, c, "tier", list(points))
            clues.append(
                Clue(
                    text=r.text(crow, c, "text"),
                    direction=r.choice(crow, c, "direction", ("for", "against")),  # type: ignore[arg-type]
                    tier=tier,
                    points=points[tier],
                    when=parse_when(c.get("when"), Where(r.name, crow, inputs, signs, labs)),
                    source=r.ref(crow, "source", r.text(crow, c, "source"), sources, "source"),
                    explain=r.text(crow, c, "explain"),
                    quote=r.text(crow, c, "quote", empty_ok=True),
                    tier_label=labels[tier],
                )
            )
        if not any(clue.direction == "for" for clue in clues):
            raise DataError(r.name, row, "clues", 'needs at least one clue with direction "for"')
        causes.append(
            Cause(
                id=r.text(row, d, "id"),
                name=r.text(row, d, "name"),
                kind=r.choice(row, d, "kind", ("serious", "medicine", "everyday")),  # type: ignore[arg-type]
                section=_section(r, row, d, section_ids),
                summary=r.text(row, d, "summary"),
                clues=tuple(clues),
            )
        )
    r.unique([c.id for c in causes], "causes")
    return tuple(causes), tiers, int(min_points)


def _section(r: _Reader, row: str, data: Mapping[str, Any], section_ids: Sequence[str]) -> str:
    """The article section a cause's card quotes: "" for a cause the article has no section on."""
    section = r.text(row, data, "section", empty_ok=True)
    return r.ref(row, "section", section, section_ids, "article section") if section else ""


def _read_tiers(r: _Reader) -> tuple[Tier, ...]:
    tiers = []
    for row, d in r.rows("tiers"):
        tier_points = r.number(row, d, "points")
        if tier_points < 1 or tier_points != int(tier_points):
            raise DataError(r.name, row, "points", "must be a whole number of at least 1")
        tiers.append(
            Tier(
                id=r.text(row, d, "id"), points=int(tier_points), meaning=r.text(row, d, "meaning"),
                label=r.text(row, d, "label"),
            )
        )
    r.unique([t.id for t in tiers], "tiers")
    return tuple(tiers)


def _read_urgency(
    data_dir: Path,
    sources: Mapping[str, Source],
    inputs: Mapping[str, InputSpec],
    signs: Sequence[Sign],
    labs: Mapping[str, Lab],
) -> tuple[tuple[UrgencyLevel, ...], tuple[UrgencyRule, ...], str, str]:
    r = _Reader(data_dir, "urgency.toml")
    levels = []
    for row, d in r.rows("levels"):
        level_sources = d.get("sources")
        if not isinstance(level_sources, list) or not level_sources:
            raise DataError(r.name, row, "sources", "needs at least one source id")
        for s in level_sources:
            r.ref(row, "sources", str(s), sources, "source")
        levels.append(
            UrgencyLevel(
                id=r.text(row, d, "id"),
                rank=int(r.number(row, d, "rank")),
                label=r.text(row, d, "label"),
                symbol=r.text(row, d, "symbol"),
                action=r.text(row, d, "action"),
                sources=tuple(str(s) for s in level_sources),
                note=r.text(row, d, "note", empty_ok=True),
            )
        )
    expected = list(LEVEL_IDS)
    if [lv.id for lv in sorted(levels, key=lambda lv: lv.rank)] != expected:
        raise DataError(r.name, "levels", "rank", f"the levels must be {', '.join(expected)}, in rank order")
    default = r.doc.get("default")
    if not isinstance(default, dict):
        raise DataError(r.name, "default", "", "needs a [default] table with reason and source")
    default_reason = r.text("default", default, "reason")
    default_source = r.ref("default", "source", r.text("default", default, "source"), sources, "source")
    rules = []
    for row, d in r.rows("rules"):
        rules.append(
            UrgencyRule(
                id=r.text(row, d, "id"),
                level=r.choice(row, d, "level", expected),
                when=parse_when(d.get("when"), Where(r.name, row, inputs, signs, labs)),
                reason=r.text(row, d, "reason"),
                source=r.ref(row, "source", r.text(row, d, "source"), sources, "source"),
                quote=r.text(row, d, "quote", empty_ok=True),
                **_differs(r, row, d, sources),
            )
        )
    r.unique([rule.id for rule in rules], "rules")
    return tuple(sorted(levels, key=lambda lv: lv.rank)), tuple(rules), default_reason, default_source


def _check_cross_references(content: Content) -> None:
    section_ids = {s.id for s in content.sections}
    for sign in content.signs:
        if sign.id not in section_ids:
            raise DataError("signs.toml", f"id={sign.id}", "id", "has no article section with the same id")
    specs = {spec.id: spec for spec in content.inputs}
    for spec in content.inputs:
        if spec.kind != "lab":
            continue
        if spec.lab not in content.labs:
            raise DataError("inputs.toml", f"id={spec.id}", "lab", f"names an unknown lab {spec.lab!r}")
        lab = content.labs[spec.lab]
        if spec.unit != lab.unit:
            raise DataError("inputs.toml", f"id={spec.id}", "unit", f"must be the lab's own unit {lab.unit!r}")
        if spec.unit_input:
            chooser = specs.get(spec.unit_input)
            if chooser is None or chooser.kind != "choice" or chooser.options != lab.unit_names:
                raise DataError(
                    "inputs.toml", f"id={spec.id}", "unit_input",
                    f"must name a choice input whose options are the lab's units {lab.unit_names}",
                )
            if chooser.default != lab.unit:
                raise DataError("inputs.toml", f"id={spec.unit_input}", "default", f"must be {lab.unit!r}")


def load_content(data_dir: str | Path | None = None) -> Content:
    """Read and validate every file in ``data_dir`` (default: :func:`default_data_dir`).

    Raises:
        DataError: naming the file, the row and the field of the first problem found.
    """
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    sources = _read_sources(folder)
    title, sections = _read_article(folder)
    inputs = _read_inputs(folder)
    inputs_by_id = {spec.id: spec for spec in inputs}
    retired = _read_retired(folder, inputs_by_id)
    labs = _read_labs(folder, sources)
    signs = _read_signs(folder, sources, inputs_by_id)
    causes, tiers, min_points = _read_causes(folder, sources, inputs_by_id, signs, labs, [s.id for s in sections])
    levels, rules, default_reason, default_source = _read_urgency(folder, sources, inputs_by_id, signs, labs)
    content = Content(
        title=title,
        sections=sections,
        sources=sources,
        inputs=inputs,
        signs=signs,
        labs=labs,
        causes=causes,
        levels=levels,
        rules=rules,
        default_reason=default_reason,
        default_source=default_source,
        tiers=tiers,
        min_points_to_lead=min_points,
        retired=retired,
    )
    _check_cross_references(content)
    return content


@functools.cache
def cached_content(data_dir: str | None = None) -> Content:
    """:func:`load_content`, read once per folder and process."""
    return load_content(data_dir)


def load_words(file_name: str, data_dir: str | Path | None = None) -> dict[str, dict[str, str]]:
    """The words of some pages (``pages.toml``, ``classroom.toml``): each table's fields, all non-empty text.

    Raises:
        DataError: for a missing file, a field that is not text, or an empty one.
    """
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    r = _Reader(folder, file_name)
    words: dict[str, dict[str, str]] = {}
    for table, fields in r.doc.items():
        if not isinstance(fields, dict):
            raise DataError(r.name, table, "", "must be a table of text fields")
        words[table] = {field: r.text(table, fields, field) for field in fields}
    return words


@functools.cache
def cached_words(file_name: str, data_dir: str | None = None) -> dict[str, dict[str, str]]:
    """:func:`load_words`, read once per file, folder and process."""
    return load_words(file_name, data_dir)
