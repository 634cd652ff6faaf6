"""The doctests' shared name: ``content``, the project's own data/ (the core takes it as an argument)."""

from __future__ import annotations

from typing import Any

import pytest

import explainer


@pytest.fixture(autouse=True)
def _content_for_doctests(doctest_namespace: dict[str, Any]) -> None:
    doctest_namespace["content"] = explainer.cached_content()
