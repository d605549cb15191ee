"""Portability: the generated output made without MkDocs (`python -m macros.publish.generate`), the very
output the build publishes, and the whole site built by ProperDocs as by MkDocs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
import yaml

from macros.load.loader import load_dataset
from macros.publish.assets import asset_sources
from macros.publish.generate import NAV
from macros.views.citation import citations
from macros.views.exports import DOWNLOADS
from macros.views.pages import build_pages
from macros.views.siteplan import SitePlan, nav, page_url
from tests.conftest import BRIEFING, FIXTURES, PROJECT
from tests.helpers import read_search_index
from tests.site import MKDOCS, build_site

PUBLIC = "https://example.org/libya-watch/"
PROPERDOCS = MKDOCS.with_name("properdocs")
_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')  # names the builder and its version


def generate(out: Path, *options: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "macros.publish.generate", str(out), *options]
    return subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=300)


def files_under(folder: Path) -> dict[str, Path]:
    return {path.relative_to(folder).as_posix(): path for path in folder.rglob("*") if path.is_file()}


def body(markdown: str) -> str:
    """A page without its front matter, which MkDocs reads off before the page's Markdown."""
    return markdown.split("\n---\n", 1)[1] if markdown.startswith("---\n") else markdown


def test_generate_writes_every_page_download_asset_and_the_feed(tmp_path):
    result = generate(tmp_path, "--data-dir", str(FIXTURES / "data"), "--site-url", PUBLIC)
    assert result.returncode == 0, result.stderr
    dataset = load_dataset(FIXTURES / "data")
    plan = SitePlan.of(dataset, feed=True, site=(PUBLIC, "Libya Watch"))
    pages = build_pages(dataset, plan=plan)
    written = files_under(tmp_path)
    assert {path for path in written if path.endswith(".md")} == {page.path for page in pages}
    assert all(written[page.path].read_text(encoding="utf-8") == page.markdown for page in pages)
    assert {path.removeprefix("downloads/") for path in written if path.startswith("downloads/")} == set(DOWNLOADS)
    assert {path for path in written if path.startswith("assets/")} == set(asset_sources())
    cited = {name for entries in citations(dataset, plan) for name in entries[0].files}
    assert {path for path in written if path.startswith("cite/")} == cited
    feed = feedparser.parse(written["feed.xml"].read_bytes())
    assert feed.entries and all(entry.link.startswith(PUBLIC) for entry in feed.entries)
    urls = {page_url(page.path) for page in pages}
    entries = json.loads(written["search-entries.json"].read_text(encoding="utf-8"))
    assert entries and {entry["location"].split("#")[0] for entry in entries} <= urls


def test_generate_follows_the_offline_url_style_and_leaves_a_loopback_site_no_feed(tmp_path):
    options = ("--data-dir", str(FIXTURES / "data"), "--site-url", "http://127.0.0.1:8000/", "--no-directory-urls")
    assert generate(tmp_path, *options).returncode == 0
    assert not (tmp_path / "feed.xml").exists()
    assert "feed.xml" not in (tmp_path / "whats-new.md").read_text(encoding="utf-8")
    entries = json.loads((tmp_path / "search-entries.json").read_text(encoding="utf-8"))
    assert all(entry["location"].split("#")[0].endswith(".html") for entry in entries)


def test_generate_runs_where_mkdocs_is_not_installed(tmp_path):
    """What a builder without MkDocs (Zensical) needs: the output, with no MkDocs module importable."""
    main = "from macros.publish.generate import main; sys.exit(main(sys.argv[1:]))"
    code = f"import sys; sys.modules['mkdocs'] = None; {main}"
    command = [sys.executable, "-c", code, str(tmp_path), "--data-dir", str(FIXTURES / "data")]
    result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "timeline" / "index.md").is_file()


def test_generate_reports_bad_data_by_file_and_line_without_a_traceback(fixture_copy, tmp_path):
    line = fixture_copy.edit("places.yaml", "  latitude: 24.95139", "  latitude: north")
    result = generate(tmp_path / "out", "--data-dir", str(fixture_copy.data))
    assert result.returncode == 1
    assert f"data/places.yaml:{line}: qatrun.latitude: Input should be a valid number" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.build
def test_the_build_publishes_what_generate_writes(tmp_path, monkeypatch):
    monkeypatch.setenv("LIBYA_WATCH_DUMP_MARKDOWN", str(tmp_path / "markdown"))  # each page's final Markdown
    result = build_site(tmp_path / "site", site_url=PUBLIC)
    assert result.returncode == 0, result.stderr
    assert generate(tmp_path / "out", "--site-url", PUBLIC).returncode == 0
    out, site, markdown = (files_under(tmp_path / name) for name in ("out", "site", "markdown"))
    pages = [path for path in out if path.endswith(".md")]
    assert pages and all(
        body(out[p].read_text(encoding="utf-8")) == markdown[p].read_text(encoding="utf-8") for p in pages
    )
    copied = [path for path in out if not path.endswith((".md", ".json")) and path != NAV]
    assert yaml.safe_load(out[NAV].read_text(encoding="utf-8")) == {"nav": nav()}  # the menu the hook sets
    assert "feed.xml" in copied and "downloads/events.csv" in copied
    assert [path for path in copied if out[path].read_bytes() != site[path].read_bytes()] == []
    built, _ = read_search_index(tmp_path / "site" / "search")
    entries = json.loads(out["search-entries.json"].read_text(encoding="utf-8"))
    assert {entry["location"] for entry in entries} <= {doc[0] for doc in built}


@pytest.mark.build
def test_properdocs_builds_the_same_site(tmp_path, monkeypatch):
    """ProperDocs (pinned), run on the same mkdocs.yml, hooks and plugins: the same files, each
    byte for byte but for the generator tag that names the builder."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    for name, builder in (("mkdocs", MKDOCS), ("properdocs", PROPERDOCS)):
        result = build_site(tmp_path / name, site_url=PUBLIC, builder=builder)
        assert result.returncode == 0, f"{name}: {result.stderr}"
    first, second = files_under(tmp_path / "mkdocs"), files_under(tmp_path / "properdocs")
    assert sorted(first) == sorted(second)
    generated = [page_url(page.path) + "index.html" for page in build_pages(load_dataset(BRIEFING / "data"))]
    assert generated and set(generated) <= set(first)
    differing = [
        path
        for path in sorted(first)
        if _GENERATOR.sub(b"", first[path].read_bytes()) != _GENERATOR.sub(b"", second[path].read_bytes())
    ]
    assert differing == []
