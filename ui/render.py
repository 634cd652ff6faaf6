"""Small Streamlit pieces the pages share. They lay out results; every decision comes from ``explainer``."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

import explainer
from explainer import exports, glossary, handout
from explainer.charts import ChartSpec, status_word

SHORT_DISCLAIMER = (
    "This is an educational explainer, not a diagnosis or medical advice. "
    "If you are worried about your symptoms, talk to a health professional."
)


def disclaimer() -> None:
    st.caption(SHORT_DISCLAIMER)


def source_text(content: explainer.Content, source_ids: tuple[str, ...] | list[str]) -> str:
    """Sources as Markdown links, e.g. "Sources: [NHS](https://...) · The article"."""
    parts = []
    for source_id in dict.fromkeys(source_ids):
        source = content.sources[source_id]
        parts.append(f"[{source.short}]({source.url})" if source.url else source.short)
    label = "Source" if len(parts) == 1 else "Sources"
    return f"{label}: " + " · ".join(parts)


def article_quote(
    content: explainer.Content, section_id: str, label: str = "What the article says", note: str = ""
) -> None:
    """A section of the article, word for word, folded away, with its source and the hard words in it."""
    section = content.section(section_id)
    with st.expander(label):
        st.markdown("\n\n".join("> " + paragraph for paragraph in section.paragraphs))
        st.caption(source_text(content, ["article"]) + note)
        words_in_part(content, section.paragraphs)


def words_in_part(content: explainer.Content, texts: tuple[str, ...] | list[str]) -> None:
    """The glossary words in ``texts``, each with its plain definition and source (nothing if there are none)."""
    terms = glossary.terms_in(texts)
    if not terms:
        return
    st.markdown(
        "**Words in this part**\n\n"
        + "\n".join(f"- **{t.term}**: {t.definition} ({source_text(content, [t.source])})" for t in terms)
    )


def chart(chart: ChartSpec, description: str, key: str) -> None:
    """A chart from ``explainer.charts`` with its text alternative.

    Streamlit sends a spec's named datasets apart from the spec, so the spec the browser gets stays the same
    while only the numbers change.
    """
    st.vega_lite_chart(chart.full(), alt=description, key=key, width="stretch")


def chart_with_table(
    spec: ChartSpec, description: str, table: pd.DataFrame, key: str, downloads: str = ""
) -> None:
    """A chart, its text alternative, and the same numbers as a table for anyone who prefers one.

    With ``downloads`` (a file name without extension), PNG and SVG download buttons follow the chart.
    """
    chart(spec, description, key)
    if downloads:
        chart_downloads(spec.full, downloads, key)
    with st.expander("Show the chart as a table"):
        st.table(table, hide_index=True)


def chart_downloads(make_spec: Callable[[], dict[str, Any]], file_stem: str, key: str) -> None:
    """PNG and SVG buttons for a chart. The files are made only when a button is pressed, on this server."""
    with st.container(horizontal=True, key=f"{key}-downloads"):
        st.download_button(
            "Download the chart (PNG picture)",
            data=lambda: exports.chart_png(make_spec()),
            file_name=f"{file_stem}.png",
            mime="image/png",
            on_click="ignore",
            key=f"{key}-png",
        )
        st.download_button(
            "Download the chart (SVG drawing)",
            data=lambda: exports.chart_svg(make_spec()),
            file_name=f"{file_stem}.svg",
            mime="image/svg+xml",
            on_click="ignore",
            key=f"{key}-svg",
        )


def handout_download(content: explainer.Content, assessment: explainer.Assessment, key: str) -> None:
    """A button that saves the scenario as a one-page, print-ready HTML handout."""
    st.download_button(
        "Download a one-page handout",
        data=functools.partial(handout.handout_html, assessment, content, SHORT_DISCLAIMER),
        file_name="muscle-spasms-handout.html",
        mime="text/html",
        on_click="ignore",
        key=key,
        help="A page to print or share: the scenario, the crossed signs, what to do next, the causes and sources.",
    )


def sign_card(content: explainer.Content, sign: explainer.SignResult) -> None:
    """One warning sign: its status in words and symbol, why, where the lines come from, the article text."""
    number = [s.id for s in content.signs].index(sign.id) + 1
    # Few elements per card: every element is a message to the browser on every rerun (docs/performance.md).
    with st.container(key=f"sign-{sign.id}", border=True):
        st.markdown(f"### {number}. {sign.title}\n\n**{status_word(sign.crossed)}**\n\n{sign.reason}")
        notes = [
            f"Where the line for {condition.name} comes from: {condition.why}"
            for condition in sign.conditions
            if condition.op != "is_true"
        ]
        if sign.teaching:
            notes.append("A line marked as ours is a teaching threshold, not a clinical cut-off.")
        notes.append(source_text(content, list(sign.sources)))
        st.caption("  \n".join(notes))
        article_quote(content, sign.id)


def cause_card(content: explainer.Content, fit: explainer.CauseFit) -> None:
    """One cause: its fit, every clue for and against it (present or not) with why, its sources, the article."""
    cause = content.cause(fit.id)
    clues = []
    for clue in fit.clues:
        mark = "✓ present" if clue.present else "– not present"
        clues.append(f"- **{mark}**, counts {clue.direction} (weight {clue.weight:g}): {clue.text}. {clue.explain}")
    kind = "Serious cause" if fit.kind == "serious" else "Everyday cause"
    with st.container(key=f"cause-{fit.id}", border=True):
        st.markdown(f"### {fit.name}: {fit.score:.0%} fit\n\n{fit.explanation}\n\n" + "\n".join(clues))
        notes = [f"{kind}. {cause.summary}", source_text(content, [clue.source for clue in fit.clues])]
        if fit.kind == "everyday":
            notes.append("The article names this as an everyday cause and gives no treatment for it.")
        st.caption("  \n".join(notes))
        if fit.kind == "serious":
            article_quote(
                content,
                cause.section,
                "What the article says, and its treatments",
                note=". Treatments are listed to explain the article, not as advice.",
            )


def urgency_panel(content: explainer.Content, assessment: explainer.Assessment) -> None:
    """What to do next, the rule that decided it, the other rules that apply, and their sources."""
    level = content.level(assessment.urgency.value)
    with st.container(key="urgency", border=True):
        st.markdown(f"## What to do next: {level.symbol} {level.label}")
        st.markdown(f"**{level.action}**")
        rule = assessment.urgency_rule
        st.write(f"Why: {rule.reason}")
        st.caption(source_text(content, [rule.source]))
        others = [r for r in assessment.fired_rules if r.id != rule.id]
        if others:
            st.markdown("Other reasons that apply:")
            for other in others:
                other_level = content.level(other.level.value)
                st.markdown(
                    f"- {other_level.symbol} {other_level.label}: {other.reason} "
                    f"({source_text(content, [other.source])})"
                )
        st.caption("This is what the article and its sources say in general. It is not advice for you.")


def page_top(notes: tuple[str, ...]) -> None:
    """What every page starts with: the short disclaimer, and notes about the link if it had bad values."""
    disclaimer()
    link_notes(notes)


def link_notes(notes: tuple[str, ...]) -> None:
    """Notes about a link's ignored values. Plain text only: a link's text is never shown or run as markup."""
    if notes:
        with st.container(key="link-notes"):
            st.warning("Some parts of the link could not be used:", icon=":material/info:")
            for note in notes:
                st.text("• " + note)
