"""The assessment engine: the public contract of explainer.assess, as tables and properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import explainer
from explainer import Urgency, assess
from tests.conftest import DATA

CONTENT = explainer.load_content(DATA)
SIGN_IDS = ["intense_prolonged_pain", "frequent_recurring", "weakness_fatigue", "abnormal_contractions"]
CAUSE_IDS = [
    "nerve_damage",
    "muscle_strain",
    "electrolyte_imbalance",
    "neurological_condition",
    "dehydration",
    "muscle_fatigue",
]


def test_ids_are_the_ones_the_contract_names() -> None:
    assert [s.id for s in CONTENT.signs] == SIGN_IDS
    assert sorted(c.id for c in CONTENT.causes) == sorted(CAUSE_IDS)
    assert [i.id for i in CONTENT.inputs] == [
        "pain",
        "duration_min",
        "episodes_per_week",
        "weeks_affected",
        "weakness",
        "fatigue",
        "twitching",
        "jerking",
        "shaking",
        "overexertion",
        "dehydration",
        "cramp_medicine",
        "numbness_tingling",
        "radiating_pain",
        "potassium",
        "calcium",
        "magnesium",
    ]


# Hand-made cases, reasoned from the article and references.md, not copied from the engine's output.
CASES = [
    # (inputs, crossed signs, urgency)
    ({}, (), Urgency.SELF_CARE),
    ({"pain": 3, "duration_min": 1, "episodes_per_week": 1, "weeks_affected": 1}, (), Urgency.SELF_CARE),
    ({"pain": 9, "duration_min": 5}, (), Urgency.SELF_CARE),  # intense but not prolonged
    ({"pain": 2, "duration_min": 15}, (), Urgency.URGENT),  # over 10 minutes: NHS urgent, sign needs both
    ({"pain": 8, "duration_min": 15}, ("intense_prolonged_pain",), Urgency.URGENT),
    ({"episodes_per_week": 5, "weeks_affected": 8}, ("frequent_recurring",), Urgency.SEE_DOCTOR),
    ({"episodes_per_week": 5, "weeks_affected": 1}, (), Urgency.SELF_CARE),  # frequent but new
    ({"fatigue": 6}, ("weakness_fatigue",), Urgency.SEE_DOCTOR),  # tiring alone: see a doctor
    ({"weakness": 6}, ("weakness_fatigue",), Urgency.URGENT),  # weakness: Merck, right away
    ({"jerking": True}, ("abnormal_contractions",), Urgency.URGENT),
    ({"numbness_tingling": True}, (), Urgency.URGENT),
    ({"cramp_medicine": True}, (), Urgency.SEE_DOCTOR),
    ({"potassium": 3.0}, (), Urgency.SEE_DOCTOR),
    ({"potassium": 4.2, "calcium": 9.5, "magnesium": 2.0}, (), Urgency.SELF_CARE),
    ({"dehydration": True, "overexertion": True}, (), Urgency.SELF_CARE),
    (
        {"pain": 10, "duration_min": 30, "episodes_per_week": 10, "weeks_affected": 20, "weakness": 8, "shaking": True},
        tuple(SIGN_IDS),
        Urgency.URGENT,
    ),
]


@pytest.mark.parametrize(("inputs", "crossed", "urgency"), CASES)
def test_crossed_signs_and_urgency(inputs: dict, crossed: tuple, urgency: Urgency) -> None:
    result = assess(inputs)
    assert result.crossed_signs == crossed
    assert result.urgency == urgency


def _threshold_cases() -> list[tuple[str, str, float, bool]]:
    """For every numeric line in data/signs.toml: a value just under it, on it, and just over it."""
    cases = []
    for sign in CONTENT.signs:
        for condition in sign.conditions:
            if condition.op == "is_true":
                continue
            spec = CONTENT.input(condition.input)
            t = condition.threshold
            assert t is not None
            for value in (t - spec.step, t, t + spec.step):
                if spec.min <= value <= spec.max:
                    met = value >= t if condition.op == ">=" else value > t
                    cases.append((sign.id, condition.input, value, met))
    return cases


@pytest.mark.parametrize(("sign_id", "input_id", "value", "met"), _threshold_cases())
def test_every_line_is_met_exactly_at_its_threshold(sign_id: str, input_id: str, value: float, met: bool) -> None:
    condition = next(c for c in assess({input_id: value}).sign(sign_id).conditions if c.input == input_id)
    assert condition.met is met
    assert condition.value == value


@pytest.mark.parametrize("sign_id", SIGN_IDS)
def test_each_sign_crosses_when_all_its_lines_are_met(sign_id: str) -> None:
    sign = CONTENT.sign(sign_id)
    values = {}
    for condition in sign.conditions:
        spec = CONTENT.input(condition.input)
        values[condition.input] = True if condition.op == "is_true" else spec.max
    result = assess(values)
    assert sign_id in result.crossed_signs
    assert result.urgency.rank >= Urgency.SEE_DOCTOR.rank  # the article: all four warrant evaluation


def test_every_sign_carries_values_threshold_reason_and_source() -> None:
    result = assess({"pain": 8, "duration_min": 12})
    for sign in result.signs:
        assert sign.reason.startswith("Crossed" if sign.crossed else "Not crossed")
        assert sign.reason.endswith(".")
        assert sign.sources and all(s in CONTENT.sources for s in sign.sources)
        for condition in sign.conditions:
            assert condition.input in sign.values
            assert condition.why
    pain = result.sign("intense_prolonged_pain")
    assert pain.values == {"pain": 8, "duration_min": 12}
    assert pain.thresholds == {"pain": 7, "duration_min": 10}
    assert "8 out of 10" in pain.reason and "12 minutes" in pain.reason


BAD_INPUTS = [
    ({"painn": 3}, "painn"),
    ({"pain": 11}, "pain must be a number from 0 to 10"),
    ({"pain": -1}, "pain must be a number from 0 to 10"),
    ({"pain": math.nan}, "pain"),
    ({"duration_min": math.inf}, "duration_min must be a number from 0 to 60"),
    ({"pain": "8"}, "pain"),
    ({"pain": None}, "pain"),
    ({"pain": True}, "pain"),
    ({"twitching": 1}, "twitching must be true or false"),
    ({"twitching": "yes"}, "twitching"),
    ({"potassium": 0.5}, "potassium must be a number from 1 to 10 or None"),
    ({"calcium": 25}, "calcium must be a number from 3 to 20"),
    ({"magnesium": -math.inf}, "magnesium"),
    ({"episodes_per_week": 51}, "episodes_per_week must be a number from 0 to 50"),
    ({"weeks_affected": 105}, "weeks_affected must be a number from 0 to 104"),
]


@pytest.mark.parametrize(("inputs", "message"), BAD_INPUTS)
def test_bad_input_raises_value_error_naming_it(inputs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        assess(inputs)


def test_missing_inputs_take_their_defaults() -> None:
    result = assess({})
    assert result.inputs["pain"] == 0
    assert result.inputs["twitching"] is False
    assert result.inputs["potassium"] is None
    assert result.urgency_rule.id == "default"


def test_cause_fit_lists_every_cause_best_first_with_scores_in_range() -> None:
    result = assess({"overexertion": True, "pain": 9, "duration_min": 15})
    assert sorted(f.id for f in result.cause_fit) == sorted(CAUSE_IDS)
    scores = [f.score for f in result.cause_fit]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 1 for s in scores)
    assert result.cause_fit[0].id == "muscle_strain"
    assert result.cause_fit[0].evidence_for


LAB_CASES = [
    # (labs, electrolyte score is above the no-lab score?, clues against present)
    ({"potassium": 3.0}, True, 0),
    ({"calcium": 7.9}, True, 0),
    ({"magnesium": 1.2}, True, 0),
    ({"potassium": 4.2}, False, 1),
    ({"potassium": 4.2, "calcium": 9.5, "magnesium": 2.0}, False, 3),
]


@pytest.mark.parametrize(("labs", "raises_fit", "against"), LAB_CASES)
def test_low_labs_count_for_and_normal_labs_against_electrolyte_imbalance(
    labs: dict, raises_fit: bool, against: int
) -> None:
    context = {"cramp_medicine": True}
    base = assess(context).cause("electrolyte_imbalance")
    with_labs = assess({**context, **labs}).cause("electrolyte_imbalance")
    assert (with_labs.score > base.score) is raises_fit
    assert len(with_labs.evidence_against) == against
    if against:
        assert with_labs.score < base.score


def test_unknown_labs_count_for_nothing() -> None:
    unknown = assess({"potassium": None, "calcium": None, "magnesium": None}).cause("electrolyte_imbalance")
    assert unknown.evidence_for == () and unknown.evidence_against == ()
    assert unknown.score == 0


def test_a_crossed_sign_counts_against_everyday_causes() -> None:
    calm = assess({"dehydration": True}).cause("dehydration")
    serious = assess({"dehydration": True, "jerking": True}).cause("dehydration")
    assert serious.score < calm.score
    assert [c.text for c in serious.evidence_against] == ["A warning sign is crossed"]


def test_urgency_rule_names_its_reason_and_source() -> None:
    result = assess({"duration_min": 20})
    assert result.urgency == Urgency.URGENT
    assert result.urgency_rule.id == "spasm_over_10_minutes"
    assert result.urgency_rule.source == "nhs_leg_cramps"
    assert "10 minutes" in result.urgency_rule.reason


def test_urgency_is_a_string_enum_in_order() -> None:
    assert [u.value for u in sorted(Urgency, key=lambda u: u.rank)] == [
        "self_care",
        "see_doctor",
        "urgent",
        "emergency",
    ]
    assert assess({}).urgency == "self_care"


def test_the_same_inputs_give_the_same_assessment() -> None:
    inputs = {"pain": 7, "duration_min": 11, "twitching": True, "potassium": 3.1}
    assert assess(inputs) == assess(dict(reversed(list(inputs.items()))))


# Property tests: monotone in every symptom, and the two rules the issue names.
NUMBER_SPECS = [s for s in CONTENT.inputs if s.kind in ("integer", "number")]
FLAG_SPECS = [s for s in CONTENT.inputs if s.kind == "flag"]


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, object]:
    values: dict[str, object] = {}
    for spec in NUMBER_SPECS:
        if spec.kind == "integer":
            values[spec.id] = draw(st.integers(int(spec.min), int(spec.max)))
        else:
            values[spec.id] = draw(st.floats(spec.min, spec.max, allow_nan=False))
    for spec in FLAG_SPECS:
        values[spec.id] = draw(st.booleans())
    for spec in (s for s in CONTENT.inputs if s.kind == "lab"):
        values[spec.id] = draw(st.none() | st.floats(spec.min, spec.max, allow_nan=False))
    return values


@settings(max_examples=300, deadline=None)
@given(scenarios(), st.sampled_from([s.id for s in NUMBER_SPECS + FLAG_SPECS]), st.data())
def test_raising_a_symptom_never_clears_a_sign_or_lowers_urgency(
    inputs: dict[str, object], raised: str, data: st.DataObject
) -> None:
    spec = CONTENT.input(raised)
    higher = dict(inputs)
    if spec.kind == "flag":
        higher[raised] = True
    else:
        current = float(inputs[raised])  # type: ignore[arg-type]
        higher[raised] = data.draw(st.floats(current, spec.max, allow_nan=False))
        if spec.kind == "integer":
            higher[raised] = max(int(inputs[raised]), int(higher[raised]))  # type: ignore[call-overload]
    before, after = assess(inputs), assess(higher)
    assert set(before.crossed_signs) <= set(after.crossed_signs)
    assert after.urgency.rank >= before.urgency.rank


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_crossed_sign_means_at_least_see_doctor_and_long_spasm_at_least_urgent(inputs: dict[str, object]) -> None:
    result = assess(inputs)
    if result.crossed_signs:
        assert result.urgency.rank >= Urgency.SEE_DOCTOR.rank
    if float(inputs["duration_min"]) > 10:  # type: ignore[arg-type]
        assert result.urgency.rank >= Urgency.URGENT.rank
    assert all(0 <= fit.score <= 1 for fit in result.cause_fit)
    assert result.crossed_signs == tuple(s for s in SIGN_IDS if s in result.crossed_signs)


LEADING = [
    # (inputs, the cause that clearly leads, or None when no single cause stands out)
    ({}, None),  # every cause at 0
    ({"overexertion": True}, "muscle_fatigue"),  # its one clue is present: 100%, strain 60%
    ({"overexertion": True, "dehydration": True}, None),  # muscle fatigue and dehydration both 100%
    ({"overexertion": True, "pain": 9, "duration_min": 15}, "muscle_strain"),
    ({"numbness_tingling": True, "radiating_pain": True}, "nerve_damage"),
    ({"potassium": 2.9, "cramp_medicine": True}, "electrolyte_imbalance"),
    ({"dehydration": True}, "dehydration"),
]


@pytest.mark.parametrize(("inputs", "leading"), LEADING)
def test_leading_cause_is_set_only_when_one_cause_fits_best(inputs: dict, leading: str | None) -> None:
    result = assess(inputs)
    found = result.leading_cause
    assert (found.id if found else None) == leading
    if found:
        assert found.evidence_for, "a leading cause has a clue for it"
