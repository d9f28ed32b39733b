"""Each evaluator on small synthetic tables, covering every verdict it can give, and bad specs."""

from __future__ import annotations

import pandas as pd
import pytest

from cautils.claims.evaluators import SpecError, run_evaluator
from cautils.claims.rubric import CONTRADICTED, MOSTLY, NOT_CHECKABLE, SUPPORTED
from cautils.claims.tables import ClaimDataError, Tables

CITE = {"source_publisher": "Pub", "source_title": "Title", "source_date": "2024-01-01",
        "source_url": "https://example.org/x"}


@pytest.fixture()
def tables() -> Tables:
    trade = pd.DataFrame(
        [
            # iso3, partner, year, flow, value, source, basis
            ("UZB", "CHN", 2019, "imports", 7.0e9, "uzb_stat", "reported"),
            ("UZB", "CHN", 2023, "imports", 11.3e9, "uzb_stat", "reported"),
            ("UZB", "RUS", 2019, "imports", 4.0e9, "uzb_stat", "reported"),
            ("UZB", "RUS", 2023, "imports", 6.0e9, "uzb_stat", "reported"),
            ("UZB", "CHN", 2023, "imports", 12.9e9, "gacc", "mirror"),
            ("KAZ", "CHN", 2023, "turnover", 31e9, "bns", "reported"),
            ("KAZ", "RUS", 2023, "turnover", 27e9, "bns", "reported"),
            ("KAZ", "CHN", 2021, "turnover", 18e9, "bns", "reported"),
            ("KAZ", "RUS", 2021, "turnover", 24e9, "bns", "reported"),
        ],
        columns=["iso3", "partner_iso3", "year", "flow", "value", "source", "basis"],
    )
    arms = pd.DataFrame(
        [
            ("TKM", "TUR", 2013, 50.0), ("TKM", "CHN", 2013, 10.0), ("TKM", "RUS", 2013, 30.0),
            ("TKM", "CHN", 2016, 15.0), ("TKM", "TUR", 2016, 20.0), ("TKM", "RUS", 2016, 5.0),
            ("TKM", "CHN", 2012, 0.0), ("TKM", "RUS", 2012, 100.0),
        ],
        columns=["recipient_iso3", "supplier_iso3", "year", "tiv"],
    )
    wdi = pd.DataFrame(
        [("TJK", "REM", y, v) for y, v in [(2021, 33.0), (2022, 51.0), (2023, 39.0), (2024, 29.0)]],
        columns=["iso3", "indicator", "year", "value"],
    )
    resolutions = pd.DataFrame({"symbol": ["R1", "R2"], "session": ["ES-11", "ES-11"]})
    votes = pd.DataFrame(
        [("R1", "KAZ", "abstain"), ("R1", "TKM", "absent"), ("R2", "KAZ", "no"), ("R2", "TKM", "absent")],
        columns=["symbol", "iso3", "vote"],
    )
    memberships = pd.DataFrame(
        [
            ("UZB", "CSTO", "signed", "1992-05-15"), ("UZB", "CSTO", "left", "1999-04"),
            ("UZB", "CSTO", "rejoined", "2006-08-16"), ("UZB", "CSTO", "suspended", "2012-06-28"),
            ("KAZ", "CSTO", "signed", "1992-05-15"), ("KGZ", "CSTO", "signed", "1992-05-15"),
            ("TJK", "CSTO", "signed", "1992-05-15"),
        ],
        columns=["country_iso3", "organisation", "event", "date"],
    ).assign(**CITE)
    events = pd.DataFrame(
        [("kant_opened", "2003-10-23", 1.0), ("jan2022_deaths", "2022-01", 238.0)],
        columns=["event_id", "date", "value"],
    ).assign(**CITE)
    visits = pd.DataFrame(
        [("KAZ", 2022, "visit_to_country"), ("KAZ", 2022, "meeting_elsewhere"), ("KAZ", 2022, "meeting_elsewhere")],
        columns=["place_iso3", "year", "kind"],
    ).assign(**CITE)
    return Tables(overrides={"trade": trade, "arms": arms, "wdi": wdi, "unga_resolutions": resolutions,
                             "unga_votes": votes, "memberships": memberships, "events": events,
                             "leader_meetings": visits})


def run(name, params, tables):
    return run_evaluator(name, params, tables, "T01")


UZB_CHN_2023 = {"table": "trade", "where": {"iso3": "UZB", "partner_iso3": "CHN", "year": 2023,
                                            "source": "uzb_stat"}, "scale": 1e9, "unit": "US$ bn"}


