"""Persons, their roles ("leader of X") and the outlet of a report, as the text states them.

* :func:`find_persons` lists the named persons of a report: person actors from the actor stage,
  spaCy PERSON entities, and a quoted title-case name right after a role phrase ("the leader
  of X ‘Name Surname’"), as regional outlets often write transliterated names.
* :func:`find_roles` links a person to a group through a role noun: "the leader of X ‘Y’",
  "Y, the commander of X", "X's leader Y", "X leader Y".
* :func:`find_outlet` names the outlet: metadata first, else "interview with X", "to X:" in a
  headline, with an interview's abbreviated speaker label ("D24") expanded to the name it
  abbreviates ("DeirEzzor 24").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sitreps.extract.attribution_lexicon import cue_lexicon
from sitreps.models import Actor, ActorFinding, Span
from sitreps.nlp import per_doc_memo

_NAME = r"[A-Z][\w’'\-]*(?:[ \t]+(?:[A-Z][\w’'\-]*|\d+|al|el|bin|ibn|abu)){0,4}"
_QUOTED_NAME_RE = re.compile(r"[‘'\"“](?P<name>[A-Z][\w\-]*(?:[ \t]+[A-Z][\w\-’']*){1,3})[’'\"”]")
_INTERVIEW_RE = re.compile(
    r"\binterview(?:ed)?\s+(?:with|by|to)\s+(?:the\s+)?(?P<name>" + _NAME + ")"
)
_GAP_PERSON_RE = re.compile(r"^[\s,]*$")
_ROLE_AFTER_PERSON_RE = re.compile(r"[’'\"”]?\s*,\s*(?:(?:the|a|an)\s+)?(?:[\w\-]+\s+){0,2}")


@dataclass(frozen=True, slots=True)
class Person:
    """A named person: ``ref`` is the person actor's id, else the name as written."""

    ref: str
    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class RoleLink:
    """A person's role towards a group, as one phrase of the text states it."""

    person: Person | None  # None when the text gives the role without a name
    role_noun: str  # "leader"
    group: str | None  # actor id of the group, when resolved
    group_name: str  # "Jaysh Assud Al-Sharqiyah"
    evidence: Span

    @property
    def role(self) -> str:
        return f"{self.role_noun} of {self.group_name}"


def _actor_kinds(actors: ActorFinding) -> dict[str, str]:
    return {a.id: a.kind for a in actors.actors}


def is_outlet(actor: Actor) -> bool:
    """True for a news outlet or monitor: it reports, it is no party to events."""
    if actor.kind == "outlet" or (actor.role or "").lower().endswith("outlet"):
        return True
    return actor.id.startswith("outlet.")


def outlet_mentions(actors: ActorFinding) -> list[tuple[Span, Actor]]:
    """Mentions of outlets: (span, outlet actor), in text order."""
    outlets = {a.id: a for a in actors.actors if is_outlet(a)}
    out = [(m.span, outlets[m.entity_id]) for m in actors.mentions if m.entity_id in outlets]
    return sorted(out, key=lambda x: x[0].start)


def group_mentions(actors: ActorFinding) -> list[tuple[Span, str]]:
    """Mentions of non-person, non-outlet actors: (span, actor id), in text order."""
    kinds = _actor_kinds(actors)
    outlets = {a.id for a in actors.actors if is_outlet(a)}
    out = [
        (m.span, m.entity_id)
        for m in actors.mentions
        if m.entity_id
        and m.kind == "actor"
        and kinds.get(m.entity_id, "") != "person"
        and m.entity_id not in outlets
    ]
    return sorted(out, key=lambda x: x[0].start)


@per_doc_memo()
def find_persons(doc: Any, text: str, actors: ActorFinding) -> tuple[Person, ...]:
    """Named persons of the report, in text order (actor-stage persons first on overlap)."""
    kinds = _actor_kinds(actors)
    names = {a.id: a.name for a in actors.actors}
    found: list[Person] = []
    for m in actors.mentions:
        if m.entity_id and (m.kind == "person" or kinds.get(m.entity_id) == "person"):
            found.append(Person(m.entity_id, names.get(m.entity_id, m.span.text), m.span))
    taken = [p.span for p in found]
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        span = Span.of(text, ent.start_char, ent.end_char)
        if any(span.overlaps(t) for t in taken) or any(
            span.overlaps(g) for g, _ in group_mentions(actors)
        ):
            continue
        found.append(Person(span.text, span.text, span))
        taken.append(span)
    lex = cue_lexicon()
    for qm in _QUOTED_NAME_RE.finditer(text):
        span = Span.of(text, qm.start("name"), qm.end("name"))
        if any(span.overlaps(t) for t in taken):
            continue
        before = text[max(0, qm.start() - 80) : qm.start()].lower()
        if any(re.search(rf"\b{noun}\b", before) for noun in lex.role_nouns):
            found.append(Person(span.text, span.text, span))
            taken.append(span)
    return tuple(sorted(found, key=lambda p: p.span.start))


