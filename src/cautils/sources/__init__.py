"""One reader module per raw source; each exposes TABLES, a list of TableSpec."""

from __future__ import annotations

from cautils.sources import energy, energy_lng, eurostat_cn8, migration, sipri, trade, unga, wdi
from cautils.sources.base import Dataset, RawInput, TableSpec

MODULES = (unga, sipri, trade, eurostat_cn8, wdi, energy, energy_lng, migration)


def all_tables() -> list[TableSpec]:
    """Every processed table, in build order."""
    tables: list[TableSpec] = []
    for module in MODULES:
        tables.extend(module.TABLES)
    names = [t.name for t in tables]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise RuntimeError(f"duplicate processed table names: {sorted(duplicates)}")
    return tables


def table(name: str) -> TableSpec:
    for spec in all_tables():
        if spec.name == name:
            return spec
    known = ", ".join(t.name for t in all_tables())
    raise KeyError(f"no processed table named {name!r}; known tables: {known}")


__all__ = ["Dataset", "RawInput", "TableSpec", "all_tables", "table", "MODULES"]
