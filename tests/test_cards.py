"""Event cards, source chips and place counts, rendered from the fixture dataset: a card leads
with date, place and its headline (ACLED's codes small, after); a chip names the outlet ("unknown
outlet"), its date and grade, an inferred outlet marked; a place's page and the Places index give
one count; the timeline's place filter holds the towns events are described from."""

from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup

from macros.derive.figures import Figures
from macros.load.loader import load_dataset
from macros.load.notices import nested_figures
from macros.views.briefing import render_claimed
from macros.views.chips import SharedChips
from macros.views.eventview import Apart, EventViews, Toll
from macros.views.links import Links
from macros.views.pages import BUILDERS, build_pages
from macros.views.render import render
from macros.views.siteplan import SitePlan
from tests.conftest import FIXTURES
from tests.helpers import UNNAMED_SECURITY_FORCES, army_dead_as_unnamed_security_forces, render_exports


def html(markdown: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.split("---\n", 2)[2], "html.parser")


@pytest.fixture(scope="module")
def pages():
    return {page.path: html(page.markdown) for page in build_pages(load_dataset(FIXTURES / "data"))}


def text(element) -> str:
    return element.get_text(" ", strip=True)


def test_a_card_leads_with_date_place_and_headline_and_puts_acled_codes_after(pages):
    card = pages["timeline/index.md"].select_one("#LBY0002")
    heading, headline, meta = card.select("h3, p")[:3]
    assert text(heading) == "Wed 26 Jan 2022 · Al Qatrun ¶"
    assert "lw-headline" in headline["class"] and text(headline).startswith("IS attacked")
    assert text(meta.select_one(".lw-codes")) == "ACLED: Battles / Armed clash · LBY0002"
    assert "Armed clash" not in text(heading) + text(headline)


def test_a_source_chip_names_outlet_date_and_grade_never_a_title(pages):
    chips = {text(chip) for chip in pages["timeline/index.md"].select("#LBY0002 dl .lw-badge")}
    assert chips == {"unknown outlet · January 2022 inferred C", "Sky News Arabia inferred · 29 Jan 2022 B"}
    claim_chips = {text(chip) for chip in pages["timeline/index.md"].select("#LBY0002 .lw-differ .lw-badge")}
    assert claim_chips == {"unknown outlet · January 2022 inferred C4", "Sky News Arabia inferred · 29 Jan 2022 B4"}


def test_an_inferred_outlet_is_marked_and_a_stated_one_is_not(pages):
    page = pages["sources/index.md"]
    chips = page.select(".lw-badge")
    marks = {text(chip.select_one(".lw-outlet")): bool(chip.select_one(".lw-inferred")) for chip in chips}
    assert marks == {"unknown outlet": False, "Sky News Arabia": True}


def test_the_dispute_table_heads_each_column_with_the_sources_chip(pages):
    heads = [text(th) for th in pages["disputes.md"].select(".lw-differ thead th")]
    assert heads == ["Point", "unknown outlet · January 2022 inferred C", "Sky News Arabia inferred · 29 Jan 2022 B"]


@pytest.fixture
def near_pages(fixture_copy):
    """The fixture with LBY0001 moved to a place described only as near Umm al Aranib."""
    places = fixture_copy.data / "places.yaml"
    near = (
        "- id: hq-near-aranib\n  name: Headquarters near Umm al Aranib\n  geo_precision: 2\n"
        "  geo_note: Only said to be near the town.\n  country: LBY\n  near: umm-al-aranib\n"
    )
    places.write_text(places.read_text(encoding="utf-8") + near, encoding="utf-8")
    fixture_copy.edit("events.yaml", "  place: umm-al-aranib", "  place: hq-near-aranib")
    return {page.path: html(page.markdown) for page in build_pages(load_dataset(fixture_copy.data))}


