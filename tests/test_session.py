"""The facilitator guide (data/session.toml): typed and cross-checked, its quotes word for word from the article,
its timing adds up to the session, and the guide as a page and a PDF says every part of it."""

from __future__ import annotations

import io
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

import explainer
from explainer import session, worksheet
from explainer.errors import DataError
from explainer.scenarios import load_scenarios, load_text
from tests.conftest import DATA, SHARED
from tests.test_app_classroom import open_page

CONTENT = explainer.load_content(DATA)
CASES = load_scenarios(DATA, CONTENT)
SESSION = session.load_session(DATA, CASES, CONTENT)
RAW = tomllib.loads((DATA / "session.toml").read_text(encoding="utf-8"))
WORDS = load_text(DATA)["guide"]
ARTICLE = " ".join((SHARED / "article" / "muscle-spasms-warning-signs.txt").read_text(encoding="utf-8").split())


def test_the_blocks_fill_the_session_in_order() -> None:
    ends = [end for _, end, _ in session.timeline(SESSION.plan)]
    assert ends[-1] == RAW["minutes"] == 45
    assert ends == sorted(ends)


@pytest.mark.parametrize("item", RAW["misconceptions"], ids=[m["id"] for m in RAW["misconceptions"]])
def test_each_misconception_is_answered_in_its_sources_own_words(item: dict) -> None:
    assert item["source"] in CONTENT.sources
    if item["source"] == "article":
        assert " ".join(item["quote"].split()) in ARTICLE, "the quote is the article's, word for word"
    else:  # another source: its words are quoted elsewhere in data/ from where they were read
        quoted = " ".join(p.read_text(encoding="utf-8") for p in DATA.glob("*.toml") if p.name != "session.toml")
        assert item["quote"] in quoted


def test_every_case_the_session_names_is_a_teaching_case_in_order() -> None:
    named = [case_id for block in RAW["blocks"] for case_id in block.get("cases", [])]
    assert named, "the session shows cases"
    assert [case.id for block in SESSION.plan.blocks for case in SESSION.block_cases(block)] == named


def _replace(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return change


BROKEN = [
    (_replace('cases = ["pain_under"', 'cases = ["pain_undr"'), ["session.toml", "blocks[2]", "cases", "pain_undr"]),
    (_replace('source = "article"', 'source = "nowhere"'),
     ["session.toml", "misconceptions[1] (id=always_harmless)", "source", "nowhere"]),
    (_replace("minutes = 45", "minutes = 50"), ["session.toml", "minutes", "add up to 45"]),
    (_replace("minutes = 10", "minutes = 0"), ["session.toml", "blocks[2]", "minutes", "at least 1"]),
    (_replace('id = "just_water"', 'id = "always_harmless"'), ["misconceptions[3] (id=always_harmless)", "twice"]),
    (_replace("belief =", "believe ="), ["session.toml", "misconceptions[1]", "believe", "not a field"]),
    (_replace("[room_vote]", "[room_votes]"), ["session.toml", "room_votes", "not a field"]),
]


@pytest.mark.parametrize(("change", "words"), BROKEN)
def test_a_broken_session_file_names_file_row_and_field(
    data_copy: Callable[[str, Callable[[str], str]], Path], change: Callable[[str], str], words: list[str]
) -> None:
    folder = data_copy("session.toml", change)
    with pytest.raises(DataError) as caught:
        session.load_session(folder, CASES, CONTENT)
    for word in words:
        assert word in str(caught.value), f"{word!r} not in {caught.value!r}"


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_guide_pdf_says_every_part_of_the_session(paper: str) -> None:
    reader = PdfReader(io.BytesIO(session.guide_pdf(SESSION, CONTENT, WORDS, paper)))
    assert 1 <= len(reader.pages) <= 3
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    plan = SESSION.plan
    expected = [plan.title, *plan.goals, *(b.title for b in plan.blocks), *(m.belief for m in plan.misconceptions),
                *(" ".join(m.quote.split()) for m in plan.misconceptions), *plan.room_vote.steps,
                *(case.title for b in plan.blocks for case in SESSION.block_cases(b))]
    missing = [words for words in expected if worksheet.pdf_text(words) not in text]
    assert not missing


def test_the_guide_page_shows_the_plan_with_each_case_a_link_to_the_stage() -> None:
    at = open_page("pages/guide.py")
    texts = "\n".join(m.value for m in at.markdown)
    for block in SESSION.plan.blocks:
        assert block.title in texts
        for case in SESSION.block_cases(block):
            assert f"[{case.title}](present?scenario={case.id})" in texts
    for item in SESSION.plan.misconceptions:
        assert f"> {item.quote}" in texts
    assert [b.label for b in at.get("download_button")] == [WORDS["download"].format(paper=p) for p in ("A4",
                                                                                                           "US Letter")]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_every_word_of_the_guide_pdf_is_at_least_10_pt(paper: str) -> None:
    from tests.test_worksheet import font_sizes

    reader = PdfReader(io.BytesIO(session.guide_pdf(SESSION, CONTENT, WORDS, paper)))
    sizes = [size for page in reader.pages for size in font_sizes(page)]
    assert sizes and min(sizes) >= 10, sorted(set(sizes))
