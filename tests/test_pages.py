"""Generated pages, rendered from the fixture dataset without MkDocs and read as a reader gets
them: what each kind of page shows (checked by its words, headings, link targets and element ids,
not its markup), completeness, and data text that never becomes markup."""

from __future__ import annotations

import html as entities
import json
import re
from collections.abc import Callable
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from markdown import markdown as convert

from macros.core.dates import show_date, show_event_date
from macros.core.models import Event
from macros.core.terms import FIELD_LABELS, GRADES
from macros.derive.dataset import Dataset
from macros.load.loader import load_dataset
from macros.views import limits
from macros.views.maps import MAP_MARKS
from macros.views.pages import Page, build_pages
from macros.views.render import restore
from macros.views.siteplan import SECTIONS, SitePlan, page_url
from macros.views.sources import highlight, passages
from tests.conftest import FIXTURES, FixtureCopy
from tests.helpers import events_at

# What the fixture's events show as their tolls and sides: the phrasing the pages promise
TOLLS = {"LBY0001": "1", "LBY0002": "22–27+ (conservative 22)", "LBY0003": "not reported"}
INJURIES = {"LBY0001": "2"}
SIDES = {
    "LBY0001": "Islamic State against Libyan National Army",
    "LBY0002": "Islamic State against Umm al-Aranib Martyrs Brigade, with Libyan National Army",
    "LBY0003": "Islamic State",
}
CHECKED: set[tuple[str, bool]] = set()  # the kinds of page a test below reads: (section, a further page?)


def checks(section: str, further: bool = False) -> Callable:
    """Marks a test as reading a kind of page: a section's first page, or its further ones (a
    year's events, a record, a page number). The completeness test holds the plan to these."""

    def mark(test: Callable) -> Callable:
        CHECKED.add((section, further))
        return test

    return mark


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(FIXTURES / "data")


@pytest.fixture(scope="module")
def plan(dataset):
    return SitePlan.of(dataset, feed=True)


@pytest.fixture(scope="module")
def built(plan, dataset):
    return {page.path: page for page in build_pages(dataset, plan=plan)}


@pytest.fixture(scope="module")
def pages(built):
    return {path: page.markdown for path, page in built.items()}


@pytest.fixture(scope="module")
def seen(built):
    return {path: read(page) for path, page in built.items()}


def html(markdown: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.split("---\n", 2)[2], "html.parser")


def read(page: Page) -> BeautifulSoup:
    """The page as a reader gets it: its Markdown converted with mkdocs.yml's extensions (headings
    get their ids), the HTML set aside put back, a line break read as one."""
    body = page.source.split("---\n", 2)[2]
    soup = BeautifulSoup(restore(convert(body, extensions=["attr_list", "tables", "toc"]), page.blocks), "html.parser")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    return soup


def front_matter(page: Page) -> dict:
    return yaml.safe_load(page.source.split("---\n", 2)[1])


def words(element: Tag) -> str:
    """An element's text as read: whitespace collapsed, the headings' permalink sign left out."""
    return " ".join(element.get_text().replace("¶", "").split())


def reached(path: str, href: str) -> str:
    """Where a link on the page at `path` leads, from the site's root: "places/qatrun/#x"."""
    site = "https://site.invalid/"
    return urljoin(site + page_url(path), href).removeprefix(site)


def event_address(plan: SitePlan, event_id: str) -> str:
    """Where a link to an event leads from another page: its lasting address (events/ID/)."""
    return plan.event_address(event_id)


def record_address(plan: SitePlan, section: str, key: str) -> str:
    return plan.url(plan.path(section, key))


def section(page: BeautifulSoup, heading: str | Tag) -> BeautifulSoup:
    """What a reader finds under a heading (given, or found by its words), up to the next heading
    of its level."""
    if isinstance(heading, str):
        found = [h for h in page.find_all(re.compile("^h[1-6]$")) if words(h) == heading]
        assert found, f"no heading {heading!r}"
        heading = found[0]
    below = []
    for sibling in heading.find_next_siblings():
        if sibling.name == heading.name:
            break
        below.append(str(sibling))
    return BeautifulSoup("".join(below), "html.parser")


def facts(where: BeautifulSoup | Tag) -> dict[str, Tag]:
    """The first list of facts (a <dl>): each term's description."""
    terms = where.find("dl")
    return {words(dt): dt.find_next_sibling("dd") for dt in terms.find_all("dt")}


