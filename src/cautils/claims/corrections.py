"""The corrections log (data/claims/corrections.yaml): every change of a published verdict.

A claim's verdict at first publication is recorded in its `published` field. Each later
change is an entry in the log (claim, date, old verdict, new verdict, reason, what data
changed). `check_corrections` replays the log: starting from the published verdict, each
entry must start where the previous one ended, and the last must end at the verdict the
ledger now expects. A verdict changed in the ledger without a log entry fails the check.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import yaml
from pydantic import TypeAdapter, ValidationError

from cautils.claims.models import Claim, Correction
from cautils.errors import CautilsError
from cautils.paths import CLAIMS_DIR

CORRECTIONS_FILE = "corrections.yaml"


class CorrectionsError(CautilsError):
    """The corrections log is malformed or does not explain a verdict."""


def load_corrections(directory: Path = CLAIMS_DIR) -> list[Correction]:
    path = directory / CORRECTIONS_FILE
    if not path.is_file():
        return []
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = raw.get("corrections", []) if isinstance(raw, dict) else None
    if entries is None:
        raise CorrectionsError(f"{path}: expected a mapping with a 'corrections' list")
    try:
        return TypeAdapter(list[Correction]).validate_python(entries)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = first["loc"]
        index = loc[0] if loc and isinstance(loc[0], int) else None
        claim = entries[index].get("claim", "?") if index is not None and isinstance(entries[index], dict) else "?"
        field = ".".join(str(x) for x in loc[1:])
        raise CorrectionsError(
            f"{path}: entry {index + 1 if index is not None else '?'} (claim {claim}), field '{field}': {first['msg']}"
        ) from exc


def by_claim(corrections: list[Correction]) -> dict[str, list[Correction]]:
    grouped: dict[str, list[Correction]] = defaultdict(list)
    for entry in sorted(corrections, key=lambda c: c.date):
        grouped[entry.claim].append(entry)
    return dict(grouped)


def check_corrections(claims: list[Claim], corrections: list[Correction]) -> list[str]:
    """Problems found replaying the log against the ledger (empty when every verdict is explained)."""
    problems = []
    known = {c.id: c for c in claims}
    grouped = by_claim(corrections)
    for claim_id in sorted(set(grouped) - set(known)):
        problems.append(f"{claim_id}: the corrections log names a claim that is not in the ledger")
    for claim in claims:
        verdict = claim.published.verdict
        for entry in grouped.get(claim.id, []):
            if entry.date < claim.published.date:
                problems.append(
                    f"{claim.id}: correction of {entry.date} predates the claim's publication ({claim.published.date})"
                )
            if entry.old != verdict:
                problems.append(
                    f"{claim.id}: correction of {entry.date} starts from '{entry.old}', but the "
                    f"verdict before it was '{verdict}'"
                )
            if entry.old == entry.new:
                problems.append(f"{claim.id}: correction of {entry.date} does not change the verdict")
            verdict = entry.new
        if verdict != claim.expected:
            problems.append(
                f"{claim.id}: the ledger's verdict is '{claim.expected}' but the published verdict and the "
                f"corrections log give '{verdict}': add a dated entry to data/claims/{CORRECTIONS_FILE}"
            )
    return problems
