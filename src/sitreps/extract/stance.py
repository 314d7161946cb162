"""Alignment, membership and stance statements, matched on a sentence's actor skeleton.

The skeleton of a sentence is its text with every actor mention replaced by a placeholder
``⟦n⟧``; the patterns below then read like the sentences they match:

* ``⟦a⟧ and ⟦b⟧ are two sides/faces of the same coin`` -> ``allied`` a-b, and the speaker's
  hostile stance towards a and b;
* ``⟦a⟧, an ally of ⟦b⟧``, ``⟦a⟧ allied with ⟦b⟧``, ``⟦a⟧ and its allies ⟦b⟧`` -> ``allied``;
* ``the ⟦a⟧ faction ⟦b⟧``, ``⟦b⟧, an ⟦a⟧ faction``, ``⟦b⟧, part of ⟦a⟧``, ``⟦a⟧-affiliated ⟦b⟧``
  -> ``part_of`` b -> a;
* ``⟦a⟧-backed ⟦b⟧`` -> ``supports`` a -> b.

A stance is not one of the contract's relation kinds: :class:`Stance` carries it (holder,
target, polarity) until the contract has a place for it. :func:`find_stances` also reads
stances off the relations a speaker asserts about its own side (fighting -> hostile, support
or supply received -> favourable).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from sitreps.extract.attribution_lexicon import relation_lexicon
from sitreps.extract.claims import claim_for
from sitreps.extract.stance_actors import ActorIndex
from sitreps.extract.stance_relations import RelationHit
from sitreps.models import ActorFinding, Claim, Relation, Span, Stance
from sitreps.nlp import ParsedReport

_SLOT = r"⟦(\d+)⟧"


@dataclass(frozen=True, slots=True)
class _Skeleton:
    sentence: Span
    text: str  # sentence text with mentions replaced by ⟦n⟧
    actors: tuple[str, ...]  # actor id of slot n
    offsets: tuple[int, ...]  # report offset of each skeleton position (and of its end)
    report_text: str

    def span(self, start: int, end: int) -> Span:
        return Span.of(self.report_text, self.offsets[start], self.offsets[end])


def _skeletons(index: ActorIndex) -> Iterator[_Skeleton]:
    nouns = relation_lexicon().group_nouns
    for sent in index.parsed.sentences:
        mentions = index.in_range(sent.start, sent.end)
        parts: list[str] = []
        offsets: list[int] = []
        ids: list[str] = []
        pos = sent.start
        for span, gid in mentions:
            if span.start < pos:
                continue
            parts.append(index.text[pos : span.start])
            offsets.extend(range(pos, span.start))
            # "FSA faction" named as one mention: keep its common group noun visible to the
            # patterns (a capitalised one, "Northern Brigade", is part of the name)
            end = span.end
            last = span.text.rsplit(" ", 1)
            if len(last) == 2 and last[1].islower() and last[1].rstrip("s") in nouns:
                end = span.end - len(last[1]) - 1
            slot = f"⟦{len(ids)}⟧"
            parts.append(slot)
            offsets.extend([span.start] + [end] * (len(slot) - 1))
            ids.append(gid)
            pos = end
        parts.append(index.text[pos : sent.end])
        offsets.extend(range(pos, sent.end))
        offsets.append(sent.end)
        skel = "".join(parts).replace("’", "'")
        yield _Skeleton(sent, skel, tuple(ids), tuple(offsets), index.text)


def _group_nouns() -> str:
    return "|".join(sorted(relation_lexicon().group_nouns, key=len, reverse=True))


def _part_of_patterns() -> list[tuple[re.Pattern[str], str]]:
    """Patterns capturing (member, parent) slot numbers, as named groups m and p."""
    nouns = _group_nouns()
    phrases = "|".join(re.escape(p) for p in relation_lexicon().part_of_phrases)
    det = r"(?:(?:the|a|an|one of the|another)\s+)?"
    mod = r"(?:[\w\-]+\s+){0,2}?"
    m, p = r"⟦(?P<m>\d+)⟧", r"⟦(?P<p>\d+)⟧"
    return [
        # "the FSA faction Jaysh Assud", "an FSA faction, Jaysh Assud"
        (re.compile(rf"{p}\s+{mod}(?:{nouns})s?,?\s+(?:called\s+|named\s+)?{m}", re.I), "p-m"),
        # "Jaysh Assud, an FSA faction" / "Jaysh Assud is an FSA faction"
        (
            re.compile(
                rf"{m}'?\s*(?:,|\s(?:is|was|are|were))\s+{det}{mod}{p}\s+{mod}(?:{nouns})s?\b", re.I
            ),
            "m-p",
        ),
        # "Jaysh Assud, part of the FSA" / "... is affiliated with the FSA"
        (
            re.compile(
                rf"{m}'?\s*(?:,|\s(?:is|was|are|were))\s+(?:{phrases})\s+(?:the\s+)?{p}", re.I
            ),
            "m-p",
        ),
        # "FSA-affiliated Jaysh Assud"
        (re.compile(rf"{p}-(?:affiliated|aligned|linked)\s+{mod}{m}", re.I), "p-m"),
    ]


def _ally_patterns() -> list[re.Pattern[str]]:
    a, b = r"⟦(?P<a>\d+)⟧", r"⟦(?P<b>\d+)⟧"
    return [
        re.compile(rf"{a}'?\s*,\s+(?:an?|the|a close)\s+all(?:y|ies)\s+of\s+(?:the\s+)?{b}", re.I),
        re.compile(
            rf"{a}'?\s*(?:,\s*|\s(?:is|are|was|were)\s+)?allied\s+(?:with|to)\s+(?:the\s+)?{b}",
            re.I,
        ),
        re.compile(rf"{a}\s+and\s+(?:its|their)\s+all(?:y|ies)\s*,?\s*(?:the\s+)?{b}", re.I),
        re.compile(rf"alliance\s+(?:between|of)\s+(?:the\s+)?{a}\s+and\s+(?:the\s+)?{b}", re.I),
    ]


def _supports_patterns() -> list[re.Pattern[str]]:
    a, b = r"⟦(?P<a>\d+)⟧", r"⟦(?P<b>\d+)⟧"
    return [
        re.compile(
            rf"{a}-(?:backed|supported|sponsored|funded|armed)\s+(?:[\w\-]+\s+){{0,2}}?{b}", re.I
        )
    ]


def skeleton_relations(index: ActorIndex) -> tuple[RelationHit, ...]:
    """part_of, allied and "-backed" supports relations from the sentence skeletons."""
    hits: list[RelationHit] = []
    part_of = _part_of_patterns()
    allies = _ally_patterns()
    backed = _supports_patterns()
    for sk in _skeletons(index):
        for pat, _order in part_of:
            for m in pat.finditer(sk.text):
                member, parent = sk.actors[int(m["m"])], sk.actors[int(m["p"])]
                if member != parent:
                    hits.append(RelationHit("part_of", member, parent, sk.span(*m.span())))
        for pat in allies:
            for m in pat.finditer(sk.text):
                a, b = sk.actors[int(m["a"])], sk.actors[int(m["b"])]
                if a != b:
                    hits.append(RelationHit("allied", a, b, sk.span(*m.span())))
        for pat in backed:
            for m in pat.finditer(sk.text):
                a, b = sk.actors[int(m["a"])], sk.actors[int(m["b"])]
                if a != b:
                    hits.append(RelationHit("supports", a, b, sk.span(*m.span())))
        hits.extend(_same_coin(sk)[0])
    return tuple(hits)


def _same_coin(sk: _Skeleton) -> tuple[list[RelationHit], list[str], Span | None]:
    """Actors said to be the same thing: allied pairs, and the actors the speaker opposes."""
    for pat in relation_lexicon().same_coin:
        m = pat.search(sk.text)
        if m is None:
            continue
        # the clause that ends at the idiom: after the last colon or semicolon
        cut = max(sk.text.rfind(":", 0, m.start()), sk.text.rfind(";", 0, m.start())) + 1
        slots = list(re.finditer(_SLOT, sk.text[cut : m.start()]))
        ids = list(dict.fromkeys(sk.actors[int(n[1])] for n in slots))
        if len(ids) < 2:
            continue
        ev = sk.span(cut + slots[0].start(), m.end())
        pairs = [RelationHit("allied", a, b, ev) for i, a in enumerate(ids) for b in ids[i + 1 :]]
        return pairs, ids, ev
    return [], [], None


def _add(
    found: dict[tuple[str, str, str], Stance],
    holder: str,
    target: str,
    polarity: str,
    ev: Span,
    claim_id: str | None,
) -> None:
    key = (holder, target, polarity)
    old = found.get(key)
    if old is not None and any((e.start, e.end) == (ev.start, ev.end) for e in old.evidence):
        return
    evidence = (*old.evidence, ev) if old else (ev,)
    found[key] = Stance(holder, target, polarity, evidence, old.claim if old else claim_id)


def _sides(holder: str, index: ActorIndex, relations: tuple[Relation, ...]) -> set[str]:
    """The holder and the groups it leads or belongs to, by the report's relations."""
    sides = {holder}
    group = index.group_of.get(holder)
    if group:
        sides.add(group)
    changed = True
    while changed:
        changed = False
        for r in relations:
            if r.kind in ("leads", "part_of") and r.source in sides and r.target not in sides:
                sides.add(r.target)
                changed = True
    return sides


