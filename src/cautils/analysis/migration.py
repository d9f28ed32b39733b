"""Migration and remittances: WDI remittances (two vintages), UN DESA stock in Russia, KNOMAD 2021.

Caveats carried by every table here (see data/processed/manifest.json and the PROVENANCE files):
- remittances as % of GDP exist in two WDI vintages: the official release of about 2025
  (open-numbers DDF copy) and a series computed from the newest remittances and GDP (Datahub,
  refreshed 2026-07-01). Both are kept; US$ values exist only in the newest vintage.
- Turkmenistan reports almost no balance-of-payments data: its only remittance value is for 1996.
- UN DESA counts foreign-born people living in Russia (a stock by place of birth), not labour
  migrants or flows; Kazakhstan-born includes ethnic Russians born in the Kazakh SSR; 2024 is a
  projection.
- KNOMAD 2021 is a model-based allocation of each receiver's total across senders, not recorded
  flows; it assigns all of Uzbekistan's remittances to Russia.
"""

from __future__ import annotations

import re
from typing import TypedDict

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.typing import LineStyleType

from cautils.countries import CA5, short_name
from cautils.data import load
from cautils.plots import source_note

REMIT_USD = "BX.TRF.PWKR.CD.DT"
REMIT_GDP = "BX.TRF.PWKR.DT.GD.ZS"

# Short labels for the two vintages of remittances as % of GDP (the `vintage` column of `wdi`).
NEWEST = "WDI 2026-07 (computed)"
OFFICIAL = "WDI c. 2025 (official)"
VINTAGE_ORDER = (NEWEST, OFFICIAL)

CA5_COLOURS: dict[str, str] = {
    "KAZ": "#8d6a9f",
    "KGZ": "#d1495b",
    "TJK": "#2e5eaa",
    "TKM": "#66a182",
    "UZB": "#edae49",
    "CHN": "#6c757d",
}

SOURCE_WDI = (
    "World Bank, World Development Indicators: BX.TRF.PWKR.CD.DT and NY.GDP.MKTP.CD via Datahub "
    "(refreshed 2026-07-01; % of GDP computed) and BX.TRF.PWKR.DT.GD.ZS, WDI release c. 2025 "
    "via open-numbers DDF."
)
SOURCE_DESA = (
    "UN DESA Population Division, International Migrant Stock 2024 (foreign-born persons "
    "living in Russia, by country of birth; 2024 projected)."
)
SOURCE_KNOMAD = "World Bank/KNOMAD, Bilateral Remittance Matrix 2021 (December 2022 version), model-based estimates."

REMITTANCE_COLUMNS = ["year", "vintage", "usd_bn", "pct_gdp"]
STOCK_COLUMNS = ["year", "stock", "stock_male", "stock_female"]
SOURCE_COLUMNS = ["sender", "usd_million", "share"]


def vintage_dates(wdi: pd.DataFrame | None = None) -> dict[str, str]:
    """When the two vintages of remittances as % of GDP were released, from the data.

    'newest': the refresh date (YYYY-MM-DD) of the remittance and GDP series the ratio is
    computed from (table wdi_indicators, column last_updated); 'official': the release year of
    the official series as its `vintage` text gives it ('WDI release c. 2025 ...' -> '2025')."""
    indicators = load("wdi_indicators").set_index("indicator")["last_updated"]
    refreshed = {str(indicators[REMIT_USD]), str(indicators["NY.GDP.MKTP.CD"])}
    if len(refreshed) != 1:
        raise ValueError(f"remittances and GDP were refreshed on different dates: {sorted(refreshed)}")
    frame = _wdi(wdi)
    texts = frame.loc[frame["indicator"] == REMIT_GDP, "vintage"].drop_duplicates()
    official = [t for t in texts if vintage_label(t) == OFFICIAL]
    found = re.search(r"c\. (\d{4})", official[0]) if len(official) == 1 else None
    if found is None:
        raise ValueError(f"no single official vintage with a release year: {official}")
    return {"newest": refreshed.pop(), "official": found.group(1)}