def test_a_place_page_and_the_places_index_give_one_count(near_pages):
    row = next(tr for tr in near_pages["places/index.md"].select("tr") if tr.a and text(tr.a) == "Umm al Aranib")
    page = near_pages["places/umm-al-aranib.md"]
    assert text(row.select_one(".lw-count")) == text(page.select_one(".lw-count")) == "1 near it"
    assert "took place at Umm al Aranib itself; 1 took place near it" in text(page)
    qatrun = next(tr for tr in near_pages["places/index.md"].select("tr") if tr.a and text(tr.a) == "Al Qatrun")
    assert text(qatrun.select_one(".lw-count")) == text(near_pages["places/qatrun.md"].select_one(".lw-count")) == "2"


def test_the_place_filter_holds_a_town_with_events_only_near_it(near_pages):
    timeline = near_pages["timeline/index.md"]
    options = {o["value"]: text(o) for o in timeline.select("select[name=place] option") if o["value"]}
    assert options["umm-al-aranib"] == "Umm al Aranib (events near it)"
    assert options["hq-near-aranib"] == "Headquarters near Umm al Aranib"
    assert timeline.select_one("#LBY0001")["data-place"] == "hq-near-aranib umm-al-aranib"


def test_each_spelling_cites_the_documents_whose_quotes_use_it_as_written():
    from types import SimpleNamespace as NS

    from macros.views.entities import _spelled

    entity = NS(aliases=["Qatroun", "ISIS", "Isis", "Al Qatrun"])
    claims = [NS(source="a", quote="near Qatroun, ISIS said"), NS(source="b", quote="ISIS in Qatroun")]
    events = [NS(claims=claims)]
    judgments = [NS(source="c", quote="the Isis group")]
    spelled = {item.name: item.sources for item in _spelled(entity, events, judgments)}
    assert spelled == {"Qatroun": ["a", "b"], "ISIS": ["a", "b"], "Isis": ["c"], "Al Qatrun": []}


def _fatalities_of(copy, event_id: str, label: str = "Fatalities") -> str:
    """An event's Fatalities line on its card (or another count's, by its label)."""
    built = {page.path: html(page.markdown) for page in build_pages(load_dataset(copy.data))}
    card = built["timeline/index.md"].select_one(f"#{event_id}")
    (dead,) = [dt.find_next_sibling("dd") for dt in card.select("dt") if text(dt) == label]
    return " ".join(dead.get_text().split())


def _fatalities_with_a_units_dead(copy) -> str:
    """LBY0002's Fatalities line, with 2 dead of the army's Umm al-Aranib brigade added."""
    unit = "    - source: comeback-south\n      field: fatalities\n      party: umm-al-aranib-brigade\n"
    unit += "      value: 2\n      quote: three security forces were killed\n"
    copy.edit("events.yaml", "- id: LBY0003\n", unit + "- id: LBY0003\n")
    return _fatalities_of(copy, "LBY0002")


def test_a_units_dead_are_shown_within_their_forces_figure_and_not_added(fixture_copy):
    shown = _fatalities_with_a_units_dead(fixture_copy)
    assert shown.endswith("; 2 of Umm al-Aranib Martyrs Brigade, within Libyan National Army's figure, not added")
    assert shown.startswith("22–27+")  # the total as before: the brigade's 2 are the army's


def test_a_units_dead_may_be_within_the_figure_of_forces_the_source_left_unnamed(fixture_copy):
    army_dead_as_unnamed_security_forces(fixture_copy)
    assert _fatalities_with_a_units_dead(fixture_copy).endswith(
        "; 2 of Umm al-Aranib Martyrs Brigade, may be within Security forces (force not named)'s figure, not added"
    )


