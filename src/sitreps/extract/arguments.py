"""Event arguments from the dependency parse: initiator, target and associated actors.

* agent: ``nsubj`` of the trigger verb, the ``by`` agent of a passive, the subject of a light
  verb that takes the trigger as object ("staged a protest", "have begun the handing over"),
  a possessor ("the army's offensive") -> actor1
* target: ``dobj``, passive subject, ``against/on/at/with X``, ``to X`` for transfers and
  supplies -> actor2; ``between X and Y`` -> actor1 X, actor2 Y
* "supported/backed by X and Y", "alongside X" -> associated actors of the side named
  nearest before the cue
* first-person pronouns in a claim -> the claimant's group; "you" in an interviewer's turn ->
  the interviewee's group; a person -> the group the text says they lead or speak for.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from sitreps.models import Actor, ActorFinding, Claim, Mention

_LIGHT_VERBS = frozenset(
    {"stage", "launch", "carry", "conduct", "mount", "wage", "begin", "start", "continue",
     "hold", "organise", "organize", "lead", "undertake", "perform", "make", "take", "engage",
     "resume", "initiate", "step", "intensify", "escalate", "succeed", "join", "receive", "give",
     "provide", "get", "announce", "commit", "claim", "unleash", "fire", "sign", "reach",
     "participate"}
)  # fmt: skip
_TARGET_PREPS = frozenset({"against", "on", "at", "with", "upon", "targeting", "towards", "toward"})
_TARGET_VERBS = frozenset({"target"})
_OUTCOME_VERBS = frozenset({"kill", "injure", "wound", "hit", "target"})
_SUPPORT_LEMMAS = frozenset({"support", "back", "aid", "assist", "help", "reinforce", "accompany"})
_WE = frozenset({"we", "us", "our", "ours", "ourselves"})
_YOU = frozenset({"you", "your", "yours"})
_TRANSFER_FRAMES = frozenset({"handover", "supply"})
#: trigger frames of attacks, whose author a claim of responsibility names
_VIOLENT_FRAMES = frozenset(
    {"clash", "attack", "kill", "murder", "airstrike", "shelling", "explosive", "suicide",
     "grenade", "chemical", "abduct", "sexual", "loot", "disrupt", "military_strike",
     "interception"}
)  # fmt: skip
#: verbs that stop something: in a passive without agent, "the X program has been suspended",
#: the owner of what is stopped (the modifier of the patient) is the one who stops it
_ENDING_LEMMAS = frozenset(
    {"suspend", "end", "halt", "stop", "cancel", "terminate", "freeze", "discontinue", "scrap",
     "abandon", "shelve", "axe", "curtail", "close", "shut"}
)  # fmt: skip
#: "in support of X", "with the backing of X": X is on the side of the one who acts
_ALLY_NOUNS = frozenset({"support", "backing", "help", "aid", "assistance", "cover", "protection"})


@dataclass(frozen=True)
class Arguments:
    actor1: str | None
    assoc_actor1: tuple[str, ...]
    actor2: str | None
    assoc_actor2: tuple[str, ...]
    from_parse: bool  # False when found by proximity only


@dataclass(frozen=True)
class ActorIndex:
    """Where actor mentions are, and which group a person or pronoun stands for."""

    mentions: tuple[Mention, ...]
    groups: dict[str, str]  # person actor id (or name) -> group actor id
    valid: frozenset[str]  # non-person actor ids
    interviewee_group: str | None
    parents: dict[str, frozenset[str]] = field(default_factory=dict)  # within the report

    def actor_at(self, start: int, end: int) -> str | None:
        for m in self.mentions:
            if m.entity_id and m.span.start < end and start < m.span.end:
                return self.resolve(m.entity_id)
        return None

    def resolve(self, actor_id: str | None) -> str | None:
        if actor_id is None:
            return None
        if actor_id in self.valid:
            return actor_id
        return self.groups.get(actor_id)

    def family(self, actor_ids: set[str]) -> set[str]:
        """The actors and their parents and children among the report's actors."""
        out = set(actor_ids)
        for a in actor_ids:
            out |= self.parents.get(a, frozenset())
        for child, ps in self.parents.items():
            if ps & actor_ids:
                out.add(child)
        return out


def _kb() -> Any:
    try:
        from sitreps.actors.kb import get_kb
    except ImportError:
        return None
    return get_kb()


