"""Evaluators: pure functions of the processed and curated tables, one per kind of check.

Each takes validated parameters and a `Tables`, and returns an `Outcome`: the verdict, a
headline number, the decisive numbers, an explanation generated from those numbers, the
evidence rows and the sources used. Parameters are pydantic models, so a bad spec fails
with a message that names the claim.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from cautils.claims.models import Outcome
from cautils.claims.rubric import CONTRADICTED, MOSTLY, NOT_CHECKABLE, SUPPORTED, combine
from cautils.claims.tables import ClaimDataError, Tables


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")


EVALUATORS: dict[str, tuple[type[Params], Callable[..., Outcome]]] = {}


def evaluator(name: str, params: type[Params]):
    """Register an evaluator under `name` with its parameter model."""

    def register(func: Callable[..., Outcome]) -> Callable[..., Outcome]:
        EVALUATORS[name] = (params, func)
        func.__doc__ = func.__doc__ or ""
        return func

    return register


# -- shared pieces ---------------------------------------------------------------------------


class Measure(Params):
    """A number (or a series, with `by`) drawn from one table."""

    table: str
    where: dict[str, Any] = Field(default_factory=dict)
    column: str = "value"
    agg: Literal["sum", "mean", "max", "min", "single", "count"] = "sum"
    by: str | None = None
    scale: float = 1.0
    unit: str = ""
    label: str = ""


def fmt(value: float | int | None, unit: str = "", digits: int | None = None) -> str:
    """Format a number for prose: thousands separators, sensible decimals, unit."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "n/a"
    if digits is None:
        magnitude = abs(value)
        if float(value).is_integer():
            digits = 0
        else:
            digits = 0 if magnitude >= 100 else 1 if magnitude >= 10 else 2
    text = f"{value:,.{digits}f}"
    if unit == "%":
        return text + "%"
    return f"{text} {unit}".strip()


def pct(value: float, digits: int = 1) -> str:
    return f"{value * 100:.{digits}f}%"


def _aggregate(series: pd.Series, agg: str, claim_id: str, what: str) -> float:
    if agg == "single":
        if len(series) != 1:
            raise ClaimDataError(
                f"claim {claim_id}: {what} selects {len(series)} rows, expected exactly one "
                "(narrow the 'where' filter)"
            )
        return float(series.iloc[0])
    if agg == "count":
        return float(len(series))
    return float(getattr(series, agg)())


def measure(tables: Tables, spec: Measure, claim_id: str) -> tuple[float | pd.Series, pd.DataFrame]:
    rows = tables.select(spec.table, spec.where, claim_id)
    if spec.column not in rows.columns:
        raise ClaimDataError(f"claim {claim_id}: table '{spec.table}' has no column '{spec.column}'")
    values = pd.to_numeric(rows[spec.column], errors="coerce") / spec.scale
    if spec.by:
        grouped = values.groupby(rows[spec.by])
        series = grouped.count() if spec.agg == "count" else grouped.agg(spec.agg if spec.agg != "single" else "sum")
        return series.astype(float), rows
    return _aggregate(values, spec.agg, claim_id, f"measure on '{spec.table}'"), rows


def evidence_records(rows: pd.DataFrame, limit: int = 40) -> list[dict[str, Any]]:
    shown = rows.drop(columns=[c for c in rows.columns if c.startswith("_") or c.startswith("source_")], errors="ignore")
    records = shown.head(limit).to_dict(orient="records")
    clean = []
    for record in records:
        clean.append({k: (None if (isinstance(v, float) and pd.isna(v)) else (v.item() if hasattr(v, "item") else v)) for k, v in record.items()})
    return clean


