"""The room vote's store: rooms, the question on stage, anonymous answers, rounds, reveal, close and expiry.

Two stores keep the same promises (one table of tests runs against both, tests/test_room.py):

- :class:`MemoryStore`, in this process, thread-safe: ``streamlit run app.py`` needs nothing else.
- :class:`RedisStore`, in a ``redis-server`` (loopback or unix socket, no persistence): replicas behind a proxy
  (deploy/serve.sh) share it, so a phone and the stage may sit on different replicas.

:func:`store_from_env` picks one from ``ROOM_STORE`` (unset: in this process; ``redis://host:port/db`` or
``unix:///path/redis.sock``: Redis).

Who may do what:
- A room has a long random join code (``code``, 128 bits, in the join link and its QR code) and a short alias
  (``alias``, 6 letters and digits, typed from the stage). A typed lookup that finds nothing counts against the
  client: after :data:`JOIN_FAILURES_ALLOWED` misses in :data:`JOIN_WINDOW_S` seconds, that client's lookups are
  refused until the window passes, so the alias space (25^6, about 2.4e8, with at most :data:`MAX_ROOMS` rooms)
  cannot be walked.
- The presenter's power is a secret of 256 random bits (``secrets.token_urlsafe(32)``), returned once by
  :meth:`RoomStore.open` and kept only as its SHA-256 here. Every presenter operation takes it; a phone has none.
- A phone is an anonymous random id (made by the phone's browser). One answer per phone per question and round: a
  second answer from the same id replaces the first. No names, no free text: an answer is one of the question's
  choices.
- A room ends when closed or after ``idle_s`` seconds without a presenter action or an answer. Each room holds at
  most :data:`MAX_QUESTIONS` questions and :data:`MAX_PHONES` answers per question and round; there are at most
  :data:`MAX_ROOMS` rooms at once.

Every failure is a :class:`RoomError` whose kind the page turns into a plain sentence; a store that cannot be
reached raises :class:`StoreDownError` ("the room is paused") and nothing else breaks.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

__all__ = [
    "ALIAS_ALPHABET",
    "ALIAS_LENGTH",
    "DEFAULT_IDLE_S",
    "JOIN_FAILURES_ALLOWED",
    "JOIN_WINDOW_S",
    "MAX_CHOICES",
    "MAX_PHONES",
    "MAX_QUESTIONS",
    "MAX_ROOMS",
    "MemoryStore",
    "Opened",
    "Question",
    "RedisStore",
    "RoomError",
    "RoomStore",
    "RoomView",
    "StoreDownError",
    "is_phone_id",
    "new_phone_id",
    "store_from_env",
]

DEFAULT_IDLE_S = 3 * 60 * 60.0  # a room ends three hours after its last presenter action or answer
MAX_ROOMS = 200  # rooms open at once, per store
MAX_QUESTIONS = 60  # questions per room: a 45-minute session asks about 15 to 25
MAX_PHONES = 400  # answers per question and round: the largest workshop and some spare
MAX_CHOICES = 12
MAX_TEXT = 300  # characters in a question's prompt, a choice or its why
ALIAS_ALPHABET = "ACDEFHJKLMNPQRTUVWXY34679"  # no 0/O, 1/I/L, 2/Z, 5/S, 8/B: read off a projector
ALIAS_LENGTH = 6
JOIN_FAILURES_ALLOWED = 20  # typed codes that find no room, per client, per window
JOIN_WINDOW_S = 60.0
_PHONE_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_CODE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
ROUNDS = (1, 2)  # the first vote, and the vote again after discussion


class RoomError(Exception):
    """Something the page says in a plain sentence. ``kind`` picks the sentence (data/room.toml, [errors])."""

    def __init__(self, kind: str, detail: str = "") -> None:
        self.kind = kind  # unknown, stale, not_presenter, full, too_many_rooms, join_limited, bad or down
        super().__init__(f"{kind}: {detail}" if detail else kind)


class StoreDownError(RoomError):
    """The store cannot be reached: the room is paused until it is back; nothing is lost on the page."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("down", detail)


