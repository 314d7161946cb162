"""The event stage: ``find_events(parsed, actors, places, quantities, claims)``.

1. triggers from the lexicon over lemmas and the parse (:mod:`.triggers`), grouped so that
   results and descriptions join their main event;
2. arguments from the dependency tree (:mod:`.arguments`);
3. ACLED type / sub-type (:mod:`.eventtype`) and PLOVER code (:mod:`.plover`);
4. modality (:mod:`.modality`), claim, place, time and the event's quantities;
5. sentences that restate one event are merged into one event with several evidence spans
   (same type and sub-type, same modality, compatible actors, same or no place, overlapping
   or no time).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sitreps.extract.arguments import (
    ActorIndex,
    apply_conventions,
    build_index,
    fill_blocked,
    find_arguments,
)
from sitreps.extract.claims import claim_for
from sitreps.extract.eventtype import LinearModel, classify, current_model, refine
from sitreps.extract.fatalities import acled_fatalities, assign_sides
from sitreps.extract.incidents import incident_sub_type, needs_shared_side
from sitreps.extract.modality import intent_cue, modality_of
from sitreps.extract.plover import plover_for, plover_with_modality
from sitreps.extract.timex import resolve_time
from sitreps.extract.triggers import TriggerGroup, find_triggers, group_triggers
from sitreps.models import (
    Actor,
    ActorFinding,
    Claim,
    Event,
    LocationChoice,
    Mention,
    PlaceFinding,
    Quantity,
    Span,
)
from sitreps.nlp import ParsedReport

_OWN_BONUS = 1.0
_ALT_BONUS = 0.8
_MEMBER_BONUS = 0.5
_JOIN_BONUS = 2.0
_CONTEXT_SENTENCES = 3


def find_events(
    parsed: ParsedReport,
    actors: ActorFinding,
    places: PlaceFinding,
    quantities: tuple[Quantity, ...],
    claims: tuple[Claim, ...],
) -> tuple[Event, ...]:
    """Every event of the report, asserted or not, with its evidence."""
    doc = parsed.doc
    groups = tuple(
        g
        for g in group_triggers(doc, find_triggers(doc, parsed.sentences))
        if not background_description(doc[g.main.token])
        and not generic_statement(doc[g.main.token])
        and not role_modifier(doc[g.main.token])
    )
    if not groups:
        return ()
    index = build_index(actors, claims)
    kinds = {a.id: a.kind for a in actors.actors}
    model = current_model()
    event_sentences = sorted({g.main.sentence for g in groups})
    drafts = [
        _draft(parsed, g, index, kinds, model, places, claims, event_sentences, actors.actors)
        for g in groups
    ]
    merged = merge_drafts(drafts, index)
    sided = assign_sides(quantities, parsed, actors)
    with_q = attach_quantities(merged, sided, parsed, claims)
    events = []
    for n, d in enumerate(with_q, start=1):
        events.append(replace(d.event, id=f"e{n}", fatalities=acled_fatalities(d.event.quantities)))
    return tuple(events)


#: predicates that describe a person's or group's record, not a dated event: "X was involved
#: in the use of suicide vehicles", "responsible for attacks on Y", "known for kidnappings"
_RECORD_PREDICATES = frozenset(
    {"involve", "responsible", "know", "notorious", "famous", "infamous", "specialise",
     "specialize", "specialised", "specialized", "experienced", "skilled", "expert"}
)  # fmt: skip
_NOMINAL_PATH = frozenset({"compound", "amod", "nmod", "pobj", "prep", "conj", "dobj", "appos"})


def background_description(tok: Any) -> bool:
    """A generic description of someone's record ("was involved in the use of suicide
    vehicles, IEDs and chemical weapons against X"): bare plural or mass nouns under a
    predicate of involvement or reputation. It names no single event (no article, number or
    possessive on the trigger's phrase), so it is background, not an event."""
    if tok.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return False
    head = tok
    while head.dep_ in ("compound", "amod") and head.head.i != head.i:
        head = head.head
    phrases = [head]
    cur = head
    steps = 0
    while cur.dep_ in _NOMINAL_PATH and cur.head.i != cur.i and steps < 8:
        steps += 1
        cur = cur.head
        first_conjunct = head.dep_ == "conj" and cur.dep_ != "conj" and len(phrases) == 1
        if first_conjunct and cur.pos_ in ("NOUN", "PROPN"):
            phrases.append(cur)  # "vehicles, IEDs and weapons": the first conjunct too
        if cur.pos_ in ("VERB", "AUX", "ADJ"):
            break
    if cur.lemma_.lower() not in _RECORD_PREDICATES and cur.lower_ not in _RECORD_PREDICATES:
        return False
    specific = ("det", "poss", "nummod")
    return not any(c.dep_ in specific for p in phrases for c in p.children)


#: nouns of people known by the kind of act they prepare or run: "attack planners", "bombing
#: experts", "kidnapping network leaders"
_ROLE_HEADS = frozenset(
    {"planner", "organizer", "organiser", "mastermind", "expert", "specialist", "facilitator",
     "financier", "recruiter", "trainer", "coordinator", "cell", "network"}
)  # fmt: skip


def role_modifier(tok: Any) -> bool:
    """The trigger only says what kind of person or cell its noun is ("ISIL terror attack
    planners"): no event."""
    head = tok
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
    return head is not tok and head.lemma_.lower() in _ROLE_HEADS


def _bare_plural(noun: Any) -> bool:
    return noun.tag_ in ("NNS", "NNPS") and not any(
        c.dep_ in ("det", "poss", "nummod") for c in noun.children
    )


def generic_statement(tok: Any) -> bool:
    """A practice stated in the simple present, not an event: "the Coalition takes all
    feasible precautions during the planning and execution of airstrikes". The trigger is a
    noun inside a prepositional phrase of a present-tense verb without auxiliary, and it or
    the object of its "of" is a bare plural (no article, number or possessive)."""
    if tok.pos_ != "NOUN":
        return False
    phrase = [tok]
    for head in (tok, tok.head if tok.dep_ == "conj" else None):
        if head is None:
            continue
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                phrase += [p for p in c.children if p.dep_ == "pobj"]
    if not any(_bare_plural(n) for n in phrase):
        return False
    cur, through_prep = tok, False
    for _ in range(8):
        if cur.dep_ not in ("pobj", "prep", "conj", "compound", "amod", "nmod"):
            break
        through_prep = through_prep or cur.dep_ == "prep"
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            break
    if not through_prep or cur.tag_ not in ("VBZ", "VBP"):
        return False
    verbs = [cur, cur.head] if cur.dep_ == "conj" else [cur]
    return not any(c.dep_ in ("aux", "auxpass") for v in verbs for c in v.children)


def _context(parsed: ParsedReport, sentence: int, event_sentences: list[int]) -> str:
    """The event's sentence and the following ones up to the next event (for the classifier)."""
    later = [s for s in event_sentences if s > sentence]
    stop = min([*later, sentence + _CONTEXT_SENTENCES, len(parsed.sentences)])
    return " ".join(s.text for s in parsed.sentences[sentence:stop])


def _draft(
    parsed: ParsedReport,
    group: TriggerGroup,
    index: ActorIndex,
    kinds: dict[str, str],
    model: LinearModel | None,
    places: PlaceFinding,
    claims: tuple[Claim, ...],
    event_sentences: list[int],
    actors: tuple[Actor, ...] = (),
) -> Draft:
    doc = parsed.doc
    text = parsed.report.text
    main = group.main
    tok = doc[main.token]
    sent_span = parsed.sentences[main.sentence]
    sent = doc[tok.i].sent
    trigger = Span.of(text, main.start, main.end)
    claim = claim_for(claims, trigger)
    args = find_arguments(tok, main.frame.name, sent, index, claim)
    candidates: list[tuple[tuple[str, str], float]] = []
    strength = main.frame.strength
    for i, pair in enumerate(main.frame.acled):
        candidates.append((pair, strength * (_OWN_BONUS if i == 0 else _ALT_BONUS)))
    if main.frame.acled:
        for member in group.members:
            joined = member.frame.joined_type(main.frame.name)
            if joined is not None:
                candidates.append((joined, _JOIN_BONUS))
            else:
                candidates.extend((pair, _MEMBER_BONUS) for pair in member.frame.acled)
    typing = classify(_context(parsed, main.sentence, event_sentences), tuple(candidates), model)
    typing = refine(
        typing,
        kinds.get(args.actor1) if args.actor1 else None,
        kinds.get(args.actor2) if args.actor2 else None,
        sent_span.text,
    )
    parsed_args = (args.actor1, args.actor2)
    modality = modality_of(tok, sent_span.text, claim)
    args = apply_conventions(
        args,
        typing.event_type,
        typing.sub_event_type,
        actors,
        index,
        main.start,
        (sent_span.start, sent_span.end),
        blocked=fill_blocked(tok, index, claim),
        fill=modality == "asserted",
    )
    code = plover_for(main.frame, typing.sub_event_type)
    code = plover_with_modality(code, modality, intent_cue(tok))
    where = _choose_location(parsed, _own_clause_places(places, tok), trigger, (sent_span,))
    when = resolve_time(parsed, trigger, parsed.report.published)
    confidence = round(typing.confidence * (1.0 if args.from_parse else 0.8), 3)
    event = Event(
        id="",
        event_type=typing.event_type,
        sub_event_type=typing.sub_event_type,
        plover=code.category,
        plover_mode=code.mode,
        actor1=args.actor1,
        assoc_actor1=args.assoc_actor1,
        actor2=args.actor2,
        assoc_actor2=args.assoc_actor2,
        place=where.place,
        geo_precision=where.geo_precision,
        date_start=when.date_start,
        date_end=when.date_end,
        time_precision=when.time_precision,
        fatalities=None,
        quantities=(),
        modality=modality,
        claim=claim.id if claim else None,
        evidence=(sent_span,),
        trigger=trigger,
        location_reason=where.reason,
        date_reason=when.reason,
        confidence=confidence,
    )
    return Draft(
        event=event,
        sentences=(main.sentence,),
        frame=main.frame.name,
        parsed_sides=parsed_args,
        from_parse=args.from_parse or parsed_args == (None, None),
        anaphoric=_anaphoric(tok) and not args.from_parse,
    )


_DEFINITE = frozenset({"the", "this", "these", "that", "those", "such"})


def _anaphoric(tok: Any) -> bool:
    """A bare definite mention of an event told before ("The attacks occurred during daylight
    hours", "This attack once again displays ..."): a noun with a definite or demonstrative
    determiner and no phrase of its own naming who, where or what."""
    if tok.pos_ != "NOUN":
        return False
    kids = list(tok.children)
    if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in kids):
        return False
    return all(c.dep_ in ("det", "amod", "punct", "advmod") for c in kids)


