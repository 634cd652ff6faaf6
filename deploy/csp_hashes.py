"""The Content-Security-Policy for the proxy, with the hashes of Streamlit's inline scripts.

Streamlit's page (``streamlit/static/index.html`` in the installed package) has an inline ``<script>``, and the
app's middleware (ui/head.py) adds one of its own, ui/assets/head.js, to every page; a CSP without
``'unsafe-inline'`` must name each one's SHA-256 hash. The hashes change when Streamlit or that file does, so they
are computed here from the installed package and the file, never typed by hand:

    python deploy/csp_hashes.py           # print the policy (serve.sh and the pod's proxy do this at every start)
    python deploy/csp_hashes.py --write   # after a Streamlit upgrade: update any copies (COPIES; none today)
    python deploy/csp_hashes.py --check   # exit 1 if a copy is stale (the tests run this)
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import streamlit

INDEX = Path(streamlit.__file__).resolve().parent / "static" / "index.html"
DEPLOY = Path(__file__).resolve().parent
# The app's own inline scripts, as ui.look.page_script sends them (the file's text is the script element's whole
# body); read as files, so that this script needs nothing of the app to run. A test checks the page as served.
PAGE_SCRIPTS = (DEPLOY.parent / "ui" / "assets" / "head.js",)
# Files that carry a copy of the policy (none today: serve.sh and the pod's proxy sidecar compute it at start).
COPIES: tuple[Path, ...] = ()
COPY_LINE = re.compile(r'(Content-Security-Policy: )([^"]*)(")')

# Why each source is allowed (everything else falls back to default-src 'self'):
# - script-src 'wasm-unsafe-eval': a library in Streamlit's bundle compiles WebAssembly (Chromium reports a
#   'wasm-eval' violation without it); it allows WebAssembly only, never JavaScript's eval.
# - script-src blob:: Streamlit loads a component's JavaScript (ui/phone_menu.py, ui/stage.py, ui/follow.py) as a
#   module from a blob: URL it makes itself. Only script already running in the page can make a blob, so this
#   lets no new code in.
# - style-src 'unsafe-inline': Streamlit's styling library (Emotion) writes <style> elements at run time, and
#   the app's own small style blocks (st.html) and Vega's charts set style attributes; styles cannot run code.
# - img-src data: blob:: Streamlit and Vega draw icons and chart images as data: and blob: URLs.
# - font-src data:: a few of Streamlit's bundled icons are inline fonts.
# - worker-src blob:: Streamlit may start a web worker from a blob: URL.
DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self' {hashes} 'wasm-unsafe-eval' blob:"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data: blob:"),
    ("font-src", "'self' data:"),
    ("connect-src", "'self'"),
    ("worker-src", "'self' blob:"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
)


class _InlineScripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.bodies: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and not any(name == "src" for name, _ in attrs):
            self._inside = True
            self.bodies.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.bodies[-1] += data


def inline_script_hashes(index_html: str) -> list[str]:
    """The CSP source of each inline script, in page order.

    >>> inline_script_hashes("<script>a()</script><script src='x.js'></script>")
    ["'sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4='"]
    """
    parser = _InlineScripts()
    parser.feed(index_html)
    return [script_hash(body) for body in parser.bodies]


def script_hash(body: str) -> str:
    """The CSP source of one inline script's body."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(index_html: str | None = None) -> str:
    """The whole Content-Security-Policy header value for the installed Streamlit and the app's page scripts."""
    html = index_html if index_html is not None else INDEX.read_text(encoding="utf-8")
    ours = [script_hash(path.read_text(encoding="utf-8")) for path in PAGE_SCRIPTS]
    hashes = " ".join([*inline_script_hashes(html), *ours])
    return "; ".join(f"{name} {value.format(hashes=hashes)}".strip() for name, value in DIRECTIVES)


def stale_copies(current: str) -> list[Path]:
    """The files whose copy of the policy differs from ``current``."""
    stale = []
    for path in COPIES:
        found = COPY_LINE.search(path.read_text(encoding="utf-8"))
        if found is None or found.group(2) != current:
            stale.append(path)
    return stale


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--write", action="store_true", help="update the copies in deploy/k8s/")
    action.add_argument("--check", action="store_true", help="exit 1 if a copy is stale")
    args = parser.parse_args()
    current = policy()
    if args.write:
        for path in COPIES:
            text = path.read_text(encoding="utf-8")
            path.write_text(COPY_LINE.sub(lambda m: m.group(1) + current + m.group(3), text), encoding="utf-8")
        return 0
    if args.check:
        stale = stale_copies(current)
        for path in stale:
            print(f"{path}: the CSP is stale for Streamlit {streamlit.__version__}: run {__file__} --write")
        return 1 if stale else 0
    print(current)
    return 0


if __name__ == "__main__":
    sys.exit(main())
