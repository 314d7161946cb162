"""Analyst edits: correct a field of an event or a cluster, merge clusters, split a cluster.

Every edit is a row of ``edits`` with time, author, previous and new value. Edits survive:

* re-clustering: events moved by hand are pinned, and a cluster's corrected fields are
  re-applied each time its record is recomputed (cluster ids are stable);
* re-ingest: when a report is stored again (after :meth:`Store.delete_report`, e.g. to
  re-extract it), the field corrections and moves recorded for its events are replayed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from sitreps.errors import NotFoundError, StoreError
from sitreps.fuse.summary import (
    EDITABLE_CLUSTER_FIELDS,
    coerce_cluster_value,
    ensure_cluster,
    refresh_cluster,
)
from sitreps.models import MODALITIES
from sitreps.store import schema as t
from sitreps.store.codec import value_json
from sitreps.store.db import Store
from sitreps.store.queries import edit_row
from sitreps.store.rows import EditRow

EDITABLE_EVENT_FIELDS: frozenset[str] = frozenset(
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
        "geo_precision",
        "date_start",
        "date_end",
        "time_precision",
        "fat_best",
        "fat_low",
        "fat_high",
        "modality",
        "partisan",
        "outlet",
    }
)
_EVENT_INT = frozenset({"geo_precision", "time_precision", "fat_best", "fat_low", "fat_high"})


def coerce_event_value(field: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    if field in ("date_start", "date_end"):
        return value if isinstance(value, date) else date.fromisoformat(str(value))
    if field in ("lat", "lon"):
        return float(value)
    if field in _EVENT_INT:
        return int(value)
    if field == "partisan":
        return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes")
    return str(value)


def _check_value(field: str, value: Any) -> None:
    if field == "modality" and value not in MODALITIES:
        raise StoreError(f"modality must be one of {', '.join(MODALITIES)}, not {value!r}")


def _record(
    conn: Connection,
    kind: str,
    target: str,
    action: str,
    author: str,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
    note: str | None = None,
) -> int:
    result = conn.execute(
        insert(t.edits).values(
            target_kind=kind,
            target_id=target,
            action=action,
            field=field,
            old_value=value_json(old),
            new_value=value_json(new),
            author=author,
            note=note,
            at=datetime.now(UTC),
        )
    )
    pk = result.inserted_primary_key
    return int(pk[0]) if pk else 0


def _edit(conn: Connection, edit_id: int) -> EditRow:
    return edit_row(conn.execute(select(t.edits).where(t.edits.c.id == edit_id)).one())


def _event(conn: Connection, uid: str) -> Any:
    row = conn.execute(select(t.events).where(t.events.c.uid == uid)).first()
    if row is None:
        raise NotFoundError(f"no event {uid!r}")
    return row


def set_event_field(
    store: Store, uid: str, field: str, value: Any, author: str, note: str | None = None
) -> EditRow:
    """Correct one field of a stored event; its cluster's record is recomputed."""
    if field not in EDITABLE_EVENT_FIELDS:
        raise StoreError(
            f"event field {field!r} cannot be edited; one of: "
            + ", ".join(sorted(EDITABLE_EVENT_FIELDS))
        )
    new = coerce_event_value(field, value)
    _check_value(field, new)
    with store.engine.begin() as conn:
        row = _event(conn, uid)
        old = getattr(row, field)
        conn.execute(update(t.events).where(t.events.c.uid == uid).values({field: new}))
        edit_id = _record(conn, "event", uid, "set", author, field, old, new, note)
        if row.cluster_id:
            refresh_cluster(conn, row.cluster_id, has_postgis=store.has_postgis)
        return _edit(conn, edit_id)


def set_cluster_field(
    store: Store, cluster_id: str, field: str, value: Any, author: str, note: str | None = None
) -> EditRow:
    """Correct one field of a fused event; the correction wins over the computed value."""
    if field not in EDITABLE_CLUSTER_FIELDS:
        raise StoreError(
            f"cluster field {field!r} cannot be edited; one of: "
            + ", ".join(sorted(EDITABLE_CLUSTER_FIELDS))
        )
    new = coerce_cluster_value(field, value)
    _check_value(field, new)
    with store.engine.begin() as conn:
        row = conn.execute(select(t.clusters).where(t.clusters.c.id == cluster_id)).first()
        if row is None:
            raise NotFoundError(f"no cluster {cluster_id!r}")
        edit_id = _record(
            conn, "cluster", cluster_id, "set", author, field, getattr(row, field), new, note
        )
        refresh_cluster(conn, cluster_id, has_postgis=store.has_postgis)
        return _edit(conn, edit_id)


