#!/usr/bin/env bash
# One command for a room: HAProxy on $HOST:$PORT over $REPLICAS Streamlit replicas on 127.0.0.1, in the foreground,
# supervised: a replica that dies is restarted on its own (its tabs reconnect to the others meanwhile, and the
# rest notice nothing), and so is HAProxy (the replicas keep running). See README "Host it" and docs/security.md.
# On a server, deploy/systemd/ does the same with systemd units instead.
#
#   PORT=8080 HOST=127.0.0.1 REPLICAS=$(nproc) deploy/serve.sh
#
# Signals: SIGTERM or SIGINT (Ctrl-C) stops the proxy, then every replica, and exits. SIGHUP reloads the proxy's
# configuration (a new HAProxy worker; open connections finish on the old one; replicas untouched).
#
# Environment (all optional): PORT (8080), HOST (127.0.0.1; 0.0.0.0 for every interface), REPLICAS (one per core),
# REPLICA_PORT (8601: replica i listens on REPLICA_PORT + i - 1), SERVER_NAMES (the host names visitors use;
# "localhost 127.0.0.1" and HOST by default), MAX_TABS_PER_IP (150 open tabs per address: a classroom behind one
# NAT), MAX_CONN_PER_IP (900 connections per address: a loading tab opens up to 6 more), MAX_CONN_RATE_PER_IP
# (3000 new connections per address in 10 s), MAX_REQ_RATE_PER_IP (6000 requests per address in 10 s), MAXCONN
# (all connections at once: from the file limit, ulimit -n, at most 20000), TLS_CERT
# (a PEM with certificate and key: turns on TLS and HSTS), PYTHON (.venv/bin/python), SERVE_CHECK_ONLY=1 (check
# the config and exit), ALLOW_GIT_CHECKOUT=1 (serve from a git checkout anyway: for tests; see below), ROOM_STORE
# (the room vote's shared store, a redis:// or unix:// URL; unset: serve.sh starts Debian's redis-server on a unix
# socket in its run folder, without persistence, checks it answers, restarts it if it dies and stops it at the end).
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
export MAX_CONN_RATE_PER_IP=${MAX_CONN_RATE_PER_IP:-3000}
export MAX_REQ_RATE_PER_IP=${MAX_REQ_RATE_PER_IP:-6000}
export SERVER_NAMES=${SERVER_NAMES:-"localhost 127.0.0.1 $HOST"}
# Two file descriptors per proxied connection, and some to spare for HAProxy itself.
files=$(ulimit -n)
[ "$files" = "unlimited" ] && files=65536
maxconn=$(((files - 200) / 2))
((maxconn > 20000)) && maxconn=20000
export MAXCONN=${MAXCONN:-$maxconn}
REPLICAS=${REPLICAS:-$(nproc)}
REPLICA_PORT=${REPLICA_PORT:-8601}
# The app's own package from this tree, whatever the virtual environment has installed.
export PYTHONPATH="$ROOT/src:$ROOT${PYTHONPATH:+:$PYTHONPATH}"
CSP=$("$PYTHON" deploy/csp_hashes.py)
export CSP
if [ -n "${TLS_CERT:-}" ]; then export TLS_CERT; else unset TLS_CERT; fi

# The run folder (the proxy's configuration and master socket) goes when serve.sh ends, however it ends.
RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/explainer-serve.XXXXXX")
leave() {
  # However serve.sh ends (a signal, a failed start, an error of its own): no child left behind, no run folder.
  local status=$?
  trap - EXIT
  if [ "${stopping:-1}" = "0" ]; then stop "$status"; fi
  rm -rf "$RUN_DIR"
}
trap 'leave' EXIT
CONFIG="$RUN_DIR/haproxy.cfg"
MASTER_SOCKET="$RUN_DIR/master.sock"
cp deploy/haproxy.cfg "$CONFIG"
ports=()
for ((i = 1; i <= REPLICAS; i++)); do
  port=$((REPLICA_PORT + i - 1))
  ports+=("$port")
  echo "    server r$i 127.0.0.1:$port check cookie r$i" >>"$CONFIG"
done
if ! haproxy -c -q -f "$CONFIG"; then
  echo "serve.sh: HAProxy refused the configuration (deploy/haproxy.cfg with $REPLICAS server lines)" >&2
  exit 1
