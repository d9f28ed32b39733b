CELLS = [
    ("md", """
# Trade

**What this shows.** How much the five Central Asian states trade with China and with Russia, by
whose count. Every flow is recorded twice, once by each side, and the two records differ: China
reports exporting far more to Kyrgyzstan than Kyrgyzstan records importing, largely because goods
pass through Kyrgyzstan to its neighbours and to Russia. This chapter keeps the country's own
report, the partner's mirror report and the reconciled CEPII BACI figures apart, and leaves gaps
where a source has no data.
"""),
    ("code-hidden", """
from cautils import nb
from cautils.analysis import trade
from cautils.countries import CA5, short_name
nb.setup()
shares = trade.region_shares()
latest = int(shares["year"].max())
first = int(shares["year"].min())
chn = shares[shares["partner_iso3"] == "CHN"].set_index("year")["share"]
rus = shares[shares["partner_iso3"] == "RUS"].set_index("year")["share"]
nb.glue("first_year", first)
nb.glue("latest_year", latest)
nb.glue("chn_share_first", float(chn[first]))
nb.glue("chn_share_latest", float(chn[latest]))
nb.glue("rus_share_first", float(rus[first]))
nb.glue("rus_share_latest", float(rus[latest]))
ratio = trade.mirror_ratio("KGZ", "CHN")
nb.glue("kgz_ratio_min", float(ratio["ratio"].min()))
nb.glue("kgz_ratio_max", float(ratio["ratio"].max()))
"""),
    ("md", """
## China and Russia in the region's trade

Kazakhstan, Kyrgyzstan and Uzbekistan publish trade by partner. In their combined own statistics,
China's share of their trade went from {glue:text}`chn_share_first:.1%` in
{glue:text}`first_year:d` to {glue:text}`chn_share_latest:.1%` in {glue:text}`latest_year:d`, and
Russia's from {glue:text}`rus_share_first:.1%` to {glue:text}`rus_share_latest:.1%`.
"""),
    ("code-hidden", """
from cautils import plots
frame = shares.assign(value=shares["share"] * 100, basis="reported")
nb.show(plots.line_by_series(frame, series="partner_iso3", colour_key="partner_iso3", value="value",
        title="Share of China and Russia in the trade of Kazakhstan, Kyrgyzstan and Uzbekistan",
        ylabel="% of exports + imports", labels={"CHN": "China", "RUS": "Russia"},
        source="national statistics of Kazakhstan (BNS), Kyrgyzstan (NSC) and Uzbekistan (Statistics Agency)"))
"""),
    ("md", """
## Each country with China and Russia, by whose count

These are the articles' "Source: UN Comtrade" charts, rebuilt from the data in the mirror. Solid
lines are the country's own report, dashed lines the partner's report of the same trade, dotted
lines the reconciled BACI figures.
"""),
    ("code-hidden", """
for iso3 in CA5:
    nb.show(trade.partner_chart(iso3))
"""),
    ("md", """
## Mirror gaps: Kyrgyzstan and China

China's recorded exports to Kyrgyzstan were between {glue:text}`kgz_ratio_min:.1f` and
{glue:text}`kgz_ratio_max:.1f` times Kyrgyzstan's recorded imports from China in the IMF data. The
gap is the clearest sign of transit and re-export trade; it is also why a claim about "trade with
China" can be right on one count and wrong on the other.
"""),
    ("code-hidden", "nb.table(ratio, caption='Kyrgyzstan: imports from China, own report vs China\\'s report (IMF DOTS, US$ bn)')"),
    ("md", "## Largest partners in the latest year with partner detail"),
    ("code-hidden", """
import pandas as pd
blocks = []
for iso3 in CA5:
    source, year = trade.latest_source_year(iso3)
    top = trade.top_partners(iso3, year, source, n=3)
    top.insert(0, "country", short_name(iso3))
    top.insert(1, "year", year)
    top.insert(2, "source", trade.SOURCE_NAMES[source])
    blocks.append(top)
nb.table(pd.concat(blocks), caption="Top three partners by exports + imports (US$ bn; share of the country's total)")
"""),
    ("md", "## Claims settled here"),
    ("code-hidden", "nb.claims_section(theme='trade')"),
]
