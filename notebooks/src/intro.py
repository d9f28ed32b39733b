CELLS = [
    ("md", """
# Central Asia Evidence Book

Two recent policy articles describe Central Asia between Russia and China: article A argues that
Moscow has become a pragmatic arbiter rather than a patron; article B (Allayarov and Anderson)
describes China's growing security role. This book finds every checkable claim in them and checks
each one against public data: UN General Assembly votes, SIPRI arms transfers, bilateral trade
statistics from both sides of each border, World Bank indicators, the Energy Institute's gas trade,
UN DESA migrant stocks and World Bank/KNOMAD remittance estimates, plus hand-curated facts that
each cite a public source.
"""),
    ("code-hidden", """
from cautils import nb, plots, report
nb.setup()
frame = report.results_frame()
nb.glue("n_claims", len(frame))
for verdict, key in [("supported", "n_supported"), ("mostly supported", "n_mostly"),
                     ("contradicted", "n_contradicted"), ("not checkable", "n_not_checkable")]:
    nb.glue(key, int((frame["verdict"] == verdict).sum()))
nb.glue("n_a", int((frame["article"] == "A").sum()))
nb.glue("n_b", int((frame["article"] == "B").sum()))
nb.glue("n_fragile", int((~frame["robust"]).sum()))
"""),
    ("md", """
## The verdicts at a glance

The ledger holds {glue:text}`n_claims:d` claims ({glue:text}`n_a:d` from article A,
{glue:text}`n_b:d` from article B): {glue:text}`n_supported:d` supported,
{glue:text}`n_mostly:d` mostly supported, {glue:text}`n_contradicted:d` contradicted and
{glue:text}`n_not_checkable:d` not checkable with the data available.
For {glue:text}`n_fragile:d` claims the verdict changes under at least one reasonable alternative
method choice (another data release, window, or the partner's report instead of the country's own);
each such case is shown beside the verdict.
"""),
    ("code-hidden", "nb.show(plots.verdict_bars(report.verdict_summary()))"),
    ("md", """
## How to read this book

- **The claim ledger** lists every claim with its verdict and the number that decides it; it can be
  filtered by verdict, theme and country. Each claim links to the chapter that shows the work.
- **Article A** and **Article B** walk through each article's claims in the order they appear.
- **Country chapters** rebuild the articles' missing "Source: UN Comtrade" charts from data for each
  of the five countries, with the country's own report and its partners' mirror reports side by side.
- **Theme chapters** (trade, arms transfers, UN votes, migration and remittances, energy, alliances and
  events, sanctions and re-exports) show the evidence and end with the claims they settle.
- **Data and methods** lists every source with its version, licence and checksum, the verdict rubric,
  and the method choices a verdict can depend on.

Every number in the text and charts is computed from the data by the code in the repository; none is
typed by hand. The verdicts use one rubric:
"""),
    ("code-hidden", """
from IPython.display import Markdown, display
from cautils.claims.rubric import rubric_markdown
display(Markdown(rubric_markdown()))
"""),
]
