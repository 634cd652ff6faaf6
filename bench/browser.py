"""Browser benchmark: from a slider key release to the chart updated, in Chromium, beside a bare Streamlit app.

Run from the repo root:  .venv/bin/python bench/browser.py [--moves 30] [--pages warning-signs,causes]
[--against /tmp/old]  (--against: a worktree of another commit, timed in the same run, page by page)

It starts two servers on 127.0.0.1 in the same run, the app (app.py) and bench/bare_app.py (one slider, one
Altair chart), and drives Chromium (/usr/bin/chromium) with Playwright. For each target it opens the page with
pain=6, focuses the "pain" slider's thumb (its range input) and presses ArrowRight and ArrowLeft in turn, so
every move takes pain across the warning-sign line at 7 and the chart's data changes on every move. (Each such move
also changes the advice, pain 7 alone meaning "see a doctor": the worst case. A fourth line, not a target, moves pain
4 <-> 5 on /warning-signs, a move that leaves the advice as it was.) On
/warning-signs the pain slider sits beside sign 1's chart, the page's first chart; on /causes it is in the sidebar's
open "Symptoms" group, and the nerve-damage clue "intense pain" changes the cause chart's points.

Definitions (all times from the page's own clock, performance.now()):
- key: the keydown of the arrow key (Playwright's press is keydown then keyup; the slider sends its value on the
  key event, and the release follows within a few ms). The time from keyup is printed too.
- sent: the first websocket send after the keydown (the BackMsg with the rerun).
- rerun done: the first time after "sent" that stApp's data-test-script-state is "notRunning" again (if it never
  left "notRunning", a rerun so fast that React rendered only its end, the chart update time is used).
- A page without a chart, or whose charts this move leaves as they were (Home's, at pain 6 <-> 7): everything is
  updated when the rerun is done. A rerun of one fragment can end within one render (the script state never seen
  leaving "notRunning"): then the page's last change after the send is its end.
- chart updated: the first DOM mutation batch, after the keydown, at which the chart element's accessible name
  (aria-label, our alt text), the text of its SVG and the aria-labels of its marks (each drawn point or bar
  carries its own values there) equal their final values; "final" is read once nothing has
  changed for 400 ms. A move whose chart signature does not change counts as a failure.
- latency = max(chart updated, rerun done) - keydown. Median, p95 and max over --moves moves per target.
- chart drawn: the first DOM mutation batch, after the keydown, at which what the chart draws (the position, shape,
  fill and words of each SVG path and text, without any aria-label) equals its final state. On /warning-signs the
  pain slider's plane follows the slider in the browser (ui/follow.py), so it is drawn before the server answers;
  its text alternatives (aria-labels) and the cards still come with the rerun, which "latency" times. Elsewhere,
  and in the bare app, the chart is drawn from the rerun's data, so "drawn" is at most "latency".
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
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT), str(ROOT / "src")]

import stclient  # noqa: E402
from playwright.async_api import Page, async_playwright  # noqa: E402

from ui.router import PAGES  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CHART = '[data-testid="stVegaLiteChart"]'

# Installed before any page script: timestamps for keys, websocket sends, script state and chart mutations.
PROBE = """
(() => {
  const b = window.__bench = {keydown: 0, keyup: 0, sends: [], states: [], chart: [], changes: []};
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) { b.sends.push(performance.now()); return send.call(this, data); };
  document.addEventListener('keydown', () => { b.keydown = performance.now(); }, true);
  document.addEventListener('keyup', () => { b.keyup = performance.now(); }, true);
  // Every chart on the page, in page order: what a screen reader hears (its accessible name, its marks' labels)
  // and what is drawn (each SVG path's and text's place, shape, fill and words).
  const charts = () => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
  const drawnOf = (chart) => [...chart.querySelectorAll('svg path, svg text')].map(e => [e.getAttribute('transform'),
    e.getAttribute('d'), e.getAttribute('fill'), e.tagName === 'text' ? e.textContent : ''].join(' ')).join('|');
  b.signature = () => charts().map(chart => {
    const marks = [...chart.querySelectorAll('svg [aria-label]')].map(m => m.getAttribute('aria-label')).join('|');
    return (chart.getAttribute('aria-label') || '') + '#' + marks + '#' + drawnOf(chart);
  }).join('||');
  // What is drawn, and nothing else.
  b.drawn = () => charts().map(drawnOf).join('||');
  b.start = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    new MutationObserver(() => {
      b.states.push([performance.now(), app.getAttribute('data-test-script-state')]);
    }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
    const sel = '[data-testid="stVegaLiteChart"]';
    const inChart = (node) => node && node.closest && (node.closest(sel) || node.querySelector(sel));
    new MutationObserver((records) => {
      b.changes.push(performance.now());
      if (records.some(r => inChart(r.target.nodeType === 1 ? r.target : r.target.parentElement)
                            || [...r.addedNodes].some(n => n.nodeType === 1 && inChart(n)))) {
        b.chart.push([performance.now(), b.signature(), b.drawn()]);
      }
    }).observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
  };
  b.reset = () => {
    b.sends = []; b.states = []; b.chart = []; b.changes = []; b.keydown = 0; b.keyup = 0;
    return b.signature();
  };
  b.lastChange = () => Math.max(0, ...b.states.map(s => s[0]), ...b.changes);
  b.result = (before) => {
    const final = b.signature();
    const sent = b.sends.find(t => t >= b.keydown);
    const done = b.states.find(s => s[1] === 'notRunning' && sent !== undefined && s[0] >= sent);
    const chart = b.chart.find(c => c[0] >= b.keydown && c[1] === final);
    const finalDrawn = b.drawn();
    const drawn = b.chart.find(c => c[0] >= b.keydown && c[2] === finalDrawn);
    // A fast rerun can finish within one React render, so the attribute never leaves "notRunning": then the chart
    // update is the only sign that the rerun is done.
    const app = document.querySelector('[data-testid="stApp"]');
    const idle = app.getAttribute('data-test-script-state') === 'notRunning';
    // A rerun of a fragment alone can also end within one render; then the page's last change is its end.
    const unseen = idle && b.states.length === 0;
    const doneAt = done ? done[0] : unseen && chart ? chart[0]
      : unseen && sent !== undefined && b.changes.length ? b.changes[b.changes.length - 1] : null;
    // A page without a chart: everything is updated when the rerun is done (the advice, the cards).
    if (charts().length === 0) {
      return {keydown: b.keydown, keyup: b.keyup, sent: sent ?? null, done: doneAt, chart: doneAt, drawn: doneAt,
              changed: true};
    }
    return {keydown: b.keydown, keyup: b.keyup, sent: sent ?? null, done: doneAt,
            chart: chart ? chart[0] : null, drawn: drawn ? drawn[0] : null, changed: final !== before};
  };
})();
"""


async def open_target(page: Page, url: str, open_symptoms: bool) -> None:
    await page.goto(url)
    await page.wait_for_selector(IDLE, timeout=60000)
    if open_symptoms:
        await page.locator('[data-testid="stSidebar"] summary', has_text="Symptoms").click()
    thumb = page.locator('.st-key-pain input[type="range"]')
    await thumb.wait_for(state="attached", timeout=30000)
    await page.wait_for_timeout(1500)  # let the first render and any late layout settle
    await page.evaluate("window.__bench.start()")
    await thumb.focus()


async def one_move(page: Page, key: str) -> dict:
    before = await page.evaluate("window.__bench.reset()")
    await page.keyboard.press(key)
    started = time.monotonic()
    while time.monotonic() < started + 20:  # wait until nothing has changed for 400 ms, bounded to 20 s
        await page.wait_for_timeout(100)
        quiet = await page.evaluate("performance.now() - window.__bench.lastChange()")
        if quiet > 400 and await page.evaluate("window.__bench.states.length + window.__bench.changes.length > 0"):
            break
    else:
        print(f"  a move did not settle in 20 s ({page.url})", flush=True)
    return await page.evaluate("(before) => window.__bench.result(before)", before)


async def measure(page: Page, url: str, moves: int, open_symptoms: bool) -> dict:
    await open_target(page, url, open_symptoms)
    latencies, drawn, from_keyup, to_sent, to_done, failures = [], [], [], [], [], {}
    for move in range(moves):
        result = await one_move(page, "ArrowRight" if move % 2 == 0 else "ArrowLeft")
        if not result["changed"] and result["done"] is not None:
            result["chart"] = result["drawn"] = result["done"]  # the charts showed this move already: the rerun
        reason = ("no rerun seen" if result["done"] is None
                  else "chart never matched its final state" if result["chart"] is None else "")
        if reason:
            failures[reason] = failures.get(reason, 0) + 1
            continue
        end = max(result["done"], result["chart"])
        latencies.append(end - result["keydown"])
        drawn.append(min(result["drawn"] if result["drawn"] is not None else end, end) - result["keydown"])
        from_keyup.append(end - result["keyup"])
        to_sent.append(result["sent"] - result["keydown"])
        to_done.append(result["done"] - result["sent"])
        await page.wait_for_timeout(300)
        if move % 10 == 9:
            print(f"  {url}: {move + 1} of {moves} moves", flush=True)
    return {"latencies": latencies, "drawn": drawn, "from_keyup": from_keyup, "to_sent": to_sent, "to_done": to_done,
            "failures": failures}


def line(name: str, result: dict) -> str:
    values = result["latencies"]
    if not values:
        return f"{name:34} no successful moves ({result['failures']})"
    drawn = result["drawn"]
    return (f"{name:34} {len(values):3} {statistics.median(drawn):8.1f} {stclient.percentile(drawn, 0.95):8.1f} "
            f"{statistics.median(values):8.1f} {stclient.percentile(values, 0.95):8.1f} "
            f"{max(values):8.1f} {statistics.median(result['from_keyup']):10.1f} "
            f"{statistics.median(result['to_sent']):9.1f} {statistics.median(result['to_done']):9.1f} "
            f"{sum(result['failures'].values()):5} {result['failures'] or ''}")


async def run(moves: int, pages: set[str] | None = None, against: Path | None = None) -> None:
    app_port, bare_port = stclient.free_port(), stclient.free_port()
    app = stclient.start_server("app.py", app_port)
    bare = stclient.start_server("bench/bare_app.py", bare_port)
    other = other_port = None
    if against is not None:  # another tree (a git worktree of an older commit), with its own src/ and ui/
        other_port = stclient.free_port()
        other = stclient.start_server(str(against / "app.py"), other_port,
                                      env={"PYTHONPATH": f"{against / 'src'}:{against}"})
    try:
        urllib.request.urlopen(f"http://{stclient.HOST}:{app_port}/", timeout=10).read()  # warm up: pages register
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = await browser.new_context(viewport={"width": 1280, "height": 900})
            await context.add_init_script(PROBE)
            warm = await context.new_page()
            await warm.goto(f"http://{stclient.HOST}:{app_port}/")
            await warm.wait_for_selector(IDLE, timeout=60000)
            await warm.close()
            app_url = f"http://{stclient.HOST}:{app_port}"
            targets = [("bare app (bench/bare_app.py)", f"http://{stclient.HOST}:{bare_port}/?pain=6", False)]
            # Every page with the pain slider in view (the room's phone page, /join, has none): beside sign 1's
            # chart on /warning-signs, among the stage's controls on /present, in the sidebar's open "Symptoms"
            # group elsewhere.
            timed = [entry.url_path for entry in PAGES
                     if entry.url_path != "join" and (pages is None or entry.url_path in pages)]
            for path in timed:  # with --against, each page of this tree, then the same page of the other
                targets.append((f"app: /{path}", f"{app_url}/{path}?pain=6", False))
                if other_port is not None:
                    urllib.request.urlopen(f"http://{stclient.HOST}:{other_port}/", timeout=10).read()
                    targets.append((f"against: /{path}", f"http://{stclient.HOST}:{other_port}/{path}?pain=6", False))
            if pages is None:  # not a target, for comparison: pain 4 <-> 5 leaves the advice as it was
                targets.append(("app: /warning-signs, advice kept", f"{app_url}/warning-signs?pain=4", False))
            results = {}
            for name, url, open_symptoms in targets:
                page = await context.new_page()
                try:
                    results[name] = await measure(page, url, moves, open_symptoms)
                except Exception as err:  # report the other targets anyway, and leave a picture of this one
                    shot = Path(tempfile.gettempdir()) / f"bench-browser-{name.split()[0].strip(':')}.png"
                    await page.screenshot(path=shot, full_page=True)
                    print(f"{name}: {type(err).__name__}: {str(err).splitlines()[0]} (screenshot {shot})")
                    results[name] = {"latencies": [], "failures": {"error": moves}}
                await page.close()
            await browser.close()
    finally:
        stclient.stop_server(app)
        stclient.stop_server(bare)
        if other is not None:
            stclient.stop_server(other)
    print(f"Chromium {CHROMIUM}; {moves} moves per target; loadavg {os.getloadavg()[0]:.2f} at end; "
          f"Python {platform.python_version()}")
    print(f"{'target':34} {'n':>3} {'drawn50':>8} {'drawn95':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
          f"{'p50 keyup':>10} "
          f"{'p50 sent':>9} {'p50 done':>9} {'fail':>5}")
    for name, result in results.items():
        print(line(name, result))
    print("(drawn50/95: keydown -> the chart drawn as it ends; p50/p95/max: keydown -> chart updated, text "
          "alternatives included, and rerun done; keyup: the same from the key release; "
          "sent: keydown -> websocket send; done: send -> script state notRunning)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=30, help="slider moves per target (default 30, at least 20)")
    parser.add_argument("--pages", default="", help="comma-separated URL paths to time (default: every page; '' "
                                                    "is Home); the bare app is always timed")
    parser.add_argument("--against", type=Path, help="another tree to time in the same run, page by page after this "
                        "one's (e.g. `git worktree add /tmp/old <commit>`): its app.py with its own src/")
    args = parser.parse_args()
    pages = None if not args.pages else {path.strip().strip("/") for path in args.pages.split(",")}
    asyncio.run(run(max(args.moves, 1), pages, args.against.resolve() if args.against else None))


if __name__ == "__main__":
    main()
