"""Charts of an assessment, built from plain data, with a text alternative and a table view for each.

Colours are from the Okabe-Ito palette (safe for colour-blind readers), and colour is never the only cue:
every bar carries a word and a symbol as well.
"""

from __future__ import annotations

import functools

import altair as alt
import pandas as pd

from explainer.assessment import Assessment, format_value, line_text
from explainer.content import Content, cached_content

__all__ = [
    "CROSSED_COLOUR",
    "NOT_CROSSED_COLOUR",
    "cause_chart",
    "cause_chart_description",
    "cause_table",
    "sign_chart",
    "sign_chart_description",
    "sign_table",
    "status_word",
]

CROSSED_COLOUR = "#D55E00"  # Okabe-Ito vermillion
NOT_CROSSED_COLOUR = "#0072B2"  # Okabe-Ito blue
SERIOUS_COLOUR = "#CC79A7"  # Okabe-Ito reddish purple
EVERYDAY_COLOUR = "#009E73"  # Okabe-Ito bluish green
THRESHOLD_COLOUR = "#000000"


def status_word(crossed: bool) -> str:
    """The status of a sign or a line in words, with a symbol.

    >>> status_word(True), status_word(False)
    ('⚠ Crossed', '✓ Not crossed')
    """
    return "⚠ Crossed" if crossed else "✓ Not crossed"


def _source_name(content: Content, source_id: str) -> str:
    return content.sources[source_id].short


def sign_table(assessment: Assessment, content: Content | None = None) -> pd.DataFrame:
    """Every line of every warning sign: the value, the line, the status and where the line comes from."""
    content = content or cached_content()
    rows = []
    for sign in assessment.signs:
        for condition in sign.conditions:
            spec = content.input(condition.input)
            line = line_text(condition.op, condition.threshold)
            rows.append(
                {
                    "Warning sign": sign.title,
                    "Measure": spec.label,
                    "Your value": format_value(spec, condition.value),
                    "Line": line,
                    "This line": status_word(condition.met).replace("Crossed", "Past the line").replace(
                        "Not crossed", "Not past the line"
                    ),
                    "Sign": status_word(sign.crossed),
                    "Where the line comes from": _source_name(content, condition.source)
                    + (" (not a clinical cut-off)" if condition.teaching else ""),
                }
            )
    return pd.DataFrame(rows)


RATIO_CAP = 2.0  # bars stop at twice the line, so one long bar cannot squash the others


def _sign_chart_data(assessment: Assessment, content: Content) -> pd.DataFrame:
    rows = []
    for sign_number, sign in enumerate(assessment.signs, start=1):
        for condition in sign.conditions:
            if condition.op == "is_true":
                continue
            spec = content.input(condition.input)
            value = float(condition.value or 0)
            threshold = float(condition.threshold or 1)
            status = "⚠ past the line" if condition.met else "✓ not past the line"
            line = line_text(condition.op, condition.threshold)
            rows.append(
                {
                    "row": f"{sign_number}. {condition.name}",
                    "ratio": min(value / threshold, RATIO_CAP),
                    "status": status,
                    "label": f"{sign_number}. {condition.name}: {format_value(spec, condition.value)} "
                    f"{status.split(maxsplit=1)[0]} (line: {line})",
                }
            )
    return pd.DataFrame(rows)


def sign_chart(assessment: Assessment, content: Content | None = None) -> alt.LayerChart:
    """One bar per number the warning signs use, drawn against that sign's line.

    Each bar is the value divided by its line, so every line sits at the same place: a bar that reaches the
    black line crosses it. The real value and line are written on every bar.
    """
    content = content or cached_content()
    data = _sign_chart_data(assessment, content)
    return _sign_chart_layout(tuple(data["row"])).properties(data=data)


