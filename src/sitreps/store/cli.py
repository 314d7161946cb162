"""Store commands: ``graph``, ``export``, ``clusters ...`` and ``edit ...``. Thin wrappers."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from sitreps.store.rows import EventFilter

_db = click.option("--db", "db_url", help="Database URL (default: sqlite:///sitreps.db).")
_author = click.option("--author", required=True, help="Who makes the correction.")
_note = click.option("--note", help="Why (kept with the edit).")


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from exc


def _bbox(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        parts = tuple(float(x) for x in value.split(","))
    except ValueError as exc:
        raise click.BadParameter("expected MIN_LON,MIN_LAT,MAX_LON,MAX_LAT") from exc
    if len(parts) != 4:
        raise click.BadParameter("expected MIN_LON,MIN_LAT,MAX_LON,MAX_LAT")
    return (parts[0], parts[1], parts[2], parts[3])


_from = click.option("--from", "date_from", callback=_date, help="From this date (YYYY-MM-DD).")
_to = click.option("--to", "date_to", callback=_date, help="Up to this date (YYYY-MM-DD).")


def _filters(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        _from,
        _to,
        click.option("--type", "event_type", help="ACLED event type."),
        click.option("--sub-type", "sub_event_type", help="ACLED sub-event type."),
        click.option("--actor", help="Actor id taking part."),
        click.option("--bbox", callback=_bbox, help="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT."),
        click.option("--modality", help="Only this modality (asserted, negated, ...)."),
        click.option(
            "--include-non-asserted",
            is_flag=True,
            help="Include denied, hypothetical, future and questioned events.",
        ),
        click.option("--min-reports", type=click.IntRange(min=1), default=1, show_default=True),
        click.option("--min-outlets", type=click.IntRange(min=1), default=1, show_default=True),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _filter_of(kw: dict[str, Any]) -> EventFilter:
    return EventFilter(
        date_from=kw.pop("date_from"),
        date_to=kw.pop("date_to"),
        event_type=kw.pop("event_type"),
        sub_event_type=kw.pop("sub_event_type"),
        actor=kw.pop("actor"),
        bbox=kw.pop("bbox"),
        modality=kw.pop("modality"),
        include_non_asserted=kw.pop("include_non_asserted"),
        min_reports=kw.pop("min_reports"),
        min_outlets=kw.pop("min_outlets"),
    )


@click.command("graph")
@click.argument("actor")
@_from
@_to
@click.option("--include-non-asserted", is_flag=True, help="Count denials and threats too.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@_db
def graph_cmd(
    actor: str,
    date_from: date | None,
    date_to: date | None,
    include_non_asserted: bool,
    as_json: bool,
    db_url: str | None,
) -> None:
    """List ACTOR's neighbours in the actor graph (relation, weight, first and last seen)."""
    from sitreps.fuse.graph import neighbours
    from sitreps.store import open_store

    edges = neighbours(
        open_store(db_url),
        actor,
        date_from=date_from,
        date_to=date_to,
        include_non_asserted=include_non_asserted,
    )
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "source": e.source,
                        "target": e.target,
                        "kind": e.kind,
                        "weight": e.weight,
                        "first_seen": e.first_seen.isoformat() if e.first_seen else None,
                        "last_seen": e.last_seen.isoformat() if e.last_seen else None,
                        "evidence": [
                            {"report": x.report_id, "cluster": x.cluster_id, "text": x.text}
                            for x in e.evidence
                        ],
                    }
                    for e in edges
                ],
                ensure_ascii=False,
                indent=1,
            )
        )
        return
    if not edges:
        click.echo(f"no relations of {actor} in the store")
        return
    for e in edges:
        other = e.target if e.source == actor else e.source
        arrow = f"{e.kind} ->" if e.source == actor else f"<- {e.kind}"
        if e.kind in ("fights", "allied"):
            arrow = e.kind
        seen = f"{e.first_seen or '?'} .. {e.last_seen or '?'}"
        click.echo(f"{arrow:<28} {other:<40} weight {e.weight:<4} {seen}")
        if e.evidence:
            click.echo(f"    e.g. {e.evidence[0].text[:120]}")


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["acled", "plover", "geojson", "graphml"]),
    required=True,
    help="acled (CSV), plover (JSON), geojson, graphml (actor graph).",
)
@_filters
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Output file.")
@_db
def export_cmd(fmt: str, out: Path | None, db_url: str | None, **kw: Any) -> None:
    """Export fused events (one per cluster) matching the filters."""
    from sitreps.export.run import export
    from sitreps.store import open_store

    store = open_store(db_url)
    filters = _filter_of(kw)
    if out is None:
        export(store, fmt, sys.stdout, filters)
        return
    with out.open("w", encoding="utf-8", newline="") as fh:
        n = export(store, fmt, fh, filters)
    click.echo(f"{n} written to {out}", err=True)


