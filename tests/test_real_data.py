"""The real data, as it stands whenever an analyst adds a report: it answers only to `make
validate`, a strict build, the independent checkers, and properties true of any valid data.

This is the one module that reads the real `data/` and `seeds/` (tests/conftest.py refuses any
other). Nothing here names an event, a count or a wording: a value, a count, a layout or a wording
is asserted over tests/fixtures/, so adding a valid report never turns the suite red. The data is
checked as `make validate` checks it, on the day the suite runs (a valid date stays valid as the
days pass), and the PDF's pages and fullness are reported as figures at the end of the run.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from macros.core.models import date_bounds
from macros.load.loader import load_dataset
from macros.views.siteplan import SitePlan, page_url
from tests.browser import foreign
from tests.checkers import crawl, html_pages, is_theme_error, lychee, nu_errors, policy_breaches, tools_missing
from tests.conftest import FIXTURE_SETTINGS, PROJECT
from tests.pdfpages import page_fill
from tests.site import CSP, build_site, free_port, serve
from tools.pdf import make_pdf

REAL_DATA = PROJECT / "data"
SHARED_SEEDS = PROJECT.parent / "shared" / "seeds"  # the original five, beside the checkout


@pytest.fixture(autouse=True, scope="module")
def as_an_analyst_runs_it():
    """No fixture settings: the real data, the real briefing prose, the day as it is."""
    with pytest.MonkeyPatch.context() as patch:
        for name in FIXTURE_SETTINGS:
            patch.delenv(name)
        yield


@pytest.fixture(scope="module")
def dataset(as_an_analyst_runs_it):
    return load_dataset(REAL_DATA)


@pytest.fixture(scope="module")
def real_site(tmp_path_factory, as_an_analyst_runs_it):
    """The real site, built strict for the address it is served from, served with the policy."""
    site_dir, port = tmp_path_factory.mktemp("real-site"), free_port()
    result = build_site(site_dir, REAL_DATA, site_url=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.stderr
    with serve(site_dir, port, headers={"Content-Security-Policy": CSP}) as url:
        yield site_dir, url


# --- make validate and the properties of any valid data ------------------------------------------


def test_make_validate_passes():
    command = [sys.executable, "-m", "macros.load.validate"]
    result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("data is valid: ")


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="shared/ is not beside this checkout")
def test_the_original_documents_are_byte_identical_to_shared_seeds():
    for original in SHARED_SEEDS.iterdir():
        copy = PROJECT / "seeds" / original.name
        assert hashlib.sha256(copy.read_bytes()).digest() == hashlib.sha256(original.read_bytes()).digest()


@pytest.mark.build
def test_the_cutoff_is_the_newest_sources_date_and_the_front_page_states_it(dataset, real_site):
    dated = [s.published for s in dataset.sources.values() if s.published.date]
    assert (dataset.cutoff.date, dataset.cutoff.precision) in {(p.date, p.precision) for p in dated}
    assert all(date_bounds(p.date)[1] <= dataset.cutoff.last_day for p in dated)
    front = BeautifulSoup((real_site[0] / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert front.select_one(".lw-cutoff time")["datetime"] == dataset.cutoff.isoformat()


@pytest.mark.build
def test_every_event_has_its_card_and_every_planned_page_is_built(dataset, real_site):
    site_dir, _ = real_site
    plan = SitePlan.of(dataset)
    missing = [path for path in plan.pages if not (site_dir / page_url(path) / "index.html").is_file()]
    assert missing == []
    cards = set()
    for path in set(plan.event_pages.values()):
        page = BeautifulSoup((site_dir / page_url(path) / "index.html").read_text(encoding="utf-8"), "html.parser")
        cards |= {card["id"] for card in page.select("article.lw-event[id]")}
    assert sorted(set(dataset.events) - cards) == []


@pytest.mark.build
def test_every_source_has_its_page(dataset, real_site):
    missing = [key for key in dataset.sources if not (real_site[0] / page_url(SitePlan.path("sources", key))).is_dir()]
    assert missing == []


# --- the independent checkers --------------------------------------------------------------------


def test_the_checkers_are_installed():
    assert tools_missing() == [], f"run `make setup` (npm ci, pip install): missing {tools_missing()}"


@pytest.mark.build
def test_no_internal_link_or_anchor_is_broken(real_site):
    result = lychee(real_site[0])
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 Errors" in result.stdout and "OK" in result.stdout, result.stdout


@pytest.mark.build
def test_markup_passes_the_nu_html_checker(real_site):
    site_dir, _ = real_site
    ours = [message for message in nu_errors(site_dir) if not is_theme_error(message)]
    assert ours == [], "\n".join(
        f"{m['url'].split(str(site_dir))[-1]}:{m.get('lastLine')}: {m['message']} in {m.get('extract', '').strip()!r}"
        for m in ours[:30]
    )


@pytest.mark.build
def test_every_page_has_a_description(real_site):
    site_dir, _ = real_site
    missing = []
    for rel in html_pages(site_dir):
        description = BeautifulSoup((site_dir / rel).read_text(encoding="utf-8"), "html.parser").find(
            "meta", attrs={"name": "description"}
        )
        if description is None or not description.get("content", "").strip():
            missing.append(rel)
    assert missing == []


@pytest.mark.build
def test_every_page_carries_the_policy_and_no_inline_script(real_site):
    assert policy_breaches(real_site[0], CSP) == []


@pytest.fixture(scope="module")
def crawled(real_site):
    return crawl(*real_site)


@pytest.mark.build
@pytest.mark.browser
def test_no_page_requests_another_host(crawled):
    foreign_by_page = {rel: foreign(urls) for rel, urls in crawled["requests"].items()}
    assert {rel: urls for rel, urls in foreign_by_page.items() if urls} == {}
    assert all(crawled["requests"].values()), "the crawl recorded no request at all"


@pytest.mark.build
@pytest.mark.browser
def test_every_page_draws_its_charts_without_an_error(crawled):
    """The crawl waits on every page until each chart is drawn; no page logs an error meanwhile."""
    assert {rel: errors for rel, errors in crawled["errors"].items() if errors} == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.build
@pytest.mark.browser
def test_axe_finds_no_serious_violation(crawled, scheme):
    failing = {rel: violations for rel, violations in crawled[scheme].items() if violations}
    assert failing == {}, "\n".join(f"{rel}: {v}" for rel, violations in failing.items() for v in violations[:5])


@pytest.mark.build
def test_two_builds_of_one_commit_are_byte_identical(tmp_path, monkeypatch):
    """SOURCE_DATE_EPOCH fixes the dates; different hash seeds shake out set and dict order."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    sites = []
    for seed in ("1", "2"):
        monkeypatch.setenv("PYTHONHASHSEED", seed)
        site_dir = tmp_path / f"site-{seed}"
        result = build_site(site_dir, REAL_DATA, site_url="https://example.org/libya-watch/")
        assert result.returncode == 0, result.stderr
        sites.append(site_dir)
    first, second = ({p.relative_to(s).as_posix(): p for p in s.rglob("*") if p.is_file()} for s in sites)
    assert sorted(first) == sorted(second)
    differing = [rel for rel in sorted(first) if first[rel].read_bytes() != second[rel].read_bytes()]
    assert differing == []


@pytest.mark.build
@pytest.mark.browser
def test_the_pdf_prints(real_site, record_property):
    """Printed as `make pdf` prints it; its length and how full its pages are is reported, not judged
    (the page budget and fullness are pinned over the briefing fixture in tests/test_pdf.py)."""
    site_dir, _ = real_site
    out = site_dir / "briefing.pdf"
    pages = make_pdf(site_dir, out, "A4")
    fill = page_fill(out)
    assert pages == len(fill) > 0
    emptiest = min(range(len(fill) - 1), key=fill.__getitem__, default=0)
    record_property(
        "figure", f"the real data's PDF: {pages} pages A4; emptiest body page {emptiest + 1}, {fill[emptiest]:.0%} full"
    )
