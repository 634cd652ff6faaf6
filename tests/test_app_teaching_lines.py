"""The teaching lines in the app (issue 20, item 7), in Streamlit's AppTest: a line marked as a teaching threshold
moves through its slider on /warning-signs and flips a sign's status, a link's ``line_<input>`` moves it too, Reset
puts it back; a sourced line has no slider, and a link that tries to move one gets a plain note and loses nothing.

Generated from data/signs.toml: the slider names and the refused lines come from the content."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import explainer
import explainer.links
import explainer.scenarios
from explainer import teaching
from tests.conftest import DATA
from tests.test_app_pages import run_page, statuses

CONTENT = explainer.load_content(DATA)
SIGN = "intense_prolonged_pain"
# Pain 6 for 15 minutes: past sign 1's sourced length line (more than 10), one step under its teaching line (7).
SCENARIO = {"pain": "6", "duration_min": "15"}
MOVABLE = [c.input for c in teaching.movable(CONTENT)]
SOURCED = [c.input for s in CONTENT.signs for c in s.conditions if not c.teaching and c.op != "is_true"]


def notes(at: AppTest) -> list[str]:
    return [t.value for t in at.text if t.value.startswith("• ")]


def moved_sentence(at: AppTest) -> list[str]:
    """The sentence that says a line was moved: a panel on the page, a caption beside the stage's answer."""
    return [e.value for e in [*at.info, *at.caption] if "educator's choice for teaching" in e.value]


def test_moving_the_teaching_line_flips_the_sign_and_reset_puts_it_back() -> None:
    at = run_page("pages/warning-signs.py", SCENARIO)
    assert statuses(at)[SIGN] == "✓ Not crossed"
    assert moved_sentence(at) == [], "off by default: nothing says a line moved"
    at.slider(key="line_pain").set_value(5).run()
    assert not at.exception
    assert statuses(at)[SIGN] == "⚠ Crossed", "pain 6 is past a line moved to 5"
    assert len(moved_sentence(at)) == 1 and "pain" in moved_sentence(at)[0]
    at.button(key="teaching-lines-reset").click().run()
    assert at.session_state["line_pain"] == 7
    assert statuses(at)[SIGN] == "✓ Not crossed"
    assert moved_sentence(at) == []


def test_a_links_line_is_read_and_an_older_link_keeps_the_data_line() -> None:
    at = run_page("pages/warning-signs.py", {**SCENARIO, "line_pain": "5"})
    assert not at.exception
    assert at.session_state["line_pain"] == 5
    assert statuses(at)[SIGN] == "⚠ Crossed"
    assert moved_sentence(at) and notes(at) == [], "a good line is no unknown setting"
    older = run_page("pages/warning-signs.py", SCENARIO)
    assert older.session_state["line_pain"] == 7 and statuses(older)[SIGN] == "✓ Not crossed"


def test_only_teaching_lines_get_a_slider() -> None:
    at = run_page("pages/warning-signs.py")
    sliders = {s.key for s in at.slider if s.key.startswith(teaching.LINK_PREFIX)}
    assert sliders == {f"line_{name}" for name in MOVABLE}
    assert all("(teaching threshold)" in s.label for s in at.slider if s.key in sliders)
    assert not sliders & {f"line_{name}" for name in SOURCED}


@pytest.mark.parametrize("sourced", SOURCED)
def test_a_link_cannot_move_a_sourced_line_and_loses_nothing(sourced: str) -> None:
    at = run_page("pages/warning-signs.py", {**SCENARIO, f"line_{sourced}": "5", "line_pain": "99"})
    assert not at.exception
    said = notes(at)
    assert any("comes from a source, so it cannot be moved" in note for note in said), said
    assert any("must be from 0 to 10" in note for note in said), said
    assert not any("does not know" in note for note in said), "line_ settings are not counted as unknown"
    assert at.session_state["pain"] == 6 and at.session_state["duration_min"] == 15
    assert at.session_state["line_pain"] == 7 and moved_sentence(at) == []
    assert statuses(at)[SIGN] == "✓ Not crossed", "the lines stay where data/ puts them"


def stage_status(at: AppTest) -> str:
    return next(str(m.value) for m in at.markdown if str(m.value) in ("⚠ Crossed", "✓ Not crossed"))


def test_the_stage_answer_for_a_case_pair_follows_a_moved_line() -> None:
    """The pair "just under" sign 1's pain line (pain_under in data/scenarios.toml: pain 6 for 15 minutes), on the
    stage's sign 1 step with its answer shown: not crossed at data's line, crossed with the line moved to 6."""
    under = next(case for case in explainer.scenarios.cached_scenarios() if case.id == "pain_under")
    query = {**{k: f"{v:g}" for k, v in under.inputs.items()}, "scenario": under.id, "step": "1", "answer": "shown"}
    at = run_page("pages/present.py", query)
    assert not at.exception, [e.value for e in at.exception]
    assert stage_status(at) == "✓ Not crossed" and moved_sentence(at) == []
    moved = run_page("pages/present.py", {**query, "line_pain": "6"})
    assert not moved.exception, [e.value for e in moved.exception]
    assert stage_status(moved) == "⚠ Crossed", "the pair's 'just under' case is on the moved line"
    assert moved_sentence(moved), "the stage says the line is the educator's choice"
    assert {s.key for s in moved.slider if s.key.startswith("line_")} == {f"line_{name}" for name in MOVABLE}


@pytest.mark.parametrize("raw", ["5", "5.5", "99", "-1", "five", "nan", "7"])
def test_the_links_note_says_what_the_slider_did_with_the_value(raw: str) -> None:
    """links.read_lines mirrors Streamlit's bound slider: the line it reads is the line the slider holds, and a
    value the slider cannot use gets a note."""
    lines, said = explainer.links.read_lines({"line_pain": [raw]}, CONTENT)
    at = run_page("pages/warning-signs.py", {**SCENARIO, "line_pain": raw})
    assert not at.exception
    expected = lines[0].value if lines else 7
    assert at.session_state["line_pain"] == expected
    assert (said == []) == (raw in ("5", "7")), said
    for note in said:
        assert any(note in shown for shown in notes(at)), (note, notes(at))
