"""Reader for the Energy Institute Statistical Review extracts: natural gas (bcm).

Raw files (folder ``energy/`` of the mirror, see its PROVENANCE.md); only the CSV extracts
are read, never the workbooks:

* ``ei_gas_pipeline_trade_bilateral_2022_2024.csv.gz``: the pipeline-trade matrices of the
  2023, 2024 and 2025 editions (data years 2022, 2023, 2024), long format.
* ``ei2025_gas_interregional_trade_2000_2024.csv.gz``: 2025 sheet "Gas - Trade movements".
* ``ei2025_gas_production_consumption_bcm.csv.gz``: 2025 sheets "Gas Production - Bcm" and
  "Gas Consumption - Bcm".

Labels are kept as the source writes them; ISO3 codes are added only for real countries
("Other CIS", "CIS", "Total imports" and other aggregates get none). "Other CIS" means CIS
excluding Belarus, Kazakhstan and Russia in the bilateral matrix, but all CIS excluding
Russia in the inter-regional table.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from cautils.countries import to_iso3_or_none
from cautils.errors import DataError
from cautils.io import read_raw_csv, to_numeric_checked
from cautils.sources.base import Dataset, RawInput, TableSpec

_CITATION = (
    "Energy Institute Statistical Review of World Energy ({editions}). https://www.energyinst.org/statistical-review"
)
_LICENCE = (
    "No licence statement in the workbooks; free to download with attribution required "
    "(not an open licence: check EI terms before redistribution). Gas-trade tables include "
    "data from FGE MENAgas service and S&P Global Commodity Insights / IHS."
)

EI_SR_2023_2025 = Dataset(
    key="ei_statistical_review_2023_2025",
    publisher="Energy Institute",
    title="Statistical Review of World Energy, data workbooks (natural gas pipeline trade)",
    version="2023, 2024 and 2025 editions (data for 2022, 2023 and 2024)",
    licence=_LICENCE,
    url="https://www.energyinst.org/statistical-review",
    citation=_CITATION.format(editions="2025; 2024; 2023"),
)

EI_SR_2025 = Dataset(
    key="ei_statistical_review_2025",
    publisher="Energy Institute",
    title="Statistical Review of World Energy, data workbook (natural gas)",
    version="2025 edition (data to 2024)",
    licence=_LICENCE,
    url="https://www.energyinst.org/statistical-review",
    citation=_CITATION.format(editions="2025"),
)

PIPELINE_PATH = "energy/ei_gas_pipeline_trade_bilateral_2022_2024.csv.gz"
INTERREGIONAL_PATH = "energy/ei2025_gas_interregional_trade_2000_2024.csv.gz"
PRODCONS_PATH = "energy/ei2025_gas_production_consumption_bcm.csv.gz"

PIPELINE = RawInput(PIPELINE_PATH, EI_SR_2023_2025)
INTERREGIONAL = RawInput(INTERREGIONAL_PATH, EI_SR_2025)
PRODCONS = RawInput(PRODCONS_PATH, EI_SR_2025)

EDITIONS = (2023, 2024, 2025)

# Bilateral pipeline matrix: rows kept when the exporter or the importer is one of these
# labels; this includes each one's "Total imports" / "Total exports" cell.
PIPELINE_FOCUS_LABELS: tuple[str, ...] = (
    "Kazakhstan",
    "Turkmenistan",
    "Uzbekistan",
    "Russian Federation",
    "China",
    "Other CIS",
    "CIS",
)
TOTAL_IMPORTS = "Total imports"
TOTAL_EXPORTS = "Total exports"
NIL = "-"  # EI: nil (the extract's bcm is 0)
BELOW_HALF_DECIMAL = "†"  # EI: less than 0.05 bcm (the extract's bcm is empty)

# Production and consumption: the Central Asian producers EI shows separately, Russia, China,
# and the totals. Kyrgyzstan and Tajikistan are inside "Other CIS". Before 1985 EI shows the
# Soviet republics as 0 and their output in the "USSR" row, which is kept for that reason.
PRODCONS_LABELS: tuple[str, ...] = (
    "Kazakhstan",
    "Turkmenistan",
    "Uzbekistan",
    "Russian Federation",
    "China",
    "Other CIS",
    "Total CIS",
    "Total World",
    "USSR",
)
MEASURES = {"Gas Production - Bcm": "production", "Gas Consumption - Bcm": "consumption"}


def _text_csv(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    return read_raw_csv(path, required=required, dtype=str, keep_default_na=False)


def _first_row(mask: pd.Series) -> int:
    """1-based CSV line number (header = 1) of the first True in mask (index = file position)."""
    return int(mask[mask].index[0]) + 2


def _years(frame: pd.DataFrame, column: str, path: Path) -> pd.Series:
    numbers = to_numeric_checked(frame, column, path, allow_blank=False)
    bad = numbers != numbers.round()
    if bad.any():
        raise DataError(path, f"non-integer year {frame.loc[bad, column].iloc[0]!r}", field=column, row=_first_row(bad))
    return numbers.astype("int64")


def _edition(frame: pd.DataFrame, path: Path) -> pd.Series:
    text = frame["edition"].str.strip()
    year = text.str.extract(r"(\d{4})\s*$", expand=False)
    bad = year.isna() | ~year.isin([str(e) for e in EDITIONS])
    if bad.any():
        raise DataError(
            path,
            f"unrecognised edition {text[bad].iloc[0]!r}",
            field="edition",
            row=_first_row(bad),
            expected="'... Statistical Review ... 2023|2024|2025'",
        )
    return year.astype("int64")


def _iso3(frame: pd.DataFrame, column: str, path: Path) -> pd.Series:
    """ISO3 for real countries, None for EI aggregates; an unknown label names its row."""
    mapping: dict[str, str | None] = {}
    labels = frame[column]
    for label in labels.unique():
        try:
            mapping[label] = to_iso3_or_none(label, str(path))
        except DataError as exc:
            raise DataError(
                path,
                f"unknown country or region label {label!r}",
                field=column,
                row=_first_row(labels == label),
                expected="a country name or an EI aggregate label",
            ) from exc
    return labels.map(mapping).astype("object")


def build_gas_pipeline_trade(raw_dir: Path) -> pd.DataFrame:
    path = PIPELINE.resolve(raw_dir)
    frame = _text_csv(path, ("edition", "data_year", "importer_to", "exporter_from", "value_as_in_source", "bcm"))
    for column in ("importer_to", "exporter_from", "value_as_in_source"):
        frame[column] = frame[column].str.strip()
    # Parse everything before filtering, so row numbers in errors are lines of the file.
    edition = _edition(frame, path)
    year = _years(frame, "data_year", path)
    bcm = to_numeric_checked(frame, "bcm", path)
    source_value = frame["value_as_in_source"]
    # The extract's bcm must agree with the cell text: "-" -> 0, "†" -> empty, else the number.
    as_number = pd.to_numeric(source_value, errors="coerce")
    expected = as_number.where(source_value != NIL, 0.0)
    inconsistent = (
        ((source_value == BELOW_HALF_DECIMAL) & bcm.notna())
        | ((source_value != BELOW_HALF_DECIMAL) & expected.isna())
        | ((expected - bcm).abs() > 1e-9)
        | (expected.notna() & bcm.isna())
    )
    if inconsistent.any():
        row = inconsistent[inconsistent].index[0]
        raise DataError(
            path,
            f"bcm {frame.at[row, 'bcm']!r} does not match the cell text {source_value[row]!r}",
            field="bcm",
            row=int(row) + 2,
            expected="'-' = 0, '†' = empty, otherwise the same number",
        )
    if (year != edition - 1).any():
        bad = year != edition - 1
        raise DataError(path, "data year is not the year before the edition", field="data_year", row=_first_row(bad))
    exporter = frame["exporter_from"]
    importer = frame["importer_to"]
    keep = (
        exporter.isin(PIPELINE_FOCUS_LABELS)
        | importer.isin(PIPELINE_FOCUS_LABELS)
        | ((exporter == TOTAL_IMPORTS) & (importer == TOTAL_EXPORTS))
    )
    kept = frame[keep]
    return pd.DataFrame(
        {
            "edition": edition[keep],
            "year": year[keep],
            "exporter": kept["exporter_from"],
            "exporter_iso3": _iso3(kept, "exporter_from", path),
            "importer": kept["importer_to"],
            "importer_iso3": _iso3(kept, "importer_to", path),
            "bcm": bcm[keep],
            "value_as_in_source": kept["value_as_in_source"],
        }
    )


def build_gas_interregional_trade(raw_dir: Path) -> pd.DataFrame:
    path = INTERREGIONAL.resolve(raw_dir)
    frame = _text_csv(path, ("edition", "region", "flow", "row_label_as_in_source", "year", "bcm"))
    bcm = to_numeric_checked(frame, "bcm", path)
    out = pd.DataFrame(
        {
            "edition": _edition(frame, path),
            "region": frame["region"].str.strip(),
            "flow": frame["flow"].str.strip(),
            "row_label": frame["row_label_as_in_source"].str.strip(),
            "year": _years(frame, "year", path),
            "bcm": bcm,
        }
    )
    return out[out["bcm"].notna()]


def build_gas_production_consumption(raw_dir: Path) -> pd.DataFrame:
    path = PRODCONS.resolve(raw_dir)
    frame = _text_csv(path, ("sheet", "country_or_region", "year", "value_bcm_as_in_source"))
    sheet = frame["sheet"].str.strip()
    unknown = ~sheet.isin(list(MEASURES))
    if unknown.any():
        raise DataError(
            path,
            f"unexpected sheet {sheet[unknown].iloc[0]!r}",
            field="sheet",
            row=_first_row(unknown),
            expected=" or ".join(MEASURES),
        )
    values = to_numeric_checked(frame, "value_bcm_as_in_source", path)
    years = _years(frame, "year", path)
    country = frame["country_or_region"].str.strip()
    keep = country.isin(PRODCONS_LABELS) & values.notna()
    kept = frame[keep].assign(country_or_region=country[keep])
    return pd.DataFrame(
        {
            "measure": sheet[keep].map(MEASURES),
            "country": country[keep],
            "iso3": _iso3(kept, "country_or_region", path),
            "year": years[keep],
            "bcm": values[keep],
        }
    )


def _label_column(nullable: bool = False) -> pa.Column:
    return pa.Column(str, pa.Check.str_length(min_value=1), nullable=nullable)


def _iso3_column() -> pa.Column:
    return pa.Column(str, pa.Check.str_matches(r"^[A-Z]{3}$"), nullable=True)


def _pipeline_text_matches_bcm(df: pd.DataFrame) -> pd.Series:
    text = df["value_as_in_source"].astype(str)
    number = pd.to_numeric(text, errors="coerce").where(text != NIL, 0.0)
    dagger = text == BELOW_HALF_DECIMAL
    return (dagger & df["bcm"].isna()) | (~dagger & ((number - df["bcm"]).abs() < 1e-9))


GAS_PIPELINE_SCHEMA = pa.DataFrameSchema(
    {
        "edition": pa.Column(int, pa.Check.isin(EDITIONS)),
        "year": pa.Column(int, pa.Check.in_range(2022, 2024)),
        "exporter": _label_column(),
        "exporter_iso3": _iso3_column(),
        "importer": _label_column(),
        "importer_iso3": _iso3_column(),
        "bcm": pa.Column(float, pa.Check.in_range(0, 2000), nullable=True),
        "value_as_in_source": pa.Column(
            str, pa.Check.str_matches(rf"^({re.escape(NIL)}|{BELOW_HALF_DECIMAL}|\d+(\.\d+)?)$")
        ),
    },
    unique=["edition", "exporter", "importer"],
    checks=[
        pa.Check(lambda df: df["year"] == df["edition"] - 1, error="year = edition - 1"),
        pa.Check(_pipeline_text_matches_bcm, error="bcm agrees with value_as_in_source"),
        pa.Check(
            lambda df: (
                df["exporter"].isin(PIPELINE_FOCUS_LABELS + (TOTAL_IMPORTS,))
                | df["importer"].isin(PIPELINE_FOCUS_LABELS)
            ),
            error="focus rows only",
        ),
    ],
    strict=True,
    coerce=True,
)

GAS_INTERREGIONAL_SCHEMA = pa.DataFrameSchema(
    {
        "edition": pa.Column(int, pa.Check.eq(2025)),
        "region": _label_column(),
        "flow": _label_column(),
        "row_label": _label_column(),
        "year": pa.Column(int, pa.Check.in_range(1990, 2030)),
        "bcm": pa.Column(float, pa.Check.in_range(0, 5000)),
    },
    unique=["region", "flow", "year"],
    strict=True,
    coerce=True,
)

GAS_PRODCONS_SCHEMA = pa.DataFrameSchema(
    {
        "measure": pa.Column(str, pa.Check.isin(list(MEASURES.values()))),
        "country": pa.Column(str, pa.Check.isin(PRODCONS_LABELS)),
        "iso3": _iso3_column(),
        "year": pa.Column(int, pa.Check.in_range(1965, 2030)),
        "bcm": pa.Column(float, pa.Check.in_range(0, 5000)),
    },
    unique=["measure", "country", "year"],
    strict=True,
    coerce=True,
)

TABLES: list[TableSpec] = [
    TableSpec(
        name="gas_pipeline_trade",
        description=(
            "EI bilateral natural-gas pipeline trade (bcm), editions 2023-2025 (data 2022-2024): "
            "every flow from or to Kazakhstan, Turkmenistan, Uzbekistan, Russia, China, "
            "'Other CIS' and 'CIS', with their import/export totals"
        ),
        inputs=(PIPELINE,),
        build=build_gas_pipeline_trade,
        schema=GAS_PIPELINE_SCHEMA,
        sort_by=("edition", "exporter", "importer"),
        notes=(
            "'Other CIS' as an importer is CIS excluding Belarus, Kazakhstan and Russia: flows to "
            "Uzbekistan, Kyrgyzstan and Tajikistan cannot be separated.",
            "value_as_in_source '-' = nil (bcm 0); '†' = less than 0.05 bcm (bcm empty).",
            "The 2022 matrix is rounded to 0.1 bcm; 2023 and 2024 carry 3 decimals.",
            "exporter = 'Total imports' is the importer's total; importer = 'Total exports' is the exporter's total.",
        ),
    ),
    TableSpec(
        name="gas_interregional_trade",
        description="EI 2025 inter-regional natural-gas trade movements (bcm), 2000-2024, all rows",
        inputs=(INTERREGIONAL,),
        build=build_gas_interregional_trade,
        schema=GAS_INTERREGIONAL_SCHEMA,
        sort_by=("region", "flow", "year"),
        notes=(
            "Here 'Other CIS' is all CIS excluding Russia; its 'Pipeline exports | of which: "
            "China' row is Turkmenistan + Kazakhstan + Uzbekistan combined.",
            "flow is 'parent | child' for indented sub-rows; row_label is the source label with "
            "its indentation stripped.",
        ),
    ),
    TableSpec(
        name="gas_production_consumption",
        description=(
            "EI 2025 natural-gas production and consumption (bcm) of Kazakhstan, Turkmenistan, "
            "Uzbekistan, Russia, China, Other CIS, Total CIS, Total World and USSR (non-zero only before 1985)"
        ),
        inputs=(PRODCONS,),
        build=build_gas_production_consumption,
        schema=GAS_PRODCONS_SCHEMA,
        sort_by=("measure", "country", "year"),
        notes=(
            "Kyrgyzstan and Tajikistan are not shown separately by EI (inside 'Other CIS').",
            "Before 1985 EI gives 0 for Russia, Kazakhstan, Turkmenistan and Uzbekistan: their "
            "output and use are in the 'USSR' row (iso3 SUN), kept for that reason.",
        ),
    ),
]
