"""The presenter view's steps, without Streamlit: order, bounds, titles, and the large charts."""

from __future__ import annotations

import tomllib

import pandas as pd
import pytest

import explainer
from explainer import charts, presentation
from explainer.scenarios import load_scenarios
from tests.conftest import DATA

CONTENT = explainer.load_content(DATA)
SIGN_IDS = [row["id"] for row in tomllib.loads((DATA / "signs.toml").read_text(encoding="utf-8"))["signs"]]
LAST = len(SIGN_IDS) + 2


def test_one_step_per_sign_then_causes_then_what_to_do() -> None:
    steps = presentation.steps(CONTENT)
    assert [s.number for s in steps] == list(range(1, LAST + 1))
    assert [s.sign_id for s in steps[: len(SIGN_IDS)]] == SIGN_IDS
    assert [s.kind for s in steps[len(SIGN_IDS):]] == ["causes", "urgency"]
    assert presentation.step_count(CONTENT) == LAST


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", 1), ("4", 4), (str(LAST), LAST), ("0", 1), ("-3", 1), (str(LAST + 1), LAST), ("", 1), ("two", 1),
     ("1.5", 1), ("nan", 1), ("inf", 1), (None, 1), (True, 1), (3, 3), ([], 1)],
)
def test_read_step_keeps_any_link_value_inside_the_steps(raw: object, expected: int) -> None:
    assert presentation.read_step(raw, CONTENT) == expected


@pytest.mark.parametrize("number", range(1, LAST + 1))
def test_forward_and_back_stay_in_bounds(number: int) -> None:
    assert presentation.next_step(number, CONTENT) == min(number + 1, LAST)
    assert presentation.previous_step(number, CONTENT) == max(number - 1, 1)


def test_titles_come_from_the_given_words() -> None:
    words = {"sign_title": "S{number} {title}", "causes_title": "C", "urgency_title": "U"}
    titles = [s.title for s in presentation.steps(CONTENT, words)]
    assert titles[0] == f"S1 {CONTENT.signs[0].title}"
    assert titles[-2:] == ["C", "U"]


@pytest.mark.parametrize("sign_id", SIGN_IDS)
def test_each_sign_chart_shows_that_sign_only_and_says_its_status(sign_id: str) -> None:
    assessment = explainer.assess({"pain": 9, "duration_min": 20, "twitching": True}, CONTENT)
    chart = charts.sign_chart_spec(assessment, CONTENT, sign_ids=(sign_id,))
    rows = chart.rows.to_dict(orient="records")
    number = SIGN_IDS.index(sign_id) + 1
    assert [r["row"] for r in rows] == [f"{number}. {c.name}" for c in CONTENT.sign(sign_id).conditions]
    description = charts.sign_chart_description(assessment, CONTENT, sign_ids=(sign_id,))
    assert ("Not crossed" in description) != assessment.sign(sign_id).crossed


# --- asking the room first -------------------------------------------------------------------------------------

P = presentation.Position
# (from, predict, what Next shows, what Back shows)
WALKS = [
    (P(1, False), True, P(1, True), P(1, False)),
    (P(1, True), True, P(2, False), P(1, False)),
    (P(3, False), True, P(3, True), P(2, True)),
    (P(3, True), True, P(4, False), P(3, False)),
    (P(LAST, False), True, P(LAST, True), P(LAST - 1, True)),
    (P(LAST, True), True, P(LAST, True), P(LAST, False)),
    (P(1), False, P(2), P(1)),
    (P(3), False, P(4), P(2)),
    (P(LAST), False, P(LAST), P(LAST - 1)),
]


@pytest.mark.parametrize(("start", "predict", "after_next", "after_back"), WALKS)
def test_next_and_back_walk_question_answer_and_steps(start, predict, after_next, after_back) -> None:
    assert presentation.forward(start, predict, CONTENT) == after_next
    assert presentation.backward(start, predict, CONTENT) == after_back


