"""What the README and the methodology page say about a vocabulary is what macros/core/terms.py holds.

Prose cannot be generated from the tables without reading worse, so each statement is found by
its wording and checked against the table: a reworded statement fails here until it is matched
again, and a changed table fails until the prose says the same.
"""

from __future__ import annotations

import ast
import re
from typing import Literal, get_args, get_origin

import pytest
from pydantic import BaseModel

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


# Each table of macros/core/terms.py, by the words the README's entry for `terms` names it with.
README_NAMES = {
    "GRADES": "grades",
    "CREDIBLE_GRADES": "those a conservative figure counts",
    "CREDIBILITY": "credibility",
    "ORIGIN_KINDS": "origin kinds",
    "FIELD_LABELS": "claim fields",
    "FIELD_NOUNS": "the nouns a sentence names them by",
    "NUMERIC_FIELDS": "numeric",
    "SINGLE_VALUED": "single-valued",
    "WHERE_FIELDS": "say where",
    "EVENT_PROSE": "an event's own prose",
    "MOMENTS": "moments",
    "POLARITIES": "polarities",
    "DATE_PRECISIONS": "date precision",
    "WORD_QUANTITIES": "quantities a source gives only in words",
    "WORDED_MARK": "source's word",
    "EARLY_COUNT_MARK": "early count",
    "NOT_REPORTED": "not reported",
    "EARLY_TOLLS": "how far a toll rests on early counts",
    "EVENT_TYPES": "event types",
    "DISORDER_TYPES": "disorder types",
    "INTER_CODES": "ACLED's interaction codes",
    "STATE_KINDS": "those whose dead count with the security forces",
    "ACTOR_GROUPS": "the actors index's groups",
    "SOURCE_KINDS": "source kinds",
    "SOURCE_SCALES": "scales",
    "RIGHTS": "rights",
    "BASES": "bases",
    "STATUSES": "statuses",
    "BEARINGS": "bearings",
    "DISTANCE_UNITS": "distance units",
    "PLACE_REFERENCES": "place references",
    "SPELLING_BASES": "spelling bases",
    "LOCATION_PRECISIONS": "location precisions",
    "GEO_PRECISIONS": "geo precision",
    "SIDES": "the deaths chart's sides",
}


def test_the_readme_names_every_vocabulary_where_it_says_terms_holds_them():
    """The README's one hop ("a vocabulary in macros/core/terms.py") for every vocabulary: each table
    there is named in the README's entry for `terms`, so a newcomer looking for one finds where it
    is. A new table fails here until the README names it (and it is added above)."""
    from macros.core import terms

    assert {name for name in dir(terms) if name.isupper()} == set(README_NAMES)
    entry = stated(README, r"`terms` \(every analytic vocabulary, one table each: (.*?)\), `models`")[1]
    assert [name for name, words in README_NAMES.items() if not re.search(rf"\b{re.escape(words)}\b", entry)] == []


def _vocabularies() -> dict[str, set]:
    """Each table of macros/core/terms.py by name, as the set of its terms (a dict's keys; of a table
    of tables, also the terms within)."""
    from macros.core import terms

    tables = {name: getattr(terms, name) for name in dir(terms) if name.isupper()}
    found = {name: set(table) for name, table in tables.items() if isinstance(table, dict | tuple | frozenset)}
    nested = {  # a table of tables, as EVENT_TYPES holds each type's sub-types
        f"{name} within": {term for terms_of in table.values() for term in terms_of}
        for name, table in tables.items()
        if isinstance(table, dict) and all(isinstance(v, tuple | frozenset) for v in table.values())
    }
    return found | nested


def _literals(annotation: object) -> list[tuple]:
    """The Literal types inside a field's annotation (through lists, unions and Annotated)."""
    if get_origin(annotation) is Literal:
        return [get_args(annotation)]
    return [found for arg in get_args(annotation) for found in _literals(arg)]


def test_every_vocabulary_of_the_models_is_a_table_of_terms():
    """The README's one hop ("a vocabulary in macros/core/terms.py"): each field's allowed words are
    all the terms of one table there, or a part of one (an origin's kind is any but its own reporting)."""
    from macros.core import models

    tables = _vocabularies()
    outside = []
    for name, model in vars(models).items():
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            continue
        for field_name, field in model.model_fields.items():
            for allowed in _literals(field.annotation):
                words = {a for a in allowed if isinstance(a, str)}
                if words and not any(words <= table for table in tables.values()):
                    outside.append(f"{name}.{field_name}: {sorted(words)}")
    assert outside == []


def test_no_module_but_terms_spells_out_a_vocabulary():
    """No `Literal["a", "b"]` written out in macros/ but in terms.py: a vocabulary is a table of terms."""
    spelled = []
    for path in sorted((PROJECT / "macros").rglob("*.py")):
        if path.name == "terms.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "Literal":
                values = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
                if any(isinstance(v, ast.Constant) and isinstance(v.value, str) for v in values):
                    spelled.append(f"{path.relative_to(PROJECT)}:{node.lineno}")
    assert spelled == []


def test_the_vocabularies_moved_to_terms_are_the_ones_the_views_use():
    from macros.core import terms
    from macros.views import charts, entities, exports

    assert charts.SIDES is terms.SIDES and set(charts.SIDE_COLOURS) == set(terms.SIDES)
    assert entities.ACTOR_GROUPS is terms.ACTOR_GROUPS and exports.DISORDER_TYPES is terms.DISORDER_TYPES
    assert set(terms.DISORDER_TYPES) == set(terms.EVENT_TYPES)
    filed = [kind for kinds in terms.ACTOR_GROUPS.values() for kind in kinds]
    assert len(filed) == len(set(filed)) and set(filed) <= set(terms.INTER_CODES)
    assert not {"civilians", "protesters", "rioters"} & terms.ACTOR_GROUPS["Media"]
    assert set(terms.INTER_CODES) >= terms.STATE_KINDS and charts.STATE_KINDS is terms.STATE_KINDS
