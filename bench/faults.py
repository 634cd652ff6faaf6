"""Faults through the proxy: what visitors see when a process dies, hangs or is flooded (issue 21).

Run from the repo root (needs HAProxy; every server is started here, on loopback, and stopped at the end):

    .venv/bin/python bench/faults.py kill      # SIGKILL one of 2 replicas under a room of 40 tabs
    .venv/bin/python bench/faults.py stop      # SIGSTOP one replica for 15 s; a new visitor every 0.5 s
    .venv/bin/python bench/faults.py proxy     # SIGKILL HAProxy's master; the replicas should keep running
    .venv/bin/python bench/faults.py flood     # 5 tabs at 20 reruns/s beside a neighbour; --compare: gate off too
    .venv/bin/python bench/faults.py slow      # 10 addresses x 900 slow connections; a new visitor every 1 s
    .venv/bin/python bench/faults.py capacity  # N arrivals at once at 1 and 2 replicas: first renders per core-second
    .venv/bin/python bench/faults.py memory    # one replica's RSS: before any export, after the first, after bursts

Each serves the work tree with deploy/serve.sh (bench/room.py ``serve``) over 2 replicas unless said otherwise. A
tab is bench/stclient.py's session with a link (a query string: its scenario) and the proxy's cookie. A tab whose
websocket closes reconnects as the browser does (again every 0.5 s, same link and cookie, up to 30 s) and its
first render must show its link's scenario. Every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import random
import signal
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import room
import stclient

from deploy import proxy_cli

HOST = stclient.HOST
PAGE = "warning-signs"


def master_socket(served: room.Served) -> str:
    pid = served.pids()["haproxy"]
    command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    return command[command.index(b"-S") + 1].decode()


def server_states(served: room.Served) -> dict[str, str]:
    """r1 -> "up", "down" or "maint", from HAProxy's master socket ({} while it cannot answer)."""
    try:
        answer = proxy_cli.ask(master_socket(served), "@1 show servers state streamlit", timeout=1.0)
    except (OSError, KeyError, ValueError):
        return {}
    states = {}
    for line in answer.splitlines():
        fields = line.split()
        if len(fields) > 6 and fields[1] == "streamlit":
            operational, admin = int(fields[5]), int(fields[6])
            states[fields[3]] = "maint" if admin & 0x1 or admin & 0x20 else ("up" if operational == 2 else "down")
    return states


def replica_pid(served: room.Served, number: int) -> int:
    return served.pids()[f"replica :{served_ports(served)[number - 1]}"]


def served_ports(served: room.Served) -> list[int]:
    return sorted(int(name.split(":")[1]) for name in served.pids() if name.startswith("replica"))


async def health_probe(port: int, until: float, failures: list[float], t0: float) -> int:
    """GET /_stcore/health through the proxy every 0.2 s until ``until``: the number of probes (failures noted)."""
    probes = 0
    while time.monotonic() < until:
        probes += 1
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), 2)
            writer.write(f"GET /_stcore/health HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: close\r\n\r\n".encode())
            head = await asyncio.wait_for(reader.read(64), 2)
            writer.close()
            if not head.startswith(b"HTTP/1.1 200"):
                failures.append(time.monotonic() - t0)
        except (OSError, TimeoutError):
            failures.append(time.monotonic() - t0)
        await asyncio.sleep(0.2)
    return probes


