"""The reference map: what it draws (marks, names, districts, towns for orientation, scale) and
what it lists under it, over the real data (properties) and over the fixtures (values)."""

from __future__ import annotations

import hashlib
import html
import re

import pytest
from bs4 import BeautifulSoup

from macros.core.models import Place, Relative
from macros.derive.districts import DISTRICTS_FILE, contains, districts
from macros.load.loader import load_dataset
from macros.views import charts, limits, maps
from macros.views.links import Links
from macros.views.siteplan import SitePlan
from tests.conftest import BRIEFING, FIXTURES, PROJECT


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(BRIEFING / "data")


def traces(chart, name: str) -> list[dict]:
    return [t for t in chart.figure["data"] if t["name"] == name]


def label_lines(chart) -> list[str]:
    """Every line of every name written on the map, wrapped lines joined again, bold or not."""
    (labels,) = traces(chart, "Labels")
    texts = [re.sub(r"</?b>", "", text) for text in labels["text"]]
    return [line.replace("<br>", " ") for text in texts for line in re.split(r"<br>(?=[A-Z])", text)]


def drawable(dataset, event) -> bool:
    return dataset.places[event.place].country == "LBY" and dataset.location(event.place).mapped


def test_map_draws_every_position_in_libya_and_lists_every_other_event(dataset):
    chart = maps.event_map(dataset)
    drawn = [e for e in dataset.events.values() if drawable(dataset, e)]
    assert sum(row[3] for row in chart.rows) == sum(len(dataset.location(e.place).positions) for e in drawn)
    listed = [item.event_id for item in chart.unplaced]
    assert sorted(listed) == sorted(e.id for e in dataset.events.values() if not drawable(dataset, e))
    starts = [dataset.events[event_id].start for event_id in listed]
    assert starts == sorted(starts, reverse=True)  # newest first
    for item in chart.unplaced:
        place = dataset.places[dataset.events[item.event_id].place]
        assert item.place == place.name
        assert item.why == (
            "no coordinates" if place.country == "LBY" else f"in {dataset.countries[place.country].name}"
        )
    if listed:
        events, verb = ("1 event", "is") if len(listed) == 1 else (f"{len(listed)} events", "are")
        assert chart.notes[0] == f"{events} outside Libya or without coordinates {verb} listed under the map."


def test_every_place_an_event_is_drawn_at_is_named_on_the_map_or_its_town_and_in_its_hover(dataset):
    """A place shares its label only with the other places drawn at its town ("Sirte and around");
    its own name is then in its mark's hover."""
    chart = maps.event_map(dataset)
    names = label_lines(chart)
    (labels,) = traces(chart, "Labels")
    if len(labels["text"]) == limits.MAP_LABELS:  # the busiest spots only: the rest are named on hover
        pytest.skip("more named spots than a map writes; test_charts checks the limit")
    hovers = [point[3] for kind in maps.MAP_MARKS for t in traces(chart, maps.MAP_MARKS[kind][0])
              for point in t["customdata"]]  # fmt: skip
    for event in (e for e in dataset.events.values() if drawable(dataset, e)):
        place = dataset.places[event.place]
        towns = {place.name} | {p.reference.name for p in dataset.location(place.id).positions if p.reference}
        assert any(line.startswith(town) for line in names for town in towns), place.name
        assert any(hover.startswith(place.name) for hover in hovers), place.name
        for position in dataset.location(place.id).positions:
            if position.reference is not None:  # the town it is measured from is named too
                assert any(line.startswith(position.reference.name) for line in names), position.reference.name


def test_the_places_drawn_at_one_town_share_one_label_with_their_years_and_count(dataset):
    """Sirte, "near Sirte" and "south of Sirte" are drawn at Sirte: one label says so, not three
    stacked on one another; each mark's hover still names its place and date."""
    chart = maps.event_map(dataset)
    (labels,) = traces(chart, "Labels")
    at_sirte = [text for text in labels["text"] if "Sirte" in text and "Encampment" not in text]
    assert at_sirte == ["Sirte and around<br>(2016 and 2017,<br>3 events)"]
    hovers = {point[3].split("<br>")[0]: point[3].split("<br>")[-1]
              for kind in ("gazetteer", "near", "direction")
              for point in traces(chart, maps.MAP_MARKS[kind][0])[0]["customdata"]}  # fmt: skip
    assert hovers["Sirte"] == "December 2016" and hovers["Near Sirte: near Sirte"] == "Wed 18 Jan 2017"
    assert hovers["South of Sirte: the south of Sirte"] == "c. 2017"
    assert {row[0] for row in chart.rows} >= {"Sirte", "Near Sirte", "South of Sirte"}  # the table lists each