@dataclass(frozen=True)
class Question:
    """One step's question as the room sees it: the prompt, the choices (the buttons' words) and, for the reveal,
    the model's answer (one of the choices) and why."""

    key: str  # the case and step it belongs to, e.g. "cramp-after-run/3"
    prompt: str
    choices: tuple[str, ...]
    answer: str
    why: str = ""

    def __post_init__(self) -> None:
        if not self.key or len(self.key) > 120:
            raise RoomError("bad", "a question's key is 1 to 120 characters")
        if not 2 <= len(self.choices) <= MAX_CHOICES or len(set(self.choices)) != len(self.choices):
            raise RoomError("bad", f"a question has 2 to {MAX_CHOICES} different choices")
        if self.answer not in self.choices:
            raise RoomError("bad", "the answer is one of the choices")
        if any(len(text) > MAX_TEXT for text in (self.prompt, self.why, *self.choices)):
            raise RoomError("bad", f"question texts are at most {MAX_TEXT} characters")

    def to_json(self) -> str:
        return json.dumps({"key": self.key, "prompt": self.prompt, "choices": list(self.choices),
                           "answer": self.answer, "why": self.why})

    @classmethod
    def from_json(cls, raw: str | bytes) -> Question:
        data = json.loads(raw)
        return cls(data["key"], data["prompt"], tuple(data["choices"]), data["answer"], data.get("why", ""))


@dataclass(frozen=True)
class Opened:
    """A new room: its join code and alias (public), and the presenter's secret (shown to no one)."""

    code: str
    alias: str
    secret: str = field(repr=False)  # never in a repr, so never in a log line or a traceback's locals by accident


@dataclass(frozen=True)
class RoomView:
    """What anyone in the room may know: the question on stage, its round, and whether its answer is shown."""

    code: str
    alias: str
    question: Question | None
    round: int
    revealed: bool


class RoomStore(Protocol):
    """The room vote's store. Presenter operations take the secret :meth:`open` returned."""

    def open(self) -> Opened: ...

    def find(self, typed: str, client: str) -> str:
        """The join code of the room a typed alias or a join code names (rate-limited per client on misses)."""
        ...

    def view(self, code: str) -> RoomView: ...

    def ask(self, code: str, secret: str, question: Question) -> RoomView:
        """Put a question on stage: a new one opens at round 1; one asked before comes back with its answers."""
        ...

    def reveal(self, code: str, secret: str, shown: bool) -> None: ...

    def vote_again(self, code: str, secret: str) -> None:
        """The second round of the question on stage, its answer hidden again."""
        ...

    def answer(self, code: str, phone: str, question_key: str, round_: int, choice: str) -> None: ...

    def my_answer(self, code: str, phone: str, question_key: str, round_: int) -> str | None: ...

    def tally(self, code: str, question_key: str, round_: int) -> dict[str, int]:
        """How many phones chose each choice, every choice listed (0 where none did)."""
        ...

    def asked(self, code: str) -> list[tuple[Question, int]]:
        """Every question asked in this room, in order, with its highest round."""
        ...

    def close(self, code: str, secret: str) -> None: ...


def new_phone_id() -> str:
    """A phone's anonymous id (the browser makes its own the same way; this one is for tests and benches).

    >>> is_phone_id(new_phone_id())
    True
    """
    return secrets.token_urlsafe(18)


def is_phone_id(raw: object) -> bool:
    """An id a phone may use: 16 to 64 URL-safe characters.

    >>> is_phone_id("x" * 16), is_phone_id("short"), is_phone_id("<script>" * 4), is_phone_id(None)
    (True, False, False, False)
    """
    return isinstance(raw, str) and bool(_PHONE_ID.match(raw))


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _new_alias() -> str:
    return "".join(secrets.choice(ALIAS_ALPHABET) for _ in range(ALIAS_LENGTH))


def normal_alias(typed: str) -> str:
    """A typed alias as stored: upper case, spaces and dashes dropped.

    >>> normal_alias(" ab-c d7 ")
    'ABCD7'
    """
    return re.sub(r"[\s-]", "", typed).upper()


def _check_answer(view: RoomView, question_key: str, round_: int, choice: str) -> None:
    question = view.question
    if question is None or question.key != question_key or view.round != round_ or view.revealed:
        raise RoomError("stale", "that question is no longer open")
    if choice not in question.choices:
        raise RoomError("bad", "not one of the choices")


# --- in this process -------------------------------------------------------------------------------------------


