"""The suite keeps its own promise: adding a valid report never turns it red. Only
tests/test_real_data.py reads the real data; every other module that tries is refused, whether it
names the folder (read here) or reaches it some other way (the guard in tests/conftest.py)."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import PROJECT, REAL_DATA_MODULE

# The real data's folders named in a test: PROJECT / "data" (its geo/, schema/ and countries.yaml
# are the project's own reference files, not an analyst's data), PROJECT / "seeds".
NAMES_REAL_DATA = re.compile(
    r"""PROJECT\s*/\s*["'](?:data["'](?!\s*/\s*["'](?:geo|schema|countries\.yaml)["'])|seeds["'])"""
)
ALLOWED = {REAL_DATA_MODULE, "tests/conftest.py", "tests/test_suite_structure.py"}

READS_REAL_DATA = """
from macros.load.loader import load_dataset
from tests.conftest import {folder}, PROJECT


def test_counts_the_events():
    assert load_dataset({folder} / "data").events
"""


def test_no_module_but_one_names_the_real_data():
    naming = [
        path.relative_to(PROJECT).as_posix()
        for path in sorted((PROJECT / "tests").rglob("*.py"))
        if path.relative_to(PROJECT).as_posix() not in ALLOWED and NAMES_REAL_DATA.search(path.read_text("utf-8"))
    ]
    assert naming == [], f"only {REAL_DATA_MODULE} reads the real data: assert over tests/fixtures/ instead"


def test_the_pattern_sees_the_real_data_and_not_its_reference_files():
    assert NAMES_REAL_DATA.search('load_dataset(PROJECT / "data")')
    assert NAMES_REAL_DATA.search("shutil.copytree(PROJECT / 'seeds', root)")
    assert not NAMES_REAL_DATA.search('(PROJECT / "data" / "geo" / "README.md")')
    assert not NAMES_REAL_DATA.search('load_dataset(BRIEFING / "data")')


def _run(tmp_path, folder: str) -> subprocess.CompletedProcess[str]:
    module = tmp_path / f"test_reads_{folder.lower()}.py"
    module.write_text(READS_REAL_DATA.format(folder=folder), encoding="utf-8")
    command = [sys.executable, "-m", "pytest", "-p", "tests.conftest", "-p", "no:cacheprovider", "-q"]
    command += ["-c", str(PROJECT / "pyproject.toml"), "--rootdir", str(PROJECT), str(module)]
    return subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=120)


def test_a_new_test_module_that_reads_the_real_data_is_refused(tmp_path):
    refused = _run(tmp_path, "PROJECT")
    assert refused.returncode == 1, refused.stdout
    assert "RealDataRead" in refused.stdout and f"only {REAL_DATA_MODULE} reads the real data" in refused.stdout
    allowed = _run(tmp_path, "BRIEFING")  # the same test over the briefing fixture passes
    assert allowed.returncode == 0, allowed.stdout
