"""Small Streamlit pieces the pages share. They lay out results; every decision comes from ``explainer``."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

import explainer
from explainer.charts import status_word

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


def article_quote(content: explainer.Content, section_id: str, label: str = "What the article says") -> None:
    section = content.section(section_id)
    with st.expander(label):
        for paragraph in section.paragraphs:
            st.markdown("> " + paragraph)
        st.caption(source_text(content, ["article"]))


def chart_with_table(chart: alt.TopLevelMixin, description: str, table: pd.DataFrame, key: str) -> None:
    """A chart, its text alternative, and the same numbers as a table for anyone who prefers one."""
    st.altair_chart(chart, alt=description, key=key, width="stretch")
    with st.expander("Show the chart as a table"):
        st.table(table, hide_index=True)


def sign_card(content: explainer.Content, sign: explainer.SignResult) -> None:
    """One warning sign: its status in words and symbol, why, where the lines come from, the article text."""
    number = [s.id for s in content.signs].index(sign.id) + 1
    with st.container(key=f"sign-{sign.id}", border=True):
        st.markdown(f"#### {number}. {sign.title}")
        st.markdown(f"**{status_word(sign.crossed)}**")
        st.write(sign.reason)
        teaching = [c for c in sign.conditions if c.teaching]
        for condition in sign.conditions:
            if condition.op != "is_true":
                st.caption(f"Where the line for {condition.name} comes from: {condition.why}")
        if teaching:
            st.caption("A line marked as ours is a teaching threshold, not a clinical cut-off.")
        st.caption(source_text(content, list(sign.sources)))
        article_quote(content, sign.id)


def urgency_panel(content: explainer.Content, assessment: explainer.Assessment) -> None:
    """What to do next, the rule that decided it, the other rules that apply, and their sources."""
    level = content.level(assessment.urgency.value)
    with st.container(key="urgency", border=True):
        st.markdown(f"### What to do next: {level.symbol} {level.label}")
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
