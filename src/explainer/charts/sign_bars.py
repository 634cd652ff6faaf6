"""The warning signs as bars: one bar per line, drawn against that line, with its words; its table and its words."""

from __future__ import annotations

import altair as alt
import pandas as pd

from explainer.assessment import Assessment, format_value
from explainer.charts.spec import ChartSpec, template
from explainer.charts.theme import CROSSED_COLOUR, INK, NOT_CROSSED_COLOUR, THRESHOLD_COLOUR, themed
from explainer.charts.words import NOT_PAST, PAST, status_word
from explainer.content import Content
from explainer.words import cite, line_text

__all__ = ["RATIO_CAP", "sign_chart_description", "sign_chart_spec", "sign_table"]

RATIO_CAP = 2.0  # bars stop at twice the line, so one long bar cannot squash the others


def sign_table(assessment: Assessment, content: Content, *, sign_ids: tuple[str, ...] | None = None
               ) -> pd.DataFrame:
    """Every line of every warning sign (or of ``sign_ids``): the value, the line, the status and where the line
    comes from."""
    rows = []
    for sign in assessment.signs:
        if sign_ids is not None and sign.id not in sign_ids:
            continue
        for condition in sign.conditions:
            spec = content.input(condition.input)
            line = line_text(condition.op, condition.threshold)
            rows.append(
                {
                    "Warning sign": sign.title,
                    "Measure": spec.label,
                    "Your value": format_value(spec, condition.value),
                    "Cut-off": line,
                    "This cut-off": status_word(condition.met).replace("Crossed", "Past the cut-off").replace(
                        "Not crossed", "Not past the cut-off"
                    ),
                    "Sign": status_word(sign.crossed),
                    "Where the cut-off comes from": cite(content.sources[condition.source], secondary=False)
                    + (" (ours, for teaching: no source gives a number)" if condition.teaching else ""),
                }
            )
    return pd.DataFrame(rows)


def _rows(assessment: Assessment, content: Content, sign_ids: tuple[str, ...] | None) -> pd.DataFrame:
    rows = []
    for sign_number, sign in enumerate(assessment.signs, start=1):
        if sign_ids is not None and sign.id not in sign_ids:
            continue
        for condition in sign.conditions:
            spec = content.input(condition.input)
            if condition.op == "is_true":
                ratio = 1.0 if condition.met else 0.0  # a yes/no line is reached or not
            else:
                ratio = min(float(condition.value or 0) / float(condition.threshold or 1), RATIO_CAP)
            status = PAST if condition.met else NOT_PAST
            # A part past its line while its "all of" sign is not met says why, so the bar never contradicts the card.
            why_not = "; sign not met: it needs every part" if condition.met and not sign.crossed else ""
            rows.append(
                {
                    "row": f"{sign_number}. {condition.name}",
                    "ratio": ratio,
                    "status": status,
                    "label": f"{sign_number}. {condition.name}: {format_value(spec, condition.value)} "
                    f"{status.split(maxsplit=1)[0]} (cut-off: {line_text(condition.op, condition.threshold)}{why_not})",
                }
            )
    return pd.DataFrame(rows)


def _layout(order: tuple[str, ...], scale: float) -> alt.LayerChart:
    """Everything in the sign chart but its data, made once per set of rows (:func:`explainer.charts.spec.template`).

    A number's bar is its value divided by its line, so every line sits at the same place: a bar that reaches the
    black line crosses it. A yes/no line is a full bar when present. The real value, the line and a symbol are
    written on every bar. ``scale`` enlarges the type and bars (the presenter view uses about 1.7).
    """
    font = round(13 * scale)
    colour = alt.Color(
        "status:N",
        scale=alt.Scale(domain=[PAST, NOT_PAST], range=[CROSSED_COLOUR, NOT_CROSSED_COLOUR]),
        legend=alt.Legend(title=None),
    )
    # The row's name is written above its bar rather than on an axis, so a phone keeps the full width for bars.
    y = alt.Y("row:N", sort=list(order), title=None, axis=None)
    x_axis = alt.Axis(
        values=[0, 1, 2],
        labelExpr="datum.value == 1 ? 'the cut-off' : datum.value == 2 ? '2 × the cut-off' : '0'",
        title=None,
        grid=False,
    )
    base = alt.Chart().encode(y=y)
    bars = base.mark_bar(height=round(14 * scale), yOffset=round(8 * scale)).encode(
        x=alt.X("ratio:Q", scale=alt.Scale(domain=[0, RATIO_CAP]), axis=x_axis),
        color=colour,
        tooltip=[alt.Tooltip("row:N", title="Measure"), alt.Tooltip("label:N", title="Value")],
    )
    labels = base.mark_text(align="left", baseline="middle", dy=round(-9 * scale), fontSize=font, color=INK).encode(
        x=alt.value(2), text="label:N"
    )
    line = alt.Chart(pd.DataFrame({"ratio": [1.0]})).mark_rule(
        color=THRESHOLD_COLOUR, strokeWidth=round(3 * scale)
    ).encode(x="ratio:Q")
    return themed(alt.layer(bars, labels, line).properties(height=alt.Step(round(44 * scale)), width="container"),
                  scale)


def sign_chart_spec(
    assessment: Assessment, content: Content, *, sign_ids: tuple[str, ...] | None = None, scale: float = 1.0
) -> ChartSpec:
    """One bar per line of the warning signs (all of them, or ``sign_ids``), drawn against that line (its name:
    :func:`sign_chart_description`)."""
    data = _rows(assessment, content, sign_ids)
    return ChartSpec(template(_layout, tuple(data["row"]), scale), data)


def sign_chart_description(
    assessment: Assessment, content: Content, *, sign_ids: tuple[str, ...] | None = None
) -> str:
    """The sign chart in words, for screen readers and for the alt text."""
    signs = [s for s in assessment.signs if sign_ids is None or s.id in sign_ids]
    parts = []
    for sign in signs:
        for condition in sign.conditions:
            spec = content.input(condition.input)
            status = "past the cut-off" if condition.met else "not past the cut-off"
            line = line_text(condition.op, condition.threshold)
            parts.append(f"{spec.label}: {format_value(spec, condition.value)}, cut-off {line}, {status}")
    crossed = [s.title for s in signs if s.crossed]
    summary = f"Crossed: {', '.join(crossed)}." if crossed else "Not crossed: no warning sign here is crossed."
    # One sentence per line, not one long list: easier to hear, and grade 8 or lower (tests/test_plain_language.py)
    return "Bar chart of your values against the warning signs' cut-offs. " + ". ".join(parts) + ". " + summary
