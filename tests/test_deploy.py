"""The deployment files, checked without a cluster or a container daemon (there is none on these machines).

What is tested: the Kubernetes manifests against the API's schemas (kubernetes-validate, offline, strict) and what
they promise (probes, drain, spread, disruption budget, autoscaling, pinned images, the proxy sidecar), the CSP
against the installed Streamlit, what the Dockerfile copies exists, a release has no .git, deploy/serve.sh's
refusals and its failed start, and the systemd units (systemd-analyze verify). What is not: building or running the
image, applying the manifests, starting the units under systemd (see docs/security.md).
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from deploy import csp_hashes
from ui import head

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
MANIFESTS = sorted((DEPLOY / "k8s").glob("*.yaml"))
KUBERNETES = "1.33"


def _documents(path: Path) -> list[dict]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda path: path.name)
def test_each_manifest_is_valid_kubernetes(path: Path) -> None:
    for document in _documents(path):
        kubernetes_validate.validate(document, KUBERNETES, strict=True)


def test_the_validator_can_fail() -> None:
    deployment = copy.deepcopy(_documents(DEPLOY / "k8s" / "deployment.yaml")[0])
    deployment["spec"]["template"]["spec"]["containers"][0]["startupProbe"]["exec"]["command"] = "not a list"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES, strict=True)


def _kinds() -> dict[str, dict]:
    # The room vote's Redis (redis.yaml) has its own tests: tests/test_room_deploy.py.
    return {doc["kind"]: doc for path in MANIFESTS if path.name != "redis.yaml" for doc in _documents(path)}


def _containers() -> dict[str, dict]:
    return {c["name"]: c for c in _kinds()["Deployment"]["spec"]["template"]["spec"]["containers"]}


def test_the_manifests_fit_together() -> None:
    kinds = _kinds()
    assert set(kinds) == {"Deployment", "Service", "Ingress", "PodDisruptionBudget", "HorizontalPodAutoscaler"}
    deployment, service, ingress = kinds["Deployment"], kinds["Service"], kinds["Ingress"]
    labels = deployment["spec"]["selector"]["matchLabels"]
    assert service["spec"]["selector"] == labels
    assert kinds["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"] == labels
    assert kinds["HorizontalPodAutoscaler"]["spec"]["scaleTargetRef"]["name"] == deployment["metadata"]["name"]
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == service["metadata"]["name"]
    # The Service reaches the pod's proxy sidecar, never Streamlit directly.
    proxy_ports = {port["name"] for port in _containers()["proxy"]["ports"]}
    assert service["spec"]["ports"][0]["targetPort"] in proxy_ports
    assert "ports" not in _containers()["streamlit"]
    annotations = ingress["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/affinity"] == "cookie"  # never by client address
    assert annotations["nginx.ingress.kubernetes.io/proxy-body-size"] == "64k"
    assert annotations["nginx.ingress.kubernetes.io/limit-connections"] == "900"  # tabs are not counted apart
    assert not [name for name in annotations if "snippet" in name], "no snippets: recent ingress-nginx refuses them"


def test_the_pods_probes_are_cheap_and_patient_and_the_real_check_is_at_start() -> None:
    streamlit = _containers()["streamlit"]
    assert streamlit["startupProbe"]["exec"]["command"][:2] == ["python", "deploy/ready.py"]
    startup = streamlit["startupProbe"]
    assert startup["periodSeconds"] * startup["failureThreshold"] >= 120  # a slow start is not a failure
    for probe in ("livenessProbe", "readinessProbe"):
        check = streamlit[probe]
        assert check["httpGet"]["path"] == "/_stcore/health", probe  # shallow: no script run
        assert check["timeoutSeconds"] >= 5, probe  # health took 2.5-4.1 s under a flood (issue 21)
    assert streamlit["livenessProbe"]["failureThreshold"] * streamlit["livenessProbe"]["periodSeconds"] >= 60


def test_pods_drain_spread_and_scale() -> None:
    deployment = _kinds()["Deployment"]
    template = deployment["spec"]["template"]["spec"]
    for container in template["containers"]:
        assert container["lifecycle"]["preStop"]["exec"]["command"][0] == "sleep", container["name"]
    assert template["terminationGracePeriodSeconds"] > 10
    keys = {constraint["topologyKey"] for constraint in template["topologySpreadConstraints"]}
    assert keys == {"topology.kubernetes.io/zone", "kubernetes.io/hostname"}
    assert _kinds()["PodDisruptionBudget"]["spec"]["maxUnavailable"] == 1
    hpa = _kinds()["HorizontalPodAutoscaler"]["spec"]
    assert hpa["minReplicas"] >= 2
    assert hpa["metrics"][0]["containerResource"]["name"] == "cpu"
    assert hpa["metrics"][0]["containerResource"]["container"] == "streamlit"


def test_the_pods_proxy_runs_the_same_haproxy_config_with_its_headers() -> None:
    proxy = _containers()["proxy"]
    script = " ".join(proxy["args"])
    assert "deploy/haproxy.cfg" in script and "deploy/csp_hashes.py" in script and "haproxy -W" in script
    env = {item["name"]: item["value"] for item in proxy["env"]}
    assert env["PUBLIC_SCHEME"] == "https"  # TLS ends at the Ingress
    config = (DEPLOY / "haproxy.cfg").read_text(encoding="utf-8")
    for header in ("Content-Security-Policy", "Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy",
                   "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"):  # fmt: skip
        assert f"http-after-response set-header {header}" in config, header
    # Every variable the configuration reads is set in the pod.
    needed = set(re.findall(r'"\$\{([A-Z_]+)', config)) - {"CSP", "TLS_CERT"}
    assert needed <= set(env), needed - set(env)


def test_images_are_pinned_by_version() -> None:
    for container in _containers().values():
        image = container["image"]
        assert ":" in image and not image.endswith(":latest"), image
        assert re.search(r"[:@][\w.-]*\d", image), image
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    base = re.search(r"^FROM (\S+)", dockerfile, re.M)
    assert base is not None
    assert re.fullmatch(r"python:3\.\d+\.\d+-slim-\w+(@sha256:[0-9a-f]{64})?", base.group(1)), base.group(1)


def test_the_csp_copies_match_the_installed_streamlit() -> None:
    assert csp_hashes.stale_copies(csp_hashes.policy()) == [], "run: python deploy/csp_hashes.py --write"


def test_the_csp_names_every_inline_script_of_streamlits_page() -> None:
    page = csp_hashes.INDEX.read_text(encoding="utf-8")
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    hashes = csp_hashes.inline_script_hashes(page)
    assert len(hashes) == len(inline) >= 1
    policy = csp_hashes.policy(page)
    assert all(h in policy for h in hashes)
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "'unsafe-eval'" not in policy


def test_the_csp_names_every_inline_script_of_the_page_as_the_app_serves_it() -> None:
    """The middleware adds ui/assets/head.js to every page (ui/head.py): behind the proxy, a script the policy does
    not name is blocked, and the page's main area would wait 5 s to be shown."""
    served = head.with_page_styles(csp_hashes.INDEX.read_bytes(), "warning-signs").decode("utf-8")
    hashes = csp_hashes.inline_script_hashes(served)
    assert len(hashes) == len(csp_hashes.inline_script_hashes(csp_hashes.INDEX.read_text(encoding="utf-8"))) + 1
    assert all(h in csp_hashes.policy() for h in hashes)


