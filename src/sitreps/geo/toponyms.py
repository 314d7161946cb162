"""The toponym stage: ``find_places(parsed, actors) -> PlaceFinding``.

1. candidates (:mod:`sitreps.geo.candidates`): ruler regions, spaCy places, gazetteer matches;
2. report context: focus country and co-mentioned admin units (:mod:`sitreps.geo.resolve`);
3. each candidate is resolved right to left, so that the admin context written after a name
   ("Rawya town in Al Hasakeh countryside") is known when the name is resolved;
4. gazetteer-only matches are kept only with a place-like context (a locative preposition, a
   unit word, a big or focus-country place), so person and organisation names stay out.

A ``Place`` is made per resolved record, with all its mention spans; every candidate that is
kept gets a ``Mention`` (kind ``place``) whose ``reason`` says how it was resolved.
"""

from __future__ import annotations

from typing import Any

from sitreps.geo.candidates import Candidate, collect
from sitreps.geo.fold import fold
from sitreps.geo.gazetteer import Gazetteer, PlaceRecord, get_gazetteer
from sitreps.geo.resolve import Context, Resolved, report_context, resolve
from sitreps.models import ActorFinding, Mention, Place, PlaceFinding, Span

_TOWN_FEATURES = ("city", "village", "site")


def _accept(res: Resolved, ctx: Context) -> bool:
    c = res.cand
    rec = res.record
    if c.label == "PLACE":
        return rec is not None
    if c.label in ("GPE", "LOC"):
        return True
    if rec is None:
        return False
    if c.label == "FAC":
        return True
    gov = c.gov
    context = gov.strong or gov.rural or gov.province or gov.town or gov.after is not None
    if c.doubtful:
        return context
    if context or gov.locative:
        return True
    if rec.match != "name":
        return False
    primary = fold(c.span.text) == fold(rec.name)
    if rec.feature in ("country", "admin1", "region") or rec.population >= 50_000:
        return primary
    return bool(ctx.focus and rec.country == ctx.focus and primary)


def _display_name(rec: PlaceRecord, spans: list[Span]) -> str:
    """Towns keep the spelling of their first mention (as ACLED codes locations); units and
    regions keep their gazetteer name."""
    if rec.feature in _TOWN_FEATURES and spans:
        return spans[0].text
    return rec.name


def find_places(parsed: Any, actors: ActorFinding) -> PlaceFinding:
    """Resolved places of the report and their mentions."""
    return find_places_with(parsed, actors, get_gazetteer())


def find_places_with(parsed: Any, actors: ActorFinding, gaz: Gazetteer) -> PlaceFinding:
    text: str = parsed.report.text
    actor_spans = [m.span for m in actors.mentions]
    cands = collect(parsed, gaz, actor_spans)
    ctx = report_context(parsed.doc, cands, gaz)
    resolved: list[Resolved] = []
    following: Resolved | None = None
    for cand in reversed(cands):
        res = resolve(text, cand, following, ctx, gaz)
        if _accept(res, ctx):
            resolved.append(res)
            following = res
        else:
            following = None
    resolved.reverse()
    return _finding(parsed, resolved)


def _finding(parsed: Any, resolved: list[Resolved]) -> PlaceFinding:
    by_id: dict[str, tuple[PlaceRecord, list[Span]]] = {}
    mentions: list[Mention] = []
    for res in resolved:
        c: Candidate = res.cand
        rec = res.record
        if rec is not None:
            by_id.setdefault(rec.id, (rec, []))[1].append(c.span)
        mentions.append(
            Mention(
                id=f"place:{c.span.start}-{c.span.end}",
                kind="place",
                span=c.span,
                sentence=parsed.sentence_index(c.span.start),
                entity_id=rec.id if rec else None,
                label=c.label,
                score=res.score,
                reason=res.reason,
            )
        )
    places: list[Place] = []
    for rec, spans in by_id.values():
        place = rec.to_place(tuple(spans))
        name = _display_name(rec, spans)
        if name != place.name:
            place = Place(
                id=place.id,
                name=name,
                lat=place.lat,
                lon=place.lon,
                country=place.country,
                admin1=place.admin1,
                admin2=place.admin2,
                feature=place.feature,
                mentions=place.mentions,
                geo_precision=place.geo_precision,
                source=place.source,
            )
        places.append(place)
    places.sort(key=lambda p: p.mentions[0].start if p.mentions else 0)
    return PlaceFinding(places=tuple(places), mentions=tuple(mentions))
