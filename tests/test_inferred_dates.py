"""A date no claim names ("On Wednesday" read against its document's date) says it is inferred
wherever it appears: on the card with its words, beside it in lists and tables (a title gives the
words), on the print page as a visible word, and in the exports' date_as_stated; an approximate
date says so there too. A date a claim names ("26 January") is shown plain."""

from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup

from macros.core.dates import date_as_stated, inferred_from
from macros.core.models import Claim, Event
from macros.load.loader import load_dataset
from macros.views.pages import build_pages
from macros.views.printview import print_links, render_sections
from macros.views.siteplan import SitePlan
from tests.helpers import render_exports

WEDNESDAY = (
    "    - source: qatrun-second-attack\n      field: date\n      value: On Wednesday\n"
    "      resolved: 2022-01-26\n      quote: On Wednesday, ISIS targeted a patrol\n"
)


@pytest.fixture
def wednesday(fixture_copy):
    """The fixtures' Qatrun clash (LBY0002) dated only by "On Wednesday" in a report of Saturday."""
    fixture_copy.edit(
        "events.yaml", "      quote: killing 4 army men\n", "      quote: killing 4 army men\n" + WEDNESDAY
    )
    return load_dataset(fixture_copy.data)


def _text(tag) -> str:
    return " ".join(tag.get_text(" ").split())


@pytest.mark.parametrize(
    ("value", "date", "precision", "inferred"),
    [
        ("On Wednesday", "2022-01-26", "day", True),
        ("January 26", "2022-01-26", "day", False),
        ("26 Jan", "2022-01-26", "day", False),
        ("in January", "2022-01-26", "day", True),  # the month, not the day
        ("January 2017", "2017-01", "month", False),
        ("the end of last year", "2016", "year", True),
        ("Currently", "2018", "approximate", True),
        ("followed the 2011 uprising", "2011", "approximate", False),
    ],
)
def test_a_date_is_inferred_when_no_claim_names_it(value, date, precision, inferred):
    claim = Claim(source="a-source", field="date", value=value, resolved=date, quote=value)
    event = Event.model_construct(date=date, date_precision=precision, claims=[claim])
    assert (inferred_from(event) == value) is inferred


def test_a_date_claim_of_another_moment_does_not_make_the_date_inferred():
    claim = Claim(
        source="a-source", field="date", value="Monday", resolved="2022-01-24", moment="statement", quote="Monday"
    )
    assert inferred_from(Event.model_construct(date="2022-01-24", date_precision="day", claims=[claim])) is None


def test_the_card_and_the_timeline_row_say_the_date_is_inferred(wednesday):
    plan = SitePlan.of(wednesday)
    pages = {p.path: BeautifulSoup(p.markdown, "html.parser") for p in build_pages(wednesday, plan=plan)}
    cards = [card for page in pages.values() for card in page.select("#LBY0002 .lw-event-title")]
    assert cards and {_text(c) for c in cards} == {"Wed 26 Jan 2022 (inferred from 'On Wednesday') · Al Qatrun ¶"}
    items = [i for page in pages.values() for i in page.select(".lw-event-item") if "LBY0002" in str(i)]
    assert items and all("Wed 26 Jan 2022 (inferred) , Al Qatrun" in _text(i) for i in items)
    marks = {m["title"] for i in items for m in i.select(".lw-date-inferred")}
    assert marks == {"Date inferred from 'On Wednesday'"}
    other = next(c for page in pages.values() for c in page.select("#LBY0001 .lw-event-title"))
    assert not other.select(".lw-date-inferred")  # a date a claim names is shown plain


def test_the_print_page_prints_the_word(wednesday):
    printed = BeautifulSoup(render_sections(wednesday, print_links(wednesday, SitePlan.of(wednesday))), "html.parser")
    headings = [_text(h) for h in printed.select("h3") if "Al Qatrun" in _text(h) and "26 Jan 2022" in _text(h)]
    assert headings == ["Wed 26 Jan 2022 (inferred from 'On Wednesday') : Armed clash, Al Qatrun"]


def test_the_exports_date_as_stated_says_inferred_or_approximate(wednesday):
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(render_exports(wednesday)["events.csv"]))}
    assert rows["LBY0002"]["date_as_stated"] == "2022-01-26 (inferred from 'On Wednesday')"
    assert rows["LBY0002"]["event_date"] == "2022-01-26"  # ACLED's column keeps its format
    assert rows["LBY0001"]["date_as_stated"] == "2022-01-18"
    approximate = wednesday.events["LBY0001"].model_copy(update={"date_precision": "approximate"})
    assert date_as_stated(approximate) == "2022-01-18 (approximate)"
