"""The classroom pages in Streamlit's AppTest: they render, a case sets the inputs everywhere, the presenter
steps forward and back, and a link can name a case."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import explainer
from explainer import presentation
from explainer.quiz import QUIZ_LENGTH, build_questions
from explainer.scenarios import case_groups, load_scenarios, load_text
from tests.conftest import DATA, ROOT
from tests.test_app_pages import run_page, status_of

APP = str(ROOT / "app.py")
CLASSROOM_PAGES = ["pages/scenarios.py", "pages/present.py", "pages/guide.py", "pages/quiz.py"]
CASES = {case.id: case for case in load_scenarios(DATA)}
CONTENT = explainer.load_content(DATA)
LAST = presentation.step_count(CONTENT)


def open_page(page: str, query: dict[str, str] | None = None) -> AppTest:
    at = run_page(page, query)
    assert not at.exception, [e.value for e in at.exception]
    return at


def sign_status(at: AppTest, sign_number: int) -> str:
    """The status of the n-th sign on the warning-signs page, as its card's first words say it: "⚠ Crossed" or
    "✓ Not crossed"."""
    texts = [m.value for m in at.markdown]
    head = next(i for i, text in enumerate(texts) if text.startswith(f"### {sign_number}. "))
    return next(status_of(text) for text in texts[head + 1:] if status_of(text))


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


def test_presenter_picker_loads_a_case_from_its_first_step() -> None:
    at = open_page("pages/present.py", {"step": "4"})
    at.button(key="present-case-lifting_strain").click().run()
    assert not at.exception
    assert at.session_state["pain"] == CASES["lifting_strain"].inputs["pain"]
    assert at.query_params["step"] == "1", "a new case starts at step 1"
    assert at.query_params["scenario"] == "lifting_strain"
    assert step_heading(at).startswith("## Sign 1")
    assert any(m.value == "⚠ Crossed" for m in at.markdown)


INPUT_IDS = {spec.id for spec in CONTENT.inputs}
STEP_INPUTS = [(number, presentation.stage_inputs(number, CONTENT)) for number in range(1, LAST + 1)]


@pytest.mark.parametrize(("number", "on_stage"), STEP_INPUTS)
def test_the_stage_shows_the_inputs_of_its_step_and_the_sidebar_the_rest(number: int, on_stage: tuple) -> None:
    at = open_page("pages/present.py", {"step": str(number)})
    kinds = ("slider", "checkbox", "number_input", "selectbox")
    in_main = {w.key for kind in kinds for w in getattr(at.main, kind) if w.key in INPUT_IDS}
    in_sidebar = {w.key for kind in kinds for w in getattr(at.sidebar, kind) if w.key in INPUT_IDS}
    assert set(on_stage) <= in_main
    assert not set(on_stage) & in_sidebar, "each input has one control"
    assert in_main - set(on_stage) == set(), f"only the step's inputs are on stage: {in_main - set(on_stage)}"


def test_asking_first_shows_the_question_then_the_answer_then_the_next_question() -> None:
    at = open_page("pages/present.py", {"step": "2", "predict": "true", "pain": "8"})
    texts = [m.value for m in at.markdown]
    assert "Is sign 2 met?" in texts
    assert not any(t in ("⚠ Crossed", "✓ Not crossed") for t in texts), "the answer is hidden"
    at.button(key="present-next").click().run()
    assert "✓ Not crossed" in [m.value for m in at.markdown]
    assert at.query_params["step"] == "2" and at.query_params["answer"] == "shown"
    at.button(key="present-next").click().run()
    assert at.query_params["step"] == "3" and "answer" not in at.query_params
    assert "Is sign 3 met?" in [m.value for m in at.markdown]
    at.button(key="present-back").click().run()
    assert at.query_params["step"] == "2" and at.query_params["answer"] == "shown", "back to the answer before"


@pytest.mark.parametrize(("query", "charts", "says"), [
    ({"step": "5"}, 0, "every cause has 0 points"),  # nothing to draw: the stage says so instead of an empty plot
    ({"step": "5", "overexertion": "true"}, 1, "What points to it"),
    ({"step": "1"}, 1, "Not crossed"),
    ({"step": "4"}, 1, "Not crossed"),  # no movement ticked: tiles that say "not present", never empty bars
])
def test_the_stage_draws_a_chart_only_when_there_is_something_to_draw(query: dict, charts: int, says: str) -> None:
    at = open_page("pages/present.py", query)
    assert any(says in m.value for m in at.markdown)
    assert len(at.get("vega_lite_chart")) == charts


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
    question = next(q for q in build_questions(tuple(CASES.values()), CONTENT) if q.id == question_id)
    wrong = next(i for i in range(len(question.options)) if i != question.correct)
    radio.set_value(wrong).run()
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown)
    assert words["why_not"].format(option=question.options[wrong]) in shown
    assert question.wrong_why[wrong] in shown
    for line in question.deciding[wrong]:
        assert line.text in shown and line.quote in shown
    assert any(words["score"].format(right=0, answered=1, total=QUIZ_LENGTH) in m.value for m in at.markdown)


# --- the cases in groups (issue 9, item 4) ---------------------------------------------------------------------

GROUPS = case_groups(tuple(CASES.values()), CONTENT)


@pytest.mark.parametrize("group", GROUPS, ids=[g.id for g in GROUPS])
def test_the_cases_page_lists_one_group_at_a_time(group) -> None:
    at = open_page("pages/scenarios.py")
    assert at.radio(key="scenario_group").options == [classroom_label(g) for g in GROUPS]
    at.radio(key="scenario_group").set_value(group.id).run()
    assert not at.exception
    picker = at.selectbox(key="scenario_pick")
    assert picker.options == [case.title for case in group.cases], "the pairs stay folded under their sign"
    assert picker.value == group.cases[0].id


def classroom_label(group) -> str:
    words = load_text(DATA)["case_groups"]
    if not group.sign_id:
        return words["stories"]
    number = [sign.id for sign in CONTENT.signs].index(group.sign_id) + 1
    return words["pairs"].format(number=number, title=CONTENT.sign(group.sign_id).title)


def test_the_stages_last_step_says_call_999_before_not_medical_advice() -> None:
    """At Emergency the stage's answer puts the action first; the disclaimer follows it, as on the pages."""
    from explainer.content import cached_words

    disclaimer = cached_words("pages.toml")["common"]["disclaimer"]
    at = open_page("pages/present.py", {"step": "6", "stiff_jaw": "true"})
    def in_order(node: object) -> list[str]:  # markdown and captions, top to bottom as drawn
        value = getattr(node, "value", None) if getattr(node, "type", "") in ("markdown", "caption") else None
        found = [str(value)] if value is not None else []
        for child in getattr(node, "children", {}).values():
            found += in_order(child)
        return found

    order = [t for t in in_order(at.main) if "Call 999" in t or t == disclaimer]
    assert order and "Call 999" in order[0], order
    assert disclaimer in order, "the disclaimer is still on the stage"


def test_a_malformed_public_url_is_said_plainly_on_the_share_panel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUBLIC_URL", "demo.example.org")
    at = open_page("pages/scenarios.py", {"scenario": "lifting_strain"})
    warnings = [w.value for w in at.warning]
    assert any("PUBLIC_URL must be a full web address" in text for text in warnings), warnings
    assert any("demo.example.org" in text for text in warnings), "says what it found"


def test_a_good_public_url_starts_the_share_link(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUBLIC_URL", "https://demo.example.org/tools/")
    at = open_page("pages/scenarios.py", {"scenario": "lifting_strain"})
    links = [c.value for c in at.code]
    assert any(link.startswith("https://demo.example.org/tools/warning-signs?") for link in links), links
    assert not at.warning, "no warning: the address is public"
