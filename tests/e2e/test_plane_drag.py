"""A sign's plane pressed and dragged on, with a mouse at 1366x768 and a finger at 390x844 (issue 20, item 1): the
point goes where the pointer is by setting the plane's SLIDERS, which stay the one control.

Read as a visitor meets it: where a value lies is taken from the drawn axis (its labels and the plot's edges, never
from the spec), the sliders' values from the sliders themselves, the card and the advice from what the server
drew after the release, and the drawn point from the SVG. A finger is a real touch (Chromium's own input, through
its hit testing and scrolling), so a drag that scrolled the page instead would fail.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import explainer
from explainer import charts
from tests.e2e.conftest import NewPage, PageLog
from tests.e2e.helpers import DATA_DIR, open_page, runs_finished, sign_status, wait_for_app, wait_for_rerun

pytestmark = pytest.mark.browser

CONTENT = explainer.load_content(DATA_DIR)
LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
SCREENS = [pytest.param(LAPTOP, False, id="1366x768-mouse"), pytest.param(PHONE, True, id="390x844-finger")]
SIGN_1, SIGN_2 = "intense_prolonged_pain", "frequent_recurring"

# A plane as drawn: the plot area, each axis's labels and the visitor's point (the symbol's own origin, where Vega
# places it), in the page's coordinates. The x axis is the one whose labels share a line.
PLANE = """
(chart) => {
  const box = (el) => { const r = el.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom}; };
  const svg = chart.querySelector('svg');
  const axes = [...svg.querySelectorAll('g.role-axis')].map((axis) =>
    [...axis.querySelectorAll('g.role-axis-label text')].map((t) => ({text: t.textContent, ...box(t)})));
  const flat = (labels) => labels.every((label) => Math.abs(label.t - labels[0].t) < 1);
  const [x, y] = flat(axes[0]) ? axes : [axes[1], axes[0]];
  const symbol = svg.querySelector('g.mark-symbol.role-mark path').getScreenCTM();
  return {plot: box(svg.querySelector('g.role-frame.root > g > path.background')), x, y,
          point: {x: symbol.e, y: symbol.f}};
}
"""


class Plane:
    """A sign's plane on the page, and where values lie on it, read from its drawn axes."""

    def __init__(self, page: Page, sign_id: str) -> None:
        self.page, self.sign_id = page, sign_id
        self.card = page.locator(f".st-key-sign-{sign_id}")
        self.chart = self.card.locator('[data-testid="stVegaLiteChart"]')
        self.x_input, self.y_input = charts.plane_inputs(CONTENT, sign_id)  # type: ignore[misc]

    def drawn(self) -> dict:
        return self.chart.evaluate(PLANE)

    def label(self, axis: str, text: str) -> float:
        """Where the axis's label ``text`` marks its value: the middle of the label (an inner one: the labels at
        the ends sit flush inside the plot)."""
        (label,) = [item for item in self.drawn()[axis] if item["text"] == text]
        return (label["l"] + label["r"]) / 2 if axis == "x" else (label["t"] + label["b"]) / 2

    def even(self, axis: str, value: float, label: str) -> float:
        """Where ``value`` lies on an evenly spaced axis: from the plot's edge (the axis's lowest value) through
        its label ``label``."""
        plot = self.drawn()["plot"]
        low = CONTENT.input(self.x_input if axis == "x" else self.y_input).min
        edge = plot["l"] if axis == "x" else plot["b"]
        return edge + (self.label(axis, label) - edge) * (value - low) / (float(label) - low)

    def slider(self, input_id: str):
        return self.card.locator(f'.st-key-{input_id} input[type="range"]')

    def values(self) -> dict[str, float]:
        """The sliders' values, as they say them to a screen reader."""
        return {name: float(self.slider(name).get_attribute("aria-valuetext") or "nan")
                for name in (self.x_input, self.y_input)}

    def scroll_in(self) -> None:
        self.chart.evaluate("el => el.scrollIntoView({block: 'center'})")
        self.page.wait_for_timeout(300)


class Pointer:
    """A mouse, or a finger (a real touch through Chromium's input, as a phone sends it)."""

    def __init__(self, page: Page, finger: bool) -> None:
        self.page, self.finger = page, finger
        self.cdp = page.context.new_cdp_session(page) if finger else None
        self.at = (0.0, 0.0)

    def _touch(self, kind: str, points: list[dict[str, float]]) -> None:
        assert self.cdp is not None
        self.cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    def down(self, x: float, y: float) -> None:
        self.at = (x, y)
        if self.finger:
            self._touch("touchStart", [{"x": x, "y": y}])
        else:
            self.page.mouse.move(x, y)
            self.page.mouse.down()

    def move(self, x: float, y: float, steps: int = 8) -> None:
        if self.finger:
            x0, y0 = self.at
            for step in range(1, steps + 1):
                self._touch("touchMove", [{"x": x0 + (x - x0) * step / steps, "y": y0 + (y - y0) * step / steps}])
                self.page.wait_for_timeout(16)
        else:
            self.page.mouse.move(x, y, steps=steps)
        self.at = (x, y)

    def up(self) -> None:
        if self.finger:
            self._touch("touchEnd", [])
        else:
            self.page.mouse.up()


