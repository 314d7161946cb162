"""A cluster's fused record, recomputed from its member events and the analyst's edits."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from sitreps.fuse.corroboration import ReportFigure, corroboration, estimate_fatalities
from sitreps.store import schema as t
from sitreps.store.codec import ids_from_json

#: Cluster fields an analyst may correct; a correction overrides the computed value.
EDITABLE_CLUSTER_FIELDS: frozenset[str] = frozenset(
    {
        "event_type",
        "sub_event_type",
        "plover",
        "actor1",
        "actor2",
        "place_id",
        "lat",
        "lon",
        "admin1",
        "country",
        "date_start",
        "date_end",
        "modality",
        "fatalities",
        "fat_low",
        "fat_best",
        "fat_high",
    }
)

_DATE_FIELDS = frozenset({"date_start", "date_end"})
_FLOAT_FIELDS = frozenset({"lat", "lon"})
_INT_FIELDS = frozenset({"fatalities", "fat_low", "fat_best", "fat_high"})


def coerce_cluster_value(field: str, value: Any) -> Any:
    """Turn an edit's JSON value back into the column's type."""
    if value is None:
        return None
    if field in _DATE_FIELDS:
        return value if isinstance(value, date) else date.fromisoformat(str(value))
    if field in _FLOAT_FIELDS:
        return float(value)
    if field in _INT_FIELDS:
        return int(value)
    return str(value)


def _most_common(values: list[Any]) -> Any:
    """The most frequent non-null value; ties go to the one seen first (fusion order)."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    counts = Counter(present)
    top = max(counts.values())
    return next(v for v in present if counts[v] == top)


def cluster_overrides(conn: Connection, cluster_id: str) -> dict[str, Any]:
    """The analyst's latest value for each corrected field of a cluster."""
    rows = conn.execute(
        select(t.edits.c.field, t.edits.c.new_value)
        .where(
            t.edits.c.target_kind == "cluster",
            t.edits.c.target_id == cluster_id,
            t.edits.c.action == "set",
        )
        .order_by(t.edits.c.id)
    ).all()
    return {
        r.field: coerce_cluster_value(r.field, json.loads(r.new_value))
        for r in rows
        if r.field in EDITABLE_CLUSTER_FIELDS and r.new_value is not None
    }


def ensure_cluster(conn: Connection, cluster_id: str, seed_event: str) -> None:
    """Create an empty cluster row (filled by :func:`refresh_cluster`) when it is missing."""
    if conn.execute(select(t.clusters.c.id).where(t.clusters.c.id == cluster_id)).first():
        return
    conn.execute(
        insert(t.clusters).values(
            id=cluster_id,
            seed_event=seed_event,
            actors="[]",
            modality="asserted",
            n_events=0,
            n_reports=0,
            n_outlets=0,
            n_partisan=0,
            n_independent=0,
            updated_at=datetime.now(UTC),
        )
    )


def refresh_cluster(conn: Connection, cluster_id: str, *, has_postgis: bool = False) -> None:
    """Recompute a cluster's record from its members; delete it when it has none left."""
    members = conn.execute(
        select(t.events).where(t.events.c.cluster_id == cluster_id).order_by(t.events.c.seq)
    ).all()
    if not members:
        conn.execute(delete(t.clusters).where(t.clusters.c.id == cluster_id))
        return
    asserted = [m for m in members if m.modality == "asserted"]
    basis = asserted or members
    figures = [
        ReportFigure(
            m.report_id,
            m.outlet,
            bool(m.partisan),
            m.fat_best,
            m.fat_low,
            m.fat_high,
            asserted=m.modality == "asserted",
        )
        for m in members
    ]
    fat = estimate_fatalities(figures)
    cor = corroboration([f for f in figures if f.asserted] or figures)
    located = sorted(
        (m for m in basis if m.lat is not None), key=lambda m: (m.geo_precision or 9, m.seq)
    )
    where = located[0] if located else basis[0]
    starts = [m.date_start for m in basis if m.date_start is not None]
    ends = [m.date_end or m.date_start for m in basis if m.date_start is not None]
    actor_ids: list[str] = []
    for m in members:
        for a in (
            m.actor1,
            *ids_from_json(m.assoc_actor1),
            m.actor2,
            *ids_from_json(m.assoc_actor2),
        ):
            if a and a not in actor_ids:
                actor_ids.append(a)
    values: dict[str, Any] = {
        "seed_event": members[0].uid,
        "event_type": _most_common([m.event_type for m in basis]),
        "sub_event_type": _most_common([m.sub_event_type for m in basis]),
        "plover": _most_common([m.plover for m in basis]),
        "actor1": _most_common([m.actor1 for m in basis]),
        "actor2": _most_common([m.actor2 for m in basis]),
        "actors": json.dumps(actor_ids, ensure_ascii=False),
        "place_id": where.place_id,
        "lat": where.lat,
        "lon": where.lon,
        "admin1": where.admin1,
        "country": where.country,
        "date_start": min(starts) if starts else None,
        "date_end": max(ends) if ends else None,
        "modality": "asserted" if asserted else _most_common([m.modality for m in members]),
        "n_events": len(members),
        "n_reports": cor.n_reports,
        "n_outlets": cor.n_outlets,
        "n_partisan": cor.n_partisan,
        "n_independent": cor.n_independent,
        "fatalities": fat.conservative,
        "fat_low": fat.low,
        "fat_best": fat.best,
        "fat_high": fat.high,
        "updated_at": datetime.now(UTC),
    }
    values.update(cluster_overrides(conn, cluster_id))
    ensure_cluster(conn, cluster_id, members[0].uid)
    conn.execute(update(t.clusters).where(t.clusters.c.id == cluster_id).values(**values))
    if has_postgis:
        from sitreps.store.geo import set_cluster_geometry

        set_cluster_geometry(conn, cluster_id)
