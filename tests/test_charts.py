"""Charts: built from an assessment, with colour never the only cue, and a text alternative that says the numbers."""

from __future__ import annotations

import copy
import itertools
import re
import xml.etree.ElementTree as ET

import pytest

import explainer
from explainer import assess, charts
from explainer.assessment import points_text
from explainer.exports import chart_svg
from tests.conftest import DATA

CONTENT = explainer.load_content(DATA)
SCENARIOS = [
    {},
    {"pain": 9, "duration_min": 20},
    {"pain": 9, "duration_min": 3, "episodes_per_week": 5},  # parts past their lines, signs not met
    {"episodes_per_week": 6, "weeks_affected": 10, "weakness": 5, "twitching": True},
    {"potassium": 3.0, "diuretic": True},
    {"walking_cramp": True, "episodes_per_week": 5, "weeks_affected": 8, "numbness": True},
    {"calcium": 7.6, "numbness": True, "twitching": True, "overexertion": True, "dehydration": True},
]
NUMERIC_LINES = [(s, c) for s in CONTENT.signs for c in s.conditions if c.op != "is_true"]
ALL_LINES = [(s, c) for s in CONTENT.signs for c in s.conditions]


@pytest.mark.parametrize("inputs", SCENARIOS)
def test_sign_chart_has_a_bar_per_line_with_words_for_status(inputs: dict) -> None:
    result = assess(inputs)
    rows = charts.sign_chart_spec(result, CONTENT).rows.to_dict(orient="records")
    assert len(rows) == len(ALL_LINES)
    for row, (sign, condition) in zip(rows, ALL_LINES, strict=True):
        met = next(c for c in result.sign(sign.id).conditions if c.input == condition.input).met
        symbol = "⚠" if met else "✓"
        assert row["status"].startswith(symbol)  # the legend: a symbol and words, not only a colour
        assert symbol in row["label"]  # each bar's own label carries the symbol too
        assert row["label"].startswith(f"{CONTENT.signs.index(sign) + 1}. {condition.name}: ")
        # a part past its line never reads as the sign being met when it is not
        assert ("sign not met" in row["label"]) is (met and not result.sign(sign.id).crossed)


@pytest.mark.parametrize("inputs", SCENARIOS)
def test_sign_chart_description_says_every_value_and_the_crossed_signs(inputs: dict) -> None:
    result = assess(inputs)
    text = charts.sign_chart_description(result, CONTENT)
    for _, condition in NUMERIC_LINES:
        spec = CONTENT.input(condition.input)
        assert f"{spec.label}: {explainer.format_value(spec, result.inputs[condition.input])}" in text
    for sign in result.signs:
        assert (sign.title in text) is sign.crossed


@pytest.mark.parametrize("inputs", SCENARIOS)
def test_cause_chart_and_table_follow_the_evidence_order(inputs: dict) -> None:
    result = assess(inputs)
    rows = charts.cause_chart_spec(result).rows.to_dict(orient="records")
    every = list(result.cause_fit)  # every cause the app scores is drawn, everyday ones marked as such
    assert [r["cause"] for r in rows] == [charts.cause_label(f.name, f.kind) for f in every]
    assert any(r["cause"].endswith("(everyday)") for r in rows)
    table = charts.cause_table(result, CONTENT)
    assert list(table["Cause"]) == [f.name for f in result.cause_fit]
    description = charts.cause_chart_description(result)
    assert all(f"{charts.cause_label(f.name, f.kind)}: {f.points} point" in description for f in every)
    assert "%" not in description and not any("%" in r["label"] for r in rows)  # no share that reads as a chance
    leading = result.leading_cause
    assert ((leading.name + " stands out") in description) if leading else ("No single cause" in description)


def _drawn_order(svg: str, names: list[str]) -> list[str]:
    """The cause names in the order they are drawn, top to bottom, read from the rendered SVG."""
    root = ET.fromstring(svg)
    found = []
    for element in root.iter():
        if element.tag.endswith("text") and (element.text or "") in names:
            y = float(re.search(r"translate\([-\d.]+,([-\d.]+)\)", element.attrib["transform"]).group(1))
            found.append((y, element.text))
    return [name for _, name in sorted(found)]


@pytest.mark.parametrize("inputs", SCENARIOS)
@pytest.mark.parametrize("scale", [1.0, 1.7])
def test_the_drawn_cause_chart_shows_the_most_evidence_first(inputs: dict, scale: float) -> None:
    """Render the chart (vl-convert, as the exports do) and read where each label is drawn: a sort that Vega-Lite
    drops in a layered chart would pass a test of the spec but fail this one."""
    result = assess(inputs)
    expected = [charts.cause_label(f.name, f.kind) for f in result.cause_fit]
    assert _drawn_order(chart_svg(charts.cause_chart_spec(result, scale=scale).full()), expected) == expected


