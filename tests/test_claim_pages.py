"""A page per claim: verdict, quote, finding, evidence charts with their CSV, robustness, sources,
how to rerun and cite it, and one valid ClaimReview; the ClaimReview identical across builds."""

from __future__ import annotations

import json
import re

import pytest
from conftest import cautils

from cautils.claims import all_claims, load_ledgers
from cautils.claims.schemaorg import problems
from cautils.config import base_url

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def published(built_book) -> dict[str, dict]:
    return {r["id"]: r for r in json.loads((built_book / "claims.json").read_text())}


@pytest.fixture(scope="module")
def reviews(built_book) -> dict[str, dict]:
    return {r["identifier"]: r for r in json.loads((built_book / "claimreview.jsonld").read_text())}


def _json_ld(page: str) -> list[dict]:
    return [
        json.loads(m.replace("<\\/", "</"))
        for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, flags=re.S)
    ]


def test_every_claim_page_has_its_parts(built_book, published, reviews):
    for claim in all_claims():
        page = (built_book / f"claims/{claim.id}.html").read_text(encoding="utf-8")
        result = published[claim.id]
        assert f'data-verdict="{result["verdict"]}"' in page, claim.id
        assert "claim-quote" in page and "Finding." in page, claim.id
        for section in ("Evidence", "Under other method choices", "Sources", "Rerun and cite"):
            assert f">{section}<" in page, f"{claim.id}: no section {section}"
        text = re.sub(r"<[^>]+>", "", page)
        assert f"cautils claims --only {claim.id} --format json" in text
        assert f"@misc{{caeb-{claim.id.lower()}" in text, f"{claim.id}: no BibTeX"
        if result["corrections"]:
            assert ">Correction<" in page, f"{claim.id}: its correction is not shown"
        sources = page[page.index(">Sources<") :]
        if result["verdict"] == "not checkable" and not result["sources"]:
            assert "no-source" in sources, f"{claim.id}: the page must say why no source is listed"
        else:
            assert re.search(r"<ul>\s*<li>", sources), f"{claim.id}: no source listed"
        ld = _json_ld(page)
        assert ld == [reviews[claim.id]], f"{claim.id}: the page must carry exactly its own ClaimReview"


def test_every_quantitative_part_has_a_chart_and_its_csv(built_book, published):
    missing = []
    for claim_id, result in published.items():
        page = (built_book / f"claims/{claim_id}.html").read_text(encoding="utf-8")
        wanted = sum(p["quantitative"] and p["verdict"] != "not checkable" for p in result["parts"])
        images = [
            tag
            for tag in re.findall(r"<img [^>]+>", page)
            if 'class="claim-chart"' in tag and re.search(r'alt="[^"]{30,}"', tag) and "_iso3" not in tag
        ]
        csvs = re.findall(r'href="(\.\./_downloads/[^"]+\.csv)"', page)
        if len(images) < wanted or len(csvs) < wanted:
            missing.append(f"{claim_id}: {len(images)} charts and {len(csvs)} CSVs for {wanted} quantitative parts")
        for csv in csvs:
            assert (built_book / "claims" / csv).resolve().is_file(), f"{claim_id}: {csv} missing"
    assert not missing, "\n".join(missing)


def test_claimreview_items_are_valid_schema_org_with_the_required_fields(reviews):
    found = [p for review in reviews.values() for p in problems(review)]
    assert not found, "\n".join(found[:20])


def test_claimreview_urls_dates_and_authors(reviews, published):
    url = base_url()
    articles = {ledger.article.id: ledger.article for ledger in load_ledgers()}
    for claim_id, review in reviews.items():
        result = published[claim_id]
        assert review["url"] == f"{url}claims/{claim_id}.html"
        assert review["datePublished"] == result["reviewed"]
        modified = max([c["date"] for c in result["corrections"]] or [result["reviewed"]])
        assert review["dateModified"] == max(modified, result["reviewed"])
        authors = review["itemReviewed"].get("author", [])
        assert [a["name"] for a in authors] == [a.name for a in articles[result["article"]].authors]
        assert all(a["@type"] == "Person" for a in authors)
    b_authors = next(r for r in reviews.values() if r["identifier"].startswith("B"))["itemReviewed"]["author"]
    assert len(b_authors) == 2, "each author of article B is a separate Person"
    a_review = next(r for r in reviews.values() if r["identifier"].startswith("A"))
    assert "author" not in a_review["itemReviewed"], "an author the text does not name is left out"


def test_claimreview_is_byte_identical_across_builds_and_follows_the_base_url(built_project, built_book):
    again = cautils(built_project, "claims", "--format", "claimreview").stdout
    assert again == (built_book / "claimreview.jsonld").read_text(encoding="utf-8")
    elsewhere = cautils(
        built_project,
        "claims",
        "--format",
        "claimreview",
        "--only",
        "B37",
        env={"CAUTILS_BASE_URL": "https://example.net/fork"},
    ).stdout
    assert json.loads(elsewhere)[0]["url"] == "https://example.net/fork/claims/B37.html"


def test_how_to_cite_the_book(built_book, built_project):
    import yaml

    cff = yaml.safe_load((built_project / "CITATION.cff").read_text())
    methods = (built_book / "build/executed/methods.html").read_text(encoding="utf-8")
    assert "How to cite" in methods and f"caeb-{cff['version']}" in methods and cff["title"].split(":")[0] in methods
