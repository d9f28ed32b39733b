"""Natural gas: EI pipeline trade (2022-2024), EI production and consumption, Russian gas to Uzbekistan.

Caveats carried by every table here (see data/processed/manifest.json and energy/PROVENANCE.md):
- Pipeline gas only: LNG is not in the processed bilateral tables.
- In EI's bilateral matrix the importer "Other CIS" is CIS excluding Belarus, Kazakhstan and
  Russia, so Uzbekistan, Kyrgyzstan and Tajikistan are inside it and cannot be separated. In EI's
  inter-regional table "Other CIS" is all CIS excluding Russia (its exports to China are
  Turkmenistan + Kazakhstan + Uzbekistan combined).
- Kyrgyzstan and Tajikistan have no production or consumption rows of their own in EI.
- Before 1985 EI gives 0 for Russia, Kazakhstan, Turkmenistan and Uzbekistan (the USSR row holds
  their volumes); those placeholder zeros are dropped here.
- Each year's bilateral matrix comes from one edition (2023 → 2022, 2024 → 2023, 2025 → 2024);
  where editions overlap the latest is used.
"""

from __future__ import annotations

from typing import TypedDict

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.typing import LineStyleType

from cautils.countries import CA5, short_name
from cautils.curated import load_curated
from cautils.data import load
from cautils.plots import source_note

SOURCE_EI_TRADE = (
    "Energy Institute Statistical Review of World Energy (2023, 2024, 2025 editions), "
    "natural gas pipeline trade, bcm. Pipeline only; LNG not included."
)
SOURCE_EI_2025 = "Energy Institute Statistical Review of World Energy (2025), natural gas, bcm."
SOURCE_EI_INTER = (
    "Energy Institute Statistical Review of World Energy (2025), inter-regional gas trade "
    "movements, bcm. 'Central Asia' = EI's 'Other CIS' (Turkmenistan, Kazakhstan, Uzbekistan)."
)

EXPORTER_COLOURS: dict[str, str] = {
    "TKM": "#66a182",
    "RUS": "#2e5eaa",
    "KAZ": "#8d6a9f",
    "UZB": "#edae49",
    "MMR": "#b8b8b8",
}
GAS_EXPORTERS_CA = ("TKM", "KAZ", "UZB")
POST_SOVIET = ("RUS", "KAZ", "TKM", "UZB")
FIRST_POST_SOVIET_YEAR = 1985

EXPORT_COLUMNS = ["edition", "year", "exporter_iso3", "bcm"]
GAS_COLUMNS = ["year", "measure", "bcm"]


def _latest_edition(frame: pd.DataFrame) -> pd.DataFrame:
    """Keep, for each year, only the rows of the latest edition that covers it."""
    if frame.empty:
        return frame
    latest = frame.groupby("year")["edition"].transform("max")
    return frame[frame["edition"] == latest]


def gas_exports_to_china(trade: pd.DataFrame | None = None) -> pd.DataFrame:
    """Pipeline gas into China by exporting country (edition, year, exporter_iso3, bcm).

    Latest edition per year; exporters that sent nothing in every year are dropped; aggregates
    (regions, 'Total imports') are excluded.
    """
    frame = load("gas_pipeline_trade") if trade is None else trade
    frame = frame[(frame["importer_iso3"] == "CHN") & frame["exporter_iso3"].notna()]
    frame = _latest_edition(frame)
    positive = frame.groupby("exporter_iso3")["bcm"].transform(lambda s: (s.fillna(0) > 0).any())
    frame = frame[positive.astype(bool)]
    out = frame[EXPORT_COLUMNS].sort_values(["year", "bcm"], ascending=[True, False], ignore_index=True)
    return out.astype({"edition": "int64", "year": "int64", "bcm": "float64"})


def china_pipeline_total() -> pd.DataFrame:
    """China's total pipeline imports per year (edition, year, bcm), latest edition."""
    frame = load("gas_pipeline_trade")
    frame = frame[(frame["importer_iso3"] == "CHN") & (frame["exporter"] == "Total imports")]
    return _latest_edition(frame)[["edition", "year", "bcm"]].sort_values("year", ignore_index=True)


