"""The presenter's stage in a real Chromium: it fits every window from 1280x720 to 3840x2160 on every step, its type
is slide-sized, a clicker's keys move it (also right after a control was used), asking the room first hides then
shows the answer, a control on stage moves the chart and the link, and the browser's Back goes one step back.

With ``DOCS_SCREENSHOTS=1`` the fit test also saves the screenshots in docs/screenshots/ (present-<case>-<step>-<size>).
"""

from __future__ import annotations

import os
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

import explainer
from explainer import presentation
from explainer.scenarios import case_groups, load_scenarios
from tests.e2e.conftest import NewPage
from tests.e2e.helpers import (
    APP_READY,
    ARTIFACTS,
    DATA_DIR,
    EXCEPTION,
    ROOT,
    open_page,
    rerun_after,
    settle_page,
)

pytestmark = pytest.mark.browser

PRESENT = "present"
STAGE = ".st-key-present-stage"
CONTENT = explainer.load_content(DATA_DIR)
LAST = presentation.step_count(CONTENT)
GROUPS = case_groups(load_scenarios(DATA_DIR, CONTENT), CONTENT)
CASE_ORDER = [case.id for group in GROUPS for case in group.cases]
WINDOWS = [(1280, 720), (1920, 960), (1920, 1080), (3840, 2160)]
# Three cases that fill the stage differently: the most signs crossed, a danger sign with long words, a calm one.
CASES = ["twitching_and_weak", "back_pain_numb_groin", "short_night_cramp"]
SCREENSHOTS = ROOT / "docs" / "screenshots"
SHOTS = {("twitching_and_weak", 1), ("twitching_and_weak", 4), ("twitching_and_weak", 5), ("back_pain_numb_groin", 6)}

MEASURE = """
() => {
  const stage = document.querySelector('.st-key-present-stage');
  const box = (sel) => {
    const el = document.querySelector(sel);
    return el ? el.getBoundingClientRect().toJSON() : null;
  };
  // Body type: the story and the step's words, not the captions (sources) or the buttons.
  const body = [...document.querySelectorAll(
    '.st-key-present-head [data-testid="stMarkdown"] p, .st-key-present-words [data-testid="stMarkdown"] p')]
    .filter((p) => p.textContent.trim() && !p.closest('[data-testid="stCaptionContainer"]'))
    .map((p) => parseFloat(getComputedStyle(p).fontSize));
  const chartText = [...document.querySelectorAll('.st-key-present-chart svg text')]
    .map((t) => parseFloat(getComputedStyle(t).fontSize)).filter((size) => size > 0);
  return {
    window: [innerWidth, innerHeight],
    stageScroll: stage.scrollHeight, stageHeight: stage.clientHeight,
    stageScrollWidth: stage.scrollWidth, stageWidth: stage.clientWidth,
    documentScroll: document.scrollingElement.scrollHeight,
    back: box('.st-key-present-back button'), next: box('.st-key-present-next button'),
    body: body.length ? Math.min(...body) : 0,
    chartText: chartText.length ? [Math.min(...chartText), Math.max(...chartText)] : [],
  };
}
"""


def stage_ready(page: Page) -> None:
    """The run has ended, the stage's keys are listening, and its chart (or what stands in for it) is drawn."""
    page.wait_for_function("window.__stageKeys === true && window.__stageSettled === true")
    page.wait_for_selector(APP_READY)
    drawn = page.locator(
        ".st-key-present-chart [data-testid='stVegaLiteChart'] svg, .st-key-present-ask, .st-key-present-nothing,"
        " .st-key-present-signs"
    )
    expect(drawn.first).to_be_visible()
    page.wait_for_timeout(250)  # Vega redraws once after it has measured its box (no event marks the end)


def open_stage(page: Page, base_url: str, query: str) -> None:
    open_page(page, base_url, PRESENT, query)
    settle_page(page)
    stage_ready(page)


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def step_in_link(page: Page) -> int:
    return int(query(page)["step"][0])


def press(page: Page, key: str) -> None:
    """Press a key as a clicker does, and wait for the run it causes."""
    with rerun_after(page):
        page.keyboard.press(key)
    stage_ready(page)


# --- a stage that always fits ----------------------------------------------------------------------------------


