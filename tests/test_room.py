"""The room vote's store: one table of promises, run against both stores (in this process, and a real redis-server
that the fixture starts on a temporary unix socket and stops)."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from explainer import room
from explainer.room import MemoryStore, Question, RedisStore, RoomError, RoomStore, StoreDownError, new_phone_id

QUESTION = Question("case-a/1", "Is sign 1 met?", ("⚠ Crossed", "✓ Not crossed"), "⚠ Crossed", "Pain 8 of 10.")
CAUSES = Question("case-a/5", "Which cause fits best?", ("Cramp", "Dehydration", "Tetanus"), "Tetanus")


def redis_server_path() -> str | None:
    return shutil.which("redis-server") or shutil.which("redis-server", path="/usr/bin:/usr/sbin:/usr/local/bin")


class RedisServer:
    """A redis-server on a unix socket in a temporary folder, as deploy/serve.sh starts it: no persistence."""

    def __init__(self, folder: Path) -> None:
        self.socket = folder / "redis.sock"
        binary = redis_server_path()
        assert binary
        self.process = subprocess.Popen(
            [binary, "--port", "0", "--unixsocket", str(self.socket), "--unixsocketperm", "700", "--save", "",
             "--appendonly", "no", "--dir", str(folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not self.socket.exists():
            assert self.process.poll() is None and time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.02)

    @property
    def url(self) -> str:
        return f"unix://{self.socket}"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    if redis_server_path() is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("REQUIRE_BROWSER=1 but redis-server is missing (apt-get install redis-server)")
        pytest.skip("no redis-server (apt-get install redis-server)")
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    yield server
    server.stop()


StoreMaker = Callable[..., RoomStore]


@pytest.fixture(params=["memory", "redis"])
def make_store(request: pytest.FixtureRequest) -> StoreMaker:
    """A maker of fresh stores of one kind: ``make_store(idle_s=..., max_rooms=...)``."""
    if request.param == "memory":
        return MemoryStore
    server: RedisServer = request.getfixturevalue("redis_server")

    def make(**settings: float) -> RoomStore:
        return RedisStore(server.url, prefix=f"test:{new_phone_id()}:", **settings)  # a fresh namespace each

    return make


@pytest.fixture
def store(make_store: StoreMaker) -> RoomStore:
    return make_store()


def test_a_new_room_has_a_long_code_a_short_alias_and_a_separate_secret(store: RoomStore) -> None:
    opened = store.open()
    assert len(opened.code) >= 20 and len(opened.alias) == room.ALIAS_LENGTH
    assert set(opened.alias) <= set(room.ALIAS_ALPHABET)
    assert len(opened.secret) >= 43  # 32 random bytes in base64: 256 bits
    assert opened.secret not in (opened.code, opened.alias) and opened.secret not in repr(opened)
    assert store.view(opened.code).question is None


def test_the_alias_and_the_code_both_find_the_room(store: RoomStore) -> None:
    opened = store.open()
    assert store.find(opened.code, "phone-1") == opened.code
    assert store.find(opened.alias.lower()[:3] + " " + opened.alias.lower()[3:], "phone-1") == opened.code


def test_typed_codes_that_find_nothing_are_rate_limited_per_client(store: RoomStore) -> None:
    opened = store.open()
    for _ in range(room.JOIN_FAILURES_ALLOWED):
        with pytest.raises(RoomError) as miss:
            store.find("ZZZZZZ", "walker")
        assert miss.value.kind == "unknown"
    with pytest.raises(RoomError) as limited:
        store.find(opened.alias, "walker")  # even the right one, until the window passes
    assert limited.value.kind == "join_limited"
    assert store.find(opened.alias, "someone-else") == opened.code


def test_one_answer_per_phone_per_question_and_round_a_second_replaces_it(store: RoomStore) -> None:
    opened = store.open()
    store.ask(opened.code, opened.secret, QUESTION)
    phone = new_phone_id()
    store.answer(opened.code, phone, QUESTION.key, 1, "✓ Not crossed")
    store.answer(opened.code, phone, QUESTION.key, 1, "⚠ Crossed")  # a reload, a second tab: the same phone
    store.answer(opened.code, new_phone_id(), QUESTION.key, 1, "⚠ Crossed")
    assert store.tally(opened.code, QUESTION.key, 1) == {"⚠ Crossed": 2, "✓ Not crossed": 0}
    assert store.my_answer(opened.code, phone, QUESTION.key, 1) == "⚠ Crossed"


@pytest.mark.parametrize(
    ("question_key", "round_", "choice", "kind"),
    [
        ("case-a/9", 1, "⚠ Crossed", "stale"),  # a question no longer on stage
        (QUESTION.key, 2, "⚠ Crossed", "stale"),  # a round not open
        (QUESTION.key, 1, "Free text from a phone", "bad"),  # not one of the buttons
    ],
)
def test_an_answer_to_anything_but_the_open_question_is_refused(
    store: RoomStore, question_key: str, round_: int, choice: str, kind: str
) -> None:
    opened = store.open()
    store.ask(opened.code, opened.secret, QUESTION)
    with pytest.raises(RoomError) as refused:
        store.answer(opened.code, new_phone_id(), question_key, round_, choice)
    assert refused.value.kind == kind
    assert store.tally(opened.code, QUESTION.key, 1) == {"⚠ Crossed": 0, "✓ Not crossed": 0}


def test_after_the_reveal_answers_are_closed_and_vote_again_opens_round_two(store: RoomStore) -> None:
    opened = store.open()
    store.ask(opened.code, opened.secret, QUESTION)
    phone = new_phone_id()
    store.answer(opened.code, phone, QUESTION.key, 1, "✓ Not crossed")
    store.reveal(opened.code, opened.secret, True)
    assert store.view(opened.code).revealed
    with pytest.raises(RoomError):
        store.answer(opened.code, phone, QUESTION.key, 1, "⚠ Crossed")
    store.vote_again(opened.code, opened.secret)
    view = store.view(opened.code)
    assert (view.round, view.revealed) == (2, False)
    store.answer(opened.code, phone, QUESTION.key, 2, "⚠ Crossed")
    assert store.tally(opened.code, QUESTION.key, 1) == {"⚠ Crossed": 0, "✓ Not crossed": 1}
    assert store.tally(opened.code, QUESTION.key, 2) == {"⚠ Crossed": 1, "✓ Not crossed": 0}


def test_a_question_asked_again_comes_back_with_its_answers_and_the_summary_lists_each_once(store: RoomStore) -> None:
    opened = store.open()
    store.ask(opened.code, opened.secret, QUESTION)
    store.answer(opened.code, new_phone_id(), QUESTION.key, 1, "⚠ Crossed")
    store.ask(opened.code, opened.secret, CAUSES)
    view = store.ask(opened.code, opened.secret, QUESTION)  # Back on the stage
    assert (view.question, view.round) == (QUESTION, 1)
    assert store.tally(opened.code, QUESTION.key, 1)["⚠ Crossed"] == 1
    assert store.asked(opened.code) == [(QUESTION, 1), (CAUSES, 1)]


@pytest.mark.parametrize("action", ["ask", "reveal", "vote_again", "close"])
def test_a_phone_cannot_advance_reveal_or_close(store: RoomStore, action: str) -> None:
    opened = store.open()
    store.ask(opened.code, opened.secret, QUESTION)
    for guess in ("", opened.code, opened.alias, new_phone_id(), opened.secret[:-1] + "x"):
        calls = {
            "ask": lambda g: store.ask(opened.code, g, CAUSES),
            "reveal": lambda g: store.reveal(opened.code, g, True),
            "vote_again": lambda g: store.vote_again(opened.code, g),
            "close": lambda g: store.close(opened.code, g),
        }
        with pytest.raises(RoomError) as refused:
            calls[action](guess)
        assert refused.value.kind == "not_presenter"
    view = store.view(opened.code)
    assert (view.question, view.round, view.revealed) == (QUESTION, 1, False)


def test_a_closed_room_is_gone_for_everyone(store: RoomStore) -> None:
    opened = store.open()
    store.ask(opened.code, opened.secret, QUESTION)
    store.close(opened.code, opened.secret)
    for look in (lambda: store.view(opened.code), lambda: store.find(opened.alias, "phone")):
        with pytest.raises(RoomError) as gone:
            look()
        assert gone.value.kind == "unknown"


def test_an_idle_room_expires(make_store: StoreMaker) -> None:
    store = make_store(idle_s=0.4)
    idle, busy = store.open(), store.open()
    store.ask(busy.code, busy.secret, QUESTION)
    for _ in range(4):
        time.sleep(0.15)
        store.answer(busy.code, new_phone_id(), QUESTION.key, 1, "⚠ Crossed")  # an answer keeps a room alive
    with pytest.raises(RoomError) as expired:
        store.view(idle.code)
    assert expired.value.kind == "unknown"
    assert store.tally(busy.code, QUESTION.key, 1)["⚠ Crossed"] == 4


def test_the_number_of_rooms_is_bounded(make_store: StoreMaker) -> None:
    store = make_store(max_rooms=3)
    for _ in range(3):
        store.open()
    with pytest.raises(RoomError) as full:
        store.open()
    assert full.value.kind == "too_many_rooms"


def test_answers_per_question_and_round_are_bounded(store: RoomStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(room, "MAX_PHONES", 3)
    opened = store.open()
    store.ask(opened.code, opened.secret, QUESTION)
    phones = [new_phone_id() for _ in range(3)]
    for phone in phones:
        store.answer(opened.code, phone, QUESTION.key, 1, "⚠ Crossed")
    with pytest.raises(RoomError) as full:
        store.answer(opened.code, new_phone_id(), QUESTION.key, 1, "⚠ Crossed")
    assert full.value.kind == "full"
    store.answer(opened.code, phones[0], QUESTION.key, 1, "✓ Not crossed")  # changing one's answer still works
    assert sum(store.tally(opened.code, QUESTION.key, 1).values()) == 3


def test_questions_per_room_are_bounded(store: RoomStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(room, "MAX_QUESTIONS", 2)
    opened = store.open()
    store.ask(opened.code, opened.secret, QUESTION)
    store.ask(opened.code, opened.secret, CAUSES)
    with pytest.raises(RoomError) as full:
        store.ask(opened.code, opened.secret, Question("case-a/6", "?", ("a", "b"), "a"))
    assert full.value.kind == "full"


def test_many_phones_answering_at_once_are_each_counted_once(store: RoomStore) -> None:
    opened = store.open()
    store.ask(opened.code, opened.secret, QUESTION)
    phones = [new_phone_id() for _ in range(40)]

    def vote(phone: str) -> None:
        for choice in ("✓ Not crossed", "⚠ Crossed", "⚠ Crossed"):  # each changes its mind twice
            store.answer(opened.code, phone, QUESTION.key, 1, choice)

    threads = [threading.Thread(target=vote, args=(phone,)) for phone in phones]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.tally(opened.code, QUESTION.key, 1) == {"⚠ Crossed": 40, "✓ Not crossed": 0}


def test_the_secret_is_never_logged(store: RoomStore, caplog: pytest.LogCaptureFixture) -> None:
    """The store logs nothing of its own, and a room written into a log line (or an error) leaves its secret out."""
    with caplog.at_level(logging.DEBUG):
        opened = store.open()
        store.ask(opened.code, opened.secret, QUESTION)
        with pytest.raises(RoomError) as refused:
            store.reveal(opened.code, opened.secret + "x", True)
        store.close(opened.code, opened.secret)
    line = "opened %s, %r" % (opened, opened)  # what a log line with the room in it would say  # noqa: UP031
    assert opened.code in line and opened.secret not in line
    assert opened.secret not in str(refused.value) and opened.secret not in repr(refused.value)
    assert not [r for r in caplog.records if r.name.startswith("explainer")], "the store itself logs nothing"
    assert opened.secret not in "\n".join(str(r.msg) + str(r.args) for r in caplog.records)


@pytest.mark.parametrize(
    ("key", "prompt", "choices", "answer"),
    [
        ("k", "?", ("only one",), "only one"),
        ("k", "?", ("a", "a"), "a"),
        ("k", "?", ("a", "b"), "c"),
        ("k", "x" * (room.MAX_TEXT + 1), ("a", "b"), "a"),
        ("", "?", ("a", "b"), "a"),
        ("k", "?", tuple("abcdefghijklm"), "a"),
    ],
)
def test_questions_out_of_bounds_are_refused(key: str, prompt: str, choices: tuple[str, ...], answer: str) -> None:
    with pytest.raises(RoomError):
        Question(key, prompt, choices, answer)


# --- Redis only: two processes, and a store that goes away --------------------------------------------------------


# Another process (a second replica): a fresh interpreter, so nothing of this one's state comes along.
_OTHER_PROCESS = """
import sys
from explainer.room import RedisStore
url, prefix, code, key, *phones = sys.argv[1:]
store = RedisStore(url, prefix=prefix)
for phone in phones:
    store.answer(code, phone, key, 1, "⚠ Crossed")
    store.answer(code, phone, key, 1, "✓ Not crossed")
