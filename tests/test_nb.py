"""Prose formatting helpers of cautils.nb (dates, lists, year spans)."""

from __future__ import annotations

import pandas as pd
import pytest

from cautils import nb


def test_date_text_keeps_the_precision_given():
    assert nb.date_text("2022-01-05") == "5 January 2022"
    assert nb.date_text("1999-04") == "April 1999"
    assert nb.date_text("2006") == "2006"
    assert nb.date_text("2010-06-12", day=False) == "June 2010"
    assert nb.date_text("2022-01-13", year=False) == "13 January"
    assert nb.date_text(pd.Timestamp("2022-02-24"), day=False) == "February 2022"
    with pytest.raises(ValueError):
        nb.date_text("5 Jan 2022")


def test_and_join_and_year_spans():
    assert nb.and_join(["ES-11/7"]) == "ES-11/7"
    assert nb.and_join([2024, 2025, 2026]) == "2024, 2025 and 2026"
    assert nb.year_spans([2018, 1994, 1995, 1996, 1997, 1999, 2000]) == "1994-1997, 1999-2000 and 2018"
    assert nb.year_spans([2021]) == "2021"
    with pytest.raises(ValueError):
        nb.year_spans([])
