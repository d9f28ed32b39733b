"""Theme chapter: migration and remittances (written to notebooks/theme_migration.ipynb)."""

CELLS = [
    ("md", """
# Migration and remittances

**What this shows.** How much the five Central Asian states live on money sent home by migrants, how
many people born there live in Russia, and how much of the money comes from Russia. Remittances are
measured by the World Bank (two releases of the same series are shown side by side), people born
abroad by the UN, and the split of remittances by sending country by a World Bank/KNOMAD model.
Turkmenistan publishes almost no balance-of-payments data, so it is missing from most of this chapter.
"""),
    ("code-hidden", """
from cautils import nb
from cautils.analysis import migration
from cautils.countries import short_name
nb.setup()
"""),
    ("code-hidden", """
N, O = migration.NEWEST, migration.OFFICIAL
for iso3 in ("TJK", "KGZ", "UZB", "KAZ"):
    frame = migration.remittances(iso3)
    at = frame[frame["year"] == 2024].set_index("vintage")
    nb.glue(f"{iso3.lower()}_pct_2024_new", at.loc[N, "pct_gdp"])
    nb.glue(f"{iso3.lower()}_pct_2024_off", at.loc[O, "pct_gdp"])
    nb.glue(f"{iso3.lower()}_usd_2024", at.loc[N, "usd_bn"])
tjk = migration.remittances("TJK").set_index(["year", "vintage"])
nb.glue("tjk_pct_2022_new", tjk.loc[(2022, N), "pct_gdp"])
nb.glue("tjk_pct_2023_new", tjk.loc[(2023, N), "pct_gdp"])
tkm = migration.remittances("TKM")
nb.glue("tkm_n_years", tkm["year"].nunique())
nb.glue("tkm_last_year", int(tkm["year"].max()))
nb.glue("tkm_usd_m", tkm["usd_bn"].max() * 1000)
"""),
    ("md", """
## Remittances as a share of GDP

In Tajikistan, personal remittances
received were {glue:text}`tjk_pct_2024_new:.1f`% of GDP in 2024 in the newest World Bank data
({glue:text}`tjk_pct_2024_off:.1f`% in the official release of about 2025), after
{glue:text}`tjk_pct_2022_new:.1f`% in 2022 and {glue:text}`tjk_pct_2023_new:.1f`% in 2023.
Kyrgyzstan follows with {glue:text}`kgz_pct_2024_new:.1f`% (official release:
{glue:text}`kgz_pct_2024_off:.1f`%), then Uzbekistan with {glue:text}`uzb_pct_2024_new:.1f`%
({glue:text}`uzb_pct_2024_off:.1f`%). For Kazakhstan, an oil exporter, remittances are negligible at
{glue:text}`kaz_pct_2024_new:.2f`% of GDP.

**Turkmenistan is missing.** It reports almost no balance-of-payments data to the World Bank or the
IMF: the series holds {glue:text}`tkm_n_years:d` value, for {glue:text}`tkm_last_year:d`
(US$ {glue:text}`tkm_usd_m:.1f` million). No line can be drawn for it.

Solid lines are the newest vintage (remittances divided by GDP, both as refreshed on 1 July 2026);
dashed lines are the official World Bank series as released in about 2025. Where they cannot be told
apart, the two releases agree.
"""),
    ("code-hidden", "nb.show(migration.pct_gdp_chart_ca5(start=2000))"),
    ("code-hidden", """
nb.table(migration.latest_table(), caption="Remittances in the latest year with data, both vintages "
         "(% of GDP) and US$ bn (newest vintage). Source: World Bank, WDI.")
"""),
    ("md", """
## Remittances in US dollars

In dollars the ranking changes: Uzbekistan, with a much larger economy, received the most,
US$ {glue:text}`uzb_usd_2024:.1f` bn in 2024, against US$ {glue:text}`tjk_usd_2024:.1f` bn for
Tajikistan, US$ {glue:text}`kgz_usd_2024:.1f` bn for Kyrgyzstan and US$ {glue:text}`kaz_usd_2024:.2f` bn
for Kazakhstan. Tajikistan's and Uzbekistan's receipts jumped in 2022; the data show the
jump but not its causes.
"""),
    ("code-hidden", "nb.show(migration.usd_chart_ca5(start=2000))"),
    ("code-hidden", """
stock = migration.stock_in_russia_all()
at = stock.set_index(["iso3", "year"])["stock"] / 1e3
for iso3 in ("KAZ", "KGZ", "TJK", "TKM", "UZB"):
    nb.glue(f"{iso3.lower()}_stock_2024_k", at.loc[(iso3, 2024)])
nb.glue("kaz_stock_1990_k", at.loc[("KAZ", 1990)])
uzb = stock[stock["iso3"] == "UZB"].set_index("year")["stock"] / 1e3
nb.glue("uzb_stock_peak_k", uzb.max())
nb.glue("uzb_stock_peak_year", int(uzb.idxmax()))
nb.glue("ca5_stock_2024_k", at.xs(2024, level="year").sum())
"""),
    ("md", """
## People born in Central Asia living in Russia

The UN counts people living in Russia by their country of birth. In 2024 (a projection) that was
{glue:text}`kaz_stock_2024_k:,.0f` thousand born in Kazakhstan, {glue:text}`uzb_stock_2024_k:,.0f`
thousand born in Uzbekistan, {glue:text}`tjk_stock_2024_k:,.0f` thousand in Tajikistan,
{glue:text}`kgz_stock_2024_k:,.0f` thousand in Kyrgyzstan and {glue:text}`tkm_stock_2024_k:,.0f`
thousand in Turkmenistan: {glue:text}`ca5_stock_2024_k:,.0f` thousand in all. The Kazakhstan-born
figure has fallen from {glue:text}`kaz_stock_1990_k:,.0f` thousand in 1990; the Uzbekistan-born
figure peaked at {glue:text}`uzb_stock_peak_k:,.0f` thousand in {glue:text}`uzb_stock_peak_year:d`.

```{note}
This is a **stock of foreign-born people**, anchored on Russian censuses and extrapolated. It is not
a count of labour migrants, nor of yearly flows: seasonal workers are mostly missing, and the large
Kazakhstan-born figure includes ethnic Russians born in the Kazakh SSR. The 2024 values are
projections.
```
"""),
    ("code-hidden", "nb.show(migration.stock_chart())"),
    ("code-hidden", """
nb.table(migration.stock_table(), digits=0,
         caption="People living in Russia by country of birth, thousands (UN DESA International Migrant Stock 2024).")
"""),
    ("code-hidden", """
shares = migration.russia_shares().set_index("iso3")["russia_share"]
for iso3 in ("KAZ", "KGZ", "TJK", "UZB", "TKM"):
    nb.glue(f"{iso3.lower()}_ru_share", shares[iso3])
nb.glue("tkm_knomad_total_m", migration.russia_shares().set_index("iso3").loc["TKM", "total_usd_million"])
tjk_sources = migration.remittance_sources("TJK", n=5)
nb.glue("tjk_second_sender_share", tjk_sources["share"].iloc[1])
nb.glue("tjk_second_sender", str(tjk_sources["sender"].iloc[1]))
"""),
    ("md", """
## How much of the money comes from Russia

The World Bank/KNOMAD bilateral remittance matrix for 2021 splits each country's receipts across
sending countries. By that estimate Russia sent {glue:text}`tjk_ru_share:.0%` of Tajikistan's
remittances, {glue:text}`kgz_ru_share:.0%` of Kyrgyzstan's and {glue:text}`kaz_ru_share:.0%` of
Kazakhstan's. Tajikistan's second source, {glue:text}`tjk_second_sender:s`, is far behind at
{glue:text}`tjk_second_sender_share:.1%`.

```{warning}
These are **model-based allocations**, not recorded transfers: each receiver's total is divided among
senders in proportion to migrant stocks and incomes. The matrix assigns the whole of Uzbekistan's
inflow to Russia ({glue:text}`uzb_ru_share:.0%`), an artefact of the model rather than a measurement;
Turkmenistan's {glue:text}`tkm_ru_share:.0%` is of a total of only US$ {glue:text}`tkm_knomad_total_m:.2f` million.
There is no year after 2021, and the Central Bank of Russia's own country breakdown was not available.
```
"""),
    ("code-hidden", "nb.show(migration.russia_share_chart())"),
    ("code-hidden", """
nb.table(migration.russia_shares().drop(columns="iso3"),
         caption="Remittances received in 2021, US$ million, and Russia's share (World Bank/KNOMAD model estimate).")
for iso3 in ("TJK", "KGZ"):
    nb.table(migration.remittance_sources(iso3, n=5),
             caption=f"Five largest senders of remittances to {short_name(iso3)}, 2021: US$ million "
             "and share of the total (KNOMAD model estimate).")
"""),
    ("code-hidden", """
diffs = migration.vintage_differences()
nb.glue("n_vintage_diffs", len(diffs))
nb.glue("uzb_max_vintage_diff", diffs.loc[diffs["iso3"] == "UZB", "difference"].abs().max())
nb.glue("tjk_2024_vintage_diff", diffs.loc[(diffs["iso3"] == "TJK") & (diffs["year"] == 2024), "difference"].iloc[0])
"""),
    ("md", """
## Where the two World Bank vintages differ

The World Bank revises remittance and GDP figures between releases. This book keeps both: the
official "% of GDP" series as released in about 2025, and the same ratio computed from the newest
remittance and GDP series (refreshed 1 July 2026). They differ in {glue:text}`n_vintage_diffs:d`
country-years for the five. Every Uzbek year is affected because GDP was revised (by up to
{glue:text}`uzb_max_vintage_diff:.2f` percentage points); Tajikistan's 2024 value moves by
{glue:text}`tjk_2024_vintage_diff:+.2f` points; Kyrgyzstan's 2022-2024 values move slightly. No
verdict in this book turns on the choice: where a claim uses the ratio, both vintages are checked.
"""),
    ("code-hidden", """
nb.table(migration.vintage_differences().drop(columns="iso3"),
         caption="Remittances, % of GDP: official WDI release c. 2025 vs newest (computed) vintage; "
         "difference in percentage points (newest − official). Only years that differ by more than 0.005.")
"""),
    ("md", "## Claims settled here"),
    ("code-hidden", "nb.claims_section(theme='migration')"),
]
