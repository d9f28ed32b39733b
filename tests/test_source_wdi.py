"""WDI reader: generated fixtures (parsing, vintages, derived series, bad input) and real data."""

from __future__ import annotations

import gzip

import pandas as pd
import pytest

from cautils.errors import DataError
from cautils.pipeline import build_table
from cautils.sources import table, wdi

MAIN_HEADER = "Indicator Code,Indicator Name,Country Name,Country Code,Year,Value\n"
META_HEADER = (
    "Indicator Code,Indicator Name,License,File last updated,Source commit of file,"
    "Rows kept (7 countries),First year,Last year,Definition (source readme)\n"
)
COMMIT = "4ebec5a2273f531ba238a34dbe440394dc5a6c4b"


def _main_rows(extra: str = "") -> str:
    rows = [MAIN_HEADER]
    for code in wdi.MAIN_INDICATORS:
        if code in (wdi.REMIT_USD, wdi.GDP_USD):
            continue
        rows.append(f"{code},Name of {code},Kazakhstan,KAZ,2020,1.5\n")
    rows += [
        f"{wdi.REMIT_USD},Personal remittances received (current US$),Tajikistan,TJK,2022,5350000000\n",
        f"{wdi.REMIT_USD},Personal remittances received (current US$),Tajikistan,TJK,2023,\n",
        f"{wdi.GDP_USD},GDP (current US$),Tajikistan,TJK,2022,10700000000\n",
        f"{wdi.GDP_USD},GDP (current US$),Tajikistan,TJK,2023,12000000000\n",
        "XX.NOT.KEPT,Something else,Tajikistan,TJK,2022,99\n",
    ]
    return "".join(rows) + extra


def _meta(dates: dict[str, str] | None = None, skip: str | None = None) -> str:
    dates = dates or {}
    rows = [META_HEADER]
    for code in wdi.MAIN_INDICATORS + ("XX.NOT.KEPT",):
        if code == skip:
            continue
        date = dates.get(code, "2026-07-01")
        rows.append(f'{code},Name of {code},CC-BY-4.0,{date},{COMMIT},1,2020,2020,"Def, of {code}."\n')
    return "".join(rows)


DDF_REMIT = "economy,year,bx_trf_pwkr_dt_gd_zs\ntjk,2022,49.9\nkgz,2022,26.58\nkgz,2023,\n"
DDF_ARMS = "economy,year,ms_mil_mprt_kd\nkaz,2020,12000000\n"


@pytest.fixture()
def raw(write_raw):
    write_raw(wdi.MAIN_PATH, _main_rows())
    write_raw(wdi.META_PATH, _meta({wdi.REMIT_USD: "2026-05-01"}))
    write_raw(wdi.DDF_REMIT_PATH, DDF_REMIT)
    write_raw(wdi.DDF_ARMS_PATH, DDF_ARMS)
    return write_raw


def _value(frame, iso3, code, year, vintage_start):
    hit = frame[
        (frame["iso3"] == iso3)
        & (frame["indicator"] == code)
        & (frame["year"] == year)
        & frame["vintage"].str.startswith(vintage_start)
    ]
    assert len(hit) == 1, hit
    return hit.iloc[0]


def test_parses_values_vintages_and_drops_blanks(raw):
    frame = build_table(table("wdi"), raw.root).frame
    assert set(frame["indicator"]) == set(wdi.ALL_INDICATORS)
    assert "XX.NOT.KEPT" not in set(frame["indicator"])
    row = _value(frame, "TJK", wdi.REMIT_USD, 2022, "WDI via datahub")
    assert row["value"] == 5.35e9
    # the vintage is read per indicator from the metadata file, not typed
    assert row["vintage"] == "WDI via datahub, refreshed 2026-05-01"
    assert row["source_file"] == wdi.MAIN_PATH
    gdp = _value(frame, "TJK", wdi.GDP_USD, 2022, "WDI")
    assert gdp["vintage"] == "WDI via datahub, refreshed 2026-07-01"
    # blank 2023 remittances dropped, also from DDF
    assert frame[(frame["indicator"] == wdi.REMIT_USD) & (frame["year"] == 2023)].empty
    ddf = frame[frame["source_file"] == wdi.DDF_REMIT_PATH]
    assert sorted(ddf["iso3"]) == ["KGZ", "TJK"]
    assert frame["year"].dtype == "int64" and frame["value"].dtype == "float64"


def test_derived_remittance_share_sits_beside_official(raw):
    frame = build_table(table("wdi"), raw.root).frame
    share = frame[(frame["indicator"] == wdi.REMIT_GDP) & (frame["iso3"] == "TJK")]
    assert len(share) == 2
    official = _value(frame, "TJK", wdi.REMIT_GDP, 2022, "WDI release")
    assert official["vintage"] == "WDI release c. 2025 via open-numbers DDF (commit 0f0d096)"
    assert official["value"] == 49.9
    computed = _value(frame, "TJK", wdi.REMIT_GDP, 2022, "computed")
    assert computed["value"] == pytest.approx(50.0)
    # the two inputs were refreshed on different dates: both are named
    assert computed["vintage"] == (
        "computed: BX.TRF.PWKR.CD.DT / NY.GDP.MKTP.CD × 100, WDI via datahub 2026-05-01 / 2026-07-01"
    )
    # no remittances in 2023 -> no computed share
    assert frame[(frame["indicator"] == wdi.REMIT_GDP) & (frame["year"] == 2023)].empty
    arms = _value(frame, "KAZ", wdi.ARMS_IMPORTS, 2020, "WDI release")
    assert arms["value"] == 12e6 and arms["source_file"] == wdi.DDF_ARMS_PATH


