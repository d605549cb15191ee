"""CONTRIBUTING's allowed values and its reference of every field are generated from the models and
checked for staleness."""

from __future__ import annotations

import re
import shutil
import typing
from typing import Annotated

import pytest
import yaml
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from macros.core.models import KINDS, Claim, Event, Id, Source
from macros.core.terms import EVENT_TYPES, INTER_CODES
from macros.derive.comparison import _scope_key
from macros.views import fieldreference, vocabulary
from tests.conftest import BRIEFING, FIXTURES, PROJECT


def test_contributing_lists_the_allowed_values_and_the_fields_of_today_s_models():
    assert vocabulary.main(["--check"]) == 0


def test_every_value_the_loader_accepts_is_listed():
    block = vocabulary.render_block()
    values = [v for _, _, vs in vocabulary.allowed_values() for v in vs if v is not True]
    values += [*EVENT_TYPES, *(s for subs in EVENT_TYPES.values() for s in subs), *INTER_CODES]
    assert [v for v in values if f"`{v}`" not in block] == []
    assert ("sources", "kind", tuple(Source.model_fields["kind"].annotation.__args__)) in vocabulary.allowed_values()


def test_a_stale_block_fails_the_check_and_is_rewritten(tmp_path):
    copy = tmp_path / "CONTRIBUTING.md"
    shutil.copy(PROJECT / "CONTRIBUTING.md", copy)
    copy.write_text(copy.read_text(encoding="utf-8").replace("`official statement`, ", ""), encoding="utf-8")
    assert vocabulary.main(["--check"], copy) == 1
    assert vocabulary.main([], copy) == 0
    assert copy.read_text(encoding="utf-8") == (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")


# --- every field, record by record ---------------------------------------------------------------


class Grown(Event):
    """An event model that has gained a field the reference does not know yet."""

    spotted_near: Id | None = None


def _schema_paths(kind: str) -> set[str]:
    """Every field of a record, found in its JSON Schema (not by the generator's own walk): a
    nested mapping's and each list item's fields under the field's name (`claims.source`)."""
    schema = TypeAdapter(KINDS[kind]).json_schema()
    defs = schema.get("$defs", {})

    def walk(node: dict, prefix: str):
        for name, prop in node["properties"].items():
            yield f"{prefix}.{name}"
            nested = [prop, prop.get("items", {}), *prop.get("anyOf", [])]
            target = next((n["$ref"].split("/")[-1] for n in nested if "$ref" in n), None)
            if target:
                yield from walk(defs[target], f"{prefix}.{name}")

    return set(walk(schema, kind))


def _listed_in_contributing() -> set[str]:
    """Each field a table of CONTRIBUTING's reference lists, as `file kind.path`."""
    text = (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = text.split(vocabulary.FIELDS_BEGIN, 1)[1].split(vocabulary.FIELDS_END, 1)[0]
    keys = {table.heading: table.key for table in fieldreference.field_tables()}
    listed = set()
    for section in block.split("\n#### ")[1:]:
        heading, body = section.split("\n", 1)
        listed |= {f"{keys[heading]}.{name}" for name in re.findall(r"^\| `([^`]+)` \|", body, flags=re.M)}
    return listed


def _field(where: str) -> FieldInfo:
    """The model field at `kind.path` (`events.claims.credibility.rating`)."""
    kind, *parts = where.split(".")
    model = KINDS[kind]
    for part in parts[:-1]:
        annotation = model.model_fields[part].annotation
        model = next(
            a for a in (annotation, *typing.get_args(annotation)) if isinstance(a, type) and issubclass(a, BaseModel)
        )
    return model.model_fields[parts[-1]]


def test_every_record_kind_is_either_written_by_analysts_or_by_a_command():
    assert set(fieldreference.WRITTEN) | set(fieldreference.NOT_WRITTEN) == set(KINDS)
    assert not set(fieldreference.WRITTEN) & set(fieldreference.NOT_WRITTEN)


def test_contributing_lists_every_field_of_every_record_an_analyst_writes():
    expected = set().union(*(_schema_paths(kind) for kind in fieldreference.WRITTEN))
    listed = _listed_in_contributing()
    assert {"events.claims.scope", "places.near", "sources.revisions.why", "events.claims.credibility.rating"} <= listed
    assert sorted(expected - listed) == [] and sorted(listed - expected) == []


def test_every_field_has_a_description_an_example_and_plain_words_for_its_type():
    rows = [(table.key, row) for table in fieldreference.field_tables() for row in table.rows]
    assert [f"{key}.{row.name}" for key, row in rows if not row.description or not row.type] == []
    assert [row.type for key, row in rows if "Id" in row.type or "str" in row.type or "Annotated" in row.type] == []
    leaves = {f"{key}.{row.name}" for key, row in rows if row.example}
    assert set(fieldreference.EXAMPLES) == leaves  # no example for a field that is gone
    assert set(fieldreference.REFERS_TO) <= leaves


def test_a_field_a_model_gains_is_refused_until_described_then_listed(monkeypatch, tmp_path):
    monkeypatch.setitem(KINDS, "events", Grown)
    with pytest.raises(ValueError, match=r"events\.spotted_near has no description"):
        vocabulary.render_fields()
    monkeypatch.setattr(Grown.model_fields["spotted_near"], "description", "Where it was first reported from")
    with pytest.raises(ValueError, match=r"events\.spotted_near names another record: say which kind in REFERS_TO"):
        vocabulary.render_fields()
    monkeypatch.setitem(fieldreference.REFERS_TO, "events.spotted_near", "place")
    with pytest.raises(ValueError, match=r"events\.spotted_near has no example"):
        vocabulary.render_fields()
    monkeypatch.setitem(fieldreference.EXAMPLES, "events.spotted_near", "qatrun")
    copy = tmp_path / "CONTRIBUTING.md"
    shutil.copy(PROJECT / "CONTRIBUTING.md", copy)
    assert vocabulary.main(["--check"], copy) == 1
    assert vocabulary.main([], copy) == 0
    row = "| `spotted_near` | no | a place id | `qatrun` | Where it was first reported from |"
    assert row in copy.read_text(encoding="utf-8")


def test_each_example_is_a_value_its_field_accepts_as_typed():
    refused = []
    for where, example in fieldreference.EXAMPLES.items():
        typed = fieldreference.as_yaml(example)
        if typed.endswith(fieldreference.ABBREVIATED):
            continue  # the start of a longer value: the next test finds it in the data
        field = _field(where)
        value = yaml.safe_load(f"value: {typed}")["value"]
        typed_as = Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
        adapter = TypeAdapter(typed_as, config=ConfigDict(strict=True))
        try:
            adapter.validate_python(value)
        except ValidationError as error:
            refused.append(f"{where}: {typed}: {error.errors()[0]['msg']}")
    assert refused == []


def test_a_shortened_example_is_the_start_of_a_value_in_the_fixtures():
    folded = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in sorted(FIXTURES.rglob("*.yaml")))
    shortened = [e for e in fieldreference.EXAMPLES.values() if str(e).endswith(fieldreference.ABBREVIATED)]
    assert len(shortened) >= 5
    assert [e for e in shortened if " ".join(e[:-1].split()) not in folded] == []


def test_an_example_id_names_a_record_of_the_briefing():
    files = {"actor": "actors", "place": "places", "source": "sources", "origin": "origins", "event": "events",
             "country": "countries"}  # fmt: skip
    ids = {
        kind: {r["id"] for r in yaml.safe_load((BRIEFING / "data" / f"{file}.yaml").read_text(encoding="utf-8"))}
        for kind, file in files.items()
    }
    unknown = []
    for where, kind in fieldreference.REFERS_TO.items():
        example = fieldreference.EXAMPLES[where]
        unknown += [
            f"{where}: {i}" for i in (example if isinstance(example, list) else [example]) if i not in ids[kind]
        ]
    assert unknown == ["places.stated_coordinates.source: a-later-report"]  # CONTRIBUTING's illustrations' report


def test_scope_is_compared_as_its_description_says_folding_case_and_spaces_only():
    description = Claim.model_fields["scope"].description
    assert (
        "('The first  clash' is 'the first clash')" in description and "('first clash' is another part)" in description
    )
    assert _scope_key("The first  clash") == _scope_key("the first clash") != _scope_key("first clash")
