"""What the warning signs and the causes show: their cards, charts, tables and chart files. They lay out results;
every decision comes from ``explainer``. The advice is in ui/advice.py, the page's frame in ui/frame.py."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

import explainer
from explainer import charts, exports, story
from explainer.assessment import points_text
from explainer.charts import ChartSpec, status_word
from explainer.words import cite, first_sentence
from ui import keys, live, state, updating
from ui.files import handout_download, visit_files
from ui.frame import article_quote, disclaimer, link_notes, source_text, term_notes  # noqa: F401  (for present.py)
from ui.load import words


def chart(spec: ChartSpec, description: str, key: str, table: pd.DataFrame | None = None) -> None:
    """A chart from ``explainer.charts``, named by ``description``, with its numbers as a table for screen readers.

    The name goes into the spec (Vega makes it the chart's one accessible name; the theme hides axes and marks from
    screen readers), not into Streamlit's ``alt``, which would repeat it on every toolbar button; the toolbar itself
    is hidden (ui/assets/charts.css). Streamlit sends a spec's named datasets apart from the spec, so the spec the
    browser gets stays the same while only the numbers change: on a page with live parts the name must change only
    when the picture's meaning does (charts.sign_plane_alt), as a changed spec makes the browser rebuild the chart.
    ``table``: the chart's data, right after it, visually hidden (the page shows the same numbers in words).
    """
    st.vega_lite_chart(spec.described(description).for_streamlit(), key=key, width="stretch")
    if table is not None:
        chart_table(table)


def chart_table(table: pd.DataFrame) -> None:
    """A chart's data as a table, visually hidden, for screen readers (the page shows the same numbers in words)."""
    caption = html.escape(words("common")["chart_table_caption"])
    st.html(f'<div class="chart-table">{table.to_html(index=False, escape=True, border=0)}'
            .replace("<thead>", f"<caption>{caption}</caption><thead>", 1) + "</div>")


def chart_downloads(make_spec: Callable[[], dict[str, Any]], file_stem: str, key: str) -> None:
    """PNG and SVG buttons for a chart. The files are made only when a button is pressed, on this server."""
    formats = (("png", exports.chart_png, "image/png"), ("svg", exports.chart_svg, "image/svg+xml"))
    made = visit_files()
    with st.container(horizontal=True, key=f"{key}-downloads"):
        for suffix, export, mime in formats:

            def draw(suffix: str = suffix, export: Callable[[Any], bytes | str] = export) -> bytes | str:
                spec = make_spec()
                return exports.one_at_a_time(made, exports.file_key(suffix, spec), lambda: export(spec))

            st.download_button(
                words("common")[f"{suffix}_label"],
                data=draw,
                file_name=f"{file_stem}.{suffix}",
                mime=mime,
                on_click="ignore",
                wrap=True,
                key=f"{key}-{suffix}",
            )


def sign_title(content: explainer.Content, sign_id: str) -> None:
    """A sign's number and title, as the heading of its card (its status is in the card's live part)."""
    number = [s.id for s in content.signs].index(sign_id) + 1
    st.markdown(f"### {number}. {content.sign(sign_id).title}")


def sign_status(assessment: explainer.Assessment, sign_id: str) -> None:
    """A sign's status in words and symbol ("**✓ Not crossed**"), at the top of its card: one short line, so on a
    phone the chart still fits on the first screen under the inputs. "Updating…" stands in its place while a slider
    moves (ui/updating.py)."""
    with st.container(key=updating.status_key(sign_id)):
        st.markdown(f"**{status_word(assessment.sign(sign_id).crossed)}**")


def sign_status_shown(assessment: explainer.Assessment, sign_id: str) -> object:
    """All that :func:`sign_status` draws from."""
    return assessment.sign(sign_id).crossed


def sign_details(content: explainer.Content, assessment: explainer.Assessment, sign_id: str) -> None:
    """Under a sign's chart: its numbers as a table for screen readers, and why it is crossed or not."""
    chart_table(_sign_chart_parts(content, assessment, sign_id)[2])
    with st.container(key=updating.answer_key(sign_id, "reason")):  # hidden while the status waits
        st.markdown(assessment.sign(sign_id).reason)


def sign_sources(content: explainer.Content, assessment: explainer.Assessment, sign_id: str) -> None:
    """Where a sign's lines come from, whether one is a teaching line, and its sources: the same whatever the
    inputs, so drawn with the page, not with a move."""
    st.caption("  \n".join(_sign_notes(content, assessment.sign(sign_id))))