def test_indicator_table(raw):
    frame = build_table(table("wdi_indicators"), raw.root).frame
    assert list(frame["indicator"]) == sorted(wdi.ALL_INDICATORS)
    row = frame.set_index("indicator").loc[wdi.REMIT_USD]
    assert row["last_updated"] == "2026-05-01"
    assert row["definition"] == f"Def, of {wdi.REMIT_USD}."
    ddf = frame.set_index("indicator").loc[wdi.REMIT_GDP]
    assert pd.isna(ddf["last_updated"]) and ddf["source_commit"].startswith("0f0d096")


def test_missing_column_names_file_and_field(raw):
    raw(wdi.MAIN_PATH, _main_rows().replace(",Value\n", ",Amount\n", 1))
    with pytest.raises(DataError) as info:
        build_table(table("wdi"), raw.root)
    assert info.value.field == "Value"
    assert info.value.path.endswith("wdi_central_asia_ru_cn_long.csv.gz")


def test_non_numeric_value_names_row(raw):
    text = _main_rows().replace("TJK,2022,10700000000", "TJK,2022,n/a")
    raw(wdi.MAIN_PATH, text)
    with pytest.raises(DataError) as info:
        build_table(table("wdi"), raw.root)
    line = text.splitlines().index(f"{wdi.GDP_USD},GDP (current US$),Tajikistan,TJK,2022,n/a") + 1
    assert (info.value.field, info.value.row) == ("Value", line)
    assert "wdi_central_asia_ru_cn_long" in str(info.value)


def test_unknown_country_code(raw):
    text = _main_rows(f"{wdi.GDP_USD},GDP (current US$),Nowhere,XXX,2022,1\n")
    raw(wdi.MAIN_PATH, text)
    with pytest.raises(DataError) as info:
        build_table(table("wdi"), raw.root)
    assert info.value.field == "Country Code"
    assert info.value.row == len(text.splitlines())
    assert "XXX" in str(info.value)


def test_unknown_ddf_economy(raw):
    raw(wdi.DDF_REMIT_PATH, DDF_REMIT + "xxx,2022,1.0\n")
    with pytest.raises(DataError, match="economy.*row 5"):
        build_table(table("wdi"), raw.root)


def test_truncated_gzip(raw):
    data = gzip.compress(_main_rows().encode(), mtime=0)
    raw(wdi.MAIN_PATH, data[: len(data) // 2], compress=False)
    with pytest.raises(DataError, match="wdi_central_asia_ru_cn_long.csv.gz.*decompress"):
        build_table(table("wdi"), raw.root)


def test_indicator_missing_from_metadata(raw):
    raw(wdi.META_PATH, _meta(skip=wdi.GDP_USD))
    with pytest.raises(DataError, match="NY.GDP.MKTP.CD") as info:
        build_table(table("wdi"), raw.root)
    assert info.value.path.endswith("wdi_indicator_metadata.csv.gz")


def test_bad_metadata_date(raw):
    raw(wdi.META_PATH, _meta({wdi.GDP_USD: "July 2026"}))
    with pytest.raises(DataError, match="File last updated"):
        build_table(table("wdi_indicators"), raw.root)


# --- real mirror -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(mirror_build):
    return {name: mirror_build[name] for name in ("wdi", "wdi_indicators")}


@pytest.mark.mirror
def test_real_tajikistan_remittances(built):
    w = built["wdi"]
    usd = w[(w["iso3"] == "TJK") & (w["indicator"] == wdi.REMIT_USD)].set_index("year")["value"]
    assert usd[2022] / 1e9 == pytest.approx(5.35, abs=0.005)
    assert usd[2023] / 1e9 == pytest.approx(4.63, abs=0.005)
    assert usd[2024] / 1e9 == pytest.approx(6.80, abs=0.005)


@pytest.mark.mirror
def test_real_remittance_share_vintages(built):
    w = built["wdi"]
    share = w[w["indicator"] == wdi.REMIT_GDP]
    ddf = share[share["vintage"].str.startswith("WDI release")].set_index(["iso3", "year"])["value"]
    assert [round(ddf["KGZ", y], 2) for y in (2022, 2023, 2024)] == [26.58, 18.77, 17.74]
    assert round(ddf["TJK", 2024], 2) == 47.89
    computed = share[share["vintage"].str.startswith("computed")]
    assert computed["vintage"].unique().tolist() == [
        "computed: BX.TRF.PWKR.CD.DT / NY.GDP.MKTP.CD × 100, WDI via datahub 2026-07-01"
    ]
    comp = computed.set_index(["iso3", "year"])["value"]
    assert comp["TJK", 2024] == pytest.approx(47.15, abs=0.005)
    assert set(w["indicator"]) == set(wdi.ALL_INDICATORS)
    assert "MS.MIL.XPND.CD" not in wdi.MAIN_INDICATORS
    assert set(w["iso3"]) == set(wdi.FOCUS)


@pytest.mark.mirror
def test_real_indicator_metadata(built):
    ind = built["wdi_indicators"].set_index("indicator")
    assert len(ind) == len(wdi.ALL_INDICATORS)
    assert ind.loc[wdi.REMIT_USD, "last_updated"] == "2026-07-01"
    assert ind.loc[wdi.REMIT_USD, "licence"] == "CC-BY-4.0"
    assert ind.loc[wdi.ARMS_IMPORTS, "source_commit"].startswith("0cf74c7")
