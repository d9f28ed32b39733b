"""`cautils run`: execute every (notebook template, parameters) pair with papermill.

Runs go in parallel on threads in one process (separate processes collide on kernel
ports). A run is skipped when its cache key is unchanged: the template's content, its
parameters, the processed-data manifest, the curated facts, the claim ledger and the
`cautils` source. Outputs are written to a temporary file and renamed on success, so a
failing notebook never replaces a good executed copy.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from cautils.errors import CautilsError
from cautils.paths import CLAIMS_DIR, CURATED_DIR, MANIFEST_PATH, PROJECT_ROOT

NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
BUILD_DIR = PROJECT_ROOT / "build"
EXECUTED_DIR = BUILD_DIR / "executed"
CACHE_DIR = BUILD_DIR / "cache"
PACKAGE_DIR = Path(__file__).resolve().parent

COUNTRIES = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
THEMES = ("trade", "arms", "un_votes", "migration", "energy", "alliances", "sanctions")


@dataclass(frozen=True)
class Run:
    """One notebook execution: a template and its parameters, and where the result goes."""

    template: str
    parameters: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        suffix = "_".join(str(v) for v in self.parameters.values())
        return f"{self.template}_{suffix}" if suffix else self.template

    @property
    def template_path(self) -> Path:
        return NOTEBOOKS_DIR / f"{self.template}.ipynb"

    @property
    def output_path(self) -> Path:
        return EXECUTED_DIR / f"{self.name}.ipynb"

    def matches(self, filters: dict[str, str]) -> bool:
        """`--only country=KAZ` keeps runs with that parameter; `--only trade` keeps that template."""
        for key, value in filters.items():
            if key == "template":
                if self.template != value and self.name != value:
                    return False
            elif str(self.parameters.get(key)) != value:
                return False
        return True


def plan() -> list[Run]:
    """Every run the book needs, in reading order."""
    runs = [Run("intro"), Run("ledger")]
    runs += [Run("article", {"article": a}) for a in ("A", "B")]
    runs += [Run("country", {"country": c}) for c in COUNTRIES]
    runs += [Run(f"theme_{t}") for t in THEMES]
    runs += [Run("methods")]
    return runs


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


def _hash_files(paths: Iterable[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def data_hash() -> str:
    """One hash over what every notebook reads: manifest, curated facts, claim ledger."""
    files = [MANIFEST_PATH] if MANIFEST_PATH.exists() else []
    files += list(CURATED_DIR.glob("*.csv")) + list(CLAIMS_DIR.glob("*.yaml"))
    return _hash_files(files, PROJECT_ROOT)


def code_hash() -> str:
    return _hash_files([p for p in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts], PACKAGE_DIR)


def cache_key(run: Run, data: str, code: str) -> str:
    digest = hashlib.sha256()
    digest.update(run.template_path.read_bytes())
    digest.update(json.dumps(run.parameters, sort_keys=True).encode())
    digest.update(data.encode())
    digest.update(code.encode())
    return digest.hexdigest()


def _key_path(run: Run) -> Path:
    return CACHE_DIR / f"{run.name}.key"


def is_current(run: Run, key: str) -> bool:
    path = _key_path(run)
    return run.output_path.exists() and path.exists() and path.read_text().strip() == key


KERNEL_ARGS = ["--IPKernelApp.log_level=CRITICAL"]
# Run in a new kernel, and between two notebooks in a reused one: the notebook namespace is
# cleared and matplotlib's settings go back to what they were before the first notebook.
KERNEL_INIT = (
    "import matplotlib, matplotlib.pyplot\n"
    "matplotlib._cautils_rc0 = dict(matplotlib.rcParams)\n"
)
KERNEL_RESET = (
    "%reset -f\n"
    "import warnings as _w, matplotlib as _m, matplotlib.pyplot as _p\n"
    "_p.close('all')\n"
    "with _w.catch_warnings():\n"
    "    _w.simplefilter('ignore')\n"
    "    dict.update(_m.rcParams, _m._cautils_rc0)\n"
    "del _w, _m, _p\n"
)


def start_kernel():
    """A kernel started in notebooks/. The working directory is given to the kernel itself:
    papermill's own `cwd=` changes the whole process's directory, which races between threads."""
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    km = AsyncKernelManager(kernel_name="python3")
    run_sync(km.start_kernel)(cwd=str(NOTEBOOKS_DIR), extra_arguments=KERNEL_ARGS)
    return km


def stop_kernel(km) -> None:
    from jupyter_core.utils import run_sync

    try:
        run_sync(km.shutdown_kernel)(now=True)
    except Exception:
        pass


class KernelPool:
    """One kernel per worker thread, reused for successive notebooks.

    Starting a kernel and importing pandas, matplotlib and cautils costs about two seconds of
    CPU per notebook; a reused kernel pays it once. Between notebooks the namespace is cleared
    and plotting settings restored (a test checks that outputs equal those of a fresh kernel).
    Module-level caches of the processed tables persist, which is safe within one run: the
    data cannot change during it. A kernel that saw a failure is discarded.
    """

    def __init__(self) -> None:
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list = []

    def _client_run(self, km, code: str) -> None:
        from jupyter_client import BlockingKernelClient

        client = BlockingKernelClient()
        client.load_connection_info(km.get_connection_info())
        client.start_channels()
        try:
            client.wait_for_ready(timeout=60)
            reply = client.execute_interactive(code, timeout=60, output_hook=lambda msg: None)
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"kernel reset failed: {reply['content'].get('evalue')}")
        finally:
            client.stop_channels()

    def get(self):
        km = getattr(self._local, "km", None)
        if km is not None:
            return km
        km = start_kernel()
        self._client_run(km, KERNEL_INIT)
        self._local.km = km
        with self._lock:
            self._all.append(km)
        return km

    def reset(self) -> None:
        km = getattr(self._local, "km", None)
        if km is None:
            return
        try:
            self._client_run(km, KERNEL_RESET)
        except Exception:
            self.discard()

    def discard(self) -> None:
        km = getattr(self._local, "km", None)
        self._local.km = None
        if km is not None:
            self._shutdown(km)

    def _shutdown(self, km) -> None:
        with self._lock:
            if km in self._all:
                self._all.remove(km)
        stop_kernel(km)

    def close(self) -> None:
        for km in list(self._all):
            self._shutdown(km)


class NotebookFailed(CautilsError):
    """A notebook raised: names the notebook, the cell and the error."""


def placeholders(run: Run) -> dict[str, str]:
    """Values for `{{name}}` placeholders in a template's markdown (titles of parameterised pages)."""
    from cautils.countries import short_name

    values = {key: str(value) for key, value in run.parameters.items()}
    if "country" in run.parameters:
        values["country_name"] = short_name(str(run.parameters["country"]))
    if "article" in run.parameters:
        from cautils.claims.engine import load_ledgers

        titles = {ledger.article.id: ledger.article for ledger in load_ledgers()}
        article = titles[str(run.parameters["article"])]
        values["article_title"] = article.title
        values["article_author"] = (" and ".join(a.name for a in article.authors)
                                    or "an author the supplied text does not name")
    return values


