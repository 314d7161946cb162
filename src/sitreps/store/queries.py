"""Read queries. Every filter is applied in the database; results are paginated.

Each function takes a database URL (or an open :class:`Store`); stores opened from a URL are
cached per process so the web API can call these per request.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select

from sitreps.errors import NotFoundError
from sitreps.models import Fatalities
from sitreps.store import schema as t
from sitreps.store.codec import ids_from_json, spans_from_json
from sitreps.store.db import Store, open_store
from sitreps.store.rows import (
    ClusterDetail,
    ClusterRow,
    EditRow,
    EventFilter,
    EventRow,
    Page,
    UnknownActorRow,
)

MAX_PAGE_SIZE = 1000


@lru_cache(maxsize=8)
def _cached_store(db_url: str) -> Store:
    return open_store(db_url)


def store_for(db: str | Store) -> Store:
    return db if isinstance(db, Store) else _cached_store(db)


def event_row(r: Any) -> EventRow:
    fat = (
        Fatalities(r.fat_best, r.fat_low, r.fat_high)
        if r.fat_best is not None or r.fat_low is not None or r.fat_high is not None
        else None
    )
    return EventRow(
        uid=r.uid,
        report_id=r.report_id,
        event_id=r.event_id,
        event_type=r.event_type,
        sub_event_type=r.sub_event_type,
        plover=r.plover,
        plover_mode=r.plover_mode,
        actor1=r.actor1,
        assoc_actor1=ids_from_json(r.assoc_actor1),
        actor2=r.actor2,
        assoc_actor2=ids_from_json(r.assoc_actor2),
        place_id=r.place_id,
        lat=r.lat,
        lon=r.lon,
        admin1=r.admin1,
        country=r.country,
        geo_precision=r.geo_precision,
        date_start=r.date_start,
        date_end=r.date_end,
        fatalities=fat,
        modality=r.modality,
        partisan=bool(r.partisan),
        outlet=r.outlet,
        evidence=spans_from_json(r.evidence),
        cluster_id=r.cluster_id,
        merge_reason=r.merge_reason,
        confidence=float(r.confidence),
    )


def cluster_row(r: Any) -> ClusterRow:
    return ClusterRow(
        id=r.id,
        event_type=r.event_type,
        sub_event_type=r.sub_event_type,
        plover=r.plover,
        actor1=r.actor1,
        actor2=r.actor2,
        actors=ids_from_json(r.actors),
        place_id=r.place_id,
        lat=r.lat,
        lon=r.lon,
        admin1=r.admin1,
        country=r.country,
        date_start=r.date_start,
        date_end=r.date_end,
        modality=r.modality,
        n_events=r.n_events,
        n_reports=r.n_reports,
        n_outlets=r.n_outlets,
        n_partisan=r.n_partisan,
        n_independent=r.n_independent,
        fatalities=r.fatalities,
        fat_low=r.fat_low,
        fat_best=r.fat_best,
        fat_high=r.fat_high,
    )


def _json_has(column: Any, value: str) -> ColumnElement[bool]:
    """A JSON list column (stored as text) that contains ``value``."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return column.like(f'%"{escaped}"%')


def _common(table: Any, f: EventFilter) -> list[ColumnElement[bool]]:
    c = table.c
    conds: list[ColumnElement[bool]] = []
    if f.date_from is not None:
        conds.append(func.coalesce(c.date_end, c.date_start) >= f.date_from)
    if f.date_to is not None:
        conds.append(c.date_start <= f.date_to)
    if f.event_type:
        conds.append(c.event_type == f.event_type)
    if f.sub_event_type:
        conds.append(c.sub_event_type == f.sub_event_type)
    if f.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        conds.append(and_(c.lon.between(min_lon, max_lon), c.lat.between(min_lat, max_lat)))
    if f.modality:
        conds.append(c.modality == f.modality)
    elif not f.include_non_asserted:
        conds.append(c.modality == "asserted")
    return conds


def event_conditions(f: EventFilter) -> list[ColumnElement[bool]]:
    c = t.events.c
    conds = _common(t.events, f)
    if f.actor:
        conds.append(
            or_(
                c.actor1 == f.actor,
                c.actor2 == f.actor,
                _json_has(c.assoc_actor1, f.actor),
                _json_has(c.assoc_actor2, f.actor),
            )
        )
    if f.min_reports > 1 or f.min_outlets > 1:
        conds.append(
            c.cluster_id.in_(
                select(t.clusters.c.id).where(
                    t.clusters.c.n_reports >= f.min_reports,
                    t.clusters.c.n_outlets >= f.min_outlets,
                )
            )
        )
    return conds


def cluster_conditions(f: EventFilter) -> list[ColumnElement[bool]]:
    c = t.clusters.c
    conds = _common(t.clusters, f)
    if f.actor:
        conds.append(_json_has(c.actors, f.actor))
    if f.min_reports > 1:
        conds.append(c.n_reports >= f.min_reports)
    if f.min_outlets > 1:
        conds.append(c.n_outlets >= f.min_outlets)
    return conds


def _page(store: Store, query: Select[Any], page: int, page_size: int) -> tuple[list[Any], int]:
    page = max(1, page)
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    with store.engine.connect() as conn:
        total = int(conn.scalar(select(func.count()).select_from(query.subquery())) or 0)
        rows = list(conn.execute(query.limit(page_size).offset((page - 1) * page_size)))
    return rows, total


