"""cautils.analysis.un_votes on the committed processed UN vote tables, plus synthetic cases."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from cautils.analysis import un_votes
from cautils.countries import CA5

FOCUS = list(CA5) + ["RUS", "CHN"]


def test_ukraine_resolutions() -> None:
    res = un_votes.ukraine_resolutions()
    assert len(res) == 10
    assert list(res["symbol"]) == ["A/RES/68/262"] + [f"A/RES/ES-11/{i}" for i in range(1, 10)]
    assert list(res.columns) == ["symbol", "date", "title", "yes", "no", "abstain", "source_part"]
    assert res["date"].is_monotonic_increasing
    crimea = res.iloc[0]
    assert (crimea["date"], crimea["yes"], crimea["no"], crimea["abstain"]) == ("2014-03-27", 100, 11, 58)
    assert set(res["source_part"]) == {"A", "B", "C"}


def test_ukraine_votes_and_counts() -> None:
    votes = un_votes.ukraine_votes(FOCUS)
    assert list(votes.columns) == ["symbol", "date", "iso3", "vote"]
    assert len(votes) == 10 * len(FOCUS)
    assert set(votes["vote"]) <= set(un_votes.VOTES)
    assert list(votes["iso3"].iloc[: len(FOCUS)]) == FOCUS
    counts = un_votes.vote_counts(FOCUS).set_index("iso3")
    assert (counts["total"] == 10).all()
    assert counts.loc["TKM", "absent"] == 10
    assert counts.loc["RUS", "no"] == 10
    assert counts.loc[list(CA5), "yes"].sum() == 0
    shares = un_votes.vote_shares(FOCUS)
    assert shares[list(un_votes.VOTES)].sum(axis=1).to_numpy() == pytest.approx(1.0)


def test_vote_chart_labels_and_source() -> None:
    fig = un_votes.vote_chart(FOCUS)
    labels = {t.get_text() for t in fig.axes[0].texts}
    assert {"absent", "abst.", "no"} <= labels and "abs" not in labels
    note = " ".join(t.get_text() for t in fig.texts)
    assert "Part A" in note and "Part B" in note and "Part C" in note
    plt.close(fig)


def _synthetic() -> pd.DataFrame:
    rows = [
        # symbol, date, iso3, vote
        ("R1", "1995-01-01", "RUS", "yes"),
        ("R1", "1995-01-01", "KAZ", "yes"),
        ("R2", "1995-02-01", "RUS", "no"),
        ("R2", "1995-02-01", "KAZ", "abstain"),
        ("R3", "1996-01-01", "RUS", "yes"),
        ("R3", "1996-01-01", "KAZ", "absent"),
        ("R4", "1996-02-01", "RUS", "absent"),
        ("R4", "1996-02-01", "KAZ", "absent"),
        ("R5", "2001-01-01", "RUS", "no"),
        ("R5", "2001-01-01", "KAZ", "no"),
    ]
    return pd.DataFrame(rows, columns=["symbol", "date", "iso3", "vote"])


def test_agreement_synthetic() -> None:
    pairs = un_votes.agreement_pairs(_synthetic())
    assert set(pairs["iso3"]) == {"KAZ"} and len(pairs) == 5
    # drop: R1 agree, R2 disagree, R5 agree (R3, R4 have an absence) -> 2/3
    assert un_votes.agreement_share(pairs, "drop") == pytest.approx(2 / 3)
    # disagree: all five count; absences never agree -> 2/5
    assert un_votes.agreement_share(pairs, "disagree") == pytest.approx(2 / 5)
    with pytest.raises(ValueError):
        un_votes.agreement_share(pairs, "abstain")
    table = un_votes.agreement_table(_synthetic(), [(1992, 1996), (1997, 2001)])
    first = table[table["period"] == "1992-1996"].set_index("rule")
    assert first.loc["drop", "share"] == pytest.approx(1 / 2) and first.loc["drop", "n"] == 2
    assert first.loc["disagree", "share"] == pytest.approx(1 / 4) and first.loc["disagree", "n"] == 4
    assert table[table["period"] == "1997-2001"]["share"].tolist() == [1.0, 1.0]


def test_agreement_with_russia_real() -> None:
    table = un_votes.agreement_with_russia()
    assert set(table["iso3"]) == set(CA5) | {"CHN"}
    assert table["share"].between(0, 1).all()
    assert table["period"].iloc[0] == "1992-1996"
    wide = table.pivot_table(index=["iso3", "period"], columns="rule", values="share")
    # counting absences differently changes the measure, and keeping them never raises it
    assert (wide["drop"] >= wide["disagree"] - 1e-12).all()
    assert (wide["drop"] - wide["disagree"]).max() > 0.2
    assert un_votes.five_year_periods(1992, 2026)[-1] == (2022, 2026)


def test_source_agreement_summary() -> None:
    summary = un_votes.source_agreement_summary().set_index("parts compared")
    assert set(summary.index) == {"A and B", "B and C"}
    assert summary["country votes compared"].sum() == 1918
    assert summary["share agreeing"].between(0, 1).all()
    coverage = un_votes.coverage_by_part()
    assert set(coverage["source_part"]) == {"A", "B", "C"}


def test_un_admission_date_and_part_profiles() -> None:
    assert un_votes.un_admission_date() == "1992-03-02"
    with pytest.raises(ValueError):
        un_votes.un_admission_date(("KAZ", "RUS"))  # Russia (a founding member) has no 'joined' row
    a, b, c = (un_votes.part_profile(p) for p in "ABC")
    assert a["last"] == "2020-01-14" and a["es11"] == []
    assert (b["first_session"], b["last_session"]) == (74, 80)
    assert b["es11"] == [f"ES-11/{i}" for i in range(1, 7)]
    assert c["es11"] == ["ES-11/7", "ES-11/8", "ES-11/9"]
    assert c["first"][:4] == c["last"][:4] == "2025"


def test_part_a_quiet_years() -> None:
    quiet = un_votes.part_a_quiet_years(1992)
    # the compilation's known gaps (no roll call after December in sessions 70, 72 and 73) are among them
    assert {2016, 2018, 2019} <= set(quiet)
    assert 2014 not in quiet and 2017 not in quiet  # spring roll calls exist in those years
    assert all(1992 <= y <= 2020 for y in quiet)
