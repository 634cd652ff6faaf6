"""An explorable, not a document: on a laptop and on a phone, an input and the chart it moves share the first
screen, without opening a menu, and moving the input redraws that chart. Measured in Chromium, as drawn."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, WebSocketRoute, expect

from tests.e2e.conftest import NewPage, PageLog
from tests.e2e.helpers import open_page, rerun_after, settle_page, sidebar_open, wait_for_app

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
SCREENS = [pytest.param(LAPTOP, False, id="1366x768"), pytest.param(PHONE, True, id="390x844")]


def _open(new_page: NewPage, base_url: str, viewport: dict[str, int], phone: bool, path: str, query: str) -> Page:
    options = {"is_mobile": True, "has_touch": True} if phone else {}
    page = new_page(viewport=viewport, **options)
    open_page(page, base_url, path, query)
    settle_page(page)
    return page


def _on_first_screen(page: Page, element: Locator, what: str) -> None:
    box = element.bounding_box()
    assert box is not None, f"{what} is not drawn"
    height, width = page.viewport_size["height"], page.viewport_size["width"]  # type: ignore[index]
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, f"{what} is not on the first screen: {box}"
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{what} runs off the side: {box}"


def _scroll_to_top_of(element: Locator) -> None:
    """Scroll the page so that ``element`` starts at the top of the screen."""
    element.evaluate("el => el.scrollIntoView({block: 'start'})")
    element.page.wait_for_timeout(200)


def _sidebar_closed_or_absent(page: Page) -> None:
    """On a phone the menu is closed: the input was not reached by opening it. (On a laptop it sits to the side.)"""
    sidebar = page.locator('[data-testid="stSidebar"]')
    if page.viewport_size["width"] < 640 and sidebar.count():  # type: ignore[index]
        assert sidebar.get_attribute("data-collapsed") == "true", "the menu is open on a phone"


@pytest.mark.parametrize(("viewport", "phone"), SCREENS)
def test_a_signs_input_and_its_chart_share_one_screen_and_the_input_moves_the_chart(
    new_page: NewPage, base_url: str, viewport: dict[str, int], phone: bool
) -> None:
    page = _open(new_page, base_url, viewport, phone, "warning-signs", "pain=8&duration_min=4")
    card = page.locator(".st-key-sign-intense_prolonged_pain")
    pain = card.locator('input[type="range"]').first
    chart = card.locator('[data-testid="stVegaLiteChart"]')
    # The danger signs and the advice come first (issue 17); scrolled to the sign, its input and chart share a screen.
    _scroll_to_top_of(card)
    _on_first_screen(page, card.locator(".st-key-pain"), "the pain slider")
    _on_first_screen(page, chart, "the sign's chart")
    _sidebar_closed_or_absent(page)
    before = chart.screenshot()
    assert "not met" in (chart.get_attribute("aria-label") or ""), "8 out of 10 for 4 minutes: not met"
    pain.focus()
    with rerun_after(page):
        page.keyboard.press("Home")  # pain 0: the point drops to the bottom of the plane
    page.wait_for_timeout(300)  # the chart draws on the next frame
    assert chart.screenshot() != before, "moving the input did not redraw its chart"
    duration = card.locator('input[type="range"]').nth(1)
    duration.focus()
    with rerun_after(page):
        page.keyboard.press("End")  # 60 minutes
    pain.focus()
    with rerun_after(page):
        page.keyboard.press("End")  # pain 10: both lines passed
    expect_label = chart.get_attribute("aria-label") or ""
    assert "the sign is met." in expect_label, expect_label
    # The values are in the chart's table right after it (the chart's name stays put while only values move).
    table = card.locator(".chart-table table")
    expect(table).to_contain_text("10 out of 10")
    expect(table).to_contain_text("60 minutes")


@pytest.mark.parametrize(("viewport", "phone"), SCREENS)
def test_a_clue_and_the_cause_chart_share_one_screen_and_the_clue_moves_the_chart(
    new_page: NewPage, base_url: str, viewport: dict[str, int], phone: bool
) -> None:
    page = _open(new_page, base_url, viewport, phone, "causes", "")
    clue = page.locator(".st-key-numbness")
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    _scroll_to_top_of(page.locator(".st-key-cause-inputs"))  # below the advice panel (issue 17)
    _on_first_screen(page, clue, "the numbness clue")
    _on_first_screen(page, chart, "the cause chart")
    _sidebar_closed_or_absent(page)
    before = chart.screenshot()
    # The chart's one name says each cause with its points, as drawn.
    expect(chart).to_have_attribute("aria-label", re.compile(r"Nerve damage: 0 points\."))
    with rerun_after(page):
        clue.locator("label").click()
    page.wait_for_timeout(300)
    expect(chart).to_have_attribute("aria-label", re.compile(r"Nerve damage: 2 points\."))
    assert chart.screenshot() != before, "ticking the clue did not redraw the chart"


@pytest.mark.parametrize("path", ["", "warning-signs", "causes", "glossary", "scenarios", "quiz", "about"])
def test_no_page_needs_a_sideways_scroll_on_a_phone(new_page: NewPage, base_url: str, path: str) -> None:
    page = _open(new_page, base_url, PHONE, True, path, "pain=8&duration_min=12&potassium=3.1")
    widths = page.evaluate("({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")
    assert widths["scroll"] <= widths["inner"], widths


def test_on_a_phone_the_menu_closes_after_choosing_a_page_and_stays_closed_after_a_reload(
    new_page: NewPage, base_url: str
) -> None:
    page = _open(new_page, base_url, PHONE, True, "", "")
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar, "the menu starts closed on a phone").to_have_attribute("data-collapsed", "true")
    sidebar_open(page)
    with rerun_after(page):
        sidebar.get_by_role("link", name="Causes").click()
    expect(page.locator("h1")).to_have_text(re.compile("cause", re.IGNORECASE))
    expect(sidebar, "the menu closes after a page is chosen").to_have_attribute("data-collapsed", "true")
    page.reload()
    wait_for_app(page)
    expect(page.locator('[data-testid="stSidebar"]'), "and stays closed after a reload").to_have_attribute(
        "data-collapsed", "true"
    )


@pytest.mark.parametrize(("viewport", "phone"), SCREENS)
@pytest.mark.parametrize("path", ["warning-signs", "causes"])
def test_no_input_label_is_cut_short(new_page: NewPage, base_url: str, viewport: dict[str, int], phone: bool,
                                     path: str) -> None:
    """Every label of an input or a button is read whole: the danger signs say when to call 999. (Streamlit 1.67 cuts
    a label placed straight in a column with "..." unless the widget is made with wrap=True, as ours are.)
    stiff_jaw=true opens the danger signs."""
    page = _open(new_page, base_url, viewport, phone, path, "stiff_jaw=true")
    labels = page.locator(
        'label [data-testid="stMarkdownContainer"], button [data-testid="stMarkdownContainer"]'
    ).filter(visible=True)
    assert labels.count() >= 4, "the inputs' labels are on the page"
    cut = labels.evaluate_all(
        "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"
    )
    assert cut == [], f"labels cut short: {cut}"


# --- a plane follows its sliders in the browser (ui/follow.py): no round trip, and the server has the last word ---

PLANE = ".st-key-sign-intense_prolonged_pain"


def _drawn_words(page: Page) -> str:
    """The words drawn beside the visitor's point in sign 1's plane (drawn twice: a white edge, then the ink)."""
    texts = page.locator(f'{PLANE} [data-testid="stVegaLiteChart"] svg text').evaluate_all(
        "texts => texts.map(t => t.textContent)")
    words = {text for text in texts if "You:" in text}
    assert len(words) == 1, f"one set of words beside the point, not {words}"
    return words.pop()


def _expected(met: bool) -> tuple[str, str]:
    """What the card and the drawn point say when the sign is met or not (the card in words, the chart in words)."""
    from explainer import charts

    return ("Crossed" if met else "Not crossed"), charts.PLANE_LABEL[met]


class _HeldServer:
    """Relays the app's websocket, and holds the server's messages while ``held`` is set (Playwright's
    ``route_web_socket``): what the page draws then, it drew without the server."""

    def __init__(self, page: Page) -> None:
        self.held = False
        self.waiting: list[str | bytes] = []
        page.route_web_socket(re.compile(r".*/_stcore/stream"), self._route)

    def _route(self, ws: WebSocketRoute) -> None:
        server = ws.connect_to_server()
        ws.on_message(server.send)
        server.on_message(lambda message: self.waiting.append(message) if self.held else ws.send(message))
        self.ws = ws

    def release(self) -> None:
        self.held = False
        for message in self.waiting:
            self.ws.send(message)
        self.waiting.clear()


def test_the_plane_follows_a_key_before_the_server_answers_and_the_server_then_agrees(
    new_page: NewPage, base_url: str
) -> None:
    from tests.e2e.helpers import sign_status

    page = new_page(viewport=LAPTOP)
    relay = _HeldServer(page)
    open_page(page, base_url, "warning-signs", "pain=6&duration_min=15")
    settle_page(page)
    copies = page.locator("form.vega-bindings")  # each following chart's own copy of its sliders: never seen
    assert copies.count() > 0, "no chart on the page follows a slider"
    for i in range(copies.count()):
        expect(copies.nth(i)).to_be_hidden()
    card_words, chart_words = _expected(False)
    assert sign_status(page, "intense_prolonged_pain") == card_words and _drawn_words(page) == chart_words
    pain = page.locator(f'{PLANE} .st-key-pain input[type="range"]')
    pain.focus()
    relay.held = True
    page.keyboard.press("ArrowRight")  # pain 7, for 15 minutes: the sign is met (data/signs.toml)
    card_words, chart_words = _expected(True)
    page.wait_for_function(
        "(words) => [...document.querySelectorAll('.st-key-sign-intense_prolonged_pain svg text')]"
        ".some(t => t.textContent === words)", arg=chart_words, timeout=2_000)
    assert sign_status(page, "intense_prolonged_pain") == "Not crossed", "the card waits for the server"
    relay.release()
    expect(page.locator(PLANE)).to_contain_text("⚠ Crossed", timeout=10_000)
    page.wait_for_timeout(500)
    assert sign_status(page, "intense_prolonged_pain") == card_words and _drawn_words(page) == chart_words


def test_the_plane_follows_a_drag_before_the_release_and_agrees_with_the_card_after_every_move(
    new_page: NewPage, base_url: str, page_log: PageLog
) -> None:
    from explainer import assess
    from tests.e2e.helpers import runs_finished, sign_status, wait_for_rerun

    page = new_page(viewport=LAPTOP)
    open_page(page, base_url, "warning-signs", "pain=9&duration_min=15")
    settle_page(page)
    _scroll_to_top_of(page.locator(PLANE))  # below the danger signs and the advice (issue 17): a mouse needs it seen
    assert _drawn_words(page) == _expected(True)[1]
    # A drag with the mouse: Streamlit sends the value only at the release, yet the point follows the thumb.
    track = page.locator(f"{PLANE} .st-key-pain [data-testid='stSlider']").bounding_box()
    grip = page.locator(f'{PLANE} .st-key-pain input[type="range"]').evaluate(
        "el => { const r = el.parentElement.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }")
    assert track is not None
    page.mouse.move(*grip)
    page.mouse.down()
    page.mouse.move(track["x"] + 5, grip[1], steps=8)  # to the left end: pain 0
    page.wait_for_function(
        "(words) => [...document.querySelectorAll('.st-key-sign-intense_prolonged_pain svg text')]"
        ".some(t => t.textContent === words)", arg=_expected(False)[1], timeout=2_000)
    assert sign_status(page, "intense_prolonged_pain") == "Crossed", "the card waits for the release"
    before = runs_finished(page)
    page.mouse.up()
    wait_for_rerun(page, before)
    # After every release, the drawn point and the card say the same, and both say what the engine says.
    moves = [("pain", "End"), ("duration_min", "Home"), ("duration_min", "End"), ("pain", "Home"),
             ("pain", "PageUp"), ("pain", "ArrowRight"), ("duration_min", "PageDown")]
    for input_id, key in [(None, None), *moves]:
        if input_id:
            page.locator(f'{PLANE} .st-key-{input_id} input[type="range"]').focus()
            before = runs_finished(page)
            page.keyboard.press(key)
            wait_for_rerun(page, before)
            page.wait_for_timeout(300)
        values = {name: float(page.locator(f'{PLANE} .st-key-{name} input[type="range"]').get_attribute("value"))
                  for name in ("pain", "duration_min")}
        met = assess(values).sign("intense_prolonged_pain").crossed
        card_words, chart_words = _expected(met)
        assert (sign_status(page, "intense_prolonged_pain"), _drawn_words(page)) == (card_words, chart_words), \
            f"after {input_id} {key}: {values}"
    assert not page_log.console_errors(), page_log.console_errors()  # e.g. Vega's "Signal bind element not found"


# The words at the end of each bar of /causes' cause chart (the page's first chart), "★ 3 points", top to bottom.
_BAR_WORDS = """() => [...document.querySelector('[data-testid="stMain"] [data-testid="stVegaLiteChart"]')
    .querySelectorAll("svg text")].filter(t => /^(★ )?\\d+ points?$/.test(t.textContent))
    .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top).map(t => t.textContent)"""


def _drawn_bar_words(page: Page) -> list[str]:
    return page.evaluate(_BAR_WORDS)


def test_the_cause_chart_follows_a_slider_before_the_server_answers_and_the_server_then_agrees(
    new_page: NewPage, base_url: str, page_log: PageLog
) -> None:
    from explainer import assess
    from explainer.assessment import points_text

    def expected(values: dict) -> list[str]:
        result = assess(values)
        leading = result.leading_cause
        return [("★ " if leading and leading.id == f.id else "") + points_text(f.points) for f in result.cause_fit]

    page = new_page(viewport=LAPTOP)
    relay = _HeldServer(page)
    open_page(page, base_url, "causes", "pain=6&numbness=true")
    settle_page(page)
    before, after = expected({"pain": 6, "numbness": True}), expected({"pain": 7, "numbness": True})
    assert before != after, "pain 7 is a clue for nerve damage (data/causes.toml): the test needs a chart that moves"
    assert _drawn_bar_words(page) == before
    main = page.locator('[data-testid="stMain"]')
    assert main.inner_text().count("Stands out:") == 0
    page.locator('[data-testid="stSidebar"] .st-key-pain input[type="range"]').focus()
    relay.held = True
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"(words) => JSON.stringify(({_BAR_WORDS})()) === JSON.stringify(words)", arg=after,
                           timeout=2_000)
    assert main.inner_text().count("Stands out:") == 0, "the words under the chart wait for the server"
    relay.release()
    expect(main).to_contain_text("Stands out: Nerve damage", timeout=10_000)
    page.wait_for_timeout(500)
    assert _drawn_bar_words(page) == after
    assert not page_log.console_errors(), page_log.console_errors()


# Each drawn bar of /causes' cause chart names its cause and its points in its own aria-label ("cause: X;
# Evidence: 4 points"), read from the SVG as a screen reader and a tester would, top to bottom.
# Each bar's words as drawn, top to bottom: the cause's name on the axis and its points beside the bar.
_BAR_LABELS = """() => {
  const svg = document.querySelector('[data-testid="stMain"] [data-testid="stVegaLiteChart"] svg');
  const texts = (sel) => [...svg.querySelectorAll(sel)].map((t) => [t.getBoundingClientRect().top, t.textContent])
    .sort((a, b) => a[0] - b[0]).map((pair) => pair[1]);
  const names = texts('g.role-axis-label text').filter((text) => !/^\\d+$/.test(text));
  const points = texts('g.mark-text.role-mark text');
  return names.map((name, n) => [name, points[n]]);
}"""
STORIES = ["hot_day_cramp", "gym_cramp", "night_cramps_often", "statin_cramps", "water_tablet_cramps"]


@pytest.mark.parametrize("case_id", STORIES)
def test_the_drawn_cause_chart_names_every_cause_with_its_points_and_agrees_with_the_words_under_it(
    new_page: NewPage, base_url: str, case_id: str
) -> None:
    from explainer import assess, cached_content
    from explainer.assessment import points_text
    from explainer.charts import cause_label
    from explainer.links import scenario_query
    from explainer.scenarios import cached_scenarios, find_scenario
    from explainer.story import cause_story

    case = find_scenario(case_id, cached_scenarios())
    assert case is not None
    result = assess(case.inputs)
    page = new_page(viewport=LAPTOP)
    query = scenario_query(case.inputs, cached_content())
    open_page(page, base_url, "causes", "&".join(f"{k}={v}" for k, v in query.items()))
    settle_page(page)
    drawn = page.evaluate(_BAR_LABELS)
    leading = result.leading_cause
    expected = [[cause_label(f.name, f.kind), ("★ " if leading and leading.id == f.id else "") + points_text(f.points)]
                for f in result.cause_fit]
    assert len(drawn) == len(cached_content().causes), "every cause the app scores is drawn"
    assert drawn == expected, "each cause drawn with its points, most first; the one that stands out starred"
    # Heard as drawn: the chart's one name says each cause with its points, in the same order.
    name = page.locator('[data-testid="stMain"] [data-testid="stVegaLiteChart"]').first.get_attribute("aria-label")
    assert " ".join(f"{cause}: {points.removeprefix('★ ')}." for cause, points in expected) in (name or ""), name
    main = page.locator('[data-testid="stMain"]')
    if leading:
        expect(main).to_contain_text(f"Stands out: {leading.name}")
    told = cause_story(result, cached_content())
    if told.kind != "stands_out":
        expect(main).to_contain_text(told.text)