def build_index(actors: ActorFinding, claims: tuple[Claim, ...]) -> ActorIndex:
    valid = frozenset(a.id for a in actors.actors if a.kind != "person")
    kb = _kb()
    groups: dict[str, str] = {}
    parents: dict[str, frozenset[str]] = {}
    for a in actors.actors:
        if a.kind == "person":
            group = _group_named_in(a.role, actors.actors) if a.role else None
            if group is None and kb is not None and a.id in kb:
                group = next((g for g in kb.groups_led_by(a.id) if g in valid), None)
            if group:
                groups[a.id] = group
                groups.setdefault(a.name, group)
        elif kb is not None and a.id in kb:
            parents[a.id] = frozenset(p for p in kb.parents(a.id) if p in valid)
    votes: Counter[str] = Counter()
    for c in claims:
        if c.kind == "interview_answer" and c.claimant in groups:
            votes[groups[c.claimant]] += 1
    interviewee = votes.most_common(1)[0][0] if votes else None
    mentions = tuple(m for m in actors.mentions if m.entity_id and m.kind in ("actor", "person"))
    return ActorIndex(mentions, groups, valid, interviewee, parents)


def _group_named_in(role: str, actors: tuple[Actor, ...]) -> str | None:
    low = role.lower()
    best: tuple[int, str] | None = None
    for a in actors:
        if a.kind == "person":
            continue
        for name in (a.name, a.acled_name, *(m.text for m in a.mentions)):
            found = bool(name) and len(name) > 2 and name.lower() in low
            if found and (best is None or len(name) > best[0]):
                best = (len(name), a.id)
    return best[1] if best else None


def _pronoun_actor(tok: Any, index: ActorIndex, claim: Claim | None) -> str | None:
    """'we' -> the claimant's group; 'you' put to the interviewee -> the interviewee's group."""
    word = tok.lower_
    if claim is None or word not in _WE | _YOU:
        return None
    speaker = index.resolve(claim.claimant) if claim.claimant else None
    if word in _WE:
        return speaker
    if index.interviewee_group and speaker != index.interviewee_group:
        return index.interviewee_group
    return None


def _actors_in(tok: Any, index: ActorIndex, claim: Claim | None) -> list[str]:
    """Actors named by the phrase headed by ``tok`` and its conjuncts."""
    out: list[str] = []
    heads = [tok, *[c for c in tok.conjuncts]]
    for h in heads:
        found = _pronoun_actor(h, index, claim)
        if found is None:
            left = min(
                [h.idx]
                + [
                    t.idx
                    for c in h.lefts
                    if c.dep_ not in ("conj", "cc", "relcl", "acl")
                    for t in c.subtree
                ]
            )
            found = index.actor_at(left, h.idx + len(h.text))
            if found is None:
                found = index.actor_at(h.idx, h.idx + len(h.text))
            if found is None and h.pos_ == "PROPN":
                found = _appositive_group(h, index)
        if found and found not in out:
            out.append(found)
    return out


#: role nouns of an appositive that make a person stand for a group ("X, an ISIL commander")
_ROLE_NOUNS = frozenset(
    {"leader", "commander", "chief", "head", "member", "fighter", "official", "emir", "amir",
     "spokesman", "spokesperson", "militant", "operative", "founder", "deputy", "officer",
     "soldier", "general"}
)  # fmt: skip


def _appositive_group(name: Any, index: ActorIndex) -> str | None:
    """The group of a named person described by an appositive role ("Abu X, an ISIL gang
    leader in Raqqa"; "Y, a commander of the TLF"): the group named in the role phrase."""
    for c in name.children:
        if c.dep_ != "appos" or c.lemma_.lower() not in _ROLE_NOUNS:
            continue
        lo = c.left_edge.idx
        hi = c.right_edge.idx + len(c.right_edge.text)
        for t in c.subtree:
            if t.dep_ in ("relcl", "acl") or (t.dep_ == "prep" and t.lower_ != "of"):
                hi = min(hi, t.left_edge.idx)  # "leader in Raqqa": a place, not the group
        found = index.actor_at(lo, hi)
        if found:
            return found
    return None


#: verbs whose subject is the one attacked when their object is fire or an attack ("came
#: under fire from X", "received mortar fire from X")
_SUFFER_VERBS = frozenset({"receive", "come", "take", "sustain", "suffer", "face", "endure"})
_FIRE_NOUNS = frozenset({"fire", "gunfire", "shelling", "attack", "attacks", "barrage", "strike"})


