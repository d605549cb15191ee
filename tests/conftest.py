"""Shared fixtures: the fixture datasets, copied so a test may break them, and the guard that keeps
every test but one off the real data.

Two fixture datasets live in tests/fixtures/: `data/` and `seeds/`, small and canonical, for
rules and rendering; `briefing/`, the briefing as its first edition stood (data, seeds and the
briefing's prose, frozen), for whole-site, browser, PDF and edition tests. The real `data/`
changes whenever an analyst adds a report, so only tests/test_real_data.py reads it, and only
through the checks any valid data passes; the guard below refuses any other test that opens it.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT / "tests" / "fixtures"
BRIEFING = FIXTURES / "briefing"  # the briefing at edition 1: data/, seeds/, includes/briefing.md
LATER_REPORT = PROJECT / "tests" / "later_report"  # fictional later sources, with their places and events

# The day every test runs on: the build, the loader and the commands read it (macros/core/dates.py).
TODAY = "2026-12-01"
# What the tests build and validate by default: the frozen briefing, never the real data.
FIXTURE_SETTINGS = {
    "LIBYA_WATCH_TODAY": TODAY,
    "LIBYA_WATCH_DATA": str(BRIEFING / "data"),
    "LIBYA_WATCH_INCLUDES": str(BRIEFING / "includes"),
}
os.environ.update(FIXTURE_SETTINGS)

# --- the guard: only one module reads the real data ----------------------------------------------

REAL_DATA_MODULE = "tests/test_real_data.py"
# The analysts' files; data/geo/, data/schema/ and data/countries.yaml are the project's own
# reference files, generated or fetched by its tools and read by every build.
GUARDED = (f"{PROJECT}/data/", f"{PROJECT}/seeds/")
UNGUARDED = (f"{PROJECT}/data/geo/", f"{PROJECT}/data/schema/", f"{PROJECT}/data/countries.yaml")


class RealDataRead(Exception):
    """A test outside tests/test_real_data.py opened a file of the real data."""


class _Guard:
    module: str | None = None  # the test module running now (set around each test)

    def refuses(self, path: object) -> str | None:
        if self.module in (None, REAL_DATA_MODULE) or isinstance(path, int):
            return None
        try:
            opened = os.path.abspath(os.fsdecode(path))  # type: ignore[arg-type]
        except TypeError:
            return None
        if opened.startswith(GUARDED) and not opened.startswith(UNGUARDED):
            return opened
        return None


GUARD = _Guard()


def _audit(event: str, args: tuple) -> None:
    if event == "open" and (opened := GUARD.refuses(args[0])) is not None:
        raise RealDataRead(
            f"{GUARD.module} opened {Path(opened).relative_to(PROJECT)}: only {REAL_DATA_MODULE} reads the real data "
            "(the checks any valid data passes). Assert values over tests/fixtures/ (BRIEFING, FIXTURES) instead."
        )


sys.addaudithook(_audit)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    path = Path(str(item.fspath))
    GUARD.module = path.relative_to(PROJECT).as_posix() if path.is_relative_to(PROJECT) else str(path)
    try:
        return (yield)
    finally:
        GUARD.module = None


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Figures a test reports rather than judges (record_property("figure", ...)): the real data's PDF."""
    figures = [value for report in terminalreporter.getreports("passed")
               for name, value in report.user_properties if name == "figure"]  # fmt: skip
    if figures:
        terminalreporter.section("figures")
        for figure in figures:
            terminalreporter.line(figure)


# --- marks: a test that needs the built site is a `build` test ----------------------------------

BUILT_SITE = "served_site"  # the session's site: asking for it builds the site (below)


