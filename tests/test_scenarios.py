"""The teaching cases: each one shows what it says it teaches, together they cover the content, and a broken
copy of scenarios.toml is rejected with the file, row and field named."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

import explainer
from explainer.scenarios import (
    STORIES,
    Scenario,
    case_groups,
    find_scenario,
    load_scenarios,
    load_text,
    match_scenario,
    neighbour_case,
)
from tests.conftest import DATA

CASES = load_scenarios(DATA, explainer.load_content(DATA))
SIGNS = tomllib.loads((DATA / "signs.toml").read_text(encoding="utf-8"))["signs"]
INPUTS = {row["id"]: row for row in tomllib.loads((DATA / "inputs.toml").read_text(encoding="utf-8"))["inputs"]}
CAUSE_IDS = [row["id"] for row in tomllib.loads((DATA / "causes.toml").read_text(encoding="utf-8"))["causes"]]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case_shows_what_it_teaches(case: Scenario, content: explainer.Content) -> None:
    result = explainer.assess(case.inputs, content)
    assert set(result.crossed_signs) == set(case.expect_crossed)
    assert result.urgency == case.expect_urgency
    leading = result.leading_cause
    assert (leading.id if leading else None) == case.expect_top_cause, "a taught top cause must stand out"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case_sets_only_values_that_differ_from_the_defaults(case: Scenario) -> None:
    for input_id, value in case.inputs.items():
        assert value != INPUTS[input_id].get("default"), input_id


def test_there_are_at_least_twelve_cases() -> None:
    assert len(CASES) >= 12


@pytest.mark.parametrize("sign_id", [row["id"] for row in SIGNS])
def test_every_sign_is_taught_crossed(sign_id: str) -> None:
    assert any(sign_id in case.expect_crossed for case in CASES)


@pytest.mark.parametrize("cause_id", CAUSE_IDS)
def test_every_cause_is_the_top_cause_of_some_case(cause_id: str) -> None:
    assert any(case.expect_top_cause == cause_id for case in CASES)


@pytest.mark.parametrize("level", [u.value for u in explainer.Urgency])
def test_every_level_of_advice_is_taught(level: str) -> None:
    assert any(case.expect_urgency == level for case in CASES)


def test_some_cases_are_calm() -> None:
    calm = [case.id for case in CASES if not case.expect_crossed and case.expect_urgency == "self_care"]
    assert len(calm) >= 2, calm


def _near_values(condition: dict) -> tuple[float, float]:
    """The value one step below the line (not met) and the value that first meets it, on the input's steps."""
    step, line = float(INPUTS[condition["input"]]["step"]), float(condition["threshold"])
    return (line - step, line) if condition["op"] == ">=" else (line, line + step)


NUMERIC = [(sign["id"], c) for sign in SIGNS for c in sign["conditions"] if c["op"] != "is_true"]


@pytest.mark.parametrize(("sign_id", "condition"), NUMERIC, ids=[f"{s}-{c['input']}" for s, c in NUMERIC])
def test_each_numeric_line_has_a_case_just_under_and_just_over(
    sign_id: str, condition: dict, content: explainer.Content
) -> None:
    under, over = _near_values(condition)
    input_id = condition["input"]
    below = [c for c in CASES if c.values(content)[input_id] == under and sign_id not in c.expect_crossed]
    above = [c for c in CASES if c.values(content)[input_id] == over and sign_id in c.expect_crossed]
    assert below, f"no case with {input_id} = {under:g} that leaves {sign_id} uncrossed"
    assert above, f"no case with {input_id} = {over:g} that crosses {sign_id}"
    # The pair differs only in this input, so the line itself is what flips the sign.
    pairs = [
        (b.id, a.id) for b in below for a in above
        if {k: v for k, v in b.values(content).items() if k != input_id}
        == {k: v for k, v in a.values(content).items() if k != input_id}
    ]
    assert pairs, f"no pair of cases for {input_id} that differs in that input only"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case_sections_exist_in_the_article(case: Scenario, content: explainer.Content) -> None:
    sections = {s.id for s in content.sections}
    assert case.sections
    assert set(case.sections) <= sections