def find_stances(
    index: ActorIndex, claims: tuple[Claim, ...], relations: tuple[Relation, ...] = ()
) -> tuple[Stance, ...]:
    """Stances the report's claimants take towards actors.

    * hostile towards both actors a speaker calls "two sides of the same coin";
    * hostile towards the actor a speaker says its own side fights;
    * favourable towards the actor a speaker says supports or supplies its own side.
    """
    found: dict[tuple[str, str, str], Stance] = {}
    for sk in _skeletons(index):
        _, opposed, ev = _same_coin(sk)
        if not opposed or ev is None:
            continue
        claim = _speaker_claim(claims, claim_for(claims, ev))
        if claim is None or claim.claimant is None:
            continue
        for target in opposed:
            _add(found, claim.claimant, target, "hostile", ev, claim.id)
    for r in relations:
        if r.kind not in ("fights", "supports", "supplies") or r.claim is None:
            continue
        claim = _speaker_claim(claims, next((c for c in claims if c.id == r.claim), None))
        if claim is None or claim.claimant is None or claim.kind == "narration":
            continue
        sides = _sides(claim.claimant, index, relations)
        ev = r.evidence[0]
        if r.kind == "fights":
            for mine, other in ((r.source, r.target), (r.target, r.source)):
                if mine in sides and other not in sides:
                    _add(found, claim.claimant, other, "hostile", ev, claim.id)
        elif r.target in sides and r.source not in sides:
            _add(found, claim.claimant, r.source, "favourable", ev, claim.id)
    return tuple(found.values())


def _speaker_claim(claims: tuple[Claim, ...], claim: Claim | None) -> Claim | None:
    """The claim itself, or the nearest enclosing claim that has a claimant."""
    while claim is not None and claim.claimant is None and claim.parent is not None:
        parent = claim.parent
        claim = next((c for c in claims if c.id == parent), None)
    return claim


def report_stances(
    parsed: ParsedReport,
    actors: ActorFinding,
    claims: tuple[Claim, ...],
    relations: tuple[Relation, ...] = (),
) -> tuple[Stance, ...]:
    """The stances of a report, from the stages' outputs (one call for the pipeline)."""
    return find_stances(ActorIndex(parsed, actors, claims), claims, relations)
