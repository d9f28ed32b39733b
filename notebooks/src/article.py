CELLS = [
    ("params", 'article = "A"'),
    ("md", """
# Article {{article}}: {{article_title}}

This page walks through the claims of article {{article}} ({{article_author}}) in the order they
appear, section by section. Each claim is quoted briefly, restated, and given a verdict from the
data; follow the links to the chapter that shows the work.
"""),
    ("code-hidden", """
from IPython.display import HTML, Markdown, display
from cautils import nb, report
nb.setup()
chosen = sorted(report.select(article=article), key=lambda r: (r.paragraph, r.id))
frame = report.results_frame()
mine = frame[frame["article"] == article]
nb.glue("n_claims", len(mine))
nb.glue("n_supported", int((mine["verdict"] == "supported").sum()))
nb.glue("n_mostly", int((mine["verdict"] == "mostly supported").sum()))
nb.glue("n_contradicted", int((mine["verdict"] == "contradicted").sum()))
nb.glue("n_not_checkable", int((mine["verdict"] == "not checkable").sum()))
"""),
    ("md", """
Of the article's {glue:text}`n_claims:d` claims in the ledger, {glue:text}`n_supported:d` are
supported, {glue:text}`n_mostly:d` mostly supported, {glue:text}`n_contradicted:d` contradicted and
{glue:text}`n_not_checkable:d` not checkable.
"""),
    ("code-hidden", "display(HTML(report.claims_table(chosen)))"),
    ("md", "## The claims in order"),
    ("code-hidden", """
section = None
for result in chosen:
    if result.section != section:
        section = result.section
        display(HTML(f"<h3>{section}</h3>"))
    display(HTML(report.claim_card(result)))
"""),
]