def _received_attack(
    tok: Any, index: ActorIndex, claim: Claim | None
) -> tuple[list[str], list[str]] | None:
    """(attackers, attacked) when the trigger is fire that someone receives ("the army came
    under mortar fire from the TLF": the TLF fires, the army is fired upon)."""
    noun = tok
    for _ in range(4):
        if noun.lemma_.lower() in _FIRE_NOUNS or noun.dep_ not in ("compound", "amod", "conj"):
            break
        noun = noun.head
    if noun.dep_ == "dobj":
        verb = noun.head
    elif noun.dep_ == "pobj" and noun.head.lower_ == "under":
        verb = noun.head.head
    else:
        return None
    if verb.lemma_.lower() not in _SUFFER_VERBS or verb.pos_ != "VERB":
        return None
    holder = verb
    while not any(c.dep_ == "nsubj" for c in holder.children) and holder.dep_ == "xcomp":
        holder = holder.head  # "forces continued to receive fire"
    attacked = [
        x for c in holder.children if c.dep_ == "nsubj" for x in _actors_in(c, index, claim)
    ]
    attackers: list[str] = []
    for h in (noun, verb):
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ == "from":
                attackers += _pobj_actors(c, index, claim)
    if not attacked and not attackers:
        return None
    return attackers, [x for x in attacked if x not in attackers]


def _claimed_by(sentence: Any, index: ActorIndex, claim: Claim | None) -> list[str]:
    """The group that claimed responsibility for an attack in this sentence ("..., for which
    X has claimed responsibility"; "responsibility was claimed by X")."""
    out: list[str] = []
    for t in sentence:
        if t.lemma_.lower() != "responsibility" or t.head.lemma_.lower() not in ("claim", "take"):
            continue
        verb = t.head
        for c in verb.children:
            if c.dep_ == "nsubj" and t.dep_ == "dobj":
                out += _actors_in(c, index, claim)
            elif c.dep_ == "agent" and t.dep_ == "nsubjpass":
                out += _pobj_actors(c, index, claim)
    return out


def _governor(tok: Any) -> Any:
    """The verb that carries the subject for a trigger: itself or a light verb over it."""
    cur = tok
    if tok.dep_ == "nsubjpass" and tok.head.lemma_.lower() in _LIGHT_VERBS:
        return tok.head  # "military support is being given to you"
    for _ in range(3):
        if cur.dep_ in ("dobj", "pobj", "attr", "xcomp", "pcomp", "prep") and cur.head.i != cur.i:
            head = cur.head
            if head.lemma_.lower() in _LIGHT_VERBS or cur.dep_ in ("xcomp", "pcomp", "prep"):
                cur = head
                continue
        break
    return cur


