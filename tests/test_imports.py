"""No two modules of macros/ import each other, directly or round a longer loop.

A cycle makes the layers unreadable and was once hidden by an import inside a function, so every
import counts here, wherever in the module it is written.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import PROJECT


def imports(package: Path) -> dict[str, set[str]]:
    """Each module of `package` (by file stem) -> the modules of the package it imports."""
    modules = {path.stem for path in package.glob("*.py")}
    graph = {}
    for path in sorted(package.glob("*.py")):
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                found.update([node.module.split(".")[0]] if node.module else (alias.name for alias in node.names))
            elif isinstance(node, ast.ImportFrom | ast.Import):
                names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                found.update(name.split(".")[1] for name in names if name.startswith(f"{package.name}."))
        graph[path.stem] = found & modules
    return graph


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle (its modules in order, the first repeated at the end), or None."""
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> list[str] | None:
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done:
            return None
        for imported in sorted(graph[module]):
            found = visit(imported, [*path, module])
            if found:
                return found
        done.add(module)
        return None

    for module in sorted(graph):
        found = visit(module, [])
        if found:
            return found
    return None


def test_no_module_of_macros_imports_itself_round_a_cycle():
    found = cycle(imports(PROJECT / "macros"))
    assert found is None, "import cycle: " + " -> ".join(found or [])


def test_a_cycle_through_an_import_inside_a_function_is_found(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "a.py").write_text("from .b import thing\n")
    (package / "b.py").write_text("def f():\n    from pkg.c import other\n")
    (package / "c.py").write_text("from . import a\n")
    (package / "d.py").write_text("from .a import thing\n")
    assert cycle(imports(package)) == ["a", "b", "c", "a"]
    (package / "c.py").write_text("import json\n")
    assert cycle(imports(package)) is None
