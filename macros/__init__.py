"""mkdocs-macros entry point: registers the views; each lives in a module named for what it renders.

Every number in the hand-written pages comes through one of these macros, never typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .core.dates import show_event_date
from .views import charts, editionpages, limits, maps, methodology, printview
from .views.briefing import (
    render_claimed,
    render_disputed,
    render_horizon,
    render_latest,
    render_positions,
    render_voices,
)
from .views.citation import page_citation, render_citation
from .views.eventview import event_toll
from .views.exports import DOWNLOADS
from .views.links import Links
from .views.overview import render_overview
from .views.render import render
from .views.siteplan import PDF

if TYPE_CHECKING:
    from .derive.dataset import Dataset
    from .publish.site import Build, MacroPage


def define_env(env: Any) -> None:
    from .publish.site import Build  # here: the rest of the package runs without MkDocs

    build = Build.of(env.conf)  # the libya-watch plugin's (hooks/site.py), made in its on_config

    def page() -> MacroPage:
        """The page the macro is filling, as the build sees it (its links; the print page or not)."""
        return build.page(env.page.file.src_uri)

    def links() -> Links:
        return page().links

    _register_counts(env, build.dataset)
    _register_briefing(env, build.dataset, links)
    _register_records(env, build.dataset, links)
    _register_views(env, build, page)
    _register_formats(env, build.settings.pdf, links)
    _register_citation(env, build, page)
    _register_methodology(env)


def _register_counts(env: Any, dataset: Dataset) -> None:
    """What the dataset holds, in figures."""

    @env.macro
    def overview() -> str:
        """What the dataset holds: counts, information cut-off and the download links."""
        return render_overview(dataset)

    @env.macro
    def cutoff() -> str:
        """The information cut-off: the newest source's publication date, as precisely as it is known."""
        return str(dataset.cutoff or "unknown")

    @env.macro
    def count(what: str) -> int:
        """A count: events, sources, claims, disputed, places, actors, assessments, unknown_outlets, undated_sources."""
        return dataset.counts()[what]


def _register_briefing(env: Any, dataset: Dataset, links: Callable[[], Links]) -> None:
    """The front page's lists and lines: latest events, the edition, what changed, what is disputed."""

    @env.macro
    def latest(n: int = 5, months: int = 12) -> str:
        """The n newest events of the `months` before the cut-off, linked to the timeline with their badges."""
        return render_latest(dataset, links(), n, months)

    @env.macro
    def edition_line() -> str:
        """The edition and its issue date, the information cut-off and the years the sources cover."""
        return editionpages.render_edition_line(dataset, links())

    @env.macro
    def changes() -> str:
        """What the newest edition changed, and what has changed since it was issued."""
        return editionpages.render_changes(dataset, links())

    @env.macro
    def disputed() -> str:
        """Each disputed event with what the sources disagree on, linked to its card, then to the Disputes page."""
        return render_disputed(dataset, links())

    @env.macro
    def badge_key() -> str:
        """The key to the source badges ("C4": the source's reliability and the claim's credibility)."""
        return render("badge_key.html", links=links()).strip()

    @env.macro
    def coverage_gaps() -> str:
        """The years between the first event and the cut-off in which no source reports an event."""
        return editionpages.coverage_context(dataset).gaps or "none"

    @env.macro
    def horizon(months: int = limits.HORIZON_MONTHS) -> str:
        """A time horizon counted from the information cut-off: "to January 2023"."""
        return render_horizon(dataset, months)


