"""`cautils new article`: the ledger stub for a further article, ready to fill in.

The stub holds the article's metadata, no claims yet, and every sentence of the text listed as
"unreviewed" with its paragraph number and first words, so the annotated article appears in the
book at once and shows what is left to read. Filling in the ledger replaces those listings by
claims (or by the reason a sentence holds no checkable fact); the ledger tests refuse
"unreviewed" listings in a finished ledger.
"""

from __future__ import annotations

import os
from pathlib import Path

from cautils.claims.models import Ledger
from cautils.claims.sentences import paragraphs, split_sentences, structural_reason, write_reading_order
from cautils.claims.yamlio import dump_ledger
from cautils.errors import CautilsError
from cautils.io import atomic_write_text

MIN_START = 12  # characters a listing's `starts` needs (cautils.claims.models.Sentence)


class ScaffoldError(CautilsError):
    """The new article cannot be scaffolded (names what is wrong)."""


def opening(sentence: str, others: list[str]) -> str:
    """The shortest run of first words (at least MIN_START characters) that no other sentence of
    the paragraph starts with."""
    words = sentence.split()
    for n in range(1, len(words) + 1):
        start = " ".join(words[:n])
        if len(start) >= MIN_START and not any(o != sentence and o.startswith(start) for o in others):
            return start
    return sentence


def article_file(text_path: Path, articles_dir: Path) -> str:
    """How the ledger names the text: relative to the articles folder (where A and B live)."""
    return os.path.relpath(text_path.resolve(), articles_dir.resolve())


def stub(
    article_id: str,
    text: str,
    file: str,
    title: str,
    authors: list[str],
    publisher: str | None = None,
    url: str | None = None,
    date_published: str | None = None,
) -> dict:
    sentences = []
    for number, paragraph in enumerate(paragraphs(text), start=1):
        if structural_reason(paragraph):
            continue
        pieces = split_sentences(paragraph)
        for sentence in pieces:
            sentences.append(
                {
                    "paragraph": number,
                    "starts": opening(sentence, pieces),
                    "reason": "unreviewed",
                    "why": "Not yet read for checkable facts.",
                }
            )
    article = {
        "id": article_id,
        "title": title,
        "authors": [{"name": a} for a in authors],
        "publisher": publisher,
        "url": url,
        "date_published": date_published,
        "file": file,
    }
    return {"article": article, "claims": [], "sentences": sentences}


def new_article(
    article_id: str,
    text_path: Path,
    title: str,
    authors: list[str],
    claims_dir: Path,
    articles_dir: Path,
    publisher: str | None = None,
    url: str | None = None,
    date_published: str | None = None,
) -> Path:
    """Write data/claims/<ID>.yaml and its reading order; refuses to overwrite a ledger."""
    target = claims_dir / f"{article_id}.yaml"
    if target.exists():
        raise ScaffoldError(f"{target}: a ledger for article {article_id} exists already")
    if not text_path.is_file():
        raise ScaffoldError(f"{text_path}: article text not found")
    text = text_path.read_text(encoding="utf-8")
    data = stub(article_id, text, article_file(text_path, articles_dir), title, authors, publisher, url, date_published)
    try:
        ledger = Ledger.model_validate(data)
    except Exception as exc:
        raise ScaffoldError(f"article {article_id}: {exc}") from exc
    if not ledger.sentences:
        raise ScaffoldError(f"{text_path}: no sentences found")
    atomic_write_text(target, dump_ledger(ledger.model_dump(mode="json", exclude_none=True), article_id))
    write_reading_order(ledger, text, claims_dir)
    return target
