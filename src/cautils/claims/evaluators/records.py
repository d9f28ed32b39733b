"""Evaluators of sourced records: memberships, dates, counts, stated facts, quotes; and the
honest "not checkable" for opinion, forecast, perception and unconfirmed reports."""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any, Literal

import pandas as pd
from pydantic import Field

from cautils.claims.evaluators.base import (
    CONTRADICTED,
    MOSTLY,
    NOT_CHECKABLE,
    OP_WORDS,
    SUPPORTED,
    Measure,
    Params,
    SpecError,
    as_list,
    describe_where,
    evaluator,
    evidence_records,
    fmt,
    holds,
    label_of,
    measure,
)
from cautils.claims.models import Outcome
from cautils.claims.tables import ClaimDataError, Tables

MEMBER_EVENTS = {
    "joined": True,
    "ratified": True,
    "rejoined": True,
    "signed": True,
    "left": False,
    "suspended": False,
    "observer": False,
}


def _date_key(text: str) -> str:
    parts = str(text).split("-")
    while len(parts) < 3:
        parts.append("01")
    return "-".join(parts)


def membership_status(events: pd.DataFrame, iso3: str, organisation: str, date: str) -> tuple[bool, pd.DataFrame]:
    """Whether `iso3` is a member of `organisation` on `date`, from the dated events."""
    mine = events[(events["country_iso3"] == iso3) & (events["organisation"] == organisation)].copy()
    mine["_key"] = mine["date"].map(_date_key)
    mine = mine[mine["_key"] <= _date_key(date)].sort_values("_key", kind="mergesort")
    if mine.empty:
        return False, mine
    return MEMBER_EVENTS.get(mine.iloc[-1]["event"], False), mine


class MembershipParams(Params):
    organisation: str
    date: str
    countries: list[str]
    expect: Literal["member", "not_member"] | None = None
    min_members: int | None = None


@evaluator("membership", MembershipParams)
def membership(p: MembershipParams, tables: Tables, claim_id: str) -> Outcome:
    """Membership of countries in an organisation at a date (each country, or a count)."""
    events = tables.get("memberships")
    if p.organisation not in set(events["organisation"]):
        raise ClaimDataError(f"claim {claim_id}: no membership events for organisation '{p.organisation}'")
    statuses = {}
    used = []
    for iso3 in p.countries:
        status, rows = membership_status(events, iso3, p.organisation, p.date)
        statuses[iso3] = status
        used.append(rows)
    members = [c for c, s in statuses.items() if s]
    if p.min_members is not None:
        count = len(members)
        # true for only part of the claim when some but too few of the countries are members
        verdict = SUPPORTED if count >= p.min_members else MOSTLY if count >= 1 else CONTRADICTED
        explanation = (
            f"On {p.date}, {count} of {len(p.countries)} ({', '.join(members) or 'none'}) are "
            f"{p.organisation} members; the claim's wording needs at least {p.min_members}."
        )
        headline = f"{count} of {len(p.countries)}"
    else:
        wanted = p.expect == "member"
        right = [c for c, s in statuses.items() if s == wanted]
        verdict = SUPPORTED if len(right) == len(statuses) else MOSTLY if right else CONTRADICTED
        explanation = (
            f"On {p.date}: "
            + ", ".join(f"{c} {'member' if s else 'not a member'}" for c, s in statuses.items())
            + f" of the {p.organisation}; the claim says {'member' if wanted else 'not a member'}."
        )
        headline = f"{len(right)} of {len(statuses)} as claimed"
    rows = pd.concat(used) if used else events.iloc[0:0]
    if rows.empty:
        rows = events[events["organisation"] == p.organisation]
    return Outcome(
        verdict=verdict,
        headline=headline,
        numbers={"members": members, "statuses": statuses},
        explanation=explanation,
        evidence=[{"iso3": c, "member": s} for c, s in statuses.items()],
        sources=tables.sources_for(rows.drop(columns=["_key"], errors="ignore")),
        quantitative=False,
    )


# -- dated facts and counts -------------------------------------------------------------------------

CONFIRMED = "confirmed"


class EventDateParams(Params):
    table: str = "events"
    where: dict[str, Any]
    column: str = "date"
    stated: str | None = None  # the claim's date: YYYY, YYYY-MM or YYYY-MM-DD (its precision is the check's)
    between: tuple[str, str] | None = None  # or a window the sourced date must fall in (inclusive)
    mostly_years: int = 1
    first_only: bool = False  # judge the earliest confirmed date only (e.g. the first of several statements)


