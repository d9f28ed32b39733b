"""Sanctions and re-exports: EU exports to Russia and its neighbours, and reporter-vs-mirror gaps.

All-goods totals only: the processed trade tables carry no product detail, so nothing here
can identify weapons, military parts or dual-use goods, nor where goods go after they
arrive. What the totals can show is timing and scale: EU exports to Russia fell after the
sanctions of February 2022 while exports to its neighbours rose; and China records exporting
far more to Kyrgyzstan than Kyrgyzstan records importing.
"""

from __future__ import annotations

from typing import TypedDict

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import FixedLocator, MaxNLocator, NullLocator

from cautils.countries import short_name
from cautils.data import load, load_group
from cautils.plots import partner_colour, source_note

EU_PARTNERS: tuple[str, ...] = ("RUS", "KAZ", "KGZ", "UZB", "ARM")
SANCTIONS_START = pd.Timestamp("2022-02-24")
INDEX_BASE = 100  # an indexed series averages this over its base year
SERIES_COLOURS = {
    "RUS": partner_colour("RUS"),
    "KAZ": partner_colour("KAZ"),
    "KGZ": "#d1495b",
    "UZB": "#edae49",
    "ARM": "#00798c",
    "TJK": "#66a182",
    "TKM": "#6c757d",
}
NATIONAL_SOURCES = {"KGZ": "kgz_nsc", "KAZ": "kaz_bns", "UZB": "uzb_stat"}
SOURCE_LABELS = {
    "imf_dots": "IMF DOTS",
    "kgz_nsc": "NSC Kyrgyzstan",
    "kaz_bns": "BNS Kazakhstan",
    "uzb_stat": "Statistics Agency Uzbekistan",
    "baci": "CEPII BACI (reconciled)",
}
EUROSTAT_NOTE = "Eurostat, EU-27 trade by partner (all goods, EUR)"


# -- EU exports ------------------------------------------------------------------------------


def _eu_exports(trade: pd.DataFrame | None = None) -> pd.DataFrame:
    """EU-27 exports to each destination: the destination's imports from EU27 as Eurostat reports."""
    trade = load("trade_eurostat") if trade is None else trade
    return trade[(trade["partner_iso3"] == "EU27") & (trade["flow"] == "imports")]


def eu_exports_monthly(partners: list[str], trade: pd.DataFrame | None = None) -> pd.DataFrame:
    """Monthly EU-27 exports to each partner: date (first of month), iso3, value_eur_m."""
    rows = _eu_exports(trade)
    rows = rows[rows["month"].notna() & rows["iso3"].isin(list(partners))]
    out = pd.DataFrame(
        {
            "date": pd.to_datetime({"year": rows["year"], "month": rows["month"].astype(int), "day": 1}),
            "iso3": rows["iso3"].astype(str),
            "value_eur_m": rows["value"].astype(float) / 1e6,
        }
    )
    return out.sort_values(["iso3", "date"]).reset_index(drop=True)


def eu_exports_index(partners: list[str], base_year: int = 2021, trade: pd.DataFrame | None = None) -> pd.DataFrame:
    """Monthly EU exports indexed to 100 at each partner's average month of `base_year`.

    Columns: date, iso3, value_eur_m, index. The mean of a partner's index over the base
    year is 100 by construction; a partner without base-year data gets NaN.
    """
    monthly = eu_exports_monthly(partners, trade)
    base = monthly[monthly["date"].dt.year == base_year].groupby("iso3")["value_eur_m"].mean()
    monthly["index"] = INDEX_BASE * monthly["value_eur_m"] / monthly["iso3"].map(base)
    return monthly


def index_by_year(partners: list[str], base_year: int = 2021) -> pd.DataFrame:
    """Average monthly index per partner (rows) and calendar year (columns)."""
    frame = eu_exports_index(partners, base_year)
    table = frame.pivot_table(index="iso3", columns=frame["date"].dt.year, values="index", aggfunc="mean")
    table.columns.name = "year"
    return table.reindex(list(partners))


