"""Command line: `cautils data build|check`, and later `cautils claims`, `cautils run`."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from cautils.errors import CautilsError
from cautils.paths import CLAIMS_DIR, PROCESSED_DIR, find_raw_dir, raw_available

app = typer.Typer(help="Central Asia Evidence Book tools.", no_args_is_help=True)
data_app = typer.Typer(help="Build and check the processed data tables.", no_args_is_help=True)
app.add_typer(data_app, name="data")

console = Console(stderr=True, soft_wrap=True)


def fail(exc: Exception) -> None:
    console.print(f"[bold red]error:[/] {exc}")
    raise typer.Exit(code=1)


@data_app.command("build")
def data_build(
    raw: Path | None = typer.Option(None, "--raw", help="Raw-data folder (else $CAUTILS_RAW_DIR, data/raw, ../shared/data)."),
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
    console.print("[green]processed data matches the manifest[/]"
                  + (f" and a rebuild from {raw_dir}" if raw_dir else ""))


@app.command("claims")
def claims_command(
    format: str = typer.Option("table", "--format", "-f", help="table, json or claimreview."),
    check: bool = typer.Option(False, "--check", help="Exit non-zero if any verdict differs from the ledger's expected verdict."),
    only: list[str] | None = typer.Option(None, "--only", help="Evaluate only these claim ids."),
    claims_dir: Path = typer.Option(CLAIMS_DIR, "--claims-dir", help="Folder of the ledger YAML files and corrections.yaml."),
) -> None:
    """Evaluate every claim of the ledger against the processed and curated data."""
    import json

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
                console.print(f"[red]✗ {r.id}{where}[/]: computed '{part.verdict}', ledger expects "
                              f"'{part.expected}' ({part.headline})")
                failed = True
        try:
            problems = check_corrections(all_claims(claims_dir), load_corrections(claims_dir))
        except CautilsError as exc:
            fail(exc)
        for problem in problems:
            console.print(f"[red]✗ {problem}[/]")
        if failed:
            console.print("[red]verdicts differ from the ledger: review the change, then update the part's "
                          "`expected` in data/claims/*.yaml and log it in data/claims/corrections.yaml[/]")
        if failed or problems:
            raise typer.Exit(code=1)
        console.print(f"[green]all {len(results)} claims match the ledger, and the corrections log "
                      "explains every changed verdict[/]")


@app.command("run")
def run_command(
    only: list[str] | None = typer.Option(None, "--only", help="Filter runs: 'country=KAZ', 'article=A' or a template name such as 'theme_trade'."),
    workers: int = typer.Option(2, "--workers", "-j", help="Notebooks executed at once (threads)."),
    force: bool = typer.Option(False, "--force", help="Execute even when the cache key is unchanged."),
    fresh_kernels: bool = typer.Option(False, "--fresh-kernels", help="A new kernel for every notebook (slower; default reuses one kernel per worker)."),
) -> None:
    """Execute the notebook templates with papermill into build/executed/ (cached)."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from cautils.runner import parse_filters, plan, run_all, selected

    filters = parse_filters(only or [])
    total = len(selected(plan(), filters))
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), console=console, transient=False) as progress:
        task = progress.add_task("notebooks", total=total)

        def on_event(kind: str, run, detail: str) -> None:
            if kind in ("skipped", "done", "failed"):
                progress.advance(task)
                colour = {"skipped": "dim", "done": "green", "failed": "red"}[kind]
                progress.console.print(f"[{colour}]{kind:8}[/] {run.name} {detail if kind != 'failed' else ''}")

        try:
            report = run_all(filters, workers=workers, force=force, on_event=on_event, fresh_kernels=fresh_kernels)
        except CautilsError as exc:
            fail(exc)
    console.print(f"executed {len(report.executed)}, skipped {len(report.skipped)} (unchanged)")


@app.command("book")
def book_command(
    force: bool = typer.Option(False, "--force", help="Re-execute every notebook and rebuild the HTML."),
    workers: int = typer.Option(2, "--workers", "-j", help="Notebooks executed at once (threads)."),
) -> None:
    """Execute the notebooks (cached) and build the HTML book into _build/html."""
    from cautils.book import build_html

    run_command(only=None, workers=workers, force=force, fresh_kernels=False)
    try:
        path, rebuilt = build_html(force=force)
    except CautilsError as exc:
        fail(exc)
    state = "built" if rebuilt else "unchanged"
    console.print(f"[green]book {state}:[/] {path / 'index.html'}")


@app.command("pdf")
def pdf_command(workers: int = typer.Option(2, "--workers", "-j")) -> None:
    """Render the whole book to one PDF (singlehtml + Chromium print-to-PDF)."""
    from cautils.book import build_pdf

    run_command(only=None, workers=workers, force=False, fresh_kernels=False)
    try:
        path = build_pdf()
    except CautilsError as exc:
        fail(exc)
    console.print(f"[green]PDF written:[/] {path}")


if __name__ == "__main__":
    app()
