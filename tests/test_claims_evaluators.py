"""Each evaluator on small synthetic tables, covering every verdict it can give, and bad specs."""

from __future__ import annotations

import pandas as pd
import pytest

from cautils.claims.evaluators import SpecError, run_evaluator
from cautils.claims.rubric import CONTRADICTED, MOSTLY, NOT_CHECKABLE, SUPPORTED
from cautils.claims.tables import ClaimDataError, Tables

CITE = {
    "source_publisher": "Pub",
    "source_title": "Title",
    "source_date": "2024-01-01",
    "source_url": "https://example.org/x",
}


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
            ("TKM", "TUR", 2013, 50.0),
            ("TKM", "CHN", 2013, 10.0),
            ("TKM", "RUS", 2013, 30.0),
            ("TKM", "CHN", 2016, 15.0),
            ("TKM", "TUR", 2016, 20.0),
            ("TKM", "RUS", 2016, 5.0),
            ("TKM", "CHN", 2012, 0.0),
            ("TKM", "RUS", 2012, 100.0),
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
            ("UZB", "CSTO", "signed", "1992-05-15"),
            ("UZB", "CSTO", "left", "1999-04"),
            ("UZB", "CSTO", "rejoined", "2006-08-16"),
            ("UZB", "CSTO", "suspended", "2012-06-28"),
            ("KAZ", "CSTO", "signed", "1992-05-15"),
            ("KGZ", "CSTO", "signed", "1992-05-15"),
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
    return Tables(
        overrides={
            "trade": trade,
            "arms": arms,
            "wdi": wdi,
            "unga_resolutions": resolutions,
            "unga_votes": votes,
            "memberships": memberships,
            "events": events,
            "leader_meetings": visits,
        }
    )


def run(name, params, tables):
    return run_evaluator(name, params, tables, "T01")


UZB_CHN_2023 = {
    "table": "trade",
    "where": {"iso3": "UZB", "partner_iso3": "CHN", "year": 2023, "source": "uzb_stat"},
    "scale": 1e9,
    "unit": "US$ bn",
}


@pytest.mark.parametrize("stated, verdict", [(11.5, SUPPORTED), (13.0, MOSTLY), (20.0, CONTRADICTED)])
def test_value_near(tables, stated, verdict):
    out = run("value_near", {"measure": UZB_CHN_2023, "stated": stated, "tolerance": 0.05}, tables)
    assert out.verdict == verdict
    assert "11.3 US$ bn" in out.explanation and out.sources[0].table == "data/processed/trade.csv"


@pytest.mark.parametrize("threshold, verdict", [(30, SUPPORTED), (34, MOSTLY), (60, CONTRADICTED)])
def test_threshold_all_years(tables, threshold, verdict):
    measure = {
        "table": "wdi",
        "where": {"iso3": "TJK", "indicator": "REM", "year": {"between": [2021, 2023]}},
        "by": "year",
        "unit": "%",
    }
    out = run("threshold", {"measure": measure, "op": "above", "threshold": threshold, "margin": 0.1}, tables)
    assert out.verdict == verdict


def test_threshold_latest(tables):
    measure = {"table": "wdi", "where": {"iso3": "TJK"}, "by": "year", "unit": "%"}
    out = run(
        "threshold", {"measure": measure, "op": "above", "threshold": 30, "require": "latest", "margin": 0.01}, tables
    )
    assert out.verdict == CONTRADICTED and out.numbers["values"] == {"2024": 29.0}


@pytest.mark.parametrize(
    "window, threshold, exceeds, verdict",
    [
        ((2013, 2016), 0.15, None, SUPPORTED),  # CHN 25 of 130 = 19.2%
        ((2013, 2016), 0.30, None, CONTRADICTED),
        ((2013, 2016), 0.15, "RUS", MOSTLY),  # share fine, but RUS (35) > CHN (25)
        ((2012, 2016), 0.20, "RUS", CONTRADICTED),  # 25 of 230 = 10.9%, and RUS larger
    ],
)
def test_share(tables, window, threshold, exceeds, verdict):
    params = {
        "table": "arms",
        "where": {"recipient_iso3": "TKM"},
        "column": "tiv",
        "group": "supplier_iso3",
        "target": "CHN",
        "window": list(window),
        "threshold": threshold,
        "margin": 0.02,
    }
    if exceeds:
        params["exceeds"] = exceeds
    out = run("share", params, tables)
    assert out.numbers["share"] == pytest.approx(25 / (130 if window[0] == 2013 else 230))
    assert out.verdict == verdict


