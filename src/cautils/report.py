"""Render checked claims for the book: the ledger index, annotated articles, claim lists.

Everything shown comes from `cautils.claims` results; nothing here types a number. Notebooks
get the results of this build from the file the runner passes them (`use`); what a notebook
shows is recorded (`cautils.deps`) so only pages showing a changed claim re-run.
"""

from __future__ import annotations

import html
import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from cautils import deps
from cautils.claims import Result, Tables, evaluate_all
from cautils.claims.engine import load_ledgers
from cautils.claims.rubric import COLOURS, VERDICTS
from cautils.tabledisplay import html_table, scroll_box

THEME_TITLES = {
    "trade": "Trade",
    "arms": "Arms transfers",
    "un_votes": "UN votes",
    "migration": "Migration and remittances",
    "energy": "Energy",
    "alliances": "Alliances and events",
    "sanctions": "Sanctions and re-exports",
    "politics": "Politics",
}
CLAIMS_FROM_CHAPTER = "../../claims/"  # from build/executed/<page>.html to claims/<ID>.html
_source: dict[str, str | None] = {"path": None}


def use(claims_path: str | Path | None) -> None:
    """Read the claims from this build's results file (None: evaluate the ledger here)."""
    _source["path"] = str(claims_path) if claims_path else None


def in_book() -> bool:
    """Whether this notebook runs for the book (the runner passed the ledger results' path)."""
    return bool(_source["path"])


@lru_cache(maxsize=4)
def _read(path: str, mtime: float) -> tuple[Result, ...]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return tuple(Result.model_validate(item) for item in data)


@lru_cache(maxsize=1)
def _evaluated() -> tuple[Result, ...]:
    return tuple(evaluate_all(tables=Tables()))


def _all() -> tuple[Result, ...]:
    path = _source["path"]
    if path:
        return _read(path, Path(path).stat().st_mtime)
    return _evaluated()


# What a page shows of a claim, by renderer (a page depends on those fields only; no `fields`
# means on everything a chapter can show of it: `cautils.claims.cache.display_hash`).
LIST_FIELDS = ("verdict", "restatement", "corrections")
ANNOTATION_FIELDS = ("verdict", "quote", "corrections")
COUNT_FIELDS = ("article", "verdict", "robust")


def _dependency(claim: str, fields: tuple[str, ...] | None) -> str:
    return f"{claim}@{','.join(fields)}" if fields else claim


def results(fields: tuple[str, ...] | None = None) -> tuple[Result, ...]:
    """Every checked claim: the page then depends on every claim (on these fields, if given)."""
    deps.record("claims", _dependency("*", fields))
    return _all()


def select(
    theme: str | None = None,
    country: str | None = None,
    article: str | None = None,
    fields: tuple[str, ...] | None = None,
) -> list[Result]:
    """The claims of a theme, country or article (the page depends on exactly these, and on the
    given fields of them if `fields` is set)."""
    chosen = [
        r
        for r in _all()
        if (not theme or r.theme == theme)
        and (not country or country in r.countries)
        and (not article or r.article == article)
    ]
    # the page depends on which claims match (a claim added to the article counts) and on them
    query = "?" + "&".join(f"{k}={v or ''}" for k, v in (("theme", theme), ("country", country), ("article", article)))
    deps.record("claims", _dependency(query, fields))
    return chosen


@lru_cache(maxsize=1)
def _ledgers() -> dict:
    """Article id -> (its ledger file, the ledger)."""
    from cautils.claims.engine import ledger_files, load_ledger_file

    load_ledgers()  # validates the set (ids unique, claims in their article's file)
    out = {}
    for path in ledger_files():
        ledger = load_ledger_file(path)
        out[ledger.article.id] = (path, ledger)
    return out


def ledger_of(article_id: str, part: str = "article"):
    """The article's ledger; the page then depends on that part of it: its `article` metadata or
    its `sentences` listings (not on its claims, which pages read through `select`)."""
    _, ledger = _ledgers()[article_id]
    deps.record("ledger", f"{article_id}:{part}")
    return ledger


def claim_check(claim_id: str, part: int = 0):
    """The check (evaluator, params, robustness alternatives) of one part of a claim, as the
    ledger states it, so a chapter can quote the windows and thresholds the claim is judged on.
    The page then depends on that claim (its displayed result, which changes with its check)."""
    for _, ledger in _ledgers().values():
        for claim in ledger.claims:
            if claim.id == claim_id:
                deps.record("claims", _dependency(claim_id, None))
                return claim.parts[part].check
    raise KeyError(f"no claim {claim_id!r} in the ledgers")


