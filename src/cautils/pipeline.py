"""`cautils data build` and `cautils data check`: raw files -> validated processed tables.

Every table is built and validated in memory before anything is written; files are then
written atomically, and the manifest last, so a failed build leaves the previous tables.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.errors as pa_errors

from cautils.errors import CautilsError, DataError, ManifestMismatch
from cautils.io import (
    atomic_write_bytes,
    atomic_write_text,
    frame_to_csv_bytes,
    sha256_bytes,
    sha256_file,
)
from cautils.paths import MANIFEST_PATH, PROCESSED_DIR
from cautils.sources import TableSpec, all_tables

MANIFEST_VERSION = 1


@dataclass
class BuiltTable:
    spec: TableSpec
    frame: pd.DataFrame
    data: bytes


def validate(spec: TableSpec, frame: pd.DataFrame, origin: str) -> pd.DataFrame:
    """Validate against the table's pandera schema; errors name the table and the checks."""
    try:
        return spec.schema.validate(frame, lazy=True)
    except pa_errors.SchemaErrors as exc:
        cases = exc.failure_cases.head(5)
        details = "; ".join(
            f"column {row.column!r} check {row.check!r} failed on {row.failure_case!r}"
            + (f" (row {int(row.index) + 2})" if pd.notna(row.index) else "")
            for row in cases.itertuples()
        )
        raise DataError(origin, f"table '{spec.name}' fails its schema: {details}") from exc
    except pa_errors.SchemaError as exc:
        raise DataError(origin, f"table '{spec.name}' fails its schema: {exc}") from exc


def build_table(spec: TableSpec, raw_dir: Path) -> BuiltTable:
    """Build one table in memory: read raw, validate, order columns and rows, serialise."""
    frame = spec.build(raw_dir)
    missing = [c for c in spec.columns if c not in frame.columns]
    if missing:
        raise DataError(spec.name, f"reader did not produce column(s) {missing}")
    frame = frame[spec.columns]
    frame = validate(spec, frame, f"{spec.name} (built from {raw_dir})")
    frame = frame.sort_values(list(spec.sort_by), kind="mergesort").reset_index(drop=True)
    return BuiltTable(spec, frame, frame_to_csv_bytes(frame))


def _input_records(spec: TableSpec, raw_dir: Path) -> list[dict]:
    records = []
    for raw in spec.inputs:
        path = raw.resolve(raw_dir)
        if not path.is_file():
            raise DataError(path, "raw input file not found", expected=f"input of table '{spec.name}'")
        records.append(
            {
                "path": raw.path,
                "sha256": sha256_file(path),
                "dataset": raw.dataset.key,
            }
        )
    return records


def manifest_entry(built: BuiltTable, raw_dir: Path) -> dict:
    spec = built.spec
    frame = built.frame
    entry: dict = {
        "file": f"{spec.name}.csv",
        "description": spec.description,
        "sha256": sha256_bytes(built.data),
        "rows": int(len(frame)),
        "columns": spec.columns,
        "inputs": _input_records(spec, raw_dir),
    }
    if "year" in frame.columns and frame["year"].notna().any():
        entry["coverage"] = {
            "year_min": int(frame["year"].min()),
            "year_max": int(frame["year"].max()),
        }
    if spec.notes:
        entry["notes"] = list(spec.notes)
    return entry


def datasets_record(specs: list[TableSpec]) -> dict:
    out: dict = {}
    for spec in specs:
        for raw in spec.inputs:
            d = raw.dataset
            out[d.key] = {
                "publisher": d.publisher,
                "title": d.title,
                "version": d.version,
                "licence": d.licence,
                "url": d.url,
                "citation": d.citation,
            }
    return dict(sorted(out.items()))