@dataclass
class Tab:
    """A visitor's tab: its link (scenario), the replica its cookie names, and what it saw."""

    number: int
    replica: int
    pain: int
    source: str = "127.0.0.2"
    session: stclient.Session | None = None
    errors: list[str] = field(default_factory=list)
    moves: list[float] = field(default_factory=list)
    moved_at: list[float] = field(default_factory=list)  # when each move in ``moves`` ended (monotonic)
    closed_at: float | None = None  # when it noticed its websocket had closed (monotonic)
    back_at: float | None = None  # when its reconnected first render finished
    scenario_kept: bool | None = None

    @property
    def link(self) -> str:
        return f"pain={self.pain}&duration_min=12"

    async def open(self, port: int, cookie: str | None = None) -> bool:
        cookie = cookie if cookie is not None else f"replica=r{self.replica}"
        self.session = stclient.Session(port, PAGE, headers={"Cookie": cookie}, source=self.source)
        try:
            await self.session.connect()
            first = await self.session.rerun(self.link)
        except (OSError, TimeoutError, stclient.websockets.WebSocketException) as err:
            self.errors.append(f"open: {type(err).__name__}")
            return False
        if first.status not in stclient.SUCCESS or first.error_alerts or "pain" not in self.session.widget_ids:
            self.errors.append(f"first render: {first.status}")
            return False
        return True

    async def reconnect(self, port: int, deadline: float) -> None:
        """As Streamlit's page does after its websocket closes: try again every 0.5 s, same link and cookie."""
        assert self.closed_at is not None
        while time.monotonic() < deadline:
            if await self.open(port):
                self.back_at = time.monotonic()
                assert self.session is not None
                self.scenario_kept = self.session.slider_values.get("pain") == float(self.pain)
                return
            await asyncio.sleep(0.5)

    async def live(self, port: int, until: float, reconnect_until: float) -> None:
        """Move the pain slider every 1-2 s until ``until``; on a closed websocket, reconnect."""
        rng = random.Random(self.number)
        while time.monotonic() + 2 < until:
            await asyncio.sleep(rng.uniform(1.0, 2.0))
            assert self.session is not None
            try:
                result = await self.session.move_slider("pain", float(rng.choice([5, 6, 7, 8])))
            except stclient.websockets.ConnectionClosed:
                result = stclient.RunResult(0.0, "closed")
            if result.status in stclient.SUCCESS:
                self.moves.append(result.seconds * 1000)
                self.moved_at.append(time.monotonic())
                continue
            self.errors.append(f"move: {result.status}")
            if self.closed_at is None:
                self.closed_at = time.monotonic()
                await self.session.close()
                await self.reconnect(port, reconnect_until)
                if self.back_at is None:
                    return
        if self.session is not None:
            await self.session.close()


def pct(values: list[float], q: float) -> str:
    return f"{stclient.percentile(values, q):.0f}" if values else "-"


def head(args: argparse.Namespace) -> None:
    print(
        f"{args.scenario}: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; Python {platform.python_version()}; "
        f"{os.cpu_count()} CPUs; load1 {os.getloadavg()[0]:.1f} at start",
        flush=True,
    )


async def open_tabs(port: int, count: int, arrival: float, source: str = "127.0.0.2") -> list[Tab]:
    tabs = [Tab(number, 1 + number % 2, 5 + number % 4, source) for number in range(count)]

    async def one(tab: Tab) -> None:
        await asyncio.sleep(arrival * tab.number / count)
        await tab.open(port)

    await asyncio.wait_for(asyncio.gather(*(one(tab) for tab in tabs)), arrival + 120)
    return tabs


async def wait_state(served: room.Served, name: str, wanted: str, t0: float, limit: float) -> float | None:
    """Seconds from ``t0`` until server ``name`` is in state ``wanted`` (polled every 0.1 s), or None."""
    while time.monotonic() - t0 < limit:
        if server_states(served).get(name) == wanted:
            return time.monotonic() - t0
        await asyncio.sleep(0.1)
    return None


# --- scenarios ----------------------------------------------------------------------------------------------------


