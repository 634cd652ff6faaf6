"""The About page's parts: the rules as tables, the worked example of how a cause's evidence adds up, and the list
of sources, each from data/ and the words in data/pages.toml."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

import explainer
from explainer import thresholds
from explainer.scenarios import find_scenario
from ui import classroom
from ui.frame import table

__all__ = ["rules_tables", "source_list", "worked_example"]


def rules_tables(content: explainer.Content, text: Mapping[str, str]) -> None:
    """The lines of the signs, the urgency rules and the blood tests, each a table under its heading."""
    for part, rows in (
        ("lines", thresholds.threshold_rows(content)),
        ("rules", thresholds.urgency_rows(content)),
        ("labs", thresholds.lab_rows(content)),
    ):
        st.markdown("## " + text[f"{part}_heading"])
        st.markdown(text[part])
        table(rows)


def worked_example(content: explainer.Content, text: Mapping[str, str]) -> None:
    """How a cause's evidence adds up: the tiers, one teaching case scored clue by clue, and the everyday clues."""
    st.markdown("## " + text["fit_heading"])
    st.markdown(text["fit"])
    st.markdown("### " + text["tiers_heading"])
    table(thresholds.tier_rows(content))
    st.markdown("### " + text["example_heading"])
    case = find_scenario(thresholds.EXAMPLE_CASE, classroom.classroom_or_stop(content)[0])
    if case is not None:
        example = explainer.assess(case.inputs, content)
        st.markdown(text["example_intro"].format(title=case.title, story=case.story))
        st.markdown(
            "\n".join(
                text["example_line"].format(cause=name, clues=" + ".join(parts) or text["example_none"], points=points)
                for name, parts, points in thresholds.evidence_lines(example)
            )
        )
        leading = example.leading_cause
        st.markdown(
            text["example_leads"].format(name=leading.name, min=content.min_points_to_lead)
            if leading
            else text["example_no_lead"]
        )
    st.markdown(text["everyday"])
    table(thresholds.clue_rows(content))


def source_list(content: explainer.Content, text: Mapping[str, str]) -> None:
    """Every source in data/sources.toml, with its publisher, whether it was checked first-hand, and its link."""
    st.markdown("## " + text["sources_heading"])
    st.markdown(
        "\n".join(
            f"- **{source.short}**: {source.title}. {source.publisher}{'' if source.verified else text['secondary']}."
            + (f" [{source.url}]({source.url})" if source.url else "")
            for source in content.sources.values()
        )
    )