def find_arguments(
    tok: Any, frame_name: str, sentence: Any, index: ActorIndex, claim: Claim | None
) -> Arguments:
    """Actors of the event triggered by token ``tok`` within its sentence."""
    clause_verb = _heading_clause(tok)
    if clause_verb is not None:
        # "Property destruction: On 9 June, X demolished ...": the clause after the heading
        # tells who did what
        return find_arguments(clause_verb, frame_name, sentence, index, claim)
    a1: list[str] = []
    a2: list[str] = []
    assoc_cues: list[tuple[int, list[str]]] = []
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
    for c in tok.children:
        dep = c.dep_
        if dep == "nsubj":
            a1 += _actors_in(c, index, claim)
        elif dep == "nsubjpass":
            a2 += _actors_in(c, index, claim)
        elif dep == "agent" or (dep == "prep" and c.lower_ == "by"):
            for p in c.children:
                if p.dep_ == "pobj":
                    a1 += _actors_in(p, index, claim)
        elif dep == "poss":
            a1 += _actors_in(c, index, claim)
        elif dep == "dobj" and not passive:
            a2 += _actors_in(c, index, claim)
        elif dep == "prep" and c.lower_ == "between":
            for p in c.children:
                if p.dep_ == "pobj":
                    found = _actors_in(p, index, claim)
                    a1 += found[:1]
                    a2 += found[1:]
        elif (dep == "prep" and c.lower_ in _TARGET_PREPS) or (
            dep == "prep" and c.lower_ == "to" and frame_name in _TRANSFER_FRAMES
        ):
            for p in c.children:
                if p.dep_ == "pobj":
                    a2 += _actors_in(p, index, claim)
        elif dep == "prep" and c.lower_ == "from" and frame_name == "supply":
            for p in c.children:
                if p.dep_ == "pobj":
                    a1 += _actors_in(p, index, claim)
    gov = _governor(tok)
    # a light verb over the trigger, or one modifying it ("support being given to you")
    govs = [g for g in (gov,) if g.i != tok.i]
    govs += [c for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in _LIGHT_VERBS]
    for g in govs:
        for c in g.children:
            if c.dep_ == "nsubj" and not a1:
                a1 += _actors_in(c, index, claim)
            elif c.dep_ == "agent" and not a1:
                a1 += [
                    x for p in c.children if p.dep_ == "pobj" for x in _actors_in(p, index, claim)
                ]
            elif (
                c.dep_ in ("prep", "dative")
                and c.lower_ in ("to", "from")
                and frame_name in _TRANSFER_FRAMES
            ):
                for p in c.children:
                    if p.dep_ == "pobj":
                        target = a1 if c.lower_ == "from" else a2
                        target += _actors_in(p, index, claim)
    if tok.dep_ == "nsubj" and tok.pos_ in ("NOUN", "PROPN") and not (a1 or a2):
        # "clashes took place between X and Y", "fighting erupted with X"
        for c in tok.head.children:
            if c.dep_ == "prep" and c.lower_ == "between":
                for p in c.children:
                    if p.dep_ == "pobj":
                        found = _actors_in(p, index, claim)
                        a1 += found[:1]
                        a2 += found[1:]
    if (
        not a1
        and tok.dep_ == "acl"
        and tok.pos_ == "VERB"
        and any(c.dep_ == "dobj" for c in tok.children)
    ):
        # "militants attacked X" parsed as a noun modified by the verb: the noun acts
        a1 += _actors_in(tok.head, index, claim)
    if not a1:
        a1 += _agents_of_noun(tok, index, claim)
    if not a2:
        a2 += _targets_around(tok, gov, index, claim, frame_name)
    if not a1 and tok.dep_ == "conj" and tok.head.pos_ == "VERB":
        # "X shot and killed ...": the subject of the first verb is shared
        a1 += [
            x for c in tok.head.children if c.dep_ == "nsubj" for x in _actors_in(c, index, claim)
        ]
    elif not a1 and tok.dep_ == "conj" and tok.head.pos_ in ("NOUN", "PROPN"):
        a1 += _actors_in(tok.head, index, claim)  # a subject the parse took for a conjunct
    if not a1 and passive:
        # "was shot and killed by X": the agent of the joined verb
        for c in tok.children:
            if c.dep_ == "conj" and c.pos_ == "VERB":
                for g in c.children:
                    if g.dep_ == "agent":
                        a1 += _pobj_actors(g, index, claim)
    if passive and tok.lemma_.lower() in _ENDING_LEMMAS and a2 and not a1:
        # "the CIA program has been suspended": the owner of the program suspends it
        owners = _owners_of_patient(tok, index, claim)
        if owners:
            a1 = owners
            a2 = [x for x in a2 if x not in owners]
    received = None if frame_name in _TRANSFER_FRAMES else _received_attack(tok, index, claim)
    if received is not None:
        a1, a2 = received
    if not a1 and frame_name in _VIOLENT_FRAMES:
        a1 += [x for x in _claimed_by(sentence, index, claim) if x not in a2]
    if frame_name == "supply" and gov.lemma_.lower() in ("receive", "get", "obtain", "acquire"):
        # "we are receiving arms from X": the subject receives; X supplies
        subj = [x for x in a1]
        suppliers = []
        for t in gov.subtree:
            if t.dep_ == "prep" and t.lower_ == "from" and t.head.dep_ != "pobj":
                for p in t.children:
                    if p.dep_ == "pobj":
                        suppliers += _actors_in(p, index, claim)
        a1, a2 = suppliers, [s for s in subj if s not in suppliers] + a2
    # associated actors: "(being) supported by X and Y" anywhere in the trigger's clause
    clause = gov if gov.pos_ in ("VERB", "AUX") else gov.head
    for t in [*clause.subtree]:
        if t.lemma_.lower() in _SUPPORT_LEMMAS and t.i != tok.i and t.pos_ == "VERB":
            for c in t.children:
                if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
                    names = [
                        x
                        for p in c.children
                        if p.dep_ == "pobj"
                        for x in _actors_in(p, index, claim)
                    ]
                    if names:
                        assoc_cues.append((t.idx, names))
        if t.lower_ == "alongside" and t.dep_ == "prep":
            names = [x for p in t.children if p.dep_ == "pobj" for x in _actors_in(p, index, claim)]
            if names:
                assoc_cues.append((t.idx, names))
    from_parse = bool(a1 or a2)
    if not from_parse:
        lo, hi = _clause_range(tok, sentence)
        blocked = fill_blocked(tok, index, claim)
        skipped = _other_subclauses(tok)
        near = [
            m
            for m in index.mentions
            if index.resolve(m.entity_id) not in blocked
            and not any(a <= m.span.start < b for a, b in skipped)
        ]
        before = [m for m in near if lo <= m.span.start < tok.idx]
        after = [m for m in near if tok.idx < m.span.start < hi]
        first = index.resolve(before[-1].entity_id) if before else None
        second = index.resolve(after[0].entity_id) if after else None
        a1 = [first] if first else []
        a2 = [second] if second and second != first else []
    actor1 = a1[0] if a1 else None
    actor2 = next((x for x in a2 if x != actor1), None)
    assoc1 = [x for x in a1[1:] if x not in (actor1, actor2)]
    assoc2 = [x for x in a2 if x not in (actor1, actor2)]
    for pos, names in assoc_cues:
        side = _nearest_side(pos, actor1, actor2, index, sentence.start_char)
        bucket = assoc2 if side == 2 else assoc1
        for n in names:
            if n not in (actor1, actor2) and n not in assoc1 and n not in assoc2:
                bucket.append(n)
    return Arguments(actor1, tuple(assoc1), actor2, tuple(assoc2), from_parse)


