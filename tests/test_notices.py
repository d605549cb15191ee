"""What make validate notes without refusing the data: two events that may be one, named at the
later one's line with the two ways out."""

from __future__ import annotations

import pytest

from macros.core.yamlfile import DataError
from macros.load.loader import load_dataset
from macros.load.notices import likely_duplicates

LATER = """- id: LBY0004
  date: 2022-01-19
  date_precision: approximate
  place: umm-al-aranib
  event_type: Battles
  sub_event_type: Armed clash
  actor1: islamic-state
  actor2: umm-al-aranib-brigade
  summary: IS claimed an attack on the brigade about a week before its claim.
  added: 2026-11-22
{distinct}  claims:
    - source: qatrun-second-attack
      field: fatalities
      party: lna
      value: 1
      quote: led to the death of an army soldier
"""


def add_later(copy, distinct: str = "") -> None:
    path = copy.data / "events.yaml"
    path.write_text(path.read_text(encoding="utf-8") + LATER.format(distinct=distinct), encoding="utf-8")


def test_an_event_at_the_same_place_and_days_with_the_same_actor_is_named_as_maybe_the_same(fixture_copy):
    add_later(fixture_copy)
    line = fixture_copy.line_of("events.yaml", "- id: LBY0004")
    notes = likely_duplicates(fixture_copy.data, load_dataset(fixture_copy.data))
    assert notes == [
        f"note: data/events.yaml:{line}: LBY0004: may be LBY0001 (2022-01-18, at Umm al Aranib, both with "
        "islamic-state): move its claims onto LBY0001, or record why they differ: distinct_from: "
        "[{event: LBY0001, reason: ...}]",
        # an approximate date may be a week out: the 19th may be the fighting of the 26th in the same district
        f"note: data/events.yaml:{line}: LBY0004: may be LBY0002 (2022-01-26, both in Murzuq, both with "
        "islamic-state, umm-al-aranib-brigade): move its claims onto LBY0002, or record why they differ: "
        "distinct_from: [{event: LBY0002, reason: ...}]",
    ]


REGION = """- id: the-south
  name: The south
  geo_precision: 3
  geo_note: A region; not plotted.
  country: LBY
"""


def add_in_the_south(copy, date: str) -> None:
    places = copy.data / "places.yaml"
    places.write_text(places.read_text(encoding="utf-8") + REGION, encoding="utf-8")
    later = LATER.format(distinct="").replace("place: umm-al-aranib", "place: the-south")
    later = later.replace("date: 2022-01-19\n  date_precision: approximate", f"date: {date}\n  date_precision: day")
    path = copy.data / "events.yaml"
    path.write_text(path.read_text(encoding="utf-8") + later, encoding="utf-8")


def test_an_event_placed_only_in_a_region_may_be_one_at_a_town_within_it(fixture_copy):
    add_in_the_south(fixture_copy, "2022-01-18")
    line = fixture_copy.line_of("events.yaml", "- id: LBY0004")
    notes = likely_duplicates(fixture_copy.data, load_dataset(fixture_copy.data))
    assert notes == [
        f"note: data/events.yaml:{line}: LBY0004: may be LBY0001 (2022-01-18, The south, placed no finer, may "
        "take in Umm al Aranib, both with islamic-state): move its claims onto LBY0001, or record why they "
        "differ: distinct_from: [{event: LBY0001, reason: ...}]"
    ]


def test_a_region_is_not_paired_with_an_event_dated_only_to_the_month(fixture_copy):
    add_in_the_south(fixture_copy, "2016-12-10")  # LBY0003, at Qatrun, is dated December 2016
    assert likely_duplicates(fixture_copy.data, load_dataset(fixture_copy.data)) == []


def test_recorded_as_distinct_with_a_reason_it_is_not_named_again(fixture_copy):
    distinct = "".join(
        f"    - event: {other}\n      reason: Another day and another toll.\n" for other in ("LBY0001", "LBY0002")
    )
    add_later(fixture_copy, "  distinct_from:\n" + distinct)
    assert likely_duplicates(fixture_copy.data, load_dataset(fixture_copy.data)) == []


def test_a_distinction_from_an_unknown_event_is_refused(fixture_copy):
    add_later(fixture_copy, "  distinct_from:\n    - event: LBY0099\n      reason: Another day.\n")
    with pytest.raises(DataError, match=r"LBY0004\.distinct_from\[0\]\.event: unknown event 'LBY0099'"):
        load_dataset(fixture_copy.data)
