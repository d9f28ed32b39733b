"""Alliances analysis on the committed curated facts, plus synthetic membership events."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from cautils.analysis import alliances

FIVE = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]


def test_csto_members_2025_are_kaz_kgz_tjk():
    matrix = alliances.membership_matrix("2025-12-31", FIVE)
    assert list(matrix.columns) == ["CSTO", "SCO", "EAEU", "CIS", "UN"]
    assert matrix.index.name == "iso3"
    assert sorted(matrix.index[matrix["CSTO"] == "member"]) == ["KAZ", "KGZ", "TJK"]
    assert set(matrix.to_numpy().ravel()) <= {"member", "not member", "observer"}
    assert matrix.loc["UZB", "EAEU"] == "observer"
    assert (matrix["UN"] == "member").all()


def test_uzbekistan_csto_left_1999_rejoined_2006():
    assert alliances.membership_matrix("2000", ["UZB"]).loc["UZB", "CSTO"] == "not member"
    assert alliances.membership_matrix("2010", ["UZB"]).loc["UZB", "CSTO"] == "member"
    assert alliances.membership_matrix("2013", ["UZB"]).loc["UZB", "CSTO"] == "not member"


def test_membership_events_cite_sources():
    events = alliances.membership_events("UZB")
    assert list(events.columns) == ["date", "organisation", "event", "note", "source"]
    assert events["source"].str.contains(r", .+ \(\d{4}").all()
    keys = events["date"].map(alliances.date_key)
    assert keys.is_monotonic_increasing


def test_putin_trips_and_meetings_with_kazakhstan_2022():
    trips = alliances.putin_trips()
    assert list(trips.columns) == list(range(2020, 2026))
    assert trips.loc["KAZ", 2022] == 1
    assert trips.loc[:, [2020, 2021]].to_numpy().sum() == 0
    meetings = alliances.meetings_with("KAZ", 2022)
    assert len(meetings) == 12
    assert list(meetings.columns[:4]) == ["date", "city", "place_iso3", "kind"]
    assert (meetings["kind"] == "visit_to_country").sum() == 4


def test_facilities_and_troop_figures():
    sites = alliances.facilities("TJK")
    assert list(sites.columns) == ["facility", "operator", "kind", "event", "date", "status", "source"]
    assert {"confirmed", "reported", "officially denied"} <= set(sites["status"])
    assert alliances.facilities("TKM").empty
    troops = alliances.kazakhstan_2022_troops()
    assert troops["announced"] == 2500 and troops["deployed"] == 2030
    fig = alliances.timeline_chart("KGZ")
    assert fig.axes and len(fig.axes[0].collections) > 0
    plt.close(fig)


def test_membership_matrix_on_synthetic_events():
    cite = {"source_publisher": "P", "source_title": "T", "source_date": "2020", "source_url": "https://x"}
    events = pd.DataFrame(
        [
            {"country_iso3": "AAA", "organisation": "CSTO", "event": "joined", "date": "2000", "note": None, **cite},
            {
                "country_iso3": "AAA",
                "organisation": "CSTO",
                "event": "suspended",
                "date": "2005-06",
                "note": None,
                **cite,
            },
            {
                "country_iso3": "AAA",
                "organisation": "EAEU",
                "event": "observer",
                "date": "2020-12-11",
                "note": None,
                **cite,
            },
            {
                "country_iso3": "BBB",
                "organisation": "SCO",
                "event": "joined",
                "date": "2001-06-15",
                "note": None,
                **cite,
            },
        ]
    )
    early = alliances.membership_matrix("2004-12-31", ["AAA", "BBB"], events=events)
    late = alliances.membership_matrix("2021", ["AAA", "BBB"], events=events)
    assert early.loc["AAA", "CSTO"] == "member" and late.loc["AAA", "CSTO"] == "not member"
    assert early.loc["AAA", "EAEU"] == "not member" and late.loc["AAA", "EAEU"] == "observer"
    assert late.loc["BBB", "SCO"] == "member" and late.loc["BBB", "UN"] == "not member"
