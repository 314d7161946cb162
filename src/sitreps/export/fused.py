"""Fused events (clusters) with their members, actors and places, loaded for the exporters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, select

from sitreps.store import schema as t
from sitreps.store.queries import cluster_members, iter_clusters
from sitreps.store.rows import ClusterRow, EventFilter, EventRow

if TYPE_CHECKING:
    from sitreps.store.db import Store


@dataclass(frozen=True, slots=True)
class ActorInfo:
    id: str
    name: str
    acled_name: str
    kind: str
    inter: int | None
    country: str | None
    provisional: bool


@dataclass(frozen=True, slots=True)
class PlaceInfo:
    id: str
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    admin2: str | None
    feature: str


@dataclass(frozen=True, slots=True)
class FusedEvent:
    cluster: ClusterRow
    members: tuple[EventRow, ...]
    outlets: tuple[str, ...]  # distinct outlets of the member reports, in order
    source_ids: tuple[str, ...]  # the member reports' source ids (or report ids)


@dataclass(frozen=True, slots=True)
class FusedSet:
    events: tuple[FusedEvent, ...]
    actors: dict[str, ActorInfo]
    places: dict[str, PlaceInfo]


def load_fused(store: Store, filters: EventFilter | None = None) -> FusedSet:
    """Every fused event matching ``filters`` (filtered in the database)."""
    clusters = iter_clusters(store, filters)
    members = cluster_members(store, [c.id for c in clusters])
    actor_ids: set[str] = set()
    place_ids: set[str] = set()
    report_ids: set[str] = set()
    for c in clusters:
        actor_ids.update(c.actors)
        if c.place_id:
            place_ids.add(c.place_id)
        for m in members[c.id]:
            report_ids.add(m.report_id)
    with store.engine.connect() as conn:
        actors = {
            r.id: ActorInfo(
                r.id, r.name, r.acled_name, r.kind, r.inter, r.country, bool(r.provisional)
            )
            for r in _rows(conn, t.actors, actor_ids)
        }
        places = {
            r.id: PlaceInfo(r.id, r.name, r.lat, r.lon, r.country, r.admin1, r.admin2, r.feature)
            for r in _rows(conn, t.places, place_ids)
        }
        sources = {r.id: r.source_id or r.id for r in _rows(conn, t.reports, report_ids)}
    events = []
    for c in clusters:
        ms = tuple(members[c.id])
        outlets = tuple(dict.fromkeys(m.outlet for m in ms if m.outlet))
        srcs = tuple(dict.fromkeys(sources.get(m.report_id, m.report_id) for m in ms))
        events.append(FusedEvent(c, ms, outlets, srcs))
    return FusedSet(tuple(events), actors, places)


def _rows(conn: Connection, table: Table, ids: set[str]) -> list[Any]:
    out: list[Any] = []
    ordered = sorted(ids)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        out.extend(conn.execute(select(table).where(table.c.id.in_(chunk))))
    return out
