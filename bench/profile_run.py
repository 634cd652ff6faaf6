"""Where a session's script runs spend their time, measured in a real ``streamlit run`` server.

Run from the repo root:  .venv/bin/python bench/profile_run.py [--sessions 10] [--moves 10] [--no-cprofile]

It starts the app through bench/_profiled_server.py (which times every script run and, unless --no-cprofile,
profiles it with cProfile in the script thread), warms it with one visit to "/", then for each of the
warning-signs and causes pages opens --sessions new sessions one after another, each moving the "pain" slider
--moves times. It prints, per page, the script's wall and CPU time for a new session's first run and for a rerun
(median and p95), a breakdown by area (cumulative time in Altair conversion, chart building, widgets, engine, GC),
and the functions with the most cumulative time. cProfile slows Python down, so read the breakdown as shares;
take absolute times from a --no-cprofile run.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import pstats
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import stclient

PAGES = ("warning-signs", "causes")
AREAS = {
    "st.altair_chart (Altair to_dict + Streamlit marshalling)": ("vega_charts.py", "_altair_chart"),
    "explainer.charts.sign_chart_spec (the bars' spec)": ("sign_bars.py", "sign_chart_spec"),
    "explainer.charts.cause_chart_spec (the causes' spec)": ("causes.py", "cause_chart_spec"),
    "explainer.charts the signs' table and words": ("sign_bars.py", "sign_table|sign_chart_description"),
    "explainer.charts the causes' table and words": ("causes.py", "cause_table|cause_chart_description"),
    "explainer.assess": ("assessment.py", "assess"),
    "ui.inputs.sidebar_inputs (the sidebar inputs)": ("inputs.py", "sidebar_inputs"),
    "st.navigation": ("navigation.py", "navigation"),
    "gc.collect (runner.postScriptGC)": ("~", "<built-in method gc.collect>"),
}


def area_ms(stats: pstats.Stats, runs: int) -> dict[str, float]:
    """Cumulative ms per run in each area (the largest entry per function name, so recursion is not doubled)."""
    found = dict.fromkeys(AREAS, 0.0)
    for (filename, _line, name), (_cc, _nc, _tt, cumulative, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        for label, (file_part, names) in AREAS.items():
            if name in names.split("|") and filename.endswith(file_part):
                found[label] += cumulative * 1000 / runs
    return found


async def drive(port: int, sessions: int, moves: int) -> None:
    warm = stclient.Session(port, "")
    await warm.connect()
    await warm.rerun()
    await warm.close()
    for page in PAGES:
        for _ in range(sessions):
            session = stclient.Session(port, page)
            await session.connect()
            first = await session.rerun()
            assert first.status == "FINISHED_SUCCESSFULLY" and not first.exceptions, first
            for move in range(moves):
                await session.move_slider("pain", float((move + 1) % 11))
            await session.close()


def summarise(out: str, top: int, cprofile: bool) -> None:
    rows: dict[str, list[tuple[float, float]]] = {}
    for line in Path(out + ".runs.tsv").read_text().splitlines():
        label, wall, cpu = line.split("\t")
        rows.setdefault(label, []).append((float(wall), float(cpu)))
    print(f"{'script run':28} {'runs':>5} {'wall p50':>9} {'wall p95':>9} {'CPU p50':>8} {'CPU p95':>8}  (ms)")
    for label, values in sorted(rows.items()):
        walls, cpus = [w for w, _ in values], [c for _, c in values]
        print(f"{label:28} {len(values):5} {statistics.median(walls):9.1f} {stclient.percentile(walls, 0.95):9.1f} "
              f"{statistics.median(cpus):8.1f} {stclient.percentile(cpus, 0.95):8.1f}")
    if not cprofile:
        return
    for label in sorted(rows):
        path = Path(f"{out}.{label}.pstats")
        if not path.exists() or label.endswith("root"):
            continue
        stats = pstats.Stats(str(path))
        print(f"\n=== {label}: cumulative ms per run, under cProfile ({len(rows[label])} runs) ===")
        for area, ms in area_ms(stats, len(rows[label])).items():
            print(f"  {area:58} {ms:8.1f}")
        text = io.StringIO()
        pstats.Stats(str(path), stream=text).sort_stats("cumulative").print_stats(top)
        print("\n".join(line for line in text.getvalue().splitlines()[6:] if line.strip()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10, help="new sessions per page (default 10)")
    parser.add_argument("--moves", type=int, default=10, help="slider moves per session (default 10)")
    parser.add_argument("--top", type=int, default=20, help="functions to list per run kind")
    parser.add_argument("--no-cprofile", action="store_true", help="time runs only (no profiler overhead)")
    parser.add_argument("--gc", choices=["false", "true"], default="", help="override runner.postScriptGC")
    args = parser.parse_args()

    out = tempfile.mkdtemp(prefix="bench-profile-") + "/run"
    port = stclient.free_port()
    extra = ["--runner.postScriptGC", args.gc] if args.gc else []
    env = {"BENCH_PROFILE_OUT": out, "BENCH_CPROFILE": "0" if args.no_cprofile else "1"}
    server = stclient.start_server("app.py", port, extra=extra, env=env, timed=True)
    try:
        asyncio.run(drive(port, args.sessions, args.moves))
    finally:
        stclient.stop_server(server)
    print(f"app.py, {args.sessions} sessions per page, {args.moves} slider moves each; "
          f"postScriptGC={args.gc or 'as configured'}; cProfile={'off' if args.no_cprofile else 'on'}")
    summarise(out, args.top, not args.no_cprofile)


if __name__ == "__main__":
    main()
