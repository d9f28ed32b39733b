"""Shared fixtures: the real raw mirror (skipped when absent) and small generated raw files."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
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


# -- the book, built in a temporary copy of the project ---------------------------------------------
# Tests never write into the project's own build/, _build/ or claims/: the book is built once per
# session in a copy (with ../shared linked beside it, as in a checkout), and tests that change
# data, claims or notebooks work on a further copy of that built copy.

GENERATED = {"build", "_build", "claims", "_toc.yml"}  # generated at the project's root
NEVER_COPIED = {".venv", ".git", "test-artifacts", ".pytest_cache", ".ruff_cache", ".mypy_cache", ".hypothesis"}


def copy_project(source: Path, parent: Path, with_build: bool = False) -> Path:
    """Copy the project to parent/main (and link parent/shared to the real ../shared if present);
    generated folders are copied only `with_build`."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        skip = {n for n in names if n == "__pycache__" or n.endswith(".egg-info")}
        if Path(folder).resolve() == source.resolve():
            skip |= NEVER_COPIED & set(names)
            if not with_build:
                skip |= GENERATED & set(names)
        return skip

    target = parent / "main"
    shutil.copytree(source, target, ignore=ignore, symlinks=True)
    shared = source.parent / "shared"
    if shared.is_dir() and not (parent / "shared").exists():
        (parent / "shared").symlink_to(shared.resolve())
    return target


def cautils(root: Path, *args: str, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the `cautils` command line on the project copy at `root`."""
    full_env = {**os.environ, **(env or {}), "CAUTILS_PROJECT_ROOT": str(root)}
    result = subprocess.run(
        [sys.executable, "-m", "cautils.cli", *args],
        cwd=root,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"cautils {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr[-4000:]}"
        )
    return result


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Path:
    """A copy of the project with the whole book built in it (`cautils book`)."""
    root = copy_project(PROJECT_ROOT, tmp_path_factory.mktemp("book"))
    cautils(root, "book")
    return root


@pytest.fixture(scope="session")
def built_book(built_project) -> Path:
    """The HTML of the book built in the session's copy of the project."""
    return built_project / "_build" / "html"


@pytest.fixture()
def project_clone(built_project, tmp_path) -> Path:
    """A further copy of the built project (its build caches included) that a test may change."""
    return copy_project(built_project, tmp_path, with_build=True)
