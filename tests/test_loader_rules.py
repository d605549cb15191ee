"""Every validation rule has a failing fixture: a one-edit break of the valid fixture data.

Each case asserts the whole `data/<file>:<line>: <field>: <message>` head, with the line found
independently in the edited text, so a rule that reports the wrong place fails.
"""

from __future__ import annotations

import datetime as dt

import pytest

from macros.core.yamlfile import DataError
from macros.load.loader import load_dataset

# (rule, file, old text, new text, line marker (None: where the new text starts), field, message)
CASES = [
    ("yaml syntax", "places.yaml", "  aliases: [Qatrun, Qatroun]", "  aliases: [Qatrun, Qatroun",
     None, "", "the bracket opened on line"),
    ("duplicate key", "places.yaml", "  geo_precision: 1\n  admin1: Murzuq\n  country: LBY\n- id: umm",
     "  geo_precision: 1\n  admin1: Murzuq\n  admin1: Fezzan\n  country: LBY\n- id: umm",
     "  admin1: Fezzan", "[0].admin1", "duplicate key (first given on line"),
    ("wrong type", "places.yaml", "  latitude: 24.95139", "  latitude: [24.95139]",
     None, "qatrun.latitude", "Input should be a valid number"),
    ("unknown field", "actors.yaml", "  kind: jihadist group", "  kind: jihadist group\n  aliasses: [IS]",
     "  aliasses", "islamic-state.aliasses", "unknown field"),
    ("missing field", "actors.yaml", "  name: Libyan National Army\n", "",
     "- id: lna", "lna.name", "required field is missing"),
    ("unknown reference", "events.yaml", "  place: umm-al-aranib", "  place: umm-al-arnib",
     None, "LBY0001.place", "unknown place 'umm-al-arnib' (did you mean 'umm-al-aranib'?)"),
    ("a name where an id goes", "events.yaml", "  actor1: islamic-state\n  actor2: lna\n  summary: A bomb",
     "  actor1: Islamic State\n  actor2: lna\n  summary: A bomb", None, "LBY0001.actor1",
     "'Islamic State' is not an id: ids are lower-case words joined by hyphens (islamic-state); give the record's id"),
    ("a value outside its vocabulary", "events.yaml", "  sub_event_type: Armed clash",
     "  sub_event_type: Armed clashes", None, "LBY0002.sub_event_type",
     "'Armed clashes' is not an allowed value (did you mean 'Armed clash'?); see"),
    ("a date claim after its source", "events.yaml", "      resolved: 2016-12", "      resolved: 2022-03",
     None, "LBY0003.claims[0].resolved", "2022-03 is after comeback-south was published (2022-01)"),
    ("unknown source in claim", "events.yaml", "    - source: comeback-south\n      field: date",
     "    - source: nowhere\n      field: date", None, "LBY0003.claims[0].source", "unknown source 'nowhere'"),
    ("duplicate id", "actors.yaml", "- id: umm-al-aranib-brigade", "- id: lna",
     None, "lna.id", "duplicate id (first used at data/actors.yaml:"),
    ("end before start", "events.yaml", "  date: 2022-01-18\n", "  date: 2022-01-18\n  end_date: 2022-01-17\n",
     "  end_date: 2022-01-17", "LBY0001.end_date", "end_date 2022-01-17 is before date 2022-01-18"),
    ("context with the Islamic State among the actors", "events.yaml", "  tags: [claimed by IS]\n  added: 2026-11-22",
     "  tags: [claimed by IS]\n  context: true\n  added: 2026-11-22", "  context: true", "LBY0001.context",
     "islamic-state is the Islamic State or under it: an event it takes part in is its activity, not context "
     "(actor1); drop context"),
    ("date in the future", "events.yaml", "  date: 2016-12", "  date: 2999-12",
     None, "LBY0003.date", "2999-12 is in the future"),
    ("added in the future", "events.yaml", "  tags: [claimed by IS]\n  added: 2026-11-22",
     "  tags: [claimed by IS]\n  added: 2999-01-01", "  added: 2999-01-01", "LBY0001.added",
     "2999-01-01 is in the future"),
    ("coordinates outside country", "places.yaml", "  latitude: 24.95139\n  longitude: 14.64861",
     "  latitude: 14.64861\n  longitude: 24.95139", None, "qatrun.latitude", "lies outside LBY"),
    ("quote not in seed", "events.yaml", "quote: an operation that killed 23 terrorists",
     "quote: an operation that killed 32 terrorists", None, "LBY0002.claims[1].quote",
     "not found verbatim in qatrun-second-attack's seed"),
    ("assessment quote not in seed", "assessments.yaml", "quote: important and continuing",
     "quote: vital and continuing", None, "tarhouni-operation.quote", "not found verbatim"),
    ("precision written wrongly", "events.yaml", "  date: 2016-12\n", "  date: 2016-12-01\n",
     None, "LBY0003.date", "month precision is written YYYY-MM, not '2016-12-01'"),
    ("impossible date", "events.yaml", "  date: 2022-01-18\n", "  date: 2022-02-30\n",
     None, "LBY0001.date", "day is out of range for month"),
    ("sub-type of another type", "events.yaml", "  sub_event_type: Armed clash", "  sub_event_type: Grenade",
     None, "LBY0002.sub_event_type", "'Grenade' is not a sub-type of 'Battles'"),
    ("unreadable figure", "events.yaml", "      value: 19\n", "      value: nineteen\n",
     None, "LBY0002.claims[0].value", "'nineteen' is not a figure"),
    ("figure without party", "events.yaml", "      party: lna\n      value: 2\n", "      value: 2\n",
     "- source: qatrun-second-attack\n      field: injuries", "LBY0001.claims[1].party", "names its party"),
    ("disagreement not marked disputed", "events.yaml", "  status: disputed\n", "  status: corroborated\n",
     None, "LBY0002.status", "sources disagree (fatalities of islamic-state: 19 vs 23;"),
    ("disputed without note", "events.yaml",
     "  dispute_note: The army's full casualty list would settle the soldiers' toll.\n", "",
     "  status: disputed", "LBY0002.status", "a disputed event needs a dispute_note"),
    ("corroborated written for a single origin", "events.yaml",
     "  status: single report\n  tags: [claimed by IS]", "  status: corroborated\n  tags: [claimed by IS]",
     None, "LBY0001.status",
     "its claims come from one origin: own reporting of qatrun-second-attack (in qatrun-second-attack)"),
    ("disputed written where nothing differs", "events.yaml",
     "  status: single report\n  tags: [claimed by IS]",
     "  status: disputed\n  dispute_note: a note\n  tags: [claimed by IS]", None, "LBY0001.status",
     "no two comparable claims disagree"),
    ("unknown origin", "events.yaml", "      origin: lna-statement\n", "      origin: nbc\n",
     None, "LBY0002.claims[0].origin", "unknown origin 'nbc'"),
    ("denied figure", "events.yaml", "      party: lna\n      value: 2\n",
     "      party: lna\n      polarity: denies\n      value: 2\n", "      polarity: denies",
     "LBY0001.claims[1].polarity", "a figure is not denied"),
    ("moment on a figure", "events.yaml", "      party: lna\n      value: 2\n",
     "      party: lna\n      moment: statement\n      value: 2\n", "      moment: statement",
     "LBY0001.claims[1].moment", "only a date claim says which moment it dates"),
    ("event after its source", "events.yaml", "  date: 2016-12", "  date: 2022-02",
     None, "LBY0003.date", "2022-02 is after comeback-south was published (2022-01)"),
    ("event id outside its country", "events.yaml", "- id: LBY0003", "- id: SYR0003",
     None, "SYR0003.id", "an event in LBY has an id starting LBY"),
    ("alias", "actors.yaml", "- id: islamic-state\n  name: Islamic State",
     "- id: islamic-state\n  name: &n Islamic State", "  name: *n", "",
     "anchors and aliases"),
    ("inferred date without reasoning", "sources.yaml",
     "    reasoning: Reports a statement made on Thursday, January 27 (2022).\n", "",
     "  published:\n    date: 2022-01\n", "comeback-south.published.reasoning", "an inferred date needs its reasoning"),
    ("date claim without its resolved date", "events.yaml", "      resolved: 2016-12\n", "",
     "    - source: comeback-south\n      field: date", "LBY0003.claims[0].resolved", "gives the date it resolves to"),
    ("coordinates without their gazetteer entry", "places.yaml", "  gazetteer: geonames:2219739\n", "",
     "- id: qatrun", "qatrun.gazetteer", "give latitude, longitude and their gazetteer entry together"),
    ("early count that is not a figure", "events.yaml", "      resolved: 2016-12\n",
     "      resolved: 2016-12\n      preliminary: true\n", "      preliminary: true", "LBY0003.claims[0].preliminary",
     "only a figure is an early count: drop preliminary"),
    ("a place named on a figure", "events.yaml", "      party: lna\n      value: 2\n",
     "      party: lna\n      at: qatrun\n      value: 2\n", "      at: qatrun", "LBY0001.claims[1].at",
     "only a place or location claim names the place it puts the event at"),
    ("a location at an unknown place", "events.yaml",
     "      field: date\n      value: December 2016\n      resolved: 2016-12\n",
     "      field: location\n      value: December 2016\n      at: qatrn\n", "      at: qatrn", "LBY0003.claims[0].at",
     "unknown place 'qatrn' (did you mean 'qatrun'?)"),
    ("a figure in a word no vocabulary holds", "events.yaml", "      value: 19\n", "      value: loads\n",
     None, "LBY0002.claims[0].value", "or the source's word when it gives no number (a few, several"),
    ("undated event not on its report's date", "events.yaml", "  date: 2022-01-18\n  date_precision: day\n",
     "  date: 2022-01-18\n  date_precision: day\n  undated: true\n", None, "LBY0001.date",
     "an undated event is shown on its first report's date: write date: 2022-01-29 and date_precision: day"),
    ("undated event a date claim dates", "events.yaml", "  date_precision: month\n  place: qatrun\n",
     "  date_precision: month\n  undated: true\n  place: qatrun\n", "  undated: true", "LBY0003.undated",
     "a date claim dates it: drop undated"),
    ("top level not a list", "assessments.yaml", "- id: tarhouni-operation\n", "tarhouni:\n- id: tarhouni-operation\n",
     None, "", "expected a list of assessments"),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "name", "old", "new", "marker", "field", "message"), CASES, ids=[c[0] for c in CASES])
