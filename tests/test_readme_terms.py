"""What the README and the methodology page say about a vocabulary is what macros/core/terms.py holds.

Prose cannot be generated from the tables without reading worse, so each statement is found by
its wording and checked against the table: a reworded statement fails here until it is matched
again, and a changed table fails until the prose says the same.
"""

from __future__ import annotations

import re

import pytest

from macros.core.terms import CREDIBILITY, CREDIBLE_GRADES, DATE_PRECISIONS, FIELD_LABELS, GRADES, MOMENTS, POLARITIES
from tests.conftest import PROJECT

README = " ".join((PROJECT / "README.md").read_text(encoding="utf-8").split())
METHODOLOGY = " ".join((PROJECT / "docs" / "methodology.md").read_text(encoding="utf-8").split())


def stated(text: str, pattern: str) -> re.Match[str]:
    """The statement `pattern` finds in `text` (whitespace folded), which must be there."""
    match = re.search(pattern, text)
    assert match is not None, f"no longer states {pattern!r}: reword the pattern to the new text"
    return match


def letters(listed: str) -> set[str]:
    """The grades in "A, B, C or F" / "A, B, C and F"."""
    return set(re.findall(r"\b[A-F]\b", listed))


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        (README, r"lowest figure among sources graded ((?:[A-F], )*[A-F] or [A-F])"),
        (METHODOLOGY, r"lowest figure among sources not judged unreliable \(grades ((?:[A-F], )*[A-F] and [A-F])\)"),
    ],
    ids=["README", "methodology"],
)
def test_the_grades_named_for_conservative_figures_are_the_credible_grades(text, pattern):
    assert letters(stated(text, pattern)[1]) == set(CREDIBLE_GRADES)


def test_the_readme_explains_grade_f_as_the_grades_table_does():
    assert stated(README, r"\(F: ([a-z ]+), which is no evidence against a figure\)")[1] == GRADES["F"]


def test_the_readme_s_credibility_scale_is_the_credibility_table():
    low, high = stated(README, r"Admiralty \*\*information credibility\*\* \((\d)-(\d)\)").groups()
    assert list(CREDIBILITY) == list(range(int(low), int(high) + 1))
    grade, rating = stated(README, r'reliability grade \("([A-F])(\d)"\)').groups()
    assert grade in GRADES and int(rating) in CREDIBILITY


def test_the_readme_s_date_precision_example_is_written_as_its_precision_is():
    example, precision = stated(README, r"`([0-9-]+)` is a (\w+) \(`date_precision: (\w+)`\)").group(1, 3)
    assert precision in DATE_PRECISIONS
    assert len(example.split("-")) == len(DATE_PRECISIONS[precision].written.split("-"))


def test_the_claim_fields_moments_and_polarities_the_readme_names_exist():
    fields = stated(README, r"one point of one event \(([^)]*)\)")[1]
    assert set(re.findall(r"`(\w+)`", fields)) <= set(FIELD_LABELS)
    moments = stated(README, r"which moment a date dates \(`moment`: ([^)]*)\)")[1]
    assert {re.sub(r"^(the|a) ", "", m) for m in re.split(r", (?:or )?", moments)} <= set(MOMENTS)
    polarities = stated(README, r"whether it (\w+) or `(\w+)`").groups()
    assert set(polarities) == set(POLARITIES)
