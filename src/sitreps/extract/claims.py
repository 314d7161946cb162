"""Claims: who says what, through which outlet, and whether the claimant is a party.

:func:`find_claims` turns a parsed report into claims that cover the whole text:

* every sentence outside an interview turn is the outlet's own narration (claimant None);
* every interview turn is a claim of its speaker: the interviewee's answers
  (``interview_answer``) or the outlet's questions and statements (``interview_question``);
* every piece of reported speech (:mod:`sitreps.extract.attribution_parse`) is a claim nested
  in the narration or turn that reports it (``parent``), with its source resolved to a person
  or actor: a named person, a role phrase ("the leader of X" -> the person the text names as
  X's leader), a pronoun ("he" -> the most recent person who spoke; "we" -> the speaker's
  group), or else the words of the source as written ("residents").

:func:`claim_for` gives the innermost claim that contains a span (used by the events stage);
:func:`mark_partisan` flags claims whose claimant is, or belongs to, a party to what it reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sitreps.extract.attribution_lexicon import cue_lexicon
from sitreps.extract.attribution_parse import Attribution, find_attributions
from sitreps.extract.attribution_partisan import mark_partisan
from sitreps.extract.attribution_roles import (
    Person,
    RoleLink,
    find_outlet,
    find_persons,
    find_roles,
    group_mentions,
    outlet_mentions,
)
from sitreps.extract.attribution_speakers import TurnSpeaker, turn_speakers
from sitreps.models import ActorFinding, Claim, Span
from sitreps.nlp import ParsedReport

__all__ = ["claim_for", "find_claims", "mark_partisan"]

#: Order of claims that share a content span: the enclosing kinds first.
_KIND_RANK = {"narration": 0, "interview_question": 0, "interview_answer": 0}


@dataclass(frozen=True, slots=True)
class _Speaker:
    claimant: str | None
    role: str | None
    group: str | None  # actor id of the claimant's group, when known
    is_person: bool


@dataclass(frozen=True, slots=True)
class _Draft:
    claimant: str | None
    role: str | None
    outlet: str | None
    cue: Span | None
    content: Span
    kind: str
    source: Span | None
    group: str | None = None


class _Resolver:
    """Resolves attribution sources to claimants, remembering the last person who spoke."""

    def __init__(
        self,
        parsed: ParsedReport,
        actors: ActorFinding,
        persons: tuple[Person, ...],
        roles: tuple[RoleLink, ...],
    ) -> None:
        self.text = parsed.report.text
        self.doc = parsed.doc
        self.persons = persons
        self.roles = roles
        self.groups = group_mentions(actors)
        self.actor_roles = {a.id: a.role for a in actors.actors if a.role}
        self.last_person: _Speaker | None = None
        self.lex = cue_lexicon()

    def person_speaker(self, person: Person) -> _Speaker:
        link = next((r for r in self.roles if r.person and r.person.ref == person.ref), None)
        if link is None:
            link = next((r for r in self.roles if r.person and r.person.name == person.name), None)
        role = link.role if link else self.actor_roles.get(person.ref)
        return _Speaker(person.ref, role, link.group if link else None, True)

    def _role_phrase(self, source: Span) -> _Speaker | None:
        low = source.text.lower()
        for link in self.roles:
            related = source.contains(link.evidence) or link.evidence.contains(source)
            if not related and (link.role_noun not in low or link.group_name.lower() not in low):
                continue
            if link.person is not None:
                return self.person_speaker(link.person)
            # the role without a name here: the person the text names elsewhere
            named = next(
                (
                    r
                    for r in self.roles
                    if r.person is not None
                    and r.role_noun == link.role_noun
                    and _same_group(r, link)
                ),
                None,
            )
            if named is not None and named.person is not None:
                return self.person_speaker(named.person)
            return _Speaker(source.text, link.role, link.group, True)
        return None

    def resolve(self, att: Attribution, enclosing: _Speaker | None) -> _Speaker:
        src = att.source
        if src is None:
            return enclosing or _Speaker(None, None, None, False)
        word = src.text.lower().strip()
        if word in self.lex.first_person_singular and enclosing is not None:
            return enclosing
        if word in self.lex.first_person_plural and enclosing is not None:
            if enclosing.group is not None:
                return _Speaker(enclosing.group, None, enclosing.group, False)
            return enclosing
        if word in self.lex.speaker_pronouns and word not in ("they", "them"):
            enclosing_claimant = enclosing.claimant if enclosing is not None else None
            same = self.last_person is None or self.last_person.claimant == enclosing_claimant
            if enclosing is not None and enclosing.is_person and same:
                return enclosing
            if self.last_person is not None:
                return self.last_person
            before = [p for p in self.persons if p.span.end <= src.start]
            if before:
                return self.person_speaker(before[-1])
            return _Speaker(src.text, None, None, True)
        if att.source_head is not None and self.doc[att.source_head].lower_ in ("who", "which"):
            head = self.doc[att.source_head].head.head
            if head is not None and head.dep_ == "relcl":
                head = head.head
            head_span = Span.of(self.text, head.idx, head.idx + len(head.text))
            for p in self.persons:
                if p.span.overlaps(head_span):
                    return self.person_speaker(p)
            for gspan, gid in self.groups:
                if gspan.overlaps(head_span):
                    return _Speaker(gid, None, gid, False)
            src = Span.of(self.text, *_np_of(head))
        by_role = self._role_phrase(src)
        if by_role is not None:
            return by_role
        inside = [p for p in self.persons if src.contains(p.span) or p.span.contains(src)]
        if inside:
            return self.person_speaker(inside[-1])
        groups = [g for s, g in self.groups if src.contains(s) or s.contains(src)]
        if groups:
            return _Speaker(groups[-1], None, groups[-1], False)
        return _Speaker(src.text, None, None, False)

    def remember(self, speaker: _Speaker) -> None:
        if speaker.is_person and speaker.claimant is not None:
            self.last_person = speaker


def _np_of(tok: Any) -> tuple[int, int]:
    """The noun phrase a word heads, without its clauses ("the monitor" of "the monitor, who")."""
    keep = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("punct",)] or [tok]
    return min(t.idx for t in keep), tok.idx + len(tok.text)


def _same_group(a: RoleLink, b: RoleLink) -> bool:
    if a.group is not None and b.group is not None:
        return a.group == b.group
    x, y = a.group_name.lower(), b.group_name.lower()
    return x == y or x.endswith(y) or y.endswith(x)


def _enclosing(drafts: list[_Draft], span: Span) -> _Draft | None:
    best: _Draft | None = None
    for d in drafts:
        if d.content.contains(span) and (
            best is None or d.content.end - d.content.start < best.content.end - best.content.start
        ):
            best = d
    return best


def _turn_drafts(
    parsed: ParsedReport, speakers: tuple[TurnSpeaker, ...], outlet: str | None
) -> list[_Draft]:
    out = []
    for turn, sp in zip(parsed.turns, speakers, strict=True):
        label = Span.of(parsed.report.text, turn.label.start, turn.label.end - 1)
        if sp.interviewer:
            out.append(
                _Draft(None, None, outlet, turn.label, turn.content, "interview_question", label)
            )
        else:
            out.append(
                _Draft(
                    sp.claimant,
                    sp.role,
                    outlet,
                    turn.label,
                    turn.content,
                    "interview_answer",
                    label,
                    sp.group,
                )
            )
    return out


def find_claims(parsed: ParsedReport, actors: ActorFinding) -> tuple[Claim, ...]:
    """Every claim of the report; every sentence lies in some claim's content."""
    text = parsed.report.text
    persons = find_persons(parsed.doc, text, actors)
    roles = find_roles(parsed.doc, text, actors, persons)
    turn_spans = tuple(Span.of(text, t.label.start, t.content.end) for t in parsed.turns)
    atts = find_attributions(parsed.doc, text, skip=turn_spans)
    labels = tuple(dict.fromkeys(t.speaker for t in parsed.turns))
    exclude = tuple(p.span for p in persons) + tuple(s for s, _ in group_mentions(actors))
    outlets = outlet_mentions(actors)
    outlet = find_outlet(parsed.report.outlet, text, labels, exclude, outlets)
    resolver = _Resolver(parsed, actors, persons, roles)
    speakers = turn_speakers(parsed, actors, persons, roles, outlet)

    drafts: list[_Draft] = []
    for i, sent in enumerate(parsed.sentences):
        # a sentence wholly inside reported speech (a long quotation) is the speaker's, not
        # the outlet's narration: it lies in the content of that claim already
        if parsed.sentence_turn[i] is None and not any(a.content.contains(sent) for a in atts):
            drafts.append(_Draft(None, None, outlet, None, sent, "narration", None))
    drafts.extend(_turn_drafts(parsed, speakers, outlet))

    taken = [p.span for p in persons] + [s for s, _ in group_mentions(actors)]
    for att in sorted(atts, key=lambda a: a.cue.start):
        outer = _enclosing(drafts, att.cue) or _enclosing(drafts, att.content)
        enclosing = (
            _Speaker(outer.claimant, outer.role, outer.group, outer.kind != "narration")
            if outer is not None and outer.claimant is not None
            else None
        )
        sp = resolver.resolve(att, enclosing)
        resolver.remember(sp)
        claim_outlet = outlet
        if att.addressee is not None:
            known = [a.name for s, a in outlets if s.overlaps(att.addressee)]
            if known:
                claim_outlet = known[0]
            elif not any(att.addressee.overlaps(t) for t in taken):
                claim_outlet = att.addressee.text
        drafts.append(
            _Draft(
                sp.claimant,
                sp.role,
                claim_outlet,
                att.cue,
                att.content,
                att.kind,
                att.source,
                sp.group,
            )
        )
    return _number(drafts)