async def kill(args: argparse.Namespace) -> None:
    served = room.serve(2)
    try:
        tabs = await open_tabs(served.port, args.tabs, 4.0)
        print(f"  {sum(not t.errors for t in tabs)}/{len(tabs)} tabs open (half on each replica)", flush=True)
        victim = replica_pid(served, 1)
        t0 = time.monotonic()
        until = t0 + args.after
        failures: list[float] = []
        lives = [asyncio.create_task(tab.live(served.port, until, until)) for tab in tabs if not tab.errors]
        probe = asyncio.create_task(health_probe(served.port, until, failures, t0))
        await asyncio.sleep(3.0)
        killed_at = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        down = await wait_state(served, "r1", "maint", killed_at, 5)
        back = await wait_state(served, "r1", "up", killed_at, 30)
        await asyncio.gather(*lives)
        probes = await probe
        new_pid = replica_pid(served, 1)
        healthy = [t for t in tabs if t.replica == 2]
        hit = [t for t in tabs if t.replica == 1]
        returned = [t for t in hit if t.back_at is not None]
        print(
            f"  SIGKILL replica 1 (pid {victim}): out of the proxy after {down or float('nan'):.1f} s, back (restarted,"
            f" drew the app, pid {new_pid}) after {back or float('nan'):.1f} s",
            flush=True,
        )
        print(f"  health through the proxy: {len(failures)} failed of {probes} probes (every 0.2 s)")
        before = [m for t in healthy for m, at in zip(t.moves, t.moved_at, strict=True) if at < killed_at]
        after = [m for t in healthy for m, at in zip(t.moves, t.moved_at, strict=True) if at >= killed_at]
        print(
            f"  replica 2's {len(healthy)} tabs: {sum(len(t.errors) for t in healthy)} errors; moves p50/p95 before "
            f"the kill {pct(before, 0.5)} / {pct(before, 0.95)} ms ({len(before)}), after {pct(after, 0.5)} / "
            f"{pct(after, 0.95)} ms ({len(after)}: the other replica's tabs arrive, and their first renders go first)"
        )
        since_kill = [t.back_at - killed_at for t in returned if t.back_at]
        print(
            f"  replica 1's {len(hit)} tabs: {len(returned)} reconnected, "
            f"{sum(bool(t.scenario_kept) for t in returned)} with their link's scenario; from the kill to the "
            f"reconnected page p50/max {statistics.median(since_kill) if since_kill else float('nan'):.1f} / "
            f"{max(since_kill, default=float('nan')):.1f} s (a tab notices at its next move, "
            f"1-2 s apart)"
        )
    finally:
        room.stop(served)


async def stop(args: argparse.Namespace) -> None:
    served = room.serve(2)
    try:
        tabs = await open_tabs(served.port, 10, 2.0)
        victim = replica_pid(served, 1)
        stopped_at = time.monotonic()
        os.kill(victim, signal.SIGSTOP)
        visitors: list[tuple[float, float | None, str]] = []  # arrival after the stop, first render s, replica

        async def visitor(delay: float) -> None:
            await asyncio.sleep(delay)
            arrived = time.monotonic() - stopped_at
            begin = time.monotonic()
            tally = room.Tally()
            try:
                cookie = await asyncio.wait_for(room.replica_cookie(served.port, "127.0.0.3"), 10)
                session = await asyncio.wait_for(room.arrive(served.port, PAGE, "127.0.0.3", tally, cookie), 10)
            except TimeoutError:
                visitors.append((arrived, None, "hung"))
                return
            if session is None:
                visitors.append((arrived, None, "error"))
                return
            visitors.append((arrived, time.monotonic() - begin, cookie.split("=")[-1]))
            await session.close()

        marked = asyncio.create_task(wait_state(served, "r1", "down", stopped_at, 15))
        await asyncio.gather(*(visitor(0.5 * n) for n in range(int(args.hold / 0.5))))
        down = await marked
        os.kill(victim, signal.SIGCONT)
        resumed = time.monotonic()
        up = await wait_state(served, "r1", "up", resumed, 15)
        print(f"  SIGSTOP replica 1 for {args.hold:.0f} s: marked down after {down or float('nan'):.1f} s; "
              f"after SIGCONT up again after {up or float('nan'):.1f} s")  # fmt: skip
        for limit in (0.0, 5.0):
            late = [v for v in visitors if v[0] >= limit]
            served_ok = [v[1] for v in late if v[1] is not None]
            print(
                f"  new visitors arriving >= {limit:.0f} s after the stop: {len(late)}; served {len(served_ok)}, "
                f"first render p50/max {pct([s * 1000 for s in served_ok], 0.5)} / "
                f"{max(served_ok, default=float('nan')) * 1000:.0f} ms; on r1 "
                f"{sum(v[2] == 'r1' for v in late)}, hung or failed {sum(v[1] is None for v in late)}"
            )
        for tab in tabs:
            if tab.session is not None:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(tab.session.close(), 2)
    finally:
        with contextlib.suppress(Exception):
            os.kill(replica_pid(served, 1), signal.SIGCONT)
        room.stop(served)


