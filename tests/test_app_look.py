"""The app's look in Streamlit's AppTest: the searchable glossary and the Home page's live picture."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from explainer.content import load_words
from explainer.glossary import load_glossary, matching_terms
from tests.conftest import DATA
from tests.test_app_pages import flat, run_page

GLOSSARY = load_glossary(DATA)
WORDS = load_words("pages.toml", DATA)["glossary"]


def main_texts(at: AppTest) -> list[str]:
    """The text of every element in the page's main area (not the sidebar), in page order."""
    return [str(getattr(element, "value", "")) for element in flat(at.main)]


def count_line(at: AppTest) -> str:
    ending = WORDS["count"].rsplit("}", 1)[-1]  # " words"
    return next(text for text in main_texts(at) if text.endswith(ending) and text[:1].isdigit())


@pytest.mark.parametrize("query", ["", "nerve", "MAGNESIUM", "lockjaw", "  blood   test ", "zzz", ".*"])
def test_the_glossary_search_shows_the_matching_words_and_counts_them(query: str) -> None:
    at = run_page("pages/glossary.py")
    at.text_input(key="glossary_search").input(query).run()
    assert not at.exception
    expected = sorted(matching_terms(query, GLOSSARY), key=lambda term: term.term.casefold())
    cards = [text for text in main_texts(at) if text.startswith("## ")]
    assert cards == [f"## {term.term}\n\n{term.definition}" for term in expected]
    assert count_line(at) == WORDS["count"].format(shown=len(expected), total=len(GLOSSARY))
    sources = [c.value for c in at.caption if c.value.startswith("Source")]
    assert len(sources) == len(expected), "every word shown names its source"
    no_match = WORDS["no_match"].format(query=query.strip())
    assert (no_match in [t.value for t in at.text]) is (not expected)


def test_the_glossary_shows_every_word_before_a_search() -> None:
    at = run_page("pages/glossary.py")
    assert not at.exception
    assert count_line(at) == WORDS["count"].format(shown=len(GLOSSARY), total=len(GLOSSARY))
    search = at.text_input(key="glossary_search")
    assert search.label == WORDS["search_label"]
    assert search.help == WORDS["search_help"]


def test_what_is_typed_is_never_read_as_markdown() -> None:
    at = run_page("pages/glossary.py")
    at.text_input(key="glossary_search").input("**bold** <b>x</b>").run()
    assert not at.exception
    assert not any("<b>" in m.value or "**bold**" in m.value for m in at.markdown)
    assert any("**bold** <b>x</b>" in t.value for t in at.text)


HOME = load_words("pages.toml", DATA)["home"]
ADVICE = HOME["glance_advice"].split("{", 1)[0]  # "What to do next for this scenario: **"


def home_picture(at: AppTest) -> str:
    """The accessible name of the Home page's picture (the first chart in the main area): its spec's description,
    which Vega makes the chart's aria-label (the browser test reads the name as a screen reader gets it)."""
    chart = next(element for element in flat(at.main) if getattr(element, "type", "") == "vega_lite_chart")
    return json.loads(chart.proto.spec)["description"]


def test_the_home_picture_comes_right_after_the_main_message_and_says_what_it_shows() -> None:
    at = run_page("pages/home.py")
    assert not at.exception
    texts = main_texts(at)
    message = texts.index("## " + HOME["message"])
    kinds = [getattr(element, "type", "") for element in flat(at.main)]
    assert kinds.index("vega_lite_chart") == message + 2, "the message, its source, then the picture"
    assert home_picture(at).startswith("The four warning signs for your scenario: 1. ")
    assert "Crossed: 0 of 4." in home_picture(at)
    assert HOME["glance_note"] in texts


def test_the_home_picture_and_advice_follow_the_scenario() -> None:
    at = run_page("pages/home.py", {"twitching": "true"})
    assert "4. Abnormal muscle contractions: crossed" in home_picture(at)
    assert "Crossed: 1 of 4." in home_picture(at)
    assert any(text.startswith(ADVICE + "⚠ Urgent**") for text in main_texts(at))
    at.session_state["twitching"] = False
    at.run()
    assert "Crossed: 0 of 4." in home_picture(at)
    assert any(text.startswith(ADVICE + "✓ Self-care**") for text in main_texts(at))


def test_a_danger_sign_puts_the_emergency_panel_on_home_too() -> None:
    at = run_page("pages/home.py", {"stiff_jaw": "true"})
    assert not at.exception
    assert any(text.startswith("## ☎ [Call 999 now](tel:999)") for text in main_texts(at))
    assert not any(text.startswith(ADVICE) for text in main_texts(at))