def test_the_csp_changes_when_the_inline_script_does() -> None:
    page = csp_hashes.INDEX.read_text(encoding="utf-8")
    assert csp_hashes.policy(page.replace("window.prerenderReady = false", "window.prerenderReady = 0")) != (
        csp_hashes.policy(page)
    )


def test_what_the_dockerfile_copies_exists_and_git_stays_out() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    sources = [part for line in re.findall(r"^COPY (.+)$", dockerfile, re.M) for part in line.split()[:-1]]
    assert sources
    for source in sources:
        assert (ROOT / source).exists(), source
    assert ".git" in (ROOT / ".dockerignore").read_text(encoding="utf-8").split()


def _serve(env: dict[str, str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(cwd / "deploy" / "serve.sh")],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_serve_sh_says_in_one_line_that_haproxy_is_missing() -> None:
    result = _serve({"PATH": "/usr/bin:/bin"})  # Debian puts haproxy in /usr/sbin
    assert result.returncode == 1
    assert result.stderr.strip() == "serve.sh: HAProxy is not installed; install it with: apt-get install -y haproxy"


def test_serve_sh_refuses_a_git_checkout() -> None:
    result = _serve({"PATH": "/usr/sbin:" + os.environ["PATH"], "PYTHON": os.sys.executable})
    assert result.returncode == 1
    assert "git checkout" in result.stderr


@pytest.mark.proxy
def test_a_release_has_no_git_and_its_proxy_config_is_valid(tmp_path: Path) -> None:
    made = subprocess.run(
        ["bash", str(DEPLOY / "release.sh"), str(tmp_path)],
        env={**os.environ, "RELEASE_NO_VENV": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    (release,) = [path for path in tmp_path.iterdir() if path.is_dir()]
    assert not (release / ".git").exists()
    assert (release / "app.py").exists() and (release / "deploy" / "serve.sh").exists()
    assert "ready" in made.stdout
    checked = _serve(
        {"PATH": "/usr/sbin:" + os.environ["PATH"], "PYTHON": os.sys.executable, "SERVE_CHECK_ONLY": "1"}, release
    )
    assert checked.returncode == 0, checked.stderr
    assert "configuration ok" in checked.stdout


def test_a_failed_start_leaves_no_run_folder(tmp_path: Path) -> None:
    """HAProxy refuses the configuration (a port out of range): serve.sh stops, and its run folder goes too."""
    run_root = tmp_path / "tmp"
    run_root.mkdir()
    result = _serve(
        {
            "PATH": "/usr/sbin:" + os.environ["PATH"],
            "PYTHON": sys.executable,
            "ALLOW_GIT_CHECKOUT": "1",
            "TMPDIR": str(run_root),
            "PORT": "99999",
        }
    )
    assert result.returncode == 1
    assert "refused the configuration" in result.stderr
    assert list(run_root.iterdir()) == []


UNITS = DEPLOY / "systemd"


def _verify(units: Path, names: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["systemd-analyze", "verify", *(str(units / name) for name in names)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def _units_here(tmp_path: Path, change: tuple[str, str] | None = None) -> Path:
    """The units with the release's paths pointed at this machine's Python and this tree (verify checks that every
    command exists)."""
    folder = tmp_path / "units"
    folder.mkdir()
    for unit in UNITS.iterdir():
        if unit.suffix not in {".service", ".target"}:
            continue
        text = unit.read_text(encoding="utf-8")
        text = text.replace("/srv/explainer/current/.venv/bin/python", sys.executable)
        text = text.replace("/srv/explainer/current", str(ROOT))
        if change:
            text = text.replace(*change)
        (folder / unit.name).write_text(text, encoding="utf-8")
    return folder


VERIFIED = ["explainer.target", "explainer-proxy.service", "explainer-replica@8601.service"]


def test_the_systemd_units_verify(tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("no systemd-analyze on this machine (apt-get install systemd)")
    units = _units_here(tmp_path)
    probe = _verify(units, ["explainer.target"])
    if "Failed to" in probe.stderr and "explainer" not in probe.stderr:
        pytest.skip(f"systemd-analyze cannot verify here: {probe.stderr.strip()[:200]}")
    result = _verify(units, VERIFIED)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr  # verify warns (exit 0) about a value it cannot parse


def test_systemd_verify_can_fail(tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("no systemd-analyze on this machine (apt-get install systemd)")
    result = _verify(_units_here(tmp_path, ("Restart=always", "Restart=sometimes")), VERIFIED)
    assert "restart" in result.stderr.lower()


def test_the_units_restart_each_process_alone() -> None:
    replica = (UNITS / "explainer-replica@.service").read_text(encoding="utf-8")
    proxy = (UNITS / "explainer-proxy.service").read_text(encoding="utf-8")
    assert "Restart=always" in replica and "Restart=always" in proxy
    assert "--server.port %i" in replica and "deploy/ready.py --port %i" in replica
    assert "haproxy -Ws" in proxy and "ExecReload=/bin/kill -USR2 $MAINPID" in proxy


@pytest.mark.proxy
def test_configure_sh_writes_a_config_haproxy_accepts(tmp_path: Path) -> None:
    result = subprocess.run(
        ["bash", str(UNITS / "configure.sh"), str(ROOT), "3", "9001"],
        env={**os.environ, "PATH": "/usr/sbin:" + os.environ["PATH"], "SERVER_NAMES": "demo.example.org",
             "ETC": str(tmp_path / "etc"), "CURRENT": str(tmp_path / "current"), "INSTALL_UNITS": "0",
             "PYTHON": sys.executable},
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    config = (tmp_path / "etc" / "haproxy.cfg").read_text(encoding="utf-8")
    assert [line.split()[1] for line in config.splitlines() if line.startswith("    server ")] == [
        "r9001", "r9002", "r9003"
    ]  # fmt: skip
    assert (tmp_path / "current").resolve() == ROOT
    assert 'CSP="default-src' in (tmp_path / "etc" / "proxy.env").read_text(encoding="utf-8")
