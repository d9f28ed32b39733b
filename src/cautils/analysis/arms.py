"""Arms transfers to the five (SIPRI TIV) and their military expenditure (SIPRI MILEX).

TIV (SIPRI trend-indicator value, millions) measures the volume of major conventional
arms, not the money paid. Releases are never added together: every function takes one
`release` (2024, 2025 or 2026). The 2026 release gives only a deal's total delivered TIV,
spread equally over its delivery years (the project's estimate, not SIPRI's annual figure).
Sums, shares and periods are the project's calculations, not SIPRI's.
"""

from __future__ import annotations

import json
import re

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.container import BarContainer

from cautils import deps, plots
from cautils.countries import CA5, short_name
from cautils.data import load
from cautils.paths import MANIFEST_PATH

RELEASES: tuple[int, ...] = (2024, 2025, 2026)
# Last delivery year each release covers.
RELEASE_LAST_YEAR: dict[int, int] = {2024: 2023, 2025: 2024, 2026: 2025}
RELEASE_NOTES: dict[int, str] = {
    2024: "2024 release, data generated 13 Apr 2024; exact annual values",
    2025: "2025 release, data generated 12 Feb 2026; exact annual values",
    2026: "2026 release, data generated 18 May 2026; annual values are the project's equal split of each deal's total",
}
FIRST_YEAR = 1992
UNKNOWN = "unknown"
SUPPLIER_CHART_TOP = 6  # suppliers shown by name in the per-country charts; the rest are "other"
MILEX_NEAR_ZERO = 0.001  # a military-expenditure share of GDP below this (0.1%) is "near zero"
MILEX_MEASURES: dict[str, str] = {
    "milex_constant_2023_usd_m": "US$ million, constant 2023 prices",
    "milex_share_of_gdp": "share of GDP",
}
# Colours for suppliers the book-wide palette does not name (so no two stacks share grey).
_EXTRA_COLOURS = ("#8c564b", "#e377c2", "#17becf", "#bcbd22", "#9467bd", "#ff7f0e", "#7f7f7f")


def _check_release(release: int) -> None:
    if release not in RELEASE_LAST_YEAR:
        raise ValueError(f"unknown SIPRI release {release!r}; choose one of {RELEASES}")


def sipri_source(release: int = 2026) -> str:
    """The source line for a chart built from one arms-transfer release."""
    _check_release(release)
    return (
        f"SIPRI Arms Transfers Database ({RELEASE_NOTES[release]}). TIV = volume of major "
        "conventional arms, not financial value. Sums and shares are the project's calculations, not SIPRI's."
    )


def release_methods() -> dict[int, str]:
    """How each release's annual values were made (table sipri_deliveries, column method):
    'exact_annual' (SIPRI's annual values) or 'equal_split' (the project's equal split of a deal's
    total over its delivery years)."""
    frame = load("sipri_deliveries")
    methods = frame.groupby("release")["method"].unique()
    out = {}
    for release, found in methods.items():
        if len(found) != 1:
            raise ValueError(f"release {release} mixes methods {list(found)}")
        out[int(release)] = str(found[0])
    return out


def deliveries(release: int = 2026, recipients: list[str] | tuple[str, ...] | None = None) -> pd.DataFrame:
    """Deliveries (deal x year) of one release, to the given recipients (default: the five).

    `supplier_iso3` is 'unknown' where SIPRI gives 'unknown supplier(s)'."""
    _check_release(release)
    frame = load("sipri_deliveries")
    frame = frame[frame["release"] == release]
    frame = frame[frame["recipient_iso3"].isin(list(recipients or CA5))].copy()
    frame["supplier_iso3"] = frame["supplier_iso3"].fillna(UNKNOWN)
    return frame.reset_index(drop=True)


def default_periods(release: int = 2026, start: int = FIRST_YEAR, width: int = 5) -> list[tuple[int, int]]:
    """Five-year windows from `start` to the release's last delivery year (the last may be shorter)."""
    _check_release(release)
    last = RELEASE_LAST_YEAR[release]
    return [(y, min(y + width - 1, last)) for y in range(start, last + 1, width)]


