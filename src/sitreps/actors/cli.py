"""``sitreps actors``: show, list and review the actors of the knowledge base."""

from __future__ import annotations

import click

from sitreps.actors.describe import actor_events, describe, period, unknown_actors
from sitreps.actors.kb import get_kb
from sitreps.settings import get_settings


@click.group()
def actors() -> None:
    """The actor knowledge base: show an actor, list actors, review unknown ones."""


@actors.command("show")
@click.argument("name")
@click.option("--db", "db_url", default=None, help="Database URL (default: settings).")
def show(name: str, db_url: str | None) -> None:
    """Print an actor (by id, name or alias) with aliases, links and stored events."""
    kb = get_kb()
    d = describe(kb, name)
    r = d.record
    click.echo(f"{r.name}  [{r.id}]")
    if d.resolution is not None:
        click.echo(f"  resolved:    {d.resolution.reason} (score {d.resolution.score:.2f})")
    click.echo(f"  ACLED name:  {r.acled_name}")
    inter = r.inter if r.inter is not None else "-"
    click.echo(f"  kind:        {r.kind} (inter {inter}), country {r.country or '-'}")
    if r.active_from or r.active_to:
        click.echo(f"  active:      {period(r.active_from, r.active_to)}")
    if r.description:
        click.echo(f"  about:       {r.description}")
    if r.aliases:
        click.echo("  aliases:     " + "; ".join(r.aliases))
    if r.context_aliases:
        ctx = ", ".join(r.context_countries) or "-"
        click.echo(f"  in {ctx} reports also: " + "; ".join(r.context_aliases))
    for aff in r.affiliations:
        other = kb.get(aff.actor)
        click.echo(f"  {aff.kind:<12} {other.name} [{other.id}] {period(aff.start, aff.end)}")
    for person, label in d.leaders:
        click.echo(f"  led by       {person.name} [{person.id}] {label}")
    for group in d.leads:
        click.echo(f"  leads        {group.name} [{group.id}]")
    for m in d.members:
        click.echo(f"  member       {m.name} [{m.id}]")
    result = actor_events(db_url or get_settings().db_url, r.id)
    if result.reason:
        click.echo(f"  events:      {result.reason}")
        return
    click.echo(f"  events:      {len(result.rows)}")
    for e in result.rows:
        place = e.place_id or "-"
        click.echo(
            f"    {e.date_start or '?'}  {e.event_type or '-'} / {e.sub_event_type or '-'}"
            f"  at {place} ({e.admin1 or '-'}, {e.country or '-'})  [{e.uid}]"
        )


@actors.command("unknown")
@click.option("--db", "db_url", default=None, help="Database URL (default: settings).")
def unknown(db_url: str | None) -> None:
    """List provisional actors (names the knowledge base does not know) with examples."""
    result = unknown_actors(db_url or get_settings().db_url)
    if result.reason:
        click.echo(result.reason)
        return
    if not result.rows:
        click.echo("no unknown actors")
        return
    for row in result.rows:
        click.echo(f"{row.name}  [{row.id}]  {row.n_mentions} mentions in {row.n_reports} reports")
        for ex in row.examples:
            click.echo(f"    - {ex}")


@actors.command("list")
@click.option("--country", default=None, help="ISO3 code, e.g. SYR.")
@click.option("--kind", default=None, help="state, rebel, political_militia, person, ...")
def list_actors(country: str | None, kind: str | None) -> None:
    """List the knowledge base's actors (id, ACLED name, kind, inter)."""
    kb = get_kb()
    n = 0
    for r in sorted(kb.records(), key=lambda r: r.id):
        if country and (r.country or "") != country.upper():
            continue
        if kind and r.kind != kind:
            continue
        inter = r.inter if r.inter is not None else "-"
        click.echo(f"{r.id}\t{r.acled_name}\t{r.kind}\t{inter}")
        n += 1
    click.echo(f"{n} actors", err=True)


COMMANDS: list[click.Command] = [actors]
