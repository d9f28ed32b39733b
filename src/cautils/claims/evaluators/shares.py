"""Evaluators of shares and rankings: a share against a threshold, a change of share, a rank.

Shares of trade are taken over the source's own total (the `total` group, e.g. WLD), which
includes partners the source does not allocate ("other countries"); or, with
`allocated: true`, over the sum of the named partners, and the explanation says so.
"""

from __future__ import annotations

from typing import Any, Literal

import pandas as pd
from pydantic import Field

from cautils.claims.evaluators.base import (
    CONTRADICTED,
    MOSTLY,
    OP_WORDS,
    SUPPORTED,
    Params,
    SpecError,
    as_list,
    combine,
    evaluator,
    fmt,
    holds,
    pct,
)
from cautils.claims.models import Outcome
from cautils.claims.tables import AGGREGATE_CODES, ClaimDataError, Tables, guard_same_flow

TABLES_WITH_TOTALS = {"trade"}


class ShareBase(Params):
    table: str
    where: dict[str, Any] = Field(default_factory=dict)
    column: str = "value"
    group: str
    target: str | list[str]
    total: str | None = None  # the group value whose rows hold the total (e.g. WLD)
    allocated: bool = False  # a share of allocated values only (sum over named groups)
    year_column: str = "year"


def _check_denominator(p: ShareBase, claim_id: str) -> None:
    if p.table in TABLES_WITH_TOTALS and p.total is None and not p.allocated:
        raise SpecError(
            f"claim {claim_id}: a share of '{p.table}' needs `total: WLD` (a total that includes "
            "unallocated partners) or `allocated: true` (a share of allocated trade, said so in the label)"
        )


def split_total(p: ShareBase, rows: pd.DataFrame, claim_id: str, what: str) -> tuple[pd.Series, float, str]:
    """Values by group (aggregates left out) and the denominator, with a phrase naming it."""
    values = pd.to_numeric(rows[p.column], errors="coerce")
    groups = rows[p.group].fillna("(none)")
    members = ~groups.isin(AGGREGATE_CODES | ({p.total} if p.total else set()))
    guard_same_flow(rows[members], claim_id, what)
    by_group = values[members].groupby(groups[members]).sum().sort_values(ascending=False)
    if p.total:
        is_total = groups.eq(p.total)
        if not is_total.any():
            raise ClaimDataError(f"claim {claim_id}: no total rows ({p.group} = {p.total}) in {what}")
        guard_same_flow(rows[is_total], claim_id, what + " (totals)")
        total = float(values[is_total].sum())
        phrase = f"the source's total ({p.total}, unallocated partners included)"
    else:
        total = float(by_group.sum())
        phrase = "the allocated total (named partners only)" if p.allocated else f"the sum over every {p.group}"
    if total == 0:
        raise ClaimDataError(f"claim {claim_id}: the total of '{p.column}' is zero in {what}")
    return by_group, total, phrase


class ShareParams(ShareBase):
    window: tuple[int, int] | None = None
    op: Literal["above", "at_least", "below", "at_most"] = "above"
    threshold: float
    margin: float = 0.02
    exceeds: str | list[str] | None = None


