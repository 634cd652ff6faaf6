"""The shape of the house, read from the source: thin pages, ui/ without an import circle, the page context
importing nothing of ui/, every session key in ui/keys.py, and no styles or scripts in Python strings."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

PAGES = sorted((ROOT / "pages").glob("*.py"))
UI = {path.stem: path for path in (ROOT / "ui").glob("*.py") if path.stem != "__init__"}
MAX_PAGE_LINES = 60
# pages/present.py: the stage's rules move into explainer.presentation in their own change (issue 18, item 5).
THICK_FOR_NOW: set[str] = set()


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_a_page_is_thin(page: Path) -> None:
    if page.name in THICK_FOR_NOW:
        pytest.skip("the stage's rules move into explainer.presentation in their own change")
    lines = len(page.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_PAGE_LINES, f"{page.name} has {lines} lines: move its logic into ui/ or src/explainer"


def ui_imports(path: Path) -> set[str]:
    """The ui modules ``path`` imports, at any depth of its code (a function's own import counts too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "ui":
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ui."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {alias.name.split(".")[1] for alias in node.names if alias.name.startswith("ui.")}
    return found & set(UI)


def cycle_in(graph: dict[str, set[str]]) -> list[str]:
    """One import circle in ``graph`` as a path ["a", "b", "a"], or [] when there is none.

    >>> cycle_in({"a": {"b"}, "b": {"a"}})
    ['a', 'b', 'a']
    >>> cycle_in({"a": {"b"}, "b": set()})
    []
    """
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str]:
        if node in path:
            return [*path[path.index(node):], node]
        if node in done:
            return []
        for after in sorted(graph.get(node, ())):
            if found := visit(after, [*path, node]):
                return found
        done.add(node)
        return []

    for start in sorted(graph):
        if found := visit(start, []):
            return found
    return []


def test_ui_has_no_import_circle() -> None:
    graph = {name: ui_imports(path) for name, path in UI.items()}
    assert cycle_in(graph) == [], "ui/ imports in a circle: " + " -> ".join(cycle_in(graph))


def test_the_page_context_imports_nothing_of_ui() -> None:
    assert ui_imports(UI["context"]) == set(), "ui/context.py is read by any module: it must import nothing of ui/"


def test_the_cycle_finder_finds_a_circle_of_three() -> None:
    assert cycle_in({"layout": {"render"}, "render": {"sharing"}, "sharing": {"router"}, "router": {"layout"}}) == [
        "layout", "render", "sharing", "router", "layout"
    ]


# A session key spelled as a string where the state is read or written: it belongs in ui/keys.py.
SPELLED_KEY = re.compile(r"session_state(?:\.(?:get|setdefault|pop))?\(\s*f?[\"']|session_state\[\s*f?[\"']")
# Owned elsewhere for now (another change moves the stage's rules): the stage's own page.
KEYS_ELSEWHERE: set[str] = set()


@pytest.mark.parametrize(
    "source", [*UI.values(), *PAGES], ids=[f"{p.parent.name}/{p.name}" for p in [*UI.values(), *PAGES]]
)
def test_session_keys_are_named_in_one_module(source: Path) -> None:
    if source.name in KEYS_ELSEWHERE:
        pytest.skip("the stage's page is moved in its own change")
    spelled = [line.strip() for line in source.read_text(encoding="utf-8").splitlines() if SPELLED_KEY.search(line)]
    assert spelled == [], f"{source.name} spells a session key: name it in ui/keys.py ({spelled})"


# Styles and scripts are files in ui/assets/ (ui/look.py: style, variables, script).
STRINGS_ELSEWHERE: set[str] = set()
INLINE = re.compile(r"<style|<script|export default function")



# ui/look.py is the one place that puts a style sheet's file into the page (in a style tag of its own).
LOADER = "look.py"


@pytest.mark.parametrize("source", [*UI.values(), *PAGES], ids=[p.name for p in [*UI.values(), *PAGES]])
def test_no_style_or_script_in_a_python_string(source: Path) -> None:
    if source.name in STRINGS_ELSEWHERE:
        pytest.skip("moved in its own change")
    if source.name == LOADER:
        assert "    st.html(" not in source.read_text(encoding="utf-8"), "a style in st.html is drawn late: see style()"
        return
    inline = [line.strip() for line in source.read_text(encoding="utf-8").splitlines() if INLINE.search(line)]
    assert inline == [], f"{source.name} holds a style or script in a string: make it a file in ui/assets/"
