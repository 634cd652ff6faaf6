"""Layout shift and Lighthouse's accessibility and best-practices scores of every page, desktop and mobile.

    .venv/bin/python bench/lighthouse.py [--runs 1] [--pages warning-signs,about] [--no-lighthouse]

Starts the app on a free port (127.0.0.1 only), then for every page the router registers (ui/router.py):
- **CLS in Chromium** (Playwright, /usr/bin/chromium): a PerformanceObserver for ``layout-shift`` entries (without
  recent input, as CLS counts them) installed before the page loads, summed until the app is idle and 2 s more,
  at 1366x768 and at 390x844 (a phone);
- **Lighthouse** (npm's ``lighthouse``, run with Debian's Chromium: ``CHROME_PATH=/usr/bin/chromium``,
  ``--chrome-flags="--headless=new --no-sandbox"``), ``--preset=desktop`` and its default mobile emulation: the
  accessibility and best-practices scores and its cumulative-layout-shift figure. ``LIGHTHOUSE`` names the command
  (default ``npx --yes lighthouse@12``).

Prints one markdown table. Bounded: one server, each Lighthouse run killed after 180 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src"), str(ROOT / "bench")]

import stclient  # noqa: E402

from ui.router import PAGES  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
SIZES = {"desktop": {"width": 1366, "height": 768}, "mobile": {"width": 390, "height": 844}}

# Sums layout shifts as CLS counts them (no shift within 500 ms of an input), from the first paint on.
CLS_PROBE = """
window.__cls = 0;
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.__cls += entry.value;
    window.__shifts.push({value: entry.value, at: Math.round(entry.startTime),
      nodes: (entry.sources || []).map((s) => String((s.node && s.node.className) || "").slice(0, 60))});
  }
}).observe({type: "layout-shift", buffered: true});
"""


def cls_in_chromium(base: str, path: str, size: str) -> tuple[float, list[dict]]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            context = browser.new_context(viewport=SIZES[size], is_mobile=size == "mobile", has_touch=size == "mobile")
            context.add_init_script(CLS_PROBE)
            page = context.new_page()
            page.goto(f"{base}/{path}")
            page.wait_for_selector(IDLE, timeout=60_000)
            page.wait_for_timeout(2_000)
            return float(page.evaluate("window.__cls")), page.evaluate("window.__shifts")
        finally:
            browser.close()


def lighthouse(base: str, path: str, size: str) -> dict[str, float]:
    command = shlex.split(os.environ.get("LIGHTHOUSE", "npx --yes lighthouse@12"))
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        args = [
            *command, f"{base}/{path}", "--quiet", "--output=json", f"--output-path={report}",
            "--only-categories=accessibility,best-practices,performance",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu", "--max-wait-for-load=90000",
        ]
        if size == "desktop":
            args.append("--preset=desktop")
        done = subprocess.run(args, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=180, check=False,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode != 0 or not report.exists():
            nan = float("nan")
            return {"accessibility": nan, "best-practices": nan, "cls": nan, "failed": "run failed: "
                    + (done.stderr.strip().splitlines() or ["?"])[-1][:80]}
        found = json.loads(report.read_text())
    return {
        "accessibility": found["categories"]["accessibility"]["score"] * 100,
        "best-practices": found["categories"]["best-practices"]["score"] * 100,
        "cls": found["audits"]["cumulative-layout-shift"]["numericValue"],
        "failed": ", ".join(
            audit_id for audit_id in (
                *(ref["id"] for ref in found["categories"]["accessibility"]["auditRefs"]),
                *(ref["id"] for ref in found["categories"]["best-practices"]["auditRefs"]),
            )
            if found["audits"][audit_id]["score"] is not None and found["audits"][audit_id]["score"] < 1
            and found["audits"][audit_id]["scoreDisplayMode"] == "binary"
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", default="", help="comma-separated URL paths (default: every page; '' is Home)")
    parser.add_argument("--no-lighthouse", action="store_true", help="CLS in Chromium only")
    parser.add_argument("--shifts", action="store_true", help="print each layout shift's elements")
    args = parser.parse_args()
    paths = [entry.url_path for entry in PAGES]
    if args.pages:
        paths = [path.strip().replace("home", "") for path in args.pages.split(",")]
    port = stclient.free_port()
    server = stclient.start_server("app.py", port)
    base = f"http://{stclient.HOST}:{port}"
    try:
        urllib.request.urlopen(base + "/", timeout=30).read()  # warm up: the pages register
        cls_in_chromium(base, "", "desktop")  # and the first run's imports
        print(f"load average at start: {Path('/proc/loadavg').read_text().split()[:3]}")
        print("| page | size | CLS (PerformanceObserver) | Lighthouse CLS | accessibility | best practices | failed |")
        print("| --- | --- | ---: | ---: | ---: | ---: | --- |")
        for path in paths:
            for size in SIZES:
                cls, shifts = cls_in_chromium(base, path, size)
                row = {"cls": float("nan"), "accessibility": float("nan"), "best-practices": float("nan"), "failed": ""}
                if not args.no_lighthouse:
                    row = lighthouse(base, path, size)
                print(f"| /{path} | {size} | {cls:.3f} | {row['cls']:.3f} | {row['accessibility']:.0f} | "
                      f"{row['best-practices']:.0f} | {row['failed']} |", flush=True)
                if args.shifts:
                    for shift in shifts:
                        print(f"|   | at {shift['at']} ms | {shift['value']:.3f} | {shift['nodes']} |", flush=True)
        print(f"load average at end: {Path('/proc/loadavg').read_text().split()[:3]}")
    finally:
        stclient.stop_server(server)


if __name__ == "__main__":
    main()
