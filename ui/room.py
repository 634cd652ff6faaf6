"""The room vote in the browser: on the stage (/present) the presenter's room, on the phones (/join) the answers.

The store and its promises are in :mod:`explainer.room`; the questions, the chart and the summary in
:mod:`explainer.room_vote`. Here: which store (``ROOM_STORE``), the presenter's secret kept in the tab that started
the room (session state, and sessionStorage across a reload; never a link), the phone's anonymous id (made and kept
by the phone's browser, ui/assets/room_phone.js), and every :class:`~explainer.room.RoomError` as a plain sentence.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import html
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

import explainer
from explainer import room as rooms
from explainer import room_vote, share
from explainer.model import RoomWords, decode
from explainer.presentation import Position, Step
from explainer.room import Opened, Question, RoomError, RoomStore, RoomView
from explainer.scenarios import Scenario
from ui import keys, layout, load, look, render, sharing, state

WORDS = Path(__file__).resolve().parents[1] / "data" / "room.toml"
JOIN_PAGE = "join"  # the phone's page, /join (ui/router.py)
ROOM_PARAM = "room"  # /join?room=<join code>
PRESENTER = keys.ROOM_PRESENTER
PHONE = "room-phone"  # the phone-id component's key
KEEP = "room-keep"  # the presenter's keep-across-reload component's key
FORGET = keys.ROOM_FORGET
NOTICE = keys.ROOM_NOTICE
STAGE_REFRESH_S = 0.5  # the stage's count follows the answers within this (and its run)
PHONE_REFRESH_S = 2.0  # a phone sees the next question, or the answer, within this


@functools.cache
def words() -> RoomWords:
    """data/room.toml, checked by its type (explainer.model.RoomWords); a broken file stops with a plain error."""
    return load.loaded_or_stop(lambda: decode(WORDS.parent, WORDS.name, RoomWords), "The room vote")


@st.cache_resource
def store() -> RoomStore:
    """The one store of this server process (ROOM_STORE: see explainer.room.store_from_env)."""
    return rooms.store_from_env()


_phone_id = st.components.v2.component("room_phone_id", js=look.script("room_phone.js"))
_keep_presenter = st.components.v2.component("room_keep_presenter", js=look.script("room_presenter.js"))


def join_link(address: str, code: str) -> str:
    """The phone's link: the app's address, the join page and the long join code; nothing else.

    >>> join_link("http://192.168.1.20:8501", "abc")
    'http://192.168.1.20:8501/join?room=abc'
    """
    return f"{address.rstrip('/')}/{JOIN_PAGE}?{ROOM_PARAM}={code}"


def _count_words(count: int) -> str:
    stage = words().stage
    return stage.answer_one if count == 1 else stage.answers.format(count=count)


# --- the stage ---------------------------------------------------------------------------------------------------


def _running() -> Opened | None:
    opened = st.session_state.get(PRESENTER)
    return opened if isinstance(opened, Opened) else None


def _keep(save: str | None) -> None:
    """Mount the keeper: save (JSON), forget (""), or offer what this tab kept before a reload (None)."""

    def restore() -> None:
        kept = st.session_state[KEEP].get("kept")
        try:
            data = json.loads(kept) if isinstance(kept, str) else {}
            opened = Opened(str(data["code"]), str(data["alias"]), str(data["secret"]))
        except (ValueError, KeyError, TypeError):
            return
        st.session_state[PRESENTER] = opened

    _keep_presenter(key=KEEP, data={"save": save}, on_kept_change=restore, width="content", height="content")


def _start() -> None:
    try:
        opened = store().open()
    except RoomError as error:
        st.session_state[NOTICE] = _stage_sentence(error)
        return
    st.session_state[PRESENTER] = opened
    st.session_state[layout.PREDICT] = True  # the room answers before the stage shows the answer
    st.query_params.pop(layout.ANSWER, None)


def _end(opened: Opened) -> None:
    with contextlib.suppress(RoomError):  # gone already, or the store is down: it expires on its own
        store().close(opened.code, opened.secret)
    st.session_state.pop(PRESENTER, None)
    st.session_state[FORGET] = True
    st.session_state[NOTICE] = words().stage.ended


def _vote_again(opened: Opened) -> None:
    try:
        store().vote_again(opened.code, opened.secret)
    except RoomError as error:
        st.session_state[NOTICE] = _stage_sentence(error)
        return
    st.query_params.pop(layout.ANSWER, None)  # back to the question, for the second vote


def _stage_sentence(error: RoomError) -> str:
    stage = words().stage
    return {
        "down": stage.paused, "unknown": stage.expired, "not_presenter": stage.not_yours,
        "too_many_rooms": stage.too_many_rooms, "full": stage.room_full,
    }.get(error.kind, stage.paused)


def case_key(case: Scenario | None, assessment: explainer.Assessment) -> str:
    """The case on stage, as part of a question's key: its id, or a digest of a live case's inputs."""
    if case is not None:
        return case.id
    inputs = json.dumps({k: assessment.inputs[k] for k in sorted(assessment.inputs)}, default=str)
    return "live-" + hashlib.sha256(inputs.encode()).hexdigest()[:12]


def on_stage(
    content: explainer.Content,
    slots: layout.StageSlots,
    step: Step,
    position: Position,
    assessment: explainer.Assessment,
    case: Scenario | None,
    no_leader: str,
) -> None:
    """All of the room on the stage, after the page has laid out the step (pages/present.py calls this once).

    No room: a button in the top right corner starts one (also right after a room is found gone). A room: the
    step's question goes to the phones; while the stage asks, the chart's place shows the QR code, the short code,
    the join link and the count; when the stage shows the answer, the room's answers show beside it as a chart
    (both votes after "Vote again"). Under it: "Vote again", the results per question (CSV) and "End the room".
    """
    look.style("room.css")
    stage = words().stage
    opened = _running()
    notice = st.session_state.pop(NOTICE, "")
    if opened is None:
        _keep("" if st.session_state.pop(FORGET, False) else None)  # None: offers the room kept over a reload
        _no_room(slots, notice)
        return

    question = room_vote.stage_question(step, assessment, content, case_key(case, assessment), no_leader)
    try:
        view = store().ask(opened.code, opened.secret, question)
        if view.revealed != position.answer_shown:
            store().reveal(opened.code, opened.secret, position.answer_shown)
            view = RoomView(view.code, view.alias, view.question, view.round, position.answer_shown)
    except RoomError as error:
        if error.kind in ("unknown", "not_presenter"):  # expired, ended elsewhere, lost, or not this tab's
            st.session_state.pop(PRESENTER, None)
            _keep("")
            _no_room(slots, _stage_sentence(error))  # the sentence says "start a new one": its button is here
            return
        _keep(None)
        _status(slots, _stage_sentence(error))
        return
    _keep(json.dumps({"code": opened.code, "alias": opened.alias, "secret": opened.secret}))

    with slots.chart:
        if not position.answer_shown:
            _join_panel(opened)
        else:
            _votes(opened.code, question, view.round)
        # The room's own controls sit under its panel, not in the stage's footer, which is full already.
        with st.container(key="room-bar", horizontal=True, vertical_alignment="center"):
            # The count refreshes on its own (a fragment): it is the only thing in its box, so that its reruns
            # never touch the buttons beside it.
            with st.container(key="room-count-box"):
                _count(opened.code, question.key, view.round)
            st.button(stage.vote_again, key="room-vote-again", help=stage.vote_again_help,
                      disabled=not position.answer_shown or view.round >= rooms.ROUNDS[-1], on_click=_vote_again,
                      args=(opened,), wrap=True)
            _results(opened.code, last_step=step.kind == "urgency" and position.answer_shown)
            st.button(stage.end, key="room-end", on_click=_end, args=(opened,), wrap=True)
    _status(slots, notice)


def _no_room(slots: layout.StageSlots, notice: str) -> None:
    """No room on this stage: the button that starts one, and what became of the last one, if anything."""
    stage = words().stage
    # In the stage's top right corner, out of the layout (ui/assets/room.css): the footer is full, and the
    # chart's text is sized by the room the chart has.
    with slots.head, st.container(key="room-start-box"):
        st.button(stage.start, key="room-start", help=stage.start_help, on_click=_start, wrap=True)
    _status(slots, notice)


def _status(slots: layout.StageSlots, sentence: str) -> None:
    """What became of the room, in one plain sentence under the step's words (nothing when there is nothing)."""
    if sentence:
        with slots.text, st.container(key="room-status"):
            st.markdown(sentence)


