"""Sanctions analysis on the committed trade tables, plus a synthetic index and mirror gap."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from cautils.analysis import sanctions

PARTNERS = ["RUS", "KAZ", "KGZ", "UZB", "ARM"]


def test_monthly_exports_shape():
    monthly = sanctions.eu_exports_monthly(PARTNERS)
    assert list(monthly.columns) == ["date", "iso3", "value_eur_m"]
    assert set(monthly["iso3"]) == set(PARTNERS)
    assert (monthly["date"].dt.day == 1).all()
    assert (monthly["value_eur_m"] > 0).all()


def test_index_is_100_in_base_year_and_diverges_after_sanctions():
    index = sanctions.eu_exports_index(PARTNERS, base_year=2021)
    year = index["date"].dt.year
    base = index[year == 2021].groupby("iso3")["index"].mean()
    assert np.allclose(base.to_numpy(), 100)
    by_year = index[year == 2023].groupby("iso3")["index"].mean()
    assert by_year["RUS"] < 100
    assert by_year["KGZ"] > 100
    assert by_year["KAZ"] > 100


def test_growth_matches_annual_totals():
    growth = sanctions.eu_exports_growth(["KAZ"], 2021, 2023).iloc[0]
    assert growth["change (%)"] == pytest.approx(120.7, abs=0.1)


def test_kyrgyz_mirror_gap_exceeds_two_in_most_dots_years():
    gap = sanctions.mirror_gap("KGZ", "CHN")
    assert list(gap.columns[:4]) == ["year", "own_imports", "partner_exports", "ratio"]
    dots = gap[gap["year"] <= 2020]["ratio"].dropna()
    assert len(dots) >= 20
    assert (dots > 2).mean() > 0.5
    assert gap.set_index("year")["ratio"].isna()[2021]  # no partner figure in 2021: a gap
    assert gap["year"].diff().dropna().eq(1).all()
    fig = sanctions.mirror_gap_chart(["KGZ", "KAZ"])
    plt.close(fig)


def _row(iso3, year, value, source, reported_by, flow="imports", partner="CHN", month=None):
    return {
        "iso3": iso3,
        "partner_iso3": partner,
        "year": year,
        "month": month,
        "flow": flow,
        "value": value,
        "source": source,
        "reported_by": reported_by,
    }


def test_synthetic_index_and_mirror_gap():
    months = [(y, m) for y in (2021, 2022) for m in range(1, 13)]
    eurostat = pd.DataFrame(
        [_row("AAA", y, 10e6 if y == 2021 else 30e6, "eurostat", "EU27", partner="EU27", month=m) for y, m in months]
    ).astype({"month": "Int64"})
    index = sanctions.eu_exports_index(["AAA"], 2021, trade=eurostat)
    assert np.allclose(index[index["date"].dt.year == 2022]["index"], 300)

    trade = pd.DataFrame(
        [
            _row("KGZ", 2019, 100e6, "imf_dots", "KGZ"),
            _row("KGZ", 2019, 400e6, "imf_dots", "CHN"),
            _row("KGZ", 2020, 100e6, "imf_dots", "KGZ"),
            _row("KGZ", 2022, 200e6, "kgz_nsc", "KGZ"),
            _row("KGZ", 2022, 600e6, "baci", "CEPII"),
        ]
    ).astype({"month": "Int64"})
    gap = sanctions.mirror_gap("KGZ", "CHN", trade=trade).set_index("year")
    assert list(gap.index) == [2019, 2020, 2021, 2022]
    assert gap.loc[2019, "ratio"] == pytest.approx(4.0)
    assert np.isnan(gap.loc[2020, "ratio"]) and np.isnan(gap.loc[2021, "own_imports"])
    assert gap.loc[2022, "ratio"] == pytest.approx(3.0)
    assert gap.loc[2022, "own_source"] == "NSC Kyrgyzstan"


def test_turning_month_is_march_2022():
    turn = sanctions.turning_month("RUS", 2021, PARTNERS)
    assert turn == pd.Timestamp("2022-03-01")
    index = sanctions.eu_exports_index(PARTNERS, 2021)
    rus = index[index["iso3"] == "RUS"].set_index("date")["index"]
    assert rus[turn] < rus[rus.index.year == 2021].min()
    assert (rus[(rus.index > "2021-12-31") & (rus.index < turn)] >= rus[rus.index.year == 2021].min()).all()


def test_source_periods_gap_since_and_estimates():
    for iso3 in ("KGZ", "KAZ", "UZB"):
        assert sanctions.source_periods(iso3, "CHN") == {
            "last_dots": 2020,
            "late_first": 2022,
            "late_last": 2023,
            "gaps": [2021],
        }
    assert sanctions.gap_since("KGZ", "CHN") == 1993  # 1992 is the only year China's figure is smaller
    assert sanctions.estimate_years("UZB", "CHN") == list(range(1992, 2000))
    assert sanctions.estimate_years("KGZ", "CHN") == []
