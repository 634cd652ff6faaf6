"""The presenter view's steps, without Streamlit: order, bounds, titles, and the large charts."""

from __future__ import annotations

import tomllib

import pytest

import explainer
from explainer import charts, presentation
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
    chart = charts.sign_chart_spec(assessment, CONTENT, sign_ids=(sign_id,), scale=presentation.PRESENTER_SCALE)
    rows = chart.rows.to_dict(orient="records")
    number = SIGN_IDS.index(sign_id) + 1
    assert [r["row"] for r in rows] == [f"{number}. {c.name}" for c in CONTENT.sign(sign_id).conditions]
    description = charts.sign_chart_description(assessment, CONTENT, sign_ids=(sign_id,))
    assert ("Not crossed" in description) != assessment.sign(sign_id).crossed
