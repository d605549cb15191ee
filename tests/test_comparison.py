"""One fixture per analytic rule, each with the derivation it must give: origins and voices,
comparable points, scope, polarity, unnamed parties, credibility and relative locations."""

from __future__ import annotations

import textwrap

import pytest
from geographiclib.geodesic import Geodesic

from macros.core.yamlfile import DataError
from macros.derive import locations
from macros.load.loader import load_dataset
from macros.views import maps
from macros.views.eventview import status_words
from tests.conftest import PROJECT
from tests.helpers import render_exports
from tests.test_readme_terms import stated

EVENT = """
- id: LBY0004
  date: 2022-01-27
  date_precision: day
  place: {place}
  event_type: Battles
  sub_event_type: Armed clash
  actor1: islamic-state
  actor2: lna
  summary: A fixture event for one rule.
{status}  added: 2026-11-22
  claims:
"""
CONTRIBUTING = " ".join((PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8").split())
# Two documents of the fixture, and a passage each can be quoted from.
COMEBACK = ("comeback-south", "announced in a statement on Thursday, January 27")
QATRUN = ("qatrun-second-attack", "on Thursday, the 110th Battalion of the army joined them")


def claim(document: tuple[str, str], **fields: object) -> str:
    source, quote = document
    fields.setdefault("quote", quote)
    return "".join([f"    - source: {source}\n", *(f"      {key}: {value}\n" for key, value in fields.items())])


def with_event(copy, *claims: str, place: str = "qatrun", status: str | None = None) -> None:
    header = EVENT.format(place=place, status=f"  status: {status}\n" if status else "")
    path = copy.data / "events.yaml"
    path.write_text(path.read_text(encoding="utf-8") + header + "".join(claims), encoding="utf-8")


def append(copy, name: str, text: str) -> None:
    path = copy.data / name
    path.write_text(path.read_text(encoding="utf-8") + textwrap.dedent(text), encoding="utf-8")


def cite_everywhere(copy, origin: str) -> None:
    """Both fixture documents relay `origin`."""
    append(copy, "origins.yaml", f"- id: {origin}\n  kind: statement\n  name: A fixture statement\n  speaker: lna\n")
    for source in ("comeback-south", "qatrun-second-attack"):
        copy.edit("sources.yaml", f"- id: {source}\n", f"- id: {source}\n  cites: [{origin}]\n")
    copy.edit("sources.yaml", "  cites: [lna-statement]\n", "")
    copy.edit("events.yaml", "      origin: lna-statement\n", "")


# --- origins and independence --------------------------------------------------------------------


def test_one_origin_relayed_by_two_documents_is_a_single_report(fixture_copy):
    cite_everywhere(fixture_copy, "army-statement")
    date = {"field": "date", "value": "27 January", "resolved": "2022-01-27", "origin": "army-statement"}
    with_event(fixture_copy, claim(COMEBACK, **date), claim(QATRUN, **date))
    data = load_dataset(fixture_copy.data)
    (point,) = data.analysis("LBY0004").points
    assert point.sources == ["comeback-south", "qatrun-second-attack"]
    assert point.independent_voices == ["actor:lna"]
    assert point.relation(*point.claims) == "same origin"
    assert data.status("LBY0004") == "single report"
    assert data.analysis("LBY0004").credibility(point.claims[0]) == 6


def test_a_relay_typed_corroborated_is_refused_with_the_reason(fixture_copy):
    cite_everywhere(fixture_copy, "army-statement")
    date = {"field": "date", "value": "27 January", "resolved": "2022-01-27", "origin": "army-statement"}
    with_event(fixture_copy, claim(COMEBACK, **date), claim(QATRUN, **date), status="corroborated")
    line = fixture_copy.line_of("events.yaml", "  status: corroborated")
    with pytest.raises(DataError) as caught:
        load_dataset(fixture_copy.data)
    assert (
        f"data/events.yaml:{line}: LBY0004.status: its claims come from one origin: army-statement "
        "(in comeback-south and qatrun-second-attack): it is a single report"
    ) in [str(p) for p in caught.value.problems]


def test_two_independent_voices_that_agree_corroborate_and_confirm(fixture_copy):
    date = {"field": "date", "value": "27 January", "resolved": "2022-01-27"}
    with_event(fixture_copy, claim(COMEBACK, **date), claim(QATRUN, **date))
    data = load_dataset(fixture_copy.data)
    (point,) = data.analysis("LBY0004").points
    assert point.relation(*point.claims) == "agrees" and point.corroborated
    assert data.status("LBY0004") == "corroborated"
    assert {data.analysis("LBY0004").credibility(c) for c in point.claims} == {1}


def test_an_analysts_credibility_overrides_the_derived_one(fixture_copy):
    overridden = {"field": "date", "value": "27 January", "resolved": "2022-01-27",
                  "credibility": "{rating: 2, reason: the ministry confirmed it later}"}  # fmt: skip
    with_event(fixture_copy, claim(COMEBACK, **overridden))
    data = load_dataset(fixture_copy.data)
    assert data.analysis("LBY0004").credibility(data.events["LBY0004"].claims[0]) == 2


# --- comparability ------------------------------------------------------------------------------


def test_a_part_scope_figure_never_moves_the_total(fixture_copy):
    before = load_dataset(fixture_copy.data).figures("LBY0002")
    fixture_copy.edit(
        "events.yaml",
        "      value: at least 4\n      quote: killing 4 army men\n",
        "      value: at least 4\n      quote: killing 4 army men\n    - source: comeback-south\n"
        "      field: fatalities\n      party: islamic-state\n      scope: the first clash\n      value: 4\n"
        "      quote: three security forces were killed\n",
    )
    data = load_dataset(fixture_copy.data)
    assert data.figures("LBY0002") == before
    (part,) = [p for p in data.analysis("LBY0002").points if p.scope]
    assert (part.scope, part.parties, part.disputed) == ("the first clash", ("islamic-state",), False)


def test_dates_of_different_moments_are_not_compared(fixture_copy):
    # 27 and 28 January would disagree as dates of one moment; the post is not the incident
    incident = {"field": "date", "value": "Thursday, January 27", "resolved": "2022-01-27"}
    post = {"field": "date", "value": "Friday", "resolved": "2022-01-28", "moment": "statement",
            "quote": "published on his Facebook page on Friday"}  # fmt: skip
    with_event(fixture_copy, claim(COMEBACK, **incident), claim(QATRUN, **post))
    data = load_dataset(fixture_copy.data)
    assert [p.moment for p in data.analysis("LBY0004").points] == ["incident", "statement"]
    assert data.status("LBY0004") == "single report"


def test_a_denial_against_an_affirmation_is_a_dispute_that_needs_its_note(fixture_copy):
    took_part = {"field": "participants", "party": "lna", "value": "the army took part"}
    with_event(fixture_copy, claim(COMEBACK, **took_part), claim(QATRUN, **took_part, polarity="denies"))
    with pytest.raises(DataError) as caught:
        load_dataset(fixture_copy.data)
    assert any("participants of lna: not: the army took part vs the army took part" in str(p)
               for p in caught.value.problems)  # fmt: skip


def test_a_denial_is_shown_as_disputed_once_noted(fixture_copy):
    took_part = {"field": "participants", "party": "lna", "value": "the army took part"}
    with_event(fixture_copy, claim(COMEBACK, **took_part), claim(QATRUN, **took_part, polarity="denies"))
    note = "  dispute_note: Orders of battle would settle it.\n"
    fixture_copy.edit(
        "events.yaml", "  summary: A fixture event for one rule.\n", "  summary: A fixture event for one rule.\n" + note
    )
    data = load_dataset(fixture_copy.data)
    (point,) = data.analysis("LBY0004").points
    assert point.disputed and point.relation(*point.claims) == "contradicts"
    assert data.status("LBY0004") == "disputed"


def test_details_are_never_labelled(fixture_copy):
    detail = {"field": "detail", "value": "the same words"}
    with_event(fixture_copy, claim(COMEBACK, **detail), claim(QATRUN, **detail))
    data = load_dataset(fixture_copy.data)
    (point,) = data.analysis("LBY0004").points
    assert point.relation(*point.claims) is None and not point.compared
    assert data.status("LBY0004") == "single report"


# --- parties the source did not name ---------------------------------------------------------------


def test_an_unnamed_party_is_compared_with_the_forces_it_may_be_and_assigned_to_none(fixture_copy):
    append(fixture_copy, "actors.yaml", """
        - id: security-forces
          name: Security forces (force not named)
          kind: unnamed party
          may_be: [lna]
        """)  # fmt: skip
    before = load_dataset(fixture_copy.data).figures("LBY0002")
    fixture_copy.edit(
        "events.yaml", "      party: lna\n      value: 3\n", "      party: security-forces\n      value: 3\n"
    )
    data = load_dataset(fixture_copy.data)
    (point,) = [p for p in data.analysis("LBY0002").points if "lna" in p.parties]
    assert set(point.parties) == {"lna", "security-forces"} and point.unnamed == {"security-forces"}
    assert point.relation(*point.claims) == "may differ" and not point.disputed  # perhaps other people
    assert {data.analysis("LBY0002").credibility(c) for c in point.claims} == {6}
    figures = data.figures("LBY0002")
    assert figures.low == before.low  # at the low end the same people as the army's dead
    assert figures.high == before.high + 3  # at the high end others besides them
    rows = render_exports(data)["claims.csv"].splitlines()
    assert any(row.startswith("LBY0002,comeback-south,fatalities,security-forces,3,") for row in rows)
    assert not any(row.startswith("LBY0002,comeback-south,fatalities,lna,3,") for row in rows)


# --- honest locations ------------------------------------------------------------------------------

RELATIVE = """
- id: mount-asida
  name: Mount Asida
  relative_to:
    - place: qatrun
      bearing: west
      stated: west of Qatroun
      source: comeback-south
  geo_precision: 2
  country: LBY
"""


def test_a_direction_from_a_town_is_not_drawn_as_the_town(fixture_copy):
    append(fixture_copy, "places.yaml", RELATIVE)
    with_event(fixture_copy, claim(COMEBACK, field="location", value="west of Qatroun"), place="mount-asida")
    data = load_dataset(fixture_copy.data)
    (position,) = data.location("mount-asida").positions
    assert (position.precision, position.bearing) == ("direction", 270.0)
    traces = {t["name"]: t for t in maps.event_map(data, [data.events["LBY0004"]]).figure["data"]}
    marks = [name for name in traces if name in {mark[0] for mark in maps.MAP_MARKS.values()}]
    assert marks == [maps.MAP_MARKS["direction"][0]]  # an arrow, no dot at the town
    assert traces[maps.MAP_MARKS["direction"][0]]["marker"]["angle"] == [270.0]
    assert traces["Town a position is measured from"]["hovertext"] == ["Al Qatrun"]
    assert traces["Labels"]["text"][0].startswith("Al Qatrun<br>")


def test_a_bearing_and_distance_give_a_computed_point(fixture_copy):
    measured = "      bearing: south-east\n      distance: 150\n      unit: miles\n"
    append(fixture_copy, "places.yaml", RELATIVE.replace("      bearing: west\n", measured))
    data = load_dataset(fixture_copy.data)
    (position,) = data.location("mount-asida").positions
    qatrun = data.places["qatrun"]
    line = Geodesic.WGS84.Inverse(qatrun.latitude, qatrun.longitude, position.latitude, position.longitude)
    assert position.precision == "computed"
    assert abs(line["s12"] / 1000 - 241.4) < 0.1 and abs(line["azi1"] - 135) < 0.01


def test_positions_from_two_sources_make_a_disputed_location(fixture_copy):
    second = (
        "    - place: qatrun\n      bearing: south\n      stated: south of Qatrun\n      source: qatrun-second-attack\n"
    )
    append(fixture_copy, "places.yaml", RELATIVE.replace("  geo_precision: 2\n", second + "  geo_precision: 2\n"))
    data = load_dataset(fixture_copy.data)
    location = data.location("mount-asida")
    assert location.disputed and [p.bearing for p in location.positions] == [270.0, 180.0]


def test_a_relative_position_must_start_from_a_gazetteer_place(fixture_copy):
    append(
        fixture_copy, "places.yaml", RELATIVE + RELATIVE.replace("mount-asida", "spur").replace("qatrun", "mount-asida")
    )
    line = fixture_copy.line_of("places.yaml", "    - place: mount-asida")
    with pytest.raises(DataError) as caught:
        load_dataset(fixture_copy.data)
    assert f"data/places.yaml:{line}: spur.relative_to[0].place: mount-asida has no gazetteer coordinates" in " ".join(
        str(p) for p in caught.value.problems
    )


def test_an_origin_a_document_does_not_cite_is_refused(fixture_copy):
    append(fixture_copy, "origins.yaml", "- id: other\n  kind: post\n  name: A post\n")
    line = fixture_copy.edit("events.yaml", "      origin: lna-statement\n", "      origin: other\n")
    with pytest.raises(DataError) as caught:
        load_dataset(fixture_copy.data)
    assert f"data/events.yaml:{line}: LBY0002.claims[0].origin: other is not in comeback-south's cites: add it" in [
        str(p) for p in caught.value.problems
    ]


# --- figures that differ: a dispute between voices, a revision within one -------------------------

TOLL_19 = ("comeback-south", "resulted in the killing of 19 ISIS militants")
TOLL_23 = ("qatrun-second-attack", "an operation that killed 23 terrorists")
DISPUTED = "disputed\n  dispute_note: A casualty list would settle it."


def test_differing_figures_from_two_independent_voices_make_the_event_disputed(fixture_copy):
    toll = {"field": "fatalities", "party": "islamic-state"}
    with_event(fixture_copy, claim(TOLL_19, value=19, **toll), claim(TOLL_23, value=23, **toll), status=DISPUTED)
    data = load_dataset(fixture_copy.data)
    (point,) = data.analysis("LBY0004").points
    assert point.relation(*point.claims) == "differs" and point.disputed
    assert data.status("LBY0004") == "disputed"


def test_one_voice_revising_its_own_figure_is_not_a_dispute(fixture_copy):
    """The methodology's rule (Point.disputed): two relays of one statement giving 19 and 23 are
    one voice that revised its count, not two voices that disagree."""
    cite_everywhere(fixture_copy, "army-statement")
    toll = {"field": "fatalities", "party": "islamic-state", "origin": "army-statement"}
    with_event(fixture_copy, claim(TOLL_19, value=19, **toll), claim(TOLL_23, value=23, **toll))
    data = load_dataset(fixture_copy.data)
    (point,) = data.analysis("LBY0004").points
    assert point.relation(*point.claims) == "differs (same voice)" and not point.disputed
    assert data.status("LBY0004") == "single report"


def test_dead_the_source_names_no_side_for_may_be_the_one_side_another_source_names(fixture_copy):
    """ "Four people were killed" against "two soldiers were killed": one point, never 6 dead. The
    unnamed people may be the soldiers (the low end) or others (the high end); with two named
    sides in the event, whose dead they are cannot be told, and they stay apart."""
    append(fixture_copy, "actors.yaml", "- id: people-unnamed\n  name: People (not named)\n  kind: unnamed party\n")
    toll = {"field": "fatalities"}
    with_event(
        fixture_copy,
        claim(TOLL_19, party="lna", value=2, **toll),
        claim(TOLL_23, party="people-unnamed", value=4, **toll),
    )
    data = load_dataset(fixture_copy.data)
    (point,) = data.analysis("LBY0004").points
    assert point.parties == ("lna", "people-unnamed") and not point.disputed
    figures = data.figures("LBY0004")
    assert (figures.low, figures.high) == (2, 6)


def test_dead_the_source_names_no_side_for_stay_apart_when_two_sides_have_figures(fixture_copy):
    append(fixture_copy, "actors.yaml", "- id: people-unnamed\n  name: People (not named)\n  kind: unnamed party\n")
    toll = {"field": "fatalities"}
    with_event(
        fixture_copy,
        claim(TOLL_19, party="islamic-state", value=19, **toll),
        claim(COMEBACK, party="lna", value=2, **toll),
        claim(TOLL_23, party="people-unnamed", value=4, **toll),
    )
    points = load_dataset(fixture_copy.data).analysis("LBY0004").points
    assert [p.parties for p in points] == [("islamic-state",), ("lna",), ("people-unnamed",)]


# --- locations compared by what they place -------------------------------------------------------


def camp(place_id: str, *positions: tuple[str, str, str]) -> str:
    """A place the gazetteer lacks, put 150 miles (or as given) from Qatrun by each document:
    (source, bearing, distance in miles)."""
    relative = "".join(
        f"    - place: qatrun\n      bearing: {bearing}\n      distance: {distance}\n      unit: miles\n"
        f"      stated: {'the city of Qatrun' if source == 'comeback-south' else 'The Qatrun attack'}\n"
        f"      source: {source}\n"
        for source, bearing, distance in positions
    )
    return f"- id: {place_id}\n  name: A camp\n  relative_to:\n{relative}  geo_precision: 2\n  country: LBY\n"


def located(value: str, at: str | None, document: tuple[str, str] = COMEBACK) -> str:
    return claim(document, field="location", value=value, **({"at": at} if at else {}))


@pytest.mark.parametrize(
    ("second", "relation", "status"),
    [(("south-east", 155, "an encampment 150 miles south-east"), "agrees", "corroborated"),
     (("south-west", 150, "a camp 150 miles south-west"), "differs", "disputed")],
)  # fmt: skip
def test_locations_are_compared_by_the_spot_they_place_not_their_words(fixture_copy, second, relation, status):
    """ "A camp about 150 miles south-east" and "an encampment 150 miles south-east" of a town (one
    document putting it 155 miles out) are one spot, a few miles apart: not a dispute. South-west
    of it is another spot: a dispute."""
    bearing, distance, words = second
    append(fixture_copy, "places.yaml", camp("camp", ("comeback-south", "south-east", 150),
                                             ("qatrun-second-attack", bearing, distance)))  # fmt: skip
    with_event(
        fixture_copy,
        located("a camp about 150 miles south-east of Qatrun", "camp"),
        located(f"{words} of Qatrun", "camp", QATRUN),
        place="camp",
        status=DISPUTED if status == "disputed" else None,
    )
    data = load_dataset(fixture_copy.data)
    (point,) = data.analysis("LBY0004").points
    assert (point.relation(*point.claims), data.status("LBY0004")) == (relation, status)
    assert data.location("camp").disputed == (status == "disputed")  # the map's word, the same rule


def test_a_place_within_another_refines_it_and_the_status_says_which_is_finer(fixture_copy):
    """ "Qatrun" and "near Mount Asida, west of Qatroun" (a place by the town): the finer one
    confirms the coarser, never disputes it, and the status names what rests on one voice."""
    append(
        fixture_copy, "places.yaml", RELATIVE.replace("  geo_precision: 2\n", "  geo_precision: 2\n  near: qatrun\n")
    )
    with_event(
        fixture_copy,
        located("Qatrun", "qatrun", QATRUN),
        located("near Mount Asida, west of Qatroun", "mount-asida"),
        place="mount-asida",
    )
    data = load_dataset(fixture_copy.data)
    (point,) = data.analysis("LBY0004").points
    town, mountain = point.claims
    assert (point.relation(town, mountain), point.relation(mountain, town)) == ("agrees", "consistent")
    assert data.status("LBY0004") == "corroborated" and point.unconfirmed == [mountain]
    words = status_words(data.events["LBY0004"], data)
    assert [(p.about, p.alone) for p in words.corroborated] == [
        ("the location (Qatrun)", "the finer location (near Mount Asida, west of Qatroun)")
    ]


def direction(place_id: str, bearing: str) -> str:
    """A place qatrun-second-attack puts only in a direction from Qatrun."""
    return (
        f"- id: {place_id}\n  name: A camp\n  relative_to:\n    - place: qatrun\n      bearing: {bearing}\n"
        "      stated: The Qatrun attack\n      source: qatrun-second-attack\n  geo_precision: 2\n  country: LBY\n"
    )


@pytest.mark.parametrize(("bearing", "relation"), [("south", "agrees"), ("north", "differs")])
def test_a_point_in_the_stated_direction_refines_it_and_one_against_it_differs(fixture_copy, bearing, relation):
    """ "South of Qatrun" holds a camp 150 miles south-east of it; "north of Qatrun" cannot."""
    append(fixture_copy, "places.yaml", camp("camp", ("comeback-south", "south-east", 150)) + direction("way", bearing))
    with_event(
        fixture_copy,
        located(f"{bearing} of Qatrun", "way", QATRUN),
        located("a camp 150 miles south-east of Qatrun", "camp"),
        place="camp",
        status=DISPUTED if relation == "differs" else None,
    )
    (point,) = load_dataset(fixture_copy.data).analysis("LBY0004").points
    assert point.relation(*point.claims) == relation


@pytest.mark.parametrize(
    ("pattern", "tolerance"),
    [
        (r"positions within (\d+) km of each other", "SAME_SPOT_KM"),
        (r"points more than (\d+) km apart", "SAME_SPOT_KM"),
        (r'"near" a town within (\d+) km of it', "NEAR_KM"),
        (r"a direction from a town it lies in \(within (\d+) degrees", "DIRECTION_SLACK"),
    ],
)
def test_contributing_states_the_location_tolerances_the_comparison_uses(pattern, tolerance):
    """CONTRIBUTING explains the comparison with its numbers; they are read from it here, so
    derive/locations.py stays the one place they are set: a changed tolerance fails until the
    prose says it, and reworded prose until the pattern finds it again."""
    assert float(stated(CONTRIBUTING, pattern)[1]) == getattr(locations, tolerance)


def test_locations_given_only_in_words_are_compared_as_words_and_validate_says_how_to_place_them(fixture_copy):
    """Without `at`, nothing says what the words place: different words stay a difference, and
    the message names the way out besides a dispute_note."""
    with_event(
        fixture_copy,
        located("a camp about 150 miles south-east of Qatrun", None),
        located("an encampment 150 miles south-east of Qatrun", None, QATRUN),
    )
    line = fixture_copy.line_of("events.yaml", "- id: LBY0004")  # no status written: the event's line
    with pytest.raises(DataError) as caught:
        load_dataset(fixture_copy.data)
    assert [str(p) for p in caught.value.problems] == [
        f"data/events.yaml:{line}: LBY0004.status: sources disagree (location: a camp about 150 miles south-east of "
        "Qatrun vs an encampment 150 miles south-east of Qatrun): add a dispute_note on what would settle it, or, "
        "if the words name one place, give each claim at: that place"
    ]


# --- figures in words and early counts ------------------------------------------------------------


def test_a_figure_in_words_is_never_a_dispute_against_a_number_nor_moves_the_range(fixture_copy):
    toll = {"field": "fatalities", "party": "islamic-state"}
    with_event(fixture_copy, claim(TOLL_19, value=19, **toll), claim(TOLL_23, value="several", **toll))
    data = load_dataset(fixture_copy.data)
    (point,) = data.analysis("LBY0004").points
    assert point.relation(*point.claims) == "consistent" and not point.disputed
    assert data.status("LBY0004") == "single report"
    figures = data.figures("LBY0004")
    assert (figures.low, figures.high) == (19, 19) and data.worded("LBY0004") == []


def test_an_early_count_is_never_a_dispute_and_never_lowers_the_settled_range(fixture_copy):
    """The scratch copy's mistake: an early partial count of 7 lowered the total's low end. Marked
    preliminary, it is shown, and the range stays the settled counts'."""
    toll = {"field": "fatalities", "party": "islamic-state"}
    early = claim(TOLL_19, value=7, preliminary="true", **toll)
    with_event(fixture_copy, early, claim(TOLL_23, value=23, **toll))
    data = load_dataset(fixture_copy.data)
    (point,) = data.analysis("LBY0004").points
    assert point.relation(*point.claims) == "consistent" and not point.disputed
    figures = data.figures("LBY0004")
    assert (figures.low, figures.high) == (23, 23)
