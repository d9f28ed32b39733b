"""Serialise checked claims: the ledger JSON and the ClaimReview JSON-LD document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cautils.claims.claimreview import claim_review
from cautils.claims.engine import load_ledgers
from cautils.claims.models import Result
from cautils.paths import CLAIMS_DIR


def results_json(results: list[Result]) -> list[dict[str, Any]]:
    """Every result as a plain dict (id, article, quote, restatement, theme, countries, verdict,
    explanation, parts, evidence, sources, robustness, corrections and more)."""
    return [r.model_dump(mode="json") for r in results]


def claimreview_document(
    results: list[Result], base_url: str | None = None, claims_dir: Path = CLAIMS_DIR
) -> list[dict[str, Any]]:
    """Every claim's ClaimReview, with absolute URLs from the configured base URL."""
    from cautils.config import base_url as configured

    url = base_url or configured()
    articles = {ledger.article.id: ledger.article for ledger in load_ledgers(claims_dir)}
    return [claim_review(r, articles[r.article], url) for r in results]
