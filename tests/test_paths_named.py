"""Every module path and command that a tracked text file names exists: comments in the fixture
data, the README, CONTRIBUTING, the Makefile, package.json (a move of the modules left some
behind). The analysts' data/ and seeds/ are theirs: the real data answers to `make validate`."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.conftest import PROJECT

TEXT = (".md", ".yaml", ".yml", ".json", ".toml", ".py", ".html", ".css", ".js", ".sh", ".txt")
PATH = re.compile(r"(?<![\w/.])(macros/[\w/]+\.(?:py|html))")
MODULE = re.compile(r"python -m (macros(?:\.\w+)+)|\"-m\", \"(macros(?:\.\w+)+)\"")


def _tracked() -> list[str]:
    listed = subprocess.run(["git", "ls-files"], cwd=PROJECT, capture_output=True, text=True, check=True).stdout
    here = str(Path(__file__).relative_to(PROJECT))  # its own examples of stale paths
    named = [n for n in listed.split() if n.endswith(TEXT) or n in {"Makefile", ".ci/run"}]
    return [n for n in named if "golden" not in n and n != here and not n.startswith(("data/", "seeds/"))]


def test_every_named_module_path_and_command_exists():
    missing = []
    for name in _tracked():
        path = PROJECT / name
        if not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for found in PATH.findall(text):
            if not (PROJECT / found).exists():
                missing.append(f"{name}: {found}")
        for groups in MODULE.findall(text):
            module = next(filter(None, groups))
            if not (PROJECT / (module.replace(".", "/") + ".py")).is_file():
                missing.append(f"{name}: python -m {module}")
    assert missing == []


def test_a_stale_path_is_caught(tmp_path):
    assert PATH.findall("see macros/models.py and macros/core/models.py") == [
        "macros/models.py",
        "macros/core/models.py",
    ]
    assert MODULE.findall("run `python -m macros.gazetteer find`")[0][0] == "macros.gazetteer"
