"""The presenter view's steps: which step shows what, the bounds, the titles, and the large-type charts.

Steps 1 to 4 show the warning signs one at a time (in ``signs.toml`` order), then one step shows the causes and
the last one what to do next. Nothing here knows about Streamlit: the page only lays the step out.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import altair as alt
import pandas as pd

from explainer.assessment import Assessment, format_value
from explainer.charts import (
    CROSSED_COLOUR,
    EVERYDAY_COLOUR,
    NOT_CROSSED_COLOUR,
    SERIOUS_COLOUR,
    THRESHOLD_COLOUR,
    cause_chart_description,
)
from explainer.content import Content, cached_content

__all__ = [
    "FIRST_STEP",
    "Step",
    "big_cause_chart",
    "big_cause_chart_description",
    "big_sign_chart",
    "big_sign_chart_description",
    "next_step",
    "previous_step",
    "read_step",
    "step_at",
    "step_count",
    "steps",
]

FIRST_STEP = 1
StepKind = Literal["sign", "causes", "urgency"]


@dataclass(frozen=True)
class Step:
    number: int
    kind: StepKind
    title: str
    sign_id: str = ""


def steps(content: Content | None = None, titles: Mapping[str, str] | None = None) -> tuple[Step, ...]:
    """Every step in order: one per warning sign, then the causes, then what to do.

    ``titles`` may give ``sign_title`` (with ``{number}`` and ``{title}``), ``causes_title`` and ``urgency_title``.

    >>> [(s.number, s.kind) for s in steps()][-2:]
    [(5, 'causes'), (6, 'urgency')]
    >>> steps()[0].title
    'Sign 1: Intense and prolonged pain'
    """
    content = content or cached_content()
    words = {
        "sign_title": "Sign {number}: {title}",
        "causes_title": "Which causes fit?",
        "urgency_title": "What to do next",
        **(titles or {}),
    }
    out = [
        Step(number, "sign", words["sign_title"].format(number=number, title=sign.title), sign.id)
        for number, sign in enumerate(content.signs, start=FIRST_STEP)
    ]
    out.append(Step(len(out) + FIRST_STEP, "causes", words["causes_title"]))
    out.append(Step(len(out) + FIRST_STEP, "urgency", words["urgency_title"]))
    return tuple(out)


def step_count(content: Content | None = None) -> int:
    """How many steps there are: one per sign, plus causes and what to do.

    >>> step_count()
    6
    """
    return len((content or cached_content()).signs) + 2


def read_step(raw: object, content: Content | None = None) -> int:
    """A step number from a link or a widget, kept inside the steps; anything unusable gives the first step.

    >>> [read_step(x) for x in ("3", "0", "99", "abc", None, 4.0, "2.5", "inf", "nan")]
    [3, 1, 6, 1, 1, 4, 1, 1, 1]
    """
    last = step_count(content)
    if isinstance(raw, bool) or raw is None:
        return FIRST_STEP
    try:
        number = float(raw) if isinstance(raw, int | float) else float(str(raw).strip())
    except ValueError:
        return FIRST_STEP
    if not math.isfinite(number) or number != int(number):
        return FIRST_STEP
    return min(max(int(number), FIRST_STEP), last)


def next_step(number: int, content: Content | None = None) -> int:
    """The step after ``number``; the last step stays the last.

    >>> next_step(1), next_step(6)
    (2, 6)
    """
    return read_step(number + 1, content)


def previous_step(number: int, content: Content | None = None) -> int:
    """The step before ``number``; the first step stays the first.

    >>> previous_step(2), previous_step(1)
    (1, 1)
    """
    return max(FIRST_STEP, read_step(number, content) - 1)


def step_at(number: int, content: Content | None = None, titles: Mapping[str, str] | None = None) -> Step:
    """The step with this number (kept inside the steps)."""
    return steps(content, titles)[read_step(number, content) - FIRST_STEP]


BIG_FONT = 22
INK = "#000000"
_PAST, _NOT_PAST = "⚠ past the line", "✓ not past the line"


def _sign_rows(assessment: Assessment, sign_id: str, content: Content) -> pd.DataFrame:
    rows = []
    for condition in assessment.sign(sign_id).conditions:
        spec = content.input(condition.input)
        status = _PAST if condition.met else _NOT_PAST
        if condition.op == "is_true":
            ratio, line = (1.0 if condition.met else 0.0), "present"
        else:
            ratio = min(float(condition.value or 0) / float(condition.threshold or 1), 2.0)
            line = f"{condition.threshold:g} or more" if condition.op == ">=" else f"more than {condition.threshold:g}"
        rows.append(
            {
                "measure": condition.name,
                "ratio": ratio,
                "status": status,
                "label": f"{format_value(spec, condition.value)} (line: {line}) {status.split()[0]}",
            }
        )
    return pd.DataFrame(rows)


def big_sign_chart(assessment: Assessment, sign_id: str, content: Content | None = None) -> alt.LayerChart:
    """One sign's measures against its lines, in large type for a projector.

    A number is drawn as its value divided by its line, so the black line is the same for every bar. A yes/no
    measure is a full bar (it reaches the line) when present and no bar when not. Every bar also says its status
    in words and a symbol.
    """
    content = content or cached_content()
    data = _sign_rows(assessment, sign_id, content)
    y = alt.Y("measure:N", sort=list(data["measure"]), title=None,
              axis=alt.Axis(labelFontSize=BIG_FONT, labelLimit=260, labelPadding=8, labelColor=INK))
    x_axis = alt.Axis(
        values=[0, 1, 2],
        labelExpr="datum.value == 1 ? 'the line' : datum.value == 2 ? '2 × the line' : '0'",
        title=None, labelFontSize=BIG_FONT - 4, labelColor=INK, grid=False,
    )
    colour = alt.Color(
        "status:N",
        scale=alt.Scale(domain=[_PAST, _NOT_PAST], range=[CROSSED_COLOUR, NOT_CROSSED_COLOUR]),
        legend=alt.Legend(title=None, orient="top", labelFontSize=BIG_FONT - 2, labelColor=INK, symbolSize=300),
    )
    base = alt.Chart(data).encode(y=y)
    bars = base.mark_bar(height=26, yOffset=14).encode(
        x=alt.X("ratio:Q", scale=alt.Scale(domain=[0, 2]), axis=x_axis), color=colour
    )
    labels = base.mark_text(align="left", baseline="middle", dy=-16, fontSize=BIG_FONT - 2, color=INK).encode(
        x=alt.value(4), text="label:N"
    )
    line = alt.Chart(pd.DataFrame({"ratio": [1.0]})).mark_rule(color=THRESHOLD_COLOUR, strokeWidth=4).encode(
        x="ratio:Q"
    )
    return (bars + labels + line).properties(height=alt.Step(68), width="container").configure_view(stroke=None)


def big_sign_chart_description(assessment: Assessment, sign_id: str, content: Content | None = None) -> str:
    """The sign chart of one step in words.

    >>> from explainer.assessment import assess
    >>> big_sign_chart_description(assess({"pain": 8}), "intense_prolonged_pain")
    'Bar chart for Intense and prolonged pain: pain 8 out of 10 (line: 7 or more) past the line; spasm length 0 minutes (line: more than 10) below the line. Not crossed.'
    """  # noqa: E501
    content = content or cached_content()
    sign = assessment.sign(sign_id)
    parts = []
    for condition in sign.conditions:
        spec = content.input(condition.input)
        if condition.op == "is_true":
            line = "present"
        else:
            line = f"{condition.threshold:g} or more" if condition.op == ">=" else f"more than {condition.threshold:g}"
        status = "past the line" if condition.met else "below the line"
        parts.append(f"{condition.name} {format_value(spec, condition.value)} (line: {line}) {status}")
    verdict = "Crossed" if sign.crossed else "Not crossed"
    return f"Bar chart for {sign.title}: " + "; ".join(parts) + f". {verdict}."


def big_cause_chart(assessment: Assessment) -> alt.LayerChart:
    """How well each cause fits, best first, in large type for a projector."""
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
    y = alt.Y("cause:N", sort=list(data["cause"]), title=None,
              axis=alt.Axis(labelFontSize=BIG_FONT, labelLimit=320, labelPadding=8, labelColor=INK))
    base = alt.Chart(data).encode(y=y)
    bars = base.mark_bar(height=34).encode(
        x=alt.X("score:Q", title=None, scale=alt.Scale(domain=[0, 1.25]),
                axis=alt.Axis(format="%", values=[0, 0.5, 1], labelFontSize=BIG_FONT - 4, labelColor=INK, grid=False)),
        color=alt.Color(
            "kind:N",
            scale=alt.Scale(domain=["serious cause", "everyday cause"], range=[SERIOUS_COLOUR, EVERYDAY_COLOUR]),
            legend=alt.Legend(title=None, orient="top", labelFontSize=BIG_FONT - 2, labelColor=INK, symbolSize=300),
        ),
    )
    labels = base.mark_text(align="left", dx=6, fontSize=BIG_FONT - 2, color=INK).encode(
        x="score:Q", text="label:N"
    )
    return (bars + labels).properties(height=alt.Step(50), width="container").configure_view(stroke=None)


big_cause_chart_description = cause_chart_description
