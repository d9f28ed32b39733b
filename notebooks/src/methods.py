CELLS = [
    ("md", """
# Data and methods

Where every number comes from, how the raw files become the tables the book uses, how a verdict is
reached, and which method choices a verdict can depend on.

## Data flow

Raw public datasets (a read-only mirror, never edited or committed) are read by one module per
source in `src/cautils/sources/`, harmonised (country names and codes to ISO 3166 alpha-3 in one
place, `cautils.countries`), validated against a schema and written to small tables in
`data/processed/`, with the sha256 of every input and output in `manifest.json`. Facts that no
statistical table holds (memberships, bases, deployments, visits, events) are curated by hand in
`data/curated/`, each row citing publisher, title, date and URL. The claim ledger in
`data/claims/` states for each claim which check decides it; the checks are pure functions of those
tables. Notebooks call the same library and are executed with papermill; the book is built from
the executed notebooks.
"""),
    ("code-hidden", """
from IPython.display import HTML, Markdown, display
from cautils import nb, sources_table
nb.setup()
datasets = sources_table.datasets()
tables = sources_table.processed_tables()
curated = sources_table.curated_tables()
nb.glue("n_datasets", len(datasets))
nb.glue("n_tables", len(tables))
nb.glue("n_rows", int(tables["rows"].sum()))
nb.glue("n_curated_rows", int(curated["rows"].sum()))
"""),
    ("md", """
## Sources

{glue:text}`n_datasets:d` datasets feed {glue:text}`n_tables:d` processed tables
({glue:text}`n_rows:,d` rows in all). The table below is generated from the manifest: publisher,
version, licence, and the sha256 of each raw input (first twelve characters).
"""),
    ("code-hidden", "nb.table(datasets, caption='Raw datasets (from data/processed/manifest.json)')"),
    ("md", "## Processed tables"),
    ("code-hidden", "nb.table(tables, caption='Processed tables: rows, coverage and sha256 (first twelve characters)')"),
    ("md", """
## Curated facts

{glue:text}`n_curated_rows:d` hand-curated rows, each with a public source. A fact that could not be
sourced was left out, and the claims that needed it are marked not checkable.
"""),
    ("code-hidden", "nb.table(curated, caption='Curated tables in data/curated/')"),
    ("md", "## Verdict rubric"),
    ("code-hidden", """
from cautils.claims.rubric import rubric_markdown
display(Markdown(rubric_markdown()))
"""),
    ("md", """
## Method choices a verdict can depend on

- **Reported or mirror figures.** A country's own trade statistics and its partners' reports of the
  same flows differ, sometimes by a factor of three or more (re-exports through Kyrgyzstan, CIF vs FOB
  valuation, gold, timing). The book shows both and says which one a verdict uses.
- **Data release.** SIPRI revises its whole series every year; the 2024, 2025 and 2026 releases are
  kept side by side and never mixed in one figure. The 2026 release gives deal totals, which are
  spread equally over the delivery years (a project calculation, not a SIPRI figure).
- **Windows.** A share "since 2013" can differ from one "since 2014"; claims with a window are also
  checked with neighbouring start years.
- **Absences in UN votes.** A member state that did not vote is recorded as absent, never dropped;
  results are also shown with absences counted as abstentions.
- **Vintages.** World Bank series are revised; where two vintages are in the mirror both are shown.
- **Tolerances.** Each numeric check states the tolerance its wording allows ("approximately",
  "nearly", "over").

## Claims whose verdict depends on a method choice
"""),
    ("code-hidden", "nb.table(sources_table.fragile_claims(), caption='Verdict under the main check and under each alternative')"),
]
