"""Incremental clustering: each new event joins the best-scoring cluster or starts its own.

Events are placed one at a time, in the order their reports were stored (``events.seq``), each
in its own transaction, so an interrupted run resumes exactly where it stopped and a re-run
gives the same clusters. A cluster's id is a hash of its first event's id, so ids are stable
across re-runs and re-clustering.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, or_, select, update

from sitreps.fuse.score import EventFeature, Match, compare_cluster
from sitreps.fuse.summary import ensure_cluster, refresh_cluster
from sitreps.settings import Settings, get_settings
from sitreps.store import schema as t
from sitreps.store.codec import ids_from_json

if TYPE_CHECKING:
    from sitreps.store.db import Store


#: Events spanning more days than this are not found by the date window of a later event.
_LONGEST_EVENT_DAYS = 31


def cluster_id_for(event_uid: str) -> str:
    """The stable id of the cluster an event starts."""
    return "c" + hashlib.sha1(event_uid.encode("utf-8")).hexdigest()[:12]


def feature(row: Any) -> EventFeature:
    actors = frozenset(
        a
        for a in (
            row.actor1,
            row.actor2,
            *ids_from_json(row.assoc_actor1),
            *ids_from_json(row.assoc_actor2),
        )
        if a
    )
    return EventFeature(
        uid=row.uid,
        seq=row.seq,
        report_id=row.report_id,
        event_type=row.event_type,
        sub_event_type=row.sub_event_type,
        plover=row.plover,
        actors=actors,
        place_id=row.place_id,
        lat=row.lat,
        lon=row.lon,
        admin1=row.admin1,
        geo_precision=row.geo_precision,
        date_start=row.date_start,
        date_end=row.date_end,
    )


def _candidates(
    conn: Connection, ev: EventFeature, settings: Settings
) -> dict[str, list[EventFeature]]:
    """Members of the clusters that could hold ``ev``, fetched by date window or place."""
    c = t.events.c
    query = select(t.events).where(c.cluster_id.is_not(None))
    if ev.date_start is not None:
        window = timedelta(days=settings.fusion_max_days)
        lo, hi = ev.date_start - window, (ev.date_end or ev.date_start) + window
        query = query.where(
            or_(
                c.date_start.is_(None),
                and_(c.date_start <= hi, c.date_start >= lo - timedelta(days=_LONGEST_EVENT_DAYS)),
            )
        )
    else:
        keys = [c.place_id == ev.place_id] if ev.place_id else []
        if ev.admin1:
            keys.append(c.admin1 == ev.admin1)
        if not keys:
            return {}
        query = query.where(or_(*keys))
    groups: dict[str, list[EventFeature]] = defaultdict(list)
    for row in conn.execute(query.order_by(c.seq)):
        if ev.date_start is not None and row.date_start is not None:
            end = row.date_end or row.date_start
            lo_ok = end >= ev.date_start - timedelta(days=settings.fusion_max_days)
            if not lo_ok:
                continue
        groups[row.cluster_id].append(feature(row))
    # every member of a candidate cluster takes part in the hard limits
    if groups:
        seen = {f.uid for members in groups.values() for f in members}
        query = select(t.events).where(c.cluster_id.in_(list(groups))).order_by(c.seq)
        for row in conn.execute(query):
            if row.uid not in seen:
                groups[row.cluster_id].append(feature(row))
    return groups


def place_event(conn: Connection, row: Any, settings: Settings, *, has_postgis: bool) -> str:
    """Put one unclustered event into a cluster; returns the cluster id."""
    ev = feature(row)
    best: tuple[float, str, Match] | None = None
    for cid, members in sorted(_candidates(conn, ev, settings).items()):
        match = compare_cluster(ev, members, settings)
        if match.veto is None and (best is None or match.score > best[0]):
            best = (match.score, cid, match)
    if best is not None and best[0] >= settings.fusion_min_score:
        cid = best[1]
        reason = f"joined (score {best[0]:.2f} >= {settings.fusion_min_score}): " + "; ".join(
            best[2].reasons
        )
        score: float | None = best[0]
    else:
        cid = cluster_id_for(ev.uid)
        reason = "new cluster: " + (
            f"best candidate scored {best[0]:.2f} < {settings.fusion_min_score}"
            if best is not None
            else "no compatible cluster"
        )
        score = None
        ensure_cluster(conn, cid, ev.uid)
    conn.execute(
        update(t.events)
        .where(t.events.c.uid == ev.uid)
        .values(cluster_id=cid, merge_reason=reason, merge_score=score)
    )
    refresh_cluster(conn, cid, has_postgis=has_postgis)
    return cid


def fuse_pending(store: Store, settings: Settings | None = None) -> int:
    """Cluster every event that has no cluster yet, in storage order, one transaction each."""
    settings = settings or get_settings()
    placed = 0
    while True:
        with store.engine.begin() as conn:
            row = conn.execute(
                select(t.events)
                .where(t.events.c.cluster_id.is_(None))
                .order_by(t.events.c.seq)
                .limit(1)
            ).first()
            if row is None:
                return placed
            place_event(conn, row, settings, has_postgis=store.has_postgis)
        placed += 1


def recluster(store: Store, settings: Settings | None = None) -> int:
    """Re-cluster every event the analyst has not pinned; analyst edits are kept.

    Pinned events (moved, merged or split by hand) stay where the analyst put them; cluster
    field corrections are re-applied because they are keyed by the stable cluster id.
    """
    with store.engine.begin() as conn:
        conn.execute(
            update(t.events)
            .where(t.events.c.pinned.is_(False))
            .values(cluster_id=None, merge_reason=None, merge_score=None)
        )
        for cid in conn.scalars(select(t.clusters.c.id)).all():
            refresh_cluster(conn, cid, has_postgis=store.has_postgis)
    return fuse_pending(store, settings)