def _in_window(date: str, window: tuple[str, str]) -> bool:
    low, high = window
    return low <= date[: len(low)] and date[: len(high)] <= high


@evaluator("event_date", EventDateParams)
def event_date(p: EventDateParams, tables: Tables, claim_id: str) -> Outcome:
    """A sourced date matches the stated date at the stated precision (or falls in a window).

    Only confirmed rows count; if confirmed sources give different dates, some matching and
    some not, the part is mostly supported and the explanation names every date."""
    if (p.stated is None) == (p.between is None):
        raise SpecError(f"claim {claim_id}: event_date needs exactly one of 'stated' or 'between'")
    rows = tables.select(p.table, p.where, claim_id)
    if "status" in rows.columns and not rows["status"].eq(CONFIRMED).any():
        return Outcome(
            verdict=NOT_CHECKABLE,
            headline="unconfirmed",
            numbers={"stated": p.stated},
            explanation=f"Only unconfirmed or denied reports ({', '.join(sorted(set(rows['status'])))}) "
            "date this event; absence of confirmation is not contradiction.",
            evidence=evidence_records(rows),
            sources=tables.sources_for(rows),
            quantitative=False,
        )
    confirmed = rows[rows["status"].eq(CONFIRMED)] if "status" in rows.columns else rows
    dates = sorted({str(d) for d in confirmed[p.column]})
    if p.first_only:
        dates = dates[:1]
    if p.between is not None:
        hits = [_in_window(d, p.between) for d in dates]
        claimed = f"between {p.between[0]} and {p.between[1]}"
        years_off = min(min(abs(int(d[:4]) - int(b[:4])) for b in p.between) for d in dates)
    else:
        stated = str(p.stated)
        hits = [d.startswith(stated) for d in dates]
        claimed = stated
        years_off = min(abs(int(d[:4]) - int(stated[:4])) for d in dates)
    if all(hits):
        verdict = SUPPORTED
    elif any(hits) or years_off <= p.mostly_years:
        verdict = MOSTLY
    else:
        verdict = CONTRADICTED
    explanation = (
        f"Sourced date{'s' if len(dates) > 1 else ''}: {', '.join(dates)}; the claim says {claimed}"
        + ("; the sources disagree" if any(hits) and not all(hits) else "")
        + "."
    )
    return Outcome(
        verdict=verdict,
        headline=dates[0],
        numbers={"date": dates[0], "dates": dates, "stated": claimed},
        explanation=explanation,
        evidence=evidence_records(rows),
        sources=tables.sources_for(rows),
        quantitative=False,
    )


class EventCountParams(Params):
    table: str
    where: dict[str, Any] = Field(default_factory=dict)
    op: Literal["above", "at_least", "below", "at_most", "equal"]
    stated: int
    margin: int = 0
    distinct: str | None = None
    # True when the curated table is a complete record for this selection (every trip, every
    # deployment), so a count below the claim's is a contradiction. Otherwise a missing row is
    # only absence of confirmation, which the rubric never counts as contradiction.
    complete: bool = False


@evaluator("event_count", EventCountParams)
def event_count(p: EventCountParams, tables: Tables, claim_id: str) -> Outcome:
    """The number of sourced rows (visits, deployments, ...) against a stated count."""
    rows = tables.select(p.table, p.where, claim_id, allow_empty=True)
    if p.distinct and p.distinct not in rows.columns:
        raise ClaimDataError(f"claim {claim_id}: table '{p.table}' has no column '{p.distinct}' (distinct)")
    count = int(rows[p.distinct].nunique()) if p.distinct else len(rows)
    ok = count == p.stated if p.op == "equal" else holds(count, p.op, p.stated)
    near = abs(count - p.stated) <= p.margin
    what = f"distinct {p.distinct} value(s)" if p.distinct else "sourced row(s)"
    explanation = (
        f"{count} {what} in {p.table} match ({describe_where(p.where)}); the claim needs "
        f"{'exactly' if p.op == 'equal' else OP_WORDS[p.op]} {p.stated}."
    )
    too_few = count < p.stated if p.op in ("above", "at_least", "equal") else False
    if ok:
        verdict = SUPPORTED
    elif too_few and not p.complete:
        verdict = NOT_CHECKABLE
        explanation += (
            " The curated table is not a complete record here, so the missing rows are an "
            "absence of confirmation, not a contradiction."
        )
    else:
        verdict = MOSTLY if near else CONTRADICTED
        if p.complete:
            explanation += " The curated table is a complete record for this selection."
    sources = tables.sources_for(rows) if count else tables.sources_for(tables.get(p.table, claim_id))
    return Outcome(
        verdict=verdict,
        headline=str(count),
        numbers={"count": count, "stated": p.stated, "op": p.op},
        explanation=explanation,
        evidence=evidence_records(rows),
        sources=sources,
        quantitative=p.complete and p.stated > 1,
    )


