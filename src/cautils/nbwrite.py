"""Write notebook templates from short Python specs (notebooks/src/*.py -> notebooks/*.ipynb).

A spec module defines CELLS: a list of ("md" | "code" | "params", source) tuples. Writing
from specs keeps the committed .ipynb free of outputs and easy to review in diffs.
Run: `python -m cautils.nbwrite` (rewrites every template; deterministic).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import nbformat

from cautils.io import atomic_write_text
from cautils.paths import PROJECT_ROOT

SPEC_DIR = PROJECT_ROOT / "notebooks" / "src"
OUT_DIR = PROJECT_ROOT / "notebooks"


def build_notebook(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    for index, (kind, source) in enumerate(cells):
        source = source.strip("\n")
        if kind == "md":
            cell = nbformat.v4.new_markdown_cell(source)
        elif kind == "params":
            cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["parameters", "remove-cell"]})
        elif kind == "code-hidden":
            cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["remove-input"]})
        elif kind == "code":
            cell = nbformat.v4.new_code_cell(source)
        else:
            raise ValueError(f"cell {index}: unknown kind {kind!r}")
        cell["id"] = f"c{index:03d}"
        nb.cells.append(cell)
    return nb


def write_all(spec_dir: Path = SPEC_DIR, out_dir: Path = OUT_DIR) -> list[Path]:
    written = []
    for spec in sorted(spec_dir.glob("*.py")):
        loader = importlib.util.spec_from_file_location(f"nbspec_{spec.stem}", spec)
        module = importlib.util.module_from_spec(loader)
        loader.loader.exec_module(module)
        nb = build_notebook(module.CELLS)
        target = out_dir / f"{spec.stem}.ipynb"
        atomic_write_text(target, nbformat.writes(nb) + "\n")
        written.append(target)
    return written


if __name__ == "__main__":
    for path in write_all():
        print(f"wrote {path.relative_to(PROJECT_ROOT)}", file=sys.stderr)