def test_each_mark_says_when_recent_ones_stand_out_and_older_ones_fade(dataset):
    """Derna (2013) and Sirte (2016) do not read as current activity: their labels give the year and
    their marks fade; the 2022 attacks are in bold and solid; every hover lists its events' dates."""
    chart = maps.event_map(dataset)
    assert maps.recent_since(dataset) == 2020  # the cut-off is January 2022
    lines = {line.split(" (")[0]: line for line in label_lines(chart)}
    assert lines["Derna"] == "Derna (2013)"
    assert lines["Sirte and around"] == "Sirte and around (2016 and 2017, 3 events)"
    assert lines["Umm al-Aranib"] == "Umm al-Aranib (2022)"
    (labels,) = traces(chart, "Labels")
    assert "<b>Umm al-Aranib</b><br><b>(2022)</b>" in labels["text"] and "Derna (2013)" in labels["text"]
    assert not any("<b>" in text for text in labels["text"] if "Derna" in text or "Sirte" in text)
    (dots,) = traces(chart, maps.MAP_MARKS["gazetteer"][0])
    hovers = [point[3].split("<br>") for point in dots["customdata"]]
    assert dict(zip([h[0] for h in hovers], dots["marker"]["opacity"], strict=True)) == {
        "Umm al-Aranib": 0.9, "Sirte": maps.FADED, "Derna": maps.FADED}  # fmt: skip
    assert [h[-1] for h in hovers] == ["c. Tue 18 Jan 2022", "December 2016", "2013"]
    assert ("faded-dot", maps.MAP_MARKS["gazetteer"][2],
            "Faded mark, name not in bold: no event there since 2020, or context only") in chart.key_items  # fmt: skip


def test_towns_for_orientation_come_from_the_places_file_with_their_gazetteer_entry(dataset):
    chart = maps.event_map(dataset)
    (towns,) = traces(chart, maps.ORIENTATION_MARK[0])
    named = set(towns["text"]) | {line.split(" (")[0].removesuffix(" and around") for line in label_lines(chart)}
    for key in maps.ORIENTATION:  # each is in data/places.yaml with its GeoNames entry, and named once
        place = dataset.places[key]
        assert place.gazetteer_point and place.gazetteer
        assert place.name in named
    for name, lon, lat, entry in zip(towns["text"], towns["lon"], towns["lat"], towns["customdata"], strict=True):
        place = next(p for p in dataset.places.values() if p.name == name)
        assert (lon, lat, entry) == (place.longitude, place.latitude, place.gazetteer)
        assert name not in label_lines(chart)  # never written twice


def test_districts_match_their_provenance_and_decode_into_closed_shapes_holding_every_town(dataset):
    readme = (PROJECT / "data" / "geo" / "README.md").read_text(encoding="utf-8")
    for path in (DISTRICTS_FILE.with_suffix(".topo.json"), DISTRICTS_FILE):  # as published, and as read
        section = readme[readme.index(f"## `{path.name}`") :]
        recorded = re.search(r"sha256 \| `([0-9a-f]{64})`", section)[1]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == recorded
    assert DISTRICTS_FILE.stat().st_size < 300_000
    found = districts()
    assert len(found) == 22 and len({d.name for d in found}) == 22
    assert all(ring[0] == ring[-1] and len(ring) >= 4 for d in found for ring in d.rings)
    for place in dataset.places.values():  # the decoding is right: each town in Libya is in exactly one
        if place.country == "LBY" and place.gazetteer_point:
            holding = [d.name for d in found if contains(d, place.longitude, place.latitude)]
            assert len(holding) == 1, (place.name, holding)


def test_every_map_is_drawn_on_the_districts_with_a_graticule_and_a_scale(dataset):
    chart = maps.event_map(dataset)
    (shapes,) = [t for t in chart.figure["data"] if t["type"] == "choropleth"]
    assert shapes["locations"] == [d.name for d in districts()]
    assert shapes["featureidkey"] == "properties.name" and "geojson" not in shapes  # charts.js adds the outlines
    geo = chart.figure["layout"]["geo"]
    assert geo["lonaxis"]["showgrid"] and geo["lataxis"]["showgrid"] and geo["showocean"]
    (scale,) = traces(chart, "Scale")
    assert scale["text"][-1] == f"{maps.SCALE_KM} km"
    assert chart.figure["layout"]["showlegend"] is False  # the key is markup under the map
    assert [item[2] for item in chart.key_items][-2:] == [
        "District boundary (Natural Earth)",
        f"Scale bar: {maps.SCALE_KM} km at 20°N; grid every 5°",
    ]