@dataclass
class _Room:
    code: str
    alias: str
    secret_digest: str
    touched: float
    current: str = ""
    questions: dict[str, Question] = field(default_factory=dict)  # in the order asked
    rounds: dict[str, int] = field(default_factory=dict)
    revealed: dict[str, bool] = field(default_factory=dict)
    answers: dict[tuple[str, int], dict[str, str]] = field(default_factory=dict)  # (question, round) -> phone -> choice


class MemoryStore:
    """Rooms in this process's memory, behind one lock. Idle rooms are swept on the next call."""

    def __init__(self, idle_s: float = DEFAULT_IDLE_S, max_rooms: int = MAX_ROOMS) -> None:
        self.idle_s = idle_s
        self.max_rooms = max_rooms
        self._lock = threading.Lock()
        self._rooms: dict[str, _Room] = {}
        self._aliases: dict[str, str] = {}
        self._misses: dict[str, list[float]] = {}

    def _sweep(self, now: float) -> None:
        for code in [code for code, room in self._rooms.items() if now - room.touched > self.idle_s]:
            self._aliases.pop(self._rooms.pop(code).alias, None)
        for client in [c for c, times in self._misses.items() if not times or now - times[-1] > JOIN_WINDOW_S]:
            del self._misses[client]

    def _room(self, code: str) -> _Room:
        now = time.monotonic()
        self._sweep(now)
        room = self._rooms.get(code)
        if room is None:
            raise RoomError("unknown", "no open room has this code")
        return room

    def _presenter_room(self, code: str, secret: str) -> _Room:
        room = self._room(code)
        if not hmac.compare_digest(room.secret_digest, _digest(secret)):
            raise RoomError("not_presenter", "only the presenter may do this")
        room.touched = time.monotonic()
        return room

    def _view(self, room: _Room) -> RoomView:
        question = room.questions.get(room.current)
        return RoomView(room.code, room.alias, question, room.rounds.get(room.current, 1),
                        room.revealed.get(room.current, False))

    def open(self) -> Opened:
        with self._lock:
            now = time.monotonic()
            self._sweep(now)
            if len(self._rooms) >= self.max_rooms:
                raise RoomError("too_many_rooms", f"{self.max_rooms} rooms are open")
            code, secret = secrets.token_urlsafe(16), secrets.token_urlsafe(32)
            alias = _new_alias()
            while alias in self._aliases:
                alias = _new_alias()
            self._rooms[code] = _Room(code, alias, _digest(secret), now)
            self._aliases[alias] = code
            return Opened(code, alias, secret)

    def find(self, typed: str, client: str) -> str:
        with self._lock:
            now = time.monotonic()
            self._sweep(now)
            misses = [t for t in self._misses.get(client, []) if now - t <= JOIN_WINDOW_S]
            if len(misses) >= JOIN_FAILURES_ALLOWED:
                raise RoomError("join_limited", "too many codes that found no room; wait a minute")
            text = typed.strip()
            code = text if text in self._rooms else self._aliases.get(normal_alias(text), "")
            if not code:
                self._misses[client] = [*misses, now]
                raise RoomError("unknown", "no open room has this code")
            return code

    def view(self, code: str) -> RoomView:
        with self._lock:
            return self._view(self._room(code))

    def ask(self, code: str, secret: str, question: Question) -> RoomView:
        with self._lock:
            room = self._presenter_room(code, secret)
            if question.key not in room.questions:
                if len(room.questions) >= MAX_QUESTIONS:
                    raise RoomError("full", f"a room asks at most {MAX_QUESTIONS} questions")
                room.questions[question.key] = question
                room.rounds[question.key] = 1
            room.current = question.key
            return self._view(room)

    def reveal(self, code: str, secret: str, shown: bool) -> None:
        with self._lock:
            room = self._presenter_room(code, secret)
            if room.current:
                room.revealed[room.current] = shown

    def vote_again(self, code: str, secret: str) -> None:
        with self._lock:
            room = self._presenter_room(code, secret)
            if room.current:
                room.rounds[room.current] = ROUNDS[-1]
                room.revealed[room.current] = False

    def answer(self, code: str, phone: str, question_key: str, round_: int, choice: str) -> None:
        if not is_phone_id(phone):
            raise RoomError("bad", "not a phone id")
        with self._lock:
            room = self._room(code)
            _check_answer(self._view(room), question_key, round_, choice)
            answers = room.answers.setdefault((question_key, round_), {})
            if phone not in answers and len(answers) >= MAX_PHONES:
                raise RoomError("full", f"a question takes at most {MAX_PHONES} answers")
            answers[phone] = choice
            room.touched = time.monotonic()

    def my_answer(self, code: str, phone: str, question_key: str, round_: int) -> str | None:
        with self._lock:
            return self._room(code).answers.get((question_key, round_), {}).get(phone)

    def tally(self, code: str, question_key: str, round_: int) -> dict[str, int]:
        with self._lock:
            room = self._room(code)
            question = room.questions.get(question_key)
            if question is None:
                return {}
            chosen = list(room.answers.get((question_key, round_), {}).values())
            return {choice: chosen.count(choice) for choice in question.choices}

    def asked(self, code: str) -> list[tuple[Question, int]]:
        with self._lock:
            room = self._room(code)
            return [(question, room.rounds[key]) for key, question in room.questions.items()]

    def close(self, code: str, secret: str) -> None:
        with self._lock:
            room = self._presenter_room(code, secret)
            del self._rooms[room.code]
            self._aliases.pop(room.alias, None)


