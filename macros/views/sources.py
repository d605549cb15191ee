"""A page per source: its grade and provenance, what it reports beside the other sources, and
its original text with every quoted passage highlighted."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..core.models import Claim, Event, Source
from ..core.quotes import fold, fold_mapped
from ..derive.comparison import CONTRADICTING, Point
from ..derive.dataset import Dataset
from . import limits
from .charts import coverage_matrix, render_chart
from .chips import Chips
from .eventview import event_view
from .links import Links
from .maps import render_map_of
from .render import Rendered, render_page
from .siteplan import Only, PlannedPage, SitePlan


@dataclass(frozen=True)
class SourceRow:
    """A source in the sources' index: its facts, and how many events and claims it reports."""

    source: Source
    events: int
    claims: int


@dataclass(frozen=True)
class OtherClaim:
    """Another origin's claim in a source's comparison: its value and badge, and how it stands to the source's."""

    claim: Claim
    relation: str | None
    credibility: int


@dataclass(frozen=True)
class ComparisonRow:
    """A row of a source's comparison: its claim on an event's `point` beside the other origins' claims."""

    event: Event
    point: Point
    claim: Claim
    credibility: int
    others: list[OtherClaim]
    disagrees: bool


@dataclass(frozen=True)
class TextPart:
    """A stretch of a document's text, plain or quoted by the data (shown highlighted)."""

    text: str
    quoted: bool


@dataclass(frozen=True)
class Passage:
    """A quoted passage with the sentence around it, "…" where it is cut mid-sentence."""

    parts: list[TextPart]
    cut_before: bool
    cut_after: bool


def build_source_pages(dataset: Dataset, plan: SitePlan, only: Only = None) -> dict[str, Rendered]:
    """The sources' index and a page per source, as the plan lists them (those in `only`, when given)."""
    pages = {}
    for page in plan.pages_in("sources", only):
        if page.key is None:
            pages[page.path] = _index(dataset, plan, page)
            continue
        source, path = dataset.sources[page.key], page.path
        events = dataset.events_from(source.id)
        newest = sorted(events, key=lambda e: (e.start, e.id), reverse=True)
        comparison = compare(newest, source.id, dataset)
        pages[path] = render_page(
            "source.md",
            title=page.title,
            description=page.description,
            chips=Chips(Links(path, plan), dataset),
            source=source,
            views=[event_view(event, dataset) for event in newest[: limits.EVENT_LIST]],
            total=len(events),
            comparison=comparison[: limits.COMPARISON_ROWS],
            comparison_total=len(comparison),
            assessments=dataset.assessments_from(source.id),
            relayed_by={
                origin: [
                    other.id for other in dataset.sources.values() if other.id != source.id and origin in other.cites
                ]
                for origin in source.cites
            },
            seed_parts=highlight(dataset.originals[source.id], quotes_of(source.id, dataset))
            if source.rights == "full text"
            else None,
            passages=quoted_passages(source.id, dataset),
            chart=render_map_of(events, dataset, path, "Map of the events it reports", Links(path, plan)),
        )
    return pages


def _index(dataset: Dataset, plan: SitePlan, page: PlannedPage) -> Rendered:
    claims = Counter(claim.source for event in dataset.events.values() for claim in event.claims)  # one pass
    rows = [
        SourceRow(source, events=len(dataset.events_from(source.id)), claims=claims[source.id])
        for source in dataset.sources.values()
    ]
    return render_page(
        "sources_index.md",
        title=page.title,
        description=page.description,
        chips=Chips(Links(page.path, plan), dataset),
        sources=list(dataset.sources.values()),
        rows=rows,
        chart=render_chart(coverage_matrix(dataset), page.path),
    )


