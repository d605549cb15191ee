"""Derived figures: low, conservative (ACLED's lowest credible) and high, from claims only."""

from __future__ import annotations

import pytest

from macros.core.models import parse_figure
from macros.derive.comparison import analyse, conflicts
from macros.derive.figures import Figures
from macros.derive.figures import derive as derive_analysis
from macros.load.loader import load_dataset
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(FIXTURES / "data")


def derive(event, field, sources):
    return derive_analysis(analyse(event, _DATA.actors, _DATA.origins), field, sources)


def conflicts_of(event):
    return conflicts(analyse(event, _DATA.actors, _DATA.origins), _DATA.actors)


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
