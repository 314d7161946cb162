"""Relations stated in the text, found on the dependency parse.

* fights: "X is fighting (against) both Y and Z", "X clashed with Y", "clashes between X and Y";
* supports: "X, (being) supported/backed by Y and Z" (Y, Z support X), "Y supports X";
* supplies: "we are receiving arms from Y" (Y supplies the speaker's group), "Y supplies X with
  weapons", "Y provides arms to X";
* transfers_territory_to: "X handed (over) villages to Y", "the handing over of ... to Y".

Words come from ``data/lexicon/relation_patterns.yaml``. Each hit keeps the sentence as its
evidence and a modality read off the clause (negated, hypothetical, question).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sitreps.extract.attribution_lexicon import RelationLexicon, relation_lexicon
from sitreps.extract.stance_actors import ActorIndex
from sitreps.models import Span


@dataclass(frozen=True, slots=True)
class RelationHit:
    kind: str
    source: str
    target: str
    evidence: Span
    modality: str = "asserted"


def _ends_with_question(sent: Any) -> bool:
    """``sent.text.rstrip().endswith("?")`` without rebuilding the sentence's text."""
    doc = sent.doc
    for i in range(sent.end - 1, sent.start - 1, -1):
        word = doc[i].text.rstrip()
        if word:
            return bool(word.endswith("?"))
    return False


def clause_modality(tok: Any) -> str:
    """asserted, negated, hypothetical or question, from the clause around ``tok``."""
    if _ends_with_question(tok.sent):
        return "question"
    cur = tok
    for _ in range(3):
        if any(c.dep_ == "neg" for c in cur.children):
            return "negated"
        if any(c.lower_ in ("if", "unless") and c.dep_ == "mark" for c in cur.children):
            return "hypothetical"
        if cur.dep_ not in ("xcomp", "acl", "advcl", "conj") or cur.head is cur:
            break
        cur = cur.head
    return "asserted"


def _evidence(index: ActorIndex, tok: Any) -> Span:
    return Span.of(index.text, tok.idx, tok.idx + len(tok.text))


def _preps(tok: Any, words: frozenset[str] | tuple[str, ...]) -> Iterator[Any]:
    for ch in tok.children:
        if ch.dep_ in ("prep", "agent") and ch.lower_ in words:
            for p in ch.children:
                if p.dep_ == "pobj":
                    yield p


def _pairs(
    text: str,
    kind: str,
    sources: list[tuple[Span, str]],
    targets: list[tuple[Span, str]],
    ev: Span,
    modality: str,
) -> Iterator[RelationHit]:
    """One hit per source-target pair; the evidence is the stretch from cue to actors."""
    for s_span, s in sources:
        for t_span, t in targets:
            if s != t:
                start = min(ev.start, s_span.start, t_span.start)
                end = max(ev.end, s_span.end, t_span.end)
                yield RelationHit(kind, s, t, Span.of(text, start, end), modality)


def _noun_agents(index: ActorIndex, noun: Any) -> list[tuple[Span, str]]:
    """Who carries out a nominal action: "the Coalition's campaign", "X conducted strikes"."""
    own = [
        a
        for c in noun.children
        if c.dep_ in ("poss", "compound", "amod", "nmod")
        for a in index.token_actors(c)
    ]
    if own:
        return own
    head = noun.head
    for _ in range(3):
        if head is noun or head.pos_ in ("VERB", "AUX"):
            break
        head = head.head
    if head is not noun and head.pos_ in ("VERB", "AUX"):
        return index.agent_actors(head)
    return []


def _armed_action(tok: Any, lex: RelationLexicon) -> bool:
    """A verb whose subject or object is a military action or weapon ("strikes delivered")."""
    words = lex.fight_nouns | lex.supply_objects
    return any(
        c.dep_ in ("nsubj", "dobj", "nsubjpass") and c.lemma_.lower() in words for c in tok.children
    )


