"""The app through its proxy (deploy/serve.sh: HAProxy over 2 Streamlit replicas), all on loopback.

Each test talks HTTP or websocket to the proxy as a visitor or an attacker would. What each defence is for is in
docs/security.md. The browser tests through the proxy are in tests/e2e/test_proxy_browser.py.
"""

from __future__ import annotations

import asyncio
import http.client
import os
import signal
import socket
import ssl
import subprocess
import time
from pathlib import Path

import pytest
import websockets

from deploy import csp_hashes
from tests.conftest import Proxy, run_async, start_proxy
from ui.router import PAGES

pytestmark = [pytest.mark.proxy, pytest.mark.timeout(240)]

SECURITY_HEADERS = {
    "content-security-policy": csp_hashes.policy(),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


def request(
    proxy: Proxy, path: str, method: str = "GET", headers: dict[str, str] | None = None, body: bytes | None = None
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        answer = connection.getresponse()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
    finally:
        connection.close()


def static_file(proxy: Proxy) -> str:
    """The path of Streamlit's main script bundle, as the page names it."""
    _, _, page = request(proxy, "/")
    text = page.decode()
    start = text.index('src="./static/js/') + len('src=".')
    return text[start : text.index('"', start)]


PAGE_PATHS = ["/" + entry.url_path for entry in PAGES]


@pytest.mark.parametrize(
    "path",
    [*PAGE_PATHS, "/causes?pain=8&duration_min=12", "/_stcore/health", "/_stcore/host-config", "STATIC"],
)
def test_every_answer_carries_the_security_headers(proxy: Proxy, path: str) -> None:
    status, headers, _ = request(proxy, static_file(proxy) if path == "STATIC" else path)
    assert status == 200
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, name
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "permissions-policy" in headers
    assert "server" not in headers
    assert "strict-transport-security" not in headers  # no TLS here: HSTS only when TLS_CERT is set


@pytest.mark.parametrize(
    ("path", "method", "expected"),
    [
        ("/_stcore/metrics", "GET", 403),
        ("/_stcore/upload_file/abc/def", "PUT", 405),
        ("/_stcore/upload_file/abc/def", "GET", 403),
        ("/_stcore/agent/openapi.json", "GET", 403),
        ("/_stcore/agent", "GET", 403),
        ("/_stcore/script-health-check", "GET", 403),
        ("/%5Fstcore/metrics", "GET", 400),
        ("//_stcore/metrics", "GET", 400),
        ("/static/../_stcore/metrics", "GET", 400),
        ("/", "POST", 405),
        ("/", "DELETE", 405),
    ],
)
def test_what_a_visitor_never_needs_is_refused_and_still_has_the_headers(
    proxy: Proxy, path: str, method: str, expected: int
) -> None:
    status, headers, _ = request(proxy, path, method=method)
    assert status == expected
    assert headers.get("content-security-policy") == SECURITY_HEADERS["content-security-policy"]
    assert "server" not in headers


def test_an_upload_is_refused(proxy: Proxy) -> None:
    body = b"--b\r\nContent-Disposition: form-data; name=file; filename=a.bin\r\n\r\n" + b"x" * 1000 + b"\r\n--b--\r\n"
    headers = {"Content-Type": "multipart/form-data; boundary=b"}
    status, _, _ = request(proxy, "/_stcore/upload_file/session/file", method="PUT", headers=headers, body=body)
    assert status in (403, 405)


@pytest.mark.parametrize(("size", "expected"), [(1000, 200), (65_536, 200), (65_537, 413)])
def test_request_bodies_over_64_kb_are_refused(proxy: Proxy, size: int, expected: int) -> None:
    status, _, _ = request(proxy, "/_stcore/health", body=b"x" * size)
    assert status == expected


def test_a_chunked_body_is_refused(proxy: Proxy) -> None:
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=10) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
        assert sock.recv(100).startswith(b"HTTP/1.1 400")


def test_a_host_name_that_is_not_ours_is_refused(proxy: Proxy) -> None:
    status, _, _ = request(proxy, "/", headers={"Host": "attacker.example"})
    assert status == 421


def test_host_config_is_fixed_and_trusts_no_other_site(proxy: Proxy) -> None:
    status, _, body = request(proxy, "/_stcore/host-config")
    assert status == 200
    assert b'"allowedOrigins":[]' in body


def test_static_files_are_compressed_and_kept_for_a_year(proxy: Proxy) -> None:
    path = static_file(proxy)
    plain_status, plain_headers, plain = request(proxy, path)
    status, headers, packed = request(proxy, path, headers={"Accept-Encoding": "gzip"})
    assert plain_status == status == 200
    assert headers.get("content-encoding") == "gzip"
    assert len(packed) < len(plain) / 2
    assert "immutable" in headers["cache-control"] and "max-age=31536000" in headers["cache-control"]
    assert "content-encoding" not in plain_headers


def test_a_static_file_has_one_cache_control_and_sets_no_cookie(proxy: Proxy) -> None:
    path = static_file(proxy)
    for _ in range(2):  # from a replica, then from the proxy's cache
        connection = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=30)
        connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
        answer = connection.getresponse()
        answer.read()
        connection.close()
        names = [name.lower() for name, _ in answer.getheaders()]
        assert names.count("cache-control") == 1, answer.getheaders()
        assert answer.getheader("cache-control") == "public, max-age=31536000, immutable"
        assert "set-cookie" not in names


