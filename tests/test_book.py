"""The notebooks-to-book pipeline, built in a temporary copy of the project: pages, caches, errors.

`built_project` is the session's copy with the whole book built; tests that change anything work
on `project_clone`, a further copy, so the project's own build folders are never touched.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml
from conftest import cautils

from cautils.claims import all_claims
from cautils.registry import plan

pytestmark = pytest.mark.slow


def run_report(root: Path, *args: str) -> dict:
    report = root / "build" / "report.json"
    cautils(root, *args, "--report", str(report))
    return json.loads(report.read_text())


def test_every_registry_page_and_every_claim_page_is_built(built_project, built_book):
    for run in plan():
        assert (built_book / f"build/executed/{run.name}.html").is_file(), f"missing page {run.name}"
    for claim in all_claims():
        assert (built_book / f"claims/{claim.id}.html").is_file(), f"missing claim page {claim.id}"
    assert (built_book / "claims/index.html").is_file()
    assert (built_book / "book/fork.html").is_file() and (built_book / "book/reproduce.html").is_file()


def test_toc_is_generated_from_the_registry(built_project):
    toc = yaml.safe_load((built_project / "_toc.yml").read_text())
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    assert toc["root"] == "build/executed/intro"
    assert files[:3] == ["claims/index", "build/executed/article_A", "build/executed/article_B"]
    claim_chapter = next(c for part in toc["parts"] for c in part["chapters"] if c["file"] == "claims/index")
    assert "sections" not in claim_chapter, "claim pages are reached from the ledger index, not the navigation"
    pdf_toc = (
        yaml.safe_load((built_project / "build/toc-pdf.yml").read_text())
        if (built_project / "build/toc-pdf.yml").is_file()
        else None
    )
    if pdf_toc:
        pdf_claims = next(c for part in pdf_toc["parts"] for c in part["chapters"] if c["file"] == "claims/index")
        assert [s["file"] for s in pdf_claims["sections"]] == [f"claims/{c.id}" for c in all_claims()]
    assert [f for f in files if f.startswith("build/executed/country_")] == [
        f"build/executed/country_{c}"
        for c in yaml.safe_load((built_project / "book/pages.yaml").read_text())["sets"]["country"]
    ]


def test_ledger_is_a_compact_index_linking_every_claim(built_book):
    page = (built_book / "claims/index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr data-verdict="([^"]+)"[^>]*>\s*<td[^>]*><a href="([A-Z0-9]+)\.html"', page)
    assert sorted(cid for _, cid in rows) == sorted(c.id for c in all_claims())
    assert "claim-card" not in page, "the ledger is an index, not a wall of cards"
    assert 'href="../claims.json"' in page and "The rubric" in page


def test_chapters_end_with_linked_claim_lists_not_cards(built_book):
    for name in ("country_KAZ", "theme_trade", "theme_arms"):
        text = (built_book / f"build/executed/{name}.html").read_text(encoding="utf-8")
        assert 'class="claims-list"' in text, name
        assert re.search(r'href="../../claims/[AB]\d+\.html"', text), name


def test_published_json_beside_html(built_book):
    data = json.loads((built_book / "claims.json").read_text())
    assert {r["id"] for r in data} == {c.id for c in all_claims()}
    reviews = json.loads((built_book / "claimreview.jsonld").read_text())
    assert [r["identifier"] for r in reviews] == [r["id"] for r in data]


def test_pages_have_no_placeholders_or_errors(built_book):
    pages = sorted((built_book / "build/executed").glob("*.html")) + sorted((built_book / "claims").glob("*.html"))
    assert len(pages) > len(all_claims())
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "{glue" not in text and "glue:text" not in text, f"{page.name}: unresolved glue"
        assert not re.search(r"\{\{[a-z_]+\}\}", text), f"{page.name}: unfilled placeholder"
        assert "Traceback" not in text and 'class="output traceback"' not in text, f"{page.name}: error output"
        assert "output stderr" not in text, f"{page.name}: stderr output"


def test_every_chart_rendered_with_alt_text_and_its_data(built_book):
    """Chapter charts: an inline PNG with alt text written from the figure (not a file name) and
    a download of the drawn numbers as CSV."""
    import base64

    for name in [*[f"country_{r.parameters['country']}" for r in plan() if r.template == "country"], "theme_trade"]:
        text = (built_book / f"build/executed/{name}.html").read_text(encoding="utf-8")
        figures = re.findall(r'<figure class="book-chart">(.*?)</figure>', text, flags=re.S)
        assert len(figures) >= 3, f"{name}: expected charts"
        for figure in figures:
            src = re.search(r'<img src="data:image/png;base64,([^"]+)"', figure)
            assert src and base64.b64decode(src.group(1))[:8] == b"\x89PNG\r\n\x1a\n", f"{name}: chart is not a PNG"
            alt = re.search(r'alt="([^"]*)"', figure).group(1)
            assert len(alt) > 40 and not alt.endswith(".png"), f"{name}: chart has no useful alt text: {alt!r}"
            csv = re.search(r'href="data:text/csv;base64,([^"]+)"', figure)
            assert csv, f"{name}: chart without its data ({alt[:60]})"
            header = base64.b64decode(csv.group(1)).decode().splitlines()[0]
            assert header.startswith("panel,series,x,value"), header


def test_executed_notebooks_hide_parameters_cell(built_project):
    nb = nbformat.read(built_project / "build/executed/country_KAZ.ipynb", as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and "remove-cell" in injected[0].metadata["tags"]
    first_markdown = next(c for c in nb.cells if c.cell_type == "markdown")
    assert first_markdown.source.startswith("# Kazakhstan")


def test_second_build_does_nothing(project_clone):
    report = run_report(project_clone, "book")
    assert report["executed"] == [] and report["claims_evaluated"] == [] and report["pages_written"] == []
    assert report["html_rebuilt"] is False


def _reads(root: Path) -> dict[str, dict]:
    return {
        p.name.removesuffix(".deps.json"): json.loads(p.read_text())["reads"]
        for p in (root / "build/cache").glob("*.deps.json")
    }


def test_one_table_change_reexecutes_only_its_readers(project_clone):
    """One SIPRI delivery of the 1990s changes: the notebooks that read the table re-execute,
    and so do pages showing a claim whose shown summary changed; the trade and energy chapters
    are left alone."""
    table = project_clone / "data/processed/sipri_deliveries.csv"
    readers = {run for run, reads in _reads(project_clone).items() if table.stem in reads["tables"]}
    assert "theme_arms" in readers and "theme_trade" not in readers and "theme_energy" not in readers
    lines = table.read_text().splitlines(keepends=True)
    fields = lines[1].split(",")
    tiv = fields[lines[0].split(",").index("tiv")]
    fields[lines[0].split(",").index("tiv")] = str(round(float(tiv) + 1, 2))
    lines[1] = ",".join(fields)
    table.write_text("".join(lines))
    report = run_report(project_clone, "run")
    executed = set(report["executed"])
    claim_readers = set()
    for run, reads in _reads(project_clone).items():
        shown = {entry.split("@")[0] for entry in reads["claims"]}
        if "*" in shown or shown & set(report["claims_changed"]):
            claim_readers.add(run)
    assert readers <= executed
    assert executed <= readers | claim_readers
    assert not executed & {"theme_trade", "theme_energy"}


def edit_restatement(ledger_path: Path, claim_id: str, text: str) -> None:
    """Replace one claim's restatement line in its ledger file (the rest byte for byte)."""
    lines = ledger_path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"- id: {claim_id}\n")
    line = next(i for i in range(start, len(lines)) if lines[i].startswith("  restatement:"))
    lines[line] = f"  restatement: {text}\n"
    ledger_path.write_text("".join(lines), encoding="utf-8")


