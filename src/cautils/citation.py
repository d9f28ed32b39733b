"""Suggested citations, generated from CITATION.cff: the book's and each claim's (BibTeX too).

The URL is the configured base URL (`cautils.config.base_url`), so a fork that publishes
elsewhere cites its own copy.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml

from cautils.claims.models import Result
from cautils.paths import PROJECT_ROOT

CFF_PATH = PROJECT_ROOT / "CITATION.cff"


@lru_cache(maxsize=1)
def cff() -> dict[str, Any]:
    if not CFF_PATH.is_file():
        raise FileNotFoundError(f"{CFF_PATH}: the book's citation file is missing")
    data = yaml.safe_load(CFF_PATH.read_text(encoding="utf-8"))
    for key in ("title", "authors", "version", "date-released"):
        if key not in data:
            raise ValueError(f"{CFF_PATH}: field '{key}' is required")
    return data


def _authors() -> str:
    names = []
    for author in cff()["authors"]:
        if "name" in author:
            names.append("{" + author["name"] + "}")  # an organisation: kept whole by BibTeX
        else:
            names.append(f"{author['family-names']}, {author['given-names']}")
    return " and ".join(names)


def _authors_text() -> str:
    return ", ".join(a.get("name") or f"{a['given-names']} {a['family-names']}" for a in cff()["authors"])


def _year() -> str:
    return str(cff()["date-released"])[:4]


def book_bibtex() -> str:
    from cautils.config import base_url

    data = cff()
    return (
        f"@misc{{caeb-{data['version']},\n  title = {{{{{data['title']}}}}},\n  author = {{{_authors()}}},\n"
        f"  year = {{{_year()}}},\n  version = {{{data['version']}}},\n  url = {{{base_url()}}},\n"
        f"  note = {{Release of {data['date-released']}}}\n}}"
    )


def claim_bibtex(result: Result) -> str:
    from cautils.claims.claimreview import claim_page_url
    from cautils.config import base_url

    data = cff()
    title = f"Claim {result.id}: {result.restatement}".replace("{", "(").replace("}", ")")
    return (
        f"@misc{{caeb-{result.id.lower()},\n  title = {{{{{title}}}}},\n  author = {{{_authors()}}},\n"
        f"  year = {{{result.reviewed.year}}},\n"
        f"  howpublished = {{{data['title'].split(':')[0]}, version {data['version']}}},\n"
        f"  url = {{{claim_page_url(result, base_url())}}},\n"
        f"  note = {{Verdict: {result.verdict}; reviewed {result.reviewed}}}\n}}"
    )


def book_text() -> str:
    from cautils.config import base_url

    data = cff()
    return f"{_authors_text()} ({_year()}). *{data['title']}*, version {data['version']}. {base_url()}"


def book_markdown() -> str:
    """The "How to cite" block: a plain reference and BibTeX."""
    return (
        f"{book_text()}\n\nA single claim has its own suggested citation on its page.\n\n"
        f"```bibtex\n{book_bibtex()}\n```\n\nThe same reference in Citation File Format is `CITATION.cff` "
        "in the repository."
    )
