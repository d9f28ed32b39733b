"""Reader for SIPRI: arms transfers (TIV of deliveries to the five) and military expenditure.

Raw files (folder ``sipri/`` of the mirror; see its PROVENANCE.md):

* 2024 release, deliveries by deal x delivery year (exact annual TIV), 1990-2023;
* 2025 release, same layout, 1995-2024 (every line ends with a stray ``;``, CRLF);
* 2026 release, trade register (one row per deal, Latin-1), deliveries to 2025:
  its ``SIPRI TIV of delivered weapons`` is the deal's total over all delivery years,
  which this reader spreads equally over the listed years (``method == "equal_split"``);
* MILEX extract (long format) for the five, Russia, China and four regions.

Tables: ``sipri_deliveries``, ``sipri_register``, ``sipri_milex``.

SIPRI's terms: calculations made from its data (per-year equal splits, sums, shares) must
not be attributed to SIPRI; the world-wide arms-transfer files are a working copy and must
not be republished in full (only the five recipients are kept here).
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from cautils.countries import CA5, to_iso3_or_none
from cautils.errors import DataError
from cautils.io import read_raw_bytes, require_columns, to_numeric_checked
from cautils.sources.base import Dataset, RawInput, TableSpec

# --------------------------------------------------------------------------------------
# Files, releases, datasets
# --------------------------------------------------------------------------------------

FOLDER = "sipri"
FILE_2024 = f"{FOLDER}/sipri_at_deliveries_by_year_allrecipients_1990-2023_rel2024_gen2024-04-13.csv.gz"
FILE_2025 = f"{FOLDER}/sipri_at_deliveries_by_year_allrecipients_1995-2024_rel2025_gen2026-02-12.csv.gz"
FILE_2026 = f"{FOLDER}/sipri_at_trade_register_allrecipients_1950-2025_rel2026_gen2026-05-18.csv.gz"
FILE_MILEX = f"{FOLDER}/sipri_milex_ca5_ru_cn_1949-2024_rel2025_extract.csv.gz"

#: Arms-transfer files by SIPRI release, with the text encoding of each export.
AT_FILES: dict[int, str] = {2024: FILE_2024, 2025: FILE_2025, 2026: FILE_2026}
AT_ENCODING: dict[int, str] = {2024: "ascii", 2025: "ascii", 2026: "latin-1"}
PREAMBLE_LINES = 11  # lines before the header in every arms-transfer export

METHOD_EXACT = "exact_annual"
METHOD_SPLIT = "equal_split"

LICENCE = (
    "SIPRI terms: non-commercial use with credit to SIPRI; users' calculations must not "
    "be attributed to SIPRI; no full republication of the arms-transfer exports"
)
AT_URL = "https://www.sipri.org/databases/armstransfers"
MILEX_URL = "https://www.sipri.org/databases/milex"

# Spellings in these files that cautils.countries does not know (none needed so far).
LOCAL_ALIASES: dict[str, str] = {}


_GENERATED_RE = re.compile(r"^Data generated:\s*(?P<stamp>.+?)\s*;?\s*$")
_FILENAME_GEN_RE = re.compile(r"_gen(\d{4}-\d{2}-\d{2})\.")
_STAMP_FORMATS = ("%d %b %Y %I:%M:%S %p", "%d %B %Y %I:%M:%S %p", "%d %b %Y", "%d %B %Y")


def _clean_lines(text: str) -> list[str]:
    """Split into lines (CRLF or LF) and drop the stray ';' the 2025 export puts at line ends."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith(";") else line for line in lines]


def parse_preamble(lines: list[str], path: str | Path) -> tuple[str, datetime]:
    """Title line and the 'Data generated' timestamp from an export's 11 preamble lines."""
    head = lines[:PREAMBLE_LINES]
    if len(head) < PREAMBLE_LINES or not head[0].startswith("Transfers of major conventional arms"):
        raise DataError(
            path,
            "no SIPRI preamble at the top of the file",
            row=1,
            expected=f"{PREAMBLE_LINES} lines starting 'Transfers of major conventional arms'",
        )
    for number, line in enumerate(head, start=1):
        found = _GENERATED_RE.match(line.strip())
        if not found:
            continue
        stamp = re.sub(r"\s+", " ", found["stamp"])
        for fmt in _STAMP_FORMATS:
            try:
                return head[0].strip(), datetime.strptime(stamp, fmt)
            except ValueError:
                continue
        raise DataError(
            path,
            f"cannot read the date {stamp!r}",
            field="Data generated",
            row=number,
            expected="a date like '18 May 2026 2:29:20 PM'",
        )
    raise DataError(
        path,
        "no 'Data generated:' line in the preamble",
        field="Data generated",
        expected=f"it within the first {PREAMBLE_LINES} lines",
    )