def _join_panel(opened: Opened) -> None:
    """The QR code, the short code and the join link. The link holds the join code only: never the secret."""
    stage = words().stage
    address = sharing.app_address() or ""
    link = join_link(address, opened.code)
    with st.container(key="room-join", horizontal=True):
        if address:
            st.image(share.qr_svg(link), width="content", alt=stage.qr_alt.format(link=link))
        with st.container(key="room-join-words"):
            st.markdown(f"**{stage.join_title}**")
            st.html(f'<p class="room-alias">{html.escape(stage.join_code.format(alias=opened.alias))}</p>'
                    f'<p>{html.escape(stage.join_or)} <a href="{html.escape(link)}" target="_blank"'
                    f' rel="noopener">{html.escape(link)}</a></p>')


@st.fragment(run_every=STAGE_REFRESH_S)
def _count(code: str, question_key: str, round_: int) -> None:
    """The count of answers to the question on stage, fresh every second."""
    with st.container(key="room-count"):
        try:
            count = sum(store().tally(code, question_key, round_).values())
        except RoomError as error:
            st.markdown(_stage_sentence(error))
            return
        stage = words().stage
        label = stage.second_vote if round_ > 1 else stage.first_vote
        st.markdown(f"{label}: {_count_words(count)}")


def _votes(code: str, question: Question, round_: int) -> None:
    try:
        rounds = {r: store().tally(code, question.key, r) for r in rooms.ROUNDS if r <= round_}
    except RoomError as error:
        st.markdown(_stage_sentence(error))
        return
    with st.container(key="room-votes"):
        described = room_vote.vote_description(question, rounds)
        st.altair_chart(room_vote.vote_chart(question, rounds), width="stretch", height="stretch", alt=described)
        st.caption(described)


