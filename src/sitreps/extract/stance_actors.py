"""Finding the actors that words of a statement refer to, for the relation and stance rules.

An :class:`ActorIndex` answers "which actors does this noun phrase name?" from the actor
stage's mentions, follows coordination ("both Daesh and the Assad regime"), climbs from a
relative pronoun to what it refers to ("one of the factions ... who has been fighting" -> the
copula's subject), and maps first-person plural pronouns ("we", "our") to the group of the
speaker of the claim they occur in.
"""

from __future__ import annotations

from typing import Any

from sitreps.extract.attribution_lexicon import cue_lexicon
from sitreps.extract.attribution_roles import find_persons, find_roles, group_mentions
from sitreps.extract.claims import claim_for
from sitreps.models import ActorFinding, Claim, Span
from sitreps.nlp import ParsedReport

_NP_STOP_DEPS = ("prep", "relcl", "acl", "appos", "conj", "cc", "punct", "advcl", "ccomp")


class ActorIndex:
    """The report's group mentions, and the speakers' groups."""

    def __init__(
        self, parsed: ParsedReport, actors: ActorFinding, claims: tuple[Claim, ...]
    ) -> None:
        self.parsed = parsed
        self.text = parsed.report.text
        self.claims = claims
        self.groups = group_mentions(actors)
        self.persons = find_persons(parsed.doc, self.text, actors)
        self.roles = find_roles(parsed.doc, self.text, actors, self.persons)
        person_ids = {a.id for a in actors.actors if a.kind == "person"}
        self.person_ids = person_ids
        self.group_of: dict[str, str] = {}
        for link in self.roles:
            if link.person is not None and link.group is not None:
                self.group_of.setdefault(link.person.ref, link.group)
                self.group_of.setdefault(link.person.name, link.group)
        group_ids = {g for _, g in self.groups}
        for c in claims:
            if c.claimant in group_ids:
                self.group_of.setdefault(c.claimant, c.claimant)
        self.lex = cue_lexicon()

    def in_range(self, start: int, end: int) -> list[tuple[Span, str]]:
        return [(s, g) for s, g in self.groups if start <= s.start and s.end <= end]

    def speaker_group(self, span: Span) -> str | None:
        """The group of whoever says the words at ``span`` ("we" -> the speaker's group)."""
        claim = claim_for(self.claims, span)
        while claim is not None:
            if claim.claimant is not None:
                return self.group_of.get(claim.claimant)
            parent = claim.parent
            claim = next((c for c in self.claims if c.id == parent), None) if parent else None
        return None

    def np_span(self, tok: Any) -> tuple[int, int]:
        toks = [tok]
        stack = [tok]
        while stack:
            cur = stack.pop()
            for ch in cur.children:
                if ch.dep_ not in _NP_STOP_DEPS:
                    toks.append(ch)
                    stack.append(ch)
        start = min(t.idx for t in toks)
        end = max(t.idx + len(t.text) for t in toks)
        return start, end

    def token_actors(self, tok: Any) -> list[tuple[Span, str]]:
        """Actors named by the noun phrase headed by ``tok`` (not its conjuncts)."""
        if tok.lower_ in self.lex.first_person_plural:
            gid = self.speaker_group(Span.of(self.text, tok.idx, tok.idx + len(tok.text)))
            return [(Span.of(self.text, tok.idx, tok.idx + len(tok.text)), gid)] if gid else []
        start, end = self.np_span(tok)
        inside = [(s, g) for s, g in self.groups if s.start < end and start < s.end]
        if not inside:
            return []
        # the mention at the head wins over modifiers' mentions ("Assad's forces")
        head = [(s, g) for s, g in inside if s.start <= tok.idx < s.end]
        return head or inside[-1:]

    def conjuncts(self, tok: Any) -> list[Any]:
        out = [tok]
        stack = [tok]
        while stack:
            cur = stack.pop()
            for ch in cur.children:
                if ch.dep_ == "conj":
                    out.append(ch)
                    stack.append(ch)
        return out

    def phrase_actors(self, tok: Any) -> list[tuple[Span, str]]:
        """Actors named by ``tok`` and its conjuncts."""
        found: list[tuple[Span, str]] = []
        for t in self.conjuncts(tok):
            for item in self.token_actors(t):
                if item[1] not in {g for _, g in found}:
                    found.append(item)
        return found

    def agent_actors(self, verb: Any) -> list[tuple[Span, str]]:
        """The actors doing ``verb``: its subject, or what a relative pronoun refers to."""
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            cur = verb
            while cur.dep_ in ("xcomp", "conj", "advcl") and cur.head is not cur:
                cur = cur.head
                subj = next((c for c in cur.children if c.dep_ == "nsubj"), None)
                if subj is not None:
                    break
        if subj is None and verb.dep_ in ("relcl", "acl"):
            subj = verb.head
        if subj is None:
            return []
        if subj.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            subj = verb.head
        found = self.phrase_actors(subj)
        if not found and subj.dep_ == "dobj" and subj.head is not verb:
            # "Coalition forces conducted strikes coordinated with ...": the strikes' maker
            found = self.agent_actors(subj.head) if subj.head.pos_ == "VERB" else []
        cur = subj
        for _ in range(4):
            if found:
                break
            # "X is one of the factions who ...": climb to the copula's subject
            if cur.dep_ in ("pobj", "prep", "attr", "appos") and cur.head is not cur:
                cur = cur.head
                if cur.lemma_ == "be":
                    s = next((c for c in cur.children if c.dep_ == "nsubj"), None)
                    if s is not None:
                        found = self.phrase_actors(s)
                    break
                if cur.dep_ in ("nsubj",) or cur.pos_ in ("PROPN", "NOUN"):
                    found = self.token_actors(cur) if cur.dep_ != "prep" else []
            else:
                break
        return found
