"""Reader for the migration extracts: UN DESA migrant stock in Russia, KNOMAD remittance matrix.

Raw files (folder ``migration/`` of the mirror, see its PROVENANCE.md); only the CSV extracts
are read, never the KNOMAD workbook:

* ``undesa_ims2024_stock_in_russia_from_central_asia_china.csv.gz``: persons living in Russia
  born in each of the Central Asian five and China, 1990-2024 (UN DESA IMS 2024).
* ``knomad_brm2021_extract_russia_and_central_asia.csv.gz``: World Bank/KNOMAD bilateral
  remittance matrix 2021 (December 2022 version), US$ million, model-based estimates.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from cautils.countries import CA5, FOCUS, to_iso3
from cautils.errors import DataError
from cautils.io import read_raw_csv, to_numeric_checked
from cautils.sources.base import Dataset, RawInput, TableSpec

UNDESA_IMS2024 = Dataset(
    key="undesa_ims2024",
    publisher="United Nations, Department of Economic and Social Affairs, Population Division",
    title="International Migrant Stock 2024 (destination by origin, by sex)",
    version="2024 revision; mid-year 1990-2024 (2024 projected); via X80110/migration-"
    "visualization commit ba303d4 (long-format reshaping of the UN workbook)",
    licence="Not stated in the reshaped file; UN DESA data are published for free reuse with "
    "attribution (CC BY 3.0 IGO for several products): check UN terms before redistribution",
    url="https://www.un.org/development/desa/pd/content/international-migrant-stock",
    citation="United Nations Department of Economic and Social Affairs, Population Division "
    "(2024). International Migrant Stock 2024. "
    "https://www.un.org/development/desa/pd/content/international-migrant-stock",
)

KNOMAD_BRM2021 = Dataset(
    key="knomad_brm2021",
    publisher="The World Bank / KNOMAD",
    title="Bilateral Remittance Estimates for 2021 using Migrant Stocks, Host Country Incomes, "
    "and Origin Country Incomes (millions of US$)",
    version="December 2022 version (a re-saved copy: artemdsmirnov/International-Payment-System-"
    "Go-to-Market-Strategy-and-Pricing-Points commit 381b1ca)",
    licence="World Bank data, normally CC BY 4.0 (no licence text in the workbook)",
    url="https://www.knomad.org/data/remittances",
    citation="World Bank/KNOMAD, Bilateral Remittance Matrix 2021 (December 2022 version). "
    "https://www.knomad.org/data/remittances",
)

UNDESA_PATH = "migration/undesa_ims2024_stock_in_russia_from_central_asia_china.csv.gz"
KNOMAD_PATH = "migration/knomad_brm2021_extract_russia_and_central_asia.csv.gz"

UNDESA = RawInput(UNDESA_PATH, UNDESA_IMS2024)
KNOMAD = RawInput(KNOMAD_PATH, KNOMAD_BRM2021)

UNDESA_YEARS = (1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024)
WORLD = "WORLD"  # KNOMAD's total row (all senders) and total column (all receivers)
KNOMAD_YEAR = 2021


def _text_csv(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    return read_raw_csv(path, required=required, dtype=str, keep_default_na=False)


def _country(
    frame: pd.DataFrame, column: str, path: Path, *, allow_world: bool = False, codes_only: bool = False
) -> pd.Series:
    """Map labels (or ISO3 codes) to ISO3; WORLD -> None when allowed; unknown names its row."""
    labels = frame[column].str.strip()
    mapping: dict[str, str | None] = {}
    for label in labels.unique():
        if allow_world and label.upper() == WORLD:
            mapping[label] = None
            continue
        try:
            iso3 = to_iso3(label, str(path))
        except DataError:
            iso3 = None
        if iso3 is None or (codes_only and iso3 != label):
            row = int(labels.index[(labels == label).to_numpy()][0]) + 2
            raise DataError(
                path,
                f"unknown country {label!r}",
                field=column,
                row=row,
                expected="an ISO3 code" if codes_only else "a country name that cautils.countries maps to ISO3",
            )
        mapping[label] = iso3
    return labels.map(mapping).astype("object")


def _integers(frame: pd.DataFrame, column: str, path: Path) -> pd.Series:
    numbers = to_numeric_checked(frame, column, path, allow_blank=False)
    bad = (numbers != numbers.round()) | (numbers < 0)
    if bad.any():
        raise DataError(
            path,
            f"not a whole non-negative number: {frame.loc[bad, column].iloc[0]!r}",
            field=column,
            row=int(bad[bad].index[0]) + 2,
            expected="a count",
        )
    return numbers.astype("int64")


def build_migrant_stock_russia(raw_dir: Path) -> pd.DataFrame:
    path = UNDESA.resolve(raw_dir)
    frame = _text_csv(path, ("year", "orig", "dest", "stock", "stock_male", "stock_female"))
    out = pd.DataFrame(
        {
            "year": _integers(frame, "year", path),
            "origin_iso3": _country(frame, "orig", path, codes_only=True),
            "destination_iso3": _country(frame, "dest", path, codes_only=True),
            "stock": _integers(frame, "stock", path),
            "stock_male": _integers(frame, "stock_male", path),
            "stock_female": _integers(frame, "stock_female", path),
        }
    )
    mismatch = out["stock"] != out["stock_male"] + out["stock_female"]
    if mismatch.any():
        row = int(mismatch[mismatch].index[0])
        raise DataError(
            path,
            f"stock {out.at[row, 'stock']} != stock_male {out.at[row, 'stock_male']} + "
            f"stock_female {out.at[row, 'stock_female']} ({out.at[row, 'origin_iso3']}, "
            f"{out.at[row, 'year']})",
            field="stock",
            row=row + 2,
            expected="stock = stock_male + stock_female",
        )
    return out


def build_remittance_matrix_2021(raw_dir: Path) -> pd.DataFrame:
    path = KNOMAD.resolve(raw_dir)
    frame = _text_csv(path, ("sending_country", "receiving_country", "usd_million_2021"))
    values = to_numeric_checked(frame, "usd_million_2021", path)
    keep = values.notna()
    frame = frame[keep]
    return pd.DataFrame(
        {
            "sender": frame["sending_country"].str.strip(),
            "sender_iso3": _country(frame, "sending_country", path, allow_world=True),
            "receiver": frame["receiving_country"].str.strip(),
            "receiver_iso3": _country(frame, "receiving_country", path, allow_world=True),
            "year": KNOMAD_YEAR,
            "usd_million": values[keep],
        }
    )


_ISO3 = pa.Check.str_matches(r"^[A-Z]{3}$")

MIGRANT_STOCK_SCHEMA = pa.DataFrameSchema(
    {
        "year": pa.Column(int, pa.Check.isin(UNDESA_YEARS)),
        "origin_iso3": pa.Column(str, pa.Check.isin(FOCUS)),
        "destination_iso3": pa.Column(str, pa.Check.eq("RUS")),
        "stock": pa.Column(int, pa.Check.ge(0)),
        "stock_male": pa.Column(int, pa.Check.ge(0)),
        "stock_female": pa.Column(int, pa.Check.ge(0)),
    },
    unique=["year", "origin_iso3", "destination_iso3"],
    checks=[
        pa.Check(
            lambda df: df["stock"] == df["stock_male"] + df["stock_female"], error="stock = stock_male + stock_female"
        ),
    ],
    strict=True,
    coerce=True,
)

REMITTANCE_MATRIX_SCHEMA = pa.DataFrameSchema(
    {
        "sender": pa.Column(str, pa.Check.str_length(min_value=1)),
        "sender_iso3": pa.Column(str, _ISO3, nullable=True),
        "receiver": pa.Column(str, pa.Check.str_length(min_value=1)),
        "receiver_iso3": pa.Column(str, _ISO3, nullable=True),
        "year": pa.Column(int, pa.Check.eq(KNOMAD_YEAR)),
        "usd_million": pa.Column(float, pa.Check.in_range(0, 1e6)),
    },
    unique=["sender", "receiver"],
    checks=[
        pa.Check(
            lambda df: df["sender_iso3"].notna() | (df["sender"].str.upper() == WORLD),
            error="only WORLD has no sender ISO3",
        ),
        pa.Check(
            lambda df: df["receiver_iso3"].notna() | (df["receiver"].str.upper() == WORLD),
            error="only WORLD has no receiver ISO3",
        ),
        pa.Check(
            lambda df: df["receiver_iso3"].isin(CA5 + ("CHN",)) | (df["sender_iso3"] == "RUS"),
            error="receiver in Central Asia (or China WORLD total) or sender Russia",
        ),
    ],
    strict=True,
    coerce=True,
)

TABLES: list[TableSpec] = [
    TableSpec(
        name="migrant_stock_russia",
        description="UN DESA International Migrant Stock 2024: persons living in Russia born in "
        "the Central Asian five and China, by sex, 1990-2024",
        inputs=(UNDESA,),
        build=build_migrant_stock_russia,
        schema=MIGRANT_STOCK_SCHEMA,
        sort_by=("origin_iso3", "year"),
        notes=(
            "A stock of foreign-born people (place of birth), not labour migrants or flows; "
            "Kazakhstan-born includes ethnic Russians born in the Kazakh SSR.",
            "2024 values are projections.",
        ),
    ),
    TableSpec(
        name="remittance_matrix_2021",
        description="World Bank/KNOMAD bilateral remittance estimates 2021 (US$ million): every "
        "flow into the Central Asian five, every flow out of Russia, WORLD totals",
        inputs=(KNOMAD,),
        build=build_remittance_matrix_2021,
        schema=REMITTANCE_MATRIX_SCHEMA,
        sort_by=("receiver", "sender"),
        notes=(
            "Model-based allocation of each receiver's total across senders (migrant stocks and "
            "incomes), not recorded bank flows; Uzbekistan's whole inflow is assigned to Russia.",
            "sender WORLD = the receiver's total; receiver WORLD = the sender's total (ISO3 empty for WORLD).",
        ),
    ),
]
