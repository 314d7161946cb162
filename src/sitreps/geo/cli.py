"""``sitreps places``: look places up in the packaged gazetteer."""

from __future__ import annotations

import click

from sitreps.geo.gazetteer import PlaceRecord, get_gazetteer


def _fmt(r: PlaceRecord) -> str:
    coords = f"{r.lat:.4f},{r.lon:.4f}" if r.lat is not None and r.lon is not None else "-"
    pop = f"{r.population:,}" if r.population else "-"
    admin = " / ".join(x for x in (r.admin1, r.admin2) if x) or "-"
    return (
        f"{r.id:<24} {r.name:<28} {coords:<20} {r.country or '-':<4} {r.feature:<8} "
        f"p{r.geo_precision} {admin:<36} pop {pop:<12} {r.source}"
        + (" (transliteration)" if r.match == "skeleton" else "")
    )


@click.group()
def places() -> None:
    """Search the packaged gazetteer."""


@places.command("search")
@click.argument("name")
@click.option("--country", help="Only places in this country (ISO3, e.g. SYR).")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
def search(name: str, country: str | None, limit: int) -> None:
    """List the places called NAME (transliteration-aware), best first."""
    found = get_gazetteer().search(name, country=country.upper() if country else None, limit=limit)
    if not found:
        click.echo(f"no place named {name!r}")
        return
    click.echo(
        f"{'id':<24} {'name':<28} {'lat,lon':<20} {'iso3':<4} {'feature':<8} prec "
        f"{'admin1 / admin2':<36} {'population':<16} source"
    )
    for r in found:
        click.echo(_fmt(r))


COMMANDS: list[click.Command] = [places]
