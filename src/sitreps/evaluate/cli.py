"""``sitreps evaluate``: score the pipeline on gold sets, and keep the quality floors."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import click

from sitreps.errors import EvaluationError
from sitreps.evaluate import floors as fl
from sitreps.evaluate.acled import AcledFilter, Half, evaluate_acled
from sitreps.evaluate.attribution import evaluate_attribution
from sitreps.evaluate.geoparse import evaluate_geoparse
from sitreps.evaluate.plover import evaluate_plover
from sitreps.evaluate.re3d import evaluate_re3d
from sitreps.evaluate.results import EvalResult, format_table

_path = click.argument("path", type=click.Path(exists=True, path_type=Path))
_out = click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the full result as JSON."
)
_limit = click.option("--limit", type=click.IntRange(min=1), help="Score only the first N items.")
_batch = click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True)


def _emit(result: EvalResult, out: Path | None) -> None:
    click.echo(format_table(result))
    if out is not None:
        result.write_json(out)
        click.echo(f"result written to {out}")


@click.group()
def evaluate() -> None:
    """Run the pipeline on gold-annotated data and print its scores."""


@evaluate.command("acled")
@_path
@click.option("--country", help="Only rows of this country (ACLED's name).")
@click.option("--region", help='Only rows of this ACLED region, e.g. "Middle East".')
@_limit
@click.option("--sample", type=click.IntRange(min=1), help="A random sample of N rows.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of --sample.")
@click.option(
    "--half",
    type=click.Choice(["build", "holdout", "all"]),
    default="all",
    show_default=True,
    help="Holdout rule: BUILD rows have SHA-1(event_id_cnty) starting 0-7.",
)
@_batch
@_out
def acled_cmd(
    path: Path,
    country: str | None,
    region: str | None,
    limit: int | None,
    sample: int | None,
    seed: int,
    half: str,
    batch_size: int,
    out: Path | None,
) -> None:
    """Score event coding against an ACLED CSV export (its notes are the input)."""
    flt = AcledFilter(country, region, limit, sample, seed, cast(Half, half))
    _emit(evaluate_acled(path, flt, batch_size), out)


@evaluate.command("re3d")
@_path
@_limit
@_batch
@_out
def re3d_cmd(path: Path, limit: int | None, batch_size: int, out: Path | None) -> None:
    """Score actor/place mentions and fights/allied relations against re3d."""
    _emit(evaluate_re3d(path, limit, batch_size), out)


@evaluate.command("plover")
@_path
@_limit
@_batch
@_out
def plover_cmd(path: Path, limit: int | None, batch_size: int, out: Path | None) -> None:
    """Score PLOVER categories and source/target countries against PLOVER gold records."""
    _emit(evaluate_plover(path, limit, batch_size), out)


@evaluate.command("geoparse")
@_path
@_limit
@_batch
@_out
def geoparse_cmd(path: Path, limit: int | None, batch_size: int, out: Path | None) -> None:
    """Score toponym spans and coordinates against TR-News / LGL XML."""
    _emit(evaluate_geoparse(path, limit, batch_size), out)


@evaluate.command("attribution")
@_path
@click.option("--split", default="test", show_default=True, help="PolNeAR split folder.")
@_limit
@click.option("--batch-size", type=click.IntRange(min=1), default=8, show_default=True)
@_out
def attribution_cmd(
    path: Path, split: str, limit: int | None, batch_size: int, out: Path | None
) -> None:
    """Score source, cue and content spans against PolNeAR brat files."""
    _emit(evaluate_attribution(path, split, limit, batch_size), out)


@evaluate.group("floors")
def floors_group() -> None:
    """The quality gate's pinned floors (tests/quality_floors.json)."""


_floors_file = click.option(
    "--file",
    "floors_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=fl.DEFAULT_FLOORS_FILE,
    show_default=True,
)


_data_option = click.option(
    "--data",
    "data_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Gold data folder (default: the SITREPS_SHARED_DATA setting).",
)


def _data_dir(given: Path | None) -> Path:
    data = given or fl.shared_data_dir()
    if data is None:
        raise EvaluationError("gold data folder not found: pass --data or set SITREPS_SHARED_DATA")
    return data


@floors_group.command("check")
@_floors_file
@_data_option
@click.option("--only", help="Check one subset by name.")
def floors_check(floors_file: Path, data_dir: Path | None, only: str | None) -> None:
    """Run each subset and compare its scores with the floors."""
    data = _data_dir(data_dir)
    failed = 0
    for subset in fl.load_floors(floors_file):
        if only and subset.name != only:
            continue
        fl.verify_gold(subset, data)
        result = fl.run_subset(subset, data)
        click.echo(f"{subset.name}  ({result.elapsed_seconds:.0f} s)")
        for c in fl.check_subset(subset, result):
            failed += not c.ok
            value = "-" if c.value is None else f"{c.value:.4f}"
            status = "ok" if c.ok else "FAIL"
            click.echo(
                f"  {c.metric:<32} {value:>8}  floor {c.floor:.2f} -{c.margin:.2f}  {status}"
            )
    if failed:
        raise EvaluationError(f"{failed} score(s) below their floor minus margin")


@floors_group.command("update")
@_floors_file
@click.option("--allow-lower", is_flag=True, help="Also lower floors (needs a CHANGELOG line).")
@click.option("--accept-gold-change", is_flag=True, help="Re-pin the SHA-256 of changed gold.")
@click.option("--only", help="Update one subset by name.")
@_data_option
def floors_update(
    floors_file: Path,
    allow_lower: bool,
    accept_gold_change: bool,
    only: str | None,
    data_dir: Path | None,
) -> None:
    """Re-measure every subset and raise the floors to the new scores (rounded down)."""
    changes = fl.update_floors(
        floors_file, _data_dir(data_dir), allow_lower, accept_gold_change, only
    )
    for c in changes:
        measured = "-" if c.measured is None else f"{c.measured:.4f}"
        click.echo(
            f"{c.subset:<22} {c.metric:<32} {measured:>8}  {c.old:.2f} -> {c.new:.2f}  {c.action}"
        )
    if any(c.action == "lowered" for c in changes):
        click.echo("Floors were LOWERED: add a CHANGELOG line saying which and why.")
    if any(c.action == "below" for c in changes):
        click.echo("Some scores are below their floor; not lowered (use --allow-lower).")
    if accept_gold_change:
        click.echo("Gold SHA-256 re-pinned: add a CHANGELOG line naming the changed gold file.")


COMMANDS: list[click.Command] = [evaluate]
