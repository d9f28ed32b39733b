"""Alliances and events: memberships, foreign military facilities, deployments, leaders' trips.

Everything here reads the curated facts (`cautils.curated`), where every row cites its
publisher, title, date and URL; tables built here carry that citation as a `source` column
("publisher, title (date)"). Dates in the curated tables may be YYYY, YYYY-MM or YYYY-MM-DD:
they are compared as text after padding to the first day of the period, as the claim
evaluators do.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import AutoLocator

from cautils.claims.evaluators.records import membership_status
from cautils.countries import CA5, short_name
from cautils.curated import load_curated
from cautils.plots import partner_colour, source_note

ORGANISATIONS: tuple[str, ...] = ("CSTO", "SCO", "EAEU", "CIS", "UN")
PUTIN = "Vladimir Putin"
XI = "Xi Jinping"
TRIP_YEARS: tuple[int, ...] = tuple(range(2020, 2026))

STATUS_LABELS = {
    "confirmed": "confirmed",
    "reported_unconfirmed": "reported",
    "officially_denied": "officially denied",
}
STATUS_COLOURS = {"confirmed": "#2e5eaa", "reported": "#edae49", "officially denied": "#d1495b"}
COUNTRY_COLOURS = {"KAZ": "#8d6a9f", "KGZ": "#d1495b", "TJK": "#00798c", "TKM": "#66a182", "UZB": "#edae49"}
MEMBERSHIP_COLOURS = {"member": "#2e5eaa", "observer": "#9fb8de", "not member": "#eeeeee"}


# -- small helpers ---------------------------------------------------------------------------


def date_key(text: str) -> str:
    """'2005-08' -> '2005-08-01'; '2011' -> '2011-01-01' (sortable, comparable text)."""
    parts = str(text).split("-")
    while len(parts) < 3:
        parts.append("01")
    return "-".join(parts)


def to_timestamp(text: str) -> pd.Timestamp:
    """A curated date as a timestamp at the first day of its period."""
    return pd.Timestamp(date_key(text))


def cite(frame: pd.DataFrame) -> pd.Series:
    """The citation of each curated row as 'publisher, title (date)'."""
    return (
        frame["source_publisher"].astype(str)
        + ", "
        + frame["source_title"].astype(str)
        + " ("
        + frame["source_date"].astype(str)
        + ")"
    )


def _countries(cell: str) -> list[str]:
    return [c for c in str(cell).split(";") if c]


# -- memberships -----------------------------------------------------------------------------


def _status_label(events: pd.DataFrame, iso3: str, organisation: str, date: str) -> str:
    member, rows = membership_status(events, iso3, organisation, date)
    if member:
        return "member"
    if not rows.empty and rows.iloc[-1]["event"] == "observer":
        return "observer"
    return "not member"


def membership_matrix(date: str, countries: list[str], events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Membership of each country in CSTO, SCO, EAEU, CIS and UN on `date`.

    Values are "member", "not member" or "observer" (when the latest event up to the date
    is an observer status). The CSTO column includes its predecessor, the Collective
    Security Treaty (CST, 1992); the 'Shanghai Five' (1996) is not the SCO and is not shown.
    """
    events = load_curated("memberships") if events is None else events
    data = {org: [_status_label(events, c, org, date) for c in countries] for org in ORGANISATIONS}
    frame = pd.DataFrame(data, index=pd.Index(list(countries), name="iso3"))
    return frame


