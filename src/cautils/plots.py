"""One chart style for the whole book: seaborn theme, fixed colours, source notes.

Every chart function takes a tidy DataFrame and returns a matplotlib Figure; gaps in the
data stay gaps (lines break at missing years; nothing is interpolated).
"""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from cautils.claims.rubric import COLOURS as VERDICT_COLOURS
from cautils.claims.rubric import VERDICTS
from cautils.countries import short_name

# The book's one palette: Okabe and Ito's colour-blind-safe colours, plus greys.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
    "light": "#BBBBBB",
}
PALETTE: dict[str, str] = {
    "main": OKABE_ITO["blue"],
    "claimed": OKABE_ITO["vermillion"],
    "target": OKABE_ITO["blue"],
    "other": OKABE_ITO["light"],
    **OKABE_ITO,
}
PARTNER_COLOURS: dict[str, str] = {
    "CHN": OKABE_ITO["vermillion"],
    "RUS": OKABE_ITO["blue"],
    "TUR": OKABE_ITO["orange"],
    "USA": OKABE_ITO["green"],
    "EU27": OKABE_ITO["sky"],
    "KAZ": OKABE_ITO["purple"],
    "BLR": "#555555",
    "ISR": OKABE_ITO["sky"],
    "FRA": OKABE_ITO["green"],
    "UKR": OKABE_ITO["yellow"],
    "SUN": "#7A9CC6",
    "other": OKABE_ITO["light"],
}
BASIS_DASHES: dict[str, tuple] = {"reported": (), "mirror": (4, 2), "reconciled": (1, 1)}
VOTE_COLOURS: dict[str, str] = {"yes": "#1b7837", "no": "#c2185b", "abstain": "#f0c05a", "absent": "#d9d9d9"}


def use_style() -> None:
    """Apply the book's seaborn theme (call once per notebook)."""
    sns.set_theme(style="whitegrid", context="notebook", font_scale=0.95)
    plt.rcParams.update(
        {
            "figure.figsize": (8.5, 4.2),
            "figure.dpi": 110,
            "savefig.dpi": 110,
            "axes.titleweight": "bold",
            "axes.titlesize": 12,
            "legend.frameon": False,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )


EXTRA_COLOURS = [OKABE_ITO[k] for k in ("orange", "sky", "green", "yellow", "purple", "grey")] + [
    "#882255",
    "#44AA99",
    "#117733",
    "#332288",
]
VOTE_LABELS = {"yes": "yes", "no": "no", "abstain": "abst.", "absent": "absent"}


def partner_colour(code: str) -> str:
    """A fixed colour for the main partners; any other code gets a stable colour of its own."""
    if code in PARTNER_COLOURS:
        return PARTNER_COLOURS[code]
    return EXTRA_COLOURS[sum(ord(ch) * (i + 1) for i, ch in enumerate(str(code))) % len(EXTRA_COLOURS)]


def source_note(fig: plt.Figure, text: str) -> None:
    """Write the data source under the chart, as every chart in the book carries one."""
    fig.text(0.01, -0.01, f"Source: {text}", ha="left", va="top", fontsize=8, color="#555555", wrap=True)


def _full_years(frame: pd.DataFrame, year_col: str = "year") -> range:
    return range(int(frame[year_col].min()), int(frame[year_col].max()) + 1)


def line_by_series(
    frame: pd.DataFrame,
    *,
    series: str,
    colour_key: str,
    dash_key: str | None = None,
    value: str = "value",
    title: str = "",
    ylabel: str = "",
    source: str = "",
    labels: dict[str, str] | None = None,
) -> plt.Figure:
    """One line per series; missing years stay gaps (the series is reindexed, never filled)."""
    fig, ax = plt.subplots()
    years = _full_years(frame)
    for name, part in frame.groupby(series, sort=True):
        line = part.groupby("year")[value].sum(min_count=1).reindex(years)
        first = part.iloc[0]
        dashes = BASIS_DASHES.get(first[dash_key], ()) if dash_key else ()
        ax.plot(
            line.index,
            line.values,
            marker="o",
            markersize=3.5,
            linewidth=1.8,
            color=partner_colour(str(first[colour_key])),
            dashes=dashes,
            label=(labels or {}).get(name, str(name)),
        )
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.set_xlabel("")
    ax.legend(loc="upper left", fontsize=8, ncols=1)
    ax.set_ylim(bottom=0)
    if source:
        source_note(fig, source)
    fig.tight_layout()
    return fig


def stacked_bars(
    frame: pd.DataFrame,
    *,
    index: str,
    stack: str,
    value: str,
    title: str = "",
    ylabel: str = "",
    source: str = "",
    top: int = 6,
) -> plt.Figure:
    """Stacked bars (e.g. arms TIV by supplier per period); small stacks are grouped as 'other'."""
    totals = frame.groupby(stack)[value].sum().sort_values(ascending=False)
    keep = list(totals.head(top).index)
    data = frame.assign(**{stack: frame[stack].where(frame[stack].isin(keep), "other")})
    table = data.pivot_table(index=index, columns=stack, values=value, aggfunc="sum", fill_value=0)
    order = [c for c in keep if c in table.columns] + (["other"] if "other" in table.columns else [])
    table = table[order]
    fig, ax = plt.subplots()
    bottom = pd.Series(0.0, index=table.index)
    for column in table.columns:
        ax.bar(
            table.index.astype(str),
            table[column],
            bottom=bottom,
            color=partner_colour(column),
            label=short_name(column) if len(column) == 3 and column.isupper() else column,
            width=0.7,
        )
        bottom += table[column]
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=8, loc="upper left")
    if source:
        source_note(fig, source)
    fig.tight_layout()
    return fig


