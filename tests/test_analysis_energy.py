"""Energy analysis: real processed EI tables and curated events, and one synthetic frame."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from cautils.analysis import energy as e


def test_turkmenistan_ahead_of_russia_every_year():
    china = e.gas_exports_to_china()
    assert list(china.columns) == e.EXPORT_COLUMNS
    wide = china.pivot_table(index="year", columns="exporter_iso3", values="bcm")
    assert list(wide.index) == [2022, 2023, 2024]
    assert (wide["TKM"] > wide["RUS"]).all()
    assert wide.loc[2024, "TKM"] == pytest.approx(32.83, abs=0.01)
    assert wide.loc[2022, "RUS"] == pytest.approx(14.7)
    assert {"KAZ", "UZB"} <= set(wide.columns)
    assert china["exporter_iso3"].notna().all()  # no aggregates


def test_russia_to_cis_matches_provenance():
    cis = e.russia_to_cis().set_index(["year", "importer"])["bcm"]
    assert cis[(2022, "Other CIS")] == pytest.approx(4.8)
    assert cis[(2024, "Other CIS")] == pytest.approx(13.725, abs=0.001)
    assert cis[(2023, "Kazakhstan")] == pytest.approx(0.182, abs=0.001)


def test_country_gas_drops_soviet_zeros_and_empty_for_kgz():
    tkm = e.country_gas("TKM")
    assert tkm["year"].min() == e.FIRST_POST_SOVIET_YEAR
    assert set(tkm["measure"]) == {"production", "consumption"}
    kgz = e.country_gas("KGZ")
    assert kgz.empty and list(kgz.columns) == e.GAS_COLUMNS
    fig = e.gas_chart("KGZ")
    assert "not shown separately" in fig.axes[0].get_title()
    plt.close(fig)
    fig = e.gas_chart("TKM")
    assert len(fig.axes[0].patches) == 3  # exports to China 2022-2024
    plt.close(fig)


def test_uzbekistan_events_planned_vs_delivered():
    uz = e.uzbekistan_russian_gas().set_index("event_id")
    assert uz.loc["uzb_ru_gas_2024_planned", "value"] == pytest.approx(3.8)
    assert uz.loc["uzb_ru_gas_2024_actual", "value"] == pytest.approx(5.64)
    assert uz["source_url"].str.startswith("http").all()


def test_central_asia_longrun_equals_sum_of_exporters_2024():
    longrun = e.china_longrun().set_index(["year", "origin"])["bcm"]
    china = e.gas_exports_to_china()
    ca = china[(china["year"] == 2024) & china["exporter_iso3"].isin(["TKM", "KAZ", "UZB"])]["bcm"].sum()
    assert longrun[(2024, "Central Asia")] == pytest.approx(ca, abs=0.01)


def test_latest_edition_wins_synthetic():
    trade = pd.DataFrame(
        {
            "edition": [2024, 2025, 2025, 2025, 2025],
            "year": [2023, 2023, 2023, 2023, 2023],
            "exporter": ["Turkmenistan", "Turkmenistan", "Total imports", "Norway", "Russian Federation"],
            "exporter_iso3": ["TKM", "TKM", None, "NOR", "RUS"],
            "importer": ["China"] * 5,
            "importer_iso3": ["CHN"] * 5,
            "bcm": [30.0, 31.0, 60.0, 0.0, 20.0],
        }
    )
    out = e.gas_exports_to_china(trade)
    assert list(out["exporter_iso3"]) == ["TKM", "RUS"]  # aggregates and all-zero exporters dropped
    assert out.loc[out["exporter_iso3"] == "TKM", "bcm"].iloc[0] == 31.0
    assert (out["edition"] == 2025).all()


def test_coverage_editions_and_first_russian_flow():
    assert e.trade_coverage() == {"first_edition": 2023, "last_edition": 2025, "first_year": 2022, "last_year": 2024}
    assert e.edition_of_year() == {2022: 2023, 2023: 2024, 2024: 2025}
    year, bcm = e.first_flow("Russia")
    assert year == 2019 and 0 < bcm < 1  # Power of Siberia opened in December 2019
    assert e.first_flow("Central Asia")[0] < year
    assert e.interregional_edition() == 2025
    with pytest.raises(ValueError):
        e.first_flow("Atlantis")
