"""Load and validate the content in ``data/``.

Everything the app says or decides comes from the TOML files in ``data/``. Each file is decoded into the frozen types
of :mod:`explainer.model` (the types are the schema: wrong types, values out of range, unknown fields are refused
there). This module then makes one pass over what a type cannot say: every id unique in its table, every reference
(to a source, an input, a lab, a sign, an article section, a tier) known, and the few rules that tie two fields
together. A broken file raises :class:`DataError`, whose message names the file, the row (the entry, with its id
where it has one) and the field.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import msgspec

from explainer import model
from explainer.errors import DataError
from explainer.model import (
    Cause,
    Clue,
    Condition,
    Content,
    InputSpec,
    Lab,
    LabBand,
    LabRange,
    LabUnit,
    NoClearCause,
    RetiredInput,
    Section,
    SelfCareStep,
    Sign,
    Source,
    Tier,
    UrgencyLevel,
    UrgencyRule,
    row_label,
)
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
    "NoClearCause",
    "RetiredInput",
    "Section",
    "SelfCareStep",
    "Sign",
    "Source",
    "Tier",
    "UrgencyLevel",
    "UrgencyRule",
    "When",
    "cached_content",
    "cached_words",
    "check_file",
    "default_data_dir",
    "load_content",
    "load_sources",
    "load_words",
]

DATA_DIR_ENV = "EXPLAINER_DATA_DIR"


_PROJECT_DATA = Path(__file__).resolve().parents[2] / "data"  # resolved once: a page asks for it many times a run
_SOURCE_FIELDS = ("source", "everyday_source", "differs")


def default_data_dir() -> Path:
    """The ``data/`` folder: ``$EXPLAINER_DATA_DIR`` if set, else the one at the top of the project."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return _PROJECT_DATA


def _folder(data_dir: str | Path | None) -> Path:
    return Path(data_dir) if data_dir is not None else default_data_dir()


def _rows(item: msgspec.Struct, row: str = "") -> Iterator[tuple[str, msgspec.Struct]]:
    """Every row of a decoded file, nested rows too, each with how an error names it."""
    yield row, item
    for field in item.__struct_fields__:
        value = getattr(item, field)
        if isinstance(value, msgspec.Struct):
            yield from _rows(value, f"{row} {field}".strip())
        elif isinstance(value, tuple) and value and isinstance(value[0], msgspec.Struct):
            ids: set[str] = set()
            for index, child in enumerate(value):
                child_id = getattr(child, "id", None)
                label = f"{row} {row_label(field, index, child_id)}".strip()
                if child_id is not None and child_id in ids:
                    raise DataError("", label, "id", "is used twice")
                ids.add(child_id)
                yield from _rows(child, label)


def check_file(name: str, decoded: msgspec.Struct, sources: Mapping[str, Source]) -> list[tuple[str, Any]]:
    """The one pass every file gets: ids unique in every table, every source it cites known, ``differs`` with its
    quote. Returns the rows, for the checks that belong to this file alone."""
    try:
        rows = list(_rows(decoded))
    except DataError as err:
        raise DataError(name, err.row, err.field, err.problem) from None
    for row, item in rows:
        for field in _SOURCE_FIELDS:
            cited = getattr(item, field, "")
            if cited and cited not in sources:
                raise DataError(name, row, field, f"names an unknown source {cited!r}")
        for cited in getattr(item, "sources", ()) if isinstance(item, UrgencyLevel) else ():
            if cited not in sources:
                raise DataError(name, row, "sources", f"names an unknown source {cited!r}")
        if isinstance(item, model.Differs) and bool(item.differs) != bool(item.differs_quote):
            missing = "differs_quote" if item.differs else "differs"
            raise DataError(name, row, missing, "differs and differs_quote go together: give both or neither")
    return rows


