"""A quote matches its document with typographic variants folded, is still highlighted as the
document writes it, and a quote that is not found is shown beside the closest passage."""

from __future__ import annotations

import pytest

from macros.core.quotes import closest_passage, fold, fold_mapped
from macros.core.yamlfile import DataError
from macros.load.loader import load_dataset
from macros.views.sources import highlight

ASSESSMENT_QUOTE = "quote: important and continuing until the purification of the Libyan south"


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("the army\u2019s operations", "the army's operations"),
        ("\u201cSky News Arabia\u201d", '"Sky News Arabia"'),
        ("2016\u20132017", "2016-2017"),
        ("ISIS \u2014 the group", "ISIS - the group"),
        ("al-Jufra", "al\u2010Jufra"),
        ("12\u00a0January", "12 January"),
        ("and so on\u2026", "and so on..."),
        ("sol\u00addiers", "soldiers"),
    ],
)
def test_typographic_variants_fold_alike(written, typed):
    assert fold(written) == fold(typed)


def test_fold_mapped_folds_as_fold_does_and_maps_back():
    text = "  He said\u00a0\u201cgo\u2026\u201d \n\u2014 then left. "
    folded, origin = fold_mapped(text)
    assert folded.rstrip() == fold(text)
    assert all(text[origin[i]].translate({}) != "" for i in range(len(folded)))
    assert text[origin[folded.index("...")]] == "\u2026"


def test_quote_with_a_straight_apostrophe_matches_a_curly_one(fixture_copy):
    fixture_copy.edit("assessments.yaml", ASSESSMENT_QUOTE, "quote: the army's operations are carried out")
    dataset = load_dataset(fixture_copy.data)
    assert dataset.assessments["tarhouni-operation"].quote == "the army's operations are carried out"


def test_highlight_marks_the_document_as_written_when_matched_through_folding():
    parts = highlight("Then \u201cthe army\u2019s\u00a0operations\u2026\u201d ended.", ["the army's operations..."])
    assert [p.text for p in parts if p.quoted] == ["the army\u2019s\u00a0operations\u2026"]
    assert "".join(p.text for p in parts) == "Then \u201cthe army\u2019s\u00a0operations\u2026\u201d ended."


def test_missing_quote_shows_the_closest_passage_and_marks_the_difference(fixture_copy):
    line = fixture_copy.edit("events.yaml", "killed 23 terrorists", "killed 32 terorists")
    with pytest.raises(DataError) as caught:
        load_dataset(fixture_copy.data)
    (problem,) = [p for p in caught.value.problems if p.field.endswith(".quote")]
    assert problem.line == line
    assert 'the closest passage is "an operation that killed 23 terrorists."' in problem.message
    assert '"an operation that killed [32 terorists→23 terrorists.]"' in problem.message


def test_closest_passage_picks_the_nearest_window():
    seed = fold("The army said on Thursday that an operation killed 23 terrorists near Qatrun.")
    passage, marked = closest_passage("an operation that killed 23 terrorists", seed)
    assert passage == "an operation killed 23 terrorists"
    assert marked == "an operation [that→] killed 23 terrorists"


def test_closest_passage_spans_the_words_a_quote_dropped():
    seed = fold(
        "It said so. Daesh on Monday claimed it attacked the same brigade in the same area a week earlier, killing two."
    )
    passage, marked = closest_passage("Daesh on Monday claimed it attacked the brigade a week earlier", seed)
    assert passage == "Daesh on Monday claimed it attacked the same brigade in the same area a week earlier,"
    assert marked == "Daesh on Monday claimed it attacked the [→same] brigade [→in the same area] a week earlier"


def test_closest_passage_leaves_out_the_documents_quote_marks_it_cuts():
    seed = fold('It was "a plot to undermine stability and terrorize civilians." The ministry said so.')
    passage, _ = closest_passage("to undermine the stability and terrorize civilians", seed)
    assert '"' not in passage
