"""Teaching scenarios (``data/scenarios.toml``): load, validate, and find the case a set of inputs matches.

Each case is a short story, the inputs it sets (only those that differ from the defaults), the article sections
it teaches, and the result it is meant to show. A broken file raises :class:`~explainer.DataError` naming the
file, the row and the field. The engine is not run here: the tests check every case against it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from explainer.assessment import InputValue, Urgency, validate_inputs
from explainer.content import Content, DataError, cached_content, check_file, default_data_dir, load_words
from explainer.model import ScenariosFile, decode, row_label

__all__ = [
    "SCENARIO_FILE",
    "STORIES",
    "TEXT_FILE",
    "CaseGroup",
    "Scenario",
    "ThresholdPair",
    "cached_case_groups",
    "cached_scenarios",
    "cached_text",
    "case_groups",
    "find_scenario",
    "load_scenarios",
    "load_text",
    "match_scenario",
    "neighbour_case",
]

SCENARIO_FILE = "scenarios.toml"
TEXT_FILE = "classroom.toml"


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

    def values(self, content: Content) -> dict[str, InputValue]:
        """Every input: this case's values, the defaults for the rest."""
        return validate_inputs(self.inputs, content)


def _id_list(row: str, field: str, items: tuple[str, ...], known: set[str] | list[str], what: str) -> tuple[str, ...]:
    for item in items:
        if item not in known:
            raise DataError(SCENARIO_FILE, row, field, f"names an unknown {what} {item!r}")
    if len(set(items)) != len(items):
        raise DataError(SCENARIO_FILE, row, field, "names an id twice")
    return items


def _inputs(row: str, raw: Mapping[str, InputValue], content: Content) -> dict[str, InputValue]:
    try:
        validate_inputs(raw, content)
    except ValueError as err:
        raise DataError(SCENARIO_FILE, row, "inputs", str(err)) from None
    for input_id, value in raw.items():
        if value == content.input(input_id).default:  # types already checked: flags are bools, numbers are not
            raise DataError(SCENARIO_FILE, row, f"inputs.{input_id}", "equals the default: leave it out")
    return dict(raw)


def load_scenarios(data_dir: str | Path | None = None, content: Content | None = None) -> tuple[Scenario, ...]:
    """Read and check ``scenarios.toml`` against the content.

    Raises:
        DataError: naming the file, the row and the field of the first problem found.
    """
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    content = content or cached_content(str(folder) if data_dir is not None else None)
    decoded = decode(folder, SCENARIO_FILE, ScenariosFile)
    check_file(SCENARIO_FILE, decoded, content.sources)
    sections = {s.id for s in content.sections}
    signs = {s.id for s in content.signs}
    causes = [c.id for c in content.causes]
    scenarios = []
    for index, d in enumerate(decoded.scenarios):
        row = row_label("scenarios", index, d.id)
        if d.expect_top_cause is not None and d.expect_top_cause not in causes:
            raise DataError(SCENARIO_FILE, row, "expect_top_cause", f"names an unknown cause {d.expect_top_cause!r}")
        scenarios.append(
            Scenario(
                id=d.id,
                title=d.title,
                story=d.story,
                inputs=_inputs(row, d.inputs, content),
                learning_point=d.learning_point,
                sections=_id_list(row, "sections", d.sections, sections, "article section"),
                expect_crossed=_id_list(row, "expect_crossed", d.expect_crossed, signs, "sign"),
                expect_urgency=Urgency(d.expect_urgency),
                expect_top_cause=d.expect_top_cause,
            )
        )
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
    values: Mapping[str, InputValue], scenarios: tuple[Scenario, ...], content: Content
) -> Scenario | None:
    """The case whose inputs are exactly ``values`` (defaults filled in), or None for a scenario made live.

    >>> cases = cached_scenarios()
    >>> match_scenario(cases[0].values(content), cases, content).id == cases[0].id
    True
    >>> match_scenario({"pain": 3}, cases, content) is None
    True
    """
    current = validate_inputs(values, content)
    return next((case for case in scenarios if case.values(content) == current), None)


def find_scenario(scenario_id: str, scenarios: tuple[Scenario, ...]) -> Scenario | None:
    """The case with this id, or None.

    >>> find_scenario("no_such_case", cached_scenarios()) is None
    True
    """
    return next((case for case in scenarios if case.id == scenario_id), None)


# --- Grouping the cases for a picker: the stories, then the threshold pairs under their sign ---------------------

STORIES = "stories"  # the id of the group of story cases
UNDER, OVER = "_under", "_over"  # a threshold pair's ids: <stem>_under and <stem>_over (see scenarios.toml)


@dataclass(frozen=True)
class ThresholdPair:
    """Two cases one step either side of one line of a sign: the same story, only ``line_input`` differs."""

    line_input: str
    under: Scenario
    over: Scenario