def describe_where(where: dict[str, Any]) -> str:
    """A readable rendering of a selection: 'year 2015-2021, partner_iso3 not WLD'."""
    parts = []
    for key, condition in where.items():
        if isinstance(condition, dict) and "between" in condition:
            low, high = condition["between"]
            parts.append(f"{key} {low} to {high}")
        elif isinstance(condition, dict) and "not" in condition:
            parts.append(f"{key} not {condition['not']}")
        elif isinstance(condition, dict) and "contains" in condition:
            parts.append(f"{key} includes {condition['contains']}")
        elif isinstance(condition, list):
            parts.append(f"{key} in {'/'.join(map(str, condition))}")
        elif isinstance(condition, dict) and condition.get("any") is True:
            continue
        elif condition is None:
            parts.append(f"{key} empty")
        else:
            parts.append(f"{key} {condition}")
    return ", ".join(parts)


def _label(spec: Measure) -> str:
    return spec.label or describe_where(spec.where)


# -- value near a stated figure ---------------------------------------------------------------


class ValueNearParams(Params):
    measure: Measure
    stated: float
    tolerance: float = 0.05
    mostly_tolerance: float = 0.25


@evaluator("value_near", ValueNearParams)
def value_near(p: ValueNearParams, tables: Tables, claim_id: str) -> Outcome:
    """A data value within a tolerance of a stated figure."""
    value, rows = measure(tables, p.measure, claim_id)
    if isinstance(value, pd.Series):
        raise ClaimDataError(f"claim {claim_id}: value_near needs a single number; drop 'by'")
    gap = (value - p.stated) / abs(p.stated) if p.stated else float("inf")
    if abs(gap) <= p.tolerance:
        verdict = SUPPORTED
    elif abs(gap) <= p.mostly_tolerance:
        verdict = MOSTLY
    else:
        verdict = CONTRADICTED
    unit = p.measure.unit
    explanation = (
        f"The data give {fmt(value, unit)} ({_label(p.measure)}) against the stated {fmt(p.stated, unit)}: "
        f"{pct(abs(gap))} {'above' if gap > 0 else 'below'}. Within ±{pct(p.tolerance, 0)} counts as "
        f"supported, within ±{pct(p.mostly_tolerance, 0)} as mostly supported."
    )
    return Outcome(
        verdict=verdict, headline=fmt(value, unit),
        numbers={"value": value, "stated": p.stated, "relative_gap": gap, "unit": unit},
        explanation=explanation, evidence=evidence_records(rows), sources=tables.sources_for(rows),
    )


# -- threshold ---------------------------------------------------------------------------------


class ThresholdParams(Params):
    measure: Measure
    op: Literal["above", "at_least", "below", "at_most"]
    threshold: float
    margin: float = 0.10
    require: Literal["all", "any", "latest"] = "all"


def _holds(value: float, op: str, threshold: float) -> bool:
    return {
        "above": value > threshold, "at_least": value >= threshold,
        "below": value < threshold, "at_most": value <= threshold,
    }[op]


OP_WORDS = {"above": "above", "at_least": "at least", "below": "below", "at_most": "at most"}


@evaluator("threshold", ThresholdParams)
def threshold(p: ThresholdParams, tables: Tables, claim_id: str) -> Outcome:
    """A value (or every/any/the latest value of a series) above or below a threshold."""
    value, rows = measure(tables, p.measure, claim_id)
    unit = p.measure.unit
    series = value if isinstance(value, pd.Series) else pd.Series([value], index=["value"])
    if p.require == "latest":
        series = series.sort_index().iloc[[-1]]
    held = series.apply(lambda v: _holds(v, p.op, p.threshold))
    near = series.apply(lambda v: abs(v - p.threshold) <= p.margin * abs(p.threshold))
    ok = held.all() if p.require in ("all", "latest") else held.any()
    if ok:
        verdict = SUPPORTED
    elif (held | near).all() if p.require != "any" else (held | near).any():
        verdict = MOSTLY
    elif held.any():
        verdict = MOSTLY
    else:
        verdict = CONTRADICTED
    parts = ", ".join(f"{k}: {fmt(v, unit)}" if k != "value" else fmt(v, unit) for k, v in series.items())
    explanation = (
        f"{_label(p.measure)}: {parts}; the claim needs {'each value' if p.require == 'all' else 'the value'} "
        f"{OP_WORDS[p.op]} {fmt(p.threshold, unit)}. {int(held.sum())} of {len(held)} meet it"
        + (f"; values within {pct(p.margin, 0)} of the threshold count as mostly supported." if verdict == MOSTLY else ".")
    )
    headline = fmt(series.iloc[-1], unit) if len(series) == 1 else f"{fmt(series.min(), unit)} to {fmt(series.max(), unit)}"
    return Outcome(
        verdict=verdict, headline=headline,
        numbers={"values": {str(k): float(v) for k, v in series.items()}, "threshold": p.threshold, "op": p.op, "unit": unit},
        explanation=explanation, evidence=evidence_records(rows), sources=tables.sources_for(rows),
    )


