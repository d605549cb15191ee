"""Hand-edited data goes wrong in every way: hypothesis mutates the fixture files (drops lines,
changes types, corrupts the YAML, duplicates keys, breaks references, swaps dates, truncates,
re-encodes) and loading must end in a valid dataset or a clean error naming file and line."""

from __future__ import annotations

import datetime as dt
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.core.yamlfile import MAX_BYTES, DataError
from macros.load.loader import load_dataset
from tests.conftest import FIXTURES, PROJECT

FILES = sorted(path.name for path in (FIXTURES / "data").glob("*.yaml"))
TODAY = dt.date(2100, 1, 1)  # no fixture date is in the future then
# Values of every other type, and text YAML reads as something else, to put where a value was.
VALUES = ["", "~", "[]", "{}", "[1, 2]", "{a: 1}", "0", "-1", "1e400", "yes", "2022-13-45", "'", '"', "&a x", "*a",
          "!!python/object/apply:os.system ['true']", "|", ">-", "@x", "`x`", "%TAG", "\t", "x" * 5000,
          "LBY9999"]  # fmt: skip
NOISE = [":", "- ", "  ", "\t", "[", "]", "{", "}", "#", "&anchor ", "*anchor", "!!binary ", "\\", "\n", "\x00",
         "\x85", "\ufeff", "? ", "---\n", "...\n", "<<: *x\n"]  # fmt: skip


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


@st.composite
def mutation(draw) -> tuple[str, bytes]:
    """One file and its mutated bytes."""
    name = draw(st.sampled_from(FILES))
    text = (FIXTURES / "data" / name).read_text(encoding="utf-8")
    lines = _lines(text)
    at = draw(st.integers(0, len(lines) - 1))
    kind = draw(
        st.sampled_from(
            ["drop", "value", "noise", "duplicate", "truncate", "swap", "reference", "dates", "encoding", "indent"]
        )
    )
    if kind == "drop":  # a field or a list item disappears
        del lines[at]
    elif kind == "value":  # a value of another type
        lines[at] = re.sub(r":( .*)?$", ": " + draw(st.sampled_from(VALUES)), lines[at].rstrip("\n")) + "\n"
    elif kind == "noise":  # stray characters anywhere
        column = draw(st.integers(0, len(lines[at])))
        lines[at] = lines[at][:column] + draw(st.sampled_from(NOISE)) + lines[at][column:]
    elif kind == "duplicate":  # the same key twice
        lines.insert(at, lines[at])
    elif kind == "swap":  # two lines change places
        other = draw(st.integers(0, len(lines) - 1))
        lines[at], lines[other] = lines[other], lines[at]
    elif kind == "indent":
        lines[at] = draw(st.sampled_from(["", " ", "    ", "\t"])) + lines[at].lstrip()
    text = "".join(lines)
    if kind == "reference":  # an id another record refers to is misspelt
        ids = re.findall(r"\b(?:[A-Z]{3}\d{4}|[a-z]+(?:-[a-z0-9]+)+)\b", text)
        if ids:
            target = draw(st.sampled_from(sorted(set(ids))))
            text = text.replace(target, target + draw(st.sampled_from(["x", "-2", "0"])), 1)
    if kind == "dates":  # start and end swapped, or a date made impossible
        dates = sorted(set(re.findall(r"\d{4}-\d{2}-\d{2}", text)))
        if len(dates) >= 2:
            first, second = draw(st.permutations(dates))[:2]
            text = text.replace(first, "\0").replace(second, first).replace("\0", second)
    data = text.encode("utf-8")
    if kind == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    if kind == "encoding":
        codec = draw(st.sampled_from(["utf-16", "utf-32", "latin-1", "cp1252", "bytes"]))
        if codec == "bytes":
            cut = draw(st.integers(0, len(data)))
            data = data[:cut] + draw(st.binary(min_size=1, max_size=8)) + data[cut:]
        else:
            data = (text + "\nnote: café – naïve").encode(codec, errors="replace")
    return name, data


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """One copy of the fixture dataset (data/ and seeds/) that every example mutates in turn."""
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(FIXTURES / "data", root / "data")
    shutil.copytree(FIXTURES / "seeds", root / "seeds")
    return root / "data"


