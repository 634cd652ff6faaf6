import streamlit as st

from explainer.quiz import build_questions, pick_quiz
from ui import classroom, frame, quiz, router, state

router.enter()  # the page under the router even on a server's first link: see ui/router.py

content = state.content_or_stop()
frame.page_top(state.link_notes())
scenarios, text = classroom.classroom_or_stop(content)
words = text["quiz"]
questions = pick_quiz(build_questions(scenarios, content, words))

st.title(words["title"])
st.write(words["intro"])
quiz.score_bar(questions, words)  # stays in view while the questions scroll under it
for number, question in enumerate(questions, start=1):
    quiz.question_card(content, scenarios, question, number, words)