@dataclass(frozen=True)
class CaseGroup:
    """The story cases (``id == STORIES``, ``sign_id`` empty), or the threshold pairs of one warning sign."""

    id: str
    sign_id: str
    cases: tuple[Scenario, ...]
    pairs: tuple[ThresholdPair, ...] = ()


def _pair_row(case: Scenario) -> str:
    return f"scenarios (id={case.id})"


def _threshold_pair(under: Scenario, over: Scenario, content: Content) -> ThresholdPair:
    """The pair and the one input that differs between its cases (the line it sits either side of)."""
    under_values, over_values = under.values(content), over.values(content)
    differ = [spec.id for spec in content.inputs if under_values[spec.id] != over_values[spec.id]]
    if len(differ) != 1:
        raise DataError(
            SCENARIO_FILE,
            _pair_row(over),
            "inputs",
            f"a threshold pair must differ from {under.id} in one input only, not in {differ or 'none'}",
        )
    return ThresholdPair(line_input=differ[0], under=under, over=over)


def case_groups(scenarios: tuple[Scenario, ...], content: Content) -> tuple[CaseGroup, ...]:
    """The cases grouped for a picker: the stories first (in file order), then, for each warning sign in
    ``signs.toml`` order, its threshold pairs (``<stem>_under`` and ``<stem>_over``) in the order of its lines.

    A pair belongs to the sign with a line on the one input its two cases differ in. A sign with no pairs has no
    group. Every case is in exactly one group.

    Raises:
        DataError: an ``_under`` case without its ``_over`` (or the other way round), a pair that differs in more
            or fewer than one input, or in an input that no sign has a line on.

    >>> groups = case_groups(cached_scenarios(), content)
    >>> [(g.id, len(g.cases)) for g in groups]  # doctest: +NORMALIZE_WHITESPACE
    [('stories', 21), ('intense_prolonged_pain', 4), ('frequent_recurring', 4), ('weakness_fatigue', 4)]
    >>> [p.line_input for p in groups[1].pairs]
    ['pain', 'duration_min']
    """
    by_id = {case.id: case for case in scenarios}
    stories: list[Scenario] = []
    pairs: list[ThresholdPair] = []
    for case in scenarios:
        for suffix, partner_suffix in ((UNDER, OVER), (OVER, UNDER)):
            if not case.id.endswith(suffix):
                continue
            partner = by_id.get(case.id.removesuffix(suffix) + partner_suffix)
            if partner is None:
                raise DataError(
                    SCENARIO_FILE,
                    _pair_row(case),
                    "id",
                    f"a case ending in {suffix} needs its partner ending in {partner_suffix}",
                )
            if suffix == UNDER:
                pairs.append(_threshold_pair(case, partner, content))
            break
        else:
            stories.append(case)
    groups = [CaseGroup(id=STORIES, sign_id="", cases=tuple(stories))]
    placed: set[str] = set()
    for sign in content.signs:
        lines = [condition.input for condition in sign.conditions]
        own = sorted((p for p in pairs if p.line_input in lines), key=lambda p: lines.index(p.line_input))
        placed.update(p.under.id for p in own)
        if own:
            cases = tuple(case for pair in own for case in (pair.under, pair.over))
            groups.append(CaseGroup(id=sign.id, sign_id=sign.id, cases=cases, pairs=tuple(own)))
    for pair in pairs:
        if pair.under.id not in placed:
            raise DataError(
                SCENARIO_FILE,
                _pair_row(pair.under),
                "inputs",
                f"a threshold pair sits either side of a line, but no sign has a line on {pair.line_input}",
            )
    return tuple(groups)


@functools.cache
def cached_case_groups(data_dir: str | None = None) -> tuple[CaseGroup, ...]:
    """:func:`case_groups` of :func:`cached_scenarios`, worked out once per folder and process."""
    return case_groups(cached_scenarios(data_dir), cached_content(data_dir))


def neighbour_case(current_id: str | None, groups: tuple[CaseGroup, ...], step: int) -> Scenario:
    """The case ``step`` places after (or, negative, before) ``current_id`` in the groups' order, wrapping round.
    From no case (a scenario made live), forward is the first case and back the last.

    >>> groups = case_groups(cached_scenarios(), content)
    >>> neighbour_case(None, groups, 1).id, neighbour_case(None, groups, -1).id
    ('short_night_cramp', 'fatigue_over')
    >>> neighbour_case("short_night_cramp", groups, -1).id
    'fatigue_over'
    """
    order = [case for group in groups for case in group.cases]
    ids = [case.id for case in order]
    if current_id not in ids:
        return order[0] if step > 0 else order[-1]
    return order[(ids.index(current_id) + step) % len(order)]
