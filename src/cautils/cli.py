"""Command line: `cautils data build|check`, and later `cautils claims`, `cautils run`."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from cautils.errors import CautilsError
from cautils.paths import ARTICLES_DIR, CLAIMS_DIR, PROCESSED_DIR, find_raw_dir, raw_available

app = typer.Typer(help="Central Asia Evidence Book tools.", no_args_is_help=True)
data_app = typer.Typer(help="Build and check the processed data tables.", no_args_is_help=True)
app.add_typer(data_app, name="data")

console = Console(stderr=True, soft_wrap=True)


def fail(exc: Exception) -> None:
    console.print(f"[bold red]error:[/] {exc}")
    raise typer.Exit(code=1)


@data_app.command("build")
def data_build(
    raw: Path | None = typer.Option(
        None, "--raw", help="Raw-data folder (else $CAUTILS_RAW_DIR, data/raw, ../shared/data)."
    ),
    out: Path = typer.Option(PROCESSED_DIR, "--out", help="Where to write the processed tables."),
    only: list[str] | None = typer.Option(None, "--only", help="Build only these tables."),
) -> None:
    """Turn the raw mirror into tidy, validated tables plus manifest.json."""
    from cautils.pipeline import build_all

    try:
        raw_dir = find_raw_dir(raw)
        console.print(f"raw data: {raw_dir}")
        manifest = build_all(raw_dir, out, only=only, on_table=lambda n: console.print(f"  built {n}"))
    except CautilsError as exc:
        fail(exc)
    console.print(f"[green]wrote {len(manifest['tables'])} tables and manifest.json to {out}[/]")


@data_app.command("check")
def data_check(
    raw: Path | None = typer.Option(None, "--raw", help="Raw-data folder for the rebuild check."),
    processed: Path = typer.Option(PROCESSED_DIR, "--processed", help="Processed-data folder."),
    no_rebuild: bool = typer.Option(False, "--no-rebuild", help="Skip the rebuild-from-raw comparison."),
) -> None:
    """Verify processed tables against the manifest and, if raw data is present, a rebuild."""
    from cautils.pipeline import check_all

    try:
        raw_dir = None if no_rebuild else (find_raw_dir(raw) if raw else raw_available())
        problems = check_all(processed, raw_dir)
    except CautilsError as exc:
        fail(exc)
    if raw_dir is None and not no_rebuild:
        console.print("raw mirror not found: checked hashes and schemas only (no rebuild)")
    if problems:
        for problem in problems:
            console.print(f"[red]✗[/] {problem}")
        raise typer.Exit(code=1)
    console.print(
        "[green]processed data matches the manifest[/]" + (f" and a rebuild from {raw_dir}" if raw_dir else "")
    )


def _write_sentences(claims_dir: Path, articles_dir: Path) -> None:
    from cautils.claims import load_ledgers
    from cautils.claims.sentences import order_path, write_reading_order

    try:
        for ledger in load_ledgers(claims_dir):
            source = articles_dir / ledger.article.file
            if not source.is_file():
                raise CautilsError(f"{source}: article {ledger.article.id}'s text not found (--articles-dir)")
            try:
                written = write_reading_order(ledger, source.read_text(encoding="utf-8"), claims_dir)
            except ValueError as exc:
                raise CautilsError(f"{source}: {exc}") from exc
            path = order_path(claims_dir, ledger.article.id)
            console.print(f"{'wrote' if written else 'unchanged'} {path}")
    except CautilsError as exc:
        fail(exc)


@app.command("claims")
def claims_command(
    format: str = typer.Option("table", "--format", "-f", help="table, json or claimreview."),
    check: bool = typer.Option(
        False, "--check", help="Exit non-zero if any verdict differs from the ledger's expected verdict."
    ),
    only: list[str] | None = typer.Option(None, "--only", help="Evaluate only these claim ids."),
    claims_dir: Path = typer.Option(
        CLAIMS_DIR, "--claims-dir", help="Folder of the ledger YAML files and corrections.yaml."
    ),
    write_sentences: bool = typer.Option(
        False,
        "--write-sentences",
        help="From the article texts, check that every sentence is accounted for and write each article's "
        "reading order (data/claims/sentences-<ID>.json).",
    ),
    articles_dir: Path = typer.Option(ARTICLES_DIR, "--articles-dir", help="Folder of the article texts."),
) -> None:
    """Evaluate every claim of the ledger against the processed and curated data."""
    import json

    if write_sentences:
        _write_sentences(claims_dir, articles_dir)
        return

    from cautils.claims import evaluate_all, verdict_changes
    from cautils.claims.publish import claimreview_document, results_json

    if format not in ("table", "json", "claimreview"):
        fail(CautilsError(f"--format must be table, json or claimreview, not {format!r}"))
    try:
        results = evaluate_all(claims_dir)
    except CautilsError as exc:
        fail(exc)
    if only:
        unknown = set(only) - {r.id for r in results}
        if unknown:
            fail(CautilsError(f"unknown claim id(s): {', '.join(sorted(unknown))}"))
        results = [r for r in results if r.id in only]
    if format == "json":
        typer.echo(json.dumps(results_json(results), indent=2, ensure_ascii=False))
    elif format == "claimreview":
        typer.echo(json.dumps(claimreview_document(results, claims_dir=claims_dir), indent=2, ensure_ascii=False))
    else:
        from rich.table import Table

        table = Table(title="Claims", show_lines=False)
        for column in ("id", "verdict", "headline", "restatement"):
            table.add_column(column, overflow="fold")
        for r in results:
            mark = "" if r.matches_expected else " [red](expected " + r.expected + ")[/]"
            table.add_row(r.id, r.verdict + mark, r.headline, r.restatement)
        Console().print(table)
    if check:
        from cautils.claims import all_claims
        from cautils.claims.corrections import check_corrections, load_corrections

        failed = False
        for r in verdict_changes(results):
            for part in (p for p in r.parts if p.verdict != p.expected):
                where = f" part '{part.label}'" if len(r.parts) > 1 else ""
                console.print(
                    f"[red]✗ {r.id}{where}[/]: computed '{part.verdict}', ledger expects "
                    f"'{part.expected}' ({part.headline})"
                )
                failed = True
        try:
            problems = check_corrections(all_claims(claims_dir), load_corrections(claims_dir))
        except CautilsError as exc:
            fail(exc)
        for problem in problems:
            console.print(f"[red]✗ {problem}[/]")
        if failed:
            console.print(
                "[red]verdicts differ from the ledger: review the change, then update the part's "
                "`expected` in data/claims/*.yaml and log it in data/claims/corrections.yaml[/]"
            )
        if failed or problems:
            raise typer.Exit(code=1)
        console.print(
            f"[green]all {len(results)} claims match the ledger, and the corrections log "
            "explains every changed verdict[/]"
        )


def _parse_overrides(items: list[str]) -> dict[str, object]:
    """`-p release=2025` -> {"release": 2025} (values parsed as YAML scalars: numbers stay numbers)."""
    import yaml

    out: dict[str, object] = {}
    for item in items:
        if "=" not in item:
            raise CautilsError(f"-p {item!r}: expected name=value, for example -p release=2025")
        key, value = item.split("=", 1)
        out[key.strip()] = yaml.safe_load(value)
    return out


REPORT_HELP = "Also write what ran (claims evaluated, pages written, notebooks executed and skipped) to this JSON file."


def _write_report(report, path: Path | None) -> None:
    if path is None:
        return
    import dataclasses
    import json

    from cautils.io import atomic_write_text

    atomic_write_text(path, json.dumps(dataclasses.asdict(report), indent=1))


def _run(
    only: list[str] | None,
    workers: int,
    force: bool,
    fresh_kernels: bool,
    parameters: list[str] | None,
    report_path: Path | None = None,
):
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from cautils.runner import parse_filters, plan, run_all, selected

    try:
        filters = parse_filters(only or [])
        overrides = _parse_overrides(parameters or [])
        total = len(selected(plan(), filters))
    except CautilsError as exc:
        fail(exc)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as progress:
        task = progress.add_task("notebooks", total=total)

        def on_event(kind: str, run, detail: str) -> None:
            if kind in ("skipped", "done", "failed"):
                progress.advance(task)
                colour = {"skipped": "dim", "done": "green", "failed": "red"}[kind]
                progress.console.print(f"[{colour}]{kind:8}[/] {run.name} {detail if kind != 'failed' else ''}")

        try:
            report = run_all(
                filters,
                workers=workers,
                force=force,
                on_event=on_event,
                fresh_kernels=fresh_kernels,
                overrides=overrides,
            )
        except CautilsError as exc:
            fail(exc)
    console.print(
        f"claims evaluated {len(report.claims_evaluated)} (the rest cached), claim pages written "
        f"{len(report.pages_written)}; notebooks executed {len(report.executed)}, skipped "
        f"{len(report.skipped)} (unchanged)"
    )
    _write_report(report, report_path)
    return report


ONLY_HELP = "Filter runs: 'country=KAZ', 'article=A' or a template name such as 'theme_trade'."
PARAM_HELP = "Override a parameter of the selected runs: -p release=2025 (repeatable)."


@app.command("run")
def run_command(
    only: list[str] | None = typer.Option(None, "--only", help=ONLY_HELP),
    parameters: list[str] | None = typer.Option(None, "--parameter", "-p", help=PARAM_HELP),
    workers: int = typer.Option(2, "--workers", "-j", help="Notebooks executed at once (threads)."),
    force: bool = typer.Option(False, "--force", help="Execute even when the cache key is unchanged."),
    fresh_kernels: bool = typer.Option(
        False, "--fresh-kernels", help="A new kernel for every notebook (slower; default reuses one kernel per worker)."
    ),
    report: Path | None = typer.Option(None, "--report", help=REPORT_HELP),
) -> None:
    """Evaluate the ledger, write the claim pages and execute the notebooks of book/pages.yaml
    with papermill into build/executed/ (each step cached)."""
    _run(only, workers, force, fresh_kernels, parameters, report)


@app.command("book")
def book_command(
    force: bool = typer.Option(False, "--force", help="Re-execute every notebook and rebuild every page."),
    workers: int = typer.Option(2, "--workers", "-j", help="Notebooks executed at once (threads)."),
    report: Path | None = typer.Option(None, "--report", help=REPORT_HELP),
) -> None:
    """Run what changed (see `cautils run`) and build the HTML book into _build/html. Pages use the
    parameters of book/pages.yaml: to publish a chapter with other parameters, change them there."""
    from cautils.book import build_html

    outcome = _run(None, workers, force, False, None)
    try:
        path, rebuilt = build_html(force=force)
    except CautilsError as exc:
        fail(exc)
    outcome.html_rebuilt = rebuilt
    _write_report(outcome, report)
    state = "built" if rebuilt else "unchanged"
    console.print(f"[green]book {state}:[/] {path / 'index.html'}")


@app.command("pdf")
def pdf_command(workers: int = typer.Option(2, "--workers", "-j")) -> None:
    """Render the whole book to one PDF (singlehtml + Chromium print-to-PDF)."""
    from cautils.book import build_pdf

    _run(None, workers, False, False, None)
    try:
        path = build_pdf()
    except CautilsError as exc:
        fail(exc)
    console.print(f"[green]PDF written:[/] {path}")


@app.command("lint")
def lint_command(
    fix: bool = typer.Option(False, "--fix", help="Fix what ruff can and format src, tests and the notebooks."),
) -> None:
    """ruff (lint and format check) over src, tests and notebooks/*.md, and mypy over src/cautils."""
    from cautils.lint import lint

    problems = lint(fix=fix)
    for problem in problems:
        console.print(f"[red]✗[/] {problem}", highlight=False)
    if problems:
        console.print(f"[red]{len(problems)} problems[/]")
        raise typer.Exit(code=1)
    console.print("[green]ruff and mypy: clean[/]")


new_app = typer.Typer(help="Scaffold new parts of the book.", no_args_is_help=True)
app.add_typer(new_app, name="new")


@new_app.command("article")
def new_article_command(
    article_id: str = typer.Argument(..., help="The article's id: a capital letter (C, D...)."),
    text: Path = typer.Option(..., "--text", help="The article's text, one paragraph per line."),
    title: str = typer.Option(..., "--title", help="The article's title."),
    author: list[str] | None = typer.Option(
        None, "--author", help="An author the text names (repeatable; none if unnamed)."
    ),
    publisher: str | None = typer.Option(None, "--publisher"),
    url: str | None = typer.Option(None, "--url"),
    date: str | None = typer.Option(None, "--date", help="Publication date, YYYY-MM-DD."),
    claims_dir: Path = typer.Option(CLAIMS_DIR, "--claims-dir"),
    articles_dir: Path = typer.Option(ARTICLES_DIR, "--articles-dir", help="Where the ledgers' article paths start."),
) -> None:
    """Write the ledger stub data/claims/<ID>.yaml: the article's metadata and every sentence,
    numbered by paragraph, listed as unreviewed. The next `make book` shows the annotated article."""
    from cautils.scaffold import new_article

    try:
        path = new_article(article_id, text, title, author or [], claims_dir, articles_dir, publisher, url, date)
    except CautilsError as exc:
        fail(exc)
    console.print(f"[green]wrote {path}[/]: add claims there (see the book's 'Fork this book'), then `make book`")


if __name__ == "__main__":
    app()
