"""Shared fixtures: the project's content, and broken copies of data/ for validation tests."""

from __future__ import annotations

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