def sign_note(content: explainer.Content, assessment: explainer.Assessment, sign_id: str) -> None:
    """Under a sign's card, what it means for the advice: for a crossed sign, what it may mean and what to tell the
    doctor (the article's words, made plain); for a sign not crossed beside an Urgent advice, the rule that
    decided the advice, so the page never seems to disagree with itself. Nothing otherwise."""
    common = words("common")
    crossed = words("crossed")
    if assessment.sign(sign_id).crossed:
        means = crossed[f"{sign_id}_means"]
        st.markdown(
            common["crossed_means"].format(means=means) + "  \n"
            + common["crossed_tell"].format(tell=crossed[f"{sign_id}_tell"])
        )
        st.caption(source_text(content, [crossed["source"]]))
        term_notes(content, [means])
    elif assessment.urgency == explainer.Urgency.URGENT:
        rule = assessment.urgency_rule
        st.markdown(common["advice_other_rule"].format(
            reason=first_sentence(rule.reason), source=cite(content.sources[rule.source], link=True, secondary=False)
        ))


def sign_note_shown(assessment: explainer.Assessment, sign_id: str) -> object:
    """All that :func:`sign_note` draws from."""
    crossed = assessment.sign(sign_id).crossed
    return crossed, None if crossed or assessment.urgency != explainer.Urgency.URGENT else assessment.urgency_rule


def sign_chart(content: explainer.Content, assessment: explainer.Assessment, sign_id: str) -> None:
    """The sign's own chart: a plane for a two-part sign (so "and" and "or" show), tiles for a sign of yes/no lines
    (the same as on the stage), else its bars. Its numbers are in the table :func:`sign_details` draws."""
    spec, description, _ = _sign_chart_parts(content, assessment, sign_id)
    chart(spec, description, key=f"sign-chart-{sign_id}")


def sign_chart_shown(content: explainer.Content, assessment: explainer.Assessment, sign_id: str) -> object:
    """All that the server must send of a sign's chart (``live.part``'s ``shows``). A plane's point follows its
    sliders in the browser (ui/follow.py), so only its accessible name, which changes with the sign's status, and
    its lines (moved by a teaching line) need a redraw: a move that leaves the status as it was sends no chart.
    Tiles and bars are drawn from the server's rows, so any change of them."""
    spec, description, _ = _sign_chart_parts(content, assessment, sign_id)
    if charts.plane_inputs(content, sign_id):
        return description, id(content)  # the lines are the content's (moved teaching lines make a new one)
    return description, spec.rows.to_json()


def _sign_chart_parts(content: explainer.Content, assessment: explainer.Assessment, sign_id: str
                      ) -> tuple[ChartSpec, str, pd.DataFrame]:
    """A sign's chart, its accessible name and its numbers as a table."""
    if charts.plane_inputs(content, sign_id):
        # The plane follows its sliders in the browser (ui/follow.py, mounted on the page that shows sign cards).
        spec = charts.sign_plane_spec(assessment, content, sign_id=sign_id, follow=True)
        description = charts.sign_plane_alt(assessment, content, sign_id=sign_id)  # changes only with the status
        return spec, description, charts.sign_table(assessment, content, sign_ids=(sign_id,))
    if charts.is_yes_no(assessment, sign_id):
        return (charts.yes_no_spec(assessment, sign_id), charts.yes_no_description(assessment, sign_id),
                charts.yes_no_table(assessment, sign_id))
    return (charts.sign_chart_spec(assessment, content, sign_ids=(sign_id,)),
            charts.sign_chart_description(assessment, content, sign_ids=(sign_id,)),
            charts.sign_table(assessment, content, sign_ids=(sign_id,)))


def _sign_notes(content: explainer.Content, sign: explainer.SignResult) -> list[str]:
    """Where a sign's lines come from, whether one is a teaching line, and its sources."""
    common = words("common")
    notes = [
        common["line_from"].format(name=condition.name, why=condition.why)
        for condition in sign.conditions
        if condition.op != "is_true"
    ]
    if sign.teaching:
        notes.append(common["teaching_note"])
    notes.append(source_text(content, list(sign.sources)))
    return notes


SIGN_RESULTS = "sign-results"  # the live part that holds the all-signs chart (pages/warning-signs.py)


def sign_results(content: explainer.Content, assessment: explainer.Assessment, lazy: bool = True) -> None:
    """What follows from every input on /warning-signs: the four signs in one chart, its table and downloads, and
    the worksheet and handout.

    With ``lazy``, the chart sits in a closed section that draws it only when opened: each sign already has its
    own chart beside its inputs, and a chart nobody looks at would cost every move a redraw (docs/performance.md).
    """
    text = words("warning_signs")
    if lazy:
        section = live.folded(text["chart_heading"], keys.ALL_SIGNS, SIGN_RESULTS)
        with section:
            if section.open:
                _all_signs_chart(content, assessment, text)
    else:
        st.markdown("## " + text["chart_heading"])
        _all_signs_chart(content, assessment, text)




