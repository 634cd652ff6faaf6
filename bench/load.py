"""Load benchmark: concurrent sessions over Streamlit's own websocket protocol, the app beside the bare app.

Run from the repo root:  .venv/bin/python bench/load.py [--sessions 10 50 100] [--arrival 5] [--duration 40]

For each target (bench/bare_app.py, then app.py) and each session count, it starts a fresh server on 127.0.0.1
(so memory per session is measured from a clean baseline), warms it with one session on each page the test uses
(the first visit to a page after a start imports its modules: see docs/performance.md), and then opens the
sessions spread evenly over --arrival seconds. Each session (bench/stclient.py) connects, does its first run
(app: half of them open /warning-signs, half /causes; bare: /), then every 4 to 6 s (seeded random) moves the
"pain" slider to a new value (between 5 and 8, so the app's pain line at 7 is crossed about half the time),
until --duration seconds after it arrived. Everything is bounded: a run has a 30 s timeout, a session makes at
most duration/4 + 1 moves.

Reported per target and session count:
- first render: connect + first rerun_script until script_finished (ms, p50/p95);
- rerun: one slider move's rerun_script until script_finished (ms, p50/p95), and how many;
- errors: connection failures, timeouts, closed sockets, runs not FINISHED_SUCCESSFULLY;
- exceptions: exception elements in any ForwardMsg delta;
- memory: server RSS after warm-up and with every session connected (at the end, before they close);
  (after - before) / sessions is the memory per session;
- server CPU seconds used during the test, and this client's own CPU (it shares the machine).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import stclient

TARGETS = {"bare": "bench/bare_app.py", "app": "app.py"}
PAGES = {"app.py": ["warning-signs", "causes"]}  # the pages the sessions open (bare: its only page, "")


@dataclass
class Tally:
    first: list[float] = field(default_factory=list)
    reruns: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)


def check(result: stclient.RunResult, tally: Tally, what: str) -> bool:
    tally.exceptions.extend(result.exceptions)
    if result.status not in stclient.SUCCESS:
        tally.errors.append(f"{what}: {result.status}")
        return False
    return True


async def one_session(port: int, page: str, start_at: float, duration: float, seed: int, tally: Tally,
                      sessions: list[stclient.Session]) -> None:
    rng = random.Random(seed)
    await asyncio.sleep(max(0.0, start_at - time.perf_counter()))
    session = stclient.Session(port, page)
    sessions.append(session)
    begin = time.perf_counter()
    try:
        await session.connect()
        first = await session.rerun()
    except (OSError, TimeoutError, stclient.websockets.WebSocketException) as err:
        tally.errors.append(f"connect: {type(err).__name__}: {err}")
        return
    first_ms = (time.perf_counter() - begin) * 1000
    if not check(first, tally, "first render"):
        return
    if "pain" not in session.widget_ids:
        tally.errors.append("first render: no pain slider")
        return
    tally.first.append(first_ms)
    stop_at = begin + duration
    value = session.slider_values["pain"]
    for _ in range(int(duration / 4) + 1):
        pause = rng.uniform(4.0, 6.0)
        if time.perf_counter() + pause > stop_at:
            break
        await asyncio.sleep(pause)
        value = float(rng.choice([v for v in (5, 6, 7, 8) if v != value]))
        result = await session.move_slider("pain", value)
        if check(result, tally, "rerun"):
            tally.reruns.append(result.seconds * 1000)


async def load(port: int, script: str, sessions: int, arrival: float, duration: float) -> tuple[Tally, list]:
    tally = Tally()
    opened: list[stclient.Session] = []
    start = time.perf_counter() + 0.5
    pages = PAGES.get(script, [""])
    tasks = [
        one_session(port, pages[i % len(pages)], start + arrival * i / max(1, sessions), duration, i, tally, opened)
        for i in range(sessions)
    ]
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=arrival + duration + 120)
    return tally, opened


async def run_level(script: str, sessions: int, arrival: float, duration: float, gc: str) -> dict:
    port = stclient.free_port()
    extra = ["--runner.postScriptGC", gc] if gc else []
    server = stclient.start_server(script, port, extra=extra)
    try:
        for page in dict.fromkeys(["", *PAGES.get(script, [])]):  # warm up: the first visit to a page imports
            warm = stclient.Session(port, page)  # its modules, which only the first visitor after a start pays
            await warm.connect()
            await warm.rerun()
            await warm.close()
        await asyncio.sleep(1.0)
        rss_before = stclient.rss_mb(server.pid)
        cpu_before = stclient.cpu_seconds(server.pid)
        client_cpu = time.process_time()
        wall = time.perf_counter()
        tally, opened = await load(port, script, sessions, arrival, duration)
        wall = time.perf_counter() - wall
        rss_after = stclient.rss_mb(server.pid)  # every session still connected
        cpu = stclient.cpu_seconds(server.pid) - cpu_before
        client_cpu = time.process_time() - client_cpu
        for session in opened:
            await session.close()
    finally:
        stclient.stop_server(server)
    return {
        "tally": tally, "rss_before": rss_before, "rss_after": rss_after, "server_cpu": cpu, "wall": wall,
        "client_cpu": client_cpu,
    }


def fmt(values: list[float]) -> str:
    if not values:
        return f"{'-':>7} {'-':>7}"
    return f"{statistics.median(values):7.0f} {stclient.percentile(values, 0.95):7.0f}"


async def main_async(args: argparse.Namespace) -> None:
    print(f"Python {platform.python_version()}; {os.cpu_count()} CPUs; arrival {args.arrival} s; "
          f"duration {args.duration} s per session; postScriptGC={args.gc or 'as configured (false)'}")
    header = (f"{'target':6} {'sess':>4} {'first p50':>9} {'p95':>7} {'rerun p50':>9} {'p95':>7} {'reruns':>6} "
              f"{'errors':>6} {'exc':>4} {'RSS MB before/after':>19} {'MB/sess':>7} {'srv CPU s':>9} "
              f"{'cli CPU s':>9} {'load1':>5}")
    rows = []
    for sessions in args.sessions:
        for target in args.targets:
            result = await run_level(TARGETS[target], sessions, args.arrival, args.duration, args.gc)
            tally = result["tally"]
            per_session = (result["rss_after"] - result["rss_before"]) / sessions
            row = (f"{target:6} {sessions:4} {fmt(tally.first):>17} {fmt(tally.reruns):>17} {len(tally.reruns):6} "
                   f"{len(tally.errors):6} {len(tally.exceptions):4} "
                   f"{result['rss_before']:9.0f}/{result['rss_after']:<9.0f} {per_session:7.2f} "
                   f"{result['server_cpu']:9.1f} {result['client_cpu']:9.1f} {os.getloadavg()[0]:5.1f}")
            rows.append(row)
            print(row if len(rows) > 1 else header + "\n" + row, flush=True)
            for error in sorted(set(tally.errors))[:5]:
                print(f"    error: {error} (x{tally.errors.count(error)})")
            for exception in sorted(set(tally.exceptions))[:5]:
                print(f"    exception: {exception}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 50, 100])
    parser.add_argument("--arrival", type=float, default=5.0, help="seconds over which sessions arrive")
    parser.add_argument("--duration", type=float, default=40.0, help="seconds each session stays and moves")
    parser.add_argument("--targets", nargs="+", choices=list(TARGETS), default=["bare", "app"])
    parser.add_argument("--gc", choices=["false", "true"], default="", help="override runner.postScriptGC")
    args = parser.parse_args()
    if any(n > 200 for n in args.sessions):
        parser.error("at most 200 sessions")
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
