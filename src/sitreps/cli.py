"""The ``sitreps`` command line. Thin: parses, calls library functions, prints.

Any :class:`~sitreps.errors.SitrepsError` becomes ``Error: <message>`` on stderr and exit code 1.
Commands of other areas (actors, places, evaluate, store, claims, train) live in their own
modules and are registered from ``COMMAND_MODULES``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import date
from importlib import import_module
from importlib.resources import files
from typing import Any

import click

from sitreps import __version__
from sitreps.errors import SitrepsError
from sitreps.models import Report, Skipped

COMMAND_MODULES: tuple[str, ...] = (
    "sitreps.actors.cli",
    "sitreps.geo.cli",
    "sitreps.extract.claims_cli",
    "sitreps.extract.events_cli",
    "sitreps.evaluate.cli",
    "sitreps.store.cli",
)


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SitrepsError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="sitreps")
def cli() -> None:
    """sitreps: evidence-backed conflict event data from reports."""


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from exc


def _read_options(func: Any) -> Any:
    options = [
        click.option("--outlet", help="Outlet of a single input (overrides metadata)."),
        click.option("--published", callback=_parse_date, help="Publication date, YYYY-MM-DD."),
        click.option("--url", help="URL of a single input."),
        click.option("--title", help="Title of a single input."),
        click.option(
            "--field",
            "fields",
            multiple=True,
            metavar="NAME=COLUMN",
            help="Corpus field mapping, e.g. --field text=body --field id=doc_id.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _build_options(kwargs: dict[str, Any]) -> Any:
    from sitreps.ingest import FieldNames, ReadOptions

    mapping: dict[str, str] = {}
    for item in kwargs.get("fields") or ():
        name, sep, column = item.partition("=")
        if not sep or name not in FieldNames.__dataclass_fields__ or not column:
            raise click.BadParameter(
                f"{item!r}: expected NAME=COLUMN with NAME one of "
                + ", ".join(FieldNames.__dataclass_fields__),
                param_hint="--field",
            )
        mapping[name] = column
    return ReadOptions(
        outlet=kwargs.get("outlet"),
        published=kwargs.get("published"),
        url=kwargs.get("url"),
        title=kwargs.get("title"),
        fields=FieldNames(**mapping),
    )


def _reports(items: Iterable[Report | Skipped], skipped: list[Skipped]) -> Iterator[Report]:
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
            click.echo(f"Error: {item.reason}", err=True)
        else:
            yield item


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "acled", "table"]),
    default="json",
    show_default=True,
    help="json: one object per report per line; acled: ACLED-style CSV; table: readable.",
)
@_read_options
def extract(paths: tuple[str, ...], fmt: str, **kwargs: Any) -> None:
    """Extract events, claims and relations from PATH... (files, directories, - for stdin)."""
    from sitreps.export.acled import acled_rows, write_acled
    from sitreps.ingest import read_paths
    from sitreps.pipeline import extract_many
    from sitreps.serialize import to_json
    from sitreps.summary import summarise

    skipped: list[Skipped] = []
    reports = _reports(read_paths(paths, _build_options(kwargs)), skipped)
    header = True
    for ex in extract_many(reports):
        if fmt == "json":
            click.echo(to_json(ex))
        elif fmt == "acled":
            write_acled(acled_rows(ex), sys.stdout, header=header)
            header = False
        else:
            click.echo(summarise(ex))
    if fmt == "acled" and header:
        write_acled([], sys.stdout, header=True)
    if skipped:
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db_url", help="Database URL (default: sqlite:///sitreps.db).")
@_read_options
def ingest(paths: tuple[str, ...], db_url: str | None, **kwargs: Any) -> None:
    """Extract PATH... and store the results; a report already stored is not added again."""
    from sitreps.ingest import read_paths
    from sitreps.store import open_store
    from sitreps.store.ingest import ingest_reports

    store = open_store(db_url)
    summary = ingest_reports(store, read_paths(paths, _build_options(kwargs)))
    for origin, reason in summary.skipped:
        click.echo(f"Skipped: {origin}: {reason}", err=True)
    click.echo(
        f"added {summary.added} report(s), {summary.already_present} already present, "
        f"{len(summary.skipped)} skipped, {summary.events} event(s)"
    )


def sample_paths() -> list[str]:
    """The bundled sample reports (the founding interview and public-domain press releases)."""
    base = files("sitreps") / "data" / "samples"
    return sorted(str(p) for p in base.iterdir() if p.name.endswith((".txt", ".jsonl")))


@cli.command()
@click.option("--db", "db_url", help="Database URL (default: sqlite:///sitreps.db).")
def demo(db_url: str | None) -> None:
    """Ingest the bundled sample reports and print their events."""
    from sitreps.ingest import read_paths
    from sitreps.pipeline import extract_many
    from sitreps.store import open_store
    from sitreps.summary import summarise

    store = open_store(db_url)
    skipped: list[Skipped] = []
    added = 0
    n_events = 0
    for ex in extract_many(_reports(read_paths(sample_paths()), skipped)):
        if store.add_extraction(ex):
            added += 1
        n_events += len(ex.events)
        click.echo(summarise(ex))
        click.echo()
    store.fuse_pending()
    click.echo(f"{added} new report(s) stored, {n_events} event(s) extracted.")


def _register() -> None:
    for name in COMMAND_MODULES:
        try:
            module = import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        for command in getattr(module, "COMMANDS", []):
            cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="sitreps")
