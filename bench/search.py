"""The first search a reader makes on a large site: how long until results show, and how many
bytes the browser fetched for it, in headless Chromium.

Served (gzipped, with the Content-Security-Policy header) and opened from disk (the offline
build). The clock starts when the query is typed, right after the page has loaded, so it counts
whatever search still had to fetch and build, as a reader's first search does.
"""

from __future__ import annotations

import time
from pathlib import Path

from tools.chromium import chromium
from tools.localsite import serve

CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'"
RESULTS = ".md-search-result__item a"


def queries_for(events: int) -> list[tuple[str, str]]:
    """(query, a pattern the link of a result must match) for a synthetic dataset of `events`
    events: an event by its id (found at its card) and a place by its other spelling."""
    middle = events // 2
    place = f"/place-{middle % 50}(/|\\.html)"  # served with folder URLs, offline with files
    return [(f"LBY{middle + 1:06d}", f"#LBY{middle + 1:06d}$"), (f"Place {middle % 50}", place)]


def first_search(url: str, query: str, expect: str) -> dict:
    """Open `url`, type `query` at once, wait for a result whose link matches `expect`."""
    with chromium() as browser:
        page = browser.new_page()
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        page.goto(url, wait_until="load")
        loaded = len(finished)
        page.locator(".md-search__input").click()
        started = time.perf_counter()
        page.keyboard.type(query, delay=0)
        page.wait_for_function(
            "([links, expect]) => [...document.querySelectorAll(links)].some(a => new RegExp(expect).test(a.href))",
            arg=[RESULTS, expect],
            timeout=120_000,
            polling="raf",
        )
        elapsed = time.perf_counter() - started
        page.wait_for_timeout(300)
        searched = [request for request in finished if "search" in request.url or "lunr" in request.url]
        sizes = [request.sizes() for request in searched]
        after_load = [r.url.rsplit("/", 2)[-2:] for r in finished[loaded:]]
    return {
        "query": query,
        "first_query_ms": round(elapsed * 1000),
        "search_kb": round(sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes) / 1024, 1),
        "files_after_load": len(after_load),
    }


def measure_search(site: Path, offline_site: Path | None, events: int) -> dict:
    """Each query on the served site, and from disk on the offline build when given."""
    found: dict[str, list[dict]] = {"served": []}
    with serve(site, headers={"Content-Security-Policy": CSP}, compress=True) as url:
        found["served"] = [first_search(url, query, expect) for query, expect in queries_for(events)]
    if offline_site is not None:
        found["offline"] = [
            first_search((offline_site / "index.html").as_uri(), query, expect) for query, expect in queries_for(events)
        ]
    return found