def test_sign_table_marks_teaching_lines() -> None:
    table = charts.sign_table(assess({}), CONTENT)
    teaching = table[table["Where the cut-off comes from"].str.contains("no source gives a number")]
    expected = sum(1 for _, c in [(s, c) for s in CONTENT.signs for c in s.conditions] if c.teaching)
    assert len(teaching) == expected > 0


def _drawn_words(spec: dict, width: int = 300) -> list[str]:
    """Every word the chart draws (marks, axes and legends), from its SVG."""
    root = ET.fromstring(chart_svg(spec, width=width))
    return [element.text for element in root.iter() if element.tag.endswith(("text", "tspan")) and element.text]


@pytest.mark.parametrize("inputs", SCENARIOS)
@pytest.mark.parametrize("scale", [1.0, 1.7])
def test_the_drawn_sign_chart_writes_every_lines_words_and_both_statuses_in_the_legend(
    inputs: dict, scale: float
) -> None:
    """Read from the drawn chart: every bar's words (value, symbol, cut-off) and the legend's words are drawn, for
    all the signs and for one."""
    result = assess(inputs)
    for sign_ids in (None, ("weakness_fatigue",)):
        chart = charts.sign_chart_spec(result, CONTENT, sign_ids=sign_ids, scale=scale)
        drawn = _drawn_words(chart.full())
        assert [w for w in drawn if w in set(chart.rows["label"])] == list(chart.rows["label"])
        assert {charts.PAST, charts.NOT_PAST} <= set(drawn)  # the legend in words, not colour alone
        assert {"the cut-off", "2 × the cut-off"} <= set(drawn)


def _every_chart_spec(result: explainer.Assessment) -> list[charts.ChartSpec]:
    specs = [charts.sign_chart_spec(result, CONTENT), charts.cause_chart_spec(result), charts.signs_glance_spec(result),
             charts.yes_no_spec(result, "abnormal_contractions")]
    return specs + [charts.sign_plane_spec(result, CONTENT, sign_id=sign_id) for sign_id in PLANE_SIGNS]


@pytest.mark.parametrize("inputs", SCENARIOS)
def test_the_table_handed_to_streamlit_is_the_one_it_would_make_from_the_records(inputs: dict) -> None:
    """render.chart hands Streamlit the rows as an Arrow table (ChartSpec.for_streamlit), not as records, so that
    Streamlit skips its own conversion: the browser must get the same table, column types and all."""
    import pyarrow as pa
    from streamlit import dataframe_util

    def sent(table_or_records: object) -> pa.Table:
        return pa.ipc.open_stream(dataframe_util.convert_anything_to_arrow_bytes(table_or_records)).read_all()

    for spec in _every_chart_spec(assess(inputs)):
        full, fast = spec.full(), spec.for_streamlit()
        fast_rows, full_rows = fast["datasets"].pop(charts.ROWS), full["datasets"].pop(charts.ROWS)
        assert fast == full  # the same spec around the rows
        ours, theirs = sent(fast_rows), sent(full_rows)
        assert ours.schema.remove_metadata() == theirs.schema.remove_metadata()
        assert ours.to_pylist() == theirs.to_pylist()


def test_the_spec_without_rows_does_not_change_with_the_numbers() -> None:
    calm, serious = assess({}), assess({"pain": 9, "duration_min": 30, "jerking": True})
    assert charts.sign_chart_spec(calm, CONTENT).spec == charts.sign_chart_spec(serious, CONTENT).spec
    assert "data" not in charts.sign_chart_spec(calm, CONTENT).spec
    # The cause chart's spec holds its order, so it stays the same while the order does.
    low, lower = assess({"potassium": 3.2}), assess({"potassium": 2.9})
    assert [f.id for f in low.cause_fit] == [f.id for f in lower.cause_fit]
    assert charts.cause_chart_spec(low).spec == charts.cause_chart_spec(lower).spec


def test_a_spec_is_a_fresh_copy_each_time() -> None:
    first = charts.sign_chart_spec(assess({}), CONTENT)
    first.spec.clear()
    assert charts.sign_chart_spec(assess({}), CONTENT).spec


# --- the two-part signs as planes, tested on what Vega draws (its scenegraph), not on the spec --------------------