def trade_coverage() -> dict[str, int]:
    """Editions and data years of the EI bilateral pipeline table as the chapter uses it (latest
    edition per year): first_edition, last_edition, first_year, last_year."""
    data = gas_exports_to_china()
    return {
        "first_edition": int(data["edition"].min()),
        "last_edition": int(data["edition"].max()),
        "first_year": int(data["year"].min()),
        "last_year": int(data["year"].max()),
    }


def edition_of_year() -> dict[int, int]:
    """Which EI edition supplies each year of China's pipeline imports (latest edition per year)."""
    data = gas_exports_to_china()
    return {int(y): int(e) for y, e in data.groupby("year")["edition"].max().items()}


def china_supplier_table() -> pd.DataFrame:
    """Year × exporter (bcm) of China's pipeline imports, with the total and Turkmenistan's share."""
    data = gas_exports_to_china()
    wide = data.pivot_table(index="year", columns="exporter_iso3", values="bcm", aggfunc="sum")
    order = [c for c in ("TKM", "RUS", "KAZ", "UZB", "MMR") if c in wide.columns]
    wide = wide[order + [c for c in wide.columns if c not in order]]
    total = china_pipeline_total().set_index("year")["bcm"]
    wide.columns = [short_name(c) if c != "MMR" else "Myanmar" for c in wide.columns]
    wide["China total"] = total
    wide["Turkmenistan share"] = wide["Turkmenistan"] / wide["China total"]
    return wide.reset_index()


def china_imports_chart() -> plt.Figure:
    """Grouped bars: pipeline gas into China by exporter, 2022-2024."""
    data = gas_exports_to_china()
    order = [c for c in ("TKM", "RUS", "KAZ", "UZB", "MMR") if c in set(data["exporter_iso3"])]
    years = sorted(data["year"].unique())
    fig, ax = plt.subplots()
    width = 0.8 / len(order)
    for i, iso3 in enumerate(order):
        part = data[data["exporter_iso3"] == iso3].set_index("year")["bcm"].reindex(years)
        xs = [y + (i - (len(order) - 1) / 2) * width for y in years]
        ax.bar(
            xs,
            part.values,
            width=width * 0.95,
            color=EXPORTER_COLOURS.get(iso3, "#b8b8b8"),
            label=short_name(iso3) if iso3 != "MMR" else "Myanmar",
        )
    ax.set_xticks(years, [str(y) for y in years])
    ax.grid(axis="x", visible=False)
    ax.set_ylabel("bcm")
    ax.set_title("Pipeline gas into China by exporter")
    ax.legend(loc="upper left", fontsize=8, ncols=len(order))
    ax.set_ylim(0, data["bcm"].max() * 1.2)
    source_note(fig, SOURCE_EI_TRADE)
    fig.tight_layout()
    return fig


def china_longrun() -> pd.DataFrame:
    """China's pipeline imports 2000-2024 from Russia and from Central Asia (EI inter-regional table).

    Columns year, origin (Russia / Central Asia / Myanmar), bcm. 'Central Asia' is EI's 'Other CIS'
    (Turkmenistan + Kazakhstan + Uzbekistan); 'Myanmar' is EI's 'Other Asia'.
    """
    frame = load("gas_interregional_trade")
    flows = {
        "Pipeline imports | Russian Federation": "Russia",
        "Pipeline imports | Other CIS": "Central Asia",
        "Pipeline imports | of which: Other Asia": "Myanmar",
    }
    frame = frame[(frame["region"] == "China") & frame["flow"].isin(flows)]
    out = frame.assign(origin=frame["flow"].map(flows))[["year", "origin", "bcm"]]
    return out.sort_values(["year", "origin"], ignore_index=True)


def first_flow(origin: str = "Russia") -> tuple[int, float]:
    """The first year with pipeline gas into China from `origin` in the inter-regional table, and
    its volume (bcm)."""
    data = china_longrun()
    flowing = data[(data["origin"] == origin) & (data["bcm"] > 0)].sort_values("year")
    if flowing.empty:
        raise ValueError(f"no pipeline gas from {origin} into China in the table")
    return int(flowing["year"].iloc[0]), float(flowing["bcm"].iloc[0])


