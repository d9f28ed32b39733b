# Theme chapter: arms transfers to the five (SIPRI) and their military expenditure.
from cautils.countries import CA5, short_name

_COUNTRY_CELLS = []
for _iso3 in CA5:
    _COUNTRY_CELLS += [
        ("md", f"### {short_name(_iso3)}"),
        ("code-hidden", f"nb.show(arms.supplier_chart({_iso3!r}, release=release))"),
    ]

CELLS = [
    ("md", "# Arms transfers"),
    ("params", "release = 2026"),
    ("code-hidden", """
from cautils import nb
from cautils.analysis import arms
from cautils.countries import CA5

nb.setup()
last = arms.RELEASE_LAST_YEAR[release]


def as_pct(frame, columns):
    # shares (fractions) as percentages for display
    return frame.assign(**{c: frame[c] * 100 for c in columns})
"""),
    ("code-hidden", """
region = arms.region_shares_by_period(release)
share = region.set_index(["supplier_iso3", "period"])["share"]
periods = list(dict.fromkeys(region["period"]))
nb.glue("rus_share_first", share["RUS", periods[0]])
nb.glue("rus_share_2002", share["RUS", "2002-2006"])
nb.glue("rus_share_2012", share["RUS", "2012-2016"])
nb.glue("rus_share_last", share["RUS", periods[-1]])
nb.glue("chn_share_2012", share["CHN", "2012-2016"])
nb.glue("chn_share_2017", share["CHN", "2017-2021"])
nb.glue("chn_share_last", share["CHN", periods[-1]])
nb.glue("chn_first_period_with_share", next(p for p in periods if share["CHN", p] > 0), display_value=False)
nb.glue("chn_share_2005_2011", arms.supplier_share(CA5, "CHN", 2005, 2011, release))
nb.glue("chn_share_2015_2021", arms.supplier_share(CA5, "CHN", 2015, 2021, release))
nb.glue("last_period_years", periods[-1])
"""),
    ("md", """
## What this shows

Which countries supplied the five Central Asian states with major conventional arms since
independence, how Russia's and China's shares of the region's arms imports changed, how much
those numbers move between SIPRI's annual releases, and what SIPRI's military-expenditure data
say (and do not say) about the five.

Russia supplied {glue:text}`rus_share_first:.0%` of the TIV delivered to the five in 1992-1996 and
{glue:text}`rus_share_last:.0%` in {glue:text}`last_period_years:s`. China appears as a supplier
only from {glue:text}`chn_first_period_with_share:s`: its share was {glue:text}`chn_share_2012:.1%`
in 2012-2016, {glue:text}`chn_share_2017:.1%` in 2017-2021 and {glue:text}`chn_share_last:.1%` in
{glue:text}`last_period_years:s`.

```{admonition} Reading SIPRI's numbers
:class: note
- **TIV is volume, not value.** The SIPRI trend-indicator value (TIV, millions) measures the
  volume of *major conventional arms* from unit production costs; it is not the price paid. Small
  arms, most ammunition, trucks and light equipment are outside SIPRI's scope.
- **Releases differ.** SIPRI revises the whole series every year. Every number here comes from
  one release; releases are never added together. The charts use the 2026 release.
- **The 2026 release is split equally.** Its trade register gives each deal's total delivered
  TIV and the list of delivery years, not annual values. The project spreads the total equally
  over the listed years: an estimate, not SIPRI's annual figure. The 2024 and 2025 releases give
  exact annual values.
- **Periods, not years.** Deliveries are lumpy, so the chapter sums five-year periods, as SIPRI
  does. The last period of the 2026 release is four years long.
- Sums, shares and periods are the project's calculations, not SIPRI's.
```
"""),
    ("md", """
## Who supplied each of the five

TIV delivered to each country per five-year period, by supplier (2026 release). The six largest
suppliers over the whole span are shown; the rest are grouped as "other". Empty bars are periods
in which SIPRI records no delivery of major arms.
"""),
    *_COUNTRY_CELLS,
    ("code-hidden", """
top = arms.top_suppliers_table(last - 9, last, release, n=3)
nb.table(as_pct(top, ["share"]).rename(columns={"tiv": "TIV (millions)", "share": "share (%)"}), digits=1,
         caption=f"The three largest suppliers of each country, {last - 9}-{last} (SIPRI TIV, {release} release; share of all TIV the country received)")
"""),
    ("md", """
## Russia's and China's shares of the region's arms imports

The five taken together: each supplier's share of all TIV delivered to them in the period.
Kazakhstan, the largest importer, weighs most in these shares.
"""),
    ("code-hidden", "nb.show(arms.region_share_chart(release))"),
    ("code-hidden", """
wide = region.pivot_table(index="supplier", columns="period", values="share", sort=False).reset_index()
wide.columns.name = None
nb.table(as_pct(wide, periods), caption=f"Share (%) of the TIV delivered to the five, by period ({release} release)", digits=1)
"""),
    ("md", """
On the windows the ledger uses for claim A22, China's share was {glue:text}`chn_share_2005_2011:.1%`
in 2005-2011 and {glue:text}`chn_share_2015_2021:.1%` in 2015-2021.
"""),
    ("code-hidden", """
cmp = arms.release_comparison("TKM", "CHN", start=2013)
by_release = cmp.set_index("release")
for r in arms.RELEASES:
    nb.glue(f"tkm_chn_{r}_common", by_release.loc[r, "share"])
    nb.glue(f"tkm_chn_{r}_full", by_release.loc[r, "share_full"])
    nb.glue(f"tkm_chn_{r}_window", by_release.loc[r, "window_full"])
nb.glue("tkm_chn_2026_from2014", arms.supplier_share("TKM", "CHN", 2014, arms.RELEASE_LAST_YEAR[2026], 2026))
nb.glue("b36_threshold", 0.20)
nb.glue("tkm_chn_range_pp", (cmp["share_full"].max() - cmp["share_full"].min()) * 100)
matrix = arms.release_matrix(start=2013)
biggest = matrix.sort_values("range_pp", ascending=False).iloc[0]
assert biggest["recipient"] == "Kyrgyzstan", "the prose below explains the largest move by Kyrgyzstan's small totals"
nb.glue("n_pairs", len(matrix))
nb.glue("n_pairs_under_1pp", int((matrix["range_pp"] < 1).sum()))
nb.glue("biggest_move_pair", f"{biggest['supplier']}'s share of {biggest['recipient']}'s imports")
nb.glue("biggest_move_2024", biggest["2024 release"])
nb.glue("biggest_move_2026", biggest["2026 release"])
nb.glue("biggest_move_pp", biggest["range_pp"])
totals = arms.release_totals(start=1992)
kgz = totals.set_index("recipient").loc["Kyrgyzstan"]
nb.glue("kgz_total_2024", kgz["2024 release"])
nb.glue("kgz_total_2026", kgz["2026 release"])
"""),
    ("md", """
## How much the numbers move between releases

Claim B36 says China supplied "over 20%" of Turkmenistan's arms since 2013. The answer sits on
that threshold, so small revisions matter. China's share of the TIV delivered to Turkmenistan from
2013 to each release's last year is {glue:text}`tkm_chn_2024_full:.2%` in the 2024 release
({glue:text}`tkm_chn_2024_window:s`), {glue:text}`tkm_chn_2025_full:.2%` in the 2025 release
({glue:text}`tkm_chn_2025_window:s`) and {glue:text}`tkm_chn_2026_full:.2%` in the 2026 release
({glue:text}`tkm_chn_2026_window:s`): a spread of {glue:text}`tkm_chn_range_pp:.2f` percentage
points. All three fall just short of the threshold; rounded to one decimal the 2024 release would
read as exactly {glue:text}`b36_threshold:.1%`. Over the same years in all three releases (2013-2023) the shares are
{glue:text}`tkm_chn_2024_common:.2%`, {glue:text}`tkm_chn_2025_common:.2%` and
{glue:text}`tkm_chn_2026_common:.2%`, so the movement comes from revisions, not from the added
years. The choice of window matters more than the release: counted from 2014, the 2026 release
gives China {glue:text}`tkm_chn_2026_from2014:.1%`.
"""),
    ("code-hidden", """
nb.table(as_pct(cmp, ["share", "share_full"]).astype({"release": str}).rename(columns={
    "window": "same years", "share": "China's share, % (same years)", "window_full": "release's own window",
    "share_full": "China's share, % (own window)", "tiv_total_full": "total TIV (own window)"}),
         caption="China's share of Turkmenistan's major arms imports since 2013, by SIPRI release", digits=2)
"""),
    ("md", """
The same comparison for Russia and China and each of the five, over 2013-2023 (the years all
three releases cover). Of the {glue:text}`n_pairs:d` shares, {glue:text}`n_pairs_under_1pp:d` move
by less than a percentage point between releases; the largest move is
{glue:text}`biggest_move_pair:s`, {glue:text}`biggest_move_2024:.1%` in the 2024 release against
{glue:text}`biggest_move_2026:.1%` in the 2026 release ({glue:text}`biggest_move_pp:.1f`
percentage points), because the small totals of Kyrgyzstan are sensitive to single deals added or
revalued: SIPRI's total for Kyrgyzstan over 1992-2023 grew from {glue:text}`kgz_total_2024:.1f` TIV
(2024 release) to {glue:text}`kgz_total_2026:.1f` (2026 release).
"""),
    ("code-hidden", """
nb.table(as_pct(matrix, [f"{r} release" for r in arms.RELEASES]).rename(columns={"range_pp": "largest gap (pp)"}),
         caption="Supplier shares (%) 2013-2023 in three SIPRI releases", digits=1)
nb.table(totals, caption="Total TIV delivered 1992-2023 per country, by SIPRI release", digits=1)
"""),
    ("code-hidden", """
check = arms.wdi_check(release=2024)
abs_diff = check["difference"].abs()
small_gap, big_gap = 2, 5
nb.glue("wdi_small_gap", small_gap)
nb.glue("wdi_big_gap", big_gap)
nb.glue("wdi_n", len(check))
nb.glue("wdi_within2", float((abs_diff <= small_gap).mean()))
nb.glue("wdi_median", float(abs_diff.median()))
nb.glue("wdi_first_big_gap", int(check.loc[abs_diff > big_gap, "year"].min()))
"""),
    ("md", """
**A cross-check.** The World Bank republishes SIPRI's arms-import TIV (WDI indicator
MS.MIL.MPRT.KD, an older SIPRI vintage with data to 2022, rounded to whole millions). Against the
annual sums of the 2024 release, {glue:text}`wdi_within2:.0%` of the {glue:text}`wdi_n:d`
country-years agree within {glue:text}`wdi_small_gap:d` TIV (median gap {glue:text}`wdi_median:.1f`). Every gap larger than {glue:text}`wdi_big_gap:d` TIV falls in
{glue:text}`wdi_first_big_gap:d` or later, the years most exposed to revision between vintages.
"""),
    ("code-hidden", """
cover = arms.milex_coverage("milex_share_of_gdp", end=2024)
latest = arms.milex_latest("milex_share_of_gdp").set_index("iso3")
for iso3 in CA5:
    nb.glue(f"milex_{iso3}_year", int(latest.loc[iso3, "year"]))
    nb.glue(f"milex_{iso3}_share", float(latest.loc[iso3, "value"]))
nb.glue("milex_missing_tkm", int(cover.set_index("country").loc["Turkmenistan", "years missing"]))
"""),
    ("md", """
## Military expenditure

SIPRI's military expenditure (2025 release, data to 2024) as a share of GDP. The gaps are SIPRI's:
Turkmenistan has values only for 1994-1999 (no value in {glue:text}`milex_missing_tkm:d` of the
years 1992-2024) and Uzbekistan only for 1994-2003 and 2018. The latest values are
Kazakhstan {glue:text}`milex_KAZ_share:.1%` ({glue:text}`milex_KAZ_year:d`), Kyrgyzstan
{glue:text}`milex_KGZ_share:.1%` ({glue:text}`milex_KGZ_year:d`), Tajikistan
{glue:text}`milex_TJK_share:.1%` ({glue:text}`milex_TJK_year:d`), Turkmenistan
{glue:text}`milex_TKM_share:.1%` ({glue:text}`milex_TKM_year:d`) and Uzbekistan
{glue:text}`milex_UZB_share:.1%` ({glue:text}`milex_UZB_year:d`). Tajikistan's shares for
1992-1994 are near zero in SIPRI's workbook and are shown as found. Many values are SIPRI estimates or marked highly uncertain (table below).
"""),
    ("code-hidden", 'nb.show(arms.milex_chart("milex_share_of_gdp"))'),
    ("code-hidden", """
nb.table(cover.astype({"first": str, "last": str}), caption="Years 1992-2024 with a SIPRI military-expenditure value (share of GDP), and how many are SIPRI estimates or highly uncertain")
"""),
    ("md", """
Sources: SIPRI Arms Transfers Database, https://www.sipri.org/databases/armstransfers (2024,
2025 and 2026 releases; information from the SIPRI Arms Transfers Database, calculations by the
project are not SIPRI's). SIPRI Military Expenditure Database 2025,
https://www.sipri.org/databases/milex. World Bank, World Development Indicators (MS.MIL.MPRT.KD).
"""),
    ("md", "## Claims settled here"),
    ("code-hidden", "nb.claims_section(theme='arms')"),
]
