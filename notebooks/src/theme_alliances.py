# Theme chapter: alliances and events (memberships, facilities, deployments, leaders' trips).
CELLS = [
    ("md", """# Alliances and events

**What this shows.** Which of the five Central Asian states belonged to the CSTO, SCO, EAEU,
CIS and UN at three dates; the Russian (and reported Chinese) military facilities in the
region and how firmly each is documented; the collective deployments, requests and refusals;
and how often Putin travelled to the region from 2020 to 2025, kept apart from his meetings
with the region's leaders held elsewhere, and Xi Jinping's visits to Kazakhstan. Every row
comes from the curated facts, each with its publisher, title and date; the full URL of each
source is in the curated tables and in the claim cards at the end."""),
    ("code-hidden", """from cautils import nb
from cautils.analysis import alliances
from cautils.countries import CA5

nb.setup()
FIVE = list(CA5)
DATES = {"end of 1999": "1999-12-31", "end of 2010": "2010-12-31", "end of 2025": "2025-12-31"}"""),
    ("md", "## Memberships at three dates"),
    ("code-hidden", """for org in ("CSTO", "SCO", "EAEU"):
    for label, date in DATES.items():
        nb.glue(f"al_{org.lower()}_{date[:4]}", alliances.members_count(date, FIVE, org))
uzb_2010 = alliances.membership_matrix("2010-12-31", ["UZB"]).loc["UZB", "CSTO"]
nb.glue("al_uzb_csto_2010_member", int(uzb_2010 == "member"))"""),
    ("md", """At the end of 1999, {glue:text}`al_csto_1999:d` of the five were in the Collective
Security Treaty (the CSTO's predecessor): Uzbekistan had not signed the April 1999 protocol
renewing it, and Turkmenistan never joined. By the end of 2010 the count was
{glue:text}`al_csto_2010:d`, because Uzbekistan had rejoined in 2006; it suspended its
membership again in 2012, so at the end of 2025 the CSTO counts {glue:text}`al_csto_2025:d`
of the five (Kazakhstan, Kyrgyzstan, Tajikistan). The SCO, founded in 2001, had
{glue:text}`al_sco_2010:d` of the five as members in 2010 and {glue:text}`al_sco_2025:d` in
2025: all but Turkmenistan, whose permanent neutrality also took it out of full CIS
membership in 2005. The EAEU has {glue:text}`al_eaeu_2025:d` members among the five; Uzbekistan
is an observer."""),
    ("code-hidden", """nb.show(alliances.membership_chart(DATES, FIVE))"""),
    ("code-hidden", """matrix = alliances.membership_over_time(DATES, FIVE)
nb.table(matrix, caption="Membership status at each date (CSTO includes its predecessor, the 1992 Collective Security Treaty)")"""),
    ("md", """The dated events behind the matrix follow, one row per event and country, each with its
source. A status at a date is the latest event up to that date: *signed*, *joined*,
*ratified* and *rejoined* count as membership; *left* and *suspended* do not; *observer* is
shown as such. Uzbekistan's 2012 step is recorded as a suspension because the CSTO Charter
has no provision for unilateral withdrawal."""),
    ("code-hidden", """events = alliances.membership_events_for(FIVE)
nb.table(events, caption="Membership events of the five (CSTO/CST, SCO, EAEU, CIS, UN), with sources")"""),
    ("md", "## Foreign military facilities"),
    ("code-hidden", """nb.glue("al_rus_facilities", alliances.facility_count("RUS", "confirmed"))
nb.glue("al_chn_reported", alliances.facility_count("CHN", "reported"))
nb.glue("al_chn_denied", alliances.facility_count("CHN", "officially denied"))
summary = alliances.facility_summary()
for host in ("Kazakhstan", "Kyrgyzstan", "Tajikistan"):
    rus = summary[(summary["host"] == host) & (summary["operator"] == "Russia")]
    nb.glue(f"al_rus_sites_{host[:3].lower()}", len(rus))"""),
    ("md", """The curated facts record {glue:text}`al_rus_facilities:d` Russian military facilities
in the region, all confirmed by official agreements or ratifications:
{glue:text}`al_rus_sites_kaz:d` in Kazakhstan (the Baikonur lease and test ranges, one of
them, Emba, since handed back), {glue:text}`al_rus_sites_kyr:d` in Kyrgyzstan (the Kant air
base and the naval and seismic sites now described as one joint base, plus the joint air
defence system agreed in 2022) and {glue:text}`al_rus_sites_taj:d` in Tajikistan (the 201st
base and the Nurek space-surveillance station). Turkmenistan and Uzbekistan host none.

China is different. A Chinese security outpost in Tajikistan's Murghab district has been
*reported* (first by The Washington Post in 2019) and *officially denied* by China's foreign
ministry in 2021: {glue:text}`al_chn_reported:d` Chinese-operated facility is reported and
{glue:text}`al_chn_denied:d` officially denied. A separate base at Vakhon, built with Chinese
money for a Tajik Interior Ministry unit, is confirmed as a Tajik base; the Tajik ministry
denied that it is a Chinese one. The chart shows each facility's dated events coloured by
status; the table gives the first and latest event and the statuses seen, in order."""),
    ("code-hidden", """nb.show(alliances.facilities_chart())"""),
    ("code-hidden", """nb.table(summary, caption="Foreign military facilities in the five: status (confirmed / reported / officially denied) and latest source")"""),
    ("code-hidden", """import pandas as pd

detail = pd.concat([alliances.facilities(c).assign(host=c) for c in FIVE], ignore_index=True)
detail = detail[["host", "facility", "operator", "event", "date", "status", "source"]]
nb.table(detail, caption="Every dated facility event, with its source")"""),
    ("md", "## Collective deployments, requests and refusals"),
    ("code-hidden", """troops = alliances.kazakhstan_2022_troops()
nb.glue("al_kaz_troops_announced", troops["announced"])
nb.glue("al_kaz_troops_deployed", troops["deployed"])
nb.glue("al_kaz_equipment", troops["equipment"])
table = alliances.deployments()
nb.glue("al_refusals", int((table["outcome"] == "refused").sum()))
nb.glue("al_csto_deployments_ca", int(((table["outcome"] == "deployed") & (table["by"] == "CSTO")
                                       & (table["status"] == "confirmed")).groupby(table["host"]).any().sum()))"""),
    ("md", """In June 2010, during the violence in Osh, Kyrgyzstan's interim president Roza Otunbayeva
asked Russia to send troops. The Kremlin answered that it was an internal conflict, and after
consultations the CSTO decided that no peacekeepers were needed: the table has
{glue:text}`al_refusals:d` refusals, one by Russia and one by the CSTO, and only hardware and
humanitarian aid were sent.

The first and so far only confirmed CSTO deployment in the region
({glue:text}`al_csto_deployments_ca:d` host country) followed President Tokayev's appeal of
5 January 2022. Two official figures exist for its size, and they are not the same: the CSTO
Secretary-General announced "about {glue:text}`al_kaz_troops_announced:,.0f`" personnel on
6 January, while Tokayev told the CSTO session of 10 January that
{glue:text}`al_kaz_troops_deployed:,.0f` peacekeepers with
{glue:text}`al_kaz_equipment:,.0f` pieces of equipment had been deployed. Withdrawal began on
13 January and was completed by 19 January. Tajikistan's 2021 appeal about the Afghan border
led to no deployment recorded here, and a 2015 report of Russian and Uzbek border units in
Turkmenistan remains unconfirmed."""),
    ("code-hidden", """nb.table(table, caption="Deployments, requests and refusals in Central Asia, with sources", digits=0)"""),
    ("md", "## Putin's visits, 2020-2025"),
    ("code-hidden", """trips = alliances.putin_trips()
nb.glue("al_putin_visits_total", int(trips.to_numpy().sum()))
nb.glue("al_putin_visits_2020_2021", int(trips[[2020, 2021]].to_numpy().sum()))
nb.glue("al_putin_visits_2022", int(trips[2022].sum()))
nb.glue("al_putin_kaz_2022", int(trips.loc["KAZ", 2022]))
nb.glue("al_putin_kaz_total", int(trips.loc["KAZ"].sum()))
kaz_2022 = alliances.meetings_with("KAZ", 2022)
nb.glue("al_putin_tokayev_2022", len(kaz_2022))
nb.glue("al_putin_tokayev_2022_elsewhere", int((kaz_2022["kind"] == "meeting_elsewhere").sum()))
nb.glue("al_putin_tokayev_2022_in_ca", int((kaz_2022["kind"] == "visit_to_country").sum()))"""),
    ("md", """A visit counts for the country where it took place, once per trip, so a summit in
Samarkand counts for Uzbekistan only, even though all five leaders were there. On this count
Putin made {glue:text}`al_putin_visits_total:d` trips to Central Asia from 2020 to 2025:
{glue:text}`al_putin_visits_2020_2021:d` in the pandemic years 2020-2021, then
{glue:text}`al_putin_visits_2022:d` in 2022, when every one of the five received him once.
Kazakhstan received him {glue:text}`al_putin_kaz_2022:d` time in 2022 and
{glue:text}`al_putin_kaz_total:d` times over the six years."""),
    ("code-hidden", """nb.show(alliances.putin_trips_chart())"""),
    ("code-hidden", """counts = trips.copy()
counts["total"] = counts.sum(axis=1)
counts = counts.reset_index()
counts.columns = [str(c) for c in counts.columns]
nb.table(counts, caption="Putin's visits by host country and year (curated leader_meetings, kind visit_to_country)", digits=0)
nb.table(alliances.putin_trip_list(), caption="Putin's trips to Central Asia, 2020-2025, with sources")"""),
    ("md", """### Meetings held elsewhere, kept apart

Meeting a Central Asian leader is not the same as visiting the country. The curated facts
list Putin's meetings with the region's leaders held outside it separately (for 2022, the
year the articles discuss). In 2022 Putin met Kazakhstan's President Tokayev in person
{glue:text}`al_putin_tokayev_2022:d` times: {glue:text}`al_putin_tokayev_2022_in_ca:d` during
trips to Central Asia (only one of them in Kazakhstan itself) and
{glue:text}`al_putin_tokayev_2022_elsewhere:d` in Russia or Armenia. A count of "visits to
Kazakhstan" and a count of "meetings with Tokayev" answer different questions."""),
    ("code-hidden", """nb.table(alliances.meetings_elsewhere(), caption="Putin's meetings with Central Asian leaders held outside the region, with sources")
nb.table(kaz_2022, caption="Every in-person Putin-Tokayev meeting in 2022, wherever held")"""),
    ("md", "## Xi Jinping's visits to Kazakhstan"),
    ("code-hidden", """xi = alliances.xi_visits("KAZ")
nb.glue("al_xi_kaz_visits", len(xi))
nb.glue("al_xi_kaz_2024_number", int(xi[xi["date"].str.startswith("2024")]["visit"].iloc[0]))"""),
    ("md", """The curated facts list {glue:text}`al_xi_kaz_visits:d` visits by Xi Jinping to Kazakhstan
as president, from the state visit of 2013 to the second China-Central Asia summit in
Astana in 2025. The July 2024 trip, for the SCO summit,
was his visit number {glue:text}`al_xi_kaz_2024_number:d`. All of them went to the capital
(Astana, then called Nur-Sultan in 2022)."""),
    ("code-hidden", """nb.table(xi, caption="Xi Jinping's visits to Kazakhstan, numbered, with sources")"""),
    ("md", "## Claims settled here"),
    ("code-hidden", """nb.claims_section(theme="alliances")"""),
]