def test_a_units_dead_are_worded_alike_on_the_card_and_in_make_validates_note(fixture_copy):
    """LBY0009's shape: one origin's dead given once for "security forces" (force not named) and
    once for the army's brigade, beside the army's own figure. The brigade is surely within the
    army: card and note both say "within" the army, never "may be within" the unnamed party."""
    fixture_copy.edit("actors.yaml", "- id: islamic-state\n", UNNAMED_SECURITY_FORCES + "- id: islamic-state\n")
    three = "      value: 3\n      quote: three security forces were killed\n"
    fixture_copy.edit("events.yaml", "      party: lna\n" + three,
                      "      party: security-forces\n" + three + "      origin: lna-statement\n")  # fmt: skip
    cites = "- id: qatrun-second-attack\n  cites: [lna-statement]\n"
    fixture_copy.edit("sources.yaml", "- id: qatrun-second-attack\n", cites)
    unit = "    - source: qatrun-second-attack\n      field: fatalities\n      party: umm-al-aranib-brigade\n"
    unit += "      value: 3\n      quote: killing 4 army men\n      origin: lna-statement\n"
    fixture_copy.edit("events.yaml", "- id: LBY0003\n", unit + "- id: LBY0003\n")
    assert _fatalities_of(fixture_copy, "LBY0002").endswith(
        "; 3 of Umm al-Aranib Martyrs Brigade, within Libyan National Army's figure, not added"
    )
    line = fixture_copy.line_of("events.yaml", "      party: umm-al-aranib-brigade")
    assert nested_figures(fixture_copy.data, load_dataset(fixture_copy.data)) == [
        f"note: data/events.yaml:{line}: LBY0002.claims[4].party: umm-al-aranib-brigade is within lna, and "
        "lna-statement gives a fatalities figure too for security-forces, which may be lna (claims[2]): counted "
        "once, as lna's"
    ]


def test_an_early_count_and_a_figure_in_words_are_marked_alike_wherever_a_value_is_worded(fixture_copy):
    """The briefing's claimed(), the card's claims, the disputes page and claims.csv's words all
    mark an early count "(early count)" and a figure in words "(source's word)", never a bare "7"."""
    early = "    - source: qatrun-second-attack\n      field: fatalities\n      party: islamic-state\n"
    early += "      value: 7\n      preliminary: true\n      quote: an operation that killed 23 terrorists\n"
    fixture_copy.edit("events.yaml", "- id: LBY0003\n", early + "- id: LBY0003\n")
    fixture_copy.edit("events.yaml", "      party: lna\n      value: 3\n", "      party: lna\n      value: several\n")
    data = load_dataset(fixture_copy.data)
    links = Links("index.md", SitePlan.of(data))
    claimed = text(BeautifulSoup(render_claimed(data, links, "LBY0002", "fatalities", "islamic-state"), "html.parser"))
    assert claimed.startswith("19 (") and "and 7 (early count) (" in claimed
    assert "several (source's word) (" in text(
        BeautifulSoup(render_claimed(data, links, "LBY0002", "fatalities", "lna"), "html.parser")
    )
    built = {page.path: html(page.markdown) for page in build_pages(data)}
    card = [text(v) for v in built["timeline/index.md"].select("#LBY0002 .lw-claims .lw-value")]
    disputes = [text(v) for v in built["disputes.md"].select(".lw-value")]
    for shown in (card, disputes):
        assert {"7 (early count)", "several (source's word)"} <= set(shown) and "7" not in shown
    rows = csv.DictReader(io.StringIO(render_exports(data)["claims.csv"]))
    words = {row["value"]: row["value_words"] for row in rows if row["event_id_cnty"] == "LBY0002"}
    assert (words["7"], words["several"], words["19"]) == ("7 (early count)", "several (source's word)", "19")


def test_a_toll_resting_on_early_counts_alone_says_so_in_figures_and_on_the_card(fixture_copy):
    """With no settled count beside it, an early count is the range, and the toll says so wherever
    it is shown: the briefing's figures() and the card's Fatalities line; a total only partly
    resting on one says "in part"."""
    soldier = "      quote: led to the death of an army soldier\n"
    fixture_copy.edit(
        "events.yaml", "      value: 1\n" + soldier, "      value: 1\n      preliminary: true\n" + soldier
    )
    for value in ("3", "at least 4"):
        fixture_copy.edit("events.yaml", f"      party: lna\n      value: {value}\n",
                          f"      party: lna\n      value: {value}\n      preliminary: true\n")  # fmt: skip
    data = load_dataset(fixture_copy.data)
    assert (data.figures("LBY0001").early, data.figures("LBY0002").early) == ("all", "part")  # words: the views'
    assert render("figures.html", value=data.figures("LBY0001"), words=()).strip().endswith("(early count)</span>")
    assert _fatalities_of(fixture_copy, "LBY0001") == "1 (early count)"
    assert _fatalities_of(fixture_copy, "LBY0002") == "22–27+ (in part an early count; conservative 22)"


