"""``sitreps claims PATH``: a report's claims grouped by claimant, with events and numbers."""

from __future__ import annotations

import click

from sitreps.extract.attribution_summary import claims_for_path, format_claims
from sitreps.models import Skipped


@click.command("claims")
@click.argument("path")
def claims(path: str) -> None:
    """Print the claims of the report(s) in PATH, grouped by claimant."""
    first = True
    for item in claims_for_path(path):
        if not first:
            click.echo()
        first = False
        if isinstance(item, Skipped):
            click.echo(f"Skipped {item.origin}: {item.reason}", err=True)
            continue
        click.echo(format_claims(item.extraction, item.stances))


COMMANDS: list[click.Command] = [claims]
