"""Addresses that last and can be shared: every event keeps its address however the timeline
splits as the data grows, every link to an event reaches its card, and the timeline's filters live
in the address (a filtered view opens filtered) with the rows shown downloadable as CSV."""

from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from macros.load.loader import load_dataset
from macros.views.addresses import event_addresses
from macros.views.pages import build_pages
from macros.views.siteplan import SitePlan
from tests.browser import chromium
from tests.checkers import html_pages, redirects_to
from tests.conftest import BRIEFING
from tests.helpers import events_at

ROOT = "https://site.invalid/"


def reached(url: str, href: str) -> str:
    """Where `href` on the page at `url` (from the site's root) leads, from the site's root."""
    return urljoin(ROOT + url, href).removeprefix(ROOT)


def address_targets(dataset, plan: SitePlan) -> dict[str, tuple[str, str]]:
    """Each event's address page -> (where its refresh sends the reader, where its link leads)."""
    targets = {}
    for path, html in event_addresses(dataset, plan, "Libya Watch"):
        page = BeautifulSoup(html, "html.parser")
        url = path.removesuffix("index.html")
        refresh = page.find("meta", attrs={"http-equiv": "refresh"})["content"].split("url=", 1)[1]
        targets[url] = (reached(url, refresh), reached(url, page.main.a["href"]))
    return targets


def test_an_events_address_stays_when_the_timeline_splits_as_the_data_grows(grown_data):
    """The briefing fits one timeline page; the grown data, at the same page size, splits it into
    year pages: each event keeps its address, which now sends the reader to its year page."""
    before, after = load_dataset(BRIEFING / "data"), load_dataset(grown_data)
    size = len(before.events)
    one, split = SitePlan.of(before, size), SitePlan.of(after, size)
    assert set(one.event_pages.values()) == {"timeline/index.md"}
    assert len(set(split.event_pages.values())) > 1 and "timeline/index.md" not in split.event_pages.values()
    was, now = address_targets(before, one), address_targets(after, split)
    for event_id in before.events:
        address = one.event_address(event_id)
        assert address == split.event_address(event_id) == f"events/{event_id}/"
        assert was[address] == (f"timeline/#{event_id}",) * 2
        assert now[address] == (split.card(event_id),) * 2 and split.card(event_id).endswith(f"/#{event_id}")
    cards = {page.path: page.markdown for page in build_pages(after, plan=split)}
    assert all(f'id="{e}"' in cards[split.event_pages[e]] for e in after.events)


def test_links_to_an_event_from_other_pages_are_its_address_before_and_after_the_split(grown_data):
    before, after = load_dataset(BRIEFING / "data"), load_dataset(grown_data)
    size = len(before.events)
    source = "sources/qatrun-second-attack.md"

    def event_links(dataset, plan):
        page = next(page for page in build_pages(dataset, plan=plan) if page.path == source)
        hrefs = [a["href"] for a in BeautifulSoup(page.markdown, "html.parser").find_all("a")]
        return {reached(plan.url(source), href) for href in hrefs} & {f"events/{e}/" for e in dataset.events}

    assert event_links(before, SitePlan.of(before, size)) == event_links(after, SitePlan.of(after, size)) != set()


@pytest.mark.build
def test_every_link_to_an_event_in_the_built_site_reaches_its_card(served_site, site_data):
    """Each event has an address; every link to one, on any page, reaches a page holding the card."""
    site, _ = served_site
    ids = {rel: {el["id"] for el in BeautifulSoup((site / rel).read_text("utf-8"), "html.parser").select("[id]")}
           for rel in html_pages(site)}  # fmt: skip
    assert {f"events/{e}/index.html" for e in site_data.events} <= set(ids)
    linked, broken = set(), []
    for rel in html_pages(site):
        for a in BeautifulSoup((site / rel).read_text("utf-8"), "html.parser").find_all("a", href=True):
            target = reached(rel, a["href"])
            if not target.startswith("events/"):
                continue
            linked.add(target)
            card = reached(target, redirects_to(site / (target + "index.html")) or "")
            page, _, anchor = card.partition("#")
            if anchor not in ids.get(page + "index.html", set()):
                broken.append(f"{rel}: {a['href']} -> {card}")
    assert broken == [] and len(linked) == len(site_data.events)


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


def visible_ids(page) -> list[str]:
    return page.locator("article.lw-event:visible").evaluate_all("els => els.map(e => e.id)")


@pytest.mark.browser
def test_an_events_address_opens_its_card(served_site, browser, site_data):
    _, base_url = served_site
    page = browser.new_page()
    page.goto(base_url + "events/LBY0009/")
    page.wait_for_url(base_url + SitePlan.of(site_data).card("LBY0009"))
    assert page.locator("#LBY0009").is_visible()
    page.close()


@pytest.mark.browser
def test_a_filter_in_the_address_opens_the_timeline_filtered(served_site, browser, site_data):
    _, base_url = served_site
    page = browser.new_page()
    page.goto(base_url + "timeline/?place=jabal-asida&type=Nonsense", wait_until="networkidle")
    there = sorted(e.id for e in events_at(site_data, "jabal-asida"))
    assert sorted(visible_ids(page)) == there and 0 < len(there) < len(site_data.events)
    assert page.locator("select[name=place]").input_value() == "jabal-asida"
    assert page.locator("select[name=type]").input_value() == ""  # a value it does not offer is left out
    page.close()


@pytest.mark.browser
def test_choosing_a_filter_writes_it_into_the_address(served_site, browser):
    _, base_url = served_site
    page = browser.new_page()
    page.goto(base_url + "timeline/", wait_until="networkidle")
    page.select_option("form.lw-filters select[name=type]", "Battles")
    page.select_option("form.lw-filters select[name=actor]", "islamic-state")
    assert parse_qs(urlsplit(page.url).query) == {"type": ["Battles"], "actor": ["islamic-state"]}
    shown = visible_ids(page)
    page.select_option("form.lw-filters select[name=type]", "")
    assert parse_qs(urlsplit(page.url).query) == {"actor": ["islamic-state"]}
    page.goto(base_url + "timeline/?type=Battles&actor=islamic-state", wait_until="networkidle")
    assert visible_ids(page) == shown  # the address written opens the same view
    page.close()


@pytest.mark.browser
def test_the_csv_download_holds_exactly_the_rows_shown_with_the_columns_of_events_csv(served_site, browser):
    site, base_url = served_site
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(base_url + "timeline/?type=Battles", wait_until="networkidle")
    shown = visible_ids(page)
    with page.expect_download() as download:
        page.locator(".lw-filter-csv").click()
    got = download.value.path().read_text(encoding="utf-8")
    full = (site / "downloads" / "events.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(got)))
    assert got.splitlines()[0] == full.splitlines()[0]
    assert sorted(row["event_id_cnty"] for row in rows) == sorted(shown) and len(shown) > 0
    assert {row["event_type"] for row in rows} == {"Battles"}
    assert all(line in full.splitlines() for line in got.splitlines())  # each row as events.csv has it
    assert download.value.suggested_filename == "events-type-Battles.csv"
    context.close()
