"""What a reader sees of records on the real built site: a link never reads as a raw id, a
source chip names its outlet, and a place's page and the Places index give one count."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from macros.loader import load_dataset
from tests.conftest import PROJECT

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def site(served_site):
    return served_site[0]


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(PROJECT / "data")


def _page(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _articles(site):
    for path in sorted(site.rglob("*.html")):
        article = _page(path).select_one("article")
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
