"""`cautils book`: the executed notebooks and claim pages -> Jupyter Book HTML, published atomically.

Steps: `cautils run` has evaluated the ledger, written the claim pages and executed the notebooks
(each cached). Here the table of contents is written from the page registry, Sphinx builds into a
persistent folder (incrementally: only changed pages are re-read and re-written; warnings are
errors), the ledger JSON and the ClaimReview JSON-LD are added, and the result is copied to a
staging folder that is swapped into `_build/html` by renames. A failure at any step leaves the
previous book intact. A stamp over every input lets an unchanged rebuild skip Sphinx entirely.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from cautils.errors import CautilsError
from cautils.io import atomic_write_text
from cautils.paths import BUILD_DIR, HTML_DIR, PROJECT_ROOT
from cautils.registry import plan, write_toc

SPHINX_DIR = BUILD_DIR / "sphinx"  # Jupyter Book's own output and doctrees, kept between builds
STAMP_NAME = ".book-stamp"
BOOK_INPUTS = ("_config.yml", "_toc.yml", "references.bib")
CLAIMS_JSON = BUILD_DIR / "claims.json"


class BookBuildFailed(CautilsError):
    """Jupyter Book reported errors or warnings (warnings are errors here)."""


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")) if folder.is_dir() else []


def inputs_hash(builder: str = "html") -> str:
    """Hash of everything the HTML depends on once the notebooks are executed."""
    digest = hashlib.sha256(builder.encode())
    files = [PROJECT_ROOT / name for name in BOOK_INPUTS if (PROJECT_ROOT / name).exists()]
    files += _files(PROJECT_ROOT / "book") + _files(PROJECT_ROOT / "claims")
    files += [run.output_path for run in plan() if run.output_path.exists()]
    if CLAIMS_JSON.is_file():
        files.append(CLAIMS_JSON)
    for path in files:
        digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _jupyter_book(builder: str, output: Path, incremental: bool = False, toc: Path | None = None) -> None:
    command = [
        str(Path(sys.executable).with_name("jupyter-book")),
        "build",
        str(PROJECT_ROOT),
        "--path-output",
        str(output),
        "--builder",
        builder,
        "-W",
        "-n",
        "--keep-going",
    ]
    if not incremental:
        command.append("--all")
    if toc is not None:
        command += ["--toc", str(toc)]
    result = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True)
    output.mkdir(parents=True, exist_ok=True)
    log = output / "build.log"
    log.write_text(result.stdout + "\n" + result.stderr)
    problems = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if "WARNING" in line or "ERROR" in line or "Traceback" in line
    ]
    if result.returncode != 0 or problems:
        shown = "\n".join(problems[:20]) or (result.stderr or result.stdout)[-2000:]
        raise BookBuildFailed(f"jupyter-book {builder} build failed (log: {log}):\n{shown}")


def _results() -> list:
    from cautils.claims import Result

    if not CLAIMS_JSON.is_file():
        raise BookBuildFailed(f"{CLAIMS_JSON} missing: run `cautils run` first (it evaluates the ledger)")
    return [Result.model_validate(item) for item in json.loads(CLAIMS_JSON.read_text(encoding="utf-8"))]


def publish_claims(html_dir: Path) -> None:
    """Write the ledger JSON and the ClaimReview JSON-LD beside the HTML, from the results this
    build evaluated (the same ones the pages show)."""
    from cautils.claims.publish import claimreview_document, results_json

    results = _results()
    atomic_write_text(html_dir / "claims.json", json.dumps(results_json(results), indent=2, ensure_ascii=False) + "\n")
    atomic_write_text(
        html_dir / "claimreview.jsonld", json.dumps(claimreview_document(results), indent=2, ensure_ascii=False) + "\n"
    )


def swap_in(new_dir: Path, target: Path) -> None:
    """Replace `target` by `new_dir` with renames only (the old book stays until the swap)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(new_dir, target)
    if old.exists():
        shutil.rmtree(old)


def build_html(force: bool = False) -> tuple[Path, bool]:
    """Build the HTML book; returns (path, rebuilt?). `force` rebuilds every page."""
    write_toc([r.id for r in _results()])
    stamp = inputs_hash("html")
    stamp_file = HTML_DIR / STAMP_NAME
    if not force and stamp_file.exists() and stamp_file.read_text().strip() == stamp:
        return HTML_DIR, False
    missing = [run.name for run in plan() if not run.output_path.exists()]
    if missing:
        raise BookBuildFailed(f"executed notebooks missing: {', '.join(missing)} (run `cautils run`)")
    _jupyter_book("html", SPHINX_DIR, incremental=not force)
    staging = HTML_DIR.with_name(HTML_DIR.name + ".new")
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(SPHINX_DIR / "_build" / "html", staging)
    publish_claims(staging)
    (staging / STAMP_NAME).write_text(stamp)
    swap_in(staging, HTML_DIR)
    return HTML_DIR, True


PDF_PATH = PROJECT_ROOT / "_build" / "pdf" / "book.pdf"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)


PRINT_CSS = """<style>
@media print {
  .bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-footer, .header-article, .prev-next-area,
  .bd-header-article, .bd-footer-content { display: none !important; }
  .bd-page-width, .bd-main, .bd-content, .bd-article-container, .bd-article { max-width: 100% !important;
    width: 100% !important; padding: 0 !important; margin: 0 !important; }
  html { font-size: 13px !important; }
  img { max-width: 100% !important; break-inside: avoid; }
  h1 { break-before: page; }
}
</style>
"""


def _root_document() -> str:
    import yaml

    return yaml.safe_load((PROJECT_ROOT / "_toc.yml").read_text())["root"]


def build_pdf() -> Path:
    """The whole book as one PDF: singlehtml build, then Chromium's print-to-PDF."""
    import tempfile

    if not CHROMIUM.exists():
        raise BookBuildFailed(f"{CHROMIUM} not found: run `make browser-deps` (Debian package chromium)")
    toc = BUILD_DIR / "toc-pdf.yml"  # the PDF prints every claim page once, after the ledger index
    write_toc([r.id for r in _results()], toc, with_claim_pages=True)
    staging = BUILD_DIR / "staging-pdf"
    if staging.exists():
        shutil.rmtree(staging)
    _jupyter_book("singlehtml", staging, toc=toc)
    root = staging / "_build" / "singlehtml"
    # The single page is written at the root document's path (build/executed/intro.html) but its
    # asset links are relative to the output root: print a copy placed at the root.
    page = root / "book.html"
    html_text = (root / (_root_document() + ".html")).read_text(encoding="utf-8")
    page.write_text(html_text.replace("</head>", PRINT_CSS + "</head>", 1), encoding="utf-8")
    index = page
    PDF_PATH.parent.mkdir(parents=True, exist_ok=True)
    tmp_pdf = PDF_PATH.with_suffix(".tmp.pdf")
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [
                str(CHROMIUM),
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                "--no-pdf-header-footer",
                "--run-all-compositor-stages-before-draw",
                "--virtual-time-budget=20000",
                f"--print-to-pdf={tmp_pdf}",
                index.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
    if result.returncode != 0 or not tmp_pdf.exists() or tmp_pdf.stat().st_size < 10_000:
        raise BookBuildFailed(f"chromium print-to-pdf failed: {result.stderr[-1500:]}")
    os.replace(tmp_pdf, PDF_PATH)
    shutil.rmtree(staging, ignore_errors=True)
    return PDF_PATH


__all__ = ["build_pdf", "build_html", "publish_claims", "swap_in", "inputs_hash"]
