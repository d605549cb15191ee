"""Search finds a name under the spellings readers use: a romanisation key matches Dbeibah with
the documents' Dabaiba, Qaddafi with Gaddafi and Gadhafi, Misurata with Misrata, Sebha with Sabha
(`macros/core/romanised.py`, and the worker's copy of it); and a spelling no document uses can be
recorded as a variant with its basis, found by search, shown as such and never as a document's words."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup

from macros.core.romanised import romanised_key
from macros.load.loader import load_dataset
from macros.load.review import review_dataset
from macros.publish import searchindex
from macros.views.pages import build_pages
from macros.views.search import search_entries, spellings
from macros.views.siteplan import SitePlan
from tests.conftest import BRIEFING, PROJECT
from tests.helpers import entry_numbers
from tests.test_locations import problems_of

# (what readers type, what the briefing fixture's documents write)
READERS = [("Dbeibah", "Dabaiba"), ("Qaddafi", "Gaddafi"), ("Gadhafi", "Gaddafi"), ("Misurata", "Misrata"),
           ("Sebha", "Sabha"), ("Tazerbo", "Tazirbu")]  # fmt: skip
UNLIKE = [("Sabha", "Sirte"), ("Misrata", "Murzuq"), ("Derna", "Darfur"), ("Qatrun", "Tripoli")]


def found(postings: dict[str, list[str]], word: str) -> set[int]:
    """The entries a query word finds as the worker finds them: the word itself, or its key."""
    tokens = [searchindex.words(word)[0], romanised_key(word)]
    return {n for token in tokens for gaps in postings.get(token or "", []) for n in entry_numbers(gaps)}


@pytest.mark.parametrize(("typed", "written"), READERS)
def test_the_spellings_readers_use_share_the_documents_key(typed, written):
    assert romanised_key(typed) == romanised_key(written) is not None


@pytest.mark.parametrize(("one", "other"), UNLIKE)
def test_different_names_keep_different_keys(one, other):
    assert romanised_key(one) != romanised_key(other)


def test_short_words_and_numbers_have_no_key():
    assert [romanised_key(w) for w in ("the", "IS", "2022", "al", "Aya")] == [None] * 5


@pytest.fixture(scope="module")
def briefing_index():
    dataset = load_dataset(BRIEFING / "data")
    entries = search_entries(dataset, SitePlan.of(dataset))
    return entries, searchindex._postings(entries, spellings(dataset))[1]


@pytest.mark.parametrize(("typed", "written"), READERS[:5])
def test_search_finds_a_documents_name_under_the_readers_spelling(briefing_index, typed, written):
    _, postings = briefing_index
    there = found(postings, written)
    assert there and there <= found(postings, typed)


def test_dbeibah_finds_the_prime_minister_no_document_spells_so(briefing_index):
    entries, postings = briefing_index
    assert "dbeibah" not in postings
    assert any("Dabaiba" in entries[n]["text"] for n in found(postings, "Dbeibah"))


def test_a_lower_case_word_in_running_text_gets_no_key():
    _, postings = searchindex._postings([{"location": "a/", "title": "notes", "text": "the desert road"}])
    assert not [token for token in postings if token.isupper()]


def test_the_worker_computes_the_same_keys():
    """The worker's romanisedKey (docs/javascripts/search-worker.js) against the Python one."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    sample = [w for pair in READERS + UNLIKE for w in pair] + ["the", "Qatroun", "Ubari", "Awbari", "Ajdābiyā"]
    script = (
        "global.self = {location: {href: 'http://localhost/'}, addEventListener() {}};"
        f"require({json.dumps(str(PROJECT / 'docs/javascripts/search-worker.js'))});"
        f"console.log(JSON.stringify({json.dumps(sample)}.map(w => self.lwRomanisedKey(w))));"
    )
    result = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(result.stdout) == [romanised_key(w) for w in sample]


VARIANT = "  variants:\n    - name: Daish\n      basis: analyst\n      reason: A romanisation some outlets use.\n"


def test_a_variant_is_found_by_search_and_shown_with_its_basis_not_as_a_documents_words(fixture_copy):
    fixture_copy.edit("actors.yaml", "  aliases: [ISIS]\n", "  aliases: [ISIS]\n" + VARIANT)
    dataset = load_dataset(fixture_copy.data)
    assert ["Islamic State", "ISIS", "Daish"] in spellings(dataset)
    entries = search_entries(dataset, SitePlan.of(dataset))
    _, postings = searchindex._postings(entries, spellings(dataset))
    assert found(postings, "Daish") == found(postings, "ISIS") != set()
    page = next(p.markdown for p in build_pages(dataset) if p.path == "actors/islamic-state.md")
    soup = BeautifulSoup(page, "html.parser")
    also = " ".join(soup.find("dt", string="Also written").find_next("dd").get_text(" ").split())
    searched = " ".join(soup.find("dt", string="Also searched as").find_next("dd").get_text(" ").split())
    assert "Daish" not in also
    assert searched.startswith("Daish (an analyst's note: A romanisation some outlets use.)")
    assert "none is a document's words" in searched
    assert review_dataset(fixture_copy.data, dataset) == []  # no document need use it


@pytest.mark.parametrize(
    ("variant", "field", "message"),
    [
        ("    - name: Daish\n      basis: analyst\n", "variants[0].reason", "an analyst's spelling says why"),
        ("    - name: ISIS\n      basis: analyst\n      reason: r\n", "variants", "'ISIS' is already its name"),
        ("    - name: Daish\n      basis: hunch\n", "variants[0].basis", "hunch"),
    ],
    ids=["no-reason", "an-alias", "basis"],
)  # fmt: skip
def test_a_variant_is_validated(fixture_copy, variant, field, message):
    fixture_copy.edit("actors.yaml", "  aliases: [ISIS]\n", "  aliases: [ISIS]\n  variants:\n" + variant)
    assert any(f"islamic-state.{field}" in p and message in p for p in problems_of(fixture_copy))


def test_a_gazetteer_variant_must_be_a_name_of_the_places_entry(fixture_copy):
    line = fixture_copy.edit(
        "places.yaml",
        "  aliases: [Qatrun, Qatroun]\n",
        "  aliases: [Qatrun, Qatroun]\n  variants:\n    - name: Qatrunia\n      basis: gazetteer\n",
    )
    problems = [str(p) for p in review_dataset(fixture_copy.data, load_dataset(fixture_copy.data))]
    assert problems == [
        f"data/places.yaml:{line + 3}: qatrun.variants[0].basis: 'Qatrunia' is no name of geonames:2219739: "
        "give basis analyst and the reason readers write it so"
    ]
