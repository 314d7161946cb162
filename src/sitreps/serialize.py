"""Extraction values to the public JSON contract (see ``data/schema/extraction.schema.json``)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from sitreps.models import (
    Actor,
    Claim,
    Event,
    Extraction,
    Place,
    Quantity,
    Relation,
    Span,
    Stance,
    Turn,
)

SCHEMA_PATH = Path(__file__).parent / "data" / "schema" / "extraction.schema.json"
CONTRACT_VERSION = "1.0"


def span(s: Span | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {"start": s.start, "end": s.end, "text": s.text}


def _spans(spans: tuple[Span, ...]) -> list[dict[str, Any]]:
    return [{"start": s.start, "end": s.end, "text": s.text} for s in spans]


def _date(d: date | None) -> str | None:
    return d.isoformat() if d else None


def actor(a: Actor) -> dict[str, Any]:
    return {
        "id": a.id,
        "name": a.name,
        "kind": a.kind,
        "inter": a.inter,
        "country": a.country,
        "acled_name": a.acled_name,
        "provisional": a.provisional,
        "role": a.role,
        "mentions": _spans(a.mentions),
    }


def place(p: Place) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "lat": p.lat,
        "lon": p.lon,
        "country": p.country,
        "admin1": p.admin1,
        "admin2": p.admin2,
        "feature": p.feature,
        "geo_precision": p.geo_precision,
        "source": p.source,
        "mentions": _spans(p.mentions),
    }


def quantity(q: Quantity) -> dict[str, Any]:
    return {
        "kind": q.kind,
        "value": q.value,
        "low": q.low,
        "high": q.high,
        "qualifier": q.qualifier,
        "object": q.object,
        "side": q.side,
        "claim": q.claim,
        "span": span(q.span),
    }


def event(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "event_type": e.event_type,
        "sub_event_type": e.sub_event_type,
        "plover": e.plover,
        "plover_mode": e.plover_mode,
        "actor1": e.actor1,
        "assoc_actor1": list(e.assoc_actor1),
        "actor2": e.actor2,
        "assoc_actor2": list(e.assoc_actor2),
        "place": e.place,
        "geo_precision": e.geo_precision,
        "location_reason": e.location_reason,
        "date_start": _date(e.date_start),
        "date_end": _date(e.date_end),
        "time_precision": e.time_precision,
        "date_reason": e.date_reason,
        "fatalities": (
            None
            if e.fatalities is None
            else {"best": e.fatalities.best, "low": e.fatalities.low, "high": e.fatalities.high}
        ),
        "quantities": [quantity(q) for q in e.quantities],
        "modality": e.modality,
        "claim": e.claim,
        "trigger": span(e.trigger),
        "confidence": round(e.confidence, 4),
        "evidence": _spans(e.evidence),
    }


def claim(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "claimant": c.claimant,
        "claimant_role": c.claimant_role,
        "outlet": c.outlet,
        "kind": c.kind,
        "parent": c.parent,
        "source": span(c.source),
        "cue": span(c.cue),
        "content": span(c.content),
        "partisan": c.partisan,
    }


def relation(r: Relation) -> dict[str, Any]:
    return {
        "source": r.source,
        "target": r.target,
        "kind": r.kind,
        "modality": r.modality,
        "claim": r.claim,
        "evidence": _spans(r.evidence),
    }


def stance(s: Stance) -> dict[str, Any]:
    return {
        "holder": s.holder,
        "target": s.target,
        "polarity": s.polarity,
        "claim": s.claim,
        "evidence": _spans(s.evidence),
    }


def turn(t: Turn) -> dict[str, Any]:
    return {"speaker": t.speaker, "label": span(t.label), "content": span(t.content)}


def to_dict(ex: Extraction) -> dict[str, Any]:
    """The contract object for one report."""
    r = ex.report
    return {
        "contract": CONTRACT_VERSION,
        "report": {
            "id": r.id,
            "source_id": r.source_id,
            "title": r.title,
            "outlet": r.outlet,
            "published": _date(r.published),
            "url": r.url,
            "language": r.language,
            "origin": r.origin,
        },
        "actors": [actor(a) for a in ex.actors],
        "places": [place(p) for p in ex.places],
        "events": [event(e) for e in ex.events],
        "claims": [claim(c) for c in ex.claims],
        "relations": [relation(x) for x in ex.relations],
        "stances": [stance(x) for x in ex.stances],
        "turns": [turn(t) for t in ex.turns],
    }


def to_json(ex: Extraction) -> str:
    """One line of JSON (the ``--format json`` output for one report)."""
    return json.dumps(to_dict(ex), ensure_ascii=False, sort_keys=False)


def load_schema() -> dict[str, Any]:
    with SCHEMA_PATH.open(encoding="utf-8") as fh:
        schema: dict[str, Any] = json.load(fh)
    return schema