def largest_rise_year(iso3: str, wdi: pd.DataFrame | None = None) -> int:
    """The year of the largest rise in US$ remittances received over the year before (newest vintage)."""
    frame = remittances(iso3, wdi)
    usd = frame[frame["vintage"] == NEWEST].set_index("year")["usd_bn"].sort_index()
    rises = usd.diff().dropna()
    if rises.empty:
        raise ValueError(f"{iso3}: fewer than two years of US$ remittances")
    return int(rises.idxmax())


def vintage_label(vintage: str) -> str:
    """Map the long `vintage` text of table `wdi` to a short label (NEWEST or OFFICIAL)."""
    if vintage.startswith("computed") or "datahub" in vintage:
        return NEWEST
    return OFFICIAL


def _wdi(wdi: pd.DataFrame | None = None) -> pd.DataFrame:
    return load("wdi") if wdi is None else wdi


def remittances(iso3: str, wdi: pd.DataFrame | None = None) -> pd.DataFrame:
    """Remittances of one country: year, vintage, usd_bn, pct_gdp (long, one row per year and vintage).

    pct_gdp comes in both vintages; usd_bn only on the newest vintage's rows (NaN on the official
    vintage's rows). Years without a value stay absent; a country without data gives an empty frame.
    """
    frame = _wdi(wdi)
    frame = frame[(frame["iso3"] == iso3) & frame["indicator"].isin([REMIT_USD, REMIT_GDP])]
    frame = frame.dropna(subset=["value"])
    usd = (frame[frame["indicator"] == REMIT_USD].groupby("year")["value"].first() / 1e9).rename("usd_bn")
    pct = frame[frame["indicator"] == REMIT_GDP].assign(vintage=lambda d: d["vintage"].map(vintage_label))
    newest = pct[pct["vintage"] == NEWEST].groupby("year")["value"].first().rename("pct_gdp")
    official = pct[pct["vintage"] == OFFICIAL].groupby("year")["value"].first().rename("pct_gdp")
    main = pd.concat([usd, newest], axis=1).rename_axis("year").reset_index().assign(vintage=NEWEST)
    older = official.rename_axis("year").reset_index().assign(vintage=OFFICIAL, usd_bn=float("nan"))
    parts = [p for p in (main, older) if not p.empty]
    if not parts:
        return _empty(REMITTANCE_COLUMNS, {"year": "int64", "vintage": "object"})
    out = pd.concat(parts, ignore_index=True)[REMITTANCE_COLUMNS]
    out["year"] = out["year"].astype("int64")
    out[["usd_bn", "pct_gdp"]] = out[["usd_bn", "pct_gdp"]].astype("float64")
    order = {v: i for i, v in enumerate(VINTAGE_ORDER)}
    return out.sort_values(
        ["year", "vintage"], key=lambda s: s.map(order) if s.name == "vintage" else s, ignore_index=True
    )


def _empty(columns: list[str], dtypes: dict[str, str] | None = None) -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="float64") for c in columns})
    for column, dtype in (dtypes or {}).items():
        frame[column] = frame[column].astype(dtype)
    return frame


def remittances_ca5(countries: tuple[str, ...] = CA5) -> pd.DataFrame:
    """remittances() for several countries, with an iso3 column first."""
    wdi = load("wdi")
    frames = [remittances(c, wdi).assign(iso3=c) for c in countries]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return _empty(["iso3", *REMITTANCE_COLUMNS])
    return pd.concat(frames, ignore_index=True)[["iso3", *REMITTANCE_COLUMNS]]


def pct_gdp(iso3: str, year: int, vintage: str = NEWEST) -> float | None:
    """One value of remittances as % of GDP (None when absent)."""
    frame = remittances(iso3)
    hit = frame[(frame["year"] == year) & (frame["vintage"] == vintage)]["pct_gdp"].dropna()
    return float(hit.iloc[0]) if len(hit) else None


class _LineStyle(TypedDict):
    color: str
    linestyle: LineStyleType
    linewidth: float


