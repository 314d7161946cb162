"""Exports of fused events: ACLED CSV, PLOVER JSON, GeoJSON; GraphML of the actor graph.

One row / record / feature per fused event (cluster). Non-asserted clusters (denials, threats,
questions) are left out unless the filter asks for them. Values sitreps does not know stay
empty; fatalities follow ACLED's conservative rule (lowest reported figure) in the ``fatalities``
column, with UCDP-style low / best / high beside it.
"""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from sitreps.export.acled import ACLED_COLUMNS, countries, disorder_type, interaction
from sitreps.export.fused import FusedEvent, FusedSet

FUSED_EXTRA_COLUMNS: tuple[str, ...] = (
    "cluster_id", "n_reports", "n_outlets", "n_partisan", "n_independent", "fatalities_low",
    "fatalities_best", "fatalities_high", "modality", "source_ids", "report_events", "evidence",
)  # fmt: skip
FUSED_ACLED_COLUMNS = ACLED_COLUMNS + FUSED_EXTRA_COLUMNS


def _s(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def _evidence(fe: FusedEvent) -> str:
    return " | ".join(" ".join(s.text for s in m.evidence) for m in fe.members)


def acled_row(fe: FusedEvent, fs: FusedSet) -> dict[str, str]:
    c = fe.cluster
    a1 = fs.actors.get(c.actor1 or "")
    a2 = fs.actors.get(c.actor2 or "")
    place = fs.places.get(c.place_id or "")
    country = countries().get(c.country or "") if c.country else None
    assoc1 = dict.fromkeys(a for m in fe.members for a in m.assoc_actor1 if a != c.actor1)
    assoc2 = dict.fromkeys(a for m in fe.members for a in m.assoc_actor2 if a != c.actor2)

    def names(ids: dict[str, None]) -> str:
        return "; ".join(fs.actors[i].acled_name for i in ids if i in fs.actors)

    inter1 = a1.inter if a1 else None
    inter2 = a2.inter if a2 else None
    precisions = [m.geo_precision for m in fe.members if m.geo_precision is not None]
    return {
        "event_id_cnty": c.id,
        "event_date": c.date_start.isoformat() if c.date_start else "",
        "year": str(c.date_start.year) if c.date_start else "",
        "time_precision": "1"
        if c.date_start and c.date_start == c.date_end
        else ("2" if c.date_start else ""),
        "disorder_type": disorder_type(c.event_type, c.sub_event_type),
        "event_type": c.event_type or "",
        "sub_event_type": c.sub_event_type or "",
        "actor1": a1.acled_name if a1 else "",
        "assoc_actor_1": names(assoc1),
        "inter1": _s(inter1),
        "actor2": a2.acled_name if a2 else "",
        "assoc_actor_2": names(assoc2),
        "inter2": _s(inter2),
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if inter2 == 7 else "",
        "iso": str(country[0]) if country else "",
        "region": country[2] if country else "",
        "country": country[1] if country else "",
        "admin1": c.admin1 or "",
        "admin2": (place.admin2 or "") if place else "",
        "admin3": "",
        "location": place.name if place else "",
        "latitude": _s(c.lat),
        "longitude": _s(c.lon),
        "geo_precision": _s(min(precisions) if precisions else None),
        "source": "; ".join(fe.outlets),
        "source_scale": "",
        "notes": _evidence(fe),
        "fatalities": _s(c.fatalities),
        "tags": "",
        "timestamp": "",
        "cluster_id": c.id,
        "n_reports": str(c.n_reports),
        "n_outlets": str(c.n_outlets),
        "n_partisan": str(c.n_partisan),
        "n_independent": str(c.n_independent),
        "fatalities_low": _s(c.fat_low),
        "fatalities_best": _s(c.fat_best),
        "fatalities_high": _s(c.fat_high),
        "modality": c.modality,
        "source_ids": "; ".join(fe.source_ids),
        "report_events": "; ".join(m.uid for m in fe.members),
        "evidence": " | ".join(
            f"{m.uid}:{s.start}-{s.end}" for m in fe.members for s in m.evidence
        ),
    }


def write_acled(fs: FusedSet, out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=list(FUSED_ACLED_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for fe in fs.events:
        writer.writerow(acled_row(fe, fs))
    return len(fs.events)


def _actor_obj(fs: FusedSet, actor_id: str | None) -> dict[str, Any] | None:
    if not actor_id:
        return None
    a = fs.actors.get(actor_id)
    if a is None:
        return {"id": actor_id}
    return {
        "id": a.id,
        "name": a.name,
        "kind": a.kind,
        "country": a.country,
        "provisional": a.provisional,
    }


def plover_record(fe: FusedEvent, fs: FusedSet) -> dict[str, Any]:
    """A PLOVER-style event record (event type, mode, actors, location, sources)."""
    c = fe.cluster
    place = fs.places.get(c.place_id or "")
    modes = [m for m in dict.fromkeys(x.plover_mode for x in fe.members) if m]
    return {
        "id": c.id,
        "date": c.date_start.isoformat() if c.date_start else None,
        "date_end": c.date_end.isoformat() if c.date_end else None,
        "event": c.plover,
        "mode": modes[0] if modes else None,
        "context": [x for x in (c.event_type, c.sub_event_type) if x],
        "actor1": _actor_obj(fs, c.actor1),
        "actor2": _actor_obj(fs, c.actor2),
        "location": {
            "name": place.name if place else None,
            "lat": c.lat,
            "lon": c.lon,
            "admin1": c.admin1,
            "country": c.country,
        },
        "fatalities": {
            "acled": c.fatalities,
            "low": c.fat_low,
            "best": c.fat_best,
            "high": c.fat_high,
        },
        "modality": c.modality,
        "corroboration": {
            "reports": c.n_reports,
            "outlets": c.n_outlets,
            "partisan": c.n_partisan,
            "independent": c.n_independent,
        },
        "sources": list(fe.source_ids),
        "reports": [
            {
                "event": m.uid,
                "outlet": m.outlet,
                "partisan": m.partisan,
                "modality": m.modality,
                "merge_reason": m.merge_reason,
                "evidence": [{"start": s.start, "end": s.end, "text": s.text} for s in m.evidence],
            }
            for m in fe.members
        ],
    }


def write_plover(fs: FusedSet, out: TextIO) -> int:
    json.dump([plover_record(fe, fs) for fe in fs.events], out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(fs.events)


def write_geojson(fs: FusedSet, out: TextIO) -> int:
    """A FeatureCollection of the located fused events (points, lon/lat order)."""
    features = []
    for fe in fs.events:
        c = fe.cluster
        if c.lat is None or c.lon is None:
            continue
        props = plover_record(fe, fs)
        props.pop("reports")
        props["event_type"] = c.event_type
        props["sub_event_type"] = c.sub_event_type
        features.append(
            {
                "type": "Feature",
                "id": c.id,
                "geometry": {"type": "Point", "coordinates": [c.lon, c.lat]},
                "properties": props,
            }
        )
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)