def _of_phrase_group(
    doc: Any, text: str, role_tok: Any, groups: list[tuple[Span, str]]
) -> tuple[str | None, str, int] | None:
    """For "leader of (the FSA faction) X": the group X, its name and the phrase's end."""
    nxt = role_tok.i + 1
    if nxt >= len(doc) or doc[nxt].lower_ != "of":
        return None
    end = doc[nxt].idx + 2
    stop = doc[nxt].idx + 2
    for t in doc[nxt + 1 : nxt + 12]:
        if t.text in ",;:.()" or t.pos_ in ("VERB", "AUX") or t.text in "‘’“”\"'":
            break
        stop = t.idx + len(t.text)
    inside = [(s, g) for s, g in groups if end <= s.start and s.end <= stop]
    if inside:
        span, gid = inside[-1]
        return gid, span.text, span.end
    # no resolved actor: a proper-noun run names the group
    propn = [t for t in doc[nxt + 1 : nxt + 12] if t.idx < stop and t.pos_ == "PROPN"]
    if propn:
        s0 = propn[0].idx
        s1 = propn[-1].idx + len(propn[-1].text)
        return None, text[s0:s1], s1
    return None


@per_doc_memo()
def find_roles(
    doc: Any, text: str, actors: ActorFinding, persons: tuple[Person, ...]
) -> tuple[RoleLink, ...]:
    """Role phrases linking persons to groups, in text order."""
    lex = cue_lexicon()
    groups = group_mentions(actors)
    links: list[RoleLink] = []
    for tok in doc:
        noun = tok.lemma_.lower()
        if noun not in lex.role_nouns or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        got = _of_phrase_group(doc, text, tok, groups)
        if got is not None:
            gid, gname, gend = got
            person = None
            for p in persons:
                gap = text[gend : p.span.start]
                if (
                    p.span.start >= gend
                    and len(gap) <= 4
                    and _GAP_PERSON_RE.match(
                        gap.replace("‘", "").replace("'", "").replace("“", "").replace('"', "")
                    )
                ):
                    person = p
                    break
                before = text[p.span.end : tok.idx]
                if p.span.end <= tok.idx and _ROLE_AFTER_PERSON_RE.fullmatch(before):
                    person = p
            evidence_start = min(tok.idx, person.span.start) if person else tok.idx
            evidence_end = max(gend, person.span.end) if person else gend
            links.append(
                RoleLink(person, noun, gid, gname, Span.of(text, evidence_start, evidence_end))
            )
            continue
        # "X's leader Y", "X leader Y"
        for gspan, gid in groups:
            gap = text[gspan.end : tok.idx]
            if gspan.end <= tok.idx and re.fullmatch(r"(?:[’']s)?\s+", gap):
                after = tok.idx + len(tok.text)
                for p in persons:
                    if p.span.start >= after and re.fullmatch(
                        r"[\s,‘'\"“]*", text[after : p.span.start]
                    ):
                        links.append(
                            RoleLink(
                                p, noun, gid, gspan.text, Span.of(text, gspan.start, p.span.end)
                            )
                        )
                        break
                break
    return tuple(links)


def _initials(name: str) -> str:
    out = []
    for word in re.findall(r"[A-Za-z]+|\d+", name):
        if word.isdigit():
            out.append(word)
        else:
            out.append(word[0] + "".join(c for c in word[1:] if c.isupper()))
    return "".join(out).lower()


def abbreviates(label: str, name: str) -> bool:
    """True when ``label`` ("D24") abbreviates ``name`` ("DeirEzzor 24") or equals it."""
    a = re.sub(r"\W", "", label).lower()
    b = re.sub(r"\W", "", name).lower()
    if not a or not b:
        return False
    if a == b:
        return True
    if a[0] != b[0] or re.sub(r"\D", "", a) != re.sub(r"\D", "", b):
        return False
    it = iter(_initials(name))
    return len(a) < len(b) and all(c in it for c in a)


def outlet_candidates(text: str) -> list[Span]:
    """Names that the text gives as the outlet: "interview with X", "(to|told) X:"."""
    out = [Span.of(text, m.start("name"), m.end("name")) for m in _INTERVIEW_RE.finditer(text)]
    for m in re.finditer(
        r"(?m)^[^\n:]{0,150}?\s(?:to|tells|told)\s+(?P<name>" + _NAME + r")\s*:", text
    ):
        out.append(Span.of(text, m.start("name"), m.end("name")))
    return sorted(out, key=lambda s: s.start)


def find_outlet(
    metadata_outlet: str | None,
    text: str,
    labels: tuple[str, ...],
    exclude: tuple[Span, ...],
    outlets: list[tuple[Span, Actor]] | None = None,
) -> str | None:
    """The report's outlet: metadata, else named in the text (see module docstring).

    ``exclude`` are spans of persons and armed actors (never an outlet); a candidate that
    is a mention of a known outlet (``outlets``) is named by the outlet's canonical name.
    """
    if metadata_outlet:
        return metadata_outlet
    names = []
    for c in outlet_candidates(text):
        known = [a for s, a in outlets or () if s.overlaps(c)]
        if known:
            names.append(known[0].name)
        elif not any(c.overlaps(e) for e in exclude):
            names.append(c.text.strip())
    if not names:
        return None
    for label in labels:
        matching = [n for n in names if abbreviates(label, n)]
        if matching:
            return max(matching, key=len)
    # a short name that abbreviates a longer one: prefer the longer
    for n in names:
        longer = [m for m in names if m != n and abbreviates(n, m)]
        if longer:
            return max(longer, key=len)
    return names[0]