@evaluator("share", ShareParams)
def share(p: ShareParams, tables: Tables, claim_id: str) -> Outcome:
    """The share of a target group in a total over a window, against a threshold; optionally
    also larger than another group's share."""
    _check_denominator(p, claim_id)
    where = dict(p.where)
    if p.window:
        where[p.year_column] = {"between": list(p.window)}
    rows = tables.select(p.table, where, claim_id)
    by_group, total, phrase = split_total(p, rows, claim_id, f"'{p.table}'")
    targets = as_list(p.target)
    target_share = float(by_group.reindex(targets).fillna(0).sum()) / total
    share_ok = holds(target_share, p.op, p.threshold)
    verdicts = [SUPPORTED if share_ok else (MOSTLY if abs(target_share - p.threshold) <= p.margin else CONTRADICTED)]
    rivals = as_list(p.exceeds)
    rival_share = None
    if rivals:
        rival_share = float(by_group.reindex(rivals).fillna(0).sum()) / total
        verdicts.append(SUPPORTED if target_share > rival_share else CONTRADICTED)
    verdict = combine(verdicts)
    window = f"{p.window[0]}-{p.window[1]}" if p.window else "all years"
    explanation = (
        f"Share of {'+'.join(targets)} in {p.column} ({window}): {pct(target_share)} of "
        f"{fmt(total)}, {phrase}; the claim needs it {OP_WORDS[p.op]} {pct(p.threshold, 0)}"
        + (f" and above {'+'.join(rivals)}'s {pct(rival_share)}" if rival_share is not None else "")
        + ". Largest shares: "
        + ", ".join(f"{g} {pct(v / total)}" for g, v in by_group.head(6).items())
        + "."
    )
    return Outcome(
        verdict=verdict,
        headline=pct(target_share),
        numbers={
            "share": target_share,
            "threshold": p.threshold,
            "total": total,
            "rival_share": rival_share,
            "target": "+".join(targets),
            "by_group": {str(k): float(v) for k, v in by_group.items()},
        },
        explanation=explanation,
        evidence=[{"group": str(k), "value": float(v), "share": float(v) / total} for k, v in by_group.items()],
        sources=tables.sources_for(rows),
    )


class ShareChangeParams(ShareBase):
    before: tuple[int, int]
    after: tuple[int, int]
    expect: Literal["increase", "decrease"]
    min_change: float = 0.0


@evaluator("share_change", ShareChangeParams)
def share_change(p: ShareChangeParams, tables: Tables, claim_id: str) -> Outcome:
    """Whether a target's share of a total rose or fell between two windows (percentage points)."""
    _check_denominator(p, claim_id)
    targets = as_list(p.target)
    shares: dict[str, float] = {}
    used = []
    phrase = ""
    for label, window in (("before", p.before), ("after", p.after)):
        rows = tables.select(p.table, {**p.where, p.year_column: {"between": list(window)}}, claim_id)
        by_group, total, phrase = split_total(p, rows, claim_id, f"'{p.table}' {window[0]}-{window[1]}")
        shares[label] = float(by_group.reindex(targets).fillna(0).sum()) / total
        used.append(rows)
    delta = shares["after"] - shares["before"]
    right = delta > 0 if p.expect == "increase" else delta < 0
    if right and abs(delta) >= p.min_change:
        verdict = SUPPORTED
    elif right:
        verdict = MOSTLY
    else:
        verdict = CONTRADICTED
    explanation = (
        f"Share of {'+'.join(targets)} in {p.column}, of {phrase}: {pct(shares['before'])} in "
        f"{p.before[0]}-{p.before[1]}, {pct(shares['after'])} in {p.after[0]}-{p.after[1]} "
        f"({'+' if delta >= 0 else ''}{delta * 100:.1f} pp); the claim expects "
        f"{'an' if p.expect == 'increase' else 'a'} {p.expect}"
        + (f" of at least {p.min_change * 100:.0f} pp" if p.min_change else "")
        + "."
    )
    rows = pd.concat(used)
    return Outcome(
        verdict=verdict,
        headline=f"{pct(shares['before'], 0)} → {pct(shares['after'], 0)}",
        numbers={**shares, "delta_pp": delta * 100},
        explanation=explanation,
        evidence=[
            {"window": f"{w[0]}-{w[1]}", "share": shares[k]} for k, w in (("before", p.before), ("after", p.after))
        ],
        sources=tables.sources_for(rows),
    )


class RankParams(Params):
    table: str
    where: dict[str, Any] = Field(default_factory=dict)
    column: str = "value"
    group: str
    target: str | None = None
    expected_rank: int = 1
    top: list[str] | None = None
    ascending: bool = False
    periods: list[tuple[int, int]] | None = None
    by: str | None = None
    year_column: str = "year"


