"""Hand-made extractions for the store, fusion and export tests (no NLP involved)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from sitreps.models import (
    Actor,
    Claim,
    Event,
    Extraction,
    Fatalities,
    Place,
    Relation,
    Report,
    Span,
)

ACTORS = {
    "SYR-GOV": Actor(
        "SYR-GOV", "Military Forces of Syria", "state", 1, "SYR", "Military Forces of Syria (2000-)"
    ),
    "FSA": Actor("FSA", "Free Syrian Army", "rebel", 2, "SYR", "FSA: Free Syrian Army"),
    "SDF": Actor(
        "SDF", "Syrian Democratic Forces", "rebel", 2, "SYR", "SDF: Syrian Democratic Forces"
    ),
    "RUS": Actor(
        "RUS",
        "Military Forces of Russia",
        "external",
        8,
        "RUS",
        "Military Forces of Russia (2000-)",
    ),
    "ISIS": Actor("ISIS", "Islamic State", "rebel", 2, "SYR", "Islamic State (Syria)"),
    "CIV": Actor("CIV", "Civilians", "civilians", 7, "SYR", "Civilians (Syria)"),
}

PLACES = {
    "aleppo": Place("aleppo", "Aleppo", 36.2021, 37.1343, "SYR", "Aleppo", "Jabal Saman", "city"),
    "anadan": Place(
        "anadan", "Anadan", 36.2936, 37.0425, "SYR", "Aleppo", "Jabal Saman", "village"
    ),
    "idlib": Place("idlib", "Idlib", 35.9306, 36.6339, "SYR", "Idlib", "Idlib", "city"),
    "deir": Place(
        "deir", "Deir ez-Zor", 35.3359, 40.1408, "SYR", "Deir ez-Zor", "Deir ez-Zor", "city"
    ),
    "homs-prov": Place(
        "homs-prov", "Homs Governorate", 34.5, 38.2, "SYR", "Homs", None, "admin1", geo_precision=3
    ),
    "palmyra": Place("palmyra", "Palmyra", 34.5503, 38.2691, "SYR", "Homs", "Tadmur", "city"),
}


@dataclass(frozen=True)
class Ev:
    """A compact description of one event for building test extractions."""

    etype: str = "Battles"
    sub: str = "Armed clash"
    a1: str | None = "SYR-GOV"
    a2: str | None = "FSA"
    place: str | None = "aleppo"
    day: date | None = date(2017, 8, 1)
    killed: int | None = None
    low: int | None = None
    high: int | None = None
    partisan: bool = False
    modality: str = "asserted"
    plover: str = "FIGHT"
    precision: int | None = None  # geo precision; default: the place's


def make_extraction(
    text: str,
    events: list[Ev],
    *,
    outlet: str | None = "Outlet A",
    published: date | None = date(2017, 8, 2),
    relations: tuple[tuple[str, str, str], ...] = (),
    provisional: tuple[str, ...] = (),
) -> Extraction:
    rid = "r" + hashlib.sha1(text.encode()).hexdigest()[:16]
    report = Report(id=rid, text=text, outlet=outlet, published=published, origin=f"{rid}.txt")
    whole = Span.of(text, 0, len(text))
    actor_ids = {a for e in events for a in (e.a1, e.a2) if a} | {
        x for r in relations for x in r[:2]
    }
    actors = [ACTORS[a] for a in sorted(actor_ids) if a in ACTORS]
    actors += [
        Actor(p, p.replace("-", " "), "unknown", None, None, p, (whole,), provisional=True)
        for p in provisional
    ]
    place_ids = sorted({e.place for e in events if e.place})
    claims = []
    evs = []
    for i, e in enumerate(events):
        claim_id = f"c{i}"
        claims.append(Claim(claim_id, e.a1, None, outlet, None, whole, e.partisan))
        fat = (
            Fatalities(
                e.killed,
                e.low if e.low is not None else e.killed,
                e.high if e.high is not None else e.killed,
            )
            if e.killed is not None
            else None
        )
        evs.append(
            Event(
                id=f"e{i}",
                event_type=e.etype,
                sub_event_type=e.sub,
                plover=e.plover,
                plover_mode=None,
                actor1=e.a1,
                assoc_actor1=(),
                actor2=e.a2,
                assoc_actor2=(),
                place=e.place,
                geo_precision=(e.precision or PLACES[e.place].geo_precision) if e.place else None,
                date_start=e.day,
                date_end=e.day,
                time_precision=1 if e.day else None,
                fatalities=fat,
                quantities=(),
                modality=e.modality,
                claim=claim_id,
                evidence=(whole,),
                confidence=0.9,
            )
        )
    rels = tuple(Relation(s, tgt, k, (whole,)) for s, tgt, k in relations)
    return Extraction(
        report=report,
        actors=tuple(actors),
        places=tuple(PLACES[p] for p in place_ids),
        events=tuple(evs),
        claims=tuple(claims),
        relations=rels,
        sentences=(whole,),
    )