@pytest.mark.parametrize("predict", [True, False])
def test_next_then_back_comes_back_wherever_next_moved(predict: bool) -> None:
    positions = [P(n, shown) for n in range(1, LAST + 1) for shown in ((False, True) if predict else (True,))]
    for position in positions:
        moved = presentation.forward(position, predict, CONTENT)
        if moved != position:
            assert presentation.backward(moved, predict, CONTENT) == position
    # Walking forward from the first question visits every position once, in order.
    walked = [positions[0]]
    while (following := presentation.forward(walked[-1], predict, CONTENT)) != walked[-1]:
        walked.append(following)
    assert walked == positions


@pytest.mark.parametrize(
    ("step", "answer", "predict", "expected"),
    [("2", None, True, P(2, False)), ("2", "shown", True, P(2, True)), ("2", "true", True, P(2, False)),
     ("2", None, False, P(2, True)), ("2", "shown", False, P(2, True)), ("x", "shown", True, P(1, True)),
     ("99", None, True, P(LAST, False))],
)
def test_a_link_names_its_step_and_whether_the_answer_shows(step, answer, predict, expected) -> None:
    assert presentation.read_position(step, answer, predict, CONTENT) == expected


def test_each_step_has_a_plain_question_from_the_words() -> None:
    words = {"sign_question": "Q{number}?", "causes_question": "C?", "urgency_question": "U?"}
    questions = [s.question for s in presentation.steps(CONTENT, words)]
    assert questions == [f"Q{n}?" for n in range(1, len(SIGN_IDS) + 1)] + ["C?", "U?"]


# --- the stage's inputs ------------------------------------------------------------------------------------------

SIGNS = tomllib.loads((DATA / "signs.toml").read_text(encoding="utf-8"))["signs"]


@pytest.mark.parametrize(("number", "sign"), list(enumerate(SIGNS, start=1)), ids=SIGN_IDS)
def test_a_sign_step_shows_the_inputs_of_its_own_lines(number: int, sign: dict) -> None:
    assert presentation.stage_inputs(number, CONTENT) == tuple(c["input"] for c in sign["conditions"])


CASES = load_scenarios(DATA, CONTENT)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
@pytest.mark.parametrize("number", range(1, LAST + 1))
def test_every_step_shows_one_to_three_known_inputs_for_every_case(number: int, case) -> None:
    shown = presentation.stage_inputs(number, CONTENT, case.values(CONTENT))
    assert 1 <= len(shown) <= max(presentation.MAX_STAGE_INPUTS, *(len(s["conditions"]) for s in SIGNS))
    for input_id in shown:
        CONTENT.input(input_id)  # raises for an unknown input


# The case on screen decides the last two steps' controls: the danger sign or clue that decided it, never a fixed
# list (issue 19: step 6 showed pain, length and "hard to breathe" for a stiff jaw).
@pytest.mark.parametrize(
    ("case_id", "kind", "first"),
    [("stiff_jaw_after_cut", "urgency", "stiff_jaw"), ("back_pain_numb_groin", "urgency", "back_pain_red_flags"),
     ("chest_squeeze", "urgency", "chest_pressure"), ("swollen_calf", "urgency", "calf_swollen"),
     ("statin_cramps", "urgency", "statin"), ("twitching_and_weak", "urgency", "weakness"),
     ("hot_day_cramp", "causes", "dehydration"), ("pinched_nerve", "causes", "tingling"),
     ("walking_leg_cramps", "causes", "walking_cramp"), ("statin_cramps", "causes", "statin")],
)
def test_the_input_that_decided_the_case_leads_its_step(case_id: str, kind: str, first: str) -> None:
    case = next(c for c in CASES if c.id == case_id)
    number = next(s.number for s in presentation.steps(CONTENT) if s.kind == kind)
    assert presentation.stage_inputs(number, CONTENT, case.values(CONTENT))[0] == first


def _reset(values: dict, ids: tuple[str, ...]) -> dict:
    return {**values, **{input_id: CONTENT.input(input_id).default for input_id in ids}}


@pytest.mark.parametrize("case", [c for c in CASES if explainer.assess(c.values(CONTENT), CONTENT).fired_rules],
                         ids=lambda case: case.id)
def test_the_controls_of_what_to_do_next_can_undo_the_rule_that_decides_it(case) -> None:
    values = dict(case.values(CONTENT))
    before = explainer.assess(values, CONTENT).urgency_rule.id
    shown = presentation.stage_inputs(LAST, CONTENT, values)
    assert explainer.assess(_reset(values, shown), CONTENT).urgency_rule.id != before, shown


