# Theme chapter: sanctions and re-exports (EU exports to Russia's neighbours; mirror gaps).
CELLS = [
    ("md", """# Sanctions and re-exports

**What this shows.** How EU exports to Russia and to four of its neighbours (Kazakhstan,
Kyrgyzstan, Uzbekistan and Armenia) moved before and after the sanctions of February 2022,
month by month and year on year; how far what China records exporting to Kyrgyzstan,
Kazakhstan and Uzbekistan exceeds what those countries record importing from China; and what
all-goods trade totals cannot show. All figures are totals over all goods: the book has no
product detail."""),
    ("code-hidden", """from cautils import nb
from cautils.analysis import sanctions
from cautils.countries import short_name

nb.setup()
PARTNERS = ["RUS", "KAZ", "KGZ", "UZB", "ARM"]
MIRROR = ["KGZ", "KAZ", "UZB"]"""),
    ("md", "## EU exports, indexed to 2021"),
    ("code-hidden", """by_year = sanctions.index_by_year(PARTNERS, base_year=2021)
for iso3 in PARTNERS:
    for year in (2022, 2023):
        nb.glue(f"sa_index_{iso3.lower()}_{year}", float(by_year.loc[iso3, year]))
monthly = sanctions.eu_exports_monthly(PARTNERS)
last = monthly["date"].max()
nb.glue("sa_months_last_year", int((monthly[monthly["iso3"] == "RUS"]["date"].dt.year == last.year).sum()))
nb.glue("sa_base_check", float(by_year[2021].mean()))"""),
    ("md", """Each series is divided by its own average month of 2021 and multiplied by 100, so every
line averages {glue:text}`sa_base_check:.0f` in 2021 and the lines can be compared whatever
their size (EU exports to Russia were worth far more than those to the other four combined).
The scale is logarithmic: a halving and a doubling are the same distance from 100.

In 2023 EU exports to Russia averaged an index of {glue:text}`sa_index_rus_2023:.1f`, less
than half their 2021 level, after {glue:text}`sa_index_rus_2022:.1f` in 2022. Exports to
the neighbours went the other way: Kyrgyzstan reached {glue:text}`sa_index_kgz_2023:.0f`,
Armenia {glue:text}`sa_index_arm_2023:.0f`, Kazakhstan {glue:text}`sa_index_kaz_2023:.0f` and
Uzbekistan {glue:text}`sa_index_uzb_2023:.0f`. The turn comes in the spring of 2022, right
after the first sanctions packages; before that all five series moved together around 100.
The last year has only {glue:text}`sa_months_last_year:d` months of data."""),
    ("code-hidden", """nb.show(sanctions.eu_exports_chart(PARTNERS, base_year=2021))"""),
    ("code-hidden", """table = by_year.reset_index()
table.insert(1, "country", table["iso3"].map(lambda c: short_name(c)))
table.columns = [str(c) for c in table.columns]
nb.table(table, caption="EU exports, average monthly index by year (2021 = 100); Eurostat, all goods, EUR", digits=1)"""),
    ("md", "## Annual growth, 2021 to 2023"),
    ("code-hidden", """growth = sanctions.eu_exports_growth(PARTNERS, 2021, 2023)
g = growth.set_index("iso3")
for iso3 in PARTNERS:
    nb.glue(f"sa_growth_{iso3.lower()}", float(g.loc[iso3, "change (%)"]))
    nb.glue(f"sa_ratio_{iso3.lower()}", float(g.loc[iso3, "ratio"]))
    nb.glue(f"sa_eur_{iso3.lower()}_2021", float(g.loc[iso3, "2021 (EUR m)"]))
    nb.glue(f"sa_eur_{iso3.lower()}_2023", float(g.loc[iso3, "2023 (EUR m)"]))
nb.glue("sa_fall_rus", -float(g.loc["RUS", "change (%)"]))
neighbours = g.loc[["KAZ", "KGZ", "UZB", "ARM"]]
nb.glue("sa_neighbours_gain", float((neighbours["2023 (EUR m)"] - neighbours["2021 (EUR m)"]).sum()))
loss = float(g.loc["RUS", "2021 (EUR m)"] - g.loc["RUS", "2023 (EUR m)"])
gain = float((neighbours["2023 (EUR m)"] - neighbours["2021 (EUR m)"]).sum())
nb.glue("sa_russia_loss", loss)
nb.glue("sa_gain_share_of_loss", 100 * gain / loss)"""),
    ("md", """On Eurostat's annual totals, EU exports to Kazakhstan grew by
{glue:text}`sa_growth_kaz:.0f`% from 2021 to 2023 (from EUR
{glue:text}`sa_eur_kaz_2021:,.0f` million to EUR {glue:text}`sa_eur_kaz_2023:,.0f` million).
Exports to Kyrgyzstan were multiplied by {glue:text}`sa_ratio_kgz:.1f` (from EUR
{glue:text}`sa_eur_kgz_2021:,.0f` million to EUR {glue:text}`sa_eur_kgz_2023:,.0f` million),
those to Armenia grew by {glue:text}`sa_growth_arm:.0f`% and those to Uzbekistan by
{glue:text}`sa_growth_uzb:.0f`%, while exports to Russia fell by
{glue:text}`sa_fall_rus:.0f`%. The four neighbours together gained EUR
{glue:text}`sa_neighbours_gain:,.0f` million, equal to {glue:text}`sa_gain_share_of_loss:.0f`%
of the EUR {glue:text}`sa_russia_loss:,.0f` million drop in exports to Russia. The totals
cannot say how much of the gain went on to Russia; they do show that even if all of it did,
re-routing through these four would have replaced only part of the lost trade."""),
    ("code-hidden", """nb.table(growth.drop(columns=["ratio"]), caption="EU exports by destination, 2021 and 2023 (Eurostat annual totals, EUR million)", digits=0)"""),
    ("md", "## What China records exporting vs what its neighbours record importing"),
    ("code-hidden", """kgz = sanctions.ratio_summary("KGZ", "CHN", 1992, 2020)
nb.glue("sa_kgz_dots_min", kgz["min"])
nb.glue("sa_kgz_dots_median", kgz["median"])
nb.glue("sa_kgz_dots_max", kgz["max"])
nb.glue("sa_kgz_dots_years", kgz["years"])
nb.glue("sa_kgz_dots_above2", kgz["years_above_2"])
recent = sanctions.mirror_ratios(MIRROR, "CHN", from_year=2013)
for iso3 in MIRROR:
    nb.glue(f"sa_ratio_{iso3.lower()}_chn_2023", float(recent.loc[2023, iso3]))
    nb.glue(f"sa_ratio_{iso3.lower()}_chn_2019", float(recent.loc[2019, iso3]))
gap_kgz = sanctions.mirror_gap("KGZ", "CHN")
row = gap_kgz.set_index("year").loc[2023]
nb.glue("sa_kgz_own_2023", float(row["own_imports"]) / 1000)
nb.glue("sa_kgz_partner_2023", float(row["partner_exports"]) / 1000)"""),
    ("md", """A flow of goods from China to Kyrgyzstan is recorded twice: by China as an export and by
Kyrgyzstan as an import. The two records differ. In IMF DOTS, China's reported exports to
Kyrgyzstan were between {glue:text}`sa_kgz_dots_min:.1f` and
{glue:text}`sa_kgz_dots_max:.1f` times Kyrgyzstan's reported imports from China (median
{glue:text}`sa_kgz_dots_median:.1f`), and more than twice as large in
{glue:text}`sa_kgz_dots_above2:d` of the {glue:text}`sa_kgz_dots_years:d` years with both
figures. The gap did not open with the sanctions: it has been there since the 1990s. In 2023
Kyrgyzstan recorded US$ {glue:text}`sa_kgz_own_2023:.1f` billion of imports from China, while
BACI, which follows China's export report, has US$ {glue:text}`sa_kgz_partner_2023:.1f`
billion, a ratio of {glue:text}`sa_ratio_kgz_chn_2023:.1f`. For Kazakhstan the ratio was
{glue:text}`sa_ratio_kaz_chn_2023:.1f` in 2023, and for Uzbekistan
{glue:text}`sa_ratio_uzb_chn_2023:.1f`.

**Why the records differ.**

- *Valuation.* Exports are valued FOB (at the exporter's border), imports CIF (including
  freight and insurance to the importer's border). For a perfectly recorded flow the
  importer's figure should therefore be the *larger* one, by a few percent: a ratio somewhat
  below 1 is normal, and a ratio above 1 understates the recording gap.
- *Transit and re-exports.* Goods declared in China as exports to Kyrgyzstan may cross
  Kyrgyzstan and be sold on to Kazakhstan, Uzbekistan or Russia, without being recorded in
  full as Kyrgyz imports. This is the main explanation given for the Kyrgyz gap in the notes
  that accompany the trade data.
- *Under-declaration and timing.* Imports may be declared at lower values or quantities, and
  goods shipped in December may arrive in January.
- *Sources change in 2021.* To 2020 both sides come from IMF DOTS; for 2022-2023 the own side
  is the national statistics office and the partner side CEPII BACI, a reconciled dataset
  whose Kyrgyz figures follow China's reports. No partner figure is available for 2021, so
  that year is a gap. Uzbekistan's DOTS series for the 2000s is largely an IMF estimate, which
  is why the chart starts in 2005."""),
    ("code-hidden", """nb.show(sanctions.mirror_gap_chart(MIRROR, "CHN", from_year=2005))"""),
    ("code-hidden", """show = gap_kgz.assign(year=gap_kgz["year"].astype(str)).rename(columns={
    "own_imports": "Kyrgyz imports from China (US$ m)", "partner_exports": "China's exports to Kyrgyzstan (US$ m)",
    "own_source": "Kyrgyz figure from", "partner_source": "Chinese figure from"})
nb.table(show, caption="Kyrgyzstan: imports from China as Kyrgyzstan records them vs China's recorded exports (US$ million); ratio = China's figure ÷ Kyrgyz figure", digits=1)
ratios = sanctions.mirror_ratios(MIRROR, "CHN", from_year=2005).reset_index()
ratios.columns = ["year"] + [short_name(c) for c in MIRROR]
ratios["year"] = ratios["year"].astype(str)
nb.table(ratios, caption="China's recorded exports ÷ own recorded imports from China, by country (2021: no partner figure)", digits=2)"""),
    ("md", """## What all-goods totals cannot show

The trade tables in this book are totals over all goods: there is no breakdown by product
(no HS chapters or codes). They can therefore **not** show whether weapons, military parts or
dual-use items (electronics, machine tools, drones and their components) are among the goods
the EU sends to Kyrgyzstan, Kazakhstan or Armenia, nor whether any of them reach Russia.
Neither can they follow a consignment past its first destination: a Kyrgyz import of EU goods
and a Kyrgyz export to Russia are separate records that cannot be linked. Growth in EU
exports to Russia's neighbours, and the gap between Chinese and Kyrgyz records, are
consistent with re-routing, but they are also consistent with other causes (Western firms
moving regional operations, higher prices, transit of goods for local use). Settling claims
about weapons or sanctioned items would need product-level (HS6) data for the EU's exports
to these countries and for their exports to Russia, ideally on the EU's list of common
high-priority items."""),
    ("md", "## Claims settled here"),
    ("code-hidden", """nb.claims_section(theme="sanctions")"""),
]