def remittance_chart(iso3: str, start: int | None = None) -> plt.Figure:
    """Remittances as % of GDP for one country: both vintages as two lines; gaps stay gaps."""
    data = remittances(iso3).dropna(subset=["pct_gdp"])
    if start is not None:
        data = data[data["year"] >= start]
    name = short_name(iso3)
    fig, ax = plt.subplots()
    if data.empty:
        ax.set_title(f"{name}: no remittance data in WDI (% of GDP)")
        ax.text(0.5, 0.5, "no data", ha="center", va="center", transform=ax.transAxes, color="#777777")
        ax.set_xticks([])
        ax.set_yticks([])
        source_note(fig, SOURCE_WDI)
        fig.tight_layout()
        return fig
    years = range(int(data["year"].min()), int(data["year"].max()) + 1)
    styles: dict[str, _LineStyle] = {
        NEWEST: {"color": "#2e5eaa", "linestyle": "-", "linewidth": 2.0},
        OFFICIAL: {"color": "#d1495b", "linestyle": (0, (4, 2)), "linewidth": 1.6},
    }
    for vintage in VINTAGE_ORDER:
        series = data[data["vintage"] == vintage].set_index("year")["pct_gdp"].reindex(years)
        if series.notna().any():
            ax.plot(series.index, series.values, marker="o", markersize=3, label=vintage, **styles[vintage])
    n_years = data["year"].nunique()
    if n_years <= 2:
        listed = ", ".join(str(y) for y in sorted(data["year"].unique()))
        ax.set_title(f"{name}: remittances, % of GDP (data only for {listed})")
    else:
        ax.set_title(f"{name}: personal remittances received, % of GDP")
    ax.set_ylabel("% of GDP")
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left", fontsize=8)
    source_note(fig, SOURCE_WDI)
    fig.tight_layout()
    return fig


def _ca5_lines(
    frame: pd.DataFrame,
    value: str,
    *,
    title: str,
    ylabel: str,
    source: str,
    dashed: pd.DataFrame | None = None,
    dashed_label: str = "",
    solid_label: str = "",
) -> plt.Figure:
    fig, ax = plt.subplots()
    years = range(int(frame["year"].min()), int(frame["year"].max()) + 1)
    for iso3, part in frame.groupby("iso3", sort=False):
        series = part.groupby("year")[value].first().reindex(years)
        if series.notna().sum() == 0:
            continue
        ax.plot(
            series.index,
            series.values,
            color=CA5_COLOURS.get(iso3, "#999999"),
            marker="o",
            markersize=2.5,
            linewidth=1.9,
            label=short_name(iso3),
        )
        if dashed is not None:
            other = dashed[dashed["iso3"] == iso3].groupby("year")[value].first().reindex(years)
            if other.notna().any():
                ax.plot(
                    other.index,
                    other.values,
                    color=CA5_COLOURS.get(iso3, "#999999"),
                    linewidth=1.2,
                    linestyle=(0, (3, 2)),
                    alpha=0.9,
                )
    handles, labels = ax.get_legend_handles_labels()
    if dashed is not None:
        handles += [
            Line2D([], [], color="#444444", linewidth=1.9),
            Line2D([], [], color="#444444", linewidth=1.2, linestyle=(0, (3, 2))),
        ]
        labels += [solid_label, dashed_label]
    ax.legend(handles, labels, loc="upper left", fontsize=8)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.set_ylim(bottom=0)
    source_note(fig, source)
    fig.tight_layout()
    return fig


def pct_gdp_chart_ca5(start: int = 2000) -> plt.Figure:
    """Remittances % of GDP of the five: newest vintage solid, official c. 2025 vintage dashed."""
    data = remittances_ca5().dropna(subset=["pct_gdp"])
    data = data[data["year"] >= start]
    return _ca5_lines(
        data[data["vintage"] == NEWEST],
        "pct_gdp",
        dashed=data[data["vintage"] == OFFICIAL],
        solid_label=NEWEST,
        dashed_label=OFFICIAL,
        title="Personal remittances received, % of GDP",
        ylabel="% of GDP",
        source=SOURCE_WDI + " Turkmenistan: no data after 1996.",
    )


def usd_chart_ca5(start: int = 2000) -> plt.Figure:
    """Remittances received in current US$ bn of the five (newest vintage)."""
    data = remittances_ca5().dropna(subset=["usd_bn"])
    data = data[(data["year"] >= start) & (data["vintage"] == NEWEST)]
    return _ca5_lines(
        data,
        "usd_bn",
        title="Personal remittances received, current US$ bn",
        ylabel="US$ bn",
        source=SOURCE_WDI + " Turkmenistan: no data after 1996.",
    )


