"""ACLED fatalities from counted quantities, and whose losses a quantity counts.

:func:`acled_fatalities` applies the conventions written up in ``docs/fatalities.md``:
only death counts (``killed``) make fatalities; injuries and "casualties" never do; distinct
death counts of one event are summed; a stated total ("2 fatalities", "the death toll rose to
15") wins over the parts; "dozens" / "tens" / "hundreds" take ACLED's figures (12 / 10 / 100);
an unknown count is None, never 0; 0 only when the text says nobody was killed.

:func:`assign_sides` sets ``Quantity.side`` to the actor whose losses the count reports, when
the text says so.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from sitreps.extract.numbers import BackgroundWords, load_lexicon, parse_count, word_to_int
from sitreps.models import ActorFinding, Fatalities, Mention, Quantity, Span
from sitreps.nlp import ParsedReport

#: objects that name a stated total rather than a group of victims
_TOTAL_OBJECTS = frozenset({"toll", "total"})
_TOTAL_RE = re.compile(r"\b(?:fatalit|deaths?\b|dead\b)", re.IGNORECASE)
_BARE_RE = re.compile(r"[\w,-]+ (?:were |was |have been |had been )?(?:killed|died)", re.I)
_BODY_RE = re.compile(r"\b(?:bod(?:y|ies)|corpses?|remains)\b", re.IGNORECASE)
_LOSS_LEMMAS = frozenset({"take", "suffer", "sustain", "lose", "incur"})
_POSSESSIVE_RE = re.compile(r"\b(?:their|its|his|her)\b", re.IGNORECASE)
_OF_RE = re.compile(r"^\s+(?:of|from|among)\s+(?:the\s+)?", re.IGNORECASE)
_AGENT_RE = re.compile(r"\bby\s+(?:the\s+)?$", re.IGNORECASE)


_N = r"(?:\d[\d,]*|[a-z]+(?:[ -][a-z]+)?)"
_TOLL_RE = re.compile(
    r"\b(?:death|casualty|fatality)\s+toll\b[^.;]{0,40}?\b(?:to|at|of|reached|hit|is|was|"
    rf"stands at|stood at)\s+(?P<n>(?:at least |more than |over |about |around )?{_N})",
    re.IGNORECASE,
)
#: a count stated as the one recorded ("Fatalities coded as 20", "1 fatality coded for this
#: event") - the phrasing of ACLED notes
_CODED_RE = re.compile(
    rf"\b(?:fatalit(?:y|ies)|deaths?)\b[^.;\[\]]{{0,60}}?\bcoded (?:as|to|at) (?:an? )?(?P<n>{_N})\b"
    r"|\b(?P<m>\d+) fatalit(?:y|ies) (?:coded|recorded|counted) for this event",
    re.IGNORECASE,
)
#: "(fatalities coded to the Horlivka event)": the deaths are recorded with another event
_ELSEWHERE_RE = re.compile(
    r"\bfatalities (?:are |were )?(?:coded|counted|recorded) (?:to|in|under|with) (?:the )?"
    r"(?P<where>[A-Z][^.;()\[\]]{0,60}?) events?\b"
)
#: "38 fatalities split among 10 events": an even share per event
_SPLIT_RE = re.compile(
    r"\b(?P<n>\d+)(?: ?- ?\d+)? (?:total |reported )?(?:\w+ )?(?:fatalit(?:y|ies)|"
    r"(?:\w+ ){0,3}(?:were |was )?killed,?) (?:were )?(?:split|divided|distributed|spread) "
    r"(?:evenly )?(?:among|between|across|over) (?P<k>\d+|two|three|four|five|six|"
    r"seven|eight|nine|ten) (?:events|incidents|days|locations)",
    re.IGNORECASE,
)


def stated_totals(text: str, found: list[Quantity]) -> list[Quantity]:
    """Death counts stated as totals that no dependency cue reaches: "the death toll rose to
    15" (qualifier as written, object "toll"), "Fatalities coded as 20" (qualifier "coded"),
    "38 fatalities split among 10 events" (qualifier "split", value = the even share)."""
    out: list[Quantity] = []
    for m in _TOLL_RE.finditer(text):
        c = parse_count(m.group("n")) or parse_count(m.group("n").split()[0])
        if c is None or c.value is None:
            continue
        span = Span.of(text, m.start(), m.end())
        if not any(q.span.overlaps(span) and q.kind == "killed" for q in found):
            out.append(Quantity("killed", c.value, c.low, c.high, c.qualifier, span, "toll"))
    for m in _CODED_RE.finditer(text):
        c = parse_count(m.group("n") or m.group("m") or "")
        if c is not None and c.value is not None:
            span = Span.of(text, m.start(), m.end())
            out.append(Quantity("killed", c.value, c.value, c.value, "coded", span))
    for m in _ELSEWHERE_RE.finditer(text):
        if m.group("where").strip() in text[: m.start()]:
            continue  # "fatalities coded to the X event" written in the X event itself
        out.append(Quantity("killed", 0, 0, 0, "coded", Span.of(text, m.start(), m.end())))
    for m in _SPLIT_RE.finditer(text):
        total, k = int(m.group("n")), word_to_int(m.group("k"))
        if k:
            share = int(total / k + 0.5)
            span = Span.of(text, m.start(), m.end())
            out.append(Quantity("killed", share, share, share, "split", span))
    return out


# --- which deaths belong to the event -----------------------------------------------------


def background_death(cue: Any, bg: BackgroundWords) -> bool:
    """A death named as the reason for or the background of something else ("a protest over
    the killing of X", "relatives of a man who was murdered", "after four people died",
    "suspected of killing a driver") or only wondered about ("whether he died"): it belongs to
    another event than the one the sentence reports, so it is not counted."""
    tok = cue
    for _ in range(10):
        while tok.dep_ == "conj" and tok.head is not tok:
            tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
            if marks & bg.marks:
                return True
            if tok.dep_ in ("ROOT", "ccomp", "xcomp", "advcl", "parataxis"):
                return False
        head = tok.head
        if head is tok:
            return False
        owner = head.head.lemma_.lower()
        if tok.dep_ in ("pobj", "pcomp"):
            prep = head.lower_
            if prep in bg.reason_preps:
                return True
            if prep in ("for", "in") and owner in bg.reactions:
                return True
            if prep == "of" and owner in bg.owners:
                return True
        if tok.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in bg.reactions:
            return True
        if tok.dep_ == "relcl" and head.dep_ == "pobj" and _relative_of_person(tok):
            return True  # "relatives of a man who was killed", "the security of a leader who ..."
        tok = head
    return False


def _relative_of_person(verb: Any) -> bool:
    return any(c.lower_ in ("who", "whom", "whose", "where") for c in verb.subtree)


_SEPARATELY_RE = re.compile(
    r"^[^.;]*?[(\[](?:coded|reported|recorded|counted) (?:separately|as (?:an)?other events?)"
)


def coded_elsewhere(doc: Any, last: int) -> bool:
    """ "26 people were shot dead during a raid (coded separately)": another event's count
    (``last`` is the index of the last token of the count's cue and argument)."""
    tok = doc[last]
    sent = tok.sent
    # the text from the token to the sentence end (``doc.text`` would join every token)
    rest = "".join(t.text_with_ws for t in doc[last : sent.end])[: sent.end_char - tok.idx]
    return bool(_SEPARATELY_RE.match(rest))


def acled_fatalities(quantities: tuple[Quantity, ...]) -> Fatalities | None:
    """ACLED's ``fatalities`` for one event from its quantities; None when no death count."""
    killed = [q for q in quantities if q.kind == "killed"]
    if not killed:
        return None
    for qualifier in ("coded", "split"):  # the count the text states as the recorded one
        stated = [q for q in killed if q.qualifier == qualifier]
        if stated:
            return _as_fatalities([max(stated, key=lambda q: q.span.start)])
    killed = [q for q in killed if not any(_inside(q, o) for o in killed if o is not q)]
    totals = [q for q in killed if q.object in _TOTAL_OBJECTS or _is_total(q)]
    totals = [q for q in totals if (_acled_value(q) or 0) > 0]
    if totals:
        return _as_fatalities([max(totals, key=lambda q: q.span.start)])
    victims = [q for q in killed if not _BODY_RE.search(q.span.text)]
    bodies = [q for q in killed if q not in victims]
    if _known(victims):
        return _as_fatalities(_conservative(victims))
    if _known(bodies):
        return _as_fatalities(_conservative(bodies))
    if all(q.value == 0 for q in killed):
        return Fatalities(0, 0, 0)
    return None


def _conservative(qs: list[Quantity]) -> list[Quantity]:
    """Counts of the same victims given twice ("6 soldiers were killed ... it said it killed 7
    soldiers") conflict: keep the lower one. Counts of different victims are all kept."""
    keep: dict[str, Quantity] = {}
    rest: list[Quantity] = []
    for q in qs:
        key = _head_noun(q.object)
        if key is None or (q.value or 0) <= 1:
            rest.append(q)
            continue
        old = keep.get(key)
        if old is None or (_acled_value(q) or 0) < (_acled_value(old) or 0):
            keep[key] = q
    return rest + list(keep.values())


def _head_noun(obj: str | None) -> str | None:
    if not obj:
        return None
    word = obj.split()[-1].lower()
    return word[:-1] if word.endswith("s") else word


def _inside(q: Quantity, other: Quantity) -> bool:
    return other.span.contains(q.span) and other.span != q.span


def _is_total(q: Quantity) -> bool:
    """A count whose own noun is the death ("2 fatalities", "one death", "4 dead") or a bare
    number as subject ("1 killed.", "12 were killed"): the report's summary figure."""
    if q.object is not None:
        return False
    return bool(_TOTAL_RE.search(q.span.text) or _BARE_RE.fullmatch(q.span.text))


def _acled_value(q: Quantity) -> int | None:
    if q.value is not None:
        return q.value
    vague = load_lexicon().vague
    if q.qualifier and q.qualifier in vague:
        return vague[q.qualifier].acled
    return None


def _known(qs: list[Quantity]) -> bool:
    return any((_acled_value(q) or 0) > 0 for q in qs)


def _as_fatalities(qs: list[Quantity]) -> Fatalities:
    best = 0
    low: int | None = 0
    high: int | None = 0
    for q in qs:
        v = _acled_value(q)
        if v is None or v == 0:
            continue
        best += v
        low = None if low is None or q.low is None else low + q.low
        high = None if high is None or q.high is None else high + q.high
    return Fatalities(best, low if low is not None else best, high)


# --- sides ---------------------------------------------------------------------------------


def assign_sides(
    quantities: tuple[Quantity, ...], parsed: ParsedReport, actors: ActorFinding
) -> tuple[Quantity, ...]:
    """Set ``side`` to the actor id whose losses each quantity counts, when the text says."""
    text = parsed.report.text
    known = {a.id for a in actors.actors if a.kind != "person"}
    mentions = sorted(
        (m for m in actors.mentions if m.entity_id in known and m.kind == "actor"),
        key=lambda m: m.span.start,
    )
    out = []
    for q in quantities:
        side = q.side or _side(q, parsed, text, mentions)
        out.append(replace(q, side=side) if side != q.side else q)
    return tuple(out)


def _side(q: Quantity, parsed: ParsedReport, text: str, mentions: list[Mention]) -> str | None:
    sent = parsed.sentences[parsed.sentence_index(q.span.start)] if parsed.sentences else None
    sent_start = sent.start if sent else 0
    # 1. "members of Y", "soldiers from Y" right after the counted noun
    tail = text[q.span.end : q.span.end + 60]
    m = _OF_RE.match(tail)
    if m:
        at = q.span.end + m.end()
        for mention in mentions:
            if mention.span.start == at:
                return mention.entity_id
    # 2. an actor named inside the phrase ("three Taliban fighters"), not as an agent
    for mention in mentions:
        if q.span.contains(mention.span) and not _AGENT_RE.search(
            text[q.span.start : mention.span.start]
        ):
            return mention.entity_id
    before = [mm for mm in mentions if sent_start <= mm.span.start and mm.span.end <= q.span.start]
    if not before:
        return None
    # 3. "X have taken / suffered / lost N casualties": the subject of the loss verb
    loser = _loser(parsed.doc, q.span, before)
    if loser:
        return loser
    # 4. "their armored vehicles": the pronoun refers back to the clause's subject actor
    if _POSSESSIVE_RE.search(q.span.text):
        return _subject_actor(parsed.doc, before) or before[-1].entity_id
    return None


def _loser(doc: Any, span: Span, mentions: list[Mention]) -> str | None:
    """The actor that is the subject of a loss verb whose object is the counted phrase."""
    chars = doc.char_span(span.start, span.end, alignment_mode="expand")
    if chars is None:
        return None
    for tok in chars:
        head = tok.head
        if tok.dep_ != "dobj" or head.lemma_.lower() not in _LOSS_LEMMAS:
            continue
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        for subj in subjects:
            lo, hi = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)
            for mention in mentions:
                if lo <= mention.span.start and mention.span.end <= hi:
                    return mention.entity_id
    return None


def _subject_actor(doc: Any, mentions: list[Mention]) -> str | None:
    """The latest mention that is (part of) a clause subject."""
    for mention in reversed(mentions):
        span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        while root.dep_ in ("poss", "compound", "amod", "conj") and root.head is not root:
            root = root.head
        if root.dep_ in ("nsubj", "nsubjpass"):
            return mention.entity_id
    return None
