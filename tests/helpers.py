"""What the tests ask of the data and the output that the build itself never needs: the events at
or near a place, the downloads as text, the search index read back."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from macros.core.models import Event
from macros.derive.dataset import Dataset
from macros.views.exports import write_exports


def events_at(dataset: Dataset, place_id: str) -> list[Event]:
    """The events at a place, in the dataset's order."""
    return [e for e in dataset.events.values() if e.place == place_id]


def events_near(dataset: Dataset, place_id: str) -> list[Event]:
    """Events at places described from this one ("near Qatrun", "south of Sirte")."""
    return [e for e in dataset.events.values() if place_id in dataset.places[e.place].towns]


def render_exports(dataset: Dataset) -> dict[str, str]:
    """Each download (its name under downloads/) and its text, as the build writes them."""
    with tempfile.TemporaryDirectory() as folder:
        write_exports(dataset, Path(folder))
        return {path.name: path.read_text(encoding="utf-8") for path in sorted(Path(folder).iterdir())}


def read_search_index(folder: Path) -> tuple[list[list[str]], dict[str, set[int]]]:
    """The entries ([location, title, short text]) and each word's entry numbers, read back from
    the written scripts (macros/publish/searchindex.py): what the worker can find."""

    def data(path: Path) -> object:
        text = path.read_text(encoding="utf-8")
        return json.loads(text[text.index(",") + 1 : text.rindex(");")])

    manifest = data(folder / "manifest.js")
    docs = [doc for n in range(-(-manifest["docs"] // manifest["chunk"])) for doc in data(folder / "docs" / f"{n}.js")]
    found: dict[str, set[int]] = {}
    for path in (folder / "shards").glob("*.js"):
        for token, lists in data(path).items():
            found[token] = {n for gaps in lists for n in entry_numbers(gaps)}
    return docs, found


def entry_numbers(gaps: str) -> list[int]:
    """Entry numbers from their gaps, each written in base 36 and ended by a comma."""
    total, out = 0, []
    for gap in filter(None, gaps.split(",")):
        total += int(gap, 36)
        out.append(total)
    return out


def army_dead_as_unnamed_security_forces(copy, values: tuple[str, ...] = ("3", "at least 4")) -> None:
    """The fixture's LBY0002 with the army's dead given, as a vague document gives them, to
    "security forces" whose force is not named (an unnamed party that may be the army); with
    `values` ("3"), only those figures, the others left the army's."""
    copy.edit("actors.yaml", "- id: islamic-state\n", UNNAMED_SECURITY_FORCES + "- id: islamic-state\n")
    for value in values:
        copy.edit(
            "events.yaml",
            f"      party: lna\n      value: {value}\n",
            f"      party: security-forces\n      value: {value}\n",
        )


UNNAMED_SECURITY_FORCES = """- id: security-forces
  name: Security forces (force not named)
  kind: unnamed party
  may_be: [lna]
"""
