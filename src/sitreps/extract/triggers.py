"""Event triggers: lexicon entries (``data/events/triggers.yaml``) found over lemmas and the parse.

A trigger is one token (its span may cover a two-word entry) with the frame it evokes. Which
triggers become events, and which are folded into another event of the same sentence, is
decided here too (:func:`group_triggers`): a result (``role: outcome``) joins the main event of
its sentence, a trigger inside a modifier of another trigger ("protested against the killing
of ...") describes that event, and habitual statements ("has been fighting X for years") are
background, not events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from sitreps.errors import DataError

DEFAULT_POS = ("VERB", "NOUN")
#: Dependency labels through which a trigger only describes or modifies an ancestor trigger.
_DESCRIPTIVE_DEPS = frozenset(
    {"prep", "pobj", "pcomp", "acl", "relcl", "amod", "nmod", "appos", "compound", "poss"}
)
_PROTESTER_NOUNS = frozenset({"demonstrator", "protester", "protestor"})
#: how many sentences after a protest its protesters may be named and still join it
_PROTESTER_REACH = 2
_DURATION_NOUNS = frozenset({"year", "years", "decade", "decades", "month", "months"})


@dataclass(frozen=True)
class Frame:
    name: str
    role: str  # main | outcome
    acled: tuple[tuple[str, str], ...]  # candidate (event_type, sub_event_type), best first
    plover: str | None
    plover_mode: str | None
    pos: tuple[str, ...]
    strength: float = 1.0
    absorbs: frozenset[str] = frozenset()
    joins: tuple[tuple[str, tuple[str, str]], ...] = ()  # (host frame, (type, sub-type))

    def joined_type(self, host: str) -> tuple[str, str] | None:
        return next((pair for name, pair in self.joins if name == host), None)


@dataclass(frozen=True)
class Lexicon:
    frames: dict[str, Frame]
    lists: dict[str, frozenset[str]]
    single: dict[str, tuple[tuple[Frame, tuple[str, ...]], ...]]  # word -> (frame, pos)
    pairs: dict[tuple[str, str], tuple[Frame, ...]]
    pair_words: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Trigger:
    token: int  # index of the anchor token in the Doc
    start: int  # character span of the matched words
    end: int
    frame: Frame
    sentence: int


@dataclass(frozen=True)
class TriggerGroup:
    """One event candidate: a main trigger and the triggers folded into it."""

    main: Trigger
    members: tuple[Trigger, ...] = field(default=())


def _parse_word(raw: str) -> tuple[str, tuple[str, ...] | None]:
    if "/" in raw and raw.rsplit("/", 1)[1].isupper():
        word, pos = raw.rsplit("/", 1)
        return word.lower(), (pos,)
    return raw.lower(), None


def _pair(value: str) -> tuple[str, str]:
    event_type, _, sub = value.partition(" / ")
    if not sub:
        raise DataError(f"triggers.yaml: {value!r} is not 'Event type / Sub-event type'")
    return event_type.strip(), sub.strip()


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read and validate the packaged trigger lexicon (once per process)."""
    try:
        text = resources.files("sitreps.data.events").joinpath("triggers.yaml").read_text("utf-8")
        raw: Any = yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"cannot read the trigger lexicon: {exc}") from exc
    frames: dict[str, Frame] = {}
    single: dict[str, list[tuple[Frame, tuple[str, ...]]]] = {}
    pairs: dict[tuple[str, str], list[Frame]] = {}
    for name, spec in (raw or {}).get("frames", {}).items():
        if spec.get("role") not in ("main", "outcome"):
            raise DataError(f"triggers.yaml: frame {name} has no valid role")
        frame = Frame(
            name=name,
            role=spec["role"],
            acled=tuple(_pair(v) for v in spec.get("acled") or ()),
            plover=spec.get("plover"),
            plover_mode=spec.get("plover_mode"),
            pos=tuple(spec.get("pos") or DEFAULT_POS),
            strength=float(spec.get("strength", 1.0)),
            absorbs=frozenset(spec.get("absorbs") or ()),
            joins=tuple((str(k), _pair(v)) for k, v in (spec.get("joins") or {}).items()),
        )
        frames[name] = frame
        for raw_word in spec.get("words") or ():
            word, pos = _parse_word(str(raw_word))
            parts = word.split()
            if len(parts) == 1:
                single.setdefault(word, []).append((frame, pos or frame.pos))
            else:  # "exchange of fire": first and last word
                pairs.setdefault((parts[0], parts[-1]), []).append(frame)
    lists = {
        str(k): frozenset(str(w).lower() for w in v) for k, v in (raw.get("lists") or {}).items()
    }
    for needed in ("place_nouns", "civil_subjects", "person_nouns", "launcher_words"):
        if needed not in lists:
            raise DataError(f"triggers.yaml: word list {needed!r} is missing")
    return Lexicon(
        frames,
        lists,
        {k: tuple(v) for k, v in single.items()},
        {k: tuple(v) for k, v in pairs.items()},
        frozenset(w for pair in pairs for w in pair),
    )


