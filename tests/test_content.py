"""The content in data/: faithful to the article, fully sourced, validated with errors naming file, row, field."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

import explainer
from explainer import DataError, model
from tests.conftest import DATA, SHARED

ARTICLE_FILE = SHARED / "article" / "muscle-spasms-warning-signs.txt"
FURNITURE = ["Related Article", "Also check", "To top", "Recognizing Serious Muscle Spasms: 4 Signs"]


def _all_strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _all_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _all_strings(v)]
    return []


@pytest.fixture(scope="module")
def article_text() -> str:
    if not ARTICLE_FILE.exists():
        pytest.skip(f"the shared article is not at {ARTICLE_FILE}")
    return ARTICLE_FILE.read_text(encoding="utf-8")


def test_every_paragraph_is_quoted_word_for_word(content: explainer.Content, article_text: str) -> None:
    for section in content.sections:
        for paragraph in section.paragraphs:
            assert paragraph in article_text, f"{section.id}: not in the article: {paragraph[:60]}"
        if section.heading:
            assert section.heading in article_text


def test_the_whole_article_body_is_there(content: explainer.Content, article_text: str) -> None:
    body = article_text.split("The Warning Signs: 4 Clues Your Muscle Spasms Are Serious", 1)[1]
    body = body.split("Also check", 1)[0]
    lines = [line.strip() for line in body.splitlines() if line.strip() and not line.startswith("Related Article")]
    quoted = {p for s in content.sections for p in s.paragraphs} | {s.heading for s in content.sections}
    missing = [line for line in lines if line not in quoted]
    assert missing == []


@pytest.mark.parametrize("path", sorted(DATA.glob("*.toml")), ids=lambda p: p.name)
def test_no_page_furniture_in_data(path: Path) -> None:
    strings = _all_strings(tomllib.loads(path.read_text(encoding="utf-8")))
    for text in strings:
        for furniture in FURNITURE:
            assert furniture not in text, f"{path.name}: page furniture {furniture!r} in {text[:60]!r}"


def test_every_sign_has_its_article_section(content: explainer.Content) -> None:
    for sign in content.signs:
        assert content.section(sign.id).kind == "sign"
    for cause in content.causes:
        assert content.section(cause.section) if cause.section else cause.kind == "medicine"


def test_teaching_thresholds_are_marked_and_explained(content: explainer.Content) -> None:
    for sign in content.signs:
        for condition in sign.conditions:
            assert condition.teaching == (condition.source == "teaching")
            if condition.teaching:
                assert re.search(r"\bno number\b|\bgives no\b", condition.why), condition.why
    assert "No source gives a number" in content.sources["teaching"].publisher  # said in the reader's words


def test_every_cited_source_exists_and_has_a_link_or_is_ours(content: explainer.Content) -> None:
    cited = {c.source for s in content.signs for c in s.conditions}
    cited |= {clue.source for cause in content.causes for clue in cause.clues}
    cited |= {rule.source for rule in content.rules} | {lab.source for lab in content.labs.values()}
    cited |= {s for level in content.levels for s in level.sources}
    assert cited <= set(content.sources)
    for source in content.sources.values():
        assert source.url.startswith("https://") or source.id in ("article", "teaching")


def _replace(old: str, new: str, count: int = 1) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, f"the test's anchor {old!r} is not in the file any more"
        return text.replace(old, new, count)

    return change


# (file, change, words the error must contain: file, row, field)
BROKEN = [
    ("signs.toml", _replace("threshold = 7", 'threshold = "seven"'),
     ["signs.toml", "intense_prolonged_pain", "threshold"]),
    ("signs.toml", _replace('op = ">="', 'op = "=>"'), ["signs.toml", "conditions[1]", '"op"']),
    ("signs.toml", _replace('input = "pain"', 'input = "pane"'), ["signs.toml", "conditions[1]", "input", "pane"]),
    ("signs.toml", _replace("threshold = 10", "threshold = 99"), ["signs.toml", "conditions[2]", "threshold", "range"]),
    ("signs.toml", _replace('source = "nhs_leg_cramps"', 'source = "nhs"'), ["signs.toml", "source", "nhs"]),
    ("inputs.toml", _replace("max = 10\n", "max = -1\n"), ["inputs.toml", "inputs[1] (id=pain)", "max"]),
    ("inputs.toml", _replace('id = "fatigue"', 'id = "weakness"'), ["inputs.toml", "id=weakness", "used twice"]),
    ("inputs.toml", _replace('kind = "flag"', 'kind = "switch"'), ["inputs.toml", "twitching", "kind"]),
    ("labs.toml", _replace("low = 3.5", "low = 6"), ["labs.toml", "potassium", "high"]),
    ("causes.toml", _replace('tier = "typical"', 'tier = "strong"'),
     ["causes.toml", "nerve_damage", "clues[1]", "tier"]),
    ("causes.toml", _replace("min_points_to_lead = 3", "min_points_to_lead = 0"),
     ["causes.toml", "model", "min_points"]),
    ("causes.toml", _replace("points = 4", "points = 1.5"), ["causes.toml", "tiers[1] (id=defining)", "points"]),
    ("labs.toml", _replace("below = 3.0", "below = 3.9"), ["labs.toml", "potassium", "bands[2]", "below"]),
    ("labs.toml", _replace("below = 3.0", "below = nan"), ["labs.toml", "potassium", "bands[2]", "below", "finite"]),
    ("signs.toml", _replace("threshold = 7", "threshold = inf"), ["signs.toml", "signs[1]", "threshold", "finite"]),
    ("labs.toml", _replace("at_or_above = 6.0", "at_or_above = 4.0"),
     ["labs.toml", "potassium", "bands[1]", "at_or_above"]),
    ("labs.toml", _replace('level = "urgent"', 'level = "see_doctor"'),
     ["labs.toml", "potassium", "bands[1]", "level"]),
    ("labs.toml", _replace("to_main = 4.008", "to_main = 0"), ["labs.toml", "calcium", "units[1]", "to_main"]),
    ("inputs.toml", _replace('options = ["mg/dL", "mmol/L"]', 'options = ["mg/dL", "mmol/l"]', 1),
     ["inputs.toml", "calcium", "unit_input"]),
    ("inputs.toml", _replace('default = "leg"', 'default = "knee"'), ["inputs.toml", "body_site", "default"]),
    ("urgency.toml", _replace('is = ["hand or arm", "chest or belly"]', 'is = ["arm"]'),
     ["urgency.toml", "cramps_in_chest_arms_or_belly", "when.is"]),
    ("urgency.toml", _replace('when = { lab_level = "urgent" }', 'when = { lab_level = "soon" }'),
     ["urgency.toml", "lab_in_urgent_band", "lab_level"]),
    ("causes.toml", _replace('direction = "for"', 'direction = "pro"'), ["causes.toml", "clues[1]", "direction"]),
    ("causes.toml", _replace('when = { input = "numbness" }', 'when = { input = "numbness_tingling" }'),
     ["causes.toml", "clues[1]", "when.input", "numbness_tingling"]),
    ("labs.toml", _replace("high = 5.3\nsource", "high = 5.0\nsource"),
     ["labs.toml", "potassium", "low", "highest high"]),
    ("labs.toml", _replace('  unit = "mmol/L"\n  source = "nhs_aa_hypocalcaemia"',
                           '  unit = "mEq/L"\n  source = "nhs_aa_hypocalcaemia"', 1),
     ["labs.toml", "calcium", "ranges[2]", "unit"]),
    ("labs.toml", _replace('  quote = "Hypercalcemic crisis', '  differs = "article"\n  quote = "Hypercalcemic crisis'),
     ["labs.toml", "calcium", "bands[2]", "differs_quote"]),
    ("inputs.toml", _replace('becomes = "fluid_loss"', 'becomes = "vomiting"'),
     ["inputs.toml", "retired[2] (id=vomiting_diarrhoea)", "becomes", "vomiting"]),
    ("inputs.toml", _replace('becomes = "fluid_loss"', 'becomes = "body_site"'),
     ["inputs.toml", "retired[2]", "becomes", "yes/no"]),
    ("urgency.toml", _replace('{ none = [{ input = "overexertion" }] }', '{ none = [] }'),
     ["urgency.toml", "statin_unexplained_cramps", "when.none", "at least one"]),
    ("urgency.toml", _replace('differs = "nhs_twitches"', 'differs = "nhs_twitch"'),
     ["urgency.toml", "id=twitching", "differs", "nhs_twitch"]),
    ("causes.toml", _replace('status = "low"', 'status = "lowish"'),
     ["causes.toml", "electrolyte_imbalance", "when.status"]),
    ("urgency.toml", _replace('level = "urgent"\nwhen', 'level = "very_urgent"\nwhen'),
     ["urgency.toml", "rules", "level"]),
    ("urgency.toml", _replace('when = { any_sign = true }', 'when = {}'),
     ["urgency.toml", "id=any_warning_sign", "when"]),
    ("urgency.toml", _replace("rank = 3", "rank = 0"), ["urgency.toml", "levels", "rank"]),
    ("article.toml", _replace('id = "frequent_recurring"', 'id = "frequent"'),
     ["frequent_recurring", "article section"]),
    ("article.toml", _replace('kind = "sign"', 'kind = "clue"'), ["article.toml", "sections[3]", "kind"]),
    ("sources.toml", _replace('url = "https://www.nhs.uk/conditions/leg-cramps/"', 'url = "http://nhs.uk"'),
     ["sources.toml", "nhs_leg_cramps", "url"]),
    ("signs.toml", _replace("[[signs]]", "[[signs]\n", 1), ["signs.toml", "not valid TOML"]),
    ("signs.toml", lambda _text: "", ["signs.toml", "signs", "at least one entry"]),
    ("labs.toml", _replace('id = "magnesium"', 'id = "calcium"'), ["labs.toml", "labs[3] (id=calcium)", "used twice"]),
    ("signs.toml", _replace("threshold = 7", "threshhold = 7"),
     ["signs.toml", "intense_prolonged_pain", "conditions[1]", "threshhold", "not a field"]),
    ("causes.toml", _replace("min_points_to_lead = 3", ""), ["causes.toml", "model", "min_points_to_lead", "missing"]),
    ("inputs.toml", _replace('group = "movements"\ndefault = false', 'group = "movements"\ndefault = 3'),
     ["inputs.toml", "inputs[7] (id=twitching)", "default", "true or false"]),
    ("inputs.toml", _replace("step = 1", "step = 0.5"),
     ["inputs.toml", "inputs[1] (id=pain)", "step", "whole numbers"]),
    ("labs.toml", _replace("  level = \"urgent\"\n  below = 3.0", "  level = \"urgent\""),
     ["labs.toml", "labs[1] (id=potassium) bands[2]", "below", "needs below, at_or_above"]),
    ("signs.toml", _replace("teaching = false", "teaching = true"),
     ["signs.toml", "conditions[2]", "teaching", 'exactly when source is "teaching"']),
    ("causes.toml", _replace('direction = "for"', 'direction = "against"', 99),
     ["causes.toml", "causes[1] (id=nerve_damage)", "clues", 'direction "for"']),
    ("sources.toml", _replace('id = "teaching"', 'id = "teachings"'), ["sources.toml", '"id"', '"teaching"']),
    ("room.toml", _replace('start = "Start a room vote"', 'start = " "'), ["room.toml", "stage", '"start"', "empty"]),
    ("room.toml", _replace('start = "Start a room vote"', "start = 3"), ["room.toml", "stage", '"start"', "text"]),
    ("room.toml", _replace("start = ", "strat = "), ["room.toml", "stage", '"strat"', "not a field"]),
    ("room.toml", _replace("[phone]", "[phones]"), ["room.toml", '"phones"', "not a field"]),
    ("room.toml", _replace('join = "Join"\n', ""), ["room.toml", "phone", '"join"', "missing"]),
    ("room.toml", _replace("Code: {alias}", "Code: {code}"),
     ["room.toml", "stage", '"join_code"', "must have {alias} (found {code})"]),
    ("room.toml", _replace("{count} answers", "{count answers"), ["room.toml", "stage", '"answers"', "placeholder"]),
    ("room.toml", _replace("Why: {why}", "Why:"), ["room.toml", "phone", '"why"', "must have {why} (found none)"]),
]


def _load(folder: Path, file: str) -> object:
    """Read what a broken ``file`` breaks: the room vote's words are read on their own (ui/room.py), the rest as the
    content."""
    if file == "room.toml":
        return model.decode(folder, file, model.RoomWords)
    return explainer.load_content(folder)


@pytest.mark.parametrize(("file", "change", "words"), BROKEN)
def test_a_broken_file_names_file_row_and_field(
    data_copy: Callable[[str, Callable[[str], str]], Path], file: str, change: Callable[[str], str], words: list[str]
) -> None:
    folder = data_copy(file, change)
    with pytest.raises(DataError) as caught:
        _load(folder, file)
    message = str(caught.value)
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"
    assert "Traceback" not in message


@pytest.mark.parametrize("file", sorted(p.name for p in DATA.glob("*.toml") if p.name in {
    "article.toml", "sources.toml", "inputs.toml", "signs.toml", "labs.toml", "causes.toml", "urgency.toml"}))
def test_a_missing_file_is_named(tmp_path: Path, file: str) -> None:
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    (folder / file).unlink()
    with pytest.raises(DataError, match=re.escape(file) + ".*missing"):
        explainer.load_content(folder)


def test_page_words_load_and_their_claims_name_known_sources(content: explainer.Content) -> None:
    words = explainer.content.load_words("pages.toml", DATA)
    claims = {f"{table}.{field}": source for table, fields in words.items() for field, source in fields.items()
              if field.endswith("_source")}
    assert claims, "pages.toml names a source for its claims"
    for where, source in claims.items():
        assert source in content.sources, f"{where}: unknown source {source!r}"
    for table in ("common", "sidebar", "home", "warning_signs", "causes", "about"):
        assert words[table], table


@pytest.mark.parametrize(("change", "message"), [
    (_replace('title = "Your scenario"', "title = 3"), 'pages.toml, sidebar, field "title": must be text'),
    (_replace('title = "Your scenario"', 'title = " "'), 'pages.toml, sidebar, field "title": must not be empty'),
    (lambda text: "intro = 3\n" + text, 'pages.toml, field "intro": must be a table of fields'),
])
def test_broken_page_words_name_file_row_and_field(
    data_copy: Callable[[str, Callable[[str], str]], Path], change: Callable[[str], str], message: str
) -> None:
    folder = data_copy("pages.toml", change)
    with pytest.raises(DataError) as caught:
        explainer.content.load_words("pages.toml", folder)
    assert str(caught.value) == message
