"""Atomic writes, checked CSV reading, raw-folder resolution."""

from __future__ import annotations

import gzip
import os

import pandas as pd
import pytest

from cautils import paths
from cautils.errors import DataError, RawDataMissing
from cautils.io import (
    atomic_write_bytes,
    frame_to_csv_bytes,
    read_raw_csv,
    sha256_file,
    to_numeric_checked,
)


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path):
    target = tmp_path / "out.csv"
    atomic_write_bytes(target, b"one")
    atomic_write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_atomic_write_keeps_old_file_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_csv_bytes_are_deterministic():
    frame = pd.DataFrame({"a": [1.1, 2.0, None], "b": ["x", "y", "z"]})
    assert frame_to_csv_bytes(frame) == frame_to_csv_bytes(frame.copy())
    assert b"\r" not in frame_to_csv_bytes(frame)


def test_truncated_gzip_names_the_file(tmp_path):
    path = tmp_path / "x.csv.gz"
    data = gzip.compress("".join(f"{i},{i * 7}\n" for i in range(500)).encode())
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DataError) as info:
        read_raw_csv(path, required=["a"])
    assert "x.csv.gz" in str(info.value) and "gzip" in str(info.value)


def test_missing_column_names_file_and_field(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(DataError) as info:
        read_raw_csv(path, required=["a", "value"])
    assert "x.csv" in str(info.value) and "'value'" in str(info.value)


def test_non_numeric_value_names_field_and_row(tmp_path):
    frame = pd.DataFrame({"value": ["1", "2,000", "abc", ""]})
    with pytest.raises(DataError) as info:
        to_numeric_checked(frame, "value", tmp_path / "f.csv")
    message = str(info.value)
    assert "f.csv" in message and "'value'" in message and "row 4" in message and "'abc'" in message


def test_numeric_conversion_accepts_thousands_separators_and_blanks(tmp_path):
    frame = pd.DataFrame({"value": ["1", "2,000", ""]})
    out = to_numeric_checked(frame, "value", tmp_path / "f.csv")
    assert out.iloc[1] == 2000.0 and pd.isna(out.iloc[2])


def test_sha256_file(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"abc")
    assert sha256_file(path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_raw_dir_precedence(tmp_path, monkeypatch):
    explicit = tmp_path / "explicit"
    env = tmp_path / "env"
    explicit.mkdir()
    env.mkdir()
    monkeypatch.setenv(paths.RAW_ENV_VAR, str(env))
    assert paths.find_raw_dir(explicit) == explicit.resolve()
    assert paths.find_raw_dir() == env.resolve()


def test_explicit_raw_dir_that_does_not_exist_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.RAW_ENV_VAR, str(tmp_path / "nope"))
    with pytest.raises(RawDataMissing) as info:
        paths.find_raw_dir()
    assert "CAUTILS_RAW_DIR" in str(info.value)


def test_no_raw_anywhere_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.delenv(paths.RAW_ENV_VAR, raising=False)
    monkeypatch.setattr(paths, "DATA_DIR", tmp_path / "data")
    monkeypatch.setattr(paths, "PROJECT_ROOT", tmp_path / "repo")
    with pytest.raises(RawDataMissing) as info:
        paths.find_raw_dir()
    assert "PROVENANCE.md" in str(info.value) and "--raw" in str(info.value)
