"""ACLED coding conventions applied to resolved mentions.

ACLED's primary actor for people who are not armed is always a generic one: "Protesters
(<country>)" for a demonstration, "Rioters (<country>)" for a violent one, "Civilians
(<country>)" for victims. The social group itself (teachers, health workers, women, a union,
refugees) is an *associated* actor. So a mention of a social group resolves to the generic
primary actor, and the group is kept as a second actor of the report (``Hit.also``):

* subject of a protest verb ("health workers staged a demonstration") -> protesters, or
  rioters when the sentence tells of violence (stones, Molotov cocktails, burning tyres);
* anywhere else ("killed 2 women", "detained IDPs") -> civilians;
* Israeli settlers in a sentence of stone-throwing and the like -> "Rioters (Israel)";
* a protest with no named protesters ("a demonstration was staged") -> protesters on the cue;
* "X which operates under Y" -> the mention of X is coded as Y.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from typing import Any

from sitreps.actors.candidates import PROTEST_STEMS as _PROTEST_STEMS
from sitreps.actors.candidates import Candidate, Hit
from sitreps.actors.kb import KnowledgeBase

_PROTEST_RE = re.compile(
    r"\b(?:[Pp]rotest(?:s|ed|ing|ers?)?|[Dd]emonstrat(?:ion|ions|ed|ing|ors?|e|es)|[Ss]it-ins?"
    r"|[Rr]all(?:y|ied|ies)|march(?:ed|es)?|[Pp]icket(?:s|ed)?|vigil|on strike|general strike)\b"
)
_RIOT_RE = re.compile(
    r"\b(?:stones?|rocks|Molotov|burning (?:tyres|tires)|tyres|tires|set fire|set on fire|torched"
    r"|vandali[sz]\w*|smash\w*|rioters?|riot(?:s|ed|ing)?|mob|fistfights?|physical(?:ly)?"
    r"|hurl\w*|brawl\w*|scuffle\w*|clashes erupted between)\b",
    re.I,
)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_UNDER_RE = re.compile(
    r"^\s*(?:fighters|members|factions)?\s*,?\s*(?:which|who|that)?\s*"
    r"(?:operat\w+|fight\w*|act\w*)\s+under\s+(?:the\s+)?$",
    re.I,
)
_UNIT_OF_RE = re.compile(r"^\s*(?:\([^()]{1,40}\)\s*)?of\s+(?:the\s+)?$")
#: id suffixes of the per-country social groups (always associated actors in ACLED)
_SOCIAL_SUFFIXES = (
    ".labour-group",
    ".teachers",
    ".students",
    ".women",
    ".journalists",
    ".farmers",
    ".fishermen",
    ".refugees",
    ".health-workers",
    ".lawyers",
    ".prisoners",
)


def _social(actor_id: str) -> bool:
    return actor_id.endswith(_SOCIAL_SUFFIXES) or actor_id in ("intl.refugees",)


def _civil_org(actor_id: str, kb: KnowledgeBase) -> bool:
    """A named union, association or party (kind civilians) or an ethnic group."""
    rec = kb.get(actor_id)
    return (rec.kind == "civilians" and not rec.context_aliases) or actor_id.endswith(
        "-ethnic-group"
    )


def _generic(kind: str, iso: str | None, kb: KnowledgeBase) -> str | None:
    if iso is None:
        return "intl.civilians" if kind == "civilians" else None
    actor_id = f"{iso.lower()}.{kind}"
    return actor_id if actor_id in kb else None


def _protest_subject(c: Candidate) -> bool:
    words = c.head_lemma.split("|")
    return c.dep in _SUBJECT_DEPS and any(w.startswith(_PROTEST_STEMS) for w in words)


def apply_conventions(
    parsed: Any, cands: list[Candidate], hits: list[Hit], kb: KnowledgeBase, country: str | None
) -> list[Hit]:
    """The hits recoded by ACLED's conventions (reasons say what was recoded)."""
    protest = {i for i, s in enumerate(parsed.sentences) if _PROTEST_RE.search(s.text)}
    riot = {i for i, s in enumerate(parsed.sentences) if _RIOT_RE.search(s.text)}
    out: list[Hit] = []
    covered: set[int] = set()  # sentences that have protesters or rioters
    protesting: dict[str, str] = {}  # social group -> the protesters it was coded as
    for h in hits:
        sent = parsed.sentence_index(h.cand.start)
        h = _recode(h, sent in protest, sent in riot, kb, country, parsed.report.published)
        if h.actor_id and h.actor_id.endswith((".protesters", ".rioters")):
            covered.add(sent)
            if h.also:
                protesting[h.also] = h.actor_id
        out.append(h)
    # the same group named again in the report: still the protesters
    out = [
        replace(h, actor_id=protesting[h.also], reason=f"{h.reason}; same group protesting")
        if h.also in protesting and h.actor_id != protesting[h.also]
        else h
        for h in out
    ]
    out = _operates_under(parsed.report.text, out)
    target_kind = "protesters"
    resolved = {(h.cand.start, h.cand.end) for h in out}
    for c in cands:  # unresolved people-like subjects of protest verbs
        sent = parsed.sentence_index(c.start)
        if (
            c.label == "NP"
            and sent in protest
            and sent not in covered
            and (c.start, c.end) not in resolved
            and _protest_subject(c)
        ):
            kind = "rioters" if sent in riot else target_kind
            target = _generic(kind, country, kb)
            if target:
                out.append(Hit(c, target, 0.6, f"subject of a protest -> {kind}"))
                covered.add(sent)
    for sent in sorted(protest - covered):
        span = parsed.sentences[sent]
        m = _PROTEST_RE.search(span.text)
        kind = "rioters" if sent in riot else target_kind
        target = _generic(kind, country, kb)
        if m is None or target is None:
            continue
        start = span.start + m.start()
        cue = Candidate(start, start + len(m.group(0)), m.group(0), "PROTEST")
        out.append(Hit(cue, target, 0.5, f"protest with no named protesters -> {kind}"))
    return out


