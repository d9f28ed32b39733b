"""Parsers behind cautils.sources.trade: one function per raw trade file.

Every parser returns rows in the one long trade layout (TRADE_COLUMNS). Mirror reports are
always turned round so that `iso3` is the Central Asian (or EU partner) country and `flow`
is seen from its side. Values are converted to units (not thousands or millions) exactly,
through Decimal, so that 222.441 US$ million becomes 222441000.0 and not 222441000.00000003.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from cautils.countries import CA5, UnknownCountry, to_iso3
from cautils.errors import DataError
from cautils.io import read_raw_csv, to_numeric_checked

TRADE_COLUMNS: tuple[str, ...] = (
    "iso3",
    "partner_iso3",
    "year",
    "month",
    "period",
    "flow",
    "value",
    "unit",
    "source",
    "reported_by",
    "basis",
    "valuation",
    "estimate",
    "note",
    "citation",
)
FULL_YEAR = "full year"

# Codes that are valid partners but that pycountry does not know as alpha-3 codes.
EXTRA_CODES: dict[str, str] = {
    "WLD": "World",
    "XKX": "Kosovo (user-assigned code)",
    "XUN": "Partners the source does not allocate (user-assigned code)",
}

# IMF DOTS partner rows that the extraction left without ISO3 although they are countries.
DOTS_NAME_FIXES: dict[str, str] = {"South Africa": "ZAF"}

EU27_MEMBERS: frozenset[str] = frozenset(
    "AUT BEL BGR CYP CZE DEU DNK EST ESP FIN FRA GRC HRV HUN IRL ITA LTU LUX LVA MLT NLD "
    "POL PRT ROU SWE SVN SVK".split()
)

# Eurostat partner labels (English, and the French labels of the 2016 query) that
# cautils.countries does not resolve; handled here because only this reader meets them.
EUROSTAT_PARTNER_NAMES: dict[str, str] = {
    "tadjikistan": "TJK",
    "turkménistan": "TKM",
    "kirghizistan": "KGZ",
    "ouzbékistan": "UZB",
    "arménie": "ARM",
    "extra-eu27 (from 2020)": "WLD",
    "extra-ue27 (à partir de 2020)": "WLD",
}

MONTHS = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}


# --------------------------------------------------------------------------- helpers


def read_text_csv(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    """Every cell as text (no NA guessing), required columns checked."""
    return read_raw_csv(path, required=required, dtype=str, keep_default_na=False)


def exact_values(frame: pd.DataFrame, column: str, path: Path, exponent: int) -> list[Decimal]:
    """Numbers of `column` times 10**exponent as Decimal; a bad cell names file, field, row."""
    to_numeric_checked(frame, column, path, allow_blank=False)
    out: list[Decimal] = []
    for position, text in enumerate(frame[column].tolist()):
        try:
            out.append(Decimal(str(text).strip().replace(",", "")).scaleb(exponent))
        except InvalidOperation as exc:  # pragma: no cover - to_numeric_checked catches first
            raise DataError(path, f"non-numeric value {text!r}", field=column, row=position + 2) from exc
    return out


def years(frame: pd.DataFrame, path: Path, column: str = "year") -> pd.Series:
    numbers = to_numeric_checked(frame, column, path, allow_blank=False)
    bad = numbers.ne(numbers.round())
    if bad.any():
        position = int(bad.to_numpy().nonzero()[0][0])
        raise DataError(
            path, f"year {frame[column].iloc[position]!r} is not a whole number", field=column, row=position + 2
        )
    return numbers.astype(int)


def _valid_code(code: str) -> bool:
    if code in EXTRA_CODES:
        return True
    try:
        return to_iso3(code) == code
    except UnknownCountry:
        return False


def check_codes(frame: pd.DataFrame, column: str, path: Path, *, allow_blank: bool) -> None:
    """Every non-blank cell of `column` must be an ISO 3166 alpha-3 code (or WLD/XKX)."""
    values = frame[column].astype(str).str.strip()
    for code in values.unique():
        if code == "" and allow_blank:
            continue
        if code == "" or not _valid_code(code):
            position = int((values == code).to_numpy().nonzero()[0][0])
            raise DataError(
                path,
                f"unknown country code {code!r}",
                field=column,
                row=position + 2,
                expected="an ISO 3166-1 alpha-3 code or WLD",
            )


def check_values(frame: pd.DataFrame, column: str, allowed: set[str], path: Path) -> None:
    values = frame[column].astype(str).str.strip()
    bad = ~values.isin(allowed)
    if bad.any():
        position = int(bad.to_numpy().nonzero()[0][0])
        raise DataError(
            path,
            f"unexpected value {values.iloc[position]!r}",
            field=column,
            row=position + 2,
            expected=f"one of {sorted(allowed)}",
        )


def to_float(values) -> list[float]:
    return [float(v) for v in values]


def trade_frame(data: dict, n: int) -> pd.DataFrame:
    """Fill defaults for the columns a parser did not set."""
    defaults = {
        "month": pd.NA,
        "period": FULL_YEAR,
        "unit": "USD",
        "valuation": None,
        "estimate": False,
        "note": None,
        "citation": None,
    }
    out = {}
    for column in TRADE_COLUMNS:
        value = data.get(column, defaults.get(column))
        if isinstance(value, (list, pd.Series)):
            out[column] = list(value)
        else:
            out[column] = [value] * n
    frame = pd.DataFrame(out)
    frame["month"] = frame["month"].astype("Int64")
    return frame


def flip(flow: str) -> str:
    return {"exports": "imports", "imports": "exports"}[flow]


# --------------------------------------------------------------------------- IMF DOTS

DOTS_REQUIRED = (
    "reporter_iso3",
    "flow",
    "partner_name_imf",
    "partner_iso3",
    "is_aggregate",
    "year",
    "value_usd_mn",
    "estimate_flag",
)


def read_dots(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(own reports of the five with every partner, China's and Russia's mirror rows)."""
    raw = read_text_csv(path, DOTS_REQUIRED)
    check_values(raw, "reporter_iso3", set(CA5) | {"CHN", "RUS"}, path)
    check_values(raw, "flow", {"exports_fob", "imports_cif"}, path)
    check_values(raw, "estimate_flag", {"", "e"}, path)
    raw["year"] = years(raw, path)
    raw["value"] = exact_values(raw, "value_usd_mn", path, 6)
    name = raw["partner_name_imf"].str.strip()
    code = raw["partner_iso3"].str.strip()
    fix = code.eq("") & name.isin(list(DOTS_NAME_FIXES))
    code = code.mask(fix, name.map(DOTS_NAME_FIXES))
    raw["partner_iso3"] = code
    check_codes(raw, "partner_iso3", path, allow_blank=True)
    raw = raw[code.ne("")]  # IMF aggregates other than World, and defunct economies

    flow = raw["flow"].map({"exports_fob": "exports", "imports_cif": "imports"})
    valuation = raw["flow"].map({"exports_fob": "FOB", "imports_cif": "CIF"})
    estimate = raw["estimate_flag"].eq("e")

    own = raw["reporter_iso3"].isin(CA5)
    o = raw[own]
    note = [
        "KAZ-RUS 2010: Customs Union recording artefact (Russia's own figure is twice as high)"
        if (r == "KAZ" and p == "RUS" and y == 2010)
        else None
        for r, p, y in zip(o["reporter_iso3"], o["partner_iso3"], o["year"], strict=True)
    ]
    own_rows = trade_frame(
        {
            "iso3": o["reporter_iso3"],
            "partner_iso3": o["partner_iso3"],
            "year": o["year"],
            "flow": flow[own],
            "value": to_float(o["value"]),
            "source": "imf_dots",
            "reported_by": o["reporter_iso3"],
            "basis": "reported",
            "valuation": valuation[own],
            "estimate": estimate[own],
            "note": note,
        },
        len(o),
    )

    mirror = ~own & raw["partner_iso3"].isin(CA5)
    m = raw[mirror]
    mirror_rows = trade_frame(
        {
            "iso3": m["partner_iso3"],
            "partner_iso3": m["reporter_iso3"],
            "year": m["year"],
            "flow": flow[mirror].map(flip),
            "value": to_float(m["value"]),
            "source": "imf_dots",
            "reported_by": m["reporter_iso3"],
            "basis": "mirror",
            "valuation": valuation[mirror],
            "estimate": estimate[mirror],
        },
        len(m),
    )
    return own_rows, mirror_rows