def article_label(article_id: str) -> str:
    article = ledger_of(article_id).article
    who = " and ".join(a.name for a in article.authors)
    return f"Article {article_id} ({who})" if who else f"Article {article_id}"


FRAME_COLUMNS = ["id", "article", "theme", "countries", "kind", "verdict", "headline", "restatement", "robust"]


def results_frame(chosen: list[Result] | tuple[Result, ...] | None = None) -> pd.DataFrame:
    """One row per claim (every claim unless `chosen`): id, article, theme, verdict and more
    (the columns are there even when no claim is chosen)."""
    return (
        pd.DataFrame(columns=FRAME_COLUMNS)
        if chosen is not None and not chosen
        else pd.DataFrame(
            [
                {
                    "id": r.id,
                    "article": r.article,
                    "theme": r.theme,
                    "countries": ";".join(r.countries),
                    "kind": r.kind,
                    "verdict": r.verdict,
                    "headline": r.headline,
                    "restatement": r.restatement,
                    "robust": r.robust,
                }
                for r in (results() if chosen is None else chosen)
            ]
        )
    )


TEXT_ON = {"supported": "#ffffff", "mostly supported": "#000000", "contradicted": "#ffffff", "not checkable": "#ffffff"}


def badge(verdict: str) -> str:
    colour = COLOURS.get(verdict, "#555555")
    return (
        f'<span class="verdict" data-verdict="{html.escape(verdict)}" style="background:{colour};'
        f"color:{TEXT_ON.get(verdict, '#ffffff')};padding:1px 7px;border-radius:9px;white-space:nowrap;"
        f'font-size:0.85em">{html.escape(verdict)}</span>'
    )


def claim_link(result: Result, prefix: str = CLAIMS_FROM_CHAPTER) -> str:
    return f'<a href="{prefix}{result.id}.html">{result.id}</a>'


def corrected(result: Result, prefix: str = CLAIMS_FROM_CHAPTER) -> str:
    """Beside a corrected claim's verdict: when it was last corrected, linked to the correction."""
    if not result.corrections:
        return ""
    last = max(c.date for c in result.corrections)
    return f' <a class="corrected" href="{prefix}{result.id}.html#correction">corrected {last}</a>'


# -- the ledger index ----------------------------------------------------------------------------

INDEX_SCRIPT = """
<script>
(function () {
  function apply() {
    var f = {};
    document.querySelectorAll('.ledger-filter').forEach(function (el) { f[el.dataset.key] = el.value; });
    var shown = 0;
    document.querySelectorAll('table.claims-index tbody tr').forEach(function (row) {
      var ok = (!f.verdict || row.dataset.verdict === f.verdict) && (!f.theme || row.dataset.theme === f.theme) &&
               (!f.article || row.dataset.article === f.article) &&
               (!f.country || (' ' + row.dataset.countries + ' ').indexOf(' ' + f.country + ' ') >= 0);
      row.style.display = ok ? '' : 'none';
      if (ok) { shown += 1; }
    });
    var count = document.getElementById('filter-count');
    if (count) { count.textContent = shown; }
  }
  function sortBy(th) {
    var table = th.closest('table'), body = table.tBodies[0];
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var asc = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[index].dataset.sort || a.cells[index].textContent;
      var y = b.cells[index].dataset.sort || b.cells[index].textContent;
      return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  function init() {
    document.querySelectorAll('.ledger-filter').forEach(function (el) { el.addEventListener('change', apply); });
    document.querySelectorAll('table.claims-index th button').forEach(function (b) {
      b.addEventListener('click', function () { sortBy(b.parentNode); });
    });
    apply();
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); } else { init(); }
})();
</script>
"""


def _options(values: list[str], labels: dict[str, str] | None = None) -> str:
    return '<option value="">all</option>' + "".join(
        f'<option value="{html.escape(v)}">{html.escape((labels or {}).get(v, v))}</option>' for v in values
    )


