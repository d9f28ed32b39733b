"""Trade reader: unit tests on generated raw files, bad input, and the real mirror."""

from __future__ import annotations

import pandas as pd
import pytest

from cautils.errors import DataError
from cautils.pipeline import build_all, build_table, load_processed, validate
from cautils.sources import trade
from cautils.sources.trade_parts import (
    TRADE_COLUMNS,
    UZB_TOTAL_NOTE,
    read_baci,
    read_dots,
    read_eurostat_annual,
    read_eurostat_monthly,
    read_national,
    read_news,
    read_rus_fts,
)

SPECS = {spec.name: spec for spec in trade.TABLES}
TRADE_NAMES = [name for name in SPECS if name.startswith("trade_")]

DOTS_HEADER = (
    "reporter_iso3,reporter_name_imf,flow,partner_name_imf,partner_iso3,is_aggregate,"
    "year,value_usd_mn,estimate_flag,value_raw,source_file\n"
)
DOTS = (
    DOTS_HEADER
    + """\
CHN,"China, P.R.: Mainland",exports_fob,"Kazakhstan, Rep. of",KAZ,False,1992,222.441,,222.441,f
CHN,"China, P.R.: Mainland",imports_cif,"Kazakhstan, Rep. of",KAZ,False,1992,10.5,,10.5,f
CHN,"China, P.R.: Mainland",exports_fob,World,WLD,True,1992,"85,000.1",,"85,000.1",f
RUS,Russian Federation,exports_fob,Kyrgyz Rep.,KGZ,False,2010,991.0,,991.0,f
KAZ,"Kazakhstan, Rep. of",exports_fob,World,WLD,True,2010,"1,234.5",,"1,234.5",f
KAZ,"Kazakhstan, Rep. of",exports_fob,Russian Federation,RUS,False,2010,2702.880519,,x,f
KAZ,"Kazakhstan, Rep. of",imports_cif,China,CHN,False,1995,0.9999999999999996,e,x,f
KAZ,"Kazakhstan, Rep. of",exports_fob,Euro Area,,True,2010,5.0,,5.0,f
KAZ,"Kazakhstan, Rep. of",exports_fob,Czechoslovakia,,False,1992,5.0,,5.0,f
KAZ,"Kazakhstan, Rep. of",exports_fob,South Africa,,True,2010,0.5,,0.5,f
"""
)


def _row(frame: pd.DataFrame, **where) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column].eq(value)
    assert mask.sum() == 1, (where, frame[mask])
    return frame[mask].iloc[0]


def _validated(frame: pd.DataFrame) -> pd.DataFrame:
    return validate(SPECS["trade_baci"], frame[list(TRADE_COLUMNS)], "test")


# --------------------------------------------------------------------------- IMF DOTS


def test_dots_mirror_rows_are_turned_round(write_raw):
    own, mirror = read_dots(write_raw("trade/dots.csv.gz", DOTS))
    _validated(own)
    _validated(mirror)
    imp = _row(mirror, iso3="KAZ", partner_iso3="CHN", flow="imports")
    assert imp["reported_by"] == "CHN" and imp["basis"] == "mirror"
    assert imp["valuation"] == "FOB" and imp["value"] == 222441000.0  # exact, not ...00003
    exp = _row(mirror, iso3="KAZ", partner_iso3="CHN", flow="exports")
    assert exp["valuation"] == "CIF" and exp["value"] == 10500000.0
    rus = _row(mirror, iso3="KGZ", partner_iso3="RUS")
    assert rus["flow"] == "imports" and rus["reported_by"] == "RUS"
    assert "WLD" not in set(mirror["partner_iso3"]) | set(mirror["iso3"])  # China's world total


def test_dots_own_reports_partners_and_flags(write_raw):
    own, _ = read_dots(write_raw("trade/dots.csv.gz", DOTS))
    assert set(own["partner_iso3"]) == {"WLD", "RUS", "CHN", "ZAF"}  # aggregates, defunct out
    assert _row(own, partner_iso3="WLD")["value"] == 1234500000.0
    assert (own["basis"] == "reported").all() and (own["reported_by"] == "KAZ").all()
    chn = _row(own, partner_iso3="CHN")
    assert bool(chn["estimate"]) and chn["valuation"] == "CIF" and chn["flow"] == "imports"
    assert "artefact" in _row(own, partner_iso3="RUS")["note"]


