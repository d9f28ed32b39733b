"""Where things live: project root, raw mirror, processed and curated data."""

from __future__ import annotations

import os
from pathlib import Path

from cautils.errors import RawDataMissing

# The project is the checkout this package lives in, unless $CAUTILS_PROJECT_ROOT names another
# copy (tests and fork recipes build in a temporary copy, never in the checkout's own build folders).
PROJECT_ENV_VAR = "CAUTILS_PROJECT_ROOT"
PROJECT_ROOT = Path(os.environ.get(PROJECT_ENV_VAR) or Path(__file__).resolve().parents[2]).resolve()
DATA_DIR = PROJECT_ROOT / "data"
PROCESSED_DIR = DATA_DIR / "processed"
CURATED_DIR = DATA_DIR / "curated"
CLAIMS_DIR = DATA_DIR / "claims"
MANIFEST_PATH = PROCESSED_DIR / "manifest.json"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
BOOK_DIR = PROJECT_ROOT / "book"
REGISTRY_PATH = BOOK_DIR / "pages.yaml"
BUILD_DIR = PROJECT_ROOT / "build"
HTML_DIR = PROJECT_ROOT / "_build" / "html"
ARTICLES_DIR = PROJECT_ROOT.parent / "shared" / "articles"
RAW_ENV_VAR = "CAUTILS_RAW_DIR"

RAW_HELP = (
    "The raw-data mirror was not found. Pass --raw DIR, set $CAUTILS_RAW_DIR, "
    "or place the mirror at data/raw/ or ../shared/data/ (beside the repository). "
    "It holds the public datasets listed in the README's data section; each folder's "
    "PROVENANCE.md says where to download them. The committed tables in "
    "data/processed/ are enough to build the book without it."
)


def raw_candidates(explicit: str | Path | None = None) -> list[Path]:
    """The raw-data folders to try, in order of precedence."""
    candidates: list[Path] = []
    if explicit:
        candidates.append(Path(explicit))
    env = os.environ.get(RAW_ENV_VAR)
    if env:
        candidates.append(Path(env))
    candidates.append(DATA_DIR / "raw")
    candidates.append(PROJECT_ROOT.parent / "shared" / "data")
    return candidates


def find_raw_dir(explicit: str | Path | None = None) -> Path:
    """Resolve the raw folder: --raw, else $CAUTILS_RAW_DIR, else data/raw, else ../shared/data.

    An explicit choice (argument or environment) that does not exist is an error,
    not a silent fallback.
    """
    if explicit:
        path = Path(explicit)
        if not path.is_dir():
            raise RawDataMissing(f"--raw {path}: no such folder. {RAW_HELP}")
        return path.resolve()
    env = os.environ.get(RAW_ENV_VAR)
    if env:
        path = Path(env)
        if not path.is_dir():
            raise RawDataMissing(f"${RAW_ENV_VAR}={env}: no such folder. {RAW_HELP}")
        return path.resolve()
    for path in raw_candidates():
        if path.is_dir():
            return path.resolve()
    raise RawDataMissing(RAW_HELP)


def raw_available(explicit: str | Path | None = None) -> Path | None:
    """The raw folder if one can be found, else None."""
    try:
        return find_raw_dir(explicit)
    except RawDataMissing:
        return None
