"""Every page in a real Chromium: it renders, inputs moved by keyboard change the results, links and page
switches keep the scenario, downloads are real files, the presenter view steps, and a phone can use it all."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

import explainer
from tests.e2e.conftest import PHONE, NewPage, PageLog
from tests.e2e.helpers import (
    EXCEPTION,
    ROOT,
    app_page_files,
    app_pages,
    open_page,
    rerun_after,
    set_slider,
    sidebar_open,
    sign_status,
    slider,
)

pytestmark = pytest.mark.browser

PAGES = app_pages()
PAGE_FILES = app_page_files()
PAIN_SIGN = "intense_prolonged_pain"


def crossing_values(content: explainer.Content, sign_id: str) -> dict[str, float]:
    """For each number condition of a sign, the smallest input value (on the input's step) that crosses it."""
    values = {}
    for condition in content.sign(sign_id).conditions:
        spec = content.input(condition.input)
        assert condition.threshold is not None
        value = condition.threshold if condition.op == ">=" else condition.threshold + spec.step
        assert spec.min <= value <= spec.max, f"{spec.id}: {value} is outside the input's range"
        values[spec.id] = value
    return values


CHART = '[data-testid="stVegaLiteChart"]'
OVERVIEW = f'{CHART}:not([aria-label^="Tiles of"])'  # the page's overview chart: the last one but sign 4's tiles


def chart_label(page: Page) -> str:
    """The text alternative of the page's overview chart, its last (st.vega_lite_chart's ``alt`` becomes its
    aria-label); on /warning-signs the sign planes come first, each beside its inputs."""
    chart = page.locator(OVERVIEW).last
    expect(chart).to_have_attribute("aria-label", re.compile(r"\w"))  # the chart's code loads after the run
    return chart.get_attribute("aria-label") or ""


def chart_drawing(page: Page) -> str:
    """The text the overview chart draws in its SVG (each bar's label), so a chart that lost its data shows up."""
    drawn = page.locator(OVERVIEW).last.locator("svg text")
    expect(drawn.first).to_be_attached()
    return " | ".join(drawn.all_text_contents())


def open_all_signs(page: Page) -> None:
    """On /warning-signs, open the closed section that draws the all-signs chart (it reruns only its own part)."""
    section = page.locator(".st-key-all-signs")
    if not section.locator("table").is_visible():
        with rerun_after(page):
            section.locator("summary").click()
    expect(section.locator(CHART).first).to_have_attribute("aria-label", re.compile(r"\w"))


def chart_table(page: Page) -> str:
    """The text of the all-signs chart's table (/warning-signs), or of the "Show the chart as a table" view."""
    section = page.locator(".st-key-all-signs")
    if section.count():
        open_all_signs(page)
        return section.locator("table").inner_text()
    expander = page.locator('[data-testid="stExpander"]').filter(has_text="Show the chart as a table").first
    if not expander.locator("table").is_visible():
        expander.locator("summary").click()
    return expander.locator("table").inner_text()


def test_the_router_pages_are_the_ones_in_the_sidebar(page: Page, base_url: str) -> None:
    open_page(page, base_url)
    links = page.locator('[data-testid="stSidebarNav"] a')
    shown = {urlsplit(href).path.strip("/") for href in links.evaluate_all("els => els.map(e => e.href)")}
    assert shown == set(PAGES), "app_pages() reads ui/router.py; the sidebar should list exactly those pages"


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_without_error(page: Page, page_log: PageLog, base_url: str, path: str) -> None:
    open_page(page, base_url, path)
    expect(page.locator("h1").first).to_be_visible()
    expect(page.get_by_text("not a diagnosis").first).to_be_visible()
    assert page.locator(EXCEPTION).count() == 0, page.locator(EXCEPTION).first.inner_text()
    assert not page_log.page_errors, page_log.page_errors
    assert not page_log.console_errors(), page_log.console_errors()


def test_keyboard_moves_change_the_chart_and_the_signs(page: Page, base_url: str, content: explainer.Content) -> None:
    open_page(page, base_url, "warning-signs")
    assert sign_status(page, PAIN_SIGN) == "Not crossed"
    assert page.locator(".st-key-all-signs").locator(CHART).count() == 0, "the all-signs chart waits, closed"
    table_before = chart_table(page)  # opens the section
    chart_before = chart_label(page)

    crossing = crossing_values(content, PAIN_SIGN)
    pain_spec = content.input("pain")
    duration_spec = content.input("duration_min")
    # The pain slider by keys: End goes to the maximum, then ArrowLeft steps back down to the line.
    thumb = slider(page, pain_spec.label)
    thumb.focus()
    with rerun_after(page):
        thumb.press("End")
    expect(thumb).to_have_attribute("aria-valuetext", f"{pain_spec.max:g}")
    steps_down = int((pain_spec.max - crossing["pain"]) / pain_spec.step)
    for _ in range(steps_down):
        with rerun_after(page):
            thumb.press("ArrowLeft")
    expect(thumb).to_have_attribute("aria-valuetext", f"{crossing['pain']:g}")
    assert sign_status(page, PAIN_SIGN) == "Not crossed", "pain alone does not cross a sign that needs both"

    # The duration by keys too, one step at a time.
    set_slider(page, duration_spec, crossing["duration_min"])
    expect(page.locator(f".st-key-sign-{PAIN_SIGN}")).to_contain_text("⚠ Crossed")
    assert sign_status(page, PAIN_SIGN) == "Crossed"

    expect(page.locator(OVERVIEW).last.locator("svg text", has_text="1. pain: ")).to_contain_text(
        f"1. pain: {crossing['pain']:g} out of 10 ⚠"
    )  # the bars themselves are drawn again with the new numbers, not only the text alternative
    assert f"1. spasm length: {crossing['duration_min']:g} minutes ⚠" in chart_drawing(page)
    chart_after = chart_label(page)
    assert chart_after != chart_before, "the chart's text alternative follows the inputs"
    assert f"{crossing['pain']:g} out of 10" in chart_after
    assert chart_after.count("above the cut-off") >= 1 or "past the cut-off" in chart_after, chart_after
    # And the table view shows the new numbers too.
    table_after = chart_table(page)
    assert table_after != table_before, table_after


def test_a_copied_link_reopens_the_scenario(new_page: NewPage, base_url: str, content: explainer.Content) -> None:
    page = new_page()
    open_page(page, base_url, "warning-signs")
    for input_id, value in crossing_values(content, PAIN_SIGN).items():
        set_slider(page, content.input(input_id), value)
    twitching = page.get_by_label(content.input("twitching").label, exact=True)
    with rerun_after(page):
        twitching.check(force=True)
    statuses = {sign.id: sign_status(page, sign.id) for sign in content.signs}
    assert statuses[PAIN_SIGN] == "Crossed"
    assert statuses["abnormal_contractions"] == "Crossed"
    link = page.url
    assert parse_qs(urlsplit(link).query).get("twitching") == ["true"], link

    visitor = new_page()
    open_page(visitor, link.split("?")[0].rsplit("/", 1)[0], "warning-signs", urlsplit(link).query)
    assert {sign.id: sign_status(visitor, sign.id) for sign in content.signs} == statuses
    assert chart_label(visitor) == chart_label(page)


def test_inputs_survive_moving_between_pages(page: Page, base_url: str, content: explainer.Content) -> None:
    open_page(page, base_url, "warning-signs")
    for input_id, value in crossing_values(content, PAIN_SIGN).items():
        set_slider(page, content.input(input_id), value)
    assert sign_status(page, PAIN_SIGN) == "Crossed"
    nav = page.locator('[data-testid="stSidebarNav"]')
    with rerun_after(page):
        nav.get_by_role("link", name="Causes").click()
    expect(page).to_have_url(re.compile(r"/causes\?"))
    expect(page.locator("h1")).to_have_text(re.compile("cause", re.IGNORECASE))
    with rerun_after(page):
        nav.get_by_role("link", name="Warning signs").click()
    expect(page).to_have_url(re.compile(r"/warning-signs\?"))
    assert sign_status(page, PAIN_SIGN) == "Crossed"
    pain_value = crossing_values(content, PAIN_SIGN)["pain"]
    expect(slider(page, content.input("pain").label)).to_have_attribute("aria-valuetext", f"{pain_value:g}")


# --- downloads ------------------------------------------------------------------------------------------------

MAGIC = {  # what a real file of each kind starts with
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".svg": (b"<svg", b"<?xml"),
    ".html": (b"<!doctype html", b"<html"),
    ".pdf": (b"%pdf-",),
}
DOWNLOAD_PAGES = [
    path
    for path in PAGES
    if re.search(r"download", (ROOT / PAGE_FILES[path]).read_text(encoding="utf-8"))
]


@pytest.mark.parametrize(
    "path", DOWNLOAD_PAGES or [pytest.param("", marks=pytest.mark.skip(reason="no page offers a download yet"))]
)
def test_downloads_are_real_files(page: Page, base_url: str, path: str, tmp_path) -> None:
    open_page(page, base_url, path, "pain=8&duration_min=12", settle=True)
    # filter: a download button with help text also has a hidden copy of itself for its tooltip.
    buttons = page.locator('[data-testid="stDownloadButton"] button').filter(visible=True)
    expect(buttons.first).to_be_visible()
    labels = buttons.all_inner_texts()
    for number, label in enumerate(labels):
        with page.expect_download() as info:
            buttons.nth(number).click()
        download = info.value
        suffix = "." + download.suggested_filename.rsplit(".", 1)[-1].lower()
        saved = tmp_path / f"{number}{suffix}"
        download.save_as(saved)
        data = saved.read_bytes()
        assert suffix in MAGIC, f"{label!r} gave {download.suggested_filename}, a kind this test does not know"
        assert len(data) > 200, f"{label!r}: only {len(data)} bytes"
        head = data[:200] if suffix == ".png" else data[:200].lstrip().lower()
        assert head.startswith(MAGIC[suffix]), f"{label!r} ({download.suggested_filename}) starts {data[:20]!r}"
        if suffix == ".svg":
            assert b"<svg" in data and data.rstrip().endswith(b"</svg>")
        if suffix == ".html":
            assert b"not a diagnosis" in data, "the handout carries the disclaimer"
        if suffix == ".pdf":
            assert data.rstrip().endswith(b"%%EOF"), f"{label!r}: a whole PDF"
    print(f"/{path}: downloaded {labels}")


# --- the presenter view ---------------------------------------------------------------------------------------

PRESENT = "present"


def press_shortcut(page: Page, key: str) -> None:
    """A key on the stage: its keys listen once the stage's component has mounted (ui/stage.py)."""
    page.wait_for_function("window.__stageKeys === true")
    with rerun_after(page):
        page.keyboard.press(key)


@pytest.mark.skipif(PRESENT not in PAGES, reason="no /present page in app.py yet")
def test_presenter_view_steps_by_keyboard(page: Page, base_url: str, content: explainer.Content) -> None:
    # The presenter walks through each warning sign in the article's order, then the causes, then what to do.
    total = len(content.signs) + 2
    open_page(page, base_url, PRESENT, "step=1&pain=8&duration_min=12")
    stage = page.locator(".st-key-present-stage")
    expect(stage.locator("h2")).to_have_text(re.compile(re.escape(content.signs[0].title) + "$"))
    expect(stage).to_contain_text(f"1 of {total}")
    expect(page.locator(".st-key-present-status")).to_contain_text("Crossed")
    for number in range(2, total + 1):
        press_shortcut(page, "ArrowRight")
        expect(page).to_have_url(re.compile(rf"[?&]step={number}(&|$)"))
        expect(stage).to_contain_text(f"{number} of {total}")
        if number <= len(content.signs):
            expect(stage.locator("h2")).to_have_text(re.compile(re.escape(content.signs[number - 1].title) + "$"))
    press_shortcut(page, "ArrowRight")  # already on the last step: nothing moves
    expect(page).to_have_url(re.compile(rf"[?&]step={total}(&|$)"))
    for number in range(total - 1, 0, -1):
        press_shortcut(page, "ArrowLeft")
        expect(page).to_have_url(re.compile(rf"[?&]step={number}(&|$)"))
    expect(stage.locator("h2")).to_have_text(re.compile(re.escape(content.signs[0].title) + "$"))
    assert page.locator(EXCEPTION).count() == 0


# --- a phone --------------------------------------------------------------------------------------------------

OVERFLOW_SCRIPT = """
() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return {
    inner: window.innerWidth,
    page: document.scrollingElement.scrollWidth,
    main: main ? main.scrollWidth : -1,
    mainClient: main ? main.clientWidth : -1,
  };
}
"""


@pytest.mark.parametrize("path", PAGES)
def test_phone_has_no_sideways_scrolling(phone_page: Page, base_url: str, path: str) -> None:
    open_page(phone_page, base_url, path, "pain=8&duration_min=12&twitching=true", settle=True)
    widths = phone_page.evaluate(OVERFLOW_SCRIPT)
    print(f"/{path}: {widths}")
    assert widths["inner"] == PHONE["width"]
    assert widths["page"] <= widths["inner"], f"the page scrolls sideways: {widths}"
    assert widths["main"] <= widths["mainClient"], f"the main area scrolls sideways: {widths}"
    assert phone_page.locator(EXCEPTION).count() == 0


def test_phone_controls_are_usable(phone_page: Page, base_url: str, content: explainer.Content) -> None:
    page = phone_page
    open_page(page, base_url, "warning-signs", settle=True)
    assert sign_status(page, PAIN_SIGN) == "Not crossed"
    sidebar_open(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    controls = sidebar.locator("input, button, a, [role='slider']")
    for number in range(controls.count()):
        control = controls.nth(number)
        box = control.bounding_box()
        if box is None or not control.is_visible():
            continue  # inside a closed expander, or visually hidden (the slider's input sits under its thumb)
        assert box["x"] >= -1 and box["x"] + box["width"] <= PHONE["width"] + 1, (
            f"control {number} ({control.evaluate('e => e.outerHTML.slice(0, 120)')}) is off the screen: {box}"
        )
    crossing = crossing_values(content, PAIN_SIGN)
    page.locator('[data-testid="stSidebarCollapseButton"] button').first.tap()
    # The sign's own inputs are beside its chart, in the page, not in the menu.
    thumb = slider(page, content.input("pain").label)
    thumb.focus()
    with rerun_after(page):
        thumb.press("End")
    set_slider(page, content.input("duration_min"), crossing["duration_min"])
    expect(page.locator(f".st-key-sign-{PAIN_SIGN}")).to_contain_text("⚠ Crossed")
    card = page.locator(f".st-key-sign-{PAIN_SIGN}")
    card.scroll_into_view_if_needed()
    expect(card).to_be_in_viewport()
    expect(page.locator('[data-testid="stSidebar"]')).to_have_attribute("data-collapsed", "true")


@pytest.mark.parametrize("path", ["warning-signs", "causes"])
def test_a_download_is_made_from_the_inputs_at_the_press(page: Page, base_url: str, path: str, tmp_path) -> None:
    """On the pages with live parts, a move does not draw the download buttons again (docs/performance.md): the
    handout must still carry the value the visitor has just set, not the one the buttons were drawn with."""
    open_page(page, base_url, path, "pain=2", settle=True)
    if path == "causes":
        sidebar_open(page)  # pain sits in the sidebar's open "Symptoms" group here
    set_slider(page, explainer.load_content(ROOT / "data").input("pain"), 10)
    button = page.locator('[data-testid="stDownloadButton"] button').filter(visible=True).filter(has_text="Handout")
    with page.expect_download() as info:
        button.first.click()
    saved = tmp_path / "handout.html"
    info.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert "10 out of 10" in text, "the handout shows pain as it is now"
    assert "2 out of 10" not in text, "not as it was when the button was drawn"


@pytest.mark.parametrize("path", ["warning-signs", "causes"])
def test_many_moves_in_a_row_keep_the_connection(page: Page, page_log: PageLog, base_url: str, path: str) -> None:
    """Each move is a keyed rerun, two runs in the browser. With Streamlit's cache of large messages on, the second
    run could refer to a message the browser had just dropped ("Cached ForwardMsg MISS"), and the connection was
    lost: the sliders greyed out. .streamlit/config.toml turns that cache off (minCachedMessageSize)."""
    open_page(page, base_url, path, "pain=0&numbness=true", settle=True)
    thumb = slider(page, "Worst pain during a spasm")
    for _ in range(5):  # up and down across the pain line at 7, where the cause chart and the advice change,
        thumb.focus()  # as fast as a keyboard user taps: moves arrive while a run is going
        for key in ["ArrowRight"] * 10 + ["ArrowLeft"] * 10:
            thumb.press(key)
    page.wait_for_timeout(1500)
    expect(thumb).to_be_enabled()
    expect(thumb).to_have_attribute("aria-valuetext", "0")
    assert not page_log.console_errors(), page_log.console_errors()


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["laptop", "phone"])
def test_the_emergency_panel_starts_with_a_tap_to_call_link_and_the_disclaimer_follows(
    new_page: NewPage, base_url: str, viewport: dict[str, int] | None
) -> None:
    """Issue 17: "Call 999 now" is a real tel: link, the first thing in the panel, on the first screen of a phone;
    the "not medical advice" line comes after it."""
    page = new_page(viewport=viewport, is_mobile=True, has_touch=True) if viewport else new_page()
    open_page(page, base_url, "warning-signs", "stiff_jaw=true")
    panel = page.locator(".st-key-urgency-emergency")
    call = panel.locator("a[href='tel:999']")
    expect(call).to_have_text("Call 999 now")
    assert panel.locator("a").first.get_attribute("href") == "tel:999", "the call comes before any other link"
    box = call.bounding_box()
    assert box and box["y"] + box["height"] <= page.viewport_size["height"], "on the first screen"
    text = panel.inner_text()
    assert text.index("Call 999 now") < text.index("It is not a diagnosis or medical advice.")
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert main.index("Call 999 now") < main.index("It is not a diagnosis or medical advice.")


def test_the_urgent_panel_links_111_by_phone_and_online(new_page: NewPage, base_url: str) -> None:
    page = new_page()
    open_page(page, base_url, "causes", "numbness=true")
    panel = page.locator(".st-key-urgency-urgent")
    expect(panel.locator("a[href='tel:111']")).to_have_text("call 111")
    expect(panel.locator("a[href='https://111.nhs.uk/']")).to_have_text("NHS 111 online")
