"""Evaluator of UN General Assembly votes: the claimed votes of countries on resolutions."""

from __future__ import annotations

from typing import Any, Literal

from cautils.claims.evaluators.base import CONTRADICTED, MOSTLY, SUPPORTED, Params, evaluator
from cautils.claims.models import Outcome
from cautils.claims.tables import ClaimDataError, Tables


class ClaimedVote(Params):
    iso3: str
    vote: Literal["yes", "no", "abstain", "absent", "abstain_or_absent"]
    symbols: list[str] | None = None


class VotePatternParams(Params):
    symbols: list[str] | None = None
    session: str | None = None
    claimed: list[ClaimedVote]
    absent_as: Literal["absent", "abstain"] = "absent"
    table: str = "unga_votes"


@evaluator("vote_pattern", VotePatternParams)
def vote_pattern(p: VotePatternParams, tables: Tables, claim_id: str) -> Outcome:
    """Claimed votes of countries on a set of resolutions; absences can count as abstentions."""
    where: dict[str, Any] = {}
    if p.symbols:
        where["symbol"] = p.symbols
    if p.session:
        res = tables.select("unga_resolutions", {"session": p.session}, claim_id)
        where["symbol"] = sorted(set(res["symbol"]) & set(p.symbols)) if p.symbols else sorted(res["symbol"])
    if not where:
        raise ClaimDataError(f"claim {claim_id}: vote_pattern needs 'symbols' or 'session'")
    where["iso3"] = sorted({c.iso3 for c in p.claimed})
    rows = tables.select(p.table, where, claim_id)
    votes = rows.copy()
    if p.absent_as == "abstain":
        votes["vote"] = votes["vote"].replace({"absent": "abstain"})
    checks = []
    for claimed in p.claimed:
        symbols = claimed.symbols or sorted(set(votes["symbol"]))
        for symbol in symbols:
            actual = votes[(votes["iso3"] == claimed.iso3) & (votes["symbol"] == symbol)]["vote"]
            if actual.empty:
                raise ClaimDataError(f"claim {claim_id}: no vote of {claimed.iso3} on {symbol} in '{p.table}'")
            value = actual.iloc[0]
            wanted = {"abstain", "absent"} if claimed.vote == "abstain_or_absent" else {claimed.vote}
            checks.append(
                {
                    "iso3": claimed.iso3,
                    "symbol": symbol,
                    "claimed": claimed.vote,
                    "actual": value,
                    "match": value in wanted,
                }
            )
    matches = sum(c["match"] for c in checks)
    ratio = matches / len(checks)
    verdict = SUPPORTED if ratio == 1 else MOSTLY if ratio >= 0.5 else CONTRADICTED
    misses = [c for c in checks if not c["match"]]
    explanation = (
        f"{matches} of {len(checks)} claimed country votes match the record"
        + (" (absences counted as abstentions)" if p.absent_as == "abstain" else "")
        + (
            ""
            if not misses
            else ". Not matching: "
            + "; ".join(
                f"{c['iso3']} on {c['symbol']}: claimed {c['claimed']}, recorded {c['actual']}" for c in misses[:8]
            )
        )
        + "."
    )
    return Outcome(
        verdict=verdict,
        headline=f"{matches}/{len(checks)} match",
        numbers={"matches": matches, "checked": len(checks), "ratio": ratio},
        explanation=explanation,
        evidence=checks,
        sources=tables.sources_for(rows),
    )
