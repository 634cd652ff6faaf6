"""The rule language (explainer.rules), tested from data/: every `when` of every urgency rule and cause clue parses,
reads exactly the inputs it says, has words, and means the same in the browser (its Vega expression, drawn by
vl-convert) as on the server. Then the newer kinds, each with its errors and its truth table."""

from __future__ import annotations

import functools
import itertools
import json
import random
import tomllib
from collections.abc import Iterator
from dataclasses import replace

import pytest

import explainer
from explainer import DataError, assess, charts, rules
from explainer.assessment import Assessment, LabResult, lab_range
from tests.conftest import DATA

CONTENT = explainer.load_content(DATA)
SPECS = {spec.id: spec for spec in CONTENT.inputs}
SLIDERS = frozenset(charts.follow_inputs(CONTENT))
UNIT_INPUTS = frozenset(spec.unit_input for spec in CONTENT.inputs if spec.unit_input)


def _raw_whens() -> list[tuple[str, object]]:
    """Every `when` as written in data/ (urgency rules, then cause clues), with a name for the test id."""
    found: list[tuple[str, object]] = []
    with (DATA / "urgency.toml").open("rb") as handle:
        found += [(f"rule:{rule['id']}", rule["when"]) for rule in tomllib.load(handle)["rules"]]
    with (DATA / "causes.toml").open("rb") as handle:
        for cause in tomllib.load(handle)["causes"]:
            found += [(f"clue:{cause['id']}:{n}", clue["when"]) for n, clue in enumerate(cause["clues"], start=1)]
    return found


RAW = _raw_whens()
LOADED = [rule.when for rule in CONTENT.rules] + [clue.when for cause in CONTENT.causes for clue in cause.clues]
WHENS = [(name, when) for (name, _), when in zip(RAW, LOADED, strict=True)]
IDS = [name for name, _ in WHENS]
WHERE = rules.Where("test.toml", "row[1]", SPECS, CONTENT.signs, CONTENT.labs)


def _kinds(when: rules.When) -> Iterator[type]:
    yield type(when)
    if isinstance(when, rules.All | rules.AnyOf):
        for part in when.parts:
            yield from _kinds(part)


def test_the_data_uses_most_kinds_so_the_tables_below_test_something() -> None:
    used = {kind for _, when in WHENS for kind in _kinds(when)}
    assert {rules.AnySign, rules.SignCrossed, rules.SignLine, rules.Flag, rules.Compare, rules.OneOf,
            rules.LabStatus, rules.LabLevel, rules.All} <= used


@pytest.mark.parametrize(("name", "raw"), RAW, ids=IDS)
def test_every_when_in_data_parses_to_what_the_loader_holds(name: str, raw: object) -> None:
    assert rules.parse(raw, WHERE) == dict(WHENS)[name]


@pytest.mark.parametrize("when", [w for _, w in WHENS], ids=IDS)
def test_every_when_has_words(when: rules.When) -> None:
    text = rules.words(when, CONTENT)
    assert text.strip() and "{" not in text and "None" not in text


# --- inputs(): a grid of scenarios, each input flipped in turn -------------------------------------------------------


def _numbers_to_try(input_id: str) -> set[float]:
    spec = SPECS[input_id]
    values = {spec.min, spec.max}
    lines = [c.threshold for s in CONTENT.signs for c in s.conditions
             if c.input == input_id and c.threshold is not None]
    lines += [w.value for _, when in WHENS for w in _leaves(when)
              if isinstance(w, rules.Compare) and w.input == input_id]
    for line in lines:
        values |= {line - spec.step, line, line + spec.step}
    return {v for v in values if spec.min <= v <= spec.max}


def _lab_values_to_try(input_id: str) -> list[float | None]:
    """In the lab's own unit: unknown, the ends, either side of the usual range and of every band's edge."""
    spec = SPECS[input_id]
    lab = CONTENT.labs[spec.lab]
    edges = [lab.low, lab.high] + [e for b in lab.bands for e in (b.below, b.at_or_above) if e is not None]
    values = {spec.min, spec.max, (lab.low + lab.high) / 2}
    for edge in edges:
        values |= {round(edge - spec.step, 4), edge}
    return [None, *sorted(v for v in values if spec.min <= v <= spec.max)]


def _leaves(when: rules.When) -> Iterator[rules.When]:
    if isinstance(when, rules.All | rules.AnyOf):
        for part in when.parts:
            yield from _leaves(part)
    else:
        yield when


