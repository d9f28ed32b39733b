"""Render checked claims for the book: HTML tables, claim cards, ClaimReview JSON-LD tags.

Everything shown comes from `cautils.claims` results; nothing here types a number.
"""

from __future__ import annotations

import html
import json
from functools import lru_cache

import pandas as pd

from cautils.claims import Result, Tables, evaluate_all
from cautils.claims.claimreview import claim_review
from cautils.claims.engine import load_ledgers
from cautils.claims.publish import publication_date
from cautils.claims.rubric import COLOURS, VERDICTS

THEME_TITLES = {
    "trade": "Trade", "arms": "Arms transfers", "un_votes": "UN votes", "migration": "Migration and remittances",
    "energy": "Energy", "alliances": "Alliances and events", "sanctions": "Sanctions and re-exports",
    "politics": "Politics",
}
THEME_PAGES = {t: f"theme_{t}.html" for t in THEME_TITLES if t != "politics"}


CLAIMS_CACHE_ENV = "CAUTILS_CLAIMS_CACHE"
CLAIMS_CACHE_WAIT_ENV = "CAUTILS_CLAIMS_CACHE_WAIT"


@lru_cache(maxsize=1)
def results() -> tuple[Result, ...]:
    """Every checked claim (cached for the life of the kernel). When the notebook runner has
    evaluated the ledger once for this data and code (path in $CAUTILS_CLAIMS_CACHE), the
    results are read from that file instead of being recomputed in every notebook."""
    import os
    import time
    from pathlib import Path

    cached = os.environ.get(CLAIMS_CACHE_ENV)
    if cached and os.environ.get(CLAIMS_CACHE_WAIT_ENV):
        deadline = time.monotonic() + 120  # the runner is writing it in parallel
        while not Path(cached).is_file() and time.monotonic() < deadline:
            time.sleep(0.1)
    if cached and Path(cached).is_file():
        data = json.loads(Path(cached).read_text(encoding="utf-8"))
        return tuple(Result.model_validate(item) for item in data)
    return tuple(evaluate_all(tables=Tables()))


@lru_cache(maxsize=1)
def _articles() -> dict:
    return {ledger.article.id: ledger.article for ledger in load_ledgers()}


def results_frame() -> pd.DataFrame:
    return pd.DataFrame([
        {"id": r.id, "article": r.article, "theme": r.theme, "countries": ";".join(r.countries),
         "kind": r.kind, "verdict": r.verdict, "headline": r.headline, "restatement": r.restatement,
         "robust": r.robust}
        for r in results()
    ])


def select(theme: str | None = None, country: str | None = None, article: str | None = None) -> list[Result]:
    chosen = []
    for r in results():
        if theme and r.theme != theme:
            continue
        if country and country not in r.countries:
            continue
        if article and r.article != article:
            continue
        chosen.append(r)
    return chosen


def badge(verdict: str) -> str:
    colour = COLOURS.get(verdict, "#999")
    text_colour = "#000" if verdict == "mostly supported" else "#fff"
    return (f'<span class="verdict" data-verdict="{html.escape(verdict)}" style="background:{colour};'
            f'color:{text_colour};padding:1px 7px;border-radius:9px;white-space:nowrap;font-size:0.85em">'
            f"{html.escape(verdict)}</span>")


def work_link(result: Result) -> str:
    """Where a claim's work is shown: its theme chapter's closing section, or, for claims with
    no theme chapter (politics), the claim's own card in the ledger."""
    if result.theme in THEME_PAGES:
        return f"{THEME_PAGES[result.theme]}#claims-settled-here"
    return f"ledger.html#claim-{result.id.lower()}"


def claims_table(chosen: list[Result], link_prefix: str = "", filters: bool = False) -> str:
    """An HTML table of claims (id, verdict, headline number, restatement, link to the work)."""
    rows = []
    for r in chosen:
        rows.append(
            f'<tr data-verdict="{html.escape(r.verdict)}" data-theme="{r.theme}" '
            f'data-countries="{" ".join(r.countries)}" id="row-{r.id.lower()}">'
            f'<td><a href="{link_prefix}ledger.html#claim-{r.id.lower()}">{r.id}</a></td>'
            f"<td>{badge(r.verdict)}</td><td>{html.escape(r.headline)}</td>"
            f"<td>{html.escape(r.restatement)}</td>"
            f"<td>{html.escape(THEME_TITLES.get(r.theme, r.theme))}</td>"
            f"<td>{', '.join(r.countries)}</td>"
            f'<td><a href="{link_prefix}{work_link(r)}">work</a></td></tr>'
        )
    head = ("<thead><tr><th>id</th><th>verdict</th><th>number</th><th>claim (restated)</th><th>theme</th>"
            "<th>countries</th><th>shown in</th></tr></thead>")
    return f'<table class="claims-table">{head}<tbody>{"".join(rows)}</tbody></table>'


