"""`make validate`: exit codes and messages, never a traceback."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import FIXTURES, PROJECT


def run_validate(data_dir) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "macros.load.validate", str(data_dir)]
    return subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=120)


def test_valid_data_exits_zero_with_a_summary():
    result = run_validate(FIXTURES / "data")
    assert result.returncode == 0
    assert result.stdout.startswith("data is valid: 2 sources, 3 events")


def test_invalid_data_exits_one_listing_problems(fixture_copy):
    line = fixture_copy.edit("places.yaml", "  latitude: 24.95139", "  latitude: north")
    result = run_validate(fixture_copy.data)
    assert result.returncode == 1
    assert f"data/places.yaml:{line}: qatrun.latitude: Input should be a valid number" in result.stderr
    assert "Traceback" not in result.stderr


def test_truncated_file_is_a_clean_error(fixture_copy):
    path = fixture_copy.data / "events.yaml"
    path.write_bytes(path.read_bytes()[:700])
    result = run_validate(fixture_copy.data)
    assert result.returncode == 1
    assert "data/events.yaml:" in result.stderr and "Traceback" not in result.stderr
