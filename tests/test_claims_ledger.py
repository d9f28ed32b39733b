"""The ledger: every entry well formed, quoted exactly, evaluated on the real processed data."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cautils.claims import all_claims, evaluate_all, load_ledgers
from cautils.claims.engine import ARTICLES_DIR, LedgerError, load_ledger_file
from cautils.claims.rubric import VERDICTS
from cautils.cli import app
from cautils.paths import CLAIMS_DIR, MANIFEST_PATH

CLAIMS = all_claims()


def article_paragraphs(file: str) -> list[str]:
    text = (ARTICLES_DIR / file).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def results():
    return evaluate_all()


def test_ledger_size_and_ids():
    assert 40 <= len(CLAIMS) <= 90
    assert len({c.id for c in CLAIMS}) == len(CLAIMS)
    assert {c.article for c in CLAIMS} == {"A", "B"}


@pytest.mark.skipif(not ARTICLES_DIR.is_dir(), reason="../shared/articles not present: quotes cannot be checked")
@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: c.id)
def test_quote_is_exact_substring_of_its_paragraph(claim):
    ledger = next(led for led in load_ledgers() if led.article.id == claim.article)
    paragraphs = article_paragraphs(ledger.article.file)
    assert claim.paragraph <= len(paragraphs), f"{claim.id}: paragraph {claim.paragraph} beyond the article"
    assert claim.quote in paragraphs[claim.paragraph - 1], f"{claim.id}: quote not in paragraph {claim.paragraph}"


def test_quotes_are_short_claims_not_reproductions():
    for ledger in load_ledgers():
        quoted = sum(len(c.quote) for c in ledger.claims)
        assert all(len(c.quote) <= 300 for c in ledger.claims)
        if ARTICLES_DIR.is_dir():
            total = len((ARTICLES_DIR / ledger.article.file).read_text(encoding="utf-8"))
            assert quoted < 0.35 * total, "the ledger must quote claims, not reproduce the article"


def test_every_not_checkable_entry_says_why_and_what_would_settle_it():
    for claim in CLAIMS:
        if claim.check.evaluator == "not_checkable":
            assert claim.check.params["reason"] and claim.check.params["would_settle"]
            assert claim.expected == "not checkable"


def test_whole_ledger_evaluates_and_matches_expected(results):
    assert len(results) == len(CLAIMS)
    assert all(r.verdict in VERDICTS for r in results)
    changed = [f"{r.id}: {r.verdict} (expected {r.expected})" for r in results if r.verdict != r.expected]
    assert not changed, changed
    for r in results:
        assert r.explanation
        if r.verdict != "not checkable":
            assert r.sources, f"{r.id} has no source"
            assert any(ch.isdigit() for ch in r.explanation), f"{r.id}: explanation quotes no number"


def test_sources_trace_to_manifest_versions(results):
    manifest = json.loads(MANIFEST_PATH.read_text())
    hashes = {f"data/processed/{v['file']}": v["sha256"] for v in manifest["tables"].values()}
    for r in results:
        for source in r.sources:
            if source.table.startswith("data/processed/"):
                assert source.sha256 == hashes[source.table]
                assert all(d["version"] for d in source.datasets)
            else:
                assert source.rows and all(row["source_url"].startswith("http") for row in source.rows)


def test_cli_check_passes_and_json_has_required_fields():
    runner = CliRunner()
    check = runner.invoke(app, ["claims", "--check"])
    assert check.exit_code == 0, check.output
    out = runner.invoke(app, ["claims", "--format", "json"])
    assert out.exit_code == 0
    data = json.loads(out.stdout)
    assert len(data) == len(CLAIMS)
    for key in ("id", "article", "quote", "restatement", "theme", "countries", "verdict", "explanation",
                "evidence", "sources", "robustness"):
        assert key in data[0]


def test_claimreview_output():
    out = CliRunner().invoke(app, ["claims", "--format", "claimreview"])
    assert out.exit_code == 0
    reviews = json.loads(out.stdout)
    first = reviews[0]
    assert first["@type"] == "ClaimReview"
    assert first["itemReviewed"]["@type"] == "Claim"
    assert first["itemReviewed"]["author"]["name"]
    assert first["itemReviewed"]["appearance"]["@type"] == "CreativeWork"
    assert first["reviewRating"]["alternateName"] in VERDICTS
    assert first["author"]["name"] and first["datePublished"]


def test_check_fails_and_names_a_flipped_claim(tmp_path, monkeypatch):
    import cautils.claims.engine as engine

    text = (CLAIMS_DIR / "B.yaml").read_text()
    flipped = text.replace("  expected: contradicted\n- id: B06", "  expected: supported\n- id: B06", 1)
    assert flipped != text
    (tmp_path / "A.yaml").write_text((CLAIMS_DIR / "A.yaml").read_text())
    (tmp_path / "B.yaml").write_text(flipped)
    monkeypatch.setattr(engine, "CLAIMS_DIR", tmp_path)
    monkeypatch.setattr("cautils.claims.engine.load_ledgers.__defaults__", (tmp_path,))
    monkeypatch.setattr("cautils.claims.engine.all_claims.__defaults__", (tmp_path,))
    monkeypatch.setattr("cautils.claims.engine.evaluate_all.__defaults__", (tmp_path, None))
    result = CliRunner().invoke(app, ["claims", "--check"])
    assert result.exit_code == 1
    assert "B05" in result.output and "expects 'supported'" in result.output


def test_bad_ledger_names_file_and_claim(tmp_path):
    bad = tmp_path / "A.yaml"
    text = (CLAIMS_DIR / "A.yaml").read_text().replace("restatement: Assad's regime fell in December 2024",
                                                           "restatement: " + "x" * 90, 1)
    bad.write_text(text)
    with pytest.raises(LedgerError) as info:
        load_ledger_file(bad)
    assert "A.yaml" in str(info.value) and "A01" in str(info.value) and "restatement" in str(info.value)
