"""What the app itself does against a hostile visitor (issue 10, item 3), on a real ``streamlit run`` server.

A hand-made websocket client (bench/stclient.py) sends what a browser never would: a ``clear_cache`` message, and
widget values of the wrong type. The proxy cannot see inside websocket frames, so these are the app's to defend.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import tomllib
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg

from bench import stclient
from tests.conftest import run_async
from ui import private_logs

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.timeout(180)


@pytest.fixture
def data_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    return folder


@pytest.fixture
def server_log(tmp_path: Path) -> Path:
    return tmp_path / "server.log"


def _start(log: Path, data: Path | None = None) -> tuple[int, object]:
    port = stclient.free_port()
    env = {"EXPLAINER_DATA_DIR": str(data)} if data else {}
    return port, stclient.start_server("app.py", port, log=log, env=env)


@pytest.fixture
def server_on_copy(data_folder: Path, server_log: Path) -> Iterator[int]:
    port, process = _start(server_log, data_folder)
    try:
        yield port
    finally:
        stclient.stop_server(process)


async def _send(session: stclient.Session, message: BackMsg) -> None:
    assert session.connection is not None
    await session.connection.send(message.SerializeToString())


def test_the_config_refuses_uploads_and_trusts_no_other_site() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == 0
    assert config["client"]["allowedOrigins"] == []
    assert config["server"].get("enableXsrfProtection", True) is True
    assert config["server"].get("scriptHealthCheckEnabled", False) is False
    # A rerun flood folds into one thread's reruns (Streamlit's default starts a thread per request).
    assert config["runner"]["fastReruns"] is False


def test_a_visitors_clear_cache_message_changes_nothing(server_on_copy: int, data_folder: Path) -> None:
    """The content is read once per process outside Streamlit's caches: after a visitor clears them, a data file
    edited under the running server (which the README says never to do) still does not reach any page."""

    async def scenario() -> tuple[stclient.RunResult, stclient.RunResult, stclient.RunResult]:
        first = stclient.Session(server_on_copy, "warning-signs")
        await first.connect()
        before = await first.rerun()
        signs = data_folder / "signs.toml"
        signs.write_text(signs.read_text(encoding="utf-8").replace("threshold = 7", 'threshold = "seven"'))
        visitor = stclient.Session(server_on_copy, "quiz")
        await visitor.connect()
        await visitor.rerun()
        clear = BackMsg()
        clear.clear_cache = True
        await _send(visitor, clear)
        await asyncio.sleep(1.0)  # the server handles it on its event loop; give it time
        again = await first.rerun()
        newcomer = stclient.Session(server_on_copy, "warning-signs")
        await newcomer.connect()
        fresh = await newcomer.rerun()
        for session in (first, visitor, newcomer):
            await session.close()
        return before, again, fresh

    before, again, fresh = run_async(scenario())
    for run in (before, again, fresh):
        assert run.status == "FINISHED_SUCCESSFULLY"
        assert run.error_alerts == [], run.error_alerts
        assert run.exceptions == []
    assert before.elements > 20
    assert fresh.elements == before.elements


@pytest.mark.parametrize("sessions", [1, 2])
def test_a_wrong_type_widget_value_leaves_one_line_per_session_and_never_the_value(
    sessions: int, data_folder: Path, server_log: Path
) -> None:
    marker = f"zzvisitor{uuid.uuid4().hex[:10]}" + "x" * 200
    port, process = _start(server_log, data_folder)

    async def scenario() -> list[stclient.RunResult]:
        results = []
        for _ in range(sessions):
            session = stclient.Session(port, "causes")
            await session.connect()
            await session.rerun()
            potassium = session.widget_ids["potassium"]  # a number box: Streamlit's deserializer needs a float
            for _ in range(3):
                message = BackMsg()
                message.rerun_script.page_name = "causes"
                state = message.rerun_script.widget_states.widgets.add()
                state.id = potassium
                state.string_value = marker
                await _send(session, message)
                results.append(await session.read_until_finished())
            await session.close()
        return results

    try:
        results = run_async(scenario())
    finally:
        stclient.stop_server(process)
    log = server_log.read_text(encoding="utf-8", errors="replace")
    assert all(result.status == "FINISHED_SUCCESSFULLY" for result in results)
    assert "You can now view your Streamlit app" in log, "the server's output really is captured"
    assert marker[:20] not in log
    assert "Traceback" not in log
    withheld = [line for line in log.splitlines() if private_logs.WITHHELD in line]
    assert len(withheld) == sessions, log[-3000:]
    assert all("TypeError" in line and "number_input.py" in line for line in withheld), withheld


def _record(message: str, args: tuple[object, ...] = (), level: int = logging.ERROR, error: bool = False):
    exc_info = None
    if error:
        try:
            float("zz-visitor-zz")
        except ValueError as err:
            exc_info = (ValueError, err, err.__traceback__)
    return logging.LogRecord("streamlit.runtime", level, "/x/site-packages/streamlit/y.py", 9, message, args, exc_info)


@pytest.mark.parametrize(
    ("record", "kept_as_is"),
    [
        (_record("Stopping...", level=logging.INFO), True),
        (_record("Uvicorn server started on %s", ("zz-visitor-zz",), level=logging.INFO), False),
        (_record("No handler for %s", ("zz-visitor-zz",), level=logging.WARNING), False),
        (_record("bad zz-visitor-zz", level=logging.WARNING), False),
        (_record("Uncaught app execution", error=True), False),
    ],
)
def test_the_filter_rewrites_every_record_that_could_carry_a_value(record, kept_as_is: bool) -> None:
    before = record.getMessage()
    assert private_logs.VisitorValueFilter().filter(record)
    text = record.getMessage()
    assert (text == before) is kept_as_is
    assert "zz-visitor-zz" not in text
    assert record.exc_info is None or kept_as_is
    if not kept_as_is:
        assert text.endswith(private_logs.WITHHELD)
        assert "streamlit/y.py:9" in text


def test_outside_a_session_the_filter_logs_a_code_location_once_a_minute() -> None:
    quiet = private_logs.VisitorValueFilter()
    assert quiet.filter(_record("first %s", ("a",)))
    assert not quiet.filter(_record("again %s", ("b",)))


def test_every_logger_made_after_install_is_guarded_too_but_the_apps_own() -> None:
    private_logs.install()
    later = logging.getLogger(f"streamlit.made_later_{uuid.uuid4().hex[:8]}")
    other = logging.getLogger(f"someone_else_{uuid.uuid4().hex[:8]}")
    ours = logging.getLogger(f"explainer.made_later_{uuid.uuid4().hex[:8]}")
    for logger in (later, other, logging.getLogger("asyncio"), logging.getLogger()):
        assert any(isinstance(f, private_logs.VisitorValueFilter) for f in logger.filters), logger.name
    assert logging.lastResort is not None
    assert any(isinstance(f, private_logs.VisitorValueFilter) for f in logging.lastResort.filters)
    assert not ours.filters