@pytest.mark.parametrize("stated, verdict", [(11.5, SUPPORTED), (13.0, MOSTLY), (20.0, CONTRADICTED)])
def test_value_near(tables, stated, verdict):
    out = run("value_near", {"measure": UZB_CHN_2023, "stated": stated, "tolerance": 0.05}, tables)
    assert out.verdict == verdict
    assert "11.3 US$ bn" in out.explanation and out.sources[0].table == "data/processed/trade.csv"


@pytest.mark.parametrize("threshold, verdict", [(30, SUPPORTED), (34, MOSTLY), (60, CONTRADICTED)])
def test_threshold_all_years(tables, threshold, verdict):
    measure = {"table": "wdi", "where": {"iso3": "TJK", "indicator": "REM", "year": {"between": [2021, 2023]}},
               "by": "year", "unit": "%"}
    out = run("threshold", {"measure": measure, "op": "above", "threshold": threshold, "margin": 0.1}, tables)
    assert out.verdict == verdict


def test_threshold_latest(tables):
    measure = {"table": "wdi", "where": {"iso3": "TJK"}, "by": "year", "unit": "%"}
    out = run("threshold", {"measure": measure, "op": "above", "threshold": 30, "require": "latest", "margin": 0.01}, tables)
    assert out.verdict == CONTRADICTED and out.numbers["values"] == {"2024": 29.0}


@pytest.mark.parametrize(
    "window, threshold, exceeds, verdict",
    [
        ((2013, 2016), 0.15, None, SUPPORTED),       # CHN 25 of 130 = 19.2%
        ((2013, 2016), 0.30, None, CONTRADICTED),
        ((2013, 2016), 0.15, "RUS", MOSTLY),          # share fine, but RUS (35) > CHN (25)
        ((2012, 2016), 0.20, "RUS", CONTRADICTED),    # 25 of 230 = 10.9%, and RUS larger
    ],
)
def test_share(tables, window, threshold, exceeds, verdict):
    params = {"table": "arms", "where": {"recipient_iso3": "TKM"}, "column": "tiv", "group": "supplier_iso3",
              "target": "CHN", "window": list(window), "threshold": threshold, "margin": 0.02}
    if exceeds:
        params["exceeds"] = exceeds
    out = run("share", params, tables)
    assert out.numbers["share"] == pytest.approx(25 / (130 if window[0] == 2013 else 230))
    assert out.verdict == verdict


def test_share_near_miss_is_mostly(tables):
    params = {"table": "arms", "where": {"recipient_iso3": "TKM"}, "column": "tiv", "group": "supplier_iso3",
              "target": "CHN", "window": [2013, 2016], "threshold": 0.20, "margin": 0.02}
    assert run("share", params, tables).verdict == MOSTLY
    params["threshold"] = 0.19
    assert run("share", params, tables).verdict == SUPPORTED


@pytest.mark.parametrize("year, verdict", [(2023, SUPPORTED), (2021, MOSTLY)])
def test_rank_partner(tables, year, verdict):
    params = {"table": "trade", "where": {"iso3": "KAZ", "flow": "turnover", "year": year},
              "group": "partner_iso3", "target": "CHN"}
    assert run("rank", params, tables).verdict == verdict


def test_rank_by_period_and_top_set(tables):
    params = {"table": "arms", "where": {"recipient_iso3": "TKM"}, "column": "tiv", "group": "supplier_iso3",
              "target": "TUR", "periods": [[2013, 2014], [2015, 2016]]}
    out = run("rank", params, tables)
    assert out.verdict == SUPPORTED
    params["periods"] = [[2012, 2012], [2013, 2014]]
    out = run("rank", params, tables)
    assert out.verdict == MOSTLY  # TUR absent in 2012, first in 2013
    top = {"table": "arms", "where": {"recipient_iso3": "TKM"}, "column": "tiv", "group": "supplier_iso3",
           "top": ["TUR", "RUS", "CHN"]}
    assert run("rank", top, tables).verdict == SUPPORTED
    top["top"] = ["TUR", "USA", "ITA"]
    assert run("rank", top, tables).verdict == CONTRADICTED


@pytest.mark.parametrize("expect, min_change, verdict",
                         [("increase", None, SUPPORTED), ("increase", 0.9, MOSTLY), ("decrease", None, CONTRADICTED)])