def test_share_near_miss_is_mostly(tables):
    params = {
        "table": "arms",
        "where": {"recipient_iso3": "TKM"},
        "column": "tiv",
        "group": "supplier_iso3",
        "target": "CHN",
        "window": [2013, 2016],
        "threshold": 0.20,
        "margin": 0.02,
    }
    assert run("share", params, tables).verdict == MOSTLY
    params["threshold"] = 0.19
    assert run("share", params, tables).verdict == SUPPORTED


@pytest.mark.parametrize("year, verdict", [(2023, SUPPORTED), (2021, MOSTLY)])
def test_rank_partner(tables, year, verdict):
    params = {
        "table": "trade",
        "where": {"iso3": "KAZ", "flow": "turnover", "year": year},
        "group": "partner_iso3",
        "target": "CHN",
    }
    assert run("rank", params, tables).verdict == verdict


def test_rank_by_period_and_top_set(tables):
    params = {
        "table": "arms",
        "where": {"recipient_iso3": "TKM"},
        "column": "tiv",
        "group": "supplier_iso3",
        "target": "TUR",
        "periods": [[2013, 2014], [2015, 2016]],
    }
    out = run("rank", params, tables)
    assert out.verdict == SUPPORTED
    params["periods"] = [[2012, 2012], [2013, 2014]]
    out = run("rank", params, tables)
    assert out.verdict == MOSTLY  # TUR absent in 2012, first in 2013
    top = {
        "table": "arms",
        "where": {"recipient_iso3": "TKM"},
        "column": "tiv",
        "group": "supplier_iso3",
        "top": ["TUR", "RUS", "CHN"],
    }
    assert run("rank", top, tables).verdict == SUPPORTED
    top["top"] = ["TUR", "USA", "ITA"]
    assert run("rank", top, tables).verdict == CONTRADICTED


@pytest.mark.parametrize(
    "expect, min_change, verdict",
    [("increase", None, SUPPORTED), ("increase", 0.9, MOSTLY), ("decrease", None, CONTRADICTED)],
)
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
    assert out.verdict == MOSTLY  # true for part of the five
    out = run(
        "membership", {"organisation": "CSTO", "date": "2025-01-01", "countries": ["TKM"], "min_members": 1}, tables
    )
    assert out.verdict == CONTRADICTED
    out = run(
        "membership",
        {"organisation": "CSTO", "date": "2000-06-01", "countries": ["UZB"], "expect": "not_member"},
        tables,
    )
    assert out.verdict == SUPPORTED
    assert out.sources[0].rows and out.sources[0].rows[0]["source_url"] == "https://example.org/x"


@pytest.mark.parametrize(
    "stated, verdict", [("2003", SUPPORTED), ("2003-10", SUPPORTED), ("2004", MOSTLY), ("2001", CONTRADICTED)]
)
def test_event_date(tables, stated, verdict):
    assert run("event_date", {"where": {"event_id": "kant_opened"}, "stated": stated}, tables).verdict == verdict


@pytest.mark.parametrize(
    "where, op, stated, verdict",
    [
        ({"place_iso3": "KAZ", "kind": "visit_to_country"}, "above", 10, CONTRADICTED),
        ({"place_iso3": "KAZ"}, "at_least", 3, SUPPORTED),
        ({"place_iso3": "KAZ"}, "at_least", 4, CONTRADICTED),
        ({"place_iso3": "KGZ"}, "equal", 0, SUPPORTED),
        ({"place_iso3": "KAZ"}, "at_most", 1, CONTRADICTED),
    ],
)
def test_event_count_on_a_complete_record(tables, where, op, stated, verdict):
    params = {"table": "leader_meetings", "where": where, "op": op, "stated": stated, "complete": True}
    assert run("event_count", params, tables).verdict == verdict


