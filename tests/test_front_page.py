"""The front page as a policy reader meets it: how current the briefing is, on the first screen of
a phone and a desktop, then the takeaways, the bottom line, what changed, what is disputed and
what is unknown, in that order."""

from __future__ import annotations

import pytest

from macros.core.models import date_bounds
from macros.load.loader import load_dataset
from macros.views.briefing import latest_window
from tests.browser import chromium

ORDER = ("takeaways", "bluf", "changes", "key-judgments", "disputed", "latest", "outlook", "gaps")


@pytest.fixture(scope="module")
def dataset(site_data):
    """The data the served site is built from (tests/conftest.py: the grown fixture)."""
    return site_data


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)])
@pytest.mark.browser
def test_the_first_screen_says_which_edition_and_how_current(served_site, browser, width, height, dataset):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(served_site[1], wait_until="networkidle")
    line = page.locator(".lw-edition-line")
    box = line.bounding_box()
    assert box is not None and box["y"] + box["height"] <= height, "the edition line is below the first screen"
    text = " ".join(line.inner_text().split())
    assert f"information cut-off {dataset.cutoff}" in text
    edition = dataset.edition
    assert (f"Edition {edition.number}, issued {edition.date:%-d %B %Y}" if edition else "Draft") in text
    if dataset.coverage.gaps:
        assert "none on record for" in text
    page.close()


