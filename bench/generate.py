"""A valid synthetic dataset of N events for the benchmark, written to a folder of its own.

Proportions follow the real data loosely: a source per 100 events (at least 5), places and
actors in the hundreds, one to three claims per event from one or two sources, about one event
in six disputed with differing figures, a tenth known only to the month. Every quote is a
sentence of its source's synthetic seed, so the loader checks them as it checks real ones.
Nothing here is a fact: names say "Synthetic", and the data never goes near data/.

    python -m bench.generate 10000 /tmp/bench-10000
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import shutil
import sys
from pathlib import Path

import yaml

from macros.core.project import PROJECT_DIR
from macros.core.terms import EVENT_TYPES

ROOT = PROJECT_DIR
EVENTS_PER_FILE = 1000
LIBYA = (10.0, 24.0, 25.0, 33.0)  # lon/lat box inside the gazetteer-derived LBY bounds


def generate(n_events: int, target: Path, seed: int = 1) -> Path:
    """Write target/data and target/seeds; returns target/data."""
    rng = random.Random(seed)
    data, seeds = target / "data", target / "seeds"
    if target.exists():
        shutil.rmtree(target)
    (data / "events").mkdir(parents=True)
    seeds.mkdir()
    shutil.copy(ROOT / "data" / "countries.yaml", data / "countries.yaml")
    n_sources = max(5, n_events // 100)
    n_places, n_actors = min(800, 20 + n_events // 50), min(400, 30 + n_events // 100)
    places = [_place(i, rng) for i in range(n_places)]
    actors = [{"id": f"actor-{i}", "name": f"Synthetic actor {i}", "aliases": [f"Actor {i}"],
               "kind": rng.choice(["state force", "jihadist group", "political militia", "civilians"])}
              for i in range(n_actors)]  # fmt: skip
    sentences: dict[int, list[str]] = {i: [] for i in range(n_sources)}
    events = [_event(i, rng, n_sources, places, n_actors, sentences) for i in range(n_events)]
    sources = [_source(i, sentences[i], seeds) for i in range(n_sources)]
    _dump(data / "sources.yaml", sources)
    _dump(data / "places.yaml", places)
    _dump(data / "actors.yaml", actors)
    _dump(data / "assessments.yaml", [])
    for start in range(0, n_events, EVENTS_PER_FILE):
        chunk = events[start : start + EVENTS_PER_FILE]
        _dump(data / "events" / f"events-{start // EVENTS_PER_FILE:04d}.yaml", chunk)
    return data


def _place(i: int, rng: random.Random) -> dict:
    lon = round(rng.uniform(LIBYA[0], LIBYA[2]), 5)
    lat = round(rng.uniform(LIBYA[1], LIBYA[3]), 5)
    return {"id": f"place-{i}", "name": f"Synthetic place {i}", "aliases": [f"Place {i}"], "latitude": lat,
            "longitude": lon, "gazetteer": f"geonames:{900000 + i}", "geo_precision": 1, "country": "LBY"}  # fmt: skip


def _event(i: int, rng: random.Random, n_sources: int, places: list, n_actors: int, sentences: dict) -> dict:
    day = dt.date(2011, 1, 1) + dt.timedelta(days=rng.randrange(4000))
    monthly = rng.random() < 0.1
    event_type = rng.choice(list(EVENT_TYPES))
    sources = rng.sample(range(n_sources), 2 if rng.random() < 0.4 else 1)
    disputed = len(sources) == 2 and rng.random() < 0.4
    claims = []
    base = rng.randrange(0, 30)
    for k, source in enumerate(sources):
        figure = base + (k * rng.randrange(1, 6) if disputed else 0)
        quote = f"Synthetic report {i}-{k}: {figure} people were killed at place {i % len(places)}."
        sentences[source].append(quote)
        claims.append({"source": f"source-{source}", "field": "fatalities", "party": f"actor-{i % n_actors}",
                       "value": figure, "quote": quote})  # fmt: skip
    event = {
        "id": f"LBY{i + 1:06d}",
        "date": day.strftime("%Y-%m") if monthly else day.isoformat(),
        "date_precision": "month" if monthly else "day",
        "place": places[i % len(places)]["id"],
        "event_type": event_type,
        "sub_event_type": rng.choice(EVENT_TYPES[event_type]),
        "actor1": f"actor-{i % n_actors}",
        "actor2": f"actor-{(i * 7 + 1) % n_actors}",
        "summary": f"Synthetic event {i} for the benchmark.",
        "status": "disputed" if disputed else ("corroborated" if len(sources) == 2 else "single report"),
        "tags": ["synthetic"],
        "added": "2026-11-22",
        "claims": claims,
    }
    if disputed:
        event["dispute_note"] = "Synthetic dispute."
    return event


def _source(i: int, sentences: list[str], seeds: Path) -> dict:
    text = f"Synthetic source document {i}.\n" + "\n".join(sentences) + "\n"
    raw = text.encode("utf-8")
    name = f"{i:03d}_{hashlib.sha256(raw).hexdigest()[:16]}.txt"
    (seeds / name).write_bytes(raw)
    return {"id": f"source-{i}", "title": f"Synthetic source {i}", "outlet": {"name": f"Synthetic outlet {i % 7}",
            "basis": "stated"}, "published": {"date": "2026-01-01", "precision": "day", "basis": "stated"},
            "seed": f"seeds/{name}", "sha256": hashlib.sha256(raw).hexdigest(), "language": "en",
            "kind": "news report", "scale": "national", "reliability": "BCDF"[i % 4],
            "reliability_rationale": "Synthetic.", "summary": f"Synthetic source {i}.",
            "added": "2026-11-22"}  # fmt: skip


def _dump(path: Path, records: list) -> None:
    path.write_text(yaml.safe_dump(records, sort_keys=False, allow_unicode=True), encoding="utf-8")


if __name__ == "__main__":
    print(generate(int(sys.argv[1]), Path(sys.argv[2])))