def _recode(
    h: Hit, protest: bool, riot: bool, kb: KnowledgeBase, country: str | None, on: Any = None
) -> Hit:
    if not h.actor_id or h.person or h.provisional:
        return h
    rec = kb.get(h.actor_id)
    iso = rec.country or country
    c = h.cand
    civilians = rec.id.endswith(".civilians")
    if protest and _protest_subject(c) and (_social(rec.id) or civilians or _civil_org(rec.id, kb)):
        kind = "rioters" if riot else "protesters"
        target = _generic(kind, iso, kb)
        if target:
            return replace(
                h,
                actor_id=target,
                score=round(h.score * 0.9, 3),
                reason=f"{h.reason}; protesting {rec.name} -> {kind}",
                also="" if civilians else rec.id,
            )
    if rec.id.endswith(".protesters") and riot:
        target = _generic("rioters", iso, kb)
        if target:
            return replace(h, actor_id=target, reason=f"{h.reason}; violent protest -> rioters")
    if rec.kind == "state" and country:
        coalition = _coalition(rec.id, country, kb, on)
        if coalition:
            name = kb.get(coalition).name
            return replace(h, actor_id=coalition, also=rec.id, reason=f"{h.reason}; in {name}")
    if rec.id == "isr.settlers" and _target_position(c):
        return replace(
            h, actor_id="isr.civilians", also=rec.id, reason=f"{h.reason}; settlers as targets"
        )
    if rec.id == "isr.settlers" and riot:
        return replace(
            h,
            actor_id="isr.rioters",
            also=rec.id,
            reason=f"{h.reason}; settlers rioting -> rioters",
        )
    if _social(rec.id):
        target = _generic("civilians", None if rec.id.startswith("intl.") else iso, kb)
        if target:
            return replace(
                h, actor_id=target, also=rec.id, reason=f"{h.reason}; {rec.name} -> civilians"
            )
    return h


def _target_position(c: Candidate) -> bool:
    """The mention is what is acted upon: object, possessor of an object, "at/against X"."""
    head = c.head_lemma.split("|")[-1]
    return c.dep in ("dobj", "poss") or (
        c.dep == "pobj" and head in ("at", "against", "on", "towards", "toward", "targeting")
    )


def _coalition(actor_id: str, country: str, kb: KnowledgeBase, on: Any) -> str | None:
    """The external coalition the state's forces are part of in ``country`` on ``on`` (ACLED
    codes US forces in Syria and Iraq as the Global Coalition Against Daesh)."""
    for parent in kb.parents(actor_id, on):
        rec = kb.get(parent)
        if rec.kind == "external" and country in rec.context_countries and rec.is_active(on):
            return parent
    return None


def _operates_under(text: str, hits: list[Hit]) -> list[Hit]:
    """ "JWS which operates under OPS": the first mention is coded as the second actor."""
    ordered = sorted(hits, key=lambda h: h.cand.start)
    recoded: dict[int, Hit] = {}
    for a, b in itertools.pairwise(ordered):
        if not (a.actor_id and b.actor_id) or a.person or b.person or b.provisional:
            continue
        between = text[a.cand.end : b.cand.start]
        if len(between) <= 40 and _UNDER_RE.match(between):
            recoded[id(a)] = replace(
                a,
                actor_id=b.actor_id,
                also=a.actor_id,
                reason=f"{a.reason}; operates under {b.cand.text}",
            )
    for a, b in itertools.pairwise(ordered):  # "the 13th Brigade (Liwa al-Tafuf) of the PMF"
        if not (a.provisional and b.actor_id) or b.provisional or b.person or a.person:
            continue
        between = text[a.cand.end : b.cand.start]
        if len(between) <= 40 and _UNIT_OF_RE.match(between):
            recoded[id(a)] = replace(
                a,
                actor_id=b.actor_id,
                also=a.actor_id or "",
                provisional="",
                reason=f"{a.reason}; unit of {b.cand.text}",
            )
    return [recoded.get(id(h), h) for h in hits]
