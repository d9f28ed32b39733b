"""UN General Assembly recorded votes of the five, Russia and China.

The votes come from three parts of different standing (see unga/PROVENANCE.md):
A = Voeten's academic compilation (to Jan 2020), B = the UN's DGACM machine-readable
resolutions (sessions 74-80, ES-11/1-6), C = a third-party (3DL) scrape of UN Digital
Library voting records (2025, incl. ES-11/7-9). 'absent' means a member state that did not
vote: no source tells 'absent' from 'present and not voting'.
"""

from __future__ import annotations

import re
from typing import Literal

import matplotlib.pyplot as plt
import pandas as pd

from cautils import plots
from cautils.countries import CA5, short_name
from cautils.curated import load_curated
from cautils.data import load

VOTES: tuple[str, ...] = ("yes", "no", "abstain", "absent")
CRIMEA_SYMBOL = "A/RES/68/262"
UKRAINE_SESSION = "ES-11"
PART_NAMES: dict[str, str] = {
    "A": "Part A: Voeten, UNGA voting data (unvotes R package)",
    "B": "Part B: UN DGACM machine-readable GA resolutions",
    "C": "Part C: UN Digital Library voting records (3DL scrape)",
}
VOTE_LABELS: dict[str, str] = plots.VOTE_LABELS
AbsentRule = Literal["drop", "disagree"]
ABSENT_RULES: dict[str, str] = {
    "drop": "absences left out (only resolutions where both cast a vote)",
    "disagree": "absences kept (an absence never counts as agreement)",
}


def _symbol_key(symbol: str) -> tuple:
    """Natural sort key: A/RES/ES-11/10 after A/RES/ES-11/9."""
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", symbol))


def _order(frame: pd.DataFrame) -> pd.DataFrame:
    key = frame["symbol"].map(_symbol_key)
    return frame.assign(_key=key).sort_values(["date", "_key"]).drop(columns="_key").reset_index(drop=True)


def resolutions() -> pd.DataFrame:
    return load("unga_resolutions")


def votes() -> pd.DataFrame:
    return load("unga_votes")


def ukraine_resolutions() -> pd.DataFrame:
    """A/RES/68/262 (Crimea, 2014) and every resolution of the 11th emergency special session
    (Ukraine, 2022-): symbol, date, title, yes, no, abstain, source_part, in date order."""
    res = resolutions()
    chosen = res[(res["symbol"] == CRIMEA_SYMBOL) | (res["session"] == UKRAINE_SESSION)]
    return _order(chosen)[["symbol", "date", "title", "yes", "no", "abstain", "source_part"]]


def ukraine_votes(countries: list[str]) -> pd.DataFrame:
    """Votes of the countries on the Ukraine resolutions: symbol, date, iso3, vote (countries in
    the order given, resolutions in date order)."""
    symbols = ukraine_resolutions()["symbol"]
    frame = votes()
    frame = frame[frame["symbol"].isin(symbols) & frame["iso3"].isin(countries)]
    frame = _order(frame)
    rank = {c: i for i, c in enumerate(countries)}
    frame = frame.assign(
        _c=frame["iso3"].map(rank), _s=frame["symbol"].map(dict(zip(symbols, range(len(symbols)), strict=True)))
    )
    return (
        frame.sort_values(["_s", "_c"])
        .drop(columns=["_c", "_s"])
        .reset_index(drop=True)[["symbol", "date", "iso3", "vote"]]
    )


def parts_source(parts: list[str] | set[str]) -> str:
    """A source line naming the parts used."""
    return (
        "; ".join(PART_NAMES[p] for p in sorted(set(parts)))
        + ". 'absent' = did not vote (absent or present and not voting)."
    )


def vote_chart(countries: list[str]) -> plt.Figure:
    """Countries x Ukraine resolutions, coloured by vote."""
    chosen = ukraine_votes(countries)
    res = ukraine_resolutions()
    years = f"{res['date'].min()[:4]}-{res['date'].max()[:4]}"
    return plots.vote_grid(
        chosen, title=f"Votes on Ukraine in the General Assembly, {years}", source=parts_source(res["source_part"])
    )


def vote_counts(countries: list[str], symbols: list[str] | None = None) -> pd.DataFrame:
    """Counts of yes / no / abstain / absent per country on the given resolutions (default: the
    Ukraine resolutions): iso3, country, yes, no, abstain, absent, total."""
    chosen = (
        ukraine_votes(countries)
        if symbols is None
        else votes()[lambda f: f["symbol"].isin(symbols) & f["iso3"].isin(countries)]
    )
    table = chosen.pivot_table(index="iso3", columns="vote", values="symbol", aggfunc="count", fill_value=0)
    table = table.reindex(index=countries, columns=list(VOTES), fill_value=0)
    table["total"] = table.sum(axis=1)
    table.insert(0, "country", [short_name(c) for c in table.index])
    return table.reset_index().rename_axis(columns=None)


