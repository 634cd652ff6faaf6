"""What the room votes on and what the votes show: each stage step's question as buttons, the room's answers as a
chart beside the model's, and the summary per question (share right, first vote against second) as CSV.

Pure: the stage (ui/room.py) places what these return. The store is in :mod:`explainer.room`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import altair as alt
import pandas as pd

from explainer.assessment import Assessment
from explainer.charts import status_word
from explainer.content import Content
from explainer.presentation import Step
from explainer.room import Question

__all__ = ["SummaryRow", "stage_question", "summary", "summary_csv", "vote_chart", "vote_description"]

ROUND_NAMES = {1: "First vote", 2: "Second vote"}


def stage_question(step: Step, assessment: Assessment, content: Content, case_key: str, no_leader: str) -> Question:
    """The question a stage step asks the room, with the same words the stage uses for its answer.

    - a sign: crossed or not (the stage's status words);
    - the causes: each cause by name, and ``no_leader`` ("No single cause stands out");
    - what to do: each advice level with its symbol, in rank order.

    ``case_key`` names the case on stage (its id, or the inputs of a live case), so the same step of another case
    is another question.
    """
    key = f"{case_key}/{step.number}"
    if step.kind == "sign":
        sign = assessment.sign(step.sign_id)
        return Question(key, step.question, (status_word(True), status_word(False)), status_word(sign.crossed),
                        _short(sign.reason))
    if step.kind == "causes":
        best = assessment.leading_cause
        why = "; ".join(clue.text for clue in best.evidence_for) if best else ""
        return Question(key, step.question, (*(cause.name for cause in content.causes), no_leader),
                        best.name if best else no_leader, _short(why))
    levels = {level.id: f"{level.symbol} {level.label}" for level in content.levels}
    return Question(key, step.question, tuple(levels.values()), levels[assessment.urgency.value],
                    _short(assessment.urgency_rule.reason))


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def vote_chart(question: Question, rounds: Mapping[int, Mapping[str, int]]) -> alt.LayerChart:
    """The room's answers as horizontal bars, one row per choice in the question's order, the model's answer
    marked in its label ("(answer)") and in blue. With two rounds, each choice has two bars, first vote above the
    second, each labelled with its round and count, so neither colour nor position is the only cue.

    >>> q = Question("c/1", "Is sign 1 met?", ("⚠ Crossed", "✓ Not crossed"), "⚠ Crossed")
    >>> spec = vote_chart(q, {1: {"⚠ Crossed": 3, "✓ Not crossed": 1}}).to_dict()
    >>> [row["answers"] for row in spec["datasets"][spec["data"]["name"]]]
    [3, 1]
    """
    two = len(rounds) > 1
    rows = [
        {"choice": _label(question, choice), "round": ROUND_NAMES[round_], "answers": counts.get(choice, 0),
         "label": (f"{ROUND_NAMES[round_]}: " if two else "") + str(counts.get(choice, 0)),
         "model": "The model's answer" if choice == question.answer else "Another answer"}
        for round_, counts in sorted(rounds.items()) for choice in question.choices
    ]
    order = [_label(question, choice) for choice in question.choices]
    offset = {"yOffset": alt.YOffset("round:N", sort=list(ROUND_NAMES.values()))} if two else {}
    base = alt.Chart(pd.DataFrame(rows)).encode(
        y=alt.Y("choice:N", sort=order, title=None, axis=alt.Axis(labelLimit=400, labelFontSize=15, labelColor="#000")),
        x=alt.X("answers:Q", title=None, axis=alt.Axis(tickMinStep=1, format="d", labelFontSize=13, labelColor="#000")),
        **offset,
    )
    bars = base.mark_bar().encode(
        color=alt.Color("model:N", scale=alt.Scale(domain=["The model's answer", "Another answer"],
                                                    range=["#005EB8", "#aeb7bd"]), legend=None),
        opacity=alt.Opacity("round:N", scale=alt.Scale(domain=list(ROUND_NAMES.values()), range=[0.55, 1.0]),
                            legend=None),
        tooltip=["choice:N", "round:N", "answers:Q"],
    )
    labels = base.mark_text(align="left", dx=4, color="#000", fontSize=15).encode(text="label:N")
    return alt.layer(bars, labels)


def _label(question: Question, choice: str) -> str:
    return f"{choice} (answer)" if choice == question.answer else choice


def vote_description(question: Question, rounds: Mapping[int, Mapping[str, int]]) -> str:
    """The chart in words, for a screen reader.

    >>> q = Question("c/1", "Is sign 1 met?", ("⚠ Crossed", "✓ Not crossed"), "⚠ Crossed")
    >>> vote_description(q, {1: {"⚠ Crossed": 3, "✓ Not crossed": 1}})
    "First vote: ⚠ Crossed 3, ✓ Not crossed 1. The model's answer: ⚠ Crossed."
    """
    parts = [
        f"{ROUND_NAMES[round_]}: " + ", ".join(f"{choice} {counts.get(choice, 0)}" for choice in question.choices)
        for round_, counts in sorted(rounds.items())
    ]
    return ". ".join(parts) + f". The model's answer: {question.answer}."


@dataclass(frozen=True)
class SummaryRow:
    question: str  # the step's question, with its case
    answer: str  # the model's
    first_answers: int
    first_right: float | None  # share of first-vote answers that were the model's; None without answers
    second_answers: int
    second_right: float | None


def summary(asked: Sequence[tuple[Question, Mapping[int, Mapping[str, int]]]]) -> list[SummaryRow]:
    """One row per question asked: how many answered and what share chose the model's answer, in each round.

    >>> q = Question("case/1", "Is sign 1 met?", ("yes", "no"), "yes")
    >>> row = summary([(q, {1: {"yes": 1, "no": 3}, 2: {"yes": 3, "no": 1}})])[0]
    >>> row.question, row.first_answers, row.first_right, row.second_right
    ('case/1: Is sign 1 met?', 4, 0.25, 0.75)
    """

    def share(counts: Mapping[str, int], answer: str) -> tuple[int, float | None]:
        total = sum(counts.values())
        return total, (counts.get(answer, 0) / total if total else None)

    rows = []
    for question, rounds in asked:
        first = share(rounds.get(1, {}), question.answer)
        second = share(rounds.get(2, {}), question.answer)
        rows.append(SummaryRow(f"{question.key}: {question.prompt}", question.answer, *first, *second))
    return rows


def summary_csv(rows: Sequence[SummaryRow]) -> str:
    """The summary as CSV for the educator: shares as whole per cent, empty where a round had no answers.

    >>> print(summary_csv([SummaryRow("c/1: Is sign 1 met?", "yes", 4, 0.25, 0, None)]).strip())
    question,model answer,first vote answers,first vote right %,second vote answers,second vote right %
    c/1: Is sign 1 met?,yes,4,25,0,
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["question", "model answer", "first vote answers", "first vote right %", "second vote answers",
                     "second vote right %"])
    for row in rows:
        writer.writerow([_cell(row.question), _cell(row.answer), row.first_answers, _percent(row.first_right),
                         row.second_answers, _percent(row.second_right)])
    return out.getvalue()


def _percent(share: float | None) -> str:
    return "" if share is None else str(round(share * 100))


def _cell(text: str) -> str:
    """A spreadsheet never runs a cell as a formula (the texts are ours, but a case name could start with one)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
