"""The admission gate (ui/admission.py): who runs next in a replica, and what it does to Streamlit."""

from __future__ import annotations

import threading
import time

import pytest

from ui import admission


class Clock:
    """A hand-moved clock for the gate's ``clock`` and ``cpu``."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _queue_behind(gate: admission.Gate, holder: admission.Ticket, runs: list[tuple[str, str]]) -> list[str]:
    """Queue ``runs`` (visit, address) while ``holder`` runs; release it and return the order they ran in."""
    order: list[str] = []
    lock = threading.Lock()

    def run(visit: str, address: str) -> None:
        ticket = gate.acquire(visit, address)
        with lock:
            order.append(visit)
        gate.release(ticket)

    threads = [threading.Thread(target=run, args=run_args) for run_args in runs]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 5
    while gate.waiting() < len(runs) and time.monotonic() < deadline:
        time.sleep(0.01)
    gate.release(holder)
    for thread in threads:
        thread.join(timeout=5)
    return order


def _used(gate: admission.Gate, clock: Clock, visit: str, address: str, seconds: float) -> None:
    """Make ``visit`` from ``address`` known to the gate, having used ``seconds`` of CPU just now."""
    ticket = gate.acquire(visit, address)
    clock.now += seconds
    gate.release(ticket)


def test_a_first_render_goes_before_every_rerun_and_a_quiet_visit_before_a_busy_one() -> None:
    clock = Clock()
    gate = admission.Gate(slots=1, clock=clock, cpu=clock)
    _used(gate, clock, "flooder", "203.0.113.5", 5.0)
    _used(gate, clock, "quiet", "198.51.100.7", 0.05)
    holder = gate.acquire("holder", "192.0.2.1")
    order = _queue_behind(gate, holder, [("flooder", "203.0.113.5"), ("quiet", "198.51.100.7"), ("new", "203.0.113.5")])
    assert order == ["new", "quiet", "flooder"]


def test_tabs_of_a_busy_address_go_after_a_visit_from_another_address() -> None:
    """Per address, not per tab: five fresh-looking tabs of an address that has used the CPU wait their turn."""
    clock = Clock()
    gate = admission.Gate(slots=1, clock=clock, cpu=clock)
    for tab in range(5):
        _used(gate, clock, f"tab{tab}", "203.0.113.5", 1.0)  # each tab used a little, the address a lot
    _used(gate, clock, "neighbour", "198.51.100.7", 1.0)
    holder = gate.acquire("holder", "192.0.2.1")
    runs = [(f"tab{tab}", "203.0.113.5") for tab in range(5)] + [("neighbour", "198.51.100.7")]
    assert _queue_behind(gate, holder, runs)[0] == "neighbour"


def test_use_is_forgotten_with_time() -> None:
    clock = Clock()
    gate = admission.Gate(slots=1, clock=clock, cpu=clock)
    _used(gate, clock, "once-busy", "203.0.113.5", 5.0)
    ticket = admission.Ticket("once-busy", "203.0.113.5", False, 0, clock.now)
    before = gate.order(ticket, clock.now)[1]
    clock.now += 10 * admission.HALF_LIFE
    after = gate.order(admission.Ticket("once-busy", "203.0.113.5", False, 1, clock.now), clock.now)[1]
    assert after < before / 100


def test_a_run_steps_aside_mid_way_only_for_a_run_owed_the_turn() -> None:
    clock = Clock()
    gate = admission.Gate(slots=1, clock=clock, cpu=clock)
    _used(gate, clock, "flooder", "203.0.113.5", 5.0)
    _used(gate, clock, "quiet", "198.51.100.7", 0.05)
    flooding = gate.acquire("flooder", "203.0.113.5")
    ran: list[str] = []
    quiet = threading.Thread(target=lambda: (ran.append("quiet"), gate.release(gate.acquire("quiet", "198.51.100.7"))))
    quiet.start()
    while gate.waiting() < 1:
        time.sleep(0.01)
    gate.yield_if_owed(flooding)  # the quiet visit is owed the turn: it runs, then the flooder goes on
    quiet.join(timeout=5)
    assert ran == ["quiet"] and flooding.held
    gate.release(flooding)


def test_a_paced_wait_is_spent_outside_the_gate() -> None:
    gate = admission.Gate(slots=1)
    other_ran = threading.Event()
    with admission.turn("paced", "203.0.113.5", gate):
        threading.Thread(target=lambda: (gate.release(gate.acquire("other", "198.51.100.7")), other_ran.set())).start()
        admission.step_aside(0.3)
        assert other_ran.is_set(), "another run went while the paced one slept"


@pytest.mark.parametrize(
    ("remote", "headers", "expected"),
    [
        ("127.0.0.1", [("X-Forwarded-For", "203.0.113.9")], "203.0.113.9"),
        ("::1", [("x-forwarded-for", "1.2.3.4"), ("X-Forwarded-For", "203.0.113.9")], "203.0.113.9"),
        ("198.51.100.7", [("X-Forwarded-For", "203.0.113.9")], "198.51.100.7"),  # only our proxy is believed
        ("127.0.0.1", [], "127.0.0.1"),
        (None, [], "-"),
    ],
)
def test_the_visitors_address(remote: str | None, headers: list[tuple[str, str]], expected: str) -> None:
    assert admission.address_of(remote, headers) == expected


def test_install_wraps_the_streamlit_methods_it_names() -> None:
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    admission.install()
    admission.install()  # idempotent
    assert getattr(ScriptRunner._run_script, "_explainer_gated", False)
    assert ScriptRunner._run_script.__wrapped__.__name__ == "_run_script"  # type: ignore[attr-defined]
    assert ScriptRunner._enqueue_forward_msg.__wrapped__.__name__ == "_enqueue_forward_msg"  # type: ignore[attr-defined]


def test_a_first_render_keeps_its_turn_when_other_first_renders_wait() -> None:
    """A burst of new visitors: each first render runs to its end in order of arrival (none is sent to the back
    at its own start or mid-way, which made every render of a burst end together, and later)."""
    gate = admission.Gate(slots=1)
    waiting: list[threading.Thread] = []
    with admission.turn("first", "203.0.113.5", gate) as ticket:
        for number in range(3):
            thread = threading.Thread(target=lambda n=number: gate.release(gate.acquire(f"new{n}", "198.51.100.7")))
            thread.start()
            waiting.append(thread)
        while gate.waiting() < 3:
            time.sleep(0.01)
        admission.between_runs()  # the turn's own first run starts: no stepping aside
        gate.yield_if_owed(ticket)  # mid-way: a first render is never asked to
        assert ticket.held and ticket.first and gate.waiting() == 3
    for thread in waiting:
        thread.join(timeout=5)