def _results(code: str, last_step: bool) -> None:
    """The summary per question asked in this room: share right in the first and the second vote, and a CSV."""
    stage = words().stage
    panel = st.popover(stage.results, key="room-results", on_change="rerun", type="primary" if last_step else
                       "secondary")
    with panel:
        if not panel.open:
            return
        try:
            asked = [(q, {r: store().tally(code, q.key, r) for r in rooms.ROUNDS if r <= top})
                     for q, top in store().asked(code)]
        except RoomError as error:
            st.markdown(_stage_sentence(error))
            return
        rows = room_vote.summary(asked)
        if not any(row.first_answers or row.second_answers for row in rows):
            st.markdown(stage.results_empty)
            return
        st.dataframe(
            [{"Question": r.question, "Answer": r.answer, "First vote": r.first_answers,
              "Right (first)": _percent(r.first_right), "Second vote": r.second_answers,
              "Right (second)": _percent(r.second_right)} for r in rows],
            hide_index=True,
        )
        st.caption(stage.results_note)
        st.download_button(stage.results_download, room_vote.summary_csv(rows), file_name="room-results.csv",
                           mime="text/csv", key="room-results-csv", on_click="ignore")


def _percent(share_right: float | None) -> str:
    return "" if share_right is None else f"{round(share_right * 100)} %"


# --- the phone ---------------------------------------------------------------------------------------------------


