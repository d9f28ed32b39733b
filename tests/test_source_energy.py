"""Energy Institute gas reader: generated fixtures (parsing, filters, bad input) and real data."""

from __future__ import annotations

import gzip

import pandas as pd
import pytest

from cautils.errors import DataError
from cautils.pipeline import build_table
from cautils.sources import energy, table

TABLES = ("gas_pipeline_trade", "gas_interregional_trade", "gas_production_consumption")

PIPE_HEADER = "edition,sheet,table_title,data_year,importer_to,exporter_from,value_as_in_source,bcm\n"


def _pipe(edition: int, importer: str, exporter: str, text: str, bcm: str) -> str:
    return (
        f"EI Statistical Review of World Energy {edition},Gas trade - pipeline,"
        f"Natural Gas: Trade movements {edition - 1} by pipeline,{edition - 1},"
        f"{importer},{exporter},{text},{bcm}\n"
    )


PIPE_ROWS = [
    _pipe(2023, "Other CIS", "Russian Federation", "4.8", "4.8"),
    _pipe(2023, "Other CIS", "Uzbekistan", "†", ""),
    _pipe(2023, "China", "Turkmenistan", "32.9", "32.9"),
    _pipe(2023, "China", "Total imports", "62.1", "62.1"),
    _pipe(2023, "Total exports", "Turkmenistan", "41.2", "41.2"),
    _pipe(2023, "Total exports", "Total imports", "718.4", "718.4"),
    _pipe(2023, "Total exports", "Norway", "118.9", "118.9"),  # not kept
    _pipe(2023, "Europe", "Norway", "113.1", "113.1"),  # not kept
    _pipe(2024, "Kazakhstan", "Russian Federation", "0.18208543412733588", "0.18208543412733588"),
    _pipe(2024, "Belarus", "Russian Federation", "-", "0"),
]
PIPE = PIPE_HEADER + "".join(PIPE_ROWS)

INTER = (
    "edition,sheet,region,flow,row_label_as_in_source,year,bcm\n"
    "EI Statistical Review of World Energy 2025,Gas - Trade movements,Other CIS,"
    "Pipeline exports | of which: China,  of which: China,2024,40.5\n"
    "EI Statistical Review of World Energy 2025,Gas - Trade movements,China,"
    "Pipeline imports,Pipeline imports,2024,76.6\n"
)

PRODCONS = (
    "edition,sheet,country_or_region,year,value_bcm_as_in_source\n"
    "EI Statistical Review of World Energy 2025,Gas Production - Bcm,Turkmenistan,2024,80.9\n"
    "EI Statistical Review of World Energy 2025,Gas Consumption - Bcm,Turkmenistan,2024,34.2\n"
    "EI Statistical Review of World Energy 2025,Gas Production - Bcm,Other CIS,2024,1.2\n"
    "EI Statistical Review of World Energy 2025,Gas Production - Bcm,Total World,2024,4122.5\n"
    "EI Statistical Review of World Energy 2025,Gas Production - Bcm,Norway,2024,124.4\n"
    "EI Statistical Review of World Energy 2025,Gas Production - Bcm,USSR,1984,587.0\n"
)


@pytest.fixture()
def raw(write_raw):
    write_raw(energy.PIPELINE_PATH, PIPE)
    write_raw(energy.INTERREGIONAL_PATH, INTER)
    write_raw(energy.PRODCONS_PATH, PRODCONS)
    return write_raw


def test_pipeline_parsing_and_filter(raw):
    frame = build_table(table("gas_pipeline_trade"), raw.root).frame
    assert len(frame) == 8
    assert "Norway" not in set(frame["exporter"])
    row = frame[(frame["exporter"] == "Russian Federation") & (frame["importer"] == "Other CIS")]
    assert row.iloc[0][["edition", "year", "bcm"]].tolist() == [2023, 2022, 4.8]
    assert row.iloc[0]["exporter_iso3"] == "RUS" and pd.isna(row.iloc[0]["importer_iso3"])
    dagger = frame[frame["value_as_in_source"] == "†"].iloc[0]
    assert pd.isna(dagger["bcm"]) and dagger["exporter_iso3"] == "UZB"
    nil = frame[frame["importer"] == "Belarus"].iloc[0]
    assert nil["bcm"] == 0.0 and nil["value_as_in_source"] == "-" and nil["importer_iso3"] == "BLR"
    grand = frame[(frame["exporter"] == "Total imports") & (frame["importer"] == "Total exports")]
    assert grand["bcm"].tolist() == [718.4]
    assert frame["edition"].is_monotonic_increasing


