"""The rows of one report: written inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select

from sitreps.models import Extraction, Place
from sitreps.serialize import place as place_obj
from sitreps.store import schema as t
from sitreps.store.codec import ids_json, quantities_json, span_json, spans_json

#: Events of one report are numbered ``report seq * EVENT_SEQ_STRIDE + index``.
EVENT_SEQ_STRIDE = 10_000


def _insert_missing(conn: Connection, table: Any, rows: Iterable[dict[str, Any]]) -> list[str]:
    """Insert the rows whose ``id`` is not in ``table`` yet; returns the inserted ids."""
    rows = list(rows)
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    present = set(conn.scalars(select(table.c.id).where(table.c.id.in_(ids))))
    new = [r for r in rows if r["id"] not in present]
    unique: dict[str, dict[str, Any]] = {}
    for r in new:
        unique.setdefault(r["id"], r)
    if unique:
        conn.execute(insert(table), list(unique.values()))
    return list(unique)


def _place_row(p: Place) -> dict[str, Any]:
    """The contract's place object without its mentions (stored per report elsewhere)."""
    return {k: v for k, v in place_obj(p).items() if k != "mentions"}


def write_extraction(conn: Connection, ex: Extraction, *, has_postgis: bool) -> None:
    r = ex.report
    seq = (conn.scalar(select(func.max(t.reports.c.seq))) or 0) + 1
    conn.execute(
        insert(t.reports).values(
            id=r.id,
            seq=seq,
            title=r.title,
            outlet=r.outlet,
            published=r.published,
            url=r.url,
            language=r.language,
            source_id=r.source_id,
            origin=r.origin,
            text=r.text,
            sentences=spans_json(ex.sentences),
            added_at=datetime.now(UTC),
        )
    )
    _insert_missing(
        conn,
        t.actors,
        (
            {
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "inter": a.inter,
                "country": a.country,
                "acled_name": a.acled_name,
                "provisional": a.provisional,
            }
            for a in ex.actors
        ),
    )
    seen_actors: set[str] = set()
    for a in ex.actors:
        if a.id in seen_actors:
            continue
        seen_actors.add(a.id)
        conn.execute(
            insert(t.report_actors).values(
                report_id=r.id, actor_id=a.id, role=a.role, mentions=spans_json(a.mentions)
            )
        )
    new_places = _insert_missing(conn, t.places, (_place_row(p) for p in ex.places))
    if has_postgis and new_places:
        from sitreps.store.geo import set_place_geometry

        set_place_geometry(conn, new_places)
    place_by_id = {p.id: p for p in ex.places}
    for pid in dict.fromkeys(p.id for p in ex.places):
        conn.execute(
            insert(t.report_places).values(
                report_id=r.id, place_id=pid, mentions=spans_json(place_by_id[pid].mentions)
            )
        )
    if ex.mentions:
        conn.execute(
            insert(t.mentions),
            [
                {
                    "report_id": r.id,
                    "id": m.id,
                    "kind": m.kind,
                    "start": m.span.start,
                    "end": m.span.end,
                    "text": m.span.text,
                    "sentence": m.sentence,
                    "entity_id": m.entity_id,
                    "label": m.label,
                    "score": m.score,
                    "reason": m.reason,
                }
                for m in {m.id: m for m in ex.mentions}.values()
            ],
        )
    claims = {c.id: c for c in ex.claims}
    if claims:
        conn.execute(
            insert(t.claims),
            [
                {
                    "report_id": r.id,
                    "id": c.id,
                    "claimant": c.claimant,
                    "claimant_role": c.claimant_role,
                    "outlet": c.outlet,
                    "cue": span_json(c.cue),
                    "content": span_json(c.content),
                    "partisan": c.partisan,
                    "kind": c.kind,
                    "parent": c.parent,
                    "source": span_json(c.source),
                }
                for c in claims.values()
            ],
        )
    event_rows = []
    for i, e in enumerate(ex.events):
        place = place_by_id.get(e.place) if e.place else None
        claim = claims.get(e.claim) if e.claim else None
        fat = e.fatalities
        event_rows.append(
            {
                "uid": f"{r.id}/{e.id}",
                "report_id": r.id,
                "event_id": e.id,
                "seq": seq * EVENT_SEQ_STRIDE + i,
                "event_type": e.event_type,
                "sub_event_type": e.sub_event_type,
                "plover": e.plover,
                "plover_mode": e.plover_mode,
                "actor1": e.actor1,
                "assoc_actor1": ids_json(e.assoc_actor1),
                "actor2": e.actor2,
                "assoc_actor2": ids_json(e.assoc_actor2),
                "place_id": e.place,
                "lat": place.lat if place else None,
                "lon": place.lon if place else None,
                "admin1": place.admin1 if place else None,
                "country": place.country if place else None,
                "geo_precision": e.geo_precision,
                "date_start": e.date_start,
                "date_end": e.date_end,
                "time_precision": e.time_precision,
                "fat_best": fat.best if fat else None,
                "fat_low": fat.low if fat else None,
                "fat_high": fat.high if fat else None,
                "quantities": quantities_json(e.quantities),
                "modality": e.modality,
                "claim_id": e.claim,
                "partisan": bool(claim and claim.partisan),
                "outlet": r.outlet or (claim.outlet if claim else None),
                "evidence": spans_json(e.evidence),
                "trigger": span_json(e.trigger),
                "location_reason": e.location_reason,
                "date_reason": e.date_reason,
                "confidence": e.confidence,
                "cluster_id": None,
                "merge_reason": None,
                "merge_score": None,
                "pinned": False,
            }
        )
    if event_rows:
        conn.execute(insert(t.events), event_rows)
    if ex.relations:
        conn.execute(
            insert(t.relations),
            [
                {
                    "report_id": r.id,
                    "idx": i,
                    "source": rel.source,
                    "target": rel.target,
                    "kind": rel.kind,
                    "evidence": spans_json(rel.evidence),
                    "claim_id": rel.claim,
                    "modality": rel.modality,
                }
                for i, rel in enumerate(ex.relations)
            ],
        )