@settings(max_examples=1000, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(change=mutation())
def test_mutated_data_loads_or_fails_cleanly_with_file_and_line(workspace, change):
    try:
        dataset = load_mutated(workspace, *change)
    except DataError as error:
        assert error.problems, "a DataError must say what is wrong"
        for problem in error.problems:
            assert re.fullmatch(r"data/[a-z]+\.yaml|seeds/[\w.]+", problem.file), problem
            assert problem.line >= 1 and problem.message, problem
        assert str(error).splitlines()[1].strip().startswith("data/")
    else:
        assert dataset.events and dataset.sources  # whatever loads is a whole dataset


def load_mutated(workspace: Path, name: str, data: bytes):
    """The fixture dataset with data/<name> replaced by `data`, loaded; the file is put back after.

    One copy serves every example (the loader only reads): a fresh copy each time spent three
    quarters of the test creating and deleting folders, 15 ms an example on this disk."""
    target = workspace / name
    target.write_bytes(data)
    try:
        return load_dataset(workspace, today=TODAY)
    finally:
        target.write_bytes((FIXTURES / "data" / name).read_bytes())


def test_the_mutations_reach_both_outcomes(workspace):
    """A fuzzer whose every example fails (or loads) tests one path only: both must happen."""
    outcomes = set()

    @settings(max_examples=60, deadline=None, derandomize=True, database=None)
    @given(mutation())
    def sample(change):
        try:
            load_mutated(workspace, *change)
            outcomes.add("loaded")
        except DataError:
            outcomes.add("error")

    sample()
    assert outcomes == {"loaded", "error"}


def test_an_emptied_file_is_an_error_not_an_empty_site(fixture_copy):
    (fixture_copy.data / "events.yaml").write_text("# all events were here\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(fixture_copy.data, today=TODAY)
    assert [str(p) for p in caught.value.problems] == [
        "data/events.yaml:1: the file is empty: write [] for no events, or one '- id: ...' entry each"
    ]


# --- Resource limits: each runs `make validate`'s command under a 1 GiB address-space limit -----

ALIAS_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
)


def validate_limited(data_dir: Path) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    command = [sys.executable, "-m", "macros.load.validate", str(data_dir)]
    return subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=120, preexec_fn=limit)


def test_an_alias_bomb_fails_fast_with_a_clear_message(fixture_copy):
    (fixture_copy.data / "actors.yaml").write_text(ALIAS_BOMB + "\n", encoding="utf-8")
    result = validate_limited(fixture_copy.data)
    assert result.returncode == 1, result.stderr
    assert "data/actors.yaml:2: " in result.stderr and "anchors and aliases" in result.stderr
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr


def test_a_huge_file_is_refused_unread(fixture_copy):
    with (fixture_copy.data / "events.yaml").open("r+b") as handle:
        handle.truncate(8 << 30)  # 8 GiB, sparse: reading it would break the 1 GiB limit
    result = validate_limited(fixture_copy.data)
    assert result.returncode == 1, result.stderr
    assert f"data/events.yaml:1: file is {8 << 30} bytes; the limit is {MAX_BYTES}" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_huge_seed_is_refused_unread(fixture_copy):
    seed = next((fixture_copy.root / "seeds").glob("003_*"))
    with seed.open("r+b") as handle:
        handle.truncate(8 << 30)
    result = validate_limited(fixture_copy.data)
    assert result.returncode == 1, result.stderr
    assert f"is over {MAX_BYTES} bytes: not one document" in result.stderr and "Traceback" not in result.stderr


def test_deep_nesting_is_refused(fixture_copy):
    (fixture_copy.data / "places.yaml").write_text("x: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    result = validate_limited(fixture_copy.data)
    assert result.returncode == 1 and "data/places.yaml:1" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
