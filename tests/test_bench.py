"""The benchmark's synthetic datasets are valid data: the loader accepts them as it does real data."""

from __future__ import annotations

import shutil

import pytest

from bench.generate import generate
from bench.hugo import hugo_build
from macros.loader import load_dataset
from macros.pages import build_pages


def test_synthetic_dataset_loads_and_renders(tmp_path):
    dataset = load_dataset(generate(400, tmp_path / "bench"))
    assert len(dataset.events) == 400
    assert any(e.status == "disputed" for e in dataset.events.values())
    assert any(e.date_precision == "month" for e in dataset.events.values())
    pages = build_pages(dataset)
    assert sum(p.path.startswith("timeline/") for p in pages) > 2  # 400 events: pages per year


@pytest.mark.skipif(
    shutil.which("hugo") is None, reason="Hugo (Debian's hugo) is not installed: make bench installs it"
)
def test_hugo_reference_builds_every_dumped_page(tmp_path):
    markdown = tmp_path / "markdown"
    (markdown / "timeline").mkdir(parents=True)
    (markdown / "index.md").write_text("# Front\n\ntext\n", encoding="utf-8")
    (markdown / "timeline" / "index.md").write_text("<p>cards</p>\n", encoding="utf-8")  # starts with HTML
    (markdown / "timeline" / "2017.md").write_text("## 2017 {: #y2017 }\n\n<article>x</article>\n", encoding="utf-8")
    assert isinstance(hugo_build(markdown, tmp_path), float)
    pages = sorted(p.relative_to(tmp_path / "hugo-site").as_posix() for p in (tmp_path / "hugo-site").rglob("*.html"))
    assert pages == ["index.html", "timeline/2017/index.html", "timeline/index.html"]
