"""The plotly.js the site serves: plotly's own partial bundles from npm, at the version the
figures are validated for, each checked against its recorded sha256 before a build copies it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import plotly
import pytest

from macros.publish import assets
from tests.conftest import PROJECT


def header_version(path: Path) -> str:
    return re.search(r"plotly\.js(?: \([a-z]+ - minified\))? v([0-9.]+)", path.read_text(encoding="utf-8")[:300])[1]


def test_served_bundles_are_the_plotly_js_the_figures_are_validated_for():
    validated = header_version(Path(plotly.__file__).parent / "package_data" / "plotly.min.js")
    assert validated == assets.PLOTLY_VERSION
    for bundle in assets.PLOTLY_BUNDLES:
        assert header_version(assets.checked_bundle(bundle)) == assets.PLOTLY_VERSION, bundle


def test_package_json_pins_each_bundle_at_that_version():
    package = (PROJECT / "package.json").read_text(encoding="utf-8")
    for bundle in assets.PLOTLY_BUNDLES:
        assert f'"plotly.js-{bundle}-dist-min": "{assets.PLOTLY_VERSION}"' in package


def test_a_bundle_that_is_not_the_recorded_one_stops_the_build(tmp_path, monkeypatch):
    copy = tmp_path / "node_modules" / "plotly.js-basic-dist-min" / "plotly-basic.min.js"
    copy.parent.mkdir(parents=True)
    shutil.copy(assets.bundle_path("basic"), copy)
    monkeypatch.setattr(assets, "NODE_MODULES", tmp_path / "node_modules")
    assert assets.checked_bundle("basic") == copy
    copy.write_bytes(copy.read_bytes() + b"\n;window.x=1;")
    with pytest.raises(assets.AssetError, match="is not the recorded"):
        assets.checked_bundle("basic")
    copy.unlink()
    with pytest.raises(assets.AssetError, match="make setup"):
        assets.checked_bundle("basic")
