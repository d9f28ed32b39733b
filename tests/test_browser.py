"""The built book in a real browser (Debian's chromium via Playwright), fully offline.

Every page loads without console errors; any request to a host other than localhost fails
the test; the ledger can be filtered by verdict, theme and country; screenshots of the intro,
the ledger and a country page are written to test-artifacts/.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from cautils.claims import all_claims
from cautils.paths import PROJECT_ROOT

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output clean
        pass


@pytest.fixture(scope="module")
def server(built_book):
    handler = functools.partial(QuietHandler, directory=str(built_book))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium missing: `make test` installs it (make browser-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield browser
        browser.close()


@pytest.fixture()
def page(browser):
    """A page whose requests to any host but localhost are blocked and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    errors: list[str] = []

    def guard(route):
        url = route.request.url
        host = urlparse(url).hostname
        if urlparse(url).scheme in ("http", "https", "ws", "wss") and host not in LOCAL_HOSTS:
            outside.append(url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("console", lambda msg: errors.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    page.outside_requests = outside
    page.errors = errors
    yield page
    context.close()


def test_every_page_loads_offline_without_console_errors(built_book, server, page):
    pages = sorted(p.relative_to(built_book).as_posix() for p in built_book.rglob("*.html")
                   if "_static" not in p.parts)  # _static holds theme template fragments, not pages
    assert len(pages) >= 20
    for rel in pages:
        response = page.goto(f"{server}/{rel}", wait_until="load")
        assert response is not None and response.ok, f"{rel}: HTTP {response.status if response else 'none'}"
        page.wait_for_load_state("networkidle")
    assert page.outside_requests == [], f"requests left localhost: {page.outside_requests[:5]}"
    assert page.errors == [], page.errors[:5]


def _visible_rows(page) -> int:
    return page.eval_on_selector_all(
        ".claims-table tbody tr", "rows => rows.filter(r => r.style.display !== 'none').length")


def test_ledger_lists_and_filters_claims(server, page):
    page.goto(f"{server}/build/executed/ledger.html", wait_until="networkidle")
    claims = all_claims()
    assert _visible_rows(page) == len(claims)
    assert page.inner_text("#filter-count") == str(len(claims))

    page.select_option("#filter-verdict", "contradicted")
    expected = [c for c in claims if c.expected == "contradicted"]
    assert _visible_rows(page) == len(expected) > 0
    assert page.inner_text("#filter-count") == str(len(expected))

    page.select_option("#filter-verdict", "")
    page.select_option("#filter-theme", "arms")
    assert _visible_rows(page) == len([c for c in claims if c.theme == "arms"])

    page.select_option("#filter-country", "TKM")
    both = [c for c in claims if c.theme == "arms" and "TKM" in c.countries]
    assert _visible_rows(page) == len(both) > 0
    visible_cards = page.eval_on_selector_all(".claim-card", "cs => cs.filter(c => c.style.display !== 'none').length")
    assert visible_cards == len(both)
    assert page.outside_requests == [] and page.errors == []


def test_screenshots(server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    for name, rel in [("intro", "build/executed/intro.html"), ("ledger", "build/executed/ledger.html"),
                      ("country_KAZ", "build/executed/country_KAZ.html")]:
        page.goto(f"{server}/{rel}", wait_until="networkidle")
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 20_000
    images = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.naturalWidth)")
    assert images and all(width > 0 for width in images), "every chart on the country page must load"
