"""The verdict rubric, worded once and shown in the book."""

from __future__ import annotations

SUPPORTED = "supported"
MOSTLY = "mostly supported"
CONTRADICTED = "contradicted"
NOT_CHECKABLE = "not checkable"

VERDICTS: tuple[str, ...] = (SUPPORTED, MOSTLY, CONTRADICTED, NOT_CHECKABLE)

RUBRIC: dict[str, str] = {
    SUPPORTED: "The data say what the claim says, within the tolerance the claim's wording allows "
    "(stated in each check).",
    MOSTLY: "Right in direction but off by more than that tolerance (within a stated wider margin), "
    "or true for only part of the claim.",
    CONTRADICTED: "The data say otherwise: wrong direction, wrong rank or date, or off by more than "
    "the wider margin.",
    NOT_CHECKABLE: "No available data settles the claim; the entry says what would.",
}

# Numeric rating used in ClaimReview (schema.org Rating: 1 = worst, 3 = best).
RATING: dict[str, int | None] = {SUPPORTED: 3, MOSTLY: 2, CONTRADICTED: 1, NOT_CHECKABLE: None}

COLOURS: dict[str, str] = {
    SUPPORTED: "#1b7837",
    MOSTLY: "#a6dba0",
    CONTRADICTED: "#c2185b",
    NOT_CHECKABLE: "#9e9e9e",
}


def combine(verdicts: list[str]) -> str:
    """Verdict of a claim made of parts: all supported -> supported; none -> contradicted."""
    checked = [v for v in verdicts if v != NOT_CHECKABLE]
    if not checked:
        return NOT_CHECKABLE
    if all(v == SUPPORTED for v in checked) and len(checked) == len(verdicts):
        return SUPPORTED
    if all(v == CONTRADICTED for v in checked):
        return CONTRADICTED
    return MOSTLY


def rubric_markdown() -> str:
    """The rubric as a Markdown list (for the book and the README)."""
    return "\n".join(f"- **{verdict}**: {text}" for verdict, text in RUBRIC.items())
