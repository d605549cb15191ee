"""A build's state lives on one `Build` (macros/publish/site.py), which the `libya-watch` plugin
(hooks/site.py) owns: not in module globals, nor on MkDocs' configuration. Two builds share nothing
but an unchanged dataset; the plugin's options are typed and read once, as
`python -m macros.publish.generate` reads them; the macros find the plugin's build or stop."""

from __future__ import annotations

import gc
import logging
import os
import subprocess
import sys

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError

from hooks.site import LibyaWatchConfig, LibyaWatchPlugin
from macros.publish.generate import PLUGIN, Settings, SettingsError, plugin_options, read_config
from macros.publish.site import Build
from macros.views import printview
from macros.views.pages import DEFAULT_PAGE_SIZE
from tests.conftest import PROJECT

MKDOCS_YML = PROJECT / "mkdocs.yml"


def load(**overrides) -> MkDocsConfig:
    """mkdocs.yml as a build loads it, its `!ENV` tags read from the environment now."""
    return load_config(str(MKDOCS_YML), **overrides)


def plugin_of(config: MkDocsConfig) -> LibyaWatchPlugin:
    return config.plugins[PLUGIN]


def made(config: MkDocsConfig) -> Build:
    """The build the plugin makes for `config` in its on_config (which pauses the collector)."""
    try:
        plugin_of(config).on_config(config)
    finally:
        gc.enable()
    return plugin_of(config).build


def test_a_rebuild_reuses_the_dataset_until_a_data_files_content_changes(fixture_copy, monkeypatch):
    """As `make serve` rebuilds: MkDocs keeps the plugin, which hands each build the one before."""
    monkeypatch.setenv("LIBYA_WATCH_DATA", str(fixture_copy.data))
    first = made(load())
    again = made(load())
    assert again is not first and again.dataset is first.dataset
    events = fixture_copy.data / "events.yaml"
    stat = events.stat()
    os.utime(events, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a save without a change
    saved = made(load())
    assert saved.dataset is first.dataset  # kept by the files' content, not their times
    fixture_copy.edit("events.yaml", "killed a soldier", "killed a soldier (edited)")
    edited = made(load())
    assert edited.dataset is not again.dataset


def test_the_macros_find_the_build_the_plugin_made_for_their_configuration_and_no_other(fixture_copy, monkeypatch):
    monkeypatch.setenv("LIBYA_WATCH_DATA", str(fixture_copy.data))
    one, two = load(), load()
    first = made(one)
    first.blocks["page.md"] = [b"x"]
    assert Build.of(one) is first
    with pytest.raises(PluginError, match=f"The {PLUGIN} plugin has made no build for this configuration"):
        Build.of(two)  # the plugin's on_config has not run for it: never a second build made here
    second = made(two)
    assert Build.of(two) is second and second.blocks == {}
    with pytest.raises(PluginError, match="has made no build for this configuration"):
        Build.of(one)  # the build before is the plugin's no longer


def test_the_build_tells_the_macros_whether_they_fill_the_print_page(fixture_copy, monkeypatch):
    """Asked in one place (`Build.page`); the print page's links, which map every event, made once."""
    monkeypatch.setenv("LIBYA_WATCH_DATA", str(fixture_copy.data))
    build = made(load())
    printed, front = build.page(printview.PAGE), build.page("index.md")
    assert printed.printed and build.page(printview.PAGE).links is printed.links
    assert printed.links.prefix == printview.PREFIX
    assert not front.printed and front.links.prefix == ""


def test_a_build_without_the_plugin_stops_with_a_clear_error_and_makes_no_build(tmp_path, monkeypatch, caplog):
    made_builds = []
    monkeypatch.setattr(Build, "__init__", lambda self, *args, **kwargs: made_builds.append(self))
    macros = {"module_name": "macros", "on_error_fail": True, "include_dir": os.environ["LIBYA_WATCH_INCLUDES"]}
    config = load(plugins=["search", {"macros": macros}], site_dir=str(tmp_path / "site"))
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build(config)
    assert f"mkdocs.yml: plugins: {PLUGIN} is missing" in caplog.text
    assert made_builds == []
    assert gc.isenabled()


@pytest.mark.build
def test_a_build_sets_no_attribute_on_the_configuration_and_leaves_extra_as_written(tmp_path):
    config = load(site_dir=str(tmp_path / "site"))
    attributes, extra = set(vars(config)), dict(config.extra)
    build(config)
    assert (tmp_path / "site" / "index.html").is_file()
    assert set(vars(config)) == attributes and "_libya_watch_build" not in vars(config)
    assert dict(config.extra) == extra
    assert Build.of(config).config is config  # the plugin's build, found through the plugin
    assert gc.isenabled()


@pytest.mark.parametrize(
    "environment",
    [
        {},
        {"LIBYA_WATCH_PRINT_FULL": "true"},
        {"LIBYA_WATCH_PRINT_FULL": "1"},
        {"LIBYA_WATCH_PRINT_FULL": "yes"},
        {"LIBYA_WATCH_PRINT_FULL": "false"},
        {"LIBYA_WATCH_PRINT_FULL": "0"},
        {"OFFLINE": "true", "SITE_URL": "https://example.org/libya-watch/"},
    ],
)
def test_the_build_and_generate_read_the_same_settings_from_the_environment(fixture_copy, monkeypatch, environment):
    """mkdocs.yml's `!ENV` overrides (LIBYA_WATCH_DATA, LIBYA_WATCH_PRINT_FULL, SITE_URL, OFFLINE),
    read once by the plugin as `python -m macros.publish.generate` reads them. The offline plugin
    turns directory URLs off in its own on_config, after the plugin's: the settings have it already."""
    monkeypatch.setenv("LIBYA_WATCH_DATA", str(fixture_copy.data))
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    settings = made(load()).settings
    written = read_config(MKDOCS_YML)
    assert settings == Settings.read(plugin_options(written), written, PROJECT)
    assert settings.data_dir == fixture_copy.data
    assert settings.print_full is (environment.get("LIBYA_WATCH_PRINT_FULL") in {"true", "1", "yes"})
    assert settings.directory_urls is ("OFFLINE" not in environment)
    assert settings.site_url == environment.get("SITE_URL", "http://127.0.0.1:8000/")


@pytest.mark.parametrize(
    ("options", "field", "message"),
    [
        ({}, "data_dir", "Required configuration not provided."),
        ({"data_dir": "data", "handling": 3}, "handling", "Expected type: <class 'str'> but received: <class 'int'>"),
        ({"data_dir": "data", "timeline_page_size": "ten"}, "timeline_page_size", "Expected type: <class 'int'>"),
    ],
)
def test_the_plugins_options_are_typed(options, field, message):
    config = LibyaWatchConfig()
    config.load_dict(options)
    errors, _ = config.validate()
    assert [(name, message in str(error)) for name, error in errors] == [(field, True)]


def test_a_mistyped_option_the_config_lets_through_stops_the_build_naming_it(fixture_copy, monkeypatch):
    monkeypatch.setenv("LIBYA_WATCH_DATA", str(fixture_copy.data))
    config = load()
    plugin_of(config).config["timeline_page_size"] = True  # a bool is an int to MkDocs' Type(int)
    with pytest.raises(PluginError, match=rf"mkdocs.yml: plugins.{PLUGIN}.timeline_page_size: expected int, got bool"):
        made(config)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({}, f"mkdocs.yml: plugins.{PLUGIN}.data_dir: required setting is missing"),
        ({"data_dir": "data", "handling": 3}, f"mkdocs.yml: plugins.{PLUGIN}.handling: expected str, got int 3"),
        ({"data_dir": "data", "timeline_page_size": True}, "timeline_page_size: expected int, got bool True"),
    ],
)
def test_settings_refuse_a_missing_or_mistyped_option(tmp_path, options, message):
    with pytest.raises(SettingsError, match=message):
        Settings.read(options, {"site_name": "x"}, tmp_path)