def test_rule_reports_file_line_and_field(fixture_copy, rule, name, old, new, marker, field, message):
    if rule == "alias":
        # the alias must be used to be one: refer to the anchored name further down
        fixture_copy.edit("actors.yaml", "  name: Libyan National Army", "  name: *n")
    line = fixture_copy.edit(name, old, new)
    if marker is not None:
        line = fixture_copy.line_of(name, marker)
    with pytest.raises(DataError) as caught:
        load_dataset(fixture_copy.data)
    head = f"data/{name}:{line}: {field}: " if field else f"data/{name}:{line}: "
    reported = [str(p) for p in caught.value.problems]
    assert any(p.startswith(head) and message in p for p in reported), "\n".join(reported)


def test_missing_seed_is_reported(fixture_copy):
    (fixture_copy.root / "seeds" / "000_d1a4194e88349992.txt").unlink()
    line = fixture_copy.line_of("sources.yaml", "  seed: seeds/000")
    with pytest.raises(DataError, match=f"data/sources.yaml:{line}: comeback-south.seed: no such file"):
        load_dataset(fixture_copy.data)


def test_a_document_no_source_records_is_reported(fixture_copy):
    (fixture_copy.root / "seeds" / "999_stray.txt").write_text("A stray document.\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"seeds/999_stray\.txt:1: no source records this document: bring it in"):
        load_dataset(fixture_copy.data)


def test_two_sources_of_one_document_are_reported(fixture_copy):
    first, second = "seeds/000_d1a4194e88349992.txt", "seeds/003_fea7140efc87d72a.txt"
    fixture_copy.edit("sources.yaml", f"  seed: {second}", f"  seed: {first}")
    with pytest.raises(DataError) as caught:
        load_dataset(fixture_copy.data)
    reported = "\n".join(str(p) for p in caught.value.problems)
    assert "qatrun-second-attack.seed: seeds/000_d1a4194e88349992.txt is comeback-south's document already" in reported
    assert "seeds/003_fea7140efc87d72a.txt:1: no source records this document" in reported


def test_file_that_is_not_utf8_is_reported(fixture_copy):
    path = fixture_copy.data / "places.yaml"
    path.write_bytes(path.read_bytes().replace(b"Al Qatrun", "Al Qatrùn".encode("cp1252")))
    with pytest.raises(DataError, match=r"data/places.yaml:\d+: not UTF-8 text"):
        load_dataset(fixture_copy.data)


def test_unknown_data_file_is_reported(fixture_copy):
    (fixture_copy.data / "evnts.yaml").write_text("[]\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"data/evnts\.yaml:1: not a known kind of data file"):
        load_dataset(fixture_copy.data)


def test_all_problems_are_reported_at_once(fixture_copy):
    fixture_copy.edit("events.yaml", "  place: umm-al-aranib", "  place: nowhere")
    fixture_copy.edit("places.yaml", "  geo_precision: 1\n  admin1: Murzuq\n  country: LBY\n- id: umm",
                      "  geo_precision: 7\n  admin1: Murzuq\n  country: LBY\n- id: umm")  # fmt: skip
    fixture_copy.edit("actors.yaml", "  kind: state force\n  affiliation: lna", "  kind: army\n  affiliation: lna")
    with pytest.raises(DataError) as caught:
        load_dataset(fixture_copy.data)
    files = {p.file for p in caught.value.problems}
    assert files == {"data/events.yaml", "data/places.yaml", "data/actors.yaml"}


def test_quote_matches_across_a_hard_line_break(fixture_copy):
    # seed 000 breaks "three security forces\nwere killed" across lines
    dataset = load_dataset(fixture_copy.data)
    assert "three security forces were killed" in [c.quote for c in dataset.events["LBY0002"].claims]


def test_one_file_per_event_folder_loads_like_the_list(fixture_copy):
    events = fixture_copy.data / "events.yaml"
    text = events.read_text(encoding="utf-8")
    folder = fixture_copy.data / "events"
    folder.mkdir()
    header, *bodies = text.split("\n- id: ")
    for body in bodies:
        lines = ("id: " + body).splitlines()
        single = "\n".join(line[2:] if line.startswith("  ") else line for line in lines)
        (folder / f"{lines[0][4:]}.yaml").write_text(header + "\n" + single + "\n", encoding="utf-8")
    events.unlink()
    assert list(load_dataset(fixture_copy.data).events) == ["LBY0003", "LBY0001", "LBY0002"]


def test_future_is_judged_against_today(fixture_copy):
    with pytest.raises(DataError, match="2022-01-18 is in the future"):
        load_dataset(fixture_copy.data, today=dt.date(2022, 1, 10))