def table_rows(page: BeautifulSoup, *headers: str) -> list[dict[str, Tag]]:
    """The rows of the table whose columns begin with `headers`, each cell under its column's head."""
    for table in page.find_all("table"):
        heads = [words(th) for th in table.thead.find_all("th")] if table.thead else []
        if heads[: len(headers)] == list(headers):
            return [dict(zip(heads, tr.find_all(["th", "td"]), strict=True)) for tr in table.tbody.find_all("tr")]
    raise AssertionError(f"no table headed {headers}")


def newest_first(events: list[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (e.start, e.id), reverse=True)


def assert_lists_events(listing: Tag, path: str, events: list[Event], dataset: Dataset, plan: SitePlan):
    """A list of events (a source's, an actor's, a place's, an update's): each item links to the
    event's card and gives its date, place, toll where one is reported, and what happened."""
    items = listing.find_all("li", recursive=False)
    assert [reached(path, item.a["href"]) for item in items] == [event_address(plan, e.id) for e in events]
    for item, event in zip(items, events, strict=True):
        shown = words(item)
        assert shown.startswith(f"{show_event_date(event)}, {dataset.places[event.place].name}"), shown
        assert (f"dead: {TOLLS[event.id]}" in shown) == (TOLLS[event.id] != "not reported"), shown
        assert event.summary in shown


def assert_card_shows(card: Tag, event: Event, dataset: Dataset, plan: SitePlan, path: str):
    """An event's card: its date and place, what happened, its status, sides, tolls, the sources
    (each with its grade, linked to its page), and every claim's quote."""
    place = dataset.places[event.place]
    assert words(card.find(re.compile("^h[1-6]$"))) == f"{show_event_date(event)} · {place.name}"
    shown = words(card)
    assert event.summary in shown and dataset.status(event.id) in shown
    fact = facts(card)
    assert words(fact["Where"]).startswith(f"{place.name}, {dataset.country_of(event).name}")
    assert [reached(path, a["href"]) for a in fact["Where"].find_all("a")] == [record_address(plan, "places", place.id)]
    assert words(fact["Actors"]) == SIDES[event.id]
    sides = [event.actor1, *event.assoc_actors_1, event.actor2, *event.assoc_actors_2]
    assert [reached(path, a["href"]) for a in fact["Actors"].find_all("a")] == [
        record_address(plan, "actors", actor) for actor in sides if actor
    ]
    assert words(fact["Fatalities"]) == TOLLS[event.id]
    assert (words(fact["Injuries"]) if "Injuries" in fact else None) == INJURIES.get(event.id)
    chips = fact["Sources"].find_all("a")
    assert [reached(path, a["href"]) for a in chips] == [record_address(plan, "sources", s) for s in event.source_ids]
    assert [words(a).split()[-1] for a in chips] == [dataset.sources[s].reliability for s in event.source_ids]
    assert [words(q) for q in card.find_all("q")] == [" ".join(c.quote.split()) for c in event.claims]
    for note, label in ((event.dispute_note, "What would settle it"), (event.date_note, "Date")):
        assert not note or f"{label}: {note}" in shown


def test_every_kind_of_page_the_plan_lists_has_a_content_check(dataset):
    """Each generated section's first page and, where it has more (a year's events, a record, a
    page number), its further pages: a new section, or a new kind of page in one, needs a test
    marked with @checks above."""
    kinds = {(s.key, False) for s in SECTIONS if s.generated} | {
        (s.key, True) for s in SECTIONS if s.generated and s.more
    }
    assert kinds == CHECKED
    listed = {(page.section, page.key is not None) for page in SitePlan.of(dataset, page_size=1).pages.values()}
    assert listed <= kinds


@pytest.mark.parametrize("page_size", [limits.TIMELINE_PAGE, 1])
def test_every_page_is_titled_and_described_as_the_plan_says(dataset, page_size):
    """The title and description a reader sees (in the page, the tab, a link preview, search) are
    the planned ones, whatever the markup escaped on the way."""
    plan = SitePlan.of(dataset, page_size)
    for page in build_pages(dataset, plan=plan):
        told = {
            key: entities.unescape(value)
            for key, value in front_matter(page).items()
            if key in ("title", "description")
        }
        planned = plan.pages[page.path]
        assert told == {"title": planned.title, "description": planned.description}, page.path


def test_each_chart_is_titled_and_has_its_data_table(seen):
    """The charts a reader sees on each page, by their titles, each with a data table beside it."""
    charts = {
        "timeline/index.md": [
            "Events in Libya over time, by type",
            "Deaths in Libya over time, by side, with the range the sources give",
        ],
        "disputes.md": ["Deaths in Libya over time, by side, with the range the sources give"],
        "sources/index.md": ["Who reports what"],
        "sources/qatrun-second-attack.md": ["Map of the events it reports"],
        "actors/index.md": ["Actor involvement"],
        "places/qatrun.md": ["Map of its events"],
        "actors/lna.md": [],
        "whats-new.md": [],
    }
    for path, titles in charts.items():
        figures = seen[path].find_all("figure")
        assert [words(figure.figcaption) for figure in figures] == titles, path
        assert [words(figure.details.summary) for figure in figures] == [f"Data table: {title}" for title in titles]


@checks("timeline")
def test_the_timeline_shows_every_event_under_its_year_in_date_order(dataset, seen):
    page = seen["timeline/index.md"]
    in_order = sorted(dataset.events.values(), key=lambda e: (e.start, e.id))
    years = sorted({e.start.year for e in in_order})
    disputed = sum(dataset.status(e) == "disputed" for e in dataset.events)
    lede = words(page.p)
    assert lede.startswith(f"{len(in_order)} events from {years[0]} to {years[-1]}, in date order; {disputed} disputed")
    assert lede.endswith(f"Information cut-off: {dataset.cutoff}.")
    headings = page.find_all("h2")
    assert [(words(h), h["id"]) for h in headings] == [(str(year), f"year-{year}") for year in years]
    for heading in headings:
        shown = [card["id"] for card in section(page, heading).find_all("article")]
        assert shown == [e.id for e in in_order if str(e.start.year) == words(heading)]


@checks("timeline")
def test_each_event_card_shows_its_date_place_sides_tolls_sources_and_quotes(dataset, plan, seen):
    for event in dataset.events.values():
        path = plan.event_pages[event.id]
        assert_card_shows(seen[path].find(id=event.id), event, dataset, plan, path)


@checks("timeline", further=True)
def test_a_long_timeline_has_a_page_per_year_each_with_its_events_and_filters(dataset):
    plan = SitePlan.of(dataset, page_size=1)
    split = {page.path: page for page in build_pages(dataset, plan=plan)}
    assert {p for p in split if p.startswith("timeline/")} == {
        "timeline/index.md", "timeline/2016.md", "timeline/2022.md", "timeline/2022-2.md"
    }  # fmt: skip
    index = read(split["timeline/index.md"])
    years = [[words(cell) for cell in row.values()] for row in table_rows(index, "Page", "From", "To", "Events")]
    assert years == [
        ["2016", "December 2016", "December 2016", "1", "0"],
        ["2022", "Tue 18 Jan 2022", "Tue 18 Jan 2022", "1", "0"],
        ["2022, part 2", "Wed 26 Jan 2022", "Wed 26 Jan 2022", "1", "1"],
    ]
    links = [reached("timeline/index.md", row["Page"].a["href"]) for row in table_rows(index, "Page")]
    assert links == ["timeline/2016/", "timeline/2022/", "timeline/2022-2/"]
    assert not index.find_all("article")
    for path in ("timeline/2016.md", "timeline/2022.md", "timeline/2022-2.md"):
        page = read(split[path])
        events = [dataset.events[e] for e, where in plan.event_pages.items() if where == path]
        assert [words(h) for h in page.find_all("h2")] == sorted({str(e.start.year) for e in events})
        assert [card["id"] for card in page.find_all("article")] == [e.id for e in events]
        for event in events:
            assert_card_shows(page.find(id=event.id), event, dataset, plan, path)
        offered = {
            words(label.contents[0]): {words(o) for o in label.find_all("option")[1:]}
            for label in page.form.find_all("label")
        }
        assert offered == {
            "Event type": {e.event_type for e in events},
            "Actor": {
                dataset.actors[a].name
                for e in events
                for a in (e.actor1, e.actor2, *e.assoc_actors_1, *e.assoc_actors_2)
                if a
            },
            "Place": {dataset.places[e.place].name for e in events},
        }
    # links from other pages go to the event's lasting address, which the timeline's split leaves alone
    source = read(split["sources/qatrun-second-attack.md"])
    assert "events/LBY0002/" in {reached("sources/qatrun-second-attack.md", a["href"]) for a in source.find_all("a")}


def assert_dispute_shows(page: BeautifulSoup, path: str, event: Event, dataset: Dataset, plan: SitePlan):
    """A dispute: headed by its date and what happened, linked to its card and place, a column per
    source (linked to it) and a row per point, each cell the value and quote that source gives
    (and whose statement it relays), and what would settle it."""
    heading = page.find(id=f"dispute-{event.id.lower()}")
    assert words(heading) == f"{show_event_date(event)}: {event.sub_event_type}"
    block = section(page, heading)
    targets = {reached(path, a["href"]) for a in block.find_all("a")}
    assert {event_address(plan, event.id), record_address(plan, "places", event.place)} <= targets
    rows = table_rows(block, "Point")
    columns = [reached(path, head.a["href"]) for head in block.thead.find_all("th")[1:]]
    assert columns == [record_address(plan, "sources", s) for s in event.source_ids]
    cells = {words(row["Point"]): list(row.values())[1:] for row in rows}
    for claim in event.claims:
        point = f"{FIELD_LABELS[claim.field]} ({dataset.actors[claim.party].name}) differs"
        said = words(cells[point][columns.index(record_address(plan, "sources", claim.source))])
        assert str(claim.value) in said and " ".join(claim.quote.split()) in said, (point, claim.source)
        if claim.origin:
            assert dataset.actors[dataset.origins[claim.origin].speaker].name in said
    assert f"What would settle it: {event.dispute_note}" in words(block)


@checks("disputes")
def test_the_disputes_page_gives_each_sources_value_on_each_point_newest_first(dataset, plan, seen):
    page = seen["disputes.md"]
    assert words(page.p).startswith(f"{len(plan.disputes)} event on which the sources disagree, newest first.")
    assert [h["id"] for h in page.find_all("h2")] == [f"dispute-{e.id.lower()}" for e in newest_first(plan.disputes)]
    for event in plan.disputes:
        assert_dispute_shows(page, "disputes.md", event, dataset, plan)


@checks("disputes", further=True)
def test_disputes_beyond_a_page_go_on_numbered_pages_linked_to_each_other(fixture_copy: FixtureCopy, monkeypatch):
    events = fixture_copy.data / "events.yaml"
    text = events.read_text(encoding="utf-8")
    earlier = text[text.index("- id: LBY0002") : text.index("- id: LBY0003")]  # an earlier clash, as disputed
    events.write_text(
        text + earlier.replace("LBY0002", "LBY0004").replace("2022-01-26", "2022-01-20"), encoding="utf-8"
    )
    monkeypatch.setattr(limits, "DISPUTES_PAGE", 1)
    dataset = load_dataset(fixture_copy.data)
    plan = SitePlan.of(dataset)
    built = {page.path: page for page in build_pages(dataset, plan=plan)}
    assert entities.unescape(front_matter(built["disputes/2.md"])["title"]) == "Disputes, page 2"
    for path, shown, other in (("disputes.md", "LBY0002", "disputes/2/"), ("disputes/2.md", "LBY0004", "disputes/")):
        page = read(built[path])
        assert [h["id"] for h in page.find_all("h2")] == [f"dispute-{shown.lower()}"]
        assert_dispute_shows(page, path, dataset.events[shown], dataset, plan)
        assert other in {reached(path, a["href"]) for a in page.find_all("a")}


@checks("whats-new")
def test_whats_new_lists_the_sources_and_events_each_update_added(dataset, plan, seen):
    page = seen["whats-new.md"]
    day = "2026-11-22"  # the fixture's one update
    sources = [s for s in dataset.sources.values() if s.added.isoformat() == day]
    events = sorted((e for e in dataset.events.values() if e.added.isoformat() == day), key=lambda e: (e.start, e.id))
    lede = words(page.p)
    # what the day did not add (revisions, here) is left out, never "0 revisions"
    assert lede.startswith(
        f"The latest update, on 22 November 2026, added {len(sources)} sources and {len(events)} events: "
    )
    assert "feed.xml" in {reached("whats-new.md", a["href"]) for a in page.p.find_all("a")}
    heading = page.find(id=f"added-{day}")
    assert words(heading) == "22 November 2026"
    update = section(page, heading)
    added, listed = update.find_all("ul")
    titles = [item.find_all("a")[-1] for item in added.find_all("li")]  # each after its source's chip
    assert [(words(a), reached("whats-new.md", a["href"])) for a in titles] == [
        (s.title, record_address(plan, "sources", s.id)) for s in sources
    ]
    assert_lists_events(listed, "whats-new.md", events, dataset, plan)


@checks("editions")
def test_the_editions_index_gives_each_edition_its_date_note_counts_and_page(dataset, plan, seen):
    page = seen["editions/index.md"]
    (view,) = dataset.edition_history  # the fixture's one edition
    heading = page.find(id="edition-1")
    assert words(heading) == "Edition 1, 22 November 2026"
    entry = section(page, heading)
    assert view.edition.note in words(entry)
    assert "Information cut-off January 2022; 3 events, 2 sources, 1 assessment." in words(entry)
    assert record_address(plan, "editions", "1") in {
        reached("editions/index.md", a["href"]) for a in entry.find_all("a")
    }


@checks("editions", further=True)
def test_an_edition_page_says_when_it_was_issued_and_what_it_changed(dataset, plan, seen):
    page = seen["editions/1.md"]
    (view,) = dataset.edition_history
    assert (
        words(page.p) == "Issued 22 November 2026; information cut-off January 2022; 3 events, 2 sources, 1 assessment."
    )
    assert view.edition.note in words(page)
    assert words(section(page, "What changed")).startswith(
        "The first edition: there is no earlier one to compare with."
    )
    assert plan.url(plan.path("editions")) in {reached("editions/1.md", a["href"]) for a in page.find_all("a")}


@checks("sources")
def test_the_sources_index_lists_every_source_with_its_outlet_date_grade_and_counts(dataset, plan, seen):
    page = seen["sources/index.md"]
    assert words(page.p).startswith(f"{len(dataset.sources)} source documents")
    outlets = {"comeback-south": "Unknown", "qatrun-second-attack": "Sky News Arabia (inferred)"}
    rows = table_rows(page, "Source", "Outlet", "Published", "Grade", "Events", "Claims")
    assert len(rows) == len(dataset.sources)
    for row, source in zip(rows, dataset.sources.values(), strict=True):
        claims = [c for e in dataset.events.values() for c in e.claims if c.source == source.id]
        assert words(row["Source"]) == source.title
        assert reached("sources/index.md", row["Source"].a["href"]) == record_address(plan, "sources", source.id)
        assert words(row["Outlet"]) == outlets[source.id]
        assert words(row["Published"]) == show_date(source.published.date, source.published.precision)
        assert words(row["Grade"]).split()[-1] == source.reliability
        assert [words(row["Events"]), words(row["Claims"])] == [
            str(len(dataset.events_from(source.id))),
            str(len(claims)),
        ]


@checks("sources", further=True)
def test_a_source_page_shows_its_facts_events_claims_and_quoted_passages(dataset, plan, seen):
    for source in dataset.sources.values():
        path = plan.path("sources", source.id)
        page = seen[path]
        fact = facts(page)
        assert words(fact["Outlet"]).startswith(f"{source.outlet.name or 'Unknown'} ({source.outlet.basis}")
        assert words(fact["Published"]).startswith(f"{show_date(source.published.date, source.published.precision)} (")
        assert words(fact["Document"]) == f"{source.seed}, sha256 {source.sha256}"
        about = words(page)
        assert (
            f"Reliability {source.reliability}: {GRADES[source.reliability]}. {source.reliability_rationale}" in about
        )
        assert source.summary in about
        reported = newest_first(dataset.events_from(source.id))
        assert_lists_events(section(page, "Events it reports").ul, path, reported, dataset, plan)
        compared = table_rows(
            section(page, "Its claims beside the other sources'"), "Event", "Point", "This source says"
        )
        rows = {words(row["This source says"].q): row for row in compared}
        claims = [(e, c) for e in reported for c in e.claims if c.source == source.id]
        assert sorted(rows) == sorted(" ".join(c.quote.split()) for _, c in claims)
        for event, claim in claims:
            row = rows[" ".join(claim.quote.split())]
            assert reached(path, row["Event"].a["href"]) == event_address(plan, event.id)
            assert words(row["This source says"]).startswith(str(claim.value))
            others = [
                o for o in event.claims if o.source != source.id and (o.field, o.party) == (claim.field, claim.party)
            ]
            beside = words(row["Other origins on the same point"])
            assert all(str(o.value) in beside for o in others) if others else beside == "no other origin"
        judgments = dataset.assessments_from(source.id)
        if judgments:
            reported = words(section(page, "Assessments it reports"))
            assert all(a.judgment in reported and a.quote in reported for a in judgments)
        cites = words(section(page, "What it cites"))
        assert all(dataset.origins[o].name in cites for o in source.cites)
        assert source.cites or cites == "It cites no one by name: everything it reports is its own reporting."
        marked = [words(mark) for mark in section(page, "Quoted passages").select("blockquote mark")]
        quotes = [*(c.quote for _, c in claims), *(a.quote for a in judgments)]
        assert sorted(marked) == sorted(" ".join(q.split()) for q in quotes)


def involved(dataset: Dataset, actor_id: str) -> tuple[list[Event], list[Event]]:
    """The events an actor takes part in (as a side, or a party to a figure), and those it is quoted on."""
    parties = [
        e for e in dataset.events.values()
        if actor_id in {e.actor1, e.actor2, *e.assoc_actors_1, *e.assoc_actors_2, *(c.party for c in e.claims)}
    ]  # fmt: skip
    quoted = [
        e
        for e in dataset.events.values()
        if any(c.origin and dataset.origins[c.origin].speaker == actor_id for c in e.claims)
    ]
    return parties, quoted


def involvement(dataset: Dataset, actor_id: str) -> str:
    """How an actor's page and its index row count its events: "2 as a party, quoted on 1"."""
    parties, quoted = involved(dataset, actor_id)
    return f"{len(parties)} as a party" + (f", quoted on {len(quoted)}" if quoted else "")


def names_in_order(text: str, names: list[str]) -> bool:
    """Whether `text` gives each of `names`, in their order, however they are separated."""
    at = 0
    for name in names:
        at = text.find(name, at)
        if at < 0:
            return False
        at += len(name)
    return True


def index_rows(page: BeautifulSoup, path: str, heading: str) -> list[tuple[str, str, str, str]]:
    """An index's rows under a heading: each name, where its link leads, its other spellings and its events."""
    rows = table_rows(section(page, heading), "Name", "Also written", "Events")
    return [
        (words(r["Name"]), reached(path, r["Name"].a["href"]), words(r["Also written"]), words(r["Events"]))
        for r in rows
    ]


@checks("actors")
def test_the_actors_index_lists_every_actor_with_its_spellings_and_events(dataset, plan, seen):
    page = seen["actors/index.md"]
    assert words(page.p) == f"{len(dataset.actors)} actors, with every spelling the sources use."
    rows = index_rows(page, "actors/index.md", "Armed groups and forces")  # the fixture's actors are all armed
    actors = sorted(dataset.actors.values(), key=lambda a: a.name.casefold())
    assert [(name, target, count) for name, target, _, count in rows] == [
        (a.name, record_address(plan, "actors", a.id), involvement(dataset, a.id)) for a in actors
    ]
    assert all(names_in_order(spelled, a.aliases) for (_, _, spelled, _), a in zip(rows, actors, strict=True))


@checks("actors", further=True)
def test_an_actor_page_shows_its_spellings_kin_events_and_assessments(dataset, plan, seen):
    for actor in dataset.actors.values():
        path = plan.path("actors", actor.id)
        page = seen[path]
        fact = facts(page)
        also = words(fact["Also written"])
        assert names_in_order(also, actor.aliases) if actor.aliases else also == "no other spelling in the sources"
        assert words(fact["Events"]) == involvement(dataset, actor.id)
        parties, quoted = involved(dataset, actor.id)
        ordered = sorted([*parties, *quoted], key=lambda e: (e.start, e.id))
        first, last = show_event_date(ordered[0]), show_event_date(ordered[-1])
        assert words(fact["First and last seen"]) == (first if ordered[0] == ordered[-1] else f"{first} to {last}")
        kin = {
            "Part of": [actor.affiliation] if actor.affiliation else [],
            "Includes": [a.id for a in dataset.actors.values() if a.affiliation == actor.id],
        }
        for term, ids in kin.items():
            linked = [reached(path, a["href"]) for a in fact[term].find_all("a")] if term in fact else []
            assert linked == [record_address(plan, "actors", i) for i in ids], (actor.id, term)
        assert_lists_events(section(page, "Events").ul, path, newest_first(parties), dataset, plan)
        if quoted:
            assert_lists_events(section(page, "Events it is quoted on").ul, path, newest_first(quoted), dataset, plan)
        for item in dataset.assessments_by(actor.id):
            assert item.judgment in words(section(page, "Its assessments"))


@checks("places")
def test_the_places_index_lists_every_place_by_country_with_its_spellings_and_events(dataset, plan, seen):
    rows = index_rows(seen["places/index.md"], "places/index.md", "Libya")  # the fixture's places are all in Libya
    places = sorted(dataset.places.values(), key=lambda p: p.name.casefold())
    assert [(name, target, count) for name, target, _, count in rows] == [
        (p.name, record_address(plan, "places", p.id), str(len(events_at(dataset, p.id)))) for p in places
    ]
    assert all(names_in_order(spelled, p.aliases) for (_, _, spelled, _), p in zip(rows, places, strict=True))


@checks("places", further=True)
def test_a_place_page_shows_its_spellings_country_coordinates_and_events(dataset, plan, seen):
    for place in dataset.places.values():
        path = plan.path("places", place.id)
        page = seen[path]
        fact = facts(page)
        assert names_in_order(words(fact["Also written"]), place.aliases)
        assert words(fact["Country"]) == f"{dataset.countries[place.country].name}, {place.admin1}"
        assert words(fact["Coordinates"]).startswith(
            f"{place.latitude}, {place.longitude} (approximate; from {place.gazetteer}"
        )
        assert words(fact["Events"]) == str(len(events_at(dataset, place.id)))
        assert_lists_events(section(page, "Events").ul, path, newest_first(events_at(dataset, place.id)), dataset, plan)


def test_a_toll_no_source_gives_reads_not_reported_in_every_map_table_never_0(dataset, plan, seen):
    """LBY0003 at Qatrun has no toll, LBY0002 there has one: the place's and the source's map tables
    add up the one and say the other is not reported; the five documents' Derna reads not reported."""
    assert dataset.figures("LBY0003") is None and dataset.events["LBY0003"].place == "qatrun"
    for path in (plan.path("places", "qatrun"), plan.path("sources", "comeback-south")):
        (row,) = [r for r in table_rows(seen[path], "Place") if words(r["Place"]) == dataset.places["qatrun"].name]
        assert words(row["Fatalities"]) == "22–27+ (conservative 22; not reported for 1 of 2 events)", path
    briefing = load_dataset(FIXTURES / "briefing" / "data")
    pages = {page.path: read(page) for page in build_pages(briefing) if page.path.startswith("places/derna")}
    (row,) = table_rows(pages["places/derna.md"], "Place")
    assert words(row["Fatalities"]) == "not reported"


def test_no_timeline_page_holds_more_than_its_page_size(dataset):
    for size in (1, 2):
        pages = {page.path: page.markdown for page in build_pages(dataset, page_size=size)}
        for path, markdown in pages.items():
            if path.startswith("timeline/") and path != "timeline/index.md":
                assert 1 <= len(html(markdown).select("article.lw-event")) <= size, path


def test_every_event_has_one_card_with_a_permanent_anchor(dataset, pages):
    ids = [el["id"] for md in pages.values() for el in html(md).select("article.lw-event")]
    assert sorted(ids) == sorted(dataset.events)


def test_every_source_actor_and_place_has_a_page(dataset, pages):
    for kind in ("sources", "actors", "places"):
        for key in getattr(dataset, kind):
            assert f"{kind}/{key}.md" in pages


def test_entity_pages_list_every_alias(dataset, pages):
    for kind in ("actors", "places"):
        for entity in getattr(dataset, kind).values():
            shown = [el.get_text() for el in html(pages[f"{kind}/{entity.id}.md"]).select(".lw-alias")]
            assert shown == entity.aliases


def test_generated_pages_never_run_macros(pages):
    assert all("\nrender_macros: false\n" in md.split("---\n", 2)[1] for md in pages.values())


def test_disputed_event_shows_each_sources_figure_side_by_side(pages):
    card = html(pages["timeline/index.md"]).select_one("#LBY0002")
    rows = {
        row.th.get_text(" ", strip=True).replace("( ", "(").replace(" )", ")"): row.td.get_text(" ", strip=True)
        for row in card.select(".lw-differ tbody tr")
    }
    assert "19" in rows["Fatalities (Islamic State)"] and "23" in rows["Fatalities (Islamic State)"]
    assert card.select_one(".lw-dispute-note")


def test_source_badges_carry_the_grade_and_link_to_the_source(pages):
    badge = html(pages["timeline/index.md"]).select_one("#LBY0001 .lw-badge")
    assert badge["href"] == "../sources/qatrun-second-attack/"
    assert badge.select_one(".lw-grade").get_text() == "B"


def test_a_source_pages_map_counts_only_the_events_it_reports(dataset, pages):
    for source_id in dataset.sources:
        figure = html(pages[f"sources/{source_id}.md"]).select_one('.lw-chart[id$="-map"]')
        reported = [
            e
            for e in dataset.events_from(source_id)
            if dataset.places[e.place].country == "LBY" and dataset.location(e.place).mapped
        ]
        if figure is None:
            assert not reported
            continue
        marks = [
            t for t in json.loads(figure["data-figure"])["data"] if t["name"] in {m[0] for m in MAP_MARKS.values()}
        ]
        mapped = sum(point[0] for trace in marks for point in trace["customdata"])
        assert mapped == sum(len(dataset.location(e.place).positions) for e in reported), source_id


def test_source_page_shows_every_quote_highlighted_in_its_passage(dataset, pages):
    page = html(pages["sources/qatrun-second-attack.md"])
    assert dataset.sources["qatrun-second-attack"].rights == "quotes only"
    assert not page.select(".lw-seed")  # no full text without the right to republish it
    marked = " ".join(mark.get_text() for mark in page.select(".lw-passage mark"))
    for event in dataset.events.values():
        for claim in event.claims:
            if claim.source == "qatrun-second-attack":
                assert " ".join(claim.quote.split()) in " ".join(marked.split())


def test_passages_keep_the_sentence_around_each_quote_and_mark_cuts():
    text = "First sentence. The army said 19 died in the clash. Later, nothing more.\nA new line here."
    (passage,) = passages(text, ["19 died"])
    assert [(p.text, p.quoted) for p in passage.parts] == [
        ("The army said ", False),
        ("19 died", True),
        (" in the clash.", False),
    ]
    assert not passage.cut_before and not passage.cut_after
    (short,) = passages(text, ["19 died"], reach=5)
    assert short.cut_before and short.cut_after


def test_highlight_matches_across_line_breaks_and_merges_overlaps():
    parts = highlight("one two\nthree four five", ["two three", "three four"])
    assert [(p.text, p.quoted) for p in parts] == [("one ", False), ("two\nthree four", True), (" five", False)]


def test_hostile_text_stays_text(fixture_copy):
    hostile = "<script>alert(1)</script> {{ 7*7 }} {% if 1 %}x{% endif %} [link](javascript:alert(1)) </div>"
    fixture_copy.edit("events.yaml", "summary: Fixture event at month precision.", f"summary: '{hostile}'")
    fixture_copy.edit("actors.yaml", "  name: Libyan National Army", "  name: '<img src=x onerror=alert(1)>'")
    built = {page.path: page.markdown for page in build_pages(load_dataset(fixture_copy.data))}
    for path, markdown in built.items():
        page = html(markdown)
        assert not page.select("script, img"), path
        assert "<script>" not in markdown and "<img" not in markdown, path
    card = html(built["timeline/index.md"]).select_one("#LBY0003 .lw-summary")
    assert card.get_text() == hostile
    assert re.search(r"&lt;script&gt;", built["timeline/index.md"])


@checks("downloads")
def test_the_downloads_page_describes_every_file_written_and_every_column_in_its_order(dataset, seen):
    from tests.helpers import render_exports

    page = seen["downloads.md"]
    written = render_exports(dataset)
    files = [a for a in page.find_all("a", download=True) if not a.find_parent(class_="lw-cite")]
    linked = {reached("downloads.md", a["href"]) for a in files}
    assert linked == {f"downloads/{name}" for name in written}
    for name, text in written.items():
        if not name.endswith(".csv"):
            assert words(section(page, name)), name
            continue
        header = text.splitlines()[0].split(",")
        table = section(page, name).find("table")
        rows = [[words(cell) for cell in row.find_all("td")] for row in table.find("tbody").find_all("tr")]
        assert [column for column, _ in rows] == header, name
        assert all(about for _, about in rows), name
    assert "Creative Commons Attribution 4.0 (CC BY 4.0" in words(section(page, "Licence"))


@checks("corrections")
def test_the_corrections_page_says_in_plain_words_that_no_report_address_is_given_and_that_none_was_made(seen):
    """No address is invented: without the publisher's setting the page tells readers, in plain words,
    that this copy gives none and whom to tell; the setting's name stays out of what they read."""
    page = seen["corrections.md"]
    report = words(section(page, "Report an error"))
    assert report.startswith(
        "This copy of the briefing gives no address for reporting errors: tell whoever published it, naming the page"
    )
    for developer_text in ("mkdocs.yml", "report_errors", "CONTRIBUTING", "corrections field", "configured"):
        assert developer_text not in words(page), developer_text
    assert not section(page, "Report an error").select("a")
    assert words(section(page, "Corrections made").p) == "No correction has been made so far."


@pytest.mark.parametrize(
    ("setting", "href"),
    [("https://example.org/report", "https://example.org/report"), ("errors@example.org", "mailto:errors@example.org")],
)
def test_the_corrections_page_links_the_report_address_the_publisher_sets(dataset, setting, href):
    from macros.views.siteplan import ReportTo

    plan = SitePlan.of(dataset, report_to=ReportTo.of(setting))
    (page,) = [page for page in build_pages(dataset, plan=plan) if page.path == "corrections.md"]
    report = section(read(page), "Report an error")
    (link,) = report.select("a")
    assert (link["href"], link.get_text()) == (href, setting)
    assert words(report).startswith(f"Report it to {setting}, naming the page or the event")
    assert "No address" not in words(report)


@pytest.mark.parametrize("setting", ["the editors", "ftp://example.org/x", "https://", "a@b"])
def test_a_report_address_that_is_neither_a_web_nor_an_email_address_is_refused(setting):
    from macros.views.siteplan import ReportTo

    with pytest.raises(ValueError, match="expected a web address"):
        ReportTo.of(setting)