# --------------------------------------------------------------------------- national

NATIONAL_FILES = {
    "kaz_bns": ("KAZ", "Всего", {"turnover", "exports", "imports"}),
    "kgz_nsc": ("KGZ", "Total", {"exports", "imports"}),
    "uzb_stat": ("UZB", None, {"exports", "imports"}),
}
UZB_TOTAL_NOTE = "sum of partner rows; no total in source"
UZB_UNALLOCATED = "Other countries"  # Uzbek statistics' unallocated remainder (mostly gold exports)
UNALLOCATED_NOTE = "'Other countries' in the source: partners not allocated (kept as XUN, not a country)"


def read_national(path: Path, source: str) -> pd.DataFrame:
    """KAZ BNS, KGZ NSC or UZB Stat: the country's own report, thousand US$ -> US$."""
    reporter, total_name, flows = NATIONAL_FILES[source]
    name_column = "partner_name_source"
    required = ("reporter_iso3", name_column, "partner_iso3", "year", "flow", "value_thousand_usd") + (
        ("note",) if source == "kgz_nsc" else ()
    )
    raw = read_text_csv(path, required)
    check_values(raw, "reporter_iso3", {reporter}, path)
    check_values(raw, "flow", flows, path)
    raw["year"] = years(raw, path)
    raw["value"] = exact_values(raw, "value_thousand_usd", path, 3)
    raw["partner_iso3"] = raw["partner_iso3"].str.strip()
    check_codes(raw, "partner_iso3", path, allow_blank=True)
    if total_name is not None:
        is_total = raw[name_column].str.strip().eq(total_name)
        if not is_total.any():
            raise DataError(path, f"no total row {total_name!r}", field=name_column)
        raw.loc[is_total, "partner_iso3"] = "WLD"
    if source == "kgz_nsc":
        check_values(raw, "note", {"", "preliminary"}, path)
        raw["estimate"] = raw["note"].eq("preliminary")
        raw["note_out"] = raw["note"].replace("", None)
    else:
        raw["estimate"] = False
        raw["note_out"] = None
    if source == "uzb_stat":
        other = raw[name_column].str.strip().eq(UZB_UNALLOCATED) & raw["partner_iso3"].eq("")
        raw.loc[other, "partner_iso3"] = "XUN"
        raw.loc[other, "note_out"] = UNALLOCATED_NOTE
    frames = []
    if source == "uzb_stat":
        # No total row: World = sum of every partner row, 'Other countries' included.
        totals = raw.groupby(["year", "flow"], sort=True)["value"].agg(lambda s: sum(s, Decimal(0))).reset_index()
        frames.append(
            trade_frame(
                {
                    "iso3": reporter,
                    "partner_iso3": "WLD",
                    "year": totals["year"],
                    "flow": totals["flow"],
                    "value": to_float(totals["value"]),
                    "source": source,
                    "reported_by": reporter,
                    "basis": "reported",
                    "note": UZB_TOTAL_NOTE,
                },
                len(totals),
            )
        )
    kept = raw[raw["partner_iso3"].ne("")]
    frames.insert(
        0,
        trade_frame(
            {
                "iso3": reporter,
                "partner_iso3": kept["partner_iso3"],
                "year": kept["year"],
                "flow": kept["flow"],
                "value": to_float(kept["value"]),
                "source": source,
                "reported_by": reporter,
                "basis": "reported",
                "estimate": kept["estimate"],
                "note": kept["note_out"],
            },
            len(kept),
        ),
    )
    return pd.concat(frames, ignore_index=True)


