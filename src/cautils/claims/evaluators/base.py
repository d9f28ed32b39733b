"""What every evaluator shares: the registry, parameter models, measures, formatting, dispatch.

An evaluator is a pure function of the processed and curated tables. It takes validated
parameters and a `Tables`, and returns an `Outcome`: the verdict, a headline number, the
decisive numbers, an explanation generated from those numbers, the evidence rows and the
sources used. Parameters are pydantic models, so a bad spec fails with a message that names
the claim; any other failure inside an evaluator is reported with the claim id too.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, Final, Literal, cast

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cautils.claims import rubric
from cautils.claims.models import Outcome, Verdict
from cautils.claims.tables import ClaimDataError, Tables, guard_same_flow


class SpecError(Exception):
    """A ledger entry's check is malformed (names the claim)."""


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")


def as_verdict(name: str) -> Verdict:
    """A rubric verdict name as the `Verdict` type; any other string is a defect."""
    if name not in rubric.VERDICTS:
        raise ValueError(f"unknown verdict {name!r}; expected one of {', '.join(rubric.VERDICTS)}")
    return cast(Verdict, name)  # one of rubric.VERDICTS, which are the Verdict literals


# The rubric's verdicts (plain strings in `rubric`), typed for the evaluators' outcomes.
SUPPORTED: Final = as_verdict(rubric.SUPPORTED)
MOSTLY: Final = as_verdict(rubric.MOSTLY)
CONTRADICTED: Final = as_verdict(rubric.CONTRADICTED)
NOT_CHECKABLE: Final = as_verdict(rubric.NOT_CHECKABLE)


def combine(verdicts: list[Verdict]) -> Verdict:
    """The verdict of several checks by the rubric's combination rule (`rubric.combine`)."""
    return as_verdict(rubric.combine(list(verdicts)))


Evaluator = Callable[[Any, Tables, str], Outcome]
EVALUATORS: dict[str, tuple[type[Params], Evaluator]] = {}


def evaluator(name: str, params: type[Params]) -> Callable[[Evaluator], Evaluator]:
    """Register an evaluator under `name` with its parameter model."""

    def register(func: Evaluator) -> Evaluator:
        EVALUATORS[name] = (params, func)
        return func

    return register


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
    # A later level from an earlier one and a reported change: the number times (1 + change/100),
    # where `changed_by` measures the change in per cent (a source that gives only the change).
    changed_by: Measure | None = None


