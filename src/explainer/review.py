"""The tables of ``docs/clinical-review.md``, generated from ``data/``: every rule, band, line and clue with its
source's own words, so a clinician can check the app against its sources in one place.

The document keeps hand-written text (and its table of test cases) between generated parts marked
``<!-- generated:NAME -->`` ... ``<!-- end:NAME -->``. ``python -m explainer.review docs/clinical-review.md``
rewrites the generated parts in place; ``tests/test_clinical_review.py`` fails when they are out of date.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from explainer import rules
from explainer.content import Content, cached_content
from explainer.thresholds import band_text, range_text, threshold_rows
from explainer.words import cite

__all__ = ["SECTIONS", "generated", "main", "update_document"]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _source(content: Content, source_id: str) -> str:
    return cite(content.sources[source_id], link=True)


def _quote(quote: str) -> str:
    return f"“{_cell(quote)}”" if quote else "(not checked word for word; see the source)"


def _words(content: Content, quote: str, differs: str = "", differs_quote: str = "") -> str:
    """The source's words, and where another source says otherwise, that source and its words too."""
    text = _quote(quote)
    return text + (f" Another source differs: {_source(content, differs)}: {_quote(differs_quote)}" if differs else "")


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def rules_table(content: Content) -> str:
    """Every rule of ``data/urgency.toml``, most urgent level first, then the default."""
    rank = {level.id: level.rank for level in content.levels}
    ordered = sorted(content.rules, key=lambda rule: -rank[rule.level])
    rows = [
        [
            content.level(rule.level).label,
            f"`{rule.id}`",
            rules.words(rule.when, content),
            _source(content, rule.source),
            _words(content, rule.quote, rule.differs, rule.differs_quote),
            rule.reason,
        ]
        for rule in ordered
    ]
    rows.append(["Self-care", "`default`", "No rule applies", _source(content, content.default_source),
                 _quote(content.section("conclusion").paragraphs[0]), content.default_reason])
    return _table(["Level", "Rule", "When", "Source", "Source's words", "What the app says"], rows)


def labs_table(content: Content) -> str:
    """Every blood test range and danger band, in every unit."""
    rows = []
    for lab in content.labs.values():
        units = ((lab.unit, 1.0), *((u.unit, u.to_main) for u in lab.units))
        conversions = "; ".join(f"1 {lab.unit} = {1 / f:.4g} {u}" for u, f in units[1:])
        rows.append([
            lab.name,
            "outside the range, either way: See a doctor",
            range_text(lab),
            _source(content, lab.source),
            "(the lowest low and the highest high of the ranges below; ranges vary by laboratory)",
            "; ".join(part for part in (lab.note, conversions) if part),
        ])
        rows += [
            [lab.name, "one source's usual range", f"{g.low:g} to {g.high:g} {g.unit}", _source(content, g.source),
             _quote(g.quote), "A value inside this range is never called low or high."]
            for g in lab.ranges
        ]
        rows += [
            [
                lab.name,
                f"danger band: {content.level(band.level).label}",
                band_text(band.below, band.at_or_above, units),
                _source(content, band.source),
                _words(content, band.quote, band.differs, band.differs_quote),
                band.why,
            ]
            for band in lab.bands
        ]
    return _table(["Blood test", "Leads to", "Values", "Source", "Source's words", "Why"], rows)


def lines_table(content: Content) -> str:
    """Every line of the article's four warning signs: the About page's rows, with linked sources."""
    rows = threshold_rows(content, cite=_source)
    return _table(list(rows[0]), [list(row.values()) for row in rows])


def tiers_table(content: Content) -> str:
    rows = [[tier.id, str(tier.points), tier.meaning] for tier in content.tiers]
    rows.append(["(to stand out)", f"{content.min_points_to_lead} or more",
                 "and more points than any other cause; else no single cause stands out"])
    return _table(["Tier", "Points", "Meaning"], rows)


def clues_table(content: Content) -> str:
    rows = [
        [
            cause.name,
            clue.text,
            f"{clue.direction}, {clue.tier} ({'+' if clue.direction == 'for' else '-'}{clue.points})",
            rules.words(clue.when, content),
            _source(content, clue.source),
            _quote(clue.quote),
        ]
        for cause in content.causes
        for clue in cause.clues
    ]
    return _table(["Cause", "Clue", "Counts", "Test", "Source", "Source's words"], rows)


SECTIONS: dict[str, Callable[[Content], str]] = {
    "rules": rules_table,
    "labs": labs_table,
    "lines": lines_table,
    "tiers": tiers_table,
    "clues": clues_table,
}


def generated(name: str, content: Content) -> str:
    return SECTIONS[name](content)


def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(<!-- generated:{name} -->)(.*?)(<!-- end:{name} -->)", re.DOTALL)


def update_document(text: str, content: Content) -> str:
    """``text`` with every generated part made anew from ``data/``.

    Raises:
        ValueError: a generated part's markers are missing.
    """
    for name in SECTIONS:
        pattern = _pattern(name)
        if not pattern.search(text):
            raise ValueError(f"the document has no <!-- generated:{name} --> ... <!-- end:{name} --> part")
        table = generated(name, content)
        text = pattern.sub(lambda match, table=table: f"{match.group(1)}\n{table}\n{match.group(3)}", text)
    return text


def main(argv: list[str]) -> int:
    """``python -m explainer.review PATH``: rewrite the generated parts of the document at PATH."""
    if len(argv) != 1:
        print("usage: python -m explainer.review docs/clinical-review.md", file=sys.stderr)
        return 2
    path = Path(argv[0])
    path.write_text(update_document(path.read_text(encoding="utf-8"), cached_content()), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
