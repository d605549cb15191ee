"""A strict build of the real site: it builds, carries the downloads, and refuses bad data."""

from __future__ import annotations

import csv

import pytest
from bs4 import BeautifulSoup

from macros.exports import CLAIM_COLUMNS, EVENT_COLUMNS, SOURCE_COLUMNS
from macros.loader import load_dataset
from tests.conftest import PROJECT
from tests.site import build_site

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(PROJECT / "data")


@pytest.mark.parametrize(
    ("name", "columns"),
    [("events.csv", EVENT_COLUMNS), ("claims.csv", CLAIM_COLUMNS), ("sources.csv", SOURCE_COLUMNS)],
)
def test_downloads_have_exactly_the_agreed_columns(site, dataset, name, columns):
    with (site / "downloads" / name).open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert tuple(reader.fieldnames) == columns
    expected = {
        "events.csv": len(dataset.events),
        "claims.csv": sum(len(e.claims) for e in dataset.events.values()),
        "sources.csv": len(dataset.sources),
    }[name]
    assert len(rows) == expected


def test_geojson_and_json_downloads_exist(site):
    assert (site / "downloads" / "events.geojson").stat().st_size > 0
    assert (site / "downloads" / "events.json").stat().st_size > 0


def test_front_page_counts_come_from_the_data(site, dataset):
    page = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    counts = page.select_one(".lw-counts").get_text(" ", strip=True)
    assert f"{len(dataset.events)} event" in counts
    assert f"{len(dataset.sources)} source" in counts
    cutoff = page.select_one(".lw-cutoff time")
    assert (cutoff["datetime"] if cutoff else None) == (dataset.cutoff.isoformat() if dataset.cutoff else None)
    links = {a["href"] for a in page.select(".lw-overview a[download]")}
    assert links == {
        f"downloads/{n}" for n in ("events.csv", "claims.csv", "sources.csv", "events.geojson", "events.json")
    }
    assert all((site / href).is_file() for href in links)


def test_site_loads_no_google_fonts(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html


def test_bad_data_stops_the_build_with_file_and_line(fixture_copy, tmp_path):
    line = fixture_copy.edit("events.yaml", "  place: umm-al-aranib", "  place: nowhere")
    result = build_site(tmp_path / "site", data_dir=fixture_copy.data)
    assert result.returncode != 0
    assert f"data/events.yaml:{line}: LBY0001.place: unknown place 'nowhere'" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "site" / "index.html").exists()


def test_fixture_dataset_builds(tmp_path):
    from tests.conftest import FIXTURES

    result = build_site(tmp_path / "site", data_dir=FIXTURES / "data")
    assert result.returncode == 0, result.stderr
    assert "3 events, 2016\N{EN DASH}2022" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