def test_a_visitor_gets_a_stickiness_cookie(proxy: Proxy) -> None:
    _, headers, _ = request(proxy, "/")
    cookie = headers.get("set-cookie", "")
    assert cookie.startswith("replica=r") and "HttpOnly" in cookie and "SameSite=Strict" in cookie


async def _open_websocket(proxy: Proxy, origin: str, cookie: str = "") -> int:
    """The HTTP status of a websocket handshake (101 when opened)."""
    try:
        async with websockets.connect(
            f"ws://127.0.0.1:{proxy.port}/_stcore/stream",
            subprotocols=["streamlit"],
            origin=websockets.Origin(origin),
            additional_headers={"Cookie": cookie} if cookie else {},
            open_timeout=20,
        ):
            return 101
    except websockets.InvalidStatus as refused:
        return refused.response.status_code


@pytest.mark.parametrize(
    ("origin", "expected"),
    [
        ("SAME", 101),
        ("http://attacker.example", 403),
        ("https://x.streamlit.app", 403),
        ("http://127.0.0.1", 403),  # another port of this machine is another origin
        ("null", 403),
        ("HTTPS", 403),  # the same host and port over another scheme is another origin
        ("SAME/", 403),
    ],
)
def test_only_a_page_of_this_site_may_open_the_websocket(proxy: Proxy, origin: str, expected: int) -> None:
    origin = {
        "SAME": f"http://127.0.0.1:{proxy.port}",
        "HTTPS": f"https://127.0.0.1:{proxy.port}",
        "SAME/": f"http://127.0.0.1:{proxy.port}/",
    }.get(origin, origin)
    assert run_async(_open_websocket(proxy, origin)) == expected


def test_the_access_log_has_no_query_string_and_no_full_address(proxy: Proxy) -> None:
    marker = f"zzquery{os.getpid()}"
    status, _, _ = request(proxy, f"/causes?pain=8&{marker}=1")
    assert status == 200
    time.sleep(0.5)
    log = proxy.log_text()
    lines = [line for line in log.splitlines() if " GET /causes " in line]
    assert lines, "the access log is written"
    assert marker not in log
    assert all(" 127.0.0.0 " in line for line in lines), lines[-1]


def test_the_access_log_keeps_no_media_hash(proxy: Proxy) -> None:
    secret = f"0123abcd{os.getpid():08x}"
    request(proxy, f"/media/{secret}.html")
    time.sleep(0.5)
    log = proxy.log_text()
    assert secret not in log
    assert " GET /media/- " in log


