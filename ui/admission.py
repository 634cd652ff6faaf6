"""Admission: a replica's CPU shared between addresses and visits, not between tabs or threads.

Streamlit runs each session's script in a thread of its own, and the threads share one core through Python's
lock (the GIL). Left alone, five tabs that rerun as fast as they can take five sixths of the core from a sixth
visitor, and the event loop that answers the health check and sends every message waits its turn too
(docs/performance.md, "Faults"). So every script run of this process passes a gate first:

- at most ``RUNS_AT_ONCE`` runs go at a time (one by default: CPU-bound runs gain nothing from sharing a core,
  and one at a time leaves the event loop the lock between them);
- a first render (a new visit's first run) goes before every other run: a new visitor always gets in;
- among the rest, the run whose address and visit have used the least CPU lately goes next (a decayed sum with a
  half-life of ``HALF_LIFE`` seconds, less the time the run has waited). A flooding visit, or an address with
  many busy tabs, sinks to the back and waits; a visit that moves a slider now and then passes it at once;
- a run steps aside mid-way, at any message it sends, when a waiting run is owed the turn more than it is (so a
  quiet visit's move does not wait for a flooding visit's whole-page run to end).

The address is the visitor's, from the proxy's ``X-Forwarded-For`` (the last entry, the one HAProxy adds) when
the connection comes from this machine, else the connection's own address. It is kept in memory only, to count
CPU, in a bounded table, and never logged. A whole classroom behind one NAT is one address: its visits are then
ordered among themselves by their own use, so one busy tab in the room does not slow the others.

The per-visit pace (explainer.pace, ui/state.py ``pace``) still applies; its wait is spent outside the gate
(:func:`step_aside`), so a paced visit holds no one up.

:func:`install` wraps Streamlit's ``ScriptRunner._run_script`` (Streamlit 1.67; a test pins the name), the one
call through which every run goes: the page's, a fragment's, a callback's; and ``_enqueue_forward_msg``, through
which a run sends each message, for the points where a run may step aside.
"""

from __future__ import annotations

import functools
import ipaddress
import math
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import count
from typing import Any

__all__ = ["HALF_LIFE", "RUNS_AT_ONCE", "Gate", "address_of", "between_runs", "install", "step_aside"]

RUNS_AT_ONCE = max(1, int(os.environ.get("EXPLAINER_RUNS_AT_ONCE", "1")))
HALF_LIFE = 10.0  # s: how long a visit's or an address's use of the CPU is remembered, halving
YIELD_MARGIN = 0.05  # s of CPU use: how much less a waiting run must have used to pass a running one mid-way
YIELD_CHECK = 0.01  # s: how often a running run looks whether to step aside
_REMEMBERED = 20_000  # visits and addresses in the usage table, at most (oldest forgotten first)


@dataclass
class Ticket:
    """One run waiting for, or holding, a place in the gate."""

    visit: str
    address: str
    first: bool
    number: int
    arrived: float
    cpu_at_start: float = 0.0
    held: bool = False
    checked_at: float = -math.inf  # when it last looked whether to step aside
    runs: int = 0  # the app's runs started in this turn (between_runs)
    granted: threading.Event = field(default_factory=threading.Event)  # set when the gate gives it the turn


@dataclass
class _Decayed:
    value: float = 0.0
    at: float = 0.0

    def now(self, when: float) -> float:
        return self.value * math.exp2(-(when - self.at) / HALF_LIFE)