@functools.lru_cache(maxsize=64)
def _sign_chart_layout(order: tuple[str, ...]) -> alt.LayerChart:
    """Everything in the sign chart but its data, made once per set of rows. Altair takes far longer to build and
    check a chart than to swap its data, and the page redraws the chart on every input change (bench/README.md).
    """
    colour = alt.Color(
        "status:N",
        scale=alt.Scale(domain=["⚠ past the line", "✓ not past the line"], range=[CROSSED_COLOUR, NOT_CROSSED_COLOUR]),
        legend=alt.Legend(title=None, orient="top", direction="vertical", labelFontSize=13),
    )
    # The row's name is written above its bar rather than on an axis, so a phone keeps the full width for bars.
    y = alt.Y("row:N", sort=list(order), title=None, axis=None)
    x_axis = alt.Axis(
        values=[0, 1, 2],
        labelExpr="datum.value == 1 ? 'the line' : datum.value == 2 ? '2 × the line' : '0'",
        title=None,
        labelFontSize=12,
        grid=False,
    )
    base = alt.Chart().encode(y=y)
    bars = base.mark_bar(height=14, yOffset=8).encode(
        x=alt.X("ratio:Q", scale=alt.Scale(domain=[0, RATIO_CAP]), axis=x_axis),
        color=colour,
        tooltip=[alt.Tooltip("row:N", title="Measure"), alt.Tooltip("label:N", title="Value")],
    )
    labels = base.mark_text(align="left", baseline="middle", dy=-9, fontSize=13, color="#1A1A1A").encode(
        x=alt.value(2), text="label:N"
    )
    line = alt.Chart(pd.DataFrame({"ratio": [1.0]})).mark_rule(color=THRESHOLD_COLOUR, strokeWidth=3).encode(
        x="ratio:Q"
    )
    return alt.layer(bars, labels, line).properties(height=alt.Step(44), width="container").configure_view(stroke=None)


def sign_chart_description(assessment: Assessment, content: Content | None = None) -> str:
    """The sign chart in words, for screen readers and for the alt text."""
    content = content or cached_content()
    parts = []
    for sign in assessment.signs:
        for condition in sign.conditions:
            if condition.op == "is_true":
                continue
            spec = content.input(condition.input)
            status = "past the line" if condition.met else "below the line"
            parts.append(f"{spec.label}: {format_value(spec, condition.value)}, line {condition.threshold:g}, {status}")
    crossed = [s.title for s in assessment.signs if s.crossed]
    summary = f"Signs crossed: {', '.join(crossed)}." if crossed else "No warning sign is crossed."
    return "Bar chart of your numbers against the warning-sign lines. " + "; ".join(parts) + ". " + summary


def cause_table(assessment: Assessment, content: Content | None = None) -> pd.DataFrame:
    """Every cause with its fit, the clues for and against it, and where they come from."""
    content = content or cached_content()
    rows = []
    for fit in assessment.cause_fit:
        rows.append(
            {
                "Cause": fit.name,
                "Kind": fit.kind,
                "Fit": f"{fit.score:.0%}",
                "Clues for (present)": "; ".join(c.text for c in fit.evidence_for) or "none",
                "Clues against (present)": "; ".join(c.text for c in fit.evidence_against) or "none",
                "Sources": ", ".join(dict.fromkeys(_source_name(content, c.source) for c in fit.clues)),
            }
        )
    return pd.DataFrame(rows)


def cause_chart(assessment: Assessment) -> alt.LayerChart:
    """How well each cause fits, best first, as bars from 0% to 100%."""
    data = pd.DataFrame(
        [
            {
                "cause": fit.name,
                "score": fit.score,
                "kind": "serious cause" if fit.kind == "serious" else "everyday cause",
                "label": f"{fit.score:.0%} ({'serious' if fit.kind == 'serious' else 'everyday'})",
            }
            for fit in assessment.cause_fit
        ]
    )
    return _cause_chart_layout(tuple(data["cause"])).properties(data=data)


@functools.lru_cache(maxsize=64)
def _cause_chart_layout(order: tuple[str, ...]) -> alt.LayerChart:
    """Everything in the cause chart but its data, made once per order of causes (see ``_sign_chart_layout``)."""
    base = alt.Chart().encode(y=alt.Y("cause:N", sort=list(order), title=None, axis=alt.Axis(labelFontSize=14,
                                                                                        labelLimit=220)))
    bars = base.mark_bar(height=24).encode(
        x=alt.X("score:Q", title="How well the clues fit (0% to 100%)", scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%")),
        color=alt.Color(
            "kind:N",
            scale=alt.Scale(domain=["serious cause", "everyday cause"], range=[SERIOUS_COLOUR, EVERYDAY_COLOUR]),
            legend=alt.Legend(title=None, orient="top"),
        ),
        tooltip=[alt.Tooltip("cause:N", title="Cause"), alt.Tooltip("label:N", title="Fit")],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=13, color="#222222").encode(x="score:Q", text="label:N")
    return alt.layer(bars, labels).properties(height=alt.Step(34), width="container").configure_view(stroke=None)


def cause_chart_description(assessment: Assessment) -> str:
    """The cause chart in words."""
    parts = [f"{fit.name} {fit.score:.0%}" for fit in assessment.cause_fit]
    return "Bar chart of how well each cause fits, best first: " + "; ".join(parts) + "."