def _alternatives(input_id: str, base: dict[str, object]) -> list[object]:
    spec = SPECS[input_id]
    if spec.kind == "flag":
        return [True, False]
    if spec.kind == "choice":
        return list(spec.options)
    if spec.kind == "lab":
        unit = base.get(spec.unit_input, CONTENT.input(spec.unit_input).default) if spec.unit_input else spec.unit
        factor = CONTENT.labs[spec.lab].factor(str(unit))
        return [v if v is None else round(v / factor, 4) for v in _lab_values_to_try(input_id)]
    return sorted(_numbers_to_try(input_id))


def _met(input_id: str) -> object:
    spec = SPECS[input_id]
    return True if spec.kind == "flag" else spec.max


def _bases() -> list[dict[str, object]]:
    """Defaults; every number at its top and every box ticked; every box ticked with the numbers at their defaults;
    each sign met; every lab in range; each lab low; each lab given in another unit at a value that means low in
    one unit and high in the other (the unit changes the lab's status)."""
    everything = {i: _met(i) for i, spec in SPECS.items() if spec.kind in ("flag", "integer", "number")}
    ticked = {i: True for i, spec in SPECS.items() if spec.kind == "flag"}  # every box, every number at its default
    bases: list[dict[str, object]] = [{}, everything, ticked]
    bases += [{c.input: _met(c.input) for c in sign.conditions} for sign in CONTENT.signs]
    bases.append({spec.id: (CONTENT.labs[spec.lab].low + CONTENT.labs[spec.lab].high) / 2
                  for spec in CONTENT.inputs if spec.kind == "lab"})  # every lab in its usual range
    for spec in CONTENT.inputs:
        if spec.kind != "lab":
            continue
        lab = CONTENT.labs[spec.lab]
        bases.append({spec.id: lab.low - spec.step})
        bases.append({**everything, spec.id: spec.min})
        for unit in lab.unit_names[1:]:
            low, high = lab_range(spec, lab, unit)
            top, bottom = min(high, spec.max), max(low, spec.min)
            if bottom <= top:
                bases.append({spec.id: round((bottom + top) / 2, 2), spec.unit_input: unit})
    return bases


def _facts(result: Assessment) -> rules.Facts:
    return rules.Facts(result.inputs, {s.id: s for s in result.signs}, {lab.id: lab for lab in result.labs})


def _truths(result: Assessment) -> tuple[bool, ...]:
    facts = _facts(result)
    return tuple(rules.holds(when, facts) for _, when in WHENS)


@functools.cache
def _flips() -> tuple[dict[str, set[str]], list[dict[str, object]]]:
    """For every `when` (by name), the inputs whose flip changed it somewhere on the grid; and every scenario tried."""
    changed: dict[str, set[str]] = {name: set() for name, _ in WHENS}
    tried: list[dict[str, object]] = []
    for base in _bases():
        before = _truths(assess(base))
        tried.append(base)
        for input_id in SPECS:
            for value in _alternatives(input_id, base):
                scenario = {**base, input_id: value}
                try:
                    after = _truths(assess(scenario))
                except ValueError:
                    continue  # a lab value outside the range of its unit
                tried.append(scenario)
                for (name, _), old, new in zip(WHENS, before, after, strict=True):
                    if old != new:
                        changed[name].add(input_id)
    return changed, tried


@pytest.mark.parametrize(("name", "when"), WHENS, ids=IDS)
def test_inputs_names_every_input_that_changes_whether_it_holds(name: str, when: rules.When) -> None:
    assert _flips()[0][name] <= rules.inputs(when, CONTENT)


@pytest.mark.parametrize(("name", "when"), WHENS, ids=IDS)
def test_every_input_it_names_changes_it_somewhere(name: str, when: rules.When) -> None:
    """Exactly: no input is named for nothing. A lab's unit is named because it changes the lab's status (it does,
    see the next test), though no value valid in both units is in range in one and out of it in the other."""
    named = rules.inputs(when, CONTENT) - UNIT_INPUTS
    assert named <= _flips()[0][name], f"named but never changes it: {sorted(named - _flips()[0][name])}"


