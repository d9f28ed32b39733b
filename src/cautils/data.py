"""Load the committed processed and curated tables (no raw mirror needed)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from cautils.paths import PROCESSED_DIR
from cautils.pipeline import load_processed
from cautils.sources import all_tables, table


@lru_cache(maxsize=64)
def _load_cached(name: str, directory: str) -> pd.DataFrame:
    spec = table(name)
    return load_processed(spec, Path(directory) / f"{name}.csv")


def load(name: str, processed_dir: Path = PROCESSED_DIR) -> pd.DataFrame:
    """One processed table, typed by its schema. Returns a copy: callers may modify it."""
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
