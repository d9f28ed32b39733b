"""Tables for the Data and methods chapter, generated from the manifest and the ledger."""

from __future__ import annotations

import json

import pandas as pd

from cautils.curated import TABLES as CURATED
from cautils.curated import load_curated
from cautils.paths import MANIFEST_PATH


def _manifest() -> dict:
    return json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))


def datasets() -> pd.DataFrame:
    """One row per raw dataset: publisher, title, version, licence, inputs with sha256, tables."""
    manifest = _manifest()
    uses: dict[str, set[str]] = {}
    inputs: dict[str, set[str]] = {}
    for name, entry in manifest["tables"].items():
        for item in entry["inputs"]:
            uses.setdefault(item["dataset"], set()).add(name)
            inputs.setdefault(item["dataset"], set()).add(f"{item['path']} ({item['sha256'][:12]})")
    rows = []
    for key, record in manifest["datasets"].items():
        rows.append({"publisher": record["publisher"], "dataset": record["title"], "version": record["version"],
                     "licence": record["licence"], "raw files (sha256)": "; ".join(sorted(inputs.get(key, []))),
                     "tables": ", ".join(sorted(uses.get(key, [])))})
    return pd.DataFrame(rows)


def processed_tables() -> pd.DataFrame:
    rows = []
    for name, entry in _manifest()["tables"].items():
        coverage = entry.get("coverage")
        rows.append({"table": name, "rows": entry["rows"],
                     "years": f"{coverage['year_min']}-{coverage['year_max']}" if coverage else "",
                     "sha256": entry["sha256"][:12], "description": entry["description"]})
    return pd.DataFrame(rows)


def curated_tables() -> pd.DataFrame:
    rows = []
    for name, spec in CURATED.items():
        frame = load_curated(name)
        rows.append({"table": f"data/curated/{name}.csv", "rows": len(frame),
                     "distinct sources": frame["source_url"].nunique(), "what": spec.description})
    return pd.DataFrame(rows)


def fragile_claims() -> pd.DataFrame:
    """Claims whose verdict changes under at least one alternative method choice."""
    from cautils.report import results

    rows = []
    for r in results():
        for alt in r.robustness:
            if alt.verdict != r.verdict:
                rows.append({"claim": r.id, "verdict": r.verdict, "alternative": alt.label,
                             "verdict under it": alt.verdict, "number under it": alt.headline})
    return pd.DataFrame(rows, columns=["claim", "verdict", "alternative", "verdict under it", "number under it"])
