"""The report's focus country: the country its places, demonyms and actors point to most."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sitreps.actors.candidates import Candidate
from sitreps.actors.kb import KnowledgeBase

#: vote weights: where things happen counts more than who is named
_W_COUNTRY = 1.0
_W_PLACE = 1.5
_W_ACTOR = 1.0
_PLACE_FEATURES = frozenset({"country", "admin1", "admin2", "region"})


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


def _place_country(gaz: Any, name: str, ruler_id: str) -> str | None:
    try:
        if ruler_id:
            rec = gaz.get(ruler_id)
            return str(rec.country) if rec.country else None
        recs = gaz.search(name, limit=3)
    except Exception:
        return None
    recs = [r for r in recs if r.match == "name"]
    if not recs:
        return None
    best = recs[0]
    if best.feature in _PLACE_FEATURES or best.population >= 20000:
        return str(best.country) if best.country else None
    return None


def focus_country(
    doc: Any, cands: Sequence[Candidate], kb: KnowledgeBase, on: date | None
) -> str | None:
    """The most-voted ISO3 country of the report, or None when nothing points anywhere."""
    votes: dict[str, float] = {}
    gaz = None
    for c in cands:
        if c.label in ("GPE", "NORP"):
            iso = kb.country_of_name(c.text)
            if iso:
                votes[iso] = votes.get(iso, 0.0) + _W_COUNTRY
                continue
        if c.label == "GPE":
            gaz = gaz or gazetteer()
            iso = _place_country(gaz, c.text, "") if gaz is not None else None
            if iso:
                votes[iso] = votes.get(iso, 0.0) + _W_PLACE
            continue
        if c.label in ("ACTOR", "ORG", "NP"):
            res = kb.resolve(c.text, None, on)
            if res is None:
                continue
            rec = kb.get(res.actor_id)
            if rec.country and rec.kind not in ("person", "outlet"):
                votes[rec.country] = votes.get(rec.country, 0.0) + _W_ACTOR
    for ent in getattr(doc, "ents", ()):
        if ent.label_ in ("PLACE", "LOC", "FAC"):
            gaz = gaz or gazetteer()
            if gaz is None:
                break
            iso = _place_country(gaz, ent.text, ent.ent_id_ if ent.label_ == "PLACE" else "")
            if iso:
                votes[iso] = votes.get(iso, 0.0) + _W_PLACE
    if not votes:
        return None
    return max(votes.items(), key=lambda kv: kv[1])[0]
