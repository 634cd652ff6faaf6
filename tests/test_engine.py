"""The assessment engine: the public contract of explainer.assess, as tables and properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import explainer
from explainer import Urgency, assess, rules
from explainer.assessment import lab_range
from explainer.rules import Flag, SignCrossed, SignLine
from tests.conftest import DATA

CONTENT = explainer.load_content(DATA)
SIGN_IDS = ["intense_prolonged_pain", "frequent_recurring", "weakness_fatigue", "abnormal_contractions"]
CAUSE_IDS = [
    "nerve_damage",
    "muscle_strain",
    "electrolyte_imbalance",
    "neurological_condition",
    "peripheral_artery_disease",
    "medicine_side_effect",
    "dehydration",
    "muscle_fatigue",
]
ORIGINAL_INPUTS = [
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
    "numbness_tingling",  # retired: split into numbness and tingling (an old link ticks numbness, with a note)
    "radiating_pain",
    "potassium",
    "calcium",
    "magnesium",
]


def test_ids_are_the_ones_the_contract_names() -> None:
    assert [s.id for s in CONTENT.signs] == SIGN_IDS
    assert sorted(c.id for c in CONTENT.causes) == sorted(CAUSE_IDS)
    # The first inputs keep their ids and order, so older links mean what they meant; one that was split is
    # retired, and an old link that names it ticks the input it became (explainer.links).
    retired = {item.id: item.becomes for item in CONTENT.retired}
    current = [i.id for i in CONTENT.inputs]
    kept = [i for i in ORIGINAL_INPUTS if i not in retired]
    assert [i for i in current if i in kept] == kept
    assert all(retired[i] in current for i in ORIGINAL_INPUTS if i in retired)


@pytest.mark.parametrize("spec", [s for s in CONTENT.inputs if s.id not in ORIGINAL_INPUTS and s.kind != "lab"],
                         ids=lambda spec: spec.id)
def test_every_new_input_defaults_to_not_present(spec: explainer.InputSpec) -> None:
    if spec.kind == "flag":
        assert spec.default is False
    else:
        assert spec.kind == "choice"
        assert spec.default == spec.options[0]  # the article's common case (leg) or the lab's own unit
    assert assess({}).urgency == Urgency.SELF_CARE


# Hand-made cases, reasoned from the article and references.md, not copied from the engine's output.
CASES = [
    # (inputs, crossed signs, urgency)
    ({}, (), Urgency.SELF_CARE),
    ({"pain": 3, "duration_min": 1, "episodes_per_week": 1, "weeks_affected": 1}, (), Urgency.SELF_CARE),
    ({"pain": 9, "duration_min": 5}, (), Urgency.SEE_DOCTOR),  # very painful: Mayo
    ({"pain": 2, "duration_min": 15}, (), Urgency.URGENT),  # over 10 minutes: NHS urgent, sign needs both
    ({"pain": 8, "duration_min": 15}, ("intense_prolonged_pain",), Urgency.URGENT),
    ({"episodes_per_week": 5, "weeks_affected": 8}, ("frequent_recurring",), Urgency.SEE_DOCTOR),
    ({"episodes_per_week": 5, "weeks_affected": 1}, (), Urgency.SEE_DOCTOR),  # frequent alone: Mayo
    ({"fatigue": 6}, ("weakness_fatigue",), Urgency.SEE_DOCTOR),  # tiring alone: see a doctor
    ({"fatigue": 4, "overexertion": True}, (), Urgency.SELF_CARE),  # a bit tired after a workout
    ({"weakness": 6}, ("weakness_fatigue",), Urgency.URGENT),  # weakness: Merck, right away
    ({"jerking": True}, ("abnormal_contractions",), Urgency.SEE_DOCTOR),  # sign 4 (the article); Merck: twitches
    ({"twitching": True}, ("abnormal_contractions",), Urgency.URGENT),  # Merck: muscle twitches, right away
    ({"numbness": True}, (), Urgency.URGENT),
    ({"cramp_medicine": True}, (), Urgency.SEE_DOCTOR),
    ({"potassium": 3.0}, (), Urgency.SEE_DOCTOR),
    ({"potassium": 2.9}, (), Urgency.URGENT),  # a danger band: the review's "life-threatening" range
    ({"potassium": 5.2}, (), Urgency.SELF_CARE),  # inside the UK range 3.5-5.3
    ({"potassium": 4.2, "calcium": 9.5, "magnesium": 2.0}, (), Urgency.SELF_CARE),
    ({"overexertion": True}, (), Urgency.SELF_CARE),
    ({"dehydration": True}, (), Urgency.SELF_CARE),  # everyday thirst or sweat: self-care (CDC heat cramps)
    ({"fluid_loss": True}, (), Urgency.URGENT),  # Merck: cramps after losing a lot of fluid, right away
    ({"tingling": True}, (), Urgency.SELF_CARE),  # a clue for nerve damage; no source sends it to a doctor
    ({"chest_pressure": True}, (), Urgency.EMERGENCY),
    ({"calf_swollen": True}, (), Urgency.URGENT),
    ({"statin": True}, (), Urgency.URGENT),  # unexplained: no hard work or exercise
    ({"statin": True, "overexertion": True}, (), Urgency.SELF_CARE),  # explained by hard work
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


def test_cause_fit_lists_every_cause_most_evidence_first() -> None:
    result = assess({"overexertion": True, "pain": 9, "duration_min": 15})
    assert sorted(f.id for f in result.cause_fit) == sorted(CAUSE_IDS)
    points = [f.points for f in result.cause_fit]
    assert points == sorted(points, reverse=True)
    assert all(p >= 0 and isinstance(p, int) for p in points)
    assert result.cause_fit[0].id == "muscle_strain"  # 2 + 2, over muscle fatigue's 4 - 1
    assert result.cause_fit[0].evidence_for


TIER_POINTS = {tier.id: tier.points for tier in CONTENT.tiers}


@pytest.mark.parametrize("cause", CONTENT.causes, ids=lambda cause: cause.id)
def test_points_are_the_tier_points_of_the_clues_present(cause: explainer.content.Cause) -> None:
    """Generated from data/causes.toml: each clue alone adds (or takes away, floored at 0) its tier's points."""
    for clue in cause.clues:
        if isinstance(clue.when, Flag):
            fit = assess({clue.when.input: True}).cause(cause.id)
            expected = TIER_POINTS[clue.tier] if clue.direction == "for" else 0
            assert fit.points >= expected, clue.text
            present = fit.evidence_for if clue.direction == "for" else fit.evidence_against
            assert clue.text in [c.text for c in present]