# -- share of a group over a window ------------------------------------------------------------


class ShareParams(Params):
    table: str
    where: dict[str, Any] = Field(default_factory=dict)
    column: str = "value"
    group: str
    target: str | list[str]
    window: tuple[int, int] | None = None
    year_column: str = "year"
    op: Literal["above", "at_least", "below", "at_most"] = "above"
    threshold: float
    margin: float = 0.02
    exceeds: str | list[str] | None = None


def _as_list(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


@evaluator("share", ShareParams)
def share(p: ShareParams, tables: Tables, claim_id: str) -> Outcome:
    """The share of a target group in a total over a window, against a threshold; optionally
    also larger than another group's share."""
    where = dict(p.where)
    if p.window:
        where[p.year_column] = {"between": list(p.window)}
    rows = tables.select(p.table, where, claim_id)
    values = pd.to_numeric(rows[p.column], errors="coerce")
    by_group = values.groupby(rows[p.group].fillna("(none)")).sum().sort_values(ascending=False)
    total = float(by_group.sum())
    if total == 0:
        raise ClaimDataError(f"claim {claim_id}: total of '{p.column}' is zero for {where}")
    targets = _as_list(p.target)
    target_share = float(by_group.reindex(targets).fillna(0).sum()) / total
    parts = []
    share_ok = _holds(target_share, p.op, p.threshold)
    parts.append(SUPPORTED if share_ok else (MOSTLY if abs(target_share - p.threshold) <= p.margin else CONTRADICTED))
    rivals = _as_list(p.exceeds)
    rival_share = None
    if rivals:
        rival_share = float(by_group.reindex(rivals).fillna(0).sum()) / total
        parts.append(SUPPORTED if target_share > rival_share else CONTRADICTED)
    verdict = combine(parts)
    window = f"{p.window[0]}-{p.window[1]}" if p.window else "all years"
    explanation = (
        f"Share of {'+'.join(targets)} in {p.column} ({window}): {pct(target_share)} of a total of "
        f"{fmt(total)}; the claim needs it {OP_WORDS[p.op]} {pct(p.threshold, 0)}"
        + (f" and above {'+'.join(rivals)}'s {pct(rival_share)}" if rivals else "")
        + ". Shares by group: "
        + ", ".join(f"{g} {pct(v / total)}" for g, v in by_group.head(6).items())
        + "."
    )
    return Outcome(
        verdict=verdict, headline=pct(target_share),
        numbers={"share": target_share, "threshold": p.threshold, "total": total, "rival_share": rival_share,
                 "by_group": {str(k): float(v) for k, v in by_group.items()}},
        explanation=explanation,
        evidence=[{"group": str(k), "value": float(v), "share": float(v) / total} for k, v in by_group.items()],
        sources=tables.sources_for(rows),
    )


class ShareChangeParams(Params):
    table: str
    where: dict[str, Any] = Field(default_factory=dict)
    column: str = "value"
    group: str
    target: str | list[str]
    before: tuple[int, int]
    after: tuple[int, int]
    expect: Literal["increase", "decrease"]
    min_change: float = 0.0
    year_column: str = "year"


@evaluator("share_change", ShareChangeParams)
def share_change(p: ShareChangeParams, tables: Tables, claim_id: str) -> Outcome:
    """Whether a target's share of a total rose or fell between two windows (in percentage points)."""
    targets = _as_list(p.target)
    shares = {}
    used = []
    for label, window in (("before", p.before), ("after", p.after)):
        rows = tables.select(p.table, {**p.where, p.year_column: {"between": list(window)}}, claim_id)
        values = pd.to_numeric(rows[p.column], errors="coerce")
        total = float(values.sum())
        if total == 0:
            raise ClaimDataError(f"claim {claim_id}: total of '{p.column}' is zero in {window[0]}-{window[1]}")
        shares[label] = float(values[rows[p.group].isin(targets)].sum()) / total
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
        f"Share of {'+'.join(targets)} in {p.column}: {pct(shares['before'])} in {p.before[0]}-{p.before[1]}, "
        f"{pct(shares['after'])} in {p.after[0]}-{p.after[1]} ({'+' if delta >= 0 else ''}{delta * 100:.1f} pp); "
        f"the claim expects {'an' if p.expect == 'increase' else 'a'} {p.expect}" + (f" of at least {p.min_change * 100:.0f} pp" if p.min_change else "") + "."
    )
    rows = pd.concat(used)
    return Outcome(verdict=verdict, headline=f"{pct(shares['before'], 0)} → {pct(shares['after'], 0)}",
                   numbers={**shares, "delta_pp": delta * 100}, explanation=explanation,
                   evidence=[{"window": f"{w[0]}-{w[1]}", "share": shares[k]} for k, w in (("before", p.before), ("after", p.after))],
                   sources=tables.sources_for(rows))