def load_sources(data_dir: str | Path | None = None) -> dict[str, Source]:
    """The sources (``sources.toml``) by id; ``article`` and ``teaching`` must be among them."""
    decoded = model.decode(_folder(data_dir), "sources.toml", model.SourcesFile)
    check_file("sources.toml", decoded, {})
    sources = {source.id: source for source in decoded.sources}
    if "article" not in sources or "teaching" not in sources:
        raise DataError("sources.toml", "", "id", 'needs the sources "article" and "teaching"')
    return sources


def _inputs(file: model.InputsFile) -> tuple[InputSpec, ...]:
    specs = []
    for index, spec in enumerate(file.inputs):
        def fail(field: str, problem: str, index: int = index, spec: InputSpec = spec) -> DataError:
            return DataError("inputs.toml", row_label("inputs", index, spec.id), field, problem)

        if spec.kind == "flag":
            if not isinstance(spec.default, bool | None):
                raise fail("default", "must be true or false")
            specs.append(msgspec.structs.replace(spec, default=bool(spec.default)))
            continue
        if spec.kind == "choice":
            if not spec.options:
                raise fail("options", "needs at least one option")
            if len(set(spec.options)) != len(spec.options):
                raise fail("options", "names an option twice")
            if spec.default not in spec.options or not isinstance(spec.default, str):
                raise fail("default", f"must be one of the options ({', '.join(spec.options)})")
            specs.append(spec)
            continue
        if not spec.unit.strip():
            raise fail("unit", "must not be empty")
        if spec.min >= spec.max:
            raise fail("max", "must be larger than min")
        if spec.kind == "lab":
            if not spec.lab:
                raise fail("lab", "must not be empty")
            specs.append(msgspec.structs.replace(spec, default=None))
            continue
        if isinstance(spec.default, bool | str | None):
            raise fail("default", "must be a finite number")
        if not spec.min <= spec.default <= spec.max:
            raise fail("default", f"must lie between min {spec.min:g} and max {spec.max:g}")
        if spec.kind == "integer" and any(float(v) != int(v) for v in (spec.min, spec.max, spec.step, spec.default)):
            raise fail("step", "an integer input needs whole numbers for min, max, step, default")
        specs.append(msgspec.structs.replace(spec, default=float(spec.default), lab="", unit_input=""))
    by_id = {spec.id: spec for spec in specs}
    for index, retired in enumerate(file.retired):
        row = row_label("retired", index, retired.id)
        if retired.id in by_id:
            raise DataError("inputs.toml", row, "id", "is a current input; a retired id must not be")
        if retired.becomes not in by_id:
            raise DataError("inputs.toml", row, "becomes", f"names an unknown input {retired.becomes!r}")
        if by_id[retired.becomes].kind != "flag":
            raise DataError("inputs.toml", row, "becomes", "must name a yes/no input")
    return tuple(specs)