def _words(name: str) -> frozenset[str]:
    return load_lexicon().lists[name]


def _keys(tok: Any) -> set[str]:
    return {tok.lemma_.lower(), tok.lower_}


def _object_is_people(tok: Any) -> bool:
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            heads = [child, *[g for g in child.children if g.dep_ == "prep"]]
            for h in heads:
                for t in h.subtree:
                    if t.lower_ in _words("person_nouns") or t.lemma_.lower() in _words(
                        "person_nouns"
                    ):
                        return True
            if child.ent_type_ in ("PERSON", "NORP", "CARDINAL"):
                return True
    return False


_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC", "PLACE"})
_TIME_ENTS = frozenset({"DATE", "TIME"})


def _object_is_place(tok: Any) -> bool:
    """'took control of X', 'captured the village', 'X was liberated': a place is taken."""
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass", "prep", "attr"):
            for t in child.subtree:
                if t.ent_type_ in _PLACE_ENTS or t.lemma_.lower() in _words("place_nouns"):
                    return True
                if t.pos_ == "PROPN" and not t.ent_type_ and t.dep_ in ("nsubjpass", "dobj"):
                    return True  # an unlabelled proper name taken or liberated
    return False


def _in_list(tok: Any, name: str) -> bool:
    words = _words(name)
    return tok.lower_ in words or tok.lemma_.lower() in words


def is_labour_strike(tok: Any) -> bool:
    """'general strike', 'went on strike', 'teachers' strike', 'striking workers', 'nurses
    struck': a labour or protest strike; any other "strike" is a military strike."""
    if tok.head.i != tok.i and tok.head.lower_ == "on":
        return True  # went / are on strike
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass") and not _in_list(child, "civil_subjects"):
            return False  # struck targets, the equipment, a checkpoint
        if child.dep_ == "nsubj" and _in_list(child, "military_strike_words"):
            return False  # the coalition / aircraft struck
    for child in tok.children:
        if child.dep_ in ("amod", "compound", "poss", "nmod", "nsubj") and (
            _in_list(child, "labour_strike_words") or _in_list(child, "civil_subjects")
        ):
            return True
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "of")):
        if any(_in_list(g, "civil_subjects") for g in prep.children if g.dep_ == "pobj"):
            return True  # a strike by teachers
    if tok.pos_ == "NOUN" and tok.head.i != tok.i and tok.dep_ in ("dobj", "nsubjpass"):
        return _in_list(tok.head, "labour_strike_words")  # called / observed / staged a strike
    if tok.dep_ in ("amod", "acl") and tok.head.i != tok.i:  # striking workers / haulers
        return not _in_list(tok.head, "military_strike_words")
    return False


def _choose(tok: Any, options: list[Frame]) -> Frame:
    names = {f.name for f in options}
    if {"take_territory", "capture_people"} <= names:
        want = "capture_people" if _object_is_people(tok) else "take_territory"
        return next(f for f in options if f.name == want)
    if names & {"take_territory", "disrupt", "coerce"} and _object_is_property(tok):
        return load_lexicon().frames["loot"]  # seized / confiscated / sealed off a house
    if {"military_strike", "protest"} <= names:
        want = "protest" if is_labour_strike(tok) else "military_strike"
        return next(f for f in options if f.name == want)
    return options[0]


def _stops_projectile(tok: Any) -> bool:
    """'shot down a drone', 'missiles were intercepted': a projectile is stopped."""
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass") and _in_list(child, "projectile_words"):
            return True
        if child.dep_ in ("dobj", "nsubjpass"):
            conj = [g for g in child.children if g.dep_ == "conj"]
            if any(_in_list(g, "projectile_words") for g in conj):
                return True
    return False


def _object_is_property(tok: Any) -> bool:
    """'seized the house', 'confiscated their land': property taken from its owners."""
    return any(
        c.dep_ in ("dobj", "nsubjpass") and _in_list(c, "property_words") for c in tok.children
    )


def _names_purpose(sent: Any) -> bool:
    """Whether a sentence says what a protest is for ("to denounce", "against", "demanding")."""
    return any(_in_list(t, "protest_purpose_words") or _in_list(t, "civil_subjects") for t in sent)


