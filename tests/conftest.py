"""Shared fixtures: the real raw mirror (skipped when absent) and small generated raw files."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from cautils.paths import PROJECT_ROOT, raw_available

MIRROR_REASON = (
    "raw-data mirror not found (../shared/data beside the repository, or $CAUTILS_RAW_DIR): "
    "integration tests on the real data are skipped"
)


@pytest.fixture(scope="session")
def mirror() -> Path:
    """The real raw-data mirror; tests using it are skipped with a stated reason when absent."""
    path = raw_available()
    if path is None:
        pytest.skip(MIRROR_REASON)
    return path


@pytest.fixture()
def write_raw(tmp_path: Path):
    """Write a small raw file under a temporary raw folder: write_raw('trade/x.csv.gz', text)."""

    def _write(relative: str, text: str | bytes, *, compress: bool | None = None) -> Path:
        path = tmp_path / "raw" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8") if isinstance(text, str) else text
        if compress is None:
            compress = relative.endswith(".gz")
        path.write_bytes(gzip.compress(data, mtime=0) if compress else data)
        return path

    _write.root = tmp_path / "raw"  # type: ignore[attr-defined]
    return _write


@pytest.fixture(scope="session")
def mirror_build(mirror, tmp_path_factory) -> dict:
    """Every processed table built once from the real mirror into a temporary folder and read
    back through its schema (the round trip every reader's integration tests rely on)."""
    from cautils.pipeline import build_all, load_processed
    from cautils.sources import all_tables

    out = tmp_path_factory.mktemp("mirror_build")
    build_all(mirror, out)
    return {spec.name: load_processed(spec, out / f"{spec.name}.csv") for spec in all_tables()}


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def built_book() -> Path:
    """Execute every notebook (cached) and build the HTML book once per test session."""
    from cautils.book import HTML_DIR, build_html
    from cautils.runner import run_all

    run_all()
    build_html()
    return HTML_DIR
