"""Tables of every line, rule, range and clue weight, generated from ``data/`` for the About page and the docs."""

from __future__ import annotations

from collections.abc import Callable

from explainer import rules
from explainer.assessment import Assessment, ConditionResult
from explainer.content import Condition, Content, Lab
from explainer.words import cite, line_text, natural_list

__all__ = [
    "EXAMPLE_CASE",
    "band_text",
    "clue_rows",
    "condition_line",
    "evidence_lines",
    "lab_rows",
    "range_text",
    "threshold_rows",
    "tier_rows",
    "urgency_rows",
]

TEACHING_KIND = "our cut-off for teaching; no source gives a number"  # a cut-off no source gives, in the reader's words
EXAMPLE_CASE = "water_tablet_cramps"  # the About page's worked example of the cause model

Row = dict[str, str]


def _source(content: Content, source_id: str) -> str:
    return cite(content.sources[source_id])


def condition_line(content: Content, condition: Condition | ConditionResult) -> str:
    """A sign's line in words, with its input's unit.

    >>> [condition_line(content, c) for c in content.sign("intense_prolonged_pain").conditions]
    ['7 or more out of 10', 'more than 10 minutes']
    """
    line = line_text(condition.op, condition.threshold)
    if condition.op != "is_true":
        line += f" {content.input(condition.input).unit}"
    return line


def threshold_rows(
    content: Content, cite: Callable[[Content, str], str] | None = None
) -> list[Row]:
    """One row per line of each warning sign: the measure, the line, the source, and teaching or not.

    ``cite`` writes a source's name (by default its short name; the clinical review passes one that links it).
    """
    cite = cite or _source
    rows = []
    for sign in content.signs:
        joiner = "all of these" if sign.match == "all" else "any of these"
        for condition in sign.conditions:
            spec = content.input(condition.input)
            line = condition_line(content, condition)
            rows.append(
                {
                    "Warning sign": f"{sign.title} ({joiner})",
                    "Measure": spec.label,
                    "Cut-off": line,
                    "Kind": TEACHING_KIND if condition.teaching else "from a source",
                    "Source": cite(content, condition.source),
                    "Why": condition.why,
                }
            )
    return rows


def urgency_rows(content: Content) -> list[Row]:
    rows = [
        {
            "When": rules.words(rule.when, content),
            "Level": content.level(rule.level).label,
            "Reason": rule.reason,
            "Source": _source(content, rule.source),
        }
        for rule in content.rules
    ]
    rows.append(
        {
            "When": "No rule applies",
            "Level": content.level("self_care").label,
            "Reason": content.default_reason,
            "Source": _source(content, content.default_source),
        }
    )
    rows.extend(
        {"When": "(no rule)", "Level": level.label, "Reason": level.note, "Source": ""}
        for level in content.levels
        if level.note
    )
    return rows


def band_text(lower: float | None, upper: float | None, units: tuple[tuple[str, float], ...]) -> str:
    """A danger band in words, in every unit: "below 7 or 12 or more mg/dL (below 1.75 or 2.99 or more mmol/L)"."""
    texts = []
    for unit, factor in units:
        sides = []
        if lower is not None:
            sides.append(f"below {lower / factor:.3g}")
        if upper is not None:
            sides.append(f"{upper / factor:.3g} or more")
        texts.append(f"{natural_list(sides, 'or')} {unit}")
    return texts[0] + "".join(f" ({text})" for text in texts[1:])


def _units(lab: Lab) -> tuple[tuple[str, float], ...]:
    return ((lab.unit, 1.0), *((u.unit, u.to_main) for u in lab.units))


def range_text(lab: Lab) -> str:
    """A lab's usual range in every unit it can be given in: "8.5 to 10.2 mg/dL (2.12 to 2.54 mmol/L)"."""
    return f"{lab.low:g} to {lab.high:g} {lab.unit}" + "".join(
        f" ({lab.low / f:.3g} to {lab.high / f:.3g} {u})" for u, f in _units(lab)[1:]
    )


def lab_rows(content: Content) -> list[Row]:
    """One row per blood test range and danger band, in every unit the test can be given in."""
    rows = []
    for lab in content.labs.values():
        units = _units(lab)
        rows.append(
            {
                "Blood test": lab.name,
                "Band": "Usual range (outside it, either way: see a doctor)",
                "Values": range_text(lab),
                "Source": _source(content, lab.source),
                "Note": lab.note,
            }
        )
        rows.extend(
            {
                "Blood test": lab.name,
                "Band": f"Danger band: {content.level(band.level).label}",
                "Values": band_text(band.below, band.at_or_above, units),
                "Source": _source(content, band.source),
                "Note": band.why,
            }
            for band in lab.bands
        )
    return rows


def clue_rows(content: Content) -> list[Row]:
    return [
        {
            "Cause": cause.name,
            "Clue": clue.text,
            "Counts": clue.direction,
            "Tier": f"{clue.tier} ({'+' if clue.direction == 'for' else '-'}{clue.points})",
            "Test": rules.words(clue.when, content),
            "Source": _source(content, clue.source),
        }
        for cause in content.causes
        for clue in cause.clues
    ]


def tier_rows(content: Content) -> list[Row]:
    return [{"Clue": tier.label, "Points": str(tier.points), "Meaning": tier.meaning} for tier in content.tiers]


def evidence_lines(assessment: Assessment) -> list[tuple[str, list[str], int]]:
    """The cause model worked through: per serious cause, each clue present as "text (kind, +points)", and the total.

    >>> from explainer import assess
    >>> name, parts, total = evidence_lines(assess({"potassium": 3.1, "diuretic": True}))[0]
    >>> name, total, parts[0]
    ('Electrolyte imbalance', 4, 'Low potassium (usual clue, +2)')
    """
    lines = []
    for fit in assessment.serious_causes:
        parts = [f"{c.text} ({c.tier_label}, +{c.points})" for c in fit.evidence_for]
        parts += [f"{c.text} ({c.tier_label}, -{c.points})" for c in fit.evidence_against]
        lines.append((fit.name, parts, fit.points))
    return lines
