"""Downloads: the charts as PNG and SVG files, and the one-page handout of a scenario."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

import explainer
from explainer import charts
from explainer.exports import EXPORT_WIDTH, chart_png, chart_svg
from explainer.handout import OTHER_REASONS, cited_sources, handout_html

CHROMIUM = Path("/usr/bin/chromium")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SHORT_DISCLAIMER = "This is an educational explainer, not a diagnosis or medical advice."


def crossing_inputs(content: explainer.Content, sign_id: str) -> dict[str, object]:
    """Inputs that just cross one sign: every one of its lines is met (read from data/signs.toml)."""
    values: dict[str, object] = {}
    for condition in content.sign(sign_id).conditions:
        spec = content.input(condition.input)
        if condition.op == "is_true":
            values[spec.id] = True
        else:
            assert condition.threshold is not None
            step = spec.step if condition.op == ">" else 0
            values[spec.id] = int(condition.threshold + step) if spec.kind == "integer" else condition.threshold + step
    return values


def everything_inputs(content: explainer.Content) -> dict[str, object]:
    """The longest handout: every number at its maximum, every yes/no ticked, every lab value at its minimum."""
    values: dict[str, object] = {}
    for spec in content.inputs:
        if spec.kind == "flag":
            values[spec.id] = True
        elif spec.kind == "lab":
            values[spec.id] = spec.min
        elif spec.kind == "choice":  # the longest words, but each lab value in its lab's own unit
            values[spec.id] = spec.default if spec.id.endswith("_unit") else max(spec.options, key=len)
        else:
            values[spec.id] = int(spec.max) if spec.kind == "integer" else spec.max
    return values


def scenarios(content: explainer.Content) -> dict[str, dict[str, object]]:
    named: dict[str, dict[str, object]] = {"nothing": {}}
    for sign in content.signs:
        named[f"only {sign.id}"] = crossing_inputs(content, sign.id)
    named["everything"] = everything_inputs(content)
    return named


SCENARIO_NAMES = ["nothing", *(f"only {s.id}" for s in explainer.cached_content().signs), "everything"]


class _TextAndTags(HTMLParser):
    """Collects the visible text and the tags of a document (the handout must parse as HTML)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(document: str) -> _TextAndTags:
    parser = _TextAndTags()
    parser.feed(document)
    parser.close()
    return parser


def visible_text(document: str) -> str:
    return re.sub(r"\s+", " ", "".join(parse(document).text))


# --- charts -----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def busy_assessment(content: explainer.Content) -> explainer.Assessment:
    return explainer.assess(everything_inputs(content), content)


def chart_cases(content: explainer.Content, assessment: explainer.Assessment) -> dict[str, tuple[object, list[str]]]:
    """Each chart with the words it must show, taken from data/: the measures of the sign lines, the cause names."""
    measures = [c.name for s in content.signs for c in s.conditions if c.op != "is_true"]
    return {
        "sign chart": (charts.sign_chart_spec(assessment, content).full(), measures),
        "cause chart": (charts.cause_chart_spec(assessment).full(),
                        [c.name for c in content.causes if c.kind == "serious"]),
    }


@pytest.mark.parametrize("chart_name", ["sign chart", "cause chart"])
def test_png_export_is_a_png_of_a_sensible_size(
    content: explainer.Content, busy_assessment: explainer.Assessment, chart_name: str
) -> None:
    chart, _ = chart_cases(content, busy_assessment)[chart_name]
    png = chart_png(chart)
    assert png.startswith(PNG_SIGNATURE)
    with Image.open(io.BytesIO(png)) as image:
        width, height = image.size
    assert width >= EXPORT_WIDTH * 2, "drawn at twice the size, and wider than the plot area because of the labels"
    assert width <= EXPORT_WIDTH * 2 * 2
    assert 200 <= height <= 2000


@pytest.mark.parametrize("chart_name", ["sign chart", "cause chart"])
def test_svg_export_parses_and_shows_the_charts_words(
    content: explainer.Content, busy_assessment: explainer.Assessment, chart_name: str
) -> None:
    chart, words = chart_cases(content, busy_assessment)[chart_name]
    root = ET.fromstring(chart_svg(chart))
    assert root.tag.endswith("svg")
    text = " ".join(root.itertext())
    missing = [word for word in words if word not in text]
    assert missing == []


def test_export_has_a_fixed_width_not_the_container(content: explainer.Content) -> None:
    chart = charts.cause_chart_spec(explainer.assess({}, content)).full()
    narrow = ET.fromstring(chart_svg(chart, width=300))
    wide = ET.fromstring(chart_svg(chart, width=900))
    assert float(wide.attrib["width"]) - float(narrow.attrib["width"]) == pytest.approx(600, abs=1)


