"""Tables for the methodology page, generated from the models so they cannot drift from the code."""

from __future__ import annotations

from .figures import CREDIBLE_GRADES, SINGLE_VALUED
from .models import CLAIM_FIELDS, EVENT_TYPES, INTER_CODES, KINDS, Event
from .render import GRADES, render

PRECISIONS = (
    ("day", "YYYY-MM-DD", "the day is known"),
    ("week", "YYYY-MM-DD", "a day within a known week"),
    ("month", "YYYY-MM", "only the month is known"),
    ("year", "YYYY", "only the year is known"),
    ("approximate", "any", "the date is an estimate from the text (shown with c.)"),
)


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
    acled = {precision: Event.model_construct(date_precision=precision).time_precision for precision, *_ in PRECISIONS}
    return render("precisions.html", precisions=PRECISIONS, acled=acled)


def render_grades() -> str:
    """The Admiralty reliability grades and which count towards conservative figures."""
    return render("grades.html", grades=GRADES, credible=CREDIBLE_GRADES)


def render_claim_fields() -> str:
    """The claim fields and which of them make a dispute when sources differ."""
    return render("claim_fields.html", fields=CLAIM_FIELDS, single=SINGLE_VALUED, inter=INTER_CODES)
