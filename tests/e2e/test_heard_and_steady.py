"""Heard as it is seen, one story while dragging, no jumps (issue 20, the ui half), read in Chromium as a visitor
meets it: the accessibility tree, the headings, the live region, a card during a drag, and the layout shift."""

from __future__ import annotations

import itertools
import re

import pytest
from playwright.sync_api import Page, Route, expect

import explainer
from tests.e2e.conftest import NewPage
from tests.e2e.helpers import app_pages, open_page, settle_page, wait_for_app
from ui import keys
from ui.look import ASSETS

pytestmark = pytest.mark.browser

CONTENT = explainer.cached_content()
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}


def test_each_slider_is_named_once(page: Page, base_url: str) -> None:
    open_page(page, base_url, "warning-signs", settle=True)
    for spec in (s for s in CONTENT.inputs if s.id in ("pain", "duration_min")):
        label = f"{spec.label} ({spec.unit})"
        # react-aria named the range input by itself and its group, both labelled: "<label> <label>".
        expect(page.get_by_role("slider", name=label, exact=True)).to_have_count(1)


HEADINGS = "() => [...document.querySelectorAll('[data-testid=stMain] :is(h1,h2,h3,h4,h5,h6)')].map(h => h.tagName)"


@pytest.mark.parametrize("path", [p for p in app_pages() if p != "present"])  # the stage is laid out elsewhere
def test_headings_go_down_one_level_at_a_time(page: Page, base_url: str, path: str) -> None:
    open_page(page, base_url, path, settle=True)
    levels = [int(tag[1]) for tag in page.evaluate(HEADINGS)]
    assert levels and levels[0] == 1, f"/{path} starts with its title: {levels}"
    skips = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert skips == [], f"/{path} skips a heading level (Lighthouse heading-order): {levels}"


def test_the_new_advice_is_said_in_a_polite_live_region(page: Page, base_url: str) -> None:
    open_page(page, base_url, "warning-signs", settle=True)
    slider = page.locator(".st-key-sign-intense_prolonged_pain input[type=range]").first
    slider.focus()
    for _ in range(8):  # pain 0 -> 8: see a doctor (data/urgency.toml)
        page.keyboard.press("ArrowRight")
    wait_for_app(page)
    now = explainer.assess({"pain": 8}, CONTENT)
    label = CONTENT.level(now.urgency.value).label
    region = page.locator("#advice-now")
    expect(region).to_have_attribute("aria-live", "polite")
    expect(region).to_have_text(f"Now: {label}", timeout=10_000)
    expect(page.locator(f".st-key-urgency-{now.urgency.value}")).to_contain_text(label)


