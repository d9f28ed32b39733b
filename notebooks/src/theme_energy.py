"""Theme chapter: energy (natural gas), written to notebooks/theme_energy.ipynb."""

CELLS = [
    ("md", """
# Energy: natural gas

**What this shows.** Who sends pipeline gas to China (Turkmenistan, Russia, Kazakhstan, Uzbekistan),
how much gas Russia pipes to Kazakhstan and to the rest of the former Soviet south, how much gas the
Central Asian producers make and use, and what became of the Russian gas deliveries to Uzbekistan
announced in 2023-2024. Volumes come from the Energy Institute's *Statistical Review of World Energy*
(editions 2023-2025, data for 2022-2024); the Uzbek deliveries come from dated, sourced reports.

```{note}
Only **pipeline** gas is counted. Liquefied natural gas (LNG), which China also imports in large
volumes by sea, is not in the tables used here, so "largest supplier" below means largest pipeline
supplier.
```
"""),
    ("code-hidden", """
from cautils import nb
from cautils.analysis import energy
nb.setup()
"""),
    ("code-hidden", """
china = energy.gas_exports_to_china().set_index(["year", "exporter_iso3"])["bcm"]
for year in (2022, 2023, 2024):
    for iso3 in ("TKM", "RUS", "KAZ", "UZB"):
        nb.glue(f"{iso3.lower()}_chn_{year}", china[(year, iso3)])
total = energy.china_pipeline_total().set_index("year")["bcm"]
nb.glue("chn_pipe_2022", total[2022])
nb.glue("chn_pipe_2024", total[2024])
nb.glue("tkm_chn_share_2024", china[(2024, "TKM")] / total[2024])
nb.glue("tkm_chn_share_2022", china[(2022, "TKM")] / total[2022])
nb.glue("rus_chn_growth", china[(2024, "RUS")] / china[(2022, "RUS")])
longrun = energy.china_longrun().set_index(["year", "origin"])["bcm"]
nb.glue("ca_chn_2024", longrun[(2024, "Central Asia")])
nb.glue("ca_chn_peak", longrun.xs("Central Asia", level="origin").max())
nb.glue("ca_chn_peak_year", int(longrun.xs("Central Asia", level="origin").idxmax()))
"""),
    ("md", """
## Pipeline gas to China

Turkmenistan remains China's largest pipeline supplier in each of the three years: 
{glue:text}`tkm_chn_2022:.1f` bcm in 2022, {glue:text}`tkm_chn_2023:.1f` bcm in 2023 and
{glue:text}`tkm_chn_2024:.1f` bcm in 2024. Russia, through Power of Siberia, is closing the gap:
{glue:text}`rus_chn_2022:.1f` bcm in 2022, {glue:text}`rus_chn_2023:.1f` in 2023 and
{glue:text}`rus_chn_2024:.1f` in 2024, {glue:text}`rus_chn_growth:.1f` times the 2022 volume.
Turkmenistan's share of China's pipeline imports fell from {glue:text}`tkm_chn_share_2022:.0%` to
{glue:text}`tkm_chn_share_2024:.0%` as the total rose from {glue:text}`chn_pipe_2022:.1f` to
{glue:text}`chn_pipe_2024:.1f` bcm. Kazakhstan ({glue:text}`kaz_chn_2024:.1f` bcm in 2024) and
Uzbekistan ({glue:text}`uzb_chn_2024:.1f` bcm) are small suppliers; Uzbekistan's exports halved in 2023
({glue:text}`uzb_chn_2023:.1f` bcm).
"""),
    ("code-hidden", "nb.show(energy.china_imports_chart())"),
    ("code-hidden", """
nb.table(energy.china_supplier_table(),
         caption="China's pipeline gas imports by exporter, bcm, and Turkmenistan's share of the total. "
         "Source: EI Statistical Review (2022: 2023 edition, rounded to 0.1 bcm; 2023: 2024 edition; "
         "2024: 2025 edition).")
"""),
    ("md", """
Over a longer run, the 2025 edition's inter-regional table shows China's pipeline imports from
Central Asia (Turkmenistan, Kazakhstan and Uzbekistan together, which EI calls "Other CIS" in that
table) and from Russia. Central Asian supply peaked at {glue:text}`ca_chn_peak:.1f` bcm in
{glue:text}`ca_chn_peak_year:d` and stood at {glue:text}`ca_chn_2024:.1f` bcm in 2024; Russian
pipeline gas only began to flow at the end of 2019.
"""),
    ("code-hidden", "nb.show(energy.china_longrun_chart())"),
    ("code-hidden", """
values = energy.china_gas_values(2022).set_index("exporter")
nb.glue("tkm_chn_usd_2022", values.loc["Turkmenistan", "usd_bn"])
nb.glue("tkm_price_2022", values.loc["Turkmenistan", "usd_per_1000m3"])
nb.glue("rus_price_2022", values.loc["Russia", "usd_per_1000m3"])
"""),
    ("md", """
China's customs (as quoted in the press) valued the 2022 pipeline imports from Turkmenistan at
US$ {glue:text}`tkm_chn_usd_2022:.2f` bn. Divided by EI's volumes, that is about
US$ {glue:text}`tkm_price_2022:,.0f` per thousand cubic metres, against about
US$ {glue:text}`rus_price_2022:,.0f` for Russian gas. These implied prices mix two sources and should
be read as rough averages.
"""),
    ("code-hidden", """
nb.table(energy.china_gas_values(2022).drop(columns="url"), digits=2,
         caption="Value of China's 2022 pipeline gas imports (GACC, as quoted in the press), EI volumes, "
         "and the implied average price (US$ per 1,000 m³).")
"""),
    ("code-hidden", """
cis = energy.russia_to_cis().set_index(["year", "importer"])["bcm"]
for year in (2022, 2023, 2024):
    nb.glue(f"rus_ocis_{year}", cis[(year, "Other CIS")])
    nb.glue(f"rus_kaz_{year}", cis[(year, "Kazakhstan")])
nb.glue("rus_blr_2024", cis[(2024, "Belarus")])
"""),
    ("md", """
## Russian gas to Kazakhstan and to "Other CIS"

In EI's bilateral table, Russia's pipeline exports to "Other CIS" rose from
{glue:text}`rus_ocis_2022:.1f` bcm in 2022 to {glue:text}`rus_ocis_2023:.1f` bcm in 2023 and
{glue:text}`rus_ocis_2024:.1f` bcm in 2024. Exports to Kazakhstan fell from
{glue:text}`rus_kaz_2022:.1f` bcm to {glue:text}`rus_kaz_2023:.2f` bcm in 2023 and
{glue:text}`rus_kaz_2024:.2f` bcm in 2024. Belarus, for comparison, took {glue:text}`rus_blr_2024:.1f`
bcm in 2024.

```{warning}
**"Other CIS" means two different things in EI's tables.** In the bilateral pipeline table used here
it is the CIS *excluding Belarus, Kazakhstan and Russia*: Uzbekistan, Kyrgyzstan and Tajikistan are
all inside it and cannot be separated, so Russia's flow to Uzbekistan cannot be read from EI. In the
inter-regional table used in the chart above it is *all CIS except Russia*.
```
"""),
    ("code-hidden", """
nb.table(energy.russia_to_cis_table(),
         caption="Russia's pipeline gas exports to CIS importers, bcm (EI Statistical Review, 2023-2025 editions).")
"""),
    ("code-hidden", """
table = energy.ca5_gas_table(2024).set_index("country")
nb.glue("tkm_prod_2024", table.loc["Turkmenistan", "production"])
nb.glue("tkm_cons_2024", table.loc["Turkmenistan", "consumption"])
nb.glue("tkm_surplus_2024", table.loc["Turkmenistan", "surplus"])
nb.glue("kaz_prod_2024", table.loc["Kazakhstan", "production"])
nb.glue("kaz_cons_2024", table.loc["Kazakhstan", "consumption"])
nb.glue("uzb_prod_2024", table.loc["Uzbekistan", "production"])
nb.glue("uzb_cons_2024", table.loc["Uzbekistan", "consumption"])
nb.glue("uzb_deficit_2024", -table.loc["Uzbekistan", "surplus"])
uzb = energy.country_gas("UZB").pivot_table(index="year", columns="measure", values="bcm")
nb.glue("uzb_prod_peak", uzb["production"].max())
nb.glue("uzb_prod_peak_year", int(uzb["production"].idxmax()))
"""),
    ("md", """
## Production and consumption

Turkmenistan produced {glue:text}`tkm_prod_2024:.1f` bcm in 2024 and used
{glue:text}`tkm_cons_2024:.1f` bcm, a surplus of {glue:text}`tkm_surplus_2024:.1f` bcm.
Kazakhstan produced {glue:text}`kaz_prod_2024:.1f` bcm and used {glue:text}`kaz_cons_2024:.1f` bcm.
Uzbekistan now uses more gas than it produces: its output has fallen from a peak of
{glue:text}`uzb_prod_peak:.1f` bcm in {glue:text}`uzb_prod_peak_year:d` to
{glue:text}`uzb_prod_2024:.1f` bcm in 2024, while it used {glue:text}`uzb_cons_2024:.1f` bcm, a gap of
{glue:text}`uzb_deficit_2024:.1f` bcm. The red bars are pipeline exports to China (2022-2024).
Kyrgyzstan and Tajikistan are not shown separately by EI.
"""),
    ("code-hidden", "nb.show(energy.ca5_gas_chart(start=1990))"),
    ("code-hidden", """
nb.table(energy.ca5_gas_table(2024),
         caption="Natural gas in 2024, bcm: production, consumption, surplus (production minus consumption) "
         "and pipeline exports to China. Kyrgyzstan and Tajikistan are inside EI's 'Other CIS'. Source: EI.")
"""),
    ("code-hidden", """
uz = energy.uzbekistan_russian_gas().set_index("event_id")["value"]
nb.glue("uzb_ru_contract", uz["uzb_ru_gas_start_2023"])
nb.glue("uzb_ru_2023", uz["uzb_ru_gas_2023_volume"])
nb.glue("uzb_ru_2024_planned", uz["uzb_ru_gas_2024_planned"])
nb.glue("uzb_ru_2024_actual", uz["uzb_ru_gas_2024_actual"])
nb.glue("uzb_ru_2025_target", uz["uzb_ru_gas_2025_target"])
nb.glue("uzb_ru_2025_growth", uz["uzb_ru_gas_2025_growth"])
nb.glue("uzb_ru_2024_vs_plan", uz["uzb_ru_gas_2024_actual"] / uz["uzb_ru_gas_2024_planned"])
nb.glue("uzb_ru_2024_vs_2023", uz["uzb_ru_gas_2024_actual"] / uz["uzb_ru_gas_2023_volume"])
"""),
    ("md", """
## Russian gas to Uzbekistan: planned and delivered

Russian gas began to reach Uzbekistan through Kazakhstan and the Central Asia-Center pipeline in
October 2023, under a contract for {glue:text}`uzb_ru_contract:.1f` bcm a year. Gazprom delivered
{glue:text}`uzb_ru_2023:.2f` bcm in 2023. For 2024, {glue:text}`uzb_ru_2024_planned:.1f` bcm was
announced at Putin's Tashkent visit in May 2024, but Gazprom reported
{glue:text}`uzb_ru_2024_actual:.2f` bcm delivered: {glue:text}`uzb_ru_2024_vs_plan:.1f` times the plan
and {glue:text}`uzb_ru_2024_vs_2023:.1f` times the 2023 volume. Putin spoke of raising deliveries to
{glue:text}`uzb_ru_2025_target:.0f` bcm in 2025; Gazprom has reported only a growth of
{glue:text}`uzb_ru_2025_growth:.0f`% for 2025 (for Kazakhstan, Uzbekistan and Kyrgyzstan together),
with no volume. The grey diamonds are EI's Russia to "Other CIS" flow, an upper bound for Uzbekistan
since it also includes Kyrgyzstan and Tajikistan.
"""),
    ("code-hidden", "nb.show(energy.uzbekistan_gas_chart())"),
    ("code-hidden", """
nb.table(energy.uzbekistan_gas_table(),
         caption="Russian gas to Uzbekistan: curated, dated reports with their sources.")
"""),
    ("md", "## Claims settled here"),
    ("code-hidden", "nb.claims_section(theme='energy')"),
]
