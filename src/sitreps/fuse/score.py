"""How alike two event records are: one score in [0, 1] and the reasons behind it.

Four signals, each with a hard limit (a veto) and a graded part:

* event type: same ACLED sub-type > same type > a compatible pair (a battle is often also
  reported as shelling) > same PLOVER category; incompatible types never merge;
* date: the gap between the two date ranges, at most ``fusion_max_days``;
* place: great-circle distance at most ``fusion_max_km``, or the same admin unit when one of
  the two is located only to a region or province;
* actors: overlap of the actor sets (no overlap lowers the score; it does not veto, since one
  outlet says "insurgents" where another names the group).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from sitreps.settings import Settings

#: Event types that outlets often use for one incident.
COMPATIBLE_TYPES: frozenset[frozenset[str]] = frozenset(
    {
        frozenset({"Battles", "Explosions/Remote violence"}),
        frozenset({"Violence against civilians", "Explosions/Remote violence"}),
        frozenset({"Battles", "Violence against civilians"}),
        frozenset({"Protests", "Riots"}),
    }
)

#: Share of ``fusion_max_km`` within which two town-level geocodes may still be one incident.
PRECISE_SHARE = 0.2

WEIGHTS = {"type": 0.25, "date": 0.25, "place": 0.3, "actors": 0.2}


@dataclass(frozen=True, slots=True)
class EventFeature:
    """What fusion compares of one stored event."""

    uid: str
    seq: int
    report_id: str
    event_type: str | None
    sub_event_type: str | None
    plover: str
    actors: frozenset[str]
    place_id: str | None
    lat: float | None
    lon: float | None
    admin1: str | None
    geo_precision: int | None
    date_start: date | None
    date_end: date | None


@dataclass(frozen=True, slots=True)
class Match:
    """The similarity of two events; ``score`` is 0 when a hard limit is broken."""

    score: float
    reasons: tuple[str, ...]
    veto: str | None = None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


def _type_score(a: EventFeature, b: EventFeature) -> tuple[float, str] | None:
    if a.event_type and b.event_type:
        if a.event_type == b.event_type:
            if a.sub_event_type and a.sub_event_type == b.sub_event_type:
                return 1.0, f"same sub-event type ({a.sub_event_type})"
            return 0.8, f"same event type ({a.event_type})"
        if frozenset({a.event_type, b.event_type}) in COMPATIBLE_TYPES:
            return 0.5, f"compatible types ({a.event_type} / {b.event_type})"
        return None
    if a.plover == b.plover:
        return 0.7, f"same PLOVER category ({a.plover})"
    return None


def _day_gap(a: EventFeature, b: EventFeature) -> int | None:
    if a.date_start is None or b.date_start is None:
        return None
    a_end, b_end = a.date_end or a.date_start, b.date_end or b.date_start
    if a_end < b.date_start:
        return (b.date_start - a_end).days
    if b_end < a.date_start:
        return (a.date_start - b_end).days
    return 0


def _tolerance_km(a: EventFeature, b: EventFeature, max_km: float) -> float:
    """How far apart two geocodes of one incident may be: a town-level geocode (precision 1)
    is trusted to ``max_km * PRECISE_SHARE``; a geocode near or in a region to ``max_km``."""
    if max(a.geo_precision or 1, b.geo_precision or 1) >= 2:
        return max_km
    return max_km * PRECISE_SHARE


def _place_score(a: EventFeature, b: EventFeature, max_km: float) -> tuple[float, str] | None:
    if a.place_id and a.place_id == b.place_id:
        return 1.0, f"same place ({a.place_id})"
    vague = max(a.geo_precision or 1, b.geo_precision or 1) >= 3
    if None not in (a.lat, a.lon, b.lat, b.lon):
        km = haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
        limit = _tolerance_km(a, b, max_km)
        if km <= limit:
            return 1.0 - 0.8 * km / limit, f"places {km:.1f} km apart (limit {limit:.0f} km)"
        if vague and a.admin1 and a.admin1 == b.admin1:
            return 0.4, f"same admin unit ({a.admin1}), one place imprecise"
        return None
    if a.admin1 and a.admin1 == b.admin1:
        return 0.4, f"same admin unit ({a.admin1})"
    return 0.3, "place unknown for one report"


def compare(a: EventFeature, b: EventFeature, settings: Settings) -> Match:
    """Score how likely ``a`` and ``b`` describe one incident."""
    if a.report_id == b.report_id:
        return Match(0.0, (), "same report")
    typ = _type_score(a, b)
    if typ is None:
        return Match(
            0.0, (), f"incompatible types ({a.event_type or a.plover} / {b.event_type or b.plover})"
        )
    gap = _day_gap(a, b)
    if gap is not None and gap > settings.fusion_max_days:
        return Match(0.0, (), f"dates {gap} days apart")
    date_part = (
        (0.5, "date unknown for one report")
        if gap is None
        else (
            1.0 - gap / (settings.fusion_max_days + 1),
            "same date" if gap == 0 else f"dates {gap} day(s) apart",
        )
    )
    place = _place_score(a, b, settings.fusion_max_km)
    if place is None:
        return Match(0.0, (), "places too far apart for their precision")
    if a.actors and b.actors:
        shared = a.actors & b.actors
        overlap = len(shared) / len(a.actors | b.actors)
        actor_part = (
            (0.5 + 0.5 * overlap, "shared actors: " + ", ".join(sorted(shared)))
            if shared
            else (0.0, "no shared actor")
        )
    else:
        actor_part = (0.5, "actors unknown for one report")
    score = (
        WEIGHTS["type"] * typ[0]
        + WEIGHTS["date"] * date_part[0]
        + WEIGHTS["place"] * place[0]
        + WEIGHTS["actors"] * actor_part[0]
    )
    return Match(round(score, 4), (typ[1], date_part[1], place[1], actor_part[1]))


def compare_cluster(event: EventFeature, members: list[EventFeature], settings: Settings) -> Match:
    """An event against a cluster: best member score; every member must pass the hard limits."""
    best: Match | None = None
    for m in members:
        match = compare(event, m, settings)
        if match.veto is not None:
            return match
        if best is None or match.score > best.score:
            best = match
    return best if best is not None else Match(0.0, (), "empty cluster")