def test_change(tables, expect, min_change, verdict):
    measure = {"table": "trade", "where": {"iso3": "UZB", "partner_iso3": "CHN", "source": "uzb_stat"}, "by": "year"}
    params = {"measure": measure, "from_year": 2019, "to_year": 2023, "expect": expect}
    if min_change is not None:
        params["min_change"] = min_change
    assert run("change", params, tables).verdict == verdict


def test_change_year_outside_data_names_claim(tables):
    measure = {"table": "trade", "where": {"iso3": "UZB", "partner_iso3": "CHN", "source": "uzb_stat"}, "by": "year"}
    with pytest.raises(ClaimDataError) as info:
        run("change", {"measure": measure, "from_year": 2010, "to_year": 2023, "expect": "increase"}, tables)
    assert "T01" in str(info.value) and "2010" in str(info.value) and "2019, 2023" in str(info.value)


def test_growth_compare(tables):
    a = {"table": "trade", "where": {"iso3": "UZB", "partner_iso3": "CHN", "source": "uzb_stat"}}
    b = {"table": "trade", "where": {"iso3": "UZB", "partner_iso3": "RUS", "source": "uzb_stat"}}
    params = {"a": a, "b": b, "from_year": 2019, "to_year": 2023, "expect": "a_faster"}
    assert run("growth_compare", params, tables).verdict == SUPPORTED
    params["expect"] = "b_faster"
    assert run("growth_compare", params, tables).verdict == CONTRADICTED


@pytest.mark.parametrize("years, verdict", [([2023], SUPPORTED), ([2021], CONTRADICTED)])
def test_record(tables, years, verdict):
    measure = {"table": "trade", "where": {"iso3": "KAZ", "partner_iso3": "RUS"}, "by": "year"}
    assert run("record", {"measure": measure, "years": years, "mostly_margin": 0.05}, tables).verdict == verdict


def test_record_near_peak_is_mostly(tables):
    measure = {"table": "trade", "where": {"iso3": "KAZ", "partner_iso3": "RUS"}, "by": "year"}
    assert run("record", {"measure": measure, "years": [2021], "mostly_margin": 0.2}, tables).verdict == MOSTLY


def test_vote_pattern_and_absence_counting(tables):
    claimed = [{"iso3": "KAZ", "vote": "abstain"}, {"iso3": "TKM", "vote": "abstain"}]
    out = run("vote_pattern", {"session": "ES-11", "claimed": claimed}, tables)
    assert out.verdict == CONTRADICTED and out.numbers["matches"] == 1
    out = run("vote_pattern", {"session": "ES-11", "claimed": claimed, "absent_as": "abstain"}, tables)
    assert out.verdict == MOSTLY and out.numbers["matches"] == 3
    exact = [{"iso3": "KAZ", "vote": "abstain", "symbols": ["R1"]}, {"iso3": "TKM", "vote": "absent"}]
    assert run("vote_pattern", {"session": "ES-11", "claimed": exact}, tables).verdict == SUPPORTED


def test_membership(tables):
    five = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    out = run("membership", {"organisation": "CSTO", "date": "2010-01-01", "countries": five, "min_members": 4}, tables)
    assert out.verdict == SUPPORTED and out.numbers["members"] == ["KAZ", "KGZ", "TJK", "UZB"]
    out = run("membership", {"organisation": "CSTO", "date": "2025-01-01", "countries": five, "min_members": 4}, tables)
    assert out.verdict == MOSTLY
    out = run("membership", {"organisation": "CSTO", "date": "2025-01-01", "countries": five, "min_members": 5}, tables)
    assert out.verdict == CONTRADICTED
    out = run("membership", {"organisation": "CSTO", "date": "2000-06-01", "countries": ["UZB"], "expect": "not_member"}, tables)
    assert out.verdict == SUPPORTED
    assert out.sources[0].rows and out.sources[0].rows[0]["source_url"] == "https://example.org/x"


@pytest.mark.parametrize("stated, verdict", [("2003", SUPPORTED), ("2003-10", SUPPORTED), ("2004", MOSTLY),
                                             ("2001", CONTRADICTED)])
def test_event_date(tables, stated, verdict):
    assert run("event_date", {"where": {"event_id": "kant_opened"}, "stated": stated}, tables).verdict == verdict


@pytest.mark.parametrize("where, op, stated, verdict", [
    ({"place_iso3": "KAZ", "kind": "visit_to_country"}, "above", 10, CONTRADICTED),
    ({"place_iso3": "KAZ"}, "at_least", 3, SUPPORTED),
    ({"place_iso3": "KAZ"}, "at_least", 4, CONTRADICTED),
    ({"place_iso3": "KGZ"}, "equal", 0, SUPPORTED),
])
def test_event_count(tables, where, op, stated, verdict):
    assert run("event_count", {"table": "leader_meetings", "where": where, "op": op, "stated": stated}, tables).verdict == verdict