# -- rank of a member within a group ------------------------------------------------------------


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
    totals = values.groupby(groups).sum()
    return totals.sort_values(ascending=ascending)


@evaluator("rank", RankParams)
def rank(p: RankParams, tables: Tables, claim_id: str) -> Outcome:
    """The rank of a target (e.g. a partner or supplier) within a group, per period; or the
    set of the top k."""
    if p.target is None and not p.top:
        raise ClaimDataError(f"claim {claim_id}: rank needs 'target' or 'top'")
    rows = tables.select(p.table, p.where, claim_id)
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
    results = []
    for label, ranking in periods:
        order = list(ranking.index)
        if p.top:
            k = len(p.top)
            overlap = len(set(order[:k]) & set(p.top))
            results.append({"period": label, "top": order[:k], "overlap": overlap,
                            "ok": overlap == k, "near": overlap >= k - 1})
        else:
            position = order.index(p.target) + 1 if p.target in order else None
            results.append({"period": label, "rank": position, "leader": order[0],
                            "leader_value": float(ranking.iloc[0]),
                            "target_value": float(ranking.get(p.target, float("nan"))),
                            "ok": position == p.expected_rank,
                            "near": position is not None and abs(position - p.expected_rank) <= 1})
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
        headline = f"rank {results[-1]['rank'] or 'absent'}" + (f" ({results[-1]['period']})" if results[-1]["period"] != "all" else "")
    evidence = []
    for label, ranking in periods:
        for position, (name, value) in enumerate(ranking.head(8).items(), start=1):
            evidence.append({"period": label, "rank": position, p.group: str(name), p.column: float(value)})
    return Outcome(verdict=verdict, headline=headline, numbers={"periods": results}, explanation=explanation,
                   evidence=evidence, sources=tables.sources_for(rows))


# -- change between years -------------------------------------------------------------------------


class ChangeParams(Params):
    measure: Measure
    from_year: int
    to_year: int
    expect: Literal["increase", "decrease"]
    min_change: float | None = None


def _series_value(series: pd.Series, year: int, claim_id: str, label: str) -> float:
    if year not in series.index:
        years = ", ".join(str(int(y)) for y in sorted(series.index))
        raise ClaimDataError(f"claim {claim_id}: no value for {year} in {label} (years present: {years})")
    return float(series.loc[year])