def _ranking(values: pd.Series, groups: pd.Series, ascending: bool) -> pd.Series:
    members = ~groups.isin(AGGREGATE_CODES)
    return values[members].groupby(groups[members]).sum().sort_values(ascending=ascending)


@evaluator("rank", RankParams)
def rank(p: RankParams, tables: Tables, claim_id: str) -> Outcome:
    """The rank of a target (a partner, a supplier) within a group, per period; or the set of
    the top k. Totals and unallocated remainders are never ranked."""
    if p.target is None and not p.top:
        raise SpecError(f"claim {claim_id}: rank needs 'target' or 'top'")
    rows = tables.select(p.table, p.where, claim_id)
    guard_same_flow(rows[~rows[p.group].isin(AGGREGATE_CODES)], claim_id, f"the ranking on '{p.table}'")
    values = pd.to_numeric(rows[p.column], errors="coerce")
    periods: list[tuple[str, pd.Series]] = []
    if p.periods:
        for start, end in p.periods:
            mask = rows[p.year_column].between(start, end)
            if not mask.any():
                raise ClaimDataError(f"claim {claim_id}: no rows for {start}-{end} in '{p.table}' with {p.where}")
            periods.append((f"{start}-{end}", _ranking(values[mask], rows.loc[mask, p.group], p.ascending)))
    elif p.by:
        for key, index in rows.groupby(p.by).groups.items():
            periods.append((str(key), _ranking(values.loc[index], rows.loc[index, p.group], p.ascending)))
    else:
        periods.append(("all", _ranking(values, rows[p.group], p.ascending)))
    results: list[dict[str, Any]] = []
    for label, ranking in periods:
        order = list(ranking.index)
        if p.top:
            k = len(p.top)
            overlap = len(set(order[:k]) & set(p.top))
            results.append(
                {"period": label, "top": order[:k], "overlap": overlap, "ok": overlap == k, "near": overlap >= k - 1}
            )
        else:
            position = order.index(p.target) + 1 if p.target in order else None
            results.append(
                {
                    "period": label,
                    "rank": position,
                    "leader": order[0],
                    "leader_value": float(ranking.iloc[0]),
                    "target_value": float(ranking.get(p.target, float("nan"))),
                    "ok": position == p.expected_rank,
                    "near": position is not None and abs(position - p.expected_rank) <= 1,
                }
            )
    oks = [r["ok"] for r in results]
    if all(oks):
        verdict = SUPPORTED
    elif any(oks) or all(r["near"] for r in results):
        verdict = MOSTLY
    else:
        verdict = CONTRADICTED
    if p.top:
        detail = "; ".join(f"{r['period']}: top {len(p.top)} = {', '.join(map(str, r['top']))}" for r in results)
        explanation = f"Claimed top {len(p.top)}: {', '.join(p.top)}. Data: {detail}."
        headline = ", ".join(map(str, results[-1]["top"]))
    else:
        detail = "; ".join(
            f"{r['period']}: rank {r['rank'] if r['rank'] else 'absent'}"
            + (f" (leader {r['leader']})" if r["rank"] != 1 else "")
            for r in results
        )
        explanation = (
            f"Rank of {p.target} by {p.column} among {p.group} ({'lowest first' if p.ascending else 'largest first'}); "
            f"claimed rank {p.expected_rank}. {detail}."
        )
        last = results[-1]
        headline = f"rank {last['rank'] or 'absent'}" + (f" ({last['period']})" if last["period"] != "all" else "")
    evidence = []
    for label, ranking in periods:
        for position, (name, value) in enumerate(ranking.head(8).items(), start=1):
            evidence.append({"period": label, "rank": position, p.group: str(name), p.column: float(value)})
    return Outcome(
        verdict=verdict,
        headline=headline,
        numbers={"periods": results, "target_codes": list(p.top) if p.top else [p.target]},
        explanation=explanation,
        evidence=evidence,
        sources=tables.sources_for(rows),
    )
