"""Where a page's inputs sit beside its charts.

The router makes every input (Streamlit keeps a widget's URL binding across page switches only when the entry
script's run made it), so on the pages that are about inputs, the router also lays out the main area: it makes
empty slots for the page to fill later, and puts each input right next to the slot of the chart it moves. On a
wide screen a sign's inputs sit to the left of its chart; on a phone, Streamlit stacks the two, input above chart.

On the presenter view, the router lays out the stage: slots for the case, the step and its chart, the step's two
or three inputs as large controls beside them (the step comes from the link's ``step``), and the "ask first"
switch, bound to the link's ``predict``.

A page reads its slots with :func:`slots` (ui/context.py); on other pages it gets None and lays itself out as usual.
"""

from __future__ import annotations

import functools
from typing import TypeVar

import streamlit as st

import explainer
from explainer import presentation
from explainer.links import read_link
from ui import classroom, frame, inputs, keys, live, render, state
from ui.context import CauseSlots, SignSlots, Slots, StageSlots, slots

__all__ = [
    "ANSWER",
    "CAUSES_FIRST",
    "PREDICT",
    "STEP",
    "CauseSlots",
    "SignSlots",
    "StageSlots",
    "lay_out",
    "slots",
]

# The context inputs shown first, beside the cause chart: one typical trigger for each kind of cause. The rest
# are one click away in the panel, and in the sidebar on other pages.
CAUSES_FIRST: tuple[str, ...] = ("overexertion", "dehydration", "numbness", "diuretic")


LIVE_PAGES = frozenset({"warning-signs", "causes"})  # the pages with live parts (ui/live.py), inputs drawn as knobs
# The pages that draw nothing that depends on an input (ui/live.py, quiet): their inputs are knobs too, and a move
# reruns only them. tests/test_live.py checks each draws the same whatever the inputs.
QUIET_PAGES = frozenset({"glossary", "scenarios", "guide", "quiz", "about"})
STEP = "step"  # the link's step on the stage
ANSWER = "answer"  # the link's "the answer shows", when the room is asked first (presentation.ANSWER_SHOWN)
PREDICT = keys.PREDICT  # the link's "ask first" switch (true/false), a bound widget like the inputs


def lay_out(url_path: str, content: explainer.Content) -> Slots | None:
    """Make the main-area slots and the inputs beside them for ``url_path``; None for a page without them."""
    if url_path == "warning-signs":
        return _warning_signs(content, url_path)
    if url_path == "causes":
        return _causes(content, url_path)
    if url_path == "present":
        return _stage(content)
    return None


S = TypeVar("S", SignSlots, CauseSlots)


def live_page(kind: type[S]) -> tuple[explainer.Content, S, bool]:
    """The start of a page with live parts: the content, the slots the router made for it, and whether it is at
    Emergency (its shape, which it also tells ui/live.py)."""
    content = state.content_or_stop()
    made = slots()
    assert isinstance(made, kind), "the router lays out this page (ui/layout.py)"
    emergency = state.at_emergency(content)
    live.shape(emergency)
    return content, made, emergency


def _danger_signs(content: explainer.Content) -> list[str]:
    text = state.words("sidebar")
    danger = [spec for spec in content.inputs if spec.group == "danger"]
    # Open when one is ticked, by the visitor or by a link (a link's value reaches the session only when the
    # widget is made, just below).
    # Open, before the advice: a person sees these first (issue 17).
    with st.container(key="danger-signs", border=True):
        st.markdown("## " + text["danger"])
        st.caption(text["danger_help"])

        def draw() -> None:
            columns = st.columns(2)
            for index, spec in enumerate(danger):
                with columns[index % 2]:
                    inputs.input_widget(spec, content)

        live.knobs("knobs-danger", draw, [spec.id for spec in danger])
    return [spec.id for spec in danger]


def _assessment_now(content: explainer.Content) -> explainer.Assessment:
    """The assessment of the inputs, counting what the link sets: on a link's first run its values reach the
    session only when the widgets are made, after the layout is decided."""
    values = state.current_inputs(content)
    linked = read_link({name: st.query_params.get_all(name) for name in st.query_params}, content).values
    values.update({name: value for name, value in linked.items() if name not in st.session_state})
    return explainer.assess(values, content)


def _emergency_now(content: explainer.Content) -> bool:
    """Whether the inputs call for Emergency (a danger sign a link ticks included)."""
    return _assessment_now(content).urgency == explainer.Urgency.EMERGENCY