@click.group("clusters")
def clusters() -> None:
    """Fused events: list, show (with merge reasons), re-cluster, evaluate."""


@clusters.command("list")
@_filters
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--page-size", type=click.IntRange(min=1, max=1000), default=50, show_default=True)
@_db
def clusters_list(page: int, page_size: int, db_url: str | None, **kw: Any) -> None:
    """One line per fused event: id, date, type, place, reports/outlets, fatalities."""
    from sitreps.store.queries import list_clusters

    result = list_clusters(db_url or _default_db(), _filter_of(kw), page, page_size)
    for c in result.items:
        fat = (
            ""
            if c.fatalities is None
            else f"{c.fatalities} ({c.fat_low}/{c.fat_best}/{c.fat_high})"
        )
        click.echo(
            f"{c.id}  {c.date_start or '?'}  {c.event_type or c.plover}  "
            f"{c.admin1 or c.place_id or '?'}  reports {c.n_reports} outlets {c.n_outlets} "
            f"partisan {c.n_partisan}  killed {fat or '-'}"
        )
    click.echo(f"page {result.page}/{result.pages}, {result.total} clusters", err=True)


@clusters.command("show")
@click.argument("cluster_id")
@_db
def clusters_show(cluster_id: str, db_url: str | None) -> None:
    """A fused event, its reports with the reason each was merged, and its edit history."""
    from sitreps.store.queries import get_cluster

    d = get_cluster(db_url or _default_db(), cluster_id)
    c = d.cluster
    click.echo(f"cluster {c.id}: {c.event_type} / {c.sub_event_type} ({c.plover})")
    click.echo(f"  when   {c.date_start} .. {c.date_end}")
    click.echo(f"  where  {c.place_id} {c.admin1 or ''} ({c.lat}, {c.lon})")
    click.echo(f"  actors {', '.join(c.actors)}")
    click.echo(
        f"  sources {c.n_reports} reports, {c.n_outlets} outlets, "
        f"{c.n_partisan} partisan / {c.n_independent} independent"
    )
    click.echo(
        f"  fatalities ACLED {c.fatalities}; UCDP low {c.fat_low} best {c.fat_best} "
        f"high {c.fat_high}"
    )
    for m in d.members:
        killed = m.fatalities.best if m.fatalities else None
        click.echo(
            f"  - {m.uid} [{m.outlet or '?'}{', partisan' if m.partisan else ''}] "
            f"{m.date_start} {m.place_id} killed {killed}"
        )
        click.echo(f"      {m.merge_reason}")
    for e in d.edits:
        click.echo(
            f"  edit #{e.id} {e.at:%Y-%m-%d %H:%M} {e.author}: {e.action} {e.target_id} "
            f"{e.field or ''} {e.old_value} -> {e.new_value}"
        )


@clusters.command("rebuild")
@_db
def clusters_rebuild(db_url: str | None) -> None:
    """Re-cluster every event (analyst moves, merges, splits and corrections are kept)."""
    from sitreps.fuse.incremental import recluster
    from sitreps.store import open_store

    n = recluster(open_store(db_url))
    click.echo(f"{n} events re-clustered")


