"""Reader for Eurostat Comext product-level EU exports of EU-sanctioned goods (2020-2022).

Raw files (folder ``trade/eurostat_comext_sanctioned_cn8/`` of the mirror, see its
PROVENANCE.md): 22 workbooks exported from Eurostat's DS-045409, one product code per sheet
(rows 0-7 metadata with the product label and code in brackets, row 8 the months, from row
11 one row per EU reporter and partner; ':' = not available), plus the source project's list
of CN8 codes under the EU's export sanctions.

The sheets hold 4-digit HS headings and 8-digit CN codes; a heading is the sum of its
subheadings where both are present, so only the 8-digit sheets are kept (summing both would
double count). Values are summed over the EU member states (EU-27 as reporter); a ':' cell
is missing, not zero, and the number of reporter-months with a value is kept beside each sum.
Workbooks are read with python-calamine (seconds, not minutes as with openpyxl).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from cautils.countries import to_iso3
from cautils.errors import DataError
from cautils.io import read_raw_csv
from cautils.sources.base import Dataset, RawInput, TableSpec

FOLDER = "trade/eurostat_comext_sanctioned_cn8/"
WORKBOOKS = (
    "01_4624976",
    "02_4624791",
    "03_4542055",
    "04_4630558",
    "05_4556990",
    "06_4568309",
    "07_4572418",
    "08_4573104",
    "09_4573251",
    "10_4573525",
    "11_4590263",
    "12_4590477",
    "13_4593146",
    "14_4593542",
    "15_4605932",
    "16_4606143",
    "17_4606328",
    "18_4623849",
    "19_4623968",
    "20_4624110",
    "21_4624492",
    "22_4624885",
)

COMEXT_CN8 = Dataset(
    key="eurostat_comext_ds045409_sanctioned",
    publisher="Eurostat",
    title="EU trade since 1988 by HS2-4-6 and CN8 (DS-045409): monthly EU exports of EU-sanctioned "
    "goods to Russia and its neighbours",
    version="custom extractions of 16-21 January 2023 (data updated 13 January 2023), 2020-01 to "
    "2022-12; via vzemlys/ruimpeks commit 5b5d97c (files added in 7d52ee4)",
    licence="Eurostat data: reuse allowed with acknowledgement of the source (Eurostat copyright "
    "and reuse policy); the source repository's code is MIT-licensed",
    url="https://ec.europa.eu/eurostat/comext/newxtweb/",
    citation="Eurostat (2023), EU trade since 1988 by HS2-4-6 and CN8 (DS-045409), extracted "
    "16-21 January 2023; compiled by V. Zemlys-Balevičius, 'On EU trade with Russia and its "
    "neighbours after Russian invasion of Ukraine' (github.com/vzemlys/ruimpeks).",
)

INPUTS = tuple(RawInput(f"{FOLDER}{name}_spreadsheet.xlsx", COMEXT_CN8) for name in WORKBOOKS)
SANCTION_CODES = RawInput(f"{FOLDER}export_sanctions_codes.csv", COMEXT_CN8)

PRODUCT_ROW, TIME_ROW, FIRST_DATA_ROW = 4, 8, 11
CODE_RE = re.compile(r"\[(\d{4}|\d{8})\]\s*$")
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
LEGEND = {"", "Special value", ":"}
PARTNERS = ("ARM", "BLR", "GEO", "KAZ", "KGZ", "RUS", "UZB")
COMPARABLE_LAST_MONTH = 11  # the last month every year of the extracts has (2022 ends in November)


def _open(path: Path):  # noqa: ANN202 (calamine's workbook type has no stub)
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:
        raise DataError(path, f"not a readable workbook ({exc})") from exc


def read_workbook(path: Path) -> pd.DataFrame:
    """(cn8, label, partner_iso3, year, month, value) for every 8-digit sheet with a value."""
    book = _open(path)
    records = []
    partner_codes: dict[str, str] = {}
    for sheet in book.sheet_names:
        if not sheet.startswith("Sheet"):
            continue
        rows = book.get_sheet_by_name(sheet).to_python()
        where = f"{path}, sheet '{sheet}'"
        if len(rows) <= FIRST_DATA_ROW or rows[PRODUCT_ROW][0] != "PRODUCT [PRODUCT]":
            raise DataError(
                Path(where),
                "no product header in row 5",
                field="PRODUCT",
                expected="'PRODUCT [PRODUCT]' then the product label with its code in brackets",
            )
        label = str(rows[PRODUCT_ROW][2])
        match = CODE_RE.search(label)
        if not match:
            raise DataError(
                Path(where),
                f"no product code in {label!r}",
                field="PRODUCT",
                expected="a label ending in [dddd] or [dddddddd]",
            )
        code = match.group(1)
        if len(code) == 4:
            continue  # headings overlap their 8-digit subheadings
        months = []
        for cell in rows[TIME_ROW][2:]:
            parsed = MONTH_RE.match(str(cell))
            if not parsed:
                raise DataError(Path(where), f"unexpected month {cell!r} in row 9", field="TIME", expected="YYYY-MM")
            months.append((int(parsed.group(1)), int(parsed.group(2))))
        name = label[: match.start()].strip()
        for row_no, row in enumerate(rows[FIRST_DATA_ROW:], start=FIRST_DATA_ROW + 1):
            if str(row[0]) in LEGEND:
                continue
            partner = str(row[1])
            if partner not in partner_codes:
                partner_codes[partner] = to_iso3(partner, f"{where}, row {row_no}")
            for (year, month), value in zip(months, row[2:], strict=False):
                if isinstance(value, int | float):
                    records.append((code, name, partner_codes[partner], year, month, float(value)))
                elif str(value) not in (":", ""):
                    raise DataError(
                        Path(where),
                        f"unexpected value {value!r}",
                        row=row_no,
                        expected="a number or ':' (not available)",
                    )
    return pd.DataFrame(records, columns=["cn8", "label", "partner_iso3", "year", "month", "value"])


def _all_months(raw_dir: Path) -> pd.DataFrame:
    return _read_all(raw_dir).copy()


@lru_cache(maxsize=2)
def _read_all(raw_dir: Path) -> pd.DataFrame:
    """Every workbook read once per build (both tables come from the same sheets)."""
    frames = [read_workbook(i.resolve(raw_dir)) for i in INPUTS]
    data = pd.concat(frames, ignore_index=True)
    unexpected = sorted(set(data["partner_iso3"]) - set(PARTNERS))
    if unexpected:
        raise DataError(
            raw_dir / FOLDER, f"unexpected partner(s) {unexpected}", field="PARTNER", expected=", ".join(PARTNERS)
        )
    return data


def _sanction_codes(raw_dir: Path) -> set[str]:
    path = SANCTION_CODES.resolve(raw_dir)
    codes = read_raw_csv(path, required=("code", "product"), dtype=str, keep_default_na=False)
    bad = ~codes["code"].str.fullmatch(r"\d{8}")
    if bad.any():
        raise DataError(
            path,
            f"not an 8-digit CN code: {codes.loc[bad, 'code'].iloc[0]!r}",
            field="code",
            row=int(bad.to_numpy().nonzero()[0][0]) + 2,
        )
    return set(codes["code"])


def build_annual(raw_dir: Path) -> pd.DataFrame:
    data = _all_months(raw_dir)
    sanctioned = _sanction_codes(raw_dir)
    stray = sorted(set(data["cn8"]) - sanctioned)
    if stray:
        raise DataError(
            SANCTION_CODES.resolve(raw_dir),
            f"CN8 code(s) {stray[:5]} in the workbooks but not in the sanctions list",
            field="code",
            expected="every extracted CN8 code listed",
        )
    grouped = data.groupby(["cn8", "partner_iso3", "year"], sort=True)
    out = grouped["value"].agg(["sum", "size"]).reset_index()
    out.columns = ["cn8", "partner_iso3", "year", "value", "reporter_months"]
    # The extracts have no December 2022: January-November of every year compares like with like.
    jan_nov = data[data["month"] <= COMPARABLE_LAST_MONTH].groupby(["cn8", "partner_iso3", "year"])["value"].sum()
    out["value_jan_nov"] = out.set_index(["cn8", "partner_iso3", "year"]).index.map(jan_nov).fillna(0.0)
    out["hs6"] = out["cn8"].str[:6]
    out["unit"] = "EUR"
    return out


def build_codes(raw_dir: Path) -> pd.DataFrame:
    """Each CN8 code with its Eurostat label (from the sheet) and its HS6 and HS2 parents."""
    data = _all_months(raw_dir).drop_duplicates("cn8")
    return pd.DataFrame(
        {"cn8": data["cn8"], "hs6": data["cn8"].str[:6], "hs2": data["cn8"].str[:2], "label": data["label"]}
    )


def build_monthly(raw_dir: Path) -> pd.DataFrame:
    data = _all_months(raw_dir)
    data["hs2"] = data["cn8"].str[:2]
    out = data.groupby(["hs2", "partner_iso3", "year", "month"], sort=True)["value"].sum().reset_index()
    out["unit"] = "EUR"
    return out


ANNUAL_SCHEMA = pa.DataFrameSchema(
    {
        "cn8": pa.Column(str, pa.Check.str_matches(r"^\d{8}$")),
        "hs6": pa.Column(str, pa.Check.str_matches(r"^\d{6}$")),
        "partner_iso3": pa.Column(str, pa.Check.isin(list(PARTNERS))),
        "year": pa.Column(int, pa.Check.in_range(2020, 2022)),
        "value": pa.Column(float, pa.Check.ge(0)),
        "value_jan_nov": pa.Column(float, pa.Check.ge(0)),
        "unit": pa.Column(str, pa.Check.eq("EUR")),
        "reporter_months": pa.Column(int, pa.Check.in_range(1, 27 * 12)),
    },
    strict=True,
    coerce=True,
    unique=["cn8", "partner_iso3", "year"],
)

CODES_SCHEMA = pa.DataFrameSchema(
    {
        "cn8": pa.Column(str, pa.Check.str_matches(r"^\d{8}$")),
        "hs6": pa.Column(str, pa.Check.str_matches(r"^\d{6}$")),
        "hs2": pa.Column(str, pa.Check.str_matches(r"^\d{2}$")),
        "label": pa.Column(str, pa.Check.str_length(min_value=1)),
    },
    strict=True,
    coerce=True,
    unique=["cn8"],
)

MONTHLY_SCHEMA = pa.DataFrameSchema(
    {
        "hs2": pa.Column(str, pa.Check.str_matches(r"^\d{2}$")),
        "partner_iso3": pa.Column(str, pa.Check.isin(list(PARTNERS))),
        "year": pa.Column(int, pa.Check.in_range(2020, 2022)),
        "month": pa.Column(int, pa.Check.in_range(1, 12)),
        "value": pa.Column(float, pa.Check.ge(0)),
        "unit": pa.Column(str, pa.Check.eq("EUR")),
    },
    strict=True,
    coerce=True,
    unique=["hs2", "partner_iso3", "year", "month"],
)

NOTES = (
    "Only goods on the EU's Russia export-sanctions lists as compiled in January 2023, not all trade.",
    "8-digit CN codes only: the 4-digit headings in the same files overlap them and are dropped.",
    "The extracts end in November 2022 (no December 2022): value_jan_nov sums January-November of each "
    "year, for like-for-like comparisons; value sums every month present.",
    "EU exports only (the EU side); where goods went next is not observed.",
    "Reporter: the EU-27 (sums over the member states' reports); ':' cells are missing, not zero "
    "(reporter_months counts the reporter-months with a value).",
)

TABLES = [
    TableSpec(
        name="eu_sanctioned_exports_cn8",
        description="EU-27 exports of EU-sanctioned goods by 8-digit CN code to Russia, Belarus, "
        "Armenia, Georgia, Kazakhstan, Kyrgyzstan and Uzbekistan, by year 2020-2022 (EUR)",
        inputs=(*INPUTS, SANCTION_CODES),
        build=build_annual,
        schema=ANNUAL_SCHEMA,
        sort_by=("cn8", "partner_iso3", "year"),
        notes=NOTES,
    ),
    TableSpec(
        name="eu_sanctioned_cn8_codes",
        description="The CN8 codes of the EU's Russia export-sanctions lists in the Comext extracts, "
        "with Eurostat's label and their HS6 and HS2 parents",
        inputs=INPUTS,
        build=build_codes,
        schema=CODES_SCHEMA,
        sort_by=("cn8",),
        notes=NOTES[:2],
    ),
    TableSpec(
        name="eu_sanctioned_exports_monthly",
        description="The same exports by HS chapter (2-digit) and month, 2020-01 to 2022-12 (EUR)",
        inputs=INPUTS,
        build=build_monthly,
        schema=MONTHLY_SCHEMA,
        sort_by=("hs2", "partner_iso3", "year", "month"),
        notes=NOTES,
    ),
]
