"""Alliances analysis on the committed curated facts, plus synthetic membership events."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

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


def test_membership_event_dates_as_curated():
    assert alliances.membership_event_date("UZB", "CSTO", "left") == "1999-04"
    assert alliances.membership_event_date("UZB", "CSTO", "rejoined") == "2006-06-23"
    # two suspension rows (notification, then the CSTO's decision): first and last
    assert alliances.membership_event_date("UZB", "CSTO", "suspended") == "2012-06-20"
    assert alliances.membership_event_date("UZB", "CSTO", "suspended", which="last") == "2012-12-19"
    assert alliances.membership_event_date("TKM", "CIS", "left") == "2005-08"
    with pytest.raises(KeyError):
        alliances.membership_event_date("TKM", "CSTO", "joined")


def test_facility_event_date_filters_by_status_and_text():
    murghab = "chn_outpost_shaymak_murghab_tjk"
    assert alliances.facility_event_date(murghab) == "2019-02-18"
    assert alliances.facility_event_date(murghab, status="reported") == "2019-02-18"
    # the first denial is a Tajik official's (2019); the Chinese foreign ministry's came in 2021
    assert alliances.facility_event_date(murghab, status="officially denied") == "2019-02-21"
    assert alliances.facility_event_date(murghab, "officially denied", "MFA") == "2021-10-29"
    with pytest.raises(KeyError):
        alliances.facility_event_date(murghab, contains="no such event")


def test_kazakhstan_2022_dates_and_refusals():
    dates = alliances.kazakhstan_2022_dates()
    assert dates == {
        "requested": "2022-01-05",
        "announced": "2022-01-06",
        "reported": "2022-01-11",
        "withdrawal_start": "2022-01-13",
        "withdrawal_end": "2022-01-19",
    }
    assert alliances.deployment_dates("kgz_2010_osh") == ("2010-06-12", "2010-06-25")
    assert alliances.deployment_dates("tjk_2021_afghan_border") == ("2021-07-07", "")
    with pytest.raises(KeyError):
        alliances.deployment_dates("kgz_2010_osh", "deployed")
    assert alliances.refusals_by() == {"Russia": 1, "CSTO": 1}