@evaluator("change", ChangeParams)
def change(p: ChangeParams, tables: Tables, claim_id: str) -> Outcome:
    """Direction (and optionally size) of the change between two years."""
    spec = p.measure if p.measure.by else p.measure.model_copy(update={"by": "year"})
    series, rows = measure(tables, spec, claim_id)
    start = _series_value(series, p.from_year, claim_id, _label(spec))
    end = _series_value(series, p.to_year, claim_id, _label(spec))
    rel = (end - start) / abs(start) if start else float("inf")
    right_direction = rel > 0 if p.expect == "increase" else rel < 0
    if not right_direction:
        verdict = CONTRADICTED
    elif p.min_change is not None and abs(rel) < p.min_change:
        verdict = MOSTLY
    else:
        verdict = SUPPORTED
    unit = spec.unit
    explanation = (
        f"{_label(spec)}: {fmt(start, unit)} in {p.from_year}, {fmt(end, unit)} in {p.to_year} "
        f"({'+' if rel >= 0 else ''}{pct(rel)}); the claim expects an {p.expect}"
        + (f" of at least {pct(p.min_change, 0)}" if p.min_change is not None else "") + "."
    )
    window = series[(series.index >= p.from_year) & (series.index <= p.to_year)]
    return Outcome(
        verdict=verdict, headline=f"{'+' if rel >= 0 else ''}{pct(rel, 0)}",
        numbers={"from": start, "to": end, "relative_change": rel, "series": {str(int(k)): float(v) for k, v in window.items()}},
        explanation=explanation,
        evidence=[{"year": int(k), "value": float(v)} for k, v in window.items()],
        sources=tables.sources_for(rows),
    )


class GrowthCompareParams(Params):
    a: Measure
    b: Measure
    from_year: int
    to_year: int
    expect: Literal["a_faster", "b_faster"]


@evaluator("growth_compare", GrowthCompareParams)
def growth_compare(p: GrowthCompareParams, tables: Tables, claim_id: str) -> Outcome:
    """Which of two series grew faster between two years."""
    growth = {}
    all_rows = []
    for key, spec in (("a", p.a), ("b", p.b)):
        spec = spec if spec.by else spec.model_copy(update={"by": "year"})
        series, rows = measure(tables, spec, claim_id)
        start = _series_value(series, p.from_year, claim_id, _label(spec))
        end = _series_value(series, p.to_year, claim_id, _label(spec))
        growth[key] = {"label": _label(spec), "from": start, "to": end, "rel": (end - start) / abs(start)}
        all_rows.append(rows)
    faster = "a_faster" if growth["a"]["rel"] > growth["b"]["rel"] else "b_faster"
    verdict = SUPPORTED if faster == p.expect else CONTRADICTED
    a, b = growth["a"], growth["b"]
    explanation = (
        f"{p.from_year}-{p.to_year}: {a['label']} {'+' if a['rel'] >= 0 else ''}{pct(a['rel'])}; "
        f"{b['label']} {'+' if b['rel'] >= 0 else ''}{pct(b['rel'])}."
    )
    rows = pd.concat(all_rows)
    return Outcome(verdict=verdict, headline=f"{pct(a['rel'], 0)} vs {pct(b['rel'], 0)}", numbers=growth,
                   explanation=explanation, evidence=evidence_records(rows), sources=tables.sources_for(rows))


# -- record high ------------------------------------------------------------------------------------


class RecordParams(Params):
    measure: Measure
    years: list[int]
    mostly_margin: float = 0.05


@evaluator("record", RecordParams)
def record(p: RecordParams, tables: Tables, claim_id: str) -> Outcome:
    """The series peaks in the stated years."""
    spec = p.measure if p.measure.by else p.measure.model_copy(update={"by": "year"})
    series, rows = measure(tables, spec, claim_id)
    for year in p.years:
        _series_value(series, year, claim_id, _label(spec))
    peak_year = int(series.idxmax())
    peak = float(series.max())
    best_claimed = max(float(series.loc[y]) for y in p.years)
    if peak_year in p.years:
        verdict = SUPPORTED
    elif best_claimed >= peak * (1 - p.mostly_margin):
        verdict = MOSTLY
    else:
        verdict = CONTRADICTED
    unit = spec.unit
    explanation = (
        f"{_label(spec)}: highest value {fmt(peak, unit)} in {peak_year} over "
        f"{int(series.index.min())}-{int(series.index.max())}; claimed record years "
        f"{', '.join(map(str, p.years))} reach {fmt(best_claimed, unit)}."
    )
    return Outcome(verdict=verdict, headline=f"peak {peak_year}", numbers={"peak_year": peak_year, "peak": peak,
                   "series": {str(int(k)): float(v) for k, v in series.items()}}, explanation=explanation,
                   evidence=[{"year": int(k), "value": float(v)} for k, v in series.items()],
                   sources=tables.sources_for(rows))