@dataclass(frozen=True)
class Draft:
    """An event before numbering: the event and the sentences it rests on."""

    event: Event
    sentences: tuple[int, ...]
    frame: str
    #: actor1 / actor2 as the parse found them, before ACLED's conventions filled gaps
    parsed_sides: tuple[str | None, str | None] = (None, None)
    #: False when the actors are only the nearest names around the trigger (a guess; the
    #: sides ACLED's conventions fill on a draft without any name still count)
    from_parse: bool = True
    #: a bare definite mention ("the attacks") of an event told before
    anaphoric: bool = False


#: subordinators of a clause that sets a condition, a time or a cause for the main clause
_SUBORDINATORS = frozenset(
    {"if", "unless", "when", "whenever", "while", "whilst", "because", "since", "as", "though",
     "although", "after", "before", "until", "once", "whereas"}
)  # fmt: skip


def _other_clauses(tok: Any) -> list[tuple[int, int]]:
    """Character ranges of subordinate clauses ("If we were not based in X, ...") of the
    trigger's sentence that do not contain the trigger."""
    out = []
    for t in tok.sent:
        if t.dep_ != "advcl" or not any(
            c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in t.children
        ):
            continue
        lo, hi = t.left_edge, t.right_edge
        if lo.i <= tok.i <= hi.i:
            continue
        out.append((lo.idx, hi.idx + len(hi.text)))
    return out


