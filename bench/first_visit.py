"""What one new visit costs the server: CPU seconds per first visit, one visit at a time, per page.

A burst of arrivals (issue 10: 200 at once, p95 <= 2 s) is bound by this figure: on C cores, N visits need at least
N x (CPU per visit) / C seconds, whatever the queueing. Each visit opens Streamlit's websocket
(`bench/stclient.py`), runs its page once (the first render), and closes; visits follow one another, so no visit
waits for another and the figure is the work itself. The server is warmed first (each page visited three times:
a page's first visit after a start imports it). The same is measured for `bench/bare_app.py` (one slider, one
Altair chart), the smallest Streamlit app with a chart, in the same run.

Run:  .venv/bin/python bench/first_visit.py [--visits 60] [--together 100]

``--together N`` also opens N visits at once on one server, without the proxy (alternating /warning-signs and
/causes for the app, as `bench/room.py burst` does): first render p50/p95 and server CPU per visit, the app against
the bare app, in the same run. One server is one process, so this is a burst on one core's worth of Python.

CPU comes from /proc (user + system of the server process, 10 ms ticks), read before and after all the visits of a
page, so the tick is spread over the visits. The client runs on the same machine but is not counted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import stclient

PAGES = ["warning-signs", "causes", ""]  # "" is Home


async def visit(port: int, page: str) -> stclient.RunResult:
    session = stclient.Session(port, page)
    await session.connect()
    try:
        return await session.rerun("")
    finally:
        await session.close()


async def per_visit(script: str, pages: list[str], visits: int) -> list[tuple[str, float, float, int]]:
    """(page, server CPU ms per visit, wall ms per visit, messages of a first run) for each page."""
    port = stclient.free_port()
    server = stclient.start_server(script, port)
    rows = []
    try:
        for page in pages * 3:  # warm: imports, templates, caches
            await visit(port, page)
        for page in pages:
            await asyncio.sleep(0.5)
            cpu, start = stclient.cpu_seconds(server.pid), time.perf_counter()
            results = [await visit(port, page) for _ in range(visits)]
            await asyncio.sleep(0.3)  # the server finishes closing the sessions
            failed = [r.status for r in results if r.status != "FINISHED_SUCCESSFULLY"]
            if failed:
                raise SystemExit(f"{script} /{page}: {len(failed)} visits did not finish: {failed[:3]}")
            wall = (time.perf_counter() - start - 0.3) * 1000 / visits
            rows.append((page, (stclient.cpu_seconds(server.pid) - cpu) * 1000 / visits, wall, results[0].messages))
    finally:
        stclient.stop_server(server)
    return rows


async def together(script: str, pages: list[str], visits: int) -> tuple[float, float, float]:
    """N visits at once on a fresh, warmed server: (first render p50 ms, p95 ms, server CPU ms per visit)."""
    port = stclient.free_port()
    server = stclient.start_server(script, port)
    try:
        for page in pages * 3:
            await visit(port, page)
        await asyncio.sleep(0.5)

        async def timed(number: int) -> float:
            start = time.perf_counter()
            result = await visit(port, pages[number % len(pages)])
            if result.status != "FINISHED_SUCCESSFULLY":
                raise SystemExit(f"{script}: a visit ended {result.status}")
            return (time.perf_counter() - start) * 1000

        cpu = stclient.cpu_seconds(server.pid)
        times = sorted(await asyncio.wait_for(asyncio.gather(*(timed(n) for n in range(visits))), 300))
        await asyncio.sleep(0.3)
        used = (stclient.cpu_seconds(server.pid) - cpu) * 1000 / visits
    finally:
        stclient.stop_server(server)
    return times[len(times) // 2], stclient.percentile(times, 0.95), used


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=60, help="first visits per page (default 60)")
    parser.add_argument("--together", type=int, default=0, help="also N visits at once on one server")
    args = parser.parse_args()
    print(f"{args.visits} visits per page, one at a time; Python {sys.version.split()[0]}; "
          f"{os.cpu_count()} CPUs; load1 {os.getloadavg()[0]:.1f} at start")
    rows = [("bare app", cpu, wall, n) for _, cpu, wall, n in asyncio.run(per_visit("bench/bare_app.py", [""],
                                                                                    args.visits))]
    rows += [(f"app: /{page}", cpu, wall, n) for page, cpu, wall, n in asyncio.run(per_visit("app.py", PAGES,
                                                                                           args.visits))]
    print(f"{'target':22} {'server CPU ms/visit':>20} {'wall ms/visit':>14} {'messages':>9}")
    for name, cpu, wall, messages in rows:
        print(f"{name:22} {cpu:20.1f} {wall:14.1f} {messages:9}")
    if args.together:
        print(f"\n{args.together} visits at once, one server, no proxy")
        print(f"{'target':22} {'first render p50 ms':>20} {'p95 ms':>8} {'server CPU ms/visit':>20}")
        for name, script, pages in (("bare app", "bench/bare_app.py", [""]),
                                    ("app", "app.py", ["warning-signs", "causes"])):
            p50, p95, used = asyncio.run(together(script, pages, args.together))
            print(f"{name:22} {p50:20.0f} {p95:8.0f} {used:20.1f}")
    print(f"load1 {os.getloadavg()[0]:.1f} at end")


if __name__ == "__main__":
    main()