def eu_exports_chart(partners: list[str], base_year: int = 2021, smooth: int = 3) -> plt.Figure:
    """Indexed EU exports per partner (log scale): monthly values, with a `smooth`-month mean line."""
    frame = eu_exports_index(partners, base_year)
    fig, ax = plt.subplots(figsize=(8.5, 4.6))
    for iso3 in partners:
        part = frame[frame["iso3"] == iso3].set_index("date")["index"]
        colour = SERIES_COLOURS.get(iso3, partner_colour(iso3))
        ax.plot(part.index, part.values, color=colour, linewidth=0.7, alpha=0.35)
        rolled = part.rolling(smooth, min_periods=smooth).mean() if smooth > 1 else part
        ax.plot(rolled.index, rolled.values, color=colour, linewidth=2, label=short_name(iso3))
    ax.set_yscale("log")
    ticks = [12.5, 25, 50, 100, 200, 400, 800, 1600]
    low, high = np.nanmin(frame["index"]), np.nanmax(frame["index"])
    ticks = [t for t in ticks if low / 1.5 <= t <= high * 1.5]
    ax.yaxis.set_major_locator(FixedLocator(ticks))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.set_yticklabels([f"{t:g}" for t in ticks])
    ax.axhline(INDEX_BASE, color="#555555", linewidth=0.8, linestyle=":")
    ax.axvline(SANCTIONS_START, color="#333333", linewidth=1, linestyle="--")
    ax.text(
        SANCTIONS_START,
        0.02,
        f" sanctions from {SANCTIONS_START.day} {SANCTIONS_START:%b %Y}",
        va="bottom",
        fontsize=8,
        color="#333333",
        transform=ax.get_xaxis_transform(),
    )
    ax.set_ylabel(f"index, {base_year} monthly average = {INDEX_BASE} (log scale)")
    ax.set_title("EU exports to Russia and its neighbours")
    ax.legend(fontsize=8, loc="upper left", ncols=2)
    source_note(fig, f"{EUROSTAT_NOTE}; thin lines monthly, thick lines {smooth}-month means")
    fig.tight_layout()
    return fig


def turning_month(iso3: str = "RUS", base_year: int = 2021, partners: list[str] | None = None) -> pd.Timestamp:
    """The first month after `base_year` in which the indexed EU exports to `iso3` fall below the
    lowest month of the base year (the month the series leaves its base-year range downwards)."""
    frame = eu_exports_index(list(partners or EU_PARTNERS), base_year)
    series = frame[frame["iso3"] == iso3].set_index("date")["index"]
    floor = series[series.index.year == base_year].min()
    below = series[(series.index.year > base_year) & (series < floor)]
    if below.empty:
        raise ValueError(f"EU exports to {iso3} never fall below their {base_year} range")
    return pd.Timestamp(below.index[0])


