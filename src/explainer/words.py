"""The generated words' small grammar: a count with its noun, a list in prose, a source's name.

Every sentence the app builds from numbers and lists goes through these, so "1 points" or "a, b, and c" cannot
creep back in one place and not another.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explainer.content import Source

__all__ = ["cite", "first_sentence", "line_text", "linked", "natural_list", "noun", "number_text", "plural"]


def number_text(count: float) -> str:
    """A count as written: whole numbers without a decimal point, others as short as they go.

    >>> number_text(4), number_text(4.0), number_text(1.5), number_text(12000)
    ('4', '4', '1.5', '12000')
    """
    if isinstance(count, int) or float(count).is_integer():
        return str(int(count))
    return f"{count:g}"


def noun(count: float, singular: str, plural: str | None = None) -> str:
    """The noun alone, in the number ``count`` asks for (``plural`` defaults to ``singular`` + "s").

    >>> noun(1, "Source"), noun(3, "Source"), noun(0, "person", "people")
    ('Source', 'Sources', 'people')
    """
    return singular if number_text(count) == "1" else (plural or singular + "s")


def plural(count: float, singular: str, plural: str | None = None) -> str:
    """A count with its noun.

    >>> plural(1, "point"), plural(4, "point"), plural(0, "point"), plural(1.0, "minute"), plural(2.5, "minute")
    ('1 point', '4 points', '0 points', '1 minute', '2.5 minutes')
    >>> plural(2, "person", "people")
    '2 people'
    """
    return f"{number_text(count)} {noun(count, singular, plural)}"


def natural_list(items: Sequence[str], conj: str = "and") -> str:
    """Items in prose, with no comma before the last joiner (the house style).

    >>> natural_list([]), natural_list(["pain"]), natural_list(["pain", "weakness"])
    ('', 'pain', 'pain and weakness')
    >>> natural_list(["a", "b", "c"]), natural_list(["leg", "foot", "hand"], conj="or")
    ('a, b and c', 'leg, foot or hand')
    """
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conj} {items[-1]}"


def cite(source: Source, *, link: bool = False, secondary: bool = True) -> str:
    """A source's name as the app writes it: its short name, a Markdown link with ``link`` (when it has an
    address), and "(secondary copy)" after a source we saw only in a copy, unless ``secondary`` is False.

    >>> from explainer.content import Source
    >>> nhs = Source("nhs", "NHS", "Leg cramps", "NHS", "https://www.nhs.uk/conditions/leg-cramps/", True)
    >>> cite(nhs), cite(nhs, link=True)
    ('NHS', '[NHS](https://www.nhs.uk/conditions/leg-cramps/)')
    >>> cite(Source("old", "Old book", "", "", "", False))
    'Old book (secondary copy)'
    """
    name = f"[{source.short}]({source.url})" if link and source.url else source.short
    return name if source.verified or not secondary else f"{name} (secondary copy)"


def line_text(op: str, threshold: float | None) -> str:
    """A sign's line in words.

    >>> line_text(">=", 7), line_text(">", 10.0), line_text("is_true", None)
    ('7 or more', 'more than 10', 'present')
    """
    if op == "is_true" or threshold is None:
        return "present"
    return f"{threshold:g} or more" if op == ">=" else f"more than {threshold:g}"


def linked(text: str, links: Mapping[str, str]) -> str:
    """``text`` as Markdown with the first place each phrase of ``links`` appears made a link to its address.

    A phrase the text does not hold is left out: the words stay as they are, without the link.

    >>> linked("Call 999 now and ask for an ambulance.", {"Call 999 now": "tel:999"})
    '[Call 999 now](tel:999) and ask for an ambulance.'
    >>> linked("Call 111 or use NHS 111 online.", {"Call 111": "tel:111", "NHS 111 online": "https://111.nhs.uk/"})
    '[Call 111](tel:111) or use [NHS 111 online](https://111.nhs.uk/).'
    """
    for phrase, address in links.items():
        start = text.find(phrase)
        if start >= 0:
            text = f"{text[:start]}[{phrase}]({address}){text[start + len(phrase):]}"
    return text


def first_sentence(text: str) -> str:
    """The first sentence of ``text``, with its full stop.

    >>> first_sentence("Potassium is 2.6 mmol/L: very low. Guidance says act today.")
    'Potassium is 2.6 mmol/L: very low.'
    >>> first_sentence("No full stop")
    'No full stop'
    """
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]
