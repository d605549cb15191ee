"""The offline bundle opens from disk (file://) with search, charts and the map, and no network."""

from __future__ import annotations

import zipfile

import pytest

from tests.browser import SCROLL_THROUGH_CHARTS, chromium
from tests.checkers import redirects_to
from tools.offline import FOLDER, build_offline, write_zip

pytestmark = pytest.mark.build  # every test opens the bundle, built once


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    root = tmp_path_factory.mktemp("offline")
    build_offline(root / "site")
    out = root / "bundle.zip"
    write_zip(root / "site", out)
    with zipfile.ZipFile(out) as archive:
        archive.extractall(root / "unzipped")
    return root / "unzipped" / FOLDER, out


@pytest.mark.browser
def test_bundle_works_from_disk_with_no_network(bundle):
    site, _ = bundle
    with chromium() as browser:
        context = browser.new_context()
        blocked, errors = [], []
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                      else (blocked.append(r.request.url), r.abort()))  # fmt: skip
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((site / "index.html").as_uri(), wait_until="load")
        page.evaluate(SCROLL_THROUGH_CHARTS)
        page.wait_for_function("() => document.querySelectorAll('.lw-chart[data-rendered] svg.main-svg').length >= 2")
        assert page.locator(".lw-chart[data-geo] path.countries, .lw-chart[data-geo] .countries path").count() >= 1
        page.locator(".md-search__input").click()
        page.wait_for_function(
            "() => document.querySelector('.md-search-result__meta')?.textContent.includes('Type to start')"
        )
        page.keyboard.type("Qatroun")
        page.wait_for_selector(".md-search-result__item")
        page.goto((site / "timeline" / "index.html").as_uri(), wait_until="load")
        page.locator(".lw-chart").first.hover()
        page.wait_for_selector(".lw-chart[data-rendered] svg.main-svg")
        page.select_option("form.lw-filters select[name=place]", "jabal-asida")
        assert page.locator("article.lw-event:visible").count() == 1
        page.goto((site / "events" / "LBY0009.html").as_uri())  # an event's address, from disk too
        page.wait_for_url("**/timeline/index.html#LBY0009")
        assert blocked == []
        assert errors == []


def test_bundle_links_are_files_not_folders(bundle):
    """An event's link is its address (a file here), which sends the reader to the card; the PDF
    link, with no `make pdf` in the bundle, is the print view."""
    site, _ = bundle
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="events/LBY0009.html"' in html
    assert redirects_to(site / "events" / "LBY0009.html") == "../timeline/index.html#LBY0009"
    assert '<p class="lw-formats"><a href="print.html">' in html and (site / "print.html").is_file()
    assert "unpkg" not in html and "iframe-worker-shim.js" in html


def test_same_commit_gives_the_same_bundle(bundle, tmp_path):
    _, first = bundle
    second = tmp_path / "again.zip"
    build_offline(tmp_path / "site")
    write_zip(tmp_path / "site", second)
    assert first.read_bytes() == second.read_bytes()
