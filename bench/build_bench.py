"""Build benchmark, in a temporary copy of the project (the project's own build folders are untouched).

Runs, in one go and on this machine:
  (a) clean build of the whole book, claim pages included (`cautils book`, no build folders),
  (b) no-op rebuild (nothing changed),
  (c) rebuild after one World Bank table changes (a value in wdi.csv),
  (e) rebuild after one SIPRI table changes (one 1990s delivery in sipri_deliveries.csv): the
      notebooks that re-execute, listed, against those that read the table,
  (f) rebuild after one claim's YAML is edited (its restatement): the time to the rebuilt book and
      the claim pages re-rendered,
  (d) the naive baseline over the same pages: `jupyter-book build` executing every notebook
      sequentially (`execute_notebooks: force`), each one evaluating the ledger itself.
Prints times, ratios, peak memory (resident set size summed over the process tree) and whether
each target is met. Usage: .venv/bin/python bench/build_bench.py [--json results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TARGETS = {"clean_max_s": 90.0, "clean_speedup_min": 3.0, "noop_max_s": 2.0, "claim_edit_max_s": 15.0,
           "peak_mem_max_gb": 1.5}
GENERATED = {"build", "_build", "claims", "_toc.yml", ".venv", ".git", "test-artifacts", ".pytest_cache",
             ".ruff_cache", ".mypy_cache"}


def copy_project(parent: Path) -> Path:
    target = parent / "main"
    shutil.copytree(ROOT, target, ignore=lambda folder, names: (GENERATED & set(names)) if Path(folder) == ROOT
                    else {n for n in names if n == "__pycache__"})
    shared = ROOT.parent / "shared"
    if shared.is_dir():
        (parent / "shared").symlink_to(shared.resolve())
    return target


def run_measured(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Run a command; return (seconds, peak RSS of the whole process tree in GB)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        try:
            parent = psutil.Process(process.pid)
        except psutil.NoSuchProcess:
            return
        while not done.is_set():
            try:
                procs = [parent, *parent.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in procs if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"command failed ({' '.join(command)}):\n{stderr[-3000:]}")
    return time.perf_counter() - started, peak / 1e9


class Project:
    """A copy of the project and the `cautils book` that builds it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.env = {**os.environ, "CAUTILS_PROJECT_ROOT": str(root)}
        self.report_path = root / "build" / "bench-report.json"

    def book(self) -> tuple[float, float, dict]:
        seconds, memory = run_measured([str(BIN / "cautils"), "book", "--report", str(self.report_path)],
                                       self.root, self.env)
        return seconds, memory, json.loads(self.report_path.read_text())

    def readers(self, table: str) -> list[str]:
        out = []
        for record in sorted((self.root / "build" / "cache").glob("*.deps.json")):
            if table in json.loads(record.read_text())["reads"]["tables"]:
                out.append(record.name.removesuffix(".deps.json"))
        return out


def change_wdi(root: Path) -> None:
    import pandas as pd

    from cautils.io import frame_to_csv_bytes

    table = root / "data" / "processed" / "wdi.csv"
    frame = pd.read_csv(table)
    frame.loc[0, "value"] = frame.loc[0, "value"] * 1.01
    table.write_bytes(frame_to_csv_bytes(frame))


def change_sipri(root: Path) -> None:
    """One 1990s delivery's TIV up by one (the first row of the table)."""
    table = root / "data" / "processed" / "sipri_deliveries.csv"
    lines = table.read_text().splitlines(keepends=True)
    column = lines[0].split(",").index("tiv")
    fields = lines[1].split(",")
    fields[column] = str(round(float(fields[column]) + 1, 2))
    lines[1] = ",".join(fields)
    table.write_text("".join(lines))


def edit_claim(root: Path, claim_id: str = "B37") -> str:
    path = root / "data" / "claims" / f"{claim_id[0]}.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"- id: {claim_id}\n")
    line = next(i for i in range(start, len(lines)) if lines[i].startswith("  restatement:"))
    lines[line] = lines[line].rstrip("\n").rstrip('"') + ' (edited)"\n' if lines[line].rstrip().endswith('"') \
        else lines[line].rstrip("\n") + " (edited)\n"
    path.write_text("".join(lines), encoding="utf-8")
    return claim_id