@pytest.mark.parametrize("case_id", CASES)
@pytest.mark.parametrize("window", WINDOWS, ids=[f"{w}x{h}" for w, h in WINDOWS])
def test_every_step_fits_the_window_without_scrolling(
    new_page: NewPage, base_url: str, window: tuple[int, int], case_id: str
) -> None:
    width, height = window
    page = new_page(viewport={"width": width, "height": height})
    open_stage(page, base_url, f"scenario={case_id}&step=1")
    for number in range(1, LAST + 1):
        assert step_in_link(page) == number
        sizes = page.evaluate(MEASURE)
        print(
            f"{width}x{height} {case_id} step {number}: stage {sizes['stageScroll']}/{sizes['stageHeight']}, "
            f"document {sizes['documentScroll']}/{height}, body {sizes['body']} px, chart text {sizes['chartText']}"
        )
        assert sizes["stageScroll"] <= sizes["stageHeight"], f"the stage scrolls at step {number}: {sizes}"
        assert sizes["stageScrollWidth"] <= sizes["stageWidth"], f"the stage scrolls sideways: {sizes}"
        assert sizes["documentScroll"] <= height, f"the page scrolls at step {number}: {sizes}"
        for button in ("back", "next"):
            rect = sizes[button]
            assert rect["top"] >= 0 and rect["bottom"] <= height and rect["right"] <= width, (button, rect)
        if (case_id, number) in SHOTS and window in ((1280, 720), (1920, 1080), (3840, 2160)):
            folder = SCREENSHOTS if os.environ.get("DOCS_SCREENSHOTS") == "1" and width < 3840 else ARTIFACTS
            folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(folder / f"present-{case_id}-step{number}-{width}x{height}.png"))
        if number < LAST:
            press(page, "PageDown")
    assert page.locator(EXCEPTION).count() == 0


@pytest.mark.parametrize("window", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_asking_first_fits_too_question_and_answer(new_page: NewPage, base_url: str, window: tuple[int, int]) -> None:
    width, height = window
    page = new_page(viewport={"width": width, "height": height})
    open_stage(page, base_url, "scenario=walking_leg_cramps&step=1&predict=true")
    for number in range(1, LAST + 1):
        for shown in (False, True):
            assert step_in_link(page) == number and ("answer" in query(page)) is shown
            sizes = page.evaluate(MEASURE)
            assert sizes["stageScroll"] <= sizes["stageHeight"], (number, shown, sizes)
            assert sizes["documentScroll"] <= height, (number, shown, sizes)
            if number == 2 and not shown:
                folder = SCREENSHOTS if os.environ.get("DOCS_SCREENSHOTS") == "1" else ARTIFACTS
                folder.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(folder / f"present-walking_leg_cramps-step2-question-{width}x{height}.png"))
            if (number, shown) != (LAST, True):
                press(page, "PageDown")


def test_type_is_slide_sized_at_1920_by_1080(new_page: NewPage, base_url: str) -> None:
    page = new_page(viewport={"width": 1920, "height": 1080})
    open_stage(page, base_url, "scenario=lifting_strain&step=1")
    sizes = page.evaluate(MEASURE)
    print(f"1920x1080 step 1: body {sizes['body']} px, chart text {sizes['chartText']} px")
    assert sizes["body"] >= 40, sizes
    assert sizes["chartText"] and sizes["chartText"][0] >= 28, f"chart labels to match the body: {sizes}"
    press(page, "PageDown")
    press(page, "PageDown")
    press(page, "PageDown")
    press(page, "PageDown")  # the causes
    sizes = page.evaluate(MEASURE)
    print(f"1920x1080 step 5: body {sizes['body']} px, chart text {sizes['chartText']} px")
    assert sizes["body"] >= 40 and sizes["chartText"][0] >= 28, sizes


# --- clicker-ready -------------------------------------------------------------------------------------------


def test_clicker_keys_move_the_step_in_the_link(page: Page, base_url: str) -> None:
    open_stage(page, base_url, "scenario=lifting_strain&step=1")
    for key, expected in (("PageDown", 2), ("Space", 3), ("ArrowRight", 4), ("PageUp", 3), ("ArrowLeft", 2)):
        press(page, key)
        assert step_in_link(page) == expected, key
        expect(page.locator(STAGE)).to_contain_text(f"Step {expected} of {LAST}")


def test_keys_move_the_stage_right_after_a_control_was_used(page: Page, base_url: str) -> None:
    open_stage(page, base_url, "scenario=lifting_strain&step=1")
    # A slider moved with the mouse, then a clicker's Page Down: the stage moves, not the slider.
    track = page.locator(".st-key-present-control-pain [data-testid='stSlider']")
    box = track.bounding_box()
    assert box
    with rerun_after(page):
        page.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.7)
    stage_ready(page)
    pain = query(page).get("pain")
    press(page, "PageDown")
    assert step_in_link(page) == 2
    assert query(page).get("pain") == pain, "Page Down moved the stage, not the slider"
    # A tick box clicked on stage 4, then Space: the stage moves on, and the box keeps its tick.
    press(page, "PageDown")
    press(page, "PageDown")
    assert step_in_link(page) == 4
    with rerun_after(page):
        page.locator(".st-key-present-control-shaking label").click()
    stage_ready(page)
    assert query(page).get("shaking") == ["true"]
    press(page, "Space")
    assert step_in_link(page) == 5
    assert query(page).get("shaking") == ["true"], "Space moved the stage, not the tick box"
    # A case picked with the mouse, then Page Down and Page Up.
    with rerun_after(page):  # opening the cases panel runs the page once
        page.locator(".st-key-present-cases button").first.click()
    with rerun_after(page):
        page.locator(".st-key-present-case-gym_cramp button").click()
    stage_ready(page)
    expect(page.locator(".st-key-present-head h1")).to_have_text("A cramp after the gym")
    assert query(page)["scenario"] == ["gym_cramp"] and step_in_link(page) == 1, "a new case starts at step 1"
    press(page, "PageDown")
    assert step_in_link(page) == 2
    press(page, "PageUp")
    assert step_in_link(page) == 1


