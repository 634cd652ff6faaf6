"""The rerun pace of one visit (explainer.pace): a person never waits, a flood gets the set rate."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer import pace


def run_for(gaps: list[float]) -> tuple[list[float], float]:
    """Take a run after each gap (s); the waits, and the time the last run started."""
    bucket, now, waits = None, 1000.0, []
    for gap in gaps:
        now += gap
        bucket, wait = pace.take(bucket, now)
        now += wait  # the run starts after its wait
        waits.append(wait)
    return waits, now


@pytest.mark.parametrize(
    ("who", "per_second", "seconds", "waits_at_all"),
    [
        ("a slider moved with the keyboard", 10, 2, False),  # within the burst
        ("a person clicking fast", 5, 30, False),  # below the rate
        ("a page's first visit and a few moves", 3, 5, False),
        ("a flood", 200, 5, True),
        ("a steady client just above the rate", pace.RATE * 2, 10, True),
    ],
)
def test_who_waits(who: str, per_second: float, seconds: int, waits_at_all: bool) -> None:
    waits, _ = run_for([1 / per_second] * int(per_second * seconds))
    assert (max(waits) > 0) == waits_at_all, who


def test_a_flood_gets_the_rate_and_no_more() -> None:
    count = 2000
    waits, end = run_for([0.0] * count)
    elapsed = end - 1000.0
    # After the burst, runs go at the rate: count - burst runs take (count - burst) / rate seconds.
    assert elapsed == pytest.approx((count - pace.BURST) / pace.RATE, rel=0.01)
    assert max(waits) <= pace.MAX_WAIT


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=2, allow_nan=False), min_size=1, max_size=300))
def test_never_more_than_the_burst_plus_the_rate(gaps: list[float]) -> None:
    """In any window, the runs that started are at most burst + rate x window (the bucket's promise)."""
    bucket, now, starts = None, 0.0, []
    for gap in gaps:
        now += gap
        bucket, wait = pace.take(bucket, now)
        now += wait
        starts.append(now)
    for i, first in enumerate(starts):
        for j in range(i, len(starts)):
            window = starts[j] - first
            assert j - i + 1 <= pace.BURST + pace.RATE * window + 1e-6


# --- in the app: every run pays, once ---------------------------------------------------------------------------


def test_the_app_holds_back_a_visit_that_reruns_faster_than_a_person(monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    import ui.admission
    import ui.state
    from tests.conftest import ROOT

    waits: list[float] = []
    # Record the waits instead of sleeping (a wait is spent outside the admission gate: ui/admission.py).
    monkeypatch.setattr(ui.admission, "step_aside", waits.append)
    frozen = 5000.0
    monkeypatch.setattr(ui.state, "clock", lambda: frozen)  # every run at the same instant: a flood
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for _ in range(pace.BURST):
        at.run()
    assert waits == [], "the first runs of a visit never wait"
    at.run()
    assert waits and waits[-1] == pytest.approx(1 / pace.RATE), "past the burst, a run waits for its turn"


def test_a_move_pays_once_though_it_runs_a_callback_and_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    import ui.state
    from tests.conftest import ROOT

    monkeypatch.setattr(ui.state, "clock", lambda: 5000.0)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()  # home: a move reruns the page
    before = at.session_state["_pace"].tokens
    at.slider(key="pain").set_value(8).run()
    assert at.session_state["_pace"].tokens == before - 1
