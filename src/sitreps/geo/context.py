"""The words around a place mention: governing preposition, qualifiers and admin context.

Everything here works on the report text and character offsets, so it serves both the toponym
stage (to accept and disambiguate candidates) and the event-location choice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitreps.models import Span

#: prepositions that place something at a location
LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "inside",
        "outside",
        "around",
        "across",
        "into",
        "within",
        "throughout",
        "on",
        "toward",
        "towards",
        "to",
        "through",
        "via",
        "along",
        "over",
        "above",
        "off",
        "nearby",
        "outskirts",
        "between",
        "from",
        "for",
        "of",
        "and",
        "or",
        "by",
        "beyond",
        "against",
    }
)
#: prepositions that strongly mark a location (enough to override an actor/person reading)
STRONG_LOCATIVE = frozenset(
    {"in", "at", "near", "inside", "outside", "around", "across", "into", "within", "throughout",
     "toward", "towards", "from", "through", "via", "outskirts", "nearby"}
)  # fmt: skip
#: nouns for the parts around or above a place ("off the coast of X", "in the airspace above
#: X", "the surroundings of X"): they take "of" and leave the event near the place
_AROUND_NOUNS = frozenset(
    {"coast", "shore", "shores", "waters", "airspace", "skies", "surroundings"}
)
#: words that may stand between a preposition and the place name
_MODIFIERS = frozenset(
    {
        "the",
        "a",
        "an",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "north",
        "south",
        "east",
        "west",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "north-eastern",
        "north-western",
        "south-eastern",
        "south-western",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "rural",
        "besieged",
        "city",
        "town",
        "village",
        "province",
        "governorate",
        "countryside",
        "outskirts",
        "vicinity",
        "suburbs",
        "suburb",
        "area",
        "areas",
        "region",
        "district",
        "of",
        "front",
        "lines",
        "line",
        "frontlines",
        "frontline",
        "villages",
        "towns",
        "parts",
        "part",
        "heart",
        "center",
        "centre",
        "edge",
        "edges",
        "entrance",
        "rest",
        "km",
        "kilometres",
        "kilometers",
        "miles",
        "neighbourhood",
        "neighborhood",
        "camp",
        "old",
        "greater",
        "nearby",
        "occupied",
        "liberated",
        "opposition-held",
        "rebel-held",
        "regime-held",
        "government-held",
        "some",
        "several",
        "many",
        "downtown",
        "capital",
    }
    | _AROUND_NOUNS
)
#: nouns that take "of" before a place name ("province of X", "outskirts of X")
_UNIT_NOUNS = frozenset(
    {
        "front",
        "fronts",
        "frontline",
        "axis",
        "province",
        "governorate",
        "countryside",
        "outskirts",
        "vicinity",
        "suburbs",
        "suburb",
        "city",
        "town",
        "village",
        "area",
        "areas",
        "region",
        "district",
        "heart",
        "center",
        "centre",
        "edge",
        "edges",
        "entrance",
        "parts",
        "part",
        "west",
        "east",
        "north",
        "south",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "villages",
        "towns",
        "rest",
        "environs",
        "neighbourhood",
        "neighborhood",
        "capital",
        "outskirt",
    }
    | _AROUND_NOUNS
)
#: adjectives that name a part of a place ("northern Idlib")
_PART_WORDS = frozenset(
    {"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
     "southeastern", "southwestern", "north-eastern", "north-western", "south-eastern",
     "south-western"}
)  # fmt: skip
#: qualifiers that make an event "near"/"part of" a place (ACLED geo_precision 2); ACLED
#: codes "the outskirts of X" and "X suburbs" at X itself (precision 1)
NEAR_WORDS = frozenset(
    {
        "near",
        "nearby",
        "vicinity",
        "coast",
        "shore",
        "shores",
        "waters",
        "outside",
        "around",
        "countryside",
        "rural",
        "axis",
        "road",
        "highway",
        "km",
        "kilometres",
        "kilometers",
        "miles",
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "area",
        "areas",
        "badia",
        "environs",
        "surroundings",
        "edge",
        "edges",
        "crossing",
        "front",
    }
)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+|[(),.;:!?\"“”]")
_RURAL_AFTER = re.compile(
    r"^[’']?s?\s+(?:(?:northern|southern|eastern|western|central|"
    r"north|south|east|west)[\w-]*\s+)?(countryside|suburbs|outskirts)\b",
    re.I,
)
#: "X neighborhood": a quarter of a town, and a word that makes X a place
NEIGHBOURHOOD_AFTER = frozenset({"neighborhood", "neighbourhood"})
#: words after a name that make it a part of a town ("Los Lotes sector", "El Limon canton"):
#: they place the name near the report's towns but do not make a word a place on their own
QUARTER_AFTER = frozenset(
    {"sector", "canton", "community", "locality", "square", "quarter", "suburb", "barrio"}
)
_UNIT_AFTER = re.compile(
    r"^\s+(province|governorate|governate|sub-?district|district|region|city|town|"
    r"villages|village|camp|axis|road|highway|crossing|badia|area|desert|valley|"
    r"neighbou?rhood|front[- ]?lines?|front|hills?|mountains?|sector|canton|community|"
    r"locality|square|quarter|suburb|barrio)\b",
    re.I,
)
_COMPARISON = re.compile(
    r"\b(?:as in|like|unlike|similar to|compared (?:to|with)|than in|than|reminiscent of|"
    r"the way|as happened in|as it did in|as was the case in)\s+(?:the\s+)?$",
    re.I,
)
_ORIGIN_NOUNS = re.compile(
    r"\b(arms|weapons|ammo|ammunition|support|aid|supplies|shipments?|funding|funds|money|"
    r"equipment|fighters|reinforcements|missiles|rockets|drones|assistance|help|backing|"
    r"training|deliveries|convoys?|received|receiving|receive|sent|send|sending|supplied|"
    r"delivered|smuggled|imported|came|coming|arriving|arrived|fled|flee|fleeing|returned|"
    r"returning)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Governor:
    """The words that govern a place mention."""

    prep: str | None  # nearest preposition before the name ("in", "near", "from" ...)
    modifiers: tuple[str, ...]  # words between the preposition and the name
    after: str | None  # a unit word right after the name ("countryside", "province", "axis")
    rural: bool  # "rural X", "X countryside", "countryside of X"
    province: bool  # "X province", "province of X", "X governorate"
    town: bool  # "X city/town/village", "city of X"
    near: bool  # a qualifier that makes the place approximate (ACLED precision 2)
    comparison: bool  # "as in X", "like X", "compared with X"
    origin: bool  # "from X" after a supply/transfer noun or verb ("arms from Jordan")
    part: bool = False  # a part of the place: "northern Idlib", "eastern Deir ez-Zor countryside"

    @property
    def locative(self) -> bool:
        return self.prep in LOCATIVE

    @property
    def strong(self) -> bool:
        return self.prep in STRONG_LOCATIVE or self.rural or self.province or "of" in self.modifiers


def _clause_start(text: str, start: int, floor: int) -> int:
    """Start of the clause containing ``start`` (after the last ; : . ! ? or newline)."""
    cut = floor
    for m in re.finditer(r"[;:.!?\n]\s", text[floor:start]):
        cut = floor + m.end()
    return cut


def governor(text: str, start: int, end: int, floor: int = 0) -> Governor:
    """Read the words before ``text[start:end]`` (back to ``floor``) and right after it."""
    left = text[max(floor, start - 160) : start]
    words = _WORD_RE.findall(left)
    mods: list[str] = []
    prep: str | None = None
    for k in range(len(words) - 1, -1, -1):
        lw = words[k].lower().replace("’", "'")
        if lw != "of" and (lw in _MODIFIERS or re.fullmatch(r"\d+", lw)):
            mods.append(lw)
            continue
        if lw == "of" and k > 0 and words[k - 1].lower() in _UNIT_NOUNS:
            mods.append(lw)
            continue
        if lw in LOCATIVE:
            prep = lw
        break
    mods.reverse()
    right = text[end : end + 60]
    after = None
    rural_m = _RURAL_AFTER.match(right)
    unit_m = _UNIT_AFTER.match(right)
    if rural_m:
        after = rural_m.group(1).lower()
    elif unit_m:
        after = unit_m.group(1).lower()
    rural = "rural" in mods or after in ("countryside",) or ("countryside" in mods and "of" in mods)
    province = after in ("province", "governorate", "governate") or (
        ("province" in mods or "governorate" in mods) and "of" in mods
    )
    town = after in ("city", "town", "village") or (
        bool({"city", "town", "village"} & set(mods)) and "of" in mods
    )
    near = (
        bool(NEAR_WORDS & set(mods))
        or prep in ("near", "around", "outside", "nearby")
        or (
            after
            in (
                "axis",
                "road",
                "highway",
                "crossing",
                "badia",
                "area",
                "district",
                "neighborhood",
                "neighbourhood",
                "front",
                "frontline",
                "frontlines",
                "front line",
                "front lines",
                "front-line",
                "front-lines",
                "hill",
                "hills",
                "mountain",
                "mountains",
                "desert",
                "valley",
                "villages",
                "sub-district",
                "subdistrict",
            )
        )
    )
    clause = text[_clause_start(text, start, floor) : start]
    comparison = bool(_COMPARISON.search(text[max(floor, start - 40) : start]))
    origin = prep == "from" and bool(_ORIGIN_NOUNS.search(clause))
    part = bool(_PART_WORDS & set(mods)) or bool(
        rural_m and re.search(r"(?:north|south|east|west|central)", rural_m.group(0), re.I)
    )
    return Governor(prep, tuple(mods), after, rural, province, town, near, comparison, origin, part)


def inside_origin_phrase(text: str, start: int, floor: int = 0) -> bool:
    """True when the mention sits in a ``from ...`` phrase of a transfer ("arms from the X
    Operation Room in Jordan"): a ``from`` earlier in the clause, after a supply word, with no
    verb-like break (comma, "and then", "to") between it and the mention."""
    clause_from = _clause_start(text, start, floor)
    clause = text[clause_from:start]
    froms = list(re.finditer(r"\bfrom\b", clause, re.I))
    if not froms:
        return False
    m = froms[-1]
    between = clause[m.end() :]
    if re.search(r",|\bto\b|\binto\b|\bthen\b|\bwhere\b|\bwhich\b|\bwho\b", between, re.I):
        return False
    return bool(_ORIGIN_NOUNS.search(clause[: m.start()]))


#: ACLED's coding remarks in brackets ("(coded to Wadi X)", "(location unclear)", "(Kurdish
#: name)"): not admin context; the unit bracket may follow them
_REMARK = re.compile(r"^\s*\((?:coded\b|location\b|[a-z][^()]{0,40}\bname\b)[^()]{0,60}\)")
#: "(coded to Wadi X)": ACLED's note that the place before is coded at X
CODED_TO = re.compile(r"\(\s*coded to\s+$")


def parenthetical_after(text: str, end: int) -> str | None:
    """The content of ``(Deir ez Zor)`` or ``(Nablus, West Bank)`` right after a mention,
    past ACLED's coding remarks ("Dhanah (coded to Wadi Dhanah) (Sirwah, Marib)")."""
    for _ in range(3):
        remark = _REMARK.match(text[end : end + 120])
        if remark is None:
            break
        end += remark.end()
    m = re.match(
        r"^\s*(?:city|town|village|camp|area|district|sub-district|subdistrict|governorate|"
        r"province|neighbou?rhood|municipality|junction|bridge|road|checkpoints?|crossing|"
        r"roundabout|square|farms?|towns|villages)?\s*\(([^()]{2,80})\)",
        text[end : end + 100],
    )
    if m is None or m.group(1).lstrip()[:1].islower():
        return None
    return m.group(1)


def coded_elsewhere(text: str, end: int) -> bool:
    """ACLED codes the place ending at ``end`` elsewhere: "X (coded to Y)", "X (location
    unclear)"."""
    return bool(
        re.match(
            r"^(?:\s+(?:state|province|governorate|region|district|municipality|department|"
            r"county|city|town|village|area))?\s*\((?:coded to|location unclear)\b",
            text[end : end + 45],
        )
    )


def claimed_in_quotes(text: str, start: int) -> bool:
    """The place is quoted from a party's claim ("'in Jizan'"): ACLED codes it elsewhere."""
    # an opening quote (after a space or bracket), not the closing one of "a 'walk' in X"
    return bool(
        re.search(
            r"(?:^|[\s(])['‘]\s*(?:in|at|near)\s+(?:the\s+)?$", text[max(0, start - 16) : start]
        )
    )


_DATELINE_AFTER = re.compile(
    r"^\s*(?:,\s*[A-Z][\w .]{1,30})?\s*(?:\([A-Za-z .]{1,30}\)\s*)?[—–-]{1,2}\s"
)


def is_dateline(text: str, span: Span) -> bool:
    """A dateline: a place at the start of a line, followed by an agency and a dash
    ("BEIRUT (Reuters) -", "Alexandria, Va. --")."""
    line_start = text.rfind("\n", 0, span.start) + 1
    if text[line_start : span.start].strip():
        return False
    after = text[span.end : span.end + 50]
    return bool(_DATELINE_AFTER.match(after)) or (
        span.text.isupper() and len(span.text) > 3 and after.lstrip().startswith((",", "("))
    )
