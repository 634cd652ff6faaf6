"""Load the content in ``data/``: decode each file into its types, check what ties the files together, assemble.

Everything the app says or decides comes from the TOML files in ``data/``. Each file is decoded into the frozen types
of :mod:`explainer.model`, which refuse a wrong type, a value out of range, an unknown field and whatever else breaks
a rule of one row or one file. What no single type can see is checked here, once: every id unique in its table, and
every reference to another row or file (a source, an input, a lab, a tier, an article section) known. A broken file
raises :class:`DataError`, whose message names the file, the row (with its id where it has one) and the field.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

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
    Section,
    SelfCareStep,
    Sign,
    Source,
    UrgencyLevel,
    UrgencyRule,
    row_label,
)
from explainer.rules import Where
from explainer.rules import parse as parse_when

__all__ = [
    "Cause",
    "Clue",
    "Condition",
    "Content",
    "DataError",
    "InputSpec",
    "Lab",
    "Section",
    "SelfCareStep",
    "Sign",
    "Source",
    "UrgencyRule",
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
_CONTENT_FILES = ("article.toml", "inputs.toml", "labs.toml", "signs.toml", "causes.toml", "urgency.toml")
T = TypeVar("T")


def default_data_dir() -> Path:
    """The ``data/`` folder: ``$EXPLAINER_DATA_DIR`` if set, else the one at the top of the project."""
    return Path(os.environ.get(DATA_DIR_ENV) or _PROJECT_DATA)


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


def check_file(name: str, decoded: msgspec.Struct, sources: Mapping[str, Source]) -> None:
    """The one pass every file gets: ids unique in every table, every source it cites known."""
    try:
        rows = list(_rows(decoded))
    except DataError as err:
        raise DataError(name, err.row, err.field, err.problem) from None
    for row, item in rows:
        cited = [(field, getattr(item, field, "")) for field in _SOURCE_FIELDS]
        cited += [("sources", source) for source in item.sources] if isinstance(item, UrgencyLevel) else []
        for field, source in cited:
            if source and source not in sources:
                raise DataError(name, row, field, f"names an unknown source {source!r}")


def load_sources(data_dir: str | Path | None = None) -> dict[str, Source]:
    """The sources (``sources.toml``) by id; ``article`` and ``teaching`` are among them (the type checks it)."""
    decoded = model.decode(_folder(data_dir), "sources.toml", model.SourcesFile)
    check_file("sources.toml", decoded, {})
    return {source.id: source for source in decoded.sources}


def _build(kind: type[T], row: msgspec.Struct, **changes: Any) -> T:
    """One of the objects :class:`Content` holds, from the row it is read from and what the loader adds to it."""
    return kind(**(msgspec.structs.asdict(row) | changes))


def _lab(raw: model.LabRow) -> Lab:
    """A lab whose ranges and danger bands are also in its own unit (the row has checked them)."""
    ranges = tuple(
        _build(LabRange, given, unit=given.unit or raw.unit, low_main=raw.in_main(given.low, given.unit),
               high_main=raw.in_main(given.high, given.unit))
        for given in raw.ranges
    )
    bands = tuple(
        LabBand(level=band.level, below=raw.in_main(band.below, band.unit),
                at_or_above=raw.in_main(band.at_or_above, band.unit), source=band.source, why=band.why,
                quote=band.quote, given=band.below if band.below is not None else band.at_or_above,
                given_unit=band.unit or raw.unit, differs=band.differs, differs_quote=band.differs_quote)
        for band in raw.bands
    )
    return _build(Lab, raw, bands=bands, ranges=ranges)


def _causes(file: model.CausesFile, where: Where, sections: set[str]) -> tuple[Cause, ...]:
    """The causes, each clue with its tier's points and words and its ``when`` read by the rule language."""
    tiers = {tier.id: tier for tier in file.tiers}
    causes = []
    for index, raw in enumerate(file.causes):
        row = row_label("causes", index, raw.id)
        if raw.section and raw.section not in sections:
            raise DataError("causes.toml", row, "section", f"names an unknown article section {raw.section!r}")
        clues = []
        for number, clue in enumerate(raw.clues, start=1):
            clue_row = f"{row} clues[{number}]"
            if clue.tier not in tiers:
                raise DataError("causes.toml", clue_row, "tier",
                                f"must be one of {', '.join(tiers)} (found {clue.tier!r})")
            when = parse_when(clue.when, replace(where, row=clue_row))
            tier = tiers[clue.tier]
            clues.append(_build(Clue, clue, when=when, points=tier.points, tier_label=tier.label))
        causes.append(_build(Cause, raw, clues=tuple(clues)))
    for number, step in enumerate(file.no_clear_cause.steps, start=1):
        if step.when and (step.when not in where.inputs or where.inputs[step.when].kind != "flag"):
            raise DataError("causes.toml", f"no_clear_cause steps[{number}]", "when",
                            f"must name a yes/no input (found {step.when!r})")
    return tuple(causes)