def test_event_count_short_of_an_incomplete_record_is_not_a_contradiction(tables):
    """Absence of confirmation is not contradiction: too few sourced rows, when the table is not a
    complete record, leaves the part not checkable."""
    out = run(
        "event_count",
        {"table": "leader_meetings", "where": {"place_iso3": "KGZ"}, "op": "at_least", "stated": 1},
        tables,
    )
    assert out.verdict == NOT_CHECKABLE and "absence of confirmation" in out.explanation
    # more rows than an "at most" claim allows is a contradiction even when the record is incomplete
    out = run(
        "event_count",
        {"table": "leader_meetings", "where": {"place_iso3": "KAZ"}, "op": "at_most", "stated": 1},
        tables,
    )
    assert out.verdict == CONTRADICTED


def test_event_count_misspelt_column_is_an_error_not_a_verdict(tables):
    with pytest.raises(ClaimDataError) as info:
        run(
            "event_count",
            {"table": "leader_meetings", "where": {"plcae_iso3": "KAZ"}, "op": "at_most", "stated": 5},
            tables,
        )
    assert "T01" in str(info.value) and "plcae_iso3" in str(info.value) and "place_iso3" in str(info.value)
    with pytest.raises(ClaimDataError):
        run(
            "event_count",
            {"table": "leader_meetings", "where": {}, "op": "at_least", "stated": 1, "distinct": "knd"},
            tables,
        )


def test_event_count_margin_and_distinct(tables):
    params = {
        "table": "leader_meetings",
        "where": {"place_iso3": "KAZ"},
        "op": "at_least",
        "stated": 4,
        "margin": 1,
        "complete": True,
    }
    assert run("event_count", params, tables).verdict == MOSTLY
    distinct = {
        "table": "leader_meetings",
        "where": {"place_iso3": "KAZ"},
        "op": "equal",
        "stated": 2,
        "distinct": "kind",
    }
    out = run("event_count", distinct, tables)
    assert out.verdict == SUPPORTED and out.numbers["count"] == 2


def test_not_checkable_shows_indicator(tables):
    out = run(
        "not_checkable",
        {
            "category": "perception",
            "reason": "No data on X.",
            "would_settle": "Y.",
            "indicator": {"table": "wdi", "where": {"iso3": "TJK"}, "by": "year", "unit": "%"},
        },
        tables,
    )
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


@pytest.mark.parametrize(
    "expect, min_change, verdict",
    [("increase", 0.0, SUPPORTED), ("increase", 0.5, MOSTLY), ("decrease", 0.0, CONTRADICTED)],
)
def test_share_change(tables, expect, min_change, verdict):
    # CHN: 0 of 100 in 2012 -> 25 of 130 in 2013-2016
    params = {
        "table": "arms",
        "where": {"recipient_iso3": "TKM"},
        "column": "tiv",
        "group": "supplier_iso3",
        "target": "CHN",
        "before": [2012, 2012],
        "after": [2013, 2016],
        "expect": expect,
        "min_change": min_change,
    }
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


# -- defects the audit found, and the evaluators added with the parts ledger -------------------------


def test_value_near_with_a_stated_zero(tables):
    zero = pd.DataFrame({"event_id": ["x", "y"], "value": [0.0, 3.0]})
    t = Tables(overrides={"events": zero})
    assert (
        run(
            "value_near", {"measure": {"table": "events", "where": {"event_id": "x"}, "agg": "single"}, "stated": 0}, t
        ).verdict
        == SUPPORTED
    )
    out = run(
        "value_near", {"measure": {"table": "events", "where": {"event_id": "y"}, "agg": "single"}, "stated": 0}, t
    )
    assert out.verdict == CONTRADICTED and out.numbers["relative_gap"] is None


def test_growth_compare_from_zero(tables):
    series = pd.DataFrame(
        {"series": ["a", "a", "b", "b", "c", "c"], "year": [2019, 2023] * 3, "value": [0.0, 5.0, 2.0, 3.0, 0.0, 4.0]}
    )
    t = Tables(overrides={"s": series})
    a = {"table": "s", "where": {"series": "a"}}
    b = {"table": "s", "where": {"series": "b"}}
    out = run("growth_compare", {"a": a, "b": b, "from_year": 2019, "to_year": 2023, "expect": "a_faster"}, t)
    assert out.verdict == SUPPORTED and out.numbers["a"]["rel"] is None  # unbounded: from nothing
    c = {"table": "s", "where": {"series": "c"}}
    with pytest.raises(ClaimDataError) as info:
        run("growth_compare", {"a": a, "b": c, "from_year": 2019, "to_year": 2023, "expect": "a_faster"}, t)
    assert "T01" in str(info.value) and "zero" in str(info.value)


