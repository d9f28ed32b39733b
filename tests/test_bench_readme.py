"""The README's performance numbers are the benchmark's stored results, rendered, not typed."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _readme_module():
    spec = importlib.util.spec_from_file_location("bench_readme", ROOT / "bench" / "readme.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_performance_section_is_rendered_from_the_last_run(tmp_path: Path) -> None:
    readme = _readme_module()
    copy = tmp_path / "README.md"
    copy.write_text((ROOT / "README.md").read_text(encoding="utf-8"), encoding="utf-8")
    readme.update(copy, readme.RESULTS)
    assert copy.read_text(encoding="utf-8") == (ROOT / "README.md").read_text(encoding="utf-8"), (
        "README.md's performance section differs from bench/last-run.json: run `python bench/readme.py`"
    )
    results = json.loads(readme.RESULTS.read_text(encoding="utf-8"))
    assert f"**{results['clean_speedup']:.2f}x**" in copy.read_text(encoding="utf-8")


def test_results_missing_a_measurement_are_refused(tmp_path: Path) -> None:
    readme = _readme_module()
    results = json.loads(readme.RESULTS.read_text(encoding="utf-8"))
    del results["naive_s"]
    with pytest.raises(SystemExit, match="naive_s"):
        readme.section(results)
