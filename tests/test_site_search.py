"""Search over the real built site, read back from its shards as the worker reads them: every
page is in it, any spelling of a place or actor finds what its name finds, previews are short."""

from __future__ import annotations

import pytest

from macros.publish.searchindex import words
from macros.views.limits import SEARCH_TEXT_CHARS as TEXT_CHARS
from macros.views.siteplan import EVENT_ADDRESS
from tests.helpers import read_search_index

pytestmark = pytest.mark.build

NOT_SEARCHED = {"404.html", "print/index.html"}  # the error page; the print page repeats every other page


@pytest.fixture(scope="module")
def dataset(site_data):
    """The data the served site is built from (tests/conftest.py: the grown fixture)."""
    return site_data


@pytest.fixture(scope="module")
def index(served_site):
    return read_search_index(served_site[0] / "search")


def test_every_page_of_the_built_site_is_in_search(served_site, index):
    site_dir = served_site[0]
    docs, _ = index
    addresses = {doc[0].split("#")[0] for doc in docs}
    lasting = EVENT_ADDRESS.split("/")[0]  # an event's lasting address only sends the reader on to its card
    pages = {
        str(p.relative_to(site_dir)) for p in site_dir.rglob("*.html") if p.relative_to(site_dir).parts[0] != lasting
    }
    pages -= NOT_SEARCHED
    missing = sorted(p for p in pages if p.removesuffix("index.html") not in addresses)
    assert missing == []
    assert {"disputes/", "whats-new/", "timeline/", "places/", "actors/", "sources/", "methodology/"} <= addresses


def _found(found: dict[str, set[int]], query: str) -> set[int]:
    return set.intersection(*(found.get(word, set()) for word in words(query)))


def test_a_one_word_spelling_finds_exactly_what_a_one_word_name_finds(index, dataset):
    """The issue's case ("Qatroun" found 3 entries, "Qatrun" 11), for every such pair. Longer
    spellings are matched word by word, so their sets differ by loose matches: see
    tests/test_search_index.py for the entries that use a spelling as such."""
    _, found = index
    pairs = [(entity.name, spelling) for kind in (dataset.places, dataset.actors) for entity in kind.values()
             for spelling in entity.aliases if len(words(entity.name)) == len(words(spelling)) == 1]  # fmt: skip
    assert ("Qatrun", "Qatroun") in pairs
    assert [(name, spelling) for name, spelling in pairs if _found(found, name) != _found(found, spelling)] == []
    assert len(_found(found, "Qatroun")) > 3


def test_search_previews_are_short_excerpts(index):
    docs, _ = index
    assert max(len(doc[2]) for doc in docs) <= TEXT_CHARS + 2
    texts = [doc for doc in docs if doc[0].endswith("-text")]  # a source's quoted passages or full text
    assert texts and all(len(doc[2]) <= TEXT_CHARS + 2 for doc in texts)
