"""schema.org ClaimReview JSON-LD for checked claims."""

from __future__ import annotations

from typing import Any

from cautils.claims.models import Article, Result
from cautils.claims.rubric import RATING

REVIEWER = {"@type": "Organization", "name": "Central Asia Evidence Book"}


def claim_review(result: Result, article: Article, date_published: str, url: str | None = None) -> dict[str, Any]:
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
    if article.authors:  # an author the text does not name is left out, never invented
        item["author"] = [{"@type": "Person", "name": a.name} for a in article.authors]
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": result.id,
        "claimReviewed": result.quote,
        "itemReviewed": item,
        "reviewRating": rating,
        "reviewBody": result.explanation,
        "author": REVIEWER,
        "datePublished": date_published,
    }
    if url:
        review["url"] = url
    return review