APART = (
    "the top adds the 3 “security forces” a report by an unknown outlet gave, naming no force, to the "
    "Libyan National Army's 4+: they may be the same dead"
)


def test_a_range_says_its_top_counts_dead_a_source_named_no_force_for_on_top_of_a_named_forces(fixture_copy):
    """22–30 reads as a double count unless the card says why its top is 30: the 3 dead "security
    forces" a report names no force for are added to the army's 4 there, and may be the same men."""
    army_dead_as_unnamed_security_forces(fixture_copy, values=("3",))
    assert _fatalities_of(fixture_copy, "LBY0002") == f"22–30+ (conservative 22; {APART})"


def test_a_table_cell_marks_a_top_counted_apart_and_leaves_the_why_to_the_tables_note():
    apart = Apart("3", "security forces", "the Ministry of Interior", "the Libyan National Army's", "4")
    toll = Toll(Figures(22, 22, 30, False), apart=(apart,))
    why = "the top adds the 3 “security forces” the Ministry of Interior gave, naming no force, to the "
    assert toll.brief == "22–30* (conservative 22)"
    assert toll.footnote("Jabal Asida") == f"* Jabal Asida: {why}Libyan National Army's 4: they may be the same dead."
    assert Toll(Figures(1, 1, 1, False)).footnote("Derna") is None and Toll(Figures(1, 1, 1, False)).brief == "1"
    # a map position's events together: the reasons carried along with the sum
    together = Toll.of([toll, Toll(None)])
    assert together.apart == (apart,) and together.brief == "22–30* (conservative 22; not reported for 1 of 2 events)"


SEVERAL = """    - source: qatrun-second-attack
      field: fatalities
      party: lna
      value: several
      quote: killing 4 army men
    - source: qatrun-second-attack
      field: injuries
      party: lna
      value: Dozens
      quote: killing 4 army men
"""


def test_dead_given_only_in_words_show_as_the_sources_word_and_export_no_number(fixture_copy):
    """ "Several killed" is neither a number nor "not reported": the card and the tables give the
    source's word, and the downloads' numeric columns stay empty."""
    fixture_copy.edit("events.yaml", "      resolved: 2016-12\n      quote: in December 2016\n",
                      "      resolved: 2016-12\n      quote: in December 2016\n" + SEVERAL)  # fmt: skip
    assert _fatalities_of(fixture_copy, "LBY0003") == "several (source's word)"
    assert _fatalities_of(fixture_copy, "LBY0003", "Injuries") == "Dozens (source's word)"
    exports = render_exports(load_dataset(fixture_copy.data))
    rows = {row["event_id_cnty"]: row for row in csv.DictReader(io.StringIO(exports["events.csv"]))}
    assert (rows["LBY0003"]["fatalities"], rows["LBY0003"]["fatalities_low"], rows["LBY0003"]["fatalities_high"]) == (
        "0", "", "")  # fmt: skip
    (claim,) = [row for row in csv.DictReader(io.StringIO(exports["claims.csv"])) if row["value"] == "several"]
    assert (claim["value_low"], claim["value_high"]) == ("", "")


def test_a_toll_gives_the_dead_no_number_is_given_for_in_the_sources_words_beside_the_number():
    alone, beside = Toll(None, words=("several",)), Toll(Figures(4, 4, 4, False), words=("dozens",))
    assert (str(alone), alone.reported) == ("several (source's word)", True)
    assert str(beside) == "4 (and dozens (source's word), not added)"