@pytest.fixture()
def fixture_map():
    """The fixtures, grown by a place given only as a direction from Qatrun, one abroad, one without
    coordinates, and Sabha (copied from data/places.yaml) for orientation; its two towns say they
    are in "Qatrun district"."""
    data = load_dataset(FIXTURES / "data")
    real = load_dataset(BRIEFING / "data")
    data.countries["SYR"] = real.countries["SYR"]
    data.places["sabha"] = real.places["sabha"]
    data.places["raqqa"] = real.places["raqqa"]
    data.places["west-of-qatrun"] = Place(
        id="west-of-qatrun", name="West of Qatrun", geo_precision=2, country="LBY", near="qatrun",
        relative_to=[Relative(place="qatrun", bearing="west", stated="west of Qatroun",
                              source="qatrun-second-attack")],
    )  # fmt: skip
    data.places["the-south"] = Place(
        id="the-south", name="The south", geo_precision=3, country="LBY", geo_note="A region."
    )
    for key in ("qatrun", "umm-al-aranib"):  # both in Natural Earth's "Murzuq", and agreeing on its name
        data.places[key] = data.places[key].model_copy(update={"admin1": "Qatrun district"})
    data.events["LBY0002"] = data.events["LBY0002"].model_copy(update={"place": "west-of-qatrun"})
    data.events["LBY0003"] = data.events["LBY0003"].model_copy(update={"place": "raqqa"})
    data.events["LBY0099"] = data.events["LBY0001"].model_copy(update={"id": "LBY0099", "place": "the-south"})
    return data


def test_an_arrow_sits_clear_of_another_arrow_and_of_a_ring_at_its_town(fixture_map):
    (arrows,) = traces(maps.event_map(fixture_map), maps.MAP_MARKS["direction"][0])
    assert arrows["marker"]["standoff"] == [14]  # two arrows of size 16 at one town do not touch
    fixture_map.places["near-qatrun"] = Place(
        id="near-qatrun", name="Near Qatrun", geo_precision=2, country="LBY",
        relative_to=[Relative(place="qatrun", stated="near Qatroun", source="qatrun-second-attack")],
    )  # fmt: skip
    near = fixture_map.events["LBY0001"].model_copy(update={"id": "LBY0098", "place": "near-qatrun"})
    fixture_map.events["LBY0098"] = near
    chart = maps.event_map(fixture_map)
    (arrows,) = traces(chart, maps.MAP_MARKS["direction"][0])
    (rings,) = traces(chart, maps.MAP_MARKS["near"][0])
    assert arrows["marker"]["standoff"] == [rings["marker"]["size"][0] / 2 + 9]  # outside the ring


def test_fixture_map_names_its_places_and_lists_what_it_cannot_draw(fixture_map):
    chart = maps.event_map(fixture_map)
    (labels,) = traces(chart, "Labels")
    assert labels["text"] == ["Al Qatrun<br><b>West of Qatrun</b><br><b>(2022)</b>",
                              "<b>Umm al Aranib</b><br><b>(2022)</b>"]  # fmt: skip
    assert labels["textposition"] == ["bottom right", "middle right"]  # away from each other and the arrow
    (arrows,) = traces(chart, maps.MAP_MARKS["direction"][0])
    assert arrows["marker"]["angle"] == [270]
    (towns,) = traces(chart, maps.ORIENTATION_MARK[0])
    assert towns["text"] == ["Sabha"] and towns["customdata"] == ["geonames:2212775"]
    (shapes,) = [t for t in chart.figure["data"] if t["type"] == "choropleth"]
    assert shapes["text"][shapes["locations"].index("Murzuq")] == "Qatrun district (Natural Earth: Murzuq)"
    assert shapes["text"][shapes["locations"].index("Sabha")] == "Sabha"  # the town there says "Sabha" too
    assert [(u.event_id, u.date, u.place, u.why) for u in chart.unplaced] == [
        ("LBY0099", "Tue 18 Jan 2022", "The south", "no coordinates"),
        ("LBY0003", "December 2016", "Raqqa", "in Syria"),
    ]
    assert [item[0] for item in chart.key_items] == ["dot", "arrow", "dot", "small-dot", "line", "scale"]


