"""One command to HAProxy's master socket (serve.sh starts HAProxy with ``-S <run folder>/master.sock``).

    python deploy/proxy_cli.py SOCKET "@1 set server streamlit/r1 state maint"
    python deploy/proxy_cli.py SOCKET "@1 show servers state streamlit"

Prints HAProxy's answer. Exit 0 when HAProxy answered, 1 when the socket could not be reached (HAProxy is
restarting, for instance). ``@1`` sends the command to the current worker; without it, the master answers.
Used by deploy/serve.sh to keep a restarting replica out until it draws the app (deploy/ready.py), and by the
fault bench and tests to read the servers' states.
"""

from __future__ import annotations

import socket
import sys

__all__ = ["ask"]


def ask(path: str, command: str, timeout: float = 3.0) -> str:
    """HAProxy's answer to ``command`` on the unix socket at ``path`` (raises OSError if it cannot be reached)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        sock.connect(path)
        sock.sendall(command.encode() + b"\n")
        sock.shutdown(socket.SHUT_WR)  # the end of our input: HAProxy answers and closes
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks).decode(errors="replace")


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: proxy_cli.py SOCKET COMMAND", file=sys.stderr)
        return 2
    try:
        print(ask(argv[1], argv[2]), end="")
    except OSError as err:
        print(f"proxy_cli.py: no answer from {argv[1]} ({type(err).__name__})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
