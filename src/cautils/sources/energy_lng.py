"""Reader for the Energy Institute's LNG trade matrices (bcm), editions 2023-2025.

Raw files: the three Statistical Review workbooks of the mirror's ``energy/`` folder (see
its PROVENANCE.md), sheets "Gas - Trade movts LNG" (2023 edition, data 2022), "Gas trade -
LNG" (2024, data 2023) and "Gas trade 2024 - LNG" (2025, data 2024). Each is a matrix: rows
are importers ("To"), columns exporters ("From", a label split over two header rows), then
"Total imports"; the last data row is "Total exports". The pipeline matrices of the same
editions are read from the mirror's CSV extract (`cautils.sources.energy`); together they
give every country's gas imports by supplier and mode (pipeline, LNG).

Kept: every flow into China, Kazakhstan, Uzbekistan, Turkmenistan or Russia, every flow out
of Russia, and the totals. "-" is nil (0); "†" is less than 0.05 bcm (left empty).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from cautils.countries import to_iso3_or_none
from cautils.errors import DataError
from cautils.sources.base import RawInput, TableSpec
from cautils.sources.energy import BELOW_HALF_DECIMAL, EI_SR_2023_2025, NIL, TOTAL_EXPORTS, TOTAL_IMPORTS

SHEETS = {2023: "Gas - Trade movts LNG", 2024: "Gas trade - LNG", 2025: "Gas trade 2024 - LNG"}
WORKBOOKS = {
    ed: RawInput(f"energy/EI_Statistical_Review_of_World_Energy_{ed}_data.xlsx", EI_SR_2023_2025) for ed in SHEETS
}
HEADER_ROWS = (2, 3)  # the exporter label is split over these two rows
FIRST_ROW = 4
FOCUS = ("China", "Kazakhstan", "Uzbekistan", "Turkmenistan", "Russian Federation")
# Regional subtotal rows of the LNG matrices that the country harmoniser does not know.
REGION_LABELS = ("Middle East & Africa",)


def _cell(value: object) -> tuple[float | None, str]:
    """(bcm, the cell as text): '-' -> 0, '†' -> empty, numbers as they are."""
    if isinstance(value, int | float):
        return float(value), repr(float(value))
    text = str(value).strip()
    if text == NIL:
        return 0.0, text
    if text == BELOW_HALF_DECIMAL:
        return None, text
    try:
        return float(text), text
    except ValueError:
        return float("nan"), text


def read_lng_matrix(path: Path, edition: int) -> pd.DataFrame:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        rows = book.get_sheet_by_name(SHEETS[edition]).to_python()
    except Exception as exc:
        raise DataError(path, f"cannot read sheet {SHEETS[edition]!r} ({exc})", field="sheet") from exc
    top, bottom = (rows[i] for i in HEADER_ROWS)
    exporters = [" ".join(f"{a} {b}".split()) for a, b in zip(top[1:], bottom[1:], strict=True)]
    if exporters[-1] != TOTAL_IMPORTS:
        raise DataError(
            path,
            f"sheet {SHEETS[edition]!r}: last column is {exporters[-1]!r}",
            expected=f"'{TOTAL_IMPORTS}'",
            field="header",
        )
    records = []
    for number, row in enumerate(rows[FIRST_ROW:], start=FIRST_ROW + 1):
        importer = " ".join(str(row[0]).split())
        if not importer:
            continue
        if importer.startswith("Source") or importer.startswith("*"):
            break
        for exporter, value in zip(exporters, row[1:], strict=True):
            bcm, text = _cell(value)
            if bcm is not None and bcm != bcm:
                raise DataError(
                    path,
                    f"sheet {SHEETS[edition]!r}: unexpected cell {text!r}",
                    row=number,
                    field=exporter,
                    expected="a number, '-' (nil) or '†' (< 0.05)",
                )
            records.append((edition, edition - 1, exporter, importer, bcm, text))
        if importer == TOTAL_EXPORTS:
            break
    else:
        raise DataError(path, f"sheet {SHEETS[edition]!r}: no '{TOTAL_EXPORTS}' row", field="To")
    frame = pd.DataFrame(records, columns=["edition", "year", "exporter", "importer", "bcm", "value_as_in_source"])
    keep = frame["importer"].isin(FOCUS + (TOTAL_EXPORTS,)) | frame["exporter"].isin(FOCUS)
    return frame[keep]


def _iso3(label: str, path: Path) -> str | None:
    if label in (TOTAL_IMPORTS, TOTAL_EXPORTS) + REGION_LABELS or label.endswith("*") or label.startswith("Other"):
        return None
    try:
        return to_iso3_or_none(label, str(path))
    except DataError as exc:
        raise DataError(path, f"unknown country label {label!r}", expected="a country or EI aggregate") from exc


def build_gas_lng_trade(raw_dir: Path) -> pd.DataFrame:
    frames = []
    for edition, raw in WORKBOOKS.items():
        path = raw.resolve(raw_dir)
        frame = read_lng_matrix(path, edition)
        labels = set(frame["exporter"]) | set(frame["importer"])
        codes = {label: _iso3(label, path) for label in labels}
        frame["exporter_iso3"] = frame["exporter"].map(codes).astype("object")
        frame["importer_iso3"] = frame["importer"].map(codes).astype("object")
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True)
    out["mode"] = "lng"
    return out


GAS_LNG_SCHEMA = pa.DataFrameSchema(
    {
        "edition": pa.Column(int, pa.Check.isin(list(SHEETS))),
        "year": pa.Column(int, pa.Check.in_range(2022, 2024)),
        "exporter": pa.Column(str, pa.Check.str_length(min_value=1)),
        "exporter_iso3": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{3}$"), nullable=True),
        "importer": pa.Column(str, pa.Check.str_length(min_value=1)),
        "importer_iso3": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{3}$"), nullable=True),
        "mode": pa.Column(str, pa.Check.eq("lng")),
        "bcm": pa.Column(float, pa.Check.in_range(0, 2000), nullable=True),
        "value_as_in_source": pa.Column(str),
    },
    unique=["edition", "exporter", "importer"],
    checks=[pa.Check(lambda df: df["year"] == df["edition"] - 1, error="year = edition - 1")],
    strict=True,
    coerce=True,
)

TABLES = [
    TableSpec(
        name="gas_lng_trade",
        description="EI bilateral LNG trade (bcm), editions 2023-2025 (data 2022-2024): every flow into "
        "China, Kazakhstan, Uzbekistan, Turkmenistan and Russia, every flow out of Russia, and totals",
        inputs=tuple(WORKBOOKS.values()),
        build=build_gas_lng_trade,
        schema=GAS_LNG_SCHEMA,
        sort_by=("edition", "exporter", "importer"),
        notes=(
            "Read from the workbooks' LNG matrices; pipeline flows are in gas_pipeline_trade (together: "
            "the logical table gas_trade, with a mode column).",
            "value_as_in_source '-' = nil (bcm 0); '†' = less than 0.05 bcm (bcm empty); '*' labels "
            "(e.g. 'Other Europe*') include re-exports.",
            "exporter = 'Total imports' is the importer's total; importer = 'Total exports' is the exporter's total.",
        ),
    ),
]
