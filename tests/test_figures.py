"""Derived figures: low, conservative (ACLED's lowest credible) and high, from claims only."""

from __future__ import annotations

import pytest

from macros.core.models import parse_figure
from macros.derive.comparison import analyse, conflicts
from macros.derive.figures import Figures, counted
from macros.derive.figures import derive as derive_analysis
from macros.load.loader import load_dataset
from macros.load.notices import nested_figures
from tests.conftest import FIXTURES
from tests.helpers import army_dead_as_unnamed_security_forces


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(FIXTURES / "data")


def derive(event, field, sources):
    return derive_analysis(analyse(event, _DATA.actors, _DATA.origins), field, sources, _DATA.actors)


def conflicts_of(event):
    return conflicts(analyse(event, _DATA.actors, _DATA.origins))


_DATA = load_dataset(FIXTURES / "data")


def test_disputed_fight_sums_each_partys_range(dataset):
    # IS dead: 19 (grade C) vs 23 (grade B); soldiers: 3 (C) vs "at least 4" (B)
    figures = derive(dataset.events["LBY0002"], "fatalities", dataset.sources)
    assert figures == Figures(low=22, conservative=22, high=27, open_ended=True)


@pytest.mark.parametrize("grade", ["D", "E"])
def test_conservative_ignores_sources_judged_unreliable(dataset, grade):
    # the source with the lower figures (19 and 3) graded E: the lowest credible is 23 + 4
    lowered = dataset.sources | {
        "comeback-south": dataset.sources["comeback-south"].model_copy(update={"reliability": grade})
    }
    figures = derive(dataset.events["LBY0002"], "fatalities", lowered)
    assert (figures.low, figures.conservative, figures.high) == (22, 27, 27)


def test_conservative_falls_back_to_low_without_a_credible_source(dataset):
    doubted = {k: s.model_copy(update={"reliability": "E"}) for k, s in dataset.sources.items()}
    figures = derive(dataset.events["LBY0002"], "fatalities", doubted)
    assert figures.conservative == figures.low == 22


def test_single_report_has_one_figure(dataset):
    assert derive(dataset.events["LBY0001"], "injuries", dataset.sources) == Figures(2, 2, 2, False)


def test_unreported_field_has_no_figures(dataset):
    assert derive(dataset.events["LBY0003"], "fatalities", dataset.sources) is None


def test_conflicts_name_each_disagreement(dataset):
    assert conflicts_of(dataset.events["LBY0002"]) == [
        "fatalities of islamic-state: 19 vs 23",
        "fatalities of lna: 3 vs at least 4",
    ]
    assert conflicts_of(dataset.events["LBY0001"]) == []


@pytest.mark.parametrize(
    ("stated", "bounds"),
    [("19", (19, 19)), ("about 40", (40, 40)), ("at least 5", (5, None)), ("up to 7", (0, 7)),
     ("5-7", (5, 7)), ("5 - 7", (5, 7))],
)  # fmt: skip
def test_figures_are_read_as_stated(stated, bounds):
    assert parse_figure(stated) == bounds


@pytest.mark.parametrize("stated", ["nineteen", "7-5", "19 or so", ""])
def test_unreadable_figures_are_refused(stated):
    with pytest.raises(ValueError):
        parse_figure(stated)


def _with_dates(event, *resolved: str):
    """Date claims from the fixture's two documents in turn: independent voices."""
    claims = [
        event.claims[0].model_copy(update={"source": source, "field": "date", "party": None, "value": r, "resolved": r})
        for r, source in zip(resolved, ["qatrun-second-attack", "comeback-south"], strict=False)
    ]
    return event.model_copy(update={"claims": claims})


def test_dates_that_overlap_agree(dataset):
    # "January 2017" and "January 18" [2017]: the same strike, told at two precisions
    assert conflicts_of(_with_dates(dataset.events["LBY0001"], "2017-01", "2017-01-18")) == []


def test_a_day_confirms_its_month_but_a_month_does_not_confirm_the_day(dataset):
    (point,) = analyse(
        _with_dates(dataset.events["LBY0001"], "2017-01", "2017-01-18"), _DATA.actors, _DATA.origins
    ).points
    month, day = point.claims
    assert point.relation(month, day) == "agrees" and point.relation(day, month) == "consistent"
    assert (point.credibility(month), point.credibility(day)) == (1, 6)


def test_a_voice_revising_its_own_figure_is_not_a_dispute(dataset):
    one_voice = _with_dates(dataset.events["LBY0001"], "2022-01-26", "2022-01-27")
    one_voice = one_voice.model_copy(
        update={"claims": [c.model_copy(update={"source": "comeback-south"}) for c in one_voice.claims]}
    )
    (point,) = analyse(one_voice, _DATA.actors, _DATA.origins).points
    assert point.relation(*point.claims) == "differs (same voice)" and not point.disputed


def test_dates_that_cannot_overlap_disagree(dataset):
    assert conflicts_of(_with_dates(dataset.events["LBY0001"], "2022-01-26", "2022-01-27")) == [
        "date: 2022-01-26 vs 2022-01-27"
    ]


