"""Coordinates come from GeoNames and nowhere else; country boxes are derived from it."""

from __future__ import annotations

import pytest

from macros import gazetteer
from macros.loader import load_dataset
from tests.conftest import FIXTURES, PROJECT


@pytest.fixture(scope="module")
def geonames():
    return {f"geonames:{c['geonameid']}": c for c in gazetteer._cache().get_cities().values()}


def test_countries_file_is_current():
    assert gazetteer.main(["check"]) == 0


@pytest.mark.parametrize("data_dir", [PROJECT / "data", FIXTURES / "data"], ids=["data", "fixtures"])
def test_every_place_has_its_gazetteer_entrys_coordinates(data_dir, geonames):
    for place in load_dataset(data_dir).places.values():
        if not place.gazetteer_point:
            assert place.geo_note or place.relative_to, place.id
            continue
        entry = geonames[place.gazetteer]
        assert (place.latitude, place.longitude) == (entry["latitude"], entry["longitude"]), place.id
        assert place.approximate is True


def test_find_ignores_accents():
    assert any(c["geonameid"] == 2219739 for c in gazetteer.find("Qatrun"))