def test_one_address_may_hold_900_connections_and_no_more(proxy: Proxy) -> None:
    # From 127.0.0.9, so the other tests' address (127.0.0.1) keeps its own count.
    held: list[socket.socket] = []
    try:
        for _ in range(900):
            sock = socket.socket()
            sock.bind(("127.0.0.9", 0))
            sock.settimeout(10)
            sock.connect(("127.0.0.1", proxy.port))
            held.append(sock)
        time.sleep(0.3)
        with socket.socket() as extra:
            extra.bind(("127.0.0.9", 0))
            extra.settimeout(10)
            try:  # HAProxy closes it with a reset, during or right after the handshake
                extra.connect(("127.0.0.1", proxy.port))
                extra.sendall(b"GET /_stcore/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                answer = extra.recv(100)
            except (ConnectionResetError, BrokenPipeError):
                answer = b""
            assert answer == b"", "the 901st connection from one address is closed at once"
        held[0].sendall(b"GET /_stcore/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert held[0].recv(100).startswith(b"HTTP/1.1 200"), "the first 900 are served"
    finally:
        for sock in held:
            sock.close()


async def _tabs(proxy: Proxy, count: int, source: str) -> tuple[list[int], int]:
    """Open ``count`` websockets from ``source`` and keep them open; then one more: the statuses of all."""
    origin = websockets.Origin(f"http://127.0.0.1:{proxy.port}")
    url = f"ws://127.0.0.1:{proxy.port}/_stcore/stream"
    opened = []
    statuses = []
    try:
        for _ in range(count + 1):
            try:
                opened.append(
                    await websockets.connect(
                        url, subprotocols=["streamlit"], origin=origin, open_timeout=30, local_addr=(source, 0)
                    )
                )
                statuses.append(101)
            except websockets.InvalidStatus as refused:
                statuses.append(refused.response.status_code)
        await opened[0].close()  # one tab closes: a new one may open
        await asyncio.sleep(0.3)
        async with websockets.connect(
            url, subprotocols=["streamlit"], origin=origin, open_timeout=30, local_addr=(source, 0)
        ):
            after = 101
    finally:
        for connection in opened:
            await connection.close()
    return statuses, after


def test_one_address_may_hold_150_tabs_and_no_more(proxy: Proxy) -> None:
    statuses, after_one_closed = run_async(_tabs(proxy, 150, "127.0.0.10"))
    assert statuses[:150] == [101] * 150
    assert statuses[150] == 429
    assert after_one_closed == 101


def _descendants(pid: int) -> set[int]:
    """Every process under ``pid`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_to_serve_sh_leaves_no_process_behind(tmp_path: Path, sig: signal.Signals) -> None:
    served = start_proxy(tmp_path / "serve.log", replicas=1)
    children = _descendants(served.process.pid)
    assert len(children) >= 2, "a replica and HAProxy run under serve.sh"
    served.process.send_signal(sig)
    status = served.process.wait(timeout=60)
    assert status in (130, 143)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in children if _alive(pid)]
    for port in (served.port, *served.replica_ports):
        with socket.socket() as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # closed connections may linger in TIME_WAIT
            sock.bind(("127.0.0.1", port))  # nobody listens there any more


def test_with_tls_the_proxy_serves_https_with_hsts_and_a_secure_cookie(tmp_path: Path) -> None:
    pem = tmp_path / "cert-and-key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    pem.write_bytes((tmp_path / "cert.pem").read_bytes() + (tmp_path / "key.pem").read_bytes())
    served = start_proxy(tmp_path / "serve.log", replicas=1, env={"TLS_CERT": str(pem)})
    try:
        context = ssl.create_default_context(cafile=str(tmp_path / "cert.pem"))
        context.check_hostname = False  # a throwaway certificate for 127.0.0.1
        connection = http.client.HTTPSConnection("127.0.0.1", served.port, timeout=30, context=context)
        connection.request("GET", "/")
        answer = connection.getresponse()
        headers = {k.lower(): v for k, v in answer.getheaders()}
        connection.close()
        assert answer.status == 200
        assert headers.get("strict-transport-security") == "max-age=31536000"
        assert "Secure" in headers.get("set-cookie", "")
        assert headers.get("content-security-policy") == SECURITY_HEADERS["content-security-policy"]
    finally:
        served.stop()
