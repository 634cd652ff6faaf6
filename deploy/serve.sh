#!/usr/bin/env bash
# One command for a room: HAProxy on $HOST:$PORT over $REPLICAS Streamlit replicas on 127.0.0.1, in the foreground.
# See README "Host it" and docs/security.md. Stops every child on SIGTERM or SIGINT (Ctrl-C).
#
#   PORT=8080 HOST=127.0.0.1 REPLICAS=$(nproc) deploy/serve.sh
#
# Environment (all optional): PORT (8080), HOST (127.0.0.1; 0.0.0.0 for every interface), REPLICAS (one per core),
# REPLICA_PORT (8601: the first replica's port, the others follow), SERVER_NAMES (the host names visitors use;
# "localhost 127.0.0.1" and HOST by default), MAX_TABS_PER_IP (150 open tabs per address: a classroom behind one
# NAT), MAX_CONN_PER_IP (900 connections per address: a loading tab opens up to 6 more), TLS_CERT (a PEM with
# certificate and key: turns on TLS and HSTS), PYTHON (.venv/bin/python), SERVE_CHECK_ONLY=1 (check the config
# and exit), ALLOW_GIT_CHECKOUT=1 (serve from a git checkout anyway: for tests; see below).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

if ! command -v haproxy >/dev/null 2>&1; then
  echo "serve.sh: HAProxy is not installed; install it with: apt-get install -y haproxy" >&2
  exit 1
fi
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
if [ ! -x "$PYTHON" ]; then
  echo "serve.sh: no Python at $PYTHON; make it with: python3 -m venv .venv && .venv/bin/pip install -r requirements.txt" >&2
  exit 1
fi
# Streamlit tells the page which git branch and files it runs from; a release made with deploy/release.sh (git
# archive) has no .git, so there is nothing to tell.
if [ -e "$ROOT/.git" ] && [ "${ALLOW_GIT_CHECKOUT:-0}" != "1" ]; then
  echo "serve.sh: $ROOT is a git checkout; serve a release instead: deploy/release.sh /srv/explainer" >&2
  exit 1
fi

export PORT=${PORT:-8080}
export HOST=${HOST:-127.0.0.1}
export MAX_TABS_PER_IP=${MAX_TABS_PER_IP:-150}
export MAX_CONN_PER_IP=${MAX_CONN_PER_IP:-900}
export SERVER_NAMES=${SERVER_NAMES:-"localhost 127.0.0.1 $HOST"}
REPLICAS=${REPLICAS:-$(nproc)}
REPLICA_PORT=${REPLICA_PORT:-8601}
# The app's own package from this tree, whatever the virtual environment has installed.
export PYTHONPATH="$ROOT/src:$ROOT${PYTHONPATH:+:$PYTHONPATH}"
CSP=$("$PYTHON" deploy/csp_hashes.py)
export CSP
if [ -n "${TLS_CERT:-}" ]; then export TLS_CERT; else unset TLS_CERT; fi

RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/explainer-serve.XXXXXX")
CONFIG="$RUN_DIR/haproxy.cfg"
cp deploy/haproxy.cfg "$CONFIG"
ports=()
for ((i = 1; i <= REPLICAS; i++)); do
  port=$((REPLICA_PORT + i - 1))
  ports+=("$port")
  echo "    server r$i 127.0.0.1:$port check cookie r$i" >>"$CONFIG"
done
if ! haproxy -c -q -f "$CONFIG"; then
  echo "serve.sh: HAProxy refused the configuration $CONFIG" >&2
  exit 1
fi
if [ "${SERVE_CHECK_ONLY:-0}" = "1" ]; then
  echo "serve.sh: configuration ok ($REPLICAS replicas)"
  rm -rf "$RUN_DIR"
  exit 0
fi

children=()
stopping=0
stop() {
  # Stop the proxy first (no new requests), then the replicas; wait for each, and kill any that hangs.
  stopping=1
  trap - TERM INT
  local pid
  for ((i = ${#children[@]} - 1; i >= 0; i--)); do
    kill -TERM "${children[i]}" 2>/dev/null || true
  done
  for pid in "${children[@]}"; do
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$RUN_DIR"
  exit "$1"
}
trap 'stop 143' TERM
trap 'stop 130' INT

for port in "${ports[@]}"; do
  "$PYTHON" -m streamlit run app.py --server.address 127.0.0.1 --server.port "$port" --server.headless true \
    --browser.gatherUsageStats false &
  children+=("$!")
done
ready_args=()
for port in "${ports[@]}"; do ready_args+=(--port "$port"); done
# Readiness: a real run of the script on every replica, before the proxy sends anyone to it.
# (In the background and waited for, so that a signal meanwhile is handled at once.)
"$PYTHON" deploy/ready.py "${ready_args[@]}" --timeout 120 &
if ! wait "$!"; then
  echo "serve.sh: not every replica could draw the app; stopping" >&2
  stop 1
fi
haproxy -db -f "$CONFIG" &
children+=("$!")
# Ready when the proxy accepts connections (HAProxy binds a moment after it starts).
probe_host=$HOST
[ "$probe_host" = "0.0.0.0" ] && probe_host=127.0.0.1
[ "$probe_host" = "::" ] && probe_host=::1
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/$probe_host/$PORT") 2>/dev/null; then break; fi
  kill -0 "${children[-1]}" 2>/dev/null || { echo "serve.sh: HAProxy did not start" >&2; stop 1; }
  sleep 0.1
done
scheme=http
[ -n "${TLS_CERT:-}" ] && scheme=https
echo "serve.sh: ready: $scheme://$HOST:$PORT/ over $REPLICAS replicas (ports ${ports[*]})"

# In the foreground until a signal, or until a child ends by itself (then stop the others too).
set +e
wait -n
status=$?
[ "$stopping" = "1" ] || {
  echo "serve.sh: a child process ended (status $status); stopping the others" >&2
  stop 1
}
