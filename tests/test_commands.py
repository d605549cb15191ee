"""The make commands pass what a contributor types as written: neither make nor the shell expands
a NAME, FILE, ID, WHY or NOTE, and an id a command would write is checked as an id first."""

from __future__ import annotations

import subprocess

from tests.conftest import PROJECT


def make(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", "-s", *arguments], cwd=PROJECT, capture_output=True, text=True, timeout=120)


def test_a_name_with_backquotes_and_make_functions_is_looked_up_as_written(tmp_path):
    shell, function = tmp_path / "by-the-shell", tmp_path / "by-make"
    found = make("place", f"NAME=`touch {shell}`$(shell touch {function})", "COUNTRY=LY")
    assert found.returncode != 0 and "no GeoNames entry matches" in found.stderr, found.stderr
    assert not shell.exists() and not function.exists()


def test_an_id_that_is_not_an_id_is_refused_before_anything_is_written(tmp_path):
    document = tmp_path / "report.txt"
    document.write_text("A report that is never added.\n", encoding="utf-8")
    touched = tmp_path / "touched"
    result = make("new-source", f"FILE={document}", f'ID=x"; touch {touched}; echo "')
    assert result.returncode != 0 and f"'x\"; touch {touched}; echo \"' is not an id" in result.stderr
    assert not touched.exists()
