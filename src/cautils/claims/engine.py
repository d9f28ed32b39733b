"""Load the ledger, evaluate every claim part by part with its robustness alternatives, guard verdicts."""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from cautils.claims.corrections import by_claim, load_corrections
from cautils.claims.evaluators import SpecError, run_evaluator
from cautils.claims.models import Alternative, Claim, Ledger, Outcome, Part, PartResult, Result, RobustnessResult
from cautils.claims.notes import NoteError, render
from cautils.claims.rubric import combine
from cautils.claims.tables import ClaimDataError, Tables
from cautils.errors import CautilsError
from cautils.paths import ARTICLES_DIR, CLAIMS_DIR

__all__ = ["ARTICLES_DIR"]
LEDGER_SUFFIX = ".yaml"
NOT_LEDGERS = {"corrections.yaml", "review.yaml"}


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


def _where(raw: Any, loc: tuple[Any, ...]) -> str:
    if len(loc) >= 2 and loc[0] == "claims" and isinstance(loc[1], int) and isinstance(raw, dict):
        claims = raw.get("claims") or []
        claim = claims[loc[1]] if loc[1] < len(claims) and isinstance(claims[loc[1]], dict) else {}
        return f" claim {claim.get('id', '#' + str(loc[1] + 1))},"
    if len(loc) >= 2 and loc[0] == "sentences" and isinstance(loc[1], int):
        return f" sentence entry #{loc[1] + 1},"
    return ""


def load_ledger_file(path: Path) -> Ledger:
    """One ledger file, validated (parsed once per process while the file is unchanged)."""
    stat = path.stat() if path.is_file() else None
    return _load_ledger_file(str(path), stat.st_mtime_ns if stat else 0, stat.st_size if stat else 0)


@lru_cache(maxsize=32)
def _load_ledger_file(name: str, mtime_ns: int, size: int) -> Ledger:
    path = Path(name)
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (safe loader)
    except yaml.YAMLError as exc:
        raise LedgerError(f"{path}: not valid YAML ({exc})") from exc
    try:
        return Ledger.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(first["loc"])
        field = ".".join(str(x) for x in loc)
        raise LedgerError(f"{path}:{_where(raw, loc)} field '{field}': {first['msg']}") from exc


def ledger_files(directory: Path = CLAIMS_DIR) -> list[Path]:
    return sorted(p for p in directory.glob(f"*{LEDGER_SUFFIX}") if p.name not in NOT_LEDGERS)


def load_ledgers(directory: Path = CLAIMS_DIR) -> list[Ledger]:
    files = ledger_files(directory)
    if not files:
        raise LedgerError(f"{directory}: no ledger files (*.yaml)")
    ledgers = [load_ledger_file(f) for f in files]
    seen: set[str] = set()
    for path, ledger in zip(files, ledgers, strict=True):
        for claim in ledger.claims:
            if claim.id in seen:
                raise LedgerError(f"{path}: duplicate claim id {claim.id}")
            if claim.article != ledger.article.id or not claim.id.startswith(ledger.article.id):
                raise LedgerError(
                    f"{path}: claim {claim.id} (article {claim.article}) in the ledger of article {ledger.article.id}"
                )
            seen.add(claim.id)
    return ledgers


def all_claims(directory: Path = CLAIMS_DIR) -> list[Claim]:
    return [c for ledger in load_ledgers(directory) for c in ledger.claims]


def _run(claim: Claim, params: dict[str, Any], evaluator: str, tables: Tables, what: str) -> Outcome:
    try:
        return run_evaluator(evaluator, params, tables, claim.id)
    except (SpecError, ClaimDataError) as exc:
        raise CautilsError(f"{exc}{what}") from exc


def _alternative(claim: Claim, part: Part, alternative: Alternative, tables: Tables, what: str) -> Outcome:
    params = deep_merge(part.check.params, alternative.params)
    return _run(claim, params, part.check.evaluator, tables, f" ({what} '{alternative.label}')")


def _note(claim: Claim, label: str, template: str, numbers: dict[str, Any]) -> str:
    try:
        return render(template, numbers)
    except (NoteError, ValueError, KeyError, IndexError) as exc:
        where = f" part '{label}'" if label else ""
        raise CautilsError(f"claim {claim.id}{where}: note placeholder: {exc}") from exc


