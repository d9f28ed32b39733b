"""Evaluate the ledger once per build, claim by claim, reusing what has not changed.

A claim's cached result is reused when its definition, its corrections, the claims code and
every table it read are unchanged. The results are written to one JSON file that the notebooks
receive as a parameter (its path) and the book publishes as claims.json. A ledger error stops
the build at once and names the claim.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from cautils.claims.corrections import by_claim, load_corrections
from cautils.claims.engine import all_claims, evaluate_claim
from cautils.claims.models import Result
from cautils.claims.tables import Tables
from cautils.fingerprint import code_hash, sha256_text, table_hashes
from cautils.io import atomic_write_text
from cautils.paths import BUILD_DIR, CLAIMS_DIR

CLAIMS_CODE = Path(__file__).resolve().parent


@dataclass
class LedgerRun:
    path: Path  # the results JSON
    results: list[Result]
    hashes: dict[str, str]  # claim id -> sha256 of what chapters show of it (`display_hash`)
    evaluated: list[str]  # claims evaluated now (the rest came from the cache)
    changed: list[str]  # claims whose shown summary differs from the previous build's

    def dependency_hashes(self, entries: list[str]) -> dict[str, str]:
        """Hashes of what a page read of the claims: 'B37' (what chapters show of it), 'B37@verdict,quote'
        (those fields), '*' or '*@fields' (every claim)."""
        by_id = {r.id: r for r in self.results}
        out: dict[str, str] = {}
        for entry in sorted(set(entries)):
            claim, _, fields = entry.partition("@")
            if claim.startswith("?"):  # a selection: '?theme=arms&country=&article='
                where = dict(part.split("=", 1) for part in claim[1:].split("&"))
                chosen = [r for r in self.results if _matches(r, where)]
                out[entry] = sha256_text(
                    json.dumps([r.id for r in chosen]) + "".join(self._hash(r, fields) for r in chosen)
                )
                continue
            chosen = list(by_id.values()) if claim == "*" else [by_id[claim]] if claim in by_id else []
            out[entry] = sha256_text("".join(self._hash(r, fields) for r in chosen)) if chosen else "missing"
        return out

    def _hash(self, result: Result, fields: str) -> str:
        """What a page read of one claim: those fields, or (no fields) what chapters show of it."""
        if not fields:
            return self.hashes[result.id]
        shown = result.model_dump(mode="json", include=set(fields.split(",")))
        return sha256_text(json.dumps(shown, sort_keys=True, ensure_ascii=False))


def _matches(result: Result, where: dict[str, str]) -> bool:
    """Whether a claim matches a selection of `cautils.report.select` (an empty value = any)."""
    return (
        (not where.get("theme") or result.theme == where["theme"])
        and (not where.get("country") or where["country"] in result.countries)
        and (not where.get("article") or result.article == where["article"])
    )


def display_hash(result: Result) -> str:
    """sha256 of what chapters show of a claim: its identity, verdicts, headlines, robustness
    lines and corrections. Its claim page shows everything (evidence rows too) and is stamped
    on the whole result; chapters re-execute only when this summary changes."""
    summary = {
        "id": result.id,
        "article": result.article,
        "quote": result.quote,
        "restatement": result.restatement,
        "section": result.section,
        "paragraph": result.paragraph,
        "theme": result.theme,
        "countries": result.countries,
        "kind": result.kind,
        "verdict": result.verdict,
        "headline": result.headline,
        "robust": result.robust,
        "reviewed": str(result.reviewed),
        "parts": [(p.label, p.verdict, p.headline) for p in result.parts],
        "robustness": [(a.label, a.verdict, a.claim_verdict, a.headline) for a in result.robustness],
        "corrections": [c.model_dump(mode="json") for c in result.corrections],
    }
    return sha256_text(json.dumps(summary, sort_keys=True, ensure_ascii=False))


def evaluate_ledger(
    claims_dir: Path = CLAIMS_DIR, build_dir: Path = BUILD_DIR, tables: Tables | None = None
) -> LedgerRun:
    tables = tables or Tables()
    cache_dir = build_dir / "cache" / "claims"
    cache_dir.mkdir(parents=True, exist_ok=True)
    code = code_hash(CLAIMS_CODE)
    log = by_claim(load_corrections(claims_dir))
    results, hashes, evaluated = [], {}, []
    for claim in all_claims(claims_dir):
        corrections = log.get(claim.id, [])
        base = sha256_text(
            claim.model_dump_json() + json.dumps([c.model_dump(mode="json") for c in corrections]) + code
        )
        cached_path = cache_dir / f"{claim.id}.json"
        result = None
        if cached_path.is_file():
            cached = json.loads(cached_path.read_text(encoding="utf-8"))
            if cached["base"] == base and table_hashes(list(cached["tables"])) == cached["tables"]:
                result = Result.model_validate(cached["result"])
        if result is None:
            tables.accessed.clear()
            result = evaluate_claim(claim, tables, corrections)
            entry = {
                "base": base,
                "tables": table_hashes(sorted(tables.accessed)),
                "result": result.model_dump(mode="json"),
            }
            atomic_write_text(cached_path, json.dumps(entry, ensure_ascii=False))
            evaluated.append(claim.id)
        results.append(result)
        hashes[claim.id] = display_hash(result)
    path = build_dir / "claims.json"
    previous_path = build_dir / "cache" / "claims-shown.json"
    previous = json.loads(previous_path.read_text(encoding="utf-8")) if previous_path.is_file() else {}
    changed = [cid for cid, digest in hashes.items() if previous.get(cid) != digest]
    atomic_write_text(previous_path, json.dumps(hashes, indent=0))
    text = json.dumps([r.model_dump(mode="json") for r in results], indent=1, ensure_ascii=False)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        atomic_write_text(path, text)
    return LedgerRun(path=path, results=results, hashes=hashes, evaluated=evaluated, changed=changed)
