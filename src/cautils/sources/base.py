"""What every source reader declares: its raw inputs, its output tables, their schemas."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa


@dataclass(frozen=True)
class Dataset:
    """Bibliographic record of one raw dataset (shown in the book's sources table)."""

    key: str
    publisher: str
    title: str
    version: str
    licence: str
    url: str
    citation: str


@dataclass(frozen=True)
class RawInput:
    """One raw file, relative to the raw-data folder, and the dataset it belongs to."""

    path: str
    dataset: Dataset

    def resolve(self, raw_dir: Path) -> Path:
        return raw_dir / self.path


@dataclass(frozen=True)
class TableSpec:
    """One processed table: how to build it from raw files and how to validate it.

    `build` receives the raw-data folder and returns the tidy DataFrame. Columns are
    written in schema order and rows sorted by `sort_by`, so builds are byte-identical.
    """

    name: str
    description: str
    inputs: tuple[RawInput, ...]
    build: Callable[[Path], pd.DataFrame]
    schema: pa.DataFrameSchema
    sort_by: tuple[str, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def columns(self) -> list[str]:
        return list(self.schema.columns)