# --- in Redis --------------------------------------------------------------------------------------------------

# One answer, checked and stored in one step, so a question that moved on or a full round is never written to.
_ANSWER = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 'unknown' end
local key = ARGV[1]
local room = redis.call('HMGET', KEYS[1], 'current', 'r:' .. key, 'v:' .. key)
if room[1] ~= key or room[2] ~= ARGV[2] or room[3] == '1' then return 'stale' end
if redis.call('HEXISTS', KEYS[2], ARGV[3]) == 0 and redis.call('HLEN', KEYS[2]) >= tonumber(ARGV[5]) then
  return 'full'
end
redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[6]) end
return 'ok'
"""


class RedisStore:
    """Rooms in a ``redis-server`` shared by every replica. Every key of a room expires ``idle_s`` after the room's
    last presenter action or answer (Redis drops it); nothing is written to disk (serve.sh starts the server with
    ``--save "" --appendonly no``)."""

    def __init__(self, url: str, idle_s: float = DEFAULT_IDLE_S, max_rooms: int = MAX_ROOMS,
                 prefix: str = "explainer:room:") -> None:
        import redis  # only where Redis is used: the in-process store needs nothing

        # Any Redis failure (gone, slow, out of memory) pauses the room; the page never sees a traceback.
        self._errors: tuple[type[BaseException], ...] = (redis.exceptions.RedisError,)
        self._redis = redis.Redis.from_url(url, socket_timeout=2.0, socket_connect_timeout=2.0,
                                           health_check_interval=30)
        self.idle_s = idle_s
        self.max_rooms = max_rooms
        self._p = prefix
        self._answer = self._redis.register_script(_ANSWER)

    # keys
    def _k_room(self, code: str) -> str:
        return f"{self._p}r:{code}"

    def _k_order(self, code: str) -> str:
        return f"{self._p}o:{code}"  # question keys in the order asked

    def _k_questions(self, code: str) -> str:
        return f"{self._p}q:{code}"  # question key -> question (JSON)

    def _k_answers(self, code: str, key: str, round_: int) -> str:
        return f"{self._p}a:{code}:{round_}:{key}"

    def _k_alias(self, alias: str) -> str:
        return f"{self._p}alias:{alias}"

    def _k_misses(self, client: str) -> str:
        return f"{self._p}miss:{hashlib.sha256(client.encode()).hexdigest()[:32]}"

    @property
    def _k_rooms(self) -> str:
        return f"{self._p}rooms"  # code -> when last touched (ms), to count and bound the open rooms

    @property
    def _ttl_ms(self) -> int:
        return max(1, int(self.idle_s * 1000))

    def _call(self, operation: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return operation(*args, **kwargs)
        except self._errors as error:
            raise StoreDownError(type(error).__name__) from None

    def _meta(self, code: str) -> dict[str, str]:
        if not _CODE.match(code):
            raise RoomError("unknown", "no open room has this code")
        raw = self._call(self._redis.hgetall, self._k_room(code))
        if not raw:
            raise RoomError("unknown", "no open room has this code")
        return {k.decode(): v.decode() for k, v in raw.items()}

    def _presenter_meta(self, code: str, secret: str) -> dict[str, str]:
        meta = self._meta(code)
        if not hmac.compare_digest(meta["secret"], _digest(secret)):
            raise RoomError("not_presenter", "only the presenter may do this")
        return meta

    def _touch(self, code: str, meta: Mapping[str, str]) -> None:
        """Every key of the room lives ``idle_s`` from now."""

        def run() -> None:
            keys = [self._k_room(code), self._k_order(code), self._k_questions(code), self._k_alias(meta["alias"])]
            for raw in self._redis.lrange(self._k_order(code), 0, -1):
                key = raw.decode()
                keys += [self._k_answers(code, key, round_) for round_ in ROUNDS]
            with self._redis.pipeline(transaction=False) as pipe:
                for key in keys:
                    pipe.pexpire(key, self._ttl_ms)
                pipe.zadd(self._k_rooms, {code: int(time.time() * 1000)})
                pipe.execute()

        self._call(run)

    def _view_of(self, code: str, meta: Mapping[str, str]) -> RoomView:
        current = meta.get("current", "")
        question = None
        if current:
            raw = self._call(self._redis.hget, self._k_questions(code), current)
            question = Question.from_json(raw) if raw else None
        return RoomView(code, meta["alias"], question, int(meta.get(f"r:{current}", 1)),
                        meta.get(f"v:{current}") == "1")

    def open(self) -> Opened:
        def run() -> Opened:
            now_ms = int(time.time() * 1000)
            self._redis.zremrangebyscore(self._k_rooms, 0, now_ms - self._ttl_ms)
            if self._redis.zcard(self._k_rooms) >= self.max_rooms:
                raise RoomError("too_many_rooms", f"{self.max_rooms} rooms are open")
            code, secret = secrets.token_urlsafe(16), secrets.token_urlsafe(32)
            alias = _new_alias()
            while not self._redis.set(self._k_alias(alias), code, nx=True, px=self._ttl_ms):
                alias = _new_alias()
            with self._redis.pipeline() as pipe:
                pipe.hset(self._k_room(code), mapping={"alias": alias, "secret": _digest(secret), "current": ""})
                pipe.pexpire(self._k_room(code), self._ttl_ms)
                pipe.zadd(self._k_rooms, {code: now_ms})
                pipe.execute()
            return Opened(code, alias, secret)

        return self._call(run)

    def find(self, typed: str, client: str) -> str:
        misses_key = self._k_misses(client)
        misses = int(self._call(self._redis.get, misses_key) or 0)
        if misses >= JOIN_FAILURES_ALLOWED:
            raise RoomError("join_limited", "too many codes that found no room; wait a minute")
        text = typed.strip()
        code = ""
        if _CODE.match(text) and self._call(self._redis.exists, self._k_room(text)):
            code = text
        elif len(normal_alias(text)) <= 2 * ALIAS_LENGTH:
            found = self._call(self._redis.get, self._k_alias(normal_alias(text)))
            code = found.decode() if found else ""
        if not code or not self._call(self._redis.exists, self._k_room(code)):
            def miss() -> None:
                with self._redis.pipeline() as pipe:
                    pipe.incr(misses_key)
                    pipe.pexpire(misses_key, int(JOIN_WINDOW_S * 1000), nx=True)
                    pipe.execute()

            self._call(miss)
            raise RoomError("unknown", "no open room has this code")
        return code

    def view(self, code: str) -> RoomView:
        return self._view_of(code, self._meta(code))

    def ask(self, code: str, secret: str, question: Question) -> RoomView:
        meta = self._presenter_meta(code, secret)
        if f"r:{question.key}" not in meta:
            if self._call(self._redis.llen, self._k_order(code)) >= MAX_QUESTIONS:
                raise RoomError("full", f"a room asks at most {MAX_QUESTIONS} questions")

            def add() -> None:
                with self._redis.pipeline() as pipe:
                    pipe.hset(self._k_questions(code), question.key, question.to_json())
                    pipe.rpush(self._k_order(code), question.key)
                    pipe.hset(self._k_room(code), mapping={f"r:{question.key}": 1, "current": question.key})
                    pipe.execute()

            self._call(add)
        else:
            self._call(self._redis.hset, self._k_room(code), "current", question.key)
        meta = self._meta(code)
        self._touch(code, meta)
        return self._view_of(code, meta)

    def reveal(self, code: str, secret: str, shown: bool) -> None:
        meta = self._presenter_meta(code, secret)
        if meta.get("current"):
            self._call(self._redis.hset, self._k_room(code), f"v:{meta['current']}", "1" if shown else "0")
        self._touch(code, meta)

    def vote_again(self, code: str, secret: str) -> None:
        meta = self._presenter_meta(code, secret)
        current = meta.get("current")
        if current:
            self._call(self._redis.hset, self._k_room(code), mapping={f"r:{current}": ROUNDS[-1], f"v:{current}": "0"})
        self._touch(code, meta)

    def answer(self, code: str, phone: str, question_key: str, round_: int, choice: str) -> None:
        if not is_phone_id(phone):
            raise RoomError("bad", "not a phone id")
        view = self.view(code)
        _check_answer(view, question_key, round_, choice)
        keys = [self._k_room(code), self._k_answers(code, question_key, round_), self._k_order(code),
                self._k_questions(code), self._k_alias(view.alias)]
        outcome = self._call(self._answer, keys,
                             [question_key, str(round_), phone, choice, str(MAX_PHONES), str(self._ttl_ms)])
        outcome = outcome.decode() if isinstance(outcome, bytes) else str(outcome)
        if outcome != "ok":
            raise RoomError(outcome, "refused by the store")

    def my_answer(self, code: str, phone: str, question_key: str, round_: int) -> str | None:
        self._meta(code)
        raw = self._call(self._redis.hget, self._k_answers(code, question_key, round_), phone)
        return raw.decode() if raw else None

    def tally(self, code: str, question_key: str, round_: int) -> dict[str, int]:
        self._meta(code)
        raw = self._call(self._redis.hget, self._k_questions(code), question_key)
        if not raw:
            return {}
        question = Question.from_json(raw)
        chosen = [v.decode() for v in self._call(self._redis.hvals, self._k_answers(code, question_key, round_))]
        return {choice: chosen.count(choice) for choice in question.choices}

    def asked(self, code: str) -> list[tuple[Question, int]]:
        meta = self._meta(code)
        keys = [raw.decode() for raw in self._call(self._redis.lrange, self._k_order(code), 0, -1)]
        raws = self._call(self._redis.hmget, self._k_questions(code), keys) if keys else []
        return [(Question.from_json(raw), int(meta.get(f"r:{key}", 1))) for key, raw in zip(keys, raws, strict=True)
                if raw]

    def close(self, code: str, secret: str) -> None:
        meta = self._presenter_meta(code, secret)

        def run() -> None:
            keys = [self._k_room(code), self._k_order(code), self._k_questions(code), self._k_alias(meta["alias"])]
            for raw in self._redis.lrange(self._k_order(code), 0, -1):
                keys += [self._k_answers(code, raw.decode(), round_) for round_ in ROUNDS]
            with self._redis.pipeline() as pipe:
                pipe.delete(*keys)
                pipe.zrem(self._k_rooms, code)
                pipe.execute()

        self._call(run)

    def ping(self) -> bool:
        """Whether the store answers now."""
        try:
            return bool(self._redis.ping())
        except self._errors:
            return False


def store_from_env(environ: Mapping[str, str] | None = None) -> RoomStore:
    """The store ``ROOM_STORE`` names: unset or ``memory`` for this process; a ``redis://`` or ``unix://`` URL
    for Redis. ``ROOM_IDLE_HOURS`` (3) sets the expiry.

    >>> type(store_from_env({})).__name__, type(store_from_env({"ROOM_STORE": "unix:///tmp/r.sock"})).__name__
    ('MemoryStore', 'RedisStore')
    """
    environ = os.environ if environ is None else environ
    where = environ.get("ROOM_STORE", "").strip()
    try:
        idle_s = float(environ.get("ROOM_IDLE_HOURS", DEFAULT_IDLE_S / 3600)) * 3600
    except ValueError:
        raise ValueError(f"ROOM_IDLE_HOURS: {environ['ROOM_IDLE_HOURS']!r} is not a number of hours") from None
    if not 0 < idle_s <= 48 * 3600:
        raise ValueError("ROOM_IDLE_HOURS: rooms end after more than 0 and at most 48 idle hours")
    if not where or where == "memory":
        return MemoryStore(idle_s=idle_s)
    if where.startswith(("redis://", "rediss://", "unix://")):
        return RedisStore(where, idle_s=idle_s)
    raise ValueError(f"ROOM_STORE: {where!r} is not memory, redis://host:port/db or unix:///path/redis.sock")