def vote_shares(countries: list[str], symbols: list[str] | None = None) -> pd.DataFrame:
    """The counts of vote_counts as shares of each country's votes (each row sums to 1)."""
    counts = vote_counts(countries, symbols)
    shares = counts.copy()
    for vote in VOTES:
        shares[vote] = counts[vote] / counts["total"]
    return shares.drop(columns="total")


def un_admission_date(countries: tuple[str, ...] = CA5) -> str:
    """The date (YYYY-MM-DD) on which the countries joined the UN, from the curated memberships.

    Raises ValueError if a country has no such row or they joined on different dates (the prose
    states one date)."""
    events = load_curated("memberships")
    rows = events[(events["organisation"] == "UN") & (events["event"] == "joined")]
    rows = rows[rows["country_iso3"].isin(list(countries))]
    missing = sorted(set(countries) - set(rows["country_iso3"]))
    if missing:
        raise ValueError(f"no UN 'joined' row for {missing}")
    dates = set(rows["date"])
    if len(dates) != 1:
        raise ValueError(f"the countries joined the UN on {len(dates)} dates: {sorted(dates)}")
    return str(dates.pop())


def part_profile(part: str) -> dict[str, object]:
    """What one source part holds: first and last resolution date, the first and last numbered
    regular session, and the ES-11 (Ukraine) symbols it supplies (short form 'ES-11/n')."""
    res = resolutions()
    mine = res[res["source_part"] == part]
    numbered = mine["session"][mine["session"].str.isdigit()].astype(int)
    es11 = _order(mine[mine["session"] == UKRAINE_SESSION])["symbol"].str.replace("A/RES/", "", regex=False)
    return {
        "first": str(mine["date"].min()),
        "last": str(mine["date"].max()),
        "first_session": int(numbered.min()),
        "last_session": int(numbered.max()),
        "es11": list(es11),
    }


def part_a_quiet_years(start: int = 1992) -> list[int]:
    """Years from `start` to Part A's last year in which Part A holds no roll call dated January
    to September (some are gaps in the compilation, per the unga_resolutions notes in the manifest)."""
    res = resolutions()
    dates = pd.to_datetime(res.loc[res["source_part"] == "A", "date"])
    spring = set(dates[dates.dt.month <= 9].dt.year)
    return [y for y in range(start, int(dates.dt.year.max()) + 1) if y not in spring]


# -- agreement with Russia ----------------------------------------------------------------------------


def five_year_periods(start: int = 1992, end: int | None = None, width: int = 5) -> list[tuple[int, int]]:
    """Five-year windows of calendar years from `start` to `end` (default: the last vote's year)."""
    if end is None:
        end = int(votes()["date"].str[:4].astype(int).max())
    return [(y, min(y + width - 1, end)) for y in range(start, end + 1, width)]


def agreement_pairs(frame: pd.DataFrame, reference: str = "RUS") -> pd.DataFrame:
    """Each country's vote beside the reference country's on the same resolution:
    symbol, date, iso3, vote, ref_vote (the reference itself is left out)."""
    ref = frame.loc[frame["iso3"] == reference, ["symbol", "vote"]].rename(columns={"vote": "ref_vote"})
    others = frame[frame["iso3"] != reference]
    return others.merge(ref, on="symbol", how="inner")


def agreement_share(pairs: pd.DataFrame, absent: AbsentRule = "drop") -> float:
    """Share of resolutions where the country voted like the reference.

    absent='drop': only resolutions where both cast yes/no/abstain are compared.
    absent='disagree': every resolution counts; an absence (either side) is never agreement."""
    if absent not in ABSENT_RULES:
        raise ValueError(f"absent must be one of {list(ABSENT_RULES)}, not {absent!r}")
    if absent == "drop":
        pairs = pairs[(pairs["vote"] != "absent") & (pairs["ref_vote"] != "absent")]
    if pairs.empty:
        return float("nan")
    same = (pairs["vote"] == pairs["ref_vote"]) & (pairs["vote"] != "absent")
    return float(same.mean())


def agreement_table(
    frame: pd.DataFrame,
    periods: list[tuple[int, int]],
    reference: str = "RUS",
    rules: tuple[AbsentRule, ...] = ("drop", "disagree"),
) -> pd.DataFrame:
    """Agreement with the reference per country, period and absence rule (tidy):
    iso3, country, period, rule, share, n (resolutions compared under that rule)."""
    pairs = agreement_pairs(frame, reference)
    years = pairs["date"].str[:4].astype(int)
    rows = []
    for period in periods:
        in_period = pairs[years.between(period[0], period[1])]
        for iso3, part in in_period.groupby("iso3", sort=False):
            for rule in rules:
                kept = part if rule == "disagree" else part[(part["vote"] != "absent") & (part["ref_vote"] != "absent")]
                rows.append(
                    {
                        "iso3": iso3,
                        "country": short_name(iso3),
                        "period": f"{period[0]}-{period[1]}",
                        "rule": rule,
                        "share": agreement_share(part, rule),
                        "n": len(kept),
                    }
                )
    return pd.DataFrame(rows)


