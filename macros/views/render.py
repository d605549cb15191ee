"""The Jinja environment for our partials: autoescaped, strict, templates in `macros/views/templates/`.

Everything from data is escaped, for HTML and for Markdown: our HTML goes through Markdown on
the hand-written pages and outside the stashed blocks, where `[x](javascript:…)`, `*` or an
attr_list `{ onclick=… }` in data text would otherwise become markup. A missing variable is an
error, never an empty string.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import zlib
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..core.dates import date_qualifier, show_date, show_event_date
from ..core.project import PROJECT_DIR
from ..core.terms import CREDIBILITY, FIELD_LABELS, GRADES, LOCATION_PRECISIONS, STATUSES
from ..derive.figures import within_words
from .eventview import Toll

TEMPLATE_DIR = Path(__file__).parent / "templates"
CACHE_DIR = PROJECT_DIR / ".cache" / "jinja"
# HTML's five, and the characters Markdown (and attr_list) reads as syntax, as references: the
# browser shows them as they were, in text and attribute values alike; Markdown passes them on.
_INERT = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"}
    | {char: f"&#{ord(char)};" for char in "\\`*_[]{}!~^|\n"}
)


def inert(value: Any) -> Any:
    """`value` escaped for HTML and made inert to Markdown; markup we built (Markup) is kept.
    One translate and no Markup.escape: this runs for every value every page prints."""
    if isinstance(value, (Markup, int, float)):
        return value  # numbers print as they are
    if type(value) is str:
        return _inert_text(value)
    return Markup(str(value).translate(_INERT))


@lru_cache(maxsize=1 << 16)
def _inert_text(text: str) -> Markup:
    """A text made inert, remembered: a page prints the same names, dates and labels many times."""
    return Markup(text.translate(_INERT))


def _join(values: Any, separator: str = "") -> Markup:
    return Markup(inert(separator)).join(inert(value) for value in values)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept in .cache/jinja between builds: compiling them was most of what
    a small build spent beyond bare mkdocs-material. Jinja checks each template's source and its
    own version; the folder is named for this module, whose settings the code depends on."""
    folder = CACHE_DIR / hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only checkout builds as well, only without the cache
    return jinja2.FileSystemBytecodeCache(str(folder)) if os.access(folder, os.W_OK) else None


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        finalize=inert,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["and_list"] = and_list
    env.filters["plural"] = plural
    env.globals.update(GRADES=GRADES, CREDIBILITY=CREDIBILITY, FIELDS=FIELD_LABELS, PRECISIONS=LOCATION_PRECISIONS)
    env.globals.update(show_date=show_date, show_event_date=show_event_date, Toll=Toll, STATUSES=STATUSES)
    env.globals["within_words"] = within_words  # "within" a force, "may be within" an unnamed party
    env.globals["date_qualifier"] = date_qualifier  # "inferred from 'On Wednesday'", for a bare event
    env.filters["stash"] = _stash
    env.filters["join"] = _join  # the built-in join escapes for HTML only
    return env


def plural(count: int, word: str) -> str:
    """A count with its noun: "1 event", "2 events"."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def and_list(items: list[str]) -> str:
    """Items as a sentence lists them: "a", "a and b", "a, b and c"."""
    return " and ".join([", ".join(items[:-1]), items[-1]] if len(items) > 2 else items)


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def macro(template: str, name: str) -> Callable[..., Markup]:
    """A macro of `template`, to call many times: a template's own rendering costs about twice a
    macro call (a new context each time)."""
    return getattr(environment().get_template(template).module, name)


def stencil(template: str, fields: tuple[str, ...], **context: Any) -> Callable[..., str]:
    """`template` rendered once, with a marker for each of `fields`; the function returned fills
    the markers with its keyword values, each escaped as the template would print it (`inert`).
    For a page made thousands of times that only prints these fields (never tests, loops over or
    filters them): Jinja's cost per render was most of the 10,000 event addresses' making."""
    markers = {name: Markup(f"\0{name}\0") for name in fields}
    pieces = re.split("\0(\\w+)\0", render(template, **context, **markers))

    def fill(**values: Any) -> str:
        filled = pieces.copy()
        for index in range(1, len(filled), 2):  # the odd pieces name a field
            filled[index] = inert(values[filled[index]])
        return "".join(filled)

    return fill


@cache
def _text_environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR), undefined=jinja2.StrictUndefined, keep_trailing_newline=True
    )


def render_text(template: str, **context: Any) -> str:
    """A template that is not HTML (the YAML stub of a new source): nothing escaped."""
    return text_template(template).render(**context)


def text_template(template: str) -> jinja2.Template:
    """A template that is not HTML, to render many times (a page's BibTeX entries)."""
    return _text_environment().get_template(template)


Rendered = tuple[str, list[bytes]]  # a generated page: its Markdown, and the blocks set aside from it
PLACEHOLDER = '<div class="lw-stash" data-stash="{}"></div>'


@jinja2.pass_context
def _stash(context: jinja2.runtime.Context, html: str) -> str:
    """Set a block of HTML aside: Markdown would only re-parse it (its raw-HTML parser was most
    of a large build's time); the plugin puts it back as the page is written.

    Blocks wait compressed: a build holds every page until it writes them all, and at 100,000
    events the set-aside HTML was a third of a gigabyte; compressed it is a tenth of that."""
    blocks = context.get("stash_blocks")
    if blocks is None:
        return html
    blocks.append(zlib.compress(str(html).encode("utf-8"), 1))
    # its own blank line: Markdown ends an HTML block only there, and a heading may follow
    return Markup(PLACEHOLDER.format(len(blocks) - 1) + "\n")


def fields_of(view: Any) -> dict[str, Any]:
    """A typed view's fields (a dataclass's) by name, for `render_page(template, **fields_of(view))`:
    its template names them as before. Not dataclasses.asdict, which copies every record inside."""
    return {field.name: getattr(view, field.name) for field in dataclasses.fields(view)}


def render_page(template: str, **context: Any) -> Rendered:
    """A generated page's Markdown, with its large HTML blocks set aside (see `restore`)."""
    blocks: list[bytes] = []
    return render(template, stash_blocks=blocks, **context), blocks


def restore(html: str, blocks: list[bytes]) -> str:
    """Put the set-aside blocks back into a page's HTML."""
    return re.sub(
        r'<div class="lw-stash" data-stash="(\d+)"></div>',
        lambda m: zlib.decompress(blocks[int(m[1])]).decode("utf-8"),
        html,
    )