# -- UN votes ---------------------------------------------------------------------------------------


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
            checks.append({"iso3": claimed.iso3, "symbol": symbol, "claimed": claimed.vote, "actual": value,
                           "match": value in wanted})
    matches = sum(c["match"] for c in checks)
    ratio = matches / len(checks)
    verdict = SUPPORTED if ratio == 1 else MOSTLY if ratio >= 0.5 else CONTRADICTED
    misses = [c for c in checks if not c["match"]]
    explanation = (
        f"{matches} of {len(checks)} claimed country votes match the record"
        + (" (absences counted as abstentions)" if p.absent_as == "abstain" else "")
        + ("" if not misses else ". Not matching: " + "; ".join(
            f"{c['iso3']} on {c['symbol']}: claimed {c['claimed']}, recorded {c['actual']}" for c in misses[:8]))
        + "."
    )
    return Outcome(verdict=verdict, headline=f"{matches}/{len(checks)} match", numbers={"matches": matches,
                   "checked": len(checks), "ratio": ratio}, explanation=explanation, evidence=checks,
                   sources=tables.sources_for(rows))


# -- memberships --------------------------------------------------------------------------------------

MEMBER_EVENTS = {"joined": True, "ratified": True, "rejoined": True, "signed": True,
                 "left": False, "suspended": False, "observer": False}


def _date_key(text: str) -> str:
    parts = str(text).split("-")
    while len(parts) < 3:
        parts.append("01")
    return "-".join(parts)


def membership_status(events: pd.DataFrame, iso3: str, organisation: str, date: str) -> tuple[bool, pd.DataFrame]:
    """Whether `iso3` is a member of `organisation` on `date`, from the dated events."""
    mine = events[(events["country_iso3"] == iso3) & (events["organisation"] == organisation)].copy()
    mine["_key"] = mine["date"].map(_date_key)
    mine = mine[mine["_key"] <= _date_key(date)].sort_values("_key", kind="mergesort")
    if mine.empty:
        return False, mine
    return MEMBER_EVENTS.get(mine.iloc[-1]["event"], False), mine


class MembershipParams(Params):
    organisation: str
    date: str
    countries: list[str]
    expect: Literal["member", "not_member"] | None = None
    min_members: int | None = None


@evaluator("membership", MembershipParams)
def membership(p: MembershipParams, tables: Tables, claim_id: str) -> Outcome:
    """Membership of countries in an organisation at a date (each country, or a count)."""
    events = tables.get("memberships")
    if p.organisation not in set(events["organisation"]):
        raise ClaimDataError(f"claim {claim_id}: no membership events for organisation '{p.organisation}'")
    statuses = {}
    used = []
    for iso3 in p.countries:
        status, rows = membership_status(events, iso3, p.organisation, p.date)
        statuses[iso3] = status
        used.append(rows)
    members = [c for c, s in statuses.items() if s]
    if p.min_members is not None:
        count = len(members)
        verdict = SUPPORTED if count >= p.min_members else MOSTLY if count >= p.min_members - 1 else CONTRADICTED
        explanation = (f"On {p.date}, {count} of {len(p.countries)} ({', '.join(members) or 'none'}) are "
                       f"{p.organisation} members; the claim's wording needs at least {p.min_members}.")
        headline = f"{count} of {len(p.countries)}"
    else:
        wanted = p.expect == "member"
        right = [c for c, s in statuses.items() if s == wanted]
        verdict = SUPPORTED if len(right) == len(statuses) else MOSTLY if right else CONTRADICTED
        explanation = (f"On {p.date}: " + ", ".join(f"{c} {'member' if s else 'not a member'}" for c, s in statuses.items())
                       + f" of the {p.organisation}; the claim says {'member' if wanted else 'not a member'}.")
        headline = f"{len(right)} of {len(statuses)} as claimed"
    rows = pd.concat(used) if used else events.iloc[0:0]
    if rows.empty:
        rows = events[events["organisation"] == p.organisation]
    return Outcome(verdict=verdict, headline=headline, numbers={"members": members, "statuses": statuses},
                   explanation=explanation,
                   evidence=[{"iso3": c, "member": s} for c, s in statuses.items()],
                   sources=tables.sources_for(rows.drop(columns=["_key"], errors="ignore")))