def test_unexpected_failure_inside_an_evaluator_names_the_claim(tables, monkeypatch):
    from cautils.claims.evaluators import base

    params_model, _ = base.EVALUATORS["threshold"]

    def broken(p, t, claim_id):
        return {}["missing"]

    monkeypatch.setitem(base.EVALUATORS, "threshold", (params_model, broken))
    with pytest.raises(ClaimDataError) as info:
        run("threshold", {"measure": UZB_CHN_2023, "op": "above", "threshold": 1}, tables)
    assert "T01" in str(info.value) and "KeyError" in str(info.value) and "threshold" in str(info.value)


def test_two_sources_of_one_flow_are_never_added(tables):
    both = {"table": "trade", "where": {"iso3": "UZB", "partner_iso3": "CHN", "year": 2023}, "scale": 1e9}
    with pytest.raises(ClaimDataError) as info:
        run("value_near", {"measure": both, "stated": 24}, tables)
    message = str(info.value)
    assert "T01" in message and "same flow" in message and "uzb_stat" in message and "gacc" in message
    # one source at a time is fine
    one = {**both, "where": {**both["where"], "source": "uzb_stat"}, "agg": "single"}
    assert run("value_near", {"measure": one, "stated": 11.3}, tables).verdict == SUPPORTED


def test_turnover_is_not_added_to_exports_or_imports():
    frame = pd.DataFrame(
        [("KAZ", "CHN", 2023, "turnover", 31.0, "bns"), ("KAZ", "CHN", 2023, "imports", 16.0, "bns")],
        columns=["iso3", "partner_iso3", "year", "flow", "value", "source"],
    )
    t = Tables(overrides={"trade": frame})
    with pytest.raises(ClaimDataError) as info:
        run("value_near", {"measure": {"table": "trade", "where": {"iso3": "KAZ"}}, "stated": 47}, t)
    assert "turnover" in str(info.value)


def _trade_with_unallocated() -> Tables:
    frame = pd.DataFrame(
        [
            ("UZB", "RUS", 2023, "exports", 20.0),
            ("UZB", "CHN", 2023, "exports", 30.0),
            ("UZB", "XUN", 2023, "exports", 50.0),
            ("UZB", "WLD", 2023, "exports", 100.0),
        ],
        columns=["iso3", "partner_iso3", "year", "flow", "value"],
    ).assign(source="uzb_stat")
    return Tables(overrides={"trade": frame})


def test_shares_of_trade_use_the_total_with_unallocated_partners():
    t = _trade_with_unallocated()
    params = {"table": "trade", "where": {"iso3": "UZB"}, "group": "partner_iso3", "target": "RUS", "threshold": 0.1}
    with pytest.raises(SpecError) as info:
        run("share", params, t)
    assert "total: WLD" in str(info.value) and "allocated" in str(info.value)
    total = run("share", {**params, "total": "WLD"}, t)
    assert total.numbers["share"] == pytest.approx(0.20) and "unallocated partners included" in total.explanation
    allocated = run("share", {**params, "allocated": True}, t)
    assert allocated.numbers["share"] == pytest.approx(0.40) and "allocated" in allocated.explanation


def test_rankings_leave_out_totals_and_unallocated_remainders():
    t = _trade_with_unallocated()
    out = run("rank", {"table": "trade", "where": {"iso3": "UZB"}, "group": "partner_iso3", "target": "CHN"}, t)
    assert out.verdict == SUPPORTED  # XUN (50) and WLD (100) are not partners


def test_membership_in_another_tables_column():
    codes = pd.DataFrame({"hs6": ["854231", "851762"]}).assign(**CITE)
    exports = pd.DataFrame({"hs6": ["854231", "851762", "010121"], "year": [2022] * 3, "value": [1.0, 2.0, 4.0]})
    t = Tables(overrides={"chp_items": codes, "exports": exports})
    assert t.select("exports", {"hs6": {"in": "chp_items.hs6"}}, "T")["value"].sum() == 3
    with pytest.raises(ClaimDataError) as info:
        t.select("exports", {"hs6": {"in": "chp_items.code"}}, "T")
    assert "chp_items" in str(info.value) and "code" in str(info.value)


