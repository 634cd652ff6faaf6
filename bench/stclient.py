"""A small Streamlit websocket client for the benchmarks: one browser tab's protocol, without the browser.

It speaks what the frontend speaks (checked against the frames Chromium sends to this app, and against
``streamlit/web/server/starlette/starlette_websocket.py``): connect to ``ws://127.0.0.1:<port>/_stcore/stream``
with the subprotocol ``streamlit`` (the 2nd/3rd subprotocol entries carry an XSRF token and a session id to
resume; XSRF only guards the auth cookie, so a fresh session needs neither), send a ``BackMsg`` with
``rerun_script`` (query string, page name, widget states, context info), and read ``ForwardMsg`` frames until
``script_finished``. We never send cached message hashes, so the server sends every message in full.

Also: starting a server on a free port and waiting for it, and reading a process's RSS. Loopback only.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"  # every benchmark talks to this machine only
RUN_TIMEOUT = 30.0  # seconds: a run that takes longer counts as an error
# A run that ended well: the whole page, or only the live parts a move reruns (ui/live.py).
SUCCESS = frozenset({"FINISHED_SUCCESSFULLY", "FINISHED_FRAGMENT_RUN_SUCCESSFULLY"})
WIDGETS = ("slider", "number_input", "checkbox", "radio")  # the input widgets whose ids a session remembers


@dataclass
class RunResult:
    seconds: float
    status: str  # the script_finished status name, or "timeout"/"closed"
    exceptions: list[str] = field(default_factory=list)  # exception elements rendered in this run
    error_alerts: list[str] = field(default_factory=list)  # st.error boxes rendered in this run (first 200 chars)
    elements: int = 0  # new elements rendered in this run
    messages: int = 0
    bytes: int = 0


class Session:
    """One browser-tab-like session. Remembers widget ids (by user key) and the widget states it has sent."""

    def __init__(
        self, port: int, page_name: str = "", headers: dict[str, str] | None = None, source: str | None = None
    ) -> None:
        self.url = f"ws://{HOST}:{port}/_stcore/stream"
        self.origin = f"http://{HOST}:{port}"
        self.page_name = page_name
        self.headers = headers or {}  # e.g. the proxy's stickiness cookie (see bench/room.py)
        self.source = source  # a loopback source address (127.0.0.x): one per simulated school NAT
        self.connection: websockets.ClientConnection | None = None
        self.widget_ids: dict[str, str] = {}  # user key -> element id, e.g. "pain" -> "$$ID-...-pain"
        self.slider_values: dict[str, float] = {}

    async def connect(self) -> None:
        extra = {"local_addr": (self.source, 0)} if self.source else {}
        self.connection = await websockets.connect(
            self.url,
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=RUN_TIMEOUT,
            compression=None,
            origin=websockets.Origin(self.origin),
            additional_headers=self.headers,
            **extra,
        )

    async def close(self) -> None:
        if self.connection is not None:
            await self.connection.close()

    def _back_msg(self, query_string: str, widget_states: dict[str, float]) -> bytes:
        msg = BackMsg()
        rerun = msg.rerun_script
        rerun.query_string = query_string
        rerun.page_name = self.page_name
        rerun.context_info.timezone = "UTC"
        rerun.context_info.locale = "en-US"
        rerun.context_info.url = f"http://{HOST}/{self.page_name}"
        rerun.context_info.color_scheme = "light"
        for widget_id, value in widget_states.items():
            state = rerun.widget_states.widgets.add()
            state.id = widget_id
            state.double_array_value.data.append(value)
        return msg.SerializeToString()

    async def rerun(self, query_string: str = "", widget_states: dict[str, float] | None = None) -> RunResult:
        """Send one rerun and read until the script finishes. Time from send to script_finished."""
        assert self.connection is not None
        start = time.perf_counter()
        await self.connection.send(self._back_msg(query_string, widget_states or {}))
        return await self.read_until_finished(start)

    async def read_until_finished(self, start: float | None = None) -> RunResult:
        """Read ForwardMsgs until the script finishes (a run that a newer one replaced is read through)."""
        assert self.connection is not None
        start = time.perf_counter() if start is None else start
        result = RunResult(0.0, "timeout")
        deadline = start + RUN_TIMEOUT
        try:
            while True:
                remaining = deadline - time.perf_counter()
                if remaining <= 0:
                    break
                frame = await asyncio.wait_for(self.connection.recv(), timeout=remaining)
                result.messages += 1
                result.bytes += len(frame)
                msg = ForwardMsg()
                msg.ParseFromString(frame)
                kind = msg.WhichOneof("type")
                if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                    element = msg.delta.new_element
                    element_kind = element.WhichOneof("type")
                    result.elements += 1
                    if element_kind == "exception":
                        result.exceptions.append(f"{element.exception.type}: {element.exception.message}"[:200])
                    elif element_kind == "alert" and element.alert.format == element.alert.ERROR:
                        result.error_alerts.append(element.alert.body[:200])
                    elif element_kind in WIDGETS:
                        widget = getattr(element, element_kind)
                        user_key = widget.id.rsplit("-", 1)[-1]
                        self.widget_ids[user_key] = widget.id
                        if element_kind == "slider":  # the value a link set, else the default
                            shown = widget.value if widget.set_value and widget.value else widget.default
                            self.slider_values.setdefault(user_key, float(shown[0]))
                elif kind == "script_finished":
                    name = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                    if name == "FINISHED_EARLY_FOR_RERUN":
                        continue  # a newer run follows; keep reading until it finishes
                    result.status = name
                    break
        except TimeoutError:
            result.status = "timeout"
        except websockets.ConnectionClosed:
            result.status = "closed"
        result.seconds = time.perf_counter() - start
        return result

    async def move_slider(self, key: str, value: float) -> RunResult:
        """What a slider release sends: the new value (the frontend sends every widget; we send the moved one,
        the server keeps the others' values in the session)."""
        self.slider_values[key] = value
        return await self.rerun("", {self.widget_ids[key]: value})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(
    script: str,
    port: int,
    extra: list[str] | None = None,
    log: Path | None = None,
    env: dict[str, str] | None = None,
    timed: bool = False,
) -> subprocess.Popen:
    """``streamlit run`` on 127.0.0.1:<port> with the project's config; returns once /_stcore/health is ok.

    ``timed`` runs it through bench/_profiled_server.py, which logs each script run's time (see that file).
    """
    launcher = [str(ROOT / "bench" / "_profiled_server.py")] if timed else ["-m", "streamlit", "run"]
    command = [
        sys.executable,
        *launcher,
        script,
        "--server.port",
        str(port),
        "--server.address",
        HOST,
        "--server.headless",
        "true",
        *(extra or []),
    ]
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {' '.join(command)}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("server did not become healthy in 60 s")


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def rss_mb(pid: int) -> float:
    """Resident set size of a process, in MB (from /proc)."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used (from /proc/<pid>/stat)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(samples: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..1); NaN for no samples."""
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]
