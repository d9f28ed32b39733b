"""Tables for the Data and methods chapter, generated from the manifest and the ledger."""

from __future__ import annotations

import html
import json

import pandas as pd

from cautils.curated import TABLES as CURATED
from cautils.curated import load_curated
from cautils.paths import MANIFEST_PATH
from cautils.tabledisplay import html_table


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
        rows.append(
            {
                "publisher": record["publisher"],
                "dataset": record["title"],
                "version": record["version"],
                "licence": record["licence"],
                "raw files (sha256)": "; ".join(sorted(inputs.get(key, []))),
                "tables": ", ".join(sorted(uses.get(key, []))),
            }
        )
    return pd.DataFrame(rows)


def processed_tables() -> pd.DataFrame:
    rows = []
    for name, entry in _manifest()["tables"].items():
        coverage = entry.get("coverage")
        rows.append(
            {
                "table": name,
                "rows": entry["rows"],
                "years": f"{coverage['year_min']}-{coverage['year_max']}" if coverage else "",
                "sha256": entry["sha256"][:12],
                "description": entry["description"],
            }
        )
    return pd.DataFrame(rows)


def curated_tables() -> pd.DataFrame:
    rows = []
    for name, spec in CURATED.items():
        frame = load_curated(name)
        rows.append(
            {
                "table": f"data/curated/{name}.csv",
                "rows": len(frame),
                "distinct sources": frame["source_url"].nunique(),
                "what": spec.description,
            }
        )
    return pd.DataFrame(rows)


def datasets_html() -> str:
    """Each raw dataset as an entry with an anchor (`#dataset-<key>`) that claim pages link to:
    publisher, title, version, licence, citation, the raw files with their sha256, the tables."""
    manifest = _manifest()
    inputs: dict[str, set[str]] = {}
    uses: dict[str, set[str]] = {}
    for name, entry in manifest["tables"].items():
        for item in entry["inputs"]:
            uses.setdefault(item["dataset"], set()).add(name)
            inputs.setdefault(item["dataset"], set()).add(f"{item['path']} (sha256 {item['sha256'][:12]})")
    out = []
    for key, record in manifest["datasets"].items():
        url = str(record.get("url") or "")
        link = f' <a href="{html.escape(url)}">publisher page</a>' if url.startswith(("http://", "https://")) else ""
        files = "".join(f"<li><code>{html.escape(f)}</code></li>" for f in sorted(inputs.get(key, [])))
        out.append(
            f'<section class="source-entry" id="dataset-{html.escape(key)}"><h3>{html.escape(record["publisher"])}: '
            f"{html.escape(record['title'])}</h3><dl><dt>Version</dt><dd>{html.escape(record['version'])}</dd>"
            f"<dt>Licence</dt><dd>{html.escape(record['licence'])}</dd>"
            f"<dt>Cite as</dt><dd>{html.escape(record.get('citation', ''))}{link}</dd>"
            f"<dt>Raw files</dt><dd><ul>{files}</ul></dd>"
            f"<dt>Processed tables</dt><dd>{html.escape(', '.join(sorted(uses.get(key, []))))}</dd></dl></section>"
        )
    return "\n".join(out)


def curated_html() -> str:
    """Each curated table as an entry with an anchor (`#curated-<name>`): what it holds, its rows
    and its distinct sources."""
    out = []
    for name, spec in CURATED.items():
        frame = load_curated(name)
        out.append(
            f'<section class="source-entry" id="curated-{html.escape(name)}">'
            f"<h3><code>data/curated/{html.escape(name)}.csv</code></h3><p>{html.escape(spec.description)}</p>"
            f"<p>{len(frame)} rows citing {frame['source_url'].nunique()} distinct "
            "public sources (publisher, title, date and URL on every row).</p></section>"
        )
    return "\n".join(out)


def sipri_releases() -> list[int]:
    from cautils.parameters import releases

    return releases()


def fragile_claims() -> pd.DataFrame:
    """Claims whose verdict changes under at least one alternative method choice."""
    from cautils.report import results

    rows = []
    for r in results(("verdict", "robustness")):
        for alt in r.robustness:
            if alt.claim_verdict != r.verdict:
                rows.append(
                    {
                        "claim": r.id,
                        "verdict": r.verdict,
                        "alternative": alt.label,
                        "verdict under it": alt.claim_verdict,
                        "number under it": alt.headline,
                    }
                )
    return pd.DataFrame(rows, columns=["claim", "verdict", "alternative", "verdict under it", "number under it"])


def fragile_html() -> str:
    """`fragile_claims` as a table with links to the claim pages and verdict badges."""
    from cautils.report import badge, claim_link, results

    by_id = {r.id: r for r in results(("verdict", "robustness"))}
    frame = fragile_claims()
    if frame.empty:
        return "<p>No verdict changes under any alternative method choice.</p>"
    rows = "".join(
        f"<tr><td>{claim_link(by_id[row.claim])}</td><td>{badge(row.verdict)}</td><td>{html.escape(row.alternative)}</td>"
        f"<td>{badge(row._4)}</td><td>{html.escape(row._5)}</td></tr>"
        for row in frame.itertuples()
    )
    headers = ["claim", "verdict", "alternative method choice", "verdict under it", "the number under it"]
    return f"<p>{len(frame)} alternatives change the verdict of {frame['claim'].nunique()} claims.</p>" + html_table(
        headers, [rows], "fragile-table"
    )