def test_dots_tables_split_by_year(write_raw):
    write_raw(trade.DOTS_FILE.path, DOTS)
    recent = SPECS["trade_imf_dots"].build(write_raw.root)
    early = SPECS["trade_imf_dots_1992_2008"].build(write_raw.root)
    assert recent["year"].min() >= 2009 and early["year"].max() < 2009
    assert len(recent) + len(early) == 4


# --------------------------------------------------------------------------- national

KAZ = """reporter_iso3,partner_name_source,partner_iso3,is_aggregate,year,flow,value_thousand_usd,source_file,source_sheet
KAZ,Всего,,True,2023,turnover,1000.5,f,2023
KAZ,Страны СНГ,,True,2023,turnover,400,f,2023
KAZ,Китай,CHN,False,2023,turnover,30055389.61232,f,2023
KAZ,Китай,CHN,False,2023,exports,14666158.3001,f,2023
"""
KGZ = """reporter_iso3,partner_name_source,partner_name_ru,partner_iso3,is_aggregate,year,flow,value_thousand_usd,note,source_file
KGZ,Total,Всего,,True,2023,imports,12000,preliminary,f
KGZ,China,Китай,CHN,False,2023,imports,5353257.336,preliminary,f
KGZ,China,Китай,CHN,False,2023,exports,80446.343,,f
KGZ,Channel Islands,Нормандские острова,,False,2023,exports,1,,f
"""
UZB = """reporter_iso3,partner_code_source,partner_name_source,partner_name_ru,partner_iso3,year,flow,value_thousand_usd,source_file
UZB,156,China,Китай,CHN,2023,exports,2486557.3,f
UZB,643,Russia,Россия,RUS,2023,exports,100.1,f
UZB,0,Other countries,Другие,,2023,exports,0.2,f
UZB,156,China,Китай,CHN,2023,imports,11339099.0,f
"""


def test_national_kaz_total_and_conversion(write_raw):
    out = read_national(write_raw("trade/kaz.csv.gz", KAZ), "kaz_bns")
    _validated(out)
    assert set(out["partner_iso3"]) == {"WLD", "CHN"}
    assert _row(out, partner_iso3="WLD")["value"] == 1000500.0
    assert _row(out, partner_iso3="CHN", flow="turnover")["value"] == 30055389612.32
    assert (out["source"] == "kaz_bns").all() and (out["basis"] == "reported").all()


def test_national_kgz_preliminary_is_estimate(write_raw):
    out = read_national(write_raw("trade/kgz.csv.gz", KGZ), "kgz_nsc")
    imp = _row(out, partner_iso3="CHN", flow="imports")
    assert bool(imp["estimate"]) and imp["note"] == "preliminary"
    assert not bool(_row(out, partner_iso3="CHN", flow="exports")["estimate"])
    assert "WLD" in set(out["partner_iso3"]) and len(out) == 3  # Channel Islands dropped


def test_national_uzb_world_is_sum_of_partners(write_raw):
    out = read_national(write_raw("trade/uzb.csv.gz", UZB), "uzb_stat")
    _validated(out)
    world = _row(out, partner_iso3="WLD", flow="exports")
    assert world["value"] == 2486657600.0  # 2486557.3 + 100.1 + 0.2 ('Other countries')
    assert world["note"] == UZB_TOTAL_NOTE
    assert _row(out, partner_iso3="WLD", flow="imports")["value"] == 11339099000.0


def test_national_unknown_partner_code(write_raw):
    path = write_raw("trade/uzb.csv.gz", UZB.replace(",RUS,", ",XYZ,"))
    with pytest.raises(DataError) as info:
        read_national(path, "uzb_stat")
    assert info.value.field == "partner_iso3" and info.value.row == 3
    assert "uzb.csv.gz" in str(info.value) and "XYZ" in str(info.value)


# --------------------------------------------------------------------------- Russia FTS

RUS = """reporter_iso3,partner_name_source,partner_name_en,partner_iso3,is_aggregate,year,flow,value_million_usd,source_file,source_sheet
RUS,Экспорт,World,WLD,True,2010,exports,397068.0,f,2010
RUS,Казахстан,Kazakhstan,KAZ,False,2010,exports,10690.0,f,2010
RUS,Казахстан,Kazakhstan,KAZ,False,2010,imports,4449.0,f,2010
RUS,Армения,Armenia,ARM,False,2010,imports,159.0,f,2010
"""


