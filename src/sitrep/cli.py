"""The command line: a thin wrapper over `sitrep.build`, `sitrep.case`, the evals and the presenters.

Exit codes: 0 all went well, 1 some inputs failed but everything else was written, 2 a usage error
(bad option, missing case, case locked by another build).
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sitrep.case import Case, CaseError

app = typer.Typer(
    help="sitrep: turn a pile of news reports into a sourced situation picture.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)


def _stdout() -> Console:
    """A console on the current stdout (resolved per call, so test runners can capture it)."""
    return Console()


EVALS = {
    "extraction": "sitrep.eval.extraction",
    "geo": "sitrep.eval.geo",
    "attribution": "sitrep.eval.attribution",
    "events": "sitrep.eval.events",
    "copies": "sitrep.eval.copies",
}
DEMO_SKIP = {"README.md", "manifest.csv"}


def _fail(msg: str, code: int = 2) -> None:
    console.print(f"[red]error:[/red] {msg}")
    raise typer.Exit(code)


def _run_build(inputs: list[str], case_dir: Path, quiet: bool, **kwargs) -> int:
    from sitrep.build import build
    from sitrep.ingest.web import Limits

    limits = Limits(
        max_bytes=kwargs.pop("max_bytes"), timeout=kwargs.pop("timeout"), allow_private=kwargs.pop("allow_private")
    )
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=quiet,
        transient=True,
    )
    with progress:
        tasks: dict[str, int] = {}

        def on_start(n: int) -> None:
            tasks["read"] = progress.add_task("reading inputs", total=n)
            tasks["processed"] = progress.add_task("processing articles", total=None)

        def step(what: str, n: int) -> None:
            progress.advance(tasks[what], n)

        try:
            summary = build(inputs, case_dir, limits=limits, progress=step, on_start=on_start, **kwargs)
        except (CaseError, ValueError, OSError) as exc:
            _fail(str(exc))
    if not quiet:
        counts = ", ".join(f"{n} {s}" for s, n in sorted(summary.counts.items()))
        console.print(f"case [bold]{summary.case}[/bold]: {counts or 'no inputs'} ({summary.new_inputs} new this run)")
        for source, status, reason in summary.problems[:20]:
            console.print(f"  [yellow]{status}[/yellow] {source}: {reason}")
        if len(summary.problems) > 20:
            console.print(f"  ... and {len(summary.problems) - 20} more: sitrep status {summary.case}")
    return summary.exit_code


_max_bytes = typer.Option(20_000_000, help="Largest input (file, download, decompressed) in bytes.")
_timeout = typer.Option(20.0, help="Seconds before a URL fetch gives up.")
_private = typer.Option(False, "--allow-private", help="Allow fetching loopback/private/link-local addresses.")
_quiet = typer.Option(False, "--quiet", "-q", help="No progress bars or summary; the exit code tells.")


@app.command()
def build(
    inputs: list[str] = typer.Argument(..., help="Files, folders (recursive), URLs or feed URLs."),
    out_dir: Path = typer.Option(..., "--out", "-o", help="The case folder to create or add to."),
    manifest: Path | None = typer.Option(None, help="CSV: path_or_url, outlet, url, published, title."),
    engine: str = typer.Option("local", help="local or ray."),
    processes: int = typer.Option(1, help="Worker processes for the local engine."),
    address: str | None = typer.Option(None, help="Ray cluster address (engine ray)."),
    ratings: Path | None = typer.Option(None, help="CSV of outlet ratings: outlet, rating, source."),
    max_bytes: int = _max_bytes,
    timeout: float = _timeout,
    allow_private: bool = _private,
    quiet: bool = _quiet,
) -> None:
    """Read INPUTS into the case folder and run every stage; only new inputs are processed."""
    if manifest is not None and not manifest.is_file():
        _fail(f"manifest {manifest} not found")
    code = _run_build(
        inputs,
        out_dir,
        quiet,
        manifest=manifest,
        engine=engine,
        processes=processes,
        address=address,
        ratings=ratings,
        max_bytes=max_bytes,
        timeout=timeout,
        allow_private=allow_private,
    )
    raise typer.Exit(code)


def demo_dir() -> Path:
    return Path(__file__).parent / "data" / "demo"


@app.command()
def demo(
    out_dir: Path = typer.Option(Path("sitrep-demo"), "--out", "-o", help="Where to write the demo case."),
    processes: int = typer.Option(1, help="Worker processes."),
    quiet: bool = _quiet,
) -> None:
    """Build the embedded demo corpus (own-words reports on foreign forces in Syria, 2017-2018)."""
    src = demo_dir()
    inputs = sorted(str(p) for p in src.iterdir() if p.is_file() and p.name not in DEMO_SKIP)
    code = _run_build(
        inputs,
        out_dir,
        quiet,
        manifest=src / "manifest.csv",
        engine="local",
        processes=processes,
        address=None,
        ratings=None,
        max_bytes=20_000_000,
        timeout=20.0,
        allow_private=False,
    )
    report = _write_report(out_dir)
    _stdout().print(f"demo case: {out_dir.resolve()}")
    _stdout().print(f"tables:    {(out_dir / 'tables').resolve()}")
    if report:
        _stdout().print(f"report:    {report.resolve()}")
    raise typer.Exit(code)


def _write_report(case_dir: Path, path: Path | None = None) -> Path | None:
    try:
        mod = importlib.import_module("sitrep.present.report")
    except ModuleNotFoundError:
        return None
    return mod.write_report(case_dir, path)


def _open_case(case_dir: Path) -> Case:
    case = Case(case_dir)
    if not case.exists():
        _fail(f"{case_dir} is not a sitrep case (run `sitrep build ... --out {case_dir}` first)")
    return case


@app.command()
def status(
    case_dir: Path = typer.Argument(..., help="A case folder."),
    only: str | None = typer.Option(None, help="Show only this status: ok, duplicate, skipped, failed."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line instead of a table."),
) -> None:
    """One row per input: what it was, its status, the reason."""
    con = _open_case(case_dir).connect()
    where = "where status = ?" if only else ""
    rows = con.execute(
        f"select source, kind, status, reason, article_id from inputs {where} order by source",
        [only] if only else [],
    ).fetchall()
    if as_json:
        for r in rows:
            typer.echo(json.dumps(dict(zip(("source", "kind", "status", "reason", "article_id"), r, strict=True))))
        return
    table = Table("source", "kind", "status", "reason", title=f"inputs of {case_dir}")
    colour = {"ok": "green", "duplicate": "cyan", "skipped": "yellow", "failed": "red"}
    for source, kind, st, reason, _ in rows:
        table.add_row(source, kind, f"[{colour.get(st, 'white')}]{st}[/]", reason or "")
    _stdout().print(table)


EXPORT_FORMATS = ("jsonl", "csv", "parquet", "geojson", "gexf", "plover")


@app.command()
def export(
    case_dir: Path = typer.Argument(..., help="A case folder."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="|".join(EXPORT_FORMATS)),
    out_dir: Path = typer.Option(..., "--out", "-o", help="Folder to write into."),
) -> None:
    """Write the case's tables (one file per table, named after it) or a GeoJSON/GEXF/PLOVER view."""
    from sitrep.export import export_case

    if fmt not in EXPORT_FORMATS:
        _fail(f"unknown format {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")
    _open_case(case_dir)
    try:
        written = export_case(case_dir, fmt, out_dir)
    except (ModuleNotFoundError, OSError) as exc:
        _fail(str(exc))
    for path in written:
        typer.echo(str(path))


