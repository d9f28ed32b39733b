"""cautils.analysis.arms on the committed processed SIPRI tables."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from cautils.analysis import arms
from cautils.data import load


def _direct_shares(iso3: str, start: int, end: int, release: int) -> pd.Series:
    d = load("sipri_deliveries")
    d = d[(d["release"] == release) & (d["recipient_iso3"] == iso3) & d["year"].between(start, end)]
    totals = d.groupby(d["supplier_iso3"].fillna("unknown"))["tiv"].sum()
    return totals / totals.sum()


def test_default_periods_cover_1992_to_release_end_without_gaps() -> None:
    for release, last in arms.RELEASE_LAST_YEAR.items():
        periods = arms.default_periods(release)
        assert periods[0][0] == 1992 and periods[-1][1] == last
        assert all(b[0] == a[1] + 1 for a, b in zip(periods, periods[1:], strict=False))
        assert all(end - start <= 4 for start, end in periods)
    assert arms.default_periods(2026)[-1] == (2022, 2025)


def test_tiv_by_supplier_period_columns_and_totals() -> None:
    frame = arms.tiv_by_supplier_period("KAZ")
    assert list(frame.columns) == ["period", "supplier_iso3", "supplier", "tiv"]
    assert set(frame["period"]) <= {arms.period_label(p) for p in arms.default_periods(2026)}
    d = load("sipri_deliveries")
    direct = d[(d["release"] == 2026) & (d["recipient_iso3"] == "KAZ") & d["year"].between(1992, 2025)]["tiv"].sum()
    assert frame["tiv"].sum() == pytest.approx(direct)
    # periods in time order
    labels = list(dict.fromkeys(frame["period"]))
    assert labels == sorted(labels)


def test_unknown_supplier_is_named_unknown() -> None:
    d = load("sipri_deliveries")
    unknown = d[d["supplier_iso3"].isna() & (d["release"] == 2026)]
    iso3 = unknown["recipient_iso3"].iloc[0]
    frame = arms.tiv_by_supplier_period(iso3)
    rows = frame[frame["supplier_iso3"].isna()]
    assert not rows.empty and set(rows["supplier"]) == {"unknown"}


def test_custom_periods_and_overlap_rejected() -> None:
    frame = arms.tiv_by_supplier_period("TKM", periods=[(2013, 2025)])
    assert set(frame["period"]) == {"2013-2025"}
    with pytest.raises(ValueError, match="overlap"):
        arms.tiv_by_supplier_period("TKM", periods=[(2010, 2015), (2015, 2020)])


def test_tkm_supplier_shares_2013_2025_match_direct_computation() -> None:
    direct = _direct_shares("TKM", 2013, 2025, 2026)
    top = arms.top_suppliers("TKM", 2013, 2025, n=10)
    assert list(top.columns) == ["supplier", "tiv", "share"]
    assert top["supplier"].iloc[0] == "Türkiye"
    shares = arms.supplier_shares("TKM", 2013, 2025).set_index("supplier_iso3")["share"]
    pd.testing.assert_series_equal(shares.sort_index(), direct.sort_index(), check_names=False)
    assert arms.supplier_share("TKM", "CHN", 2013, 2025) == pytest.approx(direct["CHN"])
    # the ledger's B36 number: just under 20%, and above Russia
    assert 0.19 < direct["CHN"] < 0.20 and direct["CHN"] > direct["RUS"]


def test_top_suppliers_n_and_share_of_all() -> None:
    top = arms.top_suppliers("UZB", 2020, 2024, n=2)
    assert len(top) == 2
    assert top["share"].iloc[0] >= top["share"].iloc[1]
    assert top["share"].sum() <= 1


def test_region_shares_by_period() -> None:
    region = arms.region_shares_by_period(2026)
    assert set(region["supplier_iso3"]) == {"RUS", "CHN"}
    assert region["share"].between(0, 1).all()
    rus = region[region["supplier_iso3"] == "RUS"].set_index("period")["share"]
    assert rus["1992-1996"] == pytest.approx(1.0)


def test_release_comparison_uses_one_release_each() -> None:
    cmp = arms.release_comparison("TKM", "CHN", start=2013)
    assert list(cmp["release"]) == [2024, 2025, 2026]
    assert list(cmp["window_full"]) == ["2013-2023", "2013-2024", "2013-2025"]
    for _, row in cmp.iterrows():
        direct = _direct_shares("TKM", 2013, 2023, int(row["release"]))
        assert row["share"] == pytest.approx(direct["CHN"])
    matrix = arms.release_matrix()
    assert (matrix["range_pp"] >= 0).all() and len(matrix) == 10


def test_unknown_release_rejected() -> None:
    with pytest.raises(ValueError, match="release"):
        arms.deliveries(2023)


def test_milex_keeps_gaps() -> None:
    tkm = arms.milex("milex_share_of_gdp", ("TKM",))
    have = tkm.dropna(subset=["value"])["year"]
    assert have.min() == 1994 and have.max() == 1999
    assert tkm["value"].isna().any()
    cover = arms.milex_coverage("milex_share_of_gdp").set_index("country")
    assert cover.loc["Turkmenistan", "years with data"] + cover.loc["Turkmenistan", "years missing"] == 33


def test_charts_return_figures_with_source_note() -> None:
    for fig in (arms.supplier_chart("TKM"), arms.region_share_chart(), arms.milex_chart()):
        texts = [t.get_text() for t in fig.texts]
        assert any(t.startswith("Source: SIPRI") for t in texts)
        plt.close(fig)
    fig = arms.supplier_chart("KGZ", release=2025)
    assert any("2025 release" in t.get_text() for t in fig.texts)
    plt.close(fig)


def test_release_methods_and_milex_metadata() -> None:
    assert arms.release_methods() == {2024: "exact_annual", 2025: "exact_annual", 2026: "equal_split"}
    assert arms.milex_release() == 2025
    assert arms.milex_years("TKM") == list(range(1994, 2000))
    uzb = arms.milex_years("UZB")
    assert uzb[0] == 1994 and uzb[-1] == 2018 and 1998 not in uzb  # 1998 is a gap in SIPRI's series
    assert arms.milex_years("TJK", near_zero=True) == [1992, 1993, 1994]
    assert arms.milex_years("KAZ", near_zero=True) == []


def test_claim_check_reads_the_windows_the_arms_chapter_quotes() -> None:
    from cautils import report

    b36 = report.claim_check("B36")
    assert b36.params["window"][0] == 2013 and b36.params["threshold"] == pytest.approx(0.2)
    assert [a.params["window"][0] for a in b36.robustness if a.label.startswith("from ")] == [2014]
    a22 = report.claim_check("A22").params
    assert (a22["before"], a22["after"]) == ([2005, 2011], [2015, 2021])
    with pytest.raises(KeyError):
        report.claim_check("Z99")