def test_event_count_margin_and_distinct(tables):
    params = {"table": "leader_meetings", "where": {"place_iso3": "KAZ"}, "op": "at_least", "stated": 4, "margin": 1}
    assert run("event_count", params, tables).verdict == MOSTLY
    distinct = {"table": "leader_meetings", "where": {"place_iso3": "KAZ"}, "op": "equal", "stated": 2, "distinct": "kind"}
    out = run("event_count", distinct, tables)
    assert out.verdict == SUPPORTED and out.numbers["count"] == 2


def test_all_of_combines(tables):
    parts = [
        {"label": "a", "evaluator": "value_near", "params": {"measure": UZB_CHN_2023, "stated": 11.3}},
        {"label": "b", "evaluator": "value_near", "params": {"measure": UZB_CHN_2023, "stated": 50}},
    ]
    assert run("all_of", {"checks": parts}, tables).verdict == MOSTLY
    assert run("all_of", {"checks": parts[:1]}, tables).verdict == SUPPORTED
    assert run("all_of", {"checks": parts[1:]}, tables).verdict == CONTRADICTED


def test_not_checkable_shows_indicator(tables):
    out = run("not_checkable", {"reason": "No data on X.", "would_settle": "Y.",
                                "indicator": {"table": "wdi", "where": {"iso3": "TJK"}, "by": "year", "unit": "%"}}, tables)
    assert out.verdict == NOT_CHECKABLE and "2024: 29%" in out.explanation


def test_unknown_evaluator_names_claim(tables):
    with pytest.raises(SpecError) as info:
        run("guess", {}, tables)
    assert "T01" in str(info.value) and "guess" in str(info.value)


def test_missing_parameter_names_claim_and_field(tables):
    with pytest.raises(SpecError) as info:
        run("value_near", {"measure": UZB_CHN_2023}, tables)
    assert "T01" in str(info.value) and "stated" in str(info.value)


def test_unknown_country_names_claim(tables):
    bad = {**UZB_CHN_2023, "where": {**UZB_CHN_2023["where"], "partner_iso3": "XYZ"}}
    with pytest.raises(SpecError) as info:
        run("value_near", {"measure": bad, "stated": 1}, tables)
    assert "T01" in str(info.value) and "XYZ" in str(info.value)


def test_year_outside_data_names_claim(tables):
    bad = {**UZB_CHN_2023, "where": {**UZB_CHN_2023["where"], "year": 1990}}
    with pytest.raises(ClaimDataError) as info:
        run("value_near", {"measure": bad, "stated": 1}, tables)
    assert "T01" in str(info.value) and "2019-2023" in str(info.value)


def test_ambiguous_single_selection_is_an_error(tables):
    spec = {"table": "trade", "where": {"iso3": "UZB", "year": 2023}, "agg": "single"}
    with pytest.raises(ClaimDataError) as info:
        run("value_near", {"measure": spec, "stated": 1}, tables)
    assert "exactly one" in str(info.value)


@pytest.mark.parametrize("expect, min_change, verdict", [("increase", 0.0, SUPPORTED), ("increase", 0.5, MOSTLY),
                                                         ("decrease", 0.0, CONTRADICTED)])
def test_share_change(tables, expect, min_change, verdict):
    # CHN: 0 of 100 in 2012 -> 25 of 130 in 2013-2016
    params = {"table": "arms", "where": {"recipient_iso3": "TKM"}, "column": "tiv", "group": "supplier_iso3",
              "target": "CHN", "before": [2012, 2012], "after": [2013, 2016], "expect": expect, "min_change": min_change}
    out = run("share_change", params, tables)
    assert out.verdict == verdict
    assert out.numbers["after"] == pytest.approx(25 / 130)


def test_contains_filter():
    frame = pd.DataFrame({"counterpart_iso3": ["KAZ", "KAZ;KGZ", "UZB"], "value": [1, 2, 4]})
    tables = Tables(overrides={"m": frame})
    assert tables.select("m", {"counterpart_iso3": {"contains": "KAZ"}}, "T")["value"].sum() == 3


def test_any_filter_drops_a_condition():
    frame = pd.DataFrame({"place": ["KAZ", "RUS"], "value": [1, 2]})
    tables = Tables(overrides={"m": frame})
    assert tables.select("m", {"place": {"any": True}}, "T")["value"].sum() == 3
