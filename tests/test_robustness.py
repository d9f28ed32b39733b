"""Bad input anywhere gives a clear error naming the file, claim or cell; nothing half-written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cautils import pipeline
from cautils.cli import app
from cautils.errors import DataError
from cautils.paths import CLAIMS_DIR, PROCESSED_DIR


def _mirror_copy(mirror: Path, tmp_path: Path, folder: str) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(mirror / folder, raw / folder)
    return raw


def test_corrupted_raw_file_names_the_file_and_writes_nothing(mirror, tmp_path):
    raw = _mirror_copy(mirror, tmp_path, "migration")
    target = raw / "migration" / "undesa_ims2024_stock_in_russia_from_central_asia_china.csv.gz"
    data = target.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    out = tmp_path / "processed"
    out.mkdir()
    (out / "sentinel.txt").write_text("previous build")
    with pytest.raises(DataError) as info:
        pipeline.build_all(raw, out, only=["migrant_stock_russia"])
    assert "undesa_ims2024_stock_in_russia_from_central_asia_china.csv.gz" in str(info.value)
    assert sorted(p.name for p in out.iterdir()) == ["sentinel.txt"]


def test_cli_build_reports_bad_raw_file_with_exit_code(mirror, tmp_path):
    raw = _mirror_copy(mirror, tmp_path, "migration")
    target = raw / "migration" / "knomad_brm2021_extract_russia_and_central_asia.csv.gz"
    target.write_bytes(b"not a gzip file at all")
    result = CliRunner().invoke(
        app, ["data", "build", "--raw", str(raw), "--out", str(tmp_path / "out"), "--only", "remittance_matrix_2021"]
    )
    assert result.exit_code == 1
    assert "knomad_brm2021_extract_russia_and_central_asia.csv.gz" in result.output


def test_processed_table_edited_by_hand_is_caught(tmp_path):
    copy = tmp_path / "processed"
    shutil.copytree(PROCESSED_DIR, copy)
    path = copy / "migrant_stock_russia.csv"
    lines = path.read_text().splitlines()
    lines[1] = lines[1].replace(lines[1].split(",")[3], "999", 1)
    path.write_text("\n".join(lines) + "\n")
    result = CliRunner().invoke(app, ["data", "check", "--processed", str(copy), "--no-rebuild"])
    assert result.exit_code == 1
    assert "migrant_stock_russia.csv" in result.output and "sha256" in result.output


def test_committed_processed_data_matches_manifest():
    assert pipeline.check_all(PROCESSED_DIR, None) == []


def test_every_table_round_trips_through_its_csv(mirror, mirror_build):
    """What the build writes reads back, through the schema, as the frame the reader made."""
    import pandas as pd

    from cautils.pipeline import build_table
    from cautils.sources import all_tables

    for spec in all_tables():
        pd.testing.assert_frame_equal(mirror_build[spec.name], build_table(spec, mirror).frame, obj=spec.name)


def test_committed_processed_data_is_current(mirror):
    """A rebuild from the raw mirror reproduces the committed tables byte for byte."""
    assert pipeline.check_all(PROCESSED_DIR, mirror) == []


def test_claim_pointing_at_missing_year_names_the_claim(tmp_path):
    directory = tmp_path / "claims"
    shutil.copytree(CLAIMS_DIR, directory)
    text = (directory / "B.yaml").read_text()
    broken = text.replace(
        "where: {iso3: UZB, partner_iso3: CHN, flow: imports, year: 2023, source: uzb_stat}",
        "where: {iso3: UZB, partner_iso3: CHN, flow: imports, year: 1900, source: uzb_stat}",
        1,
    )
    assert broken != text
    (directory / "B.yaml").write_text(broken)
    result = CliRunner().invoke(app, ["claims", "--claims-dir", str(directory)])
    assert result.exit_code == 1
    assert "claim B16" in result.output and "1900" in result.output and "Traceback" not in result.output


@pytest.mark.slow
def test_failed_book_build_leaves_previous_book_intact(project_clone):
    """A page that makes Sphinx warn (warnings are errors) fails the build, naming the problem;
    the previously built book is left exactly as it was."""
    from conftest import cautils

    html = project_clone / "_build" / "html"
    index = html / "index.html"
    before = index.read_bytes()
    pages_before = sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html"))
    fork = project_clone / "book" / "fork.md"
    fork.write_text(fork.read_text() + "\nSee {ref}`a-label-that-does-not-exist`.\n")
    failed = cautils(project_clone, "book", check=False)
    assert failed.returncode == 1
    assert "a-label-that-does-not-exist" in failed.stderr and "Traceback" not in failed.stderr
    assert index.read_bytes() == before
    assert sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html")) == pages_before