def build_all(
    raw_dir: Path,
    out_dir: Path = PROCESSED_DIR,
    only: list[str] | None = None,
    on_table=None,
) -> dict:
    """Build every table (or those in `only`), write them and the manifest; return the manifest."""
    specs = all_tables()
    if only:
        unknown = set(only) - {s.name for s in specs}
        if unknown:
            raise CautilsError(f"unknown table(s) {sorted(unknown)}")
    built: list[BuiltTable] = []
    for spec in specs:
        if only and spec.name not in only:
            continue
        built.append(build_table(spec, raw_dir))
        if on_table:
            on_table(spec.name)
    manifest_path = out_dir / "manifest.json"
    manifest = read_manifest(manifest_path) if (only and manifest_path.exists()) else {}
    tables = dict(manifest.get("tables", {}))
    for item in built:
        tables[item.spec.name] = manifest_entry(item, raw_dir)
    for item in built:
        target = out_dir / f"{item.spec.name}.csv"
        if not target.exists() or target.read_bytes() != item.data:
            atomic_write_bytes(target, item.data)
    new_manifest = {
        "manifest_version": MANIFEST_VERSION,
        "datasets": datasets_record(specs),
        "tables": dict(sorted(tables.items())),
    }
    atomic_write_text(manifest_path, json.dumps(new_manifest, indent=2, ensure_ascii=False) + "\n")
    return new_manifest


def read_manifest(path: Path = MANIFEST_PATH) -> dict:
    if not path.is_file():
        raise ManifestMismatch(f"{path}: manifest not found; run `cautils data build`")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ManifestMismatch(f"{path}: not valid JSON ({exc})") from exc


def check_all(processed_dir: Path = PROCESSED_DIR, raw_dir: Path | None = None) -> list[str]:
    """Verify processed files against the manifest (hash, rows, schema) and, with raw data,
    that a rebuild reproduces them byte for byte. Returns the problems found (empty = OK)."""
    problems: list[str] = []
    manifest = read_manifest(processed_dir / "manifest.json")
    specs = {s.name: s for s in all_tables()}
    recorded = manifest.get("tables", {})
    for name in specs:
        if name not in recorded:
            problems.append(f"table '{name}' is not in the manifest: run `cautils data build`")
    for name, entry in recorded.items():
        path = processed_dir / entry["file"]
        if name not in specs:
            problems.append(f"{path}: manifest lists table '{name}' that no reader defines")
            continue
        if not path.is_file():
            problems.append(f"{path}: missing (manifest lists it)")
            continue
        actual = sha256_file(path)
        if actual != entry["sha256"]:
            problems.append(
                f"{path}: sha256 {actual[:12]}… differs from manifest {entry['sha256'][:12]}… "
                "(edited by hand? rebuild with `cautils data build`)"
            )
        try:
            frame = load_processed(specs[name], path)
        except CautilsError as exc:
            problems.append(str(exc))
            continue
        if len(frame) != entry["rows"]:
            problems.append(f"{path}: {len(frame)} rows, manifest says {entry['rows']}")
        if list(frame.columns) != entry["columns"]:
            problems.append(f"{path}: columns {list(frame.columns)} differ from manifest")
    if raw_dir is not None:
        for name, spec in specs.items():
            entry = recorded.get(name)
            if entry is None:
                continue
            for rec in entry["inputs"]:
                raw_path = raw_dir / rec["path"]
                if not raw_path.is_file():
                    problems.append(f"{raw_path}: raw input missing")
                elif sha256_file(raw_path) != rec["sha256"]:
                    problems.append(
                        f"{raw_path}: raw input sha256 differs from the manifest (new or corrupted raw file?)"
                    )
            try:
                built = build_table(spec, raw_dir)
            except CautilsError as exc:
                problems.append(f"rebuild of '{name}' failed: {exc}")
                continue
            if sha256_bytes(built.data) != entry["sha256"]:
                problems.append(
                    f"{processed_dir / entry['file']}: a rebuild from {raw_dir} gives different "
                    "bytes (committed table is stale or the build is not deterministic)"
                )
    return problems


def text_columns(spec: TableSpec) -> dict[str, str]:
    """Columns the schema types as text: read them as text, so codes keep their leading zeros."""
    return {name: "string" for name, column in spec.schema.columns.items() if "str" in str(column.dtype)}


def load_processed(spec: TableSpec, path: Path) -> pd.DataFrame:
    """Read one processed CSV and validate (and type) it with its schema."""
    try:
        frame = pd.read_csv(path, keep_default_na=True, dtype=text_columns(spec))
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise DataError(path, f"cannot parse ({exc})") from exc
    missing = [c for c in spec.columns if c not in frame.columns]
    if missing:
        raise DataError(path, f"missing column(s) {missing}", field=missing[0])
    return validate(spec, frame[spec.columns], str(path))
