"""Partisan claims: the claimant is, or belongs to, a party to what the claim reports.

The claimant's side is the claimant and every group it leads or belongs to: by the report's
``leads`` and ``part_of`` relations, by the claimant's stated role ("leader of X"), and by the
knowledge base's affiliations (``sitreps.actors.kb``) when it knows the actor.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable

from sitreps.models import ActorFinding, Claim, Event, Relation

_ParentsFn = Callable[[str], Iterable[str]]


def _affiliations(
    claimant: str, role: str | None, relations: tuple[Relation, ...], actors: ActorFinding
) -> set[str]:
    """The claimant and every group it leads or belongs to (transitively)."""
    found = {claimant}
    if role:
        low = role.lower()
        for a in actors.actors:
            if a.kind != "person" and a.name and a.name.lower() in low:
                found.add(a.id)
    parents_of = _kb_parents()
    frontier = list(found)
    while frontier:
        cur = frontier.pop()
        nxt: list[str] = [
            r.target for r in relations if r.kind in ("leads", "part_of") and r.source == cur
        ]
        nxt.extend(parents_of(cur))
        for n in nxt:
            if n not in found:
                found.add(n)
                frontier.append(n)
    return found


def _kb_parents() -> _ParentsFn:
    try:
        from sitreps.actors.kb import get_kb
    except ImportError:
        return _no_parents
    kb = get_kb()
    parents = getattr(kb, "parents", None)
    if parents is None:
        return _no_parents

    def fn(actor_id: str) -> Iterable[str]:
        if actor_id not in kb:
            return ()
        return tuple(parents(actor_id))

    return fn


def _no_parents(actor_id: str) -> Iterable[str]:
    return ()


def _adversaries(
    mine: set[str], events: tuple[Event, ...], relations: tuple[Relation, ...]
) -> set[str]:
    """Actors the claimant's side fights, by the report's relations and battles."""
    out: set[str] = set()
    for r in relations:
        if r.kind == "fights" and r.modality == "asserted":
            if r.source in mine:
                out.add(r.target)
            if r.target in mine:
                out.add(r.source)
    for e in events:
        if e.event_type == "Battles" and e.modality == "asserted":
            side1 = {x for x in (e.actor1, *e.assoc_actor1) if x}
            side2 = {x for x in (e.actor2, *e.assoc_actor2) if x}
            if mine & side1:
                out |= side2
            if mine & side2:
                out |= side1
    return out - mine


def _own_mentions(c: Claim, claims: tuple[Claim, ...], actors: ActorFinding) -> set[str]:
    """Actors named in the claim's content, outside the claims nested in it."""
    children = [d.content for d in claims if d.parent == c.id]
    return {
        m.entity_id
        for m in actors.mentions
        if m.entity_id
        and c.content.contains(m.span)
        and not any(ch.contains(m.span) for ch in children)
    }


_WE_RE = re.compile(r"\b(?:we|us|our|ours)\b", re.IGNORECASE)


def _speaks_as_group(c: Claim, claims: tuple[Claim, ...]) -> bool:
    """The claim's own words (outside nested claims) speak as a group: "we", "our"."""
    children = [d.content for d in claims if d.parent == c.id]
    for m in _WE_RE.finditer(c.content.text):
        at = c.content.start + m.start()
        if not any(ch.start <= at < ch.end for ch in children):
            return True
    return False


def mark_partisan(
    claims: tuple[Claim, ...],
    events: tuple[Event, ...],
    relations: tuple[Relation, ...],
    actors: ActorFinding,
) -> tuple[Claim, ...]:
    """Flag claims whose claimant is, or belongs to, a party to what the claim reports.

    A claim is partisan when its claimant (or a group it leads or belongs to, by the report's
    ``leads``/``part_of`` relations, the claimant's stated role, or the knowledge base) is an
    actor of an event the claim reports or an end of a relation it asserts, or when the claim
    speaks of the claimant's own side (by name, or as "we" for an armed group) or of an actor
    that side fights: a side's account of itself or of its enemy.
    """
    out = []
    for c in claims:
        if c.claimant is None:
            out.append(c)
            continue
        mine = _affiliations(c.claimant, c.claimant_role, relations, actors)
        parties: set[str] = set()
        for e in events:
            if e.claim == c.id:
                parties.update(x for x in (e.actor1, e.actor2) if x)
                parties.update(e.assoc_actor1)
                parties.update(e.assoc_actor2)
        for r in relations:
            if r.claim == c.id and r.kind not in ("leads", "part_of"):
                parties.update((r.source, r.target))
        partisan = bool(mine & parties)
        if not partisan:
            named = _own_mentions(c, claims, actors)
            enemies = _adversaries(mine, events, relations)
            groups = mine - {c.claimant} if len(mine) > 1 else mine
            kinds = {a.id: a.kind for a in actors.actors}
            armed = any(kinds.get(g) not in (None, "person", "civilians") for g in groups)
            partisan = (
                bool(enemies & named)
                or bool(groups & named - {c.claimant})
                or (armed and _speaks_as_group(c, claims))
            )
        out.append(dataclasses.replace(c, partisan=partisan))
    return tuple(out)
