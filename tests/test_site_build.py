"""A strict build of the real site: it builds, carries the downloads, refuses bad data, and shows
records as a reader needs them (no raw id as link text, source chips naming an outlet, one count
per place or actor on its page and its index)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from macros.views.exports import CLAIM_COLUMNS, EVENT_COLUMNS, SOURCE_COLUMNS
from macros.views.sources import passages, quotes_of
from tests.conftest import PROJECT
from tests.site import build_site


@pytest.fixture(scope="module")
def site(served_site):
    """The session's build: tests/conftest.py marks every test that needs it `build`."""
    return served_site[0]


@pytest.fixture(scope="module")
def dataset(site_data):
    return site_data


@pytest.mark.parametrize(
    ("name", "columns"),
    [("events.csv", EVENT_COLUMNS), ("claims.csv", CLAIM_COLUMNS), ("sources.csv", SOURCE_COLUMNS)],
)
def test_downloads_have_exactly_the_agreed_columns(site, dataset, name, columns):
    with (site / "downloads" / name).open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert tuple(reader.fieldnames) == columns
    expected = {
        "events.csv": len(dataset.events),
        "claims.csv": sum(len(e.claims) for e in dataset.events.values()),
        "sources.csv": len(dataset.sources),
    }[name]
    assert len(rows) == expected


def test_geojson_and_json_downloads_exist(site):
    assert (site / "downloads" / "events.geojson").stat().st_size > 0
    assert (site / "downloads" / "events.json").stat().st_size > 0


def test_front_page_counts_come_from_the_data(site, dataset):
    page = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    counts = page.select_one(".lw-counts").get_text(" ", strip=True)
    assert f"{len(dataset.events)} event" in counts
    assert f"{len(dataset.sources)} source" in counts
    cutoff = page.select_one(".lw-cutoff time")
    assert (cutoff["datetime"] if cutoff else None) == (dataset.cutoff.isoformat() if dataset.cutoff else None)
    links = {a["href"] for a in page.select(".lw-overview a[download]")}
    assert links == {
        f"downloads/{n}"
        for n in ("events.csv", "claims.csv", "sources.csv", "origins.csv", "events.geojson", "events.json")
    }
    assert all((site / href).is_file() for href in links)


def test_site_loads_no_google_fonts(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html


@pytest.mark.build
def test_bad_data_stops_the_build_with_file_and_line(briefing_copy, tmp_path):
    line = briefing_copy.edit("events.yaml", "  place: umm-al-aranib\n", "  place: nowhere\n")
    result = build_site(tmp_path / "site", data_dir=briefing_copy.data)
    assert result.returncode != 0
    assert f"data/events.yaml:{line}: LBY0008.place: unknown place 'nowhere'" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "site" / "index.html").exists()


@pytest.mark.build
def test_a_build_leaves_garbage_collection_on_in_a_long_running_process(briefing_copy, tmp_path):
    # The hook pauses the collector while it builds; `mkdocs serve` builds again and again in one process.
    script = """
import gc, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
try:
    build(load_config("mkdocs.yml", site_dir=sys.argv[1], strict=True))
except SystemExit:
    print("failed", end=" ")
print(gc.isenabled())
"""
    outcomes = []
    for case in ("good", "bad-data"):
        if case == "bad-data":
            briefing_copy.edit("events.yaml", "  place: umm-al-aranib\n", "  place: nowhere\n")
        env = {**os.environ, "LIBYA_WATCH_DATA": str(briefing_copy.data)}
        command = [sys.executable, "-c", script, str(tmp_path / case)]
        outcomes.append(subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True).stdout.split())
    assert outcomes == [["True"], ["failed", "True"]]


def _pages(site):
    for path in sorted(site.rglob("*.html")):
        yield path, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_internal_link_and_anchor_resolves(site):
    from urllib.parse import unquote, urlsplit

    anchors = {path: {el["id"] for el in page.select("[id]")} for path, page in _pages(site)}
    broken = []
    for path, page in _pages(site):
        for a in page.select("article a[href]"):
            href = a["href"]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("mailto:"):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(site)}: {href}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in anchors[target]:
                broken.append(f"{path.relative_to(site)}: {href} (no such anchor)")
    assert broken == []


def test_content_ids_are_unique_across_the_site(site):
    seen: dict[str, str] = {}
    clashes = []
    for path, page in _pages(site):
        content = page.select_one("article.md-content__inner")
        for el in content.select("[id]") if content else []:
            where = str(path.relative_to(site))
            if el["id"] in seen and seen[el["id"]] != where:
                clashes.append(f"{el['id']}: {seen[el['id']]} and {where}")
            seen.setdefault(el["id"], where)
    assert clashes == []


