"""Sphinx directives that render claims at book-build time, from the ledger this build evaluated.

A chapter notebook does not render its closing list of claims, nor the article page its
annotated sentences: it emits a directive (`claims-list`, `annotated-article`), and Sphinx renders
it from `build/claims.json`, noting that file as a dependency of the page. So editing a claim
re-renders the pages that show it (Sphinx re-reads them, cheaply) without re-executing any
notebook; the notebooks run only for the data they compute.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from cautils.paths import BUILD_DIR, CLAIMS_DIR

CLAIMS_JSON = BUILD_DIR / "claims.json"


def _claims_prefix(docname: str) -> str:
    """The relative path from a page to the claim pages (claims/<ID>.html)."""
    return "../" * docname.count("/") + "claims/"


class _ClaimsDirective(SphinxDirective):
    def _use_results(self) -> None:
        from cautils import report

        if not CLAIMS_JSON.is_file():
            raise self.error(f"{CLAIMS_JSON} missing: build the book with `cautils book` (it evaluates the ledger)")
        self.env.note_dependency(str(CLAIMS_JSON))
        report.use(CLAIMS_JSON)


class ClaimsList(_ClaimsDirective):
    """```{claims-list}
    :theme: arms
    ```  (or :country: KAZ, or :article: A): the claims a chapter settles, linked to their pages."""

    option_spec = {"theme": directives.unchanged, "country": directives.unchanged, "article": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        from cautils import report

        self._use_results()
        chosen = report.select(**{k: v for k, v in self.options.items() if v})
        return [nodes.raw("", report.claims_list(chosen, _claims_prefix(self.env.docname)), format="html")]


class AnnotatedArticle(_ClaimsDirective):
    """```{annotated-article} A```: every sentence of the article in reading order, with verdicts."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        from cautils import report
        from cautils.claims.sentences import order_path

        self._use_results()
        article = self.arguments[0]
        self.env.note_dependency(str(order_path(CLAIMS_DIR, article)))
        path, _ = report._ledgers()[article]
        self.env.note_dependency(str(path))
        return [nodes.raw("", report.annotated_article(article, _claims_prefix(self.env.docname)), format="html")]


def claims_list_directive(**where: str) -> str:
    """The MyST text a notebook displays (as Markdown) to have Sphinx render a claims list."""
    options = "".join(f":{key}: {value}\n" for key, value in where.items() if value)
    return f"```{{claims-list}}\n{options}```\n"


def annotated_article_directive(article: str) -> str:
    return f"```{{annotated-article}} {article}\n```\n"


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("claims-list", ClaimsList)
    app.add_directive("annotated-article", AnnotatedArticle)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
