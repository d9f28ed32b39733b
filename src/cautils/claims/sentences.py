"""Every sentence of an article accounted for: checked by a claim, or listed with its reason.

The article text is split into paragraphs (non-empty lines, headings included, numbered from
1 as in the ledger) and sentences. A sentence is covered when a claim of that paragraph quotes
it (the quote lies within the sentence, or the sentence within the quote). Every other
sentence must be listed in the ledger's `sentences` with the reason it holds no checkable
fact; headings and chart captions are recognised by rule. `account` reports each sentence's
status, so completeness is checked, not asserted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cautils.claims.models import Ledger

# A sentence ends at . ! ? (and any closing quotes or brackets after it) before a space and
# a capital, an opening quote or a bracket. Abbreviations are protected first.
ABBREVIATIONS = ("U.S.", "U.K.", "e.g.", "i.e.", "Mr.", "Dr.", "St.", "No.", "vs.")
BOUNDARY = re.compile(r"([.!?][»”\"’)]*)\s+(?=[A-Z«“\"(\[])")
CAPTION = re.compile(r"^Source:\s")
HEADING_MAX_WORDS = 8


def paragraphs(text: str) -> list[str]:
    """The article's paragraphs: its non-empty lines, stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def split_sentences(paragraph: str) -> list[str]:
    protected = paragraph
    for abbreviation in ABBREVIATIONS:
        protected = protected.replace(abbreviation, abbreviation.replace(".", "\x00"))
    pieces = []
    start = 0
    for match in BOUNDARY.finditer(protected):
        pieces.append(protected[start : match.end(1)])
        start = match.end()
    pieces.append(protected[start:])
    return [p.replace("\x00", ".").strip() for p in pieces if p.strip()]


def structural_reason(paragraph: str) -> str | None:
    """'heading' or 'caption' for lines that are not prose, else None."""
    if CAPTION.match(paragraph):
        return "caption"
    if len(paragraph.split()) <= HEADING_MAX_WORDS and not re.search(r"[.!?»”\"’:]$", paragraph):
        return "heading"
    return None


STRUCTURAL_WHY = {
    "heading": "A section heading.",
    "caption": "The caption of a chart that the supplied text does not include; the country chapters "
    "rebuild the chart from data.",
}


@dataclass
class SentenceStatus:
    paragraph: int
    index: int
    text: str
    status: str  # "claim", "listed", "structural" or "missing"
    claims: list[str] = field(default_factory=list)
    reason: str = ""
    why: str = ""
    see: list[str] = field(default_factory=list)


def _covers(quote: str, sentence: str) -> bool:
    return quote in sentence or sentence in quote


def account(ledger: Ledger, text: str) -> tuple[list[SentenceStatus], list[str]]:
    """Each sentence's status, and the problems found (uncovered sentences, listed sentences
    that are also covered, listings that match no sentence or several)."""
    problems: list[str] = []
    statuses: list[SentenceStatus] = []
    used_listings: set[int] = set()
    listings = list(enumerate(ledger.sentences))
    for number, paragraph in enumerate(paragraphs(text), start=1):
        structural = structural_reason(paragraph)
        for index, sentence in enumerate(split_sentences(paragraph), start=1):
            claims = [
                c.id
                for c in ledger.claims
                if c.paragraph == number
                and (_covers(c.quote, sentence) or any(_covers(p.quote, sentence) for p in c.parts if p.quote))
            ]
            matches = [(i, s) for i, s in listings if s.paragraph == number and sentence.startswith(s.starts)]
            status = SentenceStatus(number, index, sentence, "missing", claims=claims)
            if claims:
                status.status = "claim"
                for i, _ in matches:
                    used_listings.add(i)
                    problems.append(
                        f"article {ledger.article.id} paragraph {number} sentence {index}: "
                        f"checked by {', '.join(claims)} and also listed as holding no checkable fact"
                    )
            elif matches:
                i, listing = matches[0]
                used_listings.update(i for i, _ in matches)
                status.status, status.reason, status.why, status.see = (
                    "listed",
                    listing.reason,
                    listing.why,
                    listing.see,
                )
            elif structural:
                status.status, status.reason, status.why = "structural", structural, STRUCTURAL_WHY[structural]
            else:
                problems.append(
                    f"article {ledger.article.id} paragraph {number} sentence {index} is neither "
                    f'checked by a claim nor listed with a reason: "{sentence[:90]}"'
                )
            statuses.append(status)
    for i, listing in listings:
        if i not in used_listings:
            problems.append(
                f"article {ledger.article.id}: the listed sentence of paragraph {listing.paragraph} "
                f'starting "{listing.starts}" matches no sentence of that paragraph'
            )
    known = {c.id for c in ledger.claims}
    for _, listing in listings:
        for ref in listing.see:
            if ref not in known and not ref[:1].isalpha():
                problems.append(f"article {ledger.article.id}: listed sentence refers to unknown claim {ref}")
    return statuses, problems


# -- the reading order, committed beside the ledger -----------------------------------------------
# The annotated article needs the order of sentences, which only the article text gives. The text
# is not part of the project (it lives in ../shared/articles), so the order is derived from it once
# and committed as data/claims/sentences-<ID>.json: positions and references to claims and listings
# only, plus the article's headings; no sentence text beyond what the ledger already quotes.

ORDER_PREFIX = "sentences-"


def order_path(claims_dir, article_id: str):
    from pathlib import Path

    return Path(claims_dir) / f"{ORDER_PREFIX}{article_id}.json"


def reading_order(ledger: Ledger, text: str) -> dict:
    """The article's sentences in order, each a reference: the claims that check it, or the
    listing (index into `ledger.sentences`) that says why it holds no checkable fact, or a
    structural line (heading text, or 'caption'). Raises ValueError if any sentence is missing."""
    import hashlib

    statuses, problems = account(ledger, text)
    if problems:
        raise ValueError(f"article {ledger.article.id}: {problems[0]}")
    listing_index = {(s.paragraph, s.starts): i for i, s in enumerate(ledger.sentences)}
    entries = []
    for status in statuses:
        entry: dict = {"paragraph": status.paragraph, "sentence": status.index, "status": status.status}
        if status.status == "claim":
            entry["claims"] = status.claims
        elif status.status == "listed":
            entry["listing"] = next(
                i
                for (p, starts), i in listing_index.items()
                if p == status.paragraph and status.text.startswith(starts)
            )
        else:
            entry["reason"] = status.reason
            if status.reason == "heading":
                entry["heading"] = status.text
        entries.append(entry)
    return {
        "article": ledger.article.id,
        "article_file": ledger.article.file,
        "article_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "sentences": entries,
    }


def write_reading_order(ledger: Ledger, text: str, claims_dir) -> bool:
    """Write data/claims/sentences-<ID>.json if it changed; returns whether it was written."""
    import json

    from cautils.io import atomic_write_text

    path = order_path(claims_dir, ledger.article.id)
    body = json.dumps(reading_order(ledger, text), indent=1, ensure_ascii=False) + "\n"
    if path.is_file() and path.read_text(encoding="utf-8") == body:
        return False
    atomic_write_text(path, body)
    return True