def _owners_of_patient(tok: Any, index: ActorIndex, claim: Claim | None) -> list[str]:
    """Actors named only as modifiers of a passive subject that is no actor itself ("the CIA
    program", "Iran's nuclear programme", "our operations")."""
    out: list[str] = []
    for c in tok.children:
        if c.dep_ != "nsubjpass" or c.pos_ not in ("NOUN", "PROPN"):
            continue
        if index.actor_at(c.idx, c.idx + len(c.text)) is not None:
            return []  # "the rebels were stopped": the subject is the actor stopped
        for m in c.lefts:
            if m.dep_ in ("compound", "poss", "amod", "nmod"):
                out += [x for x in _actors_in(m, index, claim) if x not in out]
    return out


def fill_blocked(tok: Any, index: ActorIndex, claim: Claim | None) -> frozenset[str]:
    """Actors that ACLED's gap filling must not give to the event of trigger ``tok``.

    * the agent of another event coordinated with it ("an intervention by X or advances by Y":
      Y acts in the second event, it is not X's opponent);
    * the side the actor acts for ("in support of X", "with the backing of X").
    """
    out: set[str] = set()
    # the parse may hang the second event on any word of the first one's phrase ("by X or
    # advances by Y" with "advances" joined to X)
    joined = [c for c in tok.subtree if c.dep_ == "conj" and c.i != tok.i]
    joined += [c for c in tok.conjuncts if c not in joined]
    for c in joined:
        if index.actor_at(c.idx, c.idx + len(c.text)) is not None:
            continue  # "X and Y's forces": a second actor, not a second event
        alternative = any(
            x.dep_ == "cc" and x.lower_ in ("or", "nor") for x in (*c.children, *c.head.children)
        )
        for g in c.children:
            if g.dep_ == "nsubj" and alternative:
                # "X may attack or Y may advance"; with "and" the second clause's subject
                # may well be the first one's opponent ("X attacked and the army fled")
                out.update(_actors_in(g, index, claim))
            elif g.dep_ == "poss":
                out.update(_actors_in(g, index, claim))
            elif g.dep_ == "agent" or (g.dep_ == "prep" and g.lower_ == "by"):
                out.update(_pobj_actors(g, index, claim))
        if c.pos_ in ("NOUN", "PROPN"):
            out.update(_agents_of_noun(c, index, claim))
    for t in tok.sent:
        ally = t.lemma_.lower() in _ALLY_NOUNS and t.pos_ == "NOUN" and t.dep_ == "pobj"
        if ally and t.head.lower_ in ("in", "with", "under"):
            for p in t.children:
                if p.dep_ == "prep" and p.lower_ in ("of", "for", "from"):
                    out.update(_pobj_actors(p, index, claim))
    return frozenset(out)


