"""A one-page, print-ready handout of a scenario: inputs, crossed signs, what to do next, cause fit, sources.

The handout is one self-contained HTML document: no scripts, no images, no fonts or styles from elsewhere, so it
opens and prints offline and sends no request. Every piece of text that comes from the data or the inputs is
HTML-escaped. ``@media print`` keeps it to one A4 or Letter page.
"""

from __future__ import annotations

from html import escape

from explainer.assessment import KIND_WORDS, Assessment, CauseFit, RuleResult, format_value, points_text
from explainer.content import Content
from explainer.words import cite, noun

__all__ = ["TOP_CAUSES", "cited_sources", "handout_html"]

TOP_CAUSES = 3  # the handout lists the best-fitting causes only, to stay on one page
OTHER_REASONS = 1  # and the first other reason that applies, with a count of the rest

_STYLE = """
@page { size: auto; margin: 9mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9.5pt; line-height: 1.3;
       color: #1a1a1a; margin: 0 auto; max-width: 190mm; padding: 8mm; }
h1 { font-size: 14pt; margin: 0 0 1mm; }
h2 { font-size: 11pt; margin: 3mm 0 1mm; border-bottom: 1px solid #999; }
p, ul { margin: 0.5mm 0 1mm; }
ul { padding-left: 5mm; }
li { margin: 0.3mm 0; }
.sub, .small { color: #444; font-size: 8.5pt; }
.inputs { display: grid; grid-template-columns: 1fr 1fr; column-gap: 6mm; margin: 0; }
.inputs div { display: flex; justify-content: space-between; border-bottom: 1px dotted #bbb; padding: 0.3mm 0; }
.inputs dt { margin: 0; } .inputs dd { margin: 0 0 0 2mm; font-weight: bold; white-space: nowrap; }
.urgency { border: 2px solid #1a1a1a; padding: 1.5mm 2.5mm; margin: 1mm 0; }
.urgency strong { font-size: 11pt; }
.sources { columns: 2; column-gap: 6mm; } .sources li { word-break: break-word; }
.inline { display: inline; padding: 0; margin: 0; } .inline li { display: inline; }
.inline li + li::before { content: " · "; }
.disclaimer { border-top: 1px solid #999; margin-top: 3mm; padding-top: 1mm; font-size: 8.5pt; }
@media print {
  body { padding: 0; max-width: none; font-size: 8.5pt; line-height: 1.15; }
  .inputs { grid-template-columns: 1fr 1fr 1fr; }
  .small, .sub, .disclaimer { font-size: 7.5pt; }
  h1 { font-size: 13pt; } h2 { font-size: 10pt; margin-top: 1.5mm; }
  .disclaimer { margin-top: 1.5mm; } .disclaimer p { margin: 0; }
  a { color: inherit; text-decoration: none; }
  h2, .urgency, li { break-inside: avoid; }
}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _top_causes(assessment: Assessment) -> tuple[CauseFit, ...]:
    return tuple(fit for fit in assessment.cause_fit if fit.points > 0)[:TOP_CAUSES]


def cited_sources(assessment: Assessment, content: Content) -> tuple[str, ...]:
    """The ids of the sources the handout cites, in the order they first appear in it.

    >>> from explainer import assess
    >>> cited_sources(assess({"pain": 9, "duration_min": 20}), content)[:5]
    ('article', 'teaching', 'nhs_leg_cramps', 'merck_cramps', 'nhs_111')
    """
    ids: list[str] = ["article"]
    for sign in assessment.signs:
        if sign.crossed:
            ids += [c.source for c in sign.conditions if c.met]
    ids.append(assessment.urgency_rule.source)
    ids += content.level(assessment.urgency.value).sources
    ids += [rule.source for rule in _other_reasons(assessment)]
    for fit in _top_causes(assessment):
        ids += [clue.source for clue in fit.evidence_for + fit.evidence_against]
    return tuple(dict.fromkeys(ids))


def _other_reasons(assessment: Assessment) -> tuple[RuleResult, ...]:
    return tuple(r for r in assessment.fired_rules if r.id != assessment.urgency_rule.id)[:OTHER_REASONS]


def _inputs_html(assessment: Assessment, content: Content) -> str:
    """The inputs that were set: numbers and choices as rows, ticked boxes as a list on one line. The rest are at their
    defaults (not ticked, 0, unknown), said in one line."""
    changed = [spec for spec in content.inputs if assessment.inputs.get(spec.id) != spec.default]
    if not changed:
        return '<p class="small">Nothing was entered: every input is at its start value.</p>'
    rows = [
        f"<div><dt>{_e(spec.label)}</dt><dd>{_e(format_value(spec, assessment.inputs.get(spec.id)))}</dd></div>"
        for spec in changed
        if spec.kind != "flag"
    ]
    ticked = [spec.label for spec in changed if spec.kind == "flag"]
    parts = ['<dl class="inputs">' + "".join(rows) + "</dl>"] if rows else []
    if ticked:
        parts.append('<div><strong>Ticked:</strong> <ul class="inline">'
                     + "".join(f"<li>{_e(label)}</li>" for label in ticked) + "</ul></div>")
    parts.append('<p class="small">Every other input: not ticked, 0, or not known.</p>')
    return "".join(parts)


def _signs_html(assessment: Assessment, content: Content) -> str:
    crossed = [s for s in assessment.signs if s.crossed]
    if not crossed:
        return "<p>✓ No warning sign is crossed.</p>"
    items = []
    for sign in crossed:
        teaching = " Some of these cut-offs are ours, for teaching: no source gives a number." if sign.teaching else ""
        names = list(dict.fromkeys(cite(content.sources[c.source], secondary=False) for c in sign.conditions if c.met))
        items.append(
            f"<li><strong>⚠ {_e(sign.title)}</strong>: {_e(sign.reason)}{_e(teaching)} "
            f'<span class="small">({noun(len(names), "Source")}: {_e(", ".join(names))})</span></li>'
        )
    return "<ul>" + "".join(items) + "</ul>"


def _urgency_html(assessment: Assessment, content: Content) -> str:
    level = content.level(assessment.urgency.value)
    rule = assessment.urgency_rule
    others = _other_reasons(assessment)
    more = len(assessment.fired_rules) - 1 - len(others)
    source = cite(content.sources[rule.source], secondary=False)
    parts = [
        '<div class="urgency">',
        f"<strong>{_e(level.symbol)} {_e(level.label)}</strong>: {_e(level.action)}",
        f'<br>Why: {_e(rule.reason)} <span class="small">(Source: {_e(source)})</span>',
        "</div>",
    ]
    if others:
        parts.append('<p class="small">Other reasons that apply:</p><ul class="small">')
        parts += [f"<li>{_e(content.level(r.level.value).label)}: {_e(r.reason)}</li>" for r in others]
        if more > 0:
            parts.append(f"<li>And {more} more: see the app.</li>")
        parts.append("</ul>")
    return "".join(parts)


def _causes_html(assessment: Assessment) -> str:
    top = _top_causes(assessment)
    if not top:
        return "<p>No clue for any cause is present, so no cause fits better than another.</p>"
    items = []
    for fit in top:
        kind = KIND_WORDS[fit.kind]
        # One clue a line: a list run together with semicolons reads as one long, hard sentence.
        clues = [f"<li>For: {_e(c.text)}</li>" for c in fit.evidence_for]
        clues += [f"<li>Against: {_e(c.text)}</li>" for c in fit.evidence_against]
        items.append(f"<li><strong>{_e(fit.name)}</strong> ({_e(kind)}): {points_text(fit.points)} of evidence. "
                     f'<ul class="inline">{"".join(clues)}</ul></li>')
    return (
        "<ul>" + "".join(items) + "</ul>"
        '<p class="small">Points count the clues present. They are not a chance or a diagnosis. Only a health '
        "professional can tell the cause.</p>"
    )


def _sources_html(assessment: Assessment, content: Content) -> str:
    items = []
    for source_id in cited_sources(assessment, content):
        source = content.sources[source_id]
        seen = "" if source.verified else " (seen only in a secondary copy)"
        url = f" {_e(source.url)}" if source.url else ""
        # The title and its address: a publisher's long name (an NHS board's) would push the page onto a second
        # sheet once every source is cited; the app's About page gives it.
        items.append(f"<li><strong>{_e(source.short)}</strong>: {_e(source.title)}{seen}.{url}</li>")
    return '<ul class="small sources">' + "".join(items) + "</ul>"


def handout_html(assessment: Assessment, content: Content, disclaimer: str = "") -> str:
    """A one-page handout of ``assessment`` as a self-contained HTML document.

    Args:
        assessment: the scenario's result from :func:`explainer.assess`.
        content: the loaded ``data/``; by default the project's own.
        disclaimer: the app's short disclaimer, printed first; the article's own disclaimer follows it.

    >>> from explainer import assess
    >>> page = handout_html(assess({"pain": 9, "duration_min": 20}), content, disclaimer="Not advice.")
    >>> page.startswith("<!DOCTYPE html>"), "Intense and prolonged pain" in page, "Not advice." in page
    (True, True, True)
    """
    article_disclaimer = " ".join(content.section("disclaimer").paragraphs)
    body = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>Muscle spasms: a scenario handout</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>Muscle spasms: a scenario handout</h1>",
        f'<p class="sub">A teaching example made with the explainer of the article <em>{_e(content.title)}</em>. '
        "It is not a diagnosis.</p>",
        "<h2>The scenario</h2>",
        _inputs_html(assessment, content),
        "<h2>Warning signs crossed</h2>",
        _signs_html(assessment, content),
        "<h2>What to do next</h2>",
        _urgency_html(assessment, content),
        "<h2>Which causes fit best</h2>",
        _causes_html(assessment),
        "<h2>Sources</h2>",
        _sources_html(assessment, content),
        '<div class="disclaimer">',
        f"<p><strong>{_e(disclaimer)}</strong></p>" if disclaimer else "",
        f"<p>The article's own words: {_e(article_disclaimer)}</p>",
        "</div></body></html>",
    ]
    return "\n".join(body)
