"""Notebook parameters the data can serve: an unknown value fails at once, naming what exists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cautils.errors import CautilsError


class ParameterError(CautilsError):
    """A notebook parameter has a value the data cannot serve."""


def countries() -> list[str]:
    """Countries with their own trade reports in the tables (the chapters' subject countries)."""
    from cautils.data import load

    return sorted(set(load("trade_imf_dots")["iso3"]))


def releases() -> list[int]:
    """The SIPRI arms-transfers releases in the processed tables."""
    from cautils.data import load

    return sorted(int(r) for r in load("sipri_deliveries")["release"].unique())


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
