"""Readiness: a replica is ready when a real run of the app's script draws the home page without an error.

``/_stcore/health`` says ok as soon as the server listens, even when every page would show a broken-data error.
This opens a session over Streamlit's websocket, as a browser tab does, runs the home page, and succeeds only
if the run finishes, draws the page (more than a few elements) and shows no error box and no exception.

    python deploy/ready.py --port 8601 [--port 8602 ...] [--timeout 90]

Exit 0 when every replica is ready, 1 (with one plain line per replica that is not) otherwise. Used by
deploy/serve.sh before the proxy starts, and by the Kubernetes readiness probe (deploy/k8s/deployment.yaml).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

MIN_ELEMENTS = 5  # the home page draws dozens; a broken-data stop draws one error


async def check(host: str, port: int, timeout: float) -> str:
    """The empty string if the replica drew the home page, else why not, in a few words."""
    url = f"ws://{host}:{port}/_stcore/stream"
    async with websockets.connect(
        url, subprotocols=["streamlit"], origin=websockets.Origin(f"http://{host}:{port}"), open_timeout=timeout
    ) as connection:
        message = BackMsg()
        message.rerun_script.page_name = ""
        message.rerun_script.context_info.timezone = "UTC"
        await connection.send(message.SerializeToString())
        elements = 0
        deadline = time.monotonic() + timeout
        while True:
            frame = await asyncio.wait_for(connection.recv(), timeout=max(0.1, deadline - time.monotonic()))
            forward = ForwardMsg()
            forward.ParseFromString(frame)
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                if element.WhichOneof("type") == "exception":
                    return "the page raised an exception"
                if element.WhichOneof("type") == "alert" and element.alert.format == element.alert.ERROR:
                    return "the page shows an error: " + element.alert.body.split("\n", 1)[0][:160]
                elements += 1
            elif kind == "script_finished":
                status = ForwardMsg.ScriptFinishedStatus.Name(forward.script_finished)
                if status == "FINISHED_EARLY_FOR_RERUN":
                    continue
                if status != "FINISHED_SUCCESSFULLY":
                    return f"the run ended with {status}"
                return "" if elements >= MIN_ELEMENTS else f"the page drew only {elements} elements"


async def wait_ready(host: str, port: int, timeout: float) -> str:
    """Retry until the replica answers (it may still be starting), then report its first full run."""
    deadline = time.monotonic() + timeout
    reason = "no answer"
    while time.monotonic() < deadline:
        try:
            return await check(host, port, max(1.0, deadline - time.monotonic()))
        except (OSError, TimeoutError, websockets.WebSocketException) as err:
            reason = f"no answer ({type(err).__name__})"
            await asyncio.sleep(0.5)
    return reason


async def main_async(host: str, ports: list[int], timeout: float) -> int:
    reasons = await asyncio.gather(*(wait_ready(host, port, timeout) for port in ports))
    for port, reason in zip(ports, reasons, strict=True):
        if reason:
            print(f"ready.py: the replica on {host}:{port} is not ready: {reason}", file=sys.stderr)
    return 1 if any(reasons) else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, action="append", required=True, help="a replica's port (repeat)")
    parser.add_argument("--timeout", type=float, default=90.0, help="seconds to wait for each replica")
    args = parser.parse_args()
    return asyncio.run(main_async(args.host, args.port, args.timeout))


if __name__ == "__main__":
    sys.exit(main())