# -- dated facts and counts -------------------------------------------------------------------------


class EventDateParams(Params):
    table: str = "events"
    where: dict[str, Any]
    column: str = "date"
    stated: str
    mostly_years: int = 1


@evaluator("event_date", EventDateParams)
def event_date(p: EventDateParams, tables: Tables, claim_id: str) -> Outcome:
    """A sourced date matches the stated year (or year-month, or day) at the stated precision."""
    rows = tables.select(p.table, p.where, claim_id)
    dates = sorted(str(d) for d in rows[p.column])
    first = dates[0]
    stated = str(p.stated)
    if any(d.startswith(stated) for d in dates):
        verdict = SUPPORTED
    elif min(abs(int(d[:4]) - int(stated[:4])) for d in dates) <= p.mostly_years:
        verdict = MOSTLY
    else:
        verdict = CONTRADICTED
    explanation = f"Sourced date: {first}" + (f" (also {', '.join(dates[1:])})" if len(dates) > 1 else "") + f"; the claim says {stated}."
    return Outcome(verdict=verdict, headline=first, numbers={"date": first, "stated": stated},
                   explanation=explanation, evidence=evidence_records(rows), sources=tables.sources_for(rows))


class EventCountParams(Params):
    table: str
    where: dict[str, Any] = Field(default_factory=dict)
    op: Literal["above", "at_least", "below", "at_most", "equal"]
    stated: int
    margin: int = 0
    distinct: str | None = None


@evaluator("event_count", EventCountParams)
def event_count(p: EventCountParams, tables: Tables, claim_id: str) -> Outcome:
    """The number of sourced rows (visits, deployments, ...) against a stated count."""
    try:
        rows = tables.select(p.table, p.where, claim_id)
        count = int(rows[p.distinct].nunique()) if p.distinct else len(rows)
    except ClaimDataError:
        rows = tables.get(p.table).iloc[0:0]
        count = 0
    ok = count == p.stated if p.op == "equal" else _holds(count, p.op, p.stated)
    near = abs(count - p.stated) <= p.margin
    verdict = SUPPORTED if ok else MOSTLY if near else CONTRADICTED
    what = f"distinct {p.distinct} value(s)" if p.distinct else "sourced row(s)"
    explanation = (f"{count} {what} in {p.table} match ({describe_where(p.where)}); the claim needs "
                   f"{'exactly' if p.op == 'equal' else OP_WORDS[p.op]} {p.stated}.")
    sources = tables.sources_for(rows) if count else tables.sources_for(tables.get(p.table))
    return Outcome(verdict=verdict, headline=str(count), numbers={"count": count, "stated": p.stated, "op": p.op},
                   explanation=explanation, evidence=evidence_records(rows), sources=sources)


# -- composites and the honest "cannot tell" ----------------------------------------------------------


class SubCheck(Params):
    label: str
    evaluator: str
    params: dict[str, Any]


class AllOfParams(Params):
    checks: list[SubCheck]