async def proxy(_args: argparse.Namespace) -> None:
    served = room.serve(2)
    try:
        tabs = await open_tabs(served.port, 10, 2.0)
        before = {name: pid for name, pid in served.pids().items() if name.startswith("replica")}
        master = served.pids()["haproxy"]
        t0 = time.monotonic()
        until = t0 + 20
        lives = [asyncio.create_task(tab.live(served.port, until, until)) for tab in tabs if not tab.errors]
        await asyncio.sleep(2.0)
        killed_at = time.monotonic()
        os.kill(master, signal.SIGKILL)
        failures: list[float] = []
        back = None
        while time.monotonic() - killed_at < 15:
            probe_failures: list[float] = []
            await health_probe(served.port, time.monotonic() + 0.01, probe_failures, killed_at)
            if not probe_failures:
                back = time.monotonic() - killed_at
                break
            failures += probe_failures
        await asyncio.gather(*lives)
        after = {name: pid for name, pid in served.pids().items() if name.startswith("replica")}
        returned = [t for t in tabs if t.closed_at is not None and t.back_at is not None]
        print(f"  SIGKILL HAProxy's master (pid {master}): the proxy answers again after {back or float('nan'):.1f} s "
              f"(new master pid {served.pids().get('haproxy')}); replicas {'kept' if before == after else 'CHANGED'} "
              f"({before} -> {after})")  # fmt: skip
        print(f"  tabs cut: {sum(t.closed_at is not None for t in tabs)}/{len(tabs)}; reconnected {len(returned)}, "
              f"with their scenario {sum(bool(t.scenario_kept) for t in returned)}")  # fmt: skip
    finally:
        room.stop(served)