def _lab(row: str, raw: model.LabRow) -> Lab:
    factors = {raw.unit: 1.0, **{u.unit: u.to_main for u in raw.units}}

    def factor(item_row: str, unit: str) -> float:
        if unit and unit not in factors:
            raise DataError("labs.toml", item_row, "unit", f"must be one of the lab's units ({', '.join(factors)})")
        return factors[unit or raw.unit]

    if raw.low >= raw.high:
        raise DataError("labs.toml", row, "high", "must be larger than low")
    ranges = []
    for number, g in enumerate(raw.ranges, start=1):
        grow = f"{row} ranges[{number}]"
        to_main = factor(grow, g.unit)
        if g.low >= g.high:
            raise DataError("labs.toml", grow, "high", "must be larger than low")
        ranges.append(LabRange(low=g.low, high=g.high, unit=g.unit or raw.unit, low_main=round(g.low * to_main, 4),
                               high_main=round(g.high * to_main, 4), source=g.source, quote=g.quote))
    if ranges and (raw.low, raw.high) != (min(g.low_main for g in ranges), max(g.high_main for g in ranges)):
        raise DataError("labs.toml", row, "low", "low and high must be the lowest low and the highest high of the "
                                                 "ranges, in the lab's own unit (to 4 places)")
    bands = []
    for number, b in enumerate(raw.bands, start=1):
        brow = f"{row} bands[{number}]"
        to_main = factor(brow, b.unit)
        below = None if b.below is None else round(b.below * to_main, 4)
        above = None if b.at_or_above is None else round(b.at_or_above * to_main, 4)
        if below is None and above is None:
            raise DataError("labs.toml", brow, "below", "a band needs below, at_or_above, or both")
        if below is not None and below > raw.low:
            raise DataError("labs.toml", brow, "below", f"must not be above the usual range's low end {raw.low:g}")
        if above is not None and above <= raw.high:
            raise DataError("labs.toml", brow, "at_or_above",
                            f"must be above the usual range's high end {raw.high:g}")
        bands.append(LabBand(level=b.level, below=below, at_or_above=above, source=b.source, why=b.why,
                             quote=b.quote, given=b.below if b.below is not None else b.at_or_above,
                             given_unit=b.unit or raw.unit, differs=b.differs, differs_quote=b.differs_quote))
    return Lab(id=raw.id, name=raw.name, unit=raw.unit, low=raw.low, high=raw.high, source=raw.source, note=raw.note,
               units=raw.units, bands=tuple(bands), ranges=tuple(ranges))


def _check_signs(signs: tuple[Sign, ...], inputs: Mapping[str, InputSpec]) -> None:
    for index, sign in enumerate(signs):
        for number, c in enumerate(sign.conditions, start=1):
            crow = f"{row_label('signs', index, sign.id)} conditions[{number}]"
            if c.input not in inputs:
                raise DataError("signs.toml", crow, "input", f"names an unknown input {c.input!r}")
            spec = inputs[c.input]
            if c.op == "is_true" and spec.kind != "flag":
                raise DataError("signs.toml", crow, "op", f'"is_true" needs a yes/no input, not {spec.kind}')
            if c.op != "is_true":
                if spec.kind not in ("integer", "number"):
                    raise DataError("signs.toml", crow, "op", f'"{c.op}" needs a number input, not {spec.kind}')
                if c.threshold is None:
                    raise DataError("signs.toml", crow, "threshold", "must be a finite number")
                if not spec.min <= c.threshold <= spec.max:
                    raise DataError("signs.toml", crow, "threshold",
                                    f"must lie in the input's range {spec.min:g} to {spec.max:g}")
            if c.teaching != (c.source == "teaching"):
                raise DataError("signs.toml", crow, "teaching", 'must be true exactly when source is "teaching"')


def _causes(file: model.CausesFile, where: Where, sections: set[str]) -> tuple[Cause, ...]:
    points = {tier.id: tier.points for tier in file.tiers}
    labels = {tier.id: tier.label for tier in file.tiers}
    causes = []
    for index, raw in enumerate(file.causes):
        row = row_label("causes", index, raw.id)
        clues = []
        for number, c in enumerate(raw.clues, start=1):
            crow = f"{row} clues[{number}]"
            if c.tier not in points:
                raise DataError("causes.toml", crow, "tier", f"must be one of {', '.join(points)} (found {c.tier!r})")
            clues.append(Clue(text=c.text, direction=c.direction, tier=c.tier, points=points[c.tier],
                              when=parse_when(c.when, Where("causes.toml", crow, where.inputs, where.signs,
                                                            where.labs)),
                              source=c.source, explain=c.explain, quote=c.quote, tier_label=labels[c.tier]))
        if not any(clue.direction == "for" for clue in clues):
            raise DataError("causes.toml", row, "clues", 'needs at least one clue with direction "for"')
        if raw.section and raw.section not in sections:
            raise DataError("causes.toml", row, "section", f"names an unknown article section {raw.section!r}")
        causes.append(Cause(id=raw.id, name=raw.name, kind=raw.kind, section=raw.section, summary=raw.summary,
                            clues=tuple(clues)))
    for number, step in enumerate(file.no_clear_cause.steps, start=1):
        if step.when and (step.when not in where.inputs or where.inputs[step.when].kind != "flag"):
            raise DataError("causes.toml", f"no_clear_cause steps[{number}]", "when",
                            f"must name a yes/no input (found {step.when!r})")
    return tuple(causes)


