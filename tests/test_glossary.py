"""The glossary: every hard word of the article is there, sourced, found where it appears, and validated."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

import explainer
from explainer import DataError
from explainer.glossary import GLOSSARY_FILE, Term, load_glossary, matching_terms, terms_in
from tests.conftest import DATA

# The words the article uses that a grade-8 reader may not know (issue 3). Written out here, not read from the
# glossary, so that deleting a term fails this test.
REQUIRED_TERMS = [
    "dystonia",
    "neuropathy",
    "herniated disc",
    "pinched nerve",
    "electrolyte",
    "potassium",
    "calcium",
    "magnesium",
    "multiple sclerosis",
    "ALS",
    "muscular dystrophy",
    "Tourette syndrome",
    "peripheral artery disease",
    "botulinum toxin",
    "muscle relaxant",
]

# How the words are written in the article, with the term each must be found as.
ARTICLE_FORMS = [
    ("Conditions like herniated discs, pinched nerves, or neuropathy can disrupt", "herniated_disc"),
    ("Conditions like herniated discs, pinched nerves, or neuropathy can disrupt", "pinched_nerve"),
    ("Conditions like multiple sclerosis, ALS (amyotrophic lateral sclerosis), or muscular dystrophy", "als"),
    ("such as nerve disorders, electrolyte imbalances, and peripheral artery disease", "electrolyte"),
    ("such as dystonia or Tourette syndrome.", "tourette_syndrome"),
    ("the use of muscle relaxants or pain medications.", "muscle_relaxant"),
    ("in certain cases, botulinum toxin injections", "botulinum_toxin"),
    ("Low levels of minerals like potassium, calcium, or magnesium", "magnesium"),
]

# Texts where a term must NOT be found: a name inside a longer word is not the term.
NOT_TERMS = ["It also calls for rest.", "Falls and stalls.", "Calciumless", "neuropathyish"]


@pytest.fixture(scope="module")
def glossary(content: explainer.Content) -> tuple[Term, ...]:
    return load_glossary(DATA, content.sources)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _text_outside_glossary() -> str:
    """Every string in data/ except the glossary itself: where the app shows words a reader may look up."""
    texts = []
    for path in sorted(DATA.glob("*.toml")):
        if path.name != GLOSSARY_FILE:
            texts += _strings(tomllib.loads(path.read_text(encoding="utf-8")))
    return "\n".join(texts)


@pytest.mark.parametrize("word", REQUIRED_TERMS)
def test_every_required_word_has_a_term(glossary: tuple[Term, ...], word: str) -> None:
    names = {name.casefold() for term in glossary for name in term.names}
    assert word.casefold() in names


def test_every_alias_appears_in_the_article_or_the_app_data(glossary: tuple[Term, ...]) -> None:
    text = _text_outside_glossary()
    missing = [
        (t.id, alias) for t in glossary for alias in t.aliases if not terms_in(text, [Term(t.id, alias, (), "", "")])
    ]
    assert missing == []


def test_every_term_cites_a_known_source(glossary: tuple[Term, ...], content: explainer.Content) -> None:
    unknown = [(t.id, t.source) for t in glossary if t.source not in content.sources]
    assert unknown == []


@pytest.mark.parametrize(("text", "term_id"), ARTICLE_FORMS)
def test_the_article_forms_are_found(glossary: tuple[Term, ...], text: str, term_id: str) -> None:
    assert term_id in [t.id for t in terms_in(text, glossary)]


@pytest.mark.parametrize("text", NOT_TERMS)
def test_a_name_inside_a_longer_word_is_not_found(glossary: tuple[Term, ...], text: str) -> None:
    assert terms_in(text, glossary) == ()


def test_terms_come_in_the_order_they_appear(glossary: tuple[Term, ...]) -> None:
    found = terms_in("Low magnesium, then potassium, then calcium again and magnesium.", glossary)
    assert [t.id for t in found] == ["magnesium", "potassium", "calcium"]


@pytest.mark.parametrize("section_id", ["nerve_damage", "electrolyte_imbalance", "neurological_condition"])
def test_every_cause_section_has_words_explained(
    glossary: tuple[Term, ...], content: explainer.Content, section_id: str
) -> None:
    assert terms_in(content.section(section_id).paragraphs, glossary)


BROKEN = [
    ("missing source", lambda t: t.replace('source = "ninds_dystonia"', 'source = "nowhere"', 1), "source"),
    (
        "empty definition",
        lambda t: t.replace('definition = "A brain condition that makes', 'definition = "" #', 1),
        "definition",
    ),
    ("no aliases", lambda t: t.replace('aliases = ["dystonia"]', "aliases = []", 1), "aliases"),
    ("alias not text", lambda t: t.replace('aliases = ["dystonia"]', "aliases = [3]", 1), "aliases[1]"),
    ("alias of two terms", lambda t: t.replace('aliases = ["neuropathy"]', 'aliases = ["dystonia"]', 1), "aliases"),
    ("duplicate id", lambda t: t.replace('id = "neuropathy"', 'id = "dystonia"', 1), "id"),
    ("not TOML", lambda t: t + "\n[[terms]\n", ""),
]


@pytest.mark.parametrize(("case", "change", "field"), BROKEN, ids=[case for case, _, _ in BROKEN])
def test_a_broken_glossary_names_file_row_and_field(
    data_copy: Callable[[str, Callable[[str], str]], Path], case: str, change: Callable[[str], str], field: str
) -> None:
    folder = data_copy(GLOSSARY_FILE, change)
    with pytest.raises(DataError) as caught:
        load_glossary(folder)
    assert caught.value.file == GLOSSARY_FILE, case
    assert caught.value.field == field, case
    if field:
        assert caught.value.row.startswith("terms["), case


def test_a_missing_glossary_is_a_data_error(data_copy: Callable[[str, Callable[[str], str]], Path]) -> None:
    folder = data_copy(GLOSSARY_FILE, lambda t: t)
    (folder / GLOSSARY_FILE).unlink()
    with pytest.raises(DataError, match="missing"):
        load_glossary(folder)


# --- searching the glossary (the "Words to know" page's search box) ------------------------------------------

# A small fixed glossary, so each case below says exactly what it expects whatever data/glossary.toml holds.
SEARCH_TERMS = (
    Term("als", "ALS (amyotrophic lateral sclerosis)", ("ALS",), "A disease that harms the nerves.", "ninds_als"),
    Term("calcium", "Calcium", ("calcium",), "A mineral for bones. Low levels (hypo-) cause cramps.", "medlineplus"),
    Term("pinched_nerve", "Pinched nerve", ("pinched nerves", "pinched nerve"), "A nerve pressed too hard.", "mayo"),
    Term("tetanus", "Tetanus", ("tetanus", "lockjaw"), "An infection from a wound.", "nhs_tetanus"),
)
SEARCH_CASES = [
    # (what is typed, the ids found, why)
    ("", ["als", "calcium", "pinched_nerve", "tetanus"], "an empty box shows every word"),
    ("   ", ["als", "calcium", "pinched_nerve", "tetanus"], "spaces alone are an empty box"),
    ("calcium", ["calcium"], "the term's name"),
    ("CALCIUM", ["calcium"], "any case"),
    ("amyotrophic", ["als"], "a part of the name"),
    ("lockjaw", ["tetanus"], "an alias"),
    ("pinched nerves", ["pinched_nerve"], "an alias of two words"),
    ("nerve", ["als", "pinched_nerve"], "the definition counts too, and a part of a word"),
    ("a  WOUND ", ["tetanus"], "extra spaces and any case in the middle of a definition"),
    ("(hypo-)", ["calcium"], "brackets are plain characters"),
    (".*", [], "a pattern is not a pattern"),
    ("[a-z]", [], "nor is a character class"),
    ("bones|wound", [], "nor an 'or'"),
    ("zebra", [], "no match is an empty list, not an error"),
]


@pytest.mark.parametrize(("query", "expected", "why"), SEARCH_CASES, ids=[why for _, _, why in SEARCH_CASES])
def test_searching_the_glossary(query: str, expected: list[str], why: str) -> None:
    assert [t.id for t in matching_terms(query, SEARCH_TERMS)] == expected, why


def test_every_term_is_found_by_its_name_and_by_each_alias(glossary: tuple[Term, ...]) -> None:
    missed = [
        (term.id, name)
        for term in glossary
        for name in (term.term, *term.aliases)
        if term not in matching_terms(name.upper(), glossary)
    ]
    assert missed == []


def test_a_search_keeps_the_glossary_order(glossary: tuple[Term, ...]) -> None:
    found = matching_terms("e", glossary)
    assert list(found) == [t for t in glossary if t in found]
