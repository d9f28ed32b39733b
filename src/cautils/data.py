"""Load the committed processed and curated tables (no raw mirror needed)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from cautils import deps
from cautils.io import sha256_file
from cautils.paths import PROCESSED_DIR
from cautils.pipeline import load_processed, text_columns
from cautils.sources import all_tables, table


@lru_cache(maxsize=4)
def _manifest_hashes(directory: str) -> dict[str, str]:
    path = Path(directory) / "manifest.json"
    if not path.is_file():
        return {}
    return {entry["file"]: entry["sha256"] for entry in json.loads(path.read_text(encoding="utf-8"))["tables"].values()}


@lru_cache(maxsize=64)
def _load_cached(name: str, directory: str) -> pd.DataFrame:
    """A file whose sha256 matches the manifest is exactly what `cautils data build` validated,
    so its types are coerced without re-running every check; any other file is fully validated."""
    spec = table(name)
    path = Path(directory) / f"{name}.csv"
    if path.is_file() and _manifest_hashes(directory).get(path.name) == sha256_file(path):
        frame = pd.read_csv(path, dtype=text_columns(spec))
        return spec.schema.coerce_dtype(frame[spec.columns])
    return load_processed(spec, path)


def load(name: str, processed_dir: Path = PROCESSED_DIR) -> pd.DataFrame:
    """One processed table, typed by its schema. Returns a copy: callers may modify it."""
    deps.record("tables", name)
    return _load_cached(name, str(processed_dir)).copy()


def load_group(prefix: str, processed_dir: Path = PROCESSED_DIR) -> pd.DataFrame:
    """Concatenate every processed table whose name starts with `prefix` (e.g. 'trade_')."""
    names = [t.name for t in all_tables() if t.name.startswith(prefix)]
    if not names:
        raise KeyError(f"no processed table starts with {prefix!r}")
    frames = [load(n, processed_dir) for n in names]
    return pd.concat(frames, ignore_index=True)


def clear_cache() -> None:
    _load_cached.cache_clear()
    _manifest_hashes.cache_clear()
