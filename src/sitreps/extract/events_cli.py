"""``sitreps train``: fit the optional event-type classifier on an ACLED-format CSV."""

from __future__ import annotations

from pathlib import Path

import click

from sitreps.extract.train import train_file


@click.command("train")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("event-model"),
    show_default=True,
    help="Folder that receives event_model.json.",
)
@click.option(
    "--half",
    type=click.Choice(["build", "holdout"]),
    default=None,
    help="Use only one half of the rows (split by a hash of event_id_cnty).",
)
@click.option("--exclude-region", default=None, help="Leave out the rows of this ACLED region.")
@click.option(
    "--licence",
    default="as the input file",
    show_default=True,
    help="Licence of the training data, recorded in the model's metadata.",
)
def train_command(
    path: Path, out_dir: Path, half: str | None, exclude_region: str | None, licence: str
) -> None:
    """Fit the sub-event-type classifier on the notes of an ACLED-format CSV (needs
    scikit-learn: pip install 'sitreps[train]'). Point SITREPS_EVENT_MODEL at the result."""
    result = train_file(path, out_dir, half=half, exclude_region=exclude_region, licence=licence)
    click.echo(f"{result.rows_used} rows, {len(result.label_counts)} sub-event types")
    for label, n in result.label_counts:
        click.echo(f"  {n:6d}  {label}")
    click.echo(f"wrote {result.path}")


COMMANDS: list[click.Command] = [train_command]