@pytest.mark.browser
def test_the_briefing_reads_in_the_readers_order(served_site, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(served_site[1], wait_until="networkidle")
    tops = [page.locator(f"#{anchor}").bounding_box()["y"] for anchor in ORDER]
    assert tops == sorted(tops)
    takeaways = page.locator("#takeaways + ul > li").count()
    assert 3 <= takeaways <= 5
    page.close()


@pytest.mark.browser
def test_latest_developments_lists_only_events_within_the_stated_window(served_site, browser, dataset):
    start, end = latest_window(dataset.cutoff.last_day, 12)
    page = browser.new_page()
    page.goto(served_site[1], wait_until="networkidle")
    assert f"{start:%B %Y} to {end:%B %Y}" in page.locator(".lw-window").inner_text()
    for stamp in page.locator(".lw-latest time").evaluate_all("nodes => nodes.map(n => n.getAttribute('datetime'))"):
        assert date_bounds(stamp)[1] >= start and date_bounds(stamp)[0] <= end, stamp
    page.close()


def test_claimed_gives_each_origins_figure_with_who_said_it_and_the_chip():
    """The prose's `claimed()` over the fixtures: one figure per origin, in our words who said it,
    then the chip of each document relaying it."""
    from bs4 import BeautifulSoup

    from macros.views.briefing import render_claimed
    from macros.views.links import Links
    from macros.views.siteplan import SitePlan
    from tests.conftest import FIXTURES

    dataset = load_dataset(FIXTURES / "data")
    html = render_claimed(dataset, Links("index.md", SitePlan.of(dataset)), "LBY0002", "fatalities", "islamic-state")
    assert BeautifulSoup(html, "html.parser").get_text(" ", strip=True) == (
        "19 (a statement in the name of the Libyan National Army; unknown outlet · January 2022 inferred C4 ) and "
        "23 (Sky News Arabia's own reporting, naming no source; Sky News Arabia inferred · 29 Jan 2022 B4 )"
    )


@pytest.fixture(scope="module")
def prose_macros():
    """voices() and claimed() over the five documents, as the key judgments read them: plain text."""
    from bs4 import BeautifulSoup

    from macros.views.briefing import render_claimed, render_voices
    from macros.views.links import Links
    from macros.views.siteplan import SitePlan
    from tests.conftest import FIXTURES

    dataset = load_dataset(FIXTURES / "briefing" / "data")
    links = Links("index.md", SitePlan.of(dataset))

    def text(html: str) -> str:
        return " ".join(BeautifulSoup(html, "html.parser").get_text(" ", strip=True).split())

    return (
        lambda *args: text(render_voices(dataset, links, *args)),
        lambda *args: text(render_claimed(dataset, links, *args)),
    )


def test_voices_says_a_single_voice_or_how_many_separate_ones_never_1_voices(prose_macros):
    voices, _ = prose_macros
    assert voices("LBY0008", "fatalities") == (
        "a single voice: Sky News Arabia's own reporting, naming no source ( Sky News Arabia inferred · 29 Jan 2022 C )"
    )
    many = voices("LBY0009", "fatalities")
    assert many.startswith("3 separate voices: a statement in the name of the Libyan National Army and a post by ")
    assert "(no one named)" not in many and "1 separate" not in many
    with pytest.raises(KeyError):  # no claim on the point: the build stops rather than print "0 voices"
        voices("LBY0003", "fatalities")


def test_claimed_words_a_figure_with_no_party_a_named_party_and_an_unnamed_one(prose_macros):
    _, claimed = prose_macros
    # no party to name where the point has one: the figure and who gives it
    assert claimed("LBY0008", "fatalities", None) == (
        "1 (Sky News Arabia's own reporting, naming no source; Sky News Arabia inferred · 29 Jan 2022 C6 )"
    )
    # "security forces" a source leaves unnamed: the forces they may be, in words, never the actor's label
    assert claimed("LBY0009", "fatalities", "lna") == (
        "3 for the Libyan National Army or the Ministry of Interior, not saying which (a statement in the name of "
        "the Ministry of Interior; unknown outlet · c. 27 Jan 2022 inferred F6 ) and 4 for the Libyan National Army "
        "(Sky News Arabia's own reporting, naming no source; Sky News Arabia inferred · 29 Jan 2022 C6 )"
    )


def test_figures_in_the_key_judgments_say_why_the_top_of_a_range_is_what_it_is():
    """The prose's `figures()` over the five documents: LBY0009's 22–30 says its top adds the
    ministry's 3 dead "security forces", a force it does not name, to the army's 4."""
    from bs4 import BeautifulSoup

    from macros.views.eventview import event_toll
    from macros.views.render import render
    from tests.conftest import FIXTURES

    dataset = load_dataset(FIXTURES / "briefing" / "data")
    html = render("figures.html", value=event_toll("LBY0009", dataset))
    assert " ".join(BeautifulSoup(html, "html.parser").get_text().split()) == (
        "22–30 (conservative 22; the top adds the 3 “security forces” the Ministry of Interior gave, naming no force, "
        "to the Libyan National Army's 4: they may be the same dead)"
    )
    short = render("figures.html", value=event_toll("LBY0009", dataset), short=True)
    assert " ".join(BeautifulSoup(short, "html.parser").get_text().split()) == (
        "22–30 (conservative 22; the top may count the same dead twice)"
    )


def test_what_is_disputed_says_how_many_voices_in_how_many_documents_never_independent_sources():
    """LBY0009's location is disputed between two documents, who took part between two voices one
    document relays: each point says which, as the event's status words do."""
    from bs4 import BeautifulSoup

    from macros.views.briefing import render_disputed
    from macros.views.links import Links
    from macros.views.siteplan import SitePlan
    from tests.conftest import FIXTURES

    dataset = load_dataset(FIXTURES / "briefing" / "data")
    html = render_disputed(dataset, Links("index.md", SitePlan.of(dataset)))
    text = " ".join(BeautifulSoup(html, "html.parser").get_text(" ", strip=True).split())
    assert "independent sources" not in text
    assert text.startswith("1 of 17 events is disputed: on each point below, two or more voices say what cannot")
    assert "two voices can be in one document." in text
    assert "Location, 2 voices in 2 documents: near Mount Asida, west of Qatroun, said by" in text
    assert "Who took part (Ministry of Interior), one document relaying 2 voices: a force from" in text
