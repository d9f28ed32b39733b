"""The claim ledger's data model (YAML in data/claims/) and the result of checking a claim."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from cautils.claims.rubric import VERDICTS

THEMES = (
    "trade", "arms", "un_votes", "migration", "energy", "alliances", "sanctions", "politics",
)
KINDS = (
    "number", "ranking", "share", "trend", "vote", "date", "membership", "deployment", "visit",
    "event", "judgment", "opinion", "forecast",
)


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


class Claim(BaseModel):
    """One ledger entry."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[AB]\d{2}$")
    article: Literal["A", "B"]
    section: str
    paragraph: int = Field(ge=1)
    quote: str = Field(min_length=8)
    restatement: str = Field(max_length=75)
    theme: Literal[THEMES]  # type: ignore[valid-type]
    countries: list[str]
    kind: Literal[KINDS]  # type: ignore[valid-type]
    check: Check
    expected: Literal[VERDICTS]  # type: ignore[valid-type]
    notes: str = ""

    @field_validator("countries")
    @classmethod
    def _iso3(cls, value: list[str]) -> list[str]:
        from cautils.countries import to_iso3

        return [to_iso3(v, "claim countries") for v in value]


class Article(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Literal["A", "B"]
    title: str
    author: str
    publisher: str
    url: str | None = None
    date_published: str | None = None
    file: str


class Ledger(BaseModel):
    model_config = ConfigDict(extra="forbid")
    article: Article
    claims: list[Claim]


class SourceRef(BaseModel):
    """What a verdict rests on: a processed table (with its sha256 and raw datasets) or curated rows."""

    table: str
    sha256: str | None = None
    datasets: list[dict[str, str]] = Field(default_factory=list)
    rows: list[dict[str, Any]] = Field(default_factory=list)


class Outcome(BaseModel):
    """What an evaluator returns."""

    verdict: Literal[VERDICTS]  # type: ignore[valid-type]
    headline: str
    numbers: dict[str, Any]
    explanation: str
    evidence: list[dict[str, Any]] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)


class RobustnessResult(BaseModel):
    label: str
    verdict: str
    headline: str
    explanation: str


class Result(BaseModel):
    """A checked claim: the ledger entry plus the computed outcome and robustness."""

    id: str
    article: str
    section: str
    paragraph: int
    quote: str
    restatement: str
    theme: str
    countries: list[str]
    kind: str
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
    notes: str

    @property
    def matches_expected(self) -> bool:
        return self.verdict == self.expected
