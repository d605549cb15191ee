"""Problems come in the order that fixes them: an unreadable file first, in plain words, and the
problems that only follow from it folded into one line, never printed ahead of their cause."""

from __future__ import annotations

import pytest

from macros.core.yamlfile import DataError, Stage
from macros.load.loader import load_dataset


def problems_of(data_dir) -> DataError:
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir)
    return caught.value


# (file, old text, new text, message at the line where the new text starts; {line} is that line)
SYNTAX = [
    ("sources.yaml", "  title: ISIS seeks comeback from southern Libya", "  title: 'ISIS seeks comeback",
     "the quote opened on line {line} is never closed"),
    ("events.yaml", "  place: umm-al-aranib", "\tplace: umm-al-aranib", "a tab character; indent with spaces"),
    ("places.yaml", "  aliases: [Qatrun, Qatroun]", "  aliases: [Qatrun, Qatroun",
     "the bracket opened on line {line} is never closed"),
    ("events.yaml", "  summary: A bomb at the town", "   summary: A bomb at the town",
     "this field is indented more than the one above it: fields of one entry line up"),
    ("events.yaml", "  summary: A bomb at the town", "  summary: Bomb: at the town",
     "YAML syntax: a colon and a space inside a value: put the whole value in quotes"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "old", "new", "message"), SYNTAX, ids=["quote", "tab", "bracket", "indent", "colon"])
def test_a_yaml_slip_is_named_in_plain_words_at_its_line(fixture_copy, name, old, new, message):
    line = fixture_copy.edit(name, old, new)
    first = problems_of(fixture_copy.data).report().splitlines()[1].strip()
    assert first == f"data/{name}:{line}: " + message.format(line=line)


def test_problems_that_follow_from_an_unreadable_file_are_one_line_after_it(fixture_copy):
    fixture_copy.edit("sources.yaml", "  title: ISIS seeks comeback from southern Libya", "  title: 'ISIS seeks")
    error = problems_of(fixture_copy.data)
    followers = [p for p in error.problems if p.follows]
    assert followers and all(
        "unknown source" in p.message or p.message.startswith("no source records this document") for p in followers
    )
    lines = error.report().splitlines()
    assert lines[0] == "1 problem in the data:"
    assert lines[-1] == (
        f"  and {len(followers)} problems in other files that follow from data/sources.yaml not loading"
    )
    assert not any("unknown source" in line for line in lines)


def test_a_record_that_fails_its_schema_explains_the_references_to_it(fixture_copy):
    fixture_copy.edit("actors.yaml", "  kind: jihadist group", "  kind: jihadi group")
    error = problems_of(fixture_copy.data)
    assert [p.field for p in error.causes] == ["islamic-state.kind"]
    assert "follow from actor 'islamic-state' (data/actors.yaml:" in error.report()


def test_parse_errors_come_before_schema_reference_and_cross_checks(fixture_copy):
    fixture_copy.edit("events.yaml", "  place: umm-al-aranib", "  place: nowhere")
    fixture_copy.edit("actors.yaml", "  kind: state force\n  affiliation: lna", "  kind: army\n  affiliation: lna")
    fixture_copy.edit("events.yaml", "quote: an operation that killed 23", "quote: an operation that killed 32")
    fixture_copy.edit("assessments.yaml", "- id: tarhouni-operation\n", "- id: tarhouni-operation\n\t")
    stages = [p.stage for p in problems_of(fixture_copy.data).causes]
    assert stages == sorted(stages)
    assert set(stages) == {Stage.PARSE, Stage.SCHEMA, Stage.REFERENCE, Stage.CHECK}


def test_parse_errors_are_never_cut_off(fixture_copy):
    fixture_copy.edit("places.yaml", "  aliases: [Qatrun, Qatroun]", "  aliases: [Qatrun, Qatroun")
    report = problems_of(fixture_copy.data).report(limit=0)
    assert "data/places.yaml:" in report.splitlines()[1]
