"""Every sentence of both articles is either checked by a claim or listed with its reason."""

from __future__ import annotations

import pytest

from cautils.claims import load_ledgers
from cautils.claims.engine import ARTICLES_DIR
from cautils.claims.models import Ledger
from cautils.claims.sentences import account, split_sentences, structural_reason

pytestmark = pytest.mark.skipif(not ARTICLES_DIR.is_dir(), reason="../shared/articles not present")


@pytest.mark.parametrize("ledger", load_ledgers(), ids=lambda led: led.article.id)
def test_every_sentence_is_accounted_for(ledger):
    statuses, problems = account(ledger, (ARTICLES_DIR / ledger.article.file).read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)
    assert all(s.status in ("claim", "listed", "structural") for s in statuses)
    assert sum(s.status == "claim" for s in statuses) >= 40


def test_splitter_keeps_abbreviations_and_closing_quotes():
    assert split_sentences("In 2026 U.S. forces acted. Then «it ended.» Next (maybe) one.") == [
        "In 2026 U.S. forces acted.",
        "Then «it ended.»",
        "Next (maybe) one.",
    ]
    assert split_sentences("the ‘weakest link.’ Russia is next.") == ["the ‘weakest link.’", "Russia is next."]
    assert structural_reason("Kazakhstan") == "heading"
    assert structural_reason("Source: «United Nations Comtrade database».") == "caption"
    assert structural_reason("A long sentence that ends with a full stop here.") is None


def test_a_missing_sentence_is_reported(tmp_path):
    ledger = load_ledgers()[0]
    dropped = Ledger.model_validate(
        {**ledger.model_dump(), "sentences": [s.model_dump() for s in ledger.sentences[1:]]}
    )
    _, problems = account(dropped, (ARTICLES_DIR / ledger.article.file).read_text(encoding="utf-8"))
    assert len(problems) == 1 and "neither checked by a claim nor listed" in problems[0]


def test_a_listing_that_matches_nothing_or_a_checked_sentence_is_reported():
    ledger = load_ledgers()[0]
    first_claim = ledger.claims[0]
    stale = ledger.sentences[0].model_copy(update={"starts": "No such sentence starts like this"})
    redundant = ledger.sentences[0].model_copy(
        update={"paragraph": first_claim.paragraph, "starts": first_claim.quote[:20]}
    )
    broken = ledger.model_copy(update={"sentences": [stale, redundant, *ledger.sentences[1:]]})
    _, problems = account(broken, (ARTICLES_DIR / ledger.article.file).read_text(encoding="utf-8"))
    text = "\n".join(problems)
    assert "matches no sentence" in text and "also listed" in text


@pytest.mark.parametrize("ledger", load_ledgers(), ids=lambda led: led.article.id)
def test_committed_reading_order_matches_the_article_text(ledger):
    """data/claims/sentences-<ID>.json (what the annotated article is built from without the text)
    is what the text and the ledger give now: `cautils claims --write-sentences` was run."""
    import json

    from cautils.claims.sentences import order_path, reading_order
    from cautils.paths import CLAIMS_DIR

    text = (ARTICLES_DIR / ledger.article.file).read_text(encoding="utf-8")
    committed = json.loads(order_path(CLAIMS_DIR, ledger.article.id).read_text(encoding="utf-8"))
    assert committed == reading_order(ledger, text)
    assert not any("text" in entry for entry in committed["sentences"]), "no sentence text is stored"


def test_no_sentence_of_the_published_ledgers_is_left_unreviewed():
    for ledger in load_ledgers():
        assert not [s for s in ledger.sentences if s.reason == "unreviewed"], ledger.article.id
