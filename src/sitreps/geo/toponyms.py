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

import re
from typing import Any

from sitreps.geo.candidates import FACILITY, Candidate, collect
from sitreps.geo.context import NEIGHBOURHOOD_AFTER, QUARTER_AFTER
from sitreps.geo.fold import fold
from sitreps.geo.gazetteer import Gazetteer, PlaceRecord, get_gazetteer
from sitreps.geo.resolve import (
    QUARTER_KM,
    Context,
    Resolved,
    km_between,
    report_context,
    resolve,
)
from sitreps.models import ActorFinding, Mention, Place, PlaceFinding, Span

_TOWN_FEATURES = ("city", "village", "site")
#: a name ending in a unit word ("Al Bayda City", "Marib Governorate") says it is a place
_UNIT_LAST = frozenset({"city", "town", "village", "province", "governorate", "district", "camp"})
#: a name followed by a speech verb is a person ("Nelson said")
_SPEAKER = re.compile(
    r"^(?:[’']s)?\s+(?:said|says|told|added|explained|stated|noted|wrote|"
    r"asked|argued|declared|insisted|warned|claimed|continued)\b"
)


def _accept(res: Resolved, ctx: Context) -> bool:
    """Keep a resolved candidate? spaCy places and ruler regions are kept; a gazetteer-only
    match needs a place-like context or to be a big place called by its own name."""
    c = res.cand
    rec = res.record
    if c.label == "PLACE":
        return rec is not None
    if rec is None:
        return c.label in ("GPE", "LOC") and not c.continues
    gov = c.gov
    primary = rec.match == "name" and fold(c.span.text) == fold(rec.name)
    big = rec.match == "name" and (
        rec.feature in ("country", "admin1", "region") or rec.population >= 50_000
    )
    focus = rec.country is not None and rec.country == ctx.focus
    unit = rec.match == "name" and rec.feature in ("country", "admin1", "region")
    if c.joined_before and rec.feature != "region":
        # "Bab al Yemen": the name is the end of a longer one, not the country
        return False
    if c.continues and not (unit or (focus and gov.strong)):
        return False
    if (
        c.continues
        and not unit
        and c.continues_word not in FACILITY
        and (rec.feature in _TOWN_FEATURES or rec.feature == "admin2")
        and not res.reason.startswith("admin context (")
        and rec.population < 100_000
    ):
        # "Khirbat Al Tamr", "Tall Rasho": the first word of a longer name the gazetteer
        # lacks is not that name
        return False
    if _SPEAKER.match(c.after_text) and not unit:
        return False
    if c.label in ("GPE", "LOC", "FAC"):
        return True
    if "admin context of the place before it" in res.reason and (unit or rec.feature == "admin2"):
        return True  # "Voznesensk, Mykolaiv": a unit written as the context of a town
    context = (
        (c.dateline and rec.match == "name")
        or gov.strong
        or gov.rural
        or gov.province
        or gov.town
        or (gov.after is not None and gov.after not in QUARTER_AFTER)
        or c.in_parens
        or c.span.text.rsplit(" ", 1)[-1].lower() in _UNIT_LAST
        # "shelled Al Jabaliyah (At Tuhayat, Al Hudaydah)": found inside the admin units
        # written next to it
        or res.reason.startswith("admin context (")
    )
    if c.doubtful or c.headline:
        return (
            context
            or (big and (primary or rec.feature == "country") and not c.continues)
            or (unit and rec.feature == "country")
            or (focus and primary and gov.locative and not c.continues)
        )
    if context or gov.locative:
        return True
    if big:
        return primary
    return focus and primary and (rec.population >= 5_000 or rec.source.endswith(("ucdp", "acled")))


def _display_name(rec: PlaceRecord, spans: list[Span]) -> str:
    """Towns keep the spelling of their first mention (as ACLED codes locations); units and
    regions keep their gazetteer name."""
    if rec.feature in _TOWN_FEATURES and spans:
        written = next((s.text for s in spans if not s.text.isupper()), None)
        return written or rec.name
    return rec.name


def find_places(parsed: Any, actors: ActorFinding) -> PlaceFinding:
    """Resolved places of the report and their mentions."""
    return find_places_with(parsed, actors, get_gazetteer())


def find_places_with(parsed: Any, actors: ActorFinding, gaz: Gazetteer) -> PlaceFinding:
    text: str = parsed.report.text
    actor_spans = [m.span for m in actors.mentions]
    cands = collect(parsed, gaz, actor_spans)
    ctx = report_context(parsed.doc, cands, gaz, text, actors.actors)
    resolved: list[Resolved] = []
    following: Resolved | None = None
    for idx in range(len(cands) - 1, -1, -1):
        cand = cands[idx]
        before = cands[idx - 1] if idx > 0 else None
        res = resolve(text, cand, following, ctx, gaz, before)
        if _accept(res, ctx):
            resolved.append(res)
            following = res
        else:
            following = None
    resolved.reverse()
    return _finding(parsed, _one_sense(_near_quarters(resolved)))


def _near_quarters(resolved: list[Resolved]) -> list[Resolved]:
    """A neighbourhood ("the Palestina neighborhood") read as a namesake far from every town
    the report places is left unplaced: it is a quarter of one of those towns."""
    towns = [
        (r.record.lat, r.record.lon)
        for r in resolved
        if r.record is not None
        and r.record.lat is not None
        and r.record.lon is not None
        and r.record.feature in _TOWN_FEATURES
        and r.cand.gov.after not in NEIGHBOURHOOD_AFTER
    ]
    if not towns:
        return resolved
    out = []
    for res in resolved:
        rec = res.record
        if (
            rec is not None
            and res.cand.gov.after in NEIGHBOURHOOD_AFTER
            and rec.lat is not None
            and rec.lon is not None
            and all(km_between(rec.lat, rec.lon, la, lo) > QUARTER_KM for la, lo in towns)
        ):
            res = Resolved(res.cand, None, 0.0, "neighbourhood far from the report's towns")
        out.append(res)
    return out


def _one_sense(resolved: list[Resolved]) -> list[Resolved]:
    """One sense per report: a name resolved with admin context written next to it ("Alexandria,
    Va.") lends that reading to its other mentions that had no such context."""
    anchored: dict[str, PlaceRecord] = {}
    for res in resolved:
        if res.record is not None and res.reason.startswith("admin context ("):
            anchored.setdefault(fold(res.cand.span.text), res.record)
    if not anchored:
        return resolved
    out = []
    for res in resolved:
        rec = res.record
        key = fold(res.cand.span.text)
        other = anchored.get(key)
        if (
            rec is not None
            and other is not None
            and other.id != rec.id
            and not res.reason.startswith("admin context (")
            and "admin1 unit" not in res.reason
            and res.cand.ruler_id is None
            and (rec.feature in _TOWN_FEATURES) == (other.feature in _TOWN_FEATURES)
        ):
            res = Resolved(res.cand, other, res.score, "same name as a mention with admin context")
        out.append(res)
    return out


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
