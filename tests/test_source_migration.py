"""Migration reader (UN DESA stock, KNOMAD matrix): generated fixtures and real data."""

from __future__ import annotations

import gzip

import pandas as pd
import pytest

from cautils.errors import DataError
from cautils.pipeline import build_table
from cautils.sources import migration, table

TABLES = ("migrant_stock_russia", "remittance_matrix_2021")

UNDESA = (
    "year,orig,dest,dest_name,dest_iso3n,orig_name,orig_iso3n,stock,stock_male,stock_female\n"
    "2024,TJK,RUS,Russian Federation,643,Tajikistan,762,415676,246354,169322\n"
    "1990,TJK,RUS,Russian Federation,643,Tajikistan,762,424727,208419,216308\n"
    "2024,KGZ,RUS,Russian Federation,643,Kyrgyzstan,417,333664,162947,170717\n"
)

TITLE = '"Bilateral Remittance Estimates for 2021 (millions of US$) (December 2022 Version)"'
KNOMAD = (
    "table_title,sending_country,receiving_country,usd_million_2021\n"
    f"{TITLE},Russian Federation,Uzbekistan,9197.526464525383\n"
    f"{TITLE},Russian Federation,Tajikistan,2306.758117\n"
    f"{TITLE},Afghanistan,Tajikistan,15.575814029683867\n"
    f"{TITLE},Russian Federation,Kyrgyz Republic,2017.523691\n"
    f"{TITLE},WORLD,Tajikistan,2921.713106977\n"
    f"{TITLE},Russian Federation,WORLD,29991.68089672489\n"
    f"{TITLE},Russian Federation,Armenia,\n"
)


@pytest.fixture()
def raw(write_raw):
    write_raw(migration.UNDESA_PATH, UNDESA)
    write_raw(migration.KNOMAD_PATH, KNOMAD)
    return write_raw


def test_stock_parsing_and_sort(raw):
    frame = build_table(table("migrant_stock_russia"), raw.root).frame
    assert frame[["origin_iso3", "year"]].values.tolist() == [["KGZ", 2024], ["TJK", 1990], ["TJK", 2024]]
    assert (frame["destination_iso3"] == "RUS").all()
    assert frame["stock"].dtype == "int64"
    assert frame.iloc[2][["stock", "stock_male", "stock_female"]].tolist() == [415676, 246354, 169322]


def test_stock_sum_mismatch_names_row(raw):
    raw(migration.UNDESA_PATH, UNDESA.replace("424727,208419", "424728,208419"))
    with pytest.raises(DataError, match=r"424728.*208419.*216308.*TJK, 1990") as info:
        build_table(table("migrant_stock_russia"), raw.root)
    assert (info.value.field, info.value.row) == ("stock", 3)
    assert info.value.path.endswith("undesa_ims2024_stock_in_russia_from_central_asia_china.csv.gz")


def test_stock_non_integer_and_unknown_code(raw):
    raw(migration.UNDESA_PATH, UNDESA.replace("333664,", "333664.5,"))
    with pytest.raises(DataError) as info:
        build_table(table("migrant_stock_russia"), raw.root)
    assert (info.value.field, info.value.row) == ("stock", 4)
    raw(migration.UNDESA_PATH, UNDESA.replace("2024,KGZ", "2024,XXX"))
    with pytest.raises(DataError, match="XXX") as info:
        build_table(table("migrant_stock_russia"), raw.root)
    assert (info.value.field, info.value.row) == ("orig", 4)


def test_matrix_parsing(raw):
    frame = build_table(table("remittance_matrix_2021"), raw.root).frame
    assert len(frame) == 6  # the blank Armenia cell is dropped
    by_pair = frame.set_index(["sender", "receiver"])
    assert by_pair.loc[("Russian Federation", "Kyrgyz Republic"), "receiver_iso3"] == "KGZ"
    world = by_pair.loc[("WORLD", "Tajikistan")]
    assert pd.isna(world["sender_iso3"]) and world["usd_million"] == pytest.approx(2921.713106977)
    assert pd.isna(by_pair.loc[("Russian Federation", "WORLD"), "receiver_iso3"])
    assert (frame["year"] == 2021).all()


def test_matrix_unknown_receiver(raw):
    raw(migration.KNOMAD_PATH, KNOMAD + f"{TITLE},Russian Federation,Narnia,1.0\n")
    with pytest.raises(DataError, match="Narnia") as info:
        build_table(table("remittance_matrix_2021"), raw.root)
    assert (info.value.field, info.value.row) == ("receiving_country", 9)
    assert info.value.path.endswith("knomad_brm2021_extract_russia_and_central_asia.csv.gz")


def test_matrix_missing_column_and_non_numeric(raw):
    raw(migration.KNOMAD_PATH, KNOMAD.replace("usd_million_2021", "usd", 1))
    with pytest.raises(DataError) as info:
        build_table(table("remittance_matrix_2021"), raw.root)
    assert info.value.field == "usd_million_2021"
    raw(migration.KNOMAD_PATH, KNOMAD.replace("2306.758117", "about 2300"))
    with pytest.raises(DataError) as info:
        build_table(table("remittance_matrix_2021"), raw.root)
    assert (info.value.field, info.value.row) == ("usd_million_2021", 3)


def test_truncated_gzip(raw):
    data = gzip.compress(UNDESA.encode(), mtime=0)
    raw(migration.UNDESA_PATH, data[: len(data) - 10], compress=False)
    with pytest.raises(DataError, match="undesa_ims2024.*decompress"):
        build_table(table("migrant_stock_russia"), raw.root)


# --- real mirror -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(mirror_build):
    return {name: mirror_build[name] for name in TABLES}


@pytest.mark.mirror
def test_real_undesa_shape(built):
    stock = built["migrant_stock_russia"]
    assert len(stock) == 48
    assert sorted(stock["origin_iso3"].unique()) == ["CHN", "KAZ", "KGZ", "TJK", "TKM", "UZB"]
    assert tuple(sorted(stock["year"].unique())) == migration.UNDESA_YEARS
    assert stock.groupby("origin_iso3").size().eq(8).all()


@pytest.mark.mirror
def test_real_knomad_figures(built):
    m = built["remittance_matrix_2021"].set_index(["sender", "receiver"])["usd_million"]
    assert round(m["Russian Federation", "Uzbekistan"], 1) == 9197.5
    assert round(m["Russian Federation", "Tajikistan"], 1) == 2306.8
    assert round(m["WORLD", "Tajikistan"], 1) == 2921.7
    assert round(m["Russian Federation", "Kyrgyz Republic"], 1) == 2017.5
    assert round(m["WORLD", "Kyrgyz Republic"], 1) == 2792.5
