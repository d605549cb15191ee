"""The benchmark's synthetic datasets are valid data: the loader accepts them as it does real data."""

from __future__ import annotations

from bench.generate import generate
from macros.loader import load_dataset
from macros.pages import build_pages


def test_synthetic_dataset_loads_and_renders(tmp_path):
    dataset = load_dataset(generate(400, tmp_path / "bench"))
    assert len(dataset.events) == 400
    assert any(e.status == "disputed" for e in dataset.events.values())
    assert any(e.date_precision == "month" for e in dataset.events.values())
    pages = build_pages(dataset)
    assert sum(p.path.startswith("timeline/") for p in pages) > 2  # 400 events: pages per year
