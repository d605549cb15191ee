"""The scripts the site serves itself for its charts: plotly.js's own partial bundles and the base map.

A page loads only the bundle its charts need (`docs/javascripts/charts.js` picks it from the
trace types): basic for bars and lines, geo for the map, cartesian for the heatmap. Each comes
from npm (`package-lock.json` pins it, `make setup` installs it) and is checked against the
sha256 recorded here, so a build never serves a file nobody reviewed. They must stay at the
plotly.js version plotly.py validates the figures for (tests/test_charts.py checks it).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..core.project import PROJECT_DIR
from ..derive.districts import districts_geojson
from ..load.loader import DATA_DIR

NODE_MODULES = PROJECT_DIR / "node_modules"
GEO_DIR = DATA_DIR / "geo"
DISTRICTS_SCRIPT = "assets/javascripts/libya_districts.js"  # the map's district outlines (macros/derive/districts.py)
PLOTLY_VERSION = "4.1.1"
# bundle -> sha256 of node_modules/plotly.js-<bundle>-dist-min/plotly-<bundle>.min.js at PLOTLY_VERSION
PLOTLY_BUNDLES = {
    "basic": "99784e3abfb07b142a15e521a439e6d9addceadb3f79553fd24c72774f0649ba",
    "geo": "3da0a26e92ce47dad2b18c6e7cf5018335a003f50f5fe41710f52508af579b7c",
    "cartesian": "79542150855a52c567260e3137095dbe2b744e6d702a5cabe67da246942fba7a",
}


class AssetError(Exception):
    """A bundle missing or not the one reviewed: the build stops on it (publish/site.py makes it a PluginError)."""


def bundle_path(bundle: str) -> Path:
    return NODE_MODULES / f"plotly.js-{bundle}-dist-min" / f"plotly-{bundle}.min.js"


def checked_bundle(bundle: str) -> Path:
    """The installed bundle, refused unless it is the one recorded in PLOTLY_BUNDLES."""
    path = bundle_path(bundle)
    if not path.is_file():
        raise AssetError(f"{path} is missing: run `make setup` (npm ci installs the pinned plotly.js bundles)")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != PLOTLY_BUNDLES[bundle]:
        raise AssetError(
            f"{path}: sha256 {digest} is not the recorded {PLOTLY_BUNDLES[bundle]} (macros/publish/assets.py)"
        )
    return path


def asset_sources() -> dict[str, Path | str]:
    """Each plotly.js bundle, checked, by its path in the site (the file to copy); the base map as
    a script that registers it with plotly, and Libya's districts as a script charts.js hands to
    the map's district trace (their texts)."""
    shapes = (GEO_DIR / "africa_50m.json").read_text(encoding="utf-8")
    register = (
        "window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};\n"
        f"window.PlotlyGeoAssets.topojson.africa_50m = {shapes};\n"
    )
    bundles: dict[str, Path | str] = {
        f"assets/javascripts/plotly-{bundle}.min.js": checked_bundle(bundle) for bundle in PLOTLY_BUNDLES
    }
    districts = json.dumps(districts_geojson(), separators=(",", ":"), ensure_ascii=False)
    return bundles | {
        "assets/javascripts/africa_50m.js": register,
        DISTRICTS_SCRIPT: f"window.LibyaWatchDistricts = {districts};\n",
    }
