"""What to do next: the advice panel, its level's colour (ui/assets/app.css) and words, and the page's summary."""

from __future__ import annotations

from typing import Any

import streamlit as st

import explainer
from explainer.words import linked
from ui import aria, keys, live
from ui.frame import disclaimer, source_text, term_notes
from ui.load import words

__all__ = ["rest_of_page", "summary", "summary_shown", "urgency_panel", "urgency_shown"]


def urgency_panel(
    content: explainer.Content, assessment: explainer.Assessment, part: str | None = None, compact: bool = False
) -> None:
    """What to do next: the action first (a phone number as a tap-to-call link), its route's sources, the first
    reason for it, then the short disclaimer, below the action. The hard words in them are explained beside them.

    At Emergency the panel says only what to do and why, with its source: nothing else in it competes. Otherwise
    the rule's source and the other rules that apply are drawn only when their section is opened, which reruns
    the live part ``part`` or the page (``live.folded``); ``compact`` (on /causes) leaves that section out and
    points to the warning signs page instead.
    """
    level = content.level(assessment.urgency.value)
    common = words("common")
    rule = assessment.urgency_rule
    action = linked(level.action, words("call_links"))
    heading = common["urgency_heading"].format(symbol=level.symbol, label=level.label)
    aria.advice_now(common["advice_now"].format(label=level.label))  # said when it changes, not drawn
    if assessment.urgency == explainer.Urgency.EMERGENCY:
        with st.container(key="urgency-emergency", border=True):
            st.markdown(f"## {level.symbol} {action}")  # the action first, and the number a link a phone can call
            st.markdown("### " + heading)
            st.markdown(common["urgency_why"].format(reason=rule.reason))
            st.caption(source_text(content, [rule.source]))
            term_notes(content, [level.action, rule.reason])
            disclaimer()
        return
    with st.container(key=f"urgency-{level.id}", border=True):
        st.markdown("## " + heading + f"\n\n**{action}**")
        st.markdown(common["urgency_why"].format(reason=rule.reason))  # the first reason, always in view
        sources = [*level.sources, rule.source]
        if assessment.urgency != explainer.Urgency.SELF_CARE:  # what going gives you, as well as the risk
            st.markdown(common["advice_benefit"])
            sources.append(common["advice_benefit_source"])
        st.caption(source_text(content, sources))
        term_notes(content, [level.action, rule.reason])
        disclaimer()
        if compact:
            st.caption(common["advice_on_signs"])
            return
        # The rule's own source and any other reasons, one tap away: on a phone the panel then leaves room for a
        # sign's inputs and its chart on the first screen.
        why = live.folded(common["urgency_why_label"], keys.ADVICE_WHY, part)
        with why:
            if not why.open:
                return
            st.caption(source_text(content, [rule.source]) + ". " + common["urgency_note"])
            others = [r for r in assessment.fired_rules if r.id != rule.id]
            if others:
                st.markdown(
                    common["urgency_others"].format(count=len(others)) + "\n\n" + "\n".join(
                        f"- {content.level(other.level.value).symbol} {content.level(other.level.value).label}: "
                        f"{other.reason} ({source_text(content, [other.source])})"
                        for other in others
                    )
                )


def urgency_shown(assessment: explainer.Assessment) -> object:
    """All that :func:`urgency_panel` draws from: the panel is the same whenever this is."""
    return assessment.urgency, assessment.urgency_rule, assessment.fired_rules


def summary(content: explainer.Content, assessment: explainer.Assessment) -> None:
    """The page in one line, at its end: how many signs are crossed, and what to do next."""
    level = content.level(assessment.urgency.value)
    crossed = sum(sign.crossed for sign in assessment.signs)
    st.markdown(words("common")["summary"].format(crossed=crossed, symbol=level.symbol, label=level.label))


def summary_shown(assessment: explainer.Assessment) -> object:
    """All that :func:`summary` draws from."""
    return assessment.urgency, tuple(sign.crossed for sign in assessment.signs)


def rest_of_page(assessment: explainer.Assessment) -> Any:
    """Where the rest of a page goes: the page itself, or, at Emergency, a closed section below the panel, so
    nothing competes with what to do now."""
    if assessment.urgency == explainer.Urgency.EMERGENCY:
        return st.expander(words("common")["emergency_rest"], expanded=False)
    return st.container()
