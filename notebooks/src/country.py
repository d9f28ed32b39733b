CELLS = [
    ("params", 'country = "KAZ"'),
    ("md", """
# {{country_name}}

**What this shows.** {{country_name}}'s trade with China and Russia (the chart the articles cite
as "Source: UN Comtrade", rebuilt from data with the country's own report and its partners' mirror
reports side by side), its arms suppliers, its votes on the UN resolutions on Ukraine, remittances,
and its memberships and foreign military facilities. The chapter ends with every claim about
{{country_name}} and its verdict.
"""),
    ("code-hidden", """
from cautils import nb
from cautils.analysis import alliances, arms, migration, trade, un_votes
from cautils.countries import short_name
nb.setup()
name = short_name(country)
source, year = trade.latest_source_year(country)
top = trade.top_partners(country, year, source, n=5)
nb.glue("top_year", year)
nb.glue("top_source", trade.SOURCE_NAMES[source])
nb.glue("top_partner", top["partner"].iloc[0])
nb.glue("top_share", float(top["share"].iloc[0]))
"""),
    ("md", """
## Trade with China and Russia

In {glue:text}`top_year:d`, the latest year with partner detail ({glue:text}`top_source:s`), the
largest partner was {glue:text}`top_partner:s` with {glue:text}`top_share:.1%` of exports plus
imports.
"""),
    ("code-hidden", "nb.show(trade.partner_chart(country))"),
    ("code-hidden", "nb.table(top, caption='Largest partners (US$ bn, share of total)')"),
    ("code-hidden", """
tv = trade.turnover(country)
recent = tv[tv["year"] >= 2018].pivot_table(index=["partner_iso3", "series"], columns="year", values="value_bn")
nb.table(recent.reset_index(), caption='Exports + imports with China and Russia since 2018, by series (US$ bn)')
"""),
    ("md", "## Arms suppliers"),
    ("code-hidden", "nb.show(arms.supplier_chart(country))"),
    ("code-hidden", "nb.table(arms.top_suppliers(country, 2015, 2025), caption='Largest suppliers of major arms, 2015-2025 (SIPRI TIV, 2026 release)')"),
    ("md", "## Votes on the UN resolutions on Ukraine"),
    ("code-hidden", "nb.show(un_votes.vote_chart([country, 'RUS', 'CHN']))"),
    ("md", "## Remittances"),
    ("code-hidden", "nb.show(migration.remittance_chart(country))"),
    ("md", "## Memberships and foreign military facilities"),
    ("code-hidden", """
nb.table(alliances.membership_matrix("2025-12-31", [country]).reset_index(), caption="Memberships at the end of 2025")
nb.table(alliances.membership_events(country), caption="Membership events, with sources")
facilities = alliances.facilities(country)
if len(facilities):
    nb.table(facilities, caption="Foreign military facilities, with sources")
"""),
    ("md", "## Claims settled here"),
    ("code-hidden", "nb.claims_section(country=country)"),
]
