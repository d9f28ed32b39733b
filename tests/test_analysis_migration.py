"""Migration analysis: real processed tables (WDI, UN DESA, KNOMAD) and one synthetic frame."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from cautils.analysis import migration as m


def test_tjk_2024_both_vintages():
    frame = m.remittances("TJK")
    assert list(frame.columns) == m.REMITTANCE_COLUMNS
    at = frame[frame["year"] == 2024].set_index("vintage")
    assert at.loc[m.OFFICIAL, "pct_gdp"] == pytest.approx(47.89, abs=0.005)
    assert at.loc[m.NEWEST, "pct_gdp"] == pytest.approx(47.15, abs=0.005)
    assert at.loc[m.NEWEST, "usd_bn"] == pytest.approx(6.80, abs=0.005)
    assert pd.isna(at.loc[m.OFFICIAL, "usd_bn"])  # US$ only from the newest vintage


def test_tajikistan_and_kyrgyzstan_highest_in_2024():
    latest = m.remittances_ca5()
    at = latest[(latest["year"] == 2024) & (latest["vintage"] == m.NEWEST)].set_index("iso3")["pct_gdp"]
    assert list(at.sort_values(ascending=False).index[:2]) == ["TJK", "KGZ"]


def test_turkmenistan_only_1996_and_absent_country_empty():
    tkm = m.remittances("TKM")
    assert set(tkm["year"]) == {1996}
    empty = m.remittances("AFG")
    assert empty.empty and list(empty.columns) == m.REMITTANCE_COLUMNS
    assert m.stock_in_russia("AFG").empty
    assert list(m.stock_in_russia("AFG").columns) == m.STOCK_COLUMNS
    sources = m.remittance_sources("AFG")  # only Russia's outflow is in the extract: no share
    assert sources.empty and list(sources.columns) == m.SOURCE_COLUMNS


def test_remittance_chart_titles():
    fig = m.remittance_chart("AFG")
    assert "no remittance data" in fig.axes[0].get_title()
    plt.close(fig)
    fig = m.remittance_chart("TKM")
    assert "only for 1996" in fig.axes[0].get_title()
    plt.close(fig)
    fig = m.remittance_chart("KGZ")
    assert len(fig.axes[0].lines) == 2
    plt.close(fig)


def test_vintage_differences_match_provenance():
    diffs = m.vintage_differences()
    assert set(diffs["iso3"]) == {"KGZ", "TJK", "UZB"}
    assert set(diffs.loc[diffs["iso3"] == "KGZ", "year"]) == {2022, 2023, 2024}
    tjk = diffs[diffs["iso3"] == "TJK"]
    assert list(tjk["year"]) == [2024]
    assert tjk["difference"].iloc[0] == pytest.approx(47.153 - 47.885, abs=0.01)
    assert (diffs.loc[diffs["iso3"] == "UZB", "difference"] < 0).all()


def test_stock_and_knomad():
    tjk = m.stock_in_russia("TJK")
    assert list(tjk["year"]) == [1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024]
    assert (tjk["stock"] == tjk["stock_male"] + tjk["stock_female"]).all()
    sources = m.remittance_sources("TJK", n=3)
    assert len(sources) == 3 and sources["sender"].iloc[0] == "Russia"
    assert sources["share"].iloc[0] == pytest.approx(0.79, abs=0.005)
    shares = m.russia_shares().set_index("iso3")["russia_share"]
    assert shares["UZB"] == pytest.approx(1.0)  # the matrix's artefact, stated in the chapter
    assert shares["KGZ"] == pytest.approx(0.72, abs=0.01)


def test_remittances_synthetic_frame_keeps_gaps_and_labels_vintages():
    wdi = pd.DataFrame(
        {
            "iso3": ["XXX"] * 5,
            "indicator": [m.REMIT_USD, m.REMIT_USD, m.REMIT_GDP, m.REMIT_GDP, m.REMIT_GDP],
            "year": [2020, 2022, 2020, 2022, 2021],
            "value": [2e9, 3e9, 10.0, 12.0, 11.5],
            "vintage": ["WDI via datahub, refreshed 2026-07-01"] * 2
            + ["computed: BX.TRF.PWKR.CD.DT / NY.GDP.MKTP.CD × 100, WDI via datahub 2026-07-01"] * 2
            + ["WDI release c. 2025 via open-numbers DDF (commit 0f0d096)"],
        }
    )
    frame = m.remittances("XXX", wdi=wdi)
    newest = frame[frame["vintage"] == m.NEWEST]
    assert list(newest["year"]) == [2020, 2022]  # 2021 is a gap, not filled
    assert list(newest["usd_bn"]) == [2.0, 3.0]
    official = frame[frame["vintage"] == m.OFFICIAL]
    assert list(official["year"]) == [2021] and official["pct_gdp"].iloc[0] == 11.5


def test_vintage_dates_knomad_year_and_largest_rise():
    assert m.vintage_dates() == {"newest": "2026-07-01", "official": "2025"}
    assert m.knomad_year() == 2021
    assert m.largest_rise_year("TJK") == 2022
    assert m.largest_rise_year("UZB") == 2022
    assert m.largest_rise_year("KGZ") != 2022  # the prose names the jump for Tajikistan and Uzbekistan only
    with pytest.raises(ValueError):
        m.largest_rise_year("TKM")  # a single value: no rise to measure
