"""Search from the prebuilt, sharded index: the shards cover every word exactly once, the theme
runs our worker and nothing else of its config changes, and in Chromium a reader finds a place
or an actor by any spelling and an event at its card, fetching only what the query needs."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from urllib.parse import urlsplit

import material
import pytest

from macros.publish import searchindex
from tests.browser import chromium
from tests.conftest import PROJECT


def test_shards_hold_each_word_once_and_every_word_of_a_whole_prefix(monkeypatch):
    monkeypatch.setattr(searchindex, "SHARD_BYTES", 60)  # split hard, as 100,000 events do
    entries = [
        {"location": f"e/#{i}", "title": f"LBY{i:05d}", "text": f"Synthetic place {i % 7} lby"} for i in range(300)
    ]
    _, postings = searchindex._postings(entries)
    shards = searchindex.split_shards(postings)
    placed = [token for _, tokens in shards for token in tokens]
    assert sorted(placed) == sorted(postings)  # every word, once
    keys = searchindex._keys(shards)
    assert len(shards) > 20 and any(whole == 0 for _, whole in keys), "the limit split nothing"
    for (prefix, whole), (_, tokens) in zip(keys, shards, strict=True):
        if whole:
            assert set(tokens) == {t for t in postings if t.startswith(prefix)}, prefix
        else:
            assert tokens == [prefix]  # a split prefix keeps only the word itself


def test_words_fold_accents_and_case_as_the_worker_does():
    assert searchindex.words("Qaṭrūn, AL-QATRUN's 110th") == ["qatrun", "al", "qatrun", "s", "110th"]
    assert searchindex.plain("<code>x</code> &amp; y") == "x & y"


def test_config_block_is_materials_but_for_the_search_worker():
    base = (Path(material.__file__).parent / "templates" / "base.html").read_text(encoding="utf-8")
    theirs = re.search(r"\n( *\{% block config %\}.*?\{% endblock %\})", base, re.S)[1]
    ours = re.search(
        r"(\{% block config %\}.*?\{% endblock %\})", (PROJECT / "overrides" / "main.html").read_text(), re.S
    )[1]
    worker = re.search(r'"search": "(assets/javascripts/workers/search\.[0-9a-f]+\.min\.js)"', theirs)[1]
    assert ours == textwrap.dedent(theirs).replace(worker, "javascripts/search-worker.js")


@pytest.fixture(scope="module")
def search(served_site):
    """Type a query on the front page; the result links and the search files fetched."""
    _, base_url = served_site
    with chromium() as browser:

        def run(query: str) -> tuple[list[str], list[str], list[str]]:
            page = browser.new_page()
            fetched: list[str] = []
            page.on("request", lambda request: fetched.append(urlsplit(request.url).path))
            page.goto(base_url, wait_until="networkidle")
            at_load = [path for path in fetched if path.startswith("/search/")]
            page.locator(".md-search__input").click()
            page.wait_for_function(
                "() => document.querySelector('.md-search-result__meta')?.textContent.includes('Type to start')"
            )
            page.keyboard.type(query)
            page.wait_for_selector(".md-search-result__item")
            links, shown = None, []
            while links != shown:  # the answer to the whole query, not to a word typed on the way
                links = shown
                page.wait_for_timeout(300)
                shown = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
            page.close()
            return [urlsplit(link).path + "#" + urlsplit(link).fragment for link in links], at_load, fetched

        yield run


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Qatroun", "/places/qatrun/#"),  # a place by another spelling
        ("qatr", "/places/qatrun/#"),  # as it is being typed
        ("Daesh", "/actors/islamic-state/#"),  # an actor by another spelling
        ("LBY0009", "/timeline/#LBY0009"),  # an event, at its card
        ("methodology admiralty", "/methodology/#"),  # a prose page, every word
        ("disputes", "/disputes/#"),  # a generated page, by its title
        ("Mount Asida", "/disputes/#dispute-lby0009"),  # a dispute, by another spelling of its place
    ],
)
@pytest.mark.browser
def test_a_reader_finds_it_by_any_spelling(search, query, expected):
    links, _, _ = search(query)
    assert any(link.startswith(expected) for link in links), links


@pytest.mark.browser
def test_another_spelling_finds_the_same_entries_as_the_name(search):
    qatroun, _, _ = search("Qatroun")
    qatrun, _, _ = search("Qatrun")
    assert len(qatroun) > 3 and sorted(qatroun) == sorted(qatrun)


@pytest.mark.browser
def test_search_fetches_nothing_of_the_index_until_a_query_needs_it(search, served_site):
    site_dir, _ = served_site
    _, at_load, fetched = search("Qatroun")
    assert at_load == ["/search/search_index.json"]  # the theme's settings only: no entry in it
    shards = [path for path in fetched if path.startswith("/search/shards/")]
    # the shard of "qa", and that of the word's romanisation key "KTRN" (macros/core/romanised.py)
    assert len(shards) == 2 < len(list((site_dir / "search" / "shards").iterdir()))
    assert "/search/manifest.js" in fetched