def _heading_clause(tok: Any) -> Any:
    """The verb of the clause after a heading noun trigger ("Looting: On 2 May, X looted ...")."""
    doc = tok.doc
    if tok.pos_ not in ("NOUN", "PROPN") or tok.i + 1 >= len(doc) or doc[tok.i + 1].text != ":":
        return None
    if tok.head.i > tok.i + 1 and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    if tok.head.i == tok.i:  # the heading is the root, the clause hangs below it
        return next(
            (c for c in tok.rights if c.i > tok.i + 1 and c.pos_ == "VERB" and c.dep_ != "conj"),
            None,
        )
    return None


def _agents_of_noun(tok: Any, index: ActorIndex, claim: Claim | None) -> list[str]:
    """Who acts, named inside a noun trigger's phrase or by a participle modifying it.

    * "a Saudi-led coalition air raid", "Iraqi airstrikes": the actor named before the noun;
    * "an IED planted by an unknown armed group exploded": the agent of a participle that
      modifies the trigger or its subject.
    """
    out: list[str] = []
    nouns = [tok] if tok.pos_ in ("NOUN", "PROPN") else []
    nouns += [c for c in tok.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")]
    for n in nouns:
        for c in n.children:
            if c.dep_ == "acl" and c.pos_ == "VERB":
                for g in c.children:
                    if g.dep_ == "agent":
                        out += _pobj_actors(g, index, claim)
    if out or tok.pos_ not in ("NOUN", "PROPN"):
        return out
    mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod", "npadvmod")]
    if mods:
        lo = min(t.idx for c in mods for t in c.subtree)
        found = index.actor_at(lo, tok.idx + len(tok.text))
        if found:
            out.append(found)
    return out


def _pobj_actors(prep: Any, index: ActorIndex, claim: Claim | None) -> list[str]:
    return [x for p in prep.children if p.dep_ == "pobj" for x in _actors_in(p, index, claim)]


def _targets_around(
    tok: Any, gov: Any, index: ActorIndex, claim: Claim | None, frame_name: str
) -> list[str]:
    """Targets the parse hangs elsewhere than on the trigger itself.

    * a light verb over a noun trigger: "fired artillery at Houthi positions";
    * a verb joined to the trigger: "shot and killed two men" (the object of the conjunct);
    * "targeting X" modifying the trigger or its weapon: "detonated an IED targeting X".
    """
    out: list[str] = []
    heads = [tok]
    if gov.i != tok.i:
        heads.append(gov)
    if tok.dep_ == "nsubj" and tok.pos_ == "NOUN" and tok.head.pos_ == "VERB":
        heads.append(tok.head)  # "airstrikes killed 4 IS militants"
    if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "by") and tok.head.head.pos_ == "VERB":
        verb = tok.head.head  # "4 militants were killed in airstrikes"
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not subjects and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
            # "civilians were killed and injured in bombings": the first verb's subject
            subjects = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
        out += [x for c in subjects for x in _actors_in(c, index, claim)]
        if out:
            return out
    for h in heads:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS:
                out += _pobj_actors(c, index, claim)
    if out:
        return out
    for h in heads:
        if h.pos_ != "VERB":
            continue
        for c in h.children:
            if (c.dep_ == "conj" and c.pos_ == "VERB") or (
                c.dep_ == "advcl" and c.lemma_.lower() in _OUTCOME_VERBS
            ):
                passive = any(g.dep_ in ("auxpass", "nsubjpass") for g in c.children)
                for g in c.children:
                    if g.dep_ == "dobj" and not passive:
                        out += _actors_in(g, index, claim)
    if out:
        return out
    for h in heads:
        for t in h.subtree:
            if (
                t.lemma_.lower() in _TARGET_VERBS
                and t.pos_ == "VERB"
                and t.dep_ in ("acl", "advcl", "xcomp", "conj")
            ):
                for g in t.children:
                    if g.dep_ == "dobj":
                        out += _actors_in(g, index, claim)
                    elif g.dep_ == "prep" and g.lower_ in _TARGET_PREPS:
                        out += _pobj_actors(g, index, claim)
    return out


