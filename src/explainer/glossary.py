"""The glossary: the article's hard words in plain words, each with a source, and where they appear in a text.

Read from ``data/glossary.toml`` and checked like every other data file: a problem raises
:class:`explainer.DataError` naming the file, the row and the field.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from explainer.content import DataError, Source, check_file, default_data_dir, load_sources
from explainer.model import GlossaryFile, decode, row_label

__all__ = ["Term", "cached_glossary", "load_glossary", "matching_terms", "terms_in"]

GLOSSARY_FILE = "glossary.toml"


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    aliases: tuple[str, ...]
    definition: str
    source: str

    @property
    def names(self) -> tuple[str, ...]:
        """The term and its aliases, longest first, so "herniated discs" wins over "herniated disc"."""
        return tuple(sorted(dict.fromkeys((self.term, *self.aliases)), key=len, reverse=True))


def load_glossary(data_dir: str | Path | None = None, sources: Mapping[str, Source] | None = None) -> tuple[Term, ...]:
    """Read and check ``glossary.toml`` in ``data_dir`` (default: the project's ``data/``).

    Raises:
        DataError: naming the file, the row and the field of the first problem found.
    """
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    known_sources = sources if sources is not None else load_sources(folder)
    decoded = decode(folder, GLOSSARY_FILE, GlossaryFile)
    check_file(GLOSSARY_FILE, decoded, known_sources)
    terms = []
    seen_names: dict[str, str] = {}
    for index, row in enumerate(decoded.terms):
        term = Term(id=row.id, term=row.term, aliases=row.aliases, definition=row.definition, source=row.source)
        for name in term.names:
            other = seen_names.setdefault(name.casefold(), term.id)
            if other != term.id:
                raise DataError(GLOSSARY_FILE, row_label("terms", index, row.id), "aliases",
                                f"{name!r} is already a name of the term {other!r}")
        terms.append(term)
    return tuple(terms)


@functools.cache
def cached_glossary(data_dir: str | None = None) -> tuple[Term, ...]:
    """:func:`load_glossary`, read once per folder and process."""
    return load_glossary(data_dir)


@functools.cache
def _pattern(name: str) -> re.Pattern[str]:
    # Whole words only: "ALS" must not match inside "also" or "calls".
    return re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)


def terms_in(text: str | Iterable[str], glossary: Iterable[Term] | None = None) -> tuple[Term, ...]:
    """The glossary terms that appear in ``text`` (one text or several), in the order they first appear.

    >>> [t.id for t in terms_in("Conditions like herniated discs, pinched nerves, or neuropathy")]
    ['herniated_disc', 'pinched_nerve', 'neuropathy']
    >>> terms_in("It also calls for rest.")
    ()
    """
    whole = text if isinstance(text, str) else "\n".join(text)
    found = []
    for term in glossary if glossary is not None else cached_glossary():
        starts = [m.start() for name in term.names if (m := _pattern(name).search(whole))]
        if starts:
            found.append((min(starts), term))
    return tuple(term for _, term in sorted(found, key=lambda pair: pair[0]))


def _folded(text: str) -> str:
    """Text for plain matching: any case, and any run of spaces counts as one space."""
    return " ".join(text.casefold().split())


def matching_terms(query: str, glossary: Iterable[Term]) -> tuple[Term, ...]:
    """The terms whose name, an alias or the definition contains ``query``, in the glossary's order.

    Plain text, not a pattern: any case, extra spaces ignored, and characters such as ``.`` or ``(`` are only
    themselves. An empty query matches every term.

    >>> words = [Term("als", "ALS", ("ALS",), "A disease that slowly harms the nerves.", "ninds_als"),
    ...          Term("calcium", "Calcium", ("calcium",), "A mineral for strong bones.", "medlineplus")]
    >>> [t.id for t in matching_terms("NERVES", words)]
    ['als']
    >>> [t.id for t in matching_terms("  strong   bones ", words)]
    ['calcium']
    >>> [t.id for t in matching_terms("", words)], matching_terms(".*", words)
    (['als', 'calcium'], ())
    """
    wanted = _folded(query)
    return tuple(
        term
        for term in glossary
        if not wanted or any(wanted in _folded(text) for text in (term.term, *term.aliases, term.definition))
    )
