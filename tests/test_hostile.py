"""Hostile text in the data stays text everywhere it is published: pages, charts, search, the
downloads, the feed and the PDF. One real build from data whose text fields carry HTML, a
closing </script>, Jinja, Markdown links and images, and spreadsheet formulas."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from macros.core.yamlfile import DataError
from macros.load.loader import load_dataset
from macros.views.charts import chart_text
from tests.browser import ALL_CHARTS_DRAWN, SCROLL_THROUGH_CHARTS, chromium
from tests.conftest import BRIEFING, copy_fixture
from tests.site import CSP, build_site, serve
from tools.pdf import make_pdf

PUBLIC = "https://libya-watch.example.org/"  # the hostile site is built for a public address, feed included
# No single quote: each goes inside a single-quoted YAML scalar.
HOSTILE = (
    "=HYPERLINK(1)</script><script>alert(1)</script><img src=x onerror=alert(2)>"
    " {{ 7*191 }} {% if 1 %}jinja{% endif %} [link](javascript:alert(3)) ![img](data:x) **bold** zebracorn"
)
# field -> (file, the line as it is, the line with HOSTILE in it)
FIELDS = {
    "place name": ("places.yaml", "  name: Jabal Asida", f"  name: '{HOSTILE}'"),
    "actor name": ("actors.yaml", "  name: Islamic State\n", f"  name: '{HOSTILE}'\n"),
    "source title": (
        "sources.yaml",
        "  title: ISIS seeks comeback from southern Libya",
        f"  title: '{HOSTILE}'",
    ),
    "event summary": (
        "events.yaml",
        "    IS attacked a patrol of the Umm al-Aranib Martyrs Brigade near Qatrun; the army's response at\n"
        "    Jabal Asida left dead on both sides.",
        f"    {HOSTILE}",
    ),
}
TRAP = "window.__ran = []; window.alert = n => window.__ran.push(n);"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    data = copy_fixture(BRIEFING, root)
    for file, old, new in FIELDS.values():
        data.edit(file, old, new)
    site_dir = root / "site"
    result = build_site(site_dir, data_dir=data.data, site_url=PUBLIC)  # a public address: with its feed
    assert result.returncode == 0, result.stderr
    return site_dir


def page_soups(site_dir):
    for path in sorted(site_dir.rglob("*.html")):
        yield path.relative_to(site_dir).as_posix(), BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.build
def test_every_page_shows_it_as_text_and_runs_none_of_it(hostile_site):
    shown_on, problems = [], []
    for rel, soup in page_soups(hostile_site):
        content = soup.select_one("article.md-content__inner")
        if content is None:
            continue
        for element in content.find_all(True):
            if element.name in ("script", "img", "iframe", "object", "embed"):
                problems.append(f"{rel}: <{element.name}> in the content")
            if any(name.lower().startswith("on") for name in element.attrs):
                problems.append(f"{rel}: <{element.name}> with an event handler")
            if str(element.get("href", "")).lower().startswith(("javascript:", "data:")):
                problems.append(f"{rel}: <{element.name}> links to {element['href'][:20]}")
        text = content.get_text()
        if HOSTILE in text:
            shown_on.append(rel)
        assert "1337" not in text and "jinja}" not in text.replace("%}jinja{%", ""), rel  # no template ran
    assert problems == []
    for page in ("timeline/index.html", "places/jabal-asida/index.html", "actors/islamic-state/index.html"):
        assert page in shown_on, f"{page} does not show the text as text"
    assert any(rel.startswith("sources/") and rel != "sources/index.html" for rel in shown_on)


@pytest.mark.build
@pytest.mark.browser
def test_charts_search_and_pages_run_none_of_it_in_chromium(hostile_site):
    with serve(hostile_site, headers={"Content-Security-Policy": CSP}) as url, chromium() as browser:
        page = browser.new_page()
        page.add_init_script(TRAP)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        for path in ("", "timeline/", "places/jabal-asida/", "actors/islamic-state/", "disputes/"):
            page.goto(url + path, wait_until="load")
            page.evaluate(SCROLL_THROUGH_CHARTS)
            page.wait_for_function(ALL_CHARTS_DRAWN)
            assert page.evaluate("window.__ran") == [], path
        # the map's hover text carries the place name: drawn as text, not markup
        page.goto(url, wait_until="load")
        page.evaluate(SCROLL_THROUGH_CHARTS)
        page.wait_for_function(ALL_CHARTS_DRAWN)
        figures = page.evaluate("[...document.querySelectorAll('.lw-chart')].map(e => JSON.stringify(e.data))")
        # escaped once (charts.chart_text), which plotly.js shows as the characters typed
        assert any(str(chart_text(HOSTILE)) in figure for figure in figures), "the hostile name is not in any chart"
        assert page.locator(".lw-chart img, .lw-chart script").count() == 0
        page.locator(".md-search__input").click()
        page.keyboard.type("zebracorn")
        page.wait_for_selector(".md-search-result__item")
        page.wait_for_timeout(300)
        assert page.locator(".md-search-result img, .md-search-result script").count() == 0
        assert page.evaluate("window.__ran") == []
        assert errors == []


@pytest.mark.build
def test_downloads_neutralise_the_formula_and_keep_the_text(hostile_site):
    with (hostile_site / "downloads" / "events.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    cells = [cell for row in rows for cell in row.values() if cell and HOSTILE in cell]
    assert cells, "the hostile summary is not in events.csv"
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values() if cell)
    assert "'" + HOSTILE in cells


@pytest.mark.build
def test_the_feed_carries_it_as_escaped_text(hostile_site):
    root = ET.parse(hostile_site / "feed.xml").getroot()  # well-formed XML, or this raises
    links = [link.get("href") for link in root.iter("{http://www.w3.org/2005/Atom}link")]
    assert links and all(link.startswith(PUBLIC) for link in links)  # the public address, never loopback
    assert not [element for element in root.iter() if element.tag.lower().endswith("script")]
    titles = [element.text or "" for element in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert any(HOSTILE in title for title in titles)


@pytest.mark.build
@pytest.mark.browser
def test_the_pdf_prints_it_as_text(hostile_site):
    out = hostile_site / "briefing.pdf"
    make_pdf(hostile_site, out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "<script>alert(1)</script>" in flat and "{{ 7*191 }}" in flat and "[link](javascript:alert(3))" in flat


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", " https://x.org"])
def test_a_source_link_that_is_not_http_is_refused_with_file_and_line(fixture_copy, url):
    line = fixture_copy.edit("sources.yaml", "- id: comeback-south\n", f"- id: comeback-south\n  url: '{url}'\n") + 1
    with pytest.raises(DataError) as caught:
        load_dataset(fixture_copy.data, today=dt.date(2100, 1, 1))
    assert ("data/sources.yaml", line, "comeback-south.url") in [
        (p.file, p.line, p.field) for p in caught.value.problems
    ]