def period_label(period: tuple[int, int]) -> str:
    return f"{period[0]}-{period[1]}"


def _with_period(frame: pd.DataFrame, periods: list[tuple[int, int]]) -> pd.DataFrame:
    """Rows inside one of the periods, with a `period` label column (periods must not overlap)."""
    labels = pd.Series(pd.NA, index=frame.index, dtype="object")
    for period in periods:
        inside = frame["year"].between(period[0], period[1])
        if labels[inside].notna().any():
            raise ValueError(f"periods overlap: {periods}")
        labels[inside] = period_label(period)
    return frame.assign(period=labels).dropna(subset=["period"])


def _display_name(code: str) -> str:
    return UNKNOWN if code == UNKNOWN else short_name(code)


def tiv_by_supplier_period(
    iso3: str, release: int = 2026, periods: list[tuple[int, int]] | None = None
) -> pd.DataFrame:
    """TIV delivered to `iso3` by supplier and period: period, supplier_iso3, supplier, tiv.

    Default periods: five-year windows from 1992 to the release's last year. Only
    supplier-period pairs with deliveries appear; periods are in time order."""
    periods = periods or default_periods(release)
    frame = _with_period(deliveries(release, [iso3]), periods)
    out = frame.groupby(["period", "supplier_iso3"], as_index=False)["tiv"].sum()
    out["supplier"] = out["supplier_iso3"].map(_display_name)
    order = {period_label(p): i for i, p in enumerate(periods)}
    out = out.sort_values(["period", "tiv"], key=lambda s: s.map(order) if s.name == "period" else -s)
    out["supplier_iso3"] = out["supplier_iso3"].replace(UNKNOWN, None)
    return out[["period", "supplier_iso3", "supplier", "tiv"]].reset_index(drop=True)


def _recolour(fig: plt.Figure) -> None:
    """Give suppliers without a book colour distinct colours instead of the shared 'other' grey."""
    ax = fig.axes[0]
    grey = plots.partner_colour("other")
    extra = iter(_EXTRA_COLOURS)
    for container in ax.containers:
        if not isinstance(container, BarContainer):  # stacked_bars draws bars only
            continue
        label = container.get_label()
        code = next((c for c in plots.PARTNER_COLOURS if short_name(c) == label or c == label), None)
        if label in ("other", UNKNOWN) or code is not None:
            continue
        colour = next(extra, grey)
        for patch in container.patches:
            patch.set_facecolor(colour)
    ax.legend(fontsize=8, loc="upper left")


def supplier_chart(iso3: str, release: int = 2026) -> plt.Figure:
    """Stacked bars of TIV delivered to `iso3` per five-year period, by supplier."""
    periods = default_periods(release)
    frame = tiv_by_supplier_period(iso3, release, periods)
    frame = frame.assign(supplier_iso3=frame["supplier_iso3"].fillna(UNKNOWN))
    # Periods without deliveries stay on the axis as empty bars.
    missing = [period_label(p) for p in periods if period_label(p) not in set(frame["period"])]
    if missing and not frame.empty:
        lead = frame.groupby("supplier_iso3")["tiv"].sum().idxmax()
        frame = pd.concat(
            [frame, pd.DataFrame({"period": missing, "supplier_iso3": lead, "tiv": 0.0})], ignore_index=True
        )
    last = periods[-1]
    fig = plots.stacked_bars(
        frame,
        index="period",
        stack="supplier_iso3",
        value="tiv",
        title=f"{short_name(iso3)}: major arms delivered, by supplier",
        ylabel="SIPRI TIV (millions)",
        source=sipri_source(release)
        + (f" Last period {period_label(last)} has {last[1] - last[0] + 1} years." if last[1] - last[0] < 4 else ""),
        top=SUPPLIER_CHART_TOP,
    )
    _recolour(fig)
    ax = fig.axes[0]
    ax.set_ylim(0, ax.get_ylim()[1] * 1.05)
    ax.tick_params(axis="x", labelsize=8)
    for label in ax.get_xticklabels():
        label.set_rotation(30)
        label.set_horizontalalignment("right")
    fig.tight_layout()
    return fig


