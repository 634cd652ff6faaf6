"""The room vote through the proxy: deploy/serve.sh (HAProxy over 2 replicas, its own redis-server), one presenter
in a real Chromium on /present, and --phones phones on /join spoken at the websocket level (bench/stclient.py).

Run from the repo root:

    .venv/bin/python bench/room_vote.py [--phones 100] [--window 8] [--flood 50] [--replicas 2]

What happens, and what is measured:
1. serve.sh starts (free loopback ports; the work tree with ALLOW_GIT_CHECKOUT=1) and its redis-server.
2. The presenter opens /present at 1280x720 through the proxy, presses "Start a room vote" and reads the join
   link from the stage (an <a> in st.container(key="room-join")).
3. Each phone does what a phone's browser does: GET / through the proxy (the replica cookie), the websocket, a
   run of /join?room=<code>, then the run in which its browser's component reports its random id (a JSON widget
   state, as ui/assets/room_phone.js sends it); the answer buttons arrive; phones come from 127.0.0.2-.21.
4. Each phone presses one answer button (a trigger widget state, as a click sends it) at a random moment within
   --window seconds. Times: from the press to the end of that run (the answer is stored in its callback).
5. The stage's "N answers" is read from the page every 50 ms; the delay from the last phone's answer (its run's
   end) to the stage first reading N = phones is reported.
6. Flood: one phone opens --flood more tabs before anyone answers (each a new session with the same phone id, as
   a reload or a second tab is), then presses an answer in every tab at once, switching between choices. The
   stage's count must stay at N: each press replaces that phone's answer.
7. Reveal (Page Down): the stage's chart description must give each choice the number of phones whose last
   answer it was: every answer counted exactly once.
Everything started is stopped at the end (SIGTERM to serve.sh, which stops HAProxy, replicas and redis-server).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import secrets
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import room as proxy_bench  # bench/room.py: serve.sh on free ports, the replica cookie
import stclient
from playwright.async_api import async_playwright
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

CHROMIUM = "/usr/bin/chromium"
CHOICES = ("⚠ Crossed", "✓ Not crossed")


class Phone(stclient.Session):
    """A phone's tab on /join: remembers its component's and buttons' element ids, sends JSON and trigger states."""

    def __init__(self, port: int, cookie: str, source: str, code: str, phone_id: str = "") -> None:
        super().__init__(port, "join", headers={"Cookie": cookie}, source=source)
        self.query = f"room={code}"
        # As the browser makes it (ui/assets/room_phone.js); a second tab of the same phone shares it.
        self.phone_id = phone_id or secrets.token_urlsafe(18)
        self.component_id = ""
        self.buttons: dict[str, str] = {}  # label -> element id
        self.texts: list[str] = []

    def _message(self, states: dict[str, object]) -> bytes:
        msg = BackMsg()
        rerun = msg.rerun_script
        rerun.query_string = self.query
        rerun.page_name = self.page_name
        rerun.context_info.timezone = "UTC"
        rerun.context_info.locale = "en-US"
        rerun.context_info.url = f"http://{stclient.HOST}/{self.page_name}"
        for widget_id, value in states.items():
            state = rerun.widget_states.widgets.add()
            state.id = widget_id
            if isinstance(value, bool):
                state.trigger_value = value
            else:
                state.json_value = str(value)
        return msg.SerializeToString()

    async def run(self, states: dict[str, object] | None = None) -> stclient.RunResult:
        assert self.connection is not None
        start = time.perf_counter()
        self.buttons.clear()
        self.texts.clear()
        await self.connection.send(self._message(states or {}))
        return await self._read(start)

    async def _read(self, start: float) -> stclient.RunResult:
        assert self.connection is not None
        result = stclient.RunResult(0.0, "timeout")
        deadline = start + stclient.RUN_TIMEOUT
        try:
            while (remaining := deadline - time.perf_counter()) > 0:
                msg = ForwardMsg()
                msg.ParseFromString(await asyncio.wait_for(self.connection.recv(), timeout=remaining))
                kind = msg.WhichOneof("type")
                if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                    element = msg.delta.new_element
                    what = element.WhichOneof("type")
                    if what == "exception":
                        result.exceptions.append(element.exception.message[:200])
                    elif what == "button" and "room-choice-" in element.button.id:
                        self.buttons[element.button.label] = element.button.id
                    elif what == "markdown":
                        self.texts.append(element.markdown.body)
                    elif what == "bidi_component" and element.bidi_component.id.endswith("-room-phone"):
                        self.component_id = element.bidi_component.id
                elif kind == "script_finished":
                    name = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                    if name == "FINISHED_EARLY_FOR_RERUN":
                        continue
                    result.status = name
                    break
        except TimeoutError:
            result.status = "timeout"
        except stclient.websockets.ConnectionClosed:
            result.status = "closed"
        result.seconds = time.perf_counter() - start
        return result

    def identity(self) -> dict[str, object]:
        return {self.component_id: json.dumps({"phone": self.phone_id})}

    async def join(self) -> bool:
        await self.connect()
        first = await self.run()
        if first.status not in stclient.SUCCESS or not self.component_id:
            return False
        second = await self.run(self.identity())
        return second.status in stclient.SUCCESS and set(CHOICES) <= set(self.buttons)

    async def press(self, choice: str) -> stclient.RunResult:
        button = self.buttons.get(choice)
        assert button, f"no button {choice!r}: {self.texts}"
        return await self.run({**self.identity(), button: True})


def count_on_stage(text: str) -> int | None:
    found = re.search(r"(\d+) answers?", text)
    return int(found.group(1)) if found else None