def test_a_card_says_updating_while_its_slider_is_dragged_and_the_answer_after(page: Page, base_url: str) -> None:
    open_page(page, base_url, "warning-signs", "duration_min=20", settle=True)
    card = page.locator(".st-key-sign-intense_prolonged_pain")
    card.scroll_into_view_if_needed()
    status = card.locator("[class*='st-key-card-status-']")
    expect(status).to_have_text("✓ Not crossed")
    thumb = card.locator("[data-testid=stSliderThumbValue]").first.bounding_box()
    track = card.locator("[data-testid=stSlider] [data-orientation=horizontal]").nth(1).bounding_box()
    assert thumb and track
    y = thumb["y"] + thumb["height"] + 6
    page.mouse.move(thumb["x"] + thumb["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(track["x"] + track["width"] * 0.95, y, steps=8)
    # While the thumb is held, the server has not answered: the card says so, and its reason waits unseen.
    expect(status).to_have_attribute("data-updating", "Updating…")
    expect(card.locator("[class*='st-key-card-reason-']")).to_have_css("opacity", "0")
    page.mouse.up()
    expect(status).not_to_have_attribute("data-updating", "Updating…", timeout=15_000)
    expect(status).to_have_text("⚠ Crossed", timeout=15_000)


def test_a_phone_reaches_what_decided_the_advice_without_the_menu(new_page: NewPage, base_url: str) -> None:
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    open_page(page, base_url, "warning-signs", "statin=true", settle=True)
    deciders = page.locator(".st-key-advice-deciders")
    statin = next(spec for spec in CONTENT.inputs if spec.id == "statin")
    box = deciders.get_by_role("checkbox", name=statin.label)
    expect(box).to_be_checked()
    deciders.locator("label").first.tap()  # on the page itself: the sidebar stays closed
    wait_for_app(page)
    expect(page.locator('[data-testid="stSidebar"]')).to_have_attribute("data-collapsed", "true")
    expect(page.locator(".st-key-urgency-self_care")).to_be_visible(timeout=15_000)


# Layout shift as CLS counts it (no shift within 500 ms of an input), from the first paint until the page is drawn
# and 2 s more. bench/lighthouse.py measures the same with Lighthouse; docs/performance.md has the figures.
CLS_PROBE = """
window.__cls = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""
# Since the app's style sheets come with the page (ui/head.py, ui/assets/head.css, stage-frame.css), every page
# meets the goal at both sizes (2026-12-06, docs/performance.md "Page layout and accessibility"). A page measured
# over 0.1 that cannot be fixed at once goes here, with its figure and why, and is an expected failure until then.
OVER: set[tuple[str, str]] = set()
KNOWN_OVER = pytest.mark.xfail(reason="measured over 0.1: see OVER")


@pytest.mark.parametrize(
    ("path", "size"),
    [
        pytest.param(path, size, marks=[KNOWN_OVER] * ((path, size) in OVER))
        for path in app_pages()
        for size in ("laptop", "phone")
    ],
)
def test_a_page_does_not_jump_while_it_loads(new_page: NewPage, base_url: str, path: str, size: str) -> None:
    phone = size == "phone"
    page = new_page(viewport=PHONE if phone else LAPTOP, is_mobile=phone, has_touch=phone)
    page.add_init_script(CLS_PROBE)
    open_page(page, base_url, path, settle=True)
    page.wait_for_timeout(2_000)
    cls = page.evaluate("window.__cls")
    assert cls <= 0.1, f"/{path} at {size} size: layout shift {cls:.3f} while it loads (goal 0.1)"


# The code Streamlit loads on first use (its Markdown, radio, select box, button, charts...) can come after the first
# run has ended on a busy machine: until it comes, each element stands as a 40 px placeholder, and the page moved as
# they were swapped. CI once measured /present at 0.105 on a phone so. Here every script the page does not name
# itself is held until the run's last element is in the page, then let go one by one. The main area must stay
# hidden until the page is whole (ui/assets/head.js), then not move. Measured with this test (2026-12-06) before
# head.js: 0.03-0.07 (the old per-page rules) on /present and /scenarios.
MAIN_SHOWN = """() => {
  const main = getComputedStyle(document.querySelector('[data-testid="stMain"]'));
  return [main.visibility === "visible" && main.opacity === "1", performance.now()];
}"""
GAP_MS = 50  # between two scripts
SLOW_CODE_CASES = [
    (path, size) for path in ("warning-signs", "causes", "scenarios", "present") for size in ("phone", "laptop")
]


@pytest.mark.parametrize(("path", "size"), SLOW_CODE_CASES)
def test_a_page_does_not_jump_when_its_code_comes_after_the_run(
    new_page: NewPage, base_url: str, path: str, size: str
) -> None:
    phone = size == "phone"
    page = new_page(viewport=PHONE if phone else LAPTOP, is_mobile=phone, has_touch=phone)
    named = set(re.findall(r'(?:src|href)="\./(static/js/[^"]+\.js)"', page.request.get(f"{base_url}/{path}").text()))
    assert named, "the page names its own scripts"
    held: list[Route] = []
    let_go = False

    def hold(route: Route) -> None:
        if let_go or any(route.request.url.endswith(name) for name in named):
            route.continue_()
        else:
            held.append(route)

    page.route("**/static/js/*.js", hold)
    page.add_init_script(CLS_PROBE)
    page.goto(f"{base_url}/{path}")
    page.locator(f".st-key-{keys.SLIDER_NAMES}").wait_for(state="attached", timeout=30_000)  # the run's last element
    page.wait_for_timeout(500)
    assert held, "some of the page's code is loaded on first use, and was held"
    assert page.locator('[data-testid="stSkeleton"]').count() > 0, "its elements wait as placeholders"
    # The run has ended, but the page is not whole: its main area is not shown yet (ui/assets/head.js), unless the
    # 5 s after which it is shown whatever happens have passed (read on the page's own clock).
    shown, at = page.evaluate(MAIN_SHOWN)
    assert not shown or at >= 5_000, f"the main area was shown at {at:.0f} ms, before the page was whole"
    for route in held:  # one at a time, in the order asked, as a slow line brings them
        route.continue_()
        page.wait_for_timeout(GAP_MS)
    let_go = True
    wait_for_app(page)
    settle_page(page)
    page.wait_for_timeout(2_000)
    assert page.evaluate(MAIN_SHOWN)[0], "shown once whole"
    cls = page.evaluate("window.__cls")
    assert cls <= 0.1, f"/{path} at {size} size, code after the run: layout shift {cls:.3f} (goal 0.1)"


BOX = "el => { const r = el.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.width)] }"


def test_before_the_first_run_the_page_keeps_the_space_it_will_take(new_page: NewPage, base_url: str) -> None:
    """head.css (sent with the page, ui/head.py) against the page as drawn, on a laptop: the main area and its
    column start where they will be once the sidebar and the wide layout arrive, and the sidebar's inputs below
    the page list it will draw. Each part fails if Streamlit's sizes change, or the styles stop coming first."""
    main, column = '[data-testid="stMain"]', '[data-testid="stMainBlockContainer"]'
    empty = new_page(viewport=LAPTOP)
    # No session (Streamlit asks for its host's settings before it connects): its empty frame stays.
    empty.route("**/_stcore/host-config*", lambda route: route.abort())
    empty.goto(f"{base_url}/about")
    empty.locator(main).wait_for(state="attached")
    empty.wait_for_timeout(500)
    assert empty.locator("#" + "explainer-page-styles").count() == 1, "the styles come with the page"
    assert empty.locator('[data-testid="stSidebar"]').count() == 0
    before = {name: empty.locator(selector).evaluate(BOX) for name, selector in (("main", main), ("column", column))}

    page = new_page(viewport=LAPTOP)
    open_page(page, base_url, "about", settle=True)
    drawn = {name: page.locator(selector).evaluate(BOX) for name, selector in (("main", main), ("column", column))}
    assert before == drawn
    nav = page.locator('[data-testid="stSidebarNav"]').evaluate("el => el.getBoundingClientRect().height")
    kept = re.search(r"stSidebarUserContent\"\] \{\s*margin-top: (\d+)px", (ASSETS / "head.css").read_text())
    assert kept and abs(int(kept.group(1)) - nav) <= 1, f"head.css keeps {kept and kept.group(1)} px, the list is {nav}"


def test_the_stages_look_ends_when_the_presenter_leaves_the_stage(new_page: NewPage, base_url: str) -> None:
    """stage.css comes with /present's page (ui/head.py) and stays in it after a move to another page of the app:
    each of its page-wide rules must end with the stage (the sidebar back, the root's type back to the theme's)."""
    page = new_page(viewport=LAPTOP)
    open_page(page, base_url, "", settle=True)
    font = "() => getComputedStyle(document.documentElement).fontSize"
    home_font = page.evaluate(font)
    page.goto(f"{base_url}/present")
    wait_for_app(page)
    expect(page.locator(".st-key-present-stage")).to_be_visible()
    assert page.evaluate(font) != home_font, "the stage's type is set on the root"
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    page.locator(".st-key-present-foot a[data-testid='stPageLink-NavLink']").click()  # leave, inside the app
    expect(page.locator(".st-key-present-stage")).to_have_count(0)
    wait_for_app(page)
    assert "/warning-signs" in page.url
    assert page.locator("#" + "explainer-page-styles").count() == 1, "the same page: stage.css is still in it"
    expect(page.locator('[data-testid="stSidebar"]')).to_be_visible()
    assert page.evaluate(font) == home_font
    expect(page.locator("header[data-testid='stHeader']")).to_be_visible()
