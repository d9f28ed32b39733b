"""The ledger: every entry well formed, quoted exactly, evaluated on the real processed data, its
verdicts explained by the corrections log, its notes free of hand-typed figures."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml
from typer.testing import CliRunner

from cautils.claims import all_claims, evaluate_all, load_ledgers
from cautils.claims.engine import ARTICLES_DIR, LedgerError, load_ledger_file
from cautils.claims.notes import allowed_numbers, stray_numbers
from cautils.claims.rubric import NOT_CHECKABLE, VERDICTS
from cautils.claims.sentences import paragraphs
from cautils.cli import app
from cautils.paths import CLAIMS_DIR, MANIFEST_PATH

CLAIMS = all_claims()
needs_articles = pytest.mark.skipif(
    not ARTICLES_DIR.is_dir(), reason="../shared/articles not present: quotes cannot be checked"
)


def article_paragraphs(article: str) -> list[str]:
    ledger = next(led for led in load_ledgers() if led.article.id == article)
    return paragraphs((ARTICLES_DIR / ledger.article.file).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def results():
    return evaluate_all()


def test_ledger_size_and_ids():
    assert 110 <= len(CLAIMS) <= 140
    assert len({c.id for c in CLAIMS}) == len(CLAIMS)
    assert {c.article for c in CLAIMS} == {"A", "B"}


@needs_articles
@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: c.id)
def test_quotes_are_exact_substrings_of_their_paragraph(claim):
    paragraphs_ = article_paragraphs(claim.article)
    assert claim.paragraph <= len(paragraphs_), f"{claim.id}: paragraph {claim.paragraph} beyond the article"
    paragraph = paragraphs_[claim.paragraph - 1]
    assert claim.quote in paragraph, f"{claim.id}: quote not in paragraph {claim.paragraph}"
    for part in claim.parts:
        assert part.quote is None or part.quote in paragraph, (
            f"{claim.id} part '{part.label}': quote not in the paragraph"
        )


@needs_articles
def test_quotes_are_short_claims_not_reproductions():
    for ledger in load_ledgers():
        total = len((ARTICLES_DIR / ledger.article.file).read_text(encoding="utf-8"))
        quoted = sum(len(c.quote) for c in ledger.claims)
        assert quoted < 0.35 * total, (
            f"article {ledger.article.id}: the ledger must quote claims, not reproduce the article"
        )


def test_not_checkable_parts_say_why_and_what_would_settle_them():
    for claim in CLAIMS:
        for part in claim.parts:
            if part.check.evaluator == "not_checkable":
                params = part.check.params
                assert params["category"] in ("opinion", "forecast", "perception", "unconfirmed"), claim.id
                assert params["reason"] and params["would_settle"], claim.id
                assert part.expected == NOT_CHECKABLE


def test_claims_entirely_not_checkable_are_opinion_perception_or_unconfirmed_only(results):
    """'Not checkable' is for opinion, forecast and perception, or reports nothing public settles:
    never for a fact that merely has no row yet."""
    for r in results:
        if r.verdict == NOT_CHECKABLE:
            for part in r.parts:
                category = part.numbers.get("category")
                assert (
                    category in ("opinion", "forecast", "perception", "unconfirmed")
                    or part.evaluator != "not_checkable"
                ), r.id
                if part.evaluator != "not_checkable":  # an evaluator found only unconfirmed reports
                    assert "unconfirmed" in part.explanation or "absence of confirmation" in part.explanation.lower(), (
                        r.id
                    )


def test_every_quantitative_part_has_robustness_lines(results):
    missing = [
        f"{r.id} '{p.label}'"
        for r in results
        for p in r.parts
        if p.quantitative and not p.robustness and not p.no_alternative
    ]
    assert not missing, f"quantitative parts without an alternative method choice: {missing}"


def test_whole_ledger_evaluates_and_matches_expected(results):
    assert len(results) == len(CLAIMS)
    assert all(r.verdict in VERDICTS for r in results)
    changed = [
        f"{r.id} '{p.label}': {p.verdict} (expected {p.expected})"
        for r in results
        for p in r.parts
        if p.verdict != p.expected
    ]
    assert not changed, changed
    for r in results:
        assert r.explanation
        if r.verdict != NOT_CHECKABLE:
            assert r.sources, f"{r.id} has no source"
        for p in r.parts:
            if p.quantitative:
                assert any(ch.isdigit() for ch in p.explanation), f"{r.id}: a quantitative explanation quotes no number"


def test_no_figure_in_a_note_label_or_reason_is_typed_by_hand():
    """Numbers in notes, labels and reasons must come from the claim's quote, its method parameters
    (windows, thresholds), or a {placeholder} filled from the evaluated numbers."""
    problems = []
    for claim in CLAIMS:
        for part in claim.parts:
            allowed = allowed_numbers(
                claim.quote, claim.restatement, part.check.params, [a.params for a in part.check.robustness]
            )
            texts = [part.notes, part.label] + [a.label for a in part.check.robustness]
            if part.check.actual:
                texts.append(part.check.actual.label)
            if part.check.evaluator == "not_checkable":
                texts += [part.check.params["reason"], part.check.params["would_settle"]]
            for text in texts:
                stray = stray_numbers(text, allowed)
                if stray:
                    problems.append(f"{claim.id} '{part.label}': {stray} in {text[:80]!r}")
        allowed = allowed_numbers(
            claim.quote,
            claim.restatement,
            [p.check.params for p in claim.parts],
            [a.params for p in claim.parts for a in p.check.robustness],
        )
        for text in (claim.notes, claim.restatement):
            stray = stray_numbers(text, allowed)
            if stray:
                problems.append(f"{claim.id}: {stray} in {text[:80]!r}")
    assert not problems, "\n".join(problems)


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
    for key in (
        "id",
        "article",
        "quote",
        "restatement",
        "theme",
        "countries",
        "verdict",
        "explanation",
        "evidence",
        "sources",
        "robustness",
        "parts",
        "published",
        "reviewed",
        "corrections",
    ):
        assert key in data[0]


def test_claimreview_authors_are_separate_people_and_unnamed_ones_left_out():
    out = CliRunner().invoke(app, ["claims", "--format", "claimreview"])
    assert out.exit_code == 0
    reviews = {r["identifier"]: r for r in json.loads(out.stdout)}
    first = reviews["B01"]
    assert first["@type"] == "ClaimReview" and first["itemReviewed"]["@type"] == "Claim"
    assert [a["name"] for a in first["itemReviewed"]["author"]] == ["Sardor Allayarov", "Douglas Brenton Anderson"]
    assert all(a["@type"] == "Person" for a in first["itemReviewed"]["author"])
    assert "author" not in reviews["A01"]["itemReviewed"]
    assert first["reviewRating"]["alternateName"] in VERDICTS


def copy_ledger(tmp_path):
    target = tmp_path / "claims"
    shutil.copytree(CLAIMS_DIR, target)
    return target


def edit_part(directory, claim_id, index, **fields):
    path = directory / f"{claim_id[0]}.yaml"
    raw = yaml.safe_load(path.read_text())
    claim = next(c for c in raw["claims"] if c["id"] == claim_id)
    claim["parts"][index].update(fields)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False))


def test_check_fails_and_names_a_flipped_part(tmp_path):
    directory = copy_ledger(tmp_path)
    edit_part(directory, "B06", 0, expected="supported")
    result = CliRunner().invoke(app, ["claims", "--check", "--claims-dir", str(directory)])
    assert result.exit_code == 1
    assert "B06" in result.output and "expects 'supported'" in result.output


def test_check_fails_when_a_verdict_changes_without_a_correction(tmp_path):
    directory = copy_ledger(tmp_path)
    log = directory / "corrections.yaml"
    raw = yaml.safe_load(log.read_text())
    raw["corrections"] = [c for c in raw["corrections"] if c["claim"] != "B37"]
    log.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False))
    result = CliRunner().invoke(app, ["claims", "--check", "--claims-dir", str(directory)])
    assert result.exit_code == 1
    assert "B37" in result.output and "corrections.yaml" in result.output


def test_every_correction_is_shown_with_its_claim(results):
    logged = {c.claim for r in results for c in r.corrections}
    assert logged == {r.id for r in results if r.published.verdict != r.verdict}
    for r in results:
        if r.corrections:
            assert r.corrections[-1].new == r.verdict and r.last_modified >= r.corrections[-1].date


def test_bad_ledger_names_file_and_claim(tmp_path):
    bad = tmp_path / "A.yaml"
    text = (CLAIMS_DIR / "A.yaml").read_text()
    marker = "restatement: Assad's regime fell in December 2024"
    assert marker in text.replace('"', "")
    text = text.replace('restatement: "Assad\'s regime fell in December 2024"', "restatement: " + "x" * 90, 1)
    bad.write_text(text)
    with pytest.raises(LedgerError) as info:
        load_ledger_file(bad)
    assert "A.yaml" in str(info.value) and "A01" in str(info.value) and "restatement" in str(info.value)


def test_a_broken_check_is_a_clean_error_naming_the_claim(tmp_path):
    directory = copy_ledger(tmp_path)
    edit_part(
        directory, "A01", 0, check={"evaluator": "event_date", "params": {"where": {"evnt_id": "x"}, "stated": "2024"}}
    )
    result = CliRunner().invoke(app, ["claims", "--claims-dir", str(directory)])
    assert result.exit_code == 1
    assert "A01" in result.output and "evnt_id" in result.output and "Traceback" not in result.output