def test_the_events_it_cannot_draw_are_listed_under_the_map_with_links(fixture_map):
    plan = SitePlan(event_pages={key: "timeline/index.md" for key in fixture_map.events})
    chart = maps.event_map(fixture_map)
    page = BeautifulSoup(str(charts.render_chart(chart, "index.md", Links("index.md", plan))), "html.parser")
    items = page.select(".lw-map-unplaced li")
    assert len(items) == len(chart.unplaced) == 2
    for item, unplaced in zip(items, chart.unplaced, strict=True):
        assert item.a["href"] == f"events/{unplaced.event_id}/"
        assert item.a.get_text() == unplaced.date
        assert unplaced.place in item.get_text() and f"({unplaced.why})" in item.get_text()
    assert page.select_one(".lw-map-unplaced").find_previous_sibling("p")["class"] == ["lw-chart-caption"]
    assert len(page.select("ul.lw-map-key li svg")) == len(chart.key_items)


def test_until_it_is_drawn_the_maps_box_names_the_places_it_marks(fixture_map):
    """The map waits for the reader's first gesture (charts.js); meanwhile its box is no blank: it
    says when the map draws and lists what its labels name, and where the rest is listed."""
    plan = SitePlan(event_pages={key: "timeline/index.md" for key in fixture_map.events})
    page = BeautifulSoup(str(charts.render_chart(maps.event_map(fixture_map), "index.md", Links("index.md", plan))),
                         "html.parser")  # fmt: skip
    waiting = page.select_one(".lw-chart[data-geo] > .lw-chart-waiting")
    assert waiting.p.get_text() == (
        "Map: drawn when you scroll or tap the page. The places it marks (those it cannot draw are listed under it):"
    )
    assert [li.get_text() for li in waiting.select("li")] == [
        "Al Qatrun · West of Qatrun (2022)",
        "Umm al Aranib (2022)",
    ]


def test_a_marks_hover_says_why_the_top_of_its_toll_is_what_it_is(dataset):
    """The hover carries the toll as the card words it, over lines a phone can hold; the map's
    table marks the cell and its note says why."""
    chart = maps.event_map(dataset)
    tolls = [html.unescape(point[1].replace("<br>", " ")) for kind in maps.MAP_MARKS
             for t in traces(chart, maps.MAP_MARKS[kind][0]) for point in t["customdata"]
             if point[3].startswith("Jabal Asida")]  # fmt: skip
    assert tolls and set(tolls) == {
        "22–30 (conservative 22; the top adds the 3 “security forces” the Ministry of Interior gave, naming no force, "
        "to the Libyan National Army's 4: they may be the same dead)"
    }
    widths = [len(line) for kind in maps.MAP_MARKS for t in traces(chart, maps.MAP_MARKS[kind][0])
              for point in t["customdata"] for line in html.unescape(point[1]).split("<br>")]  # fmt: skip
    assert max(widths) <= maps.HOVER_WIDTH
    assert {row[-1] for row in chart.rows if row[0] == "Jabal Asida"} == {"22–30* (conservative 22)"}
    note = chart.table_notes[0]  # two positions drawn, one note
    assert note.startswith("* Jabal Asida: the top adds the 3")
    assert sum(n.startswith("* ") for n in chart.table_notes) == 1
    page = BeautifulSoup(str(charts.render_chart(chart, "index.md")), "html.parser")
    assert page.select_one(".lw-chart-data table").find_next_sibling("p", class_="lw-table-note").get_text() == note


def test_an_event_drawn_at_each_disputed_position_is_marked_in_the_table_to_be_counted_once(dataset):
    """The sources put Mount Asida west or south of Qatrun: its one event is drawn at both, so the
    table has two Jabal Asida rows of "1 event" and the same dead. Both rows are marked, and a note
    under the table says it is one event, to be counted once."""
    chart = maps.event_map(dataset)
    rows = [row for row in chart.rows if row[0] == "Jabal Asida"]
    assert len(rows) == 2 and all(row[2].endswith(f"(disputed location) {maps.DRAWN_MARK}") for row in rows)
    assert not any(maps.DRAWN_MARK in row[2] for row in chart.rows if row[0] != "Jabal Asida")
    assert chart.table_notes[-1] == (
        f"{maps.DRAWN_MARK} Jabal Asida: one event, drawn at each of the 2 positions the sources give; each of its "
        "rows repeats it and its dead: count it once."
    )