def test_every_event_is_on_the_timeline(site, dataset):
    page = BeautifulSoup((site / "timeline" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [card["id"] for card in page.select("article.lw-event")] == list(dataset.events)


def test_search_finds_every_spelling_on_its_entry(site, dataset):
    """Every word of every spelling is a search word of the entry's page, folded as the search
    worker folds a query (words glued together by markup would be unfindable)."""
    from macros.publish.searchindex import words
    from tests.helpers import read_search_index

    docs, found = read_search_index(site / "search")
    pages_of = {token: {docs[n][0].split("#")[0] for n in numbers} for token, numbers in found.items()}
    missing = [
        f"{kind}/{entity.id}: {spelling}"
        for kind in ("actors", "places")
        for entity in getattr(dataset, kind).values()
        for spelling in (entity.name, *entity.aliases)
        for word in words(spelling)
        if f"{kind}/{entity.id}/" not in pages_of.get(word, set())
    ]
    assert missing == []


def test_search_has_each_event_once_at_its_card_and_each_source_text(site, dataset):
    """The generated pages' entries come from the data (macros/views/search.py), not from parsing pages;
    every word of the text a source's page shows finds it, and no word the page does not show."""
    import json

    from macros.publish.searchindex import also_spelled, spelling_index, words
    from macros.views.search import spellings
    from tests.helpers import read_search_index

    assert json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"] == []
    docs, found = read_search_index(site / "search")
    locations = [doc[0] for doc in docs]
    cards = [loc for loc in locations if loc.startswith("timeline/#")]
    assert sorted(cards) == sorted(f"timeline/#{event_id}" for event_id in dataset.events)
    for source_id, original in dataset.originals.items():
        entry = locations.index(f"sources/{source_id}/#{source_id}-text")
        source = dataset.sources[source_id]
        shown = original
        if source.rights != "full text":  # only the passages the page shows are searchable
            shown = " ".join("".join(p.text for p in passage.parts)
                             for passage in passages(original, quotes_of(source_id, dataset)))  # fmt: skip
            hidden = set(words(original)) - set(words(shown)) - set(words(f"{source.title} quoted passages"))
            hidden -= also_spelled(words(shown), spelling_index(spellings(dataset)))  # other names of what it names
            assert not [word for word in hidden if entry in found.get(word, set())], source_id
        assert all(entry in found[word] for word in words(shown)), source_id
    assert {"disputes/", "whats-new/"} <= set(locations)  # every page is in search: tests/test_site_search.py


@pytest.mark.build
def test_hostile_data_stays_inert_in_the_built_site(briefing_copy, tmp_path):
    hostile = "<script>alert(1)</script> {{ 7*7 }} [link](javascript:alert(1)) </div>"
    briefing_copy.edit("events.yaml", "  summary: A US-led NATO military intervention followed the 2011 uprising.",
                   f"  summary: '{hostile}'")  # fmt: skip
    result = build_site(tmp_path / "site", data_dir=briefing_copy.data)
    assert result.returncode == 0, result.stderr
    for path, page in _pages(tmp_path / "site"):
        content = page.select_one("article.md-content__inner")
        if content is None:
            continue
        assert not content.select("script"), path
        assert not content.select('a[href^="javascript:"]'), path
    card = BeautifulSoup((tmp_path / "site" / "timeline" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert card.select_one("#LBY0002 .lw-summary").get_text() == hostile


def test_no_repo_url_so_no_code_hosting_api_is_called():
    """Material fetches repository statistics from a code host at view time when repo_url is set."""
    from mkdocs.config import load_config

    config = load_config(str(PROJECT / "mkdocs.yml"))
    assert config.repo_url is None


def test_a_local_build_writes_no_feed_that_would_point_at_this_machine(site):
    # the session site is built for http://127.0.0.1:PORT/: no feed, no link to one anywhere
    assert not (site / "feed.xml").exists()
    for page in ("index.html", "whats-new/index.html"):
        assert "feed.xml" not in (site / page).read_text(encoding="utf-8"), page


# --- What a reader sees of records: link text, source chips, one count per entity ---------------


def _page(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _articles(site):
    for path, page in _pages(site):
        article = page.select_one("article")
        if article:
            yield path.relative_to(site), article


def test_no_link_reads_as_a_raw_id(site, dataset):
    names = {e.name for kind in (dataset.places, dataset.actors) for e in kind.values()}
    ids = {*dataset.events, *dataset.sources, *dataset.places, *dataset.actors, *dataset.origins} - names
    raw = [f"{path}: {a.get_text(strip=True)}" for path, article in _articles(site)
           for a in article.select("a") if a.get_text(strip=True) in ids]  # fmt: skip
    assert raw == []


def test_every_source_chip_names_an_outlet_and_a_date(site, dataset):
    outlets = {s.outlet.name or "unknown outlet" for s in dataset.sources.values()}
    inferred = {s.outlet.name for s in dataset.sources.values() if s.outlet.basis == "inferred"}
    wrong = []
    for path, article in _articles(site):
        for chip in article.select("a.lw-badge"):
            outlet = chip.select_one(".lw-outlet").get_text(strip=True)
            if outlet not in outlets or not chip.select_one(".lw-chip-date").get_text(strip=True):
                wrong.append(f"{path}: {chip.get_text(' ', strip=True)}")
            if (outlet in inferred) != bool(chip.select_one(".lw-inferred")):
                wrong.append(f"{path}: {chip.get_text(' ', strip=True)} (inferred mark)")
    assert wrong == []


@pytest.mark.parametrize("kind", ["places", "actors"])
def test_an_entity_page_and_its_index_give_one_count(site, dataset, kind):
    index = _page(site / kind / "index.html")
    rows = {
        tr.a["href"].strip("/"): tr.select_one(".lw-count").get_text(strip=True)
        for tr in index.select("table.lw-entities tbody tr")
    }
    pages = {key: _page(site / kind / key / "index.html").select_one(".lw-count").get_text(strip=True)
             for key in getattr(dataset, kind)}  # fmt: skip
    assert rows == pages
    if kind == "places":
        assert rows["qatrun"] != "none"  # the case: an event near Qatrun, none at it