def test_one_claim_edit_rerenders_only_that_claims_pages(project_clone):
    """An edited claim: only it is re-evaluated and only its page regenerated; no notebook
    re-executes (the chapters' claim lists are rendered by Sphinx from the evaluated ledger), and
    the chapter listing it shows the edit."""
    path = project_clone / "data/claims/B.yaml"
    claim = next(c for c in yaml.safe_load(path.read_text())["claims"] if c["theme"] == "trade")
    edit_restatement(path, claim["id"], "EDITED FOR THE TEST")
    report = run_report(project_clone, "book")
    assert report["claims_evaluated"] == [claim["id"]]
    assert report["pages_written"] == [claim["id"]]
    assert report["executed"] == []
    assert report["html_rebuilt"] is True
    html = project_clone / "_build/html"
    assert "EDITED FOR THE TEST" in (html / f"claims/{claim['id']}.html").read_text()
    assert "EDITED FOR THE TEST" in (html / "build/executed/theme_trade.html").read_text()
    assert "EDITED FOR THE TEST" in (html / "claims/index.html").read_text()


def test_unknown_parameter_value_fails_naming_it(built_project, tmp_path):
    template = built_project / "notebooks/country.md"
    notebook = tmp_path / "country.ipynb"
    subprocess.run(
        [sys.executable, "-m", "jupytext", "--to", "ipynb", str(template), "-o", str(notebook)],
        check=True,
        capture_output=True,
    )
    result = subprocess.run(
        [sys.executable, "-m", "papermill", str(notebook), str(tmp_path / "out.ipynb"), "-p", "country", "AZE"],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "CAUTILS_PROJECT_ROOT": str(built_project)},
    )
    assert result.returncode != 0
    assert "ParameterError" in result.stderr and "'country' = 'AZE'" in result.stderr and "KAZ" in result.stderr
    failed = cautils(built_project, "run", "--only", "theme_arms", "-p", "release=2023", check=False)
    assert failed.returncode == 1
    assert "'release' = 2023" in failed.stderr and "2026" in failed.stderr