# -- stated facts and attributed quotes ----------------------------------------------------------------


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).lower()
    text = re.sub(r"\[[^\]]*\]", " ", text)  # editorial insertions: "[We]", "[and]"
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


class FactParams(Params):
    table: str = "facts"
    where: dict[str, Any]
    column: str = "value"
    stated: str | list[str]  # the claim's value; any of several spellings counts
    # contains: a sourced value contains the stated words; equal: is them; excludes: a sourced
    # list names none of them (for "no country recognised ...").
    match: Literal["contains", "equal", "excludes"] = "contains"


@evaluator("fact", FactParams)
def fact(p: FactParams, tables: Tables, claim_id: str) -> Outcome:
    """A stated fact (a post held, a place, a name) against the sourced value(s).

    Supported when every confirmed source agrees with the claim; contradicted when every
    confirmed source says otherwise; mostly supported when confirmed sources disagree. With
    only unconfirmed reports the part is not checkable (absence of confirmation)."""
    rows = tables.select(p.table, p.where, claim_id)
    stated = [_normalise(s) for s in as_list(p.stated)]

    def agrees(value: Any) -> bool:
        sourced = _normalise(value)
        if p.match == "excludes":
            return not any(re.search(rf"\b{re.escape(s)}\b", sourced) for s in stated)
        return any(s == sourced if p.match == "equal" else s in sourced for s in stated)

    status = rows["status"] if "status" in rows.columns else pd.Series(CONFIRMED, index=rows.index)
    confirmed = rows[status.eq(CONFIRMED)]
    values = [str(v) for v in rows[p.column]]
    if confirmed.empty:
        verdict = NOT_CHECKABLE
        explanation = (
            f"Only {', '.join(sorted(set(status)))} reports: "
            + "; ".join(values)
            + ". Absence of confirmation is not contradiction."
        )
    else:
        hits = confirmed[p.column].map(agrees)
        verdict = SUPPORTED if hits.all() else CONTRADICTED if not hits.any() else MOSTLY
        says = "says none of these is among them:" if p.match == "excludes" else "says"
        explanation = (
            f"The claim {says} '{' / '.join(as_list(p.stated))}'; the sources say: "
            + "; ".join(f"'{v}'" for v in confirmed[p.column])
            + (" (the sources disagree)." if verdict == MOSTLY else ".")
        )
    return Outcome(
        verdict=verdict,
        headline="; ".join(values[:2]),
        numbers={"values": values},
        explanation=explanation,
        evidence=evidence_records(rows),
        sources=tables.sources_for(rows),
        quantitative=False,
    )


class QuoteParams(Params):
    table: str = "quotes"
    where: dict[str, Any]
    stated: str  # the words the article attributes, as the article prints them
    speaker: str
    date: str | None = None  # the date the article gives (YYYY, YYYY-MM or YYYY-MM-DD)
    verbatim: float = 0.75  # share of the stated words the source has in the same order
    close: float = 0.5
    # When the source gives the words only in the speaker's language: the article's words ->
    # the source-language words they translate (shown on the claim page, so a reader can judge
    # the correspondence); the score is then the share of these terms found in the source.
    terms: dict[str, str] | None = None


def term_match(terms: dict[str, str], sourced: str) -> tuple[float, list[str]]:
    """Share of the source-language terms present in the sourced text, and those missing."""
    text = _normalise(sourced)
    missing = [english for english, original in terms.items() if _normalise(original) not in text]
    return 1 - len(missing) / len(terms), missing


