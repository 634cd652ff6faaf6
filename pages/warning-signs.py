import functools

import streamlit as st

from ui import layout, live, render, router, state

router.enter()  # the page under the router even on a server's first link: see ui/router.py

content, made, emergency = layout.live_page(layout.SignSlots)
text = state.words("warning_signs")
now = functools.partial(state.assessment, content)  # each live part works out the assessment when it runs

# Every piece that depends on the inputs is a live part: a move reruns only the parts it moves (ui/live.py).
with made.top:
    render.page_top(state.link_notes())
    st.title(text["title"])
    live.part("advice", lambda: render.urgency_panel(content, now()))

# Each sign: its title and status, its chart beside its inputs, then why. At Emergency only the inputs stay (to
# change a tick made by mistake): nothing else competes with what to do now.
for sign in content.signs:
    slot = made.signs[sign.id]
    moved_by = [condition.input for condition in sign.conditions]
    with slot.head:
        live.part(f"{sign.id}-head", lambda s=sign.id: render.sign_head(content, now().sign(s)), moved_by)
    if emergency:
        continue
    with slot.chart:
        live.part(f"{sign.id}-chart", lambda s=sign.id: render.sign_chart(content, now(), s), moved_by)
    with slot.foot:
        live.part(f"{sign.id}-why", lambda s=sign.id: render.sign_why(content, now().sign(s)), moved_by)
        render.article_quote(content, sign.id)

with made.bottom, render.rest_of_page(now()):
    st.markdown(text["signs_vs_advice"])
    # The all-signs chart waits in a closed section (drawn when opened), but not inside Emergency's own.
    live.part(render.SIGN_RESULTS, lambda: render.sign_results(content, now(), lazy=not emergency))
