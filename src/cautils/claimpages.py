"""A page per claim (build/pages/claims/<ID>.md), written from the evaluated ledger.

Each page leads with the verdict and the quote, then a plain-language finding with the deciding
numbers, the evidence chart of every quantitative part (with its data as CSV beside it), the
verdict under each alternative method choice, what happened (for estimates), the sources as
short citations linking to Data and methods, any correction, how to rerun and cite it, and the
claim's one ClaimReview. Pages are rewritten only when their content changes, so editing one
claim re-renders only its own page.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from cautils.claims.models import PartResult, Result
from cautils.fingerprint import code_hash, sha256_text
from cautils.io import atomic_write_bytes
from cautils.paths import PROJECT_ROOT
from cautils.tabledisplay import html_table

PAGES_DIR = PROJECT_ROOT / "claims"
METHODS = "../build/executed/methods.html"
HERE = Path(__file__).resolve()


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _md(text: str) -> str:
    """Plain text safe inside MyST markdown (no roles, no substitutions, no raw HTML)."""
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace("{", "\\{")
        .replace("}", "\\}")
        .replace("<", "&lt;")
        .replace("*", "\\*")
        .replace("_", "\\_")
        .replace("`", "\\`")
        .replace("$", "\\$")
    )


def badge(verdict: str) -> str:
    from cautils.report import badge as _badge

    return _badge(verdict)


def _curated_name(table: str) -> str:
    return table.split("/")[-1].removesuffix(".csv")


def _source_citations(result: Result) -> list[str]:
    out = []
    seen: set[object] = set()
    for source in result.sources:
        if source.rows:
            for row in source.rows:
                key = (row.get("source_url"), row.get("source_title"))
                if key in seen:
                    continue
                seen.add(key)
                out.append(
                    f"<li>{_esc(row.get('source_publisher', ''))}, “{_esc(row.get('source_title', ''))}” "
                    f'({_esc(row.get("source_date", ""))}), <a href="{_esc(row.get("source_url", ""))}">source</a> '
                    f'· <a href="{METHODS}#curated-{_esc(_curated_name(source.table))}">curated table</a></li>'
                )
        else:
            for dataset in source.datasets:
                dataset_key = dataset["key"]
                if dataset_key in seen:
                    continue
                seen.add(dataset_key)
                out.append(
                    f'<li><a href="{METHODS}#dataset-{_esc(dataset_key)}">{_esc(dataset["publisher"])}, '
                    f"{_esc(dataset['title'])}</a> ({_esc(dataset['version'])}); table "
                    f"<code>{_esc(source.table)}</code>, sha256 <code>{_esc((source.sha256 or '')[:12])}</code></li>"
                )
    return out


def _part_row(part: PartResult) -> str:
    return f"<tr><td>{_esc(part.label)}</td><td>{badge(part.verdict)}</td><td>{_esc(part.headline)}</td></tr>"


def _robustness_table(result: Result) -> str:
    reasons = "".join(
        f"<p>{_esc(part.label or 'The check')}: no alternative method choice applies. {_esc(part.no_alternative)}</p>"
        for part in result.parts
        if part.no_alternative
    )
    if not result.robustness:
        return reasons or "<p>No alternative method choice applies to this claim's checks.</p>"
    rows = "".join(
        f"<tr><td>{_esc(alt.label)}</td><td>{badge(alt.verdict)}</td><td>{_esc(alt.headline)}</td>"
        f"<td>{badge(alt.claim_verdict)}</td></tr>"
        for alt in result.robustness
    )
    note = (
        "The verdict holds under every alternative."
        if result.robust
        else "The verdict changes under at least one alternative."
    )
    headers = ["alternative method choice", "verdict of the part", "number", "verdict of the claim"]
    return f"<p>{note}</p>" + html_table(headers, [rows], "claim-table") + reasons


def _nav(neighbours: tuple[str | None, str | None]) -> str:
    """Links back to the ledger and to the previous and next claim."""
    before, after = neighbours
    links = ['<a href="index.html">← the claim ledger</a>']
    if before:
        links.append(f'<a href="{before}.html" rel="prev">previous claim: {before}</a>')
    if after:
        links.append(f'<a href="{after}.html" rel="next">next claim: {after}</a>')
    return f'<nav class="claim-nav" aria-label="claims">{" · ".join(links)}</nav>'


def render(
    result: Result,
    base_url: str,
    charts: list[tuple[str, str, str]],
    review_json: str,
    neighbours: tuple[str | None, str | None] = (None, None),
) -> str:
    """The page's MyST markdown (charts: (png name, csv name, alt text) per charted part)."""
    from cautils.citation import claim_bibtex
    from cautils.report import article_label

    finding = " ".join(
        f"{p.label[:1].upper() + p.label[1:]}: {p.headline} ({p.verdict})."
        if len(result.parts) > 1
        else f"{p.headline} ({p.verdict})."
        for p in result.parts
    )
    lines = [
        "---",
        "orphan: true  # reached from the ledger index, not listed in the navigation",
        "---",
        "",
        f"# {result.id}: {_md(result.restatement)}",
        "",
        "```{raw} html",
        _nav(neighbours),
        "```",
        "",
        "```{raw} html",
        f'<div class="claim-verdict">{badge(result.verdict)}</div>',
        f'<blockquote class="claim-quote">“{_esc(result.quote)}”<br>'
        f'<span class="claim-where">{_esc(article_label(result.article))}, '
        f"section “{_esc(result.section)}”, paragraph {result.paragraph}</span></blockquote>",
        f"<p><strong>Finding.</strong> {_esc(finding)}</p>",
        "```",
        "",
        "## Evidence",
        "",
        "```{raw} html",
        html_table(
            ["part of the claim", "verdict", "deciding number"], [_part_row(p) for p in result.parts], "claim-table"
        ),
    ]
    lines += ["```", ""]
    for index, part in enumerate(result.parts, start=1):
        if len(result.parts) > 1:
            lines += [f"### {_md(part.label[:1].upper() + part.label[1:])}", ""]
        html_bits = [f"<p>{_esc(part.explanation)}</p>"]
        if part.notes:
            html_bits.append(f"<p class='claim-note'><em>Note:</em> {_esc(part.notes)}</p>")
        if part.actual:
            html_bits.append(
                f"<p><strong>What happened ({_esc(part.actual.label)}):</strong> {_esc(part.actual.headline)}. "
                f"{_esc(part.actual.explanation)}</p>"
            )
        lines += ["```{raw} html", *html_bits, "```", ""]
        for png, csv, alt in charts:
            if png.startswith(f"{result.id}-{index}."):
                lines += [
                    f"```{{figure}} {png}",
                    f":alt: {alt}",
                    ":width: 700px",
                    ":class: claim-chart",
                    "",
                    f"{_md(alt)} {{download}}`Download the chart's data (CSV) <{csv}>`",
                    "```",
                    "",
                ]
    if result.notes:
        lines += ["```{raw} html", f"<p class='claim-note'><em>Note:</em> {_esc(result.notes)}</p>", "```", ""]
    lines += ["## Under other method choices", "", "```{raw} html", _robustness_table(result), "```", ""]
    citations = _source_citations(result)
    listed = (
        "<ul>" + "".join(citations) + "</ul>"
        if citations
        else "<p class='no-source'>No data source: this claim is not checked against data (see the finding).</p>"
    )
    lines += ["## Sources", "", "```{raw} html", listed, "```", ""]
    if result.corrections:
        items = "".join(
            f"<li>{_esc(c.date)}: {badge(c.old)} → {badge(c.new)}. {_esc(c.reason)} "
            f"<em>What changed:</em> {_esc(c.data_changed)}</li>"
            for c in result.corrections
        )
        lines += ["## Correction", "", "```{raw} html", f"<ul class='corrections'>{items}</ul>", "```", ""]
    lines += [
        "## Rerun and cite",
        "",
        "Rerun this claim's evidence from the repository (results as JSON, evidence rows included):",
        "",
        "```bash",
        f"cautils claims --only {result.id} --format json",
        "```",
        "",
        f"First published {result.published.date}; last reviewed {result.reviewed}. Cite as:",
        "",
        "```bibtex",
        claim_bibtex(result),
        "```",
        "",
        "```{raw} html",
        f'<script type="application/ld+json">{review_json}</script>',
        "```",
        "",
    ]
    return "\n".join(line for line in lines if line is not None) + "\n"


