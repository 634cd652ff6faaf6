#!/usr/bin/env bash
# For a server with systemd (instead of deploy/serve.sh in a terminal): as root, point /srv/explainer/current at a
# release, write the proxy's configuration and environment to /etc/explainer, install the units of
# deploy/systemd/ and enable one replica per core. Then: systemctl restart explainer.target
#
#   SERVER_NAMES=demo.example.org deploy/systemd/configure.sh /srv/explainer/<revision> [REPLICAS] [FIRST_PORT]
#
# Environment: SERVER_NAMES (required: the names visitors type), PORT (80), HOST (0.0.0.0), TLS_CERT, the per-address
# limits of deploy/serve.sh (same defaults); ETC (/etc/explainer), CURRENT (/srv/explainer/current) and
# INSTALL_UNITS=0 (write the configuration only: for tests) change where it writes. Needs a user "explainer":
# useradd --system --home /srv/explainer explainer
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: deploy/systemd/configure.sh RELEASE [REPLICAS] [FIRST_PORT]" >&2
  exit 2
fi
RELEASE=$(cd "$1" && pwd)
REPLICAS=${2:-$(nproc)}
FIRST_PORT=${3:-8601}
ETC=${ETC:-/etc/explainer}
CURRENT=${CURRENT:-/srv/explainer/current}
PYTHON=${PYTHON:-$RELEASE/.venv/bin/python}
: "${SERVER_NAMES:?set SERVER_NAMES to the host names visitors type, e.g. SERVER_NAMES=demo.example.org}"

mkdir -p "$ETC"
config="$ETC/haproxy.cfg.new"
environment="$ETC/proxy.env.new"
trap 'rm -f "$config" "$environment"' EXIT
cp "$RELEASE/deploy/haproxy.cfg" "$config"
for ((i = 0; i < REPLICAS; i++)); do
  port=$((FIRST_PORT + i))
  echo "    server r$port 127.0.0.1:$port check cookie r$port" >>"$config"
done
{
  echo "PORT=${PORT:-80}"
  echo "HOST=${HOST:-0.0.0.0}"
  echo "SERVER_NAMES=\"$SERVER_NAMES\""
  echo "MAX_TABS_PER_IP=${MAX_TABS_PER_IP:-150}"
  echo "MAX_CONN_PER_IP=${MAX_CONN_PER_IP:-900}"
  echo "MAX_CONN_RATE_PER_IP=${MAX_CONN_RATE_PER_IP:-3000}"
  echo "MAX_REQ_RATE_PER_IP=${MAX_REQ_RATE_PER_IP:-6000}"
  echo "MAXCONN=${MAXCONN:-20000}"
  echo "CSP=\"$(cd "$RELEASE" && "$PYTHON" deploy/csp_hashes.py)\""
  if [ -n "${TLS_CERT:-}" ]; then echo "TLS_CERT=$TLS_CERT"; fi
} >"$environment"
(set -a && . "$environment" && haproxy -c -q -f "$config") || {
  echo "configure.sh: HAProxy refused the configuration; nothing changed" >&2
  exit 1
}
mv "$config" "$ETC/haproxy.cfg"
mv "$environment" "$ETC/proxy.env"
ln -sfn "$RELEASE" "$CURRENT"
if [ "${INSTALL_UNITS:-1}" = "1" ]; then
  install -m 644 "$RELEASE"/deploy/systemd/*.service "$RELEASE"/deploy/systemd/*.target /etc/systemd/system/
  systemctl daemon-reload
  systemctl enable explainer.target explainer-proxy.service
  for ((i = 0; i < REPLICAS; i++)); do systemctl enable "explainer-replica@$((FIRST_PORT + i)).service"; done
fi
echo "configure.sh: $ETC written for $REPLICAS replicas from port $FIRST_PORT; $CURRENT -> $RELEASE"
