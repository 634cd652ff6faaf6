import functools

import streamlit as st

import explainer
from ui import advice, frame, keys, layout, live, render, router, state

router.enter()  # the page under the router even on a server's first link: see ui/router.py

content, made, emergency = layout.live_page(layout.CauseSlots)
text = state.words("causes")
now = functools.partial(state.assessment, content)  # each live part works out the assessment when it runs


def card(cause_id: str) -> None:
    live.part(
        f"cause-{cause_id}",
        lambda: render.cause_card(content, now().cause(cause_id)),
        explainer.assessment.cause_inputs(content, cause_id),
    )

# Every piece that depends on the inputs is a live part: a move reruns only the parts it moves (ui/live.py).
with made.top:
    frame.page_top(state.link_notes(), with_disclaimer=False)  # the advice panel says it, below the action
    st.title(text["title"])
    frame.page_message(content, text)
    st.markdown(text["purpose"])
    # The same advice as /warning-signs, so the two pages never disagree about what to do.
    live.part(
        "advice",
        lambda: advice.urgency_panel(content, now(), compact=True),
        shows=lambda: advice.urgency_shown(now()),
    )

if not emergency:
    with made.chart:
        live.part("cause-summary", lambda: render.cause_summary(content, now()))

with made.bottom, advice.rest_of_page(now()):
    st.markdown(text["intro"])
    st.caption(text["labs_note"])
    frame.article_quote(content, "causes_introduction", text["article_label"], waits=True)
    live.part(render.CAUSE_RESULTS, lambda: render.cause_results(content, now()), while_open=keys.CAUSE_TABLE)
    render.cause_downloads(content)  # made from the inputs at the press
    # The cards stay in the article's order, so a card does not jump while you change its clues; the chart
    # above ranks them by evidence.
    st.markdown("## " + text["cards_heading"])
    for cause in content.causes:
        if cause.kind == "serious":
            card(cause.id)
    st.markdown("## " + text["triggers_heading"])
    for cause in content.causes:
        if cause.kind == "everyday":
            card(cause.id)
