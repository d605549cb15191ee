"""Publishing and adding data: the CI workflow, annotations, the new-source scaffold, the feed."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap

import feedparser
import pytest
import yaml
from lxml import etree

from macros.core.models import Source
from macros.core.yamlfile import DataError, Problem
from macros.load.loader import load_dataset
from macros.load.validate import annotation
from macros.views.siteplan import SitePlan
from macros.views.whatsnew import render_feed, updates
from tests.conftest import BRIEFING, FIXTURES, PROJECT
from tests.helpers import army_dead_as_unnamed_security_forces
from tools.new_source import StoredPage, add_source, stored_page

WORKFLOW = PROJECT / ".github" / "workflows" / "site.yml"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def workflow():
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(job):
    return [step.get("run") or step.get("uses") for step in job["steps"]]


def test_workflow_runs_on_pushes_to_main_and_pull_requests(workflow):
    triggers = workflow[True]  # YAML reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers


def test_pull_requests_validate_with_annotations_and_build_only(workflow):
    job = workflow["jobs"]["check"]
    assert job["if"] == "github.event_name == 'pull_request'"
    assert steps(job)[1:] == ["make validate VALIDATE_FLAGS=--github", "make build"]


def test_main_validates_builds_tests_makes_the_pdf_and_deploys(workflow):
    job = workflow["jobs"]["publish"]
    run = steps(job)
    order = ["make validate VALIDATE_FLAGS=--github", "make build", "make test", "make pdf",
             "actions/upload-pages-artifact@v3", "actions/deploy-pages@v4"]  # fmt: skip
    assert [step for step in run if step in order] == order
    assert "actions/configure-pages@v5" in run
    assert job["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_annotation_marks_file_and_line():
    problem = Problem("data/events.yaml", 12, "LBY0009.place", "unknown place 'x'\nsecond line")
    assert annotation(problem) == (
        "::error file=data/events.yaml,line=12,title=Data error::LBY0009.place: unknown place 'x'%0Asecond line"
    )


def test_validate_github_flag_prints_annotations(fixture_copy):
    line = fixture_copy.edit("places.yaml", "  latitude: 24.95139", "  latitude: north")
    result = subprocess.run([sys.executable, "-m", "macros.load.validate", str(fixture_copy.data), "--github"],
                            cwd=PROJECT, capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 1
    assert f"::error file=data/places.yaml,line={line},title=Data error::qatrun.latitude:" in result.stdout


def test_new_source_stub_is_flagged_until_filled(fixture_copy, tmp_path):
    document = tmp_path / "note.txt"
    document.write_text("A test document for the scaffold; it reports nothing.\n", encoding="utf-8")
    stub = add_source(document, "scaffold-test", root=fixture_copy.root, today=dt.date(2026, 11, 20))
    seed = next(p for p in (fixture_copy.root / "seeds").glob("*") if p.read_bytes() == document.read_bytes())
    assert seed.name.startswith("004_")  # numbered after the highest seed (003)
    with pytest.raises(DataError) as caught:
        load_dataset(fixture_copy.data)
    todo = [str(p) for p in caught.value.problems if "still TODO" in p.message]
    assert "data/sources/scaffold-test.yaml:5: scaffold-test.title: still TODO: fill this in" in todo
    assert len(todo) == sum("TODO" in line for line in stub.read_text(encoding="utf-8").splitlines()[4:])
    record = yaml.safe_load(stub.read_text(encoding="utf-8"))
    record.update(title="A test document", language="en", kind="other", scale="other", reliability="F",
                  reliability_rationale="A test.", summary="A test document.")  # fmt: skip
    for optional in ("author", "url", "archive_url"):  # "delete what does not apply"
        del record[optional]
    record["outlet"] = {"basis": "unknown"}
    record["published"] = {"date": "2026-11-20", "precision": "day", "basis": "stated"}
    stub.write_text(yaml.safe_dump(record, sort_keys=False), encoding="utf-8")
    assert "scaffold-test" in load_dataset(fixture_copy.data).sources


@pytest.mark.parametrize(
    ("text", "page"),
    [(" date 2022-01-29 The Qatrun attack is the second for ISIS in a few days, coinciding with Hasaka.\n",
      StoredPage("2022-01-29", "The Qatrun attack is the second for ISIS in a few days", headline=False)),
     ("date 2022-03-15\nAttack near Qatrun\nThe army said on Tuesday that...\n",
      StoredPage("2022-03-15", "Attack near Qatrun", headline=True)),
     ("date 2022-02-30 A day that never was.\n", StoredPage(None, "A day that never was", headline=False)),
     # a first clause that is only a time, or too short to name the page: its first sentence, 20 words at most
     ("date 2022-03-15 On Thursday, a fixture spokesman said the test operation had ended. More.\n",
      StoredPage("2022-03-15", "On Thursday, a fixture spokesman said the test operation had ended", headline=False)),
     ("date 2022-03-15 Late on Monday night, one two three four five six seven eight nine ten eleven twelve "
      "thirteen fourteen fifteen sixteen seventeen.\n",
      StoredPage("2022-03-15", "Late on Monday night, one two three four five six seven eight nine ten eleven twelve "
                 "thirteen fourteen fifteen sixteen", headline=False)),
     ("date 2022-03-15 In Testville, gunmen attacked a fixture checkpoint.\n",
      StoredPage("2022-03-15", "In Testville, gunmen attacked a fixture checkpoint", headline=False)),
     ("ISIS seeks comeback from southern Libya\nThe forces...\n", StoredPage(None, None, headline=False))],
)  # fmt: skip
def test_a_stored_pages_first_line_gives_its_date_and_its_headline_or_opening_words(text, page):
    assert stored_page(text) == page


def test_new_source_fills_in_a_stored_pages_date_and_title_and_marks_them_for_checking(fixture_copy, tmp_path):
    """A stored page opening "date 2022-01-20" with no headline: the stub records the date as the
    document states it and the opening words as its title, so neither is left TODO."""
    document = tmp_path / "page.txt"
    document.write_text(" date 2022-01-20 A fixture page without a headline, for the scaffold.\n", encoding="utf-8")
    stub = add_source(document, "stored-page", root=fixture_copy.root, today=dt.date(2026, 11, 20))
    written = stub.read_text(encoding="utf-8")
    assert "title: 'A fixture page without a headline'  # it has no headline: its opening words" in written
    record = yaml.safe_load(written)
    assert record["published"] == {"date": dt.date(2022, 1, 20), "precision": "day", "basis": "stated",
                                   "reasoning": 'The document opens with "date 2022-01-20".'}  # fmt: skip
    with pytest.raises(DataError) as caught:
        load_dataset(fixture_copy.data)
    todo = [p.field for p in caught.value.problems if "still TODO" in p.message]
    assert todo and not [field for field in todo if field.startswith(("stored-page.title", "stored-page.published"))]


def test_new_source_refuses_a_document_already_in_the_dataset(fixture_copy):
    existing = fixture_copy.root / "seeds" / "003_fea7140efc87d72a.txt"
    with pytest.raises(SystemExit, match="already in the dataset"):
        add_source(existing, root=fixture_copy.root)


@pytest.fixture(scope="module")
def feed_text():
    return render_feed(load_dataset(FIXTURES / "data"), "https://example.org/lw/", "Libya Watch")


def test_feed_is_valid_atom(feed_text):
    parsed = feedparser.parse(feed_text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    root = etree.fromstring(feed_text.encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    for element in (root, *root.findall(f"{ATOM}entry")):
        for required in ("id", "title", "updated"):
            assert element.find(f"{ATOM}{required}") is not None


def test_feed_has_an_entry_per_addition_with_stable_ids(feed_text):
    dataset = load_dataset(FIXTURES / "data")
    parsed = feedparser.parse(feed_text)
    ids = [entry.id for entry in parsed.entries]
    assert len(ids) == len(set(ids)) == len(dataset.sources) + len(dataset.events) + len(dataset.editions)
    assert "https://example.org/lw/#event/LBY0002" in ids and "https://example.org/lw/#edition/1" in ids
    assert parsed.feed.updated == "2026-11-22T00:00:00+00:00"
    assert feed_text == render_feed(dataset, "https://example.org/lw/", "Libya Watch")


def test_feed_gives_each_event_its_toll_and_not_reported_where_none_is(feed_text):
    summaries = {entry.id.rsplit("/", 1)[1]: entry.summary for entry in feedparser.parse(feed_text).entries}
    assert summaries["LBY0003"].endswith(" Dead: not reported.")
    assert summaries["LBY0002"].endswith(" Dead: 22–27+ (conservative 22).")
    assert summaries["LBY0001"].endswith(" Dead: 1.")


def test_feed_says_why_the_top_of_a_toll_may_count_the_same_dead_twice(fixture_copy):
    """The feed carries the toll as the card words it: a top that adds dead a report names no force
    for to the army's says so."""
    army_dead_as_unnamed_security_forces(fixture_copy, values=("3",))
    feed = render_feed(load_dataset(fixture_copy.data), "https://example.org/lw/", "Libya Watch")
    summaries = {entry.id.rsplit("/", 1)[1]: entry.summary for entry in feedparser.parse(feed).entries}
    assert summaries["LBY0002"].endswith(
        " Dead: 22–30+ (conservative 22; the top adds the 3 “security forces” a report by an unknown outlet gave, "
        "naming no force, to the Libyan National Army's 4+: they may be the same dead)."
    )


