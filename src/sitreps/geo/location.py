"""Where an event happened: ``choose_location(parsed, places, anchor, evidence)``.

Order of preference:

1. places in the event's sentence(s), ranked by the preposition that governs them (``in``,
   ``at``, ``near``, ``on the front lines in`` before ``into``/``towards`` before ``from``/``for``
   and bare mentions), then by specificity (a town before the region or province written after
   it as context), then by distance to the trigger;
2. otherwise the nearest place of the preceding sentences of the same paragraph or speaker turn
   (up to :data:`LOOKBACK` sentences back).

Never chosen: a dateline or the outlet's city, a place in a comparison ("as in Mosul"), and the
origin of a transfer ("arms from the Al-Muk Operation Room in Jordan"). With no place left the
result is ``LocationChoice(None, None, "no place in text")``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sitreps.geo.context import (
    CODED_TO,
    Governor,
    claimed_in_quotes,
    coded_elsewhere,
    governor,
    inside_origin_phrase,
    is_dateline,
)
from sitreps.geo.fold import fold
from sitreps.geo.resolve import CONTEXT_GAP as _CONTEXT_GAP
from sitreps.models import LocationChoice, Mention, Place, PlaceFinding, Span

LOOKBACK = 3
#: countries whose districts ACLED codes as the town of the same name when written without
#: "district" (in the ACLED sample, rows whose location is their admin2: Turkey 137 of 164 at
#: precision 1, Iran 97 of 99, Israel 12 of 12, Palestine 23 of 28, Lebanon 5 of 6)
_DISTRICT_AS_TOWN = frozenset({"TUR", "IRN", "ISR", "PSE", "LBN"})
#: ACLED geo_precision of a named town the gazetteer lacks, coded at a nearby known point (the
#: unit written after it, or the town of its bracketed district): ACLED codes the town itself
UNKNOWN_TOWN_PRECISION = 1
_PREP_RANK = {
    **dict.fromkeys(
        (
            "in",
            "at",
            "inside",
            "on",
            "near",
            "around",
            "outside",
            "across",
            "within",
            "throughout",
            "nearby",
            "outskirts",
            "over",
            "above",
            "off",
            "along",
            "between",
        ),
        0,
    ),
    **dict.fromkeys(("into", "toward", "towards", "to", "through", "via", "beyond"), 1),
    "from": 2,
}
_SPECIFICITY = {
    "site": 0,
    "village": 0,
    "city": 0,
    "admin2": 1,
    "region": 2,
    "admin1": 3,
    "country": 4,
}


@dataclass(frozen=True, slots=True)
class _Option:
    mention: Mention
    place: Place
    gov: Governor
    rank: tuple[int, int, int]
    context: bool = False
    #: the unit stands for a named place the gazetteer lacks, written before it
    unknown_town: bool = False
    #: the unit stands for a named area the gazetteer lacks ("Al Azim district, Diyala")
    unknown_area: bool = False


def _sentence_of(parsed: Any, char: int) -> int:
    return int(parsed.sentence_index(char))


def _is_outlet(parsed: Any, span: Span) -> bool:
    outlet = getattr(parsed.report, "outlet", None)
    return bool(outlet) and fold(span.text) != "" and fold(span.text) in fold(str(outlet))


def _excluded(
    parsed: Any, m: Mention, gov: Governor, floor: int, coded: tuple[int, ...] = ()
) -> str | None:
    text = parsed.report.text
    if is_dateline(text, m.span):
        return "dateline"
    if _is_outlet(parsed, m.span):
        return "outlet"
    if gov.comparison:
        return "comparison"
    if gov.origin or inside_origin_phrase(text, m.span.start, floor):
        return "origin of a transfer"
    if _country_modifier(parsed, m):
        return "country name modifying a noun"
    if coded_elsewhere(text, m.span.end) and (
        "location unclear" in text[m.span.end : m.span.end + 25]
        or any(m.span.end < c <= m.span.end + 16 for c in coded)
    ):
        # "X (coded to Y)" with Y known, "X (location unclear)": ACLED codes it elsewhere
        return "coded elsewhere (ACLED remark)"
    if claimed_in_quotes(text, m.span.start):
        return "quoted claim"
    if _TOPIC_BEFORE.search(text[max(floor, m.span.start - 80) : m.span.start]):
        return "topic of the event, not its place"
    return None


def _options(
    parsed: Any, places: PlaceFinding, sentence_ids: set[int], anchor: Span | None
) -> tuple[list[_Option], list[str]]:
    by_id = {p.id: p for p in places.places}
    text = parsed.report.text
    out: list[_Option] = []
    skipped: list[str] = []
    coded_at = tuple(
        mm.span.start
        for mm in places.mentions
        if mm.entity_id is not None
        and CODED_TO.search(text[max(0, mm.span.start - 20) : mm.span.start])
    )
    for m in places.mentions:
        if m.kind != "place" or m.entity_id not in by_id:
            continue
        sid = _sentence_of(parsed, m.span.start)
        if sid not in sentence_ids:
            continue
        floor = parsed.sentences[sid].start if parsed.sentences else 0
        gov = governor(text, m.span.start, m.span.end, floor)
        why = _excluded(parsed, m, gov, floor, coded_at)
        if why:
            skipped.append(f"{m.span.text}: {why}")
            continue
        place = by_id[str(m.entity_id)]
        prep_rank = _PREP_RANK.get(gov.prep or "", 3)
        if gov.prep is None and _direct_target(parsed, m.span):
            prep_rank = 0
        if gov.rural or gov.province or gov.after in ("countryside", "province", "governorate"):
            prep_rank = min(prep_rank, 1)
        unknown_town = unknown_area = False
        coded_to = CODED_TO.search(text[max(floor, m.span.start - 20) : m.span.start])
        if coded_to is not None:
            # "Dhanah (coded to Wadi Dhanah)": Y stands where X is written
            paren = max(floor, m.span.start - 20) + coded_to.start()
            coded_start = _name_start_before(text, paren, floor)
            outer = governor(text, coded_start, coded_start + 1, floor)
            prep_rank = min(prep_rank, _PREP_RANK.get(outer.prep or "", 3))
        elif prep_rank > 0 and (bracket := _bracket_name_start(text, m.span, floor)) is not None:
            # "in Cemco (Cheme Ci) area", "in (Xanesor) Khana Sor town": a name and its other
            # spelling in brackets are one place, governed by what governs the pair
            outer = governor(text, bracket, bracket + 1, floor)
            if not _excluded(parsed, m, outer, floor):
                prep_rank = min(prep_rank, _PREP_RANK.get(outer.prep or "", 3))
        elif place.feature in ("admin1", "admin2", "city"):
            name_start = _unknown_name_before(text, m.span.start, floor, places)
            area = name_start is not None and bool(
                _AREA_WORD.search(text[name_start : m.span.start])
            )
            unknown_town = name_start is not None and place.feature != "city" and not area
            unknown_area = area and place.feature == "admin1"
            if prep_rank > 0 and name_start is not None:
                # "in Altindag town, Ankara": the unit stands for the unknown name before it
                outer = governor(text, name_start, name_start + 1, floor)
                if not _excluded(parsed, m, outer, floor):
                    prep_rank = min(prep_rank, _PREP_RANK.get(outer.prep or "", 3))
        after = text[m.span.end : m.span.end + 80]
        if _FACILITY_AFTER.match(after) or _NAMED_FACILITY_AFTER.match(after):
            # "outside the Mardin courthouse in Artuklu town": the facility's own place
            # (written after it) is the event's
            prep_rank = max(prep_rank, 1)
        if _road_end(text, m.span):
            # "the Nassriya - Shatra highway": a road's end names the road, not the place;
            # any other place of the sentence comes first
            prep_rank = _ROAD_END_RANK
        dist = abs(m.span.start - anchor.start) if anchor is not None else 0
        specificity = _SPECIFICITY.get(place.feature, 2)
        if place.feature == "admin2" and gov.town:
            specificity = 0  # "in Akdeniz town, Mersin": a district written as a town
        rank = (prep_rank, specificity, dist)
        context = bool(out) and _is_context(text, out[-1], m, place)
        out.append(_Option(m, place, gov, rank, context, unknown_town, unknown_area))
    if any(not o.context for o in out):
        out = [o for o in out if not o.context]
    return out, skipped


_NAME_THEN_CONTEXT = re.compile(
    r"([A-Z][\w'’-]*(?:[\s-]+(?:[A-Z][\w'’-]*|al|el|e|ad|ar|as|ash|an|at|az|ed|ez|of)){0,4})\s*"
    r"(?:(?:town|village|city|area|camp|district|sub-district|neighbou?rhood|square|"
    r"municipality|junction|bridge|road|checkpoint|crossing|roundabout)\s*)?(?:,|\(|\bin\b|\bof\b)\s*(?:the\s+)?(?:(?:northern|southern|"
    r"eastern|western|central|rural|countryside|of)\s+)*$"
)


_UNIT_WORD_END = re.compile(
    r"\s+(?:state|province|governorate|region|district|municipality|department|county|city|"
    r"town|village|area)\s*$",
    re.I,
)
_NAME_BEFORE = re.compile(
    r"[A-Z][\w'’-]*(?:[\s-]+(?:[A-Z][\w'’-]*|al|el|e|ad|ar|as|ash|an|at|az|ed|ez)){0,5}\s*$"
)


def _name_start_before(text: str, end: int, floor: int) -> int:
    """Start of the capitalised name that ends right before ``end`` (``end`` without one), a
    unit word between them allowed ("Portuguesa state (coded to ...")."""
    lo = max(floor, end - 80)
    before = _UNIT_WORD_END.sub("", text[lo:end])
    m = _NAME_BEFORE.search(before)
    return lo + m.start() if m else end


#: "protested against the war in Ukraine", "rallied in solidarity with the people of Gaza":
#: the place is what the event is about, not where it happened
_TOPIC_BEFORE = re.compile(
    r"\b(?:against|over|about|denounc\w*|condemn\w*|protest\w*|oppos\w*|in support of|"
    r"in solidarity with|to (?:end|stop)|for peace in)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}"
    r"(?:war|wars|invasion|aggression|bombing|bombardment|crackdown|conflict|crisis|situation|"
    r"policies|policy|treatment|intervention|people|victims|blockade|siege|occupation|"
    r"annexation|offensive)\s+(?:in|of|on|against|from)\s+(?:the\s+)?$"
    # "delivering arms to Ukraine", "urging Russia to stop": a party addressed, not the place
    r"|\b(?:(?:arms|weapons|aid|troops)\s+(?:\w+\s+)?to|urg(?:e|ed|es|ing)|calling on)\s+"
    r"(?:the\s+)?$",
    re.I,
)
#: rank of a place written as the end of a named road, below a bare mention (3)
_ROAD_END_RANK = 4
_ROAD_WORDS = r"(?:road|highway|motorway|route|expressway|railway)"
_ROAD_END_BEFORE = re.compile(r"[A-Z][\w'’]*\s*[-–]\s*$")
_ROAD_END_AFTER = re.compile(
    r"^(?:\s*[-–]\s*(?:[A-Z][\w'’]*\s+){1,3})?\s*" + _ROAD_WORDS + r"\b", re.I
)


def _road_end(text: str, span: Span) -> bool:
    """True when ``span`` is an end of a road named by its ends ("the Nassriya - Shatra
    highway", "the Kanan-Baqubah road")."""
    after = text[span.end : span.end + 50]
    if _ROAD_END_BEFORE.search(text[max(0, span.start - 40) : span.start]):
        return bool(re.match(r"^\s*" + _ROAD_WORDS + r"\b", after, re.I))
    return bool(re.match(r"^\s*[-–]", after)) and bool(_ROAD_END_AFTER.match(after))


#: words after an unknown name that make it an area, not a town ("Zewa area in ...")
_AREA_WORD = re.compile(
    r"\b(?:areas?|axis|fronts?|front ?lines?|road|highway|district|sub-?district|region|"
    r"desert|valley|mountains?|hills?|plain|farms?|badia)\b",
    re.I,
)
_OTHER_SPELLING_BEFORE = re.compile(r"\(\s*[A-Z][^()]{0,38}\)\s*$")
_BRACKET_AROUND = re.compile(r"(?:[A-Z][\w'’-]*\s+){0,3}?[A-Z][\w'’-]*\s*\(\s*$")


def _bracket_name_start(text: str, span: Span, floor: int) -> int | None:
    """Where the pair "Name (Other spelling)" starts when ``span`` is one half of it: the
    bracketed spelling after an unbracketed name ("Cemco (Cheme Ci)"), or the name after a
    bracketed spelling ("(Xanesor) Khana Sor"); None otherwise."""
    lo = max(floor, span.start - 60)
    before = text[lo : span.start]
    m = _OTHER_SPELLING_BEFORE.search(before)
    if m is not None:
        return lo + m.start()
    if text[span.end : span.end + 2].lstrip().startswith(")"):
        n = _BRACKET_AROUND.search(before)
        if n is not None:
            return lo + n.start()
    return None


def _unknown_name_before(text: str, start: int, floor: int, places: PlaceFinding) -> int | None:
    """Start of a capitalised name the gazetteer does not know, written right before the unit
    as its context ("Altindag town, Ankara", "Eslamabad-e Gharb city (Kermanshah)")."""
    lo = max(floor, start - 80)
    m = _NAME_THEN_CONTEXT.search(text[lo:start])
    if m is None:
        return None
    a, b = lo + m.start(1), lo + m.end(1)
    for other in places.mentions:
        if other.entity_id is not None and other.span.end > a and other.span.start < b:
            return None
    return a


#: nouns a country name modifies that still place the event ("the Syria border")
_PLACE_NOUNS = frozenset(
    {"border", "borders", "side", "countryside", "region", "area", "territory", "coast", "soil",
     "frontier", "interior", "mainland", "desert", "capital", "waters", "airspace"}
)  # fmt: skip


def _country_modifier(parsed: Any, m: Mention) -> bool:
    """A country's name that modifies a common noun ("the US dollar", "a Russia expert"): no
    place of the event."""
    if not (m.entity_id or "").startswith("country:"):
        return False
    try:
        ent = parsed.doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
    except (AttributeError, ValueError):
        return False
    if ent is None:
        return False
    root = ent.root
    head = root.head
    if root.dep_ != "compound" or head.i < ent.end or ent.end >= len(parsed.doc):
        return False
    nxt = parsed.doc[ent.end]
    return (
        nxt.pos_ == "NOUN"
        and nxt.text.islower()
        and nxt.lower_ not in _PLACE_NOUNS
        and head.lower_ not in _PLACE_NOUNS
    )


def _direct_target(parsed: Any, span: Span) -> bool:
    """The place is the object of the event verb ("shelled Kafr Nabl", "Tadmur was shelled")."""
    doc = parsed.doc
    try:
        ent = doc.char_span(span.start, span.end, alignment_mode="expand")
    except (AttributeError, ValueError):
        return False
    if ent is None:
        return False
    root = ent.root
    return root.dep_ in ("dobj", "obj", "nsubjpass") and root.head.pos_ in ("VERB", "AUX")


def _is_context(text: str, prev: _Option, m: Mention, place: Place) -> bool:
    """``m`` is the admin context written right after the previous place ("Kafr Nabl town in
    Idleb countryside"): a larger unit, not a second location."""
    if prev.mention.span.end > m.span.start:
        return False
    gap = text[prev.mention.span.end : m.span.start]
    larger = _SPECIFICITY.get(place.feature, 2) > _SPECIFICITY.get(prev.place.feature, 2)
    return larger and bool(_CONTEXT_GAP.match(gap) or _SITE_CONTEXT_GAP.match(gap))


#: a site word or a second name between a town and its unit: "Abu Zandin crossing point in
#: Aleppo countryside", "between Zardanah and Ibbin towns in Aleppo countryside", "(Al Amadiya
#: district) of Duhok province"
_SITE_CONTEXT_GAP = re.compile(
    r"^(?:\s+(?:and|&)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})?\s*"
    r"(?:(?:towns?|villages?|city|cities|area|camp|district|neighbou?rhood|crossing|point|"
    r"checkpoint|frontlines?|front|axis|road|junction|bridge|base|square|roundabout|market|"
    r"center|centre|"
    r"settlement|outpost|valley|mountains?|hills?|plain|farms?)\s*)*"
    r"\)?\s*(?:,|\(|\bin\b|\bof\b)\s*(?:the\s+)?(?:(?:northern|southern|eastern|western|central|"
    r"north|south|east|west|rural|countryside|of|province|governorate)[\w-]*\s+)*$"
)


#: a place naming a facility that is placed right after it ("the Adana courthouse in Yuregir")
#: a facility named after a place, then its own place ("Walker Library in Minneapolis")
_NAMED_FACILITY_AFTER = re.compile(
    r"^\s+(?:[A-Z][\w'’-]*\s+){0,2}(?:Library|School|High School|Hospital|University|College|"
    r"Station|Square|Park|Market|Mosque|Church|Prison|Airport|Stadium|Bridge|Street|Avenue|"
    r"Mall|Hotel|Court|Courthouse)\b[^.;]{0,40}?\b(?:in|at)\s+(?:the\s+)?[A-Z]"
)
_FACILITY_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?!(?:towns?|villages?|city|area|camp|district|sub-district|"
    r"neighbou?rhood|countryside|province|governorate|axis|front|desert|valley|region|"
    r"outskirts|suburbs?|road|highway|badia|crossing|border|frontlines?|and|or|against|for|"
    r"over|about|with|to|on|after|before|during|from|by|as|amid|despite)\b)"
    r"(?:[a-z][\w-]*\s+){1,3}(?:in|at)\s+(?:the\s+)?[A-Z]"
)
_UNKNOWN_TOWN_BEFORE = re.compile(
    r"[A-Z][\w'’-]+\s+(?:town|village|city|camp|neighbou?rhood)\s*(?:(?:in|of|,)\s+|\(\s*)"
    r"(?:the\s+)?(?:(?:northern|southern|eastern|western|central|rural|countryside|of)\s+)*$"
)


def _precision(opt: _Option, text: str = "") -> int:
    """ACLED geo_precision: the place's own (1 town, 2 district or small region, 3 province,
    country or large region), 2 for "near X" / "X countryside" around a town, 2 for a named
    part of a province ("northern Idlib countryside"), and 1 when the event's place is a named
    town the gazetteer lacks ("Fleifel town in Idleb countryside", "Mala (Harib, Marib)")."""
    base = opt.place.geo_precision or 1
    near = opt.gov.near and not _FACILITY_AFTER.match(text[opt.mention.span.end :])
    if base == 1 and (near or opt.gov.rural or opt.gov.part):
        return 2
    if opt.place.feature == "admin1" and opt.gov.part:
        return 2
    if opt.place.feature == "admin2" and opt.gov.town and not opt.gov.near:
        # "in Akdeniz town, Mersin": a district written as a town is coded as a town
        return UNKNOWN_TOWN_PRECISION
    if opt.unknown_town:
        # "Ar Raqw (Monabbih, Sadah)": a named place the gazetteer lacks, coded at its unit
        return UNKNOWN_TOWN_PRECISION
    if opt.unknown_area:
        # "in Al Azim district, Diyala": a named part of the province
        return 2
    if (
        opt.place.feature == "admin2"
        and opt.place.country in _DISTRICT_AS_TOWN
        and opt.gov.after not in ("district", "sub-district", "subdistrict")
        and not near
    ):
        # "in Besiktas, Istanbul": ACLED codes these countries' districts, written bare, as
        # the town that bears the name
        return UNKNOWN_TOWN_PRECISION
    if opt.place.feature in ("admin1", "admin2") and _UNKNOWN_TOWN_BEFORE.search(
        text[max(0, opt.mention.span.start - 80) : opt.mention.span.start]
    ):
        # a named town the gazetteer lacks, coded to its unit: the event's place is still a
        # town (ACLED codes it at 1); only the point is the unit's
        return UNKNOWN_TOWN_PRECISION
    return base


def _describe(opt: _Option, where: str) -> str:
    gov = opt.gov
    how = f"'{gov.prep}'" if gov.prep else "mentioned"
    extra = []
    if gov.rural:
        extra.append("rural/countryside")
    if gov.province:
        extra.append("province")
    if gov.part:
        extra.append("part of it")
    if gov.near:
        extra.append("approximate")
    tail = f" ({', '.join(extra)})" if extra else ""
    return f"{opt.mention.span.text!r} {how} {where}{tail}"


#: ACLED's closing remark on where a vague event is coded ("Coded as provincial capital Baquba
#: city.", "Coded to Al Anbar capital Ramadi city.", "Coded as Soran district.")
_CODED_REMARK = re.compile(
    r"(?:^|(?<=[.;]\s))(?:Location |Event )?[Cc]oded (?:as|to)\s+(?!\d)[^.;]{3,120}"
)


def _coded_remark(parsed: Any, places: PlaceFinding) -> LocationChoice | None:
    """The place an ACLED coding remark names: its town (or district) before its admin1."""
    text = parsed.report.text
    by_id = {p.id: p for p in places.places}
    for rm in _CODED_REMARK.finditer(text):
        inside = [
            m
            for m in places.mentions
            if m.entity_id in by_id and rm.start() <= m.span.start and m.span.end <= rm.end()
        ]
        if not inside:
            # the remark repeats a name the report placed earlier ("Coded as Kut city.")
            inside = [
                m
                for m in places.mentions
                if m.entity_id in by_id and re.search(rf"\b{re.escape(m.span.text)}\b", rm.group(0))
            ]
        if not inside:
            continue
        best = min(
            inside,
            key=lambda m: (_SPECIFICITY.get(by_id[str(m.entity_id)].feature, 2), m.span.start),
        )
        after = text[best.span.end : best.span.end + 12].lower()
        precision = 2 if after.lstrip().startswith("district") else 3
        return LocationChoice(
            best.entity_id, precision, f"{best.span.text!r} named by a coding remark"
        )
    return None


def choose_location(
    parsed: Any, places: PlaceFinding, anchor: Span, evidence: tuple[Span, ...]
) -> LocationChoice:
    """The place where the event anchored at ``anchor`` happened, and why."""
    if not parsed.sentences:
        return LocationChoice(None, None, "no place in text")
    remark = _coded_remark(parsed, places)
    if remark is not None:
        return remark
    sids = {_sentence_of(parsed, s.start) for s in evidence} | {_sentence_of(parsed, anchor.start)}
    options, skipped = _options(parsed, places, sids, anchor)
    if options:
        best = min(options, key=lambda o: o.rank)
        return LocationChoice(
            best.place.id,
            _precision(best, parsed.report.text),
            _describe(best, "in the event sentence"),
        )
    first = min(sids)
    turn = parsed.sentence_turn[first] if parsed.sentence_turn else None
    text = parsed.report.text
    for back in range(1, LOOKBACK + 1):
        sid = first - back
        if sid < 0:
            break
        same_turn = parsed.sentence_turn[sid] == turn if parsed.sentence_turn else True
        between = text[parsed.sentences[sid].end : parsed.sentences[first].start]
        if turn is not None and not same_turn:
            break
        if turn is None and between.count("\n\n") > 1 and back > 1:
            break
        prev, more = _options(parsed, places, {sid}, None)
        skipped.extend(more)
        if prev:
            best = min(prev, key=lambda o: (o.rank[0], o.rank[1], -o.mention.span.start))
            where = f"in the preceding sentence ({back} back)"
            return LocationChoice(best.place.id, _precision(best, text), _describe(best, where))
    reason = "no place in text"
    if skipped:
        reason += "; skipped " + "; ".join(skipped)
    return LocationChoice(None, None, reason)
