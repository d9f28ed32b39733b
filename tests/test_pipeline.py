"""Build and check on a small registry of generated tables: determinism, atomicity, manifest."""

from __future__ import annotations

import json

import pandas as pd
import pandera.pandas as pa
import pytest

from cautils import pipeline
from cautils.errors import DataError
from cautils.io import read_raw_csv, to_numeric_checked
from cautils.sources.base import Dataset, RawInput, TableSpec

DATASET = Dataset("toy", "Toy Publisher", "Toy data", "v1", "CC0", "https://example.org", "Toy (v1)")
RAW = RawInput("toy/values.csv", DATASET)


def _build(raw_dir):
    path = RAW.resolve(raw_dir)
    frame = read_raw_csv(path, required=["iso3", "year", "value"])
    frame["value"] = to_numeric_checked(frame, "value", path)
    return frame


SPEC = TableSpec(
    name="toy",
    description="toy table",
    inputs=(RAW,),
    build=_build,
    schema=pa.DataFrameSchema(
        {
            "iso3": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{3}$")),
            "year": pa.Column(int, pa.Check.in_range(1990, 2030)),
            "value": pa.Column(float, nullable=True),
        },
        strict=True,
        coerce=True,
    ),
    sort_by=("iso3", "year"),
)


@pytest.fixture()
def toy(monkeypatch, write_raw, tmp_path):
    monkeypatch.setattr(pipeline, "all_tables", lambda: [SPEC])
    write_raw("toy/values.csv", "iso3,year,value\nUZB,2021,2.5\nKAZ,2020,1\nKAZ,2019,\n")
    return write_raw.root, tmp_path / "processed"


def test_build_writes_sorted_table_and_manifest(toy):
    raw, out = toy
    manifest = pipeline.build_all(raw, out)
    frame = pd.read_csv(out / "toy.csv")
    assert list(frame["iso3"]) == ["KAZ", "KAZ", "UZB"]
    assert list(frame["year"]) == [2019, 2020, 2021]
    entry = manifest["tables"]["toy"]
    assert entry["rows"] == 3
    assert entry["columns"] == ["iso3", "year", "value"]
    assert entry["inputs"][0]["path"] == "toy/values.csv"
    assert len(entry["inputs"][0]["sha256"]) == 64
    assert entry["coverage"] == {"year_min": 2019, "year_max": 2021}
    assert manifest["datasets"]["toy"]["publisher"] == "Toy Publisher"
    on_disk = json.loads((out / "manifest.json").read_text())
    assert on_disk == manifest


def test_two_builds_are_byte_identical(toy):
    raw, out = toy
    pipeline.build_all(raw, out)
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    pipeline.build_all(raw, out)
    second = {p.name: p.read_bytes() for p in out.iterdir()}
    assert first == second


def test_check_passes_then_catches_hand_edit(toy):
    raw, out = toy
    pipeline.build_all(raw, out)
    assert pipeline.check_all(out, raw) == []
    path = out / "toy.csv"
    path.write_text(path.read_text().replace("2.5", "3.5"))
    problems = pipeline.check_all(out, raw)
    assert any("toy.csv" in p and "sha256" in p for p in problems)
    assert any("rebuild" in p for p in problems)


def test_check_catches_changed_raw_input(toy):
    raw, out = toy
    pipeline.build_all(raw, out)
    (raw / "toy" / "values.csv").write_text("iso3,year,value\nKAZ,2020,9\n")
    problems = pipeline.check_all(out, raw)
    assert any("raw input sha256 differs" in p for p in problems)


def test_check_catches_schema_violation(toy):
    raw, out = toy
    pipeline.build_all(raw, out)
    path = out / "toy.csv"
    path.write_text(path.read_text().replace("UZB", "uzbek"))
    problems = pipeline.check_all(out, None)
    assert any("toy.csv" in p and "iso3" in p for p in problems)


def test_failed_build_leaves_previous_tables(toy, write_raw):
    raw, out = toy
    pipeline.build_all(raw, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    write_raw("toy/values.csv", "iso3,year,value\nKAZ,2020,lots\n")
    with pytest.raises(DataError) as info:
        pipeline.build_all(raw, out)
    assert "values.csv" in str(info.value) and "'value'" in str(info.value)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_schema_failure_names_table_and_column(toy, write_raw):
    raw, out = toy
    write_raw("toy/values.csv", "iso3,year,value\nKAZ,1850,1\n")
    with pytest.raises(DataError) as info:
        pipeline.build_all(raw, out)
    assert "toy" in str(info.value) and "year" in str(info.value)
