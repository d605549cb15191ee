"""The built site in real headless Chromium: it renders, stays local and logs no errors."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser import chromium
from tests.conftest import FIXTURES
from tests.site import build_site, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(site_dir, data_dir=FIXTURES / "data")
    assert result.returncode == 0, result.stderr
    with serve(site_dir) as url:
        yield url


def test_front_page_renders_locally_without_errors(base_url):
    requests, errors = [], []
    with chromium() as browser:
        page = browser.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base_url, wait_until="networkidle")
        counts = page.locator(".lw-counts").inner_text()
        page.locator(".md-search__input").click()  # search loads its index and worker locally
        page.wait_for_function(
            "document.querySelector('.md-search-result__meta')?.textContent.includes('Type to start')"
        )
        page.keyboard.type("verbatim")
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
    assert "3 events" in counts
    foreign = [url for url in requests if urlsplit(url).hostname not in ("127.0.0.1", None)]
    assert foreign == [], f"requests left the local server: {foreign}"
    assert errors == []
