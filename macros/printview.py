"""The combined print page that Chromium turns into the briefing PDF (`make pdf`).

`docs/print.md` is its hand-written shell; these renderers fill it with a cover, the contents,
and the timeline, disputes and source summaries, using the same partials as the site. Its ids
carry a prefix so they never clash with the site's, its links to events and sources stay within
the page, and what the page does not contain is named without a link.
"""

from __future__ import annotations

from collections import defaultdict
from types import SimpleNamespace

from . import limits
from .charts import coverage_matrix, fatalities_over_time, render_chart
from .dataset import Dataset
from .eventview import event_view
from .links import Layout, Links
from .parts import Parts
from .render import render

PAGE = "print.md"
PREFIX = "print-"
SECTIONS = (
    ("takeaways", "Key takeaways"),
    ("bluf", "Bottom line"),
    ("changes", "What changed in this edition"),
    ("key-judgments", "Key judgments"),
    ("disputed", "What is disputed"),
    ("latest", "Latest developments"),
    ("outlook", "Outlook and indicators to watch"),
    ("gaps", "What we do not know"),
    ("charts", "Charts"),
    ("timeline", "Timeline"),
    ("disputes", "Disputes"),
    ("sources", "Sources"),
)


def print_links(dataset: Dataset, directory_urls: bool = True) -> Links:
    layout = Layout(dict.fromkeys(dataset.events, PAGE), directory_urls)
    return Links(PAGE, layout, anchor_prefix=PREFIX, in_page=("sources",), standalone=True)


def render_cover(dataset: Dataset, handling: str, title: str) -> str:
    cutoff = str(dataset.cutoff or "unknown")
    return render("print_cover.html", title=title, handling=handling, cutoff=cutoff, dataset=dataset)


def render_contents() -> str:
    return render("print_contents.html", sections=SECTIONS, prefix=PREFIX)


def render_sections(dataset: Dataset, links: Links) -> str:
    """Charts, then every event by year, every dispute and every source, as print sections."""
    events = list(dataset.events.values())
    shown = events[-limits.PRINT_EVENTS :]
    years: dict[int, list] = defaultdict(list)
    for event in shown:
        years[event.start.year].append(event_view(event, dataset))
    disputed = [e for e in events if dataset.status(e.id) == "disputed"][-limits.PRINT_DISPUTES :]
    disputes = [SimpleNamespace(view=view, groups=view.groups) for view in (event_view(e, dataset) for e in disputed)]
    sources = _sources_for(dataset, shown)
    printed = {e.id for e in shown}
    return render(
        "print_sections.html",
        parts=Parts(links, dataset),
        charts=[render_chart(fatalities_over_time(dataset), PAGE), render_chart(coverage_matrix(dataset), PAGE)],
        years=sorted(years.items()),
        disputes=disputes,
        sources=sources,
        events_of={
            s.id: [e for e in dataset.events_from(s.id) if e.id in printed][-limits.EVENT_LIST :] for s in sources
        },
        left_out=len(events) - len(shown),
        disputes_left_out=sum(dataset.status(e.id) == "disputed" for e in events) - len(disputed),
    )


def _sources_for(dataset: Dataset, shown: list) -> list:
    """The sources of the printed events, those reporting most first kept, in the dataset's order."""
    counts: dict[str, int] = defaultdict(int)
    for event in shown:
        for source_id in event.source_ids:
            counts[source_id] += 1
    keep = set(sorted(counts, key=lambda s: -counts[s])[: limits.PRINT_SOURCES])
    return [s for s in dataset.sources.values() if s.id in keep]