@evaluator("all_of", AllOfParams)
def all_of(p: AllOfParams, tables: Tables, claim_id: str) -> Outcome:
    """A claim made of parts: supported when every part is; contradicted when none is."""
    outcomes = [(c.label, run_evaluator(c.evaluator, c.params, tables, claim_id)) for c in p.checks]
    verdict = combine([o.verdict for _, o in outcomes])
    explanation = " ".join(f"({label}) {o.explanation} [{o.verdict}]" for label, o in outcomes)
    sources = [s for _, o in outcomes for s in o.sources]
    evidence = [{"part": label, "verdict": o.verdict, "headline": o.headline} for label, o in outcomes]
    return Outcome(verdict=verdict, headline="; ".join(f"{label}: {o.headline}" for label, o in outcomes),
                   numbers={label: o.numbers for label, o in outcomes}, explanation=explanation,
                   evidence=evidence, sources=sources)


class NotCheckableParams(Params):
    reason: str
    would_settle: str
    indicator: Measure | None = None


@evaluator("not_checkable", NotCheckableParams)
def not_checkable(p: NotCheckableParams, tables: Tables, claim_id: str) -> Outcome:
    """No available data settles the claim: say why and what would; show a related indicator if any."""
    explanation = f"Not checkable: {p.reason} What would settle it: {p.would_settle}"
    if p.indicator is None:
        return Outcome(verdict=NOT_CHECKABLE, headline="—", numbers={}, explanation=explanation)
    value, rows = measure(tables, p.indicator, claim_id)
    unit = p.indicator.unit
    if isinstance(value, pd.Series):
        shown = ", ".join(f"{k}: {fmt(v, unit)}" for k, v in value.items())
        numbers = {"indicator": {str(k): float(v) for k, v in value.items()}}
    else:
        shown = fmt(value, unit)
        numbers = {"indicator": value}
    explanation += f" Related indicator ({_label(p.indicator)}): {shown}."
    return Outcome(verdict=NOT_CHECKABLE, headline="—", numbers=numbers, explanation=explanation,
                   evidence=evidence_records(rows), sources=tables.sources_for(rows))


# -- dispatch -----------------------------------------------------------------------------------------


class SpecError(Exception):
    """A ledger entry's check is malformed (names the claim)."""


def run_evaluator(name: str, params: dict[str, Any], tables: Tables, claim_id: str) -> Outcome:
    if name not in EVALUATORS:
        raise SpecError(f"claim {claim_id}: unknown evaluator '{name}' (known: {', '.join(sorted(EVALUATORS))})")
    model, func = EVALUATORS[name]
    try:
        parsed = model.model_validate(params)
    except Exception as exc:  # pydantic.ValidationError
        errors = getattr(exc, "errors", lambda: [])()
        detail = "; ".join(
            f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in errors
        ) or str(exc)
        raise SpecError(f"claim {claim_id}: bad parameters for evaluator '{name}': {detail}") from exc
    _check_countries(params, claim_id)
    return func(parsed, tables, claim_id)


COUNTRY_KEYS = {"iso3", "partner_iso3", "recipient_iso3", "supplier_iso3", "country_iso3", "host_iso3",
                "operator_iso3", "place_iso3", "origin_iso3", "countries", "target", "exceeds", "top"}


def _check_countries(params: Any, claim_id: str, key: str | None = None) -> None:
    """Every value under a country key must be a known ISO3 code (or a known aggregate)."""
    from cautils.countries import to_iso3

    allowed = {"WLD", "EU27", "CA5", "CEPII", "(none)"}
    if isinstance(params, dict):
        for k, v in params.items():
            _check_countries(v, claim_id, k)
    elif isinstance(params, list):
        for v in params:
            _check_countries(v, claim_id, key)
    elif key in COUNTRY_KEYS and isinstance(params, str) and params.isupper() and len(params) == 3:
        if params not in allowed:
            try:
                if to_iso3(params, f"claim {claim_id}") != params:
                    raise SpecError(f"claim {claim_id}: '{params}' under '{key}' is not an ISO3 code")
            except SpecError:
                raise
            except Exception as exc:
                raise SpecError(f"claim {claim_id}: unknown country code '{params}' under '{key}'") from exc