def test_rus_fts_mirror_orientation(write_raw):
    out = read_rus_fts(write_raw("trade/rus.csv.gz", RUS))
    _validated(out)
    assert len(out) == 2
    imp = _row(out, flow="imports")  # Russia's exports to KAZ = KAZ imports from RUS
    assert imp["iso3"] == "KAZ" and imp["partner_iso3"] == "RUS" and imp["value"] == 10690e6
    assert imp["basis"] == "mirror" and imp["reported_by"] == "RUS"


# --------------------------------------------------------------------------- BACI

BACI = """exporter_id,exporter_name,importer_id,importer_name,value
chn,China,kgz,Kyrgyzstan,1000.0
kaz,Kazakhstan,uzb,Uzbekistan,50.0
uzb,Uzbekistan,chn,China,7.0
kgz,Kyrgyzstan,rus,Russia,3.0
"""


def test_baci_both_sides_and_world_sums(write_raw):
    out = read_baci(write_raw("trade/baci.csv.gz", BACI), 2022)
    _validated(out)
    assert _row(out, iso3="KAZ", partner_iso3="UZB")["flow"] == "exports"
    assert _row(out, iso3="UZB", partner_iso3="KAZ")["flow"] == "imports"
    assert _row(out, iso3="UZB", partner_iso3="WLD", flow="imports")["value"] == 50.0
    world = _row(out, iso3="UZB", partner_iso3="WLD", flow="exports")
    assert world["value"] == 7.0 and "Russia rows missing" in world["note"]  # UZB 2022 gap
    assert not ((out["iso3"] == "UZB") & (out["partner_iso3"] == "RUS")).any()  # never zero-filled
    assert (out["reported_by"] == "CEPII").all() and (out["valuation"] == "FOB").all()
    assert (out["year"] == 2022).all()


def test_baci_unknown_country_code(write_raw):
    path = write_raw("trade/baci.csv.gz", BACI.replace("chn,China,kgz", "zzz,Nowhere,kgz"))
    with pytest.raises(DataError) as info:
        read_baci(path, 2022)
    assert info.value.field == "exporter_id" and info.value.row == 2


# --------------------------------------------------------------------------- news

NEWS_HEADER = (
    "country_iso3,partner_iso3,year,period,indicator,direction,value,unit,compiled_by,"
    "as_reported_by,url,publication_date,quote\n"
)
NEWS = (
    NEWS_HEADER
    + """\
KAZ,CHN,2023,full year,turnover,total,41.0,US$ bn,China General Administration of Customs (GACC),Outlet (Feb 2),https://a.example/1,2024-02-02,q
UZB,CHN,2023,full year,trade,imports from CHN,11.2,US$ bn,Statistics Agency of Uzbekistan,Trend,https://a.example/2,2024-04-21,q
KAZ,RUS,2023,full year,turnover,total,28.0,US$ bn,not stated (article by President Putin),Trend,https://a.example/3,,q
TKM,RUS,2020,full year,turnover,total,0.9701,US$ bn,Federal Customs Service of Russia,TP,https://a.example/4,2021-10-07,q
KGZ,CHN,2024,Jan-Nov,turnover,total,5.1,US$ bn,National Statistical Committee of the Kyrgyz Republic,24.kg,https://a.example/5,2025-01-24,q
TJK,RUS,2023,full year,share,RUS share (%),20.6,%,Agency on Statistics under the President of Tajikistan,TASS,https://a.example/6,2024-01-23,q
UZB,RUS,2024,full year,natural gas import volume,imports from RUS,5.64,bcm,Gazprom,Trend,https://a.example/7,2025-12-29,q
CA5,CHN,2023,full year,trade,CHN exports to CA5,61.4,US$ bn,China General Administration of Customs (GACC),E,https://a.example/8,2024-02-02,q
"""
)