def test_tiers_rank_defining_over_typical_and_possible_together() -> None:
    assert TIER_POINTS["defining"] > TIER_POINTS["typical"] + TIER_POINTS["possible"]
    assert TIER_POINTS["typical"] > TIER_POINTS["possible"] > 0


LAB_CASES = [
    # (labs, electrolyte points, clues against present): a low value is a typical clue, and one far out (in a
    # danger band) counts twice; a normal one only rules out its own mineral; all three normal count against.
    ({"potassium": 3.4}, 2, 0),  # just under the range
    ({"potassium": 3.0}, 2, 0),  # the band is "below 3.0"
    ({"potassium": 2.9}, 4, 0),  # in the danger band
    ({"calcium": 7.9}, 2, 0),
    ({"calcium": 7.5}, 4, 0),  # below 1.9 mmol/L
    ({"magnesium": 1.2}, 4, 0),  # below 0.5 mmol/L
    ({"magnesium": 1.5}, 2, 0),
    ({"potassium": 2.9, "calcium": 9.5, "magnesium": 2.0}, 4, 0),  # the review's "8%" case: normal Ca, Mg
    ({"potassium": 4.2}, 0, 0),
    ({"potassium": 4.2, "calcium": 9.5, "magnesium": 2.0}, 0, 1),
    ({"potassium": 5.8}, 0, 0),  # high potassium: out of range, but the article's cause is low levels
]


@pytest.mark.parametrize(("labs", "points", "against"), LAB_CASES)
def test_low_labs_weigh_by_how_far_out_and_a_normal_lab_counts_only_against_its_own_mineral(
    labs: dict, points: int, against: int
) -> None:
    fit = assess(labs).cause("electrolyte_imbalance")
    assert fit.points == points
    assert len(fit.evidence_against) == against


