"""Teaching lines a presenter moves (issue 20, item 7): only the app's own lines move, never a sourced one; the sign's
status and its chart follow the moved line; a link carries it, and an older link keeps its meaning.

Generated from data/signs.toml: every line marked ``teaching = true`` is moved, every other line refuses to move.
"""

from __future__ import annotations

import pytest

import explainer
from explainer import charts, links, teaching
from explainer.teaching import LineNotMovableError, TeachingLine
from tests.conftest import DATA
from tests.test_charts import _marks

CONTENT = explainer.load_content(DATA)
LINES = [(sign, c) for sign in CONTENT.signs for c in sign.conditions if c.op != "is_true"]
TEACHING = [(sign, c) for sign, c in LINES if c.teaching]
SOURCED = [(sign, c) for sign, c in LINES if not c.teaching]


def _met_but(sign: explainer.content.Sign, condition: explainer.content.Condition, value: float) -> dict:
    """A scenario where every other line of the sign is met (so this line decides) and this input is ``value``."""
    others = {c.input: CONTENT.input(c.input).max for c in sign.conditions if c is not condition}
    return {**others, condition.input: value}


def test_the_data_has_both_kinds_of_line() -> None:
    assert TEACHING and SOURCED


@pytest.mark.parametrize(("sign", "condition"), TEACHING, ids=lambda x: getattr(x, "input", getattr(x, "id", "")))
def test_moving_a_teaching_line_moves_the_signs_status(sign, condition) -> None:
    spec = CONTENT.input(condition.input)
    line = float(condition.threshold)
    below = line - spec.step  # one step under the data's line: not past it
    if below < spec.min:
        pytest.skip("the line is at the input's lowest value")
    scenario = _met_but(sign, condition, below)
    if sign.match == "any":  # with "any", the other lines must not be met for this one to decide
        scenario = {**{c.input: CONTENT.input(c.input).min for c in sign.conditions}, condition.input: below}
    assert not explainer.assess(scenario).sign(sign.id).crossed
    moved = (TeachingLine(condition.input, below),)
    assert explainer.assess(scenario, teaching_lines=moved).sign(sign.id).crossed, "the moved line is now met"
    # The same assessment, with the line moved up past the value again, is not crossed: the line is the input.
    back = (TeachingLine(condition.input, line),)
    assert not explainer.assess(scenario, teaching_lines=back).sign(sign.id).crossed


@pytest.mark.parametrize("condition", [c for _, c in SOURCED], ids=lambda c: c.input)
def test_a_sourced_line_refuses_to_move_in_the_engine_and_in_a_link(condition) -> None:
    spec = CONTENT.input(condition.input)
    with pytest.raises(LineNotMovableError, match="comes from a source"):
        explainer.assess({}, teaching_lines=(TeachingLine(condition.input, spec.min),))
    lines, notes = links.read_lines({f"line_{condition.input}": [f"{spec.min:g}"]}, CONTENT)
    assert lines == ()
    assert any("comes from a source" in note for note in notes)


@pytest.mark.parametrize(("raw", "problem"), [("99", "must be from"), ("-1", "must be from"), ("five", "a number"),
                                              ("nan", "must be from")])
def test_a_links_line_out_of_range_is_ignored_with_a_plain_note(raw: str, problem: str) -> None:
    _, condition = TEACHING[0]
    lines, notes = links.read_lines({f"line_{condition.input}": [raw]}, CONTENT)
    assert lines == () and len(notes) == 1
    assert problem in notes[0] and condition.name in notes[0]


def test_a_link_carries_a_moved_line_and_an_older_link_keeps_its_meaning() -> None:
    _, condition = TEACHING[0]
    moved = TeachingLine(condition.input, float(condition.threshold) - 1)
    query = {**links.scenario_query({condition.input: 6}, CONTENT), **links.lines_query([moved])}
    params = {key: [value] for key, value in query.items()}
    assert links.read_lines(params, CONTENT) == ((moved,), [])
    assert links.read_link(params, CONTENT).values == {condition.input: 6}  # the scenario itself is unchanged
    assert links.read_lines({condition.input: ["6"]}, CONTENT) == ((), [])  # an older link moves no line


@pytest.mark.parametrize(("sign", "condition"), [(s, c) for s, c in TEACHING if charts.plane_inputs(CONTENT, s.id)],
                         ids=lambda x: getattr(x, "input", getattr(x, "id", "")))
def test_the_plane_draws_the_moved_line_and_the_point_follows_it(sign, condition) -> None:
    """Drawn by Vega (its scenegraph): the line sits at the moved value, and the point's words say the status the
    engine gives with the moved line."""
    spec = CONTENT.input(condition.input)
    below = float(condition.threshold) - spec.step
    scenario = _met_but(sign, condition, below)
    moved = (TeachingLine(condition.input, below),)
    moved_content = teaching.with_lines(CONTENT, moved)
    before, after = explainer.assess(scenario), explainer.assess(scenario, teaching_lines=moved)
    drawn = {}
    for name, content, assessment in (("before", CONTENT, before), ("after", moved_content, after)):
        marks = _marks(charts.sign_plane_spec(assessment, content, sign_id=sign.id, follow=True).full())
        words = [item["text"] for item in marks["text"] if item.get("text")]
        assert words == [charts.PLANE_LABEL[assessment.sign(sign.id).crossed]] * 2
        drawn[name] = sorted((round(r.get("x", 0)), round(r.get("y", 0))) for r in marks["rule"])
    assert drawn["before"] != drawn["after"], "the line is drawn where it was moved to"


def test_the_same_lines_give_the_same_content_so_chart_templates_are_reused() -> None:
    _, condition = TEACHING[0]
    lines = (TeachingLine(condition.input, 5.0),)
    assert teaching.with_lines(CONTENT, lines) is teaching.with_lines(CONTENT, lines)
    assert teaching.with_lines(CONTENT, ()) is CONTENT
