"""Coverage: which years the documents report events in, and the years none does.

A briefing built from a handful of documents has holes a reader must see: a year with no event
on record means no source reports one, not that nothing happened. Computed from the events'
dates (an event spanning years covers each; an undated one, dated only by its report, covers
none) and the sources' publication dates.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.models import date_bounds


@dataclass(frozen=True)
class Coverage:
    years: list[int]  # years with at least one event on record
    gaps: list[tuple[int, int]]  # runs of years between the first and the cut-off with none
    published: tuple[int, int] | None  # the first and last publication years of dated sources

    @property
    def first(self) -> int | None:
        return self.years[0] if self.years else None

    @property
    def last(self) -> int | None:
        return self.years[-1] if self.years else None


def coverage(events, sources, until: int | None) -> Coverage:
    """Years with events, and the gaps up to `until` (the cut-off's year) with none."""
    years: set[int] = set()
    for event in events:
        if event.undated:  # its only date is its report's: it is in no year
            continue
        start, end = date_bounds(event.date)[0], date_bounds(event.end_date or event.date)[1]
        years.update(range(start.year, end.year + 1))
    dated = sorted(date_bounds(s.published.date)[0].year for s in sources if s.published.date)
    ordered = sorted(years)
    last = max([*ordered[-1:], *([until] if until else [])], default=None)
    missing = [year for year in range(ordered[0], last + 1) if year not in years] if ordered else []
    gaps = year_runs(missing)
    return Coverage(ordered, gaps, (dated[0], dated[-1]) if dated else None)


def show_years(runs: list[tuple[int, int]]) -> str:
    """ "2012, 2014–2015 and 2019–2021"."""
    parts = [str(a) if a == b else f"{a}–{b}" for a, b in runs]
    if len(parts) < 2:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def year_runs(years: list[int]) -> list[tuple[int, int]]:
    """Consecutive years folded into runs: [2016, 2017, 2018] -> [(2016, 2018)]."""
    runs: list[tuple[int, int]] = []
    for year in years:
        if runs and runs[-1][1] == year - 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs
