"""`make build` replaces site/ only when the build succeeds: a failed build leaves the previous
site exactly as it was, with no half-built folder beside it."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys

import pytest

from tests.conftest import PROJECT

pytestmark = pytest.mark.build


def run_build(site_dir, data_dir=None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if data_dir is not None:
        env["LIBYA_WATCH_DATA"] = str(data_dir)
    command = [sys.executable, "-m", "tools.build", "--site-dir", str(site_dir)]
    return subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300)


def snapshot(folder) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_a_good_build_replaces_the_site_and_leaves_nothing_beside_it(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "stale.html").write_text("from an older build", encoding="utf-8")
    result = run_build(site)
    assert result.returncode == 0, result.stderr
    assert not (site / "stale.html").exists() and (site / "index.html").is_file()
    assert (site / "downloads" / "events.csv").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert stat.S_IMODE(site.stat().st_mode) & 0o055 == 0o055, "a web server must be able to read site/"


def test_a_failed_build_leaves_the_previous_site_exactly_as_it_was(tmp_path, briefing_copy):
    site = tmp_path / "out" / "site"
    assert run_build(site).returncode == 0
    before = snapshot(site)
    line = briefing_copy.edit("events.yaml", "  summary: A US-led NATO", "  summary: [A US-led NATO")
    result = run_build(site, data_dir=briefing_copy.data)
    assert result.returncode != 0
    assert f"data/events.yaml:{line}: the bracket opened on line {line} is never closed" in result.stderr
    assert "left as it was" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(site) == before
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]