def test_all_normal_labs_outweigh_a_water_tablet() -> None:
    on_tablets = assess({"diuretic": True}).cause("electrolyte_imbalance")
    all_normal = assess({"diuretic": True, "potassium": 4.2, "calcium": 9.5, "magnesium": 2.0})
    assert on_tablets.points == TIER_POINTS["typical"]
    assert all_normal.cause("electrolyte_imbalance").points == 0


def test_unknown_labs_count_for_nothing() -> None:
    result = assess({"potassium": None, "calcium": None, "magnesium": None})
    unknown = result.cause("electrolyte_imbalance")
    assert unknown.evidence_for == () and unknown.evidence_against == ()
    assert unknown.points == 0
    assert [lab.status for lab in result.labs] == ["unknown"] * 3


def test_a_crossed_sign_counts_against_muscle_fatigue_but_not_dehydration() -> None:
    tired = assess({"overexertion": True}).cause("muscle_fatigue")
    serious = assess({"overexertion": True, "jerking": True}).cause("muscle_fatigue")
    assert serious.points < tired.points
    assert [c.text for c in serious.evidence_against] == ["A warning sign is crossed"]
    # The article names dehydration as a cause of severe, prolonged spasms: sign 1 counts for it.
    dry = assess({"dehydration": True}).cause("dehydration")
    dry_and_long = assess({"dehydration": True, "pain": 8, "duration_min": 15}).cause("dehydration")
    assert dry_and_long.points > dry.points
    assert dry_and_long.evidence_against == ()


def test_urgency_rule_names_its_reason_and_source() -> None:
    result = assess({"duration_min": 20})
    assert result.urgency == Urgency.URGENT
    assert result.urgency_rule.id == "leg_cramp_over_10_minutes"
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
CHOICE_SPECS = [s for s in CONTENT.inputs if s.kind == "choice"]
LAB_SPECS = [s for s in CONTENT.inputs if s.kind == "lab"]


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
    for spec in CHOICE_SPECS:
        values[spec.id] = draw(st.sampled_from(spec.options))
    for spec in LAB_SPECS:
        unit = values[spec.unit_input] if spec.unit_input else CONTENT.labs[spec.lab].unit
        low, high = lab_range(spec, CONTENT.labs[spec.lab], str(unit))
        values[spec.id] = draw(st.none() | st.floats(low, high, allow_nan=False))
    return values


def _exceptions() -> set[str]:
    """The inputs a source's own exception reads (``{ none = [...] }`` in data/urgency.toml): ticking "hard
    exercise" may rightly calm "very painful" (Mayo), so they are not symptoms to raise."""
    found: set[str] = set()

    def walk(when: rules.When) -> None:
        if isinstance(when, rules.NoneOf):
            for part in when.parts:
                found.update(rules.inputs(part, CONTENT))
        for part in getattr(when, "parts", ()):
            walk(part)

    for rule in CONTENT.rules:
        walk(rule.when)
    return found


EXCEPTIONS = _exceptions()


def test_the_sources_exceptions_are_everyday_context_not_symptoms() -> None:
    assert {"overexertion", "dehydration"} == EXCEPTIONS


@settings(max_examples=300, deadline=None)
@given(scenarios(), st.sampled_from([s.id for s in NUMBER_SPECS + FLAG_SPECS if s.id not in EXCEPTIONS]), st.data())
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
@given(scenarios(), st.sampled_from(LAB_SPECS), st.data())
def test_a_lab_value_further_out_of_range_never_lowers_urgency(
    inputs: dict[str, object], spec: explainer.InputSpec, data: st.DataObject
) -> None:
    value = inputs[spec.id]
    if value is None:
        return
    lab = CONTENT.labs[spec.lab]
    unit = str(inputs[spec.unit_input]) if spec.unit_input else lab.unit
    low, high = lab_range(spec, lab, unit)
    middle = (lab.low + lab.high) / 2 / lab.factor(unit)
    further = dict(inputs)
    if float(value) <= middle:  # type: ignore[arg-type]
        further[spec.id] = data.draw(st.floats(low, float(value), allow_nan=False))  # type: ignore[arg-type]
    else:
        further[spec.id] = data.draw(st.floats(float(value), high, allow_nan=False))  # type: ignore[arg-type]
    assert assess(further).urgency.rank >= assess(inputs).urgency.rank


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_crossed_sign_means_at_least_see_doctor_and_long_leg_cramp_at_least_urgent(inputs: dict[str, object]) -> None:
    result = assess(inputs)
    if result.crossed_signs:
        assert result.urgency.rank >= Urgency.SEE_DOCTOR.rank
    if float(inputs["duration_min"]) > 10 and inputs["body_site"] in ("leg", "foot"):  # type: ignore[arg-type]
        assert result.urgency.rank >= Urgency.URGENT.rank  # the NHS 10-minute rule is about leg cramps
    assert all(fit.points >= 0 for fit in result.cause_fit)
    assert result.crossed_signs == tuple(s for s in SIGN_IDS if s in result.crossed_signs)


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_a_lab_out_of_range_either_way_is_never_self_care(inputs: dict[str, object]) -> None:
    result = assess(inputs)
    for lab in result.labs:
        if lab.status in ("low", "high"):
            assert result.urgency.rank >= Urgency.SEE_DOCTOR.rank, lab
        if lab.level in ("urgent", "emergency"):
            assert result.urgency.rank >= Urgency(lab.level).rank, lab