def _facts() -> Tables:
    facts = pd.DataFrame(
        [
            ("career", "Kazakhstan's foreign service", "confirmed"),
            ("career", "Kazakh deputy foreign minister", "confirmed"),
            ("city", "Nur-Sultan (Astana)", "confirmed"),
            ("city", "Almaty", "confirmed"),
            ("units", "border units seen (exile site)", "reported_unconfirmed"),
            ("recognised", "Russia, Nicaragua, Venezuela, Nauru", "confirmed"),
        ],
        columns=["fact_id", "value", "status"],
    ).assign(**CITE)
    return Tables(overrides={"facts": facts})


@pytest.mark.parametrize(
    "where, stated, match, verdict",
    [
        ("career", "kazakh", "contains", SUPPORTED),
        ("career", "russia", "contains", CONTRADICTED),
        ("city", "almaty", "contains", MOSTLY),  # the sources disagree
        ("units", "border units", "contains", NOT_CHECKABLE),  # only an unconfirmed report
        ("recognised", ["Kazakhstan", "Uzbekistan"], "excludes", SUPPORTED),
        ("recognised", ["Nauru"], "excludes", CONTRADICTED),
    ],
)
def test_fact(where, stated, match, verdict):
    out = run("fact", {"where": {"fact_id": where}, "stated": stated, "match": match}, _facts())
    assert out.verdict == verdict


def _quotes() -> Tables:
    quotes = pd.DataFrame(
        [
            (
                "q1",
                "Emomali Rahmon",
                "2022-10-14",
                "summit",
                "We have always respected the interests of our main strategic partner.",
                "en",
            ),
            (
                "q2",
                "Kassym-Jomart Tokayev",
                "2024-11-27",
                "visit",
                "Казахстан был и остается надежным, стратегическим партнером России",
                "ru",
            ),
        ],
        columns=["quote_id", "speaker", "date", "occasion", "text", "language"],
    ).assign(**CITE)
    return Tables(overrides={"quotes": quotes})


def test_quote_verbatim_paraphrase_and_wrong_speaker():
    t = _quotes()
    base = {"where": {"quote_id": "q1"}, "speaker": "Rahmon", "date": "2022"}
    assert (
        run(
            "quote", {**base, "stated": "[We] have always respected the interests of our main strategic partner."}, t
        ).verdict
        == SUPPORTED
    )
    assert (
        run(
            "quote", {**base, "stated": "We always respected our main partner's interests, truly and deeply."}, t
        ).verdict
        == MOSTLY
    )
    assert (
        run("quote", {**base, "stated": "We will never forgive anyone for anything at all."}, t).verdict == CONTRADICTED
    )
    assert (
        run("quote", {**base, "speaker": "Putin", "stated": "We have always respected the interests"}, t).verdict
        == CONTRADICTED
    )
    assert (
        run(
            "quote",
            {**base, "date": "2023", "stated": "We have always respected the interests of our main strategic partner."},
            t,
        ).verdict
        == MOSTLY
    )


def test_quote_in_another_language_through_stated_terms():
    t = _quotes()
    terms = {
        "was and remains": "был и остается",
        "reliable": "надежным",
        "strategic partner of Russia": "стратегическим партнером России",
    }
    out = run(
        "quote",
        {
            "where": {"quote_id": "q2"},
            "speaker": "Tokayev",
            "stated": "was and remains a reliable strategic partner",
            "terms": terms,
        },
        t,
    )
    assert out.verdict == SUPPORTED and "'reliable' = 'надежным'" in out.explanation
    wrong = {**terms, "an ally": "союзник навсегда"}
    out = run(
        "quote", {"where": {"quote_id": "q2"}, "speaker": "Tokayev", "stated": "x", "terms": wrong, "verbatim": 0.9}, t
    )
    assert out.verdict == MOSTLY and out.numbers["match"] == pytest.approx(0.75)