def test_news_basis_units_and_citation(write_raw):
    out, other = read_news(write_raw("trade/news.csv.gz", NEWS))
    _validated(out)
    gacc = _row(out, iso3="KAZ", partner_iso3="CHN")
    assert gacc["basis"] == "mirror" and gacc["reported_by"] == "CHN"
    assert gacc["value"] == 41e9 and gacc["flow"] == "turnover"
    assert gacc["citation"] == (
        "China General Administration of Customs (GACC); Outlet (Feb 2); https://a.example/1; 2024-02-02"
    )
    uzb = _row(out, iso3="UZB")
    assert uzb["basis"] == "reported" and uzb["reported_by"] == "UZB" and uzb["flow"] == "imports"
    putin = _row(out, iso3="KAZ", partner_iso3="RUS")
    assert putin["basis"] == "reported" and putin["note"].startswith("statement")
    assert _row(out, iso3="TKM")["basis"] == "mirror"
    assert _row(out, iso3="KGZ")["period"] == "Jan-Nov"
    assert sorted(other["unit"]) == ["%", "US$ bn", "bcm"]  # share, gas volume, CA5 total
    assert set(other["country_iso3"]) == {"TJK", "UZB", "CA5"}


def test_news_unknown_compiler(write_raw):
    path = write_raw("trade/news.csv.gz", NEWS.replace("Statistics Agency of Uzbekistan", "Some blog"))
    with pytest.raises(DataError) as info:
        read_news(path)
    assert info.value.field == "compiled_by" and info.value.row == 3


# --------------------------------------------------------------------------- Eurostat

ES_HEADER = "REPORTER,PARTNER,PRODUCT,FLOW,STAT_PROCEDURE,PERIOD,VALUE_IN_EUR\n"
EU27 = '"European Union - 27 countries (AT, BE, BG)"'
EUROSTAT = (
    ES_HEADER
    + f"""\
{EU27},Kyrgyzstan,Total,EXPORT,Total,Aug. 2024,1000
Germany,Kyrgyzstan,Total,EXPORT,Total,Aug. 2024,600
{EU27},Kyrgyzstan,Total,EXPORT,Total,Aug. 2024,1000
"Euro area - 20 countries (AT, BE)",Kyrgyzstan,Total,EXPORT,Total,Jan. 2019,999
Germany,Kyrgyzstan,Total,EXPORT,Total,Jan. 2019,70
"France (incl. Saint Barthélemy 'BL' -> 2012)",Kyrgyzstan,Total,EXPORT,Total,Jan. 2019,30
United Kingdom,Kyrgyzstan,Total,EXPORT,Total,Jan. 2019,500
"""
)


def test_eurostat_monthly_dedup_aggregate_and_fallback(write_raw):
    out = read_eurostat_monthly(write_raw("trade/es.csv.gz", EUROSTAT), "KGZ", "exports")
    _validated(out)
    assert len(out) == 2
    aug = _row(out, month=8)
    assert aug["value"] == 1000.0 and aug["note"] == "provisional"  # duplicate dropped
    assert aug["period"] == "2024-08" and aug["year"] == 2024
    jan = _row(out, month=1)
    assert jan["value"] == 100.0 and "sum of member-state rows" in jan["note"]  # no UK, no EA
    assert jan["iso3"] == "KGZ" and jan["partner_iso3"] == "EU27" and jan["flow"] == "imports"
    assert jan["basis"] == "mirror" and jan["unit"] == "EUR" and jan["reported_by"] == "EU27"


def test_eurostat_import_file_is_exports_of_partner(write_raw):
    text = ES_HEADER + f"{EU27},Kyrgyzstan,Total,IMPORT,Total,Feb. 2024,5\n"
    out = read_eurostat_monthly(write_raw("trade/imp.csv.gz", text), "KGZ", "imports")
    assert _row(out, month=2)["flow"] == "exports" and out["valuation"].iloc[0] == "CIF"


def test_eurostat_conflicting_duplicate(write_raw):
    text = EUROSTAT.replace("Aug. 2024,1000\n", "Aug. 2024,1001\n", 1)
    with pytest.raises(DataError) as info:
        read_eurostat_monthly(write_raw("trade/es.csv.gz", text), "KGZ", "exports")
    assert info.value.field == "VALUE_IN_EUR"


def test_eurostat_unknown_partner(write_raw):
    path = write_raw("trade/es.csv.gz", EUROSTAT.replace("Germany,Kyrgyzstan", "Germany,Atlantis"))
    with pytest.raises(DataError) as info:
        read_eurostat_monthly(path, "KGZ", "exports")
    assert info.value.field == "PARTNER" and info.value.row == 3


