"""The time-aware actor graph, aggregated from stored relations and fused events.

An edge ``(source, target, kind)`` gathers:

* relations extracted from reports (``fights``, ``allied``, ``supports``, ``supplies``,
  ``part_of``, ``leads``, ``transfers_territory_to``), dated by the report's publication date
  or, failing that, its earliest event;
* fused events (one per cluster, so five reports of one clash count once): the two sides of a
  battle or a remote-violence event ``fights`` (not when one side is civilians or
  protesters: they are attacked, not fought); an associated actor is ``allied`` with the main
  actor of its side; ACLED's non-violent transfer of territory gives ``transfers_territory_to``.

``weight`` is the number of distinct pieces of evidence (reports for relations, clusters for
events). Symmetric kinds (``fights``, ``allied``) are stored with the two ids sorted.
Non-asserted relations and events (denials, threats) are left out unless asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, or_, select

from sitreps.store import schema as t
from sitreps.store.codec import ids_from_json, spans_from_json

if TYPE_CHECKING:
    from sitreps.store.db import Store

SYMMETRIC = frozenset({"fights", "allied"})
FIGHTING_TYPES = frozenset({"Battles", "Explosions/Remote violence"})
TRANSFER_SUB_TYPES = frozenset({"Non-violent transfer of territory"})
MAX_EVIDENCE = 20
#: Kinds of actor that are attacked, not fought: no ``fights`` edge with them.
UNARMED_KINDS = ("civilians", "protesters")


@dataclass(frozen=True, slots=True)
class EdgeEvidence:
    origin: str  # "relation" or "event"
    report_id: str
    cluster_id: str | None
    text: str
    day: date | None


@dataclass(frozen=True, slots=True)
class ActorEdge:
    source: str
    target: str
    kind: str
    weight: int
    first_seen: date | None
    last_seen: date | None
    evidence: tuple[EdgeEvidence, ...]


@dataclass(frozen=True, slots=True)
class ActorNode:
    id: str
    name: str
    kind: str
    provisional: bool


@dataclass(frozen=True, slots=True)
class ActorGraph:
    nodes: tuple[ActorNode, ...]
    edges: tuple[ActorEdge, ...]


class _Acc:
    def __init__(self) -> None:
        self.keys: set[str] = set()
        self.days: list[date] = []
        self.evidence: list[EdgeEvidence] = []

    def add(self, key: str, ev: EdgeEvidence) -> None:
        if key in self.keys:
            return
        self.keys.add(key)
        if ev.day is not None:
            self.days.append(ev.day)
        if len(self.evidence) < MAX_EVIDENCE:
            self.evidence.append(ev)


def _in_range(day: date | None, date_from: date | None, date_to: date | None) -> bool:
    if day is None:
        return date_from is None and date_to is None
    return (date_from is None or day >= date_from) and (date_to is None or day <= date_to)


def actor_graph(
    store: Store,
    *,
    actor: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    include_non_asserted: bool = False,
) -> ActorGraph:
    """Edges (and their actors) seen between ``date_from`` and ``date_to``, optionally of one actor."""
    acc: dict[tuple[str, str, str], _Acc] = {}

    def add(src: str, dst: str, kind: str, key: str, ev: EdgeEvidence) -> None:
        if not src or not dst or src == dst:
            return
        if actor is not None and actor not in (src, dst):
            return
        if kind in SYMMETRIC and dst < src:
            src, dst = dst, src
        acc.setdefault((src, dst, kind), _Acc()).add(key, ev)

    r, rel, ev_t = t.reports, t.relations, t.events
    with store.engine.connect() as conn:
        first_event = (
            select(ev_t.c.report_id, func.min(ev_t.c.date_start).label("day"))
            .group_by(ev_t.c.report_id)
            .subquery()
        )
        q = (
            select(rel, r.c.published, first_event.c.day)
            .join(r, r.c.id == rel.c.report_id)
            .outerjoin(first_event, first_event.c.report_id == rel.c.report_id)
        )
        if actor is not None:
            q = q.where(or_(rel.c.source == actor, rel.c.target == actor))
        if not include_non_asserted:
            q = q.where(rel.c.modality == "asserted")
        for row in conn.execute(q.order_by(r.c.seq, rel.c.idx)):
            day = row.published or row.day
            if not _in_range(day, date_from, date_to):
                continue
            spans = spans_from_json(row.evidence)
            text = max((s.text for s in spans), key=len, default="")
            add(
                row.source,
                row.target,
                row.kind,
                f"r:{row.report_id}",
                EdgeEvidence("relation", row.report_id, None, text, day),
            )
        cq = select(t.clusters)
        if not include_non_asserted:
            cq = cq.where(t.clusters.c.modality == "asserted")
        if actor is not None:
            cq = cq.where(t.clusters.c.actors.like(f'%"{actor}"%'))
        if date_from is not None:
            cq = cq.where(
                func.coalesce(t.clusters.c.date_end, t.clusters.c.date_start) >= date_from
            )
        if date_to is not None:
            cq = cq.where(t.clusters.c.date_start <= date_to)
        clusters = list(conn.execute(cq.order_by(t.clusters.c.id)))
        members = _members(conn, [c.id for c in clusters])
        unarmed = frozenset(
            conn.scalars(select(t.actors.c.id).where(t.actors.c.kind.in_(UNARMED_KINDS)))
        )
        for c in clusters:
            if not _in_range(c.date_start, date_from, date_to):
                continue
            for m in members.get(c.id, []):
                _event_edges(add, c, m, unarmed)
        ids = {a for key in acc for a in key[:2]}
        nodes = [
            ActorNode(a.id, a.name, a.kind, bool(a.provisional))
            for a in conn.execute(select(t.actors).where(t.actors.c.id.in_(sorted(ids))))
        ]
    edges = [
        ActorEdge(
            s,
            d,
            k,
            len(a.keys),
            min(a.days, default=None),
            max(a.days, default=None),
            tuple(a.evidence),
        )
        for (s, d, k), a in acc.items()
    ]
    edges.sort(key=lambda e: (-e.weight, e.source, e.target, e.kind))
    return ActorGraph(tuple(sorted(nodes, key=lambda n: n.id)), tuple(edges))


def _members(conn: Any, cluster_ids: list[str]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for start in range(0, len(cluster_ids), 500):
        chunk = cluster_ids[start : start + 500]
        q = select(t.events).where(t.events.c.cluster_id.in_(chunk)).order_by(t.events.c.seq)
        for row in conn.execute(q):
            out.setdefault(row.cluster_id, []).append(row)
    return out


def _event_edges(add: Any, cluster: Any, m: Any, unarmed: frozenset[str]) -> None:
    if m.modality != "asserted" and cluster.modality == "asserted":
        return
    spans = spans_from_json(m.evidence)
    ev = EdgeEvidence(
        "event", m.report_id, cluster.id, spans[0].text if spans else "", cluster.date_start
    )
    key = f"c:{cluster.id}"
    a1, a2 = m.actor1, m.actor2
    if a1 and a2 and m.event_type in FIGHTING_TYPES and not {a1, a2} & unarmed:
        add(a1, a2, "fights", key, ev)
    if a1 and a2 and m.sub_event_type in TRANSFER_SUB_TYPES:
        add(a1, a2, "transfers_territory_to", key, ev)
    for main, assoc in ((a1, m.assoc_actor1), (a2, m.assoc_actor2)):
        for other in ids_from_json(assoc):
            if main:
                add(main, other, "allied", key, ev)


def neighbours(
    store: Store,
    actor_id: str,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    include_non_asserted: bool = False,
) -> list[ActorEdge]:
    """The edges of one actor, heaviest first."""
    graph = actor_graph(
        store,
        actor=actor_id,
        date_from=date_from,
        date_to=date_to,
        include_non_asserted=include_non_asserted,
    )
    return list(graph.edges)