def _tidy(path: Path, run: Run) -> None:
    """Hide papermill's injected-parameters cell (tags do not carry over) and fill the
    `{{name}}` placeholders of markdown cells from the run's parameters."""
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


def execute(run: Run, key: str, timeout: int = 600, pool: KernelPool | None = None) -> float:
    """Execute one run with papermill (in a pooled kernel if given); on success rename the
    output into place."""
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    if not run.template_path.exists():
        raise NotebookFailed(f"{run.template_path}: notebook template not found")
    EXECUTED_DIR.mkdir(parents=True, exist_ok=True)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    tmp = EXECUTED_DIR / f".{run.name}.running.ipynb"
    started = time.perf_counter()
    km = pool.get() if pool else start_kernel()
    try:
        _execute(pm, run, tmp, timeout, km)
    except PapermillExecutionError as exc:
        if pool:
            pool.discard()
        source = _cell_source(tmp, exc.exec_count, exc.cell_index)
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
    os.replace(tmp, run.output_path)
    tmp_key = _key_path(run).with_suffix(".tmp")
    tmp_key.write_text(key)
    os.replace(tmp_key, _key_path(run))
    return time.perf_counter() - started


def _execute(pm, run: Run, tmp: Path, timeout: int, km) -> None:
    pm.execute_notebook(
        str(run.template_path), str(tmp), parameters=run.parameters, kernel_name="python3",
        progress_bar=False, log_output=False, execution_timeout=timeout, km=km,
        # the output is written once at the end (then renamed into place); papermill's default
        # of rewriting the whole notebook after every cell only costs time here
        request_save_on_cell_execute=False, autosave_cell_every=0,
    )


