"""``streamlit run`` with every script run timed (and, with BENCH_PROFILE_OUT set, profiled by cProfile).

Used by bench/profile_run.py; not meant to be run by hand. Usage:
    BENCH_PROFILE_OUT=/tmp/prof python bench/_profiled_server.py <script> [streamlit options]
After each run it appends a line to <out>.runs.tsv (label, wall ms, CPU ms of the script thread; label = first or
rerun + page name); with BENCH_CPROFILE=1 it writes <out>.<label>.pstats for each label at exit.
"""

from __future__ import annotations

import atexit
import cProfile
import os
import sys
import time

from streamlit.runtime.scriptrunner import script_runner
from streamlit.web import cli

OUT = os.environ.get("BENCH_PROFILE_OUT", "")
PROFILE = os.environ.get("BENCH_CPROFILE", "0") == "1"
PROFILES: dict[str, cProfile.Profile] = {}
_original = script_runner.ScriptRunner._run_script


def _timed_run_script(self, rerun_data):  # type: ignore[no-untyped-def]
    page = rerun_data.page_name or rerun_data.page_script_hash[:8] or "/"
    kind = "rerun" if rerun_data.widget_states and rerun_data.widget_states.widgets else "first"
    label = f"{kind}.{page.replace('/', '_') or 'root'}"
    profile = PROFILES.setdefault(label, cProfile.Profile()) if PROFILE else None
    start, cpu_start = time.perf_counter(), time.thread_time()
    if profile:
        profile.enable()
    try:
        return _original(self, rerun_data)
    finally:
        if profile:
            profile.disable()
        wall, cpu = (time.perf_counter() - start) * 1000, (time.thread_time() - cpu_start) * 1000
        if OUT:
            with open(OUT + ".runs.tsv", "a") as out:
                out.write(f"{label}\t{wall:.2f}\t{cpu:.2f}\n")


def _dump() -> None:
    for label, profile in PROFILES.items():
        profile.dump_stats(f"{OUT}.{label}.pstats")


script_runner.ScriptRunner._run_script = _timed_run_script
if OUT:
    atexit.register(_dump)  # streamlit handles SIGTERM itself and exits normally, so atexit runs
sys.argv = ["streamlit", "run", *sys.argv[1:]]
cli.main()