def list_events(
    db: str | Store, filters: EventFilter | None = None, page: int = 1, page_size: int = 50
) -> Page[EventRow]:
    """Stored events (one per report) matching ``filters``, by date then storage order."""
    f = filters or EventFilter()
    query = (
        select(t.events)
        .where(*event_conditions(f))
        .order_by(t.events.c.date_start.is_(None), t.events.c.date_start, t.events.c.seq)
    )
    rows, total = _page(store_for(db), query, page, page_size)
    return Page(tuple(event_row(r) for r in rows), total, max(1, page), page_size)


def list_clusters(
    db: str | Store, filters: EventFilter | None = None, page: int = 1, page_size: int = 50
) -> Page[ClusterRow]:
    """Fused events matching ``filters``, by date then id."""
    f = filters or EventFilter()
    query = (
        select(t.clusters)
        .where(t.clusters.c.n_events > 0, *cluster_conditions(f))
        .order_by(t.clusters.c.date_start.is_(None), t.clusters.c.date_start, t.clusters.c.id)
    )
    rows, total = _page(store_for(db), query, page, page_size)
    return Page(tuple(cluster_row(r) for r in rows), total, max(1, page), page_size)


def iter_clusters(db: str | Store, filters: EventFilter | None = None) -> list[ClusterRow]:
    """Every matching fused event (for exports)."""
    f = filters or EventFilter()
    query = (
        select(t.clusters)
        .where(t.clusters.c.n_events > 0, *cluster_conditions(f))
        .order_by(t.clusters.c.date_start.is_(None), t.clusters.c.date_start, t.clusters.c.id)
    )
    with store_for(db).engine.connect() as conn:
        return [cluster_row(r) for r in conn.execute(query)]


def cluster_members(db: str | Store, cluster_ids: list[str]) -> dict[str, list[EventRow]]:
    out: dict[str, list[EventRow]] = {cid: [] for cid in cluster_ids}
    if not cluster_ids:
        return out
    with store_for(db).engine.connect() as conn:
        for start in range(0, len(cluster_ids), 500):
            chunk = cluster_ids[start : start + 500]
            query = (
                select(t.events).where(t.events.c.cluster_id.in_(chunk)).order_by(t.events.c.seq)
            )
            for r in conn.execute(query):
                out[r.cluster_id].append(event_row(r))
    return out


def get_cluster(db: str | Store, cluster_id: str) -> ClusterDetail:
    """A fused event with its member events (and their merge reasons) and its edit history."""
    store = store_for(db)
    with store.engine.connect() as conn:
        row = conn.execute(select(t.clusters).where(t.clusters.c.id == cluster_id)).first()
        if row is None:
            raise NotFoundError(f"no cluster {cluster_id!r}")
        members = conn.execute(
            select(t.events).where(t.events.c.cluster_id == cluster_id).order_by(t.events.c.seq)
        ).all()
        member_ids = [m.uid for m in members]
        edits = conn.execute(
            select(t.edits)
            .where(
                or_(
                    and_(t.edits.c.target_kind == "cluster", t.edits.c.target_id == cluster_id),
                    and_(t.edits.c.target_kind == "event", t.edits.c.target_id.in_(member_ids)),
                )
            )
            .order_by(t.edits.c.id)
        ).all()
    return ClusterDetail(
        cluster_row(row),
        tuple(event_row(m) for m in members),
        tuple(edit_row(e) for e in edits),
    )


def edit_row(e: Any) -> EditRow:
    return EditRow(
        e.id,
        e.target_kind,
        e.target_id,
        e.action,
        e.field,
        e.old_value,
        e.new_value,
        e.author,
        e.note,
        e.at,
    )


def list_edits(db: str | Store) -> list[EditRow]:
    with store_for(db).engine.connect() as conn:
        return [edit_row(e) for e in conn.execute(select(t.edits).order_by(t.edits.c.id))]


def events_for_actor(db_url: str | Store, actor_id: str) -> list[EventRow]:
    """Every stored event (any modality) in which ``actor_id`` takes part."""
    f = EventFilter(actor=actor_id, include_non_asserted=True)
    query = select(t.events).where(*event_conditions(f)).order_by(t.events.c.seq)
    with store_for(db_url).engine.connect() as conn:
        return [event_row(r) for r in conn.execute(query)]


def unknown_actors(db_url: str | Store, max_examples: int = 3) -> list[UnknownActorRow]:
    """Provisional actors, most reported first, with example sentences that name them."""
    a, ra, r = t.actors, t.report_actors, t.reports
    query = (
        select(a.c.id, a.c.name, ra.c.mentions, r.c.text, r.c.sentences)
        .join(ra, ra.c.actor_id == a.c.id)
        .join(r, r.c.id == ra.c.report_id)
        .where(a.c.provisional.is_(True))
        .order_by(a.c.id, r.c.seq)
    )
    found: dict[str, dict[str, Any]] = {}
    with store_for(db_url).engine.connect() as conn:
        for row in conn.execute(query):
            entry = found.setdefault(
                row.id, {"name": row.name, "reports": 0, "mentions": 0, "examples": []}
            )
            entry["reports"] += 1
            spans = spans_from_json(row.mentions)
            entry["mentions"] += len(spans)
            sentences = spans_from_json(row.sentences)
            for span in spans:
                if len(entry["examples"]) >= max_examples:
                    break
                sentence = next((s for s in sentences if s.contains(span)), None)
                text = (
                    sentence.text if sentence else row.text[max(0, span.start - 80) : span.end + 80]
                )
                if text.strip() and text.strip() not in entry["examples"]:
                    entry["examples"].append(text.strip())
    rows = [
        UnknownActorRow(aid, e["name"], e["reports"], e["mentions"], tuple(e["examples"]))
        for aid, e in found.items()
    ]
    return sorted(rows, key=lambda u: (-u.n_reports, -u.n_mentions, u.id))