def _cell_source(path: Path, exec_count: int | None, cell_index: int) -> str:
    try:
        nb = nbformat.read(path, as_version=4)
        first = nb.cells[cell_index].source.strip().splitlines()[0]
        return f"`{first[:80]}`"
    except Exception:
        return "source unavailable"


@dataclass
class RunReport:
    executed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def claims_cache_path(data: str, code: str) -> Path:
    return CACHE_DIR / f"claims-{hashlib.sha256((data + code).encode()).hexdigest()[:16]}.json"


def prepare_claims_cache(path: Path) -> None:
    """Evaluate the ledger once for this data and code; every kernel reads the result through
    cautils.report.results (written atomically, so a kernel never reads half a file)."""
    from cautils.claims import evaluate_all
    from cautils.claims.publish import results_json
    from cautils.io import atomic_write_text

    if not path.exists():
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps(results_json(evaluate_all()), ensure_ascii=False))


def run_all(
    filters: list[dict[str, str]] | None = None,
    workers: int = 2,
    force: bool = False,
    on_event: Callable[[str, Run, str], None] | None = None,
    fresh_kernels: bool = False,
) -> RunReport:
    """Execute the planned runs (filtered), skipping current ones; raise if any fails.
    Kernels are reused within a worker thread unless `fresh_kernels` is set."""
    runs = selected(plan(), filters)
    if filters and not runs:
        raise CautilsError(f"no notebook run matches {filters}")
    data, code = data_hash(), code_hash()
    report = RunReport()
    pending: list[tuple[Run, str]] = []
    for run in runs:
        key = cache_key(run, data, code)
        if not force and is_current(run, key):
            report.skipped.append(run.name)
            if on_event:
                on_event("skipped", run, "")
        else:
            pending.append((run, key))
    errors: list[str] = []
    if pending:
        from cautils.report import CLAIMS_CACHE_ENV, CLAIMS_CACHE_WAIT_ENV

        claims_path = claims_cache_path(data, code)
        os.environ[CLAIMS_CACHE_ENV] = str(claims_path)
        os.environ[CLAIMS_CACHE_WAIT_ENV] = "1"
        kernels = None if fresh_kernels else KernelPool()
        try:
            with ThreadPoolExecutor(max_workers=max(1, workers)) as pool, \
                    ThreadPoolExecutor(max_workers=1) as side:
                # the ledger is evaluated while the first kernels start; they need it only at the end
                claims_future = side.submit(prepare_claims_cache, claims_path)
                futures = {pool.submit(execute, run, key, 600, kernels): run for run, key in pending}
                claims_future.result()
                for run in (r for r, _ in pending):
                    if on_event:
                        on_event("queued", run, "")
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
    if errors:
        raise NotebookFailed("\n".join(errors))
    return report
