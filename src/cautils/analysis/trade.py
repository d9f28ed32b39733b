"""Trade of the five with China, Russia and everyone else, by source and basis.

Own reports and partners' mirror reports are kept apart and labelled; turnover is only
formed where both flows exist for the same year and reporter (otherwise the year is a gap).
"""

from __future__ import annotations

from functools import lru_cache

import matplotlib.pyplot as plt
import pandas as pd

from cautils import plots
from cautils.countries import short_name
from cautils.data import load_group

SOURCE_NAMES = {
    "imf_dots": "IMF DOTS",
    "kaz_bns": "Kazakhstan BNS",
    "kgz_nsc": "Kyrgyzstan NSC",
    "uzb_stat": "Uzbekistan Statistics Agency",
    "rus_fts": "Russian customs (FTS)",
    "baci": "CEPII BACI",
    "news": "news reports of official figures",
    "eurostat": "Eurostat",
}
NATIONAL = ("kaz_bns", "kgz_nsc", "uzb_stat")


def annual_usd() -> pd.DataFrame:
    """All annual, full-year trade rows in US$ (the news statements included). A copy: callers may modify it."""
    from cautils import deps
    from cautils.sources import all_tables

    for spec in all_tables():  # cached below: record the reads on every call
        if spec.name.startswith("trade_"):
            deps.record("tables", spec.name)
    return _annual_usd().copy()


@lru_cache(maxsize=1)
def _annual_usd() -> pd.DataFrame:
    frame = load_group("trade_")
    return frame[(frame["unit"] == "USD") & frame["month"].isna() & (frame["period"] == "full year")]


def series_label(source: str, basis: str, reported_by: str, iso3: str) -> str:
    """A reader-facing label: whose report, from which source."""
    if basis == "reconciled":
        return "BACI (reconciled)"
    if basis == "mirror" and source == "news":
        return f"{short_name(reported_by)}'s figures via news"
    if basis == "mirror":
        return f"{short_name(reported_by)}'s report ({SOURCE_NAMES.get(source, source)})"
    if source in NATIONAL:
        return f"own report ({SOURCE_NAMES[source]})"
    if source == "news":
        return f"{short_name(reported_by)} figures via news"
    return f"own report ({SOURCE_NAMES.get(source, source)})"


def turnover(iso3: str, partners: tuple[str, ...] = ("CHN", "RUS")) -> pd.DataFrame:
    """Exports + imports of `iso3` with each partner, one row per year and series.

    A stated turnover is used as given; otherwise exports and imports must both be present.
    """
    frame = annual_usd()
    frame = frame[(frame["iso3"] == iso3) & frame["partner_iso3"].isin(partners)]
    keys = ["partner_iso3", "year", "source", "basis", "reported_by"]
    rows = []
    for key, part in frame.groupby(keys, sort=True):
        flows = part.groupby("flow")["value"].sum()
        if "turnover" in flows:
            value = flows["turnover"]
        elif {"exports", "imports"} <= set(flows.index):
            value = flows["exports"] + flows["imports"]
        else:
            continue
        rows.append(dict(zip(keys, key, strict=True), value_bn=value / 1e9))
    out = pd.DataFrame(rows, columns=keys + ["value_bn"])
    out["series"] = [
        series_label(s, b, r, iso3) for s, b, r in zip(out["source"], out["basis"], out["reported_by"], strict=True)
    ]
    return out


def partner_chart(iso3: str, partners: tuple[str, ...] = ("CHN", "RUS"), start: int = 1995) -> plt.Figure:
    """The articles' 'Source: UN Comtrade' chart, rebuilt: trade with China and Russia over
    time, the country's own report and the partners' mirror report side by side, gaps kept."""
    data = turnover(iso3, partners)
    data = data[data["year"] >= start]
    fig, axes = plt.subplots(1, len(partners), figsize=(11, 4.2), sharey=True)
    years = range(int(data["year"].min()), int(data["year"].max()) + 1) if not data.empty else range(start, start + 1)
    colours = series_colours(list(data["series"]))
    for ax, partner in zip(axes, partners, strict=True):
        part = data[data["partner_iso3"] == partner]
        for (series, basis), line in part.groupby(["series", "basis"], sort=True):
            values = line.groupby("year")["value_bn"].sum().reindex(years)
            ax.plot(
                values.index,
                values.values,
                marker="o",
                markersize=3.5,
                linewidth=1.6,
                dashes=plots.BASIS_DASHES.get(basis, ()),
                label=series,
                color=colours[series],
            )
        ax.set_title(f"{short_name(iso3)} – {short_name(partner)}")
        ax.set_ylabel("exports + imports, US$ bn")
        ax.set_ylim(bottom=0)
        ax.legend(fontsize=7, loc="upper left")
    plots.source_note(
        fig,
        "IMF DOTS (own and partner reports, to 2020); national statistics (KAZ BNS, KGZ NSC, "
        "UZB Statistics Agency); Russian customs (FTS, to 2021); CEPII BACI (2022-2023); official "
        "figures quoted in news (2022-2024). Dashed = partner's mirror report; dotted = reconciled. "
        "Gaps are years without data.",
    )
    fig.tight_layout()
    return fig


