"""A room through the proxy: deploy/serve.sh (HAProxy over Streamlit replicas), sessions over its websocket.

Run from the repo root:

    .venv/bin/python bench/room.py room   [--sessions 100] [--arrival 5] [--duration 40]
    .venv/bin/python bench/room.py burst  [--sessions 200]
    .venv/bin/python bench/room.py soak   [--sessions 150] [--rounds 2]

Each starts its own deploy/serve.sh on free loopback ports (REPLICAS from --replicas, default nproc; the
work tree is served with ALLOW_GIT_CHECKOUT=1) and stops it with SIGTERM at the end.

A session does what a browser tab does at the protocol level: GET / through the proxy (which sets the replica
cookie), then opens the websocket with that cookie and the proxy's own Origin, and runs its page
(bench/stclient.py). Sessions come from loopback source addresses 127.0.0.2, .3, ... (--addresses), one per
simulated school NAT, so the proxy's limit of 150 connections per address applies as it would.

- room: --sessions arrive evenly over --arrival seconds (half /warning-signs, half /causes), and each moves the
  pain slider every 4-6 s (seeded) until --duration seconds after it arrived.
  first render = GET / + websocket open + first run until script_finished; rerun = one move's run.
- burst: --sessions arrive at once (within a few ms) and do their first render only.
- soak: --rounds rounds; in each, --sessions sessions arrive over 10 s, make 3 moves 1-2 s apart and leave
  (churn). Every replica's RSS and open file descriptors, and HAProxy's, are printed before the first round,
  5 s after each round, and again after --settle seconds (130: Streamlit keeps up to 128 closed sessions per
  process for 2 minutes in case their tab comes back, each with its script thread's event loop: 3 fds).

Hook for the abusive-client bench (the lead's: an export burst or a rerun flood beside a normal session, the
normal one's rerun p95 against its quiet value): :func:`beside` runs a normal session's moves while any
coroutine given as the abuser runs against the same proxy, and returns the normal session's rerun times.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import stclient

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["warning-signs", "causes"]


@dataclass
class Served:
    port: int
    process: subprocess.Popen
    log: Path

    def pids(self) -> dict[str, int]:
        """The replicas' and HAProxy's process ids (children of serve.sh), by name."""
        found: dict[str, int] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                command = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) != self.process.pid:
                continue
            if b"haproxy" in command[0]:
                found["haproxy"] = int(entry.name)
            elif b"streamlit" in command:
                found[f"replica :{command[command.index(b'--server.port') + 1].decode()}"] = int(entry.name)
        return dict(sorted(found.items()))


def _free_ports(count: int) -> list[int]:
    for _ in range(50):
        first = random.randint(20_000, 40_000)
        try:
            for port in range(first, first + count):
                with socket.socket() as sock:
                    sock.bind((stclient.HOST, port))
        except OSError:
            continue
        return list(range(first, first + count))
    raise RuntimeError("no free ports")


def serve(replicas: int, extra_env: dict[str, str] | None = None) -> Served:
    port, first_replica, *_ = _free_ports(replicas + 1)
    log = Path(tempfile.mkstemp(prefix="room-serve-", suffix=".log")[1])
    env = {
        **os.environ,
        "PORT": str(port),
        "REPLICAS": str(replicas),
        "REPLICA_PORT": str(first_replica),
        "PYTHON": sys.executable,
        "ALLOW_GIT_CHECKOUT": "1",
        "PATH": os.environ.get("PATH", "") + ":/usr/sbin:/usr/local/sbin",
        **(extra_env or {}),
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["bash", "deploy/serve.sh"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    deadline = time.monotonic() + 180
    while "serve.sh: ready" not in log.read_text(errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            stop(Served(port, process, log))
            raise RuntimeError(f"serve.sh did not get ready; see {log}")
        time.sleep(0.3)
    return Served(port, process, log)


def stop(served: Served) -> None:
    if served.process.poll() is None:
        served.process.send_signal(signal.SIGTERM)
    try:
        served.process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(served.process.pid, signal.SIGKILL)


async def replica_cookie(port: int, source: str) -> str:
    """GET / through the proxy, as a browser's first request: the ``replica=...`` cookie it sets."""
    reader, writer = await asyncio.open_connection(stclient.HOST, port, local_addr=(source, 0))
    try:
        writer.write(f"GET / HTTP/1.1\r\nHost: {stclient.HOST}:{port}\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        head = (await asyncio.wait_for(reader.read(), timeout=stclient.RUN_TIMEOUT)).split(b"\r\n\r\n", 1)[0]
    finally:
        writer.close()
    for line in head.decode("latin-1").split("\r\n"):
        if line.lower().startswith("set-cookie:"):
            return line.split(":", 1)[1].split(";", 1)[0].strip()
    return ""


@dataclass
class Tally:
    first: list[float] = field(default_factory=list)
    reruns: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    exceptions: int = 0


def _ok(result: stclient.RunResult, tally: Tally, what: str) -> bool:
    tally.exceptions += len(result.exceptions)
    if result.status not in stclient.SUCCESS or result.error_alerts:
        tally.errors.append(f"{what}: {result.status}{' error box' if result.error_alerts else ''}")
        return False
    return True


async def arrive(port: int, page: str, source: str, tally: Tally, cookie: str = "") -> stclient.Session | None:
    """A tab opening: cookie (or the one given), websocket, first run. The session, or None (and an error
    counted)."""
    begin = time.perf_counter()
    try:
        cookie = cookie or await replica_cookie(port, source)
        session = stclient.Session(port, page, headers={"Cookie": cookie}, source=source)
        await session.connect()
        first = await session.rerun()
    except (OSError, TimeoutError, stclient.websockets.WebSocketException) as err:
        tally.errors.append(f"connect: {type(err).__name__}")
        return None
    if not _ok(first, tally, "first render") or "pain" not in session.widget_ids:
        await session.close()
        return None
    tally.first.append((time.perf_counter() - begin) * 1000)
    return session


async def move(session: stclient.Session, value: float, tally: Tally) -> None:
    result = await session.move_slider("pain", value)
    if _ok(result, tally, "rerun"):
        tally.reruns.append(result.seconds * 1000)


def source_address(number: int, addresses: int) -> str:
    return f"127.0.0.{2 + number % addresses}"


async def room(port: int, args: argparse.Namespace, tally: Tally) -> None:
    start = time.perf_counter() + 0.5

    async def one(number: int) -> None:
        rng = random.Random(number)
        await asyncio.sleep(max(0.0, start + args.arrival * number / args.sessions - time.perf_counter()))
        session = await arrive(port, PAGES[number % 2], source_address(number, args.addresses), tally)
        if session is None:
            return
        stop_at = time.perf_counter() + args.duration
        value = session.slider_values["pain"]
        while True:
            pause = rng.uniform(4.0, 6.0)
            if time.perf_counter() + pause > stop_at:
                break
            await asyncio.sleep(pause)
            value = float(rng.choice([v for v in (5, 6, 7, 8) if v != value]))
            await move(session, value, tally)
        await session.close()

    await asyncio.wait_for(asyncio.gather(*(one(n) for n in range(args.sessions))), args.arrival + args.duration + 180)


async def burst(port: int, args: argparse.Namespace, tally: Tally) -> None:
    async def one(number: int) -> None:
        session = await arrive(port, PAGES[number % 2], source_address(number, args.addresses), tally)
        if session is not None:
            await session.close()

    await asyncio.wait_for(asyncio.gather(*(one(n) for n in range(args.sessions))), 300)


async def churn_round(port: int, args: argparse.Namespace, tally: Tally, offset: int) -> None:
    async def one(number: int) -> None:
        rng = random.Random(offset + number)
        await asyncio.sleep(10.0 * number / args.sessions)
        session = await arrive(port, PAGES[number % 2], source_address(number, args.addresses), tally)
        if session is None:
            return
        for value in rng.sample([5.0, 6.0, 7.0, 8.0], 3):
            await asyncio.sleep(rng.uniform(1.0, 2.0))
            await move(session, value, tally)
        await session.close()

    await asyncio.wait_for(asyncio.gather(*(one(n) for n in range(args.sessions))), 300)


async def beside(
    port: int, abuser: Callable[[], Awaitable[None]], moves: int = 30, page: str = "warning-signs"
) -> list[float]:
    """The hook for the abusive-client bench: one normal session moves the pain slider ``moves`` times (every
    0.5-1 s) while ``abuser()`` runs; the normal session's rerun times in ms (the abuser is cancelled after)."""
    tally = Tally()
    session = await arrive(port, page, "127.0.0.2", tally)
    if session is None:
        raise RuntimeError(f"the normal session could not start: {tally.errors}")
    attack = asyncio.create_task(abuser())
    try:
        for number in range(moves):
            await asyncio.sleep(random.Random(number).uniform(0.5, 1.0))
            await move(session, float(5 + number % 4), tally)
    finally:
        attack.cancel()
        await session.close()
    return tally.reruns


def fds(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def p50_p95(values: list[float]) -> str:
    if not values:
        return "-"
    return f"{statistics.median(values):.0f} / {stclient.percentile(values, 0.95):.0f}"


def report(name: str, tally: Tally, wall: float) -> None:
    print(
        f"{name}: first render p50/p95 {p50_p95(tally.first)} ms ({len(tally.first)}); rerun p50/p95 "
        f"{p50_p95(tally.reruns)} ms ({len(tally.reruns)}); errors {len(tally.errors)}; exceptions "
        f"{tally.exceptions}; {wall:.0f} s; load1 {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    for error in sorted(set(tally.errors))[:5]:
        print(f"    error: {error} (x{tally.errors.count(error)})")


def memory_line(served: Served, label: str) -> str:
    parts = []
    for name, pid in served.pids().items():
        parts.append(f"{name} RSS {stclient.rss_mb(pid):.0f} MB fds {fds(pid)}")
    return f"{label}: " + "; ".join(parts)


async def main_async(args: argparse.Namespace) -> None:
    print(
        f"{args.scenario}: {args.sessions} sessions, {args.replicas} replicas, {args.addresses} source addresses; "
        f"Python {platform.python_version()}; {os.cpu_count()} CPUs; load1 {os.getloadavg()[0]:.1f} at start",
        flush=True,
    )
    served = serve(args.replicas)
    try:
        for page in PAGES:  # warm each page on each replica: a page's first visit after a start imports it
            for _ in range(args.replicas * 2):
                warm = await arrive(served.port, page, "127.0.0.250", Tally())
                if warm is not None:
                    await warm.close()
        await asyncio.sleep(1.0)
        if args.scenario == "soak":
            print(memory_line(served, "before"), flush=True)
        cpu_before = {name: stclient.cpu_seconds(pid) for name, pid in served.pids().items()}
        wall = time.perf_counter()
        if args.scenario == "room":
            tally = Tally()
            await room(served.port, args, tally)
            report("room", tally, time.perf_counter() - wall)
        elif args.scenario == "burst":
            tally = Tally()
            await burst(served.port, args, tally)
            report("burst", tally, time.perf_counter() - wall)
        else:
            for number in range(args.rounds):
                tally = Tally()
                begin = time.perf_counter()
                await churn_round(served.port, args, tally, number * 1000)
                report(f"soak round {number + 1}", tally, time.perf_counter() - begin)
                await asyncio.sleep(5.0)
                print(memory_line(served, f"round {number + 1} + 5 s"), flush=True)
                # Streamlit keeps up to 128 closed sessions per process for 2 minutes, in case their tab
                # reconnects (MemorySessionStorage); wait that out, and let one visit touch the storage.
                await asyncio.sleep(args.settle)
                for replica in range(1, args.replicas + 1):  # one visit to each replica, by its cookie
                    visit = await arrive(served.port, PAGES[0], "127.0.0.250", Tally(), cookie=f"replica=r{replica}")
                    if visit is not None:
                        await visit.close()
                await asyncio.sleep(2.0)
                print(memory_line(served, f"round {number + 1} + {args.settle + 7:.0f} s"), flush=True)
        cpu = {name: stclient.cpu_seconds(pid) - cpu_before[name] for name, pid in served.pids().items()}
        print("CPU s: " + "; ".join(f"{name} {seconds:.1f}" for name, seconds in cpu.items()))
    finally:
        stop(served)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", choices=["room", "burst", "soak"])
    parser.add_argument("--sessions", type=int)
    parser.add_argument("--replicas", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--addresses", type=int, help="simulated NAT addresses (default: 1 per 100 sessions)")
    parser.add_argument("--arrival", type=float, default=5.0)
    parser.add_argument("--duration", type=float, default=40.0)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--settle", type=float, default=130.0, help="soak: seconds to wait after a round")
    args = parser.parse_args()
    args.sessions = args.sessions or {"room": 100, "burst": 200, "soak": 150}[args.scenario]
    if not 1 <= args.sessions <= 400:
        parser.error("1 to 400 sessions")
    args.addresses = args.addresses or max(1, -(-args.sessions // 100))
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
