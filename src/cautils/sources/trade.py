"""Reader for the trade raw source: one long bilateral trade table, stored as several tables.

Every `trade_*` table has the same schema (TRADE_SCHEMA), so that
`cautils.data.load_group("trade_")` can concatenate them. A row is the trade of `iso3` (one of
the five, or RUS/ARM/CHN/WLD for the Eurostat rows) with `partner_iso3`, seen from `iso3`'s
side: a partner's report (China's exports to Kazakhstan) becomes a `mirror` row of
Kazakhstan's imports from China. The parsers live in trade_parts.py.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from cautils.countries import CA5
from cautils.sources.base import Dataset, RawInput, TableSpec
from cautils.sources.trade_parts import (
    NATIONAL_FILES,
    read_baci,
    read_dots,
    read_eurostat_annual,
    read_eurostat_monthly,
    read_national,
    read_news,
    read_rus_fts,
)

# --------------------------------------------------------------------------- datasets

IMF_DOTS = Dataset(
    key="imf_dots",
    publisher="International Monetary Fund",
    title="Direction of Trade Statistics (DOTS): exports FOB and imports CIF by partner, "
    "country reports of KAZ, KGZ, TJK, TKM, UZB, China and Russia",
    version="DOTS, probably early-2022 vintage (files committed 2022-02-02; last year 2020), "
    "via GitHub SamLeBlanc/Direction-of-Trade-Map a0b40afb",
    licence="IMF terms of use (reuse with attribution to the IMF); repository code MIT",
    url="https://data.imf.org (DOTS, since succeeded by IMTS)",
    citation="International Monetary Fund, Direction of Trade Statistics (DOTS), https://data.imf.org",
)
KAZ_BNS = Dataset(
    key="kaz_bns",
    publisher="Bureau of National Statistics, Agency for Strategic Planning and Reforms of the Republic of Kazakhstan",
    title="Основные показатели внешней торговли (по странам) / Main indicators of foreign trade, by country, 2018-2023",
    version="latest vintage per year in the files; 2023 workbook published 25.07.2024 "
    "(via GitHub mary-lev/eu-export-sanctions 4b6a5dfc)",
    licence="not specified (© Бюро национальной статистики; attribute BNS)",
    url="https://stat.gov.kz/en/industries/economy/foreign-market/spreadsheets/",
    citation="Bureau of National Statistics of the Republic of Kazakhstan, Main indicators of "
    "foreign trade by country (bulletin series 5), 2018-2023",
)
KGZ_NSC = Dataset(
    key="kgz_nsc",
    publisher="National Statistical Committee of the Kyrgyz Republic",
    title="Geographic distribution of exports (4.03.00.18) and imports (4.03.00.20) of goods, 1994-2023",
    version="files of 2024-11-17 (2023 imports preliminary), via GitHub mary-lev/eu-export-sanctions 4b6a5dfc",
    licence="Creative Commons Attribution (as stated by the source repository); attribute NSC KR",
    url="https://stat.gov.kg/ru/statistics/vneshneekonomicheskaya-deyatelnost/",
    citation="National Statistical Committee of the Kyrgyz Republic, tables 4.03.00.18 and 4.03.00.20",
)
UZB_STAT = Dataset(
    key="uzb_stat",
    publisher="Statistics Agency under the President of the Republic of Uzbekistan",
    title="Exports (dataset 1105) and imports (dataset 1176) of goods by country, 2010-2023",
    version="SDMX CSV exports of 2024-11-26, via GitHub mary-lev/eu-export-sanctions 4b6a5dfc",
    licence="not specified; attribute the Statistics Agency of Uzbekistan",
    url="https://stat.uz/en/official-statistics/merchandise-trade",
    citation="Statistics Agency under the President of the Republic of Uzbekistan, merchandise "
    "trade by country (datasets 1105 and 1176)",
)
RUS_FTS = Dataset(
    key="rus_fts",
    publisher="Federal Customs Service of Russia (FTS) / Rosstat",
    title="Основные показатели экспорта и импорта Российской Федерации (по данным ФТС России), 1994-2021",
    version="workbook 94itog.xlsx (probably a Rosstat table, unverified), via GitHub "
    "mary-lev/eu-export-sanctions 4b6a5dfc",
    licence="not specified; attribute the FTS of Russia / Rosstat",
    url="https://customs.gov.ru/statistic/vneshn-torg/vneshn-torg-countries",
    citation="Federal Customs Service of Russia, main indicators of exports and imports of the "
    "Russian Federation (as published by Rosstat), 1994-2021",
)
BACI = Dataset(
    key="baci",
    publisher="CEPII (BACI), distributed by the Observatory of Economic Complexity",
    title="BACI: International Trade Database at the Product-Level, bilateral totals 2022-2023 "
    "for the five Central Asian states",
    version="version unknown (probably V202401 or V202501), aggregated by a third party "
    "(GitHub Gandalfthegloom/CourseProject2 ed8245e9)",
    licence="Etalab Licence Ouverte 2.0 (CEPII, as recalled); OEC terms of use",
    url="https://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37",
    citation="Gaulier, G. & Zignago, S. (2010), BACI: International Trade Database at the "
    "Product-Level, CEPII Working Paper 2010-23; via the Observatory of Economic Complexity "
    "(oec.world); aggregated over products by a third party",
)
NEWS = Dataset(
    key="news",
    publisher="various official sources (GACC, national statistics agencies, Russia's FTS, "
    "leaders) as quoted in news reports",
    title="Headline trade figures for the five with China and Russia, 2019-2024, from news",
    version="hand-compiled; 66 figures",
    licence="facts quoted from news articles; cite the official source and the outlet",
    url="see the citation column of each row",
    citation="Compiled from news reports; each row cites its official compiler, outlet, date and URL",
)
EUROSTAT = Dataset(
    key="eurostat",
    publisher="Eurostat",
    title="International trade in goods (Comext), total of all goods, by EU reporter: EU "
    "exports to KAZ, KGZ, UZB, RUS, ARM (monthly), imports from KGZ (monthly), "
    "EU-27 exports by partner (annual)",
    version="Comext Relational View queries downloaded 16-25 Nov 2024 (2024 months "
    "provisional), via GitHub mary-lev/eu-export-sanctions 4b6a5dfc",
    licence="Eurostat copyright notice: free reuse with acknowledgement",
    url="https://ec.europa.eu/eurostat/comext",
    citation="Eurostat, international trade in goods (Comext), values in euro",
)

T = "trade/"
E = "trade/eurostat_eu_exports/"
DOTS_FILE = RawInput(T + "imf_dots_ca5_with_chn_rus_mirror_1992_2020.csv.gz", IMF_DOTS)
NATIONAL_INPUTS = {
    "kaz_bns": RawInput(T + "kaz_bns_trade_by_country_2018_2023.csv.gz", KAZ_BNS),
    "kgz_nsc": RawInput(T + "kgz_nsc_trade_by_country_1994_2023.csv.gz", KGZ_NSC),
    "uzb_stat": RawInput(T + "uzb_stat_trade_by_country_2010_2023.csv.gz", UZB_STAT),
}
RUS_FILE = RawInput(T + "rus_fts_trade_with_cis_1994_2021.csv.gz", RUS_FTS)
BACI_FILES = {
    2022: RawInput(T + "oec_baci_bilateral_2022_ca5.csv.gz", BACI),
    2023: RawInput(T + "oec_baci_bilateral_2023_ca5.csv.gz", BACI),
}
NEWS_FILE = RawInput(T + "headline_figures_ca5_china_russia_2019_2024_from_news.csv.gz", NEWS)
EUROSTAT_MONTHLY = {  # file -> (partner, EU flow)
    "kazakhstan_export_eurostat.csv.gz": ("KAZ", "exports"),
    "kyrgyz_export_eurostat.csv.gz": ("KGZ", "exports"),
    "uzbek_export_eurostat.csv.gz": ("UZB", "exports"),
    "russia_export_eurostat.csv.gz": ("RUS", "exports"),
    "armenia_export_eurostat.csv.gz": ("ARM", "exports"),
    "kyrgyzstan_import_eurostat.csv.gz": ("KGZ", "imports"),
}
EUROSTAT_INPUTS = {name: RawInput(E + name, EUROSTAT) for name in EUROSTAT_MONTHLY}
EUROSTAT_ANNUAL = RawInput(E + "eu_year_export.csv.gz", EUROSTAT)

# --------------------------------------------------------------------------- schema

SOURCES = ("imf_dots", "kaz_bns", "kgz_nsc", "uzb_stat", "rus_fts", "baci", "news", "eurostat")
ISO3_VALUES = CA5 + ("RUS", "ARM", "CHN", "WLD")
TRADE_KEY = ["iso3", "partner_iso3", "year", "month", "period", "flow", "source", "reported_by", "basis"]
SORT_BY = ("iso3", "partner_iso3", "year", "month", "flow", "source", "reported_by")


def _eur_iff_eurostat(df: pd.DataFrame) -> pd.Series:
    return df["unit"].eq("EUR") == df["source"].eq("eurostat")


def _month_matches_period(df: pd.DataFrame) -> pd.Series:
    monthly = df["month"].notna()
    label = df["year"].astype(str) + "-" + df["month"].astype("string").str.zfill(2)
    return (monthly & label.eq(df["period"]).fillna(False)) | (~monthly & ~df["period"].str.match(r"^\d{4}-\d{2}$"))


def _mirror_names_partner(df: pd.DataFrame) -> pd.Series:
    mirror = df["basis"].eq("mirror")
    return ~mirror | (df["reported_by"].eq(df["partner_iso3"]) & df["reported_by"].ne(df["iso3"]))


def _reconciled_is_baci(df: pd.DataFrame) -> pd.Series:
    a, b, c = df["basis"].eq("reconciled"), df["source"].eq("baci"), df["reported_by"].eq("CEPII")
    return (a == b) & (b == c)


def _reported_is_own(df: pd.DataFrame) -> pd.Series:
    statement = df["note"].fillna("").str.startswith("statement")
    return ~df["basis"].eq("reported") | df["reported_by"].eq(df["iso3"]) | statement


def _unique_key(df: pd.DataFrame) -> pd.Series:
    # News figures may repeat a key (two leaders quoting one year); every other row is unique.
    return ~(df.duplicated(TRADE_KEY, keep=False) & df["source"].ne("news"))


TRADE_SCHEMA = pa.DataFrameSchema(
    {
        "iso3": pa.Column(str, pa.Check.isin(ISO3_VALUES)),
        "partner_iso3": pa.Column(str, pa.Check.str_matches(r"^([A-Z]{3}|EU27)$")),
        "year": pa.Column(int, pa.Check.in_range(1990, 2025)),
        "month": pa.Column("Int64", pa.Check.in_range(1, 12), nullable=True),
        "period": pa.Column(str, pa.Check.str_matches(r"^(full year|[A-Z][a-z]{2}-[A-Z][a-z]{2}|\d{4}-\d{2})$")),
        "flow": pa.Column(str, pa.Check.isin(["exports", "imports", "turnover"])),
        "value": pa.Column(float, pa.Check.ge(0)),
        "unit": pa.Column(str, pa.Check.isin(["USD", "EUR"])),
        "source": pa.Column(str, pa.Check.isin(SOURCES)),
        "reported_by": pa.Column(str, pa.Check.str_matches(r"^([A-Z]{3}|EU27|CEPII)$")),
        "basis": pa.Column(str, pa.Check.isin(["reported", "mirror", "reconciled"])),
        "valuation": pa.Column(str, pa.Check.isin(["FOB", "CIF"]), nullable=True),
        "estimate": pa.Column(bool),
        "note": pa.Column(str, nullable=True),
        "citation": pa.Column(str, nullable=True),
    },
    checks=[
        pa.Check(_eur_iff_eurostat, name="unit EUR if and only if source eurostat"),
        pa.Check(_month_matches_period, name="month set if and only if period is YYYY-MM"),
        pa.Check(_mirror_names_partner, name="mirror rows are reported by the partner"),
        pa.Check(_reconciled_is_baci, name="reconciled = baci = CEPII"),
        pa.Check(_reported_is_own, name="reported rows are the country's own (or a statement)"),
        pa.Check(lambda df: df["iso3"].ne(df["partner_iso3"]), name="iso3 differs from partner"),
        pa.Check(_unique_key, name="one row per key (news excepted)"),
        pa.Check(lambda df: df["citation"].notna() == df["source"].eq("news"), name="citation on news rows only"),
    ],
    coerce=True,
    strict=True,
)

NEWS_OTHER_SCHEMA = pa.DataFrameSchema(
    {
        "country_iso3": pa.Column(str, pa.Check.str_matches(r"^([A-Z]{3}|CA5)$")),
        "partner_iso3": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{3}$"), nullable=True),
        "year": pa.Column(int, pa.Check.in_range(1990, 2025)),
        "period": pa.Column(str, pa.Check.str_matches(r"^(full year|[A-Z][a-z]{2}-[A-Z][a-z]{2})$")),
        "indicator": pa.Column(str, pa.Check.str_length(min_value=1)),
        "direction": pa.Column(str, pa.Check.str_length(min_value=1)),
        "value": pa.Column(float, pa.Check.ge(0)),
        "unit": pa.Column(str, pa.Check.isin(["US$ bn", "bcm", "%"])),
        "compiled_by": pa.Column(str, pa.Check.str_length(min_value=1)),
        "as_reported_by": pa.Column(str, pa.Check.str_length(min_value=1)),
        "url": pa.Column(str, pa.Check.str_matches(r"^https?://")),
        "publication_date": pa.Column(str, pa.Check.str_matches(r"^\d{4}(-\d{2}){0,2}$"), nullable=True),
        "quote": pa.Column(str, pa.Check.str_length(min_value=1)),
    },
    coerce=True,
    strict=True,
)

# --------------------------------------------------------------------------- builders


DOTS_SPLIT_YEAR = 2009  # own reports are stored in two tables to keep each CSV under ~1.5 MB


def _dots_own_recent(raw_dir: Path) -> pd.DataFrame:
    own = read_dots(DOTS_FILE.resolve(raw_dir))[0]
    return own[own["year"] >= DOTS_SPLIT_YEAR].reset_index(drop=True)


def _dots_own_early(raw_dir: Path) -> pd.DataFrame:
    own = read_dots(DOTS_FILE.resolve(raw_dir))[0]
    return own[own["year"] < DOTS_SPLIT_YEAR].reset_index(drop=True)


def _dots_mirror(raw_dir: Path) -> pd.DataFrame:
    return read_dots(DOTS_FILE.resolve(raw_dir))[1]


def _national(raw_dir: Path) -> pd.DataFrame:
    return pd.concat(
        [read_national(NATIONAL_INPUTS[key].resolve(raw_dir), key) for key in NATIONAL_FILES], ignore_index=True
    )


def _rus_fts(raw_dir: Path) -> pd.DataFrame:
    return read_rus_fts(RUS_FILE.resolve(raw_dir))


def _baci(raw_dir: Path) -> pd.DataFrame:
    return pd.concat([read_baci(raw.resolve(raw_dir), year) for year, raw in BACI_FILES.items()], ignore_index=True)


def _news_trade(raw_dir: Path) -> pd.DataFrame:
    return read_news(NEWS_FILE.resolve(raw_dir))[0]


def _news_other(raw_dir: Path) -> pd.DataFrame:
    return read_news(NEWS_FILE.resolve(raw_dir))[1]


def _eurostat(raw_dir: Path) -> pd.DataFrame:
    frames = [
        read_eurostat_monthly(EUROSTAT_INPUTS[name].resolve(raw_dir), partner, flow)
        for name, (partner, flow) in EUROSTAT_MONTHLY.items()
    ]
    frames.append(read_eurostat_annual(EUROSTAT_ANNUAL.resolve(raw_dir)))
    return pd.concat(frames, ignore_index=True)


def _spec(name: str, description: str, inputs, build, notes=()) -> TableSpec:
    return TableSpec(
        name=name,
        description=description,
        inputs=tuple(inputs),
        build=build,
        schema=TRADE_SCHEMA,
        sort_by=SORT_BY,
        notes=tuple(notes),
    )


DOTS_OWN_NOTES = (
    "US$ million converted to US$ exactly (decimal arithmetic).",
    "IMF aggregates dropped except World (WLD); defunct partners without ISO3 dropped: "
    "Belgium-Luxembourg, Czechoslovakia, Serbia and Montenegro, Yugoslavia.",
    "'South Africa' has no ISO3 in the raw file (flagged as an aggregate by name matching); it is mapped to ZAF here.",
    "estimate = IMF 'e' flag. TKM throughout and UZB in the 2000s are largely IMF "
    "estimates from partner data even where no flag is set.",
    "KAZ-RUS 2010 (US$7.8 bn turnover) is a Customs Union recording artefact; Russia's own figure is US$15.1 bn.",
    "Own reports are split at 2009 into trade_imf_dots (2009-2020) and "
    "trade_imf_dots_1992_2008 only to keep each CSV small.",
)

TABLES: list[TableSpec] = [
    _spec(
        "trade_imf_dots",
        "IMF DOTS, 2009-2020: each of the five's own report (or IMF estimate) of its exports "
        "(FOB) and imports (CIF) with every partner and the World, US$",
        [DOTS_FILE],
        _dots_own_recent,
        notes=DOTS_OWN_NOTES,
    ),
    _spec(
        "trade_imf_dots_1992_2008",
        "IMF DOTS, 1992-2008: each of the five's own report (or IMF estimate) of its exports "
        "(FOB) and imports (CIF) with every partner and the World, US$",
        [DOTS_FILE],
        _dots_own_early,
        notes=DOTS_OWN_NOTES,
    ),
    _spec(
        "trade_imf_dots_mirror",
        "IMF DOTS: China's and Russia's reports of their trade with the five, re-expressed "
        "from the Central Asian side (mirror), US$",
        [DOTS_FILE],
        _dots_mirror,
        notes=(
            "China's exports (FOB) to X become X's imports from CHN (valuation FOB); China's "
            "imports (CIF) from X become X's exports to CHN (valuation CIF). Same for Russia.",
            "China's and Russia's World totals are not kept (not trade of the five).",
        ),
    ),
    _spec(
        "trade_national",
        "National statistics by partner: Kazakhstan BNS 2018-2023 (turnover, exports, "
        "imports), Kyrgyzstan NSC 1994-2023 and Uzbekistan Statistics Agency 2010-2023 "
        "(exports, imports), US$",
        NATIONAL_INPUTS.values(),
        _national,
        notes=(
            "Thousand US$ converted to US$ exactly.",
            "World (WLD) is the source's total row for KAZ ('Всего') and KGZ ('Total'); for UZB, "
            "which has no total, WLD = sum of all partner rows including 'Other countries'.",
            "Regional and group rows dropped; KGZ 'Channel Islands', 'Undefined country' and "
            "UZB 'Other countries' (no ISO3) dropped as partners.",
            "KGZ 2023 imports are preliminary (estimate = True, note 'preliminary').",
        ),
    ),
    _spec(
        "trade_rus_fts",
        "Russia's customs figures (FTS/Rosstat) for its trade with KAZ, KGZ, TJK and UZB, "
        "1994-2021, as mirror rows from the Central Asian side, US$",
        [RUS_FILE],
        _rus_fts,
        notes=("US$ million converted to US$. No Turkmenistan; nothing after 2021.",),
    ),
    _spec(
        "trade_baci",
        "CEPII BACI (via OEC, aggregated by a third party), 2022 and 2023: every flow of the "
        "five with every partner, reconciled and valued FOB, US$",
        BACI_FILES.values(),
        _baci,
        notes=(
            "A flow between two of the five gives one row for each side.",
            "WLD = sum over partners. Russia rows are missing in the source for TJK and TKM "
            "(2022, 2023) and UZB (2022); they are left missing, not zero, and those WLD "
            "totals are understated.",
            "Kyrgyzstan's imports follow China's export reports (re-exports): far above Kyrgyz national statistics.",
        ),
    ),
    _spec(
        "trade_news",
        "Headline US$ trade figures of single Central Asian countries quoted in news "
        "reports, 2019-2024 (GACC, national agencies, Russia's FTS, leaders' statements)",
        [NEWS_FILE],
        _news_trade,
        notes=(
            "basis 'mirror' when compiled by the partner's customs (GACC, FTS); 'reported' "
            "when by the country's own agency; 'reported' with note 'statement: ...' for "
            "leaders' and officials' statements (reported_by = the speaker's country).",
            "US$ bn converted to US$. Gas, % and five-country (CA5) figures are in news_figures_other.",
        ),
    ),
    _spec(
        "trade_eurostat",
        "Eurostat Comext, EU-27 as reporter: monthly exports to KAZ, KGZ, UZB, RUS, ARM and "
        "imports from KGZ (2019-Aug 2024), annual exports to the five, RUS, ARM, CHN and "
        "extra-EU total (2010-2023), in euro, from the partner's side",
        [*EUROSTAT_INPUTS.values(), EUROSTAT_ANNUAL],
        _eurostat,
        notes=(
            "Values in EUR (not converted). EU exports become the partner's imports "
            "(valuation FOB); EU imports from KGZ become KGZ exports (valuation CIF).",
            "The EU-27 aggregate reporter row is used; if a month lacked it, member-state rows "
            "(EU-27 members only) would be summed and noted. Exact duplicate rows dropped.",
            "2024 months are provisional (note). Annual WLD = 'Extra-EU27' total, 2010-2018 "
            "only (not in the 2019-2023 queries); 2016 labels are in French.",
        ),
    ),
]

NEWS_OTHER = TableSpec(
    name="news_figures_other",
    description="News-quoted figures that are not bilateral US$ trade of one country: gas "
    "values and volumes, shares (%), and China's trade with the five combined (CA5)",
    inputs=(NEWS_FILE,),
    build=_news_other,
    schema=NEWS_OTHER_SCHEMA,
    sort_by=("country_iso3", "partner_iso3", "year", "indicator", "direction", "period", "publication_date"),
    notes=("Values as in the source, in `unit` (US$ bn, bcm or %).",),
)
TABLES.append(NEWS_OTHER)

__all__ = ["TABLES", "TRADE_SCHEMA", "NEWS_OTHER_SCHEMA", "SORT_BY"]