_PALETTE = ["#1b1b1b", "#2e5eaa", "#d1495b", "#66a182", "#edae49", "#8d6a9f", "#00798c", "#b5651d", "#6c757d"]


def series_colours(series: list[str]) -> dict[str, str]:
    """Distinct colours for the series of one figure, own reports first (stable order)."""
    ordered = sorted(set(series), key=lambda s: (not s.startswith("own report"), s))
    return {name: _PALETTE[i % len(_PALETTE)] for i, name in enumerate(ordered)}


def top_partners(iso3: str, year: int, source: str, n: int = 5) -> pd.DataFrame:
    """The largest partners by exports + imports in one year and source (world total excluded)."""
    frame = annual_usd()
    frame = frame[
        (frame["iso3"] == iso3)
        & (frame["year"] == year)
        & (frame["source"] == source)
        & frame["flow"].isin(["exports", "imports"])
    ]
    if frame.empty:
        return pd.DataFrame(columns=["partner", "value_bn", "share"])
    by_partner = frame[frame["partner_iso3"] != "WLD"].groupby("partner_iso3")["value"].sum()
    world = frame[frame["partner_iso3"] == "WLD"]["value"].sum() or by_partner.sum()
    top = by_partner.sort_values(ascending=False).head(n)
    return pd.DataFrame(
        {"partner": [short_name(p) for p in top.index], "value_bn": top.values / 1e9, "share": top.values / world}
    )


def latest_source_year(iso3: str) -> tuple[str, int] | None:
    """The most recent year with partner detail: national statistics if any, else BACI."""
    frame = annual_usd()
    frame = frame[(frame["iso3"] == iso3) & (frame["partner_iso3"] != "WLD")]
    for source in (*NATIONAL, "baci", "imf_dots"):
        part = frame[frame["source"] == source]
        if not part.empty:
            return source, int(part["year"].max())
    return None


def region_shares(partners: tuple[str, ...] = ("CHN", "RUS"), sources: tuple[str, ...] = NATIONAL) -> pd.DataFrame:
    """Each partner's share of the combined trade of the countries with national statistics,
    by year (only years where every listed source has data)."""
    frame = annual_usd()
    frame = frame[
        frame["source"].isin(sources) & frame["flow"].isin(["exports", "imports"]) & (frame["partner_iso3"] != "WLD")
    ]
    years = frame.groupby("year")["source"].nunique()
    full = years[years == len(sources)].index
    frame = frame[frame["year"].isin(full)]
    total = frame.groupby("year")["value"].sum()
    out = []
    for partner in partners:
        share = frame[frame["partner_iso3"] == partner].groupby("year")["value"].sum() / total
        out.append(pd.DataFrame({"year": share.index, "partner_iso3": partner, "share": share.values}))
    return pd.concat(out, ignore_index=True)


def mirror_ratio(iso3: str, partner: str) -> pd.DataFrame:
    """Partner-reported exports to `iso3` divided by `iso3`'s reported imports (IMF DOTS)."""
    frame = annual_usd()
    frame = frame[
        (frame["iso3"] == iso3)
        & (frame["partner_iso3"] == partner)
        & (frame["flow"] == "imports")
        & (frame["source"] == "imf_dots")
    ]
    wide = frame.pivot_table(index="year", columns="basis", values="value", aggfunc="sum")
    if not {"reported", "mirror"} <= set(wide.columns):
        return pd.DataFrame(columns=["year", "own_bn", "mirror_bn", "ratio"])
    return pd.DataFrame(
        {
            "year": wide.index,
            "own_bn": wide["reported"].values / 1e9,
            "mirror_bn": wide["mirror"].values / 1e9,
            "ratio": (wide["mirror"] / wide["reported"]).values,
        }
    )