@pytest.mark.parametrize("case", [c for c in CASES if explainer.assess(c.values(CONTENT), CONTENT).leading_cause],
                         ids=lambda case: case.id)
def test_the_controls_of_the_causes_step_can_take_points_from_the_leading_cause(case) -> None:
    values = dict(case.values(CONTENT))
    leader = explainer.assess(values, CONTENT).leading_cause
    shown = presentation.stage_inputs(LAST - 1, CONTENT, values)
    after = explainer.assess(_reset(values, shown), CONTENT).cause(leader.id)
    assert after.points < leader.points, shown


# --- what the stage says -------------------------------------------------------------------------------------------

WORDS = {**tomllib.loads((DATA / "classroom.toml").read_text(encoding="utf-8"))["present"],
         "teaching_note": "OURS"}


@pytest.mark.parametrize(
    ("values", "number", "status", "says", "disclaimer_last"),
    [({"pain": 8, "duration_min": 15}, 1, "⚠ Crossed", "", False),
     ({}, 1, "✓ Not crossed", "", False),
     ({"stiff_jaw": True}, LAST, "☎ Emergency", "Call 999", True),
     ({}, LAST, "✓ Self-care", "harmless", True),
     ({"numbness": True}, LAST, "⚠ Urgent", "Why:", True),
     ({"dehydration": True}, LAST - 1, "★ Dehydration", "What points to it", False),
     ({}, LAST - 1, WORDS["no_leader"], "every cause has 0 points", False)],
)
def test_each_answer_says_its_status_and_why(values, number, status, says, disclaimer_last) -> None:
    step = presentation.step_at(number, CONTENT)
    said = presentation.answer(step, explainer.assess(values, CONTENT), CONTENT, WORDS)
    assert said.status == status
    assert says in " ".join(said.lines)
    assert said.disclaimer_last is disclaimer_last, "after the action only on what to do next"


def test_a_sign_answer_marks_our_own_cut_offs_and_cites_its_sources() -> None:
    teaching = next(s for s in explainer.assess({"weakness": 3}, CONTENT).signs if s.teaching)
    step = next(s for s in presentation.steps(CONTENT) if s.sign_id == teaching.id)
    said = presentation.answer(step, explainer.assess({"weakness": 3}, CONTENT), CONTENT, WORDS)
    assert said.note == "OURS" and set(teaching.sources) <= set(said.sources)


@pytest.mark.parametrize(
    ("position", "predict", "link", "label"),
    [(presentation.Position(2, False), True, ("2", None), WORDS["show_answer"] + " ▶"),
     (presentation.Position(2, True), True, ("2", "shown"), WORDS["next"] + " ▶"),
     (presentation.Position(4, True), False, ("4", None), WORDS["next"] + " ▶")],
)
def test_the_link_and_the_next_button_follow_the_position(position, predict, link, label) -> None:
    assert presentation.link_state(position, predict) == link
    assert presentation.next_label(position, WORDS) == label


# --- the stage's size and its charts -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("window", "stage", "body"),
    [((1280, 720), (1280, 720), 27.5), ((1920, 960), (1706.7, 960), 36.7), ((1920, 1080), (1920, 1080), 41.3),
     ((3840, 2160), (3840, 2160), 82.6), ((1280, 1024), (1280, 720), 27.5), ((2560, 1080), (1920, 1080), 41.3)],
)
def test_the_stage_is_the_largest_16_9_box_and_its_type_grows_with_it(window, stage, body) -> None:
    assert presentation.stage_size(*window) == pytest.approx(stage, abs=0.1)
    assert presentation.body_type_px(*window) == pytest.approx(body, abs=0.1)


def test_body_type_is_at_least_40_px_on_a_1920_by_1080_screen() -> None:
    assert presentation.body_type_px(1920, 1080) >= 40


ASSESSMENTS = {
    "nothing": {},
    "everything": {"pain": 9, "duration_min": 20, "episodes_per_week": 5, "weeks_affected": 6, "weakness": 4,
                   "twitching": True, "overexertion": True, "numbness": True},
}


