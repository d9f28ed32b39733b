"""Content hashes of what notebooks and claims read: tables, curated files, modules, packages."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from cautils.io import sha256_file
from cautils.paths import CURATED_DIR, MANIFEST_PATH

PACKAGE_DIR = Path(__file__).resolve().parent


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=512)
def _file_sha(path: str, mtime_ns: int, size: int) -> str:
    return sha256_file(Path(path))


def content_hash(path: Path) -> str:
    """sha256 of a file's bytes (cached while its modification time and size stay the same)."""
    if not path.is_file():
        return "missing"
    stat = path.stat()
    return _file_sha(str(path), stat.st_mtime_ns, stat.st_size)


def table_hashes(names: list[str], processed_dir: Path | None = None) -> dict[str, str]:
    """sha256 of each processed or curated table as it is on disk (so a rebuilt table and a
    hand-edited one both count as changed); logical tables (groups) hash their members."""
    from cautils.claims.tables import GROUPS
    from cautils.curated import TABLES as CURATED
    from cautils.sources import all_tables

    processed = processed_dir or MANIFEST_PATH.parent
    out: dict[str, str] = {}
    for name in sorted(set(names)):
        if name in CURATED:
            out[name] = content_hash(CURATED_DIR / f"{name}.csv")
        elif name in GROUPS:
            group = GROUPS[name]
            known = [t.name for t in all_tables()]
            members = [t for t in known if t.startswith(group)] if isinstance(group, str) else list(group)
            out[name] = sha256_text(json.dumps({m: content_hash(processed / f"{m}.csv") for m in sorted(members)}))
        else:
            out[name] = content_hash(processed / f"{name}.csv")
    return out


def module_hashes(names: list[str]) -> dict[str, str]:
    out = {}
    for name in sorted(set(names)):
        parts = name.split(".")[1:]
        base = PACKAGE_DIR.joinpath(*parts)
        path = base / "__init__.py" if base.is_dir() else base.with_suffix(".py")
        out[name] = sha256_file(path) if path.is_file() else "missing"
    return out


def code_hash(package: Path = PACKAGE_DIR) -> str:
    """One hash over a package folder's Python sources."""
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*.py") if "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def file_hashes(paths: list[str]) -> dict[str, str]:
    """sha256 of files named relative to the project root (or absolute)."""
    from cautils.paths import PROJECT_ROOT

    out = {}
    for name in sorted(set(paths)):
        path = PROJECT_ROOT / name
        out[name] = sha256_file(path) if path.is_file() else "missing"
    return out


def ledger_hashes(entries: list[str]) -> dict[str, str]:
    """sha256 of the parts of the ledgers a page read: '<article>:article' or '<article>:sentences'."""
    from cautils.claims.engine import load_ledgers

    ledgers = {ledger.article.id: ledger for ledger in load_ledgers()}
    out = {}
    for entry in sorted(set(entries)):
        article, _, part = entry.partition(":")
        ledger = ledgers.get(article)
        if ledger is None or part not in ("article", "sentences"):
            out[entry] = "missing"
        else:
            out[entry] = sha256_text(json.dumps(ledger.model_dump(mode="json", include={part}), sort_keys=True))
    return out


def runtime_closure(root: str = "cautils") -> list[str]:
    """The installed distributions `root` needs at run time: its requirements (without extras),
    theirs, and so on."""
    from packaging.requirements import Requirement

    seen: set[str] = set()
    todo = [root]
    while todo:
        name = todo.pop()
        key = name.lower().replace("_", "-")
        if key in seen:
            continue
        seen.add(key)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for line in requires:
            req = Requirement(line)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return sorted(seen - {root})


@lru_cache(maxsize=1)
def packages_hash() -> str:
    """Python's version and the installed versions of every distribution cautils needs at run
    time (a pandas upgrade changes this; installing JupyterLab or a linter does not).

    Reading every distribution's metadata takes a noticeable part of a second, so the result is
    kept in build/cache and reused while the set of installed distributions (the names of their
    metadata folders, which carry the versions) is the same."""
    import sys

    from cautils.io import atomic_write_text
    from cautils.paths import BUILD_DIR

    installed = sorted(
        entry.name
        for folder in map(Path, sys.path)
        if folder.is_dir()
        for entry in folder.iterdir()
        if entry.name.endswith((".dist-info", ".egg-info"))
    )
    key = sha256_text(sys.version + "\n".join(installed))
    cache = BUILD_DIR / "cache" / "packages.json"
    try:
        stored = json.loads(cache.read_text(encoding="utf-8"))
        if stored.get("installed") == key:
            return str(stored["hash"])
    except (OSError, ValueError):
        pass
    digest = _packages_hash()
    cache.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(cache, json.dumps({"installed": key, "hash": digest}))
    return digest


def _packages_hash() -> str:
    import sys

    versions = [f"python=={sys.version.split()[0]}"]
    for name in runtime_closure():
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}==absent")
    return sha256_text("\n".join(versions))