def latest_table(countries: tuple[str, ...] = CA5) -> pd.DataFrame:
    """Per country: latest year with data, % of GDP in both vintages, US$ bn (newest vintage)."""
    data = remittances_ca5(countries)
    rows = []
    for iso3 in countries:
        part = data[data["iso3"] == iso3].dropna(subset=["pct_gdp"])
        if part.empty:
            rows.append({"country": short_name(iso3), "latest year": pd.NA})
            continue
        year = int(part["year"].max())
        at = data[(data["iso3"] == iso3) & (data["year"] == year)].set_index("vintage")
        rows.append(
            {
                "country": short_name(iso3),
                "latest year": year,
                f"% of GDP, {NEWEST}": at["pct_gdp"].get(NEWEST),
                f"% of GDP, {OFFICIAL}": at["pct_gdp"].get(OFFICIAL),
                "US$ bn": at["usd_bn"].get(NEWEST),
            }
        )
    return pd.DataFrame(rows)


VINTAGE_TOLERANCE = 0.005  # percentage points: smaller differences between vintages are rounding


def vintage_differences(countries: tuple[str, ...] = CA5, tolerance: float = VINTAGE_TOLERANCE) -> pd.DataFrame:
    """Years where the two vintages of remittances % of GDP differ by more than `tolerance` pp.

    Columns: iso3, country, year, official (c. 2025), newest (computed), difference (newest − official).
    Years present in only one vintage are not listed.
    """
    data = remittances_ca5(countries).dropna(subset=["pct_gdp"])
    wide = data.pivot_table(index=["iso3", "year"], columns="vintage", values="pct_gdp", aggfunc="first")
    for vintage in VINTAGE_ORDER:
        if vintage not in wide.columns:
            wide[vintage] = float("nan")
    wide = wide.dropna(subset=list(VINTAGE_ORDER)).reset_index()
    wide["difference"] = wide[NEWEST] - wide[OFFICIAL]
    wide = wide[wide["difference"].abs() > tolerance]
    wide.insert(1, "country", wide["iso3"].map(short_name))
    out = wide.rename(columns={OFFICIAL: "official", NEWEST: "newest"})
    return out[["iso3", "country", "year", "official", "newest", "difference"]].reset_index(drop=True)


def stock_in_russia(iso3: str) -> pd.DataFrame:
    """UN DESA: persons living in Russia born in `iso3` (year, stock, stock_male, stock_female)."""
    frame = load("migrant_stock_russia")
    frame = frame[(frame["origin_iso3"] == iso3) & (frame["destination_iso3"] == "RUS")]
    if frame.empty:
        return _empty(STOCK_COLUMNS, {"year": "int64"})
    return frame[STOCK_COLUMNS].sort_values("year", ignore_index=True)


def stock_in_russia_all(origins: tuple[str, ...] = CA5) -> pd.DataFrame:
    """stock_in_russia() for several origins, with an iso3 column first."""
    frames = [stock_in_russia(c).assign(iso3=c) for c in origins]
    return pd.concat([f for f in frames if not f.empty], ignore_index=True)[["iso3", *STOCK_COLUMNS]]


def stock_chart(origins: tuple[str, ...] = CA5) -> plt.Figure:
    """Foreign-born persons in Russia by country of birth, thousands (UN DESA years only)."""
    data = stock_in_russia_all(origins).assign(thousands=lambda d: d["stock"] / 1e3)
    fig, ax = plt.subplots()
    for iso3, part in data.groupby("iso3", sort=False):
        ax.plot(
            part["year"],
            part["thousands"],
            color=CA5_COLOURS.get(iso3, "#999999"),
            marker="o",
            markersize=4,
            linewidth=1.9,
            label=short_name(iso3),
        )
    ax.set_xticks(sorted(data["year"].unique()))
    ax.set_title("People living in Russia born in each Central Asian state")
    ax.set_ylabel("thousands of persons")
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper right", fontsize=8)
    source_note(fig, SOURCE_DESA + " Foreign-born stock, not labour migrants.")
    fig.tight_layout()
    return fig