@pytest.mark.parametrize("unit_input", sorted(UNIT_INPUTS))
def test_a_labs_unit_changes_its_status(unit_input: str) -> None:
    lab_input = next(spec for spec in CONTENT.inputs if spec.unit_input == unit_input)
    statuses = {assess(base).lab(lab_input.lab).status for base in _bases() if base.get(unit_input)}
    statuses |= {assess({k: v for k, v in base.items() if k != unit_input}).lab(lab_input.lab).status
                 for base in _bases() if base.get(unit_input)}
    assert {"low", "high"} <= statuses


@pytest.mark.parametrize("when", [w for _, w in WHENS], ids=IDS)
def test_reads_signs_is_whether_a_sign_is_read(when: rules.When) -> None:
    sign_inputs = {c.input for s in CONTENT.signs for c in s.conditions}
    reads = any(isinstance(w, rules.AnySign | rules.SignCrossed | rules.SignLine) for w in _leaves(when))
    assert rules.reads_signs(when) is reads
    if reads:
        assert rules.inputs(when, CONTENT) & sign_inputs


# --- vega(): the browser's test, drawn by vl-convert, against holds() -------------------------------------------------

BROWSER_WHENS = [(name, when) for name, when in WHENS if rules.vega(when, CONTENT, SLIDERS) is not None]


def test_the_browser_works_out_a_test_whose_every_part_is_a_sign_or_number_that_reads_a_slider() -> None:
    assert BROWSER_WHENS, "else the next test checks nothing"
    for _, when in WHENS:
        browser = all(isinstance(w, rules.AnySign | rules.SignCrossed | rules.SignLine | rules.Compare)
                      and rules.inputs(w, CONTENT) & SLIDERS for w in _leaves(when))
        assert (rules.vega(when, CONTENT, SLIDERS) is not None) is browser


def _drawn_truths(expression: str, rows: list[dict[str, object]], params: dict[str, object]) -> list[bool]:
    """The expression worked out by Vega (vl-convert) for each row: a text mark per row, read from the scenegraph."""
    import vl_convert

    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": [{**row, "row": n} for n, row in enumerate(rows)]},
        "params": [{"name": name, "value": value} for name, value in params.items()],
        "transform": [{"calculate": f"datum.row + ':' + ({expression} ? 'T' : 'F')", "as": "out"}],
        "mark": "text",
        "encoding": {"text": {"field": "out", "type": "nominal"}},
    }
    texts: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str) and ":" in node["text"]:
                texts.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(vl_convert.vegalite_to_scenegraph(spec))
    found = dict(text.split(":") for text in texts)
    return [found[str(n)] == "T" for n in range(len(rows))]


def _grid_for(when: rules.When) -> list[dict[str, object]]:
    """The flip grid's scenarios, and a seeded sample of combinations of the values tried for its inputs."""
    read = sorted(rules.inputs(when, CONTENT))
    picks = random.Random(17)
    combos = [{i: picks.choice(_alternatives(i, {})) for i in read} for _ in range(150)]
    return _flips()[1] + combos


@pytest.mark.parametrize("when", [w for _, w in BROWSER_WHENS], ids=[n for n, _ in BROWSER_WHENS])
def test_the_vega_expression_agrees_with_holds_on_a_grid_of_slider_values(when: rules.When) -> None:
    expression = rules.vega(when, CONTENT, SLIDERS)
    assert expression is not None
    read = sorted(rules.inputs(when, CONTENT))
    params = sorted(read_input for read_input in read if read_input in SLIDERS)
    truth_by_row: dict[str, bool] = {}  # the expression reads only the row: scenarios alike on it are drawn once
    for scenario in _grid_for(when):
        result = assess(scenario)
        row = json.dumps({f"v_{i}": result.inputs[i] for i in read}, sort_keys=True)
        truth = rules.holds(when, _facts(result))
        assert truth_by_row.setdefault(row, truth) == truth, "it reads an input that inputs() does not name"
    rows = [json.loads(row) for row in truth_by_row]
    expected = list(truth_by_row.values())
    live = [{i: row[f"v_{i}"] for i in params} for row in rows]
    # As the server sends it: no slider has moved, every value is the row's.
    assert _drawn_truths(expression, rows, {rules.follow_param(i): None for i in params}) == expected
    # As a drag draws it: the row is stale (every slider at its lowest) and each slider's copy holds its value, as
    # text. One chart per distinct setting would be slow, so the rows that share a setting are drawn together.
    by_setting: dict[str, list[int]] = {}
    for n, setting in enumerate(live):
        by_setting.setdefault(json.dumps(setting, sort_keys=True), []).append(n)
    for setting_text, numbers in itertools.islice(by_setting.items(), 12):
        setting = json.loads(setting_text)
        stale = [{**rows[n], **{f"v_{i}": SPECS[i].min for i in params}} for n in numbers]
        drawn = _drawn_truths(expression, stale, {rules.follow_param(i): f"{v:g}" for i, v in setting.items()})
        assert drawn == [expected[n] for n in numbers], setting


