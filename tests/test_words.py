"""The small grammar of generated words (explainer.words): counts with their nouns, lists in prose, a source's name."""

from __future__ import annotations

import pytest

import explainer
from explainer.assessment import points_text
from explainer.content import Source
from explainer.words import cite, natural_list, noun, plural


@pytest.mark.parametrize(
    ("count", "singular", "plural_form", "expected"),
    [
        (0, "point", None, "0 points"),
        (1, "point", None, "1 point"),
        (2, "point", None, "2 points"),
        (12, "point", None, "12 points"),
        (1.0, "minute", None, "1 minute"),
        (1.5, "minute", None, "1.5 minutes"),
        (0.5, "week", None, "0.5 weeks"),
        (1, "person", "people", "1 person"),
        (3, "person", "people", "3 people"),
        (-1, "point", None, "-1 points"),
    ],
)
def test_plural_counts_its_noun(count: float, singular: str, plural_form: str | None, expected: str) -> None:
    assert plural(count, singular, plural_form) == expected
    assert expected.endswith(noun(count, singular, plural_form))


@pytest.mark.parametrize(
    ("items", "conj", "expected"),
    [
        ([], "and", ""),
        (["pain"], "and", "pain"),
        (["pain", "weakness"], "and", "pain and weakness"),
        (["pain", "weakness", "twitching"], "and", "pain, weakness and twitching"),
        (("leg", "foot"), "or", "leg or foot"),
        (["a", "b", "c", "d"], "or", "a, b, c or d"),
    ],
)
def test_natural_list_joins_without_a_comma_before_the_last(items: list[str], conj: str, expected: str) -> None:
    assert natural_list(items, conj) == expected


SEEN = Source("nhs", "NHS", "Leg cramps", "NHS", "https://www.nhs.uk/", True)
COPY = Source("old", "Old book", "A title", "A publisher", "https://example.org/", False)
NO_LINK = Source("article", "The article", "The article", "Us", "", True)


@pytest.mark.parametrize(
    ("source", "link", "secondary", "expected"),
    [
        (SEEN, False, True, "NHS"),
        (SEEN, True, True, "[NHS](https://www.nhs.uk/)"),
        (COPY, False, True, "Old book (secondary copy)"),
        (COPY, True, True, "[Old book](https://example.org/) (secondary copy)"),
        (COPY, True, False, "[Old book](https://example.org/)"),
        (NO_LINK, True, True, "The article"),
    ],
)
def test_cite_names_a_source_one_way_everywhere(source: Source, link: bool, secondary: bool, expected: str) -> None:
    assert cite(source, link=link, secondary=secondary) == expected


ONE_POINT_SCENARIOS = [{"episodes_per_week": 6, "weeks_affected": 10}, {"pain": 9, "duration_min": 20}]


@pytest.mark.parametrize("inputs", ONE_POINT_SCENARIOS)
def test_no_generated_words_say_1_points(inputs: dict) -> None:
    """A possible clue is worth 1 point: the cause's total, its card's clue lines and the quiz's say "1 point"."""
    from explainer.content import cached_words

    result = explainer.assess(inputs)
    ones = [clue for fit in result.cause_fit for clue in fit.clues if clue.points == 1]
    assert ones, "else this checks nothing"
    texts = [fit.explanation for fit in result.cause_fit]
    for clue in ones:
        texts.append(cached_words("pages.toml")["common"]["clue_line"].format(
            mark="x", direction=clue.direction, tier=clue.tier, points=points_text(clue.points), text=clue.text,
            explain=clue.explain))
        texts.append(cached_words("classroom.toml")["quiz"]["clue_line"].format(
            cause="c", clue=clue.text, tier=clue.tier, points=points_text(clue.points)))
    assert not [text for text in texts if " 1 points" in text or "(1 points" in text]
    assert any("1 point)" in text for text in texts)


def test_format_value_counts_a_unit_of_things_but_not_a_measure() -> None:
    content = explainer.cached_content()
    assert explainer.format_value(content.input("duration_min"), 1) == "1 minute"
    assert explainer.format_value(content.input("duration_min"), 2) == "2 minutes"
    assert explainer.format_value(content.input("pain"), 1) == "1 out of 10"