def _marks(spec: dict, width: int = 300) -> dict[str, list[dict]]:
    """The drawn items of every mark, by mark type, from Vega's scenegraph of the exported chart, ``width`` wide."""
    import vl_convert

    from explainer.exports import export_spec

    found: dict[str, list[dict]] = {}

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("role") == "mark":
                found.setdefault(node["marktype"], []).extend(node.get("items", []))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(vl_convert.vegalite_to_scenegraph(export_spec(spec, width)))
    return found


PLANE_SIGNS = [s.id for s in CONTENT.signs if charts.plane_inputs(CONTENT, s.id)]
PLANE_CASES = [  # away from the lines, so "inside" is not a matter of a pixel
    ("intense_prolonged_pain", {"pain": 9, "duration_min": 30}),
    ("intense_prolonged_pain", {"pain": 9, "duration_min": 4}),  # one part past its line: "and" is not met
    ("intense_prolonged_pain", {"pain": 2, "duration_min": 30}),
    ("intense_prolonged_pain", {}),  # zero: the point still shows, at the corner
    ("frequent_recurring", {"episodes_per_week": 8, "weeks_affected": 20}),
    ("frequent_recurring", {"episodes_per_week": 8, "weeks_affected": 1}),
    ("weakness_fatigue", {"fatigue": 6}),  # "or": one part is enough
    ("weakness_fatigue", {"weakness": 1, "fatigue": 1}),
]


def test_the_two_part_signs_are_drawn_as_planes() -> None:
    assert PLANE_SIGNS == ["intense_prolonged_pain", "frequent_recurring", "weakness_fatigue"]


@pytest.mark.parametrize(("sign_id", "inputs"), PLANE_CASES)
def test_the_drawn_point_is_in_the_shaded_region_exactly_when_the_sign_is_met(sign_id: str, inputs: dict) -> None:
    result = assess(inputs)
    marks = _marks(charts.sign_plane_spec(result, CONTENT, sign_id=sign_id).full())
    (point,) = marks["symbol"]
    assert point["size"] > 0 and point["x"] >= 0 and point["y"] >= 0  # drawn, even at 0
    inside = any(r["x"] <= point["x"] <= r["x"] + r["width"] and r["y"] <= point["y"] <= r["y"] + r["height"]
                 for r in marks["rect"])
    assert inside is result.sign(sign_id).crossed
    # The words once, and once more as their white edge underneath (see charts._plane_layout).
    words = [item["text"] for item in marks["text"] if item.get("text")]
    assert words == ["⚠ You: met" if result.sign(sign_id).crossed else "✓ You: not met"] * 2  # not colour alone


@pytest.mark.parametrize("sign_id", PLANE_SIGNS)
def test_a_planes_layout_changes_only_with_the_signs_status_never_with_the_point(sign_id: str) -> None:
    calm, busy = assess({}), assess({"pain": 9, "duration_min": 30, "episodes_per_week": 9, "weeks_affected": 9})
    lower = assess({"pain": 1, "duration_min": 1, "episodes_per_week": 1, "weeks_affected": 1, "fatigue": 1})
    assert charts.sign_plane_spec(calm, CONTENT, sign_id=sign_id).spec == charts.sign_plane_spec(
        lower, CONTENT, sign_id=sign_id).spec
    calm_spec, busy_spec = (charts.sign_plane_spec(a, CONTENT, sign_id=sign_id).spec for a in (calm, busy))
    assert {**calm_spec, "description": ""} == {**busy_spec, "description": ""}
    description = charts.sign_plane_description(busy, CONTENT, sign_id=sign_id)
    assert ("the sign is met." in description) is busy.sign(sign_id).crossed


# --- the alt text on pages with live parts: it changes with the picture's meaning, never with a value alone ------
# (Streamlit writes the alt text into the spec; a changed spec makes the browser rebuild the chart on every move.)


def _plane_cases() -> list[tuple[str, dict[str, float], dict[str, float], dict[str, float]]]:
    """For each plane sign (generated from data/signs.toml): two scenarios below its lines with different values,
    and one past every line."""
    content = explainer.load_content(DATA)
    cases = []
    for sign in content.signs:
        if not charts.plane_inputs(content, sign.id):
            continue
        low = {c.input: content.input(c.input).min for c in sign.conditions}
        lower = {c.input: float(c.threshold) - content.input(c.input).step for c in sign.conditions}  # type: ignore[arg-type]
        past = {c.input: content.input(c.input).max for c in sign.conditions}
        cases.append((sign.id, low, lower, past))
    return cases


