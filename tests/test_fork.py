"""The recipes of "Fork this book" (book/fork.md), followed step by step in a temporary copy."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import cautils

pytestmark = pytest.mark.slow

# A made-up article for the test: its sentences are test data, never claims of the book.
ARTICLE_C = """Example heading
This is the first sentence of a test article. It has a second sentence about trade.
Another section
The third paragraph has one sentence only.
"""


def book_report(root: Path) -> dict:
    path = root / "build" / "fork-report.json"
    cautils(root, "book", "--report", str(path))
    return json.loads(path.read_text())


def test_recipe_1_check_a_third_article(project_clone, tmp_path):
    text = tmp_path / "article-c.txt"
    text.write_text(ARTICLE_C, encoding="utf-8")
    cautils(
        project_clone,
        "new",
        "article",
        "C",
        "--text",
        str(text),
        "--title",
        "A test article",
        "--author",
        "First Author",
        "--author",
        "Second Author",
    )
    ledger = yaml.safe_load((project_clone / "data/claims/C.yaml").read_text())
    assert ledger["article"]["authors"] == [{"name": "First Author"}, {"name": "Second Author"}]
    assert [(s["paragraph"], s["reason"]) for s in ledger["sentences"]] == [
        (2, "unreviewed"),
        (2, "unreviewed"),
        (4, "unreviewed"),
    ]
    assert (project_clone / "data/claims/sentences-C.json").is_file()
    again = cautils(project_clone, "new", "article", "C", "--text", str(text), "--title", "x", check=False)
    assert again.returncode == 1 and "exists already" in again.stderr

    report = book_report(project_clone)
    assert "article_C" in report["executed"]
    page = (project_clone / "_build/html/build/executed/article_C.html").read_text(encoding="utf-8")
    assert "A test article" in page and "First Author and Second Author" in page
    assert page.count("not yet reviewed") == 3
    toc = yaml.safe_load((project_clone / "_toc.yml").read_text())
    assert any(c["file"] == "build/executed/article_C" for part in toc["parts"] for c in part["chapters"])


def _add_claim(ledger_path: Path, model_id: str, new_id: str, restatement: str) -> None:
    """Recipe 2, step 1: copy an existing claim's entry as the model and give it a new id."""
    text = ledger_path.read_text(encoding="utf-8")
    start = text.index(f"- id: {model_id}\n")
    end = text.index("\n- id: ", start + 1) + 1
    entry = text[start:end].replace(f"- id: {model_id}\n", f"- id: {new_id}\n", 1)
    entry = re.sub(r"(?m)^  restatement: .*$", f"  restatement: {restatement}", entry, count=1)
    ledger_path.write_text(text[:end] + entry + text[end:], encoding="utf-8")


def test_recipe_2_add_a_claim(project_clone):
    ledger_path = project_clone / "data/claims/A.yaml"
    ids = [c["id"] for c in yaml.safe_load(ledger_path.read_text())["claims"]]
    new_id = f"A{max(int(i[1:]) for i in ids) + 1:02d}"
    _add_claim(ledger_path, "A31", new_id, "Fork recipe test claim")
    one = cautils(project_clone, "claims", "--only", new_id)
    assert new_id in one.stdout
    cautils(project_clone, "claims", "--check")
    cautils(project_clone, "claims", "--write-sentences")
    report = book_report(project_clone)
    assert report["claims_evaluated"] == [new_id]
    assert new_id in report["pages_written"] and len(report["pages_written"]) <= 3  # it and its neighbours' links
    assert "article_A" in report["executed"], "the article's counts include the new claim"
    assert set(report["executed"]) <= {"intro", "article_A", "methods"}, "only pages counting or listing claims"
    html = project_clone / "_build/html"
    assert "Fork recipe test claim" in (html / f"claims/{new_id}.html").read_text(encoding="utf-8")
    assert f'href="{new_id}.html"' in (html / "claims/index.html").read_text(encoding="utf-8")
    assert f'claims/{new_id}.html"' in (html / "build/executed/article_A.html").read_text(encoding="utf-8")
    assert new_id in [r["identifier"] for r in json.loads((html / "claimreview.jsonld").read_text())]


def test_recipe_3_rerun_a_chapter_with_another_parameter(project_clone):
    registry = project_clone / "book/pages.yaml"
    text = registry.read_text(encoding="utf-8")
    assert "params: {release: 2026}" in text
    registry.write_text(text.replace("params: {release: 2026}", "params: {release: 2025}"), encoding="utf-8")
    report = book_report(project_clone)
    assert report["executed"] == ["theme_arms"], "only the chapter whose parameter changed re-executes"
    page = (project_clone / "_build/html/build/executed/theme_arms.html").read_text(encoding="utf-8")
    assert "The charts use the 2025 release" in page
    bad = cautils(project_clone, "run", "--only", "theme_arms", "-p", "release=2023", check=False)
    assert bad.returncode == 1 and "'release' = 2023" in bad.stderr