def _fights(index: ActorIndex, tok: Any, lex: RelationLexicon) -> Iterator[RelationHit]:
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB" and lemma not in lex.fight_verbs and _armed_action(tok, lex):
        # "the coalition's airstrikes delivered 24 munitions against ISIL targets"
        heads = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
        targets = [
            a for h in heads for p in _preps(h, ("against",)) for a in index.phrase_actors(p)
        ]
        if targets:
            agents = index.agent_actors(tok)
            if not agents:
                subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                agents = _noun_agents(index, subj) if subj is not None else []
            yield from _pairs(
                index.text, "fights", agents, targets, _evidence(index, tok), clause_modality(tok)
            )
        return
    if tok.pos_ == "NOUN" and lemma in lex.defeat_nouns:
        # "the defeat of ISIL": whoever brings it about fights ISIL
        defeated = [a for p in _preps(tok, ("of",)) for a in index.phrase_actors(p)]
        if defeated:
            yield from _pairs(
                index.text,
                "fights",
                _noun_agents(index, tok),
                defeated,
                _evidence(index, tok),
                clause_modality(tok.head),
            )
        return
    if tok.pos_ == "VERB" and lemma in lex.fight_verbs:
        agents = index.agent_actors(tok)
        opponents: list[tuple[Span, str]] = []
        for p in _preps(tok, lex.fight_preps):
            opponents.extend(index.phrase_actors(p))
        if lemma != "fight" or not opponents:
            for ch in tok.children:
                if ch.dep_ == "dobj":
                    opponents.extend(index.phrase_actors(ch))
        yield from _pairs(
            index.text, "fights", agents, opponents, _evidence(index, tok), clause_modality(tok)
        )
    elif tok.pos_ == "NOUN" and lemma in lex.fight_nouns:
        ev = _evidence(index, tok)
        for p in _preps(tok, ("between",)):
            sides = index.phrase_actors(p)
            for i, side in enumerate(sides):
                for other in sides[i + 1 :]:
                    yield from _pairs(
                        index.text, "fights", [side], [other], ev, clause_modality(tok.head)
                    )
        opponents = [a for p in _preps(tok, lex.fight_noun_preps) for a in index.phrase_actors(p)]
        if opponents:
            agents = _noun_agents(index, tok)
            yield from _pairs(
                index.text, "fights", agents, opponents, ev, clause_modality(tok.head)
            )


def _supported_side(index: ActorIndex, tok: Any) -> list[tuple[Span, str]]:
    """For a passive "supported by Y": who is supported."""
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if subj is not None:
        return index.phrase_actors(subj)
    if tok.dep_ == "acl":
        return index.phrase_actors(tok.head)
    # ", being supported by ...": the parser may attach it to the clause; the supported side
    # is the actor just before the comma that opens the participle phrase
    first = min(t.i for t in tok.subtree)
    doc = tok.doc
    if first > 0 and doc[first - 1].text == ",":
        comma = doc[first - 1].idx
        before = index.in_range(tok.sent.start_char, comma)
        if before:
            last = before[-1]
            # the whole coordinated phrase ending there counts only its last conjunct
            return [last]
    return index.agent_actors(tok)


def _attached_actors(index: ActorIndex, prep: Any) -> list[tuple[Span, str]]:
    """The agent of the verb a prepositional phrase attaches to."""
    head = prep.head
    if head.pos_ in ("VERB", "AUX"):
        return index.agent_actors(head)
    return []


def _support_noun(index: ActorIndex, tok: Any) -> Iterator[RelationHit]:
    """'support for X', 'in support of X', 'with the support of X'."""
    ev, mod = _evidence(index, tok), clause_modality(tok.head)
    governing = tok.head if tok.dep_ == "pobj" else None
    of_objs = [a for p in _preps(tok, ("of",)) for a in _np_or_inner(index, p)]
    if governing is not None and governing.lower_ == "with" and of_objs:
        yield from _pairs(
            index.text, "supports", of_objs, _attached_actors(index, governing), ev, mod
        )
        return
    if governing is not None and governing.lower_ == "in" and of_objs:
        yield from _pairs(
            index.text, "supports", _attached_actors(index, governing), of_objs, ev, mod
        )
        return
    givers = [a for p in _preps(tok, ("from",)) for a in index.phrase_actors(p)]
    if givers and governing is not None and governing.dep_ == "agent":
        # "X, aided by strong support from Y": Y supports whoever the participle describes
        yield from _pairs(
            index.text, "supports", givers, _supported_side(index, governing.head), ev, mod
        )
        return
    supported = [a for p in _preps(tok, ("for", "to")) for a in index.phrase_actors(p)]
    if supported:
        supporters = [
            a
            for c in tok.children
            if c.dep_ in ("poss", "amod", "compound")
            for a in index.token_actors(c)
        ]
        yield from _pairs(index.text, "supports", supporters, supported, ev, mod)


def _np_or_inner(index: ActorIndex, tok: Any) -> list[tuple[Span, str]]:
    """Actors a noun phrase names, or the actor that modifies it ("the coalition campaign")."""
    found = index.phrase_actors(tok)
    if found:
        return found
    return [
        a
        for c in tok.children
        if c.dep_ in ("poss", "compound", "amod", "nmod")
        for a in index.token_actors(c)
    ]