def _client() -> str:
    """Who typed a code, for the limit on codes that find nothing: the address the proxy saw (it appends the
    client's to X-Forwarded-For), else the address of the connection."""
    forwarded = st.context.headers.get("X-Forwarded-For", "")
    return forwarded.rsplit(",", 1)[-1].strip() or st.context.ip_address or "unknown"


def _phone_sentence(error: RoomError) -> str:
    phone = words().phone
    return getattr(phone, error.kind if error.kind != "down" else "paused", phone.bad)


def phone_page() -> None:
    """/join: the code (from the link, or typed), then the question on stage as large buttons, one answer, the
    answer after the reveal. Nothing personal: the phone's id is random and made by its browser."""
    phone = words().phone
    look.style("room_phone.css")
    st.markdown(f"# {state.words(JOIN_PAGE)['title']}")
    known = st.session_state.get(PHONE, {}).get("phone") if isinstance(st.session_state.get(PHONE), dict) else None
    _phone_id(key=PHONE, data={"known": known}, on_phone_change=lambda: None, width="content", height="content")
    code = str(st.query_params.get(ROOM_PARAM, ""))
    device = _device()
    if not code:
        _code_form()
    elif device is None:
        st.markdown(phone.joining)
    else:
        _question(code, device)
    render.disclaimer()


def _device() -> str | None:
    value = st.session_state.get(PHONE)
    device = value.get("phone") if hasattr(value, "get") else None
    return device if rooms.is_phone_id(device) else None


def _code_form() -> None:
    phone = words().phone
    st.markdown(phone.intro)
    with st.form("room-code-form", border=False):
        typed = st.text_input(phone.code_label, help=phone.code_help, max_chars=64, key="room-code",
                              autocomplete="off")
        joined = st.form_submit_button(phone.join, type="primary")
    if joined and typed.strip():
        try:
            st.query_params[ROOM_PARAM] = store().find(typed, _client())
        except RoomError as error:
            st.markdown(_phone_sentence(error))
            return
        st.rerun()


def _answer(code: str, device: str, question: Question, round_: int, choice: str) -> None:
    try:
        store().answer(code, device, question.key, round_, choice)
    except RoomError as error:
        st.session_state[NOTICE] = _phone_sentence(error)


@st.fragment(run_every=PHONE_REFRESH_S)
def _question(code: str, device: str) -> None:
    phone = words().phone
    notice = st.session_state.pop(NOTICE, "")
    try:
        view = store().view(code)
        mine = (store().my_answer(code, device, view.question.key, view.round) if view.question else None)
    except RoomError as error:
        with st.container(key="room-phone-status"):
            st.markdown(_phone_sentence(error))
        return
    with st.container(key="room-phone-status"):
        if notice:
            st.markdown(notice)
    question = view.question
    if question is None:
        st.markdown(phone.waiting)
        return
    with st.container(key="room-phone-question"):
        st.markdown(question.prompt)
    if view.round > 1 and not view.revealed and mine is None:
        st.markdown(phone.second_round)
    if view.revealed:
        with st.container(key="room-phone-answer", border=True):
            st.markdown(f"**{phone.answer_is.format(answer=question.answer)}**")
            st.markdown(phone.you_chose.format(choice=mine) if mine else phone.no_answer)
            if question.why:
                st.markdown(phone.why.format(why=question.why))
        return
    if mine is not None:
        with st.container(key="room-phone-received", border=True):
            st.markdown(f"**{phone.received.format(choice=mine)}**")
            st.markdown(phone.change_note)
        return
    _buttons(code, device, question, view.round, _answer)


def _buttons(code: str, device: str, question: Question, round_: int,
             on_answer: Callable[..., Any]) -> None:
    with st.container(key="room-choices"):
        for index, choice in enumerate(question.choices):
            st.button(choice, key=f"room-choice-{index}", width="stretch",
                      on_click=on_answer, args=(code, device, question, round_, choice))
