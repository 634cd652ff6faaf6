"""How much of the page React renders again on a slider move: commits, and the components rendered in each.

Run from the repo root:  .venv/bin/python bench/react_commits.py [--pages warning-signs,causes] [--moves 6]

For each target (the bare app, bench/bare_app.py, then each page asked for, every one opened with pain=6), it moves
the pain slider 6 <-> 7 with the keyboard, as bench/browser.py does, and counts React's commits from the keydown
until the page is quiet. A stand-in for React's devtools hook (``__REACT_DEVTOOLS_GLOBAL_HOOK__``, installed before
the page loads; React calls its ``onCommitFiberRoot`` on every commit) walks the tree at each commit and counts
the components whose props or state changed since the last commit: what React rendered again. Each is put under
the nearest Streamlit element it belongs to (its ``data-testid``, or the ``st-key-`` of a keyed container), so
the table says where the work goes. Speed itself is bench/browser.py's: this says why.

What it showed (docs/performance.md, "Where a move's browser time goes"): a move makes about 10 commits, in the bare
app too, and at each Streamlit's frontend renders the page's containers and expanders again, changed or not; so a
move's browser cost grows with the page's structure, and with every element the server sends back.
"""

from __future__ import annotations

import argparse
import collections
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT)]

import stclient  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
STRUCTURE = ("stElementContainer", "stVerticalBlock", "stHorizontalBlock", "stLayoutWrapper", "stColumn")

HOOK = """
(() => {
  const commits = window.__commits = [];
  const props = new WeakMap(), states = new WeakMap();
  const seen = (map, fiber) => map.has(fiber) ? map.get(fiber)
    : fiber.alternate ? map.get(fiber.alternate) : undefined;
  const owner = (fiber) => {
    for (let f = fiber; f; f = f.return) {
      const node = f.stateNode;
      if (node && node.getAttribute) {
        const key = [...(node.classList || [])].find(c => c.startsWith('st-key-'));
        if (key) return key.slice(7, 47);
        const id = node.getAttribute('data-testid');
        if (id && !STRUCTURE.includes(id)) return id;
      }
    }
    return '(app)';
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true, renderers: new Map(), isDisabled: false,
    inject(renderer) { const id = this.renderers.size + 1; this.renderers.set(id, renderer); return id; },
    onScheduleFiberRoot() {}, onCommitFiberUnmount() {}, onPostCommitFiberRoot() {}, checkDCE() {},
    onCommitFiberRoot(id, root) {
      const where = {}; let count = 0;
      const walk = (fiber) => {
        for (let f = fiber; f; f = f.sibling) {
          const changed = seen(props, f) !== f.memoizedProps || seen(states, f) !== f.memoizedState;
          props.set(f, f.memoizedProps); states.set(f, f.memoizedState);
          if (changed) { count++; const o = owner(f); where[o] = (where[o] || 0) + 1; }
          if (f.child) walk(f.child);
        }
      };
      walk(root.current.child);
      if (window.__counting) commits.push({count, where});
    },
  };
})();
""".replace("STRUCTURE", json.dumps(STRUCTURE))


def measure(url: str, moves: int) -> tuple[list[int], list[int], collections.Counter[str]]:
    """Per move: the commits and the components rendered again; and where, summed over the moves."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.add_init_script(HOOK)
        page.goto(url)
        page.wait_for_selector(IDLE, timeout=60000)
        page.wait_for_timeout(2500)
        page.locator('.st-key-pain input[type="range"]').focus()
        commits, rendered, where = [], [], collections.Counter()
        for move in range(moves):
            page.evaluate("window.__commits.length = 0; window.__counting = true")
            page.keyboard.press("ArrowRight" if move % 2 == 0 else "ArrowLeft")
            page.wait_for_timeout(1200)  # the rerun and everything after it, on this machine well under 1 s
            made = page.evaluate("window.__counting = false; window.__commits")
            commits.append(len(made))
            rendered.append(sum(c["count"] for c in made))
            for commit in made:
                where.update(commit["where"])
        browser.close()
    return commits, rendered, where


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="warning-signs,causes", help="comma-separated URL paths (default "
                        "warning-signs,causes); the bare app is always counted")
    parser.add_argument("--moves", type=int, default=6)
    parser.add_argument("--top", type=int, default=12, help="how many places to list per target")
    args = parser.parse_args()
    app_port, bare_port = stclient.free_port(), stclient.free_port()
    app = stclient.start_server("app.py", app_port)
    bare = stclient.start_server("bench/bare_app.py", bare_port)
    try:
        targets = [("bare app", f"http://{stclient.HOST}:{bare_port}/?pain=6")]
        targets += [(f"/{path.strip('/')}", f"http://{stclient.HOST}:{app_port}/{path.strip('/')}?pain=6")
                    for path in args.pages.split(",")]
        for name, url in targets:
            started = time.monotonic()
            commits, rendered, where = measure(url, args.moves)
            print(f"{name}: {args.moves} moves; commits a move p50 {statistics.median(commits):.0f} "
                  f"(min {min(commits)}, max {max(commits)}); components rendered again a move p50 "
                  f"{statistics.median(rendered):,.0f} ({time.monotonic() - started:.0f} s)")
            for place, count in where.most_common(args.top):
                print(f"  {count / args.moves:9,.0f}  {place}")
    finally:
        stclient.stop_server(app)
        stclient.stop_server(bare)


if __name__ == "__main__":
    main()