async def flood_once(served: room.Served, args: argparse.Namespace) -> tuple[list[float], list[float], list[float]]:
    """Quiet moves, moves under the flood, and first renders under the flood (ms), all on replica 1."""
    neighbour = Tab(1000, 1, 6, "127.0.0.4")

    async def moves(count: int) -> list[float]:
        times = []
        rng = random.Random(count)
        for number in range(count):
            await asyncio.sleep(rng.uniform(0.5, 1.0))
            assert neighbour.session is not None
            try:
                result = await neighbour.session.move_slider("pain", float(5 + number % 4))
            except stclient.websockets.ConnectionClosed:
                neighbour.errors.append("move: closed")
                break
            if result.status in stclient.SUCCESS:
                times.append(result.seconds * 1000)
            else:
                neighbour.errors.append(f"move: {result.status}")
        return times

    if not await neighbour.open(served.port):
        raise RuntimeError(f"the neighbour could not open: {neighbour.errors}")
    quiet = await moves(args.moves)
    stop_flood = asyncio.Event()
    flooders = [Tab(2000 + n, 1, 7, "127.0.0.5") for n in range(args.flooders)]
    for tab in flooders:
        await tab.open(served.port)
    sent = [0]

    async def flood(tab: Tab) -> None:
        assert tab.session is not None and tab.session.connection is not None
        connection = tab.session.connection

        async def drain() -> None:
            with contextlib.suppress(Exception):
                while not stop_flood.is_set():
                    await connection.recv()

        reader = asyncio.create_task(drain())
        start = time.monotonic()
        number = 0
        while not stop_flood.is_set() and time.monotonic() - start < 120 and connection.state.name == "OPEN":
            if args.kind == "moves":  # what a held arrow key on the slider sends, without waiting for answers
                pain = tab.session.widget_ids["pain"]
                message = tab.session._back_msg("", {pain: float(3 + number % 6)})
            else:  # a new link each time: a whole-page rerun
                message = tab.session._back_msg(f"pain={number % 11}", {})
            with contextlib.suppress(stclient.websockets.ConnectionClosed):
                await connection.send(message)
            number += 1
            sent[0] += 1
            await asyncio.sleep(max(0.0, start + number / args.rate - time.monotonic()))
        reader.cancel()

    attacks = [asyncio.create_task(flood(tab)) for tab in flooders if tab.session is not None]
    await asyncio.sleep(2.0)  # past the flooders' pace burst
    firsts: list[float] = []

    async def newcomers() -> None:
        for number in range(args.newcomers):
            await asyncio.sleep(2.0)
            tab = Tab(3000 + number, 1, 8, "127.0.0.6")
            begin = time.monotonic()
            if await tab.open(served.port):
                firsts.append((time.monotonic() - begin) * 1000)
            if tab.session is not None:
                await tab.session.close()

    loud, _ = await asyncio.gather(moves(args.moves), newcomers())
    stop_flood.set()
    await asyncio.gather(*attacks, return_exceptions=True)
    for tab in [neighbour, *flooders]:
        if tab.session is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(tab.session.close(), 2)
    if neighbour.errors:
        print(f"  the neighbour's errors: {sorted(set(neighbour.errors))}")
    return quiet, loud, firsts


async def flood(args: argparse.Namespace) -> None:
    gate_env = {"EXPLAINER_RUNS_AT_ONCE": args.runs_at_once} if args.runs_at_once else {}
    setups = [(f"gate on (ui/admission.py{', ' + args.runs_at_once + ' at once' if gate_env else ''})", gate_env)]
    if args.compare:
        setups.append(("gate off (EXPLAINER_RUNS_AT_ONCE=64)", {"EXPLAINER_RUNS_AT_ONCE": "64"}))
    for name, env in setups:
        served = room.serve(2, env)
        try:
            quiet, loud, firsts = await flood_once(served, args)
        finally:
            room.stop(served)
        ratio = stclient.percentile(loud, 0.95) / stclient.percentile(quiet, 0.95)
        print(
            f"  {name}: neighbour's rerun p50/p95 quiet {pct(quiet, 0.5)} / {pct(quiet, 0.95)} ms ({len(quiet)}), "
            f"under {args.flooders} tabs x {args.rate:.0f} reruns/s {pct(loud, 0.5)} / {pct(loud, 0.95)} ms "
            f"({len(loud)}): p95 {ratio:.2f}x quiet; new visitors' first render p50/max {pct(firsts, 0.5)} / "
            f"{max(firsts, default=float('nan')):.0f} ms ({len(firsts)}/{args.newcomers}); load1 "
            f"{os.getloadavg()[0]:.1f}",
            flush=True,
        )


