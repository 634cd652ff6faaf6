import streamlit as st

from explainer.quiz import Question, build_questions, pick_quiz, quiz_score
from explainer.scenarios import find_scenario
from ui import classroom, render, router, state

router.enter()  # the page under the router even on a server's first link: see ui/router.py

content = state.content_or_stop()
render.page_top(state.link_notes())
scenarios, text = classroom.classroom_or_stop(content)
words = text["quiz"]
questions = pick_quiz(build_questions(scenarios, content, words))


ANSWERS = "quiz_answers"  # question id -> the first option chosen; session memory only


def record(question_id: str) -> None:
    chosen = st.session_state.get(f"quiz-{question_id}")
    if chosen is not None:
        st.session_state.setdefault(ANSWERS, {}).setdefault(question_id, chosen)


def try_again() -> None:
    st.session_state[ANSWERS] = {}
    for question in questions:
        st.session_state.pop(f"quiz-{question.id}", None)


def feedback(question: Question, choice: int) -> None:
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
                st.caption(render.source_text(content, [line.source]))
    st.markdown(f"**{words['why_answer'].format(answer=question.answer)}:** {question.why}")
    if question.quote:
        st.markdown(words["article_says"] + "\n\n> " + question.quote)
    st.caption(render.source_text(content, list(question.sources)))


st.title(words["title"])
st.write(words["intro"])

answers: dict[str, int] = st.session_state.get(ANSWERS, {})
right, answered = quiz_score(questions, answers)
# The score stays in view: it sticks below the page's top bar while the questions scroll under it.
# Streamlit wraps the container in a box of its own height, so that wrapper is what sticks.
st.html(
    "<style>[data-testid='stLayoutWrapper']:has(> .st-key-quiz-score) { position: sticky; top: 3.75rem;"
    " z-index: 100; }"
    ".st-key-quiz-score { background: #fff; box-shadow: 0 2px 6px rgba(0, 0, 0, 0.12); }</style>"
)
with st.container(key="quiz-score", border=True, horizontal=True, vertical_alignment="center"):
    score = words["score"].format(right=right, answered=answered, total=len(questions))
    st.markdown(f"**{score}**" + (f"  \n{words['done']}" if answered == len(questions) else ""))
    st.button(words["try_again"], key="quiz-try-again", on_click=try_again, wrap=True)

for number, question in enumerate(questions, start=1):
    choice = answers.get(question.id)
    case = find_scenario(question.scenario_id, scenarios)
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
                key=f"quiz-{question.id}",
                on_change=record,
                args=(question.id,),
            )
            continue
        # Answered: one try per question until "Try again", so the options become plain text. One symbol at most
        # before an option (the labels carry none), and the words say it too.
        st.markdown(f"**{question.prompt}**")
        marks = []
        for index, option in enumerate(question.options):
            notes = [words["the_answer"]] * (index == question.correct) + [words["your_answer"]] * (index == choice)
            mark = "✓ " if index == question.correct else ("✗ " if index == choice else "")
            marks.append(f"- {mark}{option}" + (f" ({', '.join(notes)})" if notes else ""))
        st.markdown("\n".join(marks))
        feedback(question, choice)
