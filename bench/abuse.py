"""An abusive client beside a normal one: does one visitor's flood slow another visitor down?

Run from the repo root:  .venv/bin/python bench/abuse.py [--moves 40] [--url ws://127.0.0.1:8080]

One server (app.py on a free port, or --url for a running one, e.g. through deploy/serve.sh). A normal visitor
on /warning-signs moves the pain slider every 0.25 s and times each rerun (send -> script_finished). Three phases,
each --moves moves long:
- quiet: the normal visitor alone;
- export burst: a second visitor asks for the PNG of the all-signs chart 12 times at once, again and again (the
  deferred download request a click on "Download the chart as a picture" sends);
- rerun flood: a second visitor sends 180 reruns a second, without waiting for any answer.
Target (issue 10): the normal visitor's rerun p95 in each abusive phase <= 2x its quiet p95.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import stclient
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

PAGE = "warning-signs"
BURST = 12  # PNG requests at once, as in the probe that found the problem
GAP = 0.25  # s between the normal visitor's moves


class Abuser(stclient.Session):
    """A session that also remembers its session id and the deferred download ids of its page."""

    def __init__(self, port_or_url: int | str, page_name: str = "") -> None:
        super().__init__(port_or_url if isinstance(port_or_url, int) else 0, page_name)
        if isinstance(port_or_url, str):
            self.url = port_or_url.rstrip("/") + "/_stcore/stream"
        self.session_id = ""
        self.downloads: list[str] = []
        self.answers = 0
        self.ids = itertools.count(1)

    async def first_run(self) -> None:
        """Run the page once, reading the session id and every deferred download id as they arrive."""
        assert self.connection is not None
        await self.connection.send(self._back_msg("", {}))
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await asyncio.wait_for(self.connection.recv(), timeout=stclient.RUN_TIMEOUT))
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.session_id = msg.new_session.initialize.session_id
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                if element.WhichOneof("type") == "download_button" and element.download_button.deferred_file_id:
                    self.downloads.append(element.download_button.deferred_file_id)
            elif kind == "script_finished":
                return

    def export_request(self, file_id: str) -> bytes:
        msg = BackMsg()
        request = msg.backend_operation_request
        request.request_id = f"abuse-{next(self.ids)}"
        request.session_id = self.session_id
        request.deferred_file.file_id = file_id
        return msg.SerializeToString()

    async def drain(self, stop: asyncio.Event) -> None:
        """Read and drop everything the server sends, counting the export answers."""
        assert self.connection is not None
        while not stop.is_set():
            try:
                frame = await asyncio.wait_for(self.connection.recv(), timeout=0.5)
            except TimeoutError:
                continue
            except Exception:
                return
            msg = ForwardMsg()
            msg.ParseFromString(frame)
            if msg.WhichOneof("type") == "backend_operation_response":
                self.answers += 1


async def export_burst(abuser: Abuser, stop: asyncio.Event) -> None:
    png = abuser.downloads[0]  # the first download button: the all-signs chart's PNG
    assert abuser.connection is not None
    while not stop.is_set():
        before = abuser.answers
        for _ in range(BURST):
            await abuser.connection.send(abuser.export_request(png))
        deadline = time.monotonic() + 30
        while abuser.answers < before + BURST and time.monotonic() < deadline and not stop.is_set():
            await asyncio.sleep(0.05)


FLOOD_RATE = 180  # reruns a second, as in the probe that found the problem


async def rerun_flood(abuser: Abuser, stop: asyncio.Event) -> None:
    assert abuser.connection is not None
    sent, start = 0, time.monotonic()
    while not stop.is_set():
        await abuser.connection.send(abuser._back_msg(f"pain={sent % 11}", {}))
        sent += 1
        await asyncio.sleep(max(0.0, start + sent / FLOOD_RATE - time.monotonic()))
    print(f"  flood: {sent} reruns sent in {time.monotonic() - start:.1f} s", flush=True)


async def normal_moves(port_or_url: int | str, moves: int) -> list[float]:
    session = Abuser(port_or_url, PAGE)
    await session.connect()
    try:
        first = await session.rerun()
        if "pain" not in session.widget_ids:
            raise RuntimeError(f"the normal visitor's first run did not draw the page: {first.status}")
        times = []
        for move in range(moves):
            result = await session.move_slider("pain", float(6 + move % 2))
            if result.status.startswith("FINISHED"):
                times.append(result.seconds * 1000)
            await asyncio.sleep(GAP)
        return times
    finally:
        await session.close()


async def phase(port_or_url: int | str, moves: int, abuse: str) -> list[float]:
    if abuse == "quiet":
        return await normal_moves(port_or_url, moves)
    abuser = Abuser(port_or_url, PAGE)
    await abuser.connect()
    await abuser.first_run()
    stop = asyncio.Event()
    drain = asyncio.create_task(abuser.drain(stop))
    attack = asyncio.create_task(export_burst(abuser, stop) if abuse == "export burst" else rerun_flood(abuser, stop))
    await asyncio.sleep(1.0)  # let the abuse start biting
    try:
        return await normal_moves(port_or_url, moves)
    finally:
        stop.set()
        await asyncio.gather(attack, drain, return_exceptions=True)
        if abuse == "export burst":
            print(f"  export burst: {abuser.answers} PNGs answered", flush=True)
        await abuser.close()


async def main_async(args: argparse.Namespace) -> None:
    server = None
    if args.url:
        target: int | str = args.url
    else:
        port = stclient.free_port()
        server = stclient.start_server("app.py", port)
        target = port
    try:
        rows = []
        for abuse in ("quiet", "export burst", "rerun flood"):
            times = await phase(target, args.moves, abuse)
            rows.append((abuse, times))
    finally:
        if server is not None:
            stclient.stop_server(server)
    print(
        f"Python {platform.python_version()}; {os.cpu_count()} CPUs; {args.moves} moves per phase, one every {GAP} s; "
        f"load average {os.getloadavg()[0]:.2f} at the end"
    )
    quiet_p95 = stclient.percentile(rows[0][1], 0.95)
    print(f"{'phase':14} {'n':>3} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'p95 / quiet':>11}")
    for abuse, times in rows:
        p95 = stclient.percentile(times, 0.95)
        print(
            f"{abuse:14} {len(times):3} {statistics.median(times):8.1f} {p95:8.1f} {max(times):8.1f} "
            f"{p95 / quiet_p95:11.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=40)
    parser.add_argument("--url", default="", help="a running app, e.g. ws://127.0.0.1:8080 (default: start one)")
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
