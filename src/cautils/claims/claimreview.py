"""schema.org ClaimReview JSON-LD for checked claims (one per claim page).

URLs are absolute, from the configured base URL. `datePublished` is the claim's review date and
`dateModified` its last correction (or the review date), so two builds of one commit give
byte-identical JSON-LD. Each author of the article is a separate Person; an author the text
does not name is left out rather than invented.
"""

from __future__ import annotations

from typing import Any

from cautils.claims.models import Article, Result
from cautils.claims.rubric import RATING

REVIEWER = {"@type": "Organization", "name": "Central Asia Evidence Book"}


def claim_page_url(result: Result, base_url: str) -> str:
    return f"{base_url}claims/{result.id}.html"


def claim_review(result: Result, article: Article, base_url: str) -> dict[str, Any]:
    """One ClaimReview object for one checked claim."""
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": result.verdict}
    if RATING[result.verdict] is not None:
        rating.update({"ratingValue": RATING[result.verdict], "bestRating": 3, "worstRating": 1})
    appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": article.title}
    if article.url:
        appearance["url"] = article.url
    if article.date_published:
        appearance["datePublished"] = article.date_published
    item: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    if article.authors:
        item["author"] = [{"@type": "Person", "name": a.name} for a in article.authors]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": result.id,
        "url": claim_page_url(result, base_url),
        "claimReviewed": result.quote,
        "itemReviewed": item,
        "reviewRating": rating,
        "reviewBody": result.explanation,
        "author": {**REVIEWER, "url": base_url},
        "datePublished": result.reviewed.isoformat(),
        "dateModified": result.last_modified.isoformat(),
    }