# --------------------------------------------------------------------------- Russia FTS


def read_rus_fts(path: Path) -> pd.DataFrame:
    """Russia's customs figures about KAZ, KGZ, TJK, UZB, turned round into mirror rows."""
    raw = read_text_csv(path, ("reporter_iso3", "partner_iso3", "year", "flow", "value_million_usd"))
    check_values(raw, "reporter_iso3", {"RUS"}, path)
    check_values(raw, "flow", {"exports", "imports"}, path)
    raw["partner_iso3"] = raw["partner_iso3"].str.strip()
    check_codes(raw, "partner_iso3", path, allow_blank=True)
    raw["year"] = years(raw, path)
    raw["value"] = exact_values(raw, "value_million_usd", path, 6)
    m = raw[raw["partner_iso3"].isin(CA5)]
    return trade_frame(
        {
            "iso3": m["partner_iso3"],
            "partner_iso3": "RUS",
            "year": m["year"],
            "flow": m["flow"].map(flip),
            "value": to_float(m["value"]),
            "source": "rus_fts",
            "reported_by": "RUS",
            "basis": "mirror",
        },
        len(m),
    )


# --------------------------------------------------------------------------- BACI

BACI_GAPS = {("TJK", 2022), ("TJK", 2023), ("TKM", 2022), ("TKM", 2023), ("UZB", 2022)}