@pytest.mark.parametrize("scenario", list(ASSESSMENTS))
@pytest.mark.parametrize("number", range(1, LAST + 1))
def test_a_stage_chart_fills_its_box_and_is_never_an_empty_plot(scenario: str, number: int) -> None:
    assessment = explainer.assess(ASSESSMENTS[scenario], CONTENT)
    step = presentation.step_at(number, CONTENT)
    drawn = presentation.stage_chart(step, assessment, CONTENT)
    if step.kind == "urgency" or (step.kind == "causes" and scenario == "nothing"):
        assert drawn is None, "nothing to draw: the stage says so in words"
        return
    assert drawn is not None
    chart, description = drawn
    assert len(chart.rows) > 0
    assert chart.spec["height"] == chart.spec["width"] == "container"
    assert len(description.split()) >= 8
    if step.kind == "sign" and charts.plane_inputs(CONTENT, step.sign_id):
        plane = charts.sign_plane_spec(assessment, CONTENT, sign_id=step.sign_id)
        assert chart.rows.equals(plane.rows), "the same plane as on the warning-signs page"


def _sizes(node: object, path: str = "") -> list[tuple[str, object]]:
    """Every value under a size key (fontSize, size, strokeWidth, ...) in a spec, with where it is."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in charts.LENGTHS | charts.AREAS and path.count("/") > 0:
                found.append((f"{path}/{key}", value))
            elif key not in ("datasets", "data"):
                found.extend(_sizes(value, f"{path}/{key}"))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found.extend(_sizes(item, f"{path}/{index}"))
    return found


@pytest.mark.parametrize("number", range(1, 6))
def test_every_size_in_a_fitted_chart_follows_its_box(number: int) -> None:
    assessment = explainer.assess(ASSESSMENTS["everything"], CONTENT)
    chart, _ = presentation.stage_chart(presentation.step_at(number, CONTENT), assessment, CONTENT)
    sizes = _sizes(chart.spec)
    assert sizes, "the chart has sizes to scale"
    fixed = [(where, value) for where, value in sizes
             if isinstance(value, int | float) and value and not isinstance(value, bool)]
    assert not fixed, f"sizes left in px, which would not grow with the window: {fixed}"
    assert chart.spec["params"][-1]["name"] == charts.FIT_SIGNAL


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [("fontSize", 13, {"expr": "13 * fit"}), ("size", 260, {"expr": "260 * fit * fit"}),
     ("strokeWidth", 1.5, {"expr": "1.5 * fit"}), ("fontSize", {"expr": "width / 9"}, {"expr": "(width / 9) * fit"}),
     ("titleX", 0, 0), ("color", "#000", "#000"), ("height", {"band": 0.7}, {"band": 0.7})],
)
def test_fitting_scales_lengths_and_areas_and_leaves_the_rest(key: str, value: object, expected: object) -> None:
    spec = charts.ChartSpec({"mark": {"type": "text", key: value}, "height": 100, "width": 200}, pd.DataFrame())
    fitted = charts.to_fit_container(spec, 400, 200)
    assert fitted.spec["mark"][key] == expected


def test_fitting_leaves_the_data_alone() -> None:
    spec = charts.ChartSpec(
        {"data": {"values": [{"size": 3}]}, "encoding": {"x": {"scale": {"domain": [0, 60]}}}, "mark": "point"},
        pd.DataFrame(),
    )
    fitted = charts.to_fit_container(spec, 400, 200).spec
    assert fitted["data"] == {"values": [{"size": 3}]}
    assert fitted["encoding"]["x"]["scale"] == {"domain": [0, 60]}


@pytest.mark.parametrize(
    ("ticked", "statuses"),
    [({}, ["✓ Not present"] * 3), ({"jerking": True}, ["✓ Not present", "⚠ Present", "✓ Not present"]),
     ({"twitching": True, "jerking": True, "shaking": True}, ["⚠ Present"] * 3)],
)
def test_the_movement_sign_is_one_tile_per_line_that_says_present_or_not(ticked: dict, statuses: list) -> None:
    assessment = explainer.assess(ticked, CONTENT)
    tiles = charts.yes_no_spec(assessment, "abnormal_contractions").rows
    assert list(tiles["name"]) == [c.name.capitalize() for c in CONTENT.sign("abnormal_contractions").conditions]
    assert list(tiles["status"]) == statuses