def _check_conditions(signs: tuple[Sign, ...], inputs: Mapping[str, InputSpec]) -> None:
    """Each condition of a sign reads a known input of its kind, inside the input's range."""
    for index, sign in enumerate(signs):
        for number, condition in enumerate(sign.conditions, start=1):
            row = f"{row_label('signs', index, sign.id)} conditions[{number}]"
            spec = inputs.get(condition.input)
            number_test = condition.op != "is_true"
            if spec is None:
                raise DataError("signs.toml", row, "input", f"names an unknown input {condition.input!r}")
            if not number_test and spec.kind != "flag":
                raise DataError("signs.toml", row, "op", f'"is_true" needs a yes/no input, not {spec.kind}')
            if number_test and spec.kind not in ("integer", "number"):
                raise DataError("signs.toml", row, "op", f'"{condition.op}" needs a number input, not {spec.kind}')
            if number_test and not spec.min <= condition.threshold <= spec.max:
                problem = f"must lie in the input's range {spec.min:g} to {spec.max:g}"
                raise DataError("signs.toml", row, "threshold", problem)


def _check_cross_references(content: Content) -> None:
    """Each sign has its article section; a retired id is no current input and becomes a yes/no one; a lab input
    reads a known lab, in its units."""
    sections = {section.id for section in content.sections}
    for sign in content.signs:
        if sign.id not in sections:
            raise DataError("signs.toml", f"id={sign.id}", "id", "has no article section with the same id")
    inputs = {spec.id: spec for spec in content.inputs}
    for index, retired in enumerate(content.retired):
        row = row_label("retired", index, retired.id)
        if retired.id in inputs:
            raise DataError("inputs.toml", row, "id", "is a current input; a retired id must not be")
        if retired.becomes not in inputs:
            raise DataError("inputs.toml", row, "becomes", f"names an unknown input {retired.becomes!r}")
        if inputs[retired.becomes].kind != "flag":
            raise DataError("inputs.toml", row, "becomes", "must name a yes/no input")
    for spec in [spec for spec in content.inputs if spec.kind == "lab"]:
        row = f"id={spec.id}"
        if spec.lab not in content.labs:
            raise DataError("inputs.toml", row, "lab", f"names an unknown lab {spec.lab!r}")
        lab = content.labs[spec.lab]
        if spec.unit != lab.unit:
            raise DataError("inputs.toml", row, "unit", f"must be the lab's own unit {lab.unit!r}")
        chooser = inputs.get(spec.unit_input)
        if spec.unit_input and (chooser is None or chooser.kind != "choice" or chooser.options != lab.unit_names):
            problem = f"must name a choice input whose options are the lab's units {lab.unit_names}"
            raise DataError("inputs.toml", row, "unit_input", problem)
        if chooser is not None and chooser.default != lab.unit:
            raise DataError("inputs.toml", f"id={spec.unit_input}", "default", f"must be {lab.unit!r}")


def load_content(data_dir: str | Path | None = None) -> Content:
    """Read and validate every file in ``data_dir`` (default: :func:`default_data_dir`).

    Raises:
        DataError: naming the file, the row and the field of the first problem found.
    """
    folder = _folder(data_dir)
    sources = load_sources(folder)
    files = {name: model.decode(folder, name, model.FILES[name]) for name in _CONTENT_FILES}
    for name, decoded in files.items():
        check_file(name, decoded, sources)
    article, inputs_file, labs_file, signs_file, causes_file, urgency_file = files.values()
    inputs = {spec.id: spec for spec in inputs_file.inputs}
    labs = {raw.id: _lab(raw) for raw in labs_file.labs}
    _check_conditions(signs_file.signs, inputs)
    where = Where("causes.toml", "model", inputs, signs_file.signs, labs)  # [model]; a clue or rule: its own row
    causes = _causes(causes_file, where, {section.id for section in article.sections})
    rules = tuple(
        _build(UrgencyRule, rule, when=parse_when(rule.when, replace(where, file="urgency.toml",
                                                                     row=row_label("rules", index, rule.id))))
        for index, rule in enumerate(urgency_file.rules)
    )
    held_back = causes_file.model.everyday_held_back_when
    content = Content(
        title=article.title,
        sections=article.sections,
        sources=sources,
        inputs=inputs_file.inputs,
        signs=signs_file.signs,
        labs=labs,
        causes=causes,
        levels=tuple(sorted(urgency_file.levels, key=lambda level: level.rank)),
        rules=rules,
        default_reason=urgency_file.default.reason,
        default_source=urgency_file.default.source,
        tiers=causes_file.tiers,
        min_points_to_lead=causes_file.model.min_points_to_lead,
        retired=inputs_file.retired,
        no_clear_cause=causes_file.no_clear_cause,
        everyday_held_back_when=None if held_back is None else parse_when(held_back, where),
    )
    _check_cross_references(content)
    return content


@functools.cache
def cached_content(data_dir: str | None = None) -> Content:
    """:func:`load_content`, read once per folder and process."""
    return load_content(data_dir)


def load_words(file_name: str, data_dir: str | Path | None = None) -> dict[str, dict[str, str]]:
    """The words of some pages (``pages.toml``, ``classroom.toml``): each table's fields, all non-empty text
    (:data:`explainer.model.Words`).

    Raises:
        DataError: for a missing file, a field that is not text, or an empty one.
    """
    return model.decode(_folder(data_dir), file_name, model.Words)


@functools.cache
def cached_words(file_name: str, data_dir: str | None = None) -> dict[str, dict[str, str]]:
    """:func:`load_words`, read once per file, folder and process."""
    return load_words(file_name, data_dir)