_SUBCLAUSES = frozenset({"ccomp", "advcl", "relcl", "parataxis"})


def _clause_range(tok: Any, sentence: Any) -> tuple[int, int]:
    """Character range of the trigger's own clause (its verb's subtree, minus subclauses)."""
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return sentence.start_char, sentence.end_char
    lo, hi = verb.idx, verb.idx + len(verb.text)
    for child in verb.children:
        if child.dep_ in _SUBCLAUSES and not (child.left_edge.i <= tok.i <= child.right_edge.i):
            continue
        lo = min(lo, child.left_edge.idx)
        hi = max(hi, child.right_edge.idx + len(child.right_edge.text))
    return lo, hi


def _other_subclauses(tok: Any) -> list[tuple[int, int]]:
    """Character ranges of the subordinate clauses ("after", "when", "if" ...) of the trigger's
    verb that do not hold it ("after X continued to receive fire from Y, they requested
    support": not Y). A reported clause ("warned that police will ...") stays: it often names
    the target of a verbal event."""
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    out = []
    for child in verb.children:
        if child.dep_ != "advcl" or child.left_edge.i <= tok.i <= child.right_edge.i:
            continue
        if not any(c.dep_ == "mark" for c in child.children):
            continue  # "..., becoming the first to go there": the same act goes on
        right = child.right_edge
        out.append((child.left_edge.idx, right.idx + len(right.text)))
    return out


def _nearest_side(pos: int, a1: str | None, a2: str | None, index: ActorIndex, start: int) -> int:
    best_side, best_pos = 1, -1
    for m in index.mentions:
        if start <= m.span.end <= pos:
            rid = index.resolve(m.entity_id)
            if rid == a2 and a2 is not None and m.span.end > best_pos:
                best_side, best_pos = 2, m.span.end
            elif rid == a1 and a1 is not None and m.span.end > best_pos:
                best_side, best_pos = 1, m.span.end
    return best_side


_PROTEST_SUBS_WITH_COUNTERPART = frozenset(
    {"Protest with intervention", "Excessive force against protesters"}
)
_ARMED_KINDS = frozenset({"state", "rebel", "political_militia", "identity_militia", "external"})


def _generic_civilians(actor: Actor) -> bool:
    return actor.kind == "civilians" and actor.acled_name.lower().startswith("civilians")


def _nearest_of(
    ids: list[str], index: ActorIndex, pos: int, within: tuple[int, int] | None = None
) -> str | None:
    """The actor among ``ids`` whose mention is nearest to ``pos`` (inside ``within`` first)."""
    best: tuple[int, int, str] | None = None
    for m in index.mentions:
        rid = index.resolve(m.entity_id)
        if rid not in ids:
            continue
        outside = 0 if within and within[0] <= m.span.start < within[1] else 1
        key = (outside, abs(m.span.start - pos), rid)
        if best is None or key < best:
            best = key
    return best[2] if best else (ids[0] if ids else None)


