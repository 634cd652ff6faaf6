"""docs/clinical-review.md: its generated tables match data/, its article quotes are the article's own words, and
every row of its table of test cases gives exactly the level its source supports (no under- or over-triage)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs

import pytest

import explainer
from explainer import review
from explainer.links import read_link
from tests.conftest import DATA, ROOT

CONTENT = explainer.load_content(DATA)
DOCUMENT = (ROOT / "docs" / "clinical-review.md").read_text(encoding="utf-8")
LEVELS = {level.label: explainer.Urgency(level.id) for level in CONTENT.levels}


def test_the_generated_tables_match_the_data() -> None:
    assert review.update_document(DOCUMENT, CONTENT) == DOCUMENT, (
        "docs/clinical-review.md is out of date: run python -m explainer.review docs/clinical-review.md"
    )


def test_a_document_without_a_generated_part_is_refused() -> None:
    with pytest.raises(ValueError, match="generated:rules"):
        review.update_document(DOCUMENT.replace("<!-- generated:rules -->", ""), CONTENT)


def _cases() -> list[tuple[str, str, str, str, str]]:
    block = DOCUMENT.split("<!-- cases -->", 1)[1].split("<!-- end:cases -->", 1)[0]
    rows = []
    for line in block.strip().splitlines()[2:]:  # past the header and its rule
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        number, name, inputs, expected, source, words = cells
        rows.append((f"{number} {name}", inputs, expected, source, words.strip("“”")))
    return rows


CASES = _cases()
ARTICLE = " ".join(p for section in CONTENT.sections for p in section.paragraphs)


def test_there_are_at_least_60_cases_and_every_level_is_covered_both_ways() -> None:
    assert len(CASES) >= 60
    assert {expected for _, _, expected, _, _ in CASES} == set(LEVELS)
    calm = [case for case, inputs, expected, _, _ in CASES if expected == "Self-care" and inputs]
    assert len(calm) >= 12, "the cases must test calm stories as well as red flags (over-triage is an error too)"


def _words_behind(result: explainer.Assessment, deciding: list[explainer.assessment.RuleResult]) -> str:
    """Every sentence a deciding rule rests on: its quote, a danger band's quote, or the article for the default."""
    rules = {rule.id: rule for rule in CONTENT.rules}
    texts = [rules[r.id].quote for r in deciding if r.id in rules]
    texts += [band.quote for lab in result.labs if lab.level in ("urgent", "emergency")
              for band in CONTENT.labs[lab.id].bands if band.source == lab.source]
    if result.urgency_rule.id == "default":
        texts.append(ARTICLE)
    return " ".join(texts)


@pytest.mark.parametrize(("case", "inputs", "expected", "source", "words"), CASES, ids=[c[0] for c in CASES])
def test_each_case_gets_exactly_the_level_its_source_supports(
    case: str, inputs: str, expected: str, source: str, words: str
) -> None:
    link = read_link(parse_qs(inputs, keep_blank_values=True), CONTENT)
    assert link.notes == (), f"{case}: the case's inputs are not a valid link"
    result = explainer.assess(link.values, CONTENT)
    assert result.urgency == LEVELS[expected], (
        f"{case}: expected {expected}, got {result.urgency} by {result.urgency_rule.id}"
    )
    deciding = [r for r in result.fired_rules if r.level == result.urgency] or [result.urgency_rule]
    assert source in {r.source for r in deciding}, f"{case}: no rule at {expected} cites {source}"
    behind = _words_behind(result, deciding)
    if words.startswith("(not read word for word"):
        assert not behind.strip(), f"{case}: the deciding rule has a quote now: name the words it rests on"
    else:
        assert words in behind, f"{case}: the words {words!r} are not in what decides it"


def _quotes_from(source_id: str) -> list[tuple[str, str]]:
    items = [(f"rule {r.id}", r.quote) for r in CONTENT.rules if r.source == source_id and r.quote]
    items += [(f"clue {c.text}", c.quote) for cause in CONTENT.causes for c in cause.clues
              if c.source == source_id and c.quote]
    return items


@pytest.mark.parametrize(("where", "quote"), _quotes_from("article"))
def test_quotes_from_the_article_are_its_own_words(where: str, quote: str) -> None:
    assert quote in ARTICLE, where


def test_every_rule_and_band_is_in_the_document() -> None:
    for rule in CONTENT.rules:
        assert f"`{rule.id}`" in DOCUMENT
    for lab in CONTENT.labs.values():
        for band in lab.bands:
            assert band.why in DOCUMENT
    assert not re.search(r"\d+%", DOCUMENT.split("## Test cases")[0].split("## The cause model")[1])