def _check_filename_date(generated: datetime, path: str | Path) -> None:
    """The mirror's file names carry the generation date; a mismatch means a swapped file."""
    found = _FILENAME_GEN_RE.search(Path(path).name)
    if found and date.fromisoformat(found[1]) != generated.date():
        raise DataError(
            path,
            f"preamble says data generated {generated:%Y-%m-%d}, file name says {found[1]}",
            field="Data generated",
            expected="the export named in the file name",
        )


#: "Data generated" dates of the three arms-transfer exports, as their PROVENANCE records them.
#: They go into the dataset records (and so the manifest and the book). Each file name carries
#: the same date, and every build checks the preamble against it (_check_filename_date).
GENERATED: dict[int, date] = {2024: date(2024, 4, 13), 2025: date(2026, 2, 12), 2026: date(2026, 5, 18)}


def _at_dataset(release: int, what: str, extra: str = "") -> Dataset:
    generated = GENERATED[release]
    version = f"{release} release; data generated {generated.day} {generated:%b %Y}"
    return Dataset(
        key=f"sipri_at_{release}",
        publisher="Stockholm International Peace Research Institute (SIPRI)",
        title=f"SIPRI Arms Transfers Database: {what}",
        version=version + extra,
        licence=LICENCE,
        url=AT_URL,
        citation=(
            f"SIPRI Arms Transfers Database, Stockholm International Peace Research Institute, "
            f"{AT_URL} ({version}). Information from the SIPRI Arms Transfers Database; "
            "calculations by the project are not SIPRI's."
        ),
    )


DATASET_2024 = _at_dataset(2024, "deliveries by deal and delivery year", "; deliveries 1990-2023 (older vintage)")
DATASET_2025 = _at_dataset(2025, "deliveries by deal and delivery year", "; deliveries 1995-2024")
DATASET_2026 = _at_dataset(2026, "trade register (one row per deal)", "; deliveries to 2025")
DATASET_MILEX = Dataset(
    key="sipri_milex_2025",
    publisher="Stockholm International Peace Research Institute (SIPRI)",
    title="SIPRI Military Expenditure Database (extract: the five, Russia, China, regions)",
    version="2025 release (SIPRI-Milex-data-1949-2024_2.xlsx; data to 2024, constant 2023 US$)",
    licence=(
        "SIPRI terms: non-commercial use with credit to SIPRI; calculations not attributable "
        "to SIPRI; reproduce no more than 10% of the database (about 3,500 data units)"
    ),
    url=MILEX_URL,
    citation=f"SIPRI Military Expenditure Database 2025, {MILEX_URL}",
)


# --------------------------------------------------------------------------------------
# Reading helpers
# --------------------------------------------------------------------------------------