def test_event_date_window_disagreement_and_unconfirmed():
    events = pd.DataFrame(
        [
            ("e", "2004-10-16", "confirmed"),
            ("e", "2005-10", "confirmed"),
            ("f", "2015-03", "reported_unconfirmed"),
            ("g", "2025-01-28", "confirmed"),
        ],
        columns=["event_id", "date", "status"],
    ).assign(**CITE)
    t = Tables(overrides={"events": events})
    out = run("event_date", {"where": {"event_id": "e"}, "stated": "2004"}, t)
    assert out.verdict == MOSTLY and "disagree" in out.explanation
    assert (
        run(
            "event_date", {"where": {"event_id": "e", "status": "confirmed", "date": "2004-10-16"}, "stated": "2004"}, t
        ).verdict
        == SUPPORTED
    )
    assert run("event_date", {"where": {"event_id": "f"}, "stated": "2015"}, t).verdict == NOT_CHECKABLE
    assert (
        run("event_date", {"where": {"event_id": "g"}, "between": ["2024-12-08", "2025-02-08"]}, t).verdict == SUPPORTED
    )
    assert run("event_date", {"where": {"event_id": "g"}, "between": ["2024-12-08", "2024-12-31"]}, t).verdict == MOSTLY
    with pytest.raises(SpecError):
        run("event_date", {"where": {"event_id": "g"}}, t)


def test_change_between_windows_at_most(tables):
    measure = {"table": "arms", "where": {"recipient_iso3": "TKM", "supplier_iso3": "CHN"}, "column": "tiv"}
    # CHN: 0 in 2012, 10 in 2013, 15 in 2016 -> 2012-2013 = 10, 2016 = 15: +50%
    params = {
        "measure": measure,
        "from_years": [2012, 2013],
        "to_years": [2016, 2016],
        "expect": "at_most",
        "max_change": 0.5,
    }
    assert run("change", params, tables).verdict == SUPPORTED
    assert run("change", {**params, "max_change": 0.3}, tables).verdict == MOSTLY
    assert run("change", {**params, "max_change": 0.1}, tables).verdict == CONTRADICTED


def test_record_against_an_earlier_series():
    frame = pd.DataFrame(
        [
            ("own", 2018, 18.0),
            ("own", 2022, 27.0),
            ("own", 2023, 27.1),
            ("other", 2012, 25.8),
            ("other", 2018, 19.0),
            ("big", 2012, 30.0),
        ],
        columns=["series", "year", "value"],
    )
    t = Tables(overrides={"s": frame})
    params = {
        "measure": {"table": "s", "where": {"series": "own"}},
        "years": [2022, 2023],
        "earlier": {"table": "s", "where": {"series": "other"}, "label": "other"},
    }
    out = run("record", params, t)
    assert (
        out.verdict == SUPPORTED and out.numbers["earlier_peak_year"] == 2012
    )  # 2018 of 'other' overlaps and is dropped
    params["earlier"] = {"table": "s", "where": {"series": "big"}}
    assert run("record", params, t).verdict == CONTRADICTED


def test_a_level_after_a_reported_change_can_overtake():
    """A later level from an earlier one and a reported percentage change (B21's shape): the
    smaller earlier level with the smaller fall ends ahead."""
    rows = pd.DataFrame(
        {"event_id": ["a_level", "b_level", "a_change", "b_change"], "value": [474.0, 515.0, -36.5, -43.5]}
    )
    t = Tables(overrides={"events": rows})

    def later(name: str) -> dict:
        return {
            "table": "events",
            "where": {"event_id": f"{name}_level"},
            "changed_by": {"table": "events", "where": {"event_id": f"{name}_change"}},
        }

    out = run("compare", {"a": later("a"), "b": later("b"), "expect": "a_above"}, t)
    assert out.verdict == SUPPORTED
    assert out.numbers["a"] == pytest.approx(474.0 * 0.635) and out.numbers["b"] == pytest.approx(515.0 * 0.565)
    before = {"a": {"table": "events", "where": {"event_id": "a_level"}}, "b": later("b") | {"changed_by": None}}
    assert run("compare", before | {"expect": "a_above"}, t).verdict == CONTRADICTED
    with pytest.raises(ClaimDataError, match="T01"):
        run("compare", {"a": later("a") | {"by": "event_id"}, "b": later("b"), "expect": "a_above"}, t)
