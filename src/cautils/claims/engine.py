"""Load the ledger, evaluate every claim with its robustness alternatives, guard verdicts."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from cautils.claims.evaluators import SpecError, run_evaluator
from cautils.claims.models import Claim, Ledger, Result, RobustnessResult
from cautils.claims.tables import ClaimDataError, Tables
from cautils.errors import CautilsError
from cautils.paths import CLAIMS_DIR, PROJECT_ROOT

ARTICLES_DIR = PROJECT_ROOT.parent / "shared" / "articles"


class LedgerError(CautilsError):
    """The ledger file is malformed (names the file and the claim)."""


def deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Recursively merge `override` into a copy of `base`; lists and scalars are replaced."""
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def load_ledger_file(path: Path) -> Ledger:
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (safe loader)
    except yaml.YAMLError as exc:
        raise LedgerError(f"{path}: not valid YAML ({exc})") from exc
    try:
        return Ledger.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = first["loc"]
        where = ""
        if len(loc) >= 2 and loc[0] == "claims" and isinstance(loc[1], int):
            claim = raw["claims"][loc[1]] if isinstance(raw, dict) else {}
            where = f" claim {claim.get('id', '#' + str(loc[1] + 1))},"
        field = ".".join(str(x) for x in loc)
        raise LedgerError(f"{path}:{where} field '{field}': {first['msg']}") from exc


def load_ledgers(directory: Path = CLAIMS_DIR) -> list[Ledger]:
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise LedgerError(f"{directory}: no ledger files (*.yaml)")
    ledgers = [load_ledger_file(f) for f in files]
    seen: set[str] = set()
    for ledger in ledgers:
        for claim in ledger.claims:
            if claim.id in seen:
                raise LedgerError(f"duplicate claim id {claim.id}")
            if claim.article != ledger.article.id:
                raise LedgerError(f"claim {claim.id}: article {claim.article} in the ledger of article {ledger.article.id}")
            seen.add(claim.id)
    return ledgers


def all_claims(directory: Path = CLAIMS_DIR) -> list[Claim]:
    return [c for ledger in load_ledgers(directory) for c in ledger.claims]


def evaluate_claim(claim: Claim, tables: Tables) -> Result:
    """Run a claim's check and each of its robustness alternatives."""
    try:
        outcome = run_evaluator(claim.check.evaluator, claim.check.params, tables, claim.id)
    except (SpecError, ClaimDataError) as exc:
        raise CautilsError(str(exc)) from exc
    robustness = []
    for alternative in claim.check.robustness:
        params = deep_merge(claim.check.params, alternative.params)
        try:
            alt = run_evaluator(claim.check.evaluator, params, tables, claim.id)
        except (SpecError, ClaimDataError) as exc:
            raise CautilsError(f"{exc} (robustness alternative '{alternative.label}')") from exc
        robustness.append(RobustnessResult(label=alternative.label, verdict=alt.verdict,
                                           headline=alt.headline, explanation=alt.explanation))
    return Result(
        id=claim.id, article=claim.article, section=claim.section, paragraph=claim.paragraph,
        quote=claim.quote, restatement=claim.restatement, theme=claim.theme, countries=claim.countries,
        kind=claim.kind, evaluator=claim.check.evaluator, verdict=outcome.verdict, expected=claim.expected,
        headline=outcome.headline, explanation=outcome.explanation, numbers=outcome.numbers,
        evidence=outcome.evidence, sources=outcome.sources, robustness=robustness,
        robust=all(r.verdict == outcome.verdict for r in robustness), notes=claim.notes,
    )


def evaluate_all(directory: Path = CLAIMS_DIR, tables: Tables | None = None) -> list[Result]:
    tables = tables or Tables()
    return [evaluate_claim(claim, tables) for claim in all_claims(directory)]


def verdict_changes(results: list[Result]) -> list[Result]:
    """Claims whose computed verdict differs from the ledger's expected verdict."""
    return [r for r in results if not r.matches_expected]