@clusters.command("evaluate")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--pipeline", is_flag=True, help="Extract from the report texts (end to end).")
def clusters_evaluate(path: Path, pipeline: bool) -> None:
    """B-cubed precision and recall of fusion on a labelled set (data/fusion/reports.jsonl)."""
    from sitreps.fuse.evaluate import evaluate_fusion

    r = evaluate_fusion(path, use_pipeline=pipeline)
    click.echo(
        f"reports {r.n_reports}  gold incidents {r.n_gold}  clusters {r.n_clusters}\n"
        f"B-cubed precision {r.precision:.3f}  recall {r.recall:.3f}  F1 {r.f1:.3f}"
    )
    if r.n_unplaced:
        click.echo(f"{r.n_unplaced} reports gave no event (counted as singletons)")


def _default_db() -> str:
    from sitreps.settings import get_settings

    return get_settings().db_url


@click.group("edit")
def edit() -> None:
    """Analyst corrections, stored with time, author and previous value."""


@edit.command("event")
@click.argument("event_uid")
@click.argument("field")
@click.argument("value")
@_author
@_note
@_db
def edit_event(
    event_uid: str, field: str, value: str, author: str, note: str | None, db_url: str | None
) -> None:
    """Set FIELD of the stored event EVENT_UID (REPORT_ID/EVENT_ID) to VALUE ('' for none)."""
    from sitreps.store import open_store
    from sitreps.store.edits import set_event_field

    e = set_event_field(open_store(db_url), event_uid, field, value, author, note)
    click.echo(f"edit #{e.id}: {field} {e.old_value} -> {e.new_value}")


@edit.command("cluster")
@click.argument("cluster_id")
@click.argument("field")
@click.argument("value")
@_author
@_note
@_db
def edit_cluster(
    cluster_id: str, field: str, value: str, author: str, note: str | None, db_url: str | None
) -> None:
    """Set FIELD of the fused event CLUSTER_ID to VALUE ('' for none)."""
    from sitreps.store import open_store
    from sitreps.store.edits import set_cluster_field

    e = set_cluster_field(open_store(db_url), cluster_id, field, value or None, author, note)
    click.echo(f"edit #{e.id}: {field} {e.old_value} -> {e.new_value}")


@edit.command("merge")
@click.argument("into")
@click.argument("others", nargs=-1, required=True)
@_author
@_note
@_db
def edit_merge(
    into: str, others: tuple[str, ...], author: str, note: str | None, db_url: str | None
) -> None:
    """Merge the clusters OTHERS into INTO."""
    from sitreps.store import open_store
    from sitreps.store.edits import merge_clusters

    e = merge_clusters(open_store(db_url), into, list(others), author, note)
    click.echo(f"edit #{e.id}: merged {', '.join(others)} into {into}")


@edit.command("split")
@click.argument("cluster_id")
@click.argument("event_uids", nargs=-1, required=True)
@_author
@_note
@_db
def edit_split(
    cluster_id: str, event_uids: tuple[str, ...], author: str, note: str | None, db_url: str | None
) -> None:
    """Move EVENT_UIDS out of CLUSTER_ID into a new cluster."""
    from sitreps.store import open_store
    from sitreps.store.edits import split_cluster

    new_id, e = split_cluster(open_store(db_url), cluster_id, list(event_uids), author, note)
    click.echo(f"edit #{e.id}: new cluster {new_id}")


@edit.command("history")
@_db
def edit_history(db_url: str | None) -> None:
    """Every analyst edit, oldest first."""
    from sitreps.store.queries import list_edits

    for e in list_edits(db_url or _default_db()):
        click.echo(
            f"#{e.id} {e.at:%Y-%m-%d %H:%M} {e.author} {e.action} {e.target_kind} "
            f"{e.target_id} {e.field or ''} {e.old_value} -> {e.new_value} {e.note or ''}"
        )


@click.command("skipped")
@_db
def skipped_cmd(db_url: str | None) -> None:
    """Inputs that gave no report, with the reason (recorded by ingest)."""
    from sitreps.store import open_store

    rows = open_store(db_url).skipped()
    for s in rows:
        click.echo(f"{s.origin}\t{s.code}\t{s.reason}")
    click.echo(f"{len(rows)} skipped input(s)", err=True)


COMMANDS: list[click.Command] = [graph_cmd, export_cmd, clusters, edit, skipped_cmd]
