"""View data reaches the templates typed (issue 28): a frozen dataclass per view, never an untyped
bag, so a field a builder forgot fails where the view is made, not only when some page renders."""

from __future__ import annotations

import ast

from tests.conftest import PROJECT

VIEWS = PROJECT / "macros" / "views"


def test_no_untyped_bag_carries_view_data():
    bags = [
        f"{path.relative_to(PROJECT)}:{number}"
        for path in sorted((PROJECT / "macros").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "SimpleNamespace" in line
    ]
    assert bags == []


def test_every_public_view_dataclass_is_frozen():
    """A template may not change its view; a private helper's accumulator (maps' clusters) may."""
    thawed = []
    for path in sorted(VIEWS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                for decorator in node.decorator_list:
                    if ast.unparse(decorator).startswith("dataclass") and "frozen=True" not in ast.unparse(decorator):
                        thawed.append(f"{path.name}:{node.name}")
    assert thawed == []
