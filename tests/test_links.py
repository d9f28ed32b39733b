"""Internal link check over the built HTML, and no external assets anywhere."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

pytestmark = pytest.mark.slow


class LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (attribute, value)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key == "id" and value:
                self.ids.add(value)
            canonical = tag == "link" and ("rel", "canonical") in attrs  # the page's published address
            if (
                value
                and not canonical
                and ((key == "href" and tag in ("a", "link")) or (key == "src" and tag in ("img", "script", "iframe")))
            ):
                self.links.append((f"{tag}.{key}", value))


def parse(path: Path) -> LinkParser:
    parser = LinkParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_internal_links_and_anchors_resolve(built_book):
    pages = {p: parse(p) for p in built_book.rglob("*.html") if "_static" not in p.relative_to(built_book).parts}
    broken = []
    for page, parsed in pages.items():
        for kind, link in parsed.links:
            url = urlparse(link)
            if url.scheme in ("http", "https", "mailto", "data", "javascript"):
                continue
            target = page if not url.path else (page.parent / unquote(url.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(built_book)}: {kind} {link} (missing file)")
                continue
            if url.fragment and target.suffix == ".html":
                ids = pages.get(target, None) or parse(target)
                if url.fragment not in ids.ids:
                    broken.append(f"{page.relative_to(built_book)}: {link} (missing anchor)")
    assert not broken, "\n".join(broken[:20])


def test_no_asset_is_loaded_from_another_host(built_book):
    offenders = []
    for page in built_book.rglob("*.html"):
        for kind, link in parse(page).links:
            if kind != "a.href" and urlparse(link).scheme in ("http", "https"):
                offenders.append(f"{page.name}: {kind} {link}")
    for asset in list(built_book.rglob("*.js")) + list(built_book.rglob("*.css")):
        text = asset.read_text(encoding="utf-8", errors="ignore")
        for url in re.findall(
            r"https?://[\w.-]*(?:cdn|unpkg|jsdelivr|cloudflare|googleapis|mathjax|thebe)[\w./-]*", text
        ):
            offenders.append(f"{asset.name}: {url}")
    assert not offenders, offenders[:10]
