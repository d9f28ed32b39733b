# Theme chapter: UN General Assembly votes of the five, with Russia and China for reference.
CELLS = [
    ("md", "# UN votes"),
    ("code-hidden", """
from cautils import nb
from cautils.analysis import un_votes
from cautils.countries import CA5

nb.setup()
countries = list(CA5) + ["RUS", "CHN"]
"""),
    ("code-hidden", """
res = un_votes.ukraine_resolutions()
counts = un_votes.vote_counts(countries).set_index("iso3")
crimea = res.set_index("symbol").loc[un_votes.CRIMEA_SYMBOL]
nb.glue("n_ukraine", len(res))
nb.glue("n_es11", int((res["symbol"] != un_votes.CRIMEA_SYMBOL).sum()))
nb.glue("crimea_yes", int(crimea["yes"]))
nb.glue("crimea_no", int(crimea["no"]))
nb.glue("crimea_abstain", int(crimea["abstain"]))
for iso3 in countries:
    for vote in un_votes.VOTES:
        nb.glue(f"{iso3}_{vote}", int(counts.loc[iso3, vote]))
nb.glue("ca5_yes_total", int(counts.loc[list(CA5), "yes"].sum()))

# Facts the prose states in words: fail loudly if the data ever say otherwise.
grid = un_votes.ukraine_votes(countries).pivot(index="symbol", columns="iso3", values="vote")
for iso3 in ["KAZ", "KGZ", "TJK", "UZB"]:
    assert list(grid.index[grid[iso3] == "no"]) == ["A/RES/ES-11/3"], iso3
assert list(grid.index[grid["KGZ"] == "absent"]) == list(grid.index[grid["TJK"] == "absent"]) == [un_votes.CRIMEA_SYMBOL]
assert list(grid.index[grid["UZB"] == "absent"]) == ["A/RES/ES-11/1"]
assert list(grid.index[grid["CHN"] == "no"]) == ["A/RES/ES-11/3", "A/RES/ES-11/5"]
"""),
    ("md", """
## What this shows

How Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan voted in the UN General
Assembly on Russia's war against Ukraine, with Russia and China for reference; how often each
voted like Russia across all recorded votes since 1992; and whether the three sources behind
the vote tables agree where they overlap.

On the {glue:text}`n_ukraine:d` Ukraine resolutions (A/RES/68/262 of 2014 and the
{glue:text}`n_es11:d` resolutions of the eleventh emergency special session, 2022-2025) none
of the five ever voted yes ({glue:text}`ca5_yes_total:d` yes votes in all). Kazakhstan,
Kyrgyzstan, Tajikistan and Uzbekistan voted no on a single resolution, ES-11/3, which suspended
Russia from the Human Rights Council, and otherwise abstained or did not vote (Kazakhstan abstained
{glue:text}`KAZ_abstain:d` times). Turkmenistan did not vote on any of them
({glue:text}`TKM_absent:d` of {glue:text}`n_ukraine:d`).

```{admonition} Reading the vote tables
:class: note
- **Three sources, not one.** The UN Library's full voting file could not be obtained. The
  tables join three parts of different standing: **A**, Erik Voeten's academic compilation (to
  January 2020; A/RES/68/262 comes from it); **B**, the UN's own machine-readable resolutions
  (DGACM; sessions 74-80 and ES-11/1 to ES-11/6); **C**, a third-party (3DL) scrape of UN Digital
  Library voting records for 2025, the only source here for ES-11/7, ES-11/8 and ES-11/9. Each
  resolution comes from one part (B before A before C); the part is named in every table.
- **Absent versus non-voting.** "absent" means a member state that cast no vote. No source tells
  a delegation that was absent from one that was present and did not vote; Part A simply has no
  row for either.
- **Gaps.** Part A has no roll calls for January-September of 2016, 2018 and 2019, and Part B
  misses a few recorded votes of sessions 74 and 75. Votes on separate paragraphs and amendments
  are left out.
```
"""),
    ("md", """
## The Ukraine resolutions

A/RES/68/262 on the territorial integrity of Ukraine (Crimea, 27 March 2014) was adopted by
{glue:text}`crimea_yes:d` votes to {glue:text}`crimea_no:d`, with {glue:text}`crimea_abstain:d`
abstentions. Stated totals of the whole Assembly:
"""),
    ("code-hidden", """
nb.table(res.rename(columns={"source_part": "part"}), caption="Ukraine resolutions: stated vote totals of the General Assembly and the source part")
"""),
    ("code-hidden", "nb.show(un_votes.vote_chart(countries))"),
    ("code-hidden", """
nb.table(un_votes.vote_counts(countries).drop(columns="iso3"),
         caption="Votes of each country on the Ukraine resolutions (counts)")
"""),
    ("md", """
Kyrgyzstan and Tajikistan missed only the vote on A/RES/68/262, Uzbekistan only ES-11/1. China
voted no on ES-11/3 and ES-11/5 and abstained on the rest; Russia voted no on all
{glue:text}`RUS_no:d`.
"""),
    ("code-hidden", """
agree = un_votes.agreement_with_russia(tuple(CA5) + ("CHN",), start=1992)
periods = list(dict.fromkeys(agree["period"]))
latest = agree[agree["period"] == periods[-1]].set_index(["iso3", "rule"])
for iso3 in list(CA5) + ["CHN"]:
    for rule in un_votes.ABSENT_RULES:
        nb.glue(f"agree_{iso3}_{rule}", latest.loc[(iso3, rule), "share"])
        nb.glue(f"agree_{iso3}_{rule}_n", int(latest.loc[(iso3, rule), "n"]))
first = agree[agree["period"] == periods[0]].set_index(["iso3", "rule"])
nb.glue("agree_TKM_drop_first", first.loc[("TKM", "drop"), "share"])
nb.glue("agree_TKM_disagree_first", first.loc[("TKM", "disagree"), "share"])
nb.glue("last_period", periods[-1])
nb.glue("last_vote_date", un_votes.votes()["date"].max())
"""),
    ("md", """
## Agreement with Russia since 1992

For every recorded vote since 1992 (all topics, not only Ukraine), the share of resolutions on
which the country cast the same vote as Russia, by five-year period. The five joined the UN on
2 March 1992; earlier votes that year have no row for them. The last period,
{glue:text}`last_period:s`, runs only to {glue:text}`last_vote_date:s`.

Absences change the measure, so it is shown both ways:

- **absences left out** (solid): only resolutions on which both the country and Russia cast yes,
  no or abstain are compared;
- **absences kept** (dashed): every resolution counts, and an absence, on either side, never
  counts as agreement.

The gap between the two lines is a measure of how often a country stayed away. For Turkmenistan
in {glue:text}`last_period:s`, {glue:text}`agree_TKM_drop:.0%` of the
{glue:text}`agree_TKM_drop_n:d` votes it cast matched Russia's, but only
{glue:text}`agree_TKM_disagree:.0%` of all {glue:text}`agree_TKM_disagree_n:d` resolutions; in
1992-1996 the two readings were {glue:text}`agree_TKM_drop_first:.0%` and
{glue:text}`agree_TKM_disagree_first:.0%`. Kazakhstan, which seldom misses a vote, reads
{glue:text}`agree_KAZ_drop:.0%` or {glue:text}`agree_KAZ_disagree:.0%`; China, for reference,
{glue:text}`agree_CHN_drop:.0%` or {glue:text}`agree_CHN_disagree:.0%`.
"""),
    ("code-hidden", "nb.show(un_votes.agreement_chart(agree))"),
    ("code-hidden", """
wide = un_votes.agreement_wide(agree)
wide["rule"] = wide["rule"].map({"drop": "absences left out", "disagree": "absences kept"})
wide[periods] = wide[periods] * 100
nb.table(wide, caption="Share (%) of recorded GA votes cast like Russia, by five-year period and treatment of absences", digits=1)
"""),
    ("code-hidden", """
summary = un_votes.source_agreement_summary()
nb.glue("xs_rows", int(summary["country votes compared"].sum()))
nb.glue("xs_resolutions", int(summary["resolutions"].sum()))
nb.glue("xs_share", float(summary["agreeing"].sum() / summary["country votes compared"].sum()))
ab = summary.set_index("parts compared")
nb.glue("xs_ab_res", int(ab.loc["A and B", "resolutions"]))
nb.glue("xs_bc_res", int(ab.loc["B and C", "resolutions"]))
"""),
    ("md", """
## Do the three sources agree?

Where two parts cover the same resolutions (A and B for October 2019 to January 2020, B and C
for 2025), the votes of the five, Russia and China were compared one by one, with "absent" as a vote of its
own. Across {glue:text}`xs_resolutions:d` resolutions ({glue:text}`xs_ab_res:d` in A and B,
{glue:text}`xs_bc_res:d` in B and C) and {glue:text}`xs_rows:,d` country votes,
{glue:text}`xs_share:.1%` agree. The tables keep one part per resolution; the check supports
treating the parts as interchangeable where they overlap, not where only one part exists.
"""),
    ("code-hidden", """
nb.table(summary.assign(**{"share agreeing": summary["share agreeing"] * 100}).rename(
    columns={"share agreeing": "share agreeing (%)"}), caption="Cross-source check (unga_source_agreement): country votes compared where two parts overlap", digits=1)
nb.table(un_votes.coverage_by_part(1992), caption="Which part supplies the recorded votes since 1992 (one part per resolution)")
"""),
    ("md", """
Sources: Erik Voeten, "Data and Analyses of Voting in the UN General Assembly" (Harvard Dataverse
hdl:1902.1/12379, via the unvotes R package); United Nations, DGACM, machine-readable General
Assembly resolutions; UN Digital Library voting records (https://digitallibrary.un.org) as
extracted by the 3DL UNGA voting database. Calculations are the project's.
"""),
    ("md", "## Claims settled here"),
    ("code-hidden", "nb.claims_section(theme='un_votes')"),
]