@pytest.mark.parametrize("directory_urls", [True, False])
def test_feed_links_each_event_to_its_lasting_address_wherever_its_card_is(directory_urls):
    """A feed reader keeps a link for years: past one timeline page, cards move to year pages, and
    the feed's link stays the event's address; the offline bundle's URLs end in .html."""
    dataset = load_dataset(FIXTURES / "data")
    expected = {"True": "https://x.org/events/LBY0002/", "False": "https://x.org/events/LBY0002.html"}
    for page_size in (1, 1000):
        plan = SitePlan.of(dataset, page_size, directory_urls)
        links = {e.id: e.link for e in feedparser.parse(render_feed(dataset, "https://x.org/", "LW", plan)).entries}
        assert links["https://x.org/#event/LBY0002"] == expected[str(directory_urls)]


def test_updates_group_additions_by_day_newest_first(fixture_copy):
    fixture_copy.edit(
        "events.yaml", "  tags: [claimed by IS]\n  added: 2026-11-22", "  tags: [claimed by IS]\n  added: 2026-11-23"
    )
    history = updates(load_dataset(fixture_copy.data, today=dt.date(2026, 11, 23)))
    assert [u.day for u in history] == [dt.date(2026, 11, 23), dt.date(2026, 11, 22)]
    assert [e.id for e in history[0].events] == ["LBY0001"]