def _keep(tok: Any, frame: Frame) -> bool:
    """Frames whose words are too common to count without the right object or subject."""
    if frame.name == "take_territory":
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        if any(
            t.lemma_.lower() in _words("civil_subjects") or t.lower_ in _words("civil_subjects")
            for t in subjects
        ):
            return False
        return _object_is_place(tok) or tok.pos_ == "NOUN"
    if frame.name == "handover" and tok.lemma_.lower() in ("hand", "handing", "turn"):
        return _object_is_place(tok)  # "handed over medicine" is not a transfer of ground
    if frame.name == "clash" and tok.pos_ == "NOUN" and tok.lemma_.lower() == "fight":
        # "the (shared) fight against Da'esh / hate crimes": a campaign, not a clash
        return not any(c.dep_ == "prep" and c.lower_ == "against" for c in tok.children)
    if frame.name == "movement" and tok.lemma_.lower() in ("arrive", "cross"):
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        return any(_in_list(t, "armed_movers") for c in subjects for t in c.subtree)
    if frame.name == "protest" and tok.lemma_.lower() == "demonstrate" and tok.pos_ == "VERB":
        # "the attacks demonstrate a disregard for ...", "this demonstrates that ...": to show
        return not any(c.dep_ in ("dobj", "ccomp") for c in tok.children)
    if frame.name == "grenade":
        near = [tok.head, *tok.children, *tok.head.children]
        return not any(t.lower_ in _words("launcher_words") for t in near)
    return True


def _pair_frame(
    lex: Lexicon, a_keys: tuple[str, ...], b_keys: tuple[str, ...], b_before: bool
) -> Frame | None:
    """The frame of a two-word entry made of a token (``a``) and a neighbour (``b``)."""
    for a in a_keys:
        for b in b_keys:
            if not b_before and (a, b) in lex.pairs:
                return lex.pairs[(a, b)][0]
            if (b, a) in lex.pairs:
                return lex.pairs[(b, a)][0]
    return None


def find_triggers(doc: Any, sentences: tuple[Any, ...]) -> tuple[Trigger, ...]:
    """Every lexicon trigger of the document (two-word entries win over their words)."""
    lex = load_lexicon()
    keys = [(t.lemma_.lower(), t.lower_) for t in doc]
    in_pairs = [bool(lex.pair_words.intersection(k)) for k in keys]
    found: list[Trigger] = []
    for s_index, span in enumerate(sentences):
        sent = doc.char_span(span.start, span.end, alignment_mode="expand")
        if sent is None:
            continue
        taken: set[int] = set()
        for tok in sent:
            if tok.i in taken or tok.is_punct or tok.is_space:
                continue
            if tok.ent_type_ in _TIME_ENTS:
                continue  # "On 5 March 2022": a month is not a march
            if in_pairs[tok.i]:
                near = [*tok.children]
                if tok.i + 1 < sent.end:
                    near.append(doc[tok.i + 1])
                hit = None
                for other in near:
                    if other.i in taken or not in_pairs[other.i]:
                        continue
                    frame = _pair_frame(lex, keys[tok.i], keys[other.i], other.i < tok.i)
                    if frame is not None:
                        hit = (other, frame)
                        break
                if (
                    hit is not None
                    and hit[1].name in ("materiel", "disrupt")
                    and (_stops_projectile(tok) or _stops_projectile(hit[0]))
                ):
                    hit = (hit[0], lex.frames.get("interception", hit[1]))
                if (
                    hit is not None
                    and hit[1].name in ("take_territory", "disrupt", "coerce")
                    and (_object_is_property(tok) or _object_is_property(hit[0]))
                ):
                    hit = (hit[0], lex.frames["loot"])
                if hit is not None and not (
                    hit[1].name == "protest"
                    and "conference" in keys[hit[0].i] + keys[tok.i]
                    and not _names_purpose(sent)
                ):  # an official's press conference is not a protest
                    other, frame = hit
                    anchor = other if tok.head.i == other.i else tok
                    lo, hi = (tok, other) if tok.i < other.i else (other, tok)
                    found.append(Trigger(anchor.i, lo.idx, hi.idx + len(hi.text), frame, s_index))
                    taken.update({tok.i, other.i})
                    continue
            options: list[Frame] = []
            for key in keys[tok.i]:
                for frame, pos in lex.single.get(key, ()):
                    if tok.pos_ in pos and frame not in options:
                        options.append(frame)
            chosen = _choose(tok, options) if options else None
            if chosen is not None and chosen.name == "disrupt" and _stops_projectile(tok):
                chosen = lex.frames.get("interception", chosen)
            if chosen is not None and _keep(tok, chosen):
                found.append(Trigger(tok.i, tok.idx, tok.idx + len(tok.text), chosen, s_index))
                taken.add(tok.i)
    found.sort(key=lambda t: t.start)
    return tuple(found)