def index_page(results: list[Result]) -> str:
    """The claim ledger: every claim on one line (verdict, what the article says), linked to its
    page, filterable and sortable offline; then the rubric."""
    from cautils.claims.rubric import rubric_markdown
    from cautils.report import claims_index

    return (
        "# The claim ledger\n\n"
        "Every checkable claim of the two articles, one line each: its verdict and what the article says, "
        "restated. Each line links to the claim's own page, which shows the quote, the finding, the evidence "
        "chart, the verdict under other method choices and the sources. Filter by verdict, theme, country or "
        "article and sort by any column (this works offline).\n\n"
        "```{raw} html\n"
        '<p>The whole ledger is also published as JSON (<a href="../claims.json">claims.json</a>) and as '
        'schema.org ClaimReview JSON-LD (<a href="../claimreview.jsonld">claimreview.jsonld</a>).</p>\n'
        + claims_index(results, link_prefix="", compact=True)
        + "\n```\n\n"
        "## The rubric\n\n" + rubric_markdown() + "\n"
    )


RENDERER_FILES = ("claimpages.py", "report.py", "citation.py", "plots.py", "countries.py", "config.py")


def renderer_hash(articles: dict) -> str:
    """Everything a claim page depends on besides its result: the rendering code, the claims
    package (charts, ClaimReview), the citation file and the articles' metadata."""
    from cautils.citation import CFF_PATH

    parts = [code_hash(HERE.parent / "claims")] + [sha256_text((HERE.parent / f).read_text()) for f in RENDERER_FILES]
    parts.append(sha256_text(CFF_PATH.read_text()) if CFF_PATH.is_file() else "")
    parts.append(sha256_text(json.dumps({k: a.model_dump(mode="json") for k, a in sorted(articles.items())})))
    return sha256_text("".join(parts))


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    atomic_write_bytes(path, data)
    return True