def json_ld(result: Result) -> str:
    """A <script type="application/ld+json"> tag carrying the claim's ClaimReview."""
    review = claim_review(result, _articles()[result.article], publication_date(), f"ledger.html#claim-{result.id.lower()}")
    payload = json.dumps(review, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json">{payload}</script>'


def claim_card(result: Result, with_json_ld: bool = False) -> str:
    """Full HTML for one claim: quote, verdict, explanation, robustness, sources."""
    robustness = "".join(
        f"<li>{html.escape(alt.label)}: {badge(alt.verdict)} {html.escape(alt.headline)}</li>"
        for alt in result.robustness
    )
    sources = []
    for source in result.sources:
        if source.rows:
            for row in source.rows[:4]:
                sources.append(
                    f'<li>{html.escape(str(row.get("source_publisher", "")))}, '
                    f'“{html.escape(str(row.get("source_title", "")))}” ({html.escape(str(row.get("source_date", "")))}), '
                    f'<span class="url">{html.escape(str(row.get("source_url", "")))}</span></li>'
                )
        else:
            datasets = "; ".join(f'{d["publisher"]}, {d["title"]} ({d["version"]})' for d in source.datasets)
            sha = f", sha256 {source.sha256[:12]}…" if source.sha256 else ""
            sources.append(f"<li><code>{html.escape(source.table)}</code>{sha}: {html.escape(datasets)}</li>")
    robust_note = ("holds under every alternative" if result.robust else "changes under some alternatives") \
        if result.robustness else "no alternative method choice applies"
    parts = [
        f'<div class="claim-card" id="claim-{result.id.lower()}" data-verdict="{html.escape(result.verdict)}" '
        f'data-theme="{result.theme}" data-countries="{" ".join(result.countries)}">',
        f"<p><strong>{result.id}</strong> {badge(result.verdict)} "
        f"<em>Article {result.article}, {html.escape(result.section)}, paragraph {result.paragraph}</em></p>",
        f"<blockquote>“{html.escape(result.quote)}”</blockquote>",
        f"<p><strong>Restated:</strong> {html.escape(result.restatement)}. "
        f"<strong>Number:</strong> {html.escape(result.headline)}</p>",
        f"<p>{html.escape(result.explanation)}</p>",
        f"<p><strong>Robustness</strong> ({robust_note}):</p><ul>{robustness}</ul>" if robustness else
        f"<p><strong>Robustness:</strong> {robust_note}.</p>",
        f"<p><strong>Sources:</strong></p><ul>{''.join(sources)}</ul>" if sources else "",
        f"<p><em>Note:</em> {html.escape(result.notes)}</p>" if result.notes else "",
        json_ld(result) if with_json_ld else "",
        "</div>",
    ]
    return "\n".join(p for p in parts if p)


def verdict_summary() -> pd.DataFrame:
    frame = results_frame()
    summary = frame.groupby(["article", "verdict"]).size().rename("n").reset_index()
    summary["verdict"] = pd.Categorical(summary["verdict"], categories=VERDICTS, ordered=True)
    return summary.sort_values(["article", "verdict"])


FILTER_SCRIPT = """
<script>
(function () {
  function apply() {
    var v = document.getElementById('filter-verdict').value;
    var t = document.getElementById('filter-theme').value;
    var c = document.getElementById('filter-country').value;
    var shown = 0;
    document.querySelectorAll('.claims-table tbody tr, .claim-card').forEach(function (el) {
      var ok = (!v || el.dataset.verdict === v) && (!t || el.dataset.theme === t) &&
               (!c || (' ' + el.dataset.countries + ' ').indexOf(' ' + c + ' ') >= 0);
      el.style.display = ok ? '' : 'none';
      if (ok && el.tagName === 'TR') { shown += 1; }
    });
    document.getElementById('filter-count').textContent = shown;
  }
  function init() {
    document.querySelectorAll('.ledger-filter').forEach(function (el) { el.addEventListener('change', apply); });
    apply();
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); } else { init(); }
})();
</script>
"""


def _options(values: list[str], labels: dict[str, str] | None = None) -> str:
    return '<option value="">all</option>' + "".join(
        f'<option value="{html.escape(v)}">{html.escape((labels or {}).get(v, v))}</option>' for v in values)


def ledger_filters(chosen: list[Result]) -> str:
    """Filter controls for the ledger (verdict, theme, country): plain HTML and a small inline
    script with no dependencies, so it works offline."""
    verdicts = [v for v in VERDICTS if any(r.verdict == v for r in chosen)]
    themes = sorted({r.theme for r in chosen})
    countries = sorted({c for r in chosen for c in r.countries})
    from cautils.countries import short_name

    return (
        '<form class="ledger-filters" onsubmit="return false" style="margin:0.5em 0 1em 0">'
        f'<label>Verdict <select id="filter-verdict" class="ledger-filter">{_options(verdicts)}</select></label> '
        f'<label>Theme <select id="filter-theme" class="ledger-filter">{_options(themes, THEME_TITLES)}</select></label> '
        f'<label>Country <select id="filter-country" class="ledger-filter">'
        f'{_options(countries, {c: short_name(c) for c in countries})}</select></label> '
        f'<span>showing <span id="filter-count">{len(chosen)}</span> of {len(chosen)} claims</span>'
        "</form>" + FILTER_SCRIPT
    )
