"""`cautils run`: evaluate the ledger, write the claim pages, execute the notebooks of the registry.

1. The ledger is evaluated once per build, claim by claim with a cache (`cautils.claims.cache`);
   an error stops the build at once and names the claim.
2. The generated pages (one per claim) are written, each only when its content changed.
3. Each notebook (a MyST text notebook read with jupytext) runs under papermill with its
   parameters and the path of the ledger results. It records what it read: processed tables,
   curated files, claims and `cautils` modules. Its cache key covers exactly those, the template,
   the parameters and the installed package versions; an unchanged key skips the run.

Runs go in parallel on threads in one process (separate processes collide on kernel ports),
each thread reusing one kernel. Outputs are written to a temporary file and renamed on success,
so a failing notebook never replaces a good executed copy.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cautils.claims.cache import LedgerRun
from cautils.errors import CautilsError
from cautils.fingerprint import file_hashes, ledger_hashes, module_hashes, packages_hash, sha256_text, table_hashes
from cautils.io import atomic_write_text
from cautils.kernels import KernelPool, start_kernel, stop_kernel
from cautils.paths import BUILD_DIR
from cautils.registry import Run, plan

if TYPE_CHECKING:
    import nbformat

EXECUTED_DIR = BUILD_DIR / "executed"
CACHE_DIR = BUILD_DIR / "cache"
LAST_RUN = CACHE_DIR / "last-run"  # touched when a run ends without error (see likely_pending)
PLUMBING = ("claims_path",)  # parameters that locate inputs rather than change the page


class NotebookFailed(CautilsError):
    """A notebook raised: names the notebook, the cell and the error."""


def parse_filters(items: Iterable[str]) -> list[dict[str, str]]:
    """Each `--only` value is one alternative: 'key=value[,key=value]' or a template name.
    A run is kept if it matches any alternative (no alternatives = every run)."""
    filters: list[dict[str, str]] = []
    for item in items:
        alternative: dict[str, str] = {}
        for part in item.split(","):
            if "=" in part:
                key, value = part.split("=", 1)
                alternative[key.strip()] = value.strip()
            elif part.strip():
                alternative["template"] = part.strip()
        filters.append(alternative)
    return filters


def selected(runs: list[Run], filters: list[dict[str, str]] | None) -> list[Run]:
    if not filters:
        return runs
    return [r for r in runs if any(r.matches(f) for f in filters)]


def with_overrides(runs: list[Run], overrides: dict[str, Any]) -> list[Run]:
    """Runs with parameters replaced (`cautils run --only theme_arms -p release=2025`)."""
    if not overrides:
        return runs
    out = []
    for run in runs:
        params = dict(run.parameters)
        params.update({k: v for k, v in overrides.items()})
        out.append(Run(run.template, params, run.title, run.each))
    return out


# -- cache keys -------------------------------------------------------------------------------


def _record_path(run: Run) -> Path:
    return CACHE_DIR / f"{run.name}.deps.json"


def _template_text(run: Run) -> str:
    if not run.template_path.is_file():
        raise NotebookFailed(f"{run.template_path}: notebook template not found")
    return run.template_path.read_text(encoding="utf-8")


def cache_key(run: Run, reads: dict[str, list[str]], ledger: LedgerRun) -> str:
    """The key over exactly what the run read (as recorded by the notebook)."""
    params = {k: v for k, v in run.parameters.items() if k not in PLUMBING}
    payload = {
        "template": sha256_text(_template_text(run)),
        "params": params,
        "tables": table_hashes(reads.get("tables", []) + reads.get("curated", [])),
        "claims": ledger.dependency_hashes(reads.get("claims", [])),
        "files": file_hashes(reads.get("files", [])),
        "ledger": ledger_hashes(reads.get("ledger", [])),
        "modules": module_hashes(reads.get("modules", [])),
        "packages": packages_hash(),
    }
    return sha256_text(json.dumps(payload, sort_keys=True, default=str))


def is_current(run: Run, ledger: LedgerRun) -> bool:
    record = _record_path(run)
    if not (run.output_path.exists() and record.exists()):
        return False
    stored = json.loads(record.read_text(encoding="utf-8"))
    return stored.get("key") == cache_key(run, stored["reads"], ledger)


# -- execution ---------------------------------------------------------------------------------


def placeholders(run: Run) -> dict[str, str]:
    """Values for `{{name}}` placeholders in a template's markdown (titles of parameterised pages)."""
    from cautils.countries import short_name

    values = {key: str(value) for key, value in run.parameters.items() if key not in PLUMBING}
    if "country" in run.parameters:
        values["country_name"] = short_name(str(run.parameters["country"]))
    if "article" in run.parameters:
        from cautils.claims.engine import load_ledgers

        articles = {ledger.article.id: ledger.article for ledger in load_ledgers()}
        article = articles[str(run.parameters["article"])]
        values["article_title"] = article.title
        values["article_author"] = (
            " and ".join(a.name for a in article.authors) or "an author the supplied text does not name"
        )
    return values