def _own_clause_places(places: PlaceFinding, tok: Any) -> PlaceFinding:
    """The places without those of another clause of the sentence, when the trigger's own
    clause names a place ("If we were based in X, they would have advanced to Y": Y)."""
    other = _other_clauses(tok)
    if not other:
        return places
    sent_lo, sent_hi = tok.sent.start_char, tok.sent.end_char

    def elsewhere(m: Mention) -> bool:
        return any(lo <= m.span.start < hi for lo, hi in other)

    in_sentence = [
        m for m in places.mentions if m.kind == "place" and sent_lo <= m.span.start < sent_hi
    ]
    if not any(m.entity_id and not elsewhere(m) for m in in_sentence):
        return places
    kept = tuple(m for m in places.mentions if m not in in_sentence or not elsewhere(m))
    return replace(places, mentions=kept)


def _choose_location(
    parsed: ParsedReport, places: PlaceFinding, anchor: Span, evidence: tuple[Span, ...]
) -> LocationChoice:
    try:
        from sitreps.geo.location import choose_location
    except ModuleNotFoundError as exc:
        if exc.name != "sitreps.geo.location":
            raise
        return LocationChoice(None, None, "no location stage installed")
    return choose_location(parsed, places, anchor, evidence)


# --- merging restatements -------------------------------------------------------------------


