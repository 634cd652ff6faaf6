"""Shared fixtures: the project's content, and broken copies of data/ for validation tests."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import explainer

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def content() -> explainer.Content:
    return explainer.load_content(DATA)


@pytest.fixture
def data_copy(tmp_path: Path) -> Callable[[str, Callable[[str], str]], Path]:
    """Copy data/ to a temporary folder, change one file's text, and return the folder."""

    def make(file: str, change: Callable[[str], str]) -> Path:
        folder = tmp_path / "data"
        shutil.copytree(DATA, folder)
        target = folder / file
        target.write_text(change(target.read_text(encoding="utf-8")), encoding="utf-8")
        return folder

    return make


CHROMIUM = Path("/usr/bin/chromium")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Without Chromium, browser tests are skipped and say why; with REQUIRE_BROWSER=1 (CI) the run fails instead."""
    if CHROMIUM.exists():
        return
    browser_items = [item for item in items if "browser" in item.keywords]
    if not browser_items:
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"REQUIRE_BROWSER=1 but there is no Chromium at {CHROMIUM}: apt-get install chromium")
    skip = pytest.mark.skip(reason=f"browser test skipped: no Chromium at {CHROMIUM} (apt-get install chromium)")
    for item in browser_items:
        item.add_marker(skip)
