"""`make pdf`: the whole book as one PDF with its figures (checked with poppler's tools)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import cautils

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pdf(built_project):
    """`cautils pdf` in the session's built copy of the project."""
    from cautils.book import CHROMIUM

    if not CHROMIUM.exists() or not shutil.which("pdftoppm"):
        pytest.skip("chromium or pdftoppm missing: `make test` installs them (make browser-deps)")
    cautils(built_project, "pdf")
    return built_project / "_build" / "pdf" / "book.pdf"


def test_pdf_page_count_and_figures(pdf, tmp_path):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 60, f"only {pages} pages"
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    figures = [line for line in images.splitlines()[2:] if line.strip()]
    assert len(figures) >= 40, f"only {len(figures)} images in the PDF"
    # render the page holding the first figure and check it is not blank
    first_page = int(figures[0].split()[0])
    subprocess.run(
        [
            "pdftoppm",
            "-f",
            str(first_page),
            "-l",
            str(first_page),
            "-r",
            "40",
            "-gray",
            "-png",
            str(pdf),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    rendered = next(tmp_path.glob("page*.png"))
    from PIL import Image

    histogram = Image.open(rendered).convert("L").histogram()
    dark = sum(histogram[:200]) / sum(histogram)
    assert dark > 0.02, "the rendered page looks blank"


def test_pdf_text_has_claims_and_no_placeholders(pdf):
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "The claim ledger" in text and "Kazakhstan" in text
    assert "{glue" not in text and not re.search(r"\{\{[a-z_]+\}\}", text)
    assert text.count("Rerun and cite") == len(__import__("cautils.claims", fromlist=["all_claims"]).all_claims()), (
        "each claim is printed once, on its own page"
    )
