"""The room vote's Redis in deploy/: the Kubernetes manifests (deploy/k8s/redis.yaml) and serve.sh's own
redis-server (started without persistence, on a private unix socket, stopped with the rest)."""

from __future__ import annotations

from pathlib import Path

import kubernetes_validate
import yaml

from tests.test_deploy import KUBERNETES

ROOT = Path(__file__).resolve().parents[1]
K8S = ROOT / "deploy" / "k8s"


def _documents(name: str) -> dict[str, dict]:
    docs = [doc for doc in yaml.safe_load_all((K8S / name).read_text(encoding="utf-8")) if doc]
    return {doc["kind"]: doc for doc in docs}


def test_redis_has_a_deployment_a_service_and_a_network_policy_that_fit_the_app() -> None:
    redis = _documents("redis.yaml")
    assert set(redis) == {"Deployment", "Service", "NetworkPolicy"}
    for document in redis.values():
        kubernetes_validate.validate(document, KUBERNETES, strict=True)
    labels = redis["Deployment"]["spec"]["selector"]["matchLabels"]
    assert redis["Service"]["spec"]["selector"] == labels
    policy = redis["NetworkPolicy"]["spec"]
    assert policy["podSelector"]["matchLabels"] == labels
    app = _documents("deployment.yaml")["Deployment"]
    app_labels = app["spec"]["selector"]["matchLabels"]
    assert [rule["from"][0]["podSelector"]["matchLabels"] for rule in policy["ingress"]] == [app_labels]
    assert policy["egress"] == [] and "Egress" in policy["policyTypes"]
    # The app's Streamlit container names the Service as its store.
    streamlit = next(c for c in app["spec"]["template"]["spec"]["containers"] if c["name"] == "streamlit")
    store = {e["name"]: e["value"] for e in streamlit["env"]}["ROOM_STORE"]
    port = redis["Service"]["spec"]["ports"][0]["port"]
    assert store == f"redis://{redis['Service']['metadata']['name']}:{port}/0"


def test_redis_keeps_nothing_on_disk_and_runs_locked_down() -> None:
    container = _documents("redis.yaml")["Deployment"]["spec"]["template"]["spec"]["containers"][0]
    command = container["command"]
    assert command[command.index("--save") + 1] == "" and command[command.index("--appendonly") + 1] == "no"
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert ":" in container["image"] and not container["image"].endswith(":latest")


def test_serve_sh_starts_redis_without_persistence_on_a_private_socket_and_stops_it() -> None:
    script = (ROOT / "deploy" / "serve.sh").read_text(encoding="utf-8")
    start = script[script.index("start_redis() {"): script.index("redis_answers()")]
    for flag in ('--save ""', "--appendonly no", "--port 0", "--unixsocketperm 700"):
        assert flag in start, flag
    assert 'pids+=("$redis_pid")' in script, "stop() stops redis-server too"
