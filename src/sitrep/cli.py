"""The command line: a thin wrapper over `sitrep.build`, `sitrep.case`, the evals and the presenters.

Exit codes: 0 all went well, 1 some inputs failed but everything else was written, 2 a usage error
(bad option, missing case, case locked by another build).
"""

from __future__ import annotations

import json
import sys
from dataclasses import MISSING, Field, fields
from pathlib import Path
from typing import Any, NoReturn

import duckdb
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from sitrep import registry
from sitrep.case import Case, CaseError
from sitrep.options import BuildOptions

app = typer.Typer(
    help="sitrep: turn a pile of news reports into a sourced situation picture.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        from sitrep import __version__

        typer.echo(f"sitrep {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """sitrep: turn a pile of news reports into a sourced situation picture."""


def _stdout() -> Console:
    """A console on the current stdout (resolved per call, so test runners can capture it)."""
    return Console()


DEMO_SKIP = {"README.md", "manifest.csv"}


def _fail(msg: str, code: int = 2) -> NoReturn:
    console.print(f"[red]error:[/red] {msg}")
    raise typer.Exit(code)


def _run_build(inputs: list[str], case_dir: Path, quiet: bool, options: BuildOptions) -> int:
    from sitrep.build import build
    from sitrep.engines.local import WorkerStartError
    from sitrep.language.nlp import ModelMissing

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
        tasks: dict[str, TaskID] = {}

        def on_start(n: int) -> None:
            tasks["read"] = progress.add_task("reading inputs", total=n)
            tasks["processed"] = progress.add_task("processing articles", total=None)

        def step(what: str, n: int) -> None:
            progress.advance(tasks[what], n)

        try:
            summary = build(inputs, case_dir, options, progress=step, on_start=on_start)
        except (CaseError, ValueError, OSError, ModelMissing, WorkerStartError) as exc:
            _fail(str(exc))
    if not quiet:
        counts = ", ".join(f"{n} {s}" for s, n in sorted(summary.counts.items()))
        console.print(f"case [bold]{summary.case}[/bold]: {counts or 'no inputs'} ({summary.new_inputs} new this run)")
        for source, status, reason in summary.problems[:20]:
            console.print(f"  [yellow]{status}[/yellow] {source}: {reason}")
        if len(summary.problems) > 20:
            console.print(f"  ... and {len(summary.problems) - 20} more: sitrep status {summary.case}")
        console.print(f"next: sitrep report {summary.case}   (or sitrep serve / sitrep export)")
    for note in summary.notes:  # even with --quiet: a note says what the case needs next
        console.print(f"[cyan]note[/cyan]: {note}", soft_wrap=True)
    return summary.exit_code


def _help(f: Field[Any]) -> str:
    """A flag's help: the `BuildOptions` field's documentation and default, so the two never disagree."""
    default = "none" if f.default in (None, MISSING) else f.default
    return f"{f.metadata['doc']} (default: {default})"


HELP = {f.name: _help(f) for f in fields(BuildOptions)}


def _lexicon_flags(values: list[str]) -> dict[str, str]:
    out = {}
    for value in values:
        name, sep, path = value.partition("=")
        if not sep or not name or not path:
            _fail(f"--lexicon takes NAME=PATH, not {value!r}")
        out[name] = path
    return out


def _options(config: Path | None, given: dict[str, Any]) -> BuildOptions:
    """The config file's options (if any) with the flags given on top; a bad value is a usage error."""
    given = {k: v for k, v in given.items() if v is not None and v != {}}
    try:
        if config is not None:
            return BuildOptions.from_toml(config, given)
        return BuildOptions.from_mapping(given)
    except ValueError as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits


_quiet = typer.Option(False, "--quiet", "-q", help="No progress bars or summary; the exit code tells.")


@app.command()
def build(
    inputs: list[str] = typer.Argument(..., help="Files, folders (recursive), URLs or feed URLs."),
    out_dir: Path = typer.Option(..., "--out", "-o", help="The case folder to create or add to."),
    config: Path | None = typer.Option(None, help="TOML file of build options (keys as the flags, with _)."),
    manifest: Path | None = typer.Option(None, help=HELP["manifest"]),
    engine: str | None = typer.Option(None, help=HELP["engine"]),
    processes: int | None = typer.Option(None, help=HELP["processes"]),
    address: str | None = typer.Option(None, help=HELP["address"]),
    ratings: Path | None = typer.Option(None, help=HELP["ratings"]),
    batch_size: int | None = typer.Option(None, help=HELP["batch_size"]),
    input_seconds: float | None = typer.Option(None, help=HELP["input_seconds"]),
    max_bytes: int | None = typer.Option(None, help=HELP["max_bytes"]),
    timeout: float | None = typer.Option(None, help=HELP["timeout"]),
    allow_private: bool | None = typer.Option(None, "--allow-private/--no-allow-private", help=HELP["allow_private"]),
    lexicon: list[str] = typer.Option([], help=HELP["lexicons"]),
    quiet: bool = _quiet,
) -> None:
    """Read INPUTS into the case folder and run every stage; only new inputs are processed.

    Options come from --config (if given), then the flags; `sitrep plugins` lists engines and lexicons."""
    given = {
        "manifest": manifest,
        "engine": engine,
        "processes": processes,
        "address": address,
        "ratings": ratings,
        "batch_size": batch_size,
        "input_seconds": input_seconds,
        "max_bytes": max_bytes,
        "timeout": timeout,
        "allow_private": allow_private,
        "lexicons": _lexicon_flags(lexicon),
    }
    raise typer.Exit(_run_build(inputs, out_dir, quiet, _options(config, given)))


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
        inputs, out_dir, quiet, _options(None, {"manifest": src / "manifest.csv", "processes": processes})
    )
    report = _write_report(out_dir)
    _stdout().print(f"demo case: {out_dir.resolve()}")
    _stdout().print(f"tables:    {(out_dir / 'tables').resolve()}")
    _stdout().print(f"report:    {report.resolve()}")
    raise typer.Exit(code)


def _write_report(case_dir: Path, path: Path | None = None) -> Path:
    """The report, or a plain error (exit 2) when it cannot be written: a full disk is no traceback."""
    from sitrep.present.report import write_report

    try:
        return write_report(case_dir, path)
    except (OSError, duckdb.IOException) as exc:
        where = path or case_dir / "report.html"
        _fail(f"cannot write the report {where}: {exc.strerror if isinstance(exc, OSError) else exc}")


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


@app.command()
def export(
    case_dir: Path = typer.Argument(..., help="A case folder."),
    fmt: str = typer.Option(
        "jsonl", "--format", "-f", help="A format: jsonl, csv, parquet, geojson, gexf, plover or a plug-in."
    ),
    out_dir: Path = typer.Option(..., "--out", "-o", help="Folder to write into."),
) -> None:
    """Write the case's tables (one file per table, named after it) or a GeoJSON/GEXF/PLOVER view."""
    from sitrep.export import export_case

    if fmt not in registry.names("exporters"):
        _fail(f"unknown format {fmt!r}; choose from {', '.join(registry.names('exporters'))}")
    _open_case(case_dir)
    try:
        written = export_case(case_dir, fmt, out_dir)
    except (registry.PluginError, OSError, duckdb.IOException) as exc:
        _fail(f"cannot export to {out_dir}: {exc.strerror if isinstance(exc, OSError) and exc.strerror else exc}")
    for path in written:
        typer.echo(str(path))


@app.command()
def report(
    case_dir: Path = typer.Argument(..., help="A case folder."),
    out_file: Path | None = typer.Option(None, "--out", "-o", help="HTML file (default CASE/report.html)."),
) -> None:
    """Write one self-contained HTML situation report that opens with no network."""
    _open_case(case_dir)
    _stdout().print(str(_write_report(case_dir, out_file)))


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
    kind: str = typer.Argument(..., help="extraction, geo, attribution, events, copies or a plug-in."),
    data: Path | None = typer.Option(None, help="Gold data file or folder."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object of the figures."),
    limit: int | None = typer.Option(None, help="Score only the first N items."),
    as_text: bool = typer.Option(
        False, "--as-text", help="extraction: score the plain-text cleaner on each page rendered to visible text."
    ),
) -> None:
    """Measure a stage against a gold set and print its figures."""
    if kind not in registry.names("evals"):
        _fail(f"unknown eval {kind!r}; choose from {', '.join(registry.names('evals'))}")
    mod = registry.get("evals", kind)
    options: dict[str, Any] = {}
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


@app.command()
def train(
    kind: str = typer.Argument(..., help="What to train: attribution (the Source/Cue/Content tagger)."),
    data: Path = typer.Option(..., help="Training data: PolNeAR's train folder (text/ and attributions/)."),
    out: Path | None = typer.Option(None, help="Folder for the model files (default: the package's data/models)."),
) -> None:
    """Retrain a shipped model from the shared gold data; the same data gives the same model, byte for byte."""
    if kind != "attribution":
        _fail(f"unknown model {kind!r}; choose from attribution")
    if not (data / "text").is_dir() or not (data / "attributions").is_dir():
        _fail(f"{data} needs text/ and attributions/ folders (PolNeAR's layout)")
    from importlib.resources import files

    from sitrep.learn.attribution import train as train_attribution

    target = out or Path(str(files("sitrep.data").joinpath("models")))
    figures = train_attribution(data, target)
    _stdout().print(f"trained on {figures['articles']} articles, {figures['sentences']} sentences; model in {target}")


@app.command()
def plugins(
    kind: str | None = typer.Argument(None, help="Only this kind: " + ", ".join(registry.KINDS) + "."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line instead of a table."),
) -> None:
    """Everything registered (stages, engines, exporters, views, evals, lexicons) and where it comes from."""
    kinds = [kind] if kind else list(registry.KINDS)
    if kind and kind not in registry.KINDS:
        _fail(f"unknown kind {kind!r}; choose from {', '.join(registry.KINDS)}")
    rows = [(e.kind, e.name, e.target, e.origin, "ok") for k in kinds for e in registry.entries(k).values()]
    rows += [(e.kind, e.name, e.target, e.origin, "failed") for e in registry.failures() if e.kind in kinds]
    if as_json:
        keys = ("kind", "name", "target", "origin", "status")
        for r in rows:
            typer.echo(json.dumps(dict(zip(keys, r, strict=True))))
        return
    table = Table("kind", "name", "target", "origin", title="registered in sitrep")
    for k, name, target, origin, st in rows:
        table.add_row(k, name, target if st == "ok" else f"[red]failed: {target}[/]", origin)
    _stdout().print(table)


if __name__ == "__main__":
    app()