@pytest.mark.parametrize(("sign_id", "low", "lower", "past"), _plane_cases(), ids=[c[0] for c in _plane_cases()])
def test_the_plane_name_says_its_lines_follows_the_status_and_the_table_carries_the_values(
    sign_id: str, low: dict[str, float], lower: dict[str, float], past: dict[str, float]
) -> None:
    content = explainer.load_content(DATA)
    a, b, met = (explainer.assess(values) for values in (low, lower, past))
    assert not a.sign(sign_id).crossed and not b.sign(sign_id).crossed and met.sign(sign_id).crossed
    alt_a, alt_b = (charts.sign_plane_alt(x, content, sign_id=sign_id) for x in (a, b))
    assert alt_a == alt_b, "same status, different values: the same alt text"
    assert charts.sign_plane_alt(met, content, sign_id=sign_id) != alt_a, "the status changes it"
    assert "not met" in alt_a and "not met" not in charts.sign_plane_alt(met, content, sign_id=sign_id)
    for assessment, values in ((a, low), (b, lower)):  # the values are in the chart's table, beside it
        table = charts.sign_table(assessment, content, sign_ids=(sign_id,))
        for input_id, value in values.items():
            shown = explainer.assessment.format_value(content.input(input_id), value)
            assert shown in set(table["Your value"]), f"the chart's table gives {input_id} = {shown}"
    for condition in content.sign(sign_id).conditions:  # the name says every line, with its value
        assert f"{condition.name} {explainer.words.line_text(condition.op, condition.threshold)}" in alt_a


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ({}, {"pain": 8}, True),  # no cause stands out in either; the points differ
        ({"pain": 9, "numbness": True}, {"pain": 9, "numbness": True, "radiating_pain": True}, True),
        ({"pain": 8}, {"pain": 9, "numbness": True}, False),  # nerve damage comes to stand out
    ],
)
def test_the_cause_chart_alt_text_changes_only_with_the_cause_that_stands_out(
    first: dict, second: dict, same: bool
) -> None:
    a, b = explainer.assess(first), explainer.assess(second)
    assert [f.points for f in a.serious_causes] != [f.points for f in b.serious_causes], "the bars differ"
    assert (charts.cause_chart_alt(a) == charts.cause_chart_alt(b)) == same


# --- a plane that follows its sliders in the browser (ui/follow.py): the rule it draws is the engine's ------------


def _follow_cases() -> list[tuple[str, dict[str, float]]]:
    """For each plane sign (generated from data/signs.toml): each value at its ends, one step either side of its
    line and on the line, in every combination."""
    cases = []
    for sign in CONTENT.signs:
        if not charts.plane_inputs(CONTENT, sign.id):
            continue
        grids = []
        for condition in sign.conditions:
            spec = CONTENT.input(condition.input)
            line = float(condition.threshold)  # type: ignore[arg-type]
            points = {spec.min, line - spec.step, line, line + spec.step, spec.max}
            grids.append([(condition.input, value) for value in sorted(points) if spec.min <= value <= spec.max])
        cases += [(sign.id, dict(pair)) for pair in itertools.product(*grids)]
    return cases


@pytest.mark.parametrize(("sign_id", "values"), _follow_cases(), ids=str)
def test_a_following_plane_draws_what_the_engine_says_for_the_sliders_values(
    sign_id: str, values: dict[str, float]
) -> None:
    # The server's row is from another moment (everything at its lowest): the drawn point must follow the sliders.
    spec = charts.sign_plane_spec(assess({}), CONTENT, sign_id=sign_id, follow=True).full()
    for param in spec["params"]:
        if param["name"].startswith("follow_"):  # the sliders' copies (not the size factor, nor the drag's axes)
            input_id = param["name"].removeprefix("follow_")
            param["value"] = f"{values[input_id]:g}"  # a slider's value is text in the page ("10.5")
    marks = _marks(spec)
    met = assess(values).sign(sign_id).crossed
    (point,) = marks["symbol"]
    assert point["fill"] == (charts.CROSSED_COLOUR if met else charts.NOT_CROSSED_COLOUR)
    assert point["shape"] == ("triangle-up" if met else "circle")
    assert [item["text"] for item in marks["text"] if item.get("text")] == [charts.PLANE_LABEL[met]] * 2