def agreement_with_russia(countries: tuple[str, ...] = CA5 + ("CHN",), start: int = 1992) -> pd.DataFrame:
    """agreement_table on every recorded vote since `start` for the countries, by five-year period."""
    frame = votes()
    frame = frame[frame["iso3"].isin(list(countries) + ["RUS"]) & (frame["date"].str[:4].astype(int) >= start)]
    table = agreement_table(frame, five_year_periods(start), reference="RUS")
    order = {c: i for i, c in enumerate(countries)}
    return table.sort_values(
        ["iso3", "period", "rule"], key=lambda s: s.map(order) if s.name == "iso3" else s
    ).reset_index(drop=True)


def agreement_wide(table: pd.DataFrame) -> pd.DataFrame:
    """Agreement table as country x period, one column per (period) and rule rows side by side."""
    wide = table.pivot_table(index=["country", "rule"], columns="period", values="share", sort=False)
    return wide.reset_index().rename_axis(columns=None)


def agreement_chart(table: pd.DataFrame) -> plt.Figure:
    """One panel per country: agreement with Russia by period, both absence rules."""
    countries = list(dict.fromkeys(table["iso3"]))
    fig, axes = plt.subplots(2, (len(countries) + 1) // 2, figsize=(9.5, 5.2), sharex=True, sharey=True)
    periods = list(dict.fromkeys(table["period"]))
    for ax, iso3 in zip(axes.flat, countries, strict=False):
        part = table[table["iso3"] == iso3]
        for rule, style in (("drop", "-"), ("disagree", "--")):
            line = part[part["rule"] == rule].set_index("period")["share"].reindex(periods)
            ax.plot(
                range(len(periods)),
                line.values * 100,
                style,
                marker="o",
                markersize=3,
                color=plots.partner_colour("RUS"),
                label=ABSENT_RULES[rule],
            )
        ax.set_title(short_name(iso3), fontsize=10)
        ax.set_ylim(0, 100)
        ax.set_xticks(range(len(periods)))
        ax.set_xticklabels([p.replace("-", "–\n") for p in periods], fontsize=7)
    for ax in list(axes.flat)[len(countries) :]:
        ax.axis("off")
    for ax in axes[:, 0]:
        ax.set_ylabel("% voting like Russia")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.suptitle("Agreement with Russia in recorded GA votes, by five-year period", fontweight="bold")
    fig.legend(handles, labels, loc="upper center", fontsize=8, ncols=2, bbox_to_anchor=(0.5, 0.95))
    parts = sorted(set(resolutions()["source_part"]))
    plots.source_note(
        fig, parts_source(parts) + " Share of resolutions on which the country cast the same vote as Russia."
    )
    fig.tight_layout(rect=(0, 0, 1, 0.91))
    return fig


# -- cross-source check -------------------------------------------------------------------------------


def source_agreement_summary() -> pd.DataFrame:
    """unga_source_agreement per pair of parts: parts, first and last resolution date, resolutions,
    country votes compared, agreeing, share agreeing, and how many compared rows were absences."""
    check = load("unga_source_agreement")
    dates = resolutions().set_index("symbol")["date"]
    check = check.assign(date=check["symbol"].map(dates))
    rows = []
    for (x, y), part in check.groupby(["part_x", "part_y"]):
        rows.append(
            {
                "parts compared": f"{x} and {y}",
                "first": part["date"].min(),
                "last": part["date"].max(),
                "resolutions": part["symbol"].nunique(),
                "countries": part["iso3"].nunique(),
                "country votes compared": len(part),
                "agreeing": int(part["agree"].sum()),
                "share agreeing": float(part["agree"].mean()),
                "absent in both": int(((part["vote_x"] == "absent") & (part["vote_y"] == "absent")).sum()),
            }
        )
    return pd.DataFrame(rows)


def coverage_by_part(start: int = 1992) -> pd.DataFrame:
    """How many recorded votes since `start` each part supplies: part, resolutions, first, last."""
    res = resolutions()
    res = res[res["date"].str[:4].astype(int) >= start]
    out = res.groupby("source_part").agg(resolutions=("symbol", "size"), first=("date", "min"), last=("date", "max"))
    out.insert(0, "source", [PART_NAMES[p] for p in out.index])
    return out.reset_index()