def supplier_shares(
    recipients: str | list[str] | tuple[str, ...], start: int, end: int, release: int = 2026
) -> pd.DataFrame:
    """TIV and share by supplier over [start, end] for one recipient or a group (summed):
    supplier_iso3, supplier, tiv, share, largest first."""
    recipients = [recipients] if isinstance(recipients, str) else list(recipients)
    frame = deliveries(release, recipients)
    frame = frame[frame["year"].between(start, end)]
    out = frame.groupby("supplier_iso3", as_index=False)["tiv"].sum().sort_values("tiv", ascending=False)
    total = out["tiv"].sum()
    out["share"] = out["tiv"] / total if total else float("nan")
    out["supplier"] = out["supplier_iso3"].map(_display_name)
    return out[["supplier_iso3", "supplier", "tiv", "share"]].reset_index(drop=True)


def supplier_share(
    recipients: str | list[str] | tuple[str, ...], supplier_iso3: str, start: int, end: int, release: int = 2026
) -> float:
    """One supplier's share of the TIV delivered to the recipient(s) over [start, end] (0 if none)."""
    shares = supplier_shares(recipients, start, end, release)
    if shares.empty:
        raise ValueError(f"no deliveries to {recipients} in {start}-{end} (release {release})")
    return float(shares.loc[shares["supplier_iso3"] == supplier_iso3, "share"].sum())


def top_suppliers(iso3: str, start: int, end: int, release: int = 2026, n: int = 5) -> pd.DataFrame:
    """The n largest suppliers to `iso3` over [start, end]: supplier, tiv, share (share of all suppliers)."""
    return supplier_shares(iso3, start, end, release).head(n)[["supplier", "tiv", "share"]]


def top_suppliers_table(
    start: int, end: int, release: int = 2026, n: int = 3, recipients: tuple[str, ...] = CA5
) -> pd.DataFrame:
    """The n largest suppliers of each recipient over [start, end]: recipient, rank, supplier, tiv, share."""
    frames = []
    for iso3 in recipients:
        top = top_suppliers(iso3, start, end, release, n)
        frames.append(top.assign(recipient=short_name(iso3), rank=range(1, len(top) + 1)))
    return pd.concat(frames, ignore_index=True)[["recipient", "rank", "supplier", "tiv", "share"]]


def region_shares_by_period(
    release: int = 2026,
    suppliers: tuple[str, ...] = ("RUS", "CHN"),
    periods: list[tuple[int, int]] | None = None,
    recipients: tuple[str, ...] = CA5,
) -> pd.DataFrame:
    """Each supplier's share of all TIV delivered to the recipients (summed) per period:
    period, start, end, supplier_iso3, supplier, tiv, total, share."""
    periods = periods or default_periods(release)
    rows = []
    for period in periods:
        shares = supplier_shares(recipients, period[0], period[1], release)
        total = float(shares["tiv"].sum())
        for code in suppliers:
            tiv = float(shares.loc[shares["supplier_iso3"] == code, "tiv"].sum())
            rows.append(
                {
                    "period": period_label(period),
                    "start": period[0],
                    "end": period[1],
                    "supplier_iso3": code,
                    "supplier": short_name(code),
                    "tiv": tiv,
                    "total": total,
                    "share": tiv / total if total else float("nan"),
                }
            )
    return pd.DataFrame(rows)


def region_share_chart(release: int = 2026, suppliers: tuple[str, ...] = ("RUS", "CHN")) -> plt.Figure:
    """Russia's and China's shares of the five's combined arms imports, per five-year period."""
    frame = region_shares_by_period(release, suppliers)
    fig, ax = plt.subplots()
    for code, part in frame.groupby("supplier_iso3", sort=False):
        ax.plot(
            part["period"],
            part["share"] * 100,
            marker="o",
            linewidth=2,
            color=plots.partner_colour(code),
            label=short_name(code),
        )
    ax.set_ylabel("% of TIV delivered to the five")
    ax.set_ylim(0, 100)
    ax.set_title("Shares of Central Asia's major arms imports")
    ax.tick_params(axis="x", labelsize=8)
    ax.legend(fontsize=8, loc="upper right")
    plots.source_note(fig, sipri_source(release))
    fig.tight_layout()
    return fig


