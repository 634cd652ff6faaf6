"""Faults through the proxy (deploy/serve.sh over 2 replicas, all on loopback): what visitors see when a replica
dies or hangs, when HAProxy dies or reloads, under a flood of reruns and under slow connections from 10 addresses.

Short versions of bench/faults.py (its figures are in docs/performance.md, "Faults"). One serve.sh for the module,
with per-address limits made smaller so that the slow-connection test needs 2,000 sockets, not 9,000: the point is
the same, every address at its own cap still leaves the proxy room for a new visitor.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import faults, room
from tests.conftest import Proxy, run_async, start_proxy

pytestmark = [pytest.mark.proxy, pytest.mark.timeout(240)]

SLOW_ADDRESSES = 10
SLOW_PER_ADDRESS = 200  # = MAX_CONN_PER_IP below
ENV = {"MAX_CONN_PER_IP": str(SLOW_PER_ADDRESS), "MAXCONN": "2500", "MAX_REQ_RATE_PER_IP": "400"}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[room.Served]:
    proxy: Proxy = start_proxy(tmp_path_factory.mktemp("faults") / "serve.log", replicas=2, env=ENV)
    try:
        yield room.Served(proxy.port, proxy.process, proxy.log_path)
    finally:
        for name, pid in room.Served(proxy.port, proxy.process, proxy.log_path).pids().items():
            if name.startswith("replica"):
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGCONT)  # never leave a stopped process behind
        proxy.stop()


def _all_up(served: room.Served, limit: float = 30) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if faults.server_states(served) == {"r1": "up", "r2": "up"}:
            return
        time.sleep(0.2)
    raise AssertionError(f"not every replica is up: {faults.server_states(served)}")


def test_a_killed_replica_costs_only_its_own_tabs_which_come_back_with_their_scenario(served: room.Served) -> None:
    _all_up(served)

    async def scenario() -> tuple[list[faults.Tab], float | None, int, list[float]]:
        tabs = await faults.open_tabs(served.port, 8, 1.0)
        assert not [tab.errors for tab in tabs if tab.errors]
        victim = faults.replica_pid(served, 1)
        t0 = time.monotonic()
        until = t0 + 16
        failures: list[float] = []
        lives = [asyncio.create_task(tab.live(served.port, until, until)) for tab in tabs]
        probe = asyncio.create_task(faults.health_probe(served.port, until, failures, t0))
        await asyncio.sleep(2.0)
        killed = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        back = await faults.wait_state(served, "r1", "up", killed, 12)
        await asyncio.gather(*lives)
        await probe
        return tabs, back, victim, failures

    tabs, back, victim, failures = run_async(scenario())
    assert back is not None and back <= 10, f"replica 1 back after {back} s"
    assert faults.replica_pid(served, 1) != victim
    assert failures == [], "the service stayed up (health through the proxy every 0.2 s)"
    for tab in tabs:
        if tab.replica == 2:
            assert tab.errors == [] and tab.moves, f"a tab of the healthy replica saw {tab.errors}"
        else:
            assert tab.back_at is not None, f"tab {tab.number} did not reconnect: {tab.errors}"
            assert tab.scenario_kept, f"tab {tab.number} lost its link's scenario"


def test_a_hung_replica_gets_no_new_visitor_after_5_s(served: room.Served) -> None:
    _all_up(served)
    victim = faults.replica_pid(served, 1)

    async def newcomers() -> list[tuple[str, float]]:
        seen = []
        for _ in range(4):
            begin = time.monotonic()
            cookie = await asyncio.wait_for(room.replica_cookie(served.port, "127.0.0.3"), 5)
            arriving = room.arrive(served.port, faults.PAGE, "127.0.0.3", room.Tally(), cookie)
            session = await asyncio.wait_for(arriving, 5)
            assert session is not None
            seen.append((cookie, time.monotonic() - begin))
            await session.close()
        return seen

    os.kill(victim, signal.SIGSTOP)
    try:
        time.sleep(5.0)
        states = faults.server_states(served)
        seen = run_async(newcomers())
    finally:
        os.kill(victim, signal.SIGCONT)
    assert states.get("r1") == "down"
    assert all(cookie == "replica=r2" for cookie, _ in seen), seen
    assert max(seconds for _, seconds in seen) <= 2.0, seen
    _all_up(served)  # and back once it runs again


def test_haproxy_killed_is_started_again_and_the_replicas_keep_running(served: room.Served) -> None:
    _all_up(served)
    replicas = {name: pid for name, pid in served.pids().items() if name.startswith("replica")}
    os.kill(served.pids()["haproxy"], signal.SIGKILL)
    deadline = time.monotonic() + 10
    failures: list[float] = [0.0]
    while failures and time.monotonic() < deadline:
        failures = []
        run_async(faults.health_probe(served.port, time.monotonic() + 0.01, failures, 0.0))
        time.sleep(0.2)
    assert failures == [], "the proxy answers again within 10 s"
    assert {name: pid for name, pid in served.pids().items() if name.startswith("replica")} == replicas
    _all_up(served)


def test_a_reload_starts_a_new_proxy_worker_and_keeps_the_replicas(served: room.Served) -> None:
    _all_up(served)
    replicas = {name: pid for name, pid in served.pids().items() if name.startswith("replica")}
    master = served.pids()["haproxy"]
    served.process.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + 10
    while "reloading the proxy's configuration" not in served.log.read_text(errors="replace"):
        assert time.monotonic() < deadline, "serve.sh did not reload"
        time.sleep(0.2)
    time.sleep(1.0)
    failures: list[float] = []
    run_async(faults.health_probe(served.port, time.monotonic() + 1.0, failures, 0.0))
    assert failures == []
    assert served.pids()["haproxy"] == master  # the same master, a new worker
    assert {name: pid for name, pid in served.pids().items() if name.startswith("replica")} == replicas


def test_five_flooding_tabs_leave_a_neighbour_its_pace_and_a_newcomer_gets_in(served: room.Served) -> None:
    _all_up(served)
    args = type("Args", (), {"moves": 20, "flooders": 5, "rate": 20.0, "newcomers": 3, "kind": "moves"})()
    quiet, loud, firsts = run_async(faults.flood_once(served, args))
    assert len(loud) >= 18 and len(firsts) == 3
    # The neighbour keeps its pace: its typical move under the flood is at most 2x its quiet one (the bound),
    # with 20 ms of slack for a shared 2-core CI machine (a quiet rerun is ~15 ms). The median, not the p95: of 20
    # moves the p95 is the second-slowest, one scheduling spike on a busy machine (a fresh-clone CI run failed at
    # 88.7 against 80.1 ms with 16 of its 20 moves at 19-26 ms). The tail is the bench's: bench/faults.py flood.
    assert statistics.median(loud) <= 2 * statistics.median(quiet) + 20, (quiet, loud)
    assert max(firsts) <= 2000, firsts


def test_slow_connections_from_10_addresses_leave_room_for_a_new_visitor(served: room.Served) -> None:
    _all_up(served)

    async def scenario() -> tuple[int, list[float]]:
        held: list[asyncio.StreamWriter] = []

        async def hold(source: str) -> None:
            for _ in range(SLOW_PER_ADDRESS + 50):  # more than the cap: the extra ones are refused
                try:
                    _, writer = await asyncio.open_connection("127.0.0.1", served.port, local_addr=(source, 0))
                except OSError:
                    continue
                writer.write(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never the end of the headers
                held.append(writer)

        await asyncio.gather(*(hold(f"127.0.0.{20 + n}") for n in range(SLOW_ADDRESSES)))
        await asyncio.sleep(1.0)
        pages = []
        try:
            for _ in range(3):
                begin = time.monotonic()
                cookie = await asyncio.wait_for(room.replica_cookie(served.port, "127.0.0.200"), 10)
                assert cookie.startswith("replica=")
                pages.append(time.monotonic() - begin)
        finally:
            for writer in held:
                writer.close()
        return len(held), pages

    opened, pages = run_async(scenario())
    assert opened >= SLOW_ADDRESSES * SLOW_PER_ADDRESS
    assert max(pages) <= 2.0, pages


def test_one_address_past_its_request_rate_gets_429_and_others_do_not(served: room.Served) -> None:
    import http.client

    def statuses(count: int, source: str) -> list[int]:
        connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10, source_address=(source, 0))
        seen = []
        try:
            for _ in range(count):
                connection.request("GET", "/_stcore/host-config")  # answered by HAProxy itself: fast, even loaded
                answer = connection.getresponse()
                answer.read()
                seen.append(answer.status)
        finally:
            connection.close()
        return seen

    flood = statuses(int(ENV["MAX_REQ_RATE_PER_IP"]) + 20, "127.0.0.77")
    assert flood[:100] == [200] * 100
    assert 429 in flood[-20:]
    assert statuses(5, "127.0.0.78") == [200] * 5


def test_serve_sh_stops_everything_on_sigterm_after_a_restart(tmp_path: Path) -> None:
    """After a replica was restarted by serve.sh, SIGTERM still stops every process (the new one included)."""
    proxy = start_proxy(tmp_path / "serve.log", replicas=1)
    served_here = room.Served(proxy.port, proxy.process, proxy.log_path)
    try:
        os.kill(faults.replica_pid(served_here, 1), signal.SIGKILL)
        deadline = time.monotonic() + 20
        while "back in the proxy" not in proxy.log_text():
            assert time.monotonic() < deadline, proxy.log_text()[-2000:]
            time.sleep(0.2)
        children = set(served_here.pids().values())
    finally:
        status = proxy.stop()
    assert status == 143
    time.sleep(0.5)
    assert not [pid for pid in children if Path(f"/proc/{pid}").exists()]
