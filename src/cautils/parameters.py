"""Notebook parameters the data can serve: an unknown value fails at once, naming what exists."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from cautils.errors import CautilsError


class ParameterError(CautilsError):
    """A notebook parameter has a value the data cannot serve."""


def _values(table: str, column: str) -> list[Any]:
    """The distinct values of a processed table's column (read once per content of the table)."""
    from cautils import deps
    from cautils.fingerprint import table_hashes

    deps.record("tables", table)  # the page depends on the table, as if it had loaded it
    return list(_distinct(table, column, table_hashes([table])[table]))


@lru_cache(maxsize=16)
def _distinct(table: str, column: str, content: str) -> tuple[Any, ...]:
    from cautils.data import load

    return tuple(sorted(set(load(table)[column].tolist())))


def countries() -> list[str]:
    """Countries with their own trade reports in the tables (the chapters' subject countries)."""
    return [str(c) for c in _values("trade_imf_dots", "iso3")]


def releases() -> list[int]:
    """The SIPRI arms-transfers releases in the processed tables."""
    return [int(r) for r in _values("sipri_deliveries", "release")]


def articles() -> list[str]:
    from cautils.claims.engine import load_ledgers

    return [ledger.article.id for ledger in load_ledgers()]


AVAILABLE: dict[str, Callable[[], list[Any]]] = {"country": countries, "release": releases, "article": articles}


def check(name: str, value: Any, template: str = "") -> None:
    """Raise ParameterError unless `value` is one the data can serve for parameter `name`."""
    if name not in AVAILABLE:
        return
    available = AVAILABLE[name]()
    if value not in available and str(value) not in {str(a) for a in available}:
        where = f"notebook {template}: " if template else ""
        raise ParameterError(
            f"{where}parameter '{name}' = {value!r} cannot be served by the data; "
            f"available: {', '.join(map(str, available))}"
        )


def check_parameters(template: str, params: dict[str, Any]) -> None:
    for name, value in params.items():
        check(name, value, template)