async def slow(args: argparse.Namespace) -> None:
    served = room.serve(2)
    held = [0]
    peak = [0]
    opened = [0]
    refused = [0]
    stop_at = time.monotonic() + args.hold

    async def slow_connection(source: str) -> None:
        while time.monotonic() < stop_at:
            try:
                reader, writer = await asyncio.open_connection(HOST, served.port, local_addr=(source, 0))
            except OSError:
                refused[0] += 1
                await asyncio.sleep(1.0)
                continue
            opened[0] += 1
            held[0] += 1
            peak[0] = max(peak[0], held[0])
            try:
                writer.write(f"GET / HTTP/1.1\r\nHost: {HOST}:{served.port}\r\n".encode())
                while time.monotonic() < stop_at:  # a header line every second, never the end of the headers
                    await asyncio.sleep(1.0)
                    writer.write(b"X-Slow: 1\r\n")
                    await writer.drain()
                    if reader.at_eof():
                        break
            except OSError:
                pass
            finally:
                held[0] -= 1
                writer.close()

    async def visitors(count: int, spacing: float) -> tuple[list[float], list[float]]:
        pages, firsts = [], []
        for _ in range(count):
            await asyncio.sleep(spacing)
            begin = time.monotonic()
            try:
                cookie = await asyncio.wait_for(room.replica_cookie(served.port, "127.0.0.200"), 15)
            except (OSError, TimeoutError):
                pages.append(15_000.0)
                continue
            pages.append((time.monotonic() - begin) * 1000)
            session = await room.arrive(served.port, PAGE, "127.0.0.200", room.Tally(), cookie)
            if session is not None:
                firsts.append((time.monotonic() - begin) * 1000)
                await session.close()
        return pages, firsts

    try:
        quiet_pages, quiet_firsts = await visitors(5, 0.5)
        stop_at = time.monotonic() + args.hold
        attack = [
            asyncio.create_task(slow_connection(f"127.0.0.{2 + address}"))
            for address in range(args.addresses)
            for _ in range(args.per_address)
        ]
        await asyncio.sleep(3.0)
        pages, firsts = await visitors(int((args.hold - 5) / 1.0), 1.0)
        peak_seen = peak[0]
        await asyncio.gather(*attack, return_exceptions=True)
        quiet_max = max(quiet_firsts, default=float("nan"))
        print(f"  quiet: a new visitor's page (GET /) p50/max {pct(quiet_pages, 0.5)} / {max(quiet_pages):.0f} ms, "
              f"first render p50/max {pct(quiet_firsts, 0.5)} / {quiet_max:.0f} ms")  # fmt: skip
        print(
            f"  {args.addresses} addresses x {args.per_address} slow connections ({peak_seen} held at the peak, "
            f"{opened[0]} opened in {args.hold:.0f} s, {refused[0]} refused): a new visitor's page p50/max "
            f"{pct(pages, 0.5)} / {max(pages):.0f} ms, first render p50/max {pct(firsts, 0.5)} / "
            f"{max(firsts, default=float('nan')):.0f} ms ({len(firsts)}/{len(pages)})"
        )
    finally:
        room.stop(served)


async def capacity(args: argparse.Namespace) -> None:
    for replicas in (1, 2):
        served = room.serve(replicas)
        try:
            for _ in range(2 * replicas):  # warm each replica's pages
                warm = await room.arrive(served.port, PAGE, "127.0.0.250", room.Tally())
                if warm is not None:
                    await warm.close()
            await asyncio.sleep(1.0)
            before = {name: stclient.cpu_seconds(pid) for name, pid in served.pids().items()}
            tally = room.Tally()
            begin = time.monotonic()

            async def one(number: int, tally: room.Tally = tally, port: int = served.port) -> None:
                session = await room.arrive(port, room.PAGES[number % 2], "127.0.0.2", tally)
                if session is not None:
                    await session.close()

            await asyncio.wait_for(asyncio.gather(*(one(n) for n in range(args.sessions))), 300)
            wall = time.monotonic() - begin
            cpu = sum(stclient.cpu_seconds(pid) - before[name] for name, pid in served.pids().items()
                      if name.startswith("replica"))  # fmt: skip
        finally:
            room.stop(served)
        done = len(tally.first)
        print(
            f"  {replicas} replica(s): {args.sessions} arrivals at once: {done} first renders in {wall:.1f} s "
            f"(p50/p95 {pct(tally.first, 0.5)} / {pct(tally.first, 0.95)} ms, {len(tally.errors)} errors); replicas' "
            f"CPU {cpu:.1f} s: {done / cpu:.1f} first renders per core-second, {done / wall:.1f} per second; "
            f"load1 {os.getloadavg()[0]:.1f}",
            flush=True,
        )


