"""Access to the processed and curated tables for evaluators, with source records.

Evaluators never read files themselves: they ask a `Tables` for a named table and a
selection. Tests pass synthetic tables through `overrides`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from cautils.claims.models import SourceRef
from cautils.curated import CITATION_COLUMNS, load_curated
from cautils.curated import TABLES as CURATED_TABLES
from cautils.paths import CURATED_DIR, PROCESSED_DIR

# Logical tables that unite processed tables: a prefix (every table whose name starts with it),
# or named tables each with columns added to tell them apart.
GROUPS: dict[str, str | dict[str, dict[str, str]]] = {
    "trade": "trade_",
    "gas_trade": {"gas_pipeline_trade": {"mode": "pipeline"}, "gas_lng_trade": {"mode": "lng"}},
}

# Group values that are totals or unallocated remainders, never members of a ranking.
AGGREGATE_CODES = frozenset({"WLD", "XUN"})
# Columns that identify one measured flow in a table with several sources (trade tables).
FLOW_KEY = ("iso3", "partner_iso3", "year", "month", "period", "flow", "unit")
SOURCE_KEY = ("source", "basis", "reported_by")


class ClaimDataError(Exception):
    """A claim's check cannot be evaluated on the data (names the claim and the selection)."""


def guard_same_flow(rows: pd.DataFrame, claim_id: str, what: str) -> None:
    """Refuse to add rows from two sources (or bases) that measure the same flow.

    Two reports of one flow (a country's own statistics and BACI, or its own and its partner's
    report) are alternatives to compare, not amounts to add. Turnover rows may not be added to
    export or import rows of the same flow either."""
    if not set(FLOW_KEY[:3]).issubset(rows.columns) or "flow" not in rows.columns:
        return
    key = [c for c in FLOW_KEY if c in rows.columns]
    source_cols = [c for c in SOURCE_KEY if c in rows.columns]
    if source_cols:
        variants = rows[key + source_cols].astype("string").fillna("").drop_duplicates()
        dup = variants.duplicated(subset=key, keep=False)
        if dup.any():
            first = variants[dup].iloc[0]
            clash = variants[dup & (variants[key] == first[key]).all(axis=1)]
            names = ", ".join("/".join(v for v in r if v) for r in clash[source_cols].itertuples(index=False))
            flow = ", ".join(f"{c} {first[c]}" for c in key if first[c])
            raise ClaimDataError(
                f"claim {claim_id}: {what} would add two sources that measure the same flow "
                f"({flow}: {names}); select one source and show the other side by side"
            )
    flows = rows[[c for c in key if c != "flow"] + ["flow"]].astype("string").fillna("")
    by_key = flows.groupby([c for c in key if c != "flow"], dropna=False)["flow"].apply(lambda s: set(s))
    mixed = by_key[by_key.apply(lambda s: "turnover" in s and bool(s & {"exports", "imports"}))]
    if not mixed.empty:
        raise ClaimDataError(
            f"claim {claim_id}: {what} would add turnover to exports or imports of the same flow "
            f"({mixed.index[0]}); turnover already is exports plus imports"
        )


