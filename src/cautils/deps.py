"""What a notebook read: tables, curated files, claims and cautils modules (for its cache key).

The loaders call `record`; the runner resets the record before each notebook and has the
notebook `dump` it at the end. The runner's cache key then covers exactly what was read.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

# files: project-relative paths (article order files, review.yaml); ledger: "<article>:article|sentences"
KINDS = ("tables", "curated", "claims", "files", "ledger")
_reads: dict[str, set[str]] = {kind: set() for kind in KINDS}
PACKAGE_DIR = Path(__file__).resolve().parent


def record(kind: str, name: str) -> None:
    _reads[kind].add(name)


def record_file(path: Path) -> None:
    """A file read directly (hashed by content in the cache key), relative to the project root."""
    from cautils.paths import PROJECT_ROOT

    resolved = Path(path).resolve()
    record("files", str(resolved.relative_to(PROJECT_ROOT)) if resolved.is_relative_to(PROJECT_ROOT) else str(resolved))


def reset() -> None:
    for names in _reads.values():
        names.clear()


def modules() -> list[str]:
    """The cautils modules imported so far (their source is part of what a notebook read)."""
    found = []
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if name.startswith("cautils") and file and Path(file).resolve().is_relative_to(PACKAGE_DIR):
            found.append(name)
    return sorted(found)


def snapshot() -> dict[str, list[str]]:
    return {**{kind: sorted(names) for kind, names in _reads.items()}, "modules": modules()}


def dump(path: str | Path) -> None:
    from cautils.io import atomic_write_text

    atomic_write_text(Path(path), json.dumps(snapshot(), indent=1))
