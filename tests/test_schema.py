"""JSON Schemas for editors: current, and in agreement with the loader on real files."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from macros.core.models import KINDS
from macros.load import schema
from tests.conftest import BRIEFING, FIXTURES


def test_committed_schemas_are_current():
    assert schema.main(["--check"]) == 0, "run python -m macros.load.schema"


@pytest.mark.parametrize("kind", list(KINDS))
def test_fixture_files_satisfy_their_schema(kind):
    validator = jsonschema.Draft202012Validator(json.loads((schema.SCHEMA_DIR / f"{kind}.schema.json").read_text()))
    records = yaml.safe_load((FIXTURES / "data" / f"{kind}.yaml").read_text(encoding="utf-8"))
    # YAML reads dates as dates; the editor sees them as text, as the schema does
    validator.validate(json.loads(json.dumps(records, default=str)))


def test_schema_rejects_an_unknown_field():
    validator = jsonschema.Draft202012Validator(json.loads((schema.SCHEMA_DIR / "actors.schema.json").read_text()))
    assert not validator.is_valid([{"id": "ab", "name": "X", "kind": "civilians", "nmae": "typo"}])


@pytest.mark.parametrize("path", sorted((BRIEFING / "data").glob("*.yaml")), ids=lambda p: p.name)
def test_data_files_point_editors_at_their_schema(path):
    assert f"# yaml-language-server: $schema=schema/{path.stem}.schema.json" in path.read_text(encoding="utf-8")