def test_settings_type_what_mkdocs_yml_gives():
    settings = Settings.read({"data_dir": "d", "handling": "h", "publisher": None}, {"site_name": "x"}, PROJECT)
    assert (settings.data_dir, settings.handling, settings.page_size) == (PROJECT / "d", "h", DEFAULT_PAGE_SIZE)
    assert settings.publisher == "x"  # the site's name, where none is given


def test_settings_read_where_readers_report_errors_from_extra_and_refuse_what_is_no_address():
    options = {"data_dir": "d"}
    assert Settings.read(options, {"site_name": "x", "extra": {"report_errors": ""}}, PROJECT).report_to is None
    read = Settings.read(options, {"site_name": "x", "extra": {"report_errors": "a@example.org"}}, PROJECT)
    assert (read.report_to.href, read.report_to.shown) == ("mailto:a@example.org", "a@example.org")
    with pytest.raises(SettingsError, match=r"mkdocs\.yml: extra\.report_errors: expected a web address"):
        Settings.read(options, {"site_name": "x", "extra": {"report_errors": 5}}, PROJECT)


def test_generate_reports_a_mistyped_setting_without_a_traceback(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\nplugins:\n  - search\n  - {PLUGIN}:\n      data_dir: [data]\n", encoding="utf-8")
    command = [sys.executable, "-m", "macros.publish.generate", str(tmp_path / "out"), "--config", str(config)]
    result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert f"mkdocs.yml: plugins.{PLUGIN}.data_dir: expected str, got list ['data']" in result.stderr
    assert "Traceback" not in result.stderr
