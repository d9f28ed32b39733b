"""Tables as readers see them: human column headers and countries by name instead of codes."""

from __future__ import annotations

import html
import re
from urllib.parse import urlparse

import pandas as pd

from cautils.countries import short_name

# Column names as the tables spell them -> as a reader reads them.
HEADERS: dict[str, str] = {
    "iso3": "country",
    "partner_iso3": "partner",
    "supplier_iso3": "supplier",
    "recipient_iso3": "recipient",
    "host_iso3": "host",
    "origin_iso3": "origin",
    "reporter_iso3": "reporter",
    "value_bn": "US$ bn",
    "value_mn": "US$ mn",
    "value_usd_bn": "US$ bn",
    "value_usd_mn": "US$ mn",
    "tiv": "TIV (millions)",
    "bcm": "bcm",
    "n": "number",
    "pct": "%",
    "share_pct": "share (%)",
    "source_url": "source",
    "url": "source",
    "source_publisher": "publisher",
    "source_title": "source title",
    "source_date": "source date",
    "date_start": "from",
    "date_end": "to",
}
URL_COLUMNS = {"source", "url", "source_url"}
ISO3 = re.compile(r"^[A-Z]{3}$")


def _is_codes(series: pd.Series) -> bool:
    values = series.dropna().astype(str)
    return not values.empty and bool(values.map(lambda v: bool(ISO3.match(v))).all())


def _name(code: object) -> object:
    if not isinstance(code, str) or not ISO3.match(code):
        return code
    try:
        return short_name(code)
    except Exception:  # a code pycountry does not know (e.g. an aggregate): keep it
        return code


def humanise(frame: pd.DataFrame) -> pd.DataFrame:
    """Rename columns for readers and write ISO3 codes as country names. A code column is dropped
    when the table already has the names beside it."""
    out = frame.copy()
    for column in list(out.columns):
        name = str(column)
        if name.endswith("iso3") and _is_codes(out[column]):
            target = HEADERS.get(name, name.removesuffix("_iso3").replace("_", " "))
            if target in out.columns and target != name:
                out = out.drop(columns=column)
                continue
            out[column] = out[column].map(_name)
    renamed = {c: HEADERS.get(str(c), str(c).replace("_", " ")) for c in out.columns}
    if len(set(renamed.values())) == len(renamed):
        out = out.rename(columns=renamed)
    return out


def link(url: object) -> str:
    """A URL as a short link (its host), for source columns."""
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return html.escape("" if url is None else str(url))
    host = urlparse(url).hostname or url
    return f'<a href="{html.escape(url)}">{html.escape(host.removeprefix("www."))}</a>'


SCROLL_BOX = '<div class="table-scroll" tabindex="0" role="region" aria-label="table (scrolls sideways)">'


def scroll_box(inner: str) -> str:
    """Wrap a table so that a table wider than the page scrolls in its own (keyboard-focusable) box."""
    return f"{SCROLL_BOX}{inner}</div>"


def html_table(headers: list[str], rows: list[str], css_class: str) -> str:
    """A table from header labels (escaped) and ready-made `<tr>` rows, in a scroll box."""
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in headers)
    return scroll_box(
        f'<table class="{css_class}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )
