"""A changed seed is an error to undo, never a checksum to paste; accepting a new version of a
document is an explicit command that leaves its history on the source."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from macros.core.yamlfile import DataError
from macros.load.loader import load_dataset
from macros.views.pages import build_pages
from tests.conftest import PROJECT
from tools.accept_seed import AcceptError, accept_seed

SEED = "seeds/003_fea7140efc87d72a.txt"
SOURCE = "qatrun-second-attack"


def change_seed(root, addition: bytes = b"\nA line the fuller copy adds.\n") -> str:
    path = root / SEED
    path.write_bytes(path.read_bytes() + addition)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_changed_seed_says_restore_and_never_prints_its_checksum(fixture_copy):
    digest = change_seed(fixture_copy.root)
    line = fixture_copy.line_of("sources.yaml", "  sha256: 9198")
    with pytest.raises(DataError) as caught:
        load_dataset(fixture_copy.data)
    (problem,) = [p for p in caught.value.problems if p.field == f"{SOURCE}.sha256"]
    assert str(problem).startswith(f"data/sources.yaml:{line}: {SOURCE}.sha256: {SEED} has changed")
    assert f"git restore {SEED}" in problem.message
    assert f"make accept-seed ID={SOURCE}" in problem.message
    report = caught.value.report()
    assert digest not in report and digest[:12] not in report


def test_accepting_a_changed_seed_records_its_revision(fixture_copy):
    old = hashlib.sha256((fixture_copy.root / SEED).read_bytes()).hexdigest()
    new = change_seed(fixture_copy.root)
    accept_seed(SOURCE, "a corrected copy", fixture_copy.root, today=dt.date(2026, 11, 29))
    source = load_dataset(fixture_copy.data, today=dt.date(2026, 11, 29)).sources[SOURCE]
    assert source.sha256 == new
    assert [(r.date, r.old_sha256, r.new_sha256, r.why) for r in source.revisions] == [
        (dt.date(2026, 11, 29), old, new, "a corrected copy")
    ]


def test_a_second_revision_is_appended_after_the_first(fixture_copy):
    change_seed(fixture_copy.root)
    accept_seed(SOURCE, "first", fixture_copy.root)
    newest = change_seed(fixture_copy.root, b"And another.\n")
    accept_seed(SOURCE, 'second, with "quotes"', fixture_copy.root)
    source = load_dataset(fixture_copy.data).sources[SOURCE]
    assert [r.why for r in source.revisions] == ["first", 'second, with "quotes"']
    assert source.revisions[-1].new_sha256 == newest == source.sha256


def test_an_unchanged_seed_or_an_empty_reason_is_refused(fixture_copy):
    with pytest.raises(AcceptError, match="has not changed"):
        accept_seed(SOURCE, "no reason", fixture_copy.root)
    change_seed(fixture_copy.root)
    with pytest.raises(AcceptError, match="say why"):
        accept_seed(SOURCE, "  ", fixture_copy.root)
    with pytest.raises(AcceptError, match="no source with id 'nowhere'"):
        accept_seed("nowhere", "why", fixture_copy.root)


def test_a_checksum_pasted_over_its_revisions_is_refused(fixture_copy):
    recorded = change_seed(fixture_copy.root)
    accept_seed(SOURCE, "a corrected copy", fixture_copy.root)
    new = change_seed(fixture_copy.root, b"An unaccepted change.\n")
    line = fixture_copy.edit("sources.yaml", f"  sha256: {recorded}", f"  sha256: {new}")
    with pytest.raises(DataError) as caught:
        load_dataset(fixture_copy.data)
    head = f"data/sources.yaml:{line}: {SOURCE}.sha256: differs from the last revision's new_sha256"
    assert any(str(p).startswith(head) for p in caught.value.problems)


def test_revisions_are_shown_on_the_source_page(fixture_copy):
    change_seed(fixture_copy.root)
    accept_seed(SOURCE, "a corrected copy", fixture_copy.root, today=dt.date(2026, 11, 29))
    pages = {page.path: page.markdown for page in build_pages(load_dataset(fixture_copy.data))}
    soup = BeautifulSoup(pages[f"sources/{SOURCE}.md"].split("---\n", 2)[2], "html.parser")
    (item,) = soup.select(".lw-revisions li")
    assert "a corrected copy" in item.text and "29 Nov 2026" in item.text


def test_make_accept_seed_needs_an_id_and_a_reason():
    result = subprocess.run(["make", "-s", "accept-seed", "ID=x"], cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode != 0 and "usage: make accept-seed" in result.stderr


def test_command_reports_an_unknown_source_without_a_traceback(fixture_copy):
    command = [sys.executable, "-m", "tools.accept_seed", "no-such-source", "--why", "test"]
    command += ["--root", str(fixture_copy.root)]
    result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "no source with id 'no-such-source'" in result.stderr and "Traceback" not in result.stderr


def test_a_source_in_its_own_file_takes_its_revision_there(tmp_path):
    from tests.conftest import grow

    data = grow(tmp_path)
    seed = tmp_path / load_dataset(data).sources["later-test-report"].seed
    seed.write_bytes(seed.read_bytes() + b"A later paragraph.\n")
    path = accept_seed("later-test-report", "a fuller copy", tmp_path, today=dt.date(2026, 11, 29))
    assert path == data / "sources" / "later-test-report.yaml"
    assert [r.why for r in load_dataset(data).sources["later-test-report"].revisions] == ["a fuller copy"]


def test_a_changed_document_with_its_checksum_typed_by_hand_is_refused_after_an_edition(fixture_copy):
    """The edition recorded each document's checksum; a new checksum pasted in without a revision
    starting from the recorded one is refused, and accept-seed's revision is accepted."""
    from tools.edition import cut_edition

    (fixture_copy.data / "editions.yaml").unlink()
    shutil.rmtree(fixture_copy.data / "editions")
    cut_edition("Records the documents.", fixture_copy.data)
    old = hashlib.sha256((fixture_copy.root / SEED).read_bytes()).hexdigest()
    new = change_seed(fixture_copy.root)
    line = fixture_copy.edit("sources.yaml", f"  sha256: {old}", f"  sha256: {new}")
    with pytest.raises(DataError) as caught:
        load_dataset(fixture_copy.data)
    assert [str(p) for p in caught.value.problems] == [
        f"data/sources.yaml:{line}: {SOURCE}.sha256: {SEED} is not the document edition 1 recorded "
        f"(sha256 {old[:12]}...), and no revision starts from it: record the change with "
        f'make accept-seed ID={SOURCE} WHY="..."'
    ]
    fixture_copy.edit("sources.yaml", f"  sha256: {new}", f"  sha256: {old}")
    accept_seed(SOURCE, "a corrected copy", fixture_copy.root)
    assert load_dataset(fixture_copy.data).sources[SOURCE].sha256 == new