def _actor_set(e: Event) -> set[str]:
    return {a for a in (e.actor1, e.actor2, *e.assoc_actor1, *e.assoc_actor2) if a}


def _core_actors(e: Event) -> set[str]:
    return {a for a in (e.actor1, e.actor2) if a}


def _dates_overlap(a: Event, b: Event) -> bool:
    if a.date_start is None or b.date_start is None:
        return True
    a_end: date = a.date_end or a.date_start
    b_end: date = b.date_end or b.date_start
    return a.date_start <= b_end and b.date_start <= a_end


def _same_event(a: Event, b: Event, index: ActorIndex) -> bool:
    if (a.event_type, a.sub_event_type, a.plover) != (b.event_type, b.sub_event_type, b.plover):
        return False
    if a.modality != b.modality or a.modality == "question":
        return False
    core_a, core_b = _core_actors(a), _core_actors(b)
    if not (core_a <= index.family(_actor_set(b)) or core_b <= index.family(_actor_set(a))):
        return False
    if a.place and b.place and a.place != b.place:
        return False
    return _dates_overlap(a, b)


def _one_incident(a: Event, b: Event, index: ActorIndex) -> str | None:
    """The covering sub-type when asserted ``a`` and ``b`` tell one incident with the words of
    two sub-types (a protest and the police intervention in it; a clash and the shelling in
    it): same or no place, overlapping or no time, and for fighting a shared side."""
    sub = incident_sub_type(a.sub_event_type, b.sub_event_type)
    if sub is None or a.modality != "asserted" or b.modality != "asserted":
        return None
    if a.place and b.place and a.place != b.place:
        return None
    if not _dates_overlap(a, b):
        return None
    if needs_shared_side(sub) and not (index.family(_core_actors(a)) & _core_actors(b)):
        return None
    return sub


def _conflict(x: str | None, y: str | None, index: ActorIndex) -> bool:
    return bool(x and y and x != y and y not in index.family({x}))


def _follow_up(kept: Draft, later: Draft, index: ActorIndex) -> bool:
    """A later sentence that goes on about the same event ("As a result of the shelling, two
    soldiers were killed"): same type and modality, no other place or time, and the sides the
    parse found in it do not contradict the first mention's."""
    a, b = kept.event, later.event
    if (a.event_type, a.sub_event_type, a.plover) != (b.event_type, b.sub_event_type, b.plover):
        return False
    if a.event_type is None or a.modality != b.modality or a.modality == "question":
        return False
    if min(later.sentences) <= max(kept.sentences):
        return False
    if a.place and b.place and a.place != b.place:
        return False
    if not _dates_overlap(a, b):
        return False
    p1, p2 = later.parsed_sides
    straight = not _conflict(a.actor1, p1, index) and not _conflict(a.actor2, p2, index)
    crossed = not _conflict(a.actor1, p2, index) and not _conflict(a.actor2, p1, index)
    return p1 is None and (straight or crossed)


