"""The Jinja environment for our partials: autoescaped, strict, templates in `macros/templates/`.

Everything from data is escaped; a missing variable is an error, never an empty string.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from .dates import show_date

TEMPLATE_DIR = Path(__file__).parent / "templates"
GRADES = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
FIELD_LABELS = {
    "fatalities": "Fatalities",
    "injuries": "Injuries",
    "arrests": "Arrests",
    "strikes": "Strikes",
    "date": "Date",
    "place": "Place",
    "location": "Location",
    "perpetrator": "Perpetrator",
    "participants": "Who took part",
    "target": "Target",
    "detail": "Detail",
}


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["plural"] = lambda count, word: f"{count} {word}{'' if count == 1 else 's'}"
    env.globals.update(GRADES=GRADES, FIELDS=FIELD_LABELS, show_date=show_date)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
