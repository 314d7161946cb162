"""Disambiguation: which gazetteer record a candidate span names.

Evidence, strongest first: the domain ruler's id; admin context written next to the name
("Abu Kamal (Deir ez-Zor)", "Rawya town in Al Hasakeh countryside", "Jenin, West Bank");
"rural X" / "X countryside" / "X province" (the admin1 unit); the report's focus country
(country names, demonyms and large places it mentions); places co-mentioned in the report;
and the population / feature prior of each record.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sitreps.actors.kb import get_kb
from sitreps.errors import NotFoundError
from sitreps.geo.candidates import FACILITY, Candidate
from sitreps.geo.context import (
    NEIGHBOURHOOD_AFTER,
    QUARTER_AFTER,
    claimed_in_quotes,
    is_dateline,
    parenthetical_after,
)
from sitreps.geo.fold import fold, skeleton
from sitreps.geo.gazetteer import Gazetteer, PlaceRecord
from sitreps.geo.regions import demonyms
from sitreps.models import Actor

CONTEXT_GAP = re.compile(
    r"^['’]?\s*(?:city|town|village|area|camp|district|neighbou?rhood)?"
    r"(?:\s+(?:center|centre))?\s*(?:,|\(|\bin\b|\bof\b)\s*"
    r"(?:the\s+)?(?:(?:northern|southern|eastern|western|central|north|south|east|west|rural|"
    r"countryside|of|province|governorate)[\w-]*\s+)*$",
    re.I,
)
#: a unit word after a unit's name in brackets ("Sagaing region", "Unity state")
_ADMIN_WORD_END = re.compile(
    r"\s+(?:region|state|province|governorate|district|sub-?district|township|division|"
    r"municipality|department|prefecture|oblast|raion|rayon|locality|block|tehsil|upazila|"
    r"commune|territory|zone|woreda|county)$",
    re.I,
)
#: "D.C." or "D.F." after a capital's name: the capital district, not a unit of its own
_CAPITAL_DISTRICT = frozenset({"D.C.", "D.C", "DC", "D.F.", "D.F"})
#: the quarter in "City - Quarter (unit)", up to its bracket
_QUARTER_THEN_BRACKET = re.compile(r"\s*[-–]\s*[A-Z][\w'’.-]*(?:\s+[\w'’.-]+){0,3}?(?=\s*\()")
#: what joins a town to the unit written after it: "Athens, Ga.", "Santa Cruz de la Sierra (Santa
#: Cruz)", "Iranduba municipality (Amazonas)"
_PAIR_GAP = re.compile(
    r"^\s*(?:city|town|village|municipality|district|area|locality)?\s*[,(]\s*$", re.I
)
_BIG_TOWN = 100_000
#: distance from the report's places within which a named neighbourhood or quarter may lie
QUARTER_KM = 30.0
#: how far from the point of the unit written next to it a town filed under a neighbouring
#: unit may lie
_BORDER_TOWN_KM = 500.0
#: words after a name that make it a part of a town: read only near the report's places
_QUARTER_WORDS = NEIGHBOURHOOD_AFTER | QUARTER_AFTER
#: distance from a bracketed district's point within which a reading is in that district
_DISTRICT_KM = 40.0
#: population from which a town named abroad is a place whatever the report's focus
_TOWN_ABROAD = 10_000
#: a name that goes on after a lowercase joining word ("Bandar e Emam", "Ras al Ain")
_NAME_GOES_ON = re.compile(
    r"^(?:-e\b|\s+(?:e|al|el|ed|ez|ad|ar|as|ash|an|at|az|de|del|la|le|di|da)[\s-]+[A-Z])"
)
#: a bracketed context written as an abbreviation ("WB", "MP", "J&K")
_ABBREVIATION = re.compile(r"[A-Z][A-Z&.]{0,4}")
_THE_BEFORE = re.compile(r"(?:^|\s)the\s+$")
_NEXT_WORD = re.compile(r"^\s+([A-Za-z]+)")
_FUNCTION_WORDS = frozenset(
    {"a", "an", "the", "then", "on", "in", "at", "for", "to", "and", "or", "with", "was", "is",
     "has", "had", "said", "says", "will", "would", "of", "from", "by", "as", "after", "before",
     "since", "over", "during", "this", "that", "which", "who", "where", "when", "but", "are",
     "were", "could", "should", "did", "does", "last", "today", "yesterday"}
)  # fmt: skip
#: "Quebec City", "Gaza City": a name that says it is a city is not its province
_CITY_WRITTEN = re.compile(r"\sCity$")
_COUNTY_AFTER = re.compile(r"^\s+County\b")
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*"
#: the rest of a list of county names: "Barrow, Jackson and Madison counties"
_COUNTIES_AFTER = re.compile(rf"^(?:\s*,\s*{_NAME})*,?\s+(?:and|or)\s+{_NAME}\s+counties\b")
#: the last name of such a list ("... and Madison counties"), not "10 Kentucky counties"
_LAST_COUNTY = re.compile(r"(?:,|\band|\bor)\s+$")
#: score for a reading inside the admin1 unit the report is about (:attr:`Context.region`)
_REGION_BONUS = 3.0
#: a county name several units share is read as the best-scored one only this far ahead of the
#: next (a tenfold population, or the report's unit or places)
_COUNTY_MARGIN = 1.0
#: region vote of a name whose gazetteer readings all lie in one admin1 unit
_UNIQUE_VOTE = 1.0
#: focus-country vote of a named actor: less than a demonym (0.5) or a place (1), so it only
#: tips a balance the places leave open (the PKK is Turkish, its fighting mostly in Iraq)
_ACTOR_VOTE = 0.3
#: the knowledge-base file of per-country generic actors (protesters, civilians, police, "X
#: forces"): they take their country from the report or a demonym, so they do not vote
_GENERIC_ACTORS = "generic.yaml"
#: actor kinds whose country says nothing of where they act: external forces (the Saudi-led
#: coalition, Wagner), persons (a foreign leader commenting) and outlets
_NO_VOTE_KINDS = frozenset({"external", "person", "outlet"})
#: articles that carry a name on to the next word ("Dar el Ouassaa")
_JOINING = frozenset({"al", "el", "ez", "ed", "ad", "ar", "as", "ash", "an", "at", "az"})


@dataclass(frozen=True, slots=True)
class Resolved:
    cand: Candidate
    record: PlaceRecord | None
    score: float  # confidence in [0, 1]
    reason: str


@dataclass(frozen=True, slots=True)
class Context:
    focus: str | None  # ISO3 of the report's focus country
    countries: frozenset[str]  # countries the report mentions
    admin1: frozenset[str]  # admin1 codes of confidently placed mentions
    points: tuple[tuple[float, float], ...] = ()  # points of confidently placed sub-country places
    named: frozenset[str] = frozenset()  # countries named as countries (not only demonyms)
    #: admin1 code the report is about: written as a town's context ("Athens, Ga."), named on
    #: its own, or the unit of its confidently placed places and dateline
    region: str | None = None
    #: the name behind each point and confident admin1 unit, so that a name's own reading does
    #: not vouch for itself
    point_names: tuple[str, ...] = ()
    admin1_names: frozenset[tuple[str, str]] = frozenset()


def _confident(recs: Sequence[PlaceRecord]) -> PlaceRecord | None:
    """The record a bare name most likely means, if it clearly dominates."""
    if not recs:
        return None
    ranked = sorted(recs, key=lambda r: -r.importance)
    top = ranked[0]
    if top.feature == "admin2" and len(ranked) == 1 and top.match == "name":
        return top  # "Allamakee County": the only unit of its name
    big = top.feature in ("country", "region", "admin1") or top.population >= _BIG_TOWN
    # counties of one name lie in one country ("Plymouth County": Massachusetts and Iowa)
    rivals = [r for r in ranked[1:] if r.country != top.country or top.feature == "admin2"]
    clear = not rivals or top.importance - rivals[0].importance >= 2.0
    if top.feature == "country" and any(
        r.feature == "admin1" and r.population * 10 >= top.population for r in rivals
    ):
        clear = False  # "Georgia": a country and a state as large; the report decides
    if big and clear:
        return top
    return None


def report_context(
    doc: object,
    cands: Sequence[Candidate],
    gaz: Gazetteer,
    text: str = "",
    actors: Sequence[Actor] = (),
) -> Context:
    """Focus country and co-mentioned places (a dateline does not vote). A named actor of the
    knowledge base with a country tips the balance for it (:data:`_ACTOR_VOTE`)."""
    votes: dict[str, float] = defaultdict(float)
    named: set[str] = set()
    admin1: set[str] = set()
    points: list[tuple[float, float]] = []
    unit_votes, pair_votes, with_unit = _region_votes(cands, gaz, text)
    voted: set[str] = set()
    point_names: list[str] = []
    admin1_names: set[tuple[str, str]] = set()
    for iso, weight in pair_votes.items():
        votes[iso] += weight
    for i, c in enumerate(cands):
        recs: list[PlaceRecord] = []
        if is_dateline(text, c.span) or c.joined_before or c.continues_word in _JOINING:
            continue  # part of a longer name ("Dar" of "Dar el Ouassaa") does not vote
        if i in with_unit:
            continue  # "Paris, Tenn.": the unit written after the town votes, not its namesake
        if c.gov.comparison or claimed_in_quotes(text, c.span.start):
            continue  # "as in Mosul", "'in Najran'": a place compared with or only claimed
        if _named_after_a_place(text, c):
            continue  # "Little Portugal", "St. Michael's Hospital"
        if not c.in_parens and parenthetical_after(text, max(c.span.end, c.name_end)):
            continue  # "Al Jabaliyah (At Tuhayat, Al Hudaydah)": its bracket says where it is
        if c.ruler_id:
            try:
                rec: PlaceRecord | None = gaz.get(c.ruler_id)
            except NotFoundError:  # a stale ruler id only loses its vote
                rec = None
        else:
            recs = gaz.lookup(c.span.text, skeleton_fallback=False)
            rec = _confident(recs)
            if c.in_parens:
                # "(Qaatabah, Ad Dali)": admin units of one country written as context vote
                # for it, whatever town of another country shares the name
                units = [r for r in recs if r.feature in ("admin1", "admin2") and r.country]
                if units and len({r.country for r in units}) == 1:
                    votes[str(units[0].country)] += 1
                    continue
                if rec is None:
                    continue
        if rec is None or rec.country is None:
            continue
        if (
            rec.feature in ("city", "village", "site")
            and not c.ruler_id
            and fold(rec.name) != fold(c.span.text)
        ):
            continue  # a town found under another of its names ("Al Akd") does not vote
        if c.gov.after == "village" and rec.population >= _BIG_TOWN:
            continue  # "Khaneh village" is not the city of 100,000 that shares its name
        if (
            c.continues
            and rec.feature in ("city", "village", "site")
            and c.continues_word not in FACILITY
            and c.continues_word.isalpha()
        ):
            continue  # "Jabal Zubayr": a town's name inside a longer name
        if (
            c.modifier
            and rec.feature in ("city", "village", "site")
            and (rec.population < _BIG_TOWN or fold(rec.name) != fold(c.span.text))
        ):
            continue  # "Molotov cocktails": a town's name used for a thing
        if fold(c.span.text) not in voted:
            # one vote per name: a town named five times is one piece of evidence
            voted.add(fold(c.span.text))
            votes[rec.country] += 2 if rec.feature == "country" else 1
        if rec.feature == "country":
            named.add(rec.country)
        if rec.admin1_code and rec.feature != "country":
            admin1.add(rec.admin1_code)
            key = fold(c.span.text)
            if (rec.admin1_code, key) not in admin1_names:
                unit_votes[rec.admin1_code] += 1.0
                admin1_names.add((rec.admin1_code, key))
            if rec.lat is not None and rec.lon is not None:
                points.append((rec.lat, rec.lon))
                point_names.append(key)
    dem = demonyms()
    for ent in getattr(doc, "ents", ()):
        if ent.label_ == "NORP" and ent.text.lower() in dem:
            votes[dem[ent.text.lower()]] += 0.5
    for iso in _actor_countries(actors):
        votes[iso] += _ACTOR_VOTE
    focus = max(votes, key=lambda k: (votes[k], k)) if votes else None
    # the report's unit lies in its focus country ("Gaza" alone is not Mozambique's province)
    ranked = sorted(
        ((code, n) for code, n in unit_votes.items() if _unit_country(code, gaz) == focus),
        key=lambda kv: (-kv[1], kv[0]),
    )
    region = None
    if ranked and ranked[0][1] >= 1.0 and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
        region = ranked[0][0]
    return Context(
        focus,
        frozenset(votes),
        frozenset(admin1),
        tuple(points),
        frozenset(named),
        region,
        tuple(point_names),
        frozenset(admin1_names),
    )


def _region_votes(
    cands: Sequence[Candidate], gaz: Gazetteer, text: str
) -> tuple[dict[str, float], dict[str, float], set[int]]:
    """Admin1 units the report names as such: the unit written after a town that lies in it
    ("Paris, Tenn.", "Hamilton, Ont.", "Iranduba (Amazonas)"), a unit named on its own that no country shares the name
    of ("Ohio", not "Georgia"), and, weakly, the dateline's unit. Also the country votes of
    those "town, unit" pairs ("Tbilisi, Georgia") and the indexes of their towns."""
    units: dict[str, float] = defaultdict(float)
    countries: dict[str, float] = defaultdict(float)
    with_unit: set[int] = set()
    for i, c in enumerate(cands):
        if c.ruler_id or c.joined_before or c.continues:
            continue
        recs = [
            r
            for r in gaz.lookup(c.span.text, skeleton_fallback=False)
            if r.match == "name" and r.feature in ("admin1", "country")
        ]
        if not recs:
            continue
        before = cands[i - 1] if i > 0 else None
        if before is not None and _PAIR_GAP.match(text[before.span.end : c.span.start]):
            towns = gaz.lookup(before.span.text, skeleton_fallback=False)
            fits = [
                u
                for u in recs
                if any(
                    t.country == u.country
                    and t.id != u.id
                    and (u.feature == "country" or t.admin1_code == u.admin1_code)
                    for t in towns
                )
            ]
            if len({u.id for u in fits}) == 1:
                unit = fits[0]
                if unit.feature == "admin1" and unit.admin1_code:
                    units[unit.admin1_code] += 2.0  # "Athens, Ga.": the town's unit
                if unit.country:
                    countries[unit.country] += 1.0
                with_unit.add(i - 1)
                continue
        codes = {r.admin1_code for r in recs if r.feature == "admin1" and r.admin1_code}
        if len(codes) != 1 or any(r.feature == "country" for r in recs):
            continue
        units[next(iter(codes))] += 0.5 if is_dateline(text, c.span) else 1.0
    for c in cands:
        if c.label in ("GPE", "LOC") and not (c.doubtful or c.continues or c.ruler_id):
            # a town of one unit only ("Watkinsville"): the report is likely about that unit
            homes = {
                r.admin1_code
                for r in gaz.lookup(c.span.text, skeleton_fallback=False)
                if r.match == "name" and r.feature != "country"
            }
            if len(homes) == 1 and None not in homes:
                units[str(next(iter(homes)))] += _UNIQUE_VOTE
        if is_dateline(text, c.span) and not c.ruler_id:
            rec = _confident(gaz.lookup(c.span.text, skeleton_fallback=False))
            if rec is not None and rec.admin1_code and rec.feature != "country":
                units[rec.admin1_code] += 0.5  # "ATLANTA -": weak evidence of the report's unit
    return units, countries, with_unit


def _vouched(ctx: Context, code: str, key: str) -> bool:
    """True when a name other than ``key`` placed the report in admin1 unit ``code``."""
    if not ctx.admin1_names or not key:
        return True
    return any(c == code and name != key for c, name in ctx.admin1_names)


def _unit_country(code: str, gaz: Gazetteer) -> str | None:
    unit = gaz.admin1(code)
    return unit.country if unit is not None else None


def _actor_countries(actors: Sequence[Actor]) -> set[str]:
    """Countries of the report's named actors of the knowledge base (Houthis, Hamas, the SDF),
    and of generic per-country actors named with their demonym ("Iraqi police forces"); a
    generic actor named without one ("police", "protesters") took its country from the report
    and does not count, nor do provisional actors and :data:`_NO_VOTE_KINDS`."""
    kb = get_kb()
    dem = demonyms()
    out: set[str] = set()
    for a in actors:
        if not a.country or a.provisional or a.kind in _NO_VOTE_KINDS:
            continue
        try:
            rec = kb.get(a.id)
        except NotFoundError:
            continue
        if not rec.source.endswith(_GENERIC_ACTORS) or any(
            dem.get(w.lower()) == a.country for m in a.mentions for w in m.text.split()
        ):
            out.add(a.country)
    return out


def _local_context(
    text: str, cand: Candidate, following: Resolved | None, gaz: Gazetteer
) -> tuple[set[str], set[str], str]:
    """Admin1 codes and countries written right next to the mention, and a label for them."""
    a1: set[str] = set()
    cc: set[str] = set()
    label = ""
    # a name that goes on ("Khirbat Al Tamr town in ...") takes the context after its end
    end = max(cand.span.end, cand.name_end)
    par = parenthetical_after(text, end)
    quarter = _QUARTER_THEN_BRACKET.match(text[end : end + 60])
    if par is None and quarter is not None:
        # "Sao Goncalo - Neves Goncalo (Rio de Janeiro)": the bracket after the quarter places
        # the town it is a quarter of
        par = parenthetical_after(text, end + quarter.end())
    if par:
        homes: set[str | None] | None = None  # countries of the name's readings, when needed
        for i, part in enumerate(par.split(",")):
            if i and part.strip() in _CAPITAL_DISTRICT:
                continue  # "(Bogota, D.C.)": Bogota's capital district, not Washington's
            recs = gaz.lookup(part.strip(), skeleton_fallback=False)
            units = [r for r in recs if r.feature in ("admin1", "admin2", "country", "region")]
            named = _ADMIN_WORD_END.sub("", part.strip())
            if not recs and named != part.strip():
                # "(Kani township, Yinmarbin district, Sagaing region)", "(Gem, Siaya County)":
                # the unit's name without its unit word; a town of that name in one country only
                # gives its country
                recs = [r for r in gaz.lookup(named, skeleton_fallback=False) if r.match == "name"]
                # ... in a country where the name before the bracket has a reading, if any
                # ("National Capital Region" after Quezon City is not Papua New Guinea's
                # National Capital District)
                if homes is None:
                    homes = {r.country for r in gaz.lookup(cand.span.text, skeleton_fallback=False)}
                recs = [r for r in recs if not homes or r.country in homes]
                units = [r for r in recs if r.feature in ("admin1", "admin2", "region")]
                if not units and len({r.country for r in recs}) > 1:
                    recs = []
            for r in units:
                if r.admin1_code:
                    a1.add(r.admin1_code)
                if r.country:
                    cc.add(r.country)
            if not units and recs:
                # a town as bracketed context ("Bisri bridge (Jezzine)"): its country
                best = max(recs, key=lambda r: r.importance)
                if best.country:
                    cc.add(best.country)
        label = par
    if cand.in_parens and not cc:
        cc |= _bracket_countries(text, cand, gaz)
    if following is not None and following.record is not None:
        gap = text[end : following.cand.span.start] if end <= following.cand.span.start else "-"
        if CONTEXT_GAP.match(gap):
            rec = following.record
            if (
                rec.feature in ("admin1", "admin2", "country", "region")
                or rec.population > 0
                or rec.source.endswith(("ucdp", "acled"))
            ):
                if rec.admin1_code and rec.feature != "country":
                    a1.add(rec.admin1_code)
                if rec.country:
                    cc.add(rec.country)
                label = label or following.cand.span.text
    return a1, cc, label


def _within(a: PlaceRecord, b: PlaceRecord, limit_km: float) -> bool:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    return km_between(a.lat, a.lon, b.lat, b.lon) <= limit_km


def _named_elsewhere(text: str, cand: Candidate, rec: PlaceRecord) -> bool:
    """True when the town ``rec`` is written under its own name, as ``cand`` is, elsewhere in
    the report too."""
    if rec.feature not in ("city", "village") or fold(rec.name) != fold(cand.span.text):
        return False
    return any(m.start() != cand.span.start for m in re.finditer(re.escape(cand.span.text), text))


#: "Little Italy", "Little Portugal": a quarter named after a country
_LITTLE_BEFORE = re.compile(r"\bLittle\s+$")
#: "St. Michael's Hospital", "St. Mary's Church": an institution named after a saint
_SAINTS_INSTITUTION = re.compile(
    r"^['’]s\s+(?:Hospital|Church|Cathedral|College|School|University|Academy|Chapel|Basilica|"
    r"Hall|Home|Centre|Center|Abbey|Priory|Infirmary)\b"
)
_SAINT = re.compile(r"^(?:St\.?|Saint|Ste\.?|San|Santa)\s")
_COMPASS_ONLY = re.compile(
    r"^(?:North|South|East|West|Central|Northern|Southern|Eastern|Western)"
    r"(?:[\s-]+(?:North|South|East|West|Central))?$"
)


def _named_after_a_place(text: str, cand: Candidate) -> str:
    """Why ``cand`` names no place although a place bears the name ("" when it may): a quarter
    called after a country ("Little Portugal"), an institution called after a saint ("St.
    Michael's Hospital"), or a compass name that goes on ("South East Asian")."""
    name = cand.span.text
    if _LITTLE_BEFORE.search(text[max(0, cand.span.start - 8) : cand.span.start]):
        return "a quarter named after a place ('Little ...')"
    if _SAINT.match(name) and _SAINTS_INSTITUTION.match(text[cand.span.end : cand.span.end + 20]):
        return "an institution named after a saint"
    if cand.continues and _COMPASS_ONLY.match(name):
        return "a compass word of a longer name"
    return ""


def _the_before_bare_name(text: str, cand: Candidate) -> bool:
    """True for a name written right after a lower-case "the" that neither goes on nor
    modifies a noun ("at the White House", not "the Harbal axis" or "the Aleppo governorate")."""
    if cand.ruler_id or cand.in_parens or cand.continues or cand.modifier or cand.gov.after:
        return False
    if not _THE_BEFORE.search(text[max(0, cand.span.start - 5) : cand.span.start]):
        return False
    end = max(cand.span.end, cand.name_end)
    if parenthetical_after(text, end):
        return False  # "the Cheme Ci (Cemco) area": the bracket's other spelling goes on
    nxt = _NEXT_WORD.match(text[end:])
    # the name ends its noun phrase: punctuation, a capital, or a function word follows
    return nxt is None or not nxt.group(1).islower() or nxt.group(1) in _FUNCTION_WORDS


def _big_town_listed(
    cand: Candidate, recs: Sequence[PlaceRecord], following: Resolved | None, label: str
) -> bool:
    """True when the context of ``cand`` is only the town written after it and ``cand`` is,
    by its own name, a city of 100,000 or more."""
    if following is None or following.record is None or cand.in_parens:
        return False
    if following.record.feature not in ("city", "village", "site"):
        return False
    if label != following.cand.span.text:
        return False
    key = fold(cand.span.text)
    return any(
        r.match == "name"
        and r.feature == "city"
        and r.population >= _BIG_TOWN
        and fold(r.name) == key
        for r in recs
    )


def _bracket_countries(text: str, cand: Candidate, gaz: Gazetteer) -> set[str]:
    """The country of the other admin units written in the same bracket as ``cand``
    ("(Al Maslub, Al Jawf)": Al Maslub is a Yemeni district, so Al Jawf is Yemen's)."""
    left = text.rfind("(", max(0, cand.span.start - 45), cand.span.start)
    right = text.find(")", cand.span.end, cand.span.end + 45)
    if left < 0 or right < 0:
        return set()
    own = fold(cand.span.text)
    countries: set[str] = set()
    for part in text[left + 1 : right].split(","):
        if not part.strip() or fold(part) == own or part.strip() in _CAPITAL_DISTRICT:
            continue
        recs = gaz.lookup(part.strip(), skeleton_fallback=False)
        units = {r.country for r in recs if r.feature in ("admin1", "admin2") and r.country}
        if len(units) == 1:
            countries |= units
    return countries if len(countries) == 1 else set()


def _score(
    rec: PlaceRecord,
    ctx: Context,
    a1: set[str],
    cc: set[str],
    key: str = "",
    unit_wanted: bool = False,
) -> float:
    s = rec.importance
    if unit_wanted and rec.feature in ("admin1", "admin2"):
        s += 3.0  # a bracketed name after a place is its admin unit: "(Qaatabah, Ad Dali)"
    if key and fold(rec.name) == key:
        # the name is the place's own name, not one of its alternate names; a real town's own
        # name outweighs a bigger city's exonym ("Valence" is also French for Valencia)
        s += 2.0 if rec.population >= _TOWN_ABROAD else 1.0
    if rec.match == "skeleton":
        s -= 3.0
        if key and skeleton(rec.name) == skeleton(key):
            s += 1.5  # "Nassriya": a spelling of the place's own name, not of an alias
    if ctx.focus and rec.country == ctx.focus:
        s += 4.0
    elif rec.country in ctx.countries:
        s += 1.5
    if (
        rec.admin1_code
        and rec.admin1_code in ctx.admin1
        and rec.feature != "country"
        and _vouched(ctx, rec.admin1_code, key)
    ):
        s += 1.0
    if ctx.region and rec.admin1_code == ctx.region and rec.feature != "country":
        s += _REGION_BONUS
    others = [
        pt
        for pt, name in zip(ctx.points, ctx.point_names or ("",) * len(ctx.points), strict=True)
        if not key or name != key
    ]
    if others and rec.lat is not None and rec.lon is not None and rec.feature != "country":
        near = min(km_between(rec.lat, rec.lon, la, lo) for la, lo in others)
        s += 1.5 if near < 50 else 0.75 if near < 200 else 0.0
    if a1 and rec.admin1_code in a1:
        s += 6.0
    elif cc and rec.country in cc:
        s += 4.0
    elif a1 or cc:
        s -= 2.0
    return s


def is_context_gap(text: str, before: Candidate | None, cand: Candidate) -> bool:
    """True when ``cand`` is written as the admin context of the place before it
    ("Kafr Nabl town in Idleb countryside", "Abu Kamal (Deir ez Zor)", "Jenin, West Bank")."""
    if before is None or before.span.end > cand.span.start:
        return False
    return bool(CONTEXT_GAP.match(text[before.span.end : cand.span.start]))


def resolve(
    text: str,
    cand: Candidate,
    following: Resolved | None,
    ctx: Context,
    gaz: Gazetteer,
    before: Candidate | None = None,
) -> Resolved:
    """Pick the record ``cand`` names (``record=None`` with a reason when there is none)."""
    if cand.ruler_id:
        try:
            region = gaz.get(cand.ruler_id)
        except NotFoundError:  # fall back to a name look-up
            region = None
        if region is not None and not (
            ctx.focus and region.country != ctx.focus and region.country not in ctx.named
        ):
            return Resolved(cand, region, 0.95, "named region (domain ruler)")
        # "El Hasahisa (Al Hasahisa locality, Al Jazirah state)" in a report on Sudan: not
        # Syria's Jazira; the name is read like any other
    county = _county_name(text, cand)
    if county is not None:
        return _resolve_county(text, cand, county, following, ctx, gaz)
    not_place = _named_after_a_place(text, cand)
    if not_place:
        return Resolved(cand, None, 0.0, not_place)
    recs = gaz.lookup(cand.span.text)
    a1, cc, label = _local_context(text, cand, following, gaz)
    if any(r.match == "name" for r in recs):
        named = [r for r in recs if r.match == "name"]
        units = a1 or (ctx.admin1 if not any(_focus_ground(r.country, ctx) for r in named) else ())
        if units and not any(r.admin1_code in units for r in named):
            # "Harbal town in Aleppo countryside": the name belongs to a place elsewhere, but a
            # spelling of a village inside the written unit (or the report's) is the one meant
            named += [
                r
                for r in recs
                if r.match == "skeleton"
                and r.admin1_code in units
                and (ctx.focus is None or _focus_ground(r.country, ctx))
            ]
        recs = named
    elif ctx.admin1 and not a1 and any(r.admin1_code in ctx.admin1 for r in recs):
        # a transliteration match in a report that places itself in admin1 units: only a
        # reading inside one of them ("Zarzouri village ... in Ar Raqqa governorate")
        recs = [r for r in recs if r.admin1_code in ctx.admin1]
    elif a1 and cand.in_parens:
        # "(Al Dhaher, Sadah)": a district spelt another way, inside its admin1 unit
        recs = [r for r in recs if r.feature == "admin2" and r.admin1_code in a1]
    elif ctx.focus or cc:
        recs = [r for r in recs if r.country == ctx.focus or (cc and r.country in cc)]
    elif not (cand.gov.strong or cand.gov.town):
        recs = []
    if _the_before_bare_name(text, cand):
        # "a ceremony at the White House": a town is not written with "the"; a building, a
        # body or a region of that name is meant
        recs = [
            r
            for r in recs
            if r.feature not in ("city", "village")
            or r.source != "geonames"
            or fold(r.name).startswith("the ")
        ]
        if not recs:
            return Resolved(cand, None, 0.0, "'the' before a town's name: not the town")
    if (
        cand.continues
        and cand.continues_word in FACILITY
        and ctx.region
        and recs
        and all(
            r.feature in ("city", "village")
            and r.population < _BIG_TOWN
            and r.admin1_code != ctx.region
            and r.admin1_code not in ctx.admin1
            and not _near_points(r, ctx, QUARTER_KM)
            for r in recs
        )
    ):
        # "gathered at Miller Park to march through Chattanooga (Tennessee)": a park, a school
        # or a stadium named after someone, not a small town outside the report's unit
        return Resolved(cand, None, 0.0, "facility name: no town of it in the report's unit")
    if cand.gov.after == "village":
        # "Gize village": not a foreign city of 100,000 that shares the name
        recs = [r for r in recs if r.population < _BIG_TOWN or r.country == ctx.focus]
    units = ctx.admin1 | ({ctx.region} if ctx.region else set())
    if cand.gov.after in _QUARTER_WORDS and (ctx.points or units):
        # "the Vista Alegre neighborhood", "Los Lotes sector", "El Limon canton": a quarter of
        # a town the report names, not a namesake far from every other place (or outside
        # every unit) of the report
        recs = [
            r
            for r in recs
            if _near_points(r, ctx, QUARTER_KM)
            or (not ctx.points and r.admin1_code in units)
            # "trespassing in Waterloo Square" after "in Waterloo (Ontario)": a square named
            # after the town the report names elsewhere lies in it
            or (r.admin1_code in units and _named_elsewhere(text, cand, r))
        ]
        if not recs:
            return Resolved(cand, None, 0.0, "neighbourhood of no place the report names")
    # a unit's spellings are all in the gazetteer: a transliteration match is a town (or a
    # district written inside brackets with its admin1 unit)
    recs = [
        r
        for r in recs
        if r.match == "name"
        or r.feature in ("city", "village", "site")
        or (r.feature == "admin2" and cand.in_parens and r.admin1_code in a1)
    ]
    if not recs:
        return Resolved(cand, None, 0.0, "not in gazetteer")
    if (ctx.admin1 or ctx.region) and not a1 and all(r.match == "skeleton" for r in recs):
        recs = [r for r in recs if r.admin1_code in ctx.admin1 or r.admin1_code == ctx.region]
        if not recs:
            return Resolved(cand, None, 0.0, "transliteration match outside the report's units")
    if a1 or cc:
        # admin context is written next to the name: a reading outside it is not this place
        if a1:
            fits = [r for r in recs if r.admin1_code in a1]
        else:
            fits = [r for r in recs if r.country in cc]
        if not fits:
            fits = [
                r
                for r in recs
                if r.match == "name"
                and r.feature in ("country", "admin1", "region")
                and (not a1 or r.country in cc)
            ]
        if not fits and a1:
            # "Jan Kempdorp (Phokwane, Frances Baard, Northern Cape)": the gazetteer files the
            # only town of the name in that country under a neighbouring unit (a border moved)
            key = fold(cand.span.text)
            towns = [
                r
                for r in recs
                if r.country in cc
                and r.feature == "city"
                and r.population >= _TOWN_ABROAD
                and fold(r.name) == key
            ]
            if (
                len(towns) == 1
                and sum(r.country in cc for r in recs) == 1
                and any(
                    _within(towns[0], unit, _BORDER_TOWN_KM)
                    for code in a1
                    if (unit := gaz.admin1(code)) is not None
                )
            ):
                fits = towns
        if not fits and _big_town_listed(cand, recs, following, label):
            # "Toronto, Ottawa, Montreal": a city of 100,000 or more before another town is
            # an item of a list, not a quarter of that town
            a1, cc, label = set(), set(), ""
        elif not fits and _ABBREVIATION.fullmatch(label.strip()):
            # "Kolkata city (WB)": an abbreviation whose unit holds no reading of the name
            # (West Bank, where West Bengal is meant) is no context
            a1, cc, label = set(), set(), ""
        elif not fits:
            return Resolved(cand, None, 0.0, f"not in gazetteer within {label}")
        else:
            recs = fits
            near = _near_bracket_district(text, cand, recs, gaz)
            if near:
                # "Jaba village (Jenin, West Bank)": of two Jabas, the one by Jenin district
                recs = near
    if (
        ctx.focus
        and not a1
        and not cc
        and all(_foreign_town(r, ctx, cand.in_parens) or _foreign_alias(r, ctx, cand) for r in recs)
        and cand.ruler_id is None
        and not _town_named_abroad(cand, recs)
        and not _quarter_of_big_city(cand, recs, gaz)
    ):
        return Resolved(cand, None, 0.0, "only small places outside the report's countries")
    if (
        ctx.focus
        and cand.modifier
        and not a1
        and not cc
        and all(
            r.country != ctx.focus
            and r.feature not in ("country", "region")
            and (r.population < _BIG_TOWN or fold(r.name) != fold(cand.span.text))
            for r in recs
        )
    ):
        return Resolved(cand, None, 0.0, "modifier of a common noun, outside the report's country")
    key = fold(cand.span.text)
    home = _bracket_home(cand, before, gaz)
    if home and any(r.admin1_code in home for r in recs):
        # "Nahr Ibrahim (Jubayl)", "El Mina (Tripoli)": the unit that holds the place before it
        recs = [r for r in recs if r.admin1_code in home]
    scored = sorted(
        ((_score(r, ctx, a1, cc, key, cand.in_parens), r) for r in recs),
        key=lambda x: (-x[0], x[1].id),
    )
    best_score, best = scored[0]
    second = scored[1][0] if len(scored) > 1 else best_score - 5.0
    reasons: list[str] = []
    if label:
        reasons.append(f"admin context ({label})")
    if ctx.focus and best.country == ctx.focus:
        reasons.append(f"focus country {ctx.focus}")
    gov = cand.gov
    same = [r for r in recs if r.match == "name" and r.admin1_code == best.admin1_code]
    as_context = (
        is_context_gap(text, before, cand)
        and not gov.town
        and gov.prep != "of"
        and "of" not in gov.modifiers
    )
    part_of_unit = gov.part and best.feature in ("city", "admin1") and _names_admin1(best, gaz)
    context_unit = (
        as_context
        and not _CITY_WRITTEN.search(cand.span.text)
        and (
            best.feature in ("admin1", "admin2")
            or (best.feature == "city" and _names_admin1(best, gaz))
        )
    )
    if context_unit and best.feature == "admin2" and not _names_place_in(before, best, gaz):
        # "Mala (Harib, Marib)": the name before the bracket is not in the gazetteer, so its
        # district is the nearest known point (the admin1 unit is written after it anyway)
        context_unit = False
        reasons.append("district of an unknown place before it")
    town_countryside = (
        gov.rural
        and not gov.province
        and not gov.part
        and best.feature in ("admin2", "city")
        and not _names_admin1(best, gaz)
    )
    if town_countryside:
        # "Quamishli countryside": around a town that is not its province's namesake
        towns = [r for r in same if r.feature in ("city", "village")]
        if best.feature == "admin2" and towns:
            best = max(towns, key=lambda r: r.population)
        reasons.append("countryside of a town")
    elif gov.rural or gov.province or part_of_unit or context_unit:
        unit = best if best.feature == "admin1" else None
        if (
            unit is None
            and best.admin1_code
            and (gov.province or _names_admin1(best, gaz) or best.feature == "admin2")
        ):
            unit = gaz.admin1(best.admin1_code)
        if unit is not None and gov.rural:
            # "rural Damascus", "Damascus countryside": the unit of the countryside when it is
            # a unit of its own (Rural Damascus)
            unit = _rural_unit(unit, gaz) or unit
        if unit is not None:
            best = unit
            reasons.append(
                "rural/province/part of X: admin1 unit"
                if gov.rural or gov.province or part_of_unit
                else "admin context of the place before it: admin1 unit"
            )
    elif best.feature in ("admin1", "admin2"):
        towns = [r for r in same if r.feature in ("city", "village")]
        if towns and not (best.feature == "admin2" and gov.after == "district"):
            best = max(towns, key=lambda r: r.population)
            reasons.append("town of the same name as its unit")
    if not reasons:
        reasons.append("only candidate" if len(recs) == 1 else "population and feature prior")
    if best.match == "skeleton":
        reasons.append("transliteration match")
    conf = 1.0 / (1.0 + math.exp(-(best_score - second)))
    return Resolved(cand, best, round(conf, 3), "; ".join(reasons))


def _county_name(text: str, cand: Candidate) -> str | None:
    """The X of "X County" ("Walker County", "the Walker County Fairgrounds", "Barrow, Jackson
    and Madison counties"), else None."""
    if cand.ruler_id:
        return None
    if cand.span.text.endswith(" County"):
        return cand.span.text[: -len(" County")]
    after = text[cand.span.end : cand.span.end + 200]
    if (
        _COUNTY_AFTER.match(after)
        or _COUNTIES_AFTER.match(after)
        or (
            re.match(r"^\s+counties\b", after)
            and _LAST_COUNTY.search(text[max(0, cand.span.start - 6) : cand.span.start])
        )
    ):
        return cand.span.text
    return None


def _resolve_county(
    text: str,
    cand: Candidate,
    name: str,
    following: Resolved | None,
    ctx: Context,
    gaz: Gazetteer,
) -> Resolved:
    """A county: the unit of that name ("Black Hawk County"; Kenya's and Liberia's counties are
    admin1 units), chosen by the admin context written next to it, then by the report's units,
    places and the units' size. A name that several units share with nothing to tell them apart
    is left unplaced. A county the gazetteer lacks is the town of its name inside the unit the
    report is about (a county often bears its seat's name), never a namesake elsewhere."""
    whole = fold(f"{name} County")
    units = [
        r
        for r in gaz.lookup(f"{name} County", skeleton_fallback=False)
        if r.match == "name" and r.feature == "admin2" and fold(r.name) == whole
    ] or [
        r
        for r in gaz.lookup(name, skeleton_fallback=False)
        if r.match == "name" and r.feature == "admin1" and fold(r.name) == fold(name)
    ]
    if units:
        return _choose_county(text, cand, units, following, ctx, gaz)
    if ctx.region is None:
        return Resolved(cand, None, 0.0, "county not in gazetteer")
    recs = [
        r
        for n in (f"{name} County", name)
        for r in gaz.lookup(n, skeleton_fallback=False)
        if r.match == "name"
        and r.feature in ("city", "village", "admin2")
        and r.admin1_code == ctx.region
    ]
    if not recs:
        return Resolved(cand, None, 0.0, "county not in gazetteer")
    best = max(recs, key=lambda r: (fold(r.name) == whole, r.feature == "admin2", r.importance))
    return Resolved(cand, best, 0.5, "county: the place of its name in the report's unit")


def _choose_county(
    text: str,
    cand: Candidate,
    units: list[PlaceRecord],
    following: Resolved | None,
    ctx: Context,
    gaz: Gazetteer,
) -> Resolved:
    """The one of ``units`` (counties of one name) that ``cand`` means."""
    a1, cc, label = _local_context(text, cand, following, gaz)
    if label.rstrip(" ,.").endswith((" County", " Parish", " Borough")):
        # "Allamakee County, Dallas County and Plymouth County": a list of counties, not a
        # county and its unit
        a1, cc, label = set(), set(), ""
    fits = [r for r in units if (r.admin1_code in a1 if a1 else r.country in cc)]
    if (a1 or cc) and not fits:
        return Resolved(cand, None, 0.0, f"county not in gazetteer within {label}")
    units = fits or units
    key = fold(cand.span.text)
    scored = sorted(
        ((_score(r, ctx, a1, cc, key), r) for r in units), key=lambda x: (-x[0], x[1].id)
    )
    best_score, best = scored[0]
    second = scored[1][0] if len(scored) > 1 else best_score - 5.0
    if best_score - second < _COUNTY_MARGIN:
        return Resolved(cand, None, 0.0, "county of a name several units share; nothing chooses")
    reason = f"county; admin context ({label})" if label else "county"
    conf = 1.0 / (1.0 + math.exp(-(best_score - second)))
    return Resolved(cand, best, round(conf, 3), reason)


def _near_bracket_district(
    text: str, cand: Candidate, recs: Sequence[PlaceRecord], gaz: Gazetteer
) -> list[PlaceRecord]:
    """The readings within :data:`_DISTRICT_KM` of a district named in the bracket after
    ``cand`` (districts are small: a namesake farther away is another place); empty when the
    bracket names no district or no reading is that near."""
    par = parenthetical_after(text, max(cand.span.end, cand.name_end))
    if not par or len(recs) < 2:
        return []
    points = [
        (r.lat, r.lon)
        for part in par.split(",")
        for r in gaz.lookup(part.strip(), skeleton_fallback=False)
        if r.feature == "admin2" and r.lat is not None and r.lon is not None
    ]
    return [
        r
        for r in recs
        if r.lat is not None
        and r.lon is not None
        and any(km_between(r.lat, r.lon, la, lo) <= _DISTRICT_KM for la, lo in points)
    ]


def _bracket_home(cand: Candidate, before: Candidate | None, gaz: Gazetteer) -> set[str]:
    """Admin1 codes of the readings of the name written right before a bracketed unit ("Nahr
    Ibrahim (Jubayl)"): the unit is the one that holds that place."""
    if not cand.in_parens or before is None or before.span.end > cand.span.start:
        return set()
    recs = gaz.lookup(before.span.text, skeleton_fallback=False)
    return {
        r.admin1_code for r in recs if r.admin1_code and r.feature in ("city", "village", "site")
    }


def _rural_unit(unit: PlaceRecord, gaz: Gazetteer) -> PlaceRecord | None:
    """The admin1 unit named "Rural X" (or "X Countryside") in the same country as the unit X:
    the countryside of a capital governorate is a unit of its own (Damascus, Rural Damascus)."""
    for name in (f"Rural {unit.name}", f"{unit.name} Countryside"):
        for r in gaz.lookup(name, skeleton_fallback=False):
            if r.feature == "admin1" and r.country == unit.country and r.id != unit.id:
                return r
    return None


def _names_place_in(before: Candidate | None, unit: PlaceRecord, gaz: Gazetteer) -> bool:
    """True when the name before ``unit`` is a known place inside the unit's admin1."""
    if before is None:
        return False
    return any(
        r.admin1_code == unit.admin1_code
        for r in gaz.lookup(before.span.text, skeleton_fallback=False)
    )


#: Countries whose ground a report moves across without naming the other: GeoNames codes the
#: West Bank and Gaza as Palestine, while reports speak of Israeli raids on Jenin.
_SHARED_GROUND: dict[str, frozenset[str]] = {
    "ISR": frozenset({"PSE"}),
    "PSE": frozenset({"ISR"}),
}


def _focus_ground(country: str | None, ctx: Context) -> bool:
    """True for the report's focus country and the ground it shares (:data:`_SHARED_GROUND`)."""
    if country is None or ctx.focus is None:
        return False
    return country == ctx.focus or country in _SHARED_GROUND.get(ctx.focus, frozenset())


def _near_points(rec: PlaceRecord, ctx: Context, km: float) -> bool:
    """True when ``rec`` lies within ``km`` of one of the report's confidently placed places."""
    if rec.lat is None or rec.lon is None:
        return False
    return any(km_between(rec.lat, rec.lon, la, lo) <= km for la, lo in ctx.points)


def _foreign_town(rec: PlaceRecord, ctx: Context, bracketed: bool = False) -> bool:
    """A small town (or a district not written as bracketed context) in a country the report
    neither focuses on nor names."""
    return (
        (rec.feature in ("city", "village", "site") or (rec.feature == "admin2" and not bracketed))
        and rec.population < 100_000
        and not _focus_ground(rec.country, ctx)
        and rec.country not in ctx.named
    )


def _quarter_of_big_city(cand: Candidate, recs: Sequence[PlaceRecord], gaz: Gazetteer) -> bool:
    """True for a quarter written as "City - Quarter" ("Belgrade - Stari Grad") of a city of
    100,000 or more: it stands as the city does, whatever the report's focus."""
    head, sep, _ = cand.span.text.partition(" - ")
    if not sep or not head.strip():
        return False
    countries = {r.country for r in recs if r.country}
    city = _CITY_WRITTEN.sub("", head.strip())  # "Seoul City - Yongsan"
    return any(
        r.feature == "city" and r.population >= _BIG_TOWN and r.country in countries
        for r in gaz.lookup(city, skeleton_fallback=False)
    )


def _town_named_abroad(cand: Candidate, recs: Sequence[PlaceRecord]) -> bool:
    """A town of 10,000 or more called by its own name (a city of 100,000 or more by any of its
    names) right after "in" / "at" is a place, whatever the report's focus ("demonstrators
    gathered in Sens", "in Milano", in a report on Ukraine)."""
    if cand.gov.prep not in ("in", "at") or cand.continues or cand.modifier:
        return False
    if _NAME_GOES_ON.match(cand.after_text):
        return False  # "Bandar e Emam Khomeyni": the first word of a longer name
    key = fold(cand.span.text)
    return any(
        r.match == "name"
        and r.feature in ("city", "village")
        and (
            (fold(r.name) == key and r.population >= _TOWN_ABROAD)
            # a city spaCy reads as a place, under another of its names ("Milano")
            or (r.population >= _BIG_TOWN and cand.label == "GPE")
        )
        for r in recs
    )


def _foreign_alias(rec: PlaceRecord, ctx: Context, cand: Candidate) -> bool:
    """A town of a country the report does not mention otherwise, found only under another
    of its names ("Al Akd" for a town of India): not the place a focused report means. A city
    of 100,000 or more under a longer form of its own name ("Gaza City") is no alias."""
    key = fold(cand.span.text)
    return (
        rec.feature in ("city", "village", "site")
        and not (rec.population >= _BIG_TOWN and key.startswith(fold(rec.name) + " "))
        and not _focus_ground(rec.country, ctx)
        and rec.country not in ctx.countries
        and fold(rec.name) != key
    )


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


def _names_admin1(rec: PlaceRecord, gaz: Gazetteer) -> bool:
    """True when a town carries the name of its admin1 unit (Aleppo, Raqqa, Deir ez-Zor)."""
    if not rec.admin1_code:
        return False
    unit = gaz.admin1(rec.admin1_code)
    return (unit is not None and fold(unit.name) == fold(rec.name)) or (
        unit is not None and unit.lat == rec.lat and unit.lon == rec.lon
    )