def read_baci(path: Path, year: int) -> pd.DataFrame:
    """One BACI year: a row for each CA5 side of every flow, plus World sums."""
    raw = read_text_csv(path, ("exporter_id", "importer_id", "value"))
    for column in ("exporter_id", "importer_id"):
        raw[column] = raw[column].str.strip().str.upper()
        check_codes(raw, column, path, allow_blank=False)
    raw["value"] = exact_values(raw, "value", path, 0)
    pieces = []
    for side, other, flow in (("exporter_id", "importer_id", "exports"), ("importer_id", "exporter_id", "imports")):
        sel = raw[raw[side].isin(CA5)]
        pieces.append(
            pd.DataFrame({"iso3": sel[side], "partner_iso3": sel[other], "flow": flow, "value": sel["value"]})
        )
    rows = pd.concat(pieces, ignore_index=True)
    if rows.duplicated(["iso3", "partner_iso3", "flow"]).any():
        raise DataError(path, "duplicate exporter/importer pair", field="exporter_id")
    totals = rows.groupby(["iso3", "flow"], sort=True)["value"].agg(lambda s: sum(s, Decimal(0))).reset_index()
    total_notes = [
        "sum of partner rows; Russia rows missing in source, so the total is understated"
        if (iso3, year) in BACI_GAPS
        else "sum of partner rows"
        for iso3 in totals["iso3"]
    ]
    common = {"year": year, "source": "baci", "reported_by": "CEPII", "basis": "reconciled", "valuation": "FOB"}
    return pd.concat(
        [
            trade_frame(
                {
                    **common,
                    "iso3": rows["iso3"],
                    "partner_iso3": rows["partner_iso3"],
                    "flow": rows["flow"],
                    "value": to_float(rows["value"]),
                },
                len(rows),
            ),
            trade_frame(
                {
                    **common,
                    "iso3": totals["iso3"],
                    "partner_iso3": "WLD",
                    "flow": totals["flow"],
                    "value": to_float(totals["value"]),
                    "note": total_notes,
                },
                len(totals),
            ),
        ],
        ignore_index=True,
    )


# --------------------------------------------------------------------------- news

NEWS_COLUMNS = (
    "country_iso3",
    "partner_iso3",
    "year",
    "period",
    "indicator",
    "direction",
    "value",
    "unit",
    "compiled_by",
    "as_reported_by",
    "url",
    "publication_date",
    "quote",
)
PERIOD_RE = re.compile(r"^(full year|[A-Z][a-z]{2}-[A-Z][a-z]{2})$")

# Who compiled a figure: (pattern on compiled_by, kind, economy). First match wins;
# "not stated" (a leader's or official's statement) is tested before anything else.
NEWS_MIRROR = (
    (re.compile(r"GACC|General Administration of Customs|Chinese customs", re.I), "CHN"),
    (re.compile(r"Federal Customs Service of Russia", re.I), "RUS"),
)
NEWS_AGENCIES = (
    (re.compile(r"Statistics Agency of Uzbekistan", re.I), "UZB"),
    (re.compile(r"National Statistical Committee of the Kyrgyz", re.I), "KGZ"),
    (re.compile(r"Agency on Statistics under the President of Tajikistan", re.I), "TJK"),
    (re.compile(r"Customs Service under the Government of Tajikistan", re.I), "TJK"),
    (re.compile(r"Bureau of National Statistics", re.I), "KAZ"),
)
NEWS_SPEAKERS = (
    (re.compile(r"Russia|Putin|Mishustin", re.I), "RUS"),
    (re.compile(r"Kazakh|Tokayev", re.I), "KAZ"),
    (re.compile(r"Kyrgyz|Japarov", re.I), "KGZ"),
    (re.compile(r"Tajik|Rahmon", re.I), "TJK"),
    (re.compile(r"Turkmen|Berdimuhamedov", re.I), "TKM"),
    (re.compile(r"Uzbek|Mirziyoyev", re.I), "UZB"),
)
NEWS_OFFICIAL = re.compile(
    r"government|side|president|minister|cabinet|ambassador|"
    r"statistics",
    re.I,
)