def _move(conn: Connection, uid: str, cluster_id: str, author: str, note: str) -> str | None:
    row = _event(conn, uid)
    ensure_cluster(conn, cluster_id, uid)
    conn.execute(
        update(t.events)
        .where(t.events.c.uid == uid)
        .values(
            cluster_id=cluster_id, pinned=True, merge_reason=f"analyst: {note}", merge_score=None
        )
    )
    _record(conn, "event", uid, "move", author, "cluster_id", row.cluster_id, cluster_id, note)
    return str(row.cluster_id) if row.cluster_id else None


def _members(conn: Connection, cluster_id: str) -> list[str]:
    return list(
        conn.scalars(
            select(t.events.c.uid)
            .where(t.events.c.cluster_id == cluster_id)
            .order_by(t.events.c.seq)
        )
    )


def merge_clusters(
    store: Store, into: str, others: Sequence[str], author: str, note: str | None = None
) -> EditRow:
    """Merge ``others`` into ``into``; every member is pinned so re-clustering keeps them."""
    with store.engine.begin() as conn:
        for cid in (into, *others):
            if not conn.execute(select(t.clusters.c.id).where(t.clusters.c.id == cid)).first():
                raise NotFoundError(f"no cluster {cid!r}")
        text = note or f"merged {', '.join(others)} into {into}"
        for uid in _members(conn, into):
            _move(conn, uid, into, author, text)
        moved: dict[str, list[str]] = {}
        for cid in others:
            if cid == into:
                continue
            moved[cid] = _members(conn, cid)
            for uid in moved[cid]:
                _move(conn, uid, into, author, text)
            refresh_cluster(conn, cid, has_postgis=store.has_postgis)
        edit_id = _record(conn, "cluster", into, "merge", author, None, moved, into, note)
        refresh_cluster(conn, into, has_postgis=store.has_postgis)
        return _edit(conn, edit_id)


def split_cluster(
    store: Store, cluster_id: str, event_uids: Sequence[str], author: str, note: str | None = None
) -> tuple[str, EditRow]:
    """Move ``event_uids`` out of a cluster into a new one; returns the new cluster's id."""
    with store.engine.begin() as conn:
        members = _members(conn, cluster_id)
        if not members:
            raise NotFoundError(f"no cluster {cluster_id!r}")
        outside = [u for u in event_uids if u not in members]
        if outside:
            raise StoreError(f"not in cluster {cluster_id}: {', '.join(outside)}")
        if not event_uids or len(set(event_uids)) == len(members):
            raise StoreError("a split must leave at least one event in each part")
        new_id = "s" + hashlib.sha1("\n".join(sorted(event_uids)).encode()).hexdigest()[:12]
        text = note or f"split from {cluster_id}"
        for uid in members:
            _move(conn, uid, new_id if uid in event_uids else cluster_id, author, text)
        edit_id = _record(
            conn,
            "cluster",
            cluster_id,
            "split",
            author,
            None,
            members,
            {"new_cluster": new_id, "events": list(event_uids)},
            note,
        )
        refresh_cluster(conn, cluster_id, has_postgis=store.has_postgis)
        refresh_cluster(conn, new_id, has_postgis=store.has_postgis)
        return new_id, _edit(conn, edit_id)


def replay_event_edits(conn: Connection, report_id: str, *, has_postgis: bool) -> None:
    """Re-apply recorded field corrections and moves to a report's freshly written events."""
    uids = list(conn.scalars(select(t.events.c.uid).where(t.events.c.report_id == report_id)))
    if not uids:
        return
    edits = conn.execute(
        select(t.edits)
        .where(t.edits.c.target_kind == "event", t.edits.c.target_id.in_(uids))
        .order_by(t.edits.c.id)
    ).all()
    touched: set[str] = set()
    for e in edits:
        new = json.loads(e.new_value) if e.new_value is not None else None
        if e.action == "set" and e.field in EDITABLE_EVENT_FIELDS:
            values = {e.field: coerce_event_value(e.field, new)}
        elif e.action == "move" and new:
            ensure_cluster(conn, str(new), e.target_id)
            values = {
                "cluster_id": str(new),
                "pinned": True,
                "merge_reason": f"analyst: {e.note or 'moved'}",
            }
            touched.add(str(new))
        else:
            continue
        conn.execute(update(t.events).where(t.events.c.uid == e.target_id).values(values))
    for cid in sorted(touched):
        refresh_cluster(conn, cid, has_postgis=has_postgis)
