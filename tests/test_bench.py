"""The benchmark's synthetic datasets are valid data: the loader accepts them as it does real data."""

from __future__ import annotations

import shutil

import pytest

from bench.generate import generate
from bench.hugo import hugo_build
from bench.run import page_targets_met, search_targets_met, targets_met
from macros.load.loader import load_dataset
from macros.views.pages import build_pages


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


def test_targets_are_checked_against_the_runs_they_are_about():
    seed = {"label": "seed", "events": 17, "ratio": 1.2, "rebuild_one_event_s": 0.6, "largest_page_kb": 120,
            "largest_chart_kb": 3}  # fmt: skip
    big = {"label": "synthetic-10000", "events": 10000, "wall_s": 16.0, "peak_rss_mb": 200, "largest_page_kb": 1100,
           "largest_chart_kb": 30, "ratio": 0.4, "rebuild_one_event_s": 2.5}  # fmt: skip
    met = targets_met([seed, big])
    assert met == {
        "seed build at most 1.25x bare mkdocs-material": True,
        "one-event rebuild at seed size in 2 s or less": True,
        "10,000 events at most 0.35x bare mkdocs-material": False,
        "10,000 events in 300 MB or less": True,
        "one-event edit at 10,000 events rebuilt in 3 s or less": True,
        "no HTML page over 1 MB": False,
        "no page's chart data over 300 KB": True,
    }  # the 100,000-event targets are left out: that size was not run


def test_page_targets_hold_a_map_page_to_its_larger_transfer_budget():
    page = {"performance": 0.97, "transfer_kb": 300, "all_charts_kb": 1200, "tbt_ms": 150, "lcp_s": 1.4, "map": True}
    met = page_targets_met({"after": {"front page": page, "timeline": {**page, "map": False, "tbt_ms": 250}}})
    assert met["front page: transfer at most 1 MB (1.6 MB with the map), every chart drawn"] is True
    assert met["timeline: transfer at most 1 MB (1.6 MB with the map), every chart drawn"] is False
    assert met["timeline: total blocking time at most 200 ms"] is False
    assert met["front page: performance at least 0.95"] and met["front page: largest contentful paint at most 2 s"]
    assert page_targets_met(None) == {}


def test_search_target_is_about_the_largest_size_served_and_offline():
    searches = {"served": [{"first_query_ms": 400}, {"first_query_ms": 900}], "offline": [{"first_query_ms": 1200}]}
    runs = [{"label": "synthetic-10000", "events": 10000, "search": {"served": [{"first_query_ms": 5000}]}},
            {"label": "synthetic-100000", "events": 100000, "search": searches}]  # fmt: skip
    assert search_targets_met(runs) == {
        "first search at 100,000 events within 1 s (served)": True,
        "first search at 100,000 events within 1 s (offline)": False,
    }