async def bench(args: argparse.Namespace) -> dict[str, object]:
    served = proxy_bench.serve(args.replicas)
    base = f"http://{stclient.HOST}:{served.port}"
    figures: dict[str, object] = {}
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM)
            stage = await (await browser.new_context(viewport={"width": 1280, "height": 720})).new_page()
            await stage.goto(f"{base}/present?scenario=stiff_jaw_after_cut&step=1")
            await stage.get_by_role("button", name=re.compile("room", re.IGNORECASE)).click()
            link = await stage.locator(".st-key-room-join a").get_attribute("href", timeout=60_000)
            assert link, "no join link on the stage"
            code = link.split("room=", 1)[1]
            count = stage.locator(".st-key-room-count")

            # Join.
            rng = random.Random(7)
            phones: list[Phone] = []
            join_started = time.perf_counter()

            async def arrive(number: int, phone_id: str = "") -> Phone | None:
                source = proxy_bench.source_address(number, 20)
                cookie = await proxy_bench.replica_cookie(served.port, source)
                phone = Phone(served.port, cookie, source, code, phone_id)
                return phone if await phone.join() else None

            joined = await asyncio.gather(*(arrive(n) for n in range(args.phones)), return_exceptions=True)
            phones = [p for p in joined if isinstance(p, Phone)]
            failed = [repr(p) for p in joined if not isinstance(p, Phone)]
            figures["join failures"] = failed[:3] or 0
            flooder = phones[0]
            tabs = await asyncio.gather(*(arrive(n, flooder.phone_id) for n in range(args.flood)))
            flood_tabs = [tab for tab in tabs if tab is not None]
            figures["joined"] = f"{len(phones)} of {args.phones} in {time.perf_counter() - join_started:.1f} s"
            replicas = {p.headers["Cookie"] for p in phones}
            figures["replica cookies"] = sorted(replicas)

            # Answer, each at a random moment within the window.
            chosen = {id(p): rng.choice(CHOICES) for p in phones}
            answer_times: list[float] = []
            ends: list[float] = []
            errors: list[str] = []
            window_start = time.perf_counter()

            async def answer(phone: Phone) -> None:
                await asyncio.sleep(rng.uniform(0, args.window))
                result = await phone.press(chosen[id(phone)])
                ends.append(time.perf_counter())
                if result.status not in stclient.SUCCESS or result.exceptions:
                    errors.append(f"{result.status} {result.exceptions}")
                else:
                    answer_times.append(result.seconds * 1000)

            watch_until = window_start + args.window + 30
            seen_full_at: float | None = None

            async def watch() -> None:
                nonlocal seen_full_at
                while time.perf_counter() < watch_until:
                    text = await count.inner_text()
                    if count_on_stage(text) == len(phones) and len(ends) == len(phones):
                        seen_full_at = time.perf_counter()
                        return
                    await asyncio.sleep(0.05)

            watcher = asyncio.create_task(watch())
            await asyncio.gather(*(answer(p) for p in phones))
            await watcher
            last_answer = max(ends)
            figures["all answered within"] = f"{last_answer - window_start:.2f} s (window {args.window} s)"
            figures["answer run ms p50/p95/max"] = (
                f"{statistics.median(answer_times):.0f} / {stclient.percentile(answer_times, 0.95):.0f} / "
                f"{max(answer_times):.0f}" if answer_times else "none"
            )
            figures["answer errors"] = errors[:5] or 0
            figures["stage shows all, after the last answer"] = (
                f"{seen_full_at - last_answer:.2f} s" if seen_full_at else "never (within 30 s)"
            )

            # Flood: the first phone's other tabs all press at once, switching choices.
            flood_started = time.perf_counter()
            pressed = await asyncio.gather(*(tab.press(CHOICES[n % 2]) for n, tab in enumerate(flood_tabs)))
            figures["flood"] = (f"{len(flood_tabs)} more tabs of one phone pressed at once in "
                                f"{time.perf_counter() - flood_started:.1f} s "
                                f"({sum(r.status in stclient.SUCCESS for r in pressed)} runs ended well)")
            await asyncio.sleep(2.5)
            figures["stage count after the flood"] = await count.inner_text()

            # Reveal: the chart's words give each choice its number.
            await stage.keyboard.press("PageDown")
            description = stage.locator(".st-key-room-votes [data-testid='stCaptionContainer']")
            said = await description.inner_text(timeout=30_000)
            others = [p for p in phones if p is not flooder]
            expected = {choice: sum(1 for p in others if chosen[id(p)] == choice) for choice in CHOICES}
            shown = {choice: int(re.search(re.escape(choice) + r" (\d+)", said).group(1)) for choice in CHOICES}
            # The flooder's answer is the last of its presses to arrive (either choice): one answer, never more.
            possible = [{c: n + (c == last) for c, n in expected.items()} for last in CHOICES]
            figures["stage's chart"] = said
            figures["expected (the flooder's answer either choice)"] = possible
            figures["counted exactly once"] = shown in possible
            for phone in (*phones, *flood_tabs):
                await phone.close()
            await browser.close()
    finally:
        proxy_bench.stop(served)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phones", type=int, default=100)
    parser.add_argument("--window", type=float, default=8.0, help="seconds over which the phones answer")
    parser.add_argument("--flood", type=int, default=50, help="presses by one flooding phone")
    parser.add_argument("--replicas", type=int, default=2)
    args = parser.parse_args()
    print(f"# room vote bench, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.node()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}")
    for name, value in asyncio.run(bench(args)).items():
        print(f"{name}: {value}")


if __name__ == "__main__":
    main()
