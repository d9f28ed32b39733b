"""Curated facts: the committed tables validate; a row without a source is an error."""

from __future__ import annotations

import shutil

import pytest

from cautils import curated
from cautils.errors import DataError
from cautils.paths import CURATED_DIR


@pytest.mark.parametrize("name", sorted(curated.TABLES))
def test_committed_curated_tables_validate(name):
    frame = curated.load_curated(name)
    assert len(frame) > 0
    assert frame["source_url"].str.startswith("http").all()


def _copy(tmp_path, name):
    shutil.copy(CURATED_DIR / f"{name}.csv", tmp_path / f"{name}.csv")
    curated.clear_cache()
    return tmp_path / f"{name}.csv"


def _edit(tmp_path, name, row, column, value):
    import pandas as pd

    path = _copy(tmp_path, name)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[row, column] = value
    frame.to_csv(path, index=False)
    return path


def test_row_without_source_names_file_row_and_field(tmp_path):
    _edit(tmp_path, "memberships", 0, "source_url", "")
    with pytest.raises(DataError) as info:
        curated.load_curated("memberships", tmp_path)
    message = str(info.value)
    assert "memberships.csv" in message and "source_url" in message and "row 2" in message


def test_bad_date_is_reported(tmp_path):
    _edit(tmp_path, "events", 1, "date", "early 2022")
    with pytest.raises(DataError) as info:
        curated.load_curated("events", tmp_path)
    assert "events.csv" in str(info.value) and "date" in str(info.value) and "row 3" in str(info.value)


def test_unknown_country_is_reported(tmp_path):
    _edit(tmp_path, "military_facilities", 0, "host_iso3", "XYZ")
    with pytest.raises(DataError) as info:
        curated.load_curated("military_facilities", tmp_path)
    assert "military_facilities.csv" in str(info.value) and "'XYZ'" in str(info.value)


def test_missing_column_is_reported(tmp_path):
    import pandas as pd

    path = _copy(tmp_path, "deployments")
    pd.read_csv(path).drop(columns=["outcome"]).to_csv(path, index=False)
    with pytest.raises(DataError) as info:
        curated.load_curated("deployments", tmp_path)
    assert "outcome" in str(info.value)