def membership_events(iso3: str, events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Dated membership events of one country: date, organisation, event, note, source."""
    events = load_curated("memberships") if events is None else events
    mine = events[events["country_iso3"] == iso3].copy()
    mine["source"] = cite(mine)
    mine["_key"] = mine["date"].map(date_key)
    mine = mine.sort_values(["_key", "organisation"], kind="mergesort")
    return mine[["date", "organisation", "event", "note", "source"]].reset_index(drop=True)


def membership_events_for(countries: list[str], organisations: tuple[str, ...] = ORGANISATIONS) -> pd.DataFrame:
    """Membership events of several countries (with a country column), in date order."""
    frames = [membership_events(c).assign(country=short_name(c)) for c in countries]
    frame = pd.concat(frames, ignore_index=True)
    frame = frame[frame["organisation"].isin(organisations)]
    frame = frame.assign(_key=frame["date"].map(date_key)).sort_values(["_key", "organisation", "country"])
    return frame[["date", "country", "organisation", "event", "note", "source"]].reset_index(drop=True)


def membership_over_time(dates: dict[str, str], countries: list[str]) -> pd.DataFrame:
    """Long table: one row per country and organisation, one status column per labelled date."""
    rows = []
    for label, date in dates.items():
        matrix = membership_matrix(date, countries)
        long = matrix.reset_index().melt(id_vars="iso3", var_name="organisation", value_name="status")
        rows.append(long.assign(when=label))
    frame = pd.concat(rows, ignore_index=True)
    return frame.pivot_table(
        index=["iso3", "organisation"], columns="when", values="status", aggfunc="first", sort=False
    )[list(dates)].reset_index()


def members_count(date: str, countries: list[str], organisation: str) -> int:
    """How many of `countries` are members of `organisation` on `date`."""
    matrix = membership_matrix(date, countries)
    return int((matrix[organisation] == "member").sum())


def membership_event_date(iso3: str, organisation: str, event: str, which: str = "first") -> str:
    """The curated date (as written: YYYY, YYYY-MM or YYYY-MM-DD) of the first (or last) event
    `event` of `iso3` in `organisation`, e.g. ("UZB", "CSTO", "rejoined") -> "2006-06-23".

    Raises KeyError when the memberships table has no such event."""
    events = load_curated("memberships")
    rows = events[
        (events["country_iso3"] == iso3) & (events["organisation"] == organisation) & (events["event"] == event)
    ]
    if rows.empty:
        raise KeyError(f"no {event!r} event of {iso3} in {organisation}")
    dates = sorted(rows["date"], key=date_key)
    return str(dates[0] if which == "first" else dates[-1])


def membership_chart(dates: dict[str, str], countries: list[str]) -> plt.Figure:
    """One panel per date: countries × organisations, coloured member / observer / not member."""
    fig, axes = plt.subplots(1, len(dates), figsize=(8.5, 2.9), sharey=True)
    axes = [axes] if len(dates) == 1 else list(axes)
    for ax, (label, date) in zip(axes, dates.items(), strict=True):
        matrix = membership_matrix(date, countries)
        for y, iso3 in enumerate(matrix.index):
            for x, org in enumerate(matrix.columns):
                status = matrix.loc[iso3, org]
                ax.add_patch(plt.Rectangle((x - 0.45, y - 0.4), 0.9, 0.8, color=MEMBERSHIP_COLOURS[status]))
                mark = {"member": "✓", "observer": "obs."}.get(status, "")
                ax.text(
                    x, y, mark, ha="center", va="center", fontsize=8, color="white" if status == "member" else "#333333"
                )
        ax.set_xlim(-0.5, len(matrix.columns) - 0.5)
        ax.set_ylim(len(matrix.index) - 0.5, -0.5)
        ax.set_xticks(range(len(matrix.columns)), matrix.columns, fontsize=8)
        ax.set_yticks(range(len(matrix.index)), [short_name(c) for c in matrix.index], fontsize=8)
        ax.grid(False)
        ax.set_title(label, fontsize=10)
    handles = [plt.Rectangle((0, 0), 1, 1, color=c, label=s) for s, c in MEMBERSHIP_COLOURS.items()]
    fig.legend(handles=handles, loc="lower center", ncols=3, fontsize=8, bbox_to_anchor=(0.5, -0.02))
    fig.suptitle("Membership of the five Central Asian states", fontweight="bold", fontsize=12)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    source_note(fig, "curated membership events (data/curated/memberships.csv), each with its source")
    return fig


# -- military facilities and deployments -----------------------------------------------------


def _facility_rows(hosts: list[str] | None = None) -> pd.DataFrame:
    table = load_curated("military_facilities")
    if hosts is not None:
        table = table[table["host_iso3"].isin(hosts)]
    table = table.assign(_key=table["date"].map(date_key))
    return table.sort_values(["host_iso3", "facility_id", "_key"], kind="mergesort")


def facilities(iso3: str) -> pd.DataFrame:
    """Foreign (and foreign-funded) military facilities hosted by `iso3`, one row per dated event.

    Columns: facility, operator, kind, event, date, status, source; status is "confirmed",
    "reported" (reported, unconfirmed) or "officially denied".
    """
    rows = _facility_rows([iso3])
    out = pd.DataFrame(
        {
            "facility": rows["name"],
            "operator": rows["operator_iso3"].map(short_name),
            "kind": rows["kind"],
            "event": rows["event"],
            "date": rows["date"],
            "status": rows["status"].map(STATUS_LABELS),
            "source": cite(rows),
        }
    )
    return out.reset_index(drop=True)


def facility_summary(hosts: list[str] | None = None) -> pd.DataFrame:
    """One row per facility: host, operator, kind, first and latest dated event, statuses seen."""
    rows = _facility_rows(hosts if hosts is not None else list(CA5))
    records = []
    for _, part in rows.groupby("facility_id", sort=False):
        first, last = part.iloc[0], part.iloc[-1]
        statuses = list(dict.fromkeys(part["status"].map(STATUS_LABELS)))
        records.append(
            {
                "host": short_name(first["host_iso3"]),
                "facility": first["name"],
                "operator": short_name(first["operator_iso3"]),
                "kind": first["kind"],
                "first event": f"{first['date']}: {first['event']}",
                "latest event": f"{last['date']}: {last['event']}",
                "status": " → ".join(statuses),
                "latest source": cite(part.iloc[[-1]]).iloc[0],
            }
        )
    return pd.DataFrame(records)


def facility_count(operator: str, status: str = "confirmed", hosts: list[str] | None = None) -> int:
    """Number of distinct facilities of `operator` with at least one event of `status`."""
    rows = _facility_rows(hosts if hosts is not None else list(CA5))
    rows = rows[(rows["operator_iso3"] == operator) & (rows["status"].map(STATUS_LABELS) == status)]
    return int(rows["facility_id"].nunique())


def facility_event_date(facility_id: str, status: str | None = None, contains: str | None = None) -> str:
    """The curated date of the first dated event of one facility, optionally only among events
    of a status ("confirmed", "reported", "officially denied") or whose text contains `contains`.

    Raises KeyError when no event matches."""
    rows = _facility_rows()
    rows = rows[rows["facility_id"] == facility_id]
    if status is not None:
        rows = rows[rows["status"].map(STATUS_LABELS) == status]
    if contains is not None:
        rows = rows[rows["event"].str.contains(contains, regex=False)]
    if rows.empty:
        raise KeyError(f"no event of {facility_id} with status={status!r}, contains={contains!r}")
    return str(rows.iloc[0]["date"])


def deployments() -> pd.DataFrame:
    """Collective deployments, requests and refusals in the region, each with its source."""
    table = load_curated("deployments")
    table = table.assign(_key=table["date_start"].map(date_key)).sort_values(
        ["_key", "deployment_id"], kind="mergesort"
    )
    figure = table["value"].map(lambda v: "" if pd.isna(v) else f"{v:,.0f}")
    measure = table["measure"].fillna("").str.replace("_", " ")
    out = pd.DataFrame(
        {
            "host": table["host_iso3"].map(short_name),
            "by": table["organisation"],
            "requested by": table["requested_by"].fillna("–"),
            "from": table["date_start"],
            "to": table["date_end"].fillna("–"),
            "outcome": table["outcome"],
            "status": table["status"].map(STATUS_LABELS),
            "figure": (measure + " " + figure + " " + table["unit"].fillna("")).str.strip().replace("", "–"),
            "note": table["note"].fillna(""),
            "source": cite(table),
        }
    )
    return out.reset_index(drop=True)


def deployment_figure(deployment_id: str, measure: str) -> pd.DataFrame:
    """Every sourced figure of one measure of one deployment (value, unit, note, source)."""
    table = load_curated("deployments")
    rows = table[(table["deployment_id"] == deployment_id) & (table["measure"] == measure)]
    return pd.DataFrame(
        {"value": rows["value"], "unit": rows["unit"], "note": rows["note"], "source": cite(rows)}
    ).reset_index(drop=True)


def kazakhstan_2022_troops() -> dict[str, float]:
    """The two official troop figures for the CSTO force in Kazakhstan, January 2022.

    'announced': the CSTO Secretary-General's 'about 2,500' (6 Jan); 'deployed': the figure
    President Tokayev gave at the CSTO session of 10 Jan. Read from the curated rows.
    """
    figures = deployment_figure("kaz_2022_csto_cpf", "personnel")
    announced = figures[figures["note"].str.contains("Zas", na=False)]["value"]
    deployed = figures[figures["note"].str.contains("Tokayev", na=False)]["value"]
    equipment = deployment_figure("kaz_2022_csto_cpf", "equipment")["value"]
    return {
        "announced": float(announced.iloc[0]),
        "deployed": float(deployed.iloc[0]),
        "equipment": float(equipment.iloc[0]),
    }


def deployment_dates(deployment_id: str, outcome: str | None = None) -> tuple[str, str]:
    """(first date_start, last date_end) of one deployment's curated rows, optionally only the
    rows of one outcome ("requested", "deployed", "withdrawn", "refused"); a missing end is ""."""
    table = load_curated("deployments")
    rows = table[table["deployment_id"] == deployment_id]
    if outcome is not None:
        rows = rows[rows["outcome"] == outcome]
    if rows.empty:
        raise KeyError(f"no rows of deployment {deployment_id!r} with outcome {outcome!r}")
    starts = sorted(rows["date_start"].dropna(), key=date_key)
    ends = sorted(rows["date_end"].dropna(), key=date_key)
    return str(starts[0]), str(ends[-1]) if ends else ""


def kazakhstan_2022_dates() -> dict[str, str]:
    """Dates of the CSTO operation in Kazakhstan, January 2022, from the curated rows.

    'requested': Tokayev's appeal; 'announced': the date of the source reporting the CSTO
    Secretary-General's 'about 2,500'; 'reported': the date of the source reporting the figures
    Tokayev gave the CSTO session; 'withdrawal_start' / 'withdrawal_end': the withdrawal."""
    table = load_curated("deployments")
    rows = table[(table["deployment_id"] == "kaz_2022_csto_cpf") & (table["measure"] == "personnel")]
    announced = rows[rows["note"].str.contains("Zas", na=False)]["source_date"]
    reported = rows[rows["note"].str.contains("Tokayev", na=False)]["source_date"]
    withdrawal = deployment_dates("kaz_2022_csto_cpf", "withdrawn")
    return {
        "requested": deployment_dates("kaz_2022_csto_cpf", "requested")[0],
        "announced": str(announced.iloc[0]),
        "reported": str(reported.iloc[0]),
        "withdrawal_start": withdrawal[0],
        "withdrawal_end": withdrawal[1],
    }


def refusals_by() -> dict[str, int]:
    """How many refusals of a request for troops each organisation or state made (curated deployments)."""
    table = deployments()
    refused = table[table["outcome"] == "refused"]
    return {str(k): int(v) for k, v in refused["by"].value_counts().items()}


# -- leaders' trips and meetings -------------------------------------------------------------


def _meetings(leader: str) -> pd.DataFrame:
    table = load_curated("leader_meetings")
    table = table[table["leader"] == leader]
    table = table.assign(_key=table["date_start"].map(date_key), year=table["date_start"].str[:4].astype(int))
    return table.sort_values("_key", kind="mergesort")


def putin_trips(countries: list[str] | None = None, years: tuple[int, ...] = TRIP_YEARS) -> pd.DataFrame:
    """Putin's visits to each country (rows, iso3) by year (columns), from kind 'visit_to_country'.

    A visit counts for the country where it took place (place_iso3), once per trip; a
    multilateral summit in Dushanbe counts for Tajikistan only. Years without a visit are 0.
    """
    countries = list(CA5) if countries is None else countries
    trips = _meetings(PUTIN)
    trips = trips[trips["kind"] == "visit_to_country"]
    counts = pd.crosstab(trips["place_iso3"], trips["year"])
    counts = counts.reindex(index=countries, columns=list(years), fill_value=0).astype(int)
    counts.index.name = "iso3"
    counts.columns.name = "year"
    return counts


def putin_trip_list(countries: list[str] | None = None) -> pd.DataFrame:
    """Putin's trips to the five, one row per trip, with occasion and source."""
    countries = list(CA5) if countries is None else countries
    trips = _meetings(PUTIN)
    trips = trips[(trips["kind"] == "visit_to_country") & trips["place_iso3"].isin(countries)]
    return _meeting_table(trips)


def _meeting_table(rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": rows["date_start"],
            "city": rows["city"],
            "place": rows["place_iso3"].map(short_name),
            "leaders met": rows["counterpart_iso3"].map(lambda c: ", ".join(short_name(x) for x in _countries(c))),
            "occasion": rows["occasion"].fillna(""),
            "source": cite(rows),
        }
    ).reset_index(drop=True)