class Tables:
    """Lazy loader for processed tables, table groups and curated tables."""

    def __init__(
        self,
        processed_dir: Path = PROCESSED_DIR,
        curated_dir: Path = CURATED_DIR,
        overrides: dict[str, pd.DataFrame] | None = None,
    ) -> None:
        self.processed_dir = Path(processed_dir)
        self.curated_dir = Path(curated_dir)
        self.overrides = dict(overrides or {})
        self._cache: dict[str, pd.DataFrame] = {}
        self._manifest: dict | None = None
        self.accessed: set[str] = set()  # names of the tables read (for the per-claim cache)

    # -- loading ---------------------------------------------------------------------------
    def manifest(self) -> dict:
        if self._manifest is None:
            path = self.processed_dir / "manifest.json"
            self._manifest = json.loads(path.read_text()) if path.is_file() else {"tables": {}, "datasets": {}}
        return self._manifest

    def known(self) -> list[str]:
        from cautils.sources import all_tables

        names = set(self.overrides) | set(CURATED_TABLES) | set(GROUPS)
        names |= {t.name for t in all_tables()}
        return sorted(names)

    def get(self, name: str, claim_id: str = "") -> pd.DataFrame:
        if name not in self.overrides and name not in self.known():
            who = f"claim {claim_id}: " if claim_id else ""
            raise ClaimDataError(f"{who}no table '{name}' (known: {', '.join(self.known())})")
        self.accessed.add(name)
        if name in self.overrides:
            frame = self.overrides[name]
            if "_table" not in frame.columns:
                frame = frame.assign(_table=f"curated/{name}" if name in CURATED_TABLES else name)
            return frame
        if name not in self._cache:
            self._cache[name] = self._load(name)
        return self._cache[name]

    def _load(self, name: str) -> pd.DataFrame:
        from cautils.data import load
        from cautils.sources import all_tables

        if name in CURATED_TABLES:
            return load_curated(name, self.curated_dir).assign(_table=f"curated/{name}")
        if name in GROUPS:
            group = GROUPS[name]
            if isinstance(group, str):
                members: dict[str, dict[str, str]] = {t.name: {} for t in all_tables() if t.name.startswith(group)}
            else:
                members = group
            frames = [load(n, self.processed_dir).assign(**extra, _table=n) for n, extra in members.items()]
            return pd.concat(frames, ignore_index=True)
        return load(name, self.processed_dir).assign(_table=name)

    # -- selection -------------------------------------------------------------------------
    def select(self, name: str, where: dict[str, Any] | None, claim_id: str, allow_empty: bool = False) -> pd.DataFrame:
        """Rows of `name` matching `where` (scalar = equality, list = membership,
        {'between': [a, b]} = inclusive range, {'not': x} = inequality,
        {'contains': x} = x is one of the semicolon-separated items, {'in': 'table.column'} = the
        value is one of that (curated or processed) table's column values, {'any': true} = no filter).
        A column the table lacks is always an error; no matching row is one unless
        `allow_empty` (a count may legitimately be zero)."""
        frame = self.get(name, claim_id)
        mask = pd.Series(True, index=frame.index)
        for column, condition in (where or {}).items():
            if isinstance(condition, dict) and condition.get("any") is True:
                continue  # lets a robustness alternative drop a filter of the main check (even on another table)
            if column not in frame.columns:
                raise ClaimDataError(
                    f"claim {claim_id}: table '{name}' has no column '{column}' "
                    f"(columns: {', '.join(c for c in frame.columns if c != '_table')})"
                )
            series = frame[column]
            if isinstance(condition, dict) and "between" in condition:
                low, high = condition["between"]
                mask &= series.between(low, high)
            elif isinstance(condition, dict) and "contains" in condition:
                mask &= (
                    series.astype("string")
                    .str.split(";")
                    .apply(lambda items, wanted=condition["contains"]: isinstance(items, list) and wanted in items)
                    .astype(bool)
                )
            elif isinstance(condition, dict) and "in" in condition:
                other, _, other_column = str(condition["in"]).partition(".")
                values = self.get(other, claim_id)
                if other_column not in values.columns:
                    raise ClaimDataError(
                        f"claim {claim_id}: table '{other}' has no column '{other_column}' "
                        f"(in the selection of '{name}')"
                    )
                mask &= series.isin(set(values[other_column]))
            elif isinstance(condition, dict) and "not" in condition:
                bad = condition["not"]
                mask &= ~series.isin(bad if isinstance(bad, list) else [bad])
            elif isinstance(condition, list):
                mask &= series.isin(condition)
            elif condition is None:
                mask &= series.isna()
            else:
                mask &= series == condition
        selected = frame[mask]
        if selected.empty and not allow_empty:
            raise ClaimDataError(
                f"claim {claim_id}: no rows in '{name}' match {where}" + self._coverage_hint(frame, where)
            )
        return selected

    @staticmethod
    def _coverage_hint(frame: pd.DataFrame, where: dict[str, Any] | None) -> str:
        hints = []
        if "year" in frame.columns and frame["year"].notna().any():
            hints.append(f"years in table: {int(frame['year'].min())}-{int(frame['year'].max())}")
        for column, condition in (where or {}).items():
            if column in frame.columns and column != "year" and not isinstance(condition, dict):
                wanted = condition if isinstance(condition, list) else [condition]
                missing = [w for w in wanted if not (frame[column] == w).any()]
                if missing:
                    hints.append(f"no {column} = {missing}")
        return f" ({'; '.join(hints)})" if hints else ""

    # -- provenance ------------------------------------------------------------------------
    def sources_for(self, rows: pd.DataFrame) -> list[SourceRef]:
        """Source records for the rows a verdict used: table sha256 and datasets, or the
        curated rows' own citations."""
        refs: list[SourceRef] = []
        manifest = self.manifest()
        for table_name, part in rows.groupby("_table", sort=True):
            if table_name.startswith("curated/"):
                cite_cols = [c for c in CITATION_COLUMNS if c in part.columns]
                id_col = next((c for c in ("event_id", "facility_id", "deployment_id") if c in part.columns), None)
                records = []
                for _, row in part.iterrows():
                    record = {c: row[c] for c in cite_cols}
                    if id_col:
                        record["id"] = row[id_col]
                    records.append(record)
                unique = [dict(t) for t in {tuple(sorted(r.items())) for r in records}]
                refs.append(SourceRef(table=f"data/{table_name}.csv", rows=sorted(unique, key=str)))
                continue
            entry = manifest.get("tables", {}).get(table_name, {})
            keys = sorted({i["dataset"] for i in entry.get("inputs", [])})
            datasets = []
            for key in keys:
                record = manifest.get("datasets", {}).get(key, {})
                datasets.append(
                    {
                        "key": key,
                        "publisher": record.get("publisher", ""),
                        "title": record.get("title", ""),
                        "version": record.get("version", ""),
                    }
                )
            refs.append(
                SourceRef(table=f"data/processed/{table_name}.csv", sha256=entry.get("sha256"), datasets=datasets)
            )
        return refs