def _all_signs_chart(content: explainer.Content, assessment: explainer.Assessment, text: dict[str, str]) -> None:
    st.markdown(text["intro"])
    # The signs with numbers as bars against their lines; a sign of yes/no lines as its tiles (nothing to measure).
    measured = tuple(s.id for s in assessment.signs if not charts.is_yes_no(assessment, s.id))
    bars = charts.sign_chart_spec(assessment, content, sign_ids=measured)
    chart(bars, charts.sign_chart_description(assessment, content, sign_ids=measured), "sign-chart")
    chart_downloads(bars.full, "warning-signs-chart", "sign-chart")
    for sign in assessment.signs:
        if sign.id not in measured:
            chart(charts.yes_no_spec(assessment, sign.id), charts.yes_no_description(assessment, sign.id),
                  f"sign-tiles-{sign.id}")
    st.table(charts.sign_table(assessment, content), hide_index=True)


def cause_summary(content: explainer.Content, assessment: explainer.Assessment) -> None:
    """The cause chart, the cause that stands out (if one does), and the common triggers present."""
    text = words("causes")
    # The bars follow the sliders in the browser (ui/follow.py, mounted on /causes).
    # Its name says every cause with its points, in drawn order (the table of clues follows in its own section).
    chart(charts.cause_chart_spec(assessment, content, follow=True), charts.cause_chart_description(assessment),
          key="cause-chart")
    leading = assessment.leading_cause
    if leading:
        st.markdown(text["leading"].format(name=leading.name, points=leading.points))
    else:
        st.markdown(text["no_leading"].format(min=assessment.min_points_to_lead))
    cause_story(assessment)
    triggers = assessment.common_triggers
    names = ", ".join(fit.name for fit in triggers)
    st.markdown(text["triggers"].format(names=names) if triggers else text["no_triggers"])


def cause_story(assessment: explainer.Assessment, steps: bool = True) -> None:
    """Under the cause chart, when no cause stands out or an everyday one does: what the NHS says first, and (with
    ``steps``; the stage has no room for them) the self-care steps that fit, each with its source
    (``explainer.story``)."""
    content = state.content_or_stop()
    told = story.cause_story(assessment, content)
    if told.kind in ("red_flag", "stands_out"):
        return
    with st.container(key="cause-story"):
        st.markdown(f"**{told.text}** ({source_text(content, [told.source])})")
        if steps:
            st.markdown(f"**{told.steps_heading}:**\n" + "\n".join(
                f"- {step.text} ({source_text(content, [step.source])})" for step in told.steps))


CAUSE_RESULTS = "cause-results"  # the live part that holds the cause table (pages/causes.py)


def cause_results(content: explainer.Content, assessment: explainer.Assessment) -> None:
    """The cause chart's numbers as a table, in a closed section that draws it only when opened (a table nobody
    looks at would cost every move a redraw, docs/performance.md)."""
    section = live.folded(words("common")["table_label"], keys.CAUSE_TABLE, CAUSE_RESULTS)
    with section:
        if section.open:
            st.table(charts.cause_table(assessment, content), hide_index=True)


def cause_downloads(content: explainer.Content) -> None:
    """The cause chart as PNG and SVG, and the worksheet and handout: made from the inputs at the press."""
    latest = state.latest()
    chart_downloads(
        lambda: charts.cause_chart_spec(latest.now()).full(), "causes-chart", "cause-chart"
    )
    handout_download(content, key="handout-causes")


def cause_card(content: explainer.Content, fit: explainer.CauseFit) -> None:
    """One cause: its fit, every clue for and against it (present or not) with why, its sources, the article."""
    cause = content.cause(fit.id)
    common = words("common")
    clues = [
        common["clue_line"].format(
            mark=common["clue_present" if clue.present else "clue_absent"],
            direction=clue.direction,
            tier=clue.tier_label,
            points=points_text(clue.points),
            text=clue.text,
            explain=clue.explain,
        )
        for clue in fit.clues
    ]
    kind = common["serious_cause" if fit.kind == "serious" else "everyday_cause"]
    points = common["evidence"].format(points=points_text(fit.points))
    with st.container(key=f"cause-{fit.id}", border=True):
        st.markdown(f"### {fit.name}: {points}\n\n{fit.explanation}\n\n" + "\n".join(clues))
        notes = [f"{kind}. {cause.summary}", source_text(content, [clue.source for clue in fit.clues])]
        if fit.kind == "everyday":
            notes.append(common["everyday_no_treatment"])
        st.caption("  \n".join(notes))
        term_notes(content, [fit.name, cause.summary])
        if fit.kind == "serious":
            article_quote(
                content,
                cause.section,
                common["treatments_label"],
                note=common["treatments_note"],
                waits=True,
                part=f"cause-{fit.id}",  # the card's live part (pages/causes.py)
            )


