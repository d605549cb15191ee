"""Which generated pages an edit can reach: under `make serve`, a rebuild after an edit inside
existing events makes those pages again and takes every other from the build before.

A page is made from the dataset and the site plan alone (pages.py), and which events it draws on
is known here, section by section:

- an event's card is on its timeline page (`SitePlan.event_pages`), and nothing else of another
  event is there but the page's own events, counts and filters;
- a source's page lists the events that cite it (and compares their claims); an actor's, the
  events it is a party to and those an origin it speaks for is quoted on; a place's, the events
  at it and those described from it ("near Qatrun"): `record_pages`;
- a disputes page shows its own disputed events and the pager; the first page also a chart of
  every event;
- every section's first page (the timeline's index and charts, the indexes with their counts,
  What's new, the editions, the downloads page, the corrections) and every edition's page
  summarise the whole dataset, and are always made again.

Anything else that may change between two builds is compared, and where it differs every page is
made again: the records other than events (sources, actors, places, origins, countries,
assessments, seeds, editions and their snapshots, by value), the events' ids and order, the site
plan (its pages, their titles, each event's timeline page; the disputes' order only decides how
many disputes pages are made), the edition a citation names (`Issue`, on every page and card),
and the year from which a map draws a mark as recent. Each page's citation and "last updated"
line is added after, for every page, from this build's dates (pages.py `_with_citation`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..derive.dataset import Dataset, same, same_records
from .citation import Issue, record_pages
from .eventparts import EventParts
from .maps import recent_since
from .render import Rendered
from .siteplan import SECTIONS, SitePlan


@dataclass(frozen=True)
class MadePages:
    """A build's generated pages as their builders made them (each before its citation is added),
    with the dataset and plan they were made from: what the next `make serve` build takes the
    pages an edit does not reach from. The plugin's build keeps it (macros/publish/site.py)."""

    dataset: Dataset
    plan: SitePlan
    rendered: dict[str, Rendered]
    remade: frozenset[str] | None = None  # the pages this build made (None: every one)


def parts_for(before: EventParts, dataset: Dataset, plan: SitePlan) -> EventParts:
    """The parts of each event a build of `dataset` makes (eventparts.py): `before`'s taken back
    while everything but the events' contents is as it was (as for the pages, `_same_frame`)."""
    last, last_plan = before.dataset, before.plan
    holds = last is not None and last_plan is not None and _same_frame(last, dataset, last_plan, plan)
    return before.following(dataset, plan, holds)


def pages_to_remake(last: MadePages, dataset: Dataset, plan: SitePlan) -> frozenset[str] | None:
    """The pages whose content can depend on what changed since `last` was made; None where the
    change reaches further than events' own pages (every page is made again)."""
    before = last.dataset
    if before is dataset:
        return frozenset()
    if not _same_frame(before, dataset, last.plan, plan):
        return None
    changed = [i for i, event in dataset.events.items() if not same(before.events[i], event)]
    remake = {page for section in SECTIONS if section.generated and (page := section.first) in plan.pages}
    remake.update(page.path for page in plan.pages_in("editions"))
    disputes = [page.path for page in plan.pages_in("disputes")]
    same_disputes = [e.id for e in last.plan.disputes] == [e.id for e in plan.disputes]
    for event_id in changed:
        remake.add(plan.event_pages[event_id])
        for old_or_new, its_plan in ((before, last.plan), (dataset, plan)):
            remake.update(record_pages(old_or_new.events[event_id], old_or_new, its_plan))
            if event_id in its_plan.dispute_pages:  # disputed before or after
                remake.update([its_plan.dispute_pages[event_id]] if same_disputes else disputes)
    return frozenset(remake)


def _same_frame(before: Dataset, dataset: Dataset, last: SitePlan, plan: SitePlan) -> bool:
    """Whether everything but the events' contents is as it was (see the module's docstring)."""
    return (
        same_records(before, dataset)
        and list(last.event_pages.items()) == list(plan.event_pages.items())
        and list(last.pages.items()) == list(plan.pages.items())
        and (last.directory_urls, last.feed, last.site_url, last.site_name, last.report_to)
        == (plan.directory_urls, plan.feed, plan.site_url, plan.site_name, plan.report_to)
        and Issue.of(before) == Issue.of(dataset)
        and recent_since(before) == recent_since(dataset)
    )