def test_n_and_p_change_the_case_from_step_1(page: Page, base_url: str) -> None:
    start = CASE_ORDER.index("lifting_strain")
    open_stage(page, base_url, "scenario=lifting_strain&step=3")
    press(page, "n")
    assert query(page)["scenario"] == [CASE_ORDER[start + 1]] and step_in_link(page) == 1
    press(page, "p")
    press(page, "p")
    assert query(page)["scenario"] == [CASE_ORDER[start - 1]] and step_in_link(page) == 1
    title = next(group for group in GROUPS for case in group.cases if case.id == CASE_ORDER[start - 1])
    assert title
    expect(page.locator(".st-key-present-head h1")).to_contain_text(
        next(case.title for group in GROUPS for case in group.cases if case.id == CASE_ORDER[start - 1])
    )


def test_b_blanks_the_screen_and_shows_it_again(page: Page, base_url: str) -> None:
    open_stage(page, base_url, "step=2")
    page.keyboard.press("b")
    expect(page.locator(".stage-blank")).to_be_visible()
    page.keyboard.press("b")
    expect(page.locator(".stage-blank")).to_have_count(0)
    assert step_in_link(page) == 2, "blanking moves nothing"


def test_browser_back_goes_one_step_back(page: Page, base_url: str) -> None:
    open_stage(page, base_url, "scenario=lifting_strain&step=1")
    press(page, "PageDown")
    press(page, "PageDown")
    press(page, "n")  # the next case: its name, its step 1 and each of its inputs change the link
    next_case = CASE_ORDER[CASE_ORDER.index("lifting_strain") + 1]
    assert query(page)["scenario"] == [next_case]
    expected = [("lifting_strain", 3), ("lifting_strain", 2), ("lifting_strain", 1)]
    for case_id, number in expected:
        with rerun_after(page):
            page.go_back()
        stage_ready(page)
        assert (query(page)["scenario"][0], step_in_link(page)) == (case_id, number)
        assert query(page).get("pain") == ["8"], "each entry is the whole scenario, not a half-loaded one"
        expect(page.locator(STAGE)).to_contain_text(f"Step {number} of {LAST}")
    with rerun_after(page):
        page.go_forward()
    stage_ready(page)
    assert step_in_link(page) == 2


# --- asking the room first, and a control on stage -----------------------------------------------------------


def test_asking_first_hides_the_answer_then_shows_it(page: Page, base_url: str) -> None:
    open_stage(page, base_url, "scenario=lifting_strain&step=1")
    status = page.locator(".st-key-present-status")
    expect(status).to_contain_text("Crossed")
    with rerun_after(page):
        page.locator(".st-key-predict label").click()  # the "ask first" switch, with the mouse
    stage_ready(page)
    assert query(page).get("predict") == ["true"]
    expect(status).to_have_count(0)
    expect(page.locator(".st-key-present-question")).to_have_text("Is sign 1 met?")
    expect(page.locator(".st-key-present-chart svg")).to_have_count(0)
    press(page, "Space")  # the answer, on the same step; Space moves the stage, not the switch just used
    assert query(page).get("predict") == ["true"], "the switch kept its state"
    assert step_in_link(page) == 1 and query(page).get("answer") == ["shown"]
    expect(status).to_contain_text("Crossed")
    press(page, "PageDown")  # the next question
    assert step_in_link(page) == 2 and "answer" not in query(page)
    expect(page.locator(".st-key-present-question")).to_have_text("Is sign 2 met?")


def test_a_control_on_stage_changes_the_chart_and_the_link(page: Page, base_url: str) -> None:
    open_stage(page, base_url, "scenario=pain_under&step=1")
    chart = page.locator(".st-key-present-chart [data-testid='stVegaLiteChart']")
    expect(chart).to_have_attribute("aria-label", re.compile("not met"))
    expect(page.locator(".st-key-present-status")).to_contain_text("Not crossed")
    thumb = page.locator(".st-key-present-control-pain input[type='range']")
    thumb.focus()
    with rerun_after(page):
        thumb.press("ArrowRight")  # pain 6 -> 7: on the line
    stage_ready(page)
    expect(page).to_have_url(re.compile(r"[?&]pain=7(&|$)"))
    expect(chart).to_have_attribute("aria-label", re.compile(r"the sign is met"))
    expect(page.locator(".st-key-present-status")).to_contain_text("⚠ Crossed")
    expect(page.locator(".st-key-present-head h1")).to_contain_text("changed on stage")


# --- accessible ------------------------------------------------------------------------------------------------

AXE_STATES = {
    "answer": "scenario=twitching_and_weak&step=4",
    "question": "scenario=twitching_and_weak&step=2&predict=true",
    "cases panel": "scenario=pain_over&step=5",
    "share panel": "scenario=pain_over&step=1",
}


@pytest.mark.parametrize("state", list(AXE_STATES))
def test_axe_finds_no_serious_violation_on_the_stage(new_page: NewPage, base_url: str, state: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = new_page(viewport={"width": 1920, "height": 1080})
    open_stage(page, base_url, AXE_STATES[state])
    if state == "cases panel":
        with rerun_after(page):
            page.locator(".st-key-present-cases button").first.click()
        expect(page.locator(".st-key-present-case-gym_cramp button")).to_be_visible()
    if state == "share panel":
        with rerun_after(page):
            page.locator(".st-key-present-share button").first.click()
        expect(page.locator(".st-key-share-stage [data-testid='stImage'] img")).to_be_visible()
    results = Axe().run(page)
    blocking = [
        f"{violation['id']} ({violation['impact']}): {node['target']}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
        if violation["impact"] in ("serious", "critical")
    ]
    print(f"axe on the stage ({state}): {len(results.response['violations'])} rules violated")
    assert not blocking, "\n".join(blocking)


# --- the button bar and the size of every control (issue 19, item 6) --------------------------------------------

CONTROLS = """
() => {
  const stage = document.querySelector('.st-key-present-stage').getBoundingClientRect();
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  // What a presenter can press or click: buttons, links, tick boxes and switches (their labels are the target),
  // slider thumbs, and the help icons.
  const targets = [...document.querySelectorAll([
    '.st-key-present-stage button', '.st-key-present-stage a', '.st-key-present-stage label[data-baseweb]',
    '.st-key-present-stage [role="slider"]', '.st-key-present-stage [data-testid="stTooltipIcon"] svg',
  ].join(','))].filter(visible);
  return {
    stage: stage.toJSON(),
    targets: targets.map((el) => ({
      what: (el.getAttribute('aria-label') || el.textContent || el.tagName).trim().slice(0, 40),
      box: el.getBoundingClientRect().toJSON(),
    })),
  };
}
"""


@pytest.mark.parametrize("window", [(1280, 720), (1920, 1080), (3840, 2160)], ids=lambda w: f"{w[0]}x{w[1]}")
@pytest.mark.parametrize(
    "query",
    ["scenario=stiff_jaw_after_cut&step=6&predict=true",  # "Show the answer": the longest bar
     "scenario=stiff_jaw_after_cut&step=6&predict=true&answer=shown",
     "scenario=twitching_and_weak&step=1&predict=true&answer=shown"],  # two sliders on stage
    ids=["question", "answer", "sliders"],
)
def test_the_button_bar_never_overflows_and_no_control_is_under_24_px(
    new_page: NewPage, base_url: str, window: tuple[int, int], query: str
) -> None:
    page = new_page(viewport={"width": window[0], "height": window[1]})
    open_stage(page, base_url, query)
    measured = page.evaluate(CONTROLS)
    stage = measured["stage"]
    names = [target["what"] for target in measured["targets"]]
    assert any("Leave the presenter view" in name for name in names), names
    for target in measured["targets"]:
        box = target["box"]
        assert box["left"] >= stage["left"] - 0.5 and box["right"] <= stage["right"] + 0.5, (
            f"{target['what']!r} runs off the stage at {window}: {box}")
        assert box["bottom"] <= stage["bottom"] + 0.5, f"{target['what']!r} below the stage at {window}: {box}"
        assert box["width"] >= 24 and box["height"] >= 24, f"{target['what']!r} is {box['width']}x{box['height']}"


def test_the_last_step_shows_the_input_that_decided_the_case(page: Page, base_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    open_stage(page, base_url, "scenario=stiff_jaw_after_cut&step=6")
    controls = page.locator(".st-key-present-controls")
    expect(controls.get_by_role("checkbox", name=re.compile("Stiff jaw"))).to_be_checked()
    expect(controls.get_by_role("slider")).to_have_count(0)  # not pain and length, which did not decide it