def release_comparison(
    iso3: str = "TKM", supplier_iso3: str = "CHN", start: int = 2013, end: int | None = None
) -> pd.DataFrame:
    """The supplier's share in each release, over the years all releases cover (start to `end`,
    default the oldest release's last year) and over each release's own full window:
    release, window, share, window_full, share_full, tiv_total_full."""
    common_end = end or min(RELEASE_LAST_YEAR.values())
    rows = []
    for release in RELEASES:
        last = RELEASE_LAST_YEAR[release]
        full = supplier_shares(iso3, start, last, release)
        rows.append(
            {
                "release": release,
                "window": f"{start}-{common_end}",
                "share": supplier_share(iso3, supplier_iso3, start, common_end, release),
                "window_full": f"{start}-{last}",
                "share_full": float(full.loc[full["supplier_iso3"] == supplier_iso3, "share"].sum()),
                "tiv_total_full": float(full["tiv"].sum()),
            }
        )
    return pd.DataFrame(rows)


def release_matrix(
    start: int = 2013,
    end: int | None = None,
    suppliers: tuple[str, ...] = ("RUS", "CHN"),
    recipients: tuple[str, ...] = CA5,
) -> pd.DataFrame:
    """Supplier shares per recipient over the same years in every release (wide: one column per
    release) and the largest gap between releases in percentage points."""
    end = end or min(RELEASE_LAST_YEAR.values())
    rows = []
    for iso3 in recipients:
        for code in suppliers:
            row: dict[str, str | float] = {"recipient": short_name(iso3), "supplier": short_name(code)}
            values: list[float] = []
            for release in RELEASES:
                shares = supplier_shares(iso3, start, end, release)
                value = (
                    float(shares.loc[shares["supplier_iso3"] == code, "share"].sum())
                    if not shares.empty
                    else float("nan")
                )
                row[f"{release} release"] = value
                values.append(value)
            row["range_pp"] = (max(values) - min(values)) * 100
            rows.append(row)
    return pd.DataFrame(rows)


def release_totals(recipients: tuple[str, ...] = CA5, start: int = FIRST_YEAR, end: int | None = None) -> pd.DataFrame:
    """Total TIV per recipient over the same years in each release (wide by release)."""
    end = end or min(RELEASE_LAST_YEAR.values())
    rows = []
    for iso3 in recipients:
        row: dict[str, str | float] = {"recipient": short_name(iso3)}
        for release in RELEASES:
            frame = deliveries(release, [iso3])
            row[f"{release} release"] = float(frame.loc[frame["year"].between(start, end), "tiv"].sum())
        rows.append(row)
    return pd.DataFrame(rows)


# -- military expenditure ---------------------------------------------------------------------------


def milex(
    measure: str = "milex_constant_2023_usd_m", countries: tuple[str, ...] = CA5, start: int = FIRST_YEAR
) -> pd.DataFrame:
    """SIPRI MILEX (2025 release) for the countries from `start`: iso3, country, year, value, flag.
    Missing years stay as rows with an empty value (gaps are shown, never filled)."""
    frame = load("sipri_milex")
    frame = frame[(frame["measure"] == measure) & frame["iso3"].isin(list(countries)) & (frame["year"] >= start)]
    frame = frame.assign(country=frame["iso3"].map(short_name))
    return frame[["iso3", "country", "year", "value", "flag"]].sort_values(["iso3", "year"]).reset_index(drop=True)


def milex_release() -> int:
    """The SIPRI MILEX release the table sipri_milex was built from (its dataset in the manifest,
    e.g. 'sipri_milex_2025' -> 2025)."""
    deps.record_file(MANIFEST_PATH)
    entry = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))["tables"]["sipri_milex"]
    found = {int(m.group(1)) for i in entry["inputs"] if (m := re.search(r"(\d{4})$", i["dataset"]))}
    if len(found) != 1:
        raise ValueError(f"sipri_milex is built from {len(found)} releases: {sorted(found)}")
    return found.pop()


