"""The claim ledger's data model (YAML in data/claims/) and the result of checking a claim.

A claim is one checkable sentence (or a span of one) of an article. A sentence with several
checkable parts is split into parts, each with its own check and reviewed verdict; the claim's
verdict follows from its parts by `cautils.claims.rubric.combine`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

THEMES = (
    "trade",
    "arms",
    "un_votes",
    "migration",
    "energy",
    "alliances",
    "sanctions",
    "politics",
)
KINDS = (
    "number",
    "ranking",
    "share",
    "trend",
    "vote",
    "date",
    "membership",
    "deployment",
    "visit",
    "event",
    "biography",
    "quote",
    "statement",
    "judgment",
    "opinion",
    "forecast",
)
# Why a sentence holds no checkable fact (the annotated article shows the reason).
SENTENCE_REASONS = (
    "opinion",
    "interpretation",
    "framing",
    "recommendation",
    "forecast",
    "perception",
    "summary",
    "heading",
    "caption",
    "unreviewed",  # written by `cautils new article`: not yet read for claims (the book says so)
)
Verdict = Literal["supported", "mostly supported", "contradicted", "not checkable"]
CLAIM_ID = r"^[A-Z][A-Z0-9]?\d{2,3}$"


class Alternative(BaseModel):
    """One alternative method choice: parameters that override the check's (deep merge)."""

    model_config = ConfigDict(extra="forbid")
    label: str
    params: dict[str, Any]


class Check(BaseModel):
    model_config = ConfigDict(extra="forbid")
    evaluator: str
    params: dict[str, Any] = Field(default_factory=dict)
    robustness: list[Alternative] = Field(default_factory=list)
    # For an attributed estimate or expectation: what actually happened, shown beside the verdict.
    actual: Alternative | None = None
    # Why a quantitative check has no other reasonable method choice (shown on the claim page in
    # place of robustness lines; a quantitative part needs one or the other).
    no_alternative: str | None = Field(default=None, max_length=300)


class Part(BaseModel):
    """One checkable part of a claim, with its own check and reviewed verdict."""

    model_config = ConfigDict(extra="forbid")
    label: str = ""
    quote: str | None = Field(default=None, max_length=80)  # a few words of this part, from the same paragraph
    check: Check
    expected: Verdict
    notes: str = ""  # may hold {placeholders} filled from the evaluated numbers


class Published(BaseModel):
    """The verdict a claim had when it was first published, and when."""

    model_config = ConfigDict(extra="forbid")
    date: dt.date
    verdict: Verdict


class Claim(BaseModel):
    """One ledger entry."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=CLAIM_ID)
    article: str
    section: str
    paragraph: int = Field(ge=1)
    quote: str = Field(min_length=8, max_length=130)  # the span that identifies the claim, not the whole sentence
    restatement: str = Field(max_length=75)
    theme: Literal[THEMES]  # type: ignore[valid-type]
    countries: list[str]
    kind: Literal[KINDS]  # type: ignore[valid-type]
    parts: list[Part] = Field(min_length=1)
    published: Published
    reviewed: dt.date
    notes: str = ""

    @field_validator("countries")
    @classmethod
    def _iso3(cls, value: list[str]) -> list[str]:
        from cautils.countries import to_iso3

        return [to_iso3(v, "claim countries") for v in value]

    @model_validator(mode="after")
    def _parts(self) -> Claim:
        labels = [p.label for p in self.parts]
        if len(self.parts) > 1 and (not all(labels) or len(set(labels)) != len(labels)):
            raise ValueError("every part of a multi-part claim needs its own, distinct label")
        return self

    @property
    def expected(self) -> str:
        """The reviewed verdict of the claim, combined from its parts' reviewed verdicts."""
        from cautils.claims.rubric import combine

        return combine([p.expected for p in self.parts])


class Sentence(BaseModel):
    """A sentence of an article that holds no checkable fact, with the reason."""

    model_config = ConfigDict(extra="forbid")
    paragraph: int = Field(ge=1)
    starts: str = Field(min_length=12)  # the sentence's first words, exactly
    reason: Literal[SENTENCE_REASONS]  # type: ignore[valid-type]
    why: str = Field(min_length=8, max_length=200)
    see: list[str] = Field(default_factory=list)  # claims that check facts it refers to


class Author(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str


class Article(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[A-Z][A-Z0-9]?$")
    title: str
    authors: list[Author] = Field(default_factory=list)  # empty: the text names no author
    publisher: str | None = None
    url: str | None = None
    date_published: str | None = None
    file: str
    title_note: str = ""


class Ledger(BaseModel):
    model_config = ConfigDict(extra="forbid")
    article: Article
    claims: list[Claim]
    sentences: list[Sentence] = Field(default_factory=list)


class Correction(BaseModel):
    """One dated change of a claim's verdict (data/claims/corrections.yaml)."""

    model_config = ConfigDict(extra="forbid")
    claim: str = Field(pattern=CLAIM_ID)
    date: dt.date
    old: Verdict
    new: Verdict
    reason: str = Field(min_length=10)
    data_changed: str = Field(min_length=3)


class SourceRef(BaseModel):
    """What a verdict rests on: a processed table (with its sha256 and raw datasets) or curated rows."""

    table: str
    sha256: str | None = None
    datasets: list[dict[str, str]] = Field(default_factory=list)
    rows: list[dict[str, Any]] = Field(default_factory=list)


class Outcome(BaseModel):
    """What an evaluator returns."""

    verdict: Verdict
    headline: str
    numbers: dict[str, Any]
    explanation: str
    evidence: list[dict[str, Any]] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)
    quantitative: bool = True


class RobustnessResult(BaseModel):
    label: str
    verdict: str  # the part's verdict under the alternative
    claim_verdict: str = ""  # the claim's verdict if this alternative replaced the main choice
    headline: str
    explanation: str
    numbers: dict[str, Any] = Field(default_factory=dict)


class CheckedOutcome(BaseModel):
    """What a check gave, for a part or a whole claim: verdict against the reviewed one, the
    finding, its numbers, evidence rows, sources and robustness lines."""

    evaluator: str
    verdict: str
    expected: str
    headline: str
    explanation: str
    numbers: dict[str, Any]
    evidence: list[dict[str, Any]]
    sources: list[SourceRef]
    robustness: list[RobustnessResult]
    robust: bool


class PartResult(CheckedOutcome):
    """A checked part: its check's outcome, robustness, and the reviewed verdict."""

    label: str
    quote: str | None
    quantitative: bool
    notes: str
    actual: RobustnessResult | None = None
    no_alternative: str | None = None


class Result(CheckedOutcome):
    """A checked claim: the ledger entry plus the computed outcome of each part."""

    id: str
    article: str
    section: str
    paragraph: int
    quote: str
    restatement: str
    theme: str
    countries: list[str]
    kind: str
    notes: str
    parts: list[PartResult]
    published: Published
    reviewed: dt.date
    corrections: list[Correction] = Field(default_factory=list)

    @property
    def matches_expected(self) -> bool:
        return all(p.verdict == p.expected for p in self.parts)

    @property
    def last_modified(self) -> dt.date:
        """The date of the last correction, else the review date."""
        return max(c.date for c in self.corrections) if self.corrections else self.reviewed
