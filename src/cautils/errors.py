"""Errors that name the file, row or field at fault and what was expected."""

from __future__ import annotations

from pathlib import Path


class CautilsError(Exception):
    """Base class for every error this package raises on purpose."""


class DataError(CautilsError):
    """Bad input data: names the file, and where known the field and row."""

    def __init__(
        self,
        path: str | Path,
        problem: str,
        *,
        field: str | None = None,
        row: int | None = None,
        expected: str | None = None,
    ) -> None:
        self.path = str(path)
        self.field = field
        self.row = row
        self.problem = problem
        self.expected = expected
        where = self.path
        if field is not None:
            where += f", field '{field}'"
        if row is not None:
            where += f", row {row}"
        msg = f"{where}: {problem}"
        if expected:
            msg += f" (expected {expected})"
        super().__init__(msg)


class RawDataMissing(CautilsError):
    """The raw-data mirror could not be found."""


class ManifestMismatch(CautilsError):
    """A processed table differs from what the manifest records."""
