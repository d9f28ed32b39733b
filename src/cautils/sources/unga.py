"""Reader for the unga raw source (to be written)."""

from __future__ import annotations

from cautils.sources.base import TableSpec

TABLES: list[TableSpec] = []
