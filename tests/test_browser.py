"""The built book in a real browser (Debian's chromium via Playwright), fully offline.

Every page loads without console errors or serious accessibility violations (axe-core); any
request to a host other than localhost fails the test; the ledger index filters and sorts;
every claim page shows its charts; a claim page is not clipped on a phone. Screenshots go to
test-artifacts/.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from cautils.book import CHROMIUM_FLAGS
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
            executable_path=str(CHROMIUM),
            headless=True,
            args=[flag for flag in CHROMIUM_FLAGS if flag != "--headless"],
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
    page.on("response", lambda r: errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    page.outside_requests = outside
    page.errors = errors
    yield page
    context.close()


def _pages(built_book: Path) -> list[str]:
    return sorted(
        p.relative_to(built_book).as_posix() for p in built_book.rglob("*.html") if "_static" not in p.parts
    )  # _static holds theme template fragments, not pages


SERIOUS = ("serious", "critical")


def test_every_page_loads_offline_with_no_console_error_or_serious_accessibility_violation(built_book, server, page):
    """Every page of the book, claim pages included: it loads from localhost only, logs no error,
    and axe-core finds no serious or critical violation."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    pages = _pages(built_book)
    assert len(pages) >= len(all_claims()) + 17
    problems = []
    for rel in pages:
        response = page.goto(f"{server}/{rel}", wait_until="load")
        assert response is not None and response.ok, f"{rel}: HTTP {response.status if response else 'none'}"
        page.wait_for_load_state("networkidle")
        # preload off: axe would fetch the theme's @import-ed CSS relative to the page, not the sheet
        violations = axe.run(page, options={"resultTypes": ["violations"], "preload": False}).response["violations"]
        for v in violations:
            if v["impact"] in SERIOUS:
                targets = ", ".join(str(n["target"]) for n in v["nodes"][:3])
                problems.append(f"{rel}: {v['id']} ({v['impact']}, {len(v['nodes'])} nodes: {targets})")
    assert page.outside_requests == [], f"requests left localhost: {page.outside_requests[:5]}"
    assert page.errors == [], page.errors[:5]
    assert not problems, f"{len(problems)} serious accessibility violations:\n" + "\n".join(problems[:25])


def _visible_rows(page) -> int:
    return page.eval_on_selector_all(
        "table.claims-index tbody tr", "rows => rows.filter(r => r.style.display !== 'none').length"
    )


def test_ledger_index_lists_filters_and_sorts_claims(server, page):
    page.goto(f"{server}/claims/index.html", wait_until="networkidle")
    claims = all_claims()
    assert _visible_rows(page) == len(claims)
    assert page.inner_text("#filter-count") == str(len(claims))
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 50 * len(claims) + 2500, f"the ledger index should be compact, not {height} px tall"

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
    page.select_option("#filter-article", "A")
    assert _visible_rows(page) == len([c for c in both if c.article == "A"])

    page.select_option("#filter-theme", "")
    page.select_option("#filter-country", "")
    page.select_option("#filter-article", "")
    page.click("table.claims-index th:nth-child(1) button")  # ascending by claim id
    page.click("table.claims-index th:nth-child(1) button")  # descending
    first = page.eval_on_selector("table.claims-index tbody tr", "r => r.cells[0].textContent")
    assert first == max(c.id for c in claims)
    assert page.outside_requests == [] and page.errors == []


def _quantitative(built_book: Path) -> dict[str, int]:
    """Claim id -> its number of quantitative parts (from the published results)."""
    import json

    data = json.loads((built_book / "claims.json").read_text())
    return {r["id"]: sum(p["quantitative"] and p["verdict"] != "not checkable" for p in r["parts"]) for r in data}


def test_every_claim_page_loads_with_its_charts(built_book, server, page):
    missing = []
    for claim_id, charts in _quantitative(built_book).items():
        page.goto(f"{server}/claims/{claim_id}.html", wait_until="networkidle")
        widths = page.eval_on_selector_all("figure img", "imgs => imgs.map(i => i.naturalWidth)")
        if len(widths) < charts or not all(w > 0 for w in widths):
            missing.append(f"{claim_id}: {len(widths)} charts loaded for {charts} quantitative parts")
        assert page.eval_on_selector_all('script[type="application/ld+json"]', "s => s.length") == 1, claim_id
    assert not missing, "\n".join(missing[:20])
    assert page.errors == []


def test_claim_page_on_a_phone_is_not_clipped(browser, server):
    """At 390 px wide no text runs off the page: the page does not scroll sideways, and any wide
    table scrolls inside its own box."""
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 844})
        page = context.new_page()
        for claim_id in ("B37", "A06"):
            page.goto(f"{server}/claims/{claim_id}.html", wait_until="networkidle")
            overflow = page.evaluate("""() => {
                const doc = document.documentElement;
                const bad = [];
                const blocks = 'p, li, h1, h2, h3, blockquote, figure'.split(', ').map(t => 'article ' + t).join(', ');
                document.querySelectorAll(blocks).forEach(el => {
                  const r = el.getBoundingClientRect();
                  const out = r.right > doc.clientWidth + 1 || r.left < -1;
                  if (r.width > 0 && out) bad.push(el.tagName + ': ' + el.textContent.slice(0, 40));
                });
                return {scroll: doc.scrollWidth, client: doc.clientWidth, bad: bad};
            }""")
            assert overflow["scroll"] <= overflow["client"] + 1, f"{claim_id} at {width}px scrolls sideways: {overflow}"
            assert not overflow["bad"], f"{claim_id} at {width}px: clipped {overflow['bad'][:5]}"
            path = ARTIFACTS / f"claim_{claim_id}_{width}px.png"
            page.screenshot(path=str(path), full_page=False)
            assert path.stat().st_size > 10_000
        context.close()


def test_screenshots(server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    for name, rel in [
        ("intro", "build/executed/intro.html"),
        ("ledger", "claims/index.html"),
        ("article_B", "build/executed/article_B.html"),
        ("country_KAZ", "build/executed/country_KAZ.html"),
    ]:
        page.goto(f"{server}/{rel}", wait_until="networkidle")
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 20_000
    images = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.naturalWidth)")
    assert images and all(width > 0 for width in images), "every chart on the country page must load"
