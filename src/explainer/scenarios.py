"""Teaching scenarios (``data/scenarios.toml``): load, validate, and find the case a set of inputs matches.

Each case is a short story, the inputs it sets (only those that differ from the defaults), the article sections
it teaches, and the result it is meant to show. A broken file raises :class:`~explainer.DataError` naming the
file, the row and the field. The engine is not run here: the tests check every case against it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from explainer.assessment import InputValue, Urgency, validate_inputs
from explainer.content import Content, DataError, _Reader, cached_content, default_data_dir, load_words

__all__ = [
    "SCENARIO_FILE",
    "TEXT_FILE",
    "Scenario",
    "cached_scenarios",
    "cached_text",
    "find_scenario",
    "load_scenarios",
    "load_text",
    "match_scenario",
]

SCENARIO_FILE = "scenarios.toml"
TEXT_FILE = "classroom.toml"
_ID = re.compile(r"^[a-z0-9_]+$")


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    story: str
    inputs: Mapping[str, InputValue]
    learning_point: str
    sections: tuple[str, ...]
    expect_crossed: tuple[str, ...]
    expect_urgency: Urgency
    expect_top_cause: str | None

    def values(self, content: Content | None = None) -> dict[str, InputValue]:
        """Every input: this case's values, the defaults for the rest."""
        return validate_inputs(self.inputs, content or cached_content())


def _id_list(r: _Reader, row: str, d: Mapping[str, Any], field: str, *, known: set[str], what: str) -> tuple[str, ...]:
    items = d.get(field)
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise DataError(r.name, row, field, "must be a list of ids")
    for item in items:
        r.ref(row, field, item, sorted(known), what)
    if len(set(items)) != len(items):
        raise DataError(r.name, row, field, "names an id twice")
    return tuple(items)


def _inputs(r: _Reader, row: str, d: Mapping[str, Any], content: Content) -> dict[str, InputValue]:
    raw = d.get("inputs")
    if not isinstance(raw, dict):
        raise DataError(r.name, row, "inputs", "must be a table of input ids and values")
    try:
        validate_inputs(raw, content)
    except ValueError as err:
        raise DataError(r.name, row, "inputs", str(err)) from None
    for input_id, value in raw.items():
        if value == content.input(input_id).default:  # types already checked: flags are bools, numbers are not
            raise DataError(r.name, row, f"inputs.{input_id}", "equals the default: leave it out")
    return dict(raw)


def load_scenarios(data_dir: str | Path | None = None, content: Content | None = None) -> tuple[Scenario, ...]:
    """Read and check ``scenarios.toml`` against the content.

    Raises:
        DataError: naming the file, the row and the field of the first problem found.
    """
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    content = content or cached_content(str(folder) if data_dir is not None else None)
    r = _Reader(folder, SCENARIO_FILE)
    sections = {s.id for s in content.sections}
    signs = {s.id for s in content.signs}
    causes = [c.id for c in content.causes]
    scenarios = []
    for row, d in r.rows("scenarios"):
        scenario_id = r.text(row, d, "id")
        if not _ID.match(scenario_id):
            raise DataError(r.name, row, "id", "use only a-z, 0-9 and _ (it goes in links)")
        top = d.get("expect_top_cause")
        if top is not None:
            r.ref(row, "expect_top_cause", r.text(row, d, "expect_top_cause"), causes, "cause")
        sections_taught = _id_list(r, row, d, "sections", known=sections, what="article section")
        if not sections_taught:
            raise DataError(r.name, row, "sections", "needs at least one article section")
        scenarios.append(
            Scenario(
                id=scenario_id,
                title=r.text(row, d, "title"),
                story=r.text(row, d, "story"),
                inputs=_inputs(r, row, d, content),
                learning_point=r.text(row, d, "learning_point"),
                sections=sections_taught,
                expect_crossed=_id_list(r, row, d, "expect_crossed", known=signs, what="sign"),
                expect_urgency=Urgency(r.choice(row, d, "expect_urgency", [u.value for u in Urgency])),
                expect_top_cause=top,
            )
        )
    r.unique([s.id for s in scenarios], "scenarios")
    return tuple(scenarios)


@functools.cache
def cached_scenarios(data_dir: str | None = None) -> tuple[Scenario, ...]:
    """:func:`load_scenarios`, read once per folder and process."""
    return load_scenarios(data_dir)


def load_text(data_dir: str | Path | None = None) -> dict[str, dict[str, str]]:
    """The words of the classroom pages (``classroom.toml``): each table's fields, all non-empty text.

    Raises:
        DataError: for a missing file, a field that is not text, or an empty one.
    """
    return load_words(TEXT_FILE, data_dir)


@functools.cache
def cached_text(data_dir: str | None = None) -> dict[str, dict[str, str]]:
    """:func:`load_text`, read once per folder and process."""
    return load_text(data_dir)


def match_scenario(
    values: Mapping[str, InputValue], scenarios: tuple[Scenario, ...], content: Content | None = None
) -> Scenario | None:
    """The case whose inputs are exactly ``values`` (defaults filled in), or None for a scenario made live.

    >>> cases = cached_scenarios()
    >>> match_scenario(cases[0].values(), cases).id == cases[0].id
    True
    >>> match_scenario({"pain": 3}, cases) is None
    True
    """
    content = content or cached_content()
    current = validate_inputs(values, content)
    return next((case for case in scenarios if case.values(content) == current), None)


def find_scenario(scenario_id: str, scenarios: tuple[Scenario, ...]) -> Scenario | None:
    """The case with this id, or None.

    >>> find_scenario("no_such_case", cached_scenarios()) is None
    True
    """
    return next((case for case in scenarios if case.id == scenario_id), None)