def _supports(index: ActorIndex, tok: Any, lex: RelationLexicon) -> Iterator[RelationHit]:
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in lex.support_nouns:
        yield from _support_noun(index, tok)
        return
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex.support_verbs:
        return
    ev, mod = _evidence(index, tok), clause_modality(tok)
    passive = tok.tag_ == "VBN" or any(c.dep_ in ("auxpass", "agent") for c in tok.children)
    if passive:
        supporters = [a for p in _preps(tok, ("by",)) for a in index.phrase_actors(p)]
        if supporters:
            yield from _pairs(
                index.text, "supports", supporters, _supported_side(index, tok), ev, mod
            )
        return
    supporters = index.agent_actors(tok)
    supported = [a for c in tok.children if c.dep_ == "dobj" for a in index.phrase_actors(c)]
    yield from _pairs(index.text, "supports", supporters, supported, ev, mod)


def _has_supply_object(tok: Any, lex: RelationLexicon) -> bool:
    return any(t.lemma_.lower() in lex.supply_objects and t.pos_ == "NOUN" for t in tok.subtree)


def _supplies(index: ActorIndex, tok: Any, lex: RelationLexicon) -> Iterator[RelationHit]:
    if tok.pos_ != "VERB":
        return
    lemma = tok.lemma_.lower()
    if lemma not in lex.receive_verbs and lemma not in lex.supply_verbs:
        return
    ev, mod = _evidence(index, tok), clause_modality(tok)
    if lemma in lex.receive_verbs and _has_supply_object(tok, lex):
        suppliers = [a for p in _preps(tok, ("from",)) for a in index.phrase_actors(p)]
        for ch in tok.children:
            if ch.dep_ == "dobj":
                suppliers += [a for p in _preps(ch, ("from",)) for a in index.phrase_actors(p)]
        yield from _pairs(index.text, "supplies", suppliers, index.agent_actors(tok), ev, mod)
    elif lemma in lex.supply_verbs and _has_supply_object(tok, lex):
        suppliers = index.agent_actors(tok)
        receivers = [a for p in _preps(tok, ("to",)) for a in index.phrase_actors(p)]
        for ch in tok.children:
            if ch.dep_ in ("dative", "iobj") or (
                ch.dep_ == "dobj" and any(g.lower_ == "with" for g in ch.children)
            ):
                receivers += index.phrase_actors(ch)
            if ch.dep_ == "dobj":
                receivers += [a for p in _preps(ch, ("to",)) for a in index.phrase_actors(p)]
        if any(c.lower_ == "with" and c.dep_ == "prep" for c in tok.children):
            receivers += [
                a for c in tok.children if c.dep_ == "dobj" for a in index.phrase_actors(c)
            ]
        yield from _pairs(index.text, "supplies", suppliers, receivers, ev, mod)


def _transfers(index: ActorIndex, tok: Any, lex: RelationLexicon) -> Iterator[RelationHit]:
    lemma = tok.lemma_.lower()
    if lemma not in lex.transfer_verbs and lemma not in ("handover", "handing"):
        return
    if tok.pos_ not in ("VERB", "NOUN"):
        return
    anchor = tok
    # "the handing over of ... to Y" hangs on "begun": look at the governing verb too
    scope = [tok]
    if tok.pos_ == "NOUN" and tok.head is not tok:
        scope.append(tok.head)
        anchor = tok.head
    territorial = any(
        t.lemma_.lower() in lex.territory_nouns for s in scope for t in s.subtree if t is not tok
    )
    if not territorial:
        return
    receivers = [a for s in scope for p in _preps(s, ("to",)) for a in index.phrase_actors(p)]
    givers = index.agent_actors(anchor)
    yield from _pairs(
        index.text,
        "transfers_territory_to",
        givers,
        receivers,
        _evidence(index, tok),
        clause_modality(anchor),
    )


def statement_relations(index: ActorIndex) -> tuple[RelationHit, ...]:
    """Every relation the dependency rules find in the report."""
    lex = relation_lexicon()
    hits: list[RelationHit] = []
    for tok in index.parsed.doc:
        hits.extend(_fights(index, tok, lex))
        hits.extend(_supports(index, tok, lex))
        hits.extend(_supplies(index, tok, lex))
        hits.extend(_transfers(index, tok, lex))
    return tuple(hits)
