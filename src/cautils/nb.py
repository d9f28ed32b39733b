"""Helpers that keep notebooks thin: setup, glue, figure display, claim sections."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
from IPython.display import HTML, Markdown, display

from cautils import plots, report


def setup(claims_path: str = "", **parameters: Any) -> None:
    """Call first in every notebook: check the parameters against the data (an unknown value
    fails here, naming what is available), point the claim helpers at this build's ledger
    results (`claims_path`, set by the runner; empty = evaluate the ledger here), set the chart
    style and table display options."""
    from cautils.parameters import check

    for name, value in parameters.items():
        check(name, value)
    report.use(claims_path or None)
    if "article" in parameters:
        report.ledger_of(str(parameters["article"]))  # the page shows the article's metadata
    plots.use_style()
    pd.set_option("display.max_rows", 60)
    pd.set_option("display.float_format", lambda v: f"{v:,.2f}")


def glue(name: str, value: Any, display_value: bool = False) -> None:
    """myst-nb glue with plain Python types (numpy scalars break format specs)."""
    from myst_nb import glue as _glue

    if hasattr(value, "item"):
        value = value.item()
    _glue(name, value, display=display_value)


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def date_text(value: Any, day: bool = True, year: bool = True) -> str:
    """A date for prose: '2022-01-05' -> '5 January 2022', '1999-04' -> 'April 1999',
    '2006' -> '2006' (a curated date keeps only the precision it has). Accepts ISO text or a
    timestamp; `day=False` drops the day ('June 2010'), `year=False` the year ('6 January')."""
    if isinstance(value, pd.Timestamp):
        value = value.strftime("%Y-%m-%d")
    parts = str(value)[:10].split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4 or len(parts) > 3:
        raise ValueError(f"not a YYYY, YYYY-MM or YYYY-MM-DD date: {value!r}")
    words = []
    if day and len(parts) == 3:
        words.append(str(int(parts[2])))
    if len(parts) >= 2:
        words.append(MONTHS[int(parts[1]) - 1])
    if year or len(parts) == 1:
        words.append(parts[0])
    return " ".join(words)


def and_join(items: Any) -> str:
    """Items as prose: ['a'] -> 'a', ['a', 'b', 'c'] -> 'a, b and c' (numbers are written as str())."""
    words = [str(i) for i in items]
    if not words:
        raise ValueError("nothing to join")
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def year_spans(years: Any) -> str:
    """Years as prose spans: [1994, ..., 2003, 2018] -> '1994-2003 and 2018'."""
    ordered = sorted({int(y) for y in years})
    if not ordered:
        raise ValueError("no years")
    spans: list[list[int]] = []
    for year in ordered:
        if spans and year == spans[-1][-1] + 1:
            spans[-1].append(year)
        else:
            spans.append([year])
    return and_join(f"{s[0]}-{s[-1]}" if len(s) > 1 else str(s[0]) for s in spans)


def show(fig, alt: str | None = None) -> None:
    """Display a figure with its alt text (written from the figure unless given) and a download
    of its data as CSV, then free it (`cautils.figures`)."""
    import matplotlib.pyplot as plt

    from cautils.figures import figure_html

    display(HTML(figure_html(fig, alt)))
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
    """Display a table for readers: human headers, countries by name, formatted numbers, source
    URLs as links, and a box that scrolls sideways when the table is wider than the page."""
    import hashlib

    from cautils.tabledisplay import URL_COLUMNS, humanise, link, scroll_box

    frame = _years_as_text(humanise(frame))
    # a stable element id (pandas draws a random one), so re-executed notebooks are identical
    uid = hashlib.sha1((caption + frame.to_csv()).encode()).hexdigest()[:8]
    urls = [c for c in frame.columns if c in URL_COLUMNS]
    others = [c for c in frame.columns if c not in urls]
    styled = (
        frame.style.set_uuid(uid)
        .format(precision=digits, thousands=",", na_rep="–", escape="html", subset=others)
        .hide(axis="index")
    )
    if urls:
        styled = styled.format(link, subset=urls, na_rep="–")
    shares = [c for c in frame.columns if str(c).lower() in ("share", "pct", "percent") or str(c).startswith("share")]
    shares = [c for c in shares if pd.api.types.is_float_dtype(frame[c])]
    if shares:
        styled = styled.format("{:.1%}", subset=shares, na_rep="–")
    styled = styled.set_table_styles(
        [
            {"selector": "th, td", "props": "padding: 2px 10px; text-align: right;"},
            {"selector": "th", "props": "border-bottom: 1px solid #767676;"},
            {
                "selector": "caption",
                "props": "caption-side: top; font-weight: 600; padding-bottom: 4px; text-align: left;",
            },
        ]
    )
    if caption:
        styled = styled.set_caption(html.escape(caption))
    display(HTML(scroll_box(styled.to_html())))


def claims_section(theme: str | None = None, country: str | None = None, article: str | None = None) -> None:
    """The closing section of a chapter: the claims it settles, each linked to its own page."""
    from cautils.sphinxext import claims_list_directive

    if not report.in_book():  # run by hand (papermill, JupyterLab): render the list here
        display(HTML(report.claims_list(report.select(theme=theme, country=country, article=article))))
        return
    # In the book Sphinx renders it from this build's ledger (cautils.sphinxext), so editing a
    # claim re-renders this page without re-executing the notebook.
    display(Markdown(claims_list_directive(theme=theme or "", country=country or "", article=article or "")))


def annotated_article(article: str) -> None:
    """Every sentence of the article with the verdicts of its claims (rendered by Sphinx from this
    build's ledger when the notebook runs for the book, as `claims_section` is)."""
    from cautils.sphinxext import annotated_article_directive

    if not report.in_book():
        display(HTML(report.annotated_article(article)))
        return
    display(Markdown(annotated_article_directive(article)))