def meetings_elsewhere() -> pd.DataFrame:
    """Putin's meetings with the five's leaders held outside Central Asia (kept apart from visits)."""
    rows = _meetings(PUTIN)
    return _meeting_table(rows[rows["kind"] == "meeting_elsewhere"])


def meetings_with(iso3: str, year: int) -> pd.DataFrame:
    """Every in-person Putin meeting with the leader of `iso3` in `year`, wherever held.

    Columns: date, city, place_iso3, kind, then occasion and source.
    """
    rows = _meetings(PUTIN)
    mask = rows["counterpart_iso3"].map(lambda c: iso3 in _countries(c)) & (rows["year"] == int(year))
    rows = rows[mask]
    return pd.DataFrame(
        {
            "date": rows["date_start"],
            "city": rows["city"],
            "place_iso3": rows["place_iso3"],
            "kind": rows["kind"],
            "occasion": rows["occasion"].fillna(""),
            "source": cite(rows),
        }
    ).reset_index(drop=True)


def xi_visits(iso3: str = "KAZ") -> pd.DataFrame:
    """Xi Jinping's visits to `iso3` (as president), numbered in date order, with sources."""
    rows = _meetings(XI)
    rows = rows[(rows["kind"] == "visit_to_country") & (rows["place_iso3"] == iso3)]
    table = _meeting_table(rows).drop(columns=["place"])
    table.insert(0, "visit", range(1, len(table) + 1))
    return table


