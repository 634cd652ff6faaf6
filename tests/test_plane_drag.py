"""A plane that can be pressed or dragged on (ui/assets/plane-drag.js): it says how its axes draw values, and that is
how they are drawn. Generated from data/: every sign drawn as a plane.

The script turns a place on the plane back into the sliders' values from the axes the chart carries in a hidden box
of its own (``drag_axes``); here, those axes must be the ones the chart is drawn with (domain, scale type and a
symlog's constant) and must name the sliders the point is drawn from. How the script uses them is tested in a
browser (tests/e2e/test_plane_drag.py).
"""

from __future__ import annotations

import json

import pytest

import explainer
from explainer import assess, charts
from tests.conftest import DATA

CONTENT = explainer.load_content(DATA)
PLANES = [sign.id for sign in CONTENT.signs if charts.plane_inputs(CONTENT, sign.id)]


def _drag_axes(spec: dict) -> dict | None:
    """The axes a plane tells the script about, as the browser's hidden box holds them (text), parsed."""
    boxes = [param for param in spec.get("params", []) if param["name"] == charts.DRAG_AXES]
    if not boxes:
        return None
    (box,) = boxes
    assert box["bind"] == {"input": "text"}, "a hidden box of the chart's own, as the sliders' copies"
    return json.loads(box["value"])


def test_every_two_part_sign_is_a_plane() -> None:
    assert PLANES, "no sign is drawn as a plane: nothing here would be tested"


@pytest.mark.parametrize("sign_id", PLANES)
def test_a_following_plane_says_how_its_axes_draw_values_as_they_are_drawn(sign_id: str) -> None:
    spec = charts.sign_plane_spec(assess({}), CONTENT, sign_id=sign_id, follow=True).spec
    axes = _drag_axes(spec)
    assert axes is not None, f"{sign_id}: the plane cannot be dragged"
    drawn = spec["layer"][0]["encoding"]  # the shaded region: the layer that sets the axes and their scales
    followed = {param["name"].removeprefix("follow_") for param in spec["params"]
                if param["name"].startswith("follow_")}
    for axis in ("x", "y"):
        scale = drawn[axis]["scale"]
        told = axes[axis]
        assert told["domain"] == scale["domain"], f"{sign_id} {axis}"
        assert told["type"] == scale.get("type", "linear"), f"{sign_id} {axis}"
        assert told.get("constant") == scale.get("constant"), f"{sign_id} {axis}: the symlog's constant"
        assert told["input"] in followed, f"{sign_id} {axis}: {told['input']} is not a slider the point follows"
    assert (axes["x"]["input"], axes["y"]["input"]) == charts.plane_inputs(CONTENT, sign_id)


@pytest.mark.parametrize("sign_id", PLANES)
def test_a_planes_axes_run_from_end_to_end_of_its_sliders(sign_id: str) -> None:
    """The script clamps to the slider's own ends; the plane must draw the same range, or a press at its edge
    would land on a value drawn elsewhere."""
    axes = charts.plane_axes(CONTENT, sign_id)
    for axis in axes.values():
        slider = CONTENT.input(str(axis["input"]))
        assert slider.kind in ("integer", "number"), f"{sign_id}: {slider.id} is not a slider"
        assert axis["domain"] == [slider.min, slider.max]


def test_sign_2_is_told_as_drawn_on_a_log_scale_and_sign_1_on_an_even_one() -> None:
    """The planes the issue names: sign 2's lines (3 a week, 4 weeks) sit in the lowest tenth of their axes."""
    assert {a["type"] for a in charts.plane_axes(CONTENT, "frequent_recurring").values()} == {"symlog"}
    assert {a["type"] for a in charts.plane_axes(CONTENT, "intense_prolonged_pain").values()} == {"linear"}


@pytest.mark.parametrize("sign_id", PLANES)
def test_a_plane_that_does_not_follow_the_sliders_cannot_be_dragged(sign_id: str) -> None:
    """The stage draws a plane without the sliders' copies: nothing there would show the point moving."""
    assert _drag_axes(charts.sign_plane_spec(assess({}), CONTENT, sign_id=sign_id).spec) is None


@pytest.mark.parametrize("sign_id", PLANES)
def test_a_planes_name_says_its_sliders_move_the_point(sign_id: str) -> None:
    for values in ({}, {c.input: CONTENT.input(c.input).max for c in CONTENT.sign(sign_id).conditions}):
        name = charts.sign_plane_alt(assess(values), CONTENT, sign_id=sign_id)
        names = " and ".join(condition.name for condition in CONTENT.sign(sign_id).conditions)
        assert f"The sliders for {names} move your point." in name
        assert "press or drag on the chart" in name