def index_filters(chosen: list[Result] | tuple[Result, ...]) -> str:
    """Filter controls (verdict, theme, country, article): plain HTML and a small inline script
    with no dependencies, so they work offline."""
    from cautils.countries import short_name

    verdicts = [v for v in VERDICTS if any(r.verdict == v for r in chosen)]
    themes = sorted({r.theme for r in chosen})
    countries = sorted({c for r in chosen for c in r.countries})
    articles = sorted({r.article for r in chosen})

    def select_(key: str, label: str, options: str) -> str:
        return (
            f'<label>{label} <select id="filter-{key}" class="ledger-filter" data-key="{key}">{options}</select>'
            "</label> "
        )

    return (
        '<form class="ledger-filters" onsubmit="return false">'
        + select_("verdict", "Verdict", _options(verdicts))
        + select_("theme", "Theme", _options(themes, THEME_TITLES))
        + select_("country", "Country", _options(countries, {c: short_name(c) for c in countries}))
        + select_("article", "Article", _options(articles))
        + f'<span>showing <span id="filter-count">{len(chosen)}</span> of {len(chosen)} claims</span></form>'
    )


def claims_index(
    chosen: list[Result] | tuple[Result, ...],
    link_prefix: str = CLAIMS_FROM_CHAPTER,
    compact: bool = False,
    filters: bool = True,
) -> str:
    """The ledger as a compact index: one line per claim, linked to its page; filterable and
    sortable offline."""
    from cautils.countries import short_name

    rows = []
    for r in chosen:
        order = VERDICTS.index(r.verdict)
        names = ", ".join(short_name(c) for c in r.countries)
        rows.append(
            f'<tr data-verdict="{html.escape(r.verdict)}" data-theme="{r.theme}" data-article="{r.article}" '
            f'data-countries="{" ".join(r.countries)}">'
            f'<td data-sort="{r.id}">{claim_link(r, link_prefix)}</td>'
            f'<td data-sort="{order}">{badge(r.verdict)}{corrected(r, link_prefix)}</td>'
            f"<td>{html.escape(r.restatement)}</td>"
            + (
                ""
                if compact
                else f"<td>{html.escape(THEME_TITLES.get(r.theme, r.theme))}</td><td>{html.escape(names)}</td>"
            )
            + "</tr>"
        )
    heads = ["claim", "verdict", "what the article says (restated)"] + ([] if compact else ["theme", "countries"])
    head = "".join(f'<th scope="col"><button type="button" class="sort">{h}</button></th>' for h in heads)
    table = scroll_box(
        f'<table class="claims-index"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )
    return (index_filters(chosen) if filters else "") + table + INDEX_SCRIPT


def claims_list(chosen: list[Result], link_prefix: str = CLAIMS_FROM_CHAPTER) -> str:
    """A chapter's closing list: the claims it settles, each linked to its page."""
    if not chosen:
        return "<p>No claim of the two articles is settled in this chapter.</p>"
    items = "".join(
        f"<li>{claim_link(r, link_prefix)} {badge(r.verdict)}{corrected(r, link_prefix)} "
        f"{html.escape(r.restatement)}</li>"
        for r in chosen
    )
    return f'<ul class="claims-list">{items}</ul>'


# -- the annotated article ------------------------------------------------------------------------

REASON_LABELS = {
    "opinion": "opinion",
    "interpretation": "interpretation",
    "framing": "framing",
    "recommendation": "recommendation",
    "forecast": "forecast",
    "perception": "perception",
    "summary": "summary",
    "heading": "heading",
    "caption": "chart caption",
    "unreviewed": "not yet reviewed",
}


def annotated_article(article_id: str, link_prefix: str = CLAIMS_FROM_CHAPTER) -> str:
    """Every sentence of the article in reading order (from data/claims/sentences-<ID>.json):
    checked ones with the claim's short quote, verdict and link, the others with their first
    words (from the ledger's listing) and the reason they hold no checkable fact. The article
    itself is not reproduced."""
    from cautils.claims.sentences import order_path
    from cautils.paths import CLAIMS_DIR

    ledger = ledger_of(article_id, "sentences")
    by_id = {r.id: r for r in select(article=article_id, fields=ANNOTATION_FIELDS)}
    path = order_path(CLAIMS_DIR, article_id)
    if not path.is_file():
        raise FileNotFoundError(
            f"{path}: the article's reading order is missing; with the article text in "
            "../shared/articles, run `cautils claims --write-sentences`"
        )
    deps.record_file(path)
    order = json.loads(path.read_text(encoding="utf-8"))
    out, paragraph = [], 0
    for entry in order["sentences"]:
        if entry["status"] == "structural" and entry.get("reason") == "heading":
            if paragraph:
                out.append("</ol>")
                paragraph = 0
            out.append(f"<h3 class='article-heading'>{html.escape(entry['heading'])}</h3>")
            continue
        if entry["paragraph"] != paragraph:
            if paragraph:
                out.append("</ol>")
            out.append(
                f"<p class='article-paragraph'>Paragraph {entry['paragraph']}</p>"
                f"<ol class='article-sentences' start='{entry['sentence']}'>"
            )
            paragraph = entry["paragraph"]
        if entry["status"] == "claim":
            claims = [by_id[c] for c in entry["claims"] if c in by_id]
            marks = " ".join(
                f"{claim_link(r, link_prefix)} {badge(r.verdict)}{corrected(r, link_prefix)}" for r in claims
            )
            quote = " … ".join(f"“{html.escape(r.quote)}”" for r in claims)
            out.append(f"<li class='sentence checked'>{quote} {marks}</li>")
        elif entry["status"] == "listed":
            listing = ledger.sentences[entry["listing"]]
            label = REASON_LABELS.get(listing.reason, listing.reason)
            see = " ".join(claim_link(by_id[c], link_prefix) for c in listing.see if c in by_id)
            out.append(
                f"<li class='sentence unchecked'><span class='opening'>{html.escape(listing.starts)} …</span> "
                f"<span class='reason'>[{html.escape(label)}: {html.escape(listing.why)}]</span>"
                f"{(' see ' + see) if see else ''}</li>"
            )
        else:
            out.append(
                f"<li class='sentence unchecked'><span class='reason'>[{REASON_LABELS['caption']}: "
                "the caption of a chart the supplied text does not include; the country chapters rebuild "
                "it from data]</span></li>"
            )
    if paragraph:
        out.append("</ol>")
    return "\n".join(out)


# -- summaries for the intro and methods ------------------------------------------------------------


def verdict_counts() -> pd.DataFrame:
    """Per claim its article, verdict and whether the verdict is robust (the page depends on
    these fields only, so an edited restatement or new evidence rows leave it alone)."""
    return pd.DataFrame(
        [{"id": r.id, "article": r.article, "verdict": r.verdict, "robust": r.robust} for r in results(COUNT_FIELDS)]
    )


def verdict_summary() -> pd.DataFrame:
    frame = verdict_counts()
    summary = frame.groupby(["article", "verdict"]).size().rename("n").reset_index()
    summary["verdict"] = pd.Categorical(summary["verdict"], categories=VERDICTS, ordered=True)
    return summary.sort_values(["article", "verdict"])


def corrections_table(link_prefix: str = CLAIMS_FROM_CHAPTER) -> str:
    """The corrections log as a table: every verdict that changed, when, from what to what, why."""
    rows = []
    for r in results(("corrections",)):
        for c in r.corrections:
            rows.append(
                f"<tr><td>{claim_link(r, link_prefix)}</td><td>{c.date}</td><td>{badge(c.old)}</td>"
                f"<td>{badge(c.new)}</td><td>{html.escape(c.reason)}</td><td>{html.escape(c.data_changed)}</td></tr>"
            )
    if not rows:
        return "<p>No verdict has changed since first publication.</p>"
    return html_table(["claim", "date", "was", "now", "why", "what changed"], rows, "corrections-table")


def review_summary() -> str:
    """The independent second review: reviewers, method and how each disagreement was resolved."""
    import yaml

    from cautils.paths import CLAIMS_DIR

    path = CLAIMS_DIR / "review.yaml"
    if not path.is_file():
        return "<p>No review record.</p>"
    deps.record_file(path)
    review = yaml.safe_load(path.read_text(encoding="utf-8"))["review"]
    scopes = "".join(
        f"<li><strong>{html.escape(r['id'])}</strong>: {html.escape(r['scope'])}</li>" for r in review["reviewers"]
    )
    rows = "".join(
        f"<tr><td>{html.escape(d['claim'])}</td><td>{html.escape(d['by'])}</td><td>{html.escape(d['resolution'])}</td></tr>"
        for d in review["disagreements"]
    )
    return (
        f"<p>Review of {html.escape(str(review['date']))}: {html.escape(review['method'])}</p><ul>{scopes}</ul>"
        f"<p>{html.escape(review['agreed'])} {html.escape(review['missed_sentences'])}</p>"
        + html_table(["claim", "raised by", "resolution"], [rows], "review-table")
    )