def word_match(stated: str, sourced: str) -> float:
    """Share of the stated words found, in order, in the sourced text (each fragment between
    ellipses matched on its own)."""
    fragments = [f for f in re.split(r"…|\.\.\.", stated) if _normalise(f)]
    source_words = _normalise(sourced).split()
    total = matched = 0
    for fragment in fragments:
        words = _normalise(fragment).split()
        blocks = difflib.SequenceMatcher(None, words, source_words, autojunk=False).get_matching_blocks()
        matched += sum(b.size for b in blocks)
        total += len(words)
    return matched / total if total else 0.0


@evaluator("quote", QuoteParams)
def quote(p: QuoteParams, tables: Tables, claim_id: str) -> Outcome:
    """An attributed quote: the sourced words, speaker and date against the article's."""
    rows = tables.select(p.table, p.where, claim_id)
    if p.terms:
        scores = [term_match(p.terms, text)[0] for text in rows["text"]]
    else:
        scores = [word_match(p.stated, text) for text in rows["text"]]
    best = max(range(len(scores)), key=scores.__getitem__)
    row = rows.iloc[best]
    score = scores[best]
    speaker_ok = _normalise(p.speaker) in _normalise(row["speaker"])
    date_ok = p.date is None or str(row["date"]).startswith(p.date)
    if not speaker_ok or score < p.close:
        verdict = CONTRADICTED
    elif score >= p.verbatim and date_ok:
        verdict = SUPPORTED
    else:
        verdict = MOSTLY
    explanation = (
        f"The source records {row['speaker']} on {row['date']} ({row['occasion']}) saying: "
        f'"{row["text"]}". '
        + (
            f"{fmt(score * 100, '%', 0)} of the article's key terms have their {row['language']} equivalent in it ("
            + "; ".join(f"'{k}' = '{v}'" for k, v in p.terms.items())
            + ")"
            if p.terms
            else f"{fmt(score * 100, '%', 0)} of the article's quoted words appear in it in order"
        )
        + f" (at least {fmt(p.verbatim * 100, '%', 0)} counts as an accurate quote, at least "
        f"{fmt(p.close * 100, '%', 0)} as a close paraphrase)"
        + ("" if speaker_ok else f"; the article names {p.speaker} as the speaker")
        + ("" if date_ok else f"; the article dates it {p.date}")
        + "."
    )
    return Outcome(
        verdict=verdict,
        headline=f"{fmt(score * 100, '%', 0)} of words match",
        numbers={"match": score, "date": str(row["date"]), "speaker": str(row["speaker"])},
        explanation=explanation,
        evidence=evidence_records(rows),
        sources=tables.sources_for(rows),
        quantitative=False,
    )


# -- the honest "cannot tell" --------------------------------------------------------------------------

NOT_CHECKABLE_CATEGORIES = ("opinion", "forecast", "perception", "unconfirmed")


class NotCheckableParams(Params):
    category: Literal["opinion", "forecast", "perception", "unconfirmed"]
    reason: str
    would_settle: str
    indicator: Measure | None = None


@evaluator("not_checkable", NotCheckableParams)
def not_checkable(p: NotCheckableParams, tables: Tables, claim_id: str) -> Outcome:
    """No data settles the claim (an opinion, forecast or perception, or a report nothing public
    confirms or denies): say why and what would; show a related indicator if any."""
    explanation = f"Not checkable ({p.category}): {p.reason} What would settle it: {p.would_settle}"
    if p.indicator is None:
        return Outcome(
            verdict=NOT_CHECKABLE,
            headline="—",
            numbers={"category": p.category},
            explanation=explanation,
            quantitative=False,
        )
    value, rows = measure(tables, p.indicator, claim_id)
    unit = p.indicator.unit
    if isinstance(value, pd.Series):
        shown = ", ".join(f"{k}: {fmt(v, unit)}" for k, v in value.items())
        numbers: dict[str, Any] = {"indicator": {str(k): float(v) for k, v in value.items()}}
    else:
        shown = fmt(value, unit)
        numbers = {"indicator": value}
    explanation += f" Related indicator ({label_of(p.indicator)}): {shown}."
    return Outcome(
        verdict=NOT_CHECKABLE,
        headline="—",
        numbers={**numbers, "category": p.category},
        explanation=explanation,
        evidence=evidence_records(rows),
        sources=tables.sources_for(rows),
        quantitative=False,
    )