def putin_trips_chart(countries: list[str] | None = None) -> plt.Figure:
    """Stacked bars: Putin's visits per year, by host country."""
    counts = putin_trips(countries)
    fig, ax = plt.subplots(figsize=(8.5, 3.6))
    bottom = pd.Series(0, index=counts.columns)
    for iso3, row in counts.iterrows():
        ax.bar(
            counts.columns.astype(str),
            row.values,
            bottom=bottom.values,
            width=0.65,
            color=COUNTRY_COLOURS.get(iso3, partner_colour(iso3)),
            label=short_name(iso3),
        )
        bottom += row
    ax.set_ylabel("visits")
    locator = AutoLocator()  # the default y locator, with whole-number ticks only
    locator.set_params(integer=True)
    ax.yaxis.set_major_locator(locator)
    ax.set_title("Putin's visits to Central Asia, by host country")
    ax.legend(fontsize=8, loc="upper left")
    source_note(fig, "curated leader_meetings (kind visit_to_country), each trip with its source")
    fig.tight_layout()
    return fig


# -- timelines -------------------------------------------------------------------------------


def _timeline(points: pd.DataFrame, title: str, source: str) -> plt.Figure:
    """Scatter on a time axis: one row per `lane`, coloured by `group`, marker by `marker`."""
    lanes = list(dict.fromkeys(points["lane"]))
    height = max(2.6, 0.42 * len(lanes) + 1.5)
    fig, ax = plt.subplots(figsize=(8.5, height))
    for (group, colour, marker), part in points.groupby(["group", "colour", "marker"], sort=False):
        ax.scatter(
            part["when"],
            part["lane"].map(lanes.index),
            s=42,
            color=colour,
            marker=marker,
            label=group,
            zorder=3,
            edgecolor="white",
            linewidth=0.5,
        )
    ax.set_yticks(range(len(lanes)), lanes, fontsize=8)
    ax.set_ylim(len(lanes) - 0.5, -0.5)
    span = points["when"].max().year - points["when"].min().year
    ax.xaxis.set_major_locator(mdates.YearLocator(5 if span <= 35 else 10))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_title(title)
    legend = points.drop_duplicates("group")
    handles = [
        Line2D([], [], linestyle="", marker="o", markersize=7, color=c, label=g)
        for g, c in zip(legend["group"], legend["colour"], strict=True)
    ]
    ax.legend(handles=handles, fontsize=8, loc="upper center", ncols=4, bbox_to_anchor=(0.5, -0.08))
    source_note(fig, source)
    fig.tight_layout()
    return fig