def interregional_edition() -> int:
    """The EI edition of the inter-regional trade table."""
    editions = load("gas_interregional_trade")["edition"].unique()
    if len(editions) != 1:
        raise ValueError(f"the inter-regional table mixes {len(editions)} editions")
    return int(editions[0])


def china_longrun_chart() -> plt.Figure:
    data = china_longrun()
    colours = {
        "Russia": EXPORTER_COLOURS["RUS"],
        "Central Asia": EXPORTER_COLOURS["TKM"],
        "Myanmar": EXPORTER_COLOURS["MMR"],
    }
    fig, ax = plt.subplots()
    years = range(int(data["year"].min()), int(data["year"].max()) + 1)
    for origin in ("Central Asia", "Russia", "Myanmar"):
        series = data[data["origin"] == origin].set_index("year")["bcm"].reindex(years)
        ax.plot(
            series.index, series.values, marker="o", markersize=3, linewidth=1.9, color=colours[origin], label=origin
        )
    ax.set_title("China's pipeline gas imports by origin")
    ax.set_ylabel("bcm")
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left", fontsize=8)
    source_note(fig, SOURCE_EI_INTER)
    fig.tight_layout()
    return fig


def russia_to_cis(importers: tuple[str, ...] = ("Other CIS", "Kazakhstan", "Belarus")) -> pd.DataFrame:
    """Russia's pipeline exports to CIS importers (edition, year, importer, bcm), latest edition."""
    frame = load("gas_pipeline_trade")
    frame = frame[(frame["exporter_iso3"] == "RUS") & frame["importer"].isin(importers)]
    frame = _latest_edition(frame)
    out = frame[["edition", "year", "importer", "bcm"]]
    order = {name: i for i, name in enumerate(importers)}
    return out.sort_values(
        ["year", "importer"], key=lambda s: s.map(order) if s.name == "importer" else s, ignore_index=True
    )


def russia_to_cis_table() -> pd.DataFrame:
    """Year × importer (bcm) of Russia's pipeline exports to CIS importers."""
    data = russia_to_cis()
    wide = data.pivot_table(index="year", columns="importer", values="bcm", aggfunc="sum")
    wide = wide[[c for c in ("Other CIS", "Kazakhstan", "Belarus") if c in wide.columns]]
    wide = wide.rename(columns={"Other CIS": "Other CIS (incl. Uzbekistan, Kyrgyzstan, Tajikistan)"})
    return wide.reset_index()


def country_gas(iso3: str) -> pd.DataFrame:
    """EI 2025 production and consumption of one country (year, measure, bcm).

    For post-Soviet states the placeholder zeros before 1985 are dropped. Kyrgyzstan and Tajikistan
    (inside EI's 'Other CIS') give an empty frame.
    """
    frame = load("gas_production_consumption")
    frame = frame[frame["iso3"] == iso3]
    if iso3 in POST_SOVIET:
        frame = frame[frame["year"] >= FIRST_POST_SOVIET_YEAR]
    if frame.empty:
        return pd.DataFrame(
            {"year": pd.Series(dtype="int64"), "measure": pd.Series(dtype="object"), "bcm": pd.Series(dtype="float64")}
        )
    return frame[GAS_COLUMNS].sort_values(["measure", "year"], ascending=[False, True], ignore_index=True)


class _LineStyle(TypedDict):
    color: str
    linestyle: LineStyleType


def _plot_country(ax: plt.Axes, iso3: str, start: int | None, show_legend: bool = True) -> bool:
    data = country_gas(iso3)
    if start is not None:
        data = data[data["year"] >= start]
    if data.empty:
        return False
    years = range(int(data["year"].min()), int(data["year"].max()) + 1)
    styles: dict[str, _LineStyle] = {
        "production": {"color": "#1b7837", "linestyle": "-"},
        "consumption": {"color": "#c2185b", "linestyle": (0, (4, 2))},
    }
    for measure in ("production", "consumption"):
        series = data[data["measure"] == measure].set_index("year")["bcm"].reindex(years)
        ax.plot(series.index, series.values, linewidth=1.9, label=measure, **styles[measure])
    if iso3 in GAS_EXPORTERS_CA:
        china = gas_exports_to_china()
        china = china[(china["exporter_iso3"] == iso3) & (china["bcm"] > 0)]
        if not china.empty:
            ax.bar(
                china["year"], china["bcm"], width=0.8, color="#d1495b", alpha=0.8, label="pipeline exports to China"
            )
    ax.set_ylim(bottom=0)
    ax.set_ylabel("bcm")
    if show_legend:
        ax.legend(loc="best", fontsize=8)
    return True