def test_interregional_and_production(raw):
    inter = build_table(table("gas_interregional_trade"), raw.root).frame
    assert inter["row_label"].tolist() == ["Pipeline imports", "of which: China"]
    assert inter["edition"].unique().tolist() == [2025]
    prod = build_table(table("gas_production_consumption"), raw.root).frame
    assert sorted(prod["country"].unique()) == ["Other CIS", "Total World", "Turkmenistan", "USSR"]
    tkm = prod[prod["country"] == "Turkmenistan"].set_index("measure")
    assert tkm.loc["production", "bcm"] == 80.9 and tkm.loc["consumption", "iso3"] == "TKM"
    assert prod.loc[prod["country"] == "Total World", "iso3"].isna().all()
    assert prod.loc[prod["country"] == "USSR", "iso3"].tolist() == ["SUN"]


def test_missing_column(raw):
    raw(energy.PIPELINE_PATH, PIPE.replace(",bcm\n", ",value\n", 1))
    with pytest.raises(DataError) as info:
        build_table(table("gas_pipeline_trade"), raw.root)
    assert info.value.field == "bcm"
    assert info.value.path.endswith("ei_gas_pipeline_trade_bilateral_2022_2024.csv.gz")


def test_non_numeric_names_row(raw):
    raw(energy.PRODCONS_PATH, PRODCONS.replace("Other CIS,2024,1.2", "Other CIS,2024,n.a."))
    with pytest.raises(DataError) as info:
        build_table(table("gas_production_consumption"), raw.root)
    assert (info.value.field, info.value.row) == ("value_bcm_as_in_source", 4)


def test_bcm_must_agree_with_cell_text(raw):
    raw(energy.PIPELINE_PATH, PIPE.replace("32.9,32.9", "32.9,23.9"))
    with pytest.raises(DataError) as info:
        build_table(table("gas_pipeline_trade"), raw.root)
    assert (info.value.field, info.value.row) == ("bcm", 4)


def test_unknown_country_label(raw):
    raw(energy.PIPELINE_PATH, PIPE + _pipe(2024, "China", "Atlantis", "1", "1"))
    with pytest.raises(DataError, match="Atlantis") as info:
        build_table(table("gas_pipeline_trade"), raw.root)
    assert (info.value.field, info.value.row) == ("exporter_from", len(PIPE_ROWS) + 2)


def test_bad_edition(raw):
    raw(energy.INTERREGIONAL_PATH, INTER.replace("World Energy 2025", "World Energy", 1))
    with pytest.raises(DataError, match="edition"):
        build_table(table("gas_interregional_trade"), raw.root)


def test_truncated_gzip(raw):
    data = gzip.compress(PRODCONS.encode(), mtime=0)
    raw(energy.PRODCONS_PATH, data[:-12], compress=False)
    with pytest.raises(DataError, match="ei2025_gas_production_consumption_bcm.csv.gz"):
        build_table(table("gas_production_consumption"), raw.root)


# --- real mirror -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(mirror_build):
    return {name: mirror_build[name] for name in TABLES}


@pytest.mark.mirror
def test_real_russia_pipeline_flows(built):
    p = built["gas_pipeline_trade"]
    rus = p[p["exporter"] == "Russian Federation"].set_index(["importer", "year"])["bcm"]
    assert [round(rus["Other CIS", y], 3) for y in (2022, 2023, 2024)] == [4.8, 7.342, 13.725]
    assert [round(rus["Kazakhstan", y], 3) for y in (2022, 2023, 2024)] == [2.0, 0.182, 0.382]
    assert [round(rus["Belarus", y], 3) for y in (2022, 2023, 2024)] == [18.5, 16.787, 15.9]
    assert set(p["edition"]) == {2023, 2024, 2025}
    dagger = p[p["value_as_in_source"] == "†"]
    assert len(dagger) > 0 and dagger["bcm"].isna().all()
    assert p["bcm"].notna().sum() == len(p) - len(dagger)


@pytest.mark.mirror
def test_real_interregional_and_production(built):
    inter = built["gas_interregional_trade"]
    assert len(inter) == 2250  # all rows kept (the file is < 1 MB)
    assert {"Other CIS", "Russian Federation", "China", "World"} <= set(inter["region"])
    prod = built["gas_production_consumption"]
    assert set(prod["country"]) == set(energy.PRODCONS_LABELS)
    tkm = prod[(prod["iso3"] == "TKM") & (prod["measure"] == "production")]
    assert tkm["year"].max() == 2024
    # before 1985 EI shows the Soviet republics as 0 (their output sits in the USSR row)
    assert (tkm.loc[tkm["year"] >= 1985, "bcm"] > 0).all()