def test_contributing_examples_are_valid_records():
    """Every YAML example in CONTRIBUTING validates as the record it shows; the worked example is
    an abridged copy of the real event, and every quote from a real source is in its document."""
    import re

    from macros.core.models import Actor, Claim, Correction, Distinction, Event, Origin, Place

    guide = (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    dataset = load_dataset(BRIEFING / "data")
    blocks = re.findall(r"```yaml\n(.*?)```", guide, flags=re.S)
    kinds = {"claims": Event, "relative_to": Place, "stated_coordinates": Place, "may_be": Actor, "speaker": Origin,
             "field": Claim, "reason": Distinction, "what": Correction, "reference": Place}  # fmt: skip
    shown = set()
    for block in blocks:
        for item in yaml.safe_load(textwrap.dedent(block)):
            model = next(model for key, model in kinds.items() if key in item)
            record = model.model_validate(item)
            shown.add(model)
            if isinstance(record, Claim) and record.source in dataset.seeds:
                assert " ".join(record.quote.split()) in dataset.seeds[record.source], record.quote
    assert shown == set(kinds.values())
    (example,) = [Event.model_validate(yaml.safe_load(b)[0]) for b in blocks if "claims:" in b]
    real = dataset.events[example.id]
    assert all(claim in real.claims for claim in example.claims)  # an abridged copy of the real record
    assert (example.date, example.place, example.status) == (real.date, real.place, dataset.status(real.id))


def test_new_source_stub_lists_every_source_field(fixture_copy, tmp_path):
    document = tmp_path / "note.txt"
    document.write_text("A test document for the scaffold.\n", encoding="utf-8")
    stub = add_source(document, "scaffold-test", root=fixture_copy.root).read_text(encoding="utf-8")
    written = {line.lstrip("# ").split(":")[0] for line in stub.splitlines() if ":" in line}
    nested = {f"{name}" for name in ("name", "basis", "reasoning", "date", "precision")}
    missing = [name for name in (*Source.model_fields, *nested) if name not in written]
    assert missing == []


@pytest.mark.parametrize(
    ("address", "published"),
    [("https://example.org/lw/", True), ("http://127.0.0.1:8000/", False), ("http://localhost:8000/", False),
     ("http://[::1]:8000/", False), ("", False)],
)  # fmt: skip
def test_a_feed_is_published_only_for_a_public_address(address, published):
    from macros.views.siteplan import is_public

    assert is_public(address) is published


def test_new_source_names_the_next_free_event_id(fixture_copy):
    """After LBY0003 (events.yaml) and LBY0012 in a file of data/events/, the next is LBY0013."""
    from tools.new_source import next_event_id

    assert next_event_id(fixture_copy.data) == "LBY0004"
    (fixture_copy.data / "events").mkdir()
    (fixture_copy.data / "events" / "LBY0012.yaml").write_text("id: LBY0012\n", encoding="utf-8")
    assert next_event_id(fixture_copy.data) == "LBY0013"
    assert next_event_id(fixture_copy.data, "SYR") == "SYR0001"
