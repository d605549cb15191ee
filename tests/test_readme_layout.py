"""The README's layout table names every module where it lives, so a newcomer finds a page, a
vocabulary, an address or a record's markup in one hop."""

from __future__ import annotations

import re

from tests.conftest import PROJECT

README = (PROJECT / "README.md").read_text(encoding="utf-8")


def _row(path: str) -> str:
    found = re.search(rf"^\| `{re.escape(path)}` \| (.*) \|$", README, flags=re.M)
    assert found, f"no row for {path} in the README's layout table"
    return found[1]


def test_every_module_is_named_in_its_folders_row():
    missing = []
    for folder in sorted(p for p in (PROJECT / "macros").iterdir() if (p / "__init__.py").exists()):
        row = _row(f"macros/{folder.name}/")
        missing += [
            f"{folder.name}/{m.stem}" for m in folder.glob("*.py") if m.stem != "__init__" and f"`{m.stem}`" not in row
        ]
    assert missing == []


def test_the_one_hop_paths_exist():
    start = README.index("## Layout")
    paths = re.findall(r"`(macros/[\w/.]+\.(?:py|html))`", README[start : README.index("| path | holds |")])
    # the plan, the vocabularies, the links, a record's markup and the pieces it reuses (a badge)
    assert len(paths) == 5
    assert [p for p in paths if not (PROJECT / p).is_file()] == []
