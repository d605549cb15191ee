"""`make new-source FILE=path/to/article.txt`: bring a new document into the dataset.

Copies the document byte for byte into seeds/ (numbered after the last one), records its
checksum, and writes a stub `data/sources/<id>.yaml` whose TODO fields `make validate` lists
until they are filled in. The analyst then adds events that quote it (see CONTRIBUTING.md).

    python -m tools.new_source FILE [--id SLUG]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import re
import sys
from pathlib import Path
from typing import NamedTuple

from macros.core.dates import today as today_setting
from macros.core.models import ID_PATTERN
from macros.core.project import PROJECT_DIR
from macros.views.render import render_text

ROOT = PROJECT_DIR


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "source"


# A stored web page opens with the date it carries ("date 2022-01-29"), then its headline on a line
# of its own, or, when it has none, straight into its text.
STORED_DATE = re.compile(r"\A\ufeff?\s*date (\d{4}-\d{2}-\d{2})\b[ \t]*")
HEADLINE_WORDS = 20  # a first line this short, not ending a sentence, is a headline
OPENING = re.compile(r"[^,.;:!?\n]+")  # a page without a headline is titled by its opening words
SENTENCE = re.compile(r"[^.!?\n]+")  # ...or by its first sentence, when that clause says too little:
CLAUSE_WORDS = 4  # a first clause shorter than this ("In Tripoli")
BARE_TIME = re.compile(  # or a time alone ("On Thursday", "Late on Monday night", "Yesterday")
    r"(?i)(?:(?:early|late|earlier|later) )?(?:on |last |this )?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tonight|week|month|year|weekend)"
    r"(?: (?:morning|afternoon|evening|night))?"
)


class StoredPage(NamedTuple):
    """What a stored page's first lines give the stub: its date and its title."""

    date: str | None  # the date the page carries, as YYYY-MM-DD
    title: str | None  # its headline, or its opening words when it has none
    headline: bool  # whether `title` is a headline


def stored_page(text: str) -> StoredPage:
    """The date a stored page opens with, and its headline or, without one, its opening words
    (`opening_words`); nothing for any other document."""
    opening = STORED_DATE.match(text)
    if opening is None:
        return StoredPage(None, None, False)
    try:
        date = dt.date.fromisoformat(opening[1]).isoformat()
    except ValueError:
        date = None  # not a day: left for the analyst
    first = next((line.strip() for line in text[opening.end() :].splitlines() if line.strip()), "")
    words = first.split()
    if words and len(words) <= HEADLINE_WORDS and not first.endswith((".", "!", "?", ":", '"', "\u201d")):
        return StoredPage(date, first, True)
    return StoredPage(date, opening_words(first), False)


def opening_words(text: str) -> str | None:
    """A page's opening words, as a title: its first clause, or its first sentence where that
    clause is a bare time or too short ("On Thursday, Major General …" is not "On Thursday");
    at most HEADLINE_WORDS words either way."""
    clause = OPENING.match(text)
    if clause is None:
        return None
    words = clause[0].split()
    if len(words) < CLAUSE_WORDS or BARE_TIME.fullmatch(" ".join(words)):
        words = SENTENCE.match(text)[0].split()  # type: ignore[index]  # the clause matched: so does the sentence
    return " ".join(words[:HEADLINE_WORDS]) or None


def yaml_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def add_source(document: Path, source_id: str | None = None, root: Path = ROOT, today: dt.date | None = None) -> Path:
    """Copy `document` into seeds/ and write its stub; returns the stub's path. A stored web page's
    date and title are filled in from its first lines (`stored_page`), each marked for checking."""
    raw = document.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    seeds = root / "seeds"
    for existing in sorted(seeds.glob("*")):
        if hashlib.sha256(existing.read_bytes()).hexdigest() == digest:
            raise SystemExit(f"{document} is already in the dataset as seeds/{existing.name}")
    page = stored_page(raw.decode("utf-8"))  # a seed is UTF-8 text; fail before copying anything else
    numbers = [int(p.name[:3]) for p in seeds.glob("[0-9][0-9][0-9]_*")]
    seed = seeds / f"{max(numbers, default=-1) + 1:03d}_{digest[:16]}.txt"
    source_id = source_id or slug(document.stem)
    if not re.fullmatch(ID_PATTERN, source_id) or not 2 <= len(source_id) <= 60:
        raise SystemExit(f"{source_id!r} is not an id: lower-case words joined by hyphens, 2 to 60 characters "
                         "(ID=sky-news-qatrun)")  # fmt: skip
    stub = root / "data" / "sources" / f"{source_id}.yaml"
    if stub.exists():
        raise SystemExit(f"{stub.relative_to(root)} exists already: choose another --id")
    stub.parent.mkdir(parents=True, exist_ok=True)
    seed.write_bytes(raw)
    stub.write_text(
        render_text(
            "source_stub.yaml",
            id=source_id,
            seed=f"seeds/{seed.name}",
            sha256=digest,
            added=(today or today_setting()).isoformat(),
            published=page.date,
            title=yaml_quoted(page.title) if page.title else None,
            headline=page.headline,
        ),
        encoding="utf-8",
    )
    return stub


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.new_source", description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--id", help="the source's id (default: from the file name)")
    args = parser.parse_args(argv)
    if not args.file.is_file():
        print(f"no such file: {args.file}", file=sys.stderr)
        return 1
    try:
        stub = add_source(args.file, args.id)
    except UnicodeDecodeError:
        print(f"{args.file} is not UTF-8 text: save it as UTF-8 first", file=sys.stderr)
        return 1
    print(f"wrote {stub.relative_to(ROOT)}: fill in every TODO, then run make validate")
    print(f"the next free event id in Libya is {next_event_id(ROOT / 'data')} (ids are never reused)")
    return 0


def next_event_id(data: Path, country: str = "LBY") -> str:
    """One more than the highest event number the country has, in events.yaml or data/events/
    (read as text: the data may not validate while a source is being added)."""
    files = [*data.glob("events.y*ml"), *data.glob("events/**/*.y*ml")]
    numbers = [
        int(n) for f in files for n in re.findall(rf"\bid: {country}([0-9]{{4,7}})\b", f.read_text(encoding="utf-8"))
    ]
    return f"{country}{max(numbers, default=0) + 1:04d}"


if __name__ == "__main__":
    sys.exit(main())