@dataclass
class Gate:
    """The process's gate (see the module). ``clock`` and ``cpu`` are injectable for tests.

    >>> gate = Gate(slots=1)
    >>> first = gate.acquire("visit-a", "10.0.0.1")
    >>> first.first, first.held
    (True, True)
    >>> gate.release(first)
    >>> gate.acquire("visit-a", "10.0.0.1").first
    False
    """

    slots: int = RUNS_AT_ONCE
    clock: Callable[[], float] = time.monotonic
    cpu: Callable[[], float] = time.thread_time
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _running: int = 0
    _waiting: list[Ticket] = field(default_factory=list)
    _usage: OrderedDict[str, _Decayed] = field(default_factory=OrderedDict)
    _numbers: Iterator[int] = field(default_factory=count)

    def _use(self, key: str, when: float) -> float:
        entry = self._usage.get(key)
        return entry.now(when) if entry is not None else 0.0

    def _charge(self, key: str, seconds: float, when: float) -> None:
        entry = self._usage.pop(key, None) or _Decayed(at=when)
        self._usage[key] = _Decayed(entry.now(when) + seconds, when)
        while len(self._usage) > _REMEMBERED:
            self._usage.popitem(last=False)

    def order(self, ticket: Ticket, when: float) -> tuple[int, float, int]:
        """The sort key of a waiting run: first renders first (in order of arrival), then the least recent use
        of the CPU by its address and its visit, less the time it has waited."""
        if ticket.first:
            return (0, 0.0, ticket.number)
        use = self._use("a " + ticket.address, when) + self._use("v " + ticket.visit, when)
        return (1, use - (when - ticket.arrived), ticket.number)

    def _grant(self) -> None:
        """Give free places to the waiting runs owed them, waking only those (under the lock)."""
        when = self.clock()
        while self._running < self.slots and self._waiting:
            ticket = min(self._waiting, key=lambda waiting: self.order(waiting, when))
            self._waiting.remove(ticket)
            self._running += 1
            ticket.held = True
            ticket.granted.set()

    def _queue(self, ticket: Ticket) -> None:
        """Queue ``ticket`` and wait until it is granted its turn (called without the lock)."""
        ticket.granted.clear()
        with self._lock:
            self._waiting.append(ticket)
            self._grant()
        ticket.granted.wait()
        ticket.cpu_at_start = self.cpu()

    def acquire(self, visit: str, address: str) -> Ticket:
        """Wait for this run's turn; the ticket to give back to :meth:`release`."""
        with self._lock:
            first = "v " + visit not in self._usage
            if first:
                self._charge("v " + visit, 0.0, self.clock())  # known from now on: its later runs are not first
            ticket = Ticket(visit, address, first, next(self._numbers), self.clock())
        self._queue(ticket)
        return ticket

    def release(self, ticket: Ticket) -> None:
        """The run is over (or steps aside): charge its CPU to its visit and address, and let the next one go."""
        spent = max(0.0, self.cpu() - ticket.cpu_at_start)
        with self._lock:
            if not ticket.held:
                return
            ticket.held = False
            self._running -= 1
            when = self.clock()
            self._charge("v " + ticket.visit, spent, when)
            self._charge("a " + ticket.address, spent, when)
            self._grant()

    def reacquire(self, ticket: Ticket) -> None:
        """Wait for a turn again with the same ticket (after :meth:`release`), as a run that is no longer first."""
        ticket.first = False
        ticket.arrived = self.clock()
        self._queue(ticket)

    def yield_turn(self, ticket: Ticket) -> None:
        """Between two runs of one held turn (Streamlit starts a rerun inside the same call when a request comes
        during a run): the turn's first run is over, so it is a first render no more; step aside if owed."""
        ticket.first = False
        ticket.checked_at = -math.inf
        self.yield_if_owed(ticket)

    def yield_if_owed(self, ticket: Ticket) -> None:
        """Inside a run (at each message it sends): step aside only if a waiting run is owed the turn clearly more
        than this one, by the same order: a quiet visit's move passes a flooding visit's run mid-way. A first
        render is never asked to step aside (first renders go in order of arrival), and two runs of about the same
        use do not take turns at every message (``YIELD_MARGIN``). Checked at most every ``YIELD_CHECK`` s."""
        when = self.clock()
        if ticket.first or when - ticket.checked_at < YIELD_CHECK:
            return
        ticket.checked_at = when
        with self._lock:
            if not (ticket.held and self._waiting):
                return
            spent = max(0.0, self.cpu() - ticket.cpu_at_start)
            use = self._use("a " + ticket.address, when) + self._use("v " + ticket.visit, when) + spent
            best = min(self.order(waiting, when) for waiting in self._waiting)
            if best[0] == 1 and best[1] >= use - YIELD_MARGIN:
                return
        self.release(ticket)
        self.reacquire(ticket)

    def waiting(self) -> int:
        with self._lock:
            return len(self._waiting)