def evaluate_part(claim: Claim, part: Part, tables: Tables) -> PartResult:
    """Run one part's check, its robustness alternatives and, if given, what actually happened."""
    label = part.label or claim.restatement
    outcome = _run(claim, part.check.params, part.check.evaluator, tables, f" (part '{label}')" if part.label else "")
    robustness = []
    for alternative in part.check.robustness:
        alt = _alternative(claim, part, alternative, tables, "robustness alternative")
        robustness.append(
            RobustnessResult(
                label=alternative.label,
                verdict=alt.verdict,
                headline=alt.headline,
                explanation=alt.explanation,
                numbers=alt.numbers,
            )
        )
    actual = None
    if part.check.actual is not None:
        happened = _alternative(claim, part, part.check.actual, tables, "what happened")
        actual = RobustnessResult(
            label=part.check.actual.label,
            verdict=happened.verdict,
            headline=happened.headline,
            explanation=happened.explanation,
            numbers=happened.numbers,
        )
    return PartResult(
        label=label,
        quote=part.quote,
        evaluator=part.check.evaluator,
        verdict=outcome.verdict,
        expected=part.expected,
        headline=outcome.headline,
        explanation=outcome.explanation,
        numbers=outcome.numbers,
        evidence=outcome.evidence,
        sources=outcome.sources,
        robustness=robustness,
        robust=all(r.verdict == outcome.verdict for r in robustness),
        quantitative=outcome.quantitative,
        notes=_note(claim, part.label, part.notes, outcome.numbers),
        actual=actual,
        no_alternative=part.check.no_alternative,
    )


def _dedupe_sources(parts: list[PartResult]) -> list:
    seen: dict[str, Any] = {}
    for part in parts:
        for source in part.sources:
            key = source.model_dump_json()
            seen.setdefault(key, source)
    return list(seen.values())


def evaluate_claim(claim: Claim, tables: Tables, corrections: list | None = None) -> Result:
    """Evaluate every part and combine: the claim's verdict follows from its parts' verdicts."""
    parts = [evaluate_part(claim, part, tables) for part in claim.parts]
    verdict = combine([p.verdict for p in parts])
    single = len(parts) == 1
    robustness = []
    for index, part in enumerate(parts):
        for alt in part.robustness:
            verdicts = [p.verdict for p in parts]
            verdicts[index] = alt.verdict
            robustness.append(
                alt.model_copy(
                    update={
                        "label": alt.label if single else f"{part.label}: {alt.label}",
                        "claim_verdict": combine(verdicts),
                    }
                )
            )
    if single:
        first = parts[0]
        headline, explanation, numbers, evidence = first.headline, first.explanation, first.numbers, first.evidence
    else:
        headline = "; ".join(f"{p.label}: {p.headline}" for p in parts)
        explanation = " ".join(f"({p.label}) {p.explanation} [{p.verdict}]" for p in parts)
        numbers = {p.label: p.numbers for p in parts}
        evidence = [{"part": p.label, "verdict": p.verdict, "headline": p.headline} for p in parts]
    notes = " ".join(n for n in [_note(claim, "", claim.notes, numbers)] + [p.notes for p in parts if p.notes] if n)
    return Result(
        id=claim.id,
        article=claim.article,
        section=claim.section,
        paragraph=claim.paragraph,
        quote=claim.quote,
        restatement=claim.restatement,
        theme=claim.theme,
        countries=claim.countries,
        kind=claim.kind,
        evaluator="parts" if not single else parts[0].evaluator,
        verdict=verdict,
        expected=claim.expected,
        headline=headline,
        explanation=explanation,
        numbers=numbers,
        evidence=evidence,
        sources=_dedupe_sources(parts),
        robustness=robustness,
        robust=all(r.claim_verdict == verdict for r in robustness),
        notes=notes,
        parts=parts,
        published=claim.published,
        reviewed=claim.reviewed,
        corrections=list(corrections or []),
    )


def evaluate_all(directory: Path = CLAIMS_DIR, tables: Tables | None = None) -> list[Result]:
    tables = tables or Tables()
    log = by_claim(load_corrections(directory))
    return [evaluate_claim(claim, tables, log.get(claim.id)) for claim in all_claims(directory)]


def verdict_changes(results: list[Result]) -> list[Result]:
    """Claims with a part whose computed verdict differs from the ledger's reviewed verdict."""
    return [r for r in results if not r.matches_expected]
