"""Dates say no more than the sources do: an event's date meets its own date claims at their
precision, nothing resolves to the future, and the cut-off reads at its own precision."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.core import dates
from macros.core.yamlfile import DataError
from macros.load.loader import load_dataset
from tests.conftest import TODAY

MONTH_EVENT = "  date: 2016-12\n  date_precision: month\n"


def problems(fixture_copy, today: dt.date | None = None) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(fixture_copy.data, today=today)
    return [str(p) for p in caught.value.problems]


def test_an_invented_day_is_refused_when_the_claims_give_a_month(fixture_copy):
    line = fixture_copy.edit("events.yaml", MONTH_EVENT, "  date: 2016-12-01\n  date_precision: day\n")
    assert (
        f"data/events.yaml:{line}: LBY0003.date: 2016-12-01 is more precise than its date claims (2016-12): "
        "write the date they give"
    ) in problems(fixture_copy)


def test_an_approximate_date_may_name_a_day_within_its_claims(fixture_copy):
    fixture_copy.edit("events.yaml", MONTH_EVENT, "  date: 2016-12-15\n  date_precision: approximate\n")
    assert load_dataset(fixture_copy.data).events["LBY0003"].date == "2016-12-15"


def test_an_event_date_outside_its_date_claims_is_refused(fixture_copy):
    line = fixture_copy.edit("events.yaml", MONTH_EVENT, "  date: 2016-11\n  date_precision: month\n")
    assert (
        f"data/events.yaml:{line}: LBY0003.date: 2016-11 disagrees with claims[0], where comeback-south gives 2016-12"
    ) in problems(fixture_copy)


def test_a_resolved_date_in_the_future_is_refused(fixture_copy):
    line = fixture_copy.edit("events.yaml", "      resolved: 2016-12\n", "      resolved: 2999-12\n")
    assert f"data/events.yaml:{line}: LBY0003.claims[0].resolved: 2999-12 is in the future" in problems(fixture_copy)


def test_cutoff_of_a_month_dated_source_is_that_month_never_its_last_day():
    from tests.conftest import FIXTURES

    cutoff = load_dataset(FIXTURES / "data").cutoff
    # comeback-south is dated 2022-01 (month), qatrun-second-attack 2022-01-29 (day)
    assert (str(cutoff), cutoff.isoformat(), f"{cutoff:%-d %B %Y}") == ("January 2022", "2022-01", "January 2022")


def test_cutoff_of_a_later_day_is_that_day(fixture_copy):
    fixture_copy.edit("sources.yaml", "    date: 2022-01-29\n", "    date: 2022-02-03\n")
    cutoff = load_dataset(fixture_copy.data).cutoff
    assert (str(cutoff), cutoff.isoformat()) == ("Thu 3 Feb 2022", "2022-02-03")


def test_today_is_a_setting_the_tests_fix(monkeypatch):
    assert dates.today() == dt.date.fromisoformat(TODAY)  # tests/conftest.py sets LIBYA_WATCH_TODAY
    monkeypatch.setenv(dates.TODAY_SETTING, "2030-02-03")
    assert dates.today() == dt.date(2030, 2, 3)
    monkeypatch.setenv(dates.TODAY_SETTING, "3 February")
    with pytest.raises(SystemExit, match="LIBYA_WATCH_TODAY='3 February': write the day as YYYY-MM-DD"):
        dates.today()


def test_a_source_added_on_the_day_the_tests_run_is_not_in_the_future(fixture_copy):
    path = fixture_copy.data / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  added: 2026-11-22\n", f"  added: {TODAY}\n"))
    assert {source.added.isoformat() for source in load_dataset(fixture_copy.data).sources.values()} == {TODAY}
