"""The classroom pages in Streamlit's AppTest: they render, a case sets the inputs everywhere, the presenter
steps forward and back, and a link can name a case."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from explainer.quiz import QUIZ_LENGTH, build_questions
from explainer.scenarios import load_scenarios, load_text
from tests.conftest import DATA, ROOT
from tests.test_app_pages import run_page

APP = str(ROOT / "app.py")
CLASSROOM_PAGES = ["pages/scenarios.py", "pages/present.py", "pages/quiz.py"]
CASES = {case.id: case for case in load_scenarios(DATA)}


def open_page(page: str, query: dict[str, str] | None = None) -> AppTest:
    at = run_page(page, query)
    assert not at.exception, [e.value for e in at.exception]
    return at


def sign_status(at: AppTest, sign_number: int) -> str:
    """The status of the n-th sign on the warning-signs page, as its heading ends: "⚠ Crossed" or "✓ Not crossed"."""
    head = next(m.value for m in at.markdown if m.value.startswith(f"#### {sign_number}. "))
    return head.rsplit(": ", 1)[1]


def step_heading(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("## "))


@pytest.mark.parametrize("page", CLASSROOM_PAGES)
def test_classroom_pages_render_without_exception(page: str) -> None:
    at = open_page(page)
    assert any("not a diagnosis" in c.value for c in at.caption)


def test_loading_a_case_changes_a_sign_on_the_warning_signs_page() -> None:
    case = CASES["shaking_leg"]
    assert case.expect_crossed == ("abnormal_contractions",)
    at = open_page("pages/warning-signs.py")
    assert sign_status(at, 4) == "✓ Not crossed"
    at.switch_page("pages/scenarios.py").run()
    at.selectbox(key="scenario_pick").set_value(case.id).run()
    at.button(key="scenario_load").click().run()
    assert not at.exception
    assert at.session_state["shaking"] is True
    at.switch_page("pages/warning-signs.py").run()
    assert sign_status(at, 4) == "⚠ Crossed"


def test_presenter_steps_forward_and_back_and_keeps_the_step_in_the_link() -> None:
    at = open_page("pages/present.py", {"step": "2"})
    assert step_heading(at).startswith("## Sign 2")
    at.button(key="present-next").click().run()
    assert step_heading(at).startswith("## Sign 3")
    assert at.query_params["step"] == "3"
    at.button(key="present-back").click().run()
    at.button(key="present-back").click().run()
    assert step_heading(at).startswith("## Sign 1")
    assert at.button(key="present-back").disabled, "no step before the first"


@pytest.mark.parametrize(("raw", "heading"), [("6", "## What to do next"), ("99", "## What to do next"),
                                             ("x", "## Sign 1")])
def test_presenter_opens_at_the_step_in_the_link(raw: str, heading: str) -> None:
    at = open_page("pages/present.py", {"step": raw})
    assert step_heading(at).startswith(heading)


def test_presenter_picker_loads_a_case() -> None:
    at = open_page("pages/present.py")
    at.selectbox(key="present_case").set_value("lifting_strain").run()
    assert at.session_state["pain"] == CASES["lifting_strain"].inputs["pain"]
    assert any(m.value == "⚠ Crossed" for m in at.markdown)


def test_a_link_with_a_case_loads_its_inputs() -> None:
    at = open_page("pages/warning-signs.py", {"scenario": "shaking_leg"})
    assert sign_status(at, 4) == "⚠ Crossed"
    assert at.session_state["shaking"] is True


def test_inputs_in_the_link_win_over_the_case() -> None:
    # A copied link holds the case and the inputs changed after it (Streamlit leaves defaults out of links).
    at = open_page("pages/home.py", {"scenario": "shaking_leg", "pain": "9", "jerking": "true"})
    assert at.session_state["pain"] == 9  # the link's own value wins over the case's 4
    assert at.session_state["jerking"] is True
    for input_id, value in CASES["shaking_leg"].inputs.items():
        if input_id != "pain":
            assert at.session_state[input_id] == value  # the rest comes from the case


def test_an_unknown_case_in_a_link_gives_a_note_not_an_error() -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["scenario"] = "no_such_case"
    at.run()
    assert not at.exception
    assert not at.error
    assert any("teaching case" in t.value for t in at.text), [t.value for t in at.text]


# --- sharing, asking the room, and a quiz that teaches (issue 9) -------------------------------------------------

TEXT = load_text(DATA)


@pytest.mark.parametrize("case_id", ["shaking_leg", "lifting_strain"])
def test_a_visitor_arriving_on_a_case_link_sees_its_banner(case_id: str) -> None:
    at = open_page("pages/warning-signs.py", {"scenario": case_id})
    case = CASES[case_id]
    banner = " ".join(m.value for m in at.markdown)
    assert TEXT["banner"]["heading"].format(title=case.title) in banner
    assert case.story in banner
    assert TEXT["banner"]["not_advice"] in banner
    assert "teaching example, not advice" in TEXT["banner"]["not_advice"]


def test_no_banner_without_a_case_in_the_link() -> None:
    at = open_page("pages/warning-signs.py", {"pain": "8"})
    assert not any("Teaching case:" in m.value for m in at.markdown)


def test_the_cases_page_asks_first_and_keeps_the_answer_behind_a_reveal() -> None:
    at = open_page("pages/scenarios.py", {"scenario": "lifting_strain"})
    words = TEXT["scenarios"]
    assert any(words["question"] in m.value for m in at.markdown)
    reveal = next(e for e in at.expander if e.label == words["reveal"])
    inside = " ".join(m.value for m in reveal.markdown)
    assert "What to do next" in inside and CASES["lifting_strain"].learning_point in inside
    outside = [m.value for m in at.markdown if m.value not in {r.value for r in reveal.markdown}]
    assert not any("What to do next" in value or "Warning signs crossed" in value for value in outside)


def test_a_link_to_the_cases_page_shows_the_case_it_names() -> None:
    at = open_page("pages/scenarios.py", {"scenario": "pinched_nerve"})
    assert at.selectbox(key="scenario_pick").value == "pinched_nerve"
    assert any(m.value == f"## {CASES['pinched_nerve'].title}" for m in at.markdown)


def test_a_wrong_quiz_answer_says_why_and_names_the_line_that_decides_it() -> None:
    at = open_page("pages/quiz.py")
    radio = at.radio[next(i for i, r in enumerate(at.radio) if r.key and r.key.startswith("quiz-"))]
    question_id = radio.key.removeprefix("quiz-")
    words = TEXT["quiz"]
    question = next(q for q in build_questions(tuple(CASES.values())) if q.id == question_id)
    wrong = next(i for i in range(len(question.options)) if i != question.correct)
    radio.set_value(wrong).run()
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown)
    assert words["why_not"].format(option=question.options[wrong]) in shown
    assert question.wrong_why[wrong] in shown
    for line in question.deciding[wrong]:
        assert line.text in shown and line.quote in shown
    assert any(words["score"].format(right=0, answered=1, total=QUIZ_LENGTH) in m.value for m in at.markdown)
