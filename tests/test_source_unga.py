"""Tests for the UN General Assembly votes reader (cautils.sources.unga)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pyreadr
import pytest

from cautils.errors import DataError
from cautils.pipeline import build_all, build_table, load_processed, validate
from cautils.sources import unga

TABLE_NAMES = ["unga_resolutions", "unga_votes", "unga_source_agreement"]
SPECS = {spec.name: spec for spec in unga.TABLES}
CA5 = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]

# --------------------------------------------------------------------------- fixture builders

CALL_DEFAULTS = {"session": 68.0, "short": "HEADING", "descr": "A title", "para": None, "amend": None}


def _calls(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame([{**CALL_DEFAULTS, **row} for row in rows])


def _votes(rows: list[tuple[int, str, str]]) -> pd.DataFrame:
    return pd.DataFrame([{"rcid": float(r), "country": c, "country_code": c, "vote": v} for r, c, v in rows])


def _record(
    symbol: str,
    date: str = "2 March 2022",
    *,
    yes=(),
    no=(),
    abstain=(),
    counts: tuple | None = None,
    adoption_type: str = "By a recorded vote",
    title: str = "A title",
) -> dict:
    stated = counts if counts is not None else (len(yes), len(no), len(abstain))
    return {
        "symbol": symbol,
        "title": title,
        "adoption_date": date,
        "adoption_type": adoption_type,
        "MS_in_favour": list(yes),
        "MS_against": list(no),
        "MS_abstaining": list(abstain),
        "MS_in_favour_count": str(stated[0]),
        "MS_against_count": str(stated[1]),
        "MS_abstaining_count": str(stated[2]),
    }


def _jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


C_HEAD = [
    "Link",
    "token",
    "Title",
    "Council",
    "Resolution",
    "Date",
    "YES COUNT",
    "NO COUNT",
    "ABSTAIN COUNT",
    "KAZ",
    "KGZ",
    "TJK",
    "TKM",
    "UZB",
    "RUS",
    "CHN",
    "USA",
]


def _c_row(symbol: str, date: str, votes: dict[str, str], *, council="General Assembly", counts=None, record=1) -> dict:
    row = dict.fromkeys(C_HEAD, "")
    cells = {iso: votes.get(iso, "") for iso in C_HEAD[9:]}
    yes = sum(v == "YES" for v in cells.values())
    no = sum(v == "NO" for v in cells.values())
    ab = sum(v == "ABSTAIN" for v in cells.values())
    stated = counts or (yes, no, ab)
    row.update(cells)
    row.update(
        {
            "Link": f"https://digitallibrary.un.org/record/{record}",
            "token": str(record),
            "Title": "A title : resolution / adopted by the General Assembly",
            "Council": council,
            "Resolution": symbol,
            "Date": date,
            "YES COUNT": str(stated[0]),
            "NO COUNT": str(stated[1]),
            "ABSTAIN COUNT": str(stated[2]),
        }
    )
    return row


def _csv(rows: list[dict], columns: list[str] = C_HEAD) -> str:
    return pd.DataFrame(rows, columns=columns).to_csv(index=False)


def write_mirror(
    write_raw, *, calls=None, votes=None, b: dict[str, list[dict]] | None = None, c_rows: list[dict] | None = None
) -> Path:
    """A complete small raw mirror: both .rda files, all ten jsonl.gz files, the C csv.gz."""
    root: Path = write_raw.root
    calls = calls if calls is not None else _calls([{"rcid": 1, "date": "2014-03-27", "unres": "R/68/262"}])
    votes = votes if votes is not None else _votes([(1, "KZ", "abstain")])
    for rel, frame, name in ((unga.A_CALLS, calls, "un_roll_calls"), (unga.A_VOTES, votes, "un_votes")):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        pyreadr.write_rdata(str(path), frame, df_name=name)
    b = b or {}
    for rel in unga.B_FILES:
        key = rel.rsplit("/", 1)[1].removesuffix(".jsonl.gz")
        write_raw(rel, _jsonl(b.get(key, [])))
    write_raw(unga.C_FILE, _csv(c_rows or []))
    return root


def _build(root: Path) -> dict[str, pd.DataFrame]:
    return {name: build_table(SPECS[name], root).frame for name in TABLE_NAMES}


def _vote_of(votes: pd.DataFrame, symbol: str, iso3: str) -> str | None:
    hit = votes[(votes["symbol"] == symbol) & (votes["iso3"] == iso3)]
    assert len(hit) <= 1
    return None if hit.empty else hit["vote"].iloc[0]


# --------------------------------------------------------------------------- small parsers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 March 2022", "2022-03-02"),
        ("10\u00a0March 2026", "2026-03-10"),
        ("2019-10-10 00:00:00", "2019-10-10"),
        ("2025-02-24", "2025-02-24"),
        (" 31  December 2020 ", "2020-12-31"),
    ],
)
def test_parse_date(text, expected):
    assert unga.parse_date(text, "f.jsonl.gz", "adoption_date") == expected


@pytest.mark.parametrize("text", ["", "March 2022", "31 Foo 2020", "30 February 2021", None])
def test_parse_date_rejects(text):
    with pytest.raises(DataError, match=r"f\.jsonl\.gz, field 'adoption_date', row 3"):
        unga.parse_date(text, "f.jsonl.gz", "adoption_date", 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("R/68/262", "A/RES/68/262"),
        ("R/46/34A", "A/RES/46/34 A"),
        ("R/61/128AB", "A/RES/61/128 AB"),
        ("R/50/38B/IX", "A/RES/50/38 B/IX"),
        ("A/RES/74/202", "A/RES/74/202"),
        ("A/RES/ES-10/19", "A/RES/ES-10/19"),
        ("A/RES/ES-11/1", "A/RES/ES-11/1"),
        ("A/RES/75/254 A", "A/RES/75/254 A"),
        ("A/RES/75/254\u00a0A", "A/RES/75/254 A"),
        ("A/RES/75/254 A-C", "A/RES/75/254 A-C"),
    ],
)
def test_normalise_symbol(text, expected):
    assert unga.normalise_symbol(text, "x", "unres") == expected
    assert unga.session_of(expected) == expected.split("/")[2]


@pytest.mark.parametrize("text", ["", "A/DEC/80/506", "S/RES/2623", "R/68", "A/RES/68/262 a"])
def test_normalise_symbol_rejects(text):
    with pytest.raises(DataError, match="field 'unres'"):
        unga.normalise_symbol(text, "x", "unres")


def test_clean_title_drops_library_tail():
    assert unga.clean_title("Right to food : resolution / adopted by the General Assemly") == ("Right to food")
    assert unga.clean_title("Report: part II") == "Report: part II"
    assert unga.clean_title("  ") is None


# --------------------------------------------------------------------------- part A


def test_voeten_filters_counts_and_absent_rows():
    calls = _calls(
        [
            {"rcid": 1, "session": 45.0, "date": "1991-06-01", "unres": "R/45/1"},  # out of scope
            {"rcid": 2, "session": 46.0, "date": "1991-12-01", "unres": "R/46/2A"},  # before admission
            {"rcid": 3, "session": 68.0, "date": "2014-03-27", "unres": "R/68/262"},
            {"rcid": 4, "session": 68.0, "date": "2014-03-27", "unres": "R/68/262", "para": 1.0},
            {"rcid": 5, "session": 68.0, "date": "2014-03-27", "unres": "R/68/262", "short": None},
            {"rcid": 6, "session": 68.0, "date": "2014-04-01", "unres": ""},
        ]
    )
    votes = _votes(
        [
            (2, "RU", "yes"),
            (2, "US", "no"),
            (3, "KZ", "abstain"),
            (3, "UZ", "abstain"),
            (3, "RU", "no"),
            (3, "CN", "abstain"),
            (3, "US", "yes"),
            (3, "UA", "yes"),
            (4, "KG", "yes"),
            (5, "KG", "no"),
        ]
    )
    part = unga.parse_voeten(calls, votes, "calls.rda", "votes.rda")
    res = part.resolutions.set_index("symbol")
    assert list(res.index) == ["A/RES/46/2 A", "A/RES/68/262"]
    assert res.loc["A/RES/68/262", ["yes", "no", "abstain"]].tolist() == [2, 1, 3]
    assert res.loc["A/RES/68/262", "source_ref"] == "rcid 3"
    assert res.loc["A/RES/68/262", "date"] == "2014-03-27"
    assert res.loc["A/RES/68/262", "session"] == "68"
    full = part.full_votes()
    assert _vote_of(full, "A/RES/68/262", "KAZ") == "abstain"
    assert _vote_of(full, "A/RES/68/262", "KGZ") == "absent"  # para/no-heading votes ignored
    assert _vote_of(full, "A/RES/68/262", "RUS") == "no"
    # before 1992-03-02 the Central Asian states get no row; Russia and China do
    early = full[full["symbol"] == "A/RES/46/2 A"]
    assert sorted(early["iso3"]) == ["CHN", "RUS"]
    assert _vote_of(full, "A/RES/46/2 A", "CHN") == "absent"


def test_voeten_accepts_date_objects():
    calls = _calls([{"rcid": 1, "date": dt.date(2014, 3, 27), "unres": "R/68/262"}])
    part = unga.parse_voeten(calls, _votes([(1, "KZ", "yes")]), "c.rda", "v.rda")
    assert part.resolutions["date"].tolist() == ["2014-03-27"]


def test_voeten_bad_vote_code_names_file_and_field():
    calls = _calls([{"rcid": 1, "date": "2014-03-27", "unres": "R/68/262"}])
    with pytest.raises(DataError, match=r"v\.rda, field 'vote', row 2"):
        unga.parse_voeten(calls, _votes([(1, "KZ", "yes"), (1, "UZ", "maybe")]), "c.rda", "v.rda")


def test_voeten_missing_column(write_raw):
    calls = _calls([{"rcid": 1, "date": "2014-03-27", "unres": "R/68/262"}]).drop(columns="unres")
    root = write_mirror(write_raw, calls=calls)
    with pytest.raises(DataError, match=r"un_roll_calls\.rda, field 'unres'"):
        unga.read_part_a(root)


def test_corrupt_rda_is_wrapped(write_raw):
    root = write_mirror(write_raw)
    (root / unga.A_VOTES).write_bytes(b"RDX3\nnot really R data")
    with pytest.raises(DataError, match=r"un_votes\.rda: cannot read R data file"):
        unga.read_part_a(root)


# --------------------------------------------------------------------------- part B


def test_dgacm_records_dedup_names_skip_unvoted_and_na_counts():
    recs = [
        (
            1,
            _record(
                "A/RES/75/290 A",
                "25\u00a0June 2021",
                yes=["KAZAKHSTAN", "KAZAKHSTAN", "CHINA", "CHINA"],
                abstain=["UZBEKISTAN"],
                counts=(2, 0, 1),
            ),
        ),
        (2, _record("A/RES/75/1", adoption_type="Without a vote")),
        (
            3,
            {
                **_record("A/RES/74/9", "2019-11-27 00:00:00", yes=["RUSSIAN FEDERATION"], counts=(1, 0, 0)),
                "MS_against_count": "N.A.",
            },
        ),
    ]
    rows = unga.parse_dgacm_records(recs, "75.jsonl.gz", "unxml_dgacm/75.jsonl.gz")
    assert [r["symbol"] for r in rows] == ["A/RES/75/290 A", "A/RES/74/9"]
    first = rows[0]
    assert first["date"] == "2021-06-25"
    assert first["ballots"] == {"KAZ": "yes", "CHN": "yes", "UZB": "abstain"}
    assert (first["yes"], first["no"], first["abstain"]) == (2, 0, 1)
    assert rows[1]["no"] == 0 and rows[1]["date"] == "2019-11-27"
    part = unga.combine_dgacm(rows)
    full = part.full_votes()
    assert _vote_of(full, "A/RES/75/290 A", "KAZ") == "yes"
    assert _vote_of(full, "A/RES/75/290 A", "KGZ") == "absent"
    assert len(full) == 2 * 7


def test_dgacm_duplicate_symbols_collapse_but_conflicts_fail():
    a = _record("A/RES/79/266", yes=["TÜRKİYE", "KAZAKHSTAN"])
    b = _record("A/RES/79/266", yes=["TÜRKÝYE", "KAZAKHSTAN"])
    rows = unga.parse_dgacm_records([(1, a), (2, b)], "79.jsonl.gz", "unxml_dgacm/79.jsonl.gz")
    assert len(unga.combine_dgacm(rows).resolutions) == 1
    c = _record("A/RES/79/266", no=["KAZAKHSTAN"], yes=["TURKEY"])
    rows = unga.parse_dgacm_records([(1, a), (5, c)], "79.jsonl.gz", "unxml_dgacm/79.jsonl.gz")
    with pytest.raises(DataError, match=r"79\.jsonl\.gz, field 'symbol', row 5"):
        unga.combine_dgacm(rows)


def test_dgacm_names_missing_means_unknown_not_absent(write_raw):
    rec = _record("A/RES/75/254 A-C", "31 December 2020", counts=(168, 2, 0))
    root = write_mirror(write_raw, b={"75": [rec]})
    out = _build(root)
    res = out["unga_resolutions"].set_index("symbol")
    assert res.loc["A/RES/75/254 A-C", ["yes", "no", "abstain"]].tolist() == [168, 2, 0]
    assert "A/RES/75/254 A-C" not in set(out["unga_votes"]["symbol"])


def test_dgacm_missing_symbol_key(write_raw):
    rec = _record("A/RES/ES-11/1")
    del rec["symbol"]
    root = write_mirror(write_raw, b={"ES-11": [_record("A/RES/ES-11/2"), rec]})
    with pytest.raises(DataError, match=r"ES-11\.jsonl\.gz, field 'symbol', row 2"):
        unga.read_part_b(root)


def test_dgacm_non_numeric_count(write_raw):
    rec = {**_record("A/RES/ES-11/1", yes=["KAZAKHSTAN"]), "MS_against_count": "five"}
    root = write_mirror(write_raw, b={"ES-11": [rec]})
    with pytest.raises(DataError, match=r"ES-11\.jsonl\.gz, field 'MS_against_count', row 1"):
        unga.read_part_b(root)


def test_dgacm_unknown_country(write_raw):
    rec = _record("A/RES/ES-11/1", no=["RUSSIAN FEDERATION", "ATLANTIS"])
    root = write_mirror(write_raw, b={"ES-11": [rec]})
    with pytest.raises(DataError, match=r"ES-11\.jsonl\.gz, field 'MS_against', row 1.*ATLANTIS"):
        unga.read_part_b(root)


def test_dgacm_bad_date_and_bad_json(write_raw):
    root = write_mirror(write_raw, b={"77": [_record("A/RES/77/1", "sometime in 2022")]})
    with pytest.raises(DataError, match=r"77\.jsonl\.gz, field 'adoption_date', row 1"):
        unga.read_part_b(root)
    write_raw(unga.B_FILES[3], _jsonl([_record("A/RES/77/1")]) + "{not json\n")
    with pytest.raises(DataError, match=r"77\.jsonl\.gz, row 2: invalid JSON"):
        unga.read_part_b(root)


def test_dgacm_truncated_gzip(write_raw):
    root = write_mirror(write_raw, b={"80": [_record("A/RES/80/1")] * 50})
    path = root / unga.B_FILES[6]
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DataError, match=r"80\.jsonl\.gz: cannot decompress"):
        unga.read_part_b(root)


# --------------------------------------------------------------------------- part C


def test_undl_ga_rows_only_blank_is_absent(write_raw):
    rows = [
        _c_row("A/RES/ES-11/7", "2025-02-24", {"KAZ": "ABSTAIN", "RUS": "NO", "USA": "NO"}, record=4076672),
        _c_row("S/RES/2774", "2025-02-24", {"RUS": "YES"}, council="Security Council"),
        _c_row("A/DEC/80/506", "2025-12-01", {"RUS": "YES"}),
    ]
    root = write_mirror(write_raw, c_rows=rows)
    part = unga.read_part_c(root)
    res = part.resolutions
    assert res["symbol"].tolist() == ["A/RES/ES-11/7"]
    assert res["source_ref"].iloc[0] == "https://digitallibrary.un.org/record/4076672"
    assert res["title"].iloc[0] == "A title"
    assert res[["yes", "no", "abstain"]].iloc[0].tolist() == [0, 2, 1]
    full = part.full_votes()
    assert _vote_of(full, "A/RES/ES-11/7", "KAZ") == "abstain"
    assert _vote_of(full, "A/RES/ES-11/7", "TKM") == "absent"


def test_undl_missing_date_column(write_raw):
    root = write_mirror(write_raw)
    head = [c for c in C_HEAD if c != "Date"]
    write_raw(unga.C_FILE, _csv([_c_row("A/RES/ES-11/7", "2025-02-24", {})], head))
    with pytest.raises(DataError, match=r"un_votes_2025_processed\.csv\.gz, field 'Date'"):
        unga.read_part_c(root)


def test_undl_non_numeric_count_and_bad_vote(write_raw):
    root = write_mirror(write_raw)
    rows = [_c_row("A/RES/80/1", "2025-10-01", {}), _c_row("A/RES/80/2", "2025-10-01", {}, counts=("many", 0, 0))]
    write_raw(unga.C_FILE, _csv(rows))
    with pytest.raises(DataError, match=r"csv\.gz, field 'YES COUNT', row 3"):
        unga.read_part_c(root)
    write_raw(unga.C_FILE, _csv([_c_row("A/RES/80/1", "2025-10-01", {"UZB": "MAYBE"})]))
    with pytest.raises(DataError, match=r"csv\.gz, field 'UZB', row 2"):
        unga.read_part_c(root)


# --------------------------------------------------------------------------- harmonised build


def test_overlap_preference_and_agreement(write_raw, tmp_path):
    calls = _calls(
        [
            {"rcid": 10, "session": 74.0, "date": "2019-12-18", "unres": "A/RES/74/168"},
            {"rcid": 11, "session": 74.0, "date": "2020-01-14", "unres": "R/74/267"},
        ]
    )
    votes = _votes([(10, "RU", "yes"), (10, "KZ", "yes"), (10, "US", "no"), (11, "KZ", "yes")])
    b = {
        "74": [
            _record(
                "A/RES/74/168",
                "2019-12-18 00:00:00",
                yes=["RUSSIAN FEDERATION", "KAZAKHSTAN", "UZBEKISTAN"],
                no=["UNITED STATES OF AMERICA"],
                title="Official title",
            )
        ],
        "80": [
            _record("A/RES/80/223", "18\u00a0December 2025", yes=["KAZAKHSTAN"], no=["RUSSIAN FEDERATION", "CHINA"])
        ],
    }
    c_rows = [
        _c_row("A/RES/80/223", "2025-12-18", {"KAZ": "YES", "RUS": "NO", "CHN": "NO"}, record=7),
        _c_row("A/RES/ES-11/9", "2025-12-03", {"KAZ": "ABSTAIN", "RUS": "NO"}, record=8),
    ]
    root = write_mirror(write_raw, calls=calls, votes=votes, b=b, c_rows=c_rows)
    out = _build(root)
    res = out["unga_resolutions"].set_index("symbol")
    assert res["source_part"].to_dict() == {
        "A/RES/74/168": "B",
        "A/RES/74/267": "A",
        "A/RES/ES-11/9": "C",
        "A/RES/80/223": "B",
    }
    assert res.loc["A/RES/74/168", "title"] == "Official title"
    assert res.loc["A/RES/74/168", "source_ref"] == "unxml_dgacm/74.jsonl.gz"
    assert list(out["unga_resolutions"]["symbol"]) == [  # sorted by (date, symbol)
        "A/RES/74/168",
        "A/RES/74/267",
        "A/RES/ES-11/9",
        "A/RES/80/223",
    ]
    votes_out = out["unga_votes"]
    assert len(votes_out) == 4 * 7  # every focus country on every resolution, no gaps
    assert _vote_of(votes_out, "A/RES/74/168", "UZB") == "yes"  # from B, not A
    assert _vote_of(votes_out, "A/RES/ES-11/9", "TKM") == "absent"
    agreement = out["unga_source_agreement"]
    ab = agreement[agreement["part_x"] == "A"].set_index("iso3")
    assert len(ab) == 7 and set(ab["symbol"]) == {"A/RES/74/168"}
    assert ab.loc["UZB", ["vote_x", "vote_y", "agree"]].tolist() == ["absent", "yes", False]
    assert ab.loc["KAZ", "agree"]
    bc = agreement[agreement["part_x"] == "B"]
    assert set(bc["symbol"]) == {"A/RES/80/223"} and bc["agree"].all()

    # schema round trip through CSV
    for name, frame in out.items():
        path = tmp_path / f"{name}.csv"
        frame.to_csv(path, index=False)
        back = load_processed(SPECS[name], path)
        pd.testing.assert_frame_equal(back, frame, check_dtype=False)


def test_schema_rejects_bad_rows(write_raw):
    out = _build(write_mirror(write_raw))
    bad = out["unga_votes"].copy()
    bad.loc[0, "vote"] = "maybe"
    with pytest.raises(DataError, match="unga_votes"):
        validate(SPECS["unga_votes"], bad, "test")
    early = out["unga_votes"].copy()
    early.loc[early["iso3"] == "KAZ", "date"] = "1992-01-15"
    with pytest.raises(DataError, match="before the country's UN admission"):
        validate(SPECS["unga_votes"], early, "test")


def test_specs_declare_inputs_and_notes():
    for spec in unga.TABLES:
        paths = {raw.path for raw in spec.inputs}
        assert {unga.A_CALLS, unga.A_VOTES, unga.C_FILE, *unga.B_FILES} == paths
        assert spec.notes
    assert any("session 46" in n for n in SPECS["unga_resolutions"].notes)
    assert any("75/254" in n for n in SPECS["unga_votes"].notes)
    assert set(unga.UN_ADMISSION) == set(unga.FOCUS)


# --------------------------------------------------------------------------- real mirror


@pytest.fixture(scope="module")
def real(mirror) -> unga.Harmonised:
    return unga.load_harmonised(mirror)


def _five(votes: pd.DataFrame, symbol: str) -> dict[str, str]:
    sel = votes[votes["symbol"] == symbol]
    return dict(zip(sel["iso3"], sel["vote"], strict=True))


@pytest.mark.mirror
def test_real_68_262(real):
    res = real.resolutions.set_index("symbol").loc["A/RES/68/262"]
    assert res["date"] == "2014-03-27"
    assert (res["yes"], res["no"], res["abstain"]) == (100, 11, 58)
    assert res["source_part"] == "A" and res["source_ref"] == "rcid 5309"
    assert _five(real.votes, "A/RES/68/262") == {
        "KAZ": "abstain",
        "UZB": "abstain",
        "KGZ": "absent",
        "TJK": "absent",
        "TKM": "absent",
        "RUS": "no",
        "CHN": "abstain",
    }


@pytest.mark.mirror
def test_real_es11(real):
    res = real.resolutions.set_index("symbol")
    first = res.loc["A/RES/ES-11/1"]
    assert first["date"] == "2022-03-02"
    assert (first["yes"], first["no"], first["abstain"]) == (141, 5, 35)
    for n in range(1, 10):
        symbol = f"A/RES/ES-11/{n}"
        assert res.loc[symbol, "source_part"] == ("B" if n <= 6 else "C")
        votes = _five(real.votes, symbol)
        assert set(CA5) <= set(votes), symbol
        assert votes["RUS"] == "no"


@pytest.mark.mirror
def test_real_overlaps_and_quirks(real):
    agreement = real.agreement
    pair = agreement[agreement["symbol"] == "A/RES/80/223"]
    assert len(pair) == 7 and pair["agree"].all()
    assert set(pair["part_x"] + pair["part_y"]) == {"BC"}
    assert (agreement["part_x"] == "A").any()
    res = real.resolutions
    assert res["symbol"].is_unique
    assert "A/RES/75/254 A-C" in set(res["symbol"])
    assert "A/RES/75/254 A-C" not in set(real.votes["symbol"])
    stated = res.set_index("symbol").loc["A/RES/77/293", ["yes", "no", "abstain"]].tolist()
    assert stated == [100, 9, 59]
    assert res["date"].min() >= "1991-09-17"
    assert res.loc[res["source_part"] == "C", "date"].str.startswith("2025").all()


@pytest.mark.mirror
def test_real_build_round_trip(mirror, tmp_path):
    manifest = build_all(mirror, tmp_path, only=TABLE_NAMES)
    for name in TABLE_NAMES:
        path = tmp_path / f"{name}.csv"
        assert path.stat().st_size < 1_500_000
        frame = load_processed(SPECS[name], path)
        assert len(frame) == manifest["tables"][name]["rows"] > 0
