"""ACLED-style CSV rows from extracted events.

Columns are ACLED's export columns (in ACLED's order) followed by sitreps' own:
``source_id`` (the input's id), ``report_id``, ``event_id`` (sitreps' event id), ``modality``,
``claimant``, ``partisan`` and ``evidence`` (the evidence sentences, `` | ``-joined).
Values sitreps does not know stay empty (never invented): e.g. ``fatalities`` is empty when the
text gives no death count.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TextIO

from sitreps.models import Actor, Event, Extraction, Place

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
EXTRA_COLUMNS: tuple[str, ...] = (
    "source_id", "report_id", "event_id", "modality", "claimant", "partisan", "evidence",
)  # fmt: skip
COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS

_DATA = Path(__file__).resolve().parent.parent / "data" / "acled"

#: ACLED's disorder type by event type / sub-event type (ACLED event categories table).
_DEMONSTRATION_SUBTYPES = {
    "Peaceful protest",
    "Protest with intervention",
    "Excessive force against protesters",
    "Violent demonstration",
}
_POLITICAL_VIOLENCE_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


@lru_cache(maxsize=1)
def countries() -> dict[str, tuple[int, str, str]]:
    """ISO3 -> (ISO numeric, ACLED country name, ACLED region)."""
    out: dict[str, tuple[int, str, str]] = {}
    with (_DATA / "countries.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out[row["iso3"]] = (int(row["iso_numeric"]), row["acled_name"], row["acled_region"])
    return out


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str:
    if event_type is None:
        return ""
    pv = event_type in _POLITICAL_VIOLENCE_TYPES or sub_event_type in {
        "Excessive force against protesters",
        "Mob violence",
    }
    demo = sub_event_type in _DEMONSTRATION_SUBTYPES
    if pv and demo:
        return "Political violence; Demonstrations"
    if demo:
        return "Demonstrations"
    if pv:
        return "Political violence"
    return "Strategic developments"


def interaction(inter1: int | None, inter2: int | None) -> str:
    if inter1 is None:
        return ""
    if inter2 is None or inter2 == 0:
        return str(inter1 * 10)
    low, high = sorted((inter1, inter2))
    return f"{low}{high}"


def _fmt(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def event_row(ex: Extraction, ev: Event) -> dict[str, str]:
    actors: dict[str, Actor] = {a.id: a for a in ex.actors}
    places: dict[str, Place] = {p.id: p for p in ex.places}
    claims = {c.id: c for c in ex.claims}
    a1 = actors.get(ev.actor1 or "")
    a2 = actors.get(ev.actor2 or "")
    place = places.get(ev.place or "")
    country = countries().get(place.country or "") if place else None
    claim = claims.get(ev.claim or "")
    claimant = ""
    if claim is not None:
        who = actors.get(claim.claimant or "")
        claimant = who.name if who else (claim.claimant or claim.outlet or "")

    def names(ids: tuple[str, ...]) -> str:
        return "; ".join(actors[i].acled_name for i in ids if i in actors)

    inter1 = a1.inter if a1 else None
    inter2 = a2.inter if a2 else None
    row = {
        "event_id_cnty": "",
        "event_date": ev.date_start.isoformat() if ev.date_start else "",
        "year": str(ev.date_start.year) if ev.date_start else "",
        "time_precision": _fmt(ev.time_precision),
        "disorder_type": disorder_type(ev.event_type, ev.sub_event_type),
        "event_type": ev.event_type or "",
        "sub_event_type": ev.sub_event_type or "",
        "actor1": a1.acled_name if a1 else "",
        "assoc_actor_1": names(ev.assoc_actor1),
        "inter1": _fmt(inter1),
        "actor2": a2.acled_name if a2 else "",
        "assoc_actor_2": names(ev.assoc_actor2),
        "inter2": _fmt(inter2),
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if inter2 == 7 else "",
        "iso": str(country[0]) if country else "",
        "region": country[2] if country else "",
        "country": country[1] if country else "",
        "admin1": (place.admin1 or "") if place else "",
        "admin2": (place.admin2 or "") if place else "",
        "admin3": "",
        "location": place.name if place else "",
        "latitude": _fmt(place.lat) if place else "",
        "longitude": _fmt(place.lon) if place else "",
        "geo_precision": _fmt(ev.geo_precision),
        "source": ex.report.outlet or "",
        "source_scale": "",
        "notes": " ".join(s.text for s in ev.evidence),
        "fatalities": _fmt(ev.fatalities.best) if ev.fatalities else "",
        "tags": "",
        "timestamp": "",
        "source_id": ex.report.source_id or "",
        "report_id": ex.report.id,
        "event_id": ev.id,
        "modality": ev.modality,
        "claimant": claimant,
        "partisan": ("true" if claim.partisan else "false") if claim else "",
        "evidence": " | ".join(f"{s.start}-{s.end}" for s in ev.evidence),
    }
    return row


def acled_rows(ex: Extraction) -> list[dict[str, str]]:
    """One ACLED-style row per event of one report."""
    return [event_row(ex, ev) for ev in ex.events]


def write_acled(rows: Iterable[dict[str, str]], out: TextIO, *, header: bool = True) -> int:
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    if header:
        writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n