def milex_years(iso3: str, measure: str = "milex_share_of_gdp", near_zero: bool = False) -> list[int]:
    """Years with a SIPRI military-expenditure value for one country (from FIRST_YEAR); with
    `near_zero`, only the years whose value is below MILEX_NEAR_ZERO."""
    frame = milex(measure, (iso3,)).dropna(subset=["value"])
    if near_zero:
        frame = frame[frame["value"] < MILEX_NEAR_ZERO]
    return [int(y) for y in frame["year"]]


def milex_chart(measure: str = "milex_share_of_gdp") -> plt.Figure:
    """Military expenditure of the five, one line per country; missing years are gaps."""
    frame = milex(measure)
    scale = 100 if measure == "milex_share_of_gdp" else 1
    fig = plots.line_by_series(
        frame.assign(value=frame["value"] * scale),
        series="country",
        colour_key="iso3",
        title="Military expenditure of the five" + (" (% of GDP)" if scale == 100 else ""),
        ylabel="% of GDP" if scale == 100 else MILEX_MEASURES.get(measure, measure),
        source="SIPRI Military Expenditure Database 2025 (data to 2024). Missing years are gaps in SIPRI's data.",
    )
    # The book palette has no colours for the Central Asian states other than Kazakhstan.
    ax = fig.axes[0]
    extra = iter(_EXTRA_COLOURS)
    for line in ax.get_lines():
        if line.get_label() != "Kazakhstan":
            line.set_color(next(extra))
    ax.legend(fontsize=8, loc="upper right")
    return fig


def milex_coverage(
    measure: str = "milex_constant_2023_usd_m", start: int = FIRST_YEAR, end: int = 2024
) -> pd.DataFrame:
    """Which years have a value per country: country, first, last, years with data, years missing,
    SIPRI estimates (blue) and highly uncertain values (red) among them."""
    frame = milex(measure, start=start)
    frame = frame[frame["year"] <= end]
    rows = []
    for iso3, part in frame.groupby("iso3", sort=False):
        have = part.dropna(subset=["value"])
        rows.append(
            {
                "country": short_name(iso3),
                "first": int(have["year"].min()) if not have.empty else None,
                "last": int(have["year"].max()) if not have.empty else None,
                "years with data": len(have),
                "years missing": (end - start + 1) - len(have),
                "SIPRI estimates": int((have["flag"] == "SIPRI estimate (blue)").sum()),
                "highly uncertain": int((have["flag"] == "highly uncertain (red)").sum()),
            }
        )
    return pd.DataFrame(rows)


def milex_latest(measure: str = "milex_share_of_gdp", countries: tuple[str, ...] = CA5) -> pd.DataFrame:
    """Latest year with a value per country: country, year, value."""
    frame = milex(measure, countries).dropna(subset=["value"])
    latest = frame.sort_values("year").groupby("iso3", sort=False).tail(1)
    return latest.set_index("iso3").reindex(list(countries)).reset_index()[["iso3", "country", "year", "value"]]


# -- cross-check with the World Bank copy of SIPRI's TIV ---------------------------------------------


def wdi_check(release: int = 2024) -> pd.DataFrame:
    """WDI MS.MIL.MPRT.KD (SIPRI TIV as republished by the World Bank, to 2022) beside the annual sum
    of one release: recipient, year, wdi_tiv_m, sipri_tiv_m, difference. Years in WDI only."""
    wdi = load("wdi")
    wdi = wdi[(wdi["indicator"] == "MS.MIL.MPRT.KD") & wdi["iso3"].isin(list(CA5))]
    ours = deliveries(release).groupby(["recipient_iso3", "year"])["tiv"].sum()
    out = wdi.assign(wdi_tiv_m=wdi["value"] / 1e6)[["iso3", "year", "wdi_tiv_m"]]
    out["sipri_tiv_m"] = [float(ours.get((i, y), 0.0)) for i, y in zip(out["iso3"], out["year"], strict=True)]
    out["difference"] = out["wdi_tiv_m"] - out["sipri_tiv_m"]
    return out.rename(columns={"iso3": "recipient"}).sort_values(["recipient", "year"]).reset_index(drop=True)
