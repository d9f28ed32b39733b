"""Hand-curated facts in data/curated/: every row cites publisher, title, date and URL.

Each table is a CSV validated by a pandera schema. A row without a complete source is an
error naming the file, the row and the missing field.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from cautils.countries import to_iso3
from cautils.errors import DataError
from cautils.paths import CURATED_DIR

DATE_RE = r"^\d{4}(-\d{2}(-\d{2})?)?$"  # YYYY, YYYY-MM or YYYY-MM-DD
ISO3_RE = r"^[A-Z]{3}$"
ISO3_LIST_RE = r"^[A-Z]{3}(;[A-Z]{3})*$"

CITATION_COLUMNS = ("source_publisher", "source_title", "source_date", "source_url")


def _citation_columns() -> dict[str, pa.Column]:
    return {
        "source_publisher": pa.Column(str, pa.Check.str_length(min_value=2)),
        "source_title": pa.Column(str, pa.Check.str_length(min_value=3)),
        "source_date": pa.Column(str, pa.Check.str_matches(DATE_RE)),
        "source_url": pa.Column(str, pa.Check.str_matches(r"^https?://\S+$")),
    }


def _schema(columns: dict[str, pa.Column], unique: list[str] | None = None) -> pa.DataFrameSchema:
    return pa.DataFrameSchema({**columns, **_citation_columns()}, strict=True, coerce=True, unique=unique)


@dataclass(frozen=True)
class CuratedTable:
    name: str
    description: str
    schema: pa.DataFrameSchema
    country_columns: tuple[str, ...] = ()


# How far a public source establishes a fact: confirmed; reported but neither confirmed nor
# denied; or officially denied by a party to it.
STATUSES = ["confirmed", "reported_unconfirmed", "officially_denied"]

MEMBERSHIP_EVENTS = ["signed", "joined", "ratified", "observer", "suspended", "left", "rejoined"]

TABLES: dict[str, CuratedTable] = {
    t.name: t
    for t in [
        CuratedTable(
            "memberships",
            "Membership events of the five (and Russia, China) in CSTO/CST, SCO, EAEU, CIS, UN: "
            "one row per event (joined, left, suspended...), each with its own source.",
            _schema(
                {
                    "country_iso3": pa.Column(str, pa.Check.str_matches(ISO3_RE)),
                    "organisation": pa.Column(
                        str, pa.Check.isin(["CSTO", "SCO", "EAEU", "CIS", "UN", "Shanghai Five", "NATO PfP"])
                    ),
                    "event": pa.Column(str, pa.Check.isin(MEMBERSHIP_EVENTS)),
                    "date": pa.Column(str, pa.Check.str_matches(DATE_RE)),
                    "note": pa.Column(str, nullable=True),
                }
            ),
            ("country_iso3",),
        ),
        CuratedTable(
            "military_facilities",
            "Foreign military bases and facilities in the five, with dates.",
            _schema(
                {
                    "facility_id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9_]+$")),
                    "name": pa.Column(str),
                    "host_iso3": pa.Column(str, pa.Check.str_matches(ISO3_RE)),
                    "operator_iso3": pa.Column(str, pa.Check.str_matches(ISO3_RE)),
                    "kind": pa.Column(str),
                    "location": pa.Column(str, nullable=True),
                    "event": pa.Column(str),
                    "date": pa.Column(str, pa.Check.str_matches(DATE_RE)),
                    "status": pa.Column(str, pa.Check.isin(["confirmed", "officially_denied", "reported_unconfirmed"])),
                    "note": pa.Column(str, nullable=True),
                }
            ),
            ("host_iso3", "operator_iso3"),
        ),
        CuratedTable(
            "deployments",
            "Collective deployments in the region, and requests that were refused.",
            _schema(
                {
                    "deployment_id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9_]+$")),
                    "host_iso3": pa.Column(str, pa.Check.str_matches(ISO3_RE)),
                    "organisation": pa.Column(str),
                    "requested_by": pa.Column(str, nullable=True),
                    "date_start": pa.Column(str, pa.Check.str_matches(DATE_RE)),
                    "date_end": pa.Column(str, pa.Check.str_matches(DATE_RE), nullable=True),
                    "outcome": pa.Column(str, pa.Check.isin(["deployed", "refused", "requested", "withdrawn"])),
                    "status": pa.Column(str, pa.Check.isin(["confirmed", "reported_unconfirmed"])),
                    "measure": pa.Column(str, nullable=True),
                    "value": pa.Column(float, nullable=True),
                    "unit": pa.Column(str, nullable=True),
                    "note": pa.Column(str, nullable=True),
                }
            ),
            ("host_iso3",),
        ),
        CuratedTable(
            "leader_meetings",
            "Putin's trips to each of the five (2020-2025) and, kept apart, his meetings with "
            "their leaders held elsewhere.",
            _schema(
                {
                    "leader": pa.Column(str),
                    "date_start": pa.Column(str, pa.Check.str_matches(DATE_RE)),
                    "date_end": pa.Column(str, pa.Check.str_matches(DATE_RE), nullable=True),
                    "counterpart_iso3": pa.Column(str, pa.Check.str_matches(ISO3_LIST_RE)),
                    "place_iso3": pa.Column(str, pa.Check.str_matches(ISO3_RE)),
                    "city": pa.Column(str, nullable=True),
                    "kind": pa.Column(str, pa.Check.isin(["visit_to_country", "meeting_elsewhere"])),
                    "occasion": pa.Column(str, nullable=True),
                    "note": pa.Column(str, nullable=True),
                }
            ),
            ("place_iso3",),
        ),
        CuratedTable(
            "chp_items",
            "The G7/EU Common High Priority List of battlefield items (six-digit HS codes by tier), "
            "which Russia seeks for its weapons programmes.",
            _schema(
                {
                    "hs6": pa.Column(str, pa.Check.str_matches(r"^\d{6}$")),
                    "tier": pa.Column(str, pa.Check.isin(["1", "2", "3.A", "3.B", "4.A", "4.B"])),
                    "note": pa.Column(str, nullable=True),
                },
                unique=["hs6"],
            ),
        ),
        CuratedTable(
            "facts",
            "Stated facts with a text value (a post held, a career, a place, a name), for claims "
            "whose check compares words rather than numbers; one row per source.",
            _schema(
                {
                    "fact_id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9_]+$")),
                    "subject": pa.Column(str),
                    "attribute": pa.Column(str),
                    "value": pa.Column(str),
                    "date": pa.Column(str, pa.Check.str_matches(DATE_RE), nullable=True),
                    "date_end": pa.Column(str, pa.Check.str_matches(DATE_RE), nullable=True),
                    "countries": pa.Column(str, pa.Check.str_matches(ISO3_LIST_RE), nullable=True),
                    "status": pa.Column(str, pa.Check.isin(STATUSES)),
                    "note": pa.Column(str, nullable=True),
                }
            ),
        ),
        CuratedTable(
            "quotes",
            "Words attributed to named people, as a public source records them (speaker, date, "
            "occasion, the words in the source's language or translation).",
            _schema(
                {
                    "quote_id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9_]+$")),
                    "speaker": pa.Column(str),
                    "date": pa.Column(str, pa.Check.str_matches(DATE_RE)),
                    "occasion": pa.Column(str),
                    "text": pa.Column(str, pa.Check.str_length(min_value=8)),
                    "language": pa.Column(str, pa.Check.isin(["en", "ru", "kk", "uz", "tg", "zh", "it"])),
                    "translation": pa.Column(str, pa.Check.isin(["original", "source's translation"])),
                    "note": pa.Column(str, nullable=True),
                }
            ),
        ),
        CuratedTable(
            "events",
            "Dated events and quantities the articles cite (death tolls, arrivals, attacks, "
            "resolutions, gas deliveries), each with its source.",
            _schema(
                {
                    "event_id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9_]+$")),
                    "date": pa.Column(str, pa.Check.str_matches(DATE_RE)),
                    "date_end": pa.Column(str, pa.Check.str_matches(DATE_RE), nullable=True),
                    "countries": pa.Column(str, pa.Check.str_matches(ISO3_LIST_RE)),
                    "category": pa.Column(str),
                    "description": pa.Column(str),
                    "measure": pa.Column(str, nullable=True),
                    "value": pa.Column(float, nullable=True),
                    "unit": pa.Column(str, nullable=True),
                    "note": pa.Column(str, nullable=True),
                }
            ),
        ),
    ]
}


def load_curated(name: str, directory: Path = CURATED_DIR) -> pd.DataFrame:
    """Load and validate one curated table; errors name the file, row and field."""
    from cautils import deps

    deps.record("curated", name)
    return _load_cached(name, str(directory)).copy()


@lru_cache(maxsize=32)
def _load_cached(name: str, directory: str) -> pd.DataFrame:
    if name not in TABLES:
        raise KeyError(f"no curated table {name!r}; known: {', '.join(TABLES)}")
    spec = TABLES[name]
    path = Path(directory) / f"{name}.csv"
    if not path.is_file():
        raise DataError(path, "curated table not found")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    expected = list(spec.schema.columns)
    missing = [c for c in expected if c not in frame.columns]
    if missing:
        raise DataError(
            path, f"missing column(s) {missing}", field=missing[0], expected=f"columns {', '.join(expected)}"
        )
    for column in CITATION_COLUMNS:
        blank = frame[column].isna() | (frame[column].astype(str).str.strip() == "")
        if blank.any():
            row = int(blank.to_numpy().nonzero()[0][0]) + 2
            raise DataError(
                path,
                "row has no source",
                field=column,
                row=row,
                expected="publisher, title, date and URL of a public source",
            )
    try:
        validated = spec.schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        case = exc.failure_cases.iloc[0]
        failed_row = int(case["index"]) + 2 if pd.notna(case["index"]) else None
        raise DataError(
            path,
            f"check {case['check']!r} failed on {case['failure_case']!r}",
            field=str(case["column"]),
            row=failed_row,
        ) from exc
    for column in spec.country_columns:
        for i, value in enumerate(validated[column]):
            to_iso3(value, f"{path}, row {i + 2}, field '{column}'")
    return validated


def clear_cache() -> None:
    _load_cached.cache_clear()
