"""Shared fixtures: the project's content, broken copies of data/ for validation tests, the app behind its proxy."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest

import explainer

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SHARED = ROOT.parent / "shared"


T = TypeVar("T")


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(coroutine)`` in a thread of its own. The browser tests' Playwright (sync API) keeps an event
    loop running in the main thread for the whole session, and ``asyncio.run`` refuses to start beside it."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="session")
def content() -> explainer.Content:
    return explainer.load_content(DATA)


@pytest.fixture
def data_copy(tmp_path: Path) -> Callable[[str, Callable[[str], str]], Path]:
    """Copy data/ to a temporary folder, change one file's text, and return the folder."""

    def make(file: str, change: Callable[[str], str]) -> Path:
        folder = tmp_path / "data"
        shutil.copytree(DATA, folder)
        target = folder / file
        target.write_text(change(target.read_text(encoding="utf-8")), encoding="utf-8")
        return folder

    return make


CHROMIUM = Path("/usr/bin/chromium")


def haproxy_path() -> str | None:
    """HAProxy, for the tests through the proxy (deploy/serve.sh): on PATH or where Debian puts it."""
    return shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/usr/local/sbin")


def pytest_configure(config: pytest.Config) -> None:
    """CI (REQUIRE_BROWSER=1) runs every test: a marker filter there, such as pyproject's default that leaves out the
    browser and proxy tests, would skip them silently, so it must be turned off with ``-m ""``."""
    if os.environ.get("REQUIRE_BROWSER") == "1" and config.option.markexpr:
        raise pytest.UsageError(f'REQUIRE_BROWSER=1 runs every test, but -m {config.option.markexpr!r} leaves some '
                                'out: add -m "" (the README\'s test command does)')


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Without Chromium (or HAProxy), browser (or proxy) tests are skipped and say why; with REQUIRE_BROWSER=1 (CI)
    the run fails instead."""
    missing = {
        "browser": None if CHROMIUM.exists() else f"no Chromium at {CHROMIUM} (apt-get install chromium)",
        "proxy": None if haproxy_path() else "no HAProxy (apt-get install haproxy)",
    }
    for marker, reason in missing.items():
        marked = [item for item in items if marker in item.keywords]
        if reason is None or not marked:
            continue
        if os.environ.get("REQUIRE_BROWSER") == "1":
            raise pytest.UsageError(f"REQUIRE_BROWSER=1 but {marker} tests cannot run: {reason}")
        skip = pytest.mark.skip(reason=f"{marker} test skipped: {reason}")
        for item in marked:
            item.add_marker(skip)


# --- the app behind the proxy: deploy/serve.sh, as a room would run it ------------------------------------------


@dataclass
class Proxy:
    """A running ``deploy/serve.sh``: HAProxy on ``port`` over Streamlit replicas, all on 127.0.0.1."""

    url: str
    port: int
    replica_ports: list[int]
    process: subprocess.Popen[bytes]
    log_path: Path

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> int:
        """SIGTERM, as a service manager sends it; the exit status. Kills the group only if it hangs."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            raise


def _free_ports(count: int) -> list[int]:
    """``count`` consecutive free ports on 127.0.0.1 (serve.sh numbers its replicas from a first port)."""
    for _ in range(50):
        first = random.randint(20_000, 40_000)
        ports = list(range(first, first + count))
        try:
            for port in ports:
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", port))
        except OSError:
            continue
        return ports
    raise RuntimeError("no free ports")


def start_proxy(log_path: Path, replicas: int = 2, env: dict[str, str] | None = None, timeout: float = 150) -> Proxy:
    """Start deploy/serve.sh on free ports and wait until it says it is ready (after its own readiness check)."""
    port, *replica_ports = _free_ports(replicas + 1)
    full_env = {name: value for name, value in os.environ.items() if not name.startswith("STREAMLIT_")}
    full_env.update(
        PORT=str(port),
        REPLICAS=str(replicas),
        REPLICA_PORT=str(replica_ports[0]),
        PYTHON=sys.executable,
        ALLOW_GIT_CHECKOUT="1",  # the tests serve the work tree itself; a room serves a release (no .git)
        PATH=f"{os.environ.get('PATH', '')}:/usr/sbin:/usr/local/sbin",
        **(env or {}),
    )
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            ["bash", str(ROOT / "deploy" / "serve.sh")],
            cwd=ROOT,
            env=full_env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    proxy = Proxy(f"http://127.0.0.1:{port}", port, replica_ports, process, log_path)
    deadline = time.monotonic() + timeout
    while "serve.sh: ready" not in proxy.log_text():
        if process.poll() is not None or time.monotonic() > deadline:
            if process.poll() is None:
                proxy.stop()
            raise RuntimeError(f"serve.sh did not get ready:\n{proxy.log_text()[-3000:]}")
        time.sleep(0.3)
    return proxy


@pytest.fixture(scope="session")
def proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxy]:
    """One deploy/serve.sh (HAProxy over 2 replicas) for the tests that go through the proxy."""
    served = start_proxy(tmp_path_factory.mktemp("proxy") / "serve.log")
    try:
        yield served
    finally:
        served.stop()
