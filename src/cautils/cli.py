"""Command line: `cautils data build|check`, and later `cautils claims`, `cautils run`."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from cautils.errors import CautilsError
from cautils.paths import PROCESSED_DIR, find_raw_dir, raw_available

app = typer.Typer(help="Central Asia Evidence Book tools.", no_args_is_help=True)
data_app = typer.Typer(help="Build and check the processed data tables.", no_args_is_help=True)
app.add_typer(data_app, name="data")

console = Console(stderr=True)


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


if __name__ == "__main__":
    app()
