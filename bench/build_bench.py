"""Build benchmark: clean build, no-op rebuild, rebuild after a data change, naive baseline.

Runs, in one go and on this machine:
  (a) clean build of the whole book (`cautils book` with build/ and _build/ removed),
  (b) no-op rebuild (nothing changed),
  (c) rebuild after one processed table changes (a value in wdi.csv, manifest updated as
      `cautils data build` would), then restores the table and rebuilds,
  (d) the naive baseline: `jupyter-book build` executing every notebook sequentially with
      `execute_notebooks: force` (each (template, parameters) pair parameterised by papermill
      without executing, so the baseline renders the same pages).
Prints times, ratios and the peak memory (resident set size summed over the process tree).
Usage: .venv/bin/python bench/build_bench.py [--json results.json]
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
TARGETS = {"noop_max_s": 3.0, "clean_speedup_min": 2.0, "peak_mem_max_gb": 1.5}


def run_measured(command: list[str], cwd: Path = ROOT, env: dict | None = None) -> tuple[float, float]:
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
                rss = sum(p.memory_info().rss for p in procs if p.is_running())
                peak = max(peak, rss)
            except psutil.Error:
                pass
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    done.set()
    sampler.join()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"command failed ({' '.join(command)}):\n{stderr[-3000:]}")
    return seconds, peak / 1e9


def clean() -> None:
    for folder in (ROOT / "build", ROOT / "_build"):
        shutil.rmtree(folder, ignore_errors=True)


def change_one_table() -> tuple[Path, bytes, bytes]:
    """Change one value in data/processed/wdi.csv and record the new hash in the manifest."""
    import pandas as pd

    from cautils.io import frame_to_csv_bytes, sha256_file

    table = ROOT / "data" / "processed" / "wdi.csv"
    manifest = ROOT / "data" / "processed" / "manifest.json"
    original_table, original_manifest = table.read_bytes(), manifest.read_bytes()
    frame = pd.read_csv(table)
    frame.loc[0, "value"] = frame.loc[0, "value"] * 1.01
    table.write_bytes(frame_to_csv_bytes(frame))
    record = json.loads(original_manifest)
    record["tables"]["wdi"]["sha256"] = sha256_file(table)
    manifest.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    return table, original_table, original_manifest


def naive_baseline() -> tuple[float, float]:
    """jupyter-book executing every page's notebook sequentially (execute_notebooks: force)."""
    import papermill as pm
    import yaml

    from cautils.runner import plan

    work = Path(tempfile.mkdtemp(prefix="naive-", dir=ROOT / "build"))
    try:
        pages = work / "pages"
        pages.mkdir()
        for run in plan():
            nb = pm.iorw.load_notebook_node(str(run.template_path))
            if run.parameters:
                nb = pm.parameterize.parameterize_notebook(nb, run.parameters)
            import nbformat

            nbformat.write(nb, pages / f"{run.name}.ipynb")
        toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
        text = yaml.safe_dump(toc).replace("build/executed/", "pages/")
        (work / "_toc.yml").write_text(text)
        config = yaml.safe_load((ROOT / "_config.yml").read_text())
        config["execute"] = {"execute_notebooks": "force", "timeout": 600}
        config["exclude_patterns"] = ["_build"]
        (work / "_config.yml").write_text(yaml.safe_dump(config))
        shutil.copytree(ROOT / "book", work / "book")
        env = dict(os.environ)
        return run_measured([str(BIN / "jupyter-book"), "build", str(work), "--builder", "html"], cwd=work / "pages", env=env)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    args = parser.parse_args()
    cautils = [str(BIN / "cautils"), "book"]
    results: dict[str, float] = {}

    clean()
    results["clean_s"], mem_clean = run_measured(cautils)
    results["noop_s"], mem_noop = run_measured(cautils)
    table, original_table, original_manifest = change_one_table()
    try:
        results["data_change_s"], mem_change = run_measured(cautils)
    finally:
        table.write_bytes(original_table)
        (ROOT / "data" / "processed" / "manifest.json").write_bytes(original_manifest)
    run_measured(cautils)  # back to the committed state
    (ROOT / "build").mkdir(exist_ok=True)
    results["naive_s"], mem_naive = naive_baseline()
    results["peak_mem_gb"] = max(mem_clean, mem_noop, mem_change)
    results["naive_peak_mem_gb"] = mem_naive
    results["clean_speedup"] = results["naive_s"] / results["clean_s"]
    results["noop_vs_clean"] = results["clean_s"] / results["noop_s"]

    machine = (f"{platform.node() or 'machine'}: {psutil.cpu_count(logical=True)} CPUs, "
               f"{psutil.virtual_memory().total / 2**30:.0f} GiB RAM, {platform.system()} {platform.release()}, "
               f"Python {platform.python_version()}")
    checks = {
        f"no-op rebuild <= {TARGETS['noop_max_s']} s": results["noop_s"] <= TARGETS["noop_max_s"],
        f"clean build >= {TARGETS['clean_speedup_min']}x faster than naive": results["clean_speedup"] >= TARGETS["clean_speedup_min"],
        f"peak memory < {TARGETS['peak_mem_max_gb']} GB": results["peak_mem_gb"] < TARGETS["peak_mem_max_gb"],
    }
    print(f"machine: {machine}")
    print(f"(a) clean build              {results['clean_s']:7.1f} s   peak {mem_clean:.2f} GB")
    print(f"(b) no-op rebuild            {results['noop_s']:7.1f} s   peak {mem_noop:.2f} GB")
    print(f"(c) after one table changes  {results['data_change_s']:7.1f} s   peak {mem_change:.2f} GB")
    print(f"(d) naive baseline           {results['naive_s']:7.1f} s   peak {mem_naive:.2f} GB")
    print(f"clean build is {results['clean_speedup']:.2f}x faster than the naive baseline")
    for label, ok in checks.items():
        print(f"  [{'ok' if ok else 'MISSED'}] {label}")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine, **results, "targets_met": checks}, indent=2))


if __name__ == "__main__":
    main()
