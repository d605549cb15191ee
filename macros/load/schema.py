"""JSON Schemas for editors, generated from the models so they never drift from the loader.

Each data file starts with `# yaml-language-server: $schema=schema/<kind>.schema.json`, so an
analyst's editor (VS Code with the YAML extension, for one) completes fields and flags mistakes.

    python -m macros.load.schema           # write data/schema/*.schema.json
    python -m macros.load.schema --check   # fail if any is stale
"""

from __future__ import annotations

import json
import sys

from pydantic import TypeAdapter

from ..core.models import KINDS
from .loader import DATA_DIR

SCHEMA_DIR = DATA_DIR / "schema"


def render_schemas() -> dict[str, str]:
    """File name -> schema text, for a file holding a list of records or a single record."""
    rendered = {}
    for kind, model in KINDS.items():
        schema = TypeAdapter(list[model] | model).json_schema(mode="validation")  # type: ignore[valid-type]
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": kind, **schema}
        rendered[f"{kind}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return rendered


def main(argv: list[str]) -> int:
    stale = []
    for name, text in render_schemas().items():
        path = SCHEMA_DIR / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if "--check" in argv:
            stale.append(name)
        else:
            SCHEMA_DIR.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if stale:
        print(f"stale schema: {', '.join(stale)}; run python -m macros.load.schema", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