# Counts the messages the page sends the server (a rerun is one): what "the server is asked" means. A count of
# finished runs would miss a run so short that the page never shows it running.
SENDS = """
window.__explainerSends = 0;
const send = WebSocket.prototype.send;
WebSocket.prototype.send = function (data) { window.__explainerSends += 1; return send.call(this, data); };
"""


def _open(new_page: NewPage, base_url: str, viewport: dict[str, int], finger: bool, query: str) -> Page:
    options = {"is_mobile": True, "has_touch": True, "device_scale_factor": 2} if finger else {}
    page = new_page(viewport=viewport, **options)
    page.add_init_script(SENDS)
    open_page(page, base_url, "warning-signs", query, settle=True)
    return page


def _sends(page: Page) -> int:
    return int(page.evaluate("window.__explainerSends || 0"))


def _scrolled(page: Page) -> float:
    return page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollTop + window.scrollY")


def _released(page: Page, pointer: Pointer, runs_before: int) -> None:
    """Release, and wait for the run the release must cause (a loaded CI machine may take seconds to start it: the
    shared ``wait_for_rerun`` gives up after 3 s, as a move that changed nothing causes no run)."""
    pointer.up()
    with suppress(PlaywrightTimeout):
        page.wait_for_function(f"(window.__explainerRuns || 0) > {runs_before}", timeout=15_000)
    wait_for_rerun(page, runs_before)
    page.wait_for_timeout(300)  # a second slider's value may ask for one more run
    wait_for_app(page)


def _agrees(page: Page, plane: Plane, expected: dict[str, float], where: Callable[[], tuple[float, float]]) -> None:
    """After a release: the sliders hold the values, the server's card, advice and link say what the engine says
    for them, and the point is drawn where the axes put them (``where``, read from them now: the page may have
    moved while the server answered)."""
    assert plane.values() == expected
    assessment = explainer.assess(expected)
    crossed = assessment.sign(plane.sign_id).crossed
    expect(plane.card).to_contain_text("⚠ Crossed" if crossed else "✓ Not crossed")
    assert sign_status(page, plane.sign_id) == ("Crossed" if crossed else "Not crossed")
    level = assessment.urgency.value
    expect(page.locator(f".st-key-urgency-{level}")).to_contain_text(CONTENT.level(level).label)
    link = parse_qs(urlsplit(page.url).query)
    assert {name: float(link[name][0]) for name in expected} == expected, page.url
    page.wait_for_function(
        "([chart, words]) => [...document.querySelectorAll(chart + ' svg text')].some(t => t.textContent === words)",
        arg=[f".st-key-sign-{plane.sign_id} [data-testid='stVegaLiteChart']", charts.PLANE_LABEL[crossed]])
    point, at = plane.drawn()["point"], where()
    assert abs(point["x"] - at[0]) <= 1.5 and abs(point["y"] - at[1]) <= 1.5, f"the point is at {point}, not {at}"


@pytest.mark.parametrize(("viewport", "finger"), SCREENS)
def test_a_press_and_a_drag_on_sign_1s_plane_set_its_sliders_and_the_server_agrees(
    new_page: NewPage, base_url: str, viewport: dict[str, int], finger: bool, page_log: PageLog
) -> None:
    page = _open(new_page, base_url, viewport, finger, "pain=2&duration_min=3")
    plane = Plane(page, SIGN_1)
    plane.scroll_in()
    pointer = Pointer(page, finger)
    # The press: on the two lines' labels, 10 minutes and pain 7 (on the line, not past it: not met).
    def on_lines() -> tuple[float, float]:
        return plane.label("x", "10"), plane.label("y", "7")

    def past_them() -> tuple[float, float]:  # pain 8 for 20 minutes, from the drawn axis (even steps from its edge)
        return plane.even("x", 20, "10"), plane.even("y", 8, "7")

    press = on_lines()
    if not finger:  # a mouse sees that the plot area takes a press; a label beside it does not
        page.mouse.move(*press)
        cursor = "el => getComputedStyle(el).cursor"
        assert page.evaluate(f"([x, y]) => ({cursor})(document.elementFromPoint(x, y))", list(press)) == "crosshair"
        label = plane.chart.locator("svg g.role-axis-label text").first
        assert label.evaluate(cursor) != "crosshair"
    runs, scrolled, sends = runs_finished(page), _scrolled(page), _sends(page)
    pointer.down(*press)
    page.wait_for_timeout(300)
    assert plane.values() == {"duration_min": 10, "pain": 7}, "the sliders follow the press"
    # The drag: to pain 8 for 20 minutes.
    pointer.move(*past_them())
    page.wait_for_timeout(300)
    assert plane.values() == {"duration_min": 20, "pain": 8}, "the sliders follow the drag"
    assert _sends(page) == sends, "the server is asked nothing until the release"
    assert _scrolled(page) == scrolled, "the finger moved the page, not the point"
    _released(page, pointer, runs)
    assert _sends(page) > sends, "the release tells the server"
    _agrees(page, plane, {"duration_min": 20, "pain": 8}, past_them)
    # A press alone moves the point too: back to 10 minutes and pain 7, on the lines (not met).
    plane.scroll_in()
    runs = runs_finished(page)
    pointer.down(*on_lines())
    _released(page, pointer, runs)
    _agrees(page, plane, {"duration_min": 10, "pain": 7}, on_lines)
    assert not page_log.console_errors(), page_log.console_errors()


