"""Trade views on the committed processed data."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from cautils.analysis import trade


def test_turnover_keeps_own_and_mirror_apart():
    data = trade.turnover("KAZ")
    kinds = set(data[(data["partner_iso3"] == "CHN") & (data["year"] == 2019)]["series"])
    assert "own report (IMF DOTS)" in kinds and "China's report (IMF DOTS)" in kinds
    own = data[(data["series"] == "own report (IMF DOTS)") & (data["partner_iso3"] == "CHN") & (data["year"] == 2019)]
    mirror = data[
        (data["series"] == "China's report (IMF DOTS)") & (data["partner_iso3"] == "CHN") & (data["year"] == 2019)
    ]
    assert own["value_bn"].iloc[0] == pytest.approx(14.39, abs=0.01)
    assert mirror["value_bn"].iloc[0] == pytest.approx(22.07, abs=0.01)


def test_turnover_needs_both_flows():
    data = trade.turnover("UZB")
    # Uzbek statistics 2023 with China: 2.49 exports + 11.34 imports
    row = data[(data["source"] == "uzb_stat") & (data["partner_iso3"] == "CHN") & (data["year"] == 2023)]
    assert row["value_bn"].iloc[0] == pytest.approx(13.83, abs=0.01)
    # a single-flow news row (Tajik exports to China 2023) never becomes a turnover
    tjk = trade.turnover("TJK")
    assert not (
        (tjk["source"] == "news") & (tjk["year"] == 2023) & (tjk["reported_by"] == "CHN") & (tjk["value_bn"] < 1)
    ).any()


def test_gaps_stay_gaps_in_chart():
    fig = trade.partner_chart("TJK")
    lines = [line for ax in fig.axes for line in ax.get_lines()]
    ydata = [y for line in lines for y in line.get_ydata()]
    assert any(y != y for y in ydata), "missing years must be NaN (gaps), not interpolated"
    plt.close(fig)


def test_top_partners_and_latest():
    assert trade.latest_source_year("KAZ") == ("kaz_bns", 2023)
    assert trade.latest_source_year("TKM")[0] == "baci"
    top = trade.top_partners("KAZ", 2023, "kaz_bns", n=3)
    assert list(top["partner"]) == ["China", "Russia", "Italy"]
    assert 0 < top["share"].sum() < 1


def test_region_shares_and_mirror_ratio():
    shares = trade.region_shares()
    assert set(shares["year"]) == set(range(2018, 2024))
    china_2023 = shares[(shares["year"] == 2023) & (shares["partner_iso3"] == "CHN")]["share"].iloc[0]
    assert 0.15 < china_2023 < 0.35
    ratio = trade.mirror_ratio("KGZ", "CHN")
    assert (ratio["ratio"] > 2).mean() > 0.5