def test_an_early_count_is_shown_beside_the_settled_total_and_never_lowers_it(fixture_copy):
    before = _fatalities_of(fixture_copy, "LBY0002")
    early = "    - source: qatrun-second-attack\n      field: fatalities\n      party: islamic-state\n"
    early += "      value: 7\n      preliminary: true\n      quote: an operation that killed 23 terrorists\n"
    fixture_copy.edit("events.yaml", "- id: LBY0003\n", early + "- id: LBY0003\n")
    shown = _fatalities_of(fixture_copy, "LBY0002")
    assert shown == before + "; 7 of Islamic State in an early count, not in the range"
    built = {page.path: html(page.markdown) for page in build_pages(load_dataset(fixture_copy.data))}
    values = [text(v) for v in built["timeline/index.md"].select("#LBY0002 .lw-claims .lw-value")]
    assert "7 (early count)" in values


@pytest.fixture(scope="module")
def briefing_cards():
    """The five documents' cards and the print page's timeline rows, by event id."""
    from macros.views.printview import print_links, render_sections
    from macros.views.siteplan import SitePlan

    dataset = load_dataset(FIXTURES / "briefing" / "data")
    timeline = html(next(p.markdown for p in build_pages(dataset) if p.path == "timeline/index.md"))
    printed = BeautifulSoup(render_sections(dataset, print_links(dataset, SitePlan.of(dataset))), "html.parser")
    cards = {card["id"]: text(card.select_one(".lw-standing")) for card in timeline.select("article.lw-event")}
    rows = {row.select_one(".lw-id").get_text(): text(row.select_one(".lw-standing")) for row in printed("tr")
            if row.select_one(".lw-id") and row.select_one(".lw-standing")}  # fmt: skip
    return cards, rows


@pytest.mark.parametrize(
    ("event_id", "words"),
    [
        # one report relaying several speakers, none confirmed by another: said so, not "single report · 3 voices"
        ("LBY0011", "single report : 3 voices in 2 documents; no point is confirmed by two of them"),
        ("LBY0007", "single report : one document relaying 2 voices; no point is confirmed by two of them"),
        ("LBY0008", "single report : one voice, in one document"),
        # corroborated to the month; the exact day rests on one voice (Waldhauser's testimony)
        ("LBY0005", "corroborated : 2 voices agree on the month (January 2017); "
                    "the day (18 Jan 2017) and the location rest on one voice each"),
        ("LBY0001", "corroborated : 3 voices agree on the date; "
                    "2 voices agree on the number of dead (Muammar Gaddafi)"),
        ("LBY0009", "disputed : 5 voices in 2 documents; they differ on the location and who took part "
                    "(Ministry of Interior)"),
    ],
)  # fmt: skip
def test_a_cards_status_says_in_words_what_is_corroborated_and_what_rests_on_one_voice(briefing_cards, event_id, words):
    cards, rows = briefing_cards
    assert cards[event_id] == words
    # the PDF's timeline, a row an event, adds the words only where the chip alone would mislead:
    # a corroborated event whose exact day one voice gives
    printed = words if event_id == "LBY0005" else words.split(" :")[0]
    assert rows[event_id] == printed[0].upper() + printed[1:]


def test_what_the_pages_share_is_let_go_once_they_are_made_even_when_one_fails(monkeypatch):
    """Each event's view and list item, made once for every page that shows them (`EventViews`,
    `SharedChips`), live only while the pages are made: a `make serve` rebuild after a failed one
    renders anew."""
    dataset = load_dataset(FIXTURES / "data")
    shared = []

    def failing(dataset, plan, only):
        shared.extend((len(dataset.memo(EventViews).views), len(dataset.memo(SharedChips).items)))
        raise RuntimeError("a template error")

    monkeypatch.setitem(BUILDERS, ("failing",), failing)
    with pytest.raises(RuntimeError, match="a template error"):
        build_pages(dataset)
    assert shared[0] == len(dataset.events) and shared[1] > 0
    assert dataset.memo(EventViews) == EventViews() and dataset.memo(SharedChips) == SharedChips()
