"""Safe file input and output: atomic writes, hashes, checked CSV reading."""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import tempfile
import zlib
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from cautils.errors import DataError


def sha256_file(path: str | Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: str | Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def frame_to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """Deterministic CSV: UTF-8, LF line ends, no index, shortest round-trip floats."""
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def read_raw_bytes(path: str | Path) -> bytes:
    """Read a raw file, decompressing .gz; a truncated or corrupt gzip names the file."""
    path = Path(path)
    if not path.is_file():
        raise DataError(path, "file not found", expected="a file from the raw-data mirror")
    data = path.read_bytes()
    if path.suffix == ".gz":
        try:
            return gzip.decompress(data)
        except (EOFError, OSError, zlib.error) as exc:
            raise DataError(path, f"cannot decompress ({exc})", expected="a complete gzip file") from exc
    return data


def read_raw_csv(
    path: str | Path,
    *,
    required: Iterable[str] = (),
    skiprows: int = 0,
    encoding: str = "utf-8",
    **kwargs,
) -> pd.DataFrame:
    """Read a raw CSV (optionally gzipped) and check that required columns are present."""
    path = Path(path)
    raw = read_raw_bytes(path)
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DataError(path, f"not valid {encoding} text ({exc})") from exc
    try:
        frame = pd.read_csv(io.StringIO(text), skiprows=skiprows, **kwargs)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(path, f"cannot parse as CSV ({exc})") from exc
    require_columns(frame, required, path)
    return frame


def require_columns(frame: pd.DataFrame, required: Iterable[str], path: str | Path) -> None:
    missing = [col for col in required if col not in frame.columns]
    if missing:
        raise DataError(
            path,
            f"missing column(s) {', '.join(repr(c) for c in missing)}",
            field=missing[0],
            expected=f"columns {', '.join(required)}",
        )


def to_numeric_checked(
    frame: pd.DataFrame,
    column: str,
    path: str | Path,
    *,
    allow_blank: bool = True,
    header_rows: int = 1,
) -> pd.Series:
    """Convert a column to numbers; the first non-numeric cell is reported by file, field and row.

    Row numbers are 1-based line numbers in the CSV as read (header counted).
    """
    series = frame[column]
    if pd.api.types.is_numeric_dtype(series):
        return series.astype("float64")
    text = series.astype("string").str.strip().str.replace(",", "", regex=False)
    numbers = pd.to_numeric(text, errors="coerce")
    bad = numbers.isna() & text.notna() & (text != "")
    if not allow_blank:
        bad = bad | text.isna() | (text == "")
    if bad.any():
        position = int(bad.to_numpy().nonzero()[0][0])
        raise DataError(
            path,
            f"non-numeric value {series.iloc[position]!r}",
            field=column,
            row=position + header_rows + 1,
            expected="a number",
        )
    return numbers.astype("float64")
