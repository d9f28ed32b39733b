"""Reader for the World Bank WDI extracts: Central Asia, Russia, China.

Raw files (folder ``wdi/`` of the mirror, see its PROVENANCE.md):

* ``wdi_central_asia_ru_cn_long.csv.gz``: the Datahub copy of WDI, newest vintage; each
  indicator has its own refresh date, read from ``wdi_indicator_metadata.csv.gz``.
* ``wdi_ddf_extract_bx_trf_pwkr_dt_gd_zs.csv.gz``: official remittances % of GDP from an older
  WDI release (open-numbers DDF).
* ``wdi_ddf_extract_ms_mil_mprt_kd.csv.gz``: arms imports (SIPRI TIV) via the same DDF repo.

Output tables: ``wdi`` (long values, one ``vintage`` per series) and ``wdi_indicators``.
Remittances as % of GDP appear twice: the DDF release and a series computed from the newest
Datahub vintage (remittances US$ / GDP US$ x 100); tell them apart by ``vintage``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from cautils.countries import FOCUS, to_iso3
from cautils.errors import DataError
from cautils.io import read_raw_csv, to_numeric_checked
from cautils.sources.base import Dataset, RawInput, TableSpec

WDI_DATAHUB = Dataset(
    key="wdi_datahub",
    publisher="The World Bank",
    title="World Development Indicators (WDI)",
    version=(
        "Datahub datasets/world-development-indicators, snapshot commit 4ebec5a (2026-07-01); "
        "each indicator refreshed on its own date (see wdi_indicators.last_updated)"
    ),
    licence="CC BY 4.0",
    url="https://datacatalog.worldbank.org/dataset/world-development-indicators",
    citation=(
        "World Bank, World Development Indicators. "
        "https://datacatalog.worldbank.org/dataset/world-development-indicators"
    ),
)

WDI_DDF = Dataset(
    key="wdi_ddf_open_numbers",
    publisher="The World Bank (DDF conversion by Open Numbers / Gapminder)",
    title="World Development Indicators (WDI), open-numbers DDF datapoints",
    version=(
        "WDI release c. 2025 (data to 2024) via open-numbers/ddf--world_bank--world_development_"
        "indicators commit 0f0d096 (remittances % of GDP); arms imports file at commit 0cf74c7 "
        "(older, data to 2022)"
    ),
    licence="CC BY 4.0",
    url="https://github.com/open-numbers/ddf--world_bank--world_development_indicators",
    citation=(
        "World Bank, World Development Indicators. "
        "https://datacatalog.worldbank.org/dataset/world-development-indicators "
        "(via open-numbers DDF)"
    ),
)

MAIN_PATH = "wdi/wdi_central_asia_ru_cn_long.csv.gz"
META_PATH = "wdi/wdi_indicator_metadata.csv.gz"
DDF_REMIT_PATH = "wdi/wdi_ddf_extract_bx_trf_pwkr_dt_gd_zs.csv.gz"
DDF_ARMS_PATH = "wdi/wdi_ddf_extract_ms_mil_mprt_kd.csv.gz"

MAIN = RawInput(MAIN_PATH, WDI_DATAHUB)
META = RawInput(META_PATH, WDI_DATAHUB)
DDF_REMIT = RawInput(DDF_REMIT_PATH, WDI_DDF)
DDF_ARMS = RawInput(DDF_ARMS_PATH, WDI_DDF)

REMIT_USD = "BX.TRF.PWKR.CD.DT"
GDP_USD = "NY.GDP.MKTP.CD"
REMIT_GDP = "BX.TRF.PWKR.DT.GD.ZS"
ARMS_IMPORTS = "MS.MIL.MPRT.KD"

# Indicators kept from the main (Datahub) file. Requested but absent from the mirror, so not
# kept: MS.MIL.XPND.CD (military expenditure in current US$).
MAIN_INDICATORS: tuple[str, ...] = (
    REMIT_USD,
    GDP_USD,
    "SP.POP.TOTL",
    "MS.MIL.XPND.GD.ZS",
    "BX.KLT.DINV.CD.WD",
    "NE.EXP.GNFS.ZS",
    "NE.IMP.GNFS.ZS",
    "TG.VAL.TOTL.GD.ZS",
    "TX.VAL.FUEL.ZS.UN",
    "TX.VAL.MRCH.CD.WT",
    "TM.VAL.MRCH.CD.WT",
    "SM.POP.TOTL",
    "NY.GDP.PCAP.CD",
    "EG.IMP.CONS.ZS",
)


# Series from the DDF extracts: code -> (raw input, value column, name, vintage, source commit).
# Names come from PROVENANCE.md (the extracts carry no titles).
DDF_SERIES: dict[str, tuple[RawInput, str, str, str, str]] = {
    REMIT_GDP: (
        DDF_REMIT,
        "bx_trf_pwkr_dt_gd_zs",
        "Personal remittances, received (% of GDP)",
        "WDI release c. 2025 via open-numbers DDF (commit 0f0d096)",
        "0f0d0962479dd72d29a3b725072fefa1da633c99",
    ),
    ARMS_IMPORTS: (
        DDF_ARMS,
        "ms_mil_mprt_kd",
        "Arms imports (SIPRI trend indicator values)",
        "WDI release (data to 2022) via open-numbers DDF (commit 0cf74c7)",
        "0cf74c754ac1f8b7e9fb13586ec6dd629b1a8ae9",
    ),
}

ALL_INDICATORS: tuple[str, ...] = MAIN_INDICATORS + tuple(DDF_SERIES)

MAIN_COLUMNS = ("Indicator Code", "Indicator Name", "Country Name", "Country Code", "Year", "Value")
META_COLUMNS = (
    "Indicator Code",
    "Indicator Name",
    "License",
    "File last updated",
    "Source commit of file",
    "Definition (source readme)",
)


def datahub_vintage(last_updated: str) -> str:
    return f"WDI via datahub, refreshed {last_updated}"


def computed_vintage(remit_updated: str, gdp_updated: str) -> str:
    date = remit_updated if remit_updated == gdp_updated else f"{remit_updated} / {gdp_updated}"
    return f"computed: {REMIT_USD} / {GDP_USD} × 100, WDI via datahub {date}"


def _read_text_csv(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    """All cells as text, empty cells as ''; rows keep their file position in the index."""
    return read_raw_csv(path, required=required, dtype=str, keep_default_na=False)


def _years(frame: pd.DataFrame, column: str, path: Path) -> pd.Series:
    numbers = to_numeric_checked(frame, column, path, allow_blank=False)
    fractional = numbers != numbers.round()
    if fractional.any():
        position = int(fractional.to_numpy().nonzero()[0][0])
        raise DataError(
            path,
            f"non-integer year {frame[column].iloc[position]!r}",
            field=column,
            row=position + 2,
            expected="a whole year",
        )
    return numbers.astype("int64")


def _check_codes(frame: pd.DataFrame, column: str, path: Path, *, upper: bool = False) -> pd.Series:
    """Country codes -> ISO3; an unknown code names the file, field and first row."""
    codes = frame[column].str.strip()
    if upper:
        codes = codes.str.upper()
    mapping: dict[str, str] = {}
    for code in codes.unique():
        try:
            iso3 = to_iso3(code, str(path))
        except DataError:
            iso3 = None
        if iso3 is None or iso3 != code or iso3 not in FOCUS:
            position = int((codes == code).to_numpy().nonzero()[0][0])
            raise DataError(
                path,
                f"unknown or unexpected country code {frame[column].iloc[position]!r}",
                field=column,
                row=position + 2,
                expected=f"one of {', '.join(FOCUS)}",
            )
        mapping[code] = iso3
    return codes.map(mapping)


def read_metadata(raw_dir: Path) -> pd.DataFrame:
    """Metadata rows for MAIN_INDICATORS; every one of them must be described."""
    path = META.resolve(raw_dir)
    meta = _read_text_csv(path, META_COLUMNS)
    meta["Indicator Code"] = meta["Indicator Code"].str.strip()
    duplicated = meta["Indicator Code"].duplicated()
    if duplicated.any():
        position = int(duplicated.to_numpy().nonzero()[0][0])
        raise DataError(
            path,
            f"indicator {meta['Indicator Code'].iloc[position]!r} listed twice",
            field="Indicator Code",
            row=position + 2,
        )
    meta = meta.set_index("Indicator Code", drop=False)
    missing = [code for code in MAIN_INDICATORS if code not in meta.index]
    if missing:
        raise DataError(path, f"no metadata for indicator(s) {missing}", field="Indicator Code")
    meta = meta.loc[list(MAIN_INDICATORS)]
    dates = meta["File last updated"].str.strip()
    bad = ~dates.str.fullmatch(r"\d{4}-\d{2}-\d{2}")
    if bad.any():
        code = str(dates.index[bad.to_numpy()][0])
        raise DataError(
            path,
            f"indicator {code}: last-updated date {dates[code]!r} is not a date",
            field="File last updated",
            expected="YYYY-MM-DD",
        )
    meta["File last updated"] = dates
    return meta


def _read_main(raw_dir: Path, meta: pd.DataFrame) -> pd.DataFrame:
    path = MAIN.resolve(raw_dir)
    frame = _read_text_csv(path, MAIN_COLUMNS)
    frame["Indicator Code"] = frame["Indicator Code"].str.strip()
    frame = frame[frame["Indicator Code"].isin(MAIN_INDICATORS)]
    absent = sorted(set(MAIN_INDICATORS) - set(frame["Indicator Code"]))
    if absent:
        raise DataError(
            path,
            f"indicator(s) {absent} not in the file",
            field="Indicator Code",
            expected="every code in cautils.sources.wdi.MAIN_INDICATORS",
        )
    # Row numbers in errors: the index still holds the position in the whole file.
    frame = frame.reset_index(names="_pos")
    try:
        values = to_numeric_checked(frame, "Value", path)
        years = _years(frame, "Year", path)
        iso3 = _check_codes(frame, "Country Code", path)
    except DataError as exc:
        if exc.row is None:
            raise
        row = int(frame["_pos"].iloc[exc.row - 2]) + 2
        raise DataError(path, exc.problem, field=exc.field, row=row, expected=exc.expected) from exc
    out = pd.DataFrame(
        {
            "iso3": iso3,
            "indicator": frame["Indicator Code"],
            "indicator_name": frame["Indicator Name"].str.strip(),
            "year": years,
            "value": values,
            "vintage": frame["Indicator Code"].map(meta["File last updated"]).map(datahub_vintage),
            "source_file": MAIN_PATH,
        }
    )
    return out[out["value"].notna()]


def _computed_remittances_share(main: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    keys = ["iso3", "year"]
    remit = main.loc[main["indicator"] == REMIT_USD, keys + ["value"]]
    gdp = main.loc[main["indicator"] == GDP_USD, keys + ["value"]]
    both = remit.merge(gdp, on=keys, suffixes=("_remit", "_gdp"), validate="one_to_one")
    both = both[both["value_gdp"] > 0]
    updated = meta["File last updated"]
    return pd.DataFrame(
        {
            "iso3": both["iso3"],
            "indicator": REMIT_GDP,
            "indicator_name": DDF_SERIES[REMIT_GDP][2],
            "year": both["year"],
            "value": both["value_remit"] / both["value_gdp"] * 100.0,
            "vintage": computed_vintage(updated[REMIT_USD], updated[GDP_USD]),
            "source_file": MAIN_PATH,
        }
    )


def _read_ddf(raw_dir: Path, code: str) -> pd.DataFrame:
    raw, column, name, vintage, _commit = DDF_SERIES[code]
    path = raw.resolve(raw_dir)
    frame = _read_text_csv(path, ("economy", "year", column))
    out = pd.DataFrame(
        {
            "iso3": _check_codes(frame, "economy", path, upper=True),
            "indicator": code,
            "indicator_name": name,
            "year": _years(frame, "year", path),
            "value": to_numeric_checked(frame, column, path),
            "vintage": vintage,
            "source_file": raw.path,
        }
    )
    return out[out["value"].notna()]


def _check_unique(frame: pd.DataFrame, keys: list[str], origin: str) -> None:
    dup = frame.duplicated(keys, keep=False)
    if dup.any():
        first = frame[dup].iloc[0]
        raise DataError(
            origin, "duplicate rows for " + ", ".join(f"{k}={first[k]!r}" for k in keys), expected="one value per key"
        )


def build_wdi(raw_dir: Path) -> pd.DataFrame:
    meta = read_metadata(raw_dir)
    main = _read_main(raw_dir, meta)
    _check_unique(main, ["iso3", "indicator", "year"], str(MAIN.resolve(raw_dir)))
    parts = [main, _computed_remittances_share(main, meta)]
    for code in DDF_SERIES:
        ddf = _read_ddf(raw_dir, code)
        _check_unique(ddf, ["iso3", "year"], str(DDF_SERIES[code][0].resolve(raw_dir)))
        parts.append(ddf)
    return pd.concat(parts, ignore_index=True)


def build_wdi_indicators(raw_dir: Path) -> pd.DataFrame:
    meta = read_metadata(raw_dir)
    main = pd.DataFrame(
        {
            "indicator": meta["Indicator Code"].to_numpy(),
            "indicator_name": meta["Indicator Name"].str.strip().to_numpy(),
            "licence": meta["License"].str.strip().to_numpy(),
            "last_updated": meta["File last updated"].to_numpy(),
            "source_commit": meta["Source commit of file"].str.strip().to_numpy(),
            "definition": meta["Definition (source readme)"].str.strip().replace("", None).to_numpy(),
        }
    )
    ddf = pd.DataFrame(
        [
            {
                "indicator": code,
                "indicator_name": name,
                "licence": "CC-BY-4.0",
                "last_updated": None,
                "source_commit": commit,
                "definition": None,
            }
            for code, (_raw, _col, name, _vintage, commit) in DDF_SERIES.items()
        ]
    )
    return pd.concat([main, ddf], ignore_index=True)


_NONEMPTY = pa.Check.str_length(min_value=1)
_VINTAGE = pa.Check.str_matches(
    r"^(WDI via datahub, refreshed \d{4}-\d{2}-\d{2}"
    r"|computed: BX\.TRF\.PWKR\.CD\.DT / NY\.GDP\.MKTP\.CD × 100, WDI via datahub .+"
    r"|WDI release .+ via open-numbers DDF \(commit [0-9a-f]{7}\))$"
)

WDI_SCHEMA = pa.DataFrameSchema(
    {
        "iso3": pa.Column(str, pa.Check.isin(FOCUS)),
        "indicator": pa.Column(str, pa.Check.isin(ALL_INDICATORS)),
        "indicator_name": pa.Column(str, _NONEMPTY),
        "year": pa.Column(int, pa.Check.in_range(1960, 2030)),
        "value": pa.Column(float, pa.Check(lambda s: s.abs() < 1e16, error="finite, < 1e16")),
        "vintage": pa.Column(str, _VINTAGE),
        "source_file": pa.Column(str, pa.Check.isin([MAIN_PATH, DDF_REMIT_PATH, DDF_ARMS_PATH])),
    },
    unique=["iso3", "indicator", "vintage", "year"],
    checks=[
        pa.Check(
            lambda df: ~df["indicator"].str.contains("ZS") | (df["value"].abs() <= 1000),
            error="percentage indicators (…ZS…) within ±1000",
        ),
        pa.Check(
            lambda df: ~df["indicator"].isin(["SP.POP.TOTL", "NY.GDP.MKTP.CD", REMIT_USD]) | (df["value"] >= 0),
            error="population, GDP and remittances are non-negative",
        ),
    ],
    strict=True,
    coerce=True,
)

WDI_INDICATORS_SCHEMA = pa.DataFrameSchema(
    {
        "indicator": pa.Column(str, pa.Check.isin(ALL_INDICATORS), unique=True),
        "indicator_name": pa.Column(str, _NONEMPTY),
        "licence": pa.Column(str, _NONEMPTY),
        "last_updated": pa.Column(str, pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$"), nullable=True),
        "source_commit": pa.Column(str, pa.Check.str_matches(r"^[0-9a-f]{40}$")),
        "definition": pa.Column(str, _NONEMPTY, nullable=True),
    },
    strict=True,
    coerce=True,
)

TABLES: list[TableSpec] = [
    TableSpec(
        name="wdi",
        description=(
            "World Development Indicators for the Central Asian five, Russia and China: selected "
            "series, long format, with the vintage of each series"
        ),
        inputs=(MAIN, META, DDF_REMIT, DDF_ARMS),
        build=build_wdi,
        schema=WDI_SCHEMA,
        sort_by=("indicator", "vintage", "iso3", "year"),
        notes=(
            "BX.TRF.PWKR.DT.GD.ZS (remittances % of GDP) has two vintages: the official WDI "
            "release c. 2025 (open-numbers DDF) and a series computed from the newest Datahub "
            "remittances and GDP; filter on `vintage`.",
            "MS.MIL.MPRT.KD is SIPRI trend-indicator values (volume, constant US$), data to 2022.",
            "MS.MIL.XPND.CD was requested but is not in the mirror.",
            "Empty cells are dropped; Turkmenistan has almost no balance-of-payments data.",
        ),
    ),
    TableSpec(
        name="wdi_indicators",
        description="Metadata (name, licence, refresh date, source commit, definition) of the "
        "indicators in table `wdi`",
        inputs=(META,),
        build=build_wdi_indicators,
        schema=WDI_INDICATORS_SCHEMA,
        sort_by=("indicator",),
        notes=(
            "DDF series (BX.TRF.PWKR.DT.GD.ZS, MS.MIL.MPRT.KD) have no refresh date or "
            "definition in the extracts; their names come from PROVENANCE.md.",
        ),
    ),
]
