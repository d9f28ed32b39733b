"""UN General Assembly recorded votes, harmonised from three parts of the raw mirror.

Part A: Erik Voeten's roll-call data as packaged in the `unvotes` R package (.rda, 1946-2020).
Part B: UN DGACM machine-readable GA resolutions (jsonl.gz per session: 74-80, ES-10, ES-11, S-32).
Part C: 3DL scrape of 2025 UN Digital Library voting records (csv.gz; only GA rows are used).

Read `unga/PROVENANCE.md` in the raw mirror for what each file is. The three processed tables:

- `unga_resolutions`: one row per recorded GA vote on a resolution from session 46 (1991-92)
  onward, one source per symbol: B (official) over A over C.
- `unga_votes`: the focus countries' votes (yes/no/abstain/absent) on those resolutions.
- `unga_source_agreement`: the focus countries' votes where two parts overlap (A-B, B-C).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pycountry

from cautils.countries import FOCUS, to_iso3
from cautils.errors import DataError
from cautils.io import read_raw_bytes, read_raw_csv, require_columns
from cautils.sources.base import Dataset, RawInput, TableSpec

# --------------------------------------------------------------------------- datasets

VOETEN = Dataset(
    key="unga_voeten_unvotes",
    publisher="Erik Voeten (Harvard Dataverse); packaged by David Robinson in the R package unvotes",
    title="United Nations General Assembly Voting Data (unvotes R package data: un_votes, un_roll_calls)",
    version=("unvotes R package data at commit 7eb7034 (Voeten Dataverse file UNVotes2021, downloaded 2021-02-21)"),
    licence="CC0 (data); MIT (package)",
    url="https://github.com/dgrtwo/unvotes/tree/7eb7034314ff79c49c9e0785fcd9d216fa04cf14/data",
    citation=(
        "Erik Voeten, 'Data and Analyses of Voting in the UN General Assembly', Routledge Handbook "
        "of International Organization, ed. Bob Reinalda (2013), http://ssrn.com/abstract=2111149; "
        "data: Harvard Dataverse hdl:1902.1/12379 (doi:10.7910/DVN/LEJUQZ)"
    ),
)

DGACM = Dataset(
    key="unga_dgacm_resolutions",
    publisher="United Nations, Department for General Assembly and Conference Management (DGACM)",
    title="Machine-readable General Assembly resolutions (UNxml/GAresolutions data_extract)",
    version=(
        "UNxml/GAresolutions snapshot 42a69b6 (2026-07-10); sessions 74-80, ES-10, ES-11, S-32 "
        "(last file commit per PROVENANCE.md)"
    ),
    licence=(
        "Unofficial copies for informational purposes only, no warranty; "
        "the United Nations must be acknowledged as the source"
    ),
    url="https://github.com/UNxml/GAresolutions",
    citation=(
        "United Nations, DGACM, machine-readable General Assembly resolutions "
        "(https://www.un.org/dgacm/en/content/visualizations-and-machine-readability)"
    ),
)

UNDL_3DL = Dataset(
    key="unga_undl_3dl_2025",
    publisher="UN Dag Hammarskjold Library, Digital Library voting records; scraped by 3DL (Data Driven Decision Lab)",
    title="UN voting records 2025 (un_votes_2025_processed.csv), repository HZloto/unga-2025",
    version="HZloto/unga-2025 commit 46fa27e (2026-02-11), calendar year 2025",
    licence="No licence stated by the compiler; UN Digital Library terms of use (non-commercial, attribution)",
    url="https://github.com/HZloto/unga-2025",
    citation=(
        "UN Digital Library voting records (one record per row, column Link, "
        "https://digitallibrary.un.org), as extracted by the 3DL UNGA voting database"
    ),
)

A_VOTES = "unga/unvotes_voeten/un_votes.rda"
A_CALLS = "unga/unvotes_voeten/un_roll_calls.rda"
B_NAMES: tuple[str, ...] = ("74", "75", "76", "77", "78", "79", "80", "ES-10", "ES-11", "S-32")
B_FILES: tuple[str, ...] = tuple(f"unga/unxml_dgacm/{name}.jsonl.gz" for name in B_NAMES)
C_FILE = "unga/undl_2025_3dl/un_votes_2025_processed.csv.gz"

INPUTS: tuple[RawInput, ...] = (
    RawInput(A_VOTES, VOETEN),
    RawInput(A_CALLS, VOETEN),
    *(RawInput(path, DGACM) for path in B_FILES),
    RawInput(C_FILE, UNDL_3DL),
)

# UN admission dates of the focus countries. Source: United Nations, "Member States",
# https://www.un.org/en/about-us/member-states. The five Central Asian states were admitted on
# 2 March 1992 by GA resolutions 46/224 (KAZ), 46/225 (KGZ), 46/228 (TJK), 46/229 (TKM) and
# 46/230 (UZB). Russia (continuing the USSR's seat) and China are original members (24 Oct 1945),
# i.e. members throughout the period covered here. On a vote dated before a country's admission
# the country gets no row in unga_votes (it could not vote); from the admission date on it gets a
# row, `absent` when it did not vote.
UN_ADMISSION: dict[str, str] = {
    "KAZ": "1992-03-02",
    "KGZ": "1992-03-02",
    "TJK": "1992-03-02",
    "TKM": "1992-03-02",
    "UZB": "1992-03-02",
    "RUS": "1945-10-24",
    "CHN": "1945-10-24",
}

FIRST_SESSION = 46  # 1991-92, the first session with the Central Asian states as members
VOTE_CODES = ("yes", "no", "abstain")
VOTE_VALUES = ("yes", "no", "abstain", "absent")
RECORDED_VOTE = "By a recorded vote"

SYMBOL_RE = r"^A/RES/(?:\d{2}|ES-\d{1,2}|S-\d{1,2})/\d{1,3}(?: [A-Z]{1,2}(?:-[A-Z])?(?:/[IVX]{1,4})?)?$"
DATE_RE = r"^\d{4}-\d{2}-\d{2}$"
SESSION_RE = r"^(?:\d{2}|ES-\d{1,2}|S-\d{1,2})$"
SOURCE_REF_RE = r"^(?:rcid \d+|unxml_dgacm/[0-9A-Z-]+\.jsonl\.gz|https://digitallibrary\.un\.org/record/\d+)$"
_REF_PREFIX = {"A": "rcid ", "B": "unxml_dgacm/", "C": "https://digitallibrary.un.org/"}

# Library catalogue tail on Voeten and UN Digital Library titles ("X : resolution / adopted by
# the General Assembly", often truncated or misspelt); it is not part of the title.
_TITLE_TAIL = re.compile(r"\s*:\s*resolution\s*/[^:]*$", re.IGNORECASE)

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}


# --------------------------------------------------------------------------- small parsers


def _clean(text: object) -> str:
    """Collapse whitespace, including no-break spaces, and strip."""
    return re.sub(r"\s+", " ", str(text).replace("\u00a0", " ")).strip()


def parse_date(text: object, path: str | Path, field: str, row: int | None = None) -> str:
    """'2 March 2022', '10\\xa0March 2026', '2019-10-10 00:00:00', '2025-02-24' -> 'YYYY-MM-DD'."""
    value = _clean(text) if text is not None else ""
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?: 00:00:00)?", value):
            return Date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        if m := re.fullmatch(r"(\d{1,2}) ([A-Za-z]+),? (\d{4})", value):
            month = _MONTHS.get(m[2].lower())
            if month is not None:
                return Date(int(m[3]), month, int(m[1])).isoformat()
    except ValueError:
        pass
    raise DataError(
        path,
        f"unparseable date {text!r}",
        field=field,
        row=row,
        expected="a date like '2 March 2022' or '2019-10-10 00:00:00'",
    )


def normalise_symbol(text: object, path: str | Path, field: str, row: int | None = None) -> str:
    """Official GA resolution symbol: 'A/RES/68/262', 'A/RES/75/254 A', 'A/RES/ES-11/1'.

    Accepts the Voeten form 'R/68/262' / 'R/46/34A' / 'R/50/38B/IX' and spacing variants.
    """
    value = _clean(text) if text is not None else ""
    m = re.fullmatch(
        r"(?:A/RES|R)/(\d{2}|ES-\d{1,2}|S-\d{1,2})/(\d{1,3}) ?([A-Z]{1,2}(?:-[A-Z])?)?(/[IVX]{1,4})?",
        value,
    )
    if m is None or (m[4] and not m[3]):
        raise DataError(
            path,
            f"unrecognised resolution symbol {text!r}",
            field=field,
            row=row,
            expected="a symbol like 'A/RES/68/262', 'A/RES/75/254 A' or Voeten 'R/68/262'",
        )
    symbol = f"A/RES/{m[1]}/{m[2]}"
    if m[3]:
        symbol += f" {m[3]}{m[4] or ''}"
    return symbol


def session_of(symbol: str) -> str:
    """'A/RES/68/262' -> '68'; 'A/RES/ES-11/1' -> 'ES-11'."""
    return symbol.split("/")[2]


def clean_title(text: object) -> str | None:
    if text is None or (isinstance(text, float) and text != text):
        return None
    title = _TITLE_TAIL.sub("", _clean(text))
    return title or None


def _count(text: object, path: str | Path, field: str, row: int | None, fallback: int) -> int:
    """A stated vote count; 'N.A.' (session 74 writes it for an empty list) gives `fallback`."""
    if isinstance(text, bool):
        raise DataError(path, f"non-numeric count {text!r}", field=field, row=row, expected="a non-negative integer")
    if isinstance(text, int):
        value = text
    else:
        value_text = _clean(text) if text is not None else ""
        if value_text.upper() in ("N.A.", "N/A", "NA") and fallback == 0:
            return 0
        if not re.fullmatch(r"\d+", value_text):
            raise DataError(
                path, f"non-numeric count {text!r}", field=field, row=row, expected="a non-negative integer"
            )
        value = int(value_text)
    if value < 0:
        raise DataError(path, f"negative count {value}", field=field, row=row)
    return value


# --------------------------------------------------------------------------- one part, parsed

RES_COLUMNS = ["symbol", "date", "session", "title", "yes", "no", "abstain", "source_part", "source_ref"]


@dataclass
class Part:
    """One part, parsed: resolutions, the focus countries' explicit votes, and which
    resolutions list voters by name (a resolution without names has unknown votes)."""

    name: str
    resolutions: pd.DataFrame  # RES_COLUMNS, one row per symbol
    votes: pd.DataFrame  # symbol, iso3, vote (yes/no/abstain only; non-voters have no row)
    named: frozenset[str]  # symbols whose voters are listed by name

    def full_votes(self, symbols: Iterable[str] | None = None) -> pd.DataFrame:
        """symbol, date, iso3, vote for every focus country that was a member on the date;
        members without a vote are 'absent'. Resolutions without named voters are left out."""
        res = self.resolutions
        if symbols is not None:
            res = res[res["symbol"].isin(set(symbols))]
        res = res[res["symbol"].isin(self.named)]
        grid = res[["symbol", "date"]].merge(pd.DataFrame({"iso3": list(FOCUS)}), how="cross")
        admitted = grid["iso3"].map(UN_ADMISSION)
        grid = grid[grid["date"] >= admitted]
        out = grid.merge(self.votes, on=["symbol", "iso3"], how="left")
        out["vote"] = out["vote"].fillna("absent").astype(str)
        return out[["symbol", "date", "iso3", "vote"]].reset_index(drop=True)


def _empty_votes() -> pd.DataFrame:
    return pd.DataFrame({"symbol": pd.Series(dtype=str), "iso3": pd.Series(dtype=str), "vote": pd.Series(dtype=str)})


# --------------------------------------------------------------------------- part A (Voeten)

A_CALL_COLUMNS = ("rcid", "session", "date", "unres", "short", "descr", "para", "amend")
A_VOTE_COLUMNS = ("rcid", "country_code", "vote")


def _alpha_2(iso3: str) -> str:
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        raise KeyError(f"no ISO 3166 country with code {iso3!r}")
    return country.alpha_2


_ISO2_TO_FOCUS = {_alpha_2(c): c for c in FOCUS}


def read_rda(path: Path, name: str) -> pd.DataFrame:
    """One object from an R data file; any pyreadr failure becomes a DataError naming the file."""
    import pyreadr

    if not path.is_file():
        raise DataError(path, "file not found", expected="a file from the raw-data mirror")
    try:
        result = pyreadr.read_r(str(path))
    except Exception as exc:  # pyreadr raises LibrdataError, PyreadrError, ValueError, ...
        raise DataError(
            path,
            f"cannot read R data file ({type(exc).__name__}: {exc})",
            expected="an .rda file readable by pyreadr",
        ) from exc
    if name not in result:
        raise DataError(path, f"R object {name!r} not found (found {sorted(result)})", field=name)
    return result[name]


def parse_voeten(calls: pd.DataFrame, votes: pd.DataFrame, calls_path: str | Path, votes_path: str | Path) -> Part:
    """Voeten roll calls -> resolutions of session 46 on, and the focus countries' votes.

    Kept: the main roll-call series (rows with a `short` subject heading), not paragraph or
    amendment votes, with a resolution symbol. The rows without `short` (rcid 5640-6058) are
    votes transcribed from meeting records: motions, separate paragraph votes and amendments.
    """
    require_columns(calls, A_CALL_COLUMNS, calls_path)
    require_columns(votes, A_VOTE_COLUMNS, votes_path)
    calls = calls.reset_index(drop=True)
    rcid = pd.to_numeric(calls["rcid"], errors="coerce")
    session = pd.to_numeric(calls["session"], errors="coerce")
    for col, values in (("rcid", rcid), ("session", session)):
        bad = values.isna()
        if bad.any():
            pos = int(bad.to_numpy().nonzero()[0][0])
            raise DataError(
                calls_path, f"non-numeric value {calls[col].iloc[pos]!r}", field=col, row=pos + 1, expected="a number"
            )
    unres = calls["unres"].astype("string").fillna("").str.strip()
    para = pd.to_numeric(calls["para"], errors="coerce").fillna(0) == 1
    amend = pd.to_numeric(calls["amend"], errors="coerce").fillna(0) == 1
    keep = (session >= FIRST_SESSION) & calls["short"].notna() & ~para & ~amend & (unres != "")
    kept = calls[keep]
    symbols, dates = [], []
    for pos, row in zip(kept.index, kept.itertuples(index=False), strict=True):
        symbols.append(normalise_symbol(row.unres, calls_path, "unres", pos + 1))
        raw_date = row.date
        if isinstance(raw_date, (Date, datetime, pd.Timestamp)) and not pd.isna(raw_date):
            dates.append(pd.Timestamp(raw_date).strftime("%Y-%m-%d"))
        else:
            dates.append(parse_date(raw_date, calls_path, "date", pos + 1))
    res = pd.DataFrame(
        {
            "rcid": rcid[keep].astype(int).to_numpy(),
            "symbol": symbols,
            "date": dates,
            "title": [clean_title(t) for t in kept["descr"]],
        }
    )
    dup = res["symbol"].duplicated(keep=False)
    if dup.any():
        first = res[dup].iloc[0]
        raise DataError(
            calls_path,
            f"symbol {first.symbol} appears on several whole-resolution roll calls "
            f"(rcid {', '.join(str(r) for r in res.loc[res.symbol == first.symbol, 'rcid'])})",
            field="unres",
            expected="one roll call per resolution",
        )

    votes = votes[list(A_VOTE_COLUMNS)]
    vote_rcid = pd.to_numeric(votes["rcid"], errors="coerce")
    vote_code = votes["vote"].astype("string")
    bad = vote_rcid.isna() | ~vote_code.isin(VOTE_CODES)
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        field = "rcid" if pd.isna(vote_rcid.iloc[pos]) else "vote"
        raise DataError(
            votes_path,
            f"bad value {votes[field].iloc[pos]!r}",
            field=field,
            row=pos + 1,
            expected="a numeric rcid and a vote yes/no/abstain",
        )
    votes = pd.DataFrame(
        {
            "rcid": vote_rcid.astype(int),
            "country_code": votes["country_code"].astype("string"),
            "vote": vote_code.astype(str),
        }
    )
    votes = votes[votes["rcid"].isin(set(res["rcid"]))]
    counts = votes.groupby(["rcid", "vote"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=list(VOTE_CODES), fill_value=0)
    res = res.join(counts, on="rcid")
    for col in VOTE_CODES:
        res[col] = res[col].fillna(0).astype(int)
    res["session"] = res["symbol"].map(session_of)
    res["source_part"] = "A"
    res["source_ref"] = "rcid " + res["rcid"].astype(str)

    focus = votes[votes["country_code"].isin(list(_ISO2_TO_FOCUS))].copy()
    focus["iso3"] = focus["country_code"].map(_ISO2_TO_FOCUS).astype(str)
    focus = focus.merge(res[["rcid", "symbol"]], on="rcid")
    dup = focus.duplicated(["symbol", "iso3"], keep=False)
    if dup.any():
        first = focus[dup].iloc[0]
        raise DataError(votes_path, f"{first.iso3} votes twice on rcid {first.rcid}", field="country_code")
    return Part(
        "A",
        res[RES_COLUMNS].reset_index(drop=True),
        focus[["symbol", "iso3", "vote"]].reset_index(drop=True),
        frozenset(res["symbol"]),
    )


def read_part_a(raw_dir: Path) -> Part:
    calls_path, votes_path = raw_dir / A_CALLS, raw_dir / A_VOTES
    calls = read_rda(calls_path, "un_roll_calls")
    votes = read_rda(votes_path, "un_votes")
    return parse_voeten(calls, votes, calls_path, votes_path)


# --------------------------------------------------------------------------- part B (DGACM)

B_KEYS = (
    "symbol",
    "title",
    "adoption_date",
    "adoption_type",
    "MS_in_favour",
    "MS_against",
    "MS_abstaining",
    "MS_in_favour_count",
    "MS_against_count",
    "MS_abstaining_count",
)
_B_LISTS = (("MS_in_favour", "yes"), ("MS_against", "no"), ("MS_abstaining", "abstain"))


def parse_dgacm_records(records: list[tuple[int, dict]], path: str | Path, ref: str) -> list[dict]:
    """Recorded-vote resolutions from one DGACM file: (line, record) pairs -> dicts with
    RES_COLUMNS plus `ballots` (ISO3 -> vote for every listed Member State) and `line`."""
    out = []
    for line, rec in records:
        if not isinstance(rec, dict):
            raise DataError(path, "record is not a JSON object", row=line)
        for key in B_KEYS:
            if key not in rec:
                raise DataError(path, f"missing key {key!r}", field=key, row=line, expected=f"keys {', '.join(B_KEYS)}")
        if _clean(rec["adoption_type"]) != RECORDED_VOTE:
            continue  # adopted without a vote (or no adoption type given)
        symbol = normalise_symbol(rec["symbol"], path, "symbol", line)
        ballots: dict[str, str] = {}
        stated = {}
        for key, code in _B_LISTS:
            names = rec[key]
            if not isinstance(names, list):
                raise DataError(path, f"expected a list of names, got {type(names).__name__}", field=key, row=line)
            seen: set[str] = set()
            for name in names:
                iso3 = to_iso3(name, source=f"{path}, field '{key}', row {line}")
                if iso3 in seen:
                    continue  # a name listed twice (A/RES/75/290 A lists every name twice)
                seen.add(iso3)
                if iso3 in ballots:
                    raise DataError(path, f"{name!r} is listed as both {ballots[iso3]} and {code}", field=key, row=line)
                ballots[iso3] = code
            stated[code] = _count(rec[f"{key}_count"], path, f"{key}_count", line, len(seen))
        out.append(
            {
                "symbol": symbol,
                "date": parse_date(rec["adoption_date"], path, "adoption_date", line),
                "session": session_of(symbol),
                "title": clean_title(rec["title"]),
                **stated,
                "source_part": "B",
                "source_ref": ref,
                "ballots": ballots,
                "line": line,
                "path": str(path),
            }
        )
    return out


def _jsonl_records(path: Path) -> list[tuple[int, dict]]:
    raw = read_raw_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(path, f"not valid utf-8 text ({exc})") from exc
    records = []
    for line, chunk in enumerate(text.splitlines(), start=1):
        if not chunk.strip():
            continue
        try:
            records.append((line, json.loads(chunk)))
        except json.JSONDecodeError as exc:
            raise DataError(path, f"invalid JSON ({exc.msg})", row=line) from exc
    return records


def combine_dgacm(rows: list[dict]) -> Part:
    """Deduplicate on symbol (first occurrence wins; a repeat must carry the same votes)."""
    first: dict[str, dict] = {}
    for row in rows:
        seen = first.get(row["symbol"])
        if seen is None:
            first[row["symbol"]] = row
            continue
        same = all(seen[k] == row[k] for k in ("date", "yes", "no", "abstain", "ballots"))
        if not same:
            raise DataError(
                row["path"],
                f"{row['symbol']} at row {row['line']} repeats row {seen['line']} of "
                f"{seen['path']} with different date, counts or votes",
                field="symbol",
                row=row["line"],
            )
    kept = list(first.values())
    res = pd.DataFrame(kept, columns=RES_COLUMNS) if kept else pd.DataFrame(columns=RES_COLUMNS)
    votes = [
        {"symbol": r["symbol"], "iso3": iso3, "vote": r["ballots"][iso3]}
        for r in kept
        for iso3 in FOCUS
        if iso3 in r["ballots"]
    ]
    named = frozenset(r["symbol"] for r in kept if r["ballots"])
    return Part("B", res, pd.DataFrame(votes) if votes else _empty_votes(), named)


def read_part_b(raw_dir: Path) -> Part:
    rows: list[dict] = []
    for rel in B_FILES:
        path = raw_dir / rel
        rows.extend(parse_dgacm_records(_jsonl_records(path), path, rel.removeprefix("unga/")))
    return combine_dgacm(rows)


# --------------------------------------------------------------------------- part C (3DL/UNDL)

C_COUNTS = {"yes": "YES COUNT", "no": "NO COUNT", "abstain": "ABSTAIN COUNT"}
C_COLUMNS = ("Link", "Title", "Council", "Resolution", "Date", *C_COUNTS.values(), *FOCUS)
C_VOTE_CODES = {"YES": "yes", "NO": "no", "ABSTAIN": "abstain", "": None}
GA_COUNCIL = "General Assembly"


def parse_undl(frame: pd.DataFrame, path: str | Path) -> Part:
    """GA resolutions of the 3DL file. Rows are numbered as CSV lines (header = line 1).

    Non-resolution GA votes (decisions such as A/DEC/80/506) are left out."""
    require_columns(frame, C_COLUMNS, path)
    frame = frame.reset_index(drop=True)
    frame = frame.fillna("")
    ga = frame[frame["Council"].map(_clean) == GA_COUNCIL]
    ga = ga[ga["Resolution"].map(_clean).str.startswith("A/RES/")]
    res_rows, votes = [], []
    for pos, row in ga.iterrows():
        line = int(pos) + 2
        symbol = normalise_symbol(row["Resolution"], path, "Resolution", line)
        link = _clean(row["Link"])
        if not re.fullmatch(r"https://digitallibrary\.un\.org/record/\d+", link):
            raise DataError(
                path,
                f"unexpected record link {row['Link']!r}",
                field="Link",
                row=line,
                expected="https://digitallibrary.un.org/record/<id>",
            )
        counts = {code: _count(row[col], path, col, line, fallback=-1) for code, col in C_COUNTS.items()}
        res_rows.append(
            {
                "symbol": symbol,
                "date": parse_date(row["Date"], path, "Date", line),
                "session": session_of(symbol),
                "title": clean_title(row["Title"]),
                **counts,
                "source_part": "C",
                "source_ref": link,
            }
        )
        for iso3 in FOCUS:
            cell = _clean(row[iso3]).upper()
            if cell not in C_VOTE_CODES:
                raise DataError(
                    path, f"unknown vote {row[iso3]!r}", field=iso3, row=line, expected="YES, NO, ABSTAIN or blank"
                )
            if C_VOTE_CODES[cell] is not None:
                votes.append({"symbol": symbol, "iso3": iso3, "vote": C_VOTE_CODES[cell]})
    res = pd.DataFrame(res_rows, columns=RES_COLUMNS)
    dup = res["symbol"].duplicated()
    if dup.any():
        raise DataError(path, f"resolution {res.loc[dup, 'symbol'].iloc[0]} appears twice", field="Resolution")
    return Part("C", res, pd.DataFrame(votes) if votes else _empty_votes(), frozenset(res["symbol"]))


def read_part_c(raw_dir: Path) -> Part:
    path = raw_dir / C_FILE
    frame = read_raw_csv(path, required=C_COLUMNS, dtype=str, keep_default_na=False)
    return parse_undl(frame, path)


# --------------------------------------------------------------------------- harmonisation

PRIORITY = ("B", "A", "C")  # B is the official source; C only fills what A and B lack


@dataclass
class Harmonised:
    resolutions: pd.DataFrame
    votes: pd.DataFrame
    agreement: pd.DataFrame


def harmonise(parts: dict[str, Part]) -> Harmonised:
    """One source per symbol (B over A over C); votes; cross-source agreement on overlaps."""
    chosen: list[pd.DataFrame] = []
    vote_frames: list[pd.DataFrame] = []
    taken: set[str] = set()
    for name in PRIORITY:
        part = parts[name]
        res = part.resolutions[~part.resolutions["symbol"].isin(taken)]
        taken |= set(res["symbol"])
        chosen.append(res)
        vote_frames.append(part.full_votes(res["symbol"]))
    resolutions = pd.concat(chosen, ignore_index=True)
    votes = pd.concat(vote_frames, ignore_index=True)

    checks = []
    for x, y in (("A", "B"), ("B", "C")):
        px, py = parts[x], parts[y]
        both = set(px.resolutions["symbol"]) & set(py.resolutions["symbol"])
        both &= px.named & py.named
        vx = px.full_votes(both).rename(columns={"vote": "vote_x", "date": "date_x"})
        vy = py.full_votes(both).rename(columns={"vote": "vote_y", "date": "date_y"})
        pair = vx.merge(vy, on=["symbol", "iso3"], how="outer")
        # a country that was a member in one part's date but not the other's cannot happen in
        # the overlaps (2019-2025); a missing side would show as NaN and fail the schema.
        pair["part_x"], pair["part_y"] = x, y
        checks.append(pair)
    agreement = pd.concat(checks, ignore_index=True)
    agreement["agree"] = agreement["vote_x"] == agreement["vote_y"]
    agreement = agreement[["symbol", "iso3", "part_x", "vote_x", "part_y", "vote_y", "agree"]]
    return Harmonised(resolutions, votes, agreement)


def _signature(raw_dir: Path) -> tuple[tuple[str, int | None, int | None], ...]:
    sig: list[tuple[str, int | None, int | None]] = []
    for raw in INPUTS:
        path = raw.resolve(raw_dir)
        try:
            stat = path.stat()
            sig.append((str(path), stat.st_mtime_ns, stat.st_size))
        except OSError:
            sig.append((str(path), None, None))
    return tuple(sig)


@lru_cache(maxsize=4)
def _harmonised_cached(raw_dir: str, signature: tuple) -> Harmonised:
    root = Path(raw_dir)
    return harmonise({"A": read_part_a(root), "B": read_part_b(root), "C": read_part_c(root)})


def load_harmonised(raw_dir: Path) -> Harmonised:
    """Read all three parts once per build (cached on the input files' size and mtime)."""
    return _harmonised_cached(str(raw_dir), _signature(raw_dir))


def build_resolutions(raw_dir: Path) -> pd.DataFrame:
    return load_harmonised(raw_dir).resolutions.copy()


def build_votes(raw_dir: Path) -> pd.DataFrame:
    return load_harmonised(raw_dir).votes.copy()


def build_agreement(raw_dir: Path) -> pd.DataFrame:
    return load_harmonised(raw_dir).agreement.copy()


# --------------------------------------------------------------------------- schemas

_symbol = pa.Column(str, pa.Check.str_matches(SYMBOL_RE))
_date = pa.Column(
    str,
    [pa.Check.str_matches(DATE_RE), pa.Check.in_range("1991-09-17", "2030-12-31")],
)
_count_col = pa.Column(int, pa.Check.in_range(0, 193))
_vote = pa.Column(str, pa.Check.isin(VOTE_VALUES))


def _session_in_scope(session: pd.Series) -> pd.Series:
    regular = session.str.fullmatch(r"\d{2}")
    return ~regular | (pd.to_numeric(session.where(regular), errors="coerce") >= FIRST_SESSION)


def _ref_matches_part(frame: pd.DataFrame) -> pd.Series:
    prefix = frame["source_part"].map(_REF_PREFIX)
    return pd.Series(
        [ref.startswith(p) for ref, p in zip(frame["source_ref"], prefix, strict=True)],
        index=frame.index,
    )


RESOLUTIONS_SCHEMA = pa.DataFrameSchema(
    {
        "symbol": pa.Column(str, pa.Check.str_matches(SYMBOL_RE), unique=True),
        "date": _date,
        "session": pa.Column(str, [pa.Check.str_matches(SESSION_RE), pa.Check(_session_in_scope)]),
        "title": pa.Column(str, pa.Check.str_length(1, 2000), nullable=True),
        "yes": _count_col,
        "no": _count_col,
        "abstain": _count_col,
        "source_part": pa.Column(str, pa.Check.isin(["A", "B", "C"])),
        "source_ref": pa.Column(str, pa.Check.str_matches(SOURCE_REF_RE)),
    },
    checks=[
        pa.Check(_ref_matches_part, error="source_ref does not match source_part"),
        pa.Check(
            lambda f: f["session"] == f["symbol"].str.split("/").str[2],
            error="session differs from the symbol's session",
        ),
    ],
    coerce=True,
    strict=True,
)

VOTES_SCHEMA = pa.DataFrameSchema(
    {
        "symbol": _symbol,
        "date": _date,
        "iso3": pa.Column(str, pa.Check.isin(list(FOCUS))),
        "vote": _vote,
    },
    checks=[
        pa.Check(
            lambda f: f["date"] >= f["iso3"].map(UN_ADMISSION),
            error="vote row before the country's UN admission",
        ),
    ],
    unique=["symbol", "iso3"],
    coerce=True,
    strict=True,
)

AGREEMENT_SCHEMA = pa.DataFrameSchema(
    {
        "symbol": _symbol,
        "iso3": pa.Column(str, pa.Check.isin(list(FOCUS))),
        "part_x": pa.Column(str, pa.Check.isin(["A", "B"])),
        "vote_x": _vote,
        "part_y": pa.Column(str, pa.Check.isin(["B", "C"])),
        "vote_y": _vote,
        "agree": pa.Column(bool),
    },
    checks=[
        pa.Check(lambda f: f["agree"] == (f["vote_x"] == f["vote_y"]), error="agree must equal vote_x == vote_y"),
        pa.Check(lambda f: f["part_x"] < f["part_y"], error="part_x must precede part_y"),
    ],
    unique=["symbol", "iso3", "part_x", "part_y"],
    coerce=True,
    strict=True,
)

# --------------------------------------------------------------------------- tables

_COMMON_NOTES = (
    "Three parts of different standing (see unga/PROVENANCE.md): A = Voeten/unvotes (academic, "
    "to 2020-01-14), B = UN DGACM machine-readable resolutions (official; sessions 74-80, ES-10, "
    "ES-11, S-32), C = 3DL scrape of UN Digital Library records (calendar 2025, GA rows only). "
    "One source per symbol: B over A over C; cite the part in source_part.",
    "Scope: recorded GA votes on resolutions from session 46 (1991-92) onward; older votes are "
    "out of scope. Resolutions adopted without a vote are not in these tables.",
)

TABLES: list[TableSpec] = [
    TableSpec(
        name="unga_resolutions",
        description=(
            "UN General Assembly recorded votes on resolutions since session 46 (1991-92): "
            "symbol, date, session, title, stated yes/no/abstain counts and the source part."
        ),
        inputs=INPUTS,
        build=build_resolutions,
        schema=RESOLUTIONS_SCHEMA,
        sort_by=("date", "symbol"),
        notes=_COMMON_NOTES
        + (
            "Part A keeps Voeten's main roll-call series (rows with a `short` heading) and drops "
            "separate paragraph and amendment votes (para/amend = 1) and the 419 roll calls "
            "rcid 5640-6058 transcribed from meeting records (motions, paragraph votes, "
            "amendments); four of those carry a symbol not in the main series (R/63/263, "
            "R/63/307, R/66/1, R/72/164) and are not included. A counts are computed from the "
            "country votes.",
            "Voeten symbol quirks kept as found: R/50/38B/I..XII (twelve separate votes on the "
            "territories in 50/38 B) become 'A/RES/50/38 B/I' etc.; R/61/128AB becomes "
            "'A/RES/61/128 AB'.",
            "Part B: 79.jsonl.gz repeats 19 recorded resolutions and 80.jsonl.gz 2; deduplicated "
            "on symbol (repeats differ only in the spelling TÜRKİYE/TÜRKÝYE). Session 74 writes "
            "'N.A.' for a zero count. A/RES/77/293 states 59 abstentions but lists 58 names: the "
            "stated counts are kept. A/RES/79/259 A-C, 80/84 A-B, 80/236 A-B and 80/244 A-C have "
            "an empty adoption type and zero counts in B and are not taken from B (80/84 A and "
            "80/84 B come from C).",
            "Part C: the GA decision A/DEC/80/506 (a recorded vote, but not a resolution) is "
            "left out. Titles drop the library tail ' : resolution / adopted by the General "
            "Assembly'.",
            "Gaps: Part B covers session 74 only for Oct-Dec 2019 and misses some recorded votes "
            "of sessions 74-75 (about 6 and 3 per the UN Library counts). Part A itself has no "
            "roll calls after 2015-12-23 in session 70, after 2017-12-24 in session 72 and after "
            "2018-12-22 in session 73 (so nothing from Jan-Sep 2016, 2018, 2019). ES-10 is "
            "covered only by 19 (A), 21, 22, 24 (B) and 27 (C).",
        ),
    ),
    TableSpec(
        name="unga_votes",
        description=(
            "Votes of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan, Russia and "
            "China on every resolution in unga_resolutions, while a UN member: yes, no, abstain "
            "or absent (a member that did not vote)."
        ),
        inputs=INPUTS,
        build=build_votes,
        schema=VOTES_SCHEMA,
        sort_by=("date", "symbol", "iso3"),
        notes=_COMMON_NOTES
        + (
            "UN admission (https://www.un.org/en/about-us/member-states): the five Central Asian "
            "states on 1992-03-02 (resolutions 46/224, 46/225, 46/228, 46/229, 46/230); on votes "
            "before that date they have no row. Russia (Voeten 'RU', one series with the USSR) "
            "and China are members throughout.",
            "'absent' = a member state that did not vote (absent or present and not voting); no "
            "source distinguishes the two. Part A has no rows for non-voters; Part B lists only "
            "voters; Part C leaves the cell blank.",
            "A/RES/75/254 A-C (31 Dec 2020) has stated counts (168-2-0) but no names in Part B: "
            "the focus countries' votes are unknown, so it is in unga_resolutions but not here.",
            "Part B A/RES/75/290 A lists every name twice; names are deduplicated.",
        ),
    ),
    TableSpec(
        name="unga_source_agreement",
        description=(
            "Cross-source check: the focus countries' votes on every resolution present in two "
            "parts (A and B, Oct 2019 - Jan 2020; B and C, 2025), and whether they agree."
        ),
        inputs=INPUTS,
        build=build_agreement,
        schema=AGREEMENT_SCHEMA,
        sort_by=("symbol", "iso3"),
        notes=(
            "A missing Part A row for a member counts as 'absent', as do a member missing from "
            "Part B's name lists and a blank Part C cell. Resolutions without names in a part "
            "(A/RES/75/254 A-C in B) are not compared.",
        ),
    ),
]
