"""A readable summary of an extraction (``--format table`` and ``sitreps demo``)."""

from __future__ import annotations

from sitreps.models import Event, Extraction, Quantity


def _quantity(q: Quantity) -> str:
    obj = f" {q.object}" if q.object else ""
    qual = q.qualifier or ""
    if q.value is not None:
        number = f"{qual} {q.value}".strip()
    elif q.low is not None and q.high is not None and q.low != q.high:
        number = f"{qual} ({q.low}-{q.high})".strip()
    elif q.low is not None:
        number = f"{qual} (at least {q.low})".strip()
    else:
        number = qual or "unknown number"
    return f"{q.kind}: {number}{obj}"


def _event_lines(ex: Extraction, ev: Event) -> list[str]:
    actors = {a.id: a for a in ex.actors}
    places = {p.id: p for p in ex.places}
    claims = {c.id: c for c in ex.claims}

    def name(actor_id: str | None) -> str:
        if actor_id is None:
            return "-"
        a = actors.get(actor_id)
        return a.name if a else actor_id

    kind = " / ".join(x for x in (ev.event_type, ev.sub_event_type) if x) or "(no ACLED type)"
    lines = [f"  [{ev.id}] {kind}  · PLOVER {ev.plover}  · {ev.modality}"]
    side1 = name(ev.actor1)
    if ev.assoc_actor1:
        side1 += " (with " + ", ".join(name(a) for a in ev.assoc_actor1) + ")"
    side2 = name(ev.actor2)
    if ev.assoc_actor2:
        side2 += " (with " + ", ".join(name(a) for a in ev.assoc_actor2) + ")"
    lines.append(f"      actors:  {side1}  →  {side2}")
    place = places.get(ev.place or "")
    where = "-"
    if place is not None:
        admin = ", ".join(x for x in (place.admin1, place.country) if x)
        where = f"{place.name} ({admin}; precision {ev.geo_precision})"
    lines.append(f"      where:   {where}")
    when = "-"
    if ev.date_start:
        when = ev.date_start.isoformat()
        if ev.date_end and ev.date_end != ev.date_start:
            when += f" .. {ev.date_end.isoformat()}"
    elif ev.date_reason:
        when = f"- ({ev.date_reason})"
    lines.append(f"      when:    {when}")
    if ev.quantities:
        lines.append("      numbers: " + "; ".join(_quantity(q) for q in ev.quantities))
    fat = "unknown" if ev.fatalities is None else str(ev.fatalities.best)
    lines.append(f"      fatalities (ACLED): {fat}")
    claim = claims.get(ev.claim or "")
    if claim is not None:
        who = name(claim.claimant) if claim.claimant else (claim.outlet or "the report")
        flag = "partisan claim" if claim.partisan else "claim"
        lines.append(
            f"      {flag} by: {who}" + (f" ({claim.claimant_role})" if claim.claimant_role else "")
        )
    if ev.evidence:
        text = ev.evidence[0].text.replace("\n", " ")
        lines.append(f'      evidence: "{text[:160]}{"…" if len(text) > 160 else ""}"')
    return lines


def summarise(ex: Extraction) -> str:
    r = ex.report
    head = r.title or (r.origin or r.id)
    lines = [
        f"== {head}",
        f"   report {r.id} · outlet {r.outlet or '-'} · published {r.published or '-'}",
    ]
    if not ex.events:
        lines.append("  (no events)")
    for ev in ex.events:
        lines.extend(_event_lines(ex, ev))
    if ex.relations:
        actors = {a.id: a.name for a in ex.actors}
        rels = [
            f"{actors.get(x.source, x.source)} {x.kind} {actors.get(x.target, x.target)}"
            + ("" if x.modality == "asserted" else f" ({x.modality})")
            for x in ex.relations
        ]
        lines.append("  relations: " + "; ".join(rels))
    return "\n".join(lines)
