"""The rules `make validate` adds to the loader's (macros/load/review.py): every alias is a spelling a
document uses (or, for a place, a name of its gazetteer entry); coordinates are the entry's."""

from __future__ import annotations

import subprocess
import sys

import pytest

from macros.load.loader import load_dataset
from macros.load.review import review_dataset
from tests.conftest import PROJECT


def reviewed(fixture_copy) -> list[str]:
    return [str(p) for p in review_dataset(fixture_copy.data, load_dataset(fixture_copy.data))]


# (file, old text, new text, field, message): the line is where the new text starts
REPORTED = [
    ("actors.yaml", "  aliases: [ISIS]", "  aliases: [ISIS, Daesh]", "islamic-state.aliases[1]",
     "'Daesh' appears in no source document: an alias is a spelling the sources use; a spelling readers use "
     "goes in variants, with its basis"),
    ("places.yaml", "  latitude: 24.95139", "  latitude: 24.95", "qatrun.latitude",
     "geonames:2219739 is at 24.95139, 14.64861: copy its coordinates exactly"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "old", "new", "field", "message"), REPORTED, ids=["alias", "coordinates"])
def test_review_rule_reports_file_line_and_field(fixture_copy, name, old, new, field, message):
    line = fixture_copy.edit(name, old, new)
    assert reviewed(fixture_copy) == [f"data/{name}:{line}: {field}: {message}"]


def test_an_alias_matches_the_document_with_typographic_variants_folded(fixture_copy):
    # seed 003 writes "the army\u2019s operations" with a curly apostrophe
    fixture_copy.edit("actors.yaml", "  aliases: [Libyan army]", "  aliases: [Libyan army, the army's]")
    assert reviewed(fixture_copy) == []


def test_a_place_alias_may_be_its_gazetteer_entrys_name(fixture_copy):
    fixture_copy.edit(
        "places.yaml", "  aliases: [Qatrun, Qatroun]", "  aliases: [Qatrun, Qatroun, Al Qatrun, Qatrunia]"
    )
    (problem,) = reviewed(fixture_copy)
    assert "qatrun.aliases[3]: 'Qatrunia' appears in no source document or a name of its gazetteer entry" in problem


def test_make_validate_reports_the_review_rules(fixture_copy):
    fixture_copy.edit("actors.yaml", "  aliases: [ISIS]", "  aliases: [ISIS, Daesh]")
    command = [sys.executable, "-m", "macros.load.validate", str(fixture_copy.data)]
    result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "islamic-state.aliases[1]: 'Daesh' appears in no source document" in result.stderr
