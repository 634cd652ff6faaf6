"""Screenshots of every page at a laptop's and a phone's size, and of the stage at projector sizes.

Run from the repo root:  .venv/bin/python docs/make_screenshots.py

Starts the app on a free port (127.0.0.1), opens each page in Debian's Chromium with a scenario that fills it,
waits until every element has loaded, and saves what fits on the first screen (not the whole page: a person
judges the app by what fits on one screen) to docs/screenshots/<page>-<width>x<height>.png.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import stclient  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from ui.router import PAGES  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SCENARIO = "pain=8&duration_min=12&twitching=true&episodes_per_week=4&weeks_affected=6&overexertion=true"
# Extra shots, name -> (path, query): the Emergency shape of the warning-signs page (a danger sign ticked).
EXTRA = {
    "warning-signs-emergency": ("warning-signs", "stiff_jaw=true"),
    "case-link-banner": ("warning-signs", "scenario=lifting_strain"),  # a link that names a teaching case
}
SIZES = ((1366, 768), (390, 844))
STAGE_SIZES = ((1280, 720), (1920, 1080))
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def settle(page) -> None:
    page.wait_for_selector(IDLE, timeout=60000)
    page.wait_for_load_state("networkidle")
    page.wait_for_function("!document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=30000)
    page.wait_for_timeout(800)


def main() -> None:
    port = stclient.free_port()
    server = stclient.start_server("app.py", port)
    base = f"http://{stclient.HOST}:{port}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            shots = [(entry.url_path or "home", entry.url_path, SCENARIO, size) for entry in PAGES for size in SIZES]
            shots += [("present", "present", SCENARIO, size) for size in STAGE_SIZES]
            shots += [(name, path, query, size) for name, (path, query) in EXTRA.items() for size in SIZES]
            for shot, path, query, (width, height) in shots:
                context = browser.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                page.goto(f"{base}/{path}?{query}")
                settle(page)
                name = OUT / f"{shot}-{width}x{height}.png"
                page.screenshot(path=str(name))
                print(name.relative_to(ROOT))
                context.close()
            browser.close()
    finally:
        stclient.stop_server(server)


if __name__ == "__main__":
    main()