def vote_grid(votes: pd.DataFrame, *, title: str = "", source: str = "") -> plt.Figure:
    """Countries × resolutions, coloured by vote (yes / no / abstain / absent)."""
    order = list(dict.fromkeys(votes.sort_values("date")["symbol"]))
    countries = list(dict.fromkeys(votes["iso3"]))
    codes = {v: i for i, v in enumerate(VOTE_COLOURS)}
    grid = votes.pivot_table(index="iso3", columns="symbol", values="vote", aggfunc="first").reindex(
        index=countries, columns=order
    )
    numeric = grid.apply(lambda col: col.map(codes))
    fig, ax = plt.subplots(figsize=(max(6, 0.55 * len(order) + 2), 0.45 * len(countries) + 1.6))
    cmap = matplotlib.colors.ListedColormap(list(VOTE_COLOURS.values()))
    sns.heatmap(
        numeric,
        cmap=cmap,
        vmin=-0.5,
        vmax=len(VOTE_COLOURS) - 0.5,
        cbar=False,
        linewidths=1,
        linecolor="white",
        ax=ax,
        annot=grid.apply(lambda c: c.map(VOTE_LABELS)),
        fmt="",
        annot_kws={"fontsize": 7},
    )
    ax.set_yticklabels([short_name(c) for c in countries], rotation=0)
    ax.set_xticklabels([s.replace("A/RES/", "") for s in order], rotation=60, ha="right", fontsize=8)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_title(title)
    if source:
        source_note(fig, source)
    fig.tight_layout()
    return fig


def verdict_bars(summary: pd.DataFrame, *, title: str = "Verdicts by article") -> plt.Figure:
    """Horizontal stacked bars: number of claims per verdict for each article."""
    table = summary.pivot_table(index="article", columns="verdict", values="n", aggfunc="sum", fill_value=0)
    table = table.reindex(columns=[v for v in VERDICTS if v in table.columns])
    fig, ax = plt.subplots(figsize=(8.5, 2.4))
    left = pd.Series(0.0, index=table.index)
    for verdict in table.columns:
        ax.barh(table.index, table[verdict], left=left, color=VERDICT_COLOURS[verdict], label=verdict)
        for y, (start, width) in enumerate(zip(left, table[verdict], strict=True)):
            if width:
                ax.text(start + width / 2, y, str(int(width)), ha="center", va="center", fontsize=9)
        left += table[verdict]
    ax.set_xlabel("claims")
    ax.set_title(title)
    ax.legend(ncols=4, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.35))
    fig.tight_layout()
    return fig