# --- the newer kinds: a lab far out of range, a group of tick boxes, "any" --------------------------------------------


@pytest.mark.parametrize(
    ("raw", "field", "words"),
    [
        ({"lab": "potassium", "status": "low", "band": "soon"}, "when.band", "must be urgent or emergency"),
        ({"lab": "potassium", "status": "normal", "band": "urgent"}, "when.status", "must be low or high"),
        ({"lab": "potassium", "status": "low", "band": 1}, "when.band", "must be urgent or emergency"),
        ({"lab": "kalium", "status": "low", "band": "urgent"}, "when.lab", "unknown lab 'kalium'"),
        ({"any_in_group": "dangers"}, "when.any_in_group", "unknown input group 'dangers'"),
        ({"any_in_group": "labs"}, "when.any_in_group", "has no yes/no input"),
        ({"any": [{"input": "twitching"}]}, "when.any", "at least two tests"),
        ({"any": [{"input": "twitching"}, {"input": "twitch"}]}, "when.input", "unknown input 'twitch'"),
        ({"any_in_group": "danger", "colour": "red"}, "when", "unknown keys ['colour']"),
    ],
)
def test_a_broken_new_kind_names_the_file_row_and_field(raw: dict, field: str, words: str) -> None:
    with pytest.raises(DataError) as caught:
        rules.parse(raw, WHERE)
    assert caught.value.file == "test.toml" and caught.value.field == field and words in caught.value.problem
    assert "row[1]" in caught.value.row


POTASSIUM = CONTENT.labs["potassium"]
URGENT_LOW = next(b.below for b in POTASSIUM.bands if b.level == "urgent" and b.below is not None)


def test_a_band_the_lab_does_not_have_on_that_side_is_refused() -> None:
    only_low = [b for b in POTASSIUM.bands if b.below is not None]
    lab = replace(POTASSIUM, bands=tuple(replace(b, at_or_above=None) for b in only_low))
    where = rules.Where("test.toml", "row[1]", SPECS, CONTENT.signs, {"potassium": lab})
    assert rules.parse({"lab": "potassium", "status": "low", "band": "urgent"}, where)
    with pytest.raises(DataError, match="no high danger band of urgent or above"):
        rules.parse({"lab": "potassium", "status": "high", "band": "urgent"}, where)




@pytest.mark.parametrize(
    ("value", "band", "holds"),
    [
        (None, "urgent", False),  # unknown counts for nothing
        ((POTASSIUM.low + POTASSIUM.high) / 2, "urgent", False),  # in range
        (POTASSIUM.low - 0.1, "urgent", False),  # low, but only just
        (URGENT_LOW, "urgent", False),  # the band is "below": its edge is outside it
        (round(URGENT_LOW - 0.1, 2), "urgent", True),
        (POTASSIUM.high + 2, "urgent", False),  # far out, but high
    ],
)
def test_a_low_lab_in_a_band_holds_only_that_far_out(value: float | None, band: str, holds: bool) -> None:
    when = rules.parse({"lab": "potassium", "status": "low", "band": band}, WHERE)
    assert when == rules.LabStatus("potassium", "low", band)
    assert rules.holds(when, _facts(assess({"potassium": value}))) is holds
    assert rules.holds(rules.LabStatus("potassium", "low"), _facts(assess({"potassium": value}))) is (
        value is not None and value < POTASSIUM.low)


@pytest.mark.parametrize(("level", "band", "holds"), [
    ("urgent", "urgent", True), ("emergency", "urgent", True),  # a band of a higher level is at least urgent
    ("urgent", "emergency", False), ("see_doctor", "urgent", False), ("emergency", "emergency", True),
])
def test_a_band_test_holds_from_its_level_up(level: str, band: str, holds: bool) -> None:
    low = LabResult("potassium", "Potassium", 1.5, "mmol/L", 1.5, "low", level, "x")
    facts = rules.Facts(values={}, signs={}, labs={"potassium": low})
    assert rules.holds(rules.LabStatus("potassium", "low", band), facts) is holds