def is_habitual(tok: Any) -> bool:
    """'has been fighting X for years', 'used to attack': background, not an event."""
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    auxes = {c.lemma_.lower() for c in verb.children if c.dep_ in ("aux", "auxpass")}
    progressive_perfect = "have" in auxes and "be" in auxes
    used_to = any(c.lower_ == "used" and c.dep_ in ("aux", "advcl") for c in verb.children)
    if used_to or not progressive_perfect:
        return used_to
    return any(
        c.lower_ in _DURATION_NOUNS and (c.head.lower_ in ("for", "since") or c.dep_ == "npadvmod")
        for c in verb.subtree
    )


def _suppressed_modifier(tok: Any) -> bool:
    """'being supported by X' modifying a clause names associated actors, not an event."""
    return tok.dep_ in ("advcl", "acl", "relcl") and any(c.dep_ == "agent" for c in tok.children)


def group_triggers(doc: Any, triggers: tuple[Trigger, ...]) -> tuple[TriggerGroup, ...]:
    """Fold results and descriptive triggers into the main trigger they belong to."""
    by_token = {t.token: t for t in triggers}
    mains: list[Trigger] = []
    folded: dict[int, list[Trigger]] = {}
    pending: list[Trigger] = []
    for trig in triggers:
        tok = doc[trig.token]
        if is_habitual(tok):
            continue
        if trig.frame.name == "support" and _suppressed_modifier(tok):
            continue
        if trig.frame.role == "outcome":
            pending.append(trig)
            continue
        host = _host(doc, trig, by_token)
        if host is not None:
            folded.setdefault(host.token, []).append(trig)
        else:
            mains.append(trig)
    for out in pending:
        typed = [m for m in mains if m.frame.acled]  # a result belongs to a typed event
        same = [m for m in typed if m.sentence == out.sentence]
        if not same:
            same = [m for m in typed if m.sentence == out.sentence - 1]
        if same:
            best = min(same, key=lambda m: abs(m.token - out.token))
            folded.setdefault(best.token, []).append(out)
        else:
            mains.append(out)
    mains.sort(key=lambda t: t.start)
    # "Two demonstrators were arrested" after a protest (in the same sentence or one of the
    # next two) names its participants, not a new protest
    for m in list(mains):
        if m.frame.name != "protest" or doc[m.token].lemma_.lower() not in _PROTESTER_NOUNS:
            continue
        earlier = [
            o
            for o in mains
            if o is not m
            and o.frame.name == "protest"
            and o.start < m.start
            and 0 <= m.sentence - o.sentence <= _PROTESTER_REACH
        ]
        if earlier:
            mains.remove(m)
            folded.setdefault(earlier[-1].token, []).append(m)
            folded[earlier[-1].token].extend(folded.pop(m.token, []))
    # a frame that absorbs another ("took control ... following clashes") takes its trigger;
    # one that joins another ("Police intervened to disperse them") joins the event of its
    # sentence or of the sentence just before
    absorbed: set[int] = set()
    for m in mains:
        for other in mains:
            if (
                other is not m
                and (
                    (other.sentence == m.sentence and other.frame.name in m.frame.absorbs)
                    or (
                        0 <= other.sentence - m.sentence <= 1
                        and other.start > m.start
                        and other.frame.joined_type(m.frame.name) is not None
                    )
                )
                and m.frame.name not in other.frame.absorbs
                and other.token not in absorbed
                and m.token not in absorbed
            ):
                absorbed.add(other.token)
                folded.setdefault(m.token, []).append(other)
                folded[m.token].extend(folded.pop(other.token, []))
    return tuple(
        TriggerGroup(m, tuple(folded.get(m.token, ()))) for m in mains if m.token not in absorbed
    )


def _host(doc: Any, trig: Trigger, by_token: dict[int, Trigger]) -> Trigger | None:
    """The main trigger this one describes, if it hangs below it through modifiers."""
    tok = doc[trig.token]
    path: list[str] = []
    cur = tok
    while cur.head.i != cur.i:
        path.append(cur.dep_)
        cur = cur.head
        other = by_token.get(cur.i)
        if other is None or other.frame.role != "main":
            continue
        if other.frame.name in trig.frame.absorbs:
            return None  # "a grenade attack": the grenade takes the attack (see absorption)
        if not trig.frame.acled and other.frame.acled:
            return other  # a statement inside a typed event ("protested, demanding ...")
        if any(d in _DESCRIPTIVE_DEPS for d in path) and "conj" not in path:
            return other
        return None
    return None