def test_a_source_whose_reliability_cannot_be_judged_still_counts(dataset):
    unjudged = dataset.sources | {
        "comeback-south": dataset.sources["comeback-south"].model_copy(update={"reliability": "F"})
    }
    assert derive(dataset.events["LBY0002"], "fatalities", unjudged).conservative == 22


def _army_statement_gives_its_three_dead(copy) -> None:
    """The fixture's three dead come from the army statement that comeback-south relays."""
    copy.edit("events.yaml", "      quote: three security forces were killed\n",
              "      quote: three security forces were killed\n      origin: lna-statement\n")  # fmt: skip


def _add_claim(copy, source: str, value: int, quote: str, origin: str | None = None) -> None:
    """A fatalities claim for the Umm al-Aranib brigade, added to LBY0002."""
    claim = f"    - source: {source}\n      field: fatalities\n      party: umm-al-aranib-brigade\n"
    claim += f"      value: {value}\n      quote: {quote}\n" + (f"      origin: {origin}\n" if origin else "")
    path = copy.data / "events.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- id: LBY0003\n", claim + "- id: LBY0003\n"))


def test_one_origins_dead_named_as_a_unit_in_one_relay_are_counted_once(fixture_copy):
    """The army statement's three dead, relayed by a second document as members of the army's Umm
    al-Aranib brigade: the brigade is within the army, so the total counts them once, and make
    validate notes the figure at its line."""
    _army_statement_gives_its_three_dead(fixture_copy)
    before = load_dataset(fixture_copy.data).figures("LBY0002")
    cites = "- id: qatrun-second-attack\n  cites: [lna-statement]\n"
    fixture_copy.edit("sources.yaml", "- id: qatrun-second-attack\n", cites)
    _add_claim(fixture_copy, "qatrun-second-attack", 3, "killing 4 army men", origin="lna-statement")
    data = load_dataset(fixture_copy.data)
    (unit,) = [p for p in data.analysis("LBY0002").points if p.parties == ("umm-al-aranib-brigade",)]
    assert unit not in counted(data.analysis("LBY0002"), "fatalities", data.actors)
    assert data.figures("LBY0002") == before
    line = fixture_copy.line_of("events.yaml", "      party: umm-al-aranib-brigade")
    assert nested_figures(fixture_copy.data, data) == [
        f"note: data/events.yaml:{line}: LBY0002.claims[4].party: umm-al-aranib-brigade is within lna, for which "
        "lna-statement gives a fatalities figure too (claims[2]): counted once, as lna's"
    ]


def test_a_units_figure_from_another_voice_is_shown_and_not_added_to_its_forces(fixture_copy):
    """Nested parties from different voices are not a dispute either: the unit's figure is part of
    its force's, never added on top, and nothing is counted twice to note."""
    _army_statement_gives_its_three_dead(fixture_copy)
    before = load_dataset(fixture_copy.data).figures("LBY0002")
    _add_claim(fixture_copy, "comeback-south", 2, "three security forces were killed")
    data = load_dataset(fixture_copy.data)
    assert data.figures("LBY0002") == before
    assert data.status("LBY0002") == load_dataset(FIXTURES / "data").status("LBY0002")
    assert nested_figures(fixture_copy.data, data) == []


def test_a_units_dead_only_may_be_within_a_party_the_source_left_unnamed(fixture_copy):
    """The army statement's three dead relayed as "security forces" (force not named) and as the
    brigade's: the brigade is counted once, and the note says it may be within them, never is."""
    army_dead_as_unnamed_security_forces(fixture_copy)
    _army_statement_gives_its_three_dead(fixture_copy)
    cites = "- id: qatrun-second-attack\n  cites: [lna-statement]\n"
    fixture_copy.edit("sources.yaml", "- id: qatrun-second-attack\n", cites)
    _add_claim(fixture_copy, "qatrun-second-attack", 3, "killing 4 army men", origin="lna-statement")
    data = load_dataset(fixture_copy.data)
    line = fixture_copy.line_of("events.yaml", "      party: umm-al-aranib-brigade")
    assert nested_figures(fixture_copy.data, data) == [
        f"note: data/events.yaml:{line}: LBY0002.claims[4].party: umm-al-aranib-brigade may be within "
        "security-forces, for which lna-statement gives a fatalities figure too (claims[2]): counted once, as "
        "security-forces's"
    ]


def test_the_dead_a_source_named_no_force_for_are_the_named_forces_at_the_low_end_and_added_at_the_top(fixture_copy):
    """The comeback report's 3 dead "security forces" (force not named) beside the army's 4 or more:
    the low end takes them as the same dead, the top adds them, and `unnamed_added` says what the top
    adds to whose figure, for every view to word beside the range."""
    army_dead_as_unnamed_security_forces(fixture_copy, values=("3",))
    data = load_dataset(fixture_copy.data)
    figures = data.figures("LBY0002")
    assert (figures.low, figures.high, figures.open_ended) == (19 + 3, 23 + 4 + 3, True)
    (added,) = data.unnamed_added("LBY0002")
    assert (added.unnamed.high, added.named.high, added.named.open_ended) == (3, 4, True)
    assert set(added.point.parties) == {"lna", "security-forces"}
    assert load_dataset(FIXTURES / "data").unnamed_added("LBY0002") == []  # named dead only: nothing added apart
