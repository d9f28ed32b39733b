"""`cautils lint`: ruff (lint and format check) over src, tests and the MyST notebooks, and mypy.

Ruff cannot read MyST markdown, so each notebook's code cells are written (by jupytext) to a
temporary percent-format script and checked there; problems are reported against the notebook.
`--fix` formats the notebooks' code cells in place through the same round trip.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from cautils.paths import NOTEBOOKS_DIR, PROJECT_ROOT

# Notebook cells import inside cells and end with a bare expression; these rules do not apply.
NOTEBOOK_IGNORE = "E402,B018"


def _tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def _run(command: list[str]) -> tuple[int, str]:
    result = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True)
    return result.returncode, (result.stdout + result.stderr).strip()


def _notebook_scripts(folder: Path, notebooks: list[Path]) -> dict[Path, Path]:
    import jupytext

    scripts = {}
    for notebook in notebooks:
        script = folder / f"{notebook.stem}.py"
        jupytext.write(jupytext.read(notebook), script, fmt="py:percent")
        scripts[script] = notebook
    return scripts


def check_notebooks(notebooks: list[Path], fix: bool = False) -> list[str]:
    """Ruff lint and format problems in the notebooks' code cells (with --fix: formatted in place)."""
    import jupytext

    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        scripts = _notebook_scripts(Path(tmp), notebooks)
        config = ["--config", str(PROJECT_ROOT / "pyproject.toml")]
        if fix:
            _run([_tool("ruff"), "check", "--fix", *config, "--extend-ignore", NOTEBOOK_IGNORE, *map(str, scripts)])
            _run([_tool("ruff"), "format", *config, *map(str, scripts)])
            for script, notebook in scripts.items():
                formatted = jupytext.read(script, fmt="py:percent")
                original = jupytext.read(notebook)
                for cell, new in zip(original.cells, formatted.cells, strict=True):
                    if cell.cell_type == "code":
                        cell.source = new.source
                jupytext.write(original, notebook, fmt="md:myst")
            scripts = _notebook_scripts(Path(tmp), notebooks)
        code, out = _run(
            [
                _tool("ruff"),
                "check",
                *config,
                "--extend-ignore",
                NOTEBOOK_IGNORE,
                "--output-format",
                "concise",
                *map(str, scripts),
            ]
        )
        if code:
            for line in out.splitlines():
                for script, notebook in scripts.items():
                    line = line.replace(str(script), f"{notebook.relative_to(PROJECT_ROOT)} (as a script)")
                if "notebooks/" in line:
                    problems.append(line)
        code, out = _run([_tool("ruff"), "format", "--check", *config, *map(str, scripts)])
        if code:
            for script, notebook in scripts.items():
                if str(script) in out:
                    problems.append(
                        f"{notebook.relative_to(PROJECT_ROOT)}: code cells are not ruff-formatted "
                        "(`cautils lint --fix`)"
                    )
    return problems


def lint(fix: bool = False) -> list[str]:
    """Every problem found; an empty list means clean."""
    problems: list[str] = []
    paths = ["src", "tests"]
    if fix:
        _run([_tool("ruff"), "check", "--fix", *paths])
        _run([_tool("ruff"), "format", *paths])
    code, out = _run([_tool("ruff"), "check", "--output-format", "concise", *paths])
    if code:
        problems += [line for line in out.splitlines() if line and not line.startswith("Found")]
    code, out = _run([_tool("ruff"), "format", "--check", *paths])
    if code:
        problems += [line for line in out.splitlines() if line.startswith("Would reformat")]
    problems += check_notebooks(sorted(NOTEBOOKS_DIR.glob("*.md")), fix=fix)
    code, out = _run([_tool("mypy"), "src/cautils"])
    if code:
        problems += [line for line in out.splitlines() if ": error:" in line]
    return problems