def _union(a: tuple[str, ...], b: tuple[str, ...], skip: set[str]) -> tuple[str, ...]:
    out = [x for x in a if x not in skip]
    out += [x for x in b if x not in skip and x not in out]
    return tuple(out)


def _specific(actor: str | None, other: Event, index: ActorIndex) -> str | None:
    """A more specific actor of ``other`` that belongs to ``actor`` ("Jaysh ... (FSA)")."""
    if actor is None:
        return None
    for x in (other.actor1, other.actor2):
        if x and actor in index.parents.get(x, frozenset()):
            return x
    return actor


def _merge_two(a: Event, b: Event, index: ActorIndex) -> Event:
    # b may name the sides the other way round ("X attacked Y" ... "Y was hit by X")
    crossed = (b.actor1 is not None and b.actor1 == a.actor2) or (
        b.actor2 is not None and b.actor2 == a.actor1
    )
    b1, b2 = (b.actor2, b.actor1) if crossed else (b.actor1, b.actor2)
    actor1 = a.actor1 or (b1 if b1 != a.actor2 else None)
    actor2 = a.actor2 or (b2 if b2 != actor1 else None)
    actor1, actor2 = _specific(actor1, b, index), _specific(actor2, b, index)
    core = {x for x in (actor1, actor2) if x}
    start = min((d for d in (a.date_start, b.date_start) if d), default=None)
    end = max((d for d in (a.date_end, b.date_end) if d), default=None)
    if a.date_start or b.date_start:
        timed = a if a.date_start or not b.date_start else b
    else:  # neither dated: keep the reason that found an expression ("duration 45 days")
        timed = b if (a.date_reason or "").startswith("no ") and b.date_reason else a
    placed = (
        a if a.place and (not b.place or (a.geo_precision or 9) <= (b.geo_precision or 9)) else b
    )
    evidence = tuple(sorted({*a.evidence, *b.evidence}, key=lambda s: s.start))
    return replace(
        a,
        actor1=actor1,
        actor2=actor2,
        assoc_actor1=_union(a.assoc_actor1, b.assoc_actor1, core),
        assoc_actor2=_union(a.assoc_actor2, b.assoc_actor2, core),
        place=placed.place,
        geo_precision=placed.geo_precision,
        location_reason=placed.location_reason,
        date_start=start,
        date_end=end,
        time_precision=timed.time_precision,
        date_reason=timed.date_reason,
        evidence=evidence,
        claim=a.claim or b.claim,
        confidence=max(a.confidence, b.confidence),
    )


def _answers(question: Draft, answer: Draft) -> bool:
    """``answer`` is the asserted event that answers the reported question ``question`` in
    the same sentence ("When asked who arms them, he said: 'we receive arms from X'")."""
    q, a = question.event, answer.event
    if q.modality != "question" or a.modality != "asserted":
        return False
    if not set(question.sentences) & set(answer.sentences):
        return False
    if any(s.text.rstrip().endswith("?") for s in q.evidence):
        return False  # a direct question is the interviewer's own turn
    return (q.event_type, q.sub_event_type, q.plover) == (a.event_type, a.sub_event_type, a.plover)


def fold_answered_questions(drafts: list[Draft]) -> list[Draft]:
    """Drop a reported question whose content the same sentence answers with an asserted
    event of the same kind; the answer keeps its claimant and joins the question's trigger
    span to its evidence only through the shared sentence."""
    out: list[Draft] = []
    for d in drafts:
        if any(_answers(d, other) for other in drafts if other is not d):
            continue
        out.append(d)
    return out


_VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_ANTECEDENT_WINDOW = 3