def _short(name: str, width: int = 38) -> str:
    return name if len(name) <= width else name[: width - 1].rstrip() + "…"


def timeline_chart(iso3: str) -> plt.Figure:
    """Dated timeline of one country's membership events and of the facilities it hosts."""
    members = membership_events(iso3)
    member_points = pd.DataFrame(
        {
            "when": members["date"].map(to_timestamp),
            "lane": members["organisation"],
            "group": "membership: "
            + members["event"].map(
                lambda e: "joined / signed" if e in {"joined", "signed", "ratified", "rejoined"} else e
            ),
        }
    )
    colours = {
        "membership: joined / signed": "#2e5eaa",
        "membership: observer": "#9fb8de",
        "membership: left": "#6c757d",
        "membership: suspended": "#6c757d",
    }
    member_points["colour"] = member_points["group"].map(colours).fillna("#2e5eaa")
    member_points["marker"] = "o"
    sites = facilities(iso3)
    site_points = pd.DataFrame(
        {
            "when": sites["date"].map(to_timestamp),
            "lane": sites["facility"].map(_short),
            "group": "facility: " + sites["status"],
            "colour": sites["status"].map(STATUS_COLOURS),
            "marker": "D",
        }
    )
    points = pd.concat([member_points, site_points], ignore_index=True)
    return _timeline(
        points,
        f"{short_name(iso3)}: memberships and foreign military facilities",
        "curated memberships and military_facilities (dates of the first day of a "
        "year or month where only that is known)",
    )


def facilities_chart(hosts: list[str] | None = None) -> plt.Figure:
    """Dated events of every foreign military facility in the five, coloured by status."""
    rows = _facility_rows(hosts if hosts is not None else list(CA5))
    status = rows["status"].map(STATUS_LABELS)
    points = pd.DataFrame(
        {
            "when": rows["date"].map(to_timestamp),
            "lane": rows["host_iso3"] + " · " + rows["name"].map(lambda n: _short(n, 44)),
            "group": status,
            "colour": status.map(STATUS_COLOURS),
            "marker": rows["operator_iso3"].map(lambda o: "o" if o == "RUS" else "D"),
        }
    )
    return _timeline(
        points,
        "Foreign military facilities in Central Asia: dated events",
        "curated military_facilities, each event with its source; circles: Russian-operated, diamonds: other operators",
    )