def compare(events: list[Event], source_id: str, dataset: Dataset) -> list[ComparisonRow]:
    """Each of the source's claims beside the other sources' claims on the same comparable point,
    with how each stands to it (agrees, differs, contradicts, same origin; none for details)."""
    rows = []
    for event in events:
        analysis = dataset.analysis(event.id)
        for point in analysis.points:
            for claim in (c for c in point.claims if c.source == source_id):
                shown: set[tuple[str, str, str]] = {(claim.origin_key, claim.value, claim.source)}
                others = []
                for other in point.claims:  # other origins, this document's too; each origin once
                    key = (other.origin_key, other.value, other.source)
                    if (
                        other is claim
                        or key in shown
                        or (other.source == source_id and other.origin_key == claim.origin_key)
                    ):
                        continue
                    shown.add(key)
                    others.append(OtherClaim(other, point.relation(claim, other), analysis.credibility(other)))
                rows.append(
                    ComparisonRow(
                        event=event,
                        point=point,
                        claim=claim,
                        credibility=analysis.credibility(claim),
                        others=others,
                        disagrees=any(o.relation in CONTRADICTING for o in others),
                    )
                )
    return rows


def quotes_of(source_id: str, dataset: Dataset) -> list[str]:
    quotes = [c.quote for e in dataset.events_from(source_id) for c in e.claims if c.source == source_id]
    return quotes + [a.quote for a in dataset.assessments_from(source_id)]


def highlight(text: str, quotes: list[str]) -> list[TextPart]:
    """The text cut into plain and quoted parts, as written; a quote matches as the loader matched
    it (whitespace and typographic variants folded, see quotes.py)."""
    return _cut(text, _quoted_spans(text, quotes), 0, len(text))


def quoted_passages(source_id: str, dataset: Dataset) -> list[Passage]:
    """The source's quoted passages (`passages`): its page and its search entry show the same, and
    each folds its document character by character. Remembered by what they are cut from, the
    document and the quotes on it, so the two ask once, and a `make serve` rebuild works them out
    again only for a source whose quotes an edit changed."""
    return _passages(dataset.originals[source_id], tuple(quotes_of(source_id, dataset)))


@lru_cache(maxsize=1 << 12)  # a source each: 1,000 at 100,000 events
def _passages(text: str, quotes: tuple[str, ...]) -> list[Passage]:
    return passages(text, list(quotes))


def passages(text: str, quotes: list[str], reach: int = 200) -> list[Passage]:
    """Each quoted passage with the sentence around it (at most `reach` characters either side),
    cut like `highlight`: what a site without the right to republish a document may show of it."""
    spans = _quoted_spans(text, quotes)
    windows: list[list[int]] = []
    for start, end in spans:
        first, last = _sentence_start(text, start, reach), _sentence_end(text, end, reach)
        if windows and first <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], last)
        else:
            windows.append([first, last])
    return [
        Passage(
            parts=_cut(text, spans, first, last),
            cut_before=first > 0 and text[:first].rstrip()[-1:] not in _ENDS,  # mid-sentence: marked …
            cut_after=last < len(text) and text[last - 1] not in _ENDS,
        )
        for first, last in windows
    ]


def _quoted_spans(text: str, quotes: list[str]) -> list[list[int]]:
    """Where the quotes are in the text, merged where they touch. Quotes are found with str.find
    in a folded copy of the text and mapped back, which at thousands of quotes per document is
    far quicker than a regular expression per quote."""
    folded, origin = fold_mapped(text)
    spans = []
    for quote in quotes:
        needle = fold(quote)
        start = folded.find(needle)
        while needle and start != -1:
            end = start + len(needle) - 1
            spans.append((origin[start], origin[end] + 1))
            start = folded.find(needle, start + 1)
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def _cut(text: str, spans: list[list[int]], first: int, last: int) -> list[TextPart]:
    parts, position = [], first
    for start, end in spans:
        if end <= first or start >= last:
            continue
        parts.append(TextPart(text[position:start], quoted=False))
        parts.append(TextPart(text[start:end], quoted=True))
        position = end
    parts.append(TextPart(text[position:last], quoted=False))
    return [part for part in parts if part.text]


_ENDS = ".!?\n"


def _sentence_start(text: str, start: int, reach: int) -> int:
    floor = max(0, start - reach)
    for index in range(start - 1, floor - 1, -1):
        if text[index] in _ENDS:
            return index + 1 + (len(text[index + 1 : start]) - len(text[index + 1 : start].lstrip()))
    return floor


def _sentence_end(text: str, end: int, reach: int) -> int:
    ceiling = min(len(text), end + reach)
    for index in range(end, ceiling):
        if text[index] in _ENDS:
            return index + 1
    return ceiling