def test_match_and_find_scenario(content: explainer.Content) -> None:
    case = CASES[3]
    assert match_scenario(case.values(content), CASES, content) == case
    flipped = {**case.values(content), "jerking": not case.values(content)["jerking"]}
    assert match_scenario(flipped, CASES, content) is None
    assert find_scenario(case.id, CASES) == case
    assert find_scenario("no_such_case", CASES) is None


def test_case_ids_are_safe_in_links() -> None:
    assert all(re.fullmatch(r"[a-z0-9_]+", case.id) for case in CASES)


def test_classroom_text_loads_with_the_keys_the_pages_use() -> None:
    text = load_text(DATA)
    for table in ("link", "case_groups", "scenarios", "present", "quiz"):
        assert text[table], table


FIRST = CASES[0].id
BROKEN = [
    ("missing id", lambda t: t.replace(f'id = "{FIRST}"', "", 1), "scenarios[1]", "id"),
    ("unknown input", lambda t: t.replace("inputs = { pain = 4", "inputs = { pian = 4", 1), FIRST, "inputs"),
    ("out of range", lambda t: t.replace("inputs = { pain = 4", "inputs = { pain = 40", 1), FIRST, "inputs"),
    ("wrong type", lambda t: t.replace("inputs = { pain = 4", 'inputs = { pain = "4"', 1), FIRST, "inputs"),
    ("a default", lambda t: t.replace("inputs = { pain = 4", "inputs = { pain = 0", 1), FIRST, "inputs.pain"),
    ("unknown section", lambda t: t.replace('sections = ["introduction"', 'sections = ["intro"', 1), FIRST,
     "sections"),
    ("unknown sign", lambda t: t.replace("expect_crossed = []", 'expect_crossed = ["cramps"]', 1), FIRST,
     "expect_crossed"),
    ("unknown urgency", lambda t: t.replace('expect_urgency = "self_care"', 'expect_urgency = "later"', 1), FIRST,
     "expect_urgency"),
    ("unknown cause", lambda t: t.replace('expect_top_cause = "dehydration"', 'expect_top_cause = "thirst"', 1),
     "hot_day_cramp", "expect_top_cause"),
    ("bad id", lambda t: t.replace(f'id = "{FIRST}"', 'id = "Night Cramp"', 1), "scenarios[1]", "id"),
    ("twice", lambda t: t.replace('id = "hot_day_cramp"', f'id = "{FIRST}"', 1), "scenarios[2]", "id"),
    ("blank story", lambda t: re.sub(r'story = "[^"]*"', 'story = "  "', t, count=1), FIRST, "story"),
]


