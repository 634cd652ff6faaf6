"""A one-page, print-ready handout of a scenario: inputs, crossed signs, what to do next, cause fit, sources.

The handout is one self-contained HTML document: no scripts, no images, no fonts or styles from elsewhere, so it
opens and prints offline and sends no request. Its markup is the Jinja template ``templates/handout.html``, with
autoescape on: every piece of text that comes from the data or the inputs is HTML-escaped. This module gathers what
it says. ``templates/handout.css`` (``@media print``) keeps it to one A4 or Letter page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from explainer.assessment import KIND_WORDS, Assessment, CauseFit, RuleResult, format_value, points_text
from explainer.content import Content
from explainer.words import cite, noun

__all__ = ["TOP_CAUSES", "cited_sources", "handout_html"]

TOP_CAUSES = 3  # the handout lists the best-fitting causes only, to stay on one page
OTHER_REASONS = 1  # and the first other reason that applies, with a count of the rest

TEMPLATES = Path(__file__).parent / "templates"
_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined,
    trim_blocks=True, lstrip_blocks=True,
)


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


def _inputs(assessment: Assessment, content: Content) -> tuple[list[tuple[str, str]], list[str]]:
    """The inputs that were set: numbers and choices as (label, value), and the ticked boxes' labels. The rest are
    at their defaults (not ticked, 0, unknown), which the handout says in one line."""
    changed = [spec for spec in content.inputs if assessment.inputs.get(spec.id) != spec.default]
    values = [(spec.label, format_value(spec, assessment.inputs.get(spec.id))) for spec in changed
              if spec.kind != "flag"]
    return values, [spec.label for spec in changed if spec.kind == "flag"]


def _signs(assessment: Assessment, content: Content) -> list[dict[str, Any]]:
    out = []
    for sign in assessment.signs:
        if not sign.crossed:
            continue
        names = list(dict.fromkeys(cite(content.sources[c.source], secondary=False) for c in sign.conditions if c.met))
        out.append({"title": sign.title, "reason": sign.reason, "teaching": sign.teaching,
                    "source_label": noun(len(names), "Source"), "sources": ", ".join(names)})
    return out


def _causes(assessment: Assessment) -> list[dict[str, Any]]:
    # One clue a line: a list run together with semicolons reads as one long, hard sentence.
    return [{"name": fit.name, "kind": KIND_WORDS[fit.kind], "points": points_text(fit.points),
             "for_": [c.text for c in fit.evidence_for], "against": [c.text for c in fit.evidence_against]}
            for fit in _top_causes(assessment)]


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
    values, ticked = _inputs(assessment, content)
    rule = assessment.urgency_rule
    others = _other_reasons(assessment)
    return _ENVIRONMENT.get_template("handout.html").render(
        style=Markup((TEMPLATES / "handout.css").read_text(encoding="utf-8")),  # our own file: no data in it
        title=content.title,
        values=values,
        ticked=ticked,
        signs=_signs(assessment, content),
        level=content.level(assessment.urgency.value),
        rule=rule,
        rule_source=cite(content.sources[rule.source], secondary=False),
        others=[(content.level(r.level.value).label, r.reason) for r in others],
        more=len(assessment.fired_rules) - 1 - len(others),
        causes=_causes(assessment),
        sources=[content.sources[source_id] for source_id in cited_sources(assessment, content)],
        disclaimer=disclaimer,
        article_disclaimer=" ".join(content.section("disclaimer").paragraphs),
    )
