"""The encoded seed data: complete, faithful, every disagreement kept, tricky dates pinned."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.core.models import date_bounds
from macros.derive.comparison import conflicts
from macros.load.loader import load_dataset
from macros.load.review import review_dataset
from tests.conftest import BRIEFING
from tests.seed_subset import original_five


@pytest.fixture(scope="module", params=["briefing", "grown"])
def data_dir(request):
    """The briefing fixture, and a copy with valid later reports added: later reports move none of these."""
    return BRIEFING / "data" if request.param == "briefing" else request.getfixturevalue("grown_data")


@pytest.fixture(scope="module")
def data(data_dir):
    return load_dataset(data_dir)


@pytest.fixture(scope="module")
def five(data):
    """The data as the five original documents alone give it: later reports cannot move it."""
    return original_five(data)


def resolved_dates(event, source_id):
    return [c.resolved for c in event.claims if c.field == "date" and c.source == source_id]


# --- sources and seeds ---------------------------------------------------------------------------


def test_every_seed_has_exactly_one_source(data, data_dir):
    seeds = sorted(p.name for p in (data_dir.parent / "seeds").iterdir())
    assert sorted(s.seed.removeprefix("seeds/") for s in data.sources.values()) == seeds


def test_every_source_reports_at_least_one_event(data):
    for source_id in data.sources:
        assert data.events_from(source_id), source_id


def test_information_cutoff_is_the_newest_sources_date_at_its_precision(data):
    dated = [s.published for s in data.sources.values() if s.published.date]
    assert (data.cutoff.date, data.cutoff.precision) in {(p.date, p.precision) for p in dated}
    assert all(date_bounds(p.date)[1] <= data.cutoff.last_day for p in dated)


# --- events and claims ---------------------------------------------------------------------------


def test_events_span_2011_to_january_2022(five):
    starts = [e.start for e in five.events.values()]
    assert min(starts).year == 2011 and max(starts) <= dt.date(2022, 1, 31)
    assert len(five.events) >= 17


def test_no_event_starts_after_the_information_cutoff(data):
    assert all(e.start <= data.cutoff.last_day for e in data.events.values())


def test_events_outside_libya_are_in_their_own_country(data):
    for event in data.events.values():
        assert event.id[:3] == data.country_of(event).id, event.id


def test_month_known_dates_are_never_written_as_days(data):
    for event in data.events.values():
        if event.date_precision in ("month", "year"):
            assert len(event.date.split("-")) == {"month": 2, "year": 1}[event.date_precision], event.id


def test_qatrun_fight_keeps_every_sources_figures(five):
    qatrun = five.events["LBY0009"]
    figures = {(c.source, c.party, c.value) for c in qatrun.claims if c.field == "fatalities"}
    assert figures >= {
        ("comeback-from-southern-libya", "islamic-state", "19"),
        ("qatrun-second-attack", "islamic-state", "23"),
        ("comeback-from-southern-libya", "security-forces-unnamed", "3"),
        ("qatrun-second-attack", "lna", "4"),
    }
    # 19-23 militants (the army's two counts); 3-7 security forces (the ministry's three may be others)
    derived = five.figures("LBY0009")
    assert (derived.low, derived.conservative, derived.high) == (22, 22, 30)
    points = " | ".join(conflicts(five.analysis("LBY0009")))
    assert "fatalities" not in points  # the army revising its count is not a dispute between voices
    assert "near mount asida, west of qatroun" in points.casefold()
    assert "jabal asida, south of qatrun" in points.casefold()


def test_qatrun_fight_keeps_the_denied_participation_as_a_dispute(five):
    (point,) = [p for p in five.analysis("LBY0009").points if p.field == "participants" and p.parties]
    assert point.parties == ("ministry-of-interior",)
    assert {c.polarity for c in point.claims} == {"affirms", "denies"}
    assert point.disputed


def test_the_ministrys_security_forces_are_not_counted_as_the_army(five):
    (point,) = [p for p in five.analysis("LBY0009").points if p.field == "fatalities" and "lna" in p.parties]
    assert set(point.parties) == {"lna", "security-forces-unnamed"}
    ministry = next(c for c in point.claims if c.value == "3")
    assert ministry.party == "security-forces-unnamed"


def test_one_statement_relayed_by_two_documents_is_one_voice(five):
    # Ghasri's statement reached one document via the Telegraph and another via The Independent
    analysis = five.analysis("LBY0011")
    (location,) = [p for p in analysis.points if p.field == "location"]
    assert len(location.sources) == 2 and len(location.independent_voices) == 1
    assert analysis.status == "single report"


# --- tricky dates --------------------------------------------------------------------------------


def test_january_18_belongs_to_a_different_year_in_each_document(data):
    # "On January 18" in a 2022 report is the Umm al-Aranib bomb; "January 18" in AFRICOM's 2017
    # testimony is the US strike after Sirte fell.
    assert resolved_dates(data.events["LBY0008"], "qatrun-second-attack") == ["2022-01-18"]
    assert resolved_dates(data.events["LBY0005"], "libya-sounds-the-alarm") == ["2017-01-18"]


def test_weekdays_resolve_from_the_documents_own_date(data):
    published = dt.date.fromisoformat(data.sources["qatrun-second-attack"].published.date)
    assert published.strftime("%A") == "Saturday"
    (wednesday,) = resolved_dates(data.events["LBY0009"], "qatrun-second-attack")
    assert dt.date.fromisoformat(wednesday).strftime("%A") == "Wednesday"
    assert (published - dt.date.fromisoformat(wednesday)).days == 3
    (thursday,) = resolved_dates(data.events["LBY0009"], "comeback-from-southern-libya")
    assert dt.date.fromisoformat(thursday) == dt.date(2022, 1, 27)
    assert dt.date(2022, 1, 27).strftime("%A") == "Thursday"


def test_end_of_last_year_resolves_from_a_2017_document(data):
    assert data.sources["libya-sounds-the-alarm"].published.date == "2017"
    assert "2016" in resolved_dates(data.events["LBY0004"], "libya-sounds-the-alarm")


def test_month_and_day_precision_of_the_january_2017_strike_agree(data):
    strike = data.events["LBY0005"]
    assert resolved_dates(strike, "doolan-regroup-2018") == ["2017-01"]
    assert not any(point.startswith("date") for point in conflicts(data.analysis("LBY0005")))


# --- places and actors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "spellings", "entry"),
    [
        ("places", ["Qatrun", "Qatroun"], "qatrun"),
        ("places", ["Sabha", "Sebha"], "sabha"),
        ("places", ["Bani Walid", "Bani Waleed"], "bani-walid"),
        ("places", ["Jabal Asida", "Mount Asida", "Asida Mountain"], "jabal-asida"),
        ("places", ["al-Araneb", "Umm al-Aranib"], "umm-al-aranib"),
        ("actors", ["Mohamed Ghasri", "Mohammed al-Ghossri", "Ghossri"], "mohamed-ghasri"),
        ("actors", ["al-Bunyan al-Marsous", "al-Bunyan al-Masrous forces"], "al-bunyan-al-marsous"),
        ("actors", ["Muammar Gaddafi", "Muammar Gadhafi"], "muammar-gaddafi"),
        ("actors", ["Islamic State", "ISIS", "ISIL", "Daesh"], "islamic-state"),
        ("actors", ["Thomas D. Waldhauser", "Thomas Waldhauser", "AFRICOM"], None),
    ],
)
def test_every_spelling_resolves_to_one_entry(data, kind, spellings, entry):
    index = {}
    for item in getattr(data, kind).values():
        for name in (item.name, *item.aliases):
            index.setdefault(name, set()).add(item.id)
    found = set().union(*(index.get(s, {"<missing>"}) for s in spellings))
    assert "<missing>" not in found, spellings
    if entry:
        assert found == {entry}


def test_the_data_passes_the_validators_review_rules(data, data_dir):
    """Spellings and coordinates: the rules `make validate` adds (macros/load/review.py)."""
    assert [str(p) for p in review_dataset(data_dir, data)] == []
