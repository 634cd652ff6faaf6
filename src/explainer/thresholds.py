"""Tables of every line, rule, range and clue weight, generated from ``data/`` for the About page and the docs."""

from __future__ import annotations

from explainer.assessment import line_text
from explainer.content import Content, When, cached_content

__all__ = ["clue_rows", "describe_when", "lab_rows", "threshold_rows", "urgency_rows"]

Row = dict[str, str]


def _source(content: Content, source_id: str) -> str:
    source = content.sources[source_id]
    return source.short if source.verified else f"{source.short} (secondary copy)"


def threshold_rows(content: Content | None = None) -> list[Row]:
    """One row per line of each warning sign: the measure, the line, the source, and teaching or not."""
    content = content or cached_content()
    rows = []
    for sign in content.signs:
        joiner = "all of these" if sign.match == "all" else "any of these"
        for condition in sign.conditions:
            spec = content.input(condition.input)
            line = line_text(condition.op, condition.threshold)
            if condition.op != "is_true":
                line += f" {spec.unit}"
            rows.append(
                {
                    "Warning sign": f"{sign.title} ({joiner})",
                    "Measure": spec.label,
                    "Line": line,
                    "Kind": "teaching threshold, not a clinical cut-off" if condition.teaching else "from a source",
                    "Source": _source(content, condition.source),
                    "Why": condition.why,
                }
            )
    return rows


def describe_when(content: Content, when: When) -> str:
    """A rule's test in words.

    >>> from explainer.content import When
    >>> describe_when(cached_content(), When(input="numbness_tingling"))
    'Numbness or tingling'
    """
    if when.any_sign:
        return "Any warning sign is crossed"
    if when.any_lab_low:
        return "Any blood test value is below its range"
    if when.lab:
        return f"{content.labs[when.lab].name} is {when.status}"
    if when.sign:
        sign = content.sign(when.sign)
        if when.input:
            condition = next(c for c in sign.conditions if c.input == when.input)
            line = line_text(condition.op, condition.threshold)
            return f"{content.input(when.input).label}: {line} (the line from '{sign.title}')"
        return f"'{sign.title}' is crossed"
    spec = content.input(when.input)
    if not when.op:
        return spec.label
    return f"{spec.label} {when.op} {when.value:g}"


def urgency_rows(content: Content | None = None) -> list[Row]:
    content = content or cached_content()
    rows = [
        {
            "When": describe_when(content, rule.when),
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


def lab_rows(content: Content | None = None) -> list[Row]:
    content = content or cached_content()
    return [
        {
            "Blood test": lab.name,
            "Usual range": f"{lab.low:g} to {lab.high:g} {lab.unit}",
            "Source": _source(content, lab.source),
            "Note": lab.note,
        }
        for lab in content.labs.values()
    ]


def clue_rows(content: Content | None = None) -> list[Row]:
    content = content or cached_content()
    return [
        {
            "Cause": cause.name,
            "Clue": clue.text,
            "Counts": clue.direction,
            "Weight": f"{clue.weight:g}",
            "Test": describe_when(content, clue.when),
            "Source": _source(content, clue.source),
        }
        for cause in content.causes
        for clue in cause.clues
    ]