def gas_chart(iso3: str, start: int | None = None) -> plt.Figure:
    """Production and consumption of one country; for TKM, KAZ, UZB also exports to China (2022-2024)."""
    fig, ax = plt.subplots()
    name = short_name(iso3)
    if _plot_country(ax, iso3, start):
        ax.set_title(f"{name}: natural gas production and consumption")
    else:
        ax.set_title(f"{name}: not shown separately by the EI Statistical Review (inside 'Other CIS')")
        ax.text(0.5, 0.5, "no data", ha="center", va="center", transform=ax.transAxes, color="#777777")
        ax.set_xticks([])
        ax.set_yticks([])
    source_note(fig, SOURCE_EI_2025 + (" Exports to China: EI 2023-2025 editions." if iso3 in GAS_EXPORTERS_CA else ""))
    fig.tight_layout()
    return fig


def ca5_gas_chart(start: int = 1990) -> plt.Figure:
    """Small multiples: production, consumption and exports to China of Kazakhstan, Turkmenistan, Uzbekistan."""
    countries = [c for c in CA5 if not country_gas(c).empty]
    fig, axes = plt.subplots(1, len(countries), figsize=(10.5, 3.8))
    for ax, iso3 in zip(axes, countries, strict=True):
        _plot_country(ax, iso3, start, show_legend=False)
        ax.set_title(short_name(iso3))
    handles, labels = axes[-1].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper center", ncols=3, fontsize=8, bbox_to_anchor=(0.5, 1.0))
    fig.suptitle("Natural gas production and consumption (bcm)", y=1.07, fontweight="bold", fontsize=12)
    source_note(
        fig,
        SOURCE_EI_2025 + " Exports to China: EI 2023-2025 editions. Kyrgyzstan and Tajikistan "
        "are not shown separately by EI.",
    )
    fig.tight_layout()
    return fig


def ca5_gas_table(year: int = 2024) -> pd.DataFrame:
    """One year: production, consumption, surplus (production − consumption), pipeline exports to China."""
    china = gas_exports_to_china()
    rows = []
    for iso3 in CA5:
        data = country_gas(iso3)
        at = data[data["year"] == year].set_index("measure")["bcm"]
        to_china = china[(china["exporter_iso3"] == iso3) & (china["year"] == year)]["bcm"]
        production, consumption = at.get("production"), at.get("consumption")
        rows.append(
            {
                "country": short_name(iso3),
                "production": production,
                "consumption": consumption,
                "surplus": (production - consumption) if production is not None and consumption is not None else None,
                "exports to China": float(to_china.sum()) if len(to_china) else None,
            }
        )
    return pd.DataFrame(rows).astype(
        {c: "float64" for c in ("production", "consumption", "surplus", "exports to China")}
    )


MEASURE_LABELS = {
    "contract_volume": "contract (per year)",
    "gas_delivered": "delivered",
    "gas_planned": "planned",
    "gas_target": "target",
    "gas_growth": "growth",
}


def uzbekistan_russian_gas() -> pd.DataFrame:
    """Curated events on Russian gas to Uzbekistan (event_id uzb_ru_gas_*), with their sources.

    Columns: event_id, date, year, measure, kind (label), value, unit, description, note,
    source_publisher, source_title, source_date, source_url.
    """
    events = load_curated("events")
    events = events[events["event_id"].str.startswith("uzb_ru_gas")].copy()
    events["year"] = events["date"].str[:4].astype("int64")
    events["kind"] = events["measure"].map(MEASURE_LABELS).fillna(events["measure"])
    columns = [
        "event_id",
        "date",
        "year",
        "measure",
        "kind",
        "value",
        "unit",
        "description",
        "note",
        "source_publisher",
        "source_title",
        "source_date",
        "source_url",
    ]
    return events[columns].sort_values(["year", "date", "event_id"], ignore_index=True)


