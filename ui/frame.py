"""What every page has around its content: the disclaimer, notes about a link, a case's banner, the page's main
message, the article's words with their source, and the hard words explained where they appear."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

import explainer
from explainer import glossary
from explainer.words import cite, noun
from ui import classroom, keys, live, state
from ui.load import words

__all__ = [
    "article_quote", "disclaimer", "link_notes", "page_message", "page_top", "source_text", "table", "term_notes",
    "words_in_part",
]


def disclaimer() -> None:
    st.caption(words("common")["disclaimer"])


def source_text(content: explainer.Content, source_ids: tuple[str, ...] | list[str]) -> str:
    """Sources as Markdown links, e.g. "Sources: [NHS](https://...) · The article"."""
    parts = [cite(content.sources[source_id], link=True, secondary=False) for source_id in dict.fromkeys(source_ids)]
    return f"{noun(len(parts), 'Source')}: " + " · ".join(parts)


def article_quote(
    content: explainer.Content, section_id: str, label: str = "", note: str = "", waits: bool = False,
    part: str | None = None,
) -> None:
    """A section of the article, word for word, folded away, with its source and the hard words in it.

    With ``waits`` (on a page with live parts), the words are drawn only when the section is opened, which reruns
    the live part ``part`` it sits in, or the whole page (``live.folded``).
    """
    section = content.section(section_id)
    label = label or words("common")["article_label"]
    if not waits:
        with st.expander(label):
            _quote(content, section, note)
        return
    words_section = live.folded(label, keys.article_section(section_id), part)
    with words_section:
        if words_section.open:
            _quote(content, section, note)


def _quote(content: explainer.Content, section: explainer.content.Section, note: str) -> None:
    st.markdown("\n\n".join("> " + paragraph for paragraph in section.paragraphs))
    st.caption(source_text(content, ["article"]) + note)
    words_in_part(content, section.paragraphs)


def words_in_part(content: explainer.Content, texts: tuple[str, ...] | list[str]) -> None:
    """The glossary words in ``texts``, each with its plain definition and source (nothing if there are none)."""
    terms = glossary.terms_in(texts, state.glossary_terms())
    if not terms:
        return
    st.markdown(
        f"**{words('common')['words_label']}**\n\n"
        + "\n".join(f"- **{t.term}**: {t.definition} ({source_text(content, [t.source])})" for t in terms)
    )


def term_notes(content: explainer.Content, texts: tuple[str, ...] | list[str]) -> None:
    """The glossary's words in ``texts``, each with its plain meaning and source, in one small line each (nothing
    if there are none): a hard word is explained where it appears."""
    terms = glossary.terms_in(texts, state.glossary_terms())
    if terms:
        line = words("common")["term_line"]
        st.caption("  \n".join(
            line.format(term=t.term, definition=t.definition, source=source_text(content, [t.source])) for t in terms
        ))


def page_message(content: explainer.Content, text: dict[str, str]) -> None:
    """A page's one main message, first and in bold, with its sources."""
    st.markdown(f"**{text['message']}**")
    st.caption(source_text(content, [text["message_source"], *filter(None, [text.get("message_source_more")])]))


def page_top(notes: tuple[str, ...], case_banner: bool = True, with_disclaimer: bool = True) -> None:
    """What every page starts with: the short disclaimer, notes about the link if it had bad values, and, for a
    visitor who came by a link naming a teaching case, that case's banner (``case_banner=False`` leaves it out,
    on pages that show the case's story themselves). A page that shows what to do next passes
    ``with_disclaimer=False``: its advice panel says the disclaimer below the action (:func:`urgency_panel`)."""
    if with_disclaimer:
        disclaimer()
    link_notes(notes)
    if case_banner:
        classroom.linked_case_banner(state.content_or_stop())


def link_notes(notes: tuple[str, ...]) -> None:
    """Notes about a link's ignored values. Plain text only: a link's text is never shown or run as markup."""
    if notes:
        with st.container(key="link-notes"):
            st.warning(words("common")["link_notes"], icon=":material/info:")
            for note in notes:
                st.text("• " + note)


def table(rows: Sequence[Mapping[str, object]]) -> None:
    """Rows (each a mapping of column to value, the same columns in each) as a table in the page's own text.

    Why not ``st.table``: Streamlit 1.67 draws it as a 40 px placeholder first and the table a moment later, and
    everything below jumps (a layout shift of 0.2-0.6 on /about, issue 20). A Markdown table is drawn with its
    text, at its full height, at once. A value's own ``|`` and line breaks are escaped, so it stays in its cell.
    """
    if not rows:
        return
    columns = list(rows[0])

    def cell(value: object) -> str:
        return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cell(c) for c in columns) + " |", "| " + " | ".join("---" for _ in columns) + " |"]
    lines += ["| " + " | ".join(cell(row[c]) for c in columns) + " |" for row in rows]
    st.markdown("\n".join(lines))