@app.command()
def report(
    case_dir: Path = typer.Argument(..., help="A case folder."),
    out_file: Path | None = typer.Option(None, "--out", "-o", help="HTML file (default CASE/report.html)."),
) -> None:
    """Write one self-contained HTML situation report that opens with no network."""
    _open_case(case_dir)
    path = _write_report(case_dir, out_file)
    if path is None:
        _fail("the report module is not available in this installation")
    _stdout().print(str(path))


@app.command()
def serve(
    case_dir: Path = typer.Argument(..., help="A case folder."),
    host: str = typer.Option("127.0.0.1", help="Address to bind; keep 127.0.0.1 unless you mean to share."),
    port: int = typer.Option(8765, help="Port."),
    allowed_host: list[str] = typer.Option(
        [],
        "--allowed-host",
        help="Host name the app answers to (repeatable; '*' for any). Default: the bound address, plus the "
        "loopback names when bound to loopback.",
    ),
) -> None:
    """Run the local web app on the case, with live filters and search."""
    import uvicorn

    _open_case(case_dir)
    from sitrep.present.app import LOOPBACK_HOSTS, create_app

    hosts = allowed_host or ([host, *LOOPBACK_HOSTS] if host in LOOPBACK_HOSTS else [host])
    console.print(f"serving {case_dir} on http://{host}:{port}/ (answering Host: {', '.join(hosts)})")
    uvicorn.run(create_app(case_dir, hosts), host=host, port=port, log_level="warning")


@app.command("eval")
def evaluate(
    kind: str = typer.Argument(..., help="|".join(EVALS)),
    data: Path | None = typer.Option(None, help="Gold data file or folder."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object of the figures."),
    limit: int | None = typer.Option(None, help="Score only the first N items."),
    as_text: bool = typer.Option(
        False, "--as-text", help="extraction: score the plain-text cleaner on each page rendered to visible text."
    ),
) -> None:
    """Measure a stage against a gold set and print its figures."""
    if kind not in EVALS:
        _fail(f"unknown eval {kind!r}; choose from {', '.join(EVALS)}")
    mod = importlib.import_module(EVALS[kind])
    options: dict = {}
    if limit is not None:
        options["limit"] = limit
    if as_text:
        options["as_text"] = True
    if data is None and kind != "copies":
        _fail(f"sitrep eval {kind} needs --data")
    if data is not None and not data.exists():
        _fail(f"{data} does not exist")
    result = mod.evaluate(data, **options)
    if as_json:
        sys.stdout.write(json.dumps(result, sort_keys=True) + "\n")
    else:
        _stdout().print(mod.table(result))


if __name__ == "__main__":
    app()