def eu_exports_growth(
    partners: list[str], from_year: int = 2021, to_year: int = 2023, trade: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Annual EU exports (EUR m, Eurostat annual rows) in two years, and the change in percent."""
    rows = _eu_exports(trade)
    rows = rows[rows["month"].isna() & rows["iso3"].isin(list(partners))]
    table = rows.pivot_table(index="iso3", columns="year", values="value", aggfunc="sum") / 1e6
    table = table.reindex(list(partners))
    out = pd.DataFrame(
        {
            "iso3": table.index,
            "country": [short_name(c) for c in table.index],
            f"{from_year} (EUR m)": table[from_year].values,
            f"{to_year} (EUR m)": table[to_year].values,
        }
    )
    out["change (%)"] = 100 * (out[f"{to_year} (EUR m)"] / out[f"{from_year} (EUR m)"] - 1)
    out["ratio"] = out[f"{to_year} (EUR m)"] / out[f"{from_year} (EUR m)"]
    return out.reset_index(drop=True)


# -- reporter vs mirror ----------------------------------------------------------------------


def _imports_series(trade: pd.DataFrame, iso3: str, partner: str, source: str, reported_by: str) -> pd.Series:
    rows = trade[
        (trade["iso3"] == iso3)
        & (trade["partner_iso3"] == partner)
        & (trade["flow"] == "imports")
        & (trade["source"] == source)
        & (trade["reported_by"] == reported_by)
        & trade["month"].isna()
    ]
    return rows.groupby("year")["value"].sum(min_count=1) / 1e6


def mirror_gap(iso3: str, partner: str, trade: pd.DataFrame | None = None) -> pd.DataFrame:
    """The country's reported imports from `partner` vs the partner's reported exports to it.

    Columns: year, own_imports, partner_exports (both US$ million), ratio
    (partner_exports / own_imports), own_source, partner_source.
    To 2020 both sides come from IMF DOTS (own report, CIF; partner's mirror report, FOB).
    From 2021 the own side is the national statistics office (NSC Kyrgyzstan, BNS Kazakhstan,
    Statistics Agency of Uzbekistan) and the partner side CEPII BACI (2022-2023 only), whose
    reconciled flow follows the exporter's report. Years with one side missing are NaN.
    """
    trade = load_group("trade_") if trade is None else trade
    dots_own = _imports_series(trade, iso3, partner, "imf_dots", iso3)
    dots_partner = _imports_series(trade, iso3, partner, "imf_dots", partner)
    last_dots = int(
        max(dots_own.index.max() if len(dots_own) else 0, dots_partner.index.max() if len(dots_partner) else 0)
    )
    national = NATIONAL_SOURCES.get(iso3)
    own_late = _imports_series(trade, iso3, partner, national, iso3) if national else pd.Series(dtype=float)
    baci = _imports_series(trade, iso3, partner, "baci", "CEPII")
    own_late = own_late[own_late.index > last_dots]
    baci = baci[baci.index > last_dots]
    years = sorted(set(dots_own.index) | set(dots_partner.index) | set(own_late.index) | set(baci.index))
    if not years:
        return pd.DataFrame(columns=["year", "own_imports", "partner_exports", "ratio", "own_source", "partner_source"])
    full = range(int(min(years)), int(max(years)) + 1)
    own = pd.concat([dots_own, own_late]).reindex(full)
    other = pd.concat([dots_partner, baci]).reindex(full)
    out = pd.DataFrame({"year": list(full), "own_imports": own.values, "partner_exports": other.values})
    out["ratio"] = out["partner_exports"] / out["own_imports"]
    late = out["year"] > last_dots
    out["own_source"] = np.where(late, SOURCE_LABELS.get(national or "", "–"), "IMF DOTS")
    out["partner_source"] = np.where(late, SOURCE_LABELS["baci"], f"IMF DOTS ({short_name(partner)} report)")
    out.loc[out["own_imports"].isna(), "own_source"] = "–"
    out.loc[out["partner_exports"].isna(), "partner_source"] = "–"
    return out.astype({"year": int})


def mirror_ratios(countries: list[str], partner: str, from_year: int | None = None) -> pd.DataFrame:
    """Ratio partner_exports / own_imports per country (columns) and year (rows)."""
    frames = {c: mirror_gap(c, partner).set_index("year")["ratio"] for c in countries}
    table = pd.DataFrame(frames)
    if from_year is not None:
        table = table[table.index >= from_year]
    return table


def ratio_summary(iso3: str, partner: str, first: int, last: int) -> dict[str, float]:
    """Min, median and max of the ratio over [first, last], and the share of years above 2."""
    gap = mirror_gap(iso3, partner)
    window = gap[(gap["year"] >= first) & (gap["year"] <= last)]["ratio"].dropna()
    return {
        "min": float(window.min()),
        "median": float(window.median()),
        "max": float(window.max()),
        "years": int(len(window)),
        "years_above_2": int((window > 2).sum()),
    }


def gap_since(iso3: str, partner: str, threshold: float = 1.0) -> int:
    """The first year from which the partner's recorded exports exceed the country's recorded
    imports (ratio above `threshold`) in every later year with both figures."""
    gap = mirror_gap(iso3, partner).dropna(subset=["ratio"])
    below = gap[gap["ratio"] <= threshold]
    later = gap if below.empty else gap[gap["year"] > below["year"].max()]
    if later.empty:
        raise ValueError(f"the ratio for {iso3} is not above {threshold} in the last year with both figures")
    return int(later["year"].min())


class SourcePeriods(TypedDict):
    last_dots: int
    late_first: int
    late_last: int
    gaps: list[int]


def source_periods(iso3: str, partner: str) -> SourcePeriods:
    """How the sources of `mirror_gap` change over time: the last year from IMF DOTS
    ('last_dots'), the first and last year with both later sources ('late_first', 'late_last')
    and the later years with a side missing ('gaps')."""
    gap = mirror_gap(iso3, partner)
    dots = gap[gap["own_source"] == "IMF DOTS"]["year"]
    late = gap[gap["year"] > dots.max()]
    both = late.dropna(subset=["ratio"])["year"]
    return {
        "last_dots": int(dots.max()),
        "late_first": int(both.min()),
        "late_last": int(both.max()),
        "gaps": [int(y) for y in late[late["ratio"].isna()]["year"]],
    }


def estimate_years(iso3: str, partner: str) -> list[int]:
    """Years in which the country's own IMF DOTS imports from `partner` are flagged as IMF estimates."""
    trade = load_group("trade_imf_dots")
    rows = trade[
        (trade["iso3"] == iso3)
        & (trade["partner_iso3"] == partner)
        & (trade["flow"] == "imports")
        & (trade["reported_by"] == iso3)
        & trade["month"].isna()
        & trade["estimate"].astype(bool)
    ]
    return sorted(int(y) for y in rows["year"].unique())


def mirror_gap_chart(countries: list[str], partner: str = "CHN", from_year: int = 2005) -> plt.Figure:
    """Ratio of the partner's recorded exports to the country's recorded imports (log scale)."""
    ratios = mirror_ratios(countries, partner, from_year)
    periods = source_periods(countries[0], partner)
    fig, ax = plt.subplots(figsize=(8.5, 4.2))
    for iso3 in countries:
        series = ratios[iso3]
        ax.plot(
            series.index,
            series.values,
            marker="o",
            markersize=3.5,
            linewidth=1.8,
            color=SERIES_COLOURS.get(iso3, partner_colour(iso3)),
            label=short_name(iso3),
        )
    ax.set_yscale("log")
    low, high = np.nanmin(ratios.values), np.nanmax(ratios.values)
    ticks = [t for t in (0.0625, 0.125, 0.25, 0.5, 1, 2, 4, 8, 16, 32) if low / 2 <= t <= high * 2]
    ax.yaxis.set_major_locator(FixedLocator(ticks))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.set_yticklabels([f"{t:g}" for t in ticks])
    ax.axhline(1, color="#555555", linewidth=0.8, linestyle=":")
    ax.axvspan(periods["last_dots"] + 0.5, ratios.index.max() + 0.5, color="#eeeeee", zorder=0)
    ax.text(
        periods["last_dots"] + 0.6,
        0.98,
        "national stats\nvs BACI",
        fontsize=7,
        va="top",
        color="#555555",
        transform=ax.get_xaxis_transform(),
    )
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(ticks[0] / 1.3, ticks[-1] * 1.3)
    ax.set_xlim(from_year - 0.5, ratios.index.max() + 0.5)
    ax.set_ylabel(f"{short_name(partner)}'s exports ÷ own imports")
    ax.set_title(f"What {short_name(partner)} records exporting vs what each country records importing")
    ax.legend(fontsize=8, loc="lower right")
    source_note(
        fig,
        f"IMF DOTS own and mirror reports to {periods['last_dots']}; national statistics offices vs CEPII BACI "
        f"{periods['late_first']}-{periods['late_last']}; gaps where one side is missing (log scale)",
    )
    fig.tight_layout()
    return fig