DANGER = [spec.id for spec in CONTENT.inputs if spec.group == "danger" and spec.kind == "flag"]
OTHER_FLAGS = [spec.id for spec in CONTENT.inputs if spec.group != "danger" and spec.kind == "flag"]


@pytest.mark.parametrize(("ticked", "holds"), [
    ((), False),
    *[((flag,), True) for flag in DANGER],
    *[((flag,), False) for flag in OTHER_FLAGS],
    (tuple(OTHER_FLAGS), False),
    (tuple(DANGER), True),
])
def test_any_in_group_holds_when_some_box_of_the_group_is_ticked(ticked: tuple[str, ...], holds: bool) -> None:
    when = rules.parse({"any_in_group": "danger"}, WHERE)
    assert when == rules.AnyInGroup("danger", tuple(DANGER)) and DANGER
    assert rules.inputs(when, CONTENT) == frozenset(DANGER)
    assert rules.holds(when, _facts(assess(dict.fromkeys(ticked, True)))) is holds
    assert rules.vega(when, CONTENT, SLIDERS) is None  # the server works it out
    assert all(CONTENT.input(flag).label in rules.words(when, CONTENT) for flag in DANGER)


@pytest.mark.parametrize(("inputs", "holds"), [
    ({}, False), ({"twitching": True}, True), ({"weakness": 3}, True), ({"twitching": True, "weakness": 3}, True),
])
def test_any_holds_when_one_part_does(inputs: dict, holds: bool) -> None:
    when = rules.parse({"any": [{"input": "twitching"}, {"input": "weakness", "op": ">", "value": 0}]}, WHERE)
    assert when == rules.AnyOf((rules.Flag("twitching"), rules.Compare("weakness", ">", 0.0)))
    assert rules.holds(when, _facts(assess(inputs))) is holds
    assert rules.inputs(when, CONTENT) == {"twitching", "weakness"}
    assert rules.words(when, CONTENT) == f"{CONTENT.input('twitching').label} or {CONTENT.input('weakness').label} > 0"
    assert rules.vega(when, CONTENT, SLIDERS) is None  # a tick box in it: the server works it out


def test_any_of_sliders_is_worked_out_in_the_browser_as_on_the_server() -> None:
    when = rules.parse({"any": [{"input": "weakness", "op": ">", "value": 3},
                                {"sign": "intense_prolonged_pain", "input": "pain"}]}, WHERE)
    expression = rules.vega(when, CONTENT, SLIDERS)
    assert expression is not None and " || " in expression
    grid = [{"weakness": w, "pain": p} for w in (0, 3, 4, 10) for p in (0, 6, 7, 10)]
    expected = [rules.holds(when, _facts(assess(scenario))) for scenario in grid]
    assert True in expected and False in expected
    rows = [{"v_weakness": s["weakness"], "v_pain": s["pain"]} for s in grid]
    assert _drawn_truths(expression, rows, {"follow_weakness": None, "follow_pain": None}) == expected


def test_a_nested_all_in_any_is_bracketed_in_words() -> None:
    when = rules.AnyOf((rules.All((rules.Flag("twitching"), rules.Flag("diuretic"))), rules.AnySign()))
    text = rules.words(when, CONTENT)
    assert text.startswith("(") and text.endswith(" or Any warning sign is crossed")


def test_the_new_kinds_load_from_a_data_file(tmp_path: pytest.TempPathFactory) -> None:
    import shutil

    folder = tmp_path / "data"  # type: ignore[operator]
    shutil.copytree(DATA, folder)
    text = (folder / "causes.toml").read_text()
    clue = ('when = { any = [{ lab = "potassium", status = "low", band = "urgent" }, '
            '{ any_in_group = "danger" }] }')
    assert 'when = { lab = "potassium", status = "low" }' in text
    (folder / "causes.toml").write_text(text.replace('when = { lab = "potassium", status = "low" }', clue, 1))
    content = explainer.load_content(folder)
    whens = [c.when for cause in content.causes for c in cause.clues]
    assert rules.AnyOf((rules.LabStatus("potassium", "low", "urgent"), rules.AnyInGroup("danger", tuple(DANGER)))) \
        in whens