def _antecedent(out: list[Draft], d: Draft) -> int | None:
    """The earlier violent event that a bare definite mention ("The attacks occurred at dawn")
    refers back to: the nearest asserted one within a few sentences, whatever type the
    mention alone would get."""
    if (
        not d.anaphoric
        or d.event.modality != "asserted"
        or d.event.event_type not in _VIOLENT_TYPES
    ):
        return None
    first = min(d.sentences)
    for i in range(len(out) - 1, -1, -1):
        e = out[i].event
        if max(out[i].sentences) >= first or first - max(out[i].sentences) > _ANTECEDENT_WINDOW:
            continue
        if e.modality == "asserted" and e.event_type in _VIOLENT_TYPES:
            return i
    return None


def _without_actors(e: Event) -> Event:
    return replace(e, actor1=None, actor2=None, assoc_actor1=(), assoc_actor2=())


def merge_drafts(drafts: list[Draft], index: ActorIndex) -> list[Draft]:
    """Merge drafts that restate the same event (first mention keeps the trigger); a reported
    question answered in its own sentence is folded into the answer; one incident told with
    the words of two sub-types becomes one event of the covering sub-type (:mod:`.incidents`)."""
    out: list[Draft] = []
    for d in fold_answered_questions(drafts):
        antecedent = _antecedent(out, d)
        if antecedent is not None:
            kept = out[antecedent]
            evidence = tuple(
                sorted({*kept.event.evidence, *d.event.evidence}, key=lambda x: x.start)
            )
            out[antecedent] = replace(
                kept,
                event=replace(kept.event, evidence=evidence),
                sentences=tuple(sorted({*kept.sentences, *d.sentences})),
            )
            continue
        for i, kept in enumerate(out):
            covering = _one_incident(kept.event, d.event, index)
            if covering is not None:
                # the event whose sub-type covers the incident leads: its type, trigger, sides
                lead, other = (d, kept) if covering == d.event.sub_event_type else (kept, d)
                out[i] = Draft(
                    _merge_two(lead.event, other.event, index),
                    tuple(sorted({*kept.sentences, *d.sentences})),
                    lead.frame,
                    lead.parsed_sides,
                    kept.from_parse or d.from_parse,
                )
                break
            if _same_event(kept.event, d.event, index) or _follow_up(kept, d, index):
                if kept.from_parse and not d.from_parse:
                    # a guess by proximity adds no actor to sides the parse found
                    merged = _merge_two(kept.event, _without_actors(d.event), index)
                elif d.from_parse and not kept.from_parse:
                    # the parse's sides come first, the earlier guess only fills gaps
                    sides = _merge_two(d.event, kept.event, index)
                    merged = replace(
                        _merge_two(kept.event, d.event, index),
                        actor1=sides.actor1,
                        actor2=sides.actor2,
                        assoc_actor1=sides.assoc_actor1,
                        assoc_actor2=sides.assoc_actor2,
                    )
                else:
                    merged = _merge_two(kept.event, d.event, index)
                out[i] = Draft(
                    merged,
                    tuple(sorted({*kept.sentences, *d.sentences})),
                    kept.frame,
                    kept.parsed_sides,
                    kept.from_parse or d.from_parse,
                )
                break
        else:
            out.append(d)
    return out


def attach_quantities(
    drafts: list[Draft],
    quantities: tuple[Quantity, ...],
    parsed: ParsedReport,
    claims: tuple[Claim, ...],
) -> list[Draft]:
    """Give each quantity to the event of its sentence, else of the sentence just before."""
    owner: dict[int, int] = {}
    for n, d in enumerate(drafts):
        for s in d.sentences:
            owner.setdefault(s, n)
    bags: dict[int, list[Quantity]] = {}
    for q in quantities:
        si = parsed.sentence_index(q.span.start)
        owner_n = owner.get(si, owner.get(si - 1))
        if owner_n is None:
            continue
        claim = claim_for(claims, q.span)
        q2 = replace(q, claim=claim.id) if claim and not q.claim else q
        bags.setdefault(owner_n, []).append(q2)
    out = []
    for n, d in enumerate(drafts):
        extra = tuple(bags.get(n, ()))
        if not extra:
            out.append(d)
            continue
        ev = replace(d.event, quantities=d.event.quantities + extra)
        out.append(replace(d, event=ev))
    return out
