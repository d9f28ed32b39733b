"""Evaluators of stated numbers: a value near a figure, a threshold, a change, a growth race, a record."""

from __future__ import annotations

import math
from typing import Literal, TypedDict

import pandas as pd

from cautils.claims.evaluators.base import (
    CONTRADICTED,
    MOSTLY,
    OP_WORDS,
    SUPPORTED,
    Measure,
    Params,
    SpecError,
    evaluator,
    evidence_records,
    fmt,
    holds,
    label_of,
    measure,
    pct,
    relative_change,
    series_value,
    signed_pct,
)
from cautils.claims.models import Outcome
from cautils.claims.tables import ClaimDataError, Tables


class ValueNearParams(Params):
    measure: Measure
    stated: float
    tolerance: float = 0.05
    mostly_tolerance: float = 0.25


@evaluator("value_near", ValueNearParams)
def value_near(p: ValueNearParams, tables: Tables, claim_id: str) -> Outcome:
    """A data value within a relative tolerance of a stated figure (a stated zero needs a zero)."""
    value, rows = measure(tables, p.measure, claim_id)
    if isinstance(value, pd.Series):
        raise ClaimDataError(f"claim {claim_id}: value_near needs a single number; drop 'by'")
    unit = p.measure.unit
    if p.stated == 0:
        gap = 0.0 if value == 0 else math.inf
        comparison = "equal to the stated zero" if value == 0 else "against a stated zero"
    else:
        gap = (value - p.stated) / abs(p.stated)
        comparison = f"{pct(abs(gap))} {'above' if gap > 0 else 'below' if gap < 0 else 'from'} it"
    if abs(gap) <= p.tolerance:
        verdict = SUPPORTED
    elif abs(gap) <= p.mostly_tolerance:
        verdict = MOSTLY
    else:
        verdict = CONTRADICTED
    explanation = (
        f"The data give {fmt(value, unit)} ({label_of(p.measure)}) against the stated "
        f"{fmt(p.stated, unit)}: {comparison}. Within ±{pct(p.tolerance, 0)} counts as supported, "
        f"within ±{pct(p.mostly_tolerance, 0)} as mostly supported."
    )
    return Outcome(
        verdict=verdict,
        headline=fmt(value, unit),
        numbers={"value": value, "stated": p.stated, "relative_gap": gap if math.isfinite(gap) else None, "unit": unit},
        explanation=explanation,
        evidence=evidence_records(rows),
        sources=tables.sources_for(rows),
    )


class ThresholdParams(Params):
    measure: Measure
    op: Literal["above", "at_least", "below", "at_most"]
    threshold: float
    margin: float = 0.10
    require: Literal["all", "any", "latest"] = "all"


@evaluator("threshold", ThresholdParams)
def threshold(p: ThresholdParams, tables: Tables, claim_id: str) -> Outcome:
    """A value (or every/any/the latest value of a series) above or below a threshold."""
    value, rows = measure(tables, p.measure, claim_id)
    unit = p.measure.unit
    series = value if isinstance(value, pd.Series) else pd.Series([value], index=["value"])
    if p.require == "latest":
        series = series.sort_index().iloc[[-1]]
    held = series.apply(lambda v: holds(v, p.op, p.threshold))
    near = series.apply(lambda v: abs(v - p.threshold) <= p.margin * abs(p.threshold))
    ok = held.all() if p.require in ("all", "latest") else held.any()
    if ok:
        verdict = SUPPORTED
    elif ((held | near).all() if p.require != "any" else (held | near).any()) or held.any():
        verdict = MOSTLY
    else:
        verdict = CONTRADICTED
    shown = ", ".join(f"{k}: {fmt(v, unit)}" if k != "value" else fmt(v, unit) for k, v in series.items())
    explanation = (
        f"{label_of(p.measure)}: {shown}; the claim needs {'each value' if p.require == 'all' else 'the value'} "
        f"{OP_WORDS[p.op]} {fmt(p.threshold, unit)}. {int(held.sum())} of {len(held)} meet it"
        + (
            f"; values within {pct(p.margin, 0)} of the threshold count as mostly supported."
            if verdict == MOSTLY
            else "."
        )
    )
    headline = (
        fmt(series.iloc[-1], unit) if len(series) == 1 else f"{fmt(series.min(), unit)} to {fmt(series.max(), unit)}"
    )
    return Outcome(
        verdict=verdict,
        headline=headline,
        numbers={
            "values": {str(k): float(v) for k, v in series.items()},
            "value": float(series.iloc[-1]),
            "min": float(series.min()),
            "max": float(series.max()),
            "threshold": p.threshold,
            "op": p.op,
            "unit": unit,
        },
        explanation=explanation,
        evidence=evidence_records(rows),
        sources=tables.sources_for(rows),
    )