@pytest.mark.parametrize("sign_id", PLANE_SIGNS)
def test_a_following_plane_draws_the_servers_row_until_a_slider_has_given_a_value(sign_id: str) -> None:
    busy = assess({"pain": 9, "duration_min": 30, "episodes_per_week": 9, "weeks_affected": 9, "weakness": 9})
    assert busy.sign(sign_id).crossed
    following = _marks(charts.sign_plane_spec(busy, CONTENT, sign_id=sign_id, follow=True).full())
    plain = _marks(charts.sign_plane_spec(busy, CONTENT, sign_id=sign_id).full())
    assert following["symbol"] == plain["symbol"] and following["text"] == plain["text"]


def test_each_following_chart_reads_a_copy_of_its_own_named_after_a_slider() -> None:
    """The component (ui/follow.py) fills every box named follow_<input> from the slider keyed <input>: each chart
    draws its own box (no element elsewhere on the page that may not be there yet), named after a real slider."""
    sliders = {spec.id for spec in CONTENT.inputs if spec.kind in ("integer", "number")}
    specs = {sign_id: charts.sign_plane_spec(assess({}), CONTENT, sign_id=sign_id, follow=True).spec
             for sign_id in PLANE_SIGNS}
    specs["cause chart"] = charts.cause_chart_spec(assess({}), CONTENT, follow=True).spec
    for name, spec in specs.items():
        params = [param for param in spec["params"]
                  if ("bind" in param or param["name"].startswith("follow_")) and param["name"] != charts.DRAG_AXES]
        assert params, f"{name} follows nothing"
        for param in params:
            assert param["bind"] == {"input": "text"}, f"{name}: {param['name']} is bound to {param['bind']}"
            assert param["name"].removeprefix("follow_") in sliders, f"{name}: {param['name']} names no slider"


def _slider_settings() -> list[dict[str, float]]:
    """Slider values to draw the following cause chart at (generated from data/): each slider alone at its ends,
    one step below its line and on it; then every slider at its lowest, and at its highest."""
    sliders = [spec for spec in CONTENT.inputs if spec.kind in ("integer", "number")]
    lines = {c.input: float(c.threshold) for s in CONTENT.signs for c in s.conditions if c.op != "is_true"}
    settings = [{spec.id: spec.min for spec in sliders}, {spec.id: spec.max for spec in sliders}]
    for spec in sliders:
        for value in sorted({spec.min, lines[spec.id] - spec.step, lines[spec.id], spec.max}):
            settings.append({spec.id: value})
    return settings


def _drawn_labels(svg: str) -> list[str]:
    """The words at the end of each bar ("★ 5 points"), top to bottom, read from the rendered SVG."""
    root = ET.fromstring(svg)
    found = []
    for element in root.iter():
        if element.tag.endswith("text") and re.fullmatch(r"(★ )?\d+ points?", element.text or ""):
            y = float(re.search(r"translate\([-\d.]+,([-\d.]+)\)", element.attrib["transform"]).group(1))
            found.append((y, element.text))
    return [text for _, text in sorted(found)]


@pytest.mark.parametrize("inputs", SCENARIOS)
def test_the_following_cause_chart_draws_what_the_engine_says_for_the_sliders_values(inputs: dict) -> None:
    """The server's row is the scenario's; the sliders then move without a rerun. What the browser draws (order,
    points, the one that stands out) must be what assess() says of the scenario with the sliders' values."""
    server = charts.cause_chart_spec(assess(inputs), CONTENT, follow=True).full()
    for setting in _slider_settings():
        spec = copy.deepcopy(server)
        moved = {**inputs, **setting}
        for param in spec["params"]:
            input_id = param["name"].removeprefix("follow_")
            param["value"] = f"{moved.get(input_id, CONTENT.input(input_id).default):g}"
        result = assess(moved)
        every = list(result.cause_fit)
        leading = result.leading_cause
        expected_labels = [("★ " if leading and leading.id == f.id else "") + points_text(f.points) for f in every]
        names = [charts.cause_label(f.name, f.kind) for f in every]
        svg = chart_svg(spec)
        assert (_drawn_order(svg, names), _drawn_labels(svg)) == (names, expected_labels), (
            f"{inputs} with sliders at {setting}")


@pytest.mark.parametrize("inputs", SCENARIOS)
def test_the_following_cause_chart_draws_the_servers_rows_until_a_slider_has_given_a_value(inputs: dict) -> None:
    result = assess(inputs)
    following, plain = (chart_svg(charts.cause_chart_spec(result, CONTENT, follow=f).full()) for f in (True, False))
    names = [charts.cause_label(f.name, f.kind) for f in result.cause_fit]
    assert (_drawn_order(following, names), _drawn_labels(following)) == (
        _drawn_order(plain, names), _drawn_labels(plain))