def news_basis(compiled_by: str, iso3: str, partner: str) -> tuple[str, str, str | None]:
    """(basis, reported_by, note) for one news figure, or ValueError if the compiler is unknown."""
    text = compiled_by.strip()
    if text.casefold().startswith("not stated"):
        speaker = next((c for p, c in NEWS_SPEAKERS if p.search(text)), iso3)
        return "reported", speaker, f"statement: {text}"
    for pattern, economy in NEWS_MIRROR + NEWS_AGENCIES:
        if pattern.search(text):
            if economy == iso3:
                return "reported", economy, None
            if economy == partner:
                return "mirror", economy, None
            raise ValueError(f"compiler {text!r} is neither {iso3} nor {partner}")
    if NEWS_OFFICIAL.search(text):
        official = next((c for p, c in NEWS_SPEAKERS if p.search(text)), None)
        if official is not None:
            return "reported", official, f"statement: {text}"
    raise ValueError(f"unrecognised compiler {text!r}")


def news_flow(indicator: str, direction: str) -> str | None:
    direction = direction.strip().casefold()
    if indicator == "turnover" and direction == "total":
        return "turnover"
    if indicator == "trade":
        if direction == "exports" or direction.startswith("exports to "):
            return "exports"
        if direction == "imports" or direction.startswith("imports from "):
            return "imports"
    return None