def test_failing_notebook_names_notebook_cell_and_error(project_clone):
    template = project_clone / "notebooks/theme_energy.md"
    template.write_text(template.read_text() + "\n```{code-cell}\nraise ValueError('bad input on purpose')\n```\n")
    before = (project_clone / "build/executed/theme_energy.ipynb").read_bytes()
    failed = cautils(project_clone, "run", "--only", "theme_energy", check=False)
    assert failed.returncode == 1
    assert "theme_energy.md" in failed.stderr and "cell" in failed.stderr and "bad input on purpose" in failed.stderr
    assert (project_clone / "build/executed/theme_energy.ipynb").read_bytes() == before, "the good copy stays"


def _outputs(path: Path) -> list:
    nb = nbformat.read(path, as_version=4)
    return [
        [{k: v for k, v in out.items() if k not in ("execution_count", "metadata")} for out in cell.get("outputs", [])]
        for cell in nb.cells
        if cell.cell_type == "code"
    ]


def test_reused_kernel_gives_the_same_outputs_as_a_fresh_kernel(project_clone):
    """Kernel reuse must not leak state: two notebooks one after the other in one kernel, then each
    in a fresh kernel; every output (text, HTML, PNG bytes) must be the same."""
    executed = project_clone / "build/executed"
    cautils(project_clone, "run", "--only", "theme_arms", "--only", "country=KGZ", "-j", "1", "--force")
    reused = {name: _outputs(executed / f"{name}.ipynb") for name in ("theme_arms", "country_KGZ")}
    cautils(project_clone, "run", "--only", "theme_arms", "--only", "country=KGZ", "--force", "--fresh-kernels")
    for name, outputs in reused.items():
        assert _outputs(executed / f"{name}.ipynb") == outputs, f"{name} differs after kernel reuse"