@pytest.hookimpl(tryfirst=True)  # before -m deselects by mark
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `build` every test that needs `served_site`, itself or through another fixture, so a
    new browser test cannot forget the mark that keeps its build out of `make test-fast` (-m "not
    build and not browser"). A test that opens Chromium still says so (`browser`), and one that
    builds by other means (build_site, tools.build, tools.offline) carries `build` itself."""
    for item in items:
        if BUILT_SITE in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.build)
    # The longest modules first: `make test` hands each module whole to one worker (--dist
    # loadfile), and the real site's crawl, met last, left one worker on it alone for minutes.
    rank = {module: number for number, module in enumerate(LONGEST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(LONGEST)))


LONGEST = ("tests/test_real_data.py", "tests/test_browser_charts.py", "tests/test_checkers.py", "tests/test_pdf.py")


# --- options and copies --------------------------------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ files")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


class FixtureCopy:
    """A writable copy of a fixture dataset (data/ and seeds/) with a helper to break one file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"

    def edit(self, name: str, old: str, new: str) -> int:
        """Replace `old` by `new` in data/<name> once; return the line where `new` starts."""
        path = self.data / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur once in {name}"
        path.write_text(text.replace(old, new), encoding="utf-8")
        return text[: text.index(old)].count("\n") + 1

    def line_of(self, name: str, needle: str) -> int:
        text = (self.data / name).read_text(encoding="utf-8")
        assert text.count(needle) == 1, f"{needle!r} must occur once in {name}"
        return text[: text.index(needle)].count("\n") + 1


def copy_fixture(source: Path, root: Path) -> FixtureCopy:
    for part in ("data", "seeds", "includes"):
        if (source / part).is_dir():
            shutil.copytree(source / part, root / part)
    return FixtureCopy(root)


@pytest.fixture
def fixture_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FixtureCopy:
    """A writable copy of the small canonical dataset (tests/fixtures/data and seeds), which has no
    briefing prose of its own: the briefing's checks find none to check."""
    monkeypatch.setenv("LIBYA_WATCH_INCLUDES", str(tmp_path / "includes"))
    return copy_fixture(FIXTURES, tmp_path)


@pytest.fixture
def briefing_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FixtureCopy:
    """A writable copy of the briefing fixture, its prose included, for whole-site builds from
    altered data."""
    monkeypatch.setenv("LIBYA_WATCH_INCLUDES", str(tmp_path / "includes"))
    return copy_fixture(BRIEFING, tmp_path)


def grow(root: Path, edition: bool = False) -> Path:
    """Copy the briefing fixture into `root` and add valid later reports the way an analyst does
    (make new-source, fill the stub, a file each for origins, actors, places and events), then, with
    `edition`, issue them as edition 2 (make edition); returns data/. One report
    (tests/later_report/) adds an event; the cases (its cases/ folder) add one of each kind
    CONTRIBUTING shows: a second source for that event with a part-scope figure, a denial
    and a relayed quote, and an attack by unidentified gunmen claimed later by a group, at a place
    the gazetteer lacks (a bearing and distance, and coordinates the document states)."""
    copy_fixture(BRIEFING, root)
    _add_document(root, LATER_REPORT / "document.txt", "later-test-report", LATER_REPORT / "source.yaml")
    for kind, name in (("origins", "origin.yaml"), ("places", "place.yaml"), ("events", "event.yaml")):
        (root / "data" / kind).mkdir(exist_ok=True)
        shutil.copy(LATER_REPORT / name, root / "data" / kind / f"later-test-{name}")
    cases = LATER_REPORT / "cases"
    _add_document(root, cases / "followup.txt", "later-test-followup", cases / "followup.yaml")
    _add_document(root, cases / "water-station.txt", "later-test-water-station", cases / "water-station.yaml")
    event = root / "data" / "events" / "later-test-event.yaml"
    event.write_text(event.read_text(encoding="utf-8") + (cases / "followup-claims.yaml").read_text(encoding="utf-8"))
    for kind in ("origins", "actors", "places", "events"):
        (root / "data" / kind).mkdir(exist_ok=True)
        shutil.copy(cases / f"{kind}.yaml", root / "data" / kind / "later-test-cases.yaml")
    if edition:
        from tools.edition import cut_edition

        note = "Adds three later reports: an attack near Qatrun, its follow-up and a claimed attack."
        cut_edition(note, root / "data", stale="The fixture's prose stays as edition 1 wrote it.")
    return root / "data"


def _add_document(root: Path, document: Path, source_id: str, filled: Path) -> None:
    """make new-source, then the stub filled in (its seed and checksum kept)."""
    import yaml

    from tools.new_source import add_source

    stub = add_source(document, source_id, root=root)
    written = yaml.safe_load(stub.read_text(encoding="utf-8"))
    text = filled.read_text(encoding="utf-8")
    stub.write_text(text.format(seed=written["seed"], sha256=written["sha256"]), encoding="utf-8")


@pytest.fixture(scope="session")
def grown_data(tmp_path_factory) -> Path:
    """The briefing fixture with valid later reports added and issued as edition 2 (see `grow`):
    relative, stated and disputed places, several events at one place, denials, part-scope
    figures, a unit of a force, events abroad, two editions, a PDF of many pages."""
    return grow(tmp_path_factory.mktemp("grown"), edition=True)


@pytest.fixture(scope="session")
def site_data(grown_data):
    """The dataset the served site is built from, for what its pages should show."""
    from macros.load.loader import load_dataset

    return load_dataset(grown_data)


@pytest.fixture(scope="session")
def served_site(tmp_path_factory, grown_data):
    """The grown fixture's site, built once (--strict) for the address it is served from, and
    served with the Content-Security-Policy header: the browser, chart and PDF tests all look at
    this one build, so each of them also shows the site works under the policy."""
    from tests.site import CSP, build_site, free_port, serve

    site_dir, port = tmp_path_factory.mktemp("site"), free_port()
    # built for its own address, as a deployment is: instant navigation needs it
    result = build_site(site_dir, grown_data, site_url=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.stderr
    with serve(site_dir, port, headers={"Content-Security-Policy": CSP}) as url:
        yield site_dir, url