class ChangeParams(Params):
    measure: Measure
    from_year: int | None = None
    to_year: int | None = None
    # or two windows, each summed: [first, last] years
    from_years: tuple[int, int] | None = None
    to_years: tuple[int, int] | None = None
    # increase / decrease; or at_most: the change is no larger than `max_change` (for "no
    # significant expansion")
    expect: Literal["increase", "decrease", "at_most"]
    min_change: float | None = None
    max_change: float | None = None


def _window_value(series: pd.Series, window: tuple[int, int]) -> float:
    return float(series[(series.index >= window[0]) & (series.index <= window[1])].sum())


@evaluator("change", ChangeParams)
def change(p: ChangeParams, tables: Tables, claim_id: str) -> Outcome:
    """Direction (and optionally size) of the change between two years or two windows."""
    spec = p.measure if p.measure.by else p.measure.model_copy(update={"by": "year"})
    series, rows = measure(tables, spec, claim_id)
    assert isinstance(series, pd.Series)
    if p.from_years and p.to_years:
        start, end = _window_value(series, p.from_years), _window_value(series, p.to_years)
        first, last = f"{p.from_years[0]}-{p.from_years[1]}", f"{p.to_years[0]}-{p.to_years[1]}"
        low, high = p.from_years[0], p.to_years[1]
    elif p.from_year is not None and p.to_year is not None:
        start = series_value(series, p.from_year, claim_id, label_of(spec))
        end = series_value(series, p.to_year, claim_id, label_of(spec))
        first, last = str(p.from_year), str(p.to_year)
        low, high = p.from_year, p.to_year
    else:
        raise SpecError(f"claim {claim_id}: change needs from_year and to_year, or from_years and to_years")
    rel = relative_change(start, end)
    if p.expect == "at_most":
        if p.max_change is None:
            raise SpecError(f"claim {claim_id}: change with expect 'at_most' needs max_change")
        verdict = SUPPORTED if rel <= p.max_change else MOSTLY if rel <= 2 * p.max_change else CONTRADICTED
        wanted = f"a change of at most {signed_pct(p.max_change, 0)}"
    else:
        right_direction = rel > 0 if p.expect == "increase" else rel < 0
        if not right_direction:
            verdict = CONTRADICTED
        elif p.min_change is not None and abs(rel) < p.min_change:
            verdict = MOSTLY
        else:
            verdict = SUPPORTED
        article = "an" if p.expect == "increase" else "a"
        wanted = f"{article} {p.expect}" + (f" of at least {pct(p.min_change, 0)}" if p.min_change is not None else "")
    unit = spec.unit
    explanation = (
        f"{label_of(spec)}: {fmt(start, unit)} in {first}, {fmt(end, unit)} in {last} "
        f"({signed_pct(rel)}); the claim expects {wanted}."
    )
    window = series[(series.index >= low) & (series.index <= high)]
    return Outcome(
        verdict=verdict,
        headline=signed_pct(rel, 0),
        numbers={
            "from": start,
            "to": end,
            "relative_change": rel if math.isfinite(rel) else None,
            "ratio": end / start if start else None,
            "series": {str(int(k)): float(v) for k, v in window.items()},
        },
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


# One series' growth in growth_compare ("from" is a keyword, hence the functional form).
Growth = TypedDict("Growth", {"label": str, "from": float, "to": float, "rel": float})


@evaluator("growth_compare", GrowthCompareParams)
def growth_compare(p: GrowthCompareParams, tables: Tables, claim_id: str) -> Outcome:
    """Which of two series grew faster (relative change) between two years."""
    growth: dict[str, Growth] = {}
    all_rows = []
    for key, spec in (("a", p.a), ("b", p.b)):
        spec = spec if spec.by else spec.model_copy(update={"by": "year"})
        series, rows = measure(tables, spec, claim_id)
        assert isinstance(series, pd.Series)
        start = series_value(series, p.from_year, claim_id, label_of(spec))
        end = series_value(series, p.to_year, claim_id, label_of(spec))
        growth[key] = {"label": label_of(spec), "from": start, "to": end, "rel": relative_change(start, end)}
        all_rows.append(rows)
    a, b = growth["a"], growth["b"]
    if a["from"] == 0 and b["from"] == 0:
        raise ClaimDataError(
            f"claim {claim_id}: both series are zero in {p.from_year}, so growth rates cannot be "
            "compared; choose another start year"
        )
    faster = "a_faster" if a["rel"] > b["rel"] else "b_faster"
    verdict = SUPPORTED if faster == p.expect else CONTRADICTED
    explanation = (
        f"{p.from_year}-{p.to_year}: {a['label']} {fmt(a['from'])} to {fmt(a['to'])} "
        f"({signed_pct(a['rel'])}); {b['label']} {fmt(b['from'])} to {fmt(b['to'])} ({signed_pct(b['rel'])})."
    )
    numbers = {k: {**v, "rel": v["rel"] if math.isfinite(v["rel"]) else None} for k, v in growth.items()}
    return Outcome(
        verdict=verdict,
        headline=f"{pct(a['rel'], 0)} vs {pct(b['rel'], 0)}",
        numbers=numbers,
        explanation=explanation,
        evidence=evidence_records(pd.concat(all_rows)),
        sources=tables.sources_for(pd.concat(all_rows)),
    )


class RecordParams(Params):
    measure: Measure
    years: list[int]
    mostly_margin: float = 0.05
    # another source's series for earlier years (e.g. the partner's customs figures before the
    # country's own series starts): the record must beat its peak too
    earlier: Measure | None = None


@evaluator("record", RecordParams)
def record(p: RecordParams, tables: Tables, claim_id: str) -> Outcome:
    """The series peaks in one of the stated years."""
    spec = p.measure if p.measure.by else p.measure.model_copy(update={"by": "year"})
    series, rows = measure(tables, spec, claim_id)
    assert isinstance(series, pd.Series)
    for year in p.years:
        series_value(series, year, claim_id, label_of(spec))
    best_claimed = max(float(series.loc[y]) for y in p.years)
    earlier = series[series.index < min(p.years)]
    own_first_year = int(series.index.min())
    other_peak: tuple[int, float] | None = None
    used = [rows]
    if p.earlier is not None:
        other_spec = p.earlier if p.earlier.by else p.earlier.model_copy(update={"by": "year"})
        other, other_rows = measure(tables, other_spec, claim_id)
        assert isinstance(other, pd.Series)
        other = other[other.index < series.index.min()]
        if other.empty:
            raise ClaimDataError(f"claim {claim_id}: the earlier series has no year before {int(series.index.min())}")
        other_peak = (int(other.idxmax()), float(other.max()))
        earlier = pd.concat([other, earlier]).sort_index()
        series = pd.concat([other, series]).sort_index()
        used.append(other_rows)
    peak_year = int(series.idxmax())
    peak = float(series.max())
    if peak_year in p.years:
        verdict = SUPPORTED
    elif best_claimed >= peak * (1 - p.mostly_margin):
        verdict = MOSTLY
    else:
        verdict = CONTRADICTED
    unit = spec.unit
    explanation = (
        f"{label_of(spec)}"
        + (f" (before it starts, {label_of(p.earlier)})" if p.earlier is not None else "")
        + f": highest value {fmt(peak, unit)} in {peak_year} over "
        f"{int(series.index.min())}-{int(series.index.max())}; claimed record years "
        f"{', '.join(map(str, p.years))} reach {fmt(best_claimed, unit)}"
        + (
            f"; the highest earlier value is {fmt(float(earlier.max()), unit)} ({int(earlier.idxmax())})"
            if not earlier.empty
            else "; the series has no earlier years"
        )
        + "."
    )
    return Outcome(
        verdict=verdict,
        headline=f"peak {peak_year}",
        numbers={
            "peak_year": peak_year,
            "peak": peak,
            "best_claimed": best_claimed,
            "earlier_peak": float(earlier.max()) if not earlier.empty else None,
            "earlier_peak_year": int(earlier.idxmax()) if not earlier.empty else None,
            "first_year": int(series.index.min()),
            "own_first_year": own_first_year,  # where the measure's own series starts
            # the earlier source's highest year and value (before the own series starts)
            "earlier_source_peak_year": other_peak[0] if other_peak else None,
            "earlier_source_peak": other_peak[1] if other_peak else None,
            "series": {str(int(k)): float(v) for k, v in series.items()},
        },
        explanation=explanation,
        evidence=[{"year": int(k), "value": float(v)} for k, v in series.items()],
        sources=tables.sources_for(pd.concat(used)),
    )


class CompareParams(Params):
    a: Measure
    b: Measure
    expect: Literal["a_above", "a_below"]
    margin: float = 0.0  # relative: a within this share of b counts as mostly supported


@evaluator("compare", CompareParams)
def compare(p: CompareParams, tables: Tables, claim_id: str) -> Outcome:
    """One figure above (or below) another: e.g. growth after an event against growth before it."""
    values = {}
    rows = []
    for key, spec in (("a", p.a), ("b", p.b)):
        value, part_rows = measure(tables, spec, claim_id)
        if isinstance(value, pd.Series):
            raise ClaimDataError(f"claim {claim_id}: compare needs single numbers; drop 'by' from '{key}'")
        values[key] = value
        rows.append(part_rows)
    a, b = values["a"], values["b"]
    ok = a > b if p.expect == "a_above" else a < b
    near = abs(a - b) <= p.margin * abs(b)
    verdict = SUPPORTED if ok else MOSTLY if near else CONTRADICTED
    explanation = (
        f"{label_of(p.a)}: {fmt(a, p.a.unit)}; {label_of(p.b)}: {fmt(b, p.b.unit)}; the claim needs the first "
        f"{'above' if p.expect == 'a_above' else 'below'} the second."
    )
    return Outcome(
        verdict=verdict,
        headline=f"{fmt(a, p.a.unit)} vs {fmt(b, p.b.unit)}",
        numbers={"a": a, "b": b},
        explanation=explanation,
        evidence=evidence_records(pd.concat(rows)),
        sources=tables.sources_for(pd.concat(rows)),
    )
