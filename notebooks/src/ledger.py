CELLS = [
    ("md", """
# The claim ledger

Every checkable claim of the two articles, with its verdict, the number that decides it and a link
to the chapter that shows the work. Use the filters to narrow the list; the full ledger is also
published as JSON (<a href="../../claims.json">claims.json</a>) and as schema.org ClaimReview
JSON-LD (<a href="../../claimreview.jsonld">claimreview.jsonld</a>).
"""),
    ("code-hidden", """
from IPython.display import HTML, Markdown, display
from cautils import nb, report
from cautils.claims.rubric import rubric_markdown
nb.setup()
results = list(report.results())
nb.glue("n_claims", len(results))
"""),
    ("md", "## Rubric"),
    ("code-hidden", "display(Markdown(rubric_markdown()))"),
    ("md", "## All {glue:text}`n_claims:d` claims"),
    ("code-hidden", "display(HTML(report.ledger_filters(results) + report.claims_table(results)))"),
    ("md", "## Claim by claim"),
    ("code-hidden", """
for result in results:
    display(HTML(report.claim_card(result, with_json_ld=True)))
"""),
]
