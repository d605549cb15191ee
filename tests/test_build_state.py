"""A build's state lives on its own `Build` (macros/publish/site.py), not in module globals: two builds
share nothing but an unchanged dataset, and mkdocs.yml's `extra` is read once, typed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from macros.publish.generate import Settings, SettingsError
from macros.publish.site import Build
from macros.views.pages import DEFAULT_PAGE_SIZE
from tests.conftest import PROJECT


def config_for(data_dir, **extra):
    """mkdocs.yml as a build loads it, reading `data_dir` and `extra`'s other values given."""
    config = load_config(str(PROJECT / "mkdocs.yml"))
    config.extra.update(data_dir=str(data_dir), **extra)
    return config


def test_a_rebuild_reuses_the_dataset_until_a_data_file_changes(fixture_copy):
    first = Build(config_for(fixture_copy.data))
    again = Build(config_for(fixture_copy.data), previous=first)
    assert again.dataset is first.dataset
    events = fixture_copy.data / "events.yaml"
    stat = events.stat()
    os.utime(events, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # an analyst's save
    edited = Build(config_for(fixture_copy.data), previous=again)
    assert edited.dataset is not again.dataset


def test_each_build_keeps_its_own_set_aside_blocks_and_the_macros_find_it_on_the_config(fixture_copy):
    one, two = config_for(fixture_copy.data), config_for(fixture_copy.data)
    first, second = Build(one), Build(two, previous=None)
    first.blocks["page.md"] = [b"x"]
    assert Build.of(one) is first and Build.of(two) is second
    assert second.blocks == {}


def test_a_mistyped_extra_setting_stops_the_build_naming_it(fixture_copy):
    with pytest.raises(PluginError, match=r"mkdocs.yml: extra.timeline_page_size: expected int, got str 'ten'"):
        Build(config_for(fixture_copy.data, timeline_page_size="ten"))


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({}, "mkdocs.yml: extra.data_dir: required setting is missing"),
        ({"data_dir": "data", "handling": 3}, "mkdocs.yml: extra.handling: expected str, got int 3"),
        ({"data_dir": "data", "timeline_page_size": True}, "extra.timeline_page_size: expected int, got bool True"),
    ],
)
def test_settings_refuse_a_missing_or_mistyped_extra_value(tmp_path, extra, message):
    with pytest.raises(SettingsError, match=message):
        Settings.from_config({"site_name": "x", "extra": extra}, tmp_path)


def test_settings_type_what_mkdocs_yml_gives():
    settings = Settings.from_config({"site_name": "x", "extra": {"data_dir": "d", "handling": "h"}}, PROJECT)
    assert (settings.data_dir, settings.handling, settings.page_size) == (PROJECT / "d", "h", DEFAULT_PAGE_SIZE)


def test_generate_reports_a_mistyped_setting_without_a_traceback(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nextra:\n  data_dir: [data]\n", encoding="utf-8")
    command = [sys.executable, "-m", "macros.publish.generate", str(tmp_path / "out"), "--config", str(config)]
    result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "mkdocs.yml: extra.data_dir: expected str, got list ['data']" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_output_follows_the_url_style_set_after_the_build_is_made(fixture_copy):
    """The offline plugin turns directory URLs off in its on_config, after the hook's made the build."""
    config = config_for(fixture_copy.data)
    build = Build(config)
    config.use_directory_urls = False
    assert build.output.plan.directory_urls is False
    assert build.settings.directory_urls is False