def test_export_fetches_nothing_from_the_network() -> None:
    import altair as alt

    remote = alt.Chart(alt.UrlData("https://example.invalid/data.csv")).mark_bar().encode(x="a:Q")
    with pytest.raises(ValueError, match="not allowed"):
        chart_svg(remote)


# --- handout ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCENARIO_NAMES)
def test_handout_has_every_crossed_sign_urgency_sources_and_disclaimers(content: explainer.Content, name: str) -> None:
    assessment = explainer.assess(scenarios(content)[name], content)
    document = handout_html(assessment, content, SHORT_DISCLAIMER)
    parsed = parse(document)
    text = visible_text(document)
    assert parsed.tags[:2] == ["html", "head"]
    for sign in assessment.signs:
        if sign.crossed:
            assert sign.title in text
            assert sign.reason in text
    level = content.level(assessment.urgency.value)
    assert level.label in text
    assert level.action in text
    assert assessment.urgency_rule.reason in text
    assert SHORT_DISCLAIMER in text
    for paragraph in content.section("disclaimer").paragraphs:
        assert paragraph in text
    for source_id in cited_sources(assessment, content):
        source = content.sources[source_id]
        assert f"{source.short}: {source.title}" in text
    for spec in content.inputs:  # every input that was set, with its value; the rest are said in one line
        if assessment.inputs[spec.id] != spec.default:
            assert spec.label in text
            if spec.kind != "flag":  # a ticked box is listed by its label alone
                assert explainer.format_value(spec, assessment.inputs[spec.id]) in text


def test_handout_lists_the_sources_behind_what_it_says(content: explainer.Content) -> None:
    assessment = explainer.assess(everything_inputs(content), content)
    text = visible_text(handout_html(assessment, content))
    cited = set(cited_sources(assessment, content))
    behind = {c.source for s in assessment.signs if s.crossed for c in s.conditions if c.met}
    others = [r for r in assessment.fired_rules if r.id != assessment.urgency_rule.id]
    shown = others[:OTHER_REASONS]
    assert all(r.reason in text for r in shown)
    behind |= {r.source for r in shown} | {assessment.urgency_rule.source}
    assert behind <= cited
    assert f"And {len(others) - len(shown)} more" in text


def test_handout_is_self_contained(content: explainer.Content) -> None:
    document = handout_html(explainer.assess(everything_inputs(content), content), content, SHORT_DISCLAIMER)
    parsed = parse(document)
    assert not {"script", "img", "link", "iframe", "object", "embed"} & set(parsed.tags)
    assert not [value for name, value in parsed.attributes if name in ("src", "href")]
    assert "url(" not in document
    assert "@import" not in document
    assert "@media print" in document


MARKUP = '<script>alert("x")</script><img src=x onerror=y>'


def test_markup_in_data_and_inputs_is_escaped(data_copy: Callable[[str, Callable[[str], str]], Path]) -> None:
    folder = data_copy("inputs.toml", lambda t: t.replace('label = "Twitching"', f"label = '{MARKUP}'", 1))
    signs = folder / "signs.toml"
    signs.write_text(
        signs.read_text(encoding="utf-8").replace('name = "twitching"', f"name = '{MARKUP}'", 1),
        encoding="utf-8",
    )
    content = explainer.load_content(folder)
    document = handout_html(explainer.assess({"twitching": True}, content), content, f"Note {MARKUP}")
    parsed = parse(document)
    assert "script" not in parsed.tags
    assert "img" not in parsed.tags
    assert document.count("&lt;script&gt;") >= 3, "the label, the sign's reason and the disclaimer"
    assert MARKUP in visible_text(document)


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def _print_to_pdf(document: str, paper: str) -> tuple[bytes, list[str]]:
    """The document printed by Chromium to a PDF, and every request the page made while it loaded."""
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=args)
        try:
            page = browser.new_page()
            page.on("request", lambda request: requests.append(request.url))
            page.set_content(document)
            return page.pdf(format=paper), requests
        finally:
            browser.close()


@pytest.mark.browser
@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("name", ["nothing", "everything"])
def test_handout_prints_on_one_page(content: explainer.Content, name: str, paper: str) -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    document = handout_html(explainer.assess(scenarios(content)[name], content), content, SHORT_DISCLAIMER)
    # Its own thread: Playwright's sync API refuses to start where another test's browser left an event loop.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pdf, requests = pool.submit(_print_to_pdf, document, paper).result(timeout=120)
    assert pdf.startswith(b"%PDF")
    assert _pdf_pages(pdf) == 1
    assert requests == [], "the handout loads nothing"
