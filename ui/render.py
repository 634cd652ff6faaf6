"""Small Streamlit pieces the pages share. They lay out results; every decision comes from ``explainer``."""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

import explainer
from explainer import charts, exports, glossary, handout, share, story, worksheet
from explainer.assessment import points_text
from explainer.charts import ChartSpec, status_word
from explainer.scenarios import Scenario, match_scenario
from explainer.words import cite, first_sentence, linked, noun
from ui import classroom, live, sharing, state
from ui.state import words


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
    words_section = live.folded(label, f"quote-{section_id}", part)
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
        caption = html.escape(words("common")["chart_table_caption"])
        st.html(f'<div class="chart-table">{table.to_html(index=False, escape=True, border=0)}'
                .replace("<thead>", f"<caption>{caption}</caption><thead>", 1) + "</div>")


def visit_files() -> dict[str, Any]:
    """This visit's own store of files drawn for download (in its session: nothing outlives the visit)."""
    return st.session_state.setdefault("_files", {})


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


def handout_download(
    content: explainer.Content,
    key: str,
    *,
    assessment: explainer.Assessment | None = None,
    case: Scenario | None = None,
) -> None:
    """Buttons that save a scenario as a one-page PDF worksheet (A4 or US Letter) and as an HTML handout.

    The files are made only when a button is pressed, on this server. Without ``assessment``, they are made from
    the visitor's inputs as they are at the press (``state.latest()``), so on a page with live parts the buttons
    need not be drawn again on every move. ``case`` is the teaching case shown (by default the one the inputs
    match at the press, if any): the worksheet carries its title and story, and a QR code back to it.
    """
    common = words("common")
    scenarios, text = classroom.classroom_or_stop(content)
    fixed = assessment
    latest = state.latest()
    address = sharing.app_address() or ""  # read now: the maker runs outside the run, where the address is unknown

    def scenario() -> tuple[explainer.Assessment, Scenario | None, str]:
        now = fixed or latest.now()
        shown = case or match_scenario(now.inputs, scenarios, content)
        return now, shown, share.share_link(address, now.inputs, shown.id if shown else None, content)

    def sheet(paper: str) -> bytes:
        now, shown, link = scenario()
        return exports.one_at_a_time(
            visit_files(),
            f"pdf:{paper}:{link}",  # the link holds the scenario and the case: the same sheet, drawn once
            functools.partial(
                worksheet.worksheet_pdf, now, content, link=link, case=shown, paper=paper,
                words=text["worksheet"], disclaimer=common["disclaimer"],
            ),
        )

    def page() -> str:
        return handout.handout_html(scenario()[0], content, common["disclaimer"])

    stem = text["worksheet"]["file_stem"] + (f"-{case.id.replace('_', '-')}" if case else "")
    with st.container(horizontal=True, key=f"{key}-files"):
        for paper in worksheet.PAPERS:
            st.download_button(
                common["worksheet_label"].format(paper=common[f"paper_{paper.lower()}"]),
                data=functools.partial(sheet, paper),
                file_name=f"{stem}-{paper.lower()}.pdf",
                mime="application/pdf",
                on_click="ignore",
                wrap=True,
                key=f"{key}-{paper.lower()}",
                help=common["worksheet_help"],
            )
        st.download_button(
            common["handout_label"],
            data=page,
            file_name="muscle-spasms-handout.html",
            mime="text/html",
            on_click="ignore",
            wrap=True,
            key=key,
            help=common["handout_help"],
        )


def sign_title(content: explainer.Content, sign_id: str) -> None:
    """A sign's number and title, as the heading of its card (its status is in the card's live part)."""
    number = [s.id for s in content.signs].index(sign_id) + 1
    st.markdown(f"#### {number}. {content.sign(sign_id).title}")


def sign_card(content: explainer.Content, assessment: explainer.Assessment, sign_id: str, chart: bool) -> None:
    """What a sign's inputs move, beside them: its status in words and symbol ("**✓ Not crossed**"), then (unless
    ``chart`` is False, at Emergency) its chart, why, and where its lines come from. One live part per sign: each
    part is a few messages more on every move (docs/performance.md). The status is one short line, so on a phone
    the chart still fits on the first screen under the inputs."""
    sign = assessment.sign(sign_id)
    st.markdown(f"**{status_word(sign.crossed)}**")
    if chart:
        sign_chart(content, assessment, sign_id)
        st.markdown(sign.reason)
        st.caption("  \n".join(_sign_notes(content, sign)))


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
    (the same as on the stage), else its bars; each with its numbers as a table."""
    if charts.plane_inputs(content, sign_id):
        # The plane follows its sliders in the browser (ui/follow.py, mounted on the page that shows sign cards).
        spec = charts.sign_plane_spec(assessment, content, sign_id=sign_id, follow=True)
        description = charts.sign_plane_alt(assessment, content, sign_id=sign_id)  # changes only with the status
        table = charts.sign_table(assessment, content, sign_ids=(sign_id,))
    elif charts.is_yes_no(assessment, sign_id):
        spec = charts.yes_no_spec(assessment, sign_id)
        description = charts.yes_no_description(assessment, sign_id)
        table = charts.yes_no_table(assessment, sign_id)
    else:
        spec = charts.sign_chart_spec(assessment, content, sign_ids=(sign_id,))
        description = charts.sign_chart_description(assessment, content, sign_ids=(sign_id,))
        table = charts.sign_table(assessment, content, sign_ids=(sign_id,))
    chart(spec, description, key=f"sign-chart-{sign_id}", table=table)


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
        section = live.folded(text["chart_heading"], ALL_SIGNS, SIGN_RESULTS)
        with section:
            if section.open:
                _all_signs_chart(content, assessment, text)
    else:
        st.markdown("## " + text["chart_heading"])
        _all_signs_chart(content, assessment, text)


ALL_SIGNS = "all-signs"  # the section the all-signs chart waits in


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
CAUSE_TABLE = "cause-table"  # the section the cause table waits in


def cause_results(content: explainer.Content, assessment: explainer.Assessment) -> None:
    """The cause chart's numbers as a table, in a closed section that draws it only when opened (a table nobody
    looks at would cost every move a redraw, docs/performance.md)."""
    section = live.folded(words("common")["table_label"], CAUSE_TABLE, CAUSE_RESULTS)
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
        st.markdown("### " + heading + f"\n\n**{action}**")
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
        why = live.folded(common["urgency_why_label"], "advice-why", part)
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


def summary(content: explainer.Content, assessment: explainer.Assessment) -> None:
    """The page in one line, at its end: how many signs are crossed, and what to do next."""
    level = content.level(assessment.urgency.value)
    crossed = sum(sign.crossed for sign in assessment.signs)
    st.markdown(words("common")["summary"].format(crossed=crossed, symbol=level.symbol, label=level.label))


def summary_shown(assessment: explainer.Assessment) -> object:
    """All that :func:`summary` draws from."""
    return assessment.urgency, tuple(sign.crossed for sign in assessment.signs)


def urgency_shown(assessment: explainer.Assessment) -> object:
    """All that :func:`urgency_panel` draws from: the panel is the same whenever this is."""
    return assessment.urgency, assessment.urgency_rule, assessment.fired_rules


def rest_of_page(assessment: explainer.Assessment) -> Any:
    """Where the rest of a page goes: the page itself, or, at Emergency, a closed section below the panel, so
    nothing competes with what to do now."""
    if assessment.urgency == explainer.Urgency.EMERGENCY:
        return st.expander(words("common")["emergency_rest"], expanded=False)
    return st.container()


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
