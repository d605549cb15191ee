"""The search index, prebuilt and split into small scripts a reader's browser fetches only as a
query needs them (`docs/javascripts/search-worker.js` reads them).

Material's search sends every entry to the browser, which builds a lunr index before the first
query answers: at 100,000 events, 30 MB and about 15 s. Here the build does that work once:
- `search/shards/N.js`: the words starting with one prefix, each with the entries it is in
  (title and text apart, as gaps between entry numbers). A prefix with too many words is split
  a letter further, so a shard stays small however large the site grows.
- `search/docs/N.js`: the entries themselves (address, title, a short text), CHUNK per file.
- `search/manifest.js`: the prefixes, and the entry count.
An entry that names a place or an actor by any of its spellings is indexed under the words of
all of them (not shown), so "Qatroun" finds exactly what "Qatrun" finds; and each name under its
romanisation key (`name_keys`), so "Gadhafi" finds "Qaddafi" with no spelling recorded.
Each is a script that hands its data to `self.lwSearch`, so it loads from a server and from
disk (the offline zip) alike, with no eval and no fetch. Words are folded as the worker folds
a query: accents dropped, lower case, split at anything not a letter or digit.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..core.quotes import fold
from ..core.romanised import romanised_key
from ..views.limits import SEARCH_TEXT_CHARS

SHARD_BYTES = 24_000  # a prefix whose words take more than this is split a letter further
CHUNK = 64  # entries per docs file
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text, loose=True))


def name_keys(text: str, spelled: set[str] = frozenset()) -> set[str]:
    """The romanisation keys (`macros/core/romanised.py`) of the names in a text: its capitalised
    words, and the words of the other spellings of the places and actors it names. A query word's
    key finds them, so "Dbeibah" finds "Dabaiba"; keys are capitals, which no folded query word is."""
    names = [w for w in _WORD.findall(text) if w[0].isupper()]
    return set(filter(None, map(romanised_key, [*names, *spelled])))


def plain(markup: str) -> str:
    """An entry's title or text without its tags and references: what a reader sees of it."""
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def write_search_index(
    entries: Iterable[dict[str, str]],
    folder: Path,
    spellings: Iterable[Iterable[str]] = (),
    known: KnownEntries | None = None,
) -> int:
    """Write the manifest, shards and docs for these entries (Material's: location, title and
    text, as HTML) into `folder`; `spellings` lists, per place or actor, the names it goes by;
    `known`, the entries indexed last time (`make serve`). Returns the number of shards."""
    docs, postings = _postings(entries, spellings, known)
    shards = split_shards(postings)
    for sub in ("shards", "docs"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    for number, (_, tokens) in enumerate(shards):
        _write(folder / "shards" / f"{number}.js", "shard", number, {t: postings[t] for t in tokens})
    for start in range(0, len(docs), CHUNK):
        _write(folder / "docs" / f"{start // CHUNK}.js", "docs", start // CHUNK, docs[start : start + CHUNK])
    manifest = {"docs": len(docs), "chunk": CHUNK, "shards": [[prefix, whole] for prefix, whole in _keys(shards)]}
    _write(folder / "manifest.js", "manifest", 0, manifest)
    return len(shards)


@dataclass(frozen=True)
class Spelled:
    """Every spelling as its words -> the words of all its entity's spellings; the words a spelling
    can begin with, and how many words spellings have, so most words cost one set lookup."""

    names: dict[tuple[str, ...], frozenset[str]]
    first: frozenset[str]
    lengths: tuple[int, ...]


def spelling_index(spellings: Iterable[Iterable[str]]) -> Spelled:
    names: dict[tuple[str, ...], frozenset[str]] = {}
    for group in spellings:
        spelled = [tuple(words(name)) for name in group]
        every = frozenset(word for name in spelled for word in name)
        for name in filter(None, spelled):
            names[name] = names.get(name, frozenset()) | every  # two entities may share a spelling
    return Spelled(names, frozenset(name[0] for name in names), tuple(sorted({len(name) for name in names})))


def also_spelled(tokens: list[str], index: Spelled) -> set[str]:
    """The words of every other spelling of each place or actor these words name."""
    extra: set[str] = set()
    for start, token in enumerate(tokens):
        if token in index.first:
            for length in index.lengths:
                extra |= index.names.get(tuple(tokens[start : start + length]), frozenset())
    return extra


Indexed = tuple[list[str], frozenset[str], frozenset[str]]  # an entry's row, its words in the title, in the text only


Key = tuple[str, str, str]  # an entry's location, title and text
Found = tuple[list[int], list[int]]  # a word's entries: by number, in the title and in the text only


@dataclass
class KnownEntries:
    """Each search entry as the last build indexed it, with the spellings it was indexed with:
    `make serve` keeps them from one build to the next (the plugin's build hands them on), so
    after an edit only the entries it changed are read word by word again (that reading was most
    of the index's writing at 10,000 events); and each word's entries and postings, so when the
    entries are the same but a few at the same places, only those entries' words are posted
    again (gathering and gap-coding every word's entries was most of what was left)."""

    spellings: tuple[tuple[str, ...], ...] = ()
    entries: dict[Key, Indexed] = field(default_factory=dict)
    order: list[Key] = field(default_factory=list)  # the entries, in their order
    found: dict[str, Found] = field(default_factory=dict)
    postings: dict[str, list[str]] = field(default_factory=dict)  # in word order, as `_postings` returns them
    updated: int | None = None  # the entries the last index posted again (None: every one)


def _postings(
    entries: Iterable[dict[str, str]], spellings: Iterable[Iterable[str]] = (), known: KnownEntries | None = None
) -> tuple[list[list[str]], dict[str, list[str]]]:
    """Each entry as [location, title, text], and each word's entries: [in the title, in the
    text only], as base-36 gaps between entry numbers. With `known`, an entry indexed last time
    with the same spellings is taken from it, and `known` then holds this time's entries."""
    spellings = tuple(tuple(group) for group in spellings)
    last = known.entries if known is not None and known.spellings == spellings else {}
    index = spelling_index(spellings)
    if known is not None and last:
        entries = list(entries)
        keys = [(entry["location"], entry["title"], entry["text"]) for entry in entries]
        last = {key: last.get(key) or _indexed(entry, index) for key, entry in zip(keys, entries, strict=True)}
        updated = _updated(known, keys, last)
        if updated is not None:
            return updated
    docs: list[list[str]] = []
    found: dict[str, Found] = defaultdict(lambda: ([], []))
    # every entry's words, kept for `known` only (30 MB at 10,000 events)
    indexed: dict[Key, Indexed] = {}
    order: list[Key] = []
    for number, entry in enumerate(entries):
        key = (entry["location"], entry["title"], entry["text"])
        row, in_title, in_text = last.get(key) or _indexed(entry, index)
        if known is not None:
            indexed[key] = row, in_title, in_text
            order.append(key)
        docs.append(row)
        for token in in_title:
            found[token][0].append(number)
        for token in in_text:
            found[token][1].append(number)
    postings = {token: [_gaps(lists[0]), _gaps(lists[1])] for token, lists in sorted(found.items())}
    if known is not None:
        known.spellings, known.entries, known.order = spellings, indexed, order
        known.found, known.postings, known.updated = dict(found), postings, None
    return docs, postings


FEW_CHANGED = 64  # entries changed in place, at most, for their words alone to be posted again


def _updated(
    known: KnownEntries, keys: list[Key], indexed: dict[Key, Indexed]
) -> tuple[list[list[str]], dict[str, list[str]]] | None:
    """The docs and postings of entries that are the ones `known` indexed but a few changed in
    place (none added, removed or moved): only the words of those, before and after, are posted
    again. None when the entries differ more: every entry is posted."""
    if len(keys) != len(known.order):
        return None
    changed = [number for number, (old, new) in enumerate(zip(known.order, keys, strict=True)) if old != new]
    if len(changed) > FEW_CHANGED:
        return None
    before = [known.entries[known.order[number]] for number in changed]
    after = [indexed[keys[number]] for number in changed]
    tokens = set().union(*(entry[1] | entry[2] for entry in (*before, *after)))
    found, postings, moved = dict(known.found), dict(known.postings), set(changed)
    for token in tokens:
        title, text = ([n for n in numbers if n not in moved] for numbers in found.get(token, ([], [])))
        for number, (_, in_title, in_text) in zip(changed, after, strict=True):
            if token in in_title:
                title.append(number)
            elif token in in_text:
                text.append(number)
        if title or text:
            found[token] = (sorted(title), sorted(text))
            postings[token] = [_gaps(found[token][0]), _gaps(found[token][1])]
        else:
            found.pop(token, None)
            postings.pop(token, None)
    if any(token in postings and token not in known.postings for token in tokens):
        postings = dict(sorted(postings.items()))  # a word new to the index: back in word order
    known.entries, known.order, known.updated = indexed, keys, len(changed)
    known.found, known.postings = found, postings
    return [indexed[key][0] for key in keys], postings


def _indexed(entry: dict[str, str], index: Spelled) -> Indexed:
    """An entry's row as the results show it, the words it is found by in its title, and those in its text only."""
    title, text = plain(entry["title"]), plain(entry["text"])
    short = text if len(text) <= SEARCH_TEXT_CHARS else text[:SEARCH_TEXT_CHARS].rsplit(" ", 1)[0] + " …"
    row = [entry["location"], html.escape(title, quote=False), html.escape(short, quote=False)]
    title_words, text_words = words(title), words(text)
    title_names, text_names = also_spelled(title_words, index), also_spelled(text_words, index)
    in_title = frozenset(title_words) | title_names | name_keys(title, title_names)
    return row, in_title, (frozenset(text_words) | text_names | name_keys(text, text_names)) - in_title


def _gaps(numbers: list[int]) -> str:
    previous, out = 0, []
    for number in numbers:
        out.append(_base36(number - previous))
        previous = number
    return ",".join(out)


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


def split_shards(postings: dict[str, list[str]]) -> list[tuple[str, list[str]]]:
    """(prefix, words) per shard. A prefix small enough is one shard with every word it starts;
    a larger one keeps only the word equal to it (if any) and is split a letter further."""
    cost = {token: len(token) + sum(map(len, lists)) + 8 for token, lists in postings.items()}
    shards: list[tuple[str, list[str]]] = []

    def split(prefix: str, tokens: list[str]) -> None:
        if prefix and sum(cost[t] for t in tokens) <= SHARD_BYTES:
            shards.append((prefix, tokens))
            return
        longer: dict[str, list[str]] = defaultdict(list)
        for token in tokens:
            if len(token) > len(prefix):
                longer[token[: len(prefix) + 1]].append(token)
        if prefix:
            shards.append((prefix + "=", [t for t in tokens if t == prefix]))  # only the word itself
        for key in sorted(longer):
            split(key, longer[key])

    split("", sorted(postings))
    return [(prefix, tokens) for prefix, tokens in shards if tokens]


def _keys(shards: list[tuple[str, list[str]]]) -> list[tuple[str, int]]:
    """Each shard's prefix, and 1 when it holds every word with that prefix, 0 when only the word."""
    return [(prefix[:-1], 0) if prefix.endswith("=") else (prefix, 1) for prefix, _ in shards]


def _write(path: Path, kind: str, number: int, data: object) -> None:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    path.write_text(f"self.lwSearch.{kind}({number},{body});\n", encoding="utf-8")
