"""How a chart reaches the page: integer year axes, readable legends, alt text and its data as CSV.

`cautils.nb.show` passes every chart through here, so each figure of the book carries a text
description written from the figure itself (kind, title, axes, year range, series) and a
download of the numbers it draws, taken from the drawn lines and bars, never typed by hand.
"""

from __future__ import annotations

import base64
import html
import io
import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.container import BarContainer
from matplotlib.ticker import MaxNLocator

MIN_LEGEND_SIZE = 9.0


def _is_years(values: list[float]) -> bool:
    return bool(values) and all(float(v).is_integer() and 1800 <= v <= 2100 for v in values)


def _line_x(ax: plt.Axes) -> list[float]:
    out: list[float] = []
    for line in ax.get_lines():
        try:
            out += [float(x) for x in np.asarray(line.get_xdata()).ravel()]
        except (TypeError, ValueError):
            return []
    return out


def tidy(fig: plt.Figure) -> None:
    """Whole years on every year axis (no 2007.5) and legends no smaller than 9 pt."""
    for ax in fig.axes:
        if _is_years(_line_x(ax)):
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        legend = ax.get_legend()
        if legend is not None:
            for text in legend.get_texts():
                text.set_fontsize(max(text.get_fontsize(), MIN_LEGEND_SIZE))


def _series_names(ax: plt.Axes) -> list[str]:
    legend = ax.get_legend()
    if legend is not None:
        return [t.get_text() for t in legend.get_texts() if t.get_text()]
    return [str(c.get_label()) for c in ax.containers if not str(c.get_label()).startswith("_")]


def _kind(ax: plt.Axes) -> str:
    if ax.collections and not ax.get_lines() and not ax.containers:
        return "grid" if any(type(c).__name__ == "QuadMesh" for c in ax.collections) else "dot chart"
    if ax.containers and not ax.get_lines():
        return "bar chart"
    if ax.get_lines():
        return "line chart"
    return "chart"


def describe(fig: plt.Figure) -> str:
    """Alt text from the figure: per panel its kind, title, axis labels, year range and series."""
    panels = []
    for ax in fig.axes:
        if not ax.get_visible() or not (ax.get_lines() or ax.containers or ax.collections or ax.texts):
            continue
        bits = [_kind(ax).capitalize()]
        if ax.get_title():
            bits[0] += f" “{ax.get_title()}”"
        xs = _line_x(ax)
        if _is_years(xs):
            bits.append(f"years {int(min(xs))} to {int(max(xs))}")
        elif ax.get_xlabel():
            bits.append(f"horizontal axis: {ax.get_xlabel()}")
        if ax.get_ylabel():
            bits.append(f"vertical axis: {ax.get_ylabel()}")
        if _kind(ax) == "grid":
            rows = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
            columns = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
            bits.append(
                f"rows: {', '.join(rows)}; {len(columns)} columns from {columns[0]} to {columns[-1]}"
                if rows and columns
                else "a grid of cells"
            )
        names = _series_names(ax)
        if names:
            bits.append("series: " + ", ".join(names[:12]) + (" and more" if len(names) > 12 else ""))
        panels.append("; ".join(bits))
    if not panels:
        return "Chart."
    described = ". ".join(panels) + "."
    if not figure_data(fig).empty:
        described += " The numbers it shows can be downloaded as CSV below it."
    return described


def figure_data(fig: plt.Figure) -> pd.DataFrame:
    """The numbers the figure draws: one row per point of each line and each bar."""
    rows: list[dict[str, object]] = []
    for number, ax in enumerate(fig.axes, start=1):
        panel = ax.get_title() or f"panel {number}"
        for line in ax.get_lines():
            label = str(line.get_label())
            if label.startswith("_"):
                continue
            for x, y in zip(np.asarray(line.get_xdata()).ravel(), np.asarray(line.get_ydata()).ravel(), strict=False):
                rows.append({"panel": panel, "series": label, "x": x, "value": y})
        if _kind(ax) == "grid":
            columns = [t.get_text() for t in ax.get_xticklabels()]
            row_labels = [t.get_text() for t in ax.get_yticklabels()]
            for text in ax.texts:
                x, y = text.get_position()
                col, row = int(x), int(y)
                if 0 <= col < len(columns) and 0 <= row < len(row_labels):
                    rows.append(
                        {"panel": panel, "series": row_labels[row], "x": columns[col], "value": text.get_text()}
                    )
        ticks = [t.get_text() for t in ax.get_xticklabels()]
        for container in ax.containers:
            if not isinstance(container, BarContainer):
                continue
            label = str(container.get_label())
            for bar in container.patches:
                if container.orientation == "vertical":
                    centre, value, base = bar.get_x() + bar.get_width() / 2, bar.get_height(), bar.get_y()
                else:
                    centre, value, base = bar.get_y() + bar.get_height() / 2, bar.get_width(), bar.get_x()
                position = round(centre)
                x = (
                    ticks[position]
                    if container.orientation == "vertical" and 0 <= position < len(ticks) and ticks[position]
                    else centre
                )
                rows.append(
                    {
                        "panel": panel,
                        "series": "" if label.startswith("_") else label,
                        "x": x,
                        "value": value,
                        "stacked_on": base,
                    }
                )
    return pd.DataFrame(rows)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "chart"


def figure_html(fig: plt.Figure, alt: str | None = None) -> str:
    """The figure as an accessible HTML figure: the PNG inline, its alt text, and a link that
    downloads the drawn numbers as CSV (a data URI, so it works offline and in the PDF)."""
    tidy(fig)
    text = alt or describe(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight", metadata={"Software": None})
    png = base64.b64encode(buffer.getvalue()).decode("ascii")
    data = figure_data(fig)
    title = next((ax.get_title() for ax in fig.axes if ax.get_title()), "chart")
    link = ""
    if not data.empty:
        csv = base64.b64encode(data.to_csv(index=False).encode("utf-8")).decode("ascii")
        link = (
            f'<a class="chart-data" download="{_slug(title)}.csv" href="data:text/csv;base64,{csv}">'
            "Download the chart's data (CSV)</a>"
        )
    return (
        f'<figure class="book-chart"><img src="data:image/png;base64,{png}" alt="{html.escape(text)}">'
        f"<figcaption>{link}</figcaption></figure>"
    )
