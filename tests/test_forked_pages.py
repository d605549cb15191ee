"""A large build makes the timeline and disputes pages in a forked child while it makes the others
(macros/views/pages.py, forked.py), and writes the downloads in another while it writes the
events' addresses (macros/publish/site.py): the site is the same as made in one process, and an
error in a child stops the build as the same error would in one process."""

from __future__ import annotations

import gc
import os
import time

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from macros.load.loader import load_dataset
from macros.publish import generate, site
from macros.views import forked, pages
from macros.views.chips import SharedChips
from macros.views.eventview import EventViews
from macros.views.pages import BUILDERS, FORKED_SECTIONS, build_pages
from tests.conftest import BRIEFING, FIXTURES, PROJECT


@pytest.mark.parametrize("data", [FIXTURES / "data", BRIEFING / "data"], ids=["fixtures", "briefing"])
def test_pages_made_in_a_forked_child_are_the_pages_made_in_one_process(data):
    dataset = load_dataset(data)
    alone = build_pages(dataset, fork=False)
    split = build_pages(dataset, fork=True)
    assert [page.path for page in split] == [page.path for page in alone]
    assert [page.markdown for page in split] == [page.markdown for page in alone]
    # what the pages shared is let go in this process too
    assert dataset.memo(EventViews) == EventViews() and dataset.memo(SharedChips) == SharedChips()


def test_an_error_in_the_forked_child_is_raised_as_the_same_error(monkeypatch):
    def failing(dataset, plan, only):
        raise ValueError("timeline.md: a template error")

    monkeypatch.setitem(BUILDERS, sorted(FORKED_SECTIONS)[0], failing)
    with pytest.raises(ValueError, match=r"timeline\.md: a template error") as raised:
        build_pages(load_dataset(FIXTURES / "data"), fork=True)
    assert "in failing" in raised.value.__notes__[0]  # the child's traceback, for whoever debugs it


def test_an_error_the_parent_cannot_rebuild_is_still_named(monkeypatch):
    class Unrebuildable(Exception):
        def __init__(self, file: str, line: int) -> None:
            super().__init__(f"{file}:{line}: a problem")

    def failing(dataset, plan, only):
        raise Unrebuildable("timeline.md", 3)

    monkeypatch.setitem(BUILDERS, sorted(FORKED_SECTIONS)[0], failing)
    with pytest.raises(forked.ChildError, match=r"Unrebuildable: timeline\.md:3: a problem"):
        build_pages(load_dataset(FIXTURES / "data"), fork=True)


def test_a_child_that_dies_without_answering_is_an_error():
    with pytest.raises(forked.ChildError, match="ended without an answer"):
        forked.Forked(lambda: os._exit(3)).result()


def test_a_child_whose_answer_is_not_needed_is_stopped():
    with forked.Forked(lambda: time.sleep(60)) as child:
        process = child._child
    assert process is not None and not process.is_alive()


@pytest.mark.build
def test_a_site_built_on_two_cores_is_the_site_built_in_one(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the sitemap's date, in both builds
    built = {}
    for fork_from in (10**9, 0):  # one process, then every child a build can fork
        monkeypatch.setattr(pages, "FORK_FROM_EVENTS", fork_from)
        monkeypatch.setattr(site, "FORK_FROM_EVENTS", fork_from)
        folder = tmp_path / str(fork_from)
        try:
            build(load_config(str(PROJECT / "mkdocs.yml"), site_dir=str(folder), strict=True))
        finally:
            gc.enable()
        built[fork_from] = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    alone, split = built.values()
    assert sorted(split) == sorted(alone)
    assert [path for path in alone if split[path] != alone[path]] == []


@pytest.mark.build
def test_an_error_writing_the_downloads_in_a_child_stops_the_build(tmp_path, monkeypatch):
    def failing(dataset, folder, parts=None):
        raise ValueError("events.csv: a broken column")

    monkeypatch.setattr(pages, "FORK_FROM_EVENTS", 0)
    monkeypatch.setattr(site, "FORK_FROM_EVENTS", 0)
    monkeypatch.setattr(generate, "write_exports", failing)
    config = load_config(str(PROJECT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    try:
        with pytest.raises(ValueError, match=r"events\.csv: a broken column"):
            build(config)
    finally:
        gc.enable()
