"""The registry of the book's pages (book/pages.yaml): the run plan and the table of contents.

One file says which pages the book has, in which order and part, which notebook template each
runs and with which parameter sets. Countries, articles and SIPRI releases are data (the `sets`)
so adding one is an entry, not code. `plan()` gives the notebook runs; `toc()` the _toc.yml.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from cautils.errors import CautilsError
from cautils.paths import BUILD_DIR, NOTEBOOKS_DIR, PROJECT_ROOT, REGISTRY_PATH

EXECUTED = "build/executed"
GENERATED = "claims"
GENERATORS = ("claim_pages",)


class RegistryError(CautilsError):
    """The page registry is malformed (names the file and the entry)."""


class Page(BaseModel):
    model_config = ConfigDict(extra="forbid")
    template: str | None = None
    each: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    file: str | None = None
    generated: str | None = None
    title: str = ""

    @model_validator(mode="after")
    def _one_kind(self) -> Page:
        kinds = [k for k in (self.template, self.file, self.generated) if k]
        if len(kinds) != 1:
            raise ValueError("a page needs exactly one of template, file or generated")
        if self.generated and self.generated not in GENERATORS:
            raise ValueError(f"unknown generator {self.generated!r} (known: {', '.join(GENERATORS)})")
        if self.each and not self.template:
            raise ValueError("'each' needs a template")
        return self


class Part(BaseModel):
    model_config = ConfigDict(extra="forbid")
    caption: str
    pages: list[Page]


DERIVED_SETS = {"ledgers": "one value per ledger file in data/claims/ (its article id)"}


def derived_set(name: str) -> list[Any]:
    if name == "ledgers":
        from cautils.claims.engine import load_ledgers

        return [ledger.article.id for ledger in load_ledgers()]
    raise RegistryError(f"unknown derived set {name!r} (known: {', '.join(DERIVED_SETS)})")


class Registry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sets: dict[str, list[Any] | Literal["ledgers"]] = Field(default_factory=dict)
    root: Page
    parts: list[Part]

    @model_validator(mode="after")
    def _sets_exist(self) -> Registry:
        for page in self.pages():
            if page.each and page.each not in self.sets:
                raise ValueError(
                    f"page {page.template!r}: 'each: {page.each}' names no set (sets: {', '.join(self.sets)})"
                )
        return self

    def pages(self) -> list[Page]:
        return [self.root] + [p for part in self.parts for p in part.pages]

    def values(self, name: str) -> list[Any]:
        """The values of a set (a derived set, such as `ledgers`, is read now)."""
        value = self.sets[name]
        return derived_set(value) if isinstance(value, str) else list(value)


@dataclass(frozen=True)
class Run:
    """One notebook execution: a template and its parameters."""

    template: str
    parameters: dict[str, Any] = field(default_factory=dict)
    title: str = ""
    each: str | None = None  # the parameter the page is repeated over (it names the page)

    @property
    def name(self) -> str:
        return f"{self.template}_{self.parameters[self.each]}" if self.each else self.template

    @property
    def template_path(self) -> Path:
        return NOTEBOOKS_DIR / f"{self.template}.md"

    @property
    def output_path(self) -> Path:
        return BUILD_DIR / "executed" / f"{self.name}.ipynb"

    @property
    def docname(self) -> str:
        return f"{EXECUTED}/{self.name}"

    def matches(self, filters: dict[str, str]) -> bool:
        """`--only country=KAZ` keeps runs with that parameter; `--only theme_trade` keeps that template."""
        for key, value in filters.items():
            if key == "template":
                if value not in (self.template, self.name):
                    return False
            elif str(self.parameters.get(key)) != value:
                return False
        return True


@lru_cache(maxsize=4)
def _load(path: str) -> Registry:
    file = Path(path)
    if not file.is_file():
        raise RegistryError(f"{file}: page registry not found")
    try:
        raw = yaml.safe_load(file.read_text(encoding="utf-8"))
        return Registry.model_validate(raw)
    except yaml.YAMLError as exc:
        raise RegistryError(f"{file}: not valid YAML ({exc})") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise RegistryError(f"{file}: entry '{where}': {first['msg']}") from exc


def load(path: Path = REGISTRY_PATH) -> Registry:
    return _load(str(path))


def _runs(page: Page, registry: Registry) -> list[Run]:
    assert page.template
    if page.each:
        return [
            Run(page.template, {**page.params, page.each: value}, page.title, page.each)
            for value in registry.values(page.each)
        ]
    return [Run(page.template, dict(page.params), page.title)]


def plan(path: Path = REGISTRY_PATH) -> list[Run]:
    """Every notebook run the book needs, in reading order."""
    registry = load(path)
    return [run for page in registry.pages() if page.template for run in _runs(page, registry)]


def title_of(run: Run) -> str:
    from cautils.countries import short_name

    values = {k: str(v) for k, v in run.parameters.items()}
    if "country" in run.parameters:
        values["country"] = short_name(str(run.parameters["country"]))
    return run.title.format(**values) if run.title else run.name


def _entry(page: Page, registry: Registry, claim_docs: list[str]) -> list[dict[str, Any]]:
    if page.template:
        return [{"file": run.docname, "title": title_of(run)} for run in _runs(page, registry)]
    if page.file:
        return [{"file": f"book/{page.file}", "title": page.title or page.file}]
    entry: dict[str, Any] = {"file": f"{GENERATED}/index", "title": page.title or "Claims"}
    if claim_docs:
        entry["sections"] = [{"file": doc} for doc in claim_docs]
    return [entry]


def toc(claim_ids: list[str], path: Path = REGISTRY_PATH, with_claim_pages: bool = False) -> dict[str, Any]:
    """The _toc.yml for Jupyter Book (jb-book format) from the registry. The HTML book leaves the
    claim pages out of the navigation (the ledger index links to each; they are orphan pages, so an
    edited claim title changes only its own page and the index); the PDF lists them, in order."""
    registry = load(path)
    claim_docs = [f"{GENERATED}/{cid}" for cid in claim_ids] if with_claim_pages else []
    root = _entry(registry.root, registry, claim_docs)[0]["file"]
    parts = []
    for part in registry.parts:
        chapters = [e for page in part.pages for e in _entry(page, registry, claim_docs)]
        parts.append({"caption": part.caption, "chapters": chapters})
    return {"format": "jb-book", "root": root, "parts": parts}


TOC_HEADER = (
    "# Generated from book/pages.yaml by `cautils book` (cautils.registry.toc): edit the registry, not this file.\n"
)


def toc_text(claim_ids: list[str], path: Path = REGISTRY_PATH, with_claim_pages: bool = False) -> str:
    table = toc(claim_ids, path, with_claim_pages)
    return TOC_HEADER + yaml.safe_dump(table, sort_keys=False, allow_unicode=True, width=120)


def write_toc(claim_ids: list[str], target: Path | None = None, with_claim_pages: bool = False) -> bool:
    """Write _toc.yml (or `target`) if it changed; returns whether it was written."""
    from cautils.io import atomic_write_text

    target = target or PROJECT_ROOT / "_toc.yml"
    text = toc_text(claim_ids, with_claim_pages=with_claim_pages)
    if target.exists() and target.read_text(encoding="utf-8") == text:
        return False
    atomic_write_text(target, text)
    return True
