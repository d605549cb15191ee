"""Citing the briefing: every page of the built fixture site and every event card ends with a
citation line and a last-updated line, and the BibTeX and CSL-JSON files beside each parse and say
what the line says; the Downloads page lists every file the build writes."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.core.models import Edition
from macros.derive.corrections import last_changed
from macros.load.loader import load_dataset
from macros.views.citation import Citation, Issue, PageDates, bibtex, csl_json
from macros.views.siteplan import EVENT_ADDRESS, SitePlan
from tests.conftest import PROJECT

DAY = dt.date(2026, 11, 29)

# pages of the site that are not the briefing's own: the theme's 404 and the PDF's shell
NOT_CITED = {"404.html", "print/index.html"}
TITLES = {"index.html": "Briefing"}  # cited by its name in the menu, not its headline
BIBTEX_ENTRY = re.compile(r"@(\w+)\{([^,\s]+),\n")


def parse_bibtex(text: str) -> dict[str, tuple[str, dict[str, str]]]:
    """BibTeX entries by key: each one's type and fields, each value read to its balancing brace (a
    strict reading: an unbalanced or unescaped brace, or anything between entries, fails)."""
    entries = {}
    at = 0
    while at < len(text):
        match = BIBTEX_ENTRY.match(text, at)
        assert match, text[at:]
        fields: dict[str, str] = {}
        at = match.end()
        while text[at] != "}":
            name = re.compile(r"  (\w+) = \{").match(text, at)
            assert name, text[at:]
            depth, end = 1, name.end()
            while depth:
                char = text[end]
                if char == "\\":
                    end += 2
                    continue
                depth += {"{": 1, "}": -1}.get(char, 0)
                end += 1
            fields[name[1]] = text[name.end() : end - 1]
            assert text[end : end + 2] == ",\n", text[end:]
            at = end + 2
        assert text[at : at + 2] == "}\n", text[at:]
        at += 3 if text[at + 2 : at + 3] == "\n" else 2
        entries[match[2]] = (match[1], fields)
    return entries


def words(tag) -> str:
    return " ".join(tag.get_text(" ").split())


def pages(site: Path) -> list[Path]:
    """The site's pages, but for those not cited and the events' lasting addresses (each only sends
    the reader on to the card, which carries the citation)."""
    addresses = EVENT_ADDRESS.split("/")[0]
    return [
        p
        for p in sorted(site.rglob("*.html"))
        if p.relative_to(site).as_posix() not in NOT_CITED and p.relative_to(site).parts[0] != addresses
    ]


def cite_blocks(page: Path) -> list:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(".lw-cite")


def files_of(block, page: Path) -> tuple[Path, Path]:
    bib, csl = (a["href"] for a in block.find_all("a", download=True))
    return (page.parent / bib).resolve(), (page.parent / csl).resolve()


def assert_files_match(block, page: Path, title: str) -> None:
    """The BibTeX and CSL-JSON files the block links to parse, and give its title, address and edition."""
    line = words(block.select_one(".lw-citation-text"))
    address = words(block.select_one(".lw-url"))
    bib, csl = files_of(block, page)
    entries = parse_bibtex(bib.read_text(encoding="utf-8"))
    items = json.loads(csl.read_text(encoding="utf-8"))
    assert list(entries) == [item["id"] for item in items]  # the same citations, in the same order
    key = key_of(block, entries)
    item = next(item for item in items if item["id"] == key)
    kind, fields = entries[key]
    assert kind == "misc"
    assert fields["title"] == item["title"] == title and f"“{title}”" in line
    assert fields["url"] == item["URL"] == address
    assert fields["edition"] == item["edition"] and f"edition {item['edition']} (" in line
    updated = block.select_one(".lw-updated time")["datetime"]
    assert fields["note"].endswith(f"last updated {updated}") and item["note"] == f"Last updated {updated}"


def key_of(block, entries: dict) -> str:
    """The citation's key: an event's is named beside its download (its page's files hold others);
    a page's file begins with its own."""
    named = block.select_one(".lw-cite-files code")
    return words(named) if named else next(iter(entries))


@pytest.fixture(scope="module")
def site(served_site) -> tuple[Path, str]:
    return served_site


def test_every_page_ends_with_its_citation_and_last_updated_line_and_its_files_match(site, site_data):
    site_dir, _ = site
    edition = site_data.edition
    for page in pages(site_dir):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        blocks = soup.select(".lw-cite")
        assert blocks, page
        end = [b for b in blocks if not b.find_parent(class_="lw-event")]
        assert len(end) == 1, page  # the page's own, after any event cards' own
        block = end[0]
        assert words(block).startswith("Last updated: "), page
        assert f"edition {edition.number} ({edition.date:%-d %B %Y})" in words(block), page
        folder = page.parent.relative_to(site_dir).as_posix()
        # served from this machine: the path on the published site, never a loopback address
        path = "/" + ("" if folder == "." else f"{folder}/")
        assert words(block.select_one(".lw-url")) == path and "127.0.0.1" not in words(block)
        title = TITLES.get(page.relative_to(site_dir).as_posix()) or words(soup.h1).removesuffix("¶").strip()
        assert_files_match(block, page, title)


def test_every_event_card_has_its_citation_with_its_address_and_its_files_match(site, site_data):
    site_dir, _ = site
    cards = {}
    for page in sorted((site_dir / "timeline").rglob("index.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        cards |= {card["id"]: (card, page) for card in soup.select("article.lw-event")}
    assert set(cards) == set(site_data.events)
    for event_id, (card, page) in cards.items():
        [block] = card.select(".lw-cite")
        assert words(block.select_one(".lw-url")) == f"/events/{event_id}/"  # lasting, wherever the card is
        assert_files_match(block, page, words(block.select_one(".lw-citation-text")).split("“")[1].split("”")[0])
        assert words(block.select_one(".lw-citation-text")).startswith(f"Libya Watch, “{event_id}: ")
        newest = max(
            [site_data.events[event_id].added, *(c.added for c in site_data.events[event_id].claims if c.added)]
        )
        assert block.select_one(".lw-updated time")["datetime"] >= newest.isoformat()


def test_the_downloads_page_lists_every_file_the_build_writes(site):
    site_dir, _ = site
    page = site_dir / "downloads" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    linked = {
        (page.parent / a["href"]).resolve()
        for a in soup.select("article a[download]")
        if not a.find_parent(class_="lw-cite")
    }
    written = {path.resolve() for path in (site_dir / "downloads").iterdir() if path.name != "index.html"}
    assert linked == written  # the page itself is downloads/index.html, beside the files


def test_the_footer_links_the_downloads_the_licence_and_the_corrections(site):
    site_dir, _ = site
    page = site_dir / "sources" / "index.html"
    footer = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(".md-copyright")
    targets = {a["href"] for a in footer.find_all("a")}
    assert targets == {"../downloads/", "../downloads/#licence", "../corrections/"}
    assert "Data and text: CC BY 4.0" in words(footer)
    no_address = "Found an error? See corrections."  # no report address is set for the fixture site
    assert no_address in " ".join(footer.get_text().split())


@pytest.mark.parametrize(
    ("setting", "href"),
    [("https://example.org/report", "https://example.org/report"), ("errors@example.org", "mailto:errors@example.org")],
)
def test_the_footer_links_the_report_address_the_publisher_sets(setting, href):
    from jinja2 import Environment, FileSystemLoader

    from hooks.site import PageHead
    from macros.views.siteplan import ReportTo

    env = Environment(loader=FileSystemLoader(PROJECT / "overrides" / "partials"), autoescape=True)
    env.filters["url"] = lambda path: path
    config = {"use_directory_urls": True, "copyright": "Open-source briefing"}
    head = PageHead(csp="", feed=False, report_to=ReportTo.of(setting))
    footer = BeautifulSoup(env.get_template("copyright.html").render(config=config, libya_watch=head), "html.parser")
    assert [a["href"] for a in footer.find_all("a")][-2:] == [href, "corrections/"]
    assert f"Found an error? Report it to {setting}; see also corrections." in " ".join(footer.get_text().split())


def test_bibtex_escapes_what_latex_reads_as_syntax_and_csl_keeps_the_text():
    issued = Issue(Edition(number=2, date=DAY, note="n"), draft=False, cutoff=None)
    citation = Citation("libya-watch-x", "x", "50% of {IS} & co_#1 \\ ~", "Libya Watch", issued, DAY, "https://x/")
    other = Citation("libya-watch-y", "x", "}{", "Libya Watch", Issue(None, True, None), None, "https://x/#y")
    entries = parse_bibtex(bibtex([citation, other]))
    assert entries["libya-watch-x"][1]["title"] == r"50\% of \{IS\} \& co\_\#1 \textbackslash{} \~{}"
    assert entries["libya-watch-y"][1]["title"] == r"\}\{"
    assert [item["title"] for item in json.loads(csl_json([citation, other]))] == ["50% of {IS} & co_#1 \\ ~", "}{"]


@pytest.mark.parametrize(
    ("site_url", "address"),
    [("https://example.org/lw/", "https://example.org/lw/disputes/"), ("http://127.0.0.1:8000/", "/disputes/")],
)
def test_a_citation_names_the_public_address_or_else_only_the_path(site_url, address):
    """A local build's address would send a reader to their own machine: it cites the path alone."""
    from macros.load.loader import load_dataset
    from macros.views.citation import page_citation
    from macros.views.siteplan import SitePlan
    from tests.conftest import BRIEFING

    dataset = load_dataset(BRIEFING / "data")
    citation = page_citation(dataset, SitePlan.of(dataset, site=(site_url, "Libya Watch")), "disputes.md")
    assert (citation.address, citation.public) == (address, site_url.startswith("https"))


def test_data_changed_since_the_newest_edition_is_cited_as_a_working_draft_until_the_next_is_issued(tmp_path):
    """Reports added after edition 1 and not yet issued: no cite line, BibTeX or CSL-JSON entry and
    no PDF cover names edition 1 for them, but a working draft after it with its data's cut-off;
    once edition 2 is issued, every one of them names edition 2."""
    from macros.load.loader import load_dataset
    from macros.views.citation import citations, render_citation
    from macros.views.links import Links
    from macros.views.printview import render_contents, render_cover
    from macros.views.siteplan import SitePlan
    from tests.conftest import grow
    from tools.edition import cut_edition

    def cited(data: Path) -> tuple[str, list[str], list[dict], str]:
        dataset = load_dataset(data)
        plan = SitePlan.of(dataset)
        pages = list(citations(dataset, plan))
        lines = " ".join(words(BeautifulSoup(render_citation(c, Links("index.md", plan)), "html.parser"))
                         for entries in pages for c in entries)  # fmt: skip
        notes = [fields["note"] for entries in pages for _, fields in parse_bibtex(bibtex(entries)).values()]
        items = [item for entries in pages for item in json.loads(csl_json(entries))]
        config = {"handling": "OPEN-SOURCE BRIEFING"}
        cover = render_cover(dataset, config, "Libya Watch", plan) + render_contents(dataset, config, "Libya Watch")
        return lines, notes, items, " ".join(BeautifulSoup(cover, "html.parser").get_text(" ").split())

    data = grow(tmp_path)
    draft = f"working draft after edition 1, data as of {load_dataset(data).cutoff}"
    lines, notes, items, cover = cited(data)
    assert "edition 1 (" not in lines and lines.count(draft) == len(notes) == len(items)
    assert all(note.startswith(draft[0].upper() + draft[1:]) for note in notes)
    assert all("edition" not in item and item["note"].startswith("Working draft after edition 1") for item in items)
    assert draft[0].upper() + draft[1:] in cover and "Edition 1, issued" not in cover
    cut_edition("Adds the later reports.", data, stale="The fixture's prose stays as edition 1 wrote it.")
    issued = load_dataset(data).edition
    lines, notes, items, cover = cited(data)
    assert "working draft" not in lines + cover.lower() and lines.count(f"edition 2 ({issued.date:%-d %B %Y})") == len(
        notes
    )
    assert {item["edition"] for item in items} == {"2"} and f"Edition 2, issued {issued.date:%-d %B %Y}" in cover


def test_an_actors_page_is_dated_by_the_events_it_is_quoted_on(fixture_copy):
    """An actor who only speaks (an origin's speaker, party to no event) lists the events quoted
    from it: its page changed when they did, not when the edition was issued."""
    actors = fixture_copy.data / "actors.yaml"
    actors.write_text(
        actors.read_text(encoding="utf-8") + "- id: army-spokesman\n  name: The army's spokesman\n  kind: person\n",
        encoding="utf-8",
    )
    fixture_copy.edit("origins.yaml", "speaker: lna", "speaker: army-spokesman")
    noted = "  dispute_note: The army's full casualty list would settle the soldiers' toll.\n  added: 2026-11-22\n"
    corrected = "  corrections:\n  - date: 2026-11-28\n    what: The toll was put right.\n"
    fixture_copy.edit("events.yaml", noted + "  claims:", noted + corrected + "  claims:")  # LBY0002 quotes it
    dataset = load_dataset(fixture_copy.data)
    plan = SitePlan.of(dataset)
    quoting = [e for e in dataset.events.values() if any(c.origin == "lna-statement" for c in e.claims)]
    assert quoting
    page = plan.path("actors", "army-spokesman")
    expected = max(last_changed([e], [dataset.sources[s] for s in e.source_ids]) for e in quoting)
    assert PageDates.of(dataset, plan).updated(page) == expected == dt.date(2026, 11, 28)  # the edition: 22 Nov