"""


def test_two_processes_answering_at_once_count_each_phone_once(redis_server: RedisServer) -> None:
    prefix = f"test:{new_phone_id()}:"
    store = RedisStore(redis_server.url, prefix=prefix)
    opened = store.open()
    store.ask(opened.code, opened.secret, QUESTION)
    phones = [new_phone_id() for _ in range(60)]
    shared = phones[:10]  # the same phones in both processes: two replicas, two tabs of one phone
    source = str(Path(room.__file__).resolve().parents[1])
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _OTHER_PROCESS, redis_server.url, prefix, opened.code, QUESTION.key,
             *shared, *phones[10 + 25 * i: 35 + 25 * i]],
            env={**os.environ, "PYTHONPATH": source}, stderr=subprocess.PIPE, text=True,
        )
        for i in range(2)
    ]
    for worker in workers:
        _, errors = worker.communicate(timeout=60)
        assert worker.returncode == 0, errors
    assert store.tally(opened.code, QUESTION.key, 1) == {"⚠ Crossed": 0, "✓ Not crossed": 60}


def test_a_store_that_is_down_raises_store_down_for_every_operation(tmp_path: Path) -> None:
    store = RedisStore(f"unix://{tmp_path / 'nobody-here.sock'}")
    operations: list[Callable[[], object]] = [
        store.open,
        lambda: store.find("ABCDEF", "phone"),
        lambda: store.view("x" * 22),
        lambda: store.ask("x" * 22, "secret", QUESTION),
        lambda: store.answer("x" * 22, new_phone_id(), QUESTION.key, 1, "⚠ Crossed"),
        lambda: store.tally("x" * 22, QUESTION.key, 1),
    ]
    for operation in operations:
        with pytest.raises(StoreDownError) as down:
            operation()
        assert down.value.kind == "down"
    assert not store.ping()


@pytest.mark.parametrize(
    ("environ", "names"),
    [
        ({"ROOM_STORE": "postgres://db"}, "ROOM_STORE"),
        ({"ROOM_IDLE_HOURS": "three"}, "ROOM_IDLE_HOURS"),
        ({"ROOM_IDLE_HOURS": "0"}, "ROOM_IDLE_HOURS"),
        ({"ROOM_IDLE_HOURS": "1000"}, "ROOM_IDLE_HOURS"),
    ],
)
def test_a_bad_store_setting_names_itself(environ: dict[str, str], names: str) -> None:
    with pytest.raises(ValueError, match=names):
        room.store_from_env(environ)
