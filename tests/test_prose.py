"""Stale prose: a briefing paragraph citing an event that gained claims after its review is named."""

from __future__ import annotations

from macros.load.loader import load_dataset
from macros.load.prose import stale_notes, stale_paragraphs

PROSE = """{#- reviewed: 2026-11-24 -#}
## Bottom line

The fight near Qatrun ({{ event_link("LBY0002") }}) left
{{ figures("LBY0002") }} dead.

1. **A judgment about the bomb.** It cites {{ event_link("LBY0001") }} only.
"""


def test_a_paragraph_citing_an_event_revised_after_the_review_is_named(fixture_copy, tmp_path):
    fixture_copy.edit("events.yaml", "      value: at least 4\n", "      value: at least 4\n      added: 2026-11-25\n")
    prose = tmp_path / "briefing.md"
    prose.write_text(PROSE, encoding="utf-8")
    (warning,) = stale_paragraphs(load_dataset(fixture_copy.data), prose, shown="briefing.md")
    assert (warning.line, warning.event, str(warning.changed)) == (4, "LBY0002", "2026-11-25")
    assert str(warning).startswith('warning: briefing.md:4: "The fight near Qatrun (…) left … dead." cites LBY0002')


def test_prose_reviewed_after_the_change_is_not_flagged(fixture_copy, tmp_path):
    fixture_copy.edit("events.yaml", "      value: at least 4\n", "      value: at least 4\n      added: 2026-11-25\n")
    prose = tmp_path / "briefing.md"
    prose.write_text(PROSE.replace("2026-11-24", "2026-11-26"), encoding="utf-8")
    assert stale_paragraphs(load_dataset(fixture_copy.data), prose) == []


def test_a_claim_added_to_an_event_is_listed_as_a_revision(fixture_copy):
    from macros.views.whatsnew import updates

    fixture_copy.edit("events.yaml", "      value: at least 4\n", "      value: at least 4\n      added: 2026-11-25\n")
    (day, *_) = updates(load_dataset(fixture_copy.data))
    assert str(day.day) == "2026-11-25" and not day.events
    (revision,) = day.revisions
    assert revision.event.id == "LBY0002" and revision.text == "Sky News Arabia adds a claim, on the number of dead"


def test_a_claim_cannot_be_added_before_its_event(fixture_copy):
    import pytest

    from macros.core.yamlfile import DataError

    line = fixture_copy.edit(
        "events.yaml", "      value: at least 4\n", "      value: at least 4\n      added: 2026-01-01\n"
    )
    with pytest.raises(DataError) as caught:
        load_dataset(fixture_copy.data)
    assert any(f"events.yaml:{line + 1}: LBY0002.claims[3].added: 2026-01-01 is before its event was added" in str(p)
               for p in caught.value.problems)  # fmt: skip


CUTOFF_PROSE = """{#- reviewed: 2026-11-01 -#}
- **It could still attack shortly before the cut-off**: a bombing.
- **Nothing after the cut-off ({{ cutoff() }}) is reflected.**
"""


def test_prose_speaking_of_the_cut_off_is_named_when_a_newer_source_moved_it(fixture_copy, tmp_path):
    """Relative words ("shortly before the cut-off") go wrong when a later source moves the cut-off;
    a paragraph that shows the cut-off itself stays right."""
    prose = tmp_path / "briefing.md"
    prose.write_text(CUTOFF_PROSE, encoding="utf-8")
    dataset = load_dataset(fixture_copy.data)
    (warning,) = [w for w in stale_paragraphs(dataset, prose, shown="briefing.md") if w.event is None]
    assert warning.line == 2 and warning.changed > warning.reviewed
    assert f"speaks of the cut-off, which moved to {dataset.cutoff} with" in str(warning)
    prose.write_text(CUTOFF_PROSE.replace("2026-11-01", "2026-11-28"), encoding="utf-8")
    assert [w for w in stale_paragraphs(dataset, prose) if w.event is None] == []


def test_the_cut_off_the_review_records_is_the_one_compared_with(fixture_copy, tmp_path):
    """Reviewed today against the cut-off the data has: no warning; against an older one: one."""
    dataset = load_dataset(fixture_copy.data)
    prose = tmp_path / "briefing.md"
    for recorded, warned in ((dataset.cutoff.date, 0), ("2021-12", 1)):
        prose.write_text(CUTOFF_PROSE.replace("2026-11-01", f"2026-11-28, cut-off {recorded}"), encoding="utf-8")
        assert len([w for w in stale_paragraphs(dataset, prose) if w.event is None]) == warned, recorded


def test_an_events_prose_written_before_claims_were_added_to_it_is_named(fixture_copy):
    fixture_copy.edit("events.yaml", "      value: at least 4\n", "      value: at least 4\n      added: 2026-11-25\n")
    line = fixture_copy.line_of("events.yaml", "  summary: IS attacked an army patrol")
    assert stale_notes(fixture_copy.data, load_dataset(fixture_copy.data)) == [
        f"warning: data/events.yaml:{line}: LBY0002: its summary, date_note and dispute_note were last read on "
        "2026-11-22, before claims added on 2026-11-25: re-read them, then set reviewed: 2026-11-25"
    ]
    fixture_copy.edit("events.yaml", "  added: 2026-11-22\n  claims:\n    - source: comeback-south\n      field: "
                      "fatalities", "  added: 2026-11-22\n  reviewed: 2026-11-25\n  claims:\n    - source: "
                      "comeback-south\n      field: fatalities")  # fmt: skip
    assert stale_notes(fixture_copy.data, load_dataset(fixture_copy.data)) == []