GATE = Gate()
_held = threading.local()  # the ticket this thread holds, if it is running a script


@contextmanager
def turn(visit: str, address: str, gate: Gate | None = None) -> Iterator[Ticket]:
    """Hold a place in the gate for the length of a run."""
    gate = gate or GATE
    ticket = gate.acquire(visit, address)
    _held.ticket, _held.gate = ticket, gate
    try:
        yield ticket
    finally:
        _held.ticket = None
        gate.release(ticket)


def between_runs() -> None:
    """At the start of every run of the app (ui/state.py ``pace``): a turn is a run, not a session's string of
    reruns, so a visit that keeps asking for reruns lets the others go between them."""
    ticket: Ticket | None = getattr(_held, "ticket", None)
    if ticket is None:
        return
    ticket.runs += 1
    if ticket.runs > 1:  # not the turn's own first run
        _held.gate.yield_turn(ticket)


def _preemption_point() -> None:
    ticket: Ticket | None = getattr(_held, "ticket", None)
    if ticket is not None:
        _held.gate.yield_if_owed(ticket)


def step_aside(seconds: float) -> None:
    """Sleep ``seconds`` inside a run without holding the gate (a paced visit's wait), then queue again."""
    ticket: Ticket | None = getattr(_held, "ticket", None)
    if ticket is None or not ticket.held:
        time.sleep(seconds)
        return
    gate: Gate = _held.gate
    gate.release(ticket)
    try:
        time.sleep(seconds)
    finally:
        gate.reacquire(ticket)


_LOOPBACK_NETS = (ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("::1/128"))


def address_of(remote_ip: str | None, headers: Iterable[tuple[str, str]]) -> str:
    """The visitor's address: the proxy's ``X-Forwarded-For`` (its last entry) when the connection comes from this
    machine (HAProxy, or the pod's own proxy), else the connection's address.

    >>> address_of("127.0.0.1", [("X-Forwarded-For", "198.51.100.7, 203.0.113.9")])
    '203.0.113.9'
    >>> address_of("192.0.2.4", [("X-Forwarded-For", "203.0.113.9")])  # not from our proxy: not trusted
    '192.0.2.4'
    >>> address_of(None, [])
    '-'
    """
    try:
        local = remote_ip is not None and any(ipaddress.ip_address(remote_ip) in net for net in _LOOPBACK_NETS)
    except ValueError:
        local = False
    if local:
        forwarded = [value for name, value in headers if name.lower() == "x-forwarded-for"]
        if forwarded:
            return forwarded[-1].rsplit(",", 1)[-1].strip() or "-"
    return remote_ip or "-"


def _visitor_address(session_id: str) -> str:
    from streamlit import runtime

    try:
        client = runtime.get_instance().get_client(session_id)
        context = getattr(client, "client_context", None)
        if context is None:
            return "-"
        return address_of(context.remote_ip, context.headers)
    except Exception:  # no runtime (a unit test's runner), a session that just closed: one shared address
        return "-"


def install() -> None:
    """Route every script run of this process through :data:`GATE` (idempotent)."""
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    original = ScriptRunner._run_script
    if getattr(original, "_explainer_gated", False):
        return

    @functools.wraps(original)
    def gated_run_script(self: ScriptRunner, rerun_data: Any) -> None:
        session_id = self._session_id
        with turn(session_id, _visitor_address(session_id)):
            original(self, rerun_data)

    enqueue = ScriptRunner._enqueue_forward_msg

    @functools.wraps(enqueue)
    def enqueue_with_preemption(self: ScriptRunner, msg: Any) -> None:
        _preemption_point()
        enqueue(self, msg)

    gated_run_script._explainer_gated = True  # type: ignore[attr-defined]
    ScriptRunner._run_script = gated_run_script  # type: ignore[method-assign]
    ScriptRunner._enqueue_forward_msg = enqueue_with_preemption  # type: ignore[method-assign]