def _urgency(file: model.UrgencyFile, where: Where) -> tuple[tuple[UrgencyLevel, ...], tuple[UrgencyRule, ...]]:
    levels = tuple(sorted(file.levels, key=lambda level: level.rank))
    if tuple(level.id for level in levels) != LEVELS:
        raise DataError("urgency.toml", "levels", "rank", f"the levels must be {', '.join(LEVELS)}, in rank order")
    rules = tuple(
        UrgencyRule(id=r.id, level=r.level, reason=r.reason, source=r.source, quote=r.quote, differs=r.differs,
                    differs_quote=r.differs_quote,
                    when=parse_when(r.when, Where("urgency.toml", row_label("rules", index, r.id), where.inputs,
                                                  where.signs, where.labs)))
        for index, r in enumerate(file.rules)
    )
    return levels, rules


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
    folder = _folder(data_dir)
    sources = load_sources(folder)
    article = model.decode(folder, "article.toml", model.ArticleFile)
    inputs_file = model.decode(folder, "inputs.toml", model.InputsFile)
    labs_file = model.decode(folder, "labs.toml", model.LabsFile)
    signs_file = model.decode(folder, "signs.toml", model.SignsFile)
    causes_file = model.decode(folder, "causes.toml", model.CausesFile)
    urgency_file = model.decode(folder, "urgency.toml", model.UrgencyFile)
    for name, decoded in (("article.toml", article), ("inputs.toml", inputs_file), ("labs.toml", labs_file),
                          ("signs.toml", signs_file), ("causes.toml", causes_file), ("urgency.toml", urgency_file)):
        check_file(name, decoded, sources)
    inputs = _inputs(inputs_file)
    inputs_by_id = {spec.id: spec for spec in inputs}
    labs = {raw.id: _lab(row_label("labs", index, raw.id), raw) for index, raw in enumerate(labs_file.labs)}
    _check_signs(signs_file.signs, inputs_by_id)
    where = Where("", "", inputs_by_id, signs_file.signs, labs)
    causes = _causes(causes_file, where, {s.id for s in article.sections})
    levels, rules = _urgency(urgency_file, where)
    content = Content(
        title=article.title,
        sections=article.sections,
        sources=sources,
        inputs=inputs,
        signs=signs_file.signs,
        labs=labs,
        causes=causes,
        levels=levels,
        rules=rules,
        default_reason=urgency_file.default.reason,
        default_source=urgency_file.default.source,
        tiers=causes_file.tiers,
        min_points_to_lead=causes_file.model.min_points_to_lead,
        retired=inputs_file.retired,
        no_clear_cause=causes_file.no_clear_cause,
        everyday_held_back_when=None if causes_file.model.everyday_held_back_when is None else parse_when(
            causes_file.model.everyday_held_back_when,
            Where("causes.toml", "model", where.inputs, where.signs, where.labs)),
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
    doc = model.read_toml(_folder(data_dir), file_name)
    for table, fields in doc.items():  # by hand: msgspec's path does not name a table's key (``$[...]``)
        if not isinstance(fields, dict):
            raise DataError(file_name, table, "", "must be a table of text fields")
        for field, text in fields.items():
            if not isinstance(text, str):
                raise DataError(file_name, table, field, "must be text")
            if not text.strip():
                raise DataError(file_name, table, field, "must not be empty")
    return doc


@functools.cache
def cached_words(file_name: str, data_dir: str | None = None) -> dict[str, dict[str, str]]:
    """:func:`load_words`, read once per file, folder and process."""
    return load_words(file_name, data_dir)
