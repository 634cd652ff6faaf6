import functools

import streamlit as st

from ui import advice, files, frame, keys, layout, live, render, router, state, teaching, updating

router.enter()  # the page under the router even on a server's first link: see ui/router.py

content, made, emergency = layout.live_page(layout.SignSlots)
text = state.words("warning_signs")
now = functools.partial(state.assessment, content)  # each live part works out the assessment when it runs

# Every piece that depends on the inputs is a live part: a move reruns only the parts it moves (ui/live.py).
with made.head:
    frame.page_top(state.link_notes(), with_disclaimer=False)  # the advice panel says it, below the action
    st.title(text["title"])
    frame.page_message(content, text)
    st.markdown(text["purpose"])
    content = teaching.controls(content, st.container(), st.container())  # lines a presenter moved: off by default
with made.top:
    live.part(
        "advice",
        lambda: advice.urgency_panel(content, now(), part="advice"),
        shows=lambda: advice.urgency_shown(now()),  # most moves leave the advice as it was: no redraw then
    )

# Each sign's card (its title, inputs and article text laid out by the router): beside its inputs, what they move
# (its status, its chart, why), in three live parts, and where its lines come from, which no input moves. Each part
# is sent only when what it shows changes: the status with the sign's status; the chart too, as a plane's point
# follows its sliders in the browser and its name changes only with the status; the reason and the chart's table
# on every move. Every element sent costs the browser a redraw (docs/performance.md). At Emergency only the
# inputs and the status stay (to change a tick made by mistake): nothing else competes with what to do now.
for sign in content.signs:
    moved_by = [condition.input for condition in sign.conditions]
    with made.signs[sign.id]:
        live.part(sign.id, lambda s=sign.id: render.sign_status(now(), s), moved_by,
                  shows=lambda s=sign.id: render.sign_status_shown(now(), s))
        if not emergency:
            live.part(f"chart-{sign.id}", lambda s=sign.id: render.sign_chart(content, now(), s), moved_by,
                      shows=lambda s=sign.id: render.sign_chart_shown(content, now(), s))
            live.part(f"why-{sign.id}", lambda s=sign.id: render.sign_details(content, now(), s), moved_by)
            render.sign_sources(content, now(), sign.id)
        if not emergency:  # what a crossed sign may mean, or the rule that decided the advice instead
            with st.container(key=updating.answer_key(sign.id, "note")):  # hidden while the status waits
                live.part(
                    f"note-{sign.id}",
                    lambda s=sign.id: render.sign_note(content, now(), s),
                    shows=lambda s=sign.id: render.sign_note_shown(now(), s),
                )

with made.bottom, advice.rest_of_page(now()):
    live.part("summary", lambda: advice.summary(content, now()), shows=lambda: advice.summary_shown(now()))
    st.markdown(text["signs_vs_advice"])
    # The all-signs chart waits in a closed section (drawn when opened), but not inside Emergency's own.
    live.part(render.SIGN_RESULTS, lambda: render.sign_results(content, now(), lazy=not emergency),
              while_open=None if emergency else keys.ALL_SIGNS)
    files.handout_download(content, key="handout-warning-signs")  # made from the inputs at the press