def _read_export(path: Path, encoding: str) -> tuple[pd.DataFrame, datetime]:
    """Read an arms-transfer export: decompress, strip ';' line ends, parse preamble and CSV.

    Every cell is kept as text (blank = ""); the returned frame's index is the 1-based
    line number of each row in the decompressed file.
    """
    data = read_raw_bytes(path)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DataError(path, f"not valid {encoding} text ({exc})") from exc
    lines = _clean_lines(text)
    _, generated = parse_preamble(lines, path)
    _check_filename_date(generated, path)
    body = "\n".join(lines[PREAMBLE_LINES:]) + "\n"
    try:
        frame = pd.read_csv(io.StringIO(body), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(path, f"cannot parse as CSV ({exc})") from exc
    if len(frame) != len(lines) - PREAMBLE_LINES - 1:  # line numbers would be wrong
        raise DataError(path, "rows span several lines, or blank lines", expected="one row per line after the header")
    frame.index = pd.RangeIndex(PREAMBLE_LINES + 2, PREAMBLE_LINES + 2 + len(frame))
    return frame, generated


def _numeric(frame: pd.DataFrame, column: str, path: Path, *, allow_blank: bool) -> pd.Series:
    """Checked number conversion; errors give the file line number of the bad row."""
    values = to_numeric_checked(
        frame.reset_index(drop=True),
        column,
        path,
        allow_blank=allow_blank,
        header_rows=PREAMBLE_LINES + 1,
    )
    values.index = frame.index
    return values


def _year(frame: pd.DataFrame, column: str, path: Path) -> pd.Series:
    values = _numeric(frame, column, path, allow_blank=False)
    bad = (values % 1 != 0) | (values < 1900) | (values > 2100)
    if bad.any():
        line = int(values.index[bad.to_numpy().nonzero()[0][0]])
        raise DataError(
            path, f"not a year: {frame.at[line, column]!r}", field=column, row=line, expected="a four-digit year"
        )
    return values.astype("int64")


def _country_codes(frame: pd.DataFrame, column: str, path: Path) -> pd.Series:
    """ISO3 for every row (None for SIPRI's non-state, unknown and aggregate names).

    An unknown spelling is a DataError naming file, field and the first row with it.
    """
    codes: dict[str, str | None] = {}
    for name in frame[column].unique():
        text = str(name).strip()
        if text in LOCAL_ALIASES:
            codes[name] = LOCAL_ALIASES[text]
            continue
        try:
            codes[name] = to_iso3_or_none(text, str(path)) if text else None
        except DataError as exc:
            line = int(frame.index[(frame[column] == name).to_numpy().nonzero()[0][0]])
            raise DataError(
                path,
                f"unknown country name {name!r}",
                field=column,
                row=line,
                expected="a SIPRI country name that cautils.countries maps to ISO3",
            ) from exc
    return frame[column].map(codes)


def _text_or_none(series: pd.Series) -> pd.Series:
    out = series.astype(object).where(series.str.strip() != "", None)
    return out.map(lambda v: v.strip() if isinstance(v, str) else v)


# --------------------------------------------------------------------------------------
# Per-year exports (2024 and 2025 releases)
# --------------------------------------------------------------------------------------

PER_YEAR_COLUMNS = (
    "SIPRI AT Database ID",
    "Supplier",
    "Recipient",
    "Designation",
    "Description",
    "Armament category",
    "Delivery year",
    "TIV delivery values",
)


def read_per_year(raw_dir: Path, release: int) -> pd.DataFrame:
    """Deliveries to the five from a per-delivery-year export, with exact annual TIV."""
    path = raw_dir / AT_FILES[release]
    frame, _ = _read_export(path, AT_ENCODING[release])
    require_columns(frame, PER_YEAR_COLUMNS, path)
    recipient_iso3 = _country_codes(frame, "Recipient", path)
    tiv = _numeric(frame, "TIV delivery values", path, allow_blank=False)
    year = _year(frame, "Delivery year", path)
    ids = frame["SIPRI AT Database ID"].str.strip()
    if (ids == "").any():
        line = int(frame.index[(ids == "").to_numpy().nonzero()[0][0]])
        raise DataError(path, "blank deal id", field="SIPRI AT Database ID", row=line)
    keep = recipient_iso3.isin(CA5)
    sub = frame[keep]
    out = pd.DataFrame(
        {
            "release": release,
            "method": METHOD_EXACT,
            "deal_id": ids[keep],
            "recipient_iso3": recipient_iso3[keep],
            "supplier": sub["Supplier"].str.strip(),
            "supplier_iso3": _country_codes(sub, "Supplier", path),
            "year": year[keep],
            "tiv": tiv[keep],
            "armament_category": _text_or_none(sub["Armament category"]),
            "designation": sub["Designation"].str.strip(),
            "description": sub["Description"].str.strip(),
        }
    )
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------------------
# Trade register (2026 release)
# --------------------------------------------------------------------------------------

REGISTER_COLUMNS = (
    "Recipient",
    "Supplier",
    "Year of order",
    "Number ordered",
    "Weapon designation",
    "Weapon description",
    "Number delivered",
    "Year(s) of delivery",
    "status",
    "Comments",
    "SIPRI TIV per unit",
    "SIPRI TIV for total order",
    "SIPRI TIV of delivered weapons",
)
# Columns followed by an unnamed '?' (uncertain) column in the register.
_FLAGGED = ("Year of order", "Number ordered", "Number delivered")


def _register_deal_id(line: int) -> str:
    """Stable deal id for a register row: release and line number in the decompressed file."""
    return f"reg2026-L{line:05d}"


def _delivery_years(frame: pd.DataFrame, path: Path) -> pd.Series:
    """Lists of delivery years from 'Year(s) of delivery' ('1960; 1961'); blank -> []."""
    column = "Year(s) of delivery"
    out = {}
    for line, cell in frame[column].items():
        tokens = [t.strip() for t in str(cell).split(";") if t.strip()]
        if not all(t.isdigit() and len(t) == 4 for t in tokens) or len(set(tokens)) != len(tokens):
            raise DataError(
                path,
                f"bad list of delivery years {cell!r}",
                field=column,
                row=int(line),
                expected="distinct years separated by ';'",
            )
        out[line] = [int(t) for t in tokens]
    return pd.Series(out, index=frame.index, dtype=object)


def read_register(raw_dir: Path) -> pd.DataFrame:
    """Register deals with a recipient among the five, one row per deal (tidy columns)."""
    path = raw_dir / FILE_2026
    frame, _ = _read_export(path, AT_ENCODING[2026])
    require_columns(frame, REGISTER_COLUMNS, path)
    columns = list(frame.columns)
    flags = {}
    for name in _FLAGGED:
        position = columns.index(name) + 1
        flag_col = columns[position] if position < len(columns) else None
        if flag_col is None or flag_col.strip(" .0123456789") != "":
            raise DataError(
                path,
                f"no unnamed '?' column after {name!r}",
                field=name,
                row=PREAMBLE_LINES + 1,
                expected="the trade-register layout",
            )
        flags[name] = frame[flag_col].str.strip() == "?"
    recipient_iso3 = _country_codes(frame, "Recipient", path)
    keep = recipient_iso3.isin(CA5)
    sub = frame[keep]
    years = _delivery_years(sub, path)
    delivered = _numeric(sub, "SIPRI TIV of delivered weapons", path, allow_blank=True)
    out = pd.DataFrame(
        {
            "deal_id": [_register_deal_id(int(i)) for i in sub.index],
            "recipient_iso3": recipient_iso3[keep],
            "supplier": sub["Supplier"].str.strip(),
            "supplier_iso3": _country_codes(sub, "Supplier", path),
            "order_year": _year(sub, "Year of order", path),
            "order_year_uncertain": flags["Year of order"][keep],
            "number_ordered": _numeric(sub, "Number ordered", path, allow_blank=True),
            "number_ordered_uncertain": flags["Number ordered"][keep],
            "designation": sub["Weapon designation"].str.strip(),
            "description": sub["Weapon description"].str.strip(),
            "number_delivered": _numeric(sub, "Number delivered", path, allow_blank=True),
            "number_delivered_uncertain": flags["Number delivered"][keep],
            "delivery_years": _text_or_none(sub["Year(s) of delivery"]),
            "status": sub["status"].str.strip(),
            "comments": _text_or_none(sub["Comments"]),
            "tiv_per_unit": _numeric(sub, "SIPRI TIV per unit", path, allow_blank=True),
            "tiv_order": _numeric(sub, "SIPRI TIV for total order", path, allow_blank=True),
            "tiv_delivered": delivered,
            "line": sub.index.astype("int64"),
        }
    )
    out["years_list"] = years
    stranded = (out["tiv_delivered"].fillna(0) > 0) & (out["years_list"].str.len() == 0)
    if stranded.any():
        line = int(out.loc[stranded, "line"].iloc[0])
        raise DataError(
            path,
            "delivered TIV but no delivery years",
            field="Year(s) of delivery",
            row=line,
            expected="the years over which to spread the TIV",
        )
    return out.reset_index(drop=True)


def equal_split(register: pd.DataFrame) -> pd.DataFrame:
    """Spread each deal's delivered TIV equally over its listed delivery years.

    Deals without delivery years (pending orders, TIV 0 or blank) give no rows; a deal
    with years but a blank TIV gives rows with TIV 0 (SIPRI: blank = none identified).
    """
    deals = register[register["years_list"].str.len() > 0]
    counts = deals["years_list"].str.len()
    rows = pd.DataFrame(
        {
            "release": 2026,
            "method": METHOD_SPLIT,
            "deal_id": deals["deal_id"],
            "recipient_iso3": deals["recipient_iso3"],
            "supplier": deals["supplier"],
            "supplier_iso3": deals["supplier_iso3"],
            "year": deals["years_list"],
            "tiv": deals["tiv_delivered"].fillna(0.0) / counts,
            "armament_category": None,
            "designation": deals["designation"],
            "description": deals["description"],
        }
    )
    rows = rows.explode("year", ignore_index=True)
    rows["year"] = rows["year"].astype("int64")
    rows["tiv"] = rows["tiv"].astype("float64")
    return rows


# --------------------------------------------------------------------------------------
# Table builders
# --------------------------------------------------------------------------------------


def build_deliveries(raw_dir: Path) -> pd.DataFrame:
    parts = [read_per_year(raw_dir, 2024), read_per_year(raw_dir, 2025), equal_split(read_register(raw_dir))]
    frame = pd.concat(parts, ignore_index=True)
    frame["armament_category"] = frame["armament_category"].astype(object)
    frame["supplier_iso3"] = frame["supplier_iso3"].astype(object)
    return frame


def build_register(raw_dir: Path) -> pd.DataFrame:
    return read_register(raw_dir).drop(columns=["years_list", "line"])


MILEX_COLUMNS = ("country", "measure", "unit", "year", "value", "raw", "sipri_flag", "notes")
MILEX_FLAGS = ("SIPRI estimate (blue)", "highly uncertain (red)")
MILEX_MEASURES = (
    "milex_constant_2023_usd_m",
    "milex_current_usd_m",
    "milex_share_of_gdp",
    "milex_per_capita_current_usd",
    "milex_share_of_govt_spending",
    "milex_constant_2023_usd_b",
)


def build_milex(raw_dir: Path) -> pd.DataFrame:
    path = raw_dir / FILE_MILEX
    data = read_raw_bytes(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(path, f"not valid utf-8 text ({exc})") from exc
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(path, f"cannot parse as CSV ({exc})") from exc
    require_columns(frame, MILEX_COLUMNS, path)
    frame.index = pd.RangeIndex(2, 2 + len(frame))  # line numbers (header = line 1)

    def numeric(column: str, allow_blank: bool) -> pd.Series:
        values = to_numeric_checked(frame.reset_index(drop=True), column, path, allow_blank=allow_blank)
        values.index = frame.index
        return values

    year = numeric("year", allow_blank=False)
    return pd.DataFrame(
        {
            "country": frame["country"].str.strip(),
            "iso3": _country_codes(frame, "country", path),
            "measure": frame["measure"].str.strip(),
            "unit": frame["unit"].str.strip(),
            "year": year.astype("int64"),
            "value": numeric("value", allow_blank=True),
            "raw": _text_or_none(frame["raw"]),
            "flag": _text_or_none(frame["sipri_flag"]),
            "notes": _text_or_none(frame["notes"]),
        }
    ).reset_index(drop=True)


# --------------------------------------------------------------------------------------
# Schemas
# --------------------------------------------------------------------------------------

_ISO3 = pa.Check.str_matches(r"^[A-Z]{3}$")
_NONBLANK = pa.Check.str_length(min_value=1)
_TIV = pa.Check.ge(0)


def _deliveries_unique(df: pd.DataFrame) -> bool:
    return not df.duplicated(["release", "deal_id", "year"]).any()


def _method_matches_release(df: pd.DataFrame) -> pd.Series:
    return (df["method"] == METHOD_SPLIT) == (df["release"] == 2026)


def _category_only_exact(df: pd.DataFrame) -> pd.Series:
    return df["armament_category"].isna() == (df["method"] == METHOD_SPLIT)


DELIVERIES_SCHEMA = pa.DataFrameSchema(
    {
        "release": pa.Column(int, pa.Check.isin([2024, 2025, 2026])),
        "method": pa.Column(str, pa.Check.isin([METHOD_EXACT, METHOD_SPLIT])),
        "deal_id": pa.Column(str, _NONBLANK),
        "recipient_iso3": pa.Column(str, pa.Check.isin(list(CA5))),
        "supplier": pa.Column(str, _NONBLANK),
        "supplier_iso3": pa.Column(str, _ISO3, nullable=True),
        "year": pa.Column(int, pa.Check.in_range(1950, 2025)),
        "tiv": pa.Column(float, _TIV),
        "armament_category": pa.Column(str, _NONBLANK, nullable=True),
        "designation": pa.Column(str, _NONBLANK),
        "description": pa.Column(str, _NONBLANK),
    },
    checks=[
        pa.Check(_deliveries_unique, error="one row per release, deal and delivery year"),
        pa.Check(_method_matches_release, error="equal_split exactly for release 2026"),
        pa.Check(_category_only_exact, error="armament_category present exactly for exact rows"),
    ],
    coerce=True,
    strict=True,
)


def _delivered_not_above_order(df: pd.DataFrame) -> pd.Series:
    both = df["number_ordered"].notna() & df["number_delivered"].notna()
    return ~both | (df["number_delivered"] <= df["number_ordered"])


REGISTER_SCHEMA = pa.DataFrameSchema(
    {
        "deal_id": pa.Column(str, pa.Check.str_matches(r"^reg2026-L\d{5}$"), unique=True),
        "recipient_iso3": pa.Column(str, pa.Check.isin(list(CA5))),
        "supplier": pa.Column(str, _NONBLANK),
        "supplier_iso3": pa.Column(str, _ISO3, nullable=True),
        "order_year": pa.Column(int, pa.Check.in_range(1950, 2026)),
        "order_year_uncertain": pa.Column(bool),
        "number_ordered": pa.Column(float, pa.Check.ge(0), nullable=True),
        "number_ordered_uncertain": pa.Column(bool),
        "designation": pa.Column(str, _NONBLANK),
        "description": pa.Column(str, _NONBLANK),
        "number_delivered": pa.Column(float, pa.Check.ge(0), nullable=True),
        "number_delivered_uncertain": pa.Column(bool),
        "delivery_years": pa.Column(str, pa.Check.str_matches(r"^\d{4}(; \d{4})*$"), nullable=True),
        "status": pa.Column(str, pa.Check.isin(["New", "Second hand", "Second hand but modernized"])),
        "comments": pa.Column(str, nullable=True),
        "tiv_per_unit": pa.Column(float, _TIV, nullable=True),
        "tiv_order": pa.Column(float, _TIV, nullable=True),
        "tiv_delivered": pa.Column(float, _TIV, nullable=True),
    },
    checks=[pa.Check(_delivered_not_above_order, error="number delivered <= number ordered")],
    coerce=True,
    strict=True,
)


def _value_xor_raw(df: pd.DataFrame) -> pd.Series:
    return df["value"].notna() != df["raw"].notna()


def _fractions_are_fractions(df: pd.DataFrame) -> pd.Series:
    share = df["measure"].str.startswith("milex_share_")
    return ~share | df["value"].isna() | df["value"].between(0, 1)


def _region_rows_uncoded(df: pd.DataFrame) -> pd.Series:
    return df["country"].str.startswith("REGION: ") == df["iso3"].isna()


MILEX_SCHEMA = pa.DataFrameSchema(
    {
        "country": pa.Column(str, _NONBLANK),
        "iso3": pa.Column(str, _ISO3, nullable=True),
        "measure": pa.Column(str, pa.Check.isin(list(MILEX_MEASURES))),
        "unit": pa.Column(str, _NONBLANK),
        "year": pa.Column(int, pa.Check.in_range(1949, 2025)),
        "value": pa.Column(float, pa.Check.ge(0), nullable=True),
        "raw": pa.Column(str, pa.Check.isin(["...", "xxx"]), nullable=True),
        "flag": pa.Column(str, pa.Check.isin(list(MILEX_FLAGS)), nullable=True),
        "notes": pa.Column(str, nullable=True),
    },
    checks=[
        pa.Check(_value_xor_raw, error="exactly one of value and raw"),
        pa.Check(_fractions_are_fractions, error="share measures are fractions in [0, 1]"),
        pa.Check(_region_rows_uncoded, error="iso3 missing exactly for 'REGION: ' rows"),
    ],
    unique=["country", "measure", "year"],
    coerce=True,
    strict=True,
)


# --------------------------------------------------------------------------------------
# Table specs
# --------------------------------------------------------------------------------------

_AT_NOTES = (
    "TIV = SIPRI trend-indicator value, millions; it measures the volume of major "
    "conventional arms, not the financial value of deals.",
    "Calculations (equal splits, sums, shares) are the project's, not SIPRI's.",
)

TABLES: list[TableSpec] = [
    TableSpec(
        name="sipri_deliveries",
        description=(
            "TIV (millions) of deliveries of major conventional arms to each of the five, by "
            "deal and delivery year, from three SIPRI releases (column release)."
        ),
        inputs=(
            RawInput(FILE_2024, DATASET_2024),
            RawInput(FILE_2025, DATASET_2025),
            RawInput(FILE_2026, DATASET_2026),
        ),
        build=build_deliveries,
        schema=DELIVERIES_SCHEMA,
        sort_by=("release", "recipient_iso3", "year", "supplier", "deal_id"),
        notes=_AT_NOTES
        + (
            "release 2024 (1990-2023) and 2025 (1995-2024): exact annual TIV per deal and "
            "delivery year (method exact_annual; deal_id = SIPRI AT Database ID).",
            "release 2026 (deliveries to 2025): the trade register gives only each deal's total "
            "delivered TIV; it is spread equally over the deal's listed delivery years "
            "(method equal_split; the project's estimate, not SIPRI's annual figure; "
            "armament_category not given). deal_id = 'reg2026-L' + line number in the "
            "decompressed register file.",
            "Never add releases together: filter one release. Supplier names are SIPRI's "
            "('Turkiye', 'Soviet Union', 'unknown supplier(s)'; the 2024/2025 files say 'UAE', "
            "the register 'United Arab Emirates': use supplier_iso3 to compare releases).",
        ),
    ),
    TableSpec(
        name="sipri_register",
        description=(
            "SIPRI trade register (2026 release): every deal with one of the five as recipient, "
            "one row per deal, including pending orders."
        ),
        inputs=(RawInput(FILE_2026, DATASET_2026),),
        build=build_register,
        schema=REGISTER_SCHEMA,
        sort_by=("recipient_iso3", "order_year", "deal_id"),
        notes=_AT_NOTES
        + (
            "tiv_delivered is the total over all delivery years; a 0 means 0-0.5 TIV; "
            "pending orders show number_delivered 0, no delivery years and TIV 0.",
            "*_uncertain = SIPRI's '?' mark in the unnamed column after the field.",
        ),
    ),
    TableSpec(
        name="sipri_milex",
        description=(
            "SIPRI military expenditure (2025 release extract), long format: the five "
            "(SIPRI spells 'Kyrgyz Republic'), Russia, China and four regional totals."
        ),
        inputs=(RawInput(FILE_MILEX, DATASET_MILEX),),
        build=build_milex,
        schema=MILEX_SCHEMA,
        sort_by=("country", "measure", "year"),
        notes=(
            "Shares of GDP and of government spending are fractions (0.017 = 1.7%).",
            "raw: '...' = data unavailable, 'xxx' = country did not exist; value is then empty.",
            "flag from the workbook's font colour: SIPRI estimate (blue), highly uncertain (red).",
            "Turkmenistan has values only for 1994-1999; Uzbekistan for 1994-2003 and 2018.",
            "Regional rows ('REGION: ...', US$ billion) have no iso3.",
        ),
    ),
]

__all__ = [
    "TABLES",
    "GENERATED",
    "parse_preamble",
    "read_per_year",
    "read_register",
    "equal_split",
    "build_deliveries",
    "build_register",
    "build_milex",
    "AT_FILES",
    "FILE_MILEX",
]