def test_eurostat_annual_partners(write_raw):
    rows = [
        ("Kazakhstan", 1),
        ("Kyrgyzstan", 2),
        ("Tadjikistan", 3),
        ("Turkménistan", 4),
        ("Uzbekistan", 5),
        ("Russie, Fédération de", 6),
        ("Armenia", 7),
        ("Chine", 8),
        ("Extra-UE27 (à partir de 2020)", 9),
        ("Haute mer", 10),
    ]
    label = '"Union européenne - 27 pays (AT, BE)"'
    text = ES_HEADER + "".join(f'{label},"{p}",Total,EXPORTATION,Total,Jan.-Dec. 2016,{v}\n' for p, v in rows)
    out = read_eurostat_annual(write_raw("trade/year.csv.gz", text))
    _validated(out)
    assert set(out["iso3"]) == {"KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "ARM", "CHN", "WLD"}
    assert out["month"].isna().all() and (out["period"] == "full year").all()
    assert _row(out, iso3="TKM")["value"] == 4.0
    missing = text.replace('"Chine"', '"Nowhere"')
    with pytest.raises(DataError, match="CHN"):
        read_eurostat_annual(write_raw("trade/year.csv.gz", missing))


# --------------------------------------------------------------------------- bad input


def test_missing_column(write_raw):
    path = write_raw("trade/dots.csv.gz", DOTS.replace("value_usd_mn", "value_mn"))
    with pytest.raises(DataError) as info:
        read_dots(path)
    assert info.value.field == "value_usd_mn" and "dots.csv.gz" in str(info.value)


def test_non_numeric_value(write_raw):
    path = write_raw("trade/dots.csv.gz", DOTS.replace(",10.5,,", ',"12,3x",,'))
    with pytest.raises(DataError) as info:
        read_dots(path)
    assert info.value.field == "value_usd_mn" and info.value.row == 3
    assert "12,3x" in str(info.value)


def test_truncated_gzip(write_raw):
    path = write_raw("trade/dots.csv.gz", DOTS)
    path.write_bytes(path.read_bytes()[:-12])
    with pytest.raises(DataError, match="dots.csv.gz"):
        read_dots(path)


def test_unknown_partner_code_in_dots(write_raw):
    path = write_raw("trade/dots.csv.gz", DOTS.replace("China,CHN,False", "China,QQQ,False"))
    with pytest.raises(DataError) as info:
        read_dots(path)
    assert info.value.field == "partner_iso3" and info.value.row == 8


def test_schema_rejects_misoriented_mirror_and_euro(write_raw):
    _, mirror = read_dots(write_raw("trade/dots.csv.gz", DOTS))
    bad = mirror.copy()
    bad["reported_by"] = bad["iso3"]
    with pytest.raises(DataError, match="mirror rows are reported by the partner"):
        _validated(bad)
    bad = mirror.copy()
    bad["unit"] = "EUR"
    with pytest.raises(DataError, match="unit EUR"):
        _validated(bad)


# --------------------------------------------------------------------------- real mirror


@pytest.fixture(scope="module")
def built(mirror, tmp_path_factory) -> dict[str, pd.DataFrame]:
    out = tmp_path_factory.mktemp("trade_out")
    build_all(mirror, out, only=list(SPECS))
    frames = {}
    for name, spec in SPECS.items():
        path = out / f"{name}.csv"
        assert path.stat().st_size < 1_500_000, name
        frames[name] = load_processed(spec, path)
    frames["_dir"] = out  # type: ignore[assignment]
    return frames


@pytest.fixture(scope="module")
def all_trade(built) -> pd.DataFrame:
    return pd.concat([built[n] for n in TRADE_NAMES], ignore_index=True)


def _value(frame: pd.DataFrame, **where) -> float:
    return float(_row(frame, **where)["value"])


@pytest.mark.mirror
def test_round_trip_and_shared_schema(built, mirror):
    for name, spec in SPECS.items():
        again = build_table(spec, mirror)
        assert again.data == (built["_dir"] / f"{name}.csv").read_bytes(), name
        if name.startswith("trade_"):
            assert list(built[name].columns) == list(TRADE_COLUMNS)
            assert spec.schema is trade.TRADE_SCHEMA
    assert len(built["trade_news"]) == 50 and len(built["news_figures_other"]) == 16


@pytest.mark.mirror
def test_real_uzbekistan_and_kyrgyzstan_china(all_trade):
    uzb = all_trade[all_trade["source"].eq("uzb_stat")]
    assert _value(uzb, iso3="UZB", partner_iso3="CHN", year=2023, flow="exports") == pytest.approx(2.49e9, abs=5e6)
    assert _value(uzb, iso3="UZB", partner_iso3="CHN", year=2023, flow="imports") == pytest.approx(11.34e9, abs=5e6)
    kgz = all_trade[(all_trade["iso3"] == "KGZ") & (all_trade["partner_iso3"] == "CHN") & (all_trade["year"] == 2023)]
    nsc = _row(kgz, source="kgz_nsc", flow="imports")
    assert nsc["value"] == pytest.approx(5.35e9, abs=5e6) and bool(nsc["estimate"])
    assert _value(kgz, source="baci", flow="imports") == pytest.approx(18.2e9, abs=5e7)
    assert _value(kgz, source="news", flow="turnover") == pytest.approx(19.8e9)
    assert _row(kgz, source="news", flow="turnover")["basis"] == "mirror"


@pytest.mark.mirror
def test_real_baci_russia(all_trade):
    baci = all_trade[all_trade["source"].eq("baci")]
    assert _value(baci, iso3="UZB", partner_iso3="RUS", year=2023, flow="imports") == pytest.approx(6.54e9, abs=5e6)
    assert _value(baci, iso3="UZB", partner_iso3="RUS", year=2023, flow="exports") == pytest.approx(3.02e9, abs=5e6)
    gaps = baci[
        baci["partner_iso3"].eq("RUS")
        & (baci["iso3"].isin(["TJK", "TKM"]) | (baci["iso3"].eq("UZB") & baci["year"].eq(2022)))
    ]
    assert gaps.empty
    assert (baci["value"] > 0).all()
    # A flow between two of the five appears once from each side.
    kaz_uzb = _value(baci, iso3="KAZ", partner_iso3="UZB", year=2023, flow="exports")
    assert kaz_uzb == _value(baci, iso3="UZB", partner_iso3="KAZ", year=2023, flow="imports")


@pytest.mark.mirror
def test_real_kazakhstan(all_trade):
    bns = all_trade[all_trade["source"].eq("kaz_bns")]
    assert _value(bns, iso3="KAZ", partner_iso3="CHN", year=2023, flow="turnover") == pytest.approx(30.1e9, abs=5e7)
    dots = all_trade[all_trade["source"].eq("imf_dots") & all_trade["basis"].eq("reported")]
    kaz_rus = dots[(dots["iso3"] == "KAZ") & (dots["partner_iso3"] == "RUS") & (dots["year"] == 2010)]
    assert kaz_rus["value"].sum() == pytest.approx(7.8e9, abs=5e7)
    fts = all_trade[all_trade["source"].eq("rus_fts")]
    rus_view = fts[(fts["iso3"] == "KAZ") & (fts["year"] == 2010)]["value"].sum()
    assert rus_view == pytest.approx(15.1e9, abs=5e7)


@pytest.mark.mirror
def test_real_mirror_orientation_and_eurostat(all_trade):
    chn = all_trade[
        all_trade["source"].eq("imf_dots") & all_trade["basis"].eq("mirror") & all_trade["reported_by"].eq("CHN")
    ]
    assert set(chn["iso3"]) == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    assert (chn["partner_iso3"] == "CHN").all()
    # China-reported exports to KGZ are several times Kyrgyz-reported imports (DOTS caveat 3).
    mirror_imp = _value(chn, iso3="KGZ", year=2019, flow="imports")
    own = all_trade[all_trade["source"].eq("imf_dots") & all_trade["basis"].eq("reported")]
    assert mirror_imp > 2.5 * _value(own, iso3="KGZ", partner_iso3="CHN", year=2019, flow="imports")
    es = all_trade[all_trade["source"].eq("eurostat")]
    monthly = es[es["month"].notna() & es["iso3"].eq("KGZ") & es["flow"].eq("imports")]
    assert len(monthly) == 68
    annual = _value(es[es["month"].isna()], iso3="KGZ", year=2023)
    assert monthly[monthly["year"] == 2023]["value"].sum() == pytest.approx(annual, rel=1e-6)
    assert (es.loc[es["year"] == 2024, "note"] == "provisional").all()
