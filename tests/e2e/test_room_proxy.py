"""The room vote through deploy/serve.sh: the stage on one replica, a phone on the other, one room between them
(serve.sh's own redis-server, which keeps nothing on disk and stops with serve.sh)."""

from __future__ import annotations

import json
import os
import re
import signal
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from playwright.sync_api import expect

from bench import faults, room
from tests.conftest import ROOT, Proxy, start_proxy
from tests.e2e.conftest import PHONE, NewPage
from tests.e2e.helpers import open_page
from tests.test_room import redis_server_path

pytestmark = [pytest.mark.browser, pytest.mark.proxy, pytest.mark.timeout(300)]


@pytest.fixture
def own_proxy(tmp_path: Path) -> Iterator[Proxy]:
    if redis_server_path() is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("REQUIRE_BROWSER=1 but redis-server is missing (apt-get install redis-server)")
        pytest.skip("no redis-server (apt-get install redis-server)")
    proxy = start_proxy(tmp_path / "serve.log", replicas=2)
    yield proxy
    proxy.stop()


def _redis_of(serve_pid: int) -> tuple[int, str]:
    """serve.sh's redis-server: its process id and its unix socket (redis-server names it in its process title)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == serve_pid and title.startswith("redis-server"):
            return int(entry.name), re.search(r"unixsocket:(\S+)", title).group(1)
    raise AssertionError("serve.sh started no redis-server")


def test_a_phone_on_one_replica_answers_the_room_of_a_stage_on_the_other(
    own_proxy: Proxy, new_visitor_page: NewPage
) -> None:
    pid, socket = _redis_of(own_proxy.process.pid)
    store = redis.Redis(unix_socket_path=socket)
    assert store.config_get("save") == {"save": ""} and store.config_get("appendonly") == {"appendonly": "no"}
    assert store.config_get("port") == {"port": "0"}, "no TCP port: the unix socket only"

    stage = new_visitor_page(viewport={"width": 1280, "height": 720})
    stage.context.add_cookies([{"name": "replica", "value": "r1", "url": own_proxy.url}])
    open_page(stage, own_proxy.url, "present", "step=1")
    stage.get_by_role("button", name=re.compile("room", re.IGNORECASE)).click()
    link = stage.locator(".st-key-room-join a").get_attribute("href", timeout=30_000) or ""
    assert link.startswith(own_proxy.url + "/join?room=")

    phone = new_visitor_page(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.context.add_cookies([{"name": "replica", "value": "r2", "url": own_proxy.url}])
    phone.goto(link)
    phone.get_by_role("button", name="⚠ Crossed").click(timeout=30_000)
    expect(phone.get_by_text("Answer received: ⚠ Crossed")).to_be_visible(timeout=15_000)
    expect(stage.locator(".st-key-room-count")).to_contain_text("1 answer", timeout=5_000)
    cookies = {c["name"]: c["value"] for c in phone.context.cookies()}
    assert cookies.get("replica") == "r2"
    assert {c["name"]: c["value"] for c in stage.context.cookies()}.get("replica") == "r1"

    kept = json.loads(stage.evaluate("sessionStorage.getItem('explainer-room-presenter')"))
    assert kept["secret"] not in own_proxy.log_text(), "the presenter's secret is in no log line"
    assert kept["secret"] not in link and kept["secret"] not in stage.url

    assert own_proxy.stop() in (0, 143)
    assert not Path(f"/proc/{pid}").exists(), "serve.sh stopped its redis-server"
    assert not Path(socket).exists()


def test_a_killed_redis_is_started_again_and_the_stage_says_the_room_is_gone_then_starts_a_new_one(
    own_proxy: Proxy, new_visitor_page: NewPage
) -> None:
    """serve.sh restarts its redis-server when it dies (a fault, not load: the guide's "kill your own processes").
    The votes so far are lost (nothing is kept on disk), the replicas keep running, the stage says so in a plain
    sentence that is true of this case, and the presenter can start a new room that phones answer again."""
    words = tomllib.loads((ROOT / "data" / "room.toml").read_text())["stage"]
    pid, socket = _redis_of(own_proxy.process.pid)
    replicas = _replicas(own_proxy)

    stage = new_visitor_page(viewport={"width": 1280, "height": 720})
    stage.context.add_cookies([{"name": "replica", "value": "r1", "url": own_proxy.url}])
    open_page(stage, own_proxy.url, "present", "step=1")
    stage.get_by_role("button", name=words["start"]).click()
    first = stage.locator(".st-key-room-join a").get_attribute("href", timeout=30_000) or ""
    phone = new_visitor_page(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.context.add_cookies([{"name": "replica", "value": "r2", "url": own_proxy.url}])
    phone.goto(first)
    phone.get_by_role("button", name="⚠ Crossed").click(timeout=30_000)
    expect(stage.locator(".st-key-room-count")).to_contain_text(words["answer_one"], timeout=5_000)

    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 15
    while True:
        try:
            new_pid, new_socket = _redis_of(own_proxy.process.pid)
            if new_pid != pid and redis.Redis(unix_socket_path=new_socket).ping():
                break
        except (AssertionError, redis.RedisError):
            pass
        assert time.monotonic() < deadline, "serve.sh did not start redis-server again within 15 s"
        time.sleep(0.2)
    assert new_socket == socket
    assert "redis-server ended" in own_proxy.log_text()
    assert _replicas(own_proxy) == replicas, "the replicas keep running"

    # The count refreshes on its own: the room is gone, and the stage says so (never "idle for hours" alone).
    expect(stage.locator(".st-key-room-count")).to_contain_text(words["expired"], timeout=10_000)
    assert "restarted" in words["expired"]
    # The next step asks the room again: the stage finds no room, forgets it, and offers a new one.
    stage.keyboard.press("ArrowRight")
    expect(stage.get_by_role("button", name=words["start"])).to_be_visible(timeout=15_000)
    stage.get_by_role("button", name=words["start"]).click()
    second = stage.locator(".st-key-room-join a").get_attribute("href", timeout=30_000) or ""
    assert second.startswith(own_proxy.url + "/join?room=") and second != first
    phone.goto(second)
    phone.get_by_role("button", name=re.compile("Crossed")).first.click(timeout=30_000)
    expect(stage.locator(".st-key-room-count")).to_contain_text(words["answer_one"], timeout=10_000)
    expect(stage.locator('[data-testid="stException"]')).to_have_count(0)
    expect(phone.locator('[data-testid="stException"]')).to_have_count(0)


def _served(proxy: Proxy) -> room.Served:
    return room.Served(proxy.port, proxy.process, proxy.log_path)


def _replicas(proxy: Proxy) -> dict[str, int]:
    """serve.sh's replicas: name -> process id."""
    return {name: pid for name, pid in _served(proxy).pids().items() if name.startswith("replica")}


def test_the_stage_s_replica_killed_under_an_open_room_the_stage_comes_back_on_the_other_with_its_room(
    own_proxy: Proxy, new_visitor_page: NewPage
) -> None:
    """A fault in the room: the replica that serves the stage dies while phones answer. The stage's tab reconnects
    to the other replica (HAProxy redispatches it), finds the room its tab kept (sessionStorage), and runs it on:
    the count is still there, and a phone's next answer is counted."""
    words = tomllib.loads((ROOT / "data" / "room.toml").read_text())["stage"]
    stage = new_visitor_page(viewport={"width": 1280, "height": 720})
    stage.context.add_cookies([{"name": "replica", "value": "r1", "url": own_proxy.url}])
    open_page(stage, own_proxy.url, "present", "step=1")
    stage.get_by_role("button", name=words["start"]).click()
    link = stage.locator(".st-key-room-join a").get_attribute("href", timeout=30_000) or ""
    phones = []
    for _ in range(2):
        phone = new_visitor_page(viewport=PHONE, is_mobile=True, has_touch=True)
        phone.context.add_cookies([{"name": "replica", "value": "r2", "url": own_proxy.url}])
        phone.goto(link)
        phones.append(phone)
    phones[0].get_by_role("button", name="⚠ Crossed").click(timeout=30_000)
    expect(stage.locator(".st-key-room-count")).to_contain_text(words["answer_one"], timeout=5_000)

    os.kill(faults.replica_pid(_served(own_proxy), 1), signal.SIGKILL)
    # The stage's tab reconnects on its own (Streamlit retries), to replica 2, and gets its room back.
    expect(stage.locator(".st-key-room-join a")).to_have_attribute("href", link, timeout=30_000)
    phones[1].get_by_role("button", name="✓ Not crossed").click(timeout=30_000)
    expect(stage.locator(".st-key-room-count")).to_contain_text(words["answers"].format(count=2), timeout=10_000)
    expect(stage.locator('[data-testid="stException"]')).to_have_count(0)
    assert "replica 1 ended" in own_proxy.log_text(), "serve.sh saw it die (and restarts it)"