def apply_conventions(
    args: Arguments,
    event_type: str | None,
    sub_event_type: str | None,
    actors: tuple[Actor, ...],
    index: ActorIndex,
    trigger_pos: int,
    sentence: tuple[int, int],
    blocked: frozenset[str] = frozenset(),
    fill: bool = True,
) -> Arguments:
    """ACLED's coding conventions for actors once the event type is known.

    * Protests: actor1 is the protesters; actor2 only when the protest met an intervention
      (the state force that intervened), else empty;
    * Riots: actor1 is the rioters when the report names them;
    * Violence against civilians: actor2 is the civilians (the specific group, e.g. farmers,
      becomes an associated actor);
    * Battles and strikes: a missing side is the nearest actor in the sentence, never one of
      ``blocked`` (see :func:`fill_blocked`), and only when ``fill`` (an asserted event: a
      hypothetical or future event keeps the sides its text gives).
    """
    by_id = {a.id: a for a in actors}
    named = [x for x in (args.actor1, *args.assoc_actor1, args.actor2, *args.assoc_actor2) if x]

    def kind(x: str | None) -> str | None:
        return by_id[x].kind if x in by_id else None

    if event_type in ("Protests", "Riots"):
        crowd_kind = "protesters" if event_type == "Protests" else "rioters"
        crowds = [x for x in named if kind(x) == crowd_kind]
        if not crowds:
            crowds = [a.id for a in actors if a.kind == crowd_kind and a.id in index.valid]
        crowd = crowds[0] if len(crowds) == 1 else _nearest_of(crowds, index, trigger_pos, sentence)
        if crowd is None:
            return args
        forces = [x for x in named if x != crowd and kind(x) in _ARMED_KINDS]
        actor2: str | None
        if event_type == "Protests":
            if sub_event_type not in _PROTEST_SUBS_WITH_COUNTERPART:
                actor2 = None  # a protest without counterpart has no actor2
            elif forces:
                actor2 = forces[0]
            else:  # the state force that intervened, named elsewhere in the report
                state = [a.id for a in actors if a.kind == "state" and a.id in index.valid]
                actor2 = _nearest_of(state, index, trigger_pos, sentence)
        else:
            actor2 = forces[0] if forces else (args.actor2 if args.actor2 != crowd else None)
            if actor2 is None:  # whom the rioters fought or attacked, nearest first
                others = [
                    a.id
                    for a in actors
                    if a.id != crowd
                    and a.id in index.valid
                    and (a.kind in _ARMED_KINDS or a.kind == "civilians")
                ]
                actor2 = _nearest_of(others, index, trigger_pos, sentence)
        assoc1 = tuple(x for x in args.assoc_actor1 if x not in (crowd, actor2))
        if args.actor1 and args.actor1 not in (crowd, actor2) and kind(args.actor1) == "civilians":
            assoc1 = (args.actor1, *assoc1)
        assoc2 = tuple(x for x in args.assoc_actor2 if x not in (crowd, actor2)) if actor2 else ()
        return replace(args, actor1=crowd, assoc_actor1=assoc1, actor2=actor2, assoc_actor2=assoc2)
    remote = event_type == "Explosions/Remote violence" and args.actor2 is None
    gap = remote or (event_type == "Battles" and (args.actor1 is None or args.actor2 is None))
    if gap and not fill:
        return args
    if gap:
        # a battle has two sides: the nearest actors before and after the trigger; a strike
        # its target, the nearest actor after the trigger
        in_sentence = [
            (m.span.start, index.resolve(m.entity_id))
            for m in index.mentions
            if sentence[0] <= m.span.start < sentence[1]
        ]
        before = [x for pos, x in in_sentence if pos < trigger_pos and x and x not in blocked]
        after = [x for pos, x in in_sentence if pos > trigger_pos and x and x not in blocked]
        actor1, actor2 = args.actor1, args.actor2
        if actor1 is None and not remote:
            actor1 = next((x for x in reversed(before) if x != actor2), None)
        if actor2 is None:
            actor2 = next((x for x in after if x != actor1), None)
        return replace(
            args,
            actor1=actor1,
            actor2=actor2,
            assoc_actor1=tuple(x for x in args.assoc_actor1 if x not in (actor1, actor2)),
            assoc_actor2=tuple(x for x in args.assoc_actor2 if x not in (actor1, actor2)),
        )
    if sub_event_type == "Looting/property destruction" and args.actor2 is None:
        # the owners of what was destroyed, when the sentence names them
        owners = [
            index.resolve(m.entity_id)
            for m in index.mentions
            if sentence[0] <= m.span.start < sentence[1]
        ]
        civ = next((x for x in owners if x in by_id and _generic_civilians(by_id[x])), None)
        if civ and civ != args.actor1:
            return replace(args, actor2=civ)
        return args
    if event_type == "Violence against civilians":
        generic = [a.id for a in actors if _generic_civilians(a) and a.id in index.valid]
        if not generic or args.actor2 in generic:
            return args
        civ = generic[0]
        actor1 = args.actor1
        if actor1 == civ or kind(actor1) == "civilians":
            actor1 = args.actor2 if kind(args.actor2) in _ARMED_KINDS else None
        assoc2_list = list(args.assoc_actor2)
        if args.actor2 and kind(args.actor2) == "civilians" and args.actor2 not in assoc2_list:
            assoc2_list.insert(0, args.actor2)
        if args.actor2 is None or kind(args.actor2) == "civilians" or actor1 == args.actor2:
            return replace(
                args,
                actor1=actor1,
                actor2=civ,
                assoc_actor1=tuple(x for x in args.assoc_actor1 if x not in (actor1, civ)),
                assoc_actor2=tuple(x for x in assoc2_list if x not in (actor1, civ)),
            )
    return args
