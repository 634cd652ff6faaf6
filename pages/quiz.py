import streamlit as st

from explainer.quiz import build_questions, pick_quiz, quiz_score
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


st.title(words["title"])
st.write(words["intro"])

answers: dict[str, int] = st.session_state.get(ANSWERS, {})
for number, question in enumerate(questions, start=1):
    choice = answers.get(question.id)
    with st.container(border=True, key=f"question-{question.id}"):
        st.markdown(f"## {words['question'].format(number=number)}")
        st.markdown(question.story)
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
        # Answered: one try per question until "Try again", so the options become plain text.
        st.markdown(f"**{question.prompt}**")
        marks = []
        for index, option in enumerate(question.options):
            mark = "✓" if index == question.correct else ("✗" if index == choice else "·")
            chosen = f" ← {words['your_answer']}" if index == choice else ""
            marks.append(f"- {mark} {option}{chosen}")
        st.markdown("\n".join(marks))
        if choice == question.correct:
            st.success(words["right"], icon=None)
        else:
            st.error(words["wrong"].format(answer=question.answer), icon=None)
        st.write(question.why)
        if question.quote:
            st.markdown(words["article_says"])
            st.markdown("> " + question.quote)
        st.caption(render.source_text(content, list(question.sources)))

right, answered = quiz_score(questions, answers)
with st.container(key="quiz-score", border=True):
    st.markdown("**" + words["score"].format(right=right, answered=answered, total=len(questions)) + "**")
    if answered == len(questions):
        st.markdown(words["done"])
    st.button(words["try_again"], key="quiz-try-again", on_click=try_again)