def _register_records(env: Any, dataset: Dataset, links: Callable[[], Links]) -> None:
    """One event or place, as hand-written prose cites it."""

    @env.macro
    def event_date(event_id: str) -> str:
        """An event's date at its real precision, e.g. "Wed 26 Jan 2022"."""
        return show_event_date(dataset.events[event_id])

    @env.macro
    def event_link(event_id: str) -> str:
        """A link to an event's card on the timeline, labelled with its date."""
        return render("event_link.html", href=links().event(event_id), label=event_date(event_id)).strip()

    @env.macro
    def figures(event_id: str, field: str = "fatalities", short: bool = False) -> str:
        """An event's derived low–high figures with the conservative one, what the top counts that
        may be the same dead (`short`: only that it may, for a summary sentence), and the source's
        words for dead no number is given for ("several (source's word)")."""
        return render("figures.html", value=event_toll(event_id, dataset, field), short=short).strip()

    @env.macro
    def claimed(event_id: str, field: str, party: str | None = None) -> str:
        """What each origin says on one point of one event, once per origin, with grade and credibility."""
        return render_claimed(dataset, links(), event_id, field, party).strip()

    @env.macro
    def voices(event_id: str, field: str | None = None) -> str:
        """The independent voices behind an event (or one field), each saying whether anyone is named."""
        return render_voices(dataset, links(), event_id, field).strip()

    @env.macro
    def positions(place_id: str) -> str:
        """Where the sources put a place, with the document stating each position."""
        return render_positions(dataset, links(), place_id).strip()


def _register_citation(env: Any, build: Build, page: Callable[[], MacroPage]) -> None:
    """The end of a hand-written page: how to cite it, and when what it shows last changed."""

    @env.macro
    def page_end() -> str:
        """How to cite this page (its citation line, BibTeX and CSL-JSON) and when what it shows last changed."""
        citation = page_citation(build.dataset, build.output.plan, env.page.file.src_uri, build.output.page_dates)
        return render_citation(citation, page().links)


def _register_views(env: Any, build: Build, page: Callable[[], MacroPage]) -> None:
    """Whole views placed on a page: the downloads, a chart, the print page."""
    dataset, settings = build.dataset, build.settings
    cover = {"handling": settings.handling, "publisher": settings.publisher, "site_url": settings.site_url}

    @env.macro
    def downloads() -> str:
        """The download files with what each holds."""
        return render("downloads.html", files=DOWNLOADS.items(), links=page().links)

    @env.macro
    def chart(name: str) -> str:
        """A chart (events_by_type, fatalities, map, coverage, actors) with its caption and data table."""
        builders = {
            "events_by_type": charts.events_by_type,
            "fatalities": charts.fatalities_over_time,
            "map": maps.whole_map,
            "coverage": charts.coverage_matrix,
            "actors": charts.actor_involvement,
        }
        here = page()
        if here.printed:
            return ""  # the PDF prints every chart as a numbered figure in its Charts part
        return charts.render_chart(builders[name](dataset), env.page.file.src_uri, here.links)

    @env.macro
    def print_cover() -> str:
        """The PDF's cover: title, edition, cut-off, coverage, handling line and publisher."""
        return printview.render_cover(dataset, cover, settings.site_name, build.output.plan)

    @env.macro
    def print_contents() -> str:
        """The PDF's contents with page numbers, and each part's running header and footer."""
        return printview.render_contents(dataset, cover, settings.site_name)

    @env.macro
    def print_sections() -> str:
        """The PDF's parts after the briefing: charts, disputes, timeline, sources, method, annex."""
        return printview.render_sections(dataset, page().links, settings.print_full)


def _register_formats(env: Any, pdf_built: bool, links: Callable[[], Links]) -> None:
    """The briefing's other formats, linked only where they exist."""

    @env.macro
    def formats() -> str:
        """The briefing's other formats: the PDF where `make pdf` built the site, else the print
        view, which prints or saves as the same PDF (a build alone has no briefing.pdf to link)."""
        here = links()
        return render("formats.html", pdf=here.asset(PDF) if pdf_built else None, print=here.to("print")).strip()


def _register_methodology(env: Any) -> None:
    """The methodology's tables, made from terms.py and the models."""
    env.macro(methodology.render_schema, "schema_tables")
    env.macro(methodology.render_event_types, "event_types")
    env.macro(methodology.render_precisions, "precisions")
    env.macro(methodology.render_grades, "grades")
    env.macro(methodology.render_claim_fields, "claim_fields")
    env.macro(methodology.render_credibility, "credibility_scale")
    env.macro(methodology.render_origin_kinds, "origin_kinds")
    env.macro(methodology.render_moments, "moments")
    env.macro(methodology.render_polarities, "polarities")
    env.macro(methodology.render_location_precisions, "location_precisions")
