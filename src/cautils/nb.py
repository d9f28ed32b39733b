"""Helpers that keep notebooks thin: setup, glue, figure display, claim sections."""

from __future__ import annotations

from typing import Any

import pandas as pd
from IPython.display import HTML, Markdown, display

from cautils import plots, report


def setup() -> None:
    """Call first in every notebook: chart style and table display options."""
    plots.use_style()
    pd.set_option("display.max_rows", 60)
    pd.set_option("display.float_format", lambda v: f"{v:,.2f}")


def glue(name: str, value: Any, display_value: bool = False) -> None:
    """myst-nb glue with plain Python types (numpy scalars break format specs)."""
    from myst_nb import glue as _glue

    if hasattr(value, "item"):
        value = value.item()
    _glue(name, value, display=display_value)


def show(fig) -> None:
    """Display a figure and free it."""
    import matplotlib.pyplot as plt

    display(fig)
    plt.close(fig)


def _years_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Year columns (by name, or integer column labels that are years) must not get separators."""
    frame = frame.copy()
    for column in frame.columns:
        if "year" in str(column).lower() and pd.api.types.is_integer_dtype(frame[column]):
            frame[column] = frame[column].astype("string")
    frame.columns = [str(c) if isinstance(c, int) else c for c in frame.columns]
    return frame


def table(frame: pd.DataFrame, caption: str = "", digits: int = 2) -> None:
    """Display a small table as HTML with an optional caption."""
    import hashlib

    frame = _years_as_text(frame)
    # a stable element id (pandas draws a random one), so re-executed notebooks are identical
    uid = hashlib.sha1((caption + frame.to_csv()).encode()).hexdigest()[:8]
    styled = frame.style.set_uuid(uid).format(precision=digits, thousands=",", na_rep="–").hide(axis="index")
    shares = [c for c in frame.columns if str(c).lower() in ("share", "pct", "percent") or str(c).startswith("share")]
    shares = [c for c in shares if pd.api.types.is_float_dtype(frame[c])]
    if shares:
        styled = styled.format("{:.1%}", subset=shares, na_rep="–")
    styled = styled.set_table_styles([
        {"selector": "th, td", "props": "padding: 2px 10px; text-align: right;"},
        {"selector": "th", "props": "border-bottom: 1px solid #bbb;"},
        {"selector": "caption", "props": "caption-side: top; font-weight: 600; padding-bottom: 4px;"},
    ])
    if caption:
        styled = styled.set_caption(caption)
    display(HTML(styled.to_html()))


def claims_section(theme: str | None = None, country: str | None = None, article: str | None = None,
                   cards: bool = True) -> None:
    """The closing section of a chapter: the claims it settles and their verdicts."""
    chosen = report.select(theme=theme, country=country, article=article)
    if not chosen:
        display(Markdown("No claim of the two articles is settled in this chapter."))
        return
    display(HTML(report.claims_table(chosen)))
    if cards:
        for result in chosen:
            display(HTML(report.claim_card(result)))