async def memory(args: argparse.Namespace) -> None:
    """RSS of one replica before any export, after its first PNG, after a few other files, after bursts."""
    import abuse

    port = stclient.free_port()
    server = stclient.start_server("app.py", port)
    try:
        abuser = abuse.Abuser(port, PAGE)
        await abuser.connect()
        await abuser.first_run()
        await asyncio.sleep(1.0)
        rss = [stclient.rss_mb(server.pid)]
        stop_event = asyncio.Event()
        drain = asyncio.create_task(abuser.drain(stop_event))

        async def answered(count: int) -> None:
            deadline = time.monotonic() + 60
            while abuser.answers < count and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            await asyncio.sleep(2.0)
            rss.append(stclient.rss_mb(server.pid))

        assert abuser.connection is not None
        await abuser.connection.send(abuser.export_request(abuser.downloads[0]))
        await answered(1)
        others = abuser.downloads[1:6]
        for file_id in others:
            await abuser.connection.send(abuser.export_request(file_id))
        await answered(1 + len(others))
        burst = asyncio.create_task(abuse.export_burst(abuser, stop_event))
        await asyncio.sleep(args.burst)
        stop_event.set()
        await asyncio.gather(burst, drain, return_exceptions=True)
        await asyncio.sleep(2.0)
        rss.append(stclient.rss_mb(server.pid))
        await abuser.close()
    finally:
        stclient.stop_server(server)
    print(f"  RSS {rss[0]:.0f} MB before any export; {rss[1]:.0f} MB after the first PNG; {rss[2]:.0f} MB after "
          f"{len(others)} other files; {rss[3]:.0f} MB after {args.burst:.0f} s of export bursts ({abuser.answers} "
          f"answers)", flush=True)  # fmt: skip


SCENARIOS = {
    "kill": kill, "stop": stop, "proxy": proxy, "flood": flood, "slow": slow, "capacity": capacity, "memory": memory,
}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument("--tabs", type=int, default=40, help="kill: the room's tabs")
    parser.add_argument("--after", type=float, default=25.0, help="kill: seconds the room lives after it opened")
    parser.add_argument("--hold", type=float, default=15.0, help="stop: seconds stopped; slow: seconds of attack")
    parser.add_argument("--flooders", type=int, default=5)
    parser.add_argument("--rate", type=float, default=20.0, help="flood: reruns a second per flooding tab")
    parser.add_argument("--moves", type=int, default=30, help="flood: the neighbour's moves per phase")
    parser.add_argument("--newcomers", type=int, default=5, help="flood: new visitors during the flood")
    parser.add_argument("--compare", action="store_true", help="flood: also with the gate off")
    parser.add_argument("--kind", choices=["moves", "links"], default="moves", help="flood: what the flood sends")
    parser.add_argument("--runs-at-once", default="", help="flood: EXPLAINER_RUNS_AT_ONCE for the gate-on run")
    parser.add_argument("--addresses", type=int, default=10, help="slow: source addresses 127.0.0.2 on")
    parser.add_argument("--per-address", type=int, default=900, help="slow: connections per address")
    parser.add_argument("--sessions", type=int, default=60, help="capacity: arrivals at once")
    parser.add_argument("--burst", type=float, default=15.0, help="memory: seconds of export bursts")
    args = parser.parse_args()
    if not (1 <= args.tabs <= 200 and 1 <= args.flooders <= 20 and args.rate <= 200 and args.addresses <= 20
            and args.per_address <= 1000 and args.sessions <= 400 and args.hold <= 60):  # fmt: skip
        parser.error("outside the bench's bounds")
    head(args)
    asyncio.run(asyncio.wait_for(SCENARIOS[args.scenario](args), 900))


if __name__ == "__main__":
    main()
