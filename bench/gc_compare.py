"""runner.postScriptGC=false vs true on this app: CPU per rerun, rerun latency, and closed-loop throughput.

Run from the repo root:  .venv/bin/python bench/gc_compare.py [--moves 40] [--clients 8] [--seconds 15]

For each setting it starts app.py through bench/_profiled_server.py (which times each script run, including the
gc.collect(2) that Streamlit runs at the end of a run when postScriptGC is true), and:
1. serial: one session on /warning-signs moves the pain slider --moves times, one rerun at a time. Reported: the
   script's wall and CPU time per rerun (p50/p95), the client-seen rerun time (p50/p95), and the server process's
   CPU seconds per rerun (all threads).
2. throughput: --clients sessions on /warning-signs each send their next slider move as soon as the last one
   finished, for --seconds. Reported: reruns per second and the client-seen rerun time (p50/p95).
The config sets postScriptGC=false; the comment there claimed about 70 ms of CPU per rerun and 4 to 7 times the
throughput. This measures it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import stclient

PAGE = "warning-signs"


async def serial(port: int, moves: int) -> list[float]:
    session = stclient.Session(port, PAGE)
    await session.connect()
    await session.rerun()
    seen = []
    for move in range(moves):
        result = await session.move_slider("pain", float(5 + move % 4))
        assert result.status == "FINISHED_SUCCESSFULLY" and not result.exceptions, result
        seen.append(result.seconds * 1000)
    await session.close()
    return seen


async def closed_loop(port: int, clients: int, seconds: float) -> tuple[int, list[float]]:
    sessions = [stclient.Session(port, PAGE) for _ in range(clients)]
    for session in sessions:
        await session.connect()
        await session.rerun()
    stop_at = time.perf_counter() + seconds
    seen: list[float] = []

    async def loop(session: stclient.Session, offset: int) -> None:
        move = offset
        while time.perf_counter() < stop_at and move < offset + 100000:
            result = await session.move_slider("pain", float(5 + move % 4))
            if result.status == "FINISHED_SUCCESSFULLY":
                seen.append(result.seconds * 1000)
            move += 1

    await asyncio.gather(*(loop(session, i) for i, session in enumerate(sessions)))
    for session in sessions:
        await session.close()
    return len(seen), seen


def read_runs(out: str, label: str) -> tuple[list[float], list[float]]:
    walls, cpus = [], []
    for line in Path(out + ".runs.tsv").read_text().splitlines():
        name, wall, cpu = line.split("\t")
        if name == label:
            walls.append(float(wall))
            cpus.append(float(cpu))
    return walls, cpus


def p(values: list[float]) -> str:
    return f"{statistics.median(values):6.1f} {stclient.percentile(values, 0.95):6.1f}"


async def compare(moves: int, clients: int, seconds: float) -> None:
    print(f"Python {platform.python_version()}; page /{PAGE}; {moves} serial moves; {clients} clients x {seconds} s")
    print(f"{'postScriptGC':12} {'script wall p50/p95':>19} {'script CPU p50/p95':>19} {'seen p50/p95':>14} "
          f"{'srv CPU/rerun':>13} | {'reruns/s':>8} {'seen p50/p95':>14} {'load1':>5}")
    for gc in ("false", "true"):
        out = tempfile.mkdtemp(prefix="bench-gc-") + "/run"
        port = stclient.free_port()
        server = stclient.start_server(
            "app.py", port, extra=["--runner.postScriptGC", gc], env={"BENCH_PROFILE_OUT": out}, timed=True
        )
        try:
            warm = stclient.Session(port, "")
            await warm.connect()
            await warm.rerun()
            await warm.close()
            cpu_before = stclient.cpu_seconds(server.pid)
            seen = await serial(port, moves)
            server_cpu = (stclient.cpu_seconds(server.pid) - cpu_before) / moves * 1000
            walls, cpus = read_runs(out, f"rerun.{PAGE}")
            count, loop_seen = await closed_loop(port, clients, seconds)
        finally:
            stclient.stop_server(server)
        print(f"{gc:12} {p(walls):>19} {p(cpus):>19} {p(seen):>14} {server_cpu:10.1f} ms | "
              f"{count / seconds:8.1f} {p(loop_seen):>14} {os.getloadavg()[0]:5.1f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=40)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15.0)
    args = parser.parse_args()
    asyncio.run(compare(min(args.moves, 1000), min(args.clients, 100), min(args.seconds, 300.0)))


if __name__ == "__main__":
    main()
