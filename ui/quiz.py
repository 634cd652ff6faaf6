"""The quiz page's parts: the score that stays in view, and each question with its feedback once answered.

One try per question until "Try again"; the answers live in the visit's session only (ui/keys.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

import explainer
from explainer.quiz import Question, quiz_score
from explainer.scenarios import Scenario, find_scenario
from ui import keys
from ui.frame import source_text

__all__ = ["question_card", "score_bar"]


def _answers() -> dict[str, int]:
    return st.session_state.get(keys.QUIZ_ANSWERS, {})


def _record(question_id: str) -> None:
    chosen = st.session_state.get(keys.quiz_choice(question_id))
    if chosen is not None:
        st.session_state.setdefault(keys.QUIZ_ANSWERS, {}).setdefault(question_id, chosen)


def _try_again(questions: Sequence[Question]) -> None:
    st.session_state[keys.QUIZ_ANSWERS] = {}
    for question in questions:
        st.session_state.pop(keys.quiz_choice(question.id), None)


def score_bar(questions: Sequence[Question], words: Mapping[str, str]) -> None:
    """The score, and a button to start again; it sticks below the page's top bar (ui/assets/app.css)."""
    right, answered = quiz_score(questions, _answers())
    with st.container(key="quiz-score", border=True, horizontal=True, vertical_alignment="center"):
        score = words["score"].format(right=right, answered=answered, total=len(questions))
        st.markdown(f"**{score}**" + (f"  \n{words['done']}" if answered == len(questions) else ""))
        st.button(words["try_again"], key=keys.QUIZ_TRY_AGAIN, on_click=_try_again, args=(questions,), wrap=True)


def question_card(
    content: explainer.Content, scenarios: Sequence[Scenario], question: Question, number: int,
    words: Mapping[str, str],
) -> None:
    """One question: its story and a link to its case; the options, or, once answered, the marked options and why."""
    choice = _answers().get(question.id)
    case = find_scenario(question.scenario_id, tuple(scenarios))
    with st.container(border=True, key=f"question-{question.id}"):
        st.markdown(f"## {words['question'].format(number=number)}")
        st.markdown(question.story)
        if case is not None:
            st.page_link(
                "pages/scenarios.py",
                label=words["open_case"].format(title=case.title),
                query_params={"scenario": case.id},
            )
        if choice is None:
            st.radio(
                question.prompt,
                options=range(len(question.options)),
                format_func=lambda index, q=question: q.options[index],
                index=None,
                key=keys.quiz_choice(question.id),
                on_change=_record,
                args=(question.id,),
            )
            return
        # Answered: one try per question until "Try again", so the options become plain text. One symbol at most
        # before an option (the labels carry none), and the words say it too.
        st.markdown(f"**{question.prompt}**")
        marks = []
        for index, option in enumerate(question.options):
            notes = [words["the_answer"]] * (index == question.correct) + [words["your_answer"]] * (index == choice)
            mark = "✓ " if index == question.correct else ("✗ " if index == choice else "")
            marks.append(f"- {mark}{option}" + (f" ({', '.join(notes)})" if notes else ""))
        st.markdown("\n".join(marks))
        _feedback(content, question, choice, words)


def _feedback(content: explainer.Content, question: Question, choice: int, words: Mapping[str, str]) -> None:
    """Right or not; for a wrong pick, why that pick is wrong and the lines in the data that decide it; then why
    the answer is right, the article's words, and the sources."""
    if choice == question.correct:
        st.success(words["right"], icon=None)
    else:
        st.error(words["wrong"].format(answer=question.answer), icon=None)
        st.markdown(f"**{words['why_not'].format(option=question.options[choice])}:** {question.wrong_why[choice]}")
        lines = question.deciding[choice]
        st.markdown(f"**{words['deciding' if len(lines) == 1 else 'deciding_many']}:**")
        for line_number, line in enumerate(lines):
            with st.container(key=f"deciding-{question.id}-{line_number}"):
                st.markdown(f"> **{line.text}**  \n> {line.quote}")
                st.caption(source_text(content, [line.source]))
    st.markdown(f"**{words['why_answer'].format(answer=question.answer)}:** {question.why}")
    if question.quote:
        st.markdown(words["article_says"] + "\n\n> " + question.quote)
    st.caption(source_text(content, list(question.sources)))