def _notebook(run: Run, deps_path: Path) -> nbformat.NotebookNode:
    """The template as a notebook, with a last hidden cell that writes what it read."""
    import jupytext
    import nbformat

    nb = jupytext.reads(_template_text(run), fmt="md:myst")
    dump = nbformat.v4.new_code_cell(
        f"import cautils.deps as _deps\n_deps.dump({str(deps_path)!r})", metadata={"tags": ["remove-cell"]}
    )
    nb.cells.append(dump)
    nb.metadata.setdefault("kernelspec", {"name": "python3", "display_name": "Python 3", "language": "python"})
    return nb


def _tidy(path: Path, run: Run) -> None:
    """Hide papermill's injected-parameters cell (tags do not carry over) and fill the
    `{{name}}` placeholders of markdown cells from the run's parameters."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    values = placeholders(run)
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if "injected-parameters" in tags and "remove-cell" not in tags:
            cell["metadata"]["tags"] = tags + ["remove-cell"]
        if cell.cell_type == "markdown":
            for key, value in values.items():
                cell.source = cell.source.replace("{{" + key + "}}", value)
    nbformat.write(nb, path)


def _cell_source(path: Path, cell_index: int) -> str:
    import nbformat

    try:
        nb = nbformat.read(path, as_version=4)
        first = nb.cells[cell_index].source.strip().splitlines()[0]
        return f"`{first[:80]}`"
    except Exception:
        return "source unavailable"


def execute(
    run: Run, claims_path: Path, ledger: LedgerRun, timeout: int = 600, pool: KernelPool | None = None
) -> float:
    """Execute one run with papermill (in a pooled kernel if given); on success rename the
    output into place and store its dependency record and cache key."""
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    EXECUTED_DIR.mkdir(parents=True, exist_ok=True)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    tmp = EXECUTED_DIR / f".{run.name}.running.ipynb"
    deps_path = CACHE_DIR / f".{run.name}.reads.json"
    notebook = _notebook(run, deps_path)
    started = time.perf_counter()
    km = pool.get() if pool else start_kernel()
    try:
        pm.execute_notebook(
            notebook,
            str(tmp),
            parameters={**run.parameters, "claims_path": str(claims_path)},
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
            execution_timeout=timeout,
            km=km,
            # written once at the end (then renamed into place): rewriting after every cell only costs time
            request_save_on_cell_execute=False,
            autosave_cell_every=0,
        )
    except PapermillExecutionError as exc:
        if pool:
            pool.discard()
        source = _cell_source(tmp, exc.cell_index)
        raise NotebookFailed(
            f"notebook {run.template_path.name} {run.parameters or ''} failed in cell "
            f"{exc.cell_index} ({source}): {exc.ename}: {exc.evalue}"
        ) from exc
    except Exception as exc:  # kernel died, bad parameters...
        if pool:
            pool.discard()
        raise NotebookFailed(f"notebook {run.template_path.name} {run.parameters or ''} failed: {exc}") from exc
    finally:
        if not pool:
            stop_kernel(km)
    if pool:
        pool.reset()
    _tidy(tmp, run)
    reads = json.loads(deps_path.read_text(encoding="utf-8"))
    deps_path.unlink()
    os.replace(tmp, run.output_path)
    record = {"key": cache_key(run, reads, ledger), "reads": reads, "parameters": run.parameters}
    atomic_write_text(_record_path(run), json.dumps(record, indent=1, default=str))
    return time.perf_counter() - started


@dataclass
class RunReport:
    executed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    claims_evaluated: list[str] = field(default_factory=list)
    pages_written: list[str] = field(default_factory=list)
    claims_changed: list[str] = field(default_factory=list)  # what chapters show of them changed
    html_rebuilt: bool | None = None  # set by `cautils book`


def remove_stale_outputs() -> None:
    """Executed notebooks of pages no longer in the registry go (the book would show them)."""
    if not EXECUTED_DIR.is_dir():
        return
    names = {run.name for run in plan()}
    for path in EXECUTED_DIR.glob("*.ipynb"):
        if path.stem not in names:
            path.unlink()
            _record_path(Run(path.stem)).unlink(missing_ok=True)


def likely_pending(runs: list[Run]) -> bool:
    """A cheap guess, before the ledger is evaluated, that some notebook will run: an output or
    record is missing, or a source file (code, data, ledger, notebook, registry) is newer than the
    last evaluated ledger. It only decides whether to start kernels early."""
    from cautils.paths import PROJECT_ROOT

    stamp = LAST_RUN
    if not stamp.is_file() or any(not (r.output_path.exists() and _record_path(r).exists()) for r in runs):
        return True
    since = stamp.stat().st_mtime
    folders = [PROJECT_ROOT / "data", PROJECT_ROOT / "notebooks", Path(__file__).resolve().parent]
    files = [PROJECT_ROOT / "book" / "pages.yaml"] + [p for folder in folders for p in folder.rglob("*") if p.is_file()]
    return any(p.stat().st_mtime > since for p in files)


def evaluate(report: RunReport):
    """Evaluate the ledger (cached per claim)."""
    from cautils.claims.cache import evaluate_ledger

    ledger = evaluate_ledger()
    report.claims_evaluated = ledger.evaluated
    report.claims_changed = ledger.changed
    return ledger


def write_pages_in_background(ledger: LedgerRun) -> Future[list[str]]:
    """Write the claim pages (their evidence charts take seconds) in a thread, while the notebooks
    run in their kernels: no notebook reads them, only the book build after the run. This process
    draws charts in that one thread only (the kernels are other processes)."""
    from cautils.claimpages import write_claim_pages

    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="claim-pages")
    future = writer.submit(write_claim_pages, ledger.results)
    writer.shutdown(wait=False)
    return future


def run_all(
    filters: list[dict[str, str]] | None = None,
    workers: int = 2,
    force: bool = False,
    on_event: Callable[[str, Run, str], None] | None = None,
    fresh_kernels: bool = False,
    overrides: dict[str, Any] | None = None,
) -> RunReport:
    """Evaluate the ledger, write the claim pages, execute the planned runs (filtered) that are
    not current; raise if any fails. Kernels are reused within a worker thread unless
    `fresh_kernels` is set."""
    runs = with_overrides(selected(plan(), filters), overrides or {})
    if filters and not runs:
        raise CautilsError(f"no notebook run matches {filters}")
    for run in runs:
        from cautils.parameters import check_parameters

        check_parameters(run.template, run.parameters)
    remove_stale_outputs()
    report = RunReport()
    kernels = None if fresh_kernels else KernelPool()
    if kernels and (force or likely_pending(runs)):
        kernels.prestart(min(workers, len(runs)))  # they start while the ledger is evaluated
    try:
        ledger = evaluate(report)
    except BaseException:
        if kernels:
            kernels.close()
        raise
    pages = write_pages_in_background(ledger)
    pending = []
    for run in runs:
        if not force and is_current(run, ledger):
            report.skipped.append(run.name)
            if on_event:
                on_event("skipped", run, "")
        else:
            pending.append(run)
    errors: list[str] = []
    if not pending and kernels:
        kernels.close()
    if pending:
        try:
            with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
                futures = {pool.submit(execute, run, ledger.path, ledger, 600, kernels): run for run in pending}
                for future in as_completed(futures):
                    run = futures[future]
                    try:
                        seconds = future.result()
                    except NotebookFailed as exc:
                        errors.append(str(exc))
                        report.failed.append(run.name)
                        if on_event:
                            on_event("failed", run, str(exc))
                        continue
                    report.executed.append(run.name)
                    report.seconds[run.name] = seconds
                    if on_event:
                        on_event("done", run, f"{seconds:.1f}s")
        finally:
            if kernels:
                kernels.close()
    report.pages_written = pages.result()  # a page that failed to render fails the run here
    if errors:
        raise NotebookFailed("\n".join(errors))
    LAST_RUN.parent.mkdir(parents=True, exist_ok=True)
    LAST_RUN.touch()
    return report
