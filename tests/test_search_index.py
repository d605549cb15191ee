"""The search index from entries and spellings, without a browser: any spelling of a place or
actor finds what its main name finds, previews stay short, and every generated page has an entry."""

from __future__ import annotations

import pytest

from macros.publish import searchindex
from macros.views import limits
from tests.helpers import entry_numbers


def _found(postings: dict[str, list[str]], query: str) -> set[int]:
    """The entries holding every word of `query` (in title or text), as the worker matches whole words."""
    numbers = entry_numbers
    return set.intersection(
        *({n for gaps in postings.get(w, []) for n in numbers(gaps)} for w in searchindex.words(query))
    )


SPELLINGS = [["Qatrun", "Qatroun", "Al Qatrun"], ["Jabal Asida", "Mount Asida"]]


def test_any_spelling_finds_what_the_main_name_finds():
    texts = ["A clash near Qatroun.", "Qatrun town.", "IS in al-Qatrun", "West of Mount Asida", "At Jabal Asida",
             "Asida alone", "Jabal Akhdar", "Nothing here"]  # fmt: skip
    entries = [{"location": f"e/#{i}", "title": f"entry {i}", "text": t} for i, t in enumerate(texts)]
    _, postings = searchindex._postings(entries, SPELLINGS)
    assert _found(postings, "Qatroun") == _found(postings, "Qatrun") == _found(postings, "Al Qatrun") == {0, 1, 2}
    assert _found(postings, "Mount Asida") == _found(postings, "Jabal Asida") == {3, 4}
    assert _found(postings, "Asida") == {3, 4, 5}  # a word of a name alone names nothing: nothing is added
    assert _found(postings, "Jabal") == {4, 6} | {3}  # "Mount Asida" is Jabal Asida; Jabal Akhdar keeps its own
    _, plain = searchindex._postings(entries)
    assert _found(plain, "Qatroun") == {0}  # without the spellings, only the literal word


def test_a_spelling_in_the_title_ranks_as_a_title_word():
    entries = [{"location": "p/", "title": "Qatroun", "text": "a town"}]
    _, postings = searchindex._postings(entries, SPELLINGS)
    assert postings["qatrun"] == postings["qatroun"] == ["0", ""]  # [in the title, in the text only]


def test_a_preview_is_a_short_excerpt_of_a_long_text():
    long = " ".join(f"word{i}" for i in range(2000))
    docs, postings = searchindex._postings([{"location": "s/#text", "title": "A source", "text": long}])
    assert len(docs[0][2]) <= limits.SEARCH_TEXT_CHARS + 2 and docs[0][2].endswith(" …")
    assert "word1999" in postings  # the whole text is still searchable


def test_an_index_written_again_reads_only_the_changed_entries_and_equals_a_fresh_one():
    """`make serve` hands the entries indexed last time on: the unchanged are taken as they were,
    and the postings are those a fresh index finds; other spellings read every entry again."""
    texts = ["A clash near Qatroun.", "Qatrun town.", "At Jabal Asida"]
    entries = [{"location": f"e/#{i}", "title": f"entry {i}", "text": t} for i, t in enumerate(texts)]
    known = searchindex.KnownEntries()
    docs, _ = searchindex._postings(entries, SPELLINGS, known)
    entries[1] = {**entries[1], "text": "Mount Asida, edited."}
    again, postings = searchindex._postings(entries, SPELLINGS, known)
    assert (again, postings) == searchindex._postings(entries, SPELLINGS)
    assert again[0] is docs[0] and again[2] is docs[2] and again[1] is not docs[1]
    assert searchindex._postings(entries, [], known)[0][0] is not docs[0]  # other spellings: read again


def test_entries_changed_in_place_post_only_their_words_again_and_equal_a_fresh_index():
    """An edit that changes a few entries where they stand (`make serve`'s one event) posts again
    only the words they had and have: the words new to the index and those gone from it too,
    in word order, as a fresh index posts them; entries added or moved post every entry again."""
    texts = ["A clash near Qatroun.", "Qatrun town.", "At Jabal Asida", "Zawiya port"]
    entries = [{"location": f"e/#{i}", "title": f"entry {i}", "text": t} for i, t in enumerate(texts)]
    known = searchindex.KnownEntries()
    searchindex._postings(entries, SPELLINGS, known)

    def posted_as_fresh() -> int | None:
        docs, postings = searchindex._postings(entries, SPELLINGS, known)
        fresh_docs, fresh = searchindex._postings(entries, SPELLINGS)
        assert docs == fresh_docs and list(postings.items()) == list(fresh.items())
        return known.updated

    entries[1] = {**entries[1], "text": "Aardvark near Mount Asida, edited."}  # words new, and "town" gone
    assert posted_as_fresh() == 1
    entries[3] = {**entries[3], "title": "zawiya", "text": "Zawiya"}  # title and text words swapped
    entries[0] = {**entries[0], "text": "Nothing here"}
    assert posted_as_fresh() == 2
    assert posted_as_fresh() == 0  # nothing changed
    entries.insert(0, {"location": "e/#new", "title": "entry new", "text": "Qatrun again"})
    assert posted_as_fresh() is None  # every entry moved: all posted again
    assert posted_as_fresh() == 0


@pytest.mark.parametrize("page_size", [150, 1])  # one timeline page, or a page per year and parts
def test_every_generated_page_has_an_entry_at_its_address(page_size):
    from macros.load.loader import load_dataset
    from macros.views.pages import build_pages
    from macros.views.search import search_entries
    from macros.views.siteplan import SitePlan, page_url
    from tests.conftest import FIXTURES

    dataset = load_dataset(FIXTURES / "data")
    plan = SitePlan.of(dataset, page_size)
    url_of = {page.path: page_url(page.path) for page in build_pages(dataset, plan=plan)}
    entries = search_entries(dataset, plan)
    locations = {entry["location"] for entry in entries}
    assert sorted(url for url in url_of.values() if url not in locations) == []
    assert page_size > 1 or {"timeline/2016/", "timeline/2022/", "timeline/2022-2/"} <= locations
    titles = {entry["location"]: entry["title"] for entry in entries}
    assert (titles["disputes/"], titles["whats-new/"], titles["places/"]) == ("Disputes", "What's new", "Places")
    assert titles["disputes/#dispute-lby0002"] == "Disputed: Wed 26 Jan 2022, Al Qatrun"


def test_an_entry_that_uses_any_spelling_is_found_by_every_spelling():
    """Over the real data's entries: whichever spelling of a place or actor an entry uses, a
    search for any of its spellings (every word of it) finds the entry."""
    from macros.load.loader import load_dataset
    from macros.views.search import search_entries, spellings
    from macros.views.siteplan import SitePlan
    from tests.conftest import BRIEFING

    dataset = load_dataset(BRIEFING / "data")
    entries = search_entries(dataset, SitePlan.of(dataset))
    groups = spellings(dataset)
    _, postings = searchindex._postings(entries, groups)
    missed = []
    for number, entry in enumerate(entries):
        used = searchindex.words(searchindex.plain(entry["title"]) + " . " + searchindex.plain(entry["text"]))
        for group in groups:
            named = [name for name in group if _phrase(searchindex.words(name), used)]
            missed += [f"{entry['location']}: {named[0]!r} but not {other!r}"
                       for other in group if named and number not in _found(postings, other)]  # fmt: skip
    assert missed == []
    assert len(_found(postings, "Qatroun")) == len(_found(postings, "Qatrun")) > 3


def _phrase(name: list[str], used: list[str]) -> bool:
    return any(used[i : i + len(name)] == name for i in range(len(used)))
