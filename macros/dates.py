"""Dates shown at the precision they are known to: "2017", "January 2022", "Wed 26 Jan 2022"."""

from __future__ import annotations

import datetime as dt

from .models import Event, date_bounds


def show_date(value: str, precision: str | None = None) -> str:
    """One partial date as a reader sees it; `approximate` is prefixed "c."."""
    parts = value.split("-")
    if len(parts) == 1:
        text = parts[0]
    elif len(parts) == 2:
        text = date_bounds(value)[0].strftime("%B %Y")
    else:
        day = dt.date.fromisoformat(value)
        text = f"week of {_day(day)}" if precision == "week" else _day(day)
    return f"c. {text}" if precision == "approximate" else text


def show_event_date(event: Event) -> str:
    """The event's date, or its span when it has an end date ("Wed 26 – Thu 27 Jan 2022")."""
    start = show_date(event.date, event.date_precision)
    if not event.end_date:
        return start
    return f"{start} – {show_date(event.end_date, event.date_precision)}"


def _day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"