def _number(drafts: list[_Draft]) -> tuple[Claim, ...]:
    order = sorted(
        enumerate(drafts),
        key=lambda x: (
            x[1].content.start,
            -x[1].content.end,
            _KIND_RANK.get(x[1].kind, 1),
            x[0],
        ),
    )
    claims: list[Claim] = []
    for n, (_, d) in enumerate(order, start=1):
        parent = None
        best = None
        for c in claims:
            if c.content.contains(d.content) and (
                best is None or len(c.content.text) <= len(best.content.text)
            ):
                best = c
        if best is not None:
            parent = best.id
        claims.append(
            Claim(
                id=f"c{n}",
                claimant=d.claimant,
                claimant_role=d.role,
                outlet=d.outlet,
                cue=d.cue,
                content=d.content,
                partisan=False,
                kind=d.kind,
                parent=parent,
                source=d.source,
            )
        )
    return tuple(claims)


def claim_for(claims: tuple[Claim, ...], span: Span) -> Claim | None:
    """The innermost claim whose content contains ``span`` (else the one overlapping most).

    Reported speech wins over the outlet's narration of the sentence it sits in: in
    '"A. B," he said.' the words of B are the speaker's although the sentence '"B," he said.'
    is also narrated by the outlet.
    """

    def rank(c: Claim) -> tuple[bool, int]:
        return (c.kind == "narration", c.content.end - c.content.start)

    inside = [c for c in claims if c.content.contains(span)]
    if inside:
        return min(inside, key=rank)
    best: Claim | None = None
    overlap = 0
    for c in claims:
        o = min(c.content.end, span.end) - max(c.content.start, span.start)
        if o > overlap:
            best, overlap = c, o
    return best