LEADING = [
    # (inputs, the cause that clearly leads, or None when no single cause stands out). The review's cases first.
    ({}, None),  # every cause at 0
    ({"pain": 9}, None),  # pain alone: 1 point for nerve damage, under the minimum of 3
    ({"numbness": True}, None),  # one typical clue: 2 points, under the minimum
    ({"overexertion": True}, "muscle_fatigue"),  # defining for fatigue (4), typical for a strain (2)
    ({"overexertion": True, "dehydration": True}, None),  # two everyday triggers, 4 points each
    ({"overexertion": True, "pain": 9, "duration_min": 15}, "muscle_strain"),  # 4 vs fatigue 3
    ({"numbness": True, "radiating_pain": True}, "nerve_damage"),
    # lifting with radiating pain and numbness: nerve damage leads, not muscle fatigue
    ({"overexertion": True, "radiating_pain": True, "numbness": True, "pain": 8, "duration_min": 15},
     "nerve_damage"),
    ({"potassium": 2.9, "diuretic": True}, "electrolyte_imbalance"),  # 4 + 2, over the medicine's 2
    ({"potassium": 2.9, "calcium": 9.5, "magnesium": 2.0}, "electrolyte_imbalance"),  # was 8% "fit"
    ({"potassium": 3.4, "calcium": 9.5, "magnesium": 2.0}, None),  # just under the range: 2, under the minimum
    # a textbook low-calcium picture: tingling and twitching with a very low calcium leads with the calcium
    ({"calcium": 7.6, "tingling": True, "twitching": True}, "electrolyte_imbalance"),
    ({"calcium": 1.8, "calcium_unit": "mmol/L", "tingling": True, "twitching": True},
     "electrolyte_imbalance"),
    ({"statin": True}, "medicine_side_effect"),
    ({"diuretic": True, "cramp_medicine": True}, "medicine_side_effect"),  # 4 over electrolytes' 2
    # a danger sign beside an everyday trigger: the everyday cause does not stand out
    ({"overexertion": True, "one_side_weakness": True}, None),
    ({"dehydration": True, "wound_spasms": True}, None),
    ({"overexertion": True, "calf_swollen": True}, None),
    ({"walking_cramp": True, "episodes_per_week": 5, "weeks_affected": 8}, "peripheral_artery_disease"),
    ({"dehydration": True}, "dehydration"),
]


@pytest.mark.parametrize(("inputs", "leading"), LEADING)
def test_leading_cause_is_set_only_when_one_cause_fits_best(inputs: dict, leading: str | None) -> None:
    result = assess(inputs)
    found = result.leading_cause
    assert (found.id if found else None) == leading
    if found:
        assert found.evidence_for, "a leading cause has a clue for it"
        assert found.points >= CONTENT.min_points_to_lead


# --- common triggers: what the visitor ticked, never what a warning sign alone suggests -----------------------------

