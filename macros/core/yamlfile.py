"""Reads one YAML data file into plain values, remembering the line of every field.

PyYAML keeps the last of two duplicate keys without a word and expands aliases (the road to an
alias bomb); a hand-edited data file needs neither, so both are errors here. Every problem is a
`Problem` naming file, line and field, so a data mistake never surfaces as a traceback.
Parsing uses libyaml (`CSafeLoader`, about 6x faster) when PyYAML was built with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import Any

import yaml

from .yamlsyntax import explain

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 40
ANY = "*"  # a Problem's target id when it holds only if every record of the kind loaded
STR = "tag:yaml.org,2002:str"

FieldPath = tuple[str | int, ...]


class Stage(IntEnum):
    """The order that fixes things: a file that cannot be read explains whatever follows from it."""

    PARSE = 0  # the file is not readable YAML
    SCHEMA = 1  # a record's fields
    REFERENCE = 2  # an id naming another record
    CHECK = 3  # rules across records: seeds, quotes, dates, disputes


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, printed as `file:line: field: message`."""

    file: str
    line: int
    field: str
    message: str
    stage: Stage = Stage.CHECK
    target: tuple[str, str] | None = None  # a reference's (kind, id); (kind, ANY): no record of it is missing
    follows: str = ""  # what did not load, when this problem only follows from that

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"

    @property
    def order(self) -> tuple:
        return (self.stage, self.file, self.line, self.field, self.message)


class DataError(Exception):
    """The data cannot be loaded; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=lambda p: p.order)
        super().__init__(self.report())

    @property
    def causes(self) -> list[Problem]:
        """The problems to fix, in the order that fixes them (follow-on problems left out)."""
        return [p for p in self.problems if not p.follows]

    def report(self, limit: int = 100) -> str:
        """Causes first (unreadable files are never cut off), then one line per thing that did not
        load for the problems that only follow from it: fixing the cause clears them."""
        causes = self.causes
        shown = max(limit, sum(p.stage == Stage.PARSE for p in causes))
        count = len(causes)
        heading = f"{count} problem{'s' if count != 1 else ''} in the data:"
        lines = [heading, *(f"  {p}" for p in causes[:shown])]
        if count > shown:
            lines.append(f"  ... and {count - shown} more (the first {shown} are shown; fix these and run again)")
        followers: dict[str, int] = {}
        for problem in self.problems:
            if problem.follows:
                followers[problem.follows] = followers.get(problem.follows, 0) + 1
        for cause, number in followers.items():
            lines.append(f"  and {number} problem{'s' if number != 1 else ''} in other files that follow from {cause}")
        return "\n".join(lines)


def dotted(path: FieldPath) -> str:
    """('claims', 0, 'quote') -> 'claims[0].quote'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text


@dataclass
class Document:
    """A parsed file: its value, and the 1-based line of each field path, found when asked.

    Lines are worked out only when a problem needs one, by parsing the text again: a map of
    every field's line, held for every file until the checks end, was most of the memory a
    100,000-event load needed, for data that is nearly always right.
    """

    file: str
    value: Any
    text: str = ""
    problems: list[Problem] = field(default_factory=list)  # found while reading; value still usable
    _lines: dict[FieldPath, int] | None = field(default=None, repr=False)

    @property
    def lines(self) -> dict[FieldPath, int]:
        if self._lines is None:
            self._lines = _line_map(self.text) if self.text else {}
        return self._lines

    def line_of(self, path: FieldPath) -> int:
        """The line of the deepest part of `path` that exists (a missing field: its parent)."""
        lines = self.lines
        for end in range(len(path), -1, -1):
            if path[:end] in lines:
                return lines[path[:end]]
        return 1

    def problem(self, path: FieldPath, message: str, shown: FieldPath | None = None) -> Problem:
        return Problem(self.file, self.line_of(path), dotted(shown if shown is not None else path), message)


