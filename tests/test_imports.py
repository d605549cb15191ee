"""No two modules of macros/ import each other, directly or round a longer loop.

A cycle makes the layers unreadable and was once hidden by an import inside a function, so every
import counts here, wherever in the module it is written.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import PROJECT

LAYERS = ("core", "derive", "load", "views", "publish")  # README, "Layout"


def imports(package: Path) -> dict[str, set[str]]:
    """Each module of `package`, by dotted name inside it ("views.charts"; a folder's own
    `__init__` by the folder's name, the package's by "__init__") -> the modules it imports."""
    modules = {_name(package, path) for path in package.rglob("*.py")}
    graph = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package).with_suffix("").parts
        folder = list(parts[:-1])  # the package the module is in, as parts
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = folder[: len(folder) - node.level + 1]
                elif (node.module or "").split(".")[0] == package.name:
                    base = []
                    node = ast.ImportFrom(module=node.module.partition(".")[2] or None, names=node.names, level=0)
                else:
                    continue
                target = [*base, *(node.module.split(".") if node.module else [])]
                for alias in node.names:
                    whole = ".".join([*target, alias.name])
                    found.add(whole if whole in modules else ".".join(target))
            elif isinstance(node, ast.Import):
                found.update(a.name.partition(".")[2] for a in node.names if a.name.startswith(f"{package.name}."))
        graph[_name(package, path)] = found & modules
    return graph


def _name(package: Path, path: Path) -> str:
    parts = path.relative_to(package).with_suffix("").parts
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


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


def test_each_layer_imports_only_the_layers_below_it():
    """The folders of macros/ are layers, lowest first: a module imports from its own layer and
    those below, never above (the package's `__init__`, which registers the macros, is on top)."""
    graph = imports(PROJECT / "macros")
    assert {module.split(".")[0] for module in graph} == {*LAYERS, "__init__"}
    upward = sorted(
        f"{module} -> {imported}"
        for module, found in graph.items()
        if module != "__init__"
        for imported in found
        if LAYERS.index(imported.split(".")[0]) > LAYERS.index(module.split(".")[0])
    )
    assert upward == []


def test_nothing_in_macros_imports_the_plugin_above_it():
    """hooks/ (the MkDocs plugin that owns each build) sits above macros/: it imports the package's
    layers, never the other way; the macros reach its build through MkDocs' configuration."""
    upward = []
    for path in sorted((PROJECT / "macros").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                continue
            upward += [f"{path.relative_to(PROJECT)}: {n}" for n in names if n.split(".")[0] == "hooks"]
    assert upward == []


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


def test_imports_between_folders_are_followed_whichever_way_they_are_written(tmp_path):
    package = tmp_path / "pkg"
    (package / "low").mkdir(parents=True)
    (package / "high").mkdir()
    (package / "low" / "a.py").write_text("from ..high import b\n")
    (package / "high" / "b.py").write_text("from pkg.low.a import thing\n")
    (package / "high" / "c.py").write_text("from . import b\nfrom .b import x\n")
    graph = imports(package)
    assert (graph["low.a"], graph["high.b"], graph["high.c"]) == ({"high.b"}, {"low.a"}, {"high.b"})
    assert cycle(graph) == ["high.b", "low.a", "high.b"]
