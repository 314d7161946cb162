"""Relations between actors, each with its evidence spans and the claim that makes it.

Sources of relations:

* events: a battle -> ``fights`` between actor1 and actor2; associated actors -> ``supports``
  the actor they are associated with; a non-violent transfer of territory ->
  ``transfers_territory_to`` (giver -> receiver); a PLOVER AID event -> ``supplies``;
* statements on the dependency parse (:mod:`sitreps.extract.stance_relations`): fighting,
  support, supply and territory handover;
* sentence skeletons (:mod:`sitreps.extract.stance`): membership (``part_of``), alliances and
  "two sides of the same coin" (``allied``), "X-backed Y";
* role phrases (:mod:`sitreps.extract.attribution_roles`): "the leader of X ‘Y’" -> ``leads``.

Relations with the same source, target and kind are merged (evidence joined); ``fights`` and
``allied`` are symmetric and stored with their ends in sorted order.
"""

from __future__ import annotations

from sitreps.extract.claims import claim_for
from sitreps.extract.stance import skeleton_relations
from sitreps.extract.stance_actors import ActorIndex
from sitreps.extract.stance_relations import RelationHit, statement_relations
from sitreps.models import RELATION_KINDS, ActorFinding, Claim, Event, Relation, Span
from sitreps.nlp import ParsedReport

SYMMETRIC = frozenset({"fights", "allied"})
#: event types whose two actors fight each other (violence against civilians is not fighting)
_FIGHTING_EVENTS = ("Battles", "Explosions/Remote violence")
#: actor kinds that are no party to fighting, alliances or supply, only their victims
_NON_COMBATANT = frozenset({"civilians", "protesters"})
_TRANSFER_GIVING = ("hand", "cede", "surrender", "transfer", "give", "relinquish", "deliver")


def _event_hits(events: tuple[Event, ...]) -> list[tuple[RelationHit, str | None]]:
    hits: list[tuple[RelationHit, str | None]] = []
    for e in events:
        if not e.evidence:
            continue
        ev = e.trigger or e.evidence[0]

        def add(kind: str, src: str | None, tgt: str | None, e: Event = e, ev: Span = ev) -> None:
            if src and tgt and src != tgt:
                hits.append((RelationHit(kind, src, tgt, ev, e.modality), e.claim))

        if e.event_type in _FIGHTING_EVENTS:
            add("fights", e.actor1, e.actor2)
        if e.sub_event_type == "Non-violent transfer of territory":
            trigger = (e.trigger.text if e.trigger else "").lower()
            if any(trigger.startswith(w) for w in _TRANSFER_GIVING):
                add("transfers_territory_to", e.actor1, e.actor2)
            else:
                add("transfers_territory_to", e.actor2, e.actor1)
        if e.plover == "AID":
            add("supplies", e.actor1, e.actor2)
        for a in e.assoc_actor1:
            add("supports", a, e.actor1)
        for a in e.assoc_actor2:
            add("supports", a, e.actor2)
    return hits


def _leads(index: ActorIndex) -> list[RelationHit]:
    out = []
    for link in index.roles:
        if link.person is None or link.group is None:
            continue
        if link.person.ref not in index.person_ids:
            continue  # a name the actor stage did not resolve is no actor id
        if link.role_noun not in index.lex.leader_nouns:
            continue
        out.append(RelationHit("leads", link.person.ref, link.group, link.evidence))
    return out


def _merge(
    hits: list[tuple[RelationHit, str | None]],
    claims: tuple[Claim, ...],
    kinds: dict[str, str],
) -> tuple[Relation, ...]:
    merged: dict[tuple[str, str, str], Relation] = {}
    for hit, claim_id in hits:
        if hit.kind not in RELATION_KINDS:
            continue
        if kinds.get(hit.source) in _NON_COMBATANT or kinds.get(hit.target) in _NON_COMBATANT:
            continue
        src, tgt = hit.source, hit.target
        if hit.kind in SYMMETRIC and tgt < src:
            src, tgt = tgt, src
        key = (src, tgt, hit.kind)
        if claim_id is None:
            claim = claim_for(claims, hit.evidence)
            claim_id = claim.id if claim is not None else None
        old = merged.get(key)
        if old is None:
            merged[key] = Relation(src, tgt, hit.kind, (hit.evidence,), claim_id, hit.modality)
            continue
        evidence = old.evidence
        if all((e.start, e.end) != (hit.evidence.start, hit.evidence.end) for e in evidence):
            evidence = tuple(sorted((*evidence, hit.evidence), key=lambda s: s.start))
        modality = "asserted" if "asserted" in (old.modality, hit.modality) else old.modality
        merged[key] = Relation(src, tgt, hit.kind, evidence, old.claim or claim_id, modality)
    return tuple(
        sorted(merged.values(), key=lambda r: (r.evidence[0].start, r.kind, r.source, r.target))
    )


def find_relations(
    parsed: ParsedReport,
    actors: ActorFinding,
    events: tuple[Event, ...],
    claims: tuple[Claim, ...],
) -> tuple[Relation, ...]:
    """Every relation the report states or its events imply, deduplicated."""
    index = ActorIndex(parsed, actors, claims)
    hits: list[tuple[RelationHit, str | None]] = _event_hits(events)
    hits.extend((h, None) for h in statement_relations(index))
    hits.extend((h, None) for h in skeleton_relations(index))
    hits.extend((h, None) for h in _leads(index))
    return _merge(hits, claims, {a.id: a.kind for a in actors.actors})
