"""The report's focus country: the country its places, demonyms and actors point to most.

Votes: a place name the gazetteer knows (any entity label: small NER models often tag places
as ORG or PERSON) votes for its country, more for provinces than for villages; a country name
or demonym votes once; a non-state actor with a country votes once, state forces half (they
often act abroad), external actors, outlets and persons not at all. Only countries of the
knowledge base's country table count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from sitreps.actors.candidates import Candidate
from sitreps.actors.kb import KnowledgeBase

_W_COUNTRY_NAME = 0.9  # below a big city: "the US dollar" in a Beirut report
_W_FEATURE = {"country": 2.0, "admin1": 2.0, "admin2": 1.5, "region": 1.5}
_ACTOR_WEIGHT = {"state": 0.5, "external": 0.0, "person": 0.0, "outlet": 0.0}
_SKIP_LABELS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "ACTOR", "LAW"}
)
_OF_PLACE_RE = re.compile(
    r"\b(?:governorate|province|countryside|district|sub-district|region|outskirts|suburbs)"
    r"\s+of\s+((?:[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’-]*|al|el|ez|as|ar|ad|ash)){0,3})"
)
_PAREN_RE = re.compile(r"\(([^()]{2,80})\)")
_PLACE_NOUN_RE = re.compile(
    r"\b((?:[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’-]*|al|el|ez|es|as|ar|ad|ash|an|at|az|ed|bani|abu)){0,4})"
    r"\s+(?:governorate|province|countryside|district|sub-district|region|city|town|village"
    r"|camp|neighbou?rhood|county|municipality)\b"
)


def gazetteer() -> Any | None:
    """The geo stage's gazetteer when it is installed (used for country votes only)."""
    try:
        from sitreps.geo.gazetteer import get_gazetteer
    except ImportError:  # the geo stage is optional for the actor stage
        return None
    try:
        return get_gazetteer()
    except Exception:
        return None


def _city_weight(population: int) -> float:
    if population >= 500000:
        return 1.5
    if population >= 50000:
        return 1.0
    if population >= 5000:
        return 0.5
    return 0.3


def place_vote(
    gaz: Any, name: str, known: frozenset[str], prior: dict[str, float] | None = None
) -> tuple[str, float] | None:
    """(ISO3, weight) of the best gazetteer match for ``name`` in a known country; among
    matches in several countries, one the report already points to is preferred."""
    try:
        # the 8 most important places of that exact (folded) name: what ``search`` ranks
        # first, without fetching the consonant-skeleton matches it would rank after them
        recs = gaz.lookup(name, skeleton_fallback=False)
    except Exception:  # a failing look-up only weakens the context
        return None
    recs.sort(key=lambda r: (-r.importance, r.id))
    recs = [r for r in recs[:8] if r.match == "name" and r.country in known]
    if not recs:
        return None
    if prior:
        recs.sort(key=lambda r: -prior.get(r.country, 0.0))
    rec = recs[0]
    return str(rec.country), _W_FEATURE.get(rec.feature) or _city_weight(rec.population or 0)


def focus_country(
    doc: Any,
    cands: Sequence[Candidate],
    kb: KnowledgeBase,
    on: date | None,
    text: str | None = None,
) -> str | None:
    """The most-voted ISO3 country of the report, or None when nothing points anywhere.

    ``text`` is the doc's text when the caller has it (``ParsedReport.doc_text``).
    """
    votes: dict[str, float] = {}
    known = frozenset(kb.countries)

    def vote(iso: str, weight: float) -> None:
        votes[iso] = votes.get(iso, 0.0) + weight

    actor_spans: list[tuple[int, int]] = []
    seen_actors: set[str] = set()
    for c in cands:
        if c.label in ("GPE", "NORP"):
            iso = kb.country_of_name(c.text)
            if iso:
                vote(iso, _W_COUNTRY_NAME)
                continue
        if c.label in ("ACTOR", "ORG", "NP"):
            res = kb.resolve(c.text, None, on)
            if res is None:
                continue
            rec = kb.get(res.actor_id)
            actor_spans.append((c.start, c.end))
            if rec.country and rec.id not in seen_actors:
                seen_actors.add(rec.id)
                vote(rec.country, _ACTOR_WEIGHT.get(rec.kind, 1.0))
    gaz = gazetteer()
    if gaz is not None:
        names = [
            e.text
            for e in getattr(doc, "ents", ())
            if e.label_ not in _SKIP_LABELS
            and not kb.country_of_name(e.text)
            and not any(s < e.end_char and e.start_char < t for s, t in actor_spans)
        ]
        if text is None:
            text = str(getattr(doc, "text", ""))
        for m in _PAREN_RE.finditer(text):
            names.extend(p.strip() for p in m.group(1).split(","))
        names = [part.strip() for n in names for part in (n, *n.split(" - "))]
        names.extend(m.group(1) for m in _PLACE_NOUN_RE.finditer(text))
        names.extend(m.group(1) for m in _OF_PLACE_RE.finditer(text))
        prior = dict(votes)
        for name in dict.fromkeys(n for n in names if n and n[0].isupper()):
            found = place_vote(gaz, name, known, prior)
            if found:
                vote(*found)
    if not votes:
        return None
    return max(votes.items(), key=lambda kv: kv[1])[0]
