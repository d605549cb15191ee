"""Tables for the methodology page, generated from the models so they cannot drift from the code."""

from __future__ import annotations

from ..core.models import CLAIM_FIELDS, KINDS, Event
from ..core.terms import (
    CREDIBILITY,
    CREDIBLE_GRADES,
    DATE_PRECISIONS,
    EVENT_TYPES,
    GRADES,
    INTER_CODES,
    LOCATION_PRECISIONS,
    MOMENTS,
    ORIGIN_KINDS,
    POLARITIES,
    SINGLE_VALUED,
)
from .render import render


def render_schema() -> str:
    """Each kind of record with its fields and why each exists (the models' own descriptions)."""
    kinds = [
        (kind, [(name, field.description or "", field.is_required()) for name, field in model.model_fields.items()])
        for kind, model in KINDS.items()
    ]
    return render("schema.html", kinds=kinds)


def render_event_types() -> str:
    """ACLED's event types and sub-types, as the loader accepts them."""
    return render("event_types.html", types=EVENT_TYPES)


def render_precisions() -> str:
    """How precisely a date is known, how it is written, and ACLED's time_precision for it."""

    def code(precision: str, date: str) -> int:
        return Event.model_construct(date_precision=precision, date=date).time_precision

    acled = {precision: code(precision, "2022-01-27") for precision in DATE_PRECISIONS}
    acled["approximate"] = f"{code('approximate', '2022-01-27')} written to the day, else {code('approximate', '2022')}"
    precisions = [(name, precision.written, precision.meaning) for name, precision in DATE_PRECISIONS.items()]
    return render("precisions.html", precisions=precisions, acled=acled)


def render_grades() -> str:
    """The Admiralty reliability grades and which count towards conservative figures."""
    return render("grades.html", grades=GRADES, credible=CREDIBLE_GRADES)


def render_claim_fields() -> str:
    """The claim fields and which of them make a dispute when sources differ."""
    return render("claim_fields.html", fields=CLAIM_FIELDS, single=SINGLE_VALUED, inter=INTER_CODES)


def render_credibility() -> str:
    """The Admiralty information-credibility scale and how each rating is reached here."""
    rows = [(f"{n}: {label}", how) for n, (label, how) in CREDIBILITY.items()]
    return render("vocabulary.html", headers=["Credibility", "When a claim gets it"], rows=rows)


def render_origin_kinds() -> str:
    """The kinds of origin a claim can come from."""
    return render("vocabulary.html", headers=["Origin", "What it is"], rows=list(ORIGIN_KINDS.items()))


def render_moments() -> str:
    """Which moment a date claim dates, and whether it is the event's."""
    return render("vocabulary.html", headers=["Moment", "What the date is"], rows=list(MOMENTS.items()))


def render_polarities() -> str:
    """Whether a claim affirms or denies."""
    return render("vocabulary.html", headers=["Polarity", "Meaning"], rows=list(POLARITIES.items()))


def render_location_precisions() -> str:
    """How a place's position was obtained, as the map and tables say it."""
    return render("vocabulary.html", headers=["Position", "How it is drawn"], rows=list(LOCATION_PRECISIONS.items()))
