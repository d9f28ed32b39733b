"""The verdict rubric and the rule that combines parts, worded once and shown in the book."""

from __future__ import annotations

SUPPORTED = "supported"
MOSTLY = "mostly supported"
CONTRADICTED = "contradicted"
NOT_CHECKABLE = "not checkable"

VERDICTS: tuple[str, ...] = (SUPPORTED, MOSTLY, CONTRADICTED, NOT_CHECKABLE)

RUBRIC: dict[str, str] = {
    SUPPORTED: "The data or a cited source say what the claim says, within the tolerance the "
    "claim's wording allows (stated in each check).",
    MOSTLY: "Right in direction but off by more than that tolerance (within a stated wider margin), "
    "or true for only part of the claim.",
    CONTRADICTED: "The data or a cited source say otherwise: wrong direction, wrong rank or date, "
    "or off by more than the wider margin.",
    NOT_CHECKABLE: "An opinion, forecast or perception that no data can settle, or a report that "
    "nothing public confirms or denies; the entry says what would settle it.",
}

# The principles every check follows (shown in the book under the rubric).
PRINCIPLES: tuple[str, ...] = (
    "A fact that a cited public source settles is checkable: the ledger cites the source.",
    "Absence of confirmation is not contradiction: a report that nothing confirms or denies is "
    "'not checkable' (it says what would settle it), never 'contradicted'. Only data or a source "
    "that says otherwise contradicts a claim.",
    "An attributed estimate or expectation ('an estimated ... bcm', 'an expected ... bcm') is judged "
    "as what it says: was that the estimate or expectation at the time? What actually happened is "
    "shown beside it, as a robustness line, for every such claim alike.",
    "A sentence with several checkable parts is split into parts, each with its own verdict; the "
    "claim's verdict follows from the parts by the combination rule below.",
    "Every quantitative verdict carries robustness lines: the verdict under each other reasonable "
    "method choice (window, data release, reporter or partner figures, counting of absences, "
    "pipeline or all gas). A near miss is shown, not hidden.",
    "Shares are computed over totals that include unallocated partners, or their label says they "
    "are shares of allocated trade. Two sources that measure the same flow are shown side by side, "
    "never added together (the evaluators refuse to add them).",
    "No number in an explanation or note is typed by hand: explanations are generated from the "
    "tables and notes take their numbers from the evaluated results.",
)

COMBINATION_RULE = (
    "If no part can be checked, the claim is not checkable. It is supported only if every part is "
    "supported. It is contradicted if every part that can be checked is contradicted. Any other mix "
    "makes it mostly supported: true, or verified, for only part of the claim (a part that is a "
    "report nothing confirms keeps a claim from being fully supported)."
)

# Numeric rating used in ClaimReview (schema.org Rating: 1 = worst, 3 = best).
RATING: dict[str, int | None] = {SUPPORTED: 3, MOSTLY: 2, CONTRADICTED: 1, NOT_CHECKABLE: None}

# Badge colours (the book's verdict badges).
COLOURS: dict[str, str] = {
    SUPPORTED: "#1b7837",
    MOSTLY: "#a6dba0",
    CONTRADICTED: "#c2185b",
    NOT_CHECKABLE: "#616161",  # white text on it: contrast 6.2:1 (WCAG AA)
}


def combine(verdicts: list[str]) -> str:
    """The claim's verdict from its parts' verdicts (see COMBINATION_RULE)."""
    unknown = [v for v in verdicts if v not in VERDICTS]
    if unknown:
        raise ValueError(f"unknown verdict(s) {unknown}; expected one of {', '.join(VERDICTS)}")
    checked = [v for v in verdicts if v != NOT_CHECKABLE]
    if not checked:
        return NOT_CHECKABLE
    if all(v == SUPPORTED for v in verdicts):
        return SUPPORTED
    if all(v == CONTRADICTED for v in checked):
        return CONTRADICTED
    return MOSTLY


def rubric_markdown() -> str:
    """The rubric, principles and combination rule as Markdown (for the book and the README)."""
    verdicts = "\n".join(f"- **{verdict}**: {text}" for verdict, text in RUBRIC.items())
    principles = "\n".join(f"- {p}" for p in PRINCIPLES)
    return f"{verdicts}\n\n**Principles**\n\n{principles}\n\n**Combining parts.** {COMBINATION_RULE}"