def read_news(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(US$ trade figures of single CA5 countries in the trade layout, every other figure)."""
    raw = read_text_csv(path, NEWS_COLUMNS)
    raw["year"] = years(raw, path)
    raw["value_num"] = to_numeric_checked(raw, "value", path, allow_blank=False)
    bad_period = ~raw["period"].str.match(PERIOD_RE)
    if bad_period.any():
        position = int(bad_period.to_numpy().nonzero()[0][0])
        raise DataError(
            path,
            f"unexpected period {raw['period'].iloc[position]!r}",
            field="period",
            row=position + 2,
            expected="'full year' or 'Jan-Nov'",
        )
    for column in ("country_iso3", "partner_iso3"):
        codes = raw[column].str.strip()
        raw[column] = codes
        check_codes(
            raw.assign(**{column: codes.replace("CA5", "WLD")}), column, path, allow_blank=column == "partner_iso3"
        )
    flows = [news_flow(i.strip(), d) for i, d in zip(raw["indicator"], raw["direction"], strict=True)]
    is_trade = (
        pd.Series(flows, index=raw.index).notna()
        & raw["unit"].str.strip().eq("US$ bn")
        & raw["country_iso3"].isin(CA5)
        & raw["partner_iso3"].ne("")
    )
    t = raw[is_trade]
    bases, reporters, notes = [], [], []
    for position, (compiled, iso3, partner) in enumerate(
        zip(t["compiled_by"], t["country_iso3"], t["partner_iso3"], strict=True)
    ):
        try:
            basis, reporter, note = news_basis(compiled, iso3, partner)
        except ValueError as exc:
            row = int(t.index[position]) + 2
            raise DataError(
                path, str(exc), field="compiled_by", row=row, expected="a known official compiler or 'not stated (...)'"
            ) from exc
        bases.append(basis)
        reporters.append(reporter)
        notes.append(note)
    citation = [
        "; ".join(part.strip() for part in parts if part and part.strip())
        for parts in zip(t["compiled_by"], t["as_reported_by"], t["url"], t["publication_date"], strict=True)
    ]
    trade = trade_frame(
        {
            "iso3": t["country_iso3"],
            "partner_iso3": t["partner_iso3"],
            "year": t["year"],
            "period": t["period"],
            "flow": [f for f, k in zip(flows, is_trade, strict=True) if k],
            "value": [float(Decimal(str(v).strip()).scaleb(9)) for v in t["value"]],
            "source": "news",
            "reported_by": reporters,
            "basis": bases,
            "note": notes,
            "citation": citation,
        },
        len(t),
    )
    other = raw[~is_trade].copy()
    other["value"] = other["value_num"]
    other["partner_iso3"] = other["partner_iso3"].replace("", None)
    other["publication_date"] = other["publication_date"].replace("", None)
    return trade, other[list(NEWS_COLUMNS)].reset_index(drop=True)


# --------------------------------------------------------------------------- Eurostat

EUROSTAT_REQUIRED = ("REPORTER", "PARTNER", "PRODUCT", "FLOW", "STAT_PROCEDURE", "PERIOD", "VALUE_IN_EUR")
EU27_LABEL = re.compile(r"^(European Union - 27 countries|Union européenne - 27 pays)\b")
EU_AGGREGATE = re.compile(r"^(Euro area|Zone euro|European Union|Union européenne)\b")
MONTH_RE = re.compile(r"^([A-Za-z]{3})[a-z]*\.? (\d{4})$")
ANNUAL_RE = re.compile(r"(?:^|-)Jan\.-Dec\. (\d{4})$")


def _eurostat_partner(name: str, path: Path) -> str:
    key = " ".join(name.split()).casefold()
    if key in EUROSTAT_PARTNER_NAMES:
        return EUROSTAT_PARTNER_NAMES[key]
    return to_iso3(name, str(path))


def _check_eurostat_fields(raw: pd.DataFrame, path: Path, flows: set[str]) -> None:
    check_values(raw, "PRODUCT", {"Total", "TOTAL-Total"}, path)
    check_values(raw, "STAT_PROCEDURE", {"Total", "T-Total"}, path)
    check_values(raw, "FLOW", flows, path)


def _dedup(raw: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Drop exact duplicate rows (a month in two query files); conflicting ones are an error."""
    raw = raw.drop_duplicates()
    clash = raw.duplicated(["REPORTER", "PARTNER", "PERIOD"], keep=False)
    if clash.any():
        position = int(clash.to_numpy().nonzero()[0][0])
        raise DataError(
            path,
            "two different values for one reporter, partner and period "
            f"({raw['REPORTER'].iloc[position]!r}, {raw['PERIOD'].iloc[position]!r})",
            field="VALUE_IN_EUR",
            row=int(raw.index[position]) + 2,
        )
    return raw


def read_eurostat_monthly(path: Path, partner: str, eu_flow: str) -> pd.DataFrame:
    """EU-27 monthly trade with one partner; EU exports become the partner's imports."""
    raw = read_text_csv(path, EUROSTAT_REQUIRED)
    flows = {"EXPORT", "2-EXPORT"} if eu_flow == "exports" else {"IMPORT", "1-IMPORT"}
    _check_eurostat_fields(raw, path, flows)
    values = to_numeric_checked(raw, "VALUE_IN_EUR", path, allow_blank=False)
    for name in raw["PARTNER"].unique():
        position = int((raw["PARTNER"] == name).to_numpy().nonzero()[0][0])
        try:
            code = _eurostat_partner(name, path)
        except UnknownCountry as exc:
            raise DataError(path, f"unknown partner country {name!r}", field="PARTNER", row=position + 2) from exc
        if code != partner:
            raise DataError(path, f"partner {name!r} is {code}, expected {partner}", field="PARTNER", row=position + 2)
    raw = raw.assign(value=values)
    raw = _dedup(raw, path)
    parsed = raw["PERIOD"].str.strip().str.extract(MONTH_RE)
    month = parsed[0].str.lower().map(MONTHS)
    if month.isna().any():
        position = int(month.isna().to_numpy().nonzero()[0][0])
        raise DataError(
            path,
            f"unexpected period {raw['PERIOD'].iloc[position]!r}",
            field="PERIOD",
            row=int(raw.index[position]) + 2,
            expected="a month such as 'Aug. 2024'",
        )
    raw = raw.assign(year=parsed[1].astype(int), month=month.astype(int))
    is_eu27 = raw["REPORTER"].str.match(EU27_LABEL)
    aggregate = raw["REPORTER"].str.match(EU_AGGREGATE)
    members = raw[~aggregate].copy()
    codes = {}
    for name in members["REPORTER"].unique():
        try:
            codes[name] = to_iso3(name, str(path))
        except UnknownCountry as exc:
            position = int((raw["REPORTER"] == name).to_numpy().nonzero()[0][0])
            raise DataError(
                path, f"unknown reporter {name!r}", field="REPORTER", row=int(raw.index[position]) + 2
            ) from exc
    members = members[members["REPORTER"].map(codes).isin(EU27_MEMBERS)]
    eu = raw[is_eu27].groupby(["year", "month"])["value"].sum()
    summed = members.groupby(["year", "month"])["value"].sum()
    months = sorted(set(raw[["year", "month"]].itertuples(index=False, name=None)))
    rows = []
    for year, month_no in months:
        notes = ["provisional"] if year >= 2024 else []
        if (year, month_no) in eu.index:
            value = float(eu.loc[(year, month_no)])
        else:
            value = float(summed.get((year, month_no), 0.0))
            notes.insert(0, "EU-27 aggregate row missing: sum of member-state rows")
        rows.append((year, month_no, value, "; ".join(notes) or None))
    out = pd.DataFrame(rows, columns=["year", "month", "value", "note"])
    return trade_frame(
        {
            "iso3": partner,
            "partner_iso3": "EU27",
            "year": out["year"],
            "month": out["month"],
            "period": [f"{y}-{m:02d}" for y, m in zip(out["year"], out["month"], strict=True)],
            "flow": flip(eu_flow),
            "value": out["value"],
            "unit": "EUR",
            "source": "eurostat",
            "reported_by": "EU27",
            "basis": "mirror",
            "valuation": "FOB" if eu_flow == "exports" else "CIF",
            "note": out["note"],
        },
        len(out),
    )


EU_ANNUAL_PARTNERS = CA5 + ("RUS", "ARM", "CHN", "WLD")


def read_eurostat_annual(path: Path) -> pd.DataFrame:
    """EU-27 annual exports to the five, RUS, ARM, CHN and the extra-EU total (as WLD)."""
    raw = read_text_csv(path, EUROSTAT_REQUIRED)
    _check_eurostat_fields(raw, path, {"EXPORT", "2-EXPORT", "EXPORTATION"})
    raw["value"] = to_numeric_checked(raw, "VALUE_IN_EUR", path, allow_blank=False)
    raw = _dedup(raw, path)
    not_eu27 = ~raw["REPORTER"].str.match(EU27_LABEL)
    if not_eu27.any():
        position = int(not_eu27.to_numpy().nonzero()[0][0])
        raise DataError(
            path,
            f"unexpected reporter {raw['REPORTER'].iloc[position]!r}",
            field="REPORTER",
            row=int(raw.index[position]) + 2,
            expected="the EU-27 aggregate only",
        )
    parsed = raw["PERIOD"].str.strip().str.extract(ANNUAL_RE)[0]
    if parsed.isna().any():
        position = int(parsed.isna().to_numpy().nonzero()[0][0])
        raise DataError(
            path,
            f"unexpected period {raw['PERIOD'].iloc[position]!r}",
            field="PERIOD",
            row=int(raw.index[position]) + 2,
            expected="a year such as 'Jan.-Dec. 2019'",
        )
    raw["year"] = parsed.astype(int)

    def code(name: str) -> str | None:
        try:
            return _eurostat_partner(name, path)
        except UnknownCountry:
            return None  # partners outside EU_ANNUAL_PARTNERS need no mapping

    raw["iso3"] = raw["PARTNER"].map({n: code(n) for n in raw["PARTNER"].unique()})
    keep = raw[raw["iso3"].isin(EU_ANNUAL_PARTNERS)]
    if keep.duplicated(["iso3", "year"]).any():
        raise DataError(path, "two rows for one partner and year", field="PARTNER")
    for year in sorted(raw["year"].unique()):
        found = set(keep.loc[keep["year"] == year, "iso3"])
        missing = [c for c in CA5 + ("RUS", "ARM", "CHN") if c not in found]
        if missing:
            raise DataError(path, f"no row for partner(s) {missing} in {year}", field="PARTNER")
    note = ["extra-EU27 total (EU-27 exports to all non-EU partners)" if c == "WLD" else None for c in keep["iso3"]]
    return trade_frame(
        {
            "iso3": keep["iso3"],
            "partner_iso3": "EU27",
            "year": keep["year"],
            "flow": "imports",
            "value": keep["value"],
            "unit": "EUR",
            "source": "eurostat",
            "reported_by": "EU27",
            "basis": "mirror",
            "valuation": "FOB",
            "note": note,
        },
        len(keep),
    )
