"""A report of each kind CONTRIBUTING shows, added to a copy of the real data as a new analyst adds
it (see `grow` in conftest.py), lands where CONTRIBUTING says; and each mistake an analyst made
when trying it is answered by a first problem line that names the file, the line and the cause."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from macros.load import validate
from macros.load.loader import load_dataset
from tests.helpers import render_exports


@pytest.fixture(scope="module")
def grown(grown_data):
    return load_dataset(grown_data)


def claims_of(dataset, event_id, source_id):
    return [c for c in dataset.events[event_id].claims if c.source == source_id]


def test_a_second_source_adds_its_claims_to_the_event_already_there(grown):
    assert grown.events_from("later-test-followup") == [grown.events["LBY9901"]]
    assert {c.source for c in grown.events["LBY9901"].claims} == {"later-test-report", "later-test-followup"}


def test_a_part_scope_figure_stays_out_of_the_events_total(grown):
    (part,) = [c for c in claims_of(grown, "LBY9901", "later-test-followup") if c.scope]
    assert (part.field, part.party, part.value) == ("fatalities", "islamic-state", "1")
    assert grown.figures("LBY9901", "fatalities").high == 2  # the two soldiers; the attacker is a part


def test_a_denial_and_a_relayed_quote_keep_who_said_them(grown):
    followup = claims_of(grown, "LBY9901", "later-test-followup")
    (denial,) = [c for c in followup if c.polarity == "denies"]
    assert (denial.field, denial.party, denial.origin) == ("participants", "lna", "later-test-ministry-statement")
    (relayed,) = [c for c in followup if c.via]
    assert (relayed.origin, relayed.via) == ("later-test-army-spokesman", ["Test Gazette"])
    # the army's statement and its spokesman's remarks are one voice: still a single report
    assert grown.status("LBY9901") == "single report"


def test_an_attack_by_unidentified_gunmen_claimed_later_keeps_the_claim_apart(grown):
    event = grown.events["LBY9902"]
    assert grown.actors[event.actor1].kind == "unidentified armed group"
    (claimed,) = [c for c in event.claims if c.field == "responsibility"]
    assert (claimed.party, claimed.origin) == ("islamic-state", "later-test-amaq-claim")
    (when,) = [c for c in event.claims if c.moment == "claim of responsibility"]
    assert (when.field, str(when.resolved), when.origin) == ("date", "2022-03-10", "later-test-amaq-claim")
    row = next(line for line in render_exports(grown)["events.csv"].splitlines() if line.startswith("LBY9902,"))
    assert ",Unidentified gunmen (fictional test actor),,3," in row  # ACLED's inter1 for such a group


def test_a_place_the_gazetteer_lacks_takes_the_positions_its_document_states(grown):
    location = grown.location("later-test-water-station")
    assert [p.precision for p in location.positions] == ["computed", "stated"]
    assert not location.disputed  # one document giving two forms of one position disputes nothing


# (file under the copy's root, old text, new text, the first problem line; {line} is where `new` starts)
MISTAKES = [
    ("data/sources/later-test-water-station.yaml", "title: Gunmen", "title: 'Gunmen",
     "data/sources/later-test-water-station.yaml:{line}: the quote opened on line {line} is never closed"),
    ("data/events/later-test-cases.yaml", "      field: abducted\n", "\t  field: abducted\n",
     "data/events/later-test-cases.yaml:{line}: a tab character; indent with spaces"),
    ("data/places/later-test-cases.yaml", "the station's position as", "the stations position as",
     "data/places/later-test-cases.yaml:{line}: later-test-water-station.stated_coordinates[0].stated: not found "
     "verbatim in later-test-water-station's seed; the closest passage is \"the station's position as "
     "24°34'N 23°17'E.\", yours differs [yours→document]: \"the [stations→station's] position as 24°34'N 23°17'E\""),
    ("data/events/later-test-cases.yaml", "  date: 2022-03-08\n", "  date: 2022-03-01\n",
     "data/events/later-test-cases.yaml:{line}: LBY9902.date: 2022-03-01 disagrees with claims[0], where "
     "later-test-water-station gives 2022-03-08"),
    ("data/events/later-test-cases.yaml", "resolved: 2022-03-10", "resolved: 2099-03-10",
     "data/events/later-test-cases.yaml:{line}: LBY9902.claims[4].resolved: 2099-03-10 is in the future"),
]  # fmt: skip


@pytest.fixture
def copy(grown_data, tmp_path):
    shutil.copytree(grown_data.parent, tmp_path / "grown")
    return tmp_path / "grown"


def edit(root, name, old, new) -> int:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def first_problem(root, capsys) -> str:
    assert validate.main([str(root / "data")]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].endswith("in the data:")
    return lines[1].strip()


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"), MISTAKES, ids=["unclosed-quote", "tab", "quote-typo", "day-1", "future"]
)
def test_each_mistake_is_the_first_problem_at_its_file_and_line(copy, capsys, name, old, new, expected):
    line = edit(copy, name, old, new)
    assert first_problem(copy, capsys) == expected.format(line=line)


def test_a_changed_seed_is_the_first_problem_and_its_new_checksum_is_never_shown(copy, capsys):
    source = load_dataset(copy / "data").sources["later-test-water-station"]
    edit(copy, source.seed, "killing\nthree guards", "killing\nfour guards")
    stub = (copy / "data/sources/later-test-water-station.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(stub, 1) if text.startswith("sha256:"))
    first = first_problem(copy, capsys)
    assert first.startswith(
        f"data/sources/later-test-water-station.yaml:{line}: later-test-water-station.sha256: {source.seed} has "
        f"changed since it was recorded; a seed is evidence and is never edited. Restore it: git restore {source.seed}"
    )
    assert hashlib.sha256((copy / source.seed).read_bytes()).hexdigest() not in first


def test_a_quote_typed_with_a_curly_apostrophe_matches_a_straight_one(copy, capsys):
    edit(copy, "data/places/later-test-cases.yaml", "the station's position", "the station\u2019s position")
    assert validate.main([str(copy / "data")]) == 0, capsys.readouterr().err


def test_a_month_dated_newest_source_makes_the_cutoff_that_month(copy, capsys):
    edit(copy, "data/sources/later-test-report.yaml", "  date: 2022-03-15\n  precision: day\n",
         "  date: 2022-03\n  precision: month\n")  # fmt: skip
    assert validate.main([str(copy / "data")]) == 0, capsys.readouterr().err
    cutoff = load_dataset(copy / "data").cutoff
    assert (str(cutoff), f"{cutoff:%-d %B %Y}") == ("March 2022", "March 2022")


def test_an_invented_first_of_the_month_is_the_first_problem(copy, capsys):
    # the document is taken to give only the month: the event may not name a day it never gives
    edit(copy, "data/events/later-test-cases.yaml", "resolved: 2022-03-08", "resolved: 2022-03")
    line = edit(copy, "data/events/later-test-cases.yaml", "  date: 2022-03-08\n", "  date: 2022-03-01\n")
    assert first_problem(copy, capsys).startswith(
        f"data/events/later-test-cases.yaml:{line}: LBY9902.date: 2022-03-01 is more precise than its date claims"
    )
