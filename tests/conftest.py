"""Shared fixtures: the canonical fixture dataset, copied so a test may break it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT / "tests" / "fixtures"
LATER_REPORT = PROJECT / "tests" / "later_report"  # fictional later sources, with their places and events


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ files")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


class FixtureCopy:
    """A writable copy of tests/fixtures/ (data/ and seeds/) with a helper to break one file."""

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


@pytest.fixture
def fixture_copy(tmp_path: Path) -> FixtureCopy:
    shutil.copytree(FIXTURES / "data", tmp_path / "data")
    shutil.copytree(FIXTURES / "seeds", tmp_path / "seeds")
    return FixtureCopy(tmp_path)


@pytest.fixture
def data_copy(tmp_path: Path) -> FixtureCopy:
    """A writable copy of the real data/ and seeds/, for whole-site builds from altered data."""
    shutil.copytree(PROJECT / "data", tmp_path / "data")
    shutil.copytree(PROJECT / "seeds", tmp_path / "seeds")
    return FixtureCopy(tmp_path)


def grow(root: Path) -> Path:
    """Copy the real data/ and seeds/ into `root` and add valid later reports the way an analyst
    does (make new-source, fill the stub, a file each for origins, actors, places and events);
    returns data/. One report (tests/later_report/) adds an event; the cases (its cases/ folder)
    add one of each kind CONTRIBUTING shows: a second source for that event with a part-scope
    figure, a denial and a relayed quote, and an attack by unidentified gunmen claimed later by a
    group, at a place the gazetteer lacks (a bearing and distance, and coordinates the document
    states).

    Only new files are added, so the copy stays valid whatever the real data holds."""
    shutil.copytree(PROJECT / "data", root / "data")
    shutil.copytree(PROJECT / "seeds", root / "seeds")
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
    """The real data with a valid later report added (see `grow`)."""
    return grow(tmp_path_factory.mktemp("grown"))


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The real site, built once (--strict) for the address it is served from, and served with
    the Content-Security-Policy header: the site, browser, chart and PDF tests all look at this
    one build, so each of them also shows the site works under the policy."""
    from tests.site import CSP, build_site, free_port, serve

    site_dir, port = tmp_path_factory.mktemp("site"), free_port()
    # built for its own address, as a deployment is: instant navigation needs it
    result = build_site(site_dir, site_url=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.stderr
    with serve(site_dir, port, headers={"Content-Security-Policy": CSP}) as url:
        yield site_dir, url
