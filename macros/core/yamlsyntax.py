"""YAML syntax errors in plain words, pointing at the line to fix rather than where the parser gave up.

libyaml reports an unclosed quote as "did not find expected key" lines later, at the next quote
that happens to close it, and a tab as a scalar it could not scan; an analyst needs to hear
"the quote opened on line 12 is never closed" and "a tab character; indent with spaces".
"""

from __future__ import annotations

import re

import yaml

# a value that opens with a quote: `key: "…`, `- '…` or `- key: '…`
_OPENING_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#'"][^:#]*:\s+)?(['"])(.*)$""")
_FIELD = re.compile(r"^\s*[\w-]+:(?:\s|$)")
_GLOSSES = {
    "mapping values are not allowed": "a colon and a space inside a value: put the whole value in quotes",
    "did not find expected '-' indicator": "a list entry is indented differently from the ones above it",
    "did not find expected key": "a line is indented differently from the fields around it",
    "found undefined alias": "a value starting with * must be quoted",
    "found character that cannot start any token": "a value starts with a character YAML reserves "
    "(@, `, % or a tab): put the value in quotes",
}


def explain(err: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """The line to fix and what is wrong there, in plain words."""
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 if mark else 1
    lines = text.splitlines()
    tab = _first_tab_indent(lines, line)
    if tab is not None:
        return tab, "a tab character; indent with spaces"
    problem = err.problem or str(err)
    runaway = any(key in problem for key in ("expected key", "end of stream", "<block end>"))
    quote = _unclosed_quote(lines, line) if runaway or "quoted" in (err.context or "") else None
    if quote is not None:
        return quote, f"the quote opened on line {quote} is never closed"
    if err.context and "flow" in err.context and err.context_mark:
        opened = err.context_mark.line + 1
        return opened, f"the bracket opened on line {opened} is never closed"
    if "mapping values are not allowed" in problem and _indented_more(lines, line):
        return line, "this field is indented more than the one above it: fields of one entry line up"
    gloss = next((words for key, words in _GLOSSES.items() if key in problem), None)
    return line, f"YAML syntax: {gloss or problem}"


def _indented_more(lines: list[str], number: int) -> bool:
    """A `key: value` line indented past the plain field above it (not a nested block)."""
    if not 1 < number <= len(lines) or not _FIELD.match(lines[number - 1]):
        return False
    above = next((text for text in reversed(lines[: number - 1]) if text.strip()), "")
    return _indent(lines[number - 1]) > _indent(above) and not above.rstrip().endswith((":", ">-", "|", ">"))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _first_tab_indent(lines: list[str], upto: int) -> int | None:
    """The first line, up to the error, indented with a tab (YAML forbids tabs in indentation)."""
    for number, line in enumerate(lines[:upto], 1):
        indent = line[: len(line) - len(line.lstrip())]
        if "\t" in indent:
            return number
    return None


def _unclosed_quote(lines: list[str], upto: int) -> int | None:
    """The first line, up to the error, that opens a quoted value and does not close it (the lines
    after it are swallowed by the runaway quote, so they prove nothing)."""
    for number, line in enumerate(lines[:upto], 1):
        match = _OPENING_QUOTE.match(line)
        if match and not _closes(match[1], match[2]):
            return number
    return None


def _closes(quote: str, rest: str) -> bool:
    if quote == '"':
        return re.search(r'(?<!\\)(?:\\\\)*"', rest) is not None
    return re.search(r"'(?!')", rest.replace("''", "")) is not None
