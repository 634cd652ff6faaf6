"""The deployment files, checked without a cluster or a container daemon (there is none on these machines).

What is tested: the Kubernetes manifests against the API's schemas (kubernetes-validate, offline, strict), the
CSP copies against the installed Streamlit, what the Dockerfile copies exists, a release has no .git, and
deploy/serve.sh's refusals. What is not: building or running the image, applying the manifests, and the
Ingress's nginx snippet (see docs/security.md).
"""

from __future__ import annotations

import copy
import os
import re
import subprocess
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from deploy import csp_hashes

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
    deployment["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["exec"]["command"] = "not a list"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES, strict=True)


def test_the_manifests_fit_together() -> None:
    kinds = {doc["kind"]: doc for path in MANIFESTS for doc in _documents(path)}
    assert set(kinds) == {"Deployment", "Service", "Ingress"}
    deployment, service, ingress = kinds["Deployment"], kinds["Service"], kinds["Ingress"]
    assert service["spec"]["selector"] == deployment["spec"]["selector"]["matchLabels"]
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == service["metadata"]["name"]
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    assert container["readinessProbe"]["exec"]["command"][:2] == ["python", "deploy/ready.py"]
    annotations = ingress["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/affinity"] == "cookie"  # never by client address
    assert annotations["nginx.ingress.kubernetes.io/proxy-body-size"] == "64k"
    assert annotations["nginx.ingress.kubernetes.io/limit-connections"] == "900"  # tabs are not counted apart
    snippet = annotations["nginx.ingress.kubernetes.io/configuration-snippet"]
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"):
        assert header in snippet


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
