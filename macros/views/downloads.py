"""The Downloads page: every file the build writes into `downloads/` (exports.DOWNLOADS), and what
each column of each table means. A column the exports write and this table does not describe is
a test failure (tests/test_pages.py, the downloads page's test), so the page cannot fall behind the files."""

from __future__ import annotations

from ..core.models import Place
from ..derive.dataset import Dataset
from . import exports
from .links import Links
from .render import Rendered, render_page
from .siteplan import Only, SitePlan

PAGE = SitePlan.path("downloads")

# file -> column -> what it holds; ACLED's columns keep ACLED's meaning
COLUMNS: dict[str, dict[str, str]] = {
    "events.csv": {
        "event_id_cnty": "The event's id: its country's ISO3 code and a number (ACLED's column)",
        "event_date": "A full date as ACLED writes one: the day, or for a month its 15th, for a year 1 July",
        "time_precision": "ACLED's 1 (the day is known), 2 (within a few days) or 3 (a month or coarser)",
        "disorder_type": "ACLED's disorder type, from the event type",
        "event_type": "ACLED's event type",
        "sub_event_type": "ACLED's sub-event type",
        "actor1": "The first actor: who acted",
        "assoc_actor_1": "Others on the first actor's side, separated by '; '",
        "inter1": "ACLED's interaction code of the first actor",
        "actor2": "The second actor: acted upon, or the other side (empty when none)",
        "assoc_actor_2": "Others on the second actor's side, separated by '; '",
        "inter2": "ACLED's interaction code of the second actor",
        "interaction": "ACLED's two-digit code of the two actors' interaction",
        "civilian_targeting": "'Civilian targeting' when the second actor is civilians, else empty",
        "iso": "The country's ISO 3166-1 numeric code",
        "region": "ACLED's region",
        "country": "The country",
        "admin1": "The first-level district, where known",
        "location": "The place's name",
        "latitude": "Approximate latitude, from GeoNames, a document or a stated bearing; empty when not drawn",
        "longitude": "Approximate longitude, as latitude",
        "geo_precision": Place.model_fields["geo_precision"].description,
        "source": "The outlets of its sources, separated by '; ' (whether each is named by its document or "
        "inferred: sources.csv, outlet_basis)",
        "source_scale": "ACLED's source scale of its sources, joined by '-'",
        "notes": "What happened, in neutral words of our own",
        "fatalities": "ACLED's convention: the conservative total of the dead (see the methodology); 0 where no "
        "source gives a toll in numbers (none, or only in words such as 'several'), which fatalities_low and "
        "fatalities_high then leave empty",
        "tags": "Free labels (background, IS attack...), separated by '; '",
        "date_as_stated": "The date at the precision the sources give it (2022-01 is a month), saying when it is "
        "approximate or inferred (2022-01-26 (inferred from 'On Wednesday'))",
        "end_date": "The last day of an event over several days, when the sources give it",
        "fatalities_low": "The lowest total of the dead any source gives; empty when none gives one (not reported) "
        "or gives it only in words ('several': the claims in claims.csv). Dead given only in words, and an early "
        "count beside a settled one, never move it",
        "fatalities_high": "The highest total of the dead any source gives in numbers (as fatalities_low)",
        "status": "Derived from the claims: single report, corroborated or disputed",
        "disputed": "true when two sources disagree on a compared point",
        "independent_origins": "How many distinct voices its claims come from",
        "source_ids": "Its sources' ids (sources.csv), separated by '; '",
        "location_precision": "How its point was obtained: gazetteer, reference (placed from a named reference, "
        "not checked offline), computed, stated, direction, near or disputed (the methodology's positions)",
    },
    "claims.csv": {
        "event_id_cnty": "The event the claim is about (events.csv)",
        "source_id": "The document that makes it (sources.csv)",
        "field": "What it is about: fatalities, injuries, date, location...",
        "party": "Whose dead, injured or abducted it counts (an actor), where the field has one",
        "value": "The value as stated: 19, at least 4, 5-7, the source's word for a number it does not give "
        "(several), a date or a place",
        "value_words": "The value as the site words it: a figure the source gives only in words marked "
        "(source's word), an early count given before the toll was settled marked (early count)",
        "value_low": "The lowest number the value can mean (figures only; empty for a word such as several, "
        "never turned into a number)",
        "value_high": "The highest number the value can mean (figures only; empty for a word such as several)",
        "scope": "What part of the event it covers ('event': the whole of it)",
        "moment": "For a date, which moment it dates: the incident, a claim of responsibility, a statement",
        "polarity": "Whether it affirms or denies",
        "origin": "Who first said it (origins.csv); empty: the document's own reporting",
        "origin_kind": "What kind of origin: a statement, a post, an interview... or own reporting",
        "via": "The outlets it came through, separated by '; '",
        "credibility": "Admiralty information credibility, 1 to 6, derived from the other voices",
        "quote": "The passage of the document it rests on, verbatim",
    },
    "sources.csv": {
        "source_id": "The document's id",
        "title": "Its headline, or its opening words",
        "outlet": "Who published it (empty when unknown); see outlet_basis before citing it",
        "outlet_basis": "Whether the document names its outlet (stated), the analyst worked it out from the text "
        "(inferred: the document does not name it) or it is unknown",
        "author": "The byline as written",
        "published": "When it was published, at the precision known",
        "date_precision": "How precisely the publication date is known",
        "published_basis": "Whether the document gives its date (stated), the analyst worked it out (inferred) or "
        "it is unknown",
        "reliability": "Admiralty source reliability, A to F",
        "seed_file": "The document's copy in the repository",
        "sha256": "The copy's checksum",
        "url": "Where the document was read (empty: not recorded)",
    },
    "origins.csv": {
        "origin_id": "The origin's id",
        "kind": "What it was: a statement, a post, an interview, another outlet's report...",
        "name": "A name that reads as a reference",
        "speaker": "Who said it (empty when unnamed)",
        "date": "When it was said, as far as the documents tell",
        "cited_by": "The documents that relay it (sources.csv), separated by '; '",
    },
}
EXPORTED_COLUMNS = {  # the columns each table is written with (exports.py)
    "events.csv": exports.EVENT_COLUMNS,
    "claims.csv": exports.CLAIM_COLUMNS,
    "sources.csv": exports.SOURCE_COLUMNS,
    "origins.csv": exports.ORIGIN_COLUMNS,
}
# the files without columns: what a record in them holds, beyond what exports.DOWNLOADS says
STRUCTURE = {
    "events.geojson": "a Feature per event, its properties the columns of events.csv",
    "events.json": (
        'an object per event; in its derived figures, early is "all" or "part" where the toll rests on '
        "early counts with no settled count beside them, else null"
    ),
}


def build_downloads_page(dataset: Dataset, plan: SitePlan, only: Only = None) -> dict[str, Rendered]:
    """The Downloads page (unless `only` leaves it out): each file, what it holds, and each table's
    columns in its order."""
    if only is not None and PAGE not in only:
        return {}
    files = [
        (name, what, [(column, COLUMNS[name][column]) for column in EXPORTED_COLUMNS.get(name, ())])
        for name, what in exports.DOWNLOADS.items()
    ]
    page = plan.pages[PAGE]
    return {
        PAGE: render_page(
            "downloads.md",
            title=page.title,
            description=page.description,
            files=files,
            structure=STRUCTURE,
            links=Links(PAGE, plan),
        )
    }