@pytest.mark.parametrize(("viewport", "finger"), SCREENS)
def test_a_key_on_a_slider_still_moves_the_point_after_a_drag(
    new_page: NewPage, base_url: str, viewport: dict[str, int], finger: bool
) -> None:
    page = _open(new_page, base_url, viewport, finger, "pain=2&duration_min=3")
    plane = Plane(page, SIGN_1)
    plane.scroll_in()
    pointer = Pointer(page, finger)
    def at(pain: float) -> Callable[[], tuple[float, float]]:
        return lambda: (plane.even("x", 30, "10"), plane.even("y", pain, "7"))

    runs = runs_finished(page)
    pointer.down(*at(8)())
    _released(page, pointer, runs)
    _agrees(page, plane, {"duration_min": 30, "pain": 8}, at(8))
    # The keyboard's control is the slider, as before: one step down moves the point one step down.
    thumb = plane.slider("pain")
    thumb.focus()
    runs = runs_finished(page)
    page.keyboard.press("ArrowLeft")
    expect(thumb).to_have_attribute("aria-valuetext", "7")
    wait_for_rerun(page, runs)
    page.wait_for_timeout(300)
    wait_for_app(page)
    _agrees(page, plane, {"duration_min": 30, "pain": 7}, at(7))


def test_a_press_on_sign_2s_log_scale_lands_on_the_value_drawn_there(new_page: NewPage, base_url: str) -> None:
    """Sign 2 is drawn on a log scale: a press where its axes write 10 is 10 a week for 10 weeks (an even scale
    turned back would give about 53 weeks), and where they write its lines, 3 a week for 4 weeks."""
    page = _open(new_page, base_url, LAPTOP, False, "episodes_per_week=1&weeks_affected=1")
    plane = Plane(page, SIGN_2)
    plane.scroll_in()
    pointer = Pointer(page, finger=False)
    for x_label, y_label in (("10", "10"), ("4", "3")):
        def at(x_label: str = x_label, y_label: str = y_label) -> tuple[float, float]:
            return plane.label("x", x_label), plane.label("y", y_label)

        plane.scroll_in()
        runs = runs_finished(page)
        pointer.down(*at())
        _released(page, pointer, runs)
        _agrees(page, plane, {"weeks_affected": float(x_label), "episodes_per_week": float(y_label)}, at)


@pytest.mark.parametrize("where", ["axis", "page"])
def test_on_a_phone_a_swipe_beside_the_plot_scrolls_the_page_and_moves_nothing(
    new_page: NewPage, base_url: str, where: str
) -> None:
    page = _open(new_page, base_url, PHONE, True, "pain=2&duration_min=3")
    plane = Plane(page, SIGN_1)
    plane.scroll_in()
    drawn = plane.drawn()
    if where == "axis":  # on the plane's own drawing, under its plot: the x axis's labels
        start = ((drawn["plot"]["l"] + drawn["plot"]["r"]) / 2, (drawn["x"][0]["t"] + drawn["x"][0]["b"]) / 2)
    else:  # on the card's words under the chart
        box = plane.card.locator('[data-testid="stCaptionContainer"]').first.bounding_box()
        assert box is not None
        start = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    under = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('svg') ? 'drawing' : 'page'",
                          list(start))
    assert under == ("drawing" if where == "axis" else "page")
    values, scrolled, runs = plane.values(), _scrolled(page), runs_finished(page)
    pointer = Pointer(page, finger=True)
    pointer.down(*start)
    pointer.move(start[0], start[1] - 150)
    pointer.up()
    page.wait_for_timeout(800)
    assert _scrolled(page) > scrolled + 50, "the swipe did not scroll the page"
    assert plane.values() == values and runs_finished(page) == runs