EVERYDAY_INPUT_CLUES = [  # (cause, the input a clue of it reads), from data/causes.toml
    (cause.id, clue.when.input)
    for cause in CONTENT.causes
    if cause.kind == "everyday"
    for clue in cause.clues
    if clue.direction == "for" and isinstance(clue.when, Flag)
]
SIGN_ONLY_CLUES = [  # (cause, a scenario that crosses the sign a clue of it reads, ticking nothing else)
    (cause.id, clue.when.sign)
    for cause in CONTENT.causes
    if cause.kind == "everyday"
    for clue in cause.clues
    if clue.direction == "for" and isinstance(clue.when, SignCrossed | SignLine)
]
CROSSING = {  # the least that crosses each sign, ticking no cause's context
    "intense_prolonged_pain": {"pain": 9, "duration_min": 30},
    "frequent_recurring": {"episodes_per_week": 8, "weeks_affected": 20},
    "weakness_fatigue": {"weakness": 6},
    "abnormal_contractions": {"twitching": True},
}


def test_every_everyday_cause_can_be_ticked_and_some_are_read_from_signs() -> None:
    assert {cause for cause, _ in EVERYDAY_INPUT_CLUES} == {c.id for c in CONTENT.causes if c.kind == "everyday"}
    assert SIGN_ONLY_CLUES  # else the next test checks nothing


@pytest.mark.parametrize(("cause_id", "input_id"), EVERYDAY_INPUT_CLUES)
def test_a_ticked_trigger_is_a_common_trigger(cause_id: str, input_id: str) -> None:
    assert cause_id in [fit.id for fit in assess({input_id: True}).common_triggers]


@pytest.mark.parametrize(("cause_id", "sign_id"), SIGN_ONLY_CLUES)
def test_a_warning_sign_alone_counts_for_an_everyday_cause_but_is_no_trigger(cause_id: str, sign_id: str) -> None:
    result = assess(CROSSING[sign_id])
    assert result.sign(sign_id).crossed
    fit = next(f for f in result.cause_fit if f.id == cause_id)
    assert fit.points > 0  # the card counts the article's clue
    assert result.common_triggers == ()  # but nobody said they had too little to drink


# Calibrated, not cautious: everyday context alone never escalates, and a red flag always wins.
# Hand-listed, not read from the rules: the context the article, the NHS and the CDC call everyday or routine.
EVERYDAY_FLAGS = ("overexertion", "dehydration", "affects_sleep", "tingling", "stretch_no_help", "diuretic",
                  "walking_cramp", "swelling", "radiating_pain", "cramp_medicine")


@st.composite
def everyday_scenarios(draw: st.DrawFn) -> dict[str, object]:
    """A short cramp anywhere on the leg, any frequency, any tiredness, everyday context; labs unknown or in range."""
    values: dict[str, object] = {
        "pain": draw(st.integers(0, 10)),
        "duration_min": draw(st.floats(0, 10, allow_nan=False)),
        "episodes_per_week": draw(st.integers(0, 50)),
        "weeks_affected": draw(st.integers(0, 104)),
        "fatigue": draw(st.integers(0, 10)),
        "body_site": draw(st.sampled_from(["leg", "foot", "back or neck"])),
    }
    for flag in EVERYDAY_FLAGS:
        values[flag] = draw(st.booleans())
    for spec in LAB_SPECS:
        lab = CONTENT.labs[spec.lab]
        values[spec.id] = draw(st.none() | st.floats(lab.low, lab.high, allow_nan=False))
    return values


@settings(max_examples=400, deadline=None)
@given(everyday_scenarios())
def test_an_everyday_scenario_with_no_sign_crossed_is_never_above_see_a_doctor(inputs: dict[str, object]) -> None:
    result = assess(inputs)
    if not result.crossed_signs:
        assert result.urgency.rank <= Urgency.SEE_DOCTOR.rank, (result.urgency, result.urgency_rule.id)


DANGER_FLAGS = [s.id for s in FLAG_SPECS if s.group == "danger"]


@settings(max_examples=300, deadline=None)
@given(scenarios(), st.sampled_from(DANGER_FLAGS))
def test_a_red_flag_always_wins(inputs: dict[str, object], flag: str) -> None:
    """A danger sign leads to its own level whatever else is entered, and an everyday cause never stands out
    beside it."""
    flagged = assess({**inputs, flag: True})
    own = max(Urgency(rule.level).rank for rule in CONTENT.rules if rules.inputs(rule.when, CONTENT) == {flag})
    assert own >= Urgency.URGENT.rank
    assert flagged.urgency.rank >= own
    leading = flagged.leading_cause
    assert leading is None or leading.kind != "everyday"