@pytest.mark.parametrize(("what", "change", "row", "field"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_scenarios_name_file_row_and_field(
    what: str,  # noqa: ARG001  (the test id)
    change: Callable[[str], str], row: str, field: str,
    data_copy: Callable[[str, Callable[[str], str]], Path], content: explainer.Content,
) -> None:
    folder = data_copy("scenarios.toml", change)
    with pytest.raises(explainer.DataError) as err:
        load_scenarios(folder, content)
    assert err.value.file == "scenarios.toml"
    assert row in err.value.row
    assert err.value.field == field


def test_a_missing_scenarios_file_is_named(tmp_path: Path, content: explainer.Content) -> None:
    with pytest.raises(explainer.DataError, match=r"scenarios\.toml.*missing"):
        load_scenarios(tmp_path, content)


# --- the cases in groups: stories, then the threshold pairs under their sign ------------------------------------

GROUPS = case_groups(CASES, explainer.load_content(DATA))
RAW = tomllib.loads((DATA / "scenarios.toml").read_text(encoding="utf-8"))["scenarios"]
PAIR_IDS = [row["id"] for row in RAW if row["id"].endswith(("_under", "_over"))]


def _sign_of_line(input_id: str) -> str:
    return next(sign["id"] for sign in SIGNS if any(c["input"] == input_id for c in sign["conditions"]))


def test_every_case_is_in_exactly_one_group_stories_first() -> None:
    grouped = [case.id for group in GROUPS for case in group.cases]
    assert sorted(grouped) == sorted(row["id"] for row in RAW)
    assert len(grouped) == len(set(grouped))
    assert GROUPS[0].id == STORIES and not GROUPS[0].sign_id
    assert [case.id for case in GROUPS[0].cases] == [row["id"] for row in RAW if row["id"] not in PAIR_IDS]


def test_the_pair_groups_follow_the_signs_order() -> None:
    order = [sign["id"] for sign in SIGNS]
    sign_groups = [group.sign_id for group in GROUPS[1:]]
    assert sign_groups == sorted(sign_groups, key=order.index)
    assert all(group.pairs for group in GROUPS[1:])


PAIRS = [(group.sign_id, pair) for group in GROUPS[1:] for pair in group.pairs]


@pytest.mark.parametrize(("sign_id", "pair"), PAIRS, ids=[p.under.id for _, p in PAIRS])
def test_a_pair_sits_under_the_sign_whose_line_it_straddles(sign_id: str, pair, content: explainer.Content) -> None:
    assert pair.under.id.removesuffix("_under") == pair.over.id.removesuffix("_over")
    assert _sign_of_line(pair.line_input) == sign_id
    under, over = pair.under.values(content), pair.over.values(content)
    assert [k for k in under if under[k] != over[k]] == [pair.line_input]
    assert sign_id not in pair.under.expect_crossed and sign_id in pair.over.expect_crossed


def test_every_under_and_over_case_is_in_a_pair() -> None:
    paired = {case.id for _, pair in PAIRS for case in (pair.under, pair.over)}
    assert paired == set(PAIR_IDS)


@pytest.mark.parametrize(
    ("current", "step", "expected"),
    [(None, 1, "first"), (None, -1, "last"), ("first", -1, "last"), ("last", 1, "first"),
     ("stories_last", 1, "pairs_first"), ("pairs_first", -1, "stories_last")],
)
def test_next_and_previous_case_walk_the_groups_in_order_and_wrap(current, step: int, expected: str) -> None:
    order = [case.id for group in GROUPS for case in group.cases]
    named = {"first": order[0], "last": order[-1], "stories_last": GROUPS[0].cases[-1].id,
             "pairs_first": GROUPS[1].cases[0].id, None: None}
    assert neighbour_case(named[current], GROUPS, step).id == named[expected]


BROKEN_PAIRS = [
    ("lonely under", lambda t: t.replace('id = "pain_over"', 'id = "pain_higher"', 1), "pain_under", "id"),
    ("lonely over", lambda t: t.replace('id = "fatigue_under"', 'id = "fatigue_lower"', 1), "fatigue_over", "id"),
    ("two inputs", lambda t: t.replace("inputs = { pain = 7, duration_min = 15 }",
                                       "inputs = { pain = 7, duration_min = 16 }", 1), "pain_over", "inputs"),
]


@pytest.mark.parametrize(("what", "change", "row", "field"), BROKEN_PAIRS, ids=[b[0] for b in BROKEN_PAIRS])
def test_a_broken_pair_names_file_row_and_field(
    what: str,  # noqa: ARG001  (the test id)
    change: Callable[[str], str], row: str, field: str,
    data_copy: Callable[[str, Callable[[str], str]], Path], content: explainer.Content,
) -> None:
    folder = data_copy("scenarios.toml", change)
    with pytest.raises(explainer.DataError) as caught:
        case_groups(load_scenarios(folder, content), content)
    assert caught.value.file == "scenarios.toml"
    assert row in caught.value.row
    assert caught.value.field == field
