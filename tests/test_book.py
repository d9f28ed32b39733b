"""Smoke test of the notebooks-to-book pipeline: runner, cache, HTML content."""

from __future__ import annotations

import json
import os
import re

import nbformat
import pytest

from cautils import runner
from cautils.book import build_html
from cautils.claims import all_claims

pytestmark = pytest.mark.slow


def test_runner_executes_one_country_and_one_theme_then_book_builds(built_book):
    cwd = os.getcwd()
    report = runner.run_all([{"country": "KAZ"}, {"template": "theme_trade"}], force=True)
    assert os.getcwd() == cwd, "the runner must not change the process's working directory"
    assert sorted(report.executed) == ["country_KAZ", "theme_trade"]
    html_dir, rebuilt = build_html()
    assert rebuilt, "new notebook outputs must rebuild the HTML"
    assert (html_dir / "build/executed/country_KAZ.html").exists()


def test_ledger_page_lists_every_claim_with_a_verdict(built_book):
    page = (built_book / "build/executed/ledger.html").read_text(encoding="utf-8")
    for claim in all_claims():
        anchor = f'id="claim-{claim.id.lower()}"'
        assert anchor in page, claim.id
        card = page[page.index(anchor): page.index(anchor) + 600]
        assert 'data-verdict="' in card
    assert page.count('application/ld+json') >= len(all_claims())


def test_published_json_beside_html(built_book):
    data = json.loads((built_book / "claims.json").read_text())
    assert {r["id"] for r in data} == {c.id for c in all_claims()}
    reviews = json.loads((built_book / "claimreview.jsonld").read_text())
    assert all(r["@type"] == "ClaimReview" for r in reviews)


def test_chapters_exist_and_have_no_placeholders_or_errors(built_book):
    pages = sorted((built_book / "build/executed").glob("*.html"))
    names = {p.stem for p in pages}
    for name in ["intro", "ledger", "article_A", "article_B", "methods",
                 *[f"country_{c}" for c in runner.COUNTRIES], *[f"theme_{t}" for t in runner.THEMES]]:
        assert name in names, f"missing page {name}"
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "{glue" not in text and "glue:text" not in text, f"{page.name}: unresolved glue"
        assert "{{" not in re.sub(r"<script.*?</script>", "", text, flags=re.S), f"{page.name}: unfilled placeholder"
        assert "Traceback" not in text and 'class="output traceback"' not in text, f"{page.name}: error output"
        assert "output stderr" not in text, f"{page.name}: stderr output"


def test_every_chart_rendered(built_book):
    for name in [*[f"country_{c}" for c in runner.COUNTRIES], "theme_trade"]:
        text = (built_book / f"build/executed/{name}.html").read_text(encoding="utf-8")
        images = re.findall(r'<img[^>]+src="([^"]+)"', text)
        assert len(images) >= 3, f"{name}: expected charts"
        for src in images:
            assert (built_book / "build/executed" / src).resolve().exists(), f"{name}: missing image {src}"


def test_executed_notebooks_hide_parameters_cell(built_book):
    nb = nbformat.read(runner.EXECUTED_DIR / "country_KAZ.ipynb", as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and "remove-cell" in injected[0].metadata["tags"]
    first_markdown = next(c for c in nb.cells if c.cell_type == "markdown")
    assert first_markdown.source.startswith("# Kazakhstan")


def test_second_run_executes_nothing_and_data_change_reexecutes(built_book, monkeypatch):
    report = runner.run_all()
    assert report.executed == [] and len(report.skipped) == len(runner.plan())
    html_dir, rebuilt = build_html()
    assert not rebuilt
    monkeypatch.setattr(runner, "data_hash", lambda: "a-changed-processed-table")
    report = runner.run_all([{"country": "TKM"}])
    assert report.executed == ["country_TKM"]


def test_failing_notebook_names_notebook_cell_and_error(tmp_path, monkeypatch):
    template = tmp_path / "broken.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Broken"), nbformat.v4.new_code_cell("x = 1"),
                nbformat.v4.new_code_cell("raise ValueError('bad input on purpose')")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, template)
    monkeypatch.setattr(runner, "NOTEBOOKS_DIR", tmp_path)
    monkeypatch.setattr(runner, "EXECUTED_DIR", tmp_path / "out")
    monkeypatch.setattr(runner, "CACHE_DIR", tmp_path / "cache")
    monkeypatch.setattr(runner, "plan", lambda: [runner.Run("broken")])
    with pytest.raises(runner.NotebookFailed) as info:
        runner.run_all()
    message = str(info.value)
    assert "broken.ipynb" in message and "cell 2" in message and "ValueError" in message and "bad input on purpose" in message
    assert not (tmp_path / "out" / "broken.ipynb").exists(), "a failed run must not leave an executed copy"


def _outputs(path):
    nb = nbformat.read(path, as_version=4)
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cells.append([{k: v for k, v in out.items() if k not in ("execution_count", "metadata")}
                      for out in cell.get("outputs", [])])
    return cells


def test_reused_kernel_gives_the_same_outputs_as_a_fresh_kernel(built_book):
    """Kernel reuse must not leak state: run two notebooks one after the other in one kernel,
    then each in a fresh kernel, and compare every output (text, HTML, PNG bytes)."""
    runs = [{"template": "theme_arms"}, {"country": "KGZ"}]
    runner.run_all(runs, workers=1, force=True)
    reused = {name: _outputs(runner.EXECUTED_DIR / f"{name}.ipynb") for name in ("theme_arms", "country_KGZ")}
    runner.run_all(runs, workers=2, force=True, fresh_kernels=True)
    for name, outputs in reused.items():
        assert _outputs(runner.EXECUTED_DIR / f"{name}.ipynb") == outputs, f"{name} differs after kernel reuse"