def stock_table(origins: tuple[str, ...] = CA5) -> pd.DataFrame:
    """Foreign-born persons in Russia, thousands: origins as rows, UN DESA years as columns."""
    data = stock_in_russia_all(origins)
    wide = data.pivot_table(index="iso3", columns="year", values="stock", aggfunc="first") / 1e3
    wide = wide.reindex([o for o in origins if o in wide.index])
    wide.index = [short_name(i) for i in wide.index]
    wide.columns = [str(c) for c in wide.columns]
    return wide.rename_axis("born in").reset_index()


def remittance_sources(iso3: str, n: int = 5) -> pd.DataFrame:
    """KNOMAD 2021: the `n` largest senders of remittances to `iso3` (sender, usd_million, share).

    share is of the receiver's WORLD total in the matrix. The processed extract holds every sender
    only for the five (and a WORLD total for China); for any other receiver it holds Russia's
    flow alone, so without a WORLD total the result is empty rather than a false 100%.
    Model-based estimates, not recorded flows.
    """
    frame = load("remittance_matrix_2021")
    frame = frame[frame["receiver_iso3"] == iso3]
    senders = frame[frame["sender_iso3"].notna() & (frame["sender"] != "WORLD")]
    world = frame.loc[frame["sender"] == "WORLD", "usd_million"]
    if senders.empty or world.empty:
        return _empty(SOURCE_COLUMNS, {"sender": "object"})
    total = float(world.iloc[0])
    top = senders.sort_values("usd_million", ascending=False).head(n)
    out = pd.DataFrame(
        {
            "sender": [short_name(c) for c in top["sender_iso3"]],
            "usd_million": top["usd_million"].astype("float64").to_numpy(),
        }
    )
    out["share"] = out["usd_million"] / total if total else float("nan")
    return out


def knomad_year() -> int:
    """The one year the KNOMAD bilateral remittance matrix covers (table remittance_matrix_2021)."""
    years = load("remittance_matrix_2021")["year"].unique()
    if len(years) != 1:
        raise ValueError(f"the remittance matrix covers {len(years)} years, not one")
    return int(years[0])


def russia_shares(countries: tuple[str, ...] = CA5) -> pd.DataFrame:
    """KNOMAD 2021, per receiver: total received, from Russia, Russia's share (US$ million)."""
    frame = load("remittance_matrix_2021")
    rows = []
    for iso3 in countries:
        part = frame[frame["receiver_iso3"] == iso3]
        world = part.loc[part["sender"] == "WORLD", "usd_million"]
        senders = part[part["sender_iso3"].notna()]
        total = float(world.iloc[0]) if len(world) else float(senders["usd_million"].sum())
        russia = float(senders.loc[senders["sender_iso3"] == "RUS", "usd_million"].sum())
        rows.append(
            {
                "iso3": iso3,
                "country": short_name(iso3),
                "total_usd_million": total,
                "from_russia_usd_million": russia,
                "russia_share": russia / total if total else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def russia_share_chart(countries: tuple[str, ...] = CA5) -> plt.Figure:
    """Horizontal bars: Russia's share of each country's 2021 remittance receipts (KNOMAD)."""
    data = russia_shares(countries).sort_values("russia_share")
    fig, ax = plt.subplots(figsize=(8.5, 3.0))
    ax.barh(data["country"], data["russia_share"] * 100, color="#2e5eaa", height=0.6)
    ax.barh(
        data["country"], 100 - data["russia_share"] * 100, left=data["russia_share"] * 100, color="#d9d9d9", height=0.6
    )
    for y, share in enumerate(data["russia_share"]):
        ax.text(share * 100 - 1, y, f"{share:.0%}", ha="right", va="center", fontsize=8, color="white")
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of remittances received in 2021: from Russia (blue), from all other senders (grey)")
    ax.set_title("Russia's share of remittance receipts, 2021 (model estimate)")
    source_note(fig, SOURCE_KNOMAD + " Uzbekistan's whole inflow is assigned to Russia by the model.")
    fig.tight_layout()
    return fig