def naive_baseline(built: Path, parent: Path) -> tuple[float, float]:
    """jupyter-book executing every page's notebook sequentially (execute_notebooks: force), over
    the same pages as the built book (its claim pages copied as they are: they need no kernel)."""
    import jupytext
    import nbformat
    import papermill as pm
    import yaml

    env = {**os.environ, "CAUTILS_PROJECT_ROOT": str(built)}
    work = parent / "naive"
    pages = work / "pages"
    pages.mkdir(parents=True)
    plan_text = subprocess.run(
        [sys.executable, "-c", "import json; from cautils.registry import plan; "
         "print(json.dumps([[r.name, r.template, r.parameters] for r in plan()]))"],
        env=env, capture_output=True, text=True, check=True).stdout
    for name, template, parameters in json.loads(plan_text):
        target = pages / f"{name}.ipynb"
        jupytext.write(jupytext.read(built / "notebooks" / f"{template}.md"), target)
        nb = pm.iorw.load_notebook_node(str(target))
        if parameters:
            nb = pm.parameterize.parameterize_notebook(nb, parameters)
        nbformat.write(nb, target)
    (work / "_toc.yml").write_text((built / "_toc.yml").read_text().replace("build/executed/", "pages/"))
    config = yaml.safe_load((built / "_config.yml").read_text())
    config["execute"] = {"execute_notebooks": "force", "timeout": 900}
    config["exclude_patterns"] = ["_build"]
    (work / "_config.yml").write_text(yaml.safe_dump(config))
    shutil.copytree(built / "book", work / "book")
    shutil.copytree(built / "claims", work / "claims")
    return run_measured([str(BIN / "jupyter-book"), "build", str(work), "--builder", "html"], pages, env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    parser.add_argument("--readme", action="store_true",
                        help="store the results in bench/last-run.json and render the README's performance section")
    args = parser.parse_args()
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="caeb-bench-") as tmp:
        project = Project(copy_project(Path(tmp)))
        results["clean_s"], mem_clean, clean = project.book()
        results["notebooks"], results["claim_pages"] = len(clean["executed"]), len(clean["pages_written"])
        results["noop_s"], mem_noop, noop = project.book()
        results["noop_executed"] = noop["executed"]
        change_wdi(project.root)
        results["wdi_change_s"], mem_change, wdi = project.book()
        results["wdi_change_executed"] = wdi["executed"]
        readers = project.readers("sipri_deliveries")
        change_sipri(project.root)
        results["sipri_change_s"], _, sipri = project.book()
        results["sipri_readers"] = readers
        results["sipri_change_executed"] = sipri["executed"]
        results["sipri_claims_changed"] = sipri["claims_changed"]
        claim = edit_claim(project.root)
        results["claim_edit_s"], _, edited = project.book()
        results["claim_edit_claims_evaluated"] = edited["claims_evaluated"]
        results["claim_edit_pages_written"] = edited["pages_written"]
        results["claim_edit_executed"] = edited["executed"]
        results["naive_s"], mem_naive = naive_baseline(project.root, Path(tmp))
    results["peak_mem_gb"] = max(mem_clean, mem_noop, mem_change)
    results["naive_peak_mem_gb"] = mem_naive
    results["clean_speedup"] = results["naive_s"] / results["clean_s"]  # type: ignore[operator]

    machine = (f"{platform.node() or 'machine'}: {psutil.cpu_count(logical=True)} CPUs, "
               f"{psutil.virtual_memory().total / 2**30:.0f} GiB RAM, {platform.system()} {platform.release()}, "
               f"Python {platform.python_version()}")
    executed_sipri = set(results["sipri_change_executed"])  # type: ignore[arg-type]
    checks = {
        f"clean build <= {TARGETS['clean_max_s']:.0f} s": results["clean_s"] <= TARGETS["clean_max_s"],
        f"clean build >= {TARGETS['clean_speedup_min']:.0f}x faster than naive":
            results["clean_speedup"] >= TARGETS["clean_speedup_min"],
        f"no-op rebuild <= {TARGETS['noop_max_s']:.0f} s": results["noop_s"] <= TARGETS["noop_max_s"],
        "a SIPRI change re-executes its readers and leaves trade and energy alone":
            set(readers) <= executed_sipri and not executed_sipri & {"theme_trade", "theme_energy"},
        f"one claim edit <= {TARGETS['claim_edit_max_s']:.0f} s, re-rendering only its page":
            results["claim_edit_s"] <= TARGETS["claim_edit_max_s"] and results["claim_edit_pages_written"] == [claim],
        f"peak memory < {TARGETS['peak_mem_max_gb']} GB": results["peak_mem_gb"] < TARGETS["peak_mem_max_gb"],
    }
    print(f"machine: {machine}")
    print(f"(a) clean build                {results['clean_s']:7.1f} s   peak {mem_clean:.2f} GB")
    print(f"(b) no-op rebuild              {results['noop_s']:7.1f} s   executed {noop['executed'] or 'nothing'}")
    print(f"(c) after a WDI table change   {results['wdi_change_s']:7.1f} s   executed {', '.join(wdi['executed'])}")
    print(f"(e) after a SIPRI table change {results['sipri_change_s']:7.1f} s   executed {', '.join(sipri['executed'])}"
          f" (readers of the table: {', '.join(readers)})")
    print(f"(f) after one claim edit ({claim}) {results['claim_edit_s']:5.1f} s   claim pages re-rendered "
          f"{edited['pages_written']}, executed {', '.join(edited['executed'])}")
    print(f"(d) naive baseline             {results['naive_s']:7.1f} s   peak {mem_naive:.2f} GB")
    print(f"clean build is {results['clean_speedup']:.2f}x faster than the naive baseline")
    for label, ok in checks.items():
        print(f"  [{'ok' if ok else 'MISSED'}] {label}")
    document = json.dumps({"machine": machine, **results, "targets": TARGETS, "targets_met": checks}, indent=2) + "\n"
    if args.json:
        args.json.write_text(document)
    if args.readme:
        import readme

        readme.RESULTS.write_text(document)
        readme.update()


if __name__ == "__main__":
    main()