def fmt(value: float | int | None, unit: str = "", digits: int | None = None) -> str:
    """Format a number for prose: thousands separators, sensible decimals, unit."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "n/a"
    if isinstance(value, float) and math.isinf(value):
        return "unbounded"
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
    if math.isinf(value):
        return "unbounded (from zero)"
    return f"{value * 100:.{digits}f}%"


def signed_pct(value: float, digits: int = 1) -> str:
    return ("+" if value >= 0 else "") + pct(value, digits)


def relative_change(start: float, end: float) -> float:
    """(end - start) / |start|; from zero to a positive value it is +inf, zero to zero is 0."""
    if start == 0:
        return 0.0 if end == 0 else math.copysign(math.inf, end)
    return (end - start) / abs(start)


def _aggregate(series: pd.Series, agg: str, claim_id: str, what: str) -> float:
    if agg == "single":
        if len(series) != 1:
            raise ClaimDataError(
                f"claim {claim_id}: {what} selects {len(series)} rows, expected exactly one (narrow the 'where' filter)"
            )
        return float(series.iloc[0])
    if agg == "count":
        return float(len(series))
    return float(getattr(series, agg)())


def measure(tables: Tables, spec: Measure, claim_id: str) -> tuple[float | pd.Series, pd.DataFrame]:
    """The number (or series) a Measure describes, and the rows it came from."""
    rows = tables.select(spec.table, spec.where, claim_id)
    if spec.column not in rows.columns:
        raise ClaimDataError(f"claim {claim_id}: table '{spec.table}' has no column '{spec.column}'")
    if spec.agg in ("sum", "mean"):
        guard_same_flow(rows, claim_id, f"the measure on '{spec.table}' ({describe_where(spec.where)})")
    values = pd.to_numeric(rows[spec.column], errors="coerce") / spec.scale
    if spec.by and spec.changed_by is not None:
        raise ClaimDataError(f"claim {claim_id}: a measure with 'changed_by' gives one number; drop its 'by'")
    if spec.by:
        grouped = values.groupby(rows[spec.by])
        series = grouped.count() if spec.agg == "count" else grouped.agg(spec.agg if spec.agg != "single" else "sum")
        series = series.astype(float)
        if all(isinstance(k, str) and k.isdigit() and len(k) == 4 for k in series.index):
            series.index = series.index.astype(int)  # years written as text (curated dates): make them years
        return series, rows
    value = _aggregate(values, spec.agg, claim_id, f"measure on '{spec.table}'")
    if spec.changed_by is None:
        return value, rows
    change, change_rows = measure(tables, spec.changed_by, claim_id)
    if isinstance(change, pd.Series):
        raise ClaimDataError(f"claim {claim_id}: 'changed_by' needs a single percentage; drop its 'by'")
    return value * (1 + change / 100), pd.concat([rows, change_rows])


def evidence_records(rows: pd.DataFrame, limit: int = 40) -> list[dict[str, Any]]:
    shown = rows.drop(
        columns=[c for c in rows.columns if c.startswith("_") or c.startswith("source_")], errors="ignore"
    )
    records = shown.head(limit).to_dict(orient="records")
    return [
        {
            k: (None if (isinstance(v, float) and pd.isna(v)) else (v.item() if hasattr(v, "item") else v))
            for k, v in record.items()
        }
        for record in records
    ]


def describe_where(where: dict[str, Any]) -> str:
    """A readable rendering of a selection: 'year 2015 to 2021, partner_iso3 not WLD'."""
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


def label_of(spec: Measure) -> str:
    return spec.label or describe_where(spec.where)


def series_value(series: pd.Series, year: int, claim_id: str, label: str) -> float:
    if year not in series.index:
        years = ", ".join(str(int(y)) for y in sorted(series.index))
        raise ClaimDataError(f"claim {claim_id}: no value for {year} in {label} (years present: {years})")
    return float(series.loc[year])


OP_WORDS = {"above": "above", "at_least": "at least", "below": "below", "at_most": "at most"}


def holds(value: float, op: str, threshold: float) -> bool:
    return {
        "above": value > threshold,
        "at_least": value >= threshold,
        "below": value < threshold,
        "at_most": value <= threshold,
    }[op]


def as_list(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


# -- dispatch ------------------------------------------------------------------------------------


def run_evaluator(name: str, params: dict[str, Any], tables: Tables, claim_id: str) -> Outcome:
    """Validate `params` for evaluator `name` and run it. Every failure names the claim."""
    if name not in EVALUATORS:
        raise SpecError(f"claim {claim_id}: unknown evaluator '{name}' (known: {', '.join(sorted(EVALUATORS))})")
    model, func = EVALUATORS[name]
    try:
        parsed = model.model_validate(params)
    except ValidationError as exc:
        detail = "; ".join(f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise SpecError(f"claim {claim_id}: bad parameters for evaluator '{name}': {detail}") from exc
    check_countries(params, claim_id)
    try:
        return func(parsed, tables, claim_id)
    except (SpecError, ClaimDataError):
        raise
    except Exception as exc:  # anything else is a defect: report it with the claim, not a traceback
        raise ClaimDataError(
            f"claim {claim_id}: evaluator '{name}' failed ({type(exc).__name__}: {exc}); parameters: {params}"
        ) from exc


COUNTRY_KEYS = {
    "iso3",
    "partner_iso3",
    "recipient_iso3",
    "supplier_iso3",
    "country_iso3",
    "host_iso3",
    "operator_iso3",
    "place_iso3",
    "origin_iso3",
    "countries",
    "target",
    "exceeds",
    "top",
    "exporter_iso3",
    "importer_iso3",
    "total",
}
AGGREGATES = {"WLD", "EU27", "CA5", "CEPII", "XUN", "(none)"}


def check_countries(params: Any, claim_id: str, key: str | None = None) -> None:
    """Every value under a country key must be a known ISO3 code (or a known aggregate)."""
    from cautils.countries import to_iso3

    if isinstance(params, dict):
        for k, v in params.items():
            check_countries(v, claim_id, k)
    elif isinstance(params, list):
        for v in params:
            check_countries(v, claim_id, key)
    elif key in COUNTRY_KEYS and isinstance(params, str) and params.isupper() and len(params) == 3:
        if params in AGGREGATES:
            return
        try:
            code = to_iso3(params, f"claim {claim_id}")
        except Exception as exc:
            raise SpecError(f"claim {claim_id}: unknown country code '{params}' under '{key}'") from exc
        if code != params:
            raise SpecError(f"claim {claim_id}: '{params}' under '{key}' is not an ISO3 code")