def write_claim_pages(results: list[Result], out_dir: Path = PAGES_DIR) -> list[str]:
    """Write every claim's page, charts and CSVs; returns the claim ids whose files changed."""
    from cautils.claims.claimreview import claim_review
    from cautils.claims.engine import load_ledgers
    from cautils.config import base_url

    out_dir.mkdir(parents=True, exist_ok=True)
    articles = {ledger.article.id: ledger.article for ledger in load_ledgers()}
    url = base_url()
    renderer = renderer_hash(articles)
    written = []
    ids = [r.id for r in results]
    for position, result in enumerate(results):
        neighbours = (ids[position - 1] if position else None, ids[position + 1] if position + 1 < len(ids) else None)
        stamp_path = out_dir / f".{result.id}.stamp"
        stamp = sha256_text(result.model_dump_json() + url + renderer + json.dumps(neighbours))
        if stamp_path.is_file() and stamp_path.read_text() == stamp and (out_dir / f"{result.id}.md").is_file():
            continue
        from cautils.claims import charts

        made = []
        for index, part in enumerate(result.parts, start=1):
            out = charts.chart_for(part)
            if out is None:
                continue
            fig, data, alt = out
            png, csv = f"{result.id}-{index}.png", f"{result.id}-{index}.csv"
            import io

            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", metadata={"Software": None})
            charts.close(fig)
            _write_if_changed(out_dir / png, buffer.getvalue())
            _write_if_changed(out_dir / csv, data.to_csv(index=False).encode("utf-8"))
            made.append((png, csv, alt))
        review = claim_review(result, articles[result.article], url)
        review_json = json.dumps(review, ensure_ascii=False).replace("</", "<\\/")
        changed = _write_if_changed(
            out_dir / f"{result.id}.md", render(result, url, made, review_json, neighbours).encode("utf-8")
        )
        stamp_path.write_text(stamp)
        if changed:
            written.append(result.id)
    _write_if_changed(out_dir / "index.md", index_page(results).encode("utf-8"))
    _remove_stale(out_dir, {r.id for r in results})
    return written


def _remove_stale(out_dir: Path, ids: set[str]) -> None:
    """Files of claims no longer in the ledger go (a removed claim has no page)."""
    for path in out_dir.iterdir():
        claim = path.name.lstrip(".").split(".")[0].split("-")[0]
        if path.name not in ("index.md",) and claim not in ids:
            path.unlink()