fi
if [ "${SERVE_CHECK_ONLY:-0}" = "1" ]; then
  echo "serve.sh: configuration ok ($REPLICAS replicas)"
  exit 0
fi

say() { echo "serve.sh: $*" >&2; }
proxy_cli() { "$PYTHON" deploy/proxy_cli.py "$MASTER_SOCKET" "$1" >/dev/null 2>&1; }

declare -A replica_pid=() ready_pid=() restarts=()
proxy_pid=""
redis_pid=""
stopping=0

# The room vote's store (src/explainer/room.py): the replicas share it, so a phone and the stage may sit on
# different replicas. Our own redis-server listens on a unix socket in the run folder (mode 700: this user only),
# no TCP port, nothing written to disk; a room's keys expire on their own.
REDIS_SOCKET="$RUN_DIR/redis.sock"
start_redis() {
  rm -f "$REDIS_SOCKET"
  redis-server --port 0 --unixsocket "$REDIS_SOCKET" --unixsocketperm 700 --save "" --appendonly no \
    --dir "$RUN_DIR" --maxmemory "${ROOM_STORE_MAXMEMORY:-256mb}" --maxmemory-policy noeviction \
    --loglevel warning &
  redis_pid=$!
}
redis_answers() { "$PYTHON" -c "import redis, sys; redis.Redis(unix_socket_path=sys.argv[1]).ping()" "$REDIS_SOCKET" 2>/dev/null; }
wait_for_redis() {
  for _ in $(seq 1 100); do
    redis_answers && return 0
    kill -0 "$redis_pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
if [ -n "${ROOM_STORE:-}" ]; then
  export ROOM_STORE # someone else's Redis (a hosted one): used as it is
elif command -v redis-server >/dev/null 2>&1; then
  start_redis
  if ! wait_for_redis; then
    say "redis-server did not answer on $REDIS_SOCKET; stopping"
    kill -TERM "$redis_pid" 2>/dev/null || true
    exit 1
  fi
  export ROOM_STORE="unix://$REDIS_SOCKET"
elif ((REPLICAS > 1)); then
  say "redis-server is not installed, and $REPLICAS replicas need it for the room vote; install it with: apt-get install -y redis-server (or set ROOM_STORE)"
  exit 1
else
  say "redis-server is not installed: one replica keeps the room vote in its own memory"
fi

start_replica() { # $1: replica number
  local port=$((REPLICA_PORT + $1 - 1))
  "$PYTHON" -m streamlit run app.py --server.address 127.0.0.1 --server.port "$port" --server.headless true \
    --browser.gatherUsageStats false &
  replica_pid[$1]=$!
}

start_proxy() {
  # Master-worker mode: the master (this pid) keeps a worker; SIGUSR2 to it reloads, the master socket takes
  # commands (a server's state).
  rm -f "$MASTER_SOCKET"
  haproxy -W -db -S "$MASTER_SOCKET" -f "$CONFIG" &
  proxy_pid=$!
}

stop() {
  # Stop the proxy first (no new requests), then the replicas and any readiness check; wait for each, and kill
  # any that hangs.
  stopping=1
  trap - TERM INT HUP
  local pid pids=()
  [ -n "$proxy_pid" ] && pids+=("$proxy_pid")
  pids+=("${ready_pid[@]}" "${replica_pid[@]}")
  [ -n "$redis_pid" ] && pids+=("$redis_pid") # last: the replicas may still read it while they stop
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
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
reload() {
  # A new worker on the configuration as it is now in deploy/haproxy.cfg (plus the server lines); open
  # connections finish on the old worker. Refused (and the running proxy kept) if HAProxy refuses it.
  local next="$RUN_DIR/haproxy.next.cfg"
  cp deploy/haproxy.cfg "$next"
  grep '^    server r' "$CONFIG" >>"$next"
  if haproxy -c -q -f "$next"; then
    mv "$next" "$CONFIG"
    kill -USR2 "$proxy_pid" 2>/dev/null && say "reloading the proxy's configuration"
  else
    say "HAProxy refused the new configuration; the running one is kept"
  fi
}
trap 'stop 143' TERM
trap 'stop 130' INT
trap 'reload' HUP

for ((i = 1; i <= REPLICAS; i++)); do start_replica "$i"; done
ready_args=()
for port in "${ports[@]}"; do ready_args+=(--port "$port"); done
# Readiness: a real run of the script on every replica, before the proxy sends anyone to it.
# (In the background and waited for, so that a signal meanwhile is handled at once.)
"$PYTHON" deploy/ready.py "${ready_args[@]}" --timeout 120 &
if ! wait "$!"; then
  say "not every replica could draw the app; stopping"
  stop 1
fi
start_proxy
# Ready when the proxy accepts connections (HAProxy binds a moment after it starts).
probe_host=$HOST
[ "$probe_host" = "0.0.0.0" ] && probe_host=127.0.0.1
[ "$probe_host" = "::" ] && probe_host=::1
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/$probe_host/$PORT") 2>/dev/null; then break; fi
  kill -0 "$proxy_pid" 2>/dev/null || { say "HAProxy did not start"; stop 1; }
  sleep 0.1
done
scheme=http
[ -n "${TLS_CERT:-}" ] && scheme=https
echo "serve.sh: ready: $scheme://$HOST:$PORT/ over $REPLICAS replicas (ports ${ports[*]})"

# Supervision, until a signal: whichever child ends is dealt with alone.
# - A replica: kept out of the proxy (maintenance) while it restarts and until deploy/ready.py has seen it draw
#   the app; its tabs meanwhile reconnect to another replica (HAProxy: redispatch). A replica that keeps dying
#   (5 times within a minute) is restarted after a pause of 5 s instead of at once.
# - HAProxy: started again; the replicas keep running, and tabs reconnect.
# - A readiness check: the replica is let back in, or, if it failed, stopped (and so restarted).
set +e
declare -A died_at=()
while true; do
  ended=""
  wait -n -p ended
  status=$?
  [ "$stopping" = "1" ] && break
  [ -n "${ended:-}" ] || continue # a trapped signal (SIGHUP) woke the wait
  if [ -n "$redis_pid" ] && [ "$ended" = "$redis_pid" ]; then
    # Meanwhile the stage says "the room is paused"; the votes so far are gone (nothing is kept on disk).
    say "redis-server ended (status $status); starting it again (open rooms are lost)"
    start_redis
    wait_for_redis || say "redis-server did not answer after its restart"
    continue
  fi
  if [ "$ended" = "$proxy_pid" ]; then
    say "HAProxy ended (status $status); starting it again (the replicas keep running)"
    sleep 0.5 & wait $!
    start_proxy
    for ((j = 0; j < 30; j++)); do [ -S "$MASTER_SOCKET" ] && break; sleep 0.1; done
    for i in "${!ready_pid[@]}"; do proxy_cli "@1 set server streamlit/r$i state maint"; done
    continue
  fi
  for i in "${!ready_pid[@]}"; do
    [ "${ready_pid[$i]}" = "$ended" ] || continue
    unset "ready_pid[$i]"
    if [ "$status" = "0" ]; then
      proxy_cli "@1 set server streamlit/r$i state ready"
      say "replica $i draws the app again; back in the proxy"
    else
      say "replica $i did not draw the app after its restart; stopping it (it will be restarted)"
      kill -TERM "${replica_pid[$i]}" 2>/dev/null
    fi
    continue 2
  done
  for i in "${!replica_pid[@]}"; do
    [ "${replica_pid[$i]}" = "$ended" ] || continue
    proxy_cli "@1 set server streamlit/r$i state maint"
    if [ -n "${ready_pid[$i]:-}" ]; then kill -TERM "${ready_pid[$i]}" 2>/dev/null; fi
    now=$(date +%s)
    recent=(${died_at[$i]:-})
    kept=()
    for t in "${recent[@]}"; do ((now - t < 60)) && kept+=("$t"); done
    kept+=("$now")
    died_at[$i]="${kept[*]}"
    restarts[$i]=$((${restarts[$i]:-0} + 1))
    if ((${#kept[@]} >= 5)); then
      say "replica $i ended (status $status) ${#kept[@]} times within a minute; restarting it in 5 s"
      sleep 5 & wait $!
      [ "$stopping" = "1" ] && break 2
    else
      say "replica $i ended (status $status); restarting it"
    fi
    start_replica "$i"
    "$PYTHON" deploy/ready.py --port "$((REPLICA_PORT + i - 1))" --timeout 60 &
    ready_pid[$i]=$!
    continue 2
  done
done
