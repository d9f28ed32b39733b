"""Serialise checked claims: the ledger JSON and the ClaimReview JSON-LD document."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from cautils.claims.claimreview import claim_review
from cautils.claims.engine import load_ledgers
from cautils.claims.models import Result
from cautils.paths import CLAIMS_DIR


def publication_date() -> str:
    """Date stamped on ClaimReview: $SOURCE_DATE_EPOCH if set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return when.date().isoformat()


def results_json(results: list[Result]) -> list[dict[str, Any]]:
    """Every result as a plain dict (id, article, quote, restatement, theme, countries, verdict,
    explanation, evidence, sources, robustness and more)."""
    return [r.model_dump(mode="json") for r in results]


def claimreview_document(results: list[Result], base_url: str | None = None,
                         claims_dir: Path = CLAIMS_DIR) -> list[dict[str, Any]]:
    articles = {ledger.article.id: ledger.article for ledger in load_ledgers(claims_dir)}
    date = publication_date()
    return [
        claim_review(r, articles[r.article], date, f"{base_url}#claim-{r.id.lower()}" if base_url else None)
        for r in results
    ]