def _deciders(content: explainer.Content, elsewhere: frozenset[str], url_path: str) -> list[str]:
    """Right below the advice: the inputs that decided it (``explainer.assessment.deciding_inputs``) that the page
    does not show elsewhere, as their controls, so a phone reaches them without the menu (issue 20).

    They are chosen when the visitor arrives on the page (a link, a reload, another page) and stay while they are
    on it: a control never jumps between the menu and the advice while it is being used (a slider that crossed a
    line would otherwise move away under the visitor's finger or keys and lose its focus)."""
    kept = st.session_state.get(keys.DECIDERS)
    if kept is not None and kept[0] == url_path and st.session_state.get(keys.LAST_PAGE) == url_path:
        chosen = kept[1]
    else:
        chosen = explainer.assessment.deciding_inputs(_assessment_now(content), content)
        st.session_state[keys.DECIDERS] = (url_path, chosen)
    ids = [i for i in chosen if i not in elsewhere]
    if ids:
        with st.container(key="advice-deciders", border=True):
            st.caption(state.words("common")["decided_by"])
            live.knobs("knobs-deciders", functools.partial(inputs.input_widgets, ids, content), ids)
    return ids


def _warning_signs(content: explainer.Content, url_path: str) -> SignSlots:
    head = st.container()
    emergency = _emergency_now(content)
    # The danger signs are asked before the advice; once one is ticked (Emergency), calling 999 comes first, on a
    # phone's first screen, and the ticks stay right below it (to undo one made by mistake).
    top = st.container() if emergency else None
    placed = _danger_signs(content)
    top = top or st.container()
    deciders = _deciders(content, frozenset([*placed, *(c.input for s in content.signs for c in s.conditions)]),
                         url_path)
    placed.extend(deciders)
    signs = {}
    for sign in content.signs:
        # The parts of a card that never move are drawn here, with no container of their own: every block on a
        # page costs the browser time on every move (docs/performance.md).
        with st.container(key=f"sign-{sign.id}", border=True):
            render.sign_title(content, sign.id)
            controls, chart = st.columns([2, 3], vertical_alignment="top")
            ids = [condition.input for condition in sign.conditions]
            with controls:
                live.knobs(f"knobs-{sign.id}", functools.partial(inputs.input_widgets, ids, content), ids)
            placed.extend(ids)
            if not emergency:  # at Emergency nothing competes with what to do now
                frame.article_quote(content, sign.id, waits=True)
        signs[sign.id] = chart
    return SignSlots(
        head=head, top=top, signs=signs, bottom=st.container(), placed=frozenset(placed), deciders=frozenset(deciders)
    )


def _causes(content: explainer.Content, url_path: str) -> CauseSlots:
    text = state.words("sidebar")
    top = st.container()
    more = [s.id for s in content.inputs if s.group == "context" and s.id not in CAUSES_FIRST]
    labs = [s.id for s in content.inputs if s.group == "labs"]
    deciders = _deciders(content, frozenset([*CAUSES_FIRST, *more, *labs]), url_path)
    panel, chart = st.columns([2, 3], vertical_alignment="top")

    def draw() -> None:
        inputs.input_widgets(CAUSES_FIRST, content)
        with st.expander(text["more_context"], key=keys.MORE_CONTEXT):
            inputs.input_widgets(more, content)
        with st.expander(text["context_labs"], key=keys.BLOOD_TESTS):
            inputs.input_widgets(labs, content)
            st.caption(text["labs_note"])

    with panel, st.container(key="cause-inputs", border=True):
        live.knobs("knobs-causes", draw, [*CAUSES_FIRST, *more, *labs])
    placed = frozenset([*CAUSES_FIRST, *more, *labs, *deciders])
    return CauseSlots(top=top, chart=chart, bottom=st.container(), placed=placed, deciders=frozenset(deciders))


def _stage(content: explainer.Content) -> StageSlots:
    words = classroom.classroom_or_stop(content)[1]["present"]
    number = presentation.read_step(st.query_params.get(STEP), content)
    placed = presentation.stage_inputs(number, content, classroom.values_on_stage(content))
    with st.container(key="present-stage"):
        head = st.container(key="present-head")
        with st.container(key="present-body", horizontal=True):
            with st.container(key="present-words"):
                title = st.container(key="present-title")
                text = st.container(key="present-text")
            chart = st.container(key="present-chart")
        with st.container(key="present-controls", horizontal=True, vertical_alignment="bottom"):
            for input_id in placed:
                with st.container(key=f"present-control-{input_id}"):
                    inputs.input_widget(content.input(input_id), content)
        with st.container(key="present-foot", horizontal=True, vertical_alignment="center"):
            nav = st.container(key="present-nav", horizontal=True, width="content")
            st.toggle(words["predict"], help=words["predict_help"], key=PREDICT, bind="query-params", wrap=True)
            more = st.container(key="present-more", horizontal=True, vertical_alignment="center")
    return StageSlots(head=head, title=title, text=text, chart=chart, nav=nav, more=more, placed=frozenset(placed))