def uzbekistan_gas_table() -> pd.DataFrame:
    """The Uzbekistan events in display form: year, what, volume, unit, source (publisher, date, URL)."""
    data = uzbekistan_russian_gas()
    return pd.DataFrame(
        {
            "year": data["year"],
            "what": data["kind"],
            "value": data["value"],
            "unit": data["unit"],
            "description": data["description"],
            "source": data["source_publisher"]
            + ", “"
            + data["source_title"]
            + "” ("
            + data["source_date"]
            + "), "
            + data["source_url"],
        }
    )


def uzbekistan_gas_chart() -> plt.Figure:
    """Bars: Russian gas to Uzbekistan delivered vs planned/target (bcm), with EI Russia→'Other CIS'."""
    data = uzbekistan_russian_gas()
    data = data[data["unit"] == "bcm"]
    ei = russia_to_cis(("Other CIS",)).set_index("year")["bcm"]
    years = sorted(set(data["year"]) | set(ei.index))
    kinds = {"delivered": "#2e5eaa", "planned": "#edae49", "target": "#f4d35e"}
    fig, ax = plt.subplots()
    width = 0.36
    for year in years:
        at = data[data["year"] == year]
        delivered = at[at["kind"] == "delivered"]["value"]
        stated = at[at["kind"].isin(["planned", "target"])]
        if len(delivered):
            ax.bar(year - width / 2, delivered.iloc[0], width=width, color=kinds["delivered"])
            ax.text(
                year - width / 2, delivered.iloc[0], f"{delivered.iloc[0]:.2f}", ha="center", va="bottom", fontsize=8
            )
        for _, row in stated.iterrows():
            ax.bar(year + width / 2, row["value"], width=width, color=kinds[row["kind"]])
            ax.text(year + width / 2, row["value"], f"{row['value']:.1f}", ha="center", va="bottom", fontsize=8)
    ax.plot(ei.index, ei.values, color="#555555", marker="D", linestyle=":", linewidth=1.2)
    handles = [
        Patch(color=kinds["delivered"], label="delivered (Gazprom)"),
        Patch(color=kinds["planned"], label="planned (May 2024)"),
        Patch(color=kinds["target"], label="target (Putin, May 2024)"),
        Line2D([], [], color="#555555", marker="D", linestyle=":", label="EI: Russia → 'Other CIS' (UZB+KGZ+TJK)"),
    ]
    ax.legend(handles=handles, loc="upper left", fontsize=8)
    ax.set_xticks(years, [str(y) for y in years])
    ax.grid(axis="x", visible=False)
    ax.set_ylabel("bcm")
    ax.set_ylim(0, max(data["value"].max(), ei.max()) * 1.18)
    ax.set_title("Russian gas to Uzbekistan: planned and delivered")
    source_note(
        fig, "Curated events (Gazprom via Trend/MENAFN; AFP; Putin statement), see table below; " + SOURCE_EI_TRADE
    )
    fig.tight_layout()
    return fig


def china_gas_values(year: int = 2022) -> pd.DataFrame:
    """China-reported value of pipeline gas imports by exporter (news-quoted GACC figures) beside EI volumes.

    Columns: exporter, usd_bn, bcm, usd_per_1000m3 (implied average import price), as_reported_by, url.
    """
    news = load("news_figures_other")
    news = news[
        news["indicator"].str.startswith("pipeline natural gas export value")
        & (news["partner_iso3"] == "CHN")
        & (news["year"] == year)
        & (news["period"] == "full year")
    ]
    volumes = gas_exports_to_china()
    volumes = volumes[volumes["year"] == year].set_index("exporter_iso3")["bcm"]
    out = pd.DataFrame(
        {
            "exporter": news["country_iso3"].map(short_name).to_numpy(),
            "usd_bn": news["value"].astype("float64").to_numpy(),
            "bcm": news["country_iso3"].map(volumes).astype("float64").to_numpy(),
            "as_reported_by": news["as_reported_by"].to_numpy(),
            "url": news["url"].to_numpy(),
        }
    )
    out.insert(3, "usd_per_1000m3", out["usd_bn"] / out["bcm"] * 1000)
    return out.sort_values("usd_bn", ascending=False, ignore_index=True)