def read_yaml(path: Path, shown_as: str) -> Document:
    """Parse `path`; raise DataError when it cannot be read at all.

    Duplicate keys are listed in `Document.problems` (the first value is kept) so the rest of
    the file is still checked and one slip does not hide every other mistake.
    """
    size = path.stat().st_size  # before reading: a runaway file is refused without loading it
    if size > MAX_BYTES:
        raise DataError([Problem(shown_as, 1, "", f"file is {size} bytes; the limit is {MAX_BYTES}")])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataError([Problem(shown_as, line, "", "not UTF-8 text: save the file as UTF-8")]) from None
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as err:
        line, message = explain(err, text)
        raise DataError([Problem(shown_as, line, "", message, Stage.PARSE)]) from None
    except (yaml.YAMLError, RecursionError) as err:
        raise DataError([Problem(shown_as, 1, "", f"YAML syntax: {err}", Stage.PARSE)]) from None
    document = Document(shown_as, None, text)
    if node is not None:
        builder = _Builder(document, text)
        document.value = builder.build_document(node)
        document.problems = builder.problems
    return document


class _Irregular(Exception):
    """A node the quick walk leaves to the full one, which explains it (`_Builder.build_document`)."""


class _Builder:
    """Turns a composed node tree into values, refusing aliases, deep nesting and duplicate keys."""

    def __init__(self, document: Document, text: str) -> None:
        self.document, self.text = document, text
        self.constructor = Loader("")
        self.seen: set[int] = set()
        self.problems: list[Problem] = []

    def build_document(self, node: yaml.Node) -> Any:
        """The file's value. A file without an anchor (`&`) has no alias: it is first walked
        without the paths and the alias check, which only an error needs; on anything irregular
        (a duplicate or non-text key, a value the constructor refuses, too deep a nesting) it is
        walked again in full, which names the problem (a third of a large load was the full walk)."""
        if "&" not in self.text:
            try:
                return self._quick(node, 0)
            except _Irregular:
                self.constructor = Loader("")  # a failed construction leaves its node marked
        return self.build(node, ())

    def _quick(self, node: yaml.Node, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise _Irregular
        if node.tag == STR:
            return node.value
        kind = node.__class__
        if kind is yaml.MappingNode:
            mapping: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.__class__ is not yaml.ScalarNode or key_node.tag != STR or key_node.value in mapping:
                    raise _Irregular
                mapping[key_node.value] = self._quick(value_node, depth + 1)
            return mapping
        if kind is yaml.SequenceNode:
            return [self._quick(item, depth + 1) for item in node.value]
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError):
            raise _Irregular from None

    def fail(self, node: yaml.Node, path: FieldPath, message: str) -> DataError:
        line = node.start_mark.line + 1
        return DataError([Problem(self.document.file, line, dotted(path), message)])

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        if id(node) in self.seen:
            line = _first_alias_line(self.text)
            problem = Problem(self.document.file, line, "", "anchors and aliases (&name, *name) are not allowed")
            raise DataError([problem])
        self.seen.add(id(node))
        if len(path) > MAX_DEPTH:
            raise self.fail(node, path, f"nested more than {MAX_DEPTH} levels deep")
        if node.tag == STR:
            return node.value  # most values: no need for the constructor
        if isinstance(node, yaml.MappingNode):
            return self.build_mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as err:
            if node.tag.endswith(":timestamp"):
                return node.value  # e.g. 2022-02-30: the model's date check explains it
            raise self.fail(node, path, f"cannot read this value: {err}") from None

    def build_mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, path, "a key must be a plain name")
            key = _key(key_node, self.constructor)
            if key in mapping:
                first = next(k for k, _ in node.value if _key(k, self.constructor) == key).start_mark.line + 1
                self.problems.extend(
                    self.fail(key_node, (*path, key), f"duplicate key (first given on line {first})").problems
                )
                continue
            mapping[key] = self.build(value_node, (*path, key))
        return mapping


def _key(node: yaml.ScalarNode, constructor: Any) -> str:
    return node.value if node.tag == STR else str(constructor.construct_object(node))


def _line_map(text: str) -> dict[FieldPath, int]:
    """The line of every field path in a file already read once without fault (a key's own line
    for a field; the first of duplicate keys)."""
    lines: dict[FieldPath, int] = {}
    constructor = Loader("")

    def walk(node: yaml.Node, path: FieldPath) -> None:
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key_path = (*path, _key(key_node, constructor))
                if key_path not in lines:
                    lines[key_path] = key_node.start_mark.line + 1
                    walk(value_node, key_path)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*path, index))

    root = yaml.compose(text, Loader=Loader)
    if root is not None:
        walk(root, ())
    return lines


def _first_alias_line(text: str) -> int:
    """Where the first alias stands: the composed tree only knows where its anchor was."""
    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line + 1
    return 1
