"""Dates shown at the precision they are known to: "2017", "January 2022", "Wed 26 Jan 2022"."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from functools import lru_cache

from .models import Event, date_bounds

TODAY_SETTING = "LIBYA_WATCH_TODAY"


def today() -> dt.date:
    """The day the data is checked and issued on: LIBYA_WATCH_TODAY (YYYY-MM-DD) when set, else
    the clock. The tests set it, so no test depends on the day it runs; a build or an analyst's
    command leaves it unset."""
    setting = os.environ.get(TODAY_SETTING, "").strip()
    if not setting:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(setting)
    except ValueError:
        raise SystemExit(f"{TODAY_SETTING}={setting!r}: write the day as YYYY-MM-DD, or leave it unset") from None


@dataclass(frozen=True)
class Cutoff:
    """The information cut-off: the newest publication date, at its own precision.

    A source dated only "2022-01" makes the cut-off "January 2022", never "31 January 2022":
    however it is formatted (`f"{cutoff:%-d %B %Y}"` included), it reads at its real precision.
    """

    date: str
    precision: str | None

    def __str__(self) -> str:
        return show_date(self.date, self.precision)

    def __format__(self, spec: str) -> str:
        return str(self)

    def isoformat(self) -> str:
        """As written (YYYY, YYYY-MM or YYYY-MM-DD): also a valid HTML `datetime`."""
        return self.date

    @property
    def last_day(self) -> dt.date:
        return date_bounds(self.date)[1]


@lru_cache(maxsize=1 << 14)  # every card, row and list prints its events' dates: 158,000 times at 10,000 events
def show_date(value: str, precision: str | None = None, weekday: bool = True) -> str:
    """One partial date as a reader sees it; `approximate` is prefixed "c."; a source chip
    leaves the weekday out."""
    parts = value.split("-")
    if len(parts) == 1:
        text = parts[0]
    elif len(parts) == 2:
        text = date_bounds(value)[0].strftime("%B %Y")
    else:
        day = dt.date.fromisoformat(value)
        shown = _day(day) if weekday else f"{day.day} {day:%b %Y}"
        text = f"week of {shown}" if precision == "week" else shown
    return f"c. {text}" if precision == "approximate" else text


def show_event_date(event: Event) -> str:
    """The event's date, or its span when it has an end date ("Wed 26 Jan 2022 – Thu 27 Jan 2022");
    an undated one's as `show_undated` words it."""
    start = show_date(event.date, event.date_precision)
    if event.undated:
        return show_undated(start)
    if not event.end_date:
        return start
    return f"{start} – {show_date(event.end_date, event.date_precision)}"


def show_undated(reported: str) -> str:
    """An undated event's date, in the one wording every view gives it: its report's date, said to
    be no date of its own ("undated; reported c. Thu 27 Jan 2022")."""
    return f"undated; reported {reported}"


def _day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def month_start(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after `day`'s (before it when negative)."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


_MONTHS = [(f"{dt.date(2000, m, 1):%B}".casefold(), f"{dt.date(2000, m, 1):%b}".casefold()) for m in range(1, 13)]
_WORD = re.compile(r"[^\W\d_]+|\d+")


def inferred_from(event: Event) -> str | None:
    """The words its date was worked out from when no claim names that date: "On Wednesday" read
    against its document's date, "the end of last year", "recently". None when a claim dating the
    incident names it (its day and month, its month, or its year, as the precision asks), or when
    no claim dates it (the date_note then says how it was reached)."""
    claims = [
        claim
        for claim in event.claims
        if claim.field == "date"
        and claim.polarity == "affirms"
        and (claim.moment or "incident") == "incident"
        and claim.resolved == event.date
    ]
    if not claims or any(_names(claim.value, event.date) for claim in claims):
        return None
    return claims[0].value


def _names(value: str, date: str) -> bool:
    """Whether words name a date written to its precision: "26 January", "January 2022", "2011"."""
    if date in value:
        return True
    tokens = _WORD.findall(value.casefold())
    numbers = {int(t) for t in tokens if t.isdigit()}
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 1:
        return parts[0] in numbers
    month = any(t in _MONTHS[parts[1] - 1] for t in tokens)
    return month and (len(parts) == 2 or parts[2] in numbers)


def date_qualifier(event: Event) -> str | None:
    """What a reader is told beside an inferred date: "inferred from 'On Wednesday'"."""
    words = inferred_from(event)
    return f"inferred from '{words}'" if words else None


def date_as_stated(event: Event) -> str:
    """The date as the data writes it, saying when it is approximate or inferred (the exports'
    date_as_stated): "2017 (approximate)", "2022-01-26 (inferred from 'On Wednesday')",
    "2022-01-27 (undated: the date it was reported; approximate)"."""
    notes = ["undated: the date it was reported"] if event.undated else []
    notes += ["approximate"] if event.date_precision == "approximate" else []
    notes += filter(None, [date_qualifier(event)])
    return f"{event.date} ({'; '.join(notes)})" if notes else event.date
