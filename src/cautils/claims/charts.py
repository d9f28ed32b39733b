"""Evidence charts for claim pages: the data behind a part, with the claimed figure drawn on it.

One function per kind of check returns (figure, data, alt text), or None when a part has no
chart (a dated fact, a quote). The data frame is what the chart shows, written beside it as CSV.
Colours come from the book's one colour-blind-safe palette (`cautils.plots.PALETTE`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from cautils.claims.models import PartResult  # noqa: E402
from cautils.plots import PALETTE, VOTE_COLOURS  # noqa: E402

ChartOut = tuple[plt.Figure, pd.DataFrame, str]
CLAIMED = PALETTE["claimed"]
MAIN = PALETTE["main"]
OTHER = PALETTE["other"]
TARGET = PALETTE["target"]


def _figure(width: float = 7.0, height: float = 3.2) -> tuple[plt.Figure, plt.Axes]:
    fig, ax = plt.subplots(figsize=(width, height), dpi=100)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.8)
    ax.set_axisbelow(True)
    return fig, ax


def _integer_years(ax: plt.Axes) -> None:
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def _series_chart(
    part: PartResult, claimed_years: list[int] | None = None, threshold: float | None = None
) -> ChartOut | None:
    data = pd.DataFrame(part.evidence)
    if data.empty or "year" not in data.columns:
        return None
    data = data[["year", "value"]].sort_values("year")
    fig, ax = _figure()
    ax.plot(data["year"], data["value"], marker="o", color=MAIN, linewidth=2, label="data")
    if claimed_years:
        picked = data[data["year"].isin(claimed_years)]
        ax.scatter(
            picked["year"],
            picked["value"],
            s=90,
            facecolor="none",
            edgecolor=CLAIMED,
            linewidth=2,
            label="years the claim names",
            zorder=3,
        )
    if threshold is not None:
        ax.axhline(threshold, color=CLAIMED, linestyle="--", linewidth=1.5, label="claimed threshold")
    _integer_years(ax)
    ax.set_xlabel("year")
    ax.legend(loc="best", fontsize=10)
    alt = (
        f"Line chart of the data for '{part.label}', {int(data['year'].min())} to {int(data['year'].max())}"
        + (", with the claim's years circled" if claimed_years else "")
        + (", with the claimed threshold as a dashed line" if threshold is not None else "")
        + "."
    )
    return fig, data, alt


def _change(part: PartResult) -> ChartOut | None:
    years = [int(y) for y in part.numbers.get("series", {})]
    ends = [min(years), max(years)] if years else None
    return _series_chart(part, claimed_years=ends)


def _record(part: PartResult) -> ChartOut | None:
    series = part.numbers.get("series", {})
    if not series:
        return None
    claimed = [int(y) for y in series if float(series[y]) == part.numbers.get("best_claimed")]
    return _series_chart(part, claimed_years=claimed)


def _bars(
    labels: list[str],
    values: list[float],
    highlight: set[str],
    title_unit: str = "",
    reference: float | None = None,
    reference_label: str = "claimed",
) -> tuple[plt.Figure, plt.Axes]:
    from cautils.tabledisplay import _name

    labels = [str(_name(label)) for label in labels]  # countries by name, not code
    highlight = {str(_name(h)) for h in highlight}
    fig, ax = _figure(7.0, max(2.4, 0.38 * len(labels) + 1.0))
    colours = [TARGET if label in highlight else OTHER for label in labels]
    ax.barh(labels[::-1], values[::-1], color=colours[::-1])
    if reference is not None:
        ax.axvline(reference, color=CLAIMED, linestyle="--", linewidth=1.5, label=reference_label)
        ax.legend(loc="lower right", fontsize=10)
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.8)
    ax.grid(axis="y", visible=False)
    if title_unit:
        ax.set_xlabel(title_unit)
    return fig, ax


def _share(part: PartResult) -> ChartOut | None:
    data = pd.DataFrame(part.evidence)
    if data.empty:
        return None
    data = data.sort_values("share", ascending=False).head(8)
    data["share_pct"] = data["share"] * 100
    target = set(str(part.numbers.get("target", "")).split("+"))
    top = data.iloc[0]["group"]
    highlight = target if target - {""} else {top}
    fig, _ = _bars(
        list(data["group"]),
        list(data["share_pct"]),
        highlight,
        "share (%)",
        part.numbers.get("threshold", 0) * 100,
        "claimed threshold",
    )
    alt = (
        f"Bar chart of shares (%) for '{part.label}', largest eight groups, "
        "with the claimed threshold as a dashed line."
    )
    return fig, data[["group", "value", "share"]], alt


def _share_change(part: PartResult) -> ChartOut | None:
    data = pd.DataFrame(part.evidence)
    if data.empty:
        return None
    data["share_pct"] = data["share"] * 100
    fig, ax = _figure(5.5, 3.0)
    ax.bar(data["window"], data["share_pct"], color=[OTHER, MAIN][: len(data)])
    ax.set_ylabel("share (%)")
    alt = f"Two bars: the share (%) in each window for '{part.label}'."
    return fig, data[["window", "share"]], alt


def _rank(part: PartResult) -> ChartOut | None:
    data = pd.DataFrame(part.evidence)
    if data.empty:
        return None
    last = data[data["period"] == data["period"].iloc[-1]]
    group = [c for c in last.columns if c not in ("period", "rank")][0]
    value = [c for c in last.columns if c not in ("period", "rank", group)][0]
    periods = part.numbers.get("periods", [])
    target = {str(p.get("leader", "")) for p in periods[-1:]}
    claimed = {str(t) for p in periods for t in p.get("top", [])} if periods and "top" in periods[-1] else set()
    named = set(str(x) for x in part.numbers.get("target_codes", [])) or claimed or target
    from cautils.tabledisplay import HEADERS, _name

    codes = list(last[group].astype(str))
    labels = [str(_name(c)) for c in codes]
    highlighted = {str(_name(c)) for c in named}
    unit = HEADERS.get(value, value.replace("_", " "))
    fig, _ = _bars(labels, list(last[value]), highlighted, unit)
    period = str(last["period"].iloc[0])
    alt = (
        f"Bar chart ranking each {HEADERS.get(group, group.removesuffix('_iso3').replace('_', ' '))} by {unit} "
        f"for '{part.label}'" + ("" if period == "all" else f", {period}") + "; the claim's subject is highlighted."
    )
    return fig, last, alt


def _value_near(part: PartResult) -> ChartOut | None:
    rows = [("data", part.numbers.get("value"))]
    rows += [(r.label, r.numbers.get("value")) for r in part.robustness if r.numbers.get("value") is not None]
    if part.actual and part.actual.numbers.get("value") is not None:
        rows.append((f"what happened: {part.actual.label}", part.actual.numbers.get("value")))
    rows = [(label[:60], float(v)) for label, v in rows if v is not None]
    if not rows:
        return None
    data = pd.DataFrame(rows, columns=["figure", "value"])
    fig, _ = _bars(
        list(data["figure"]),
        list(data["value"]),
        {"data"},
        str(part.numbers.get("unit", "")),
        float(part.numbers.get("stated", 0)),
        "the article's figure",
    )
    alt = (
        f"Bar chart comparing the data for '{part.label}' and the alternatives with the article's figure (dashed line)."
    )
    return fig, data, alt


def _threshold(part: PartResult) -> ChartOut | None:
    values = part.numbers.get("values", {})
    if not values:
        return None
    data = pd.DataFrame({"key": list(values), "value": [float(v) for v in values.values()]})
    if all(str(k).isdigit() for k in data["key"]) and len(data) > 1:
        data["year"] = data["key"].astype(int)
        data = data.sort_values("year")
        fig, ax = _figure()
        ax.plot(data["year"], data["value"], marker="o", color=MAIN, linewidth=2, label="data")
        ax.axhline(part.numbers["threshold"], color=CLAIMED, linestyle="--", linewidth=1.5, label="claimed threshold")
        _integer_years(ax)
        ax.legend(fontsize=10)
        return (
            fig,
            data[["year", "value"]],
            f"Line chart for '{part.label}' with the claimed threshold as a dashed line.",
        )
    fig, _ = _bars(
        [str(k) for k in data["key"]],
        list(data["value"]),
        set(),
        str(part.numbers.get("unit", "")),
        float(part.numbers["threshold"]),
        "claimed threshold",
    )
    return fig, data, f"Bar chart for '{part.label}' with the claimed threshold as a dashed line."


def _votes(part: PartResult) -> ChartOut | None:
    data = pd.DataFrame(part.evidence)
    if data.empty:
        return None
    symbols = sorted(set(data["symbol"]))
    countries = list(dict.fromkeys(data["iso3"]))
    fig, ax = _figure(max(4.0, 0.75 * len(symbols) + 2), 0.45 * len(countries) + 1.4)
    for y, iso3 in enumerate(countries):
        for x, symbol in enumerate(symbols):
            row = data[(data["iso3"] == iso3) & (data["symbol"] == symbol)]
            if row.empty:
                continue
            vote = row.iloc[0]["actual"]
            ax.scatter(x, y, s=260, color=VOTE_COLOURS.get(vote, "#cccccc"), marker="s")
            if not row.iloc[0]["match"]:
                ax.scatter(x, y, s=90, color="#000000", marker="x")
    ax.set_xticks(range(len(symbols)), [s.replace("A/RES/", "") for s in symbols], rotation=45, ha="right")
    ax.set_yticks(range(len(countries)), countries)
    ax.grid(False)
    handles = [
        plt.Line2D([], [], marker="s", linestyle="", color=c, markersize=10, label=v) for v, c in VOTE_COLOURS.items()
    ]
    handles.append(plt.Line2D([], [], marker="x", linestyle="", color="#000000", markersize=8, label="not as claimed"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9)
    alt = (
        f"Grid of recorded votes by country and resolution for '{part.label}'; "
        "crosses mark votes that differ from the claim."
    )
    return fig, data, alt


def _two(part: PartResult) -> ChartOut | None:
    numbers = part.numbers
    if "a" in numbers and isinstance(numbers["a"], dict):  # growth_compare
        rows = [(numbers[k]["label"][:60], (numbers[k]["rel"] or 0) * 100) for k in ("a", "b")]
        unit = "growth (%)"
    elif "a" in numbers:  # compare
        rows = [("first figure", float(numbers["a"])), ("second figure", float(numbers["b"]))]
        unit = ""
    else:
        return None
    data = pd.DataFrame(rows, columns=["series", "value"])
    fig, _ = _bars(list(data["series"]), list(data["value"]), {data["series"].iloc[0]}, unit)
    return fig, data, f"Two bars comparing the figures for '{part.label}'."


def _count(part: PartResult) -> ChartOut | None:
    data = pd.DataFrame([("sourced", float(part.numbers["count"]))], columns=["what", "count"])
    fig, _ = _bars(
        ["sourced"],
        [float(part.numbers["count"])],
        {"sourced"},
        "count",
        float(part.numbers["stated"]),
        "the article's count",
    )
    return fig, data, f"A bar of the sourced count for '{part.label}' against the article's count (dashed line)."


CHARTS: dict[str, Callable[[PartResult], ChartOut | None]] = {
    "change": _change,
    "record": _record,
    "share": _share,
    "share_change": _share_change,
    "rank": _rank,
    "value_near": _value_near,
    "threshold": _threshold,
    "vote_pattern": _votes,
    "growth_compare": _two,
    "compare": _two,
    "event_count": _count,
}


def chart_for(part: PartResult) -> ChartOut | None:
    """The evidence chart of a quantitative part, or None."""
    if not part.quantitative or part.evaluator not in CHARTS:
        return None
    try:
        out = CHARTS[part.evaluator](part)
    except (KeyError, ValueError, TypeError, IndexError):
        return None
    if out is not None:
        out[0].tight_layout()
    return out


def close(fig: Any) -> None:
    plt.close(fig)
