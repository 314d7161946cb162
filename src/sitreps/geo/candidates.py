"""Candidate place spans of a parsed report.

Sources: the domain ruler's ``PLACE`` entities (named regions, with their id), spaCy's
``GPE``/``LOC``/``FAC`` entities, and gazetteer matching of capitalised token runs that spaCy
labelled as something else or missed. Context filters keep person names, organisations,
actor mentions, dates and demonyms out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sitreps.geo.context import Governor, governor
from sitreps.geo.gazetteer import Gazetteer
from sitreps.geo.regions import demonyms, not_places
from sitreps.models import Span

PLACE_ENTS = frozenset({"GPE", "LOC", "FAC", "PLACE"})
#: spaCy labels that are never places, whatever the gazetteer says
NEVER = frozenset({"CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
#: labels that need a locative context to be read as places
DOUBTFUL = frozenset(
    {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE", "DATE", "TIME", "NORP"}
)
_CONNECTORS = frozenset(
    {"al", "el", "ez", "ed", "ad", "ar", "as", "ash", "an", "at", "az", "de", "du", "la", "le",
     "of", "bin", "ibn", "abu", "-", "'", "’", "del", "da", "do", "dos", "das",
     "wa",
     "sur", "upon", "on",
     # French, Italian, Dutch and German particles of town names ("Croix-des-Bouquets",
     # "Aix-en-Provence", "Reggio di Calabria", "Bergen op Zoom", "Frankfurt am Main")
     "des", "les", "lès", "en", "aux", "di", "della", "van", "von", "der", "den", "op", "am"}
)  # fmt: skip
#: words that may be dropped from an entity to find the place it names ("Idlib city")
_STRIPPABLE = frozenset(
    {"city", "town", "village", "province", "governorate", "district", "region", "area",
     "countryside", "camp", "northern", "southern", "eastern", "western", "central", "north",
     "south", "east", "west", "greater", "rural", "municipality", "capital", "suburbs",
     "outskirts"}
)  # fmt: skip
_DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
     "northwest", "northeast", "southwest", "southeast", "midwest", "upper", "lower"}
)  # fmt: skip
#: capitalised words that make a facility of a town's name ("Idlib Hospital"): the town stays
FACILITY = frozenset(
    {"hospital", "mosque", "school", "university", "prison", "airport", "port", "bridge",
     "square", "street", "road", "market", "camp", "checkpoint", "base", "station", "stadium",
     "hotel", "church", "gate", "roundabout", "park", "court", "police", "municipality",
     "council", "center", "centre", "hall", "highway", "dam", "refinery", "field", "airbase"}
)  # fmt: skip
#: parts of speech a capitalised sentence-initial word has when it starts no name
_NOT_NAME_START = frozenset({"VERB", "AUX", "ADV", "ADP", "DET", "PRON", "SCONJ", "CCONJ"})
_KEEP_ACRONYMS = frozenset({"US", "USA", "UK", "UAE", "DRC", "KSA", "U.S.", "U.K."})
_MAX_TOKENS = 6


@dataclass(frozen=True, slots=True)
class Candidate:
    span: Span
    label: str  # GPE, LOC, FAC, PLACE (ruler) or GAZ (gazetteer match)
    ruler_id: str | None  # place id given by the ruler
    gov: Governor
    doubtful: bool  # spaCy labelled it PERSON/ORG/...: needs a locative context
    continues: bool = False  # a capitalised name goes on after it ("Jordan Times")
    headline: bool = False  # in a title-case line, where capitals say nothing
    after_text: str = ""  # the 30 characters after the span
    in_parens: bool = False  # inside "(...)" right after a word: admin context
    continues_word: str = ""  # the word that carries the name on (lower case)
    #: the name is joined by an article to a word before it ("Bab al Yemen"): part of a name
    joined_before: bool = False
    #: the name modifies a common noun right after it ("Molotov cocktails", "X mosque")
    modifier: bool = False
    #: end of the whole capitalised name the candidate starts ("Khirbat" in "Khirbat Al Tamr")
    name_end: int = 0
    #: written as a news dateline ("NEWARK --", "CHATTANOOGA, Tenn. (AP) —"): a place
    dateline: bool = False


def _trim(doc: Any, start: int, end: int) -> tuple[int, int]:
    """Token range without a leading "the" and a trailing possessive or punctuation."""
    while start < end and (doc[start].lower_ in ("the",) or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].lower_ in ("'s", "’s", "'", "’") or doc[end - 1].is_punct):
        end -= 1
    return start, end


def _is_cap(tok: Any) -> bool:
    t = tok.text
    return bool(t[:1].isupper()) and any(c.isalpha() for c in t) and not tok.like_num


#: words that join a name's parts only when the whole is a known name (Persian "e" of
#: "Eslamabad-e Gharb", "Shahr e Kord"); they never mark a candidate as continuing
_RUN_JOINERS = frozenset({"e"})


def _word_ok(tok: Any) -> bool:
    return _is_cap(tok) or tok.lower_ in _CONNECTORS or tok.lower_ in _RUN_JOINERS


def _overlaps(span: Span, spans: list[Span]) -> bool:
    return any(span.overlaps(s) for s in spans)


def _headline_sentences(parsed: Any) -> list[tuple[int, int]]:
    """Character ranges of title-case lines ("Grand Jury Indicts Man In December Slaying")."""
    out = []
    for s in parsed.sentences:
        words = re.findall(r"[A-Za-z][\w'-]*", s.text)
        if len(words) >= 4 and sum(w[0].isupper() for w in words) / len(words) > 0.7:
            out.append((s.start, s.end))
    return out


_DATELINE_TAIL = re.compile(
    r"^(?:,\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)?\s*(?:\([A-Za-z .]{1,30}\)\s*)?"
    r"(?:--|[—–]|-\s|:\s)"
)


def dateline_shape(text: str, span: Span) -> bool:
    """A name in capitals followed by a dash, after an optional unit and agency ("NEWARK --",
    "ROME (Reuters) -", "CHATTANOOGA, Tenn. (AP) —"): the dateline of a news report."""
    letters = [ch for ch in span.text if ch.isalpha()]
    before = text[max(0, span.start - 12) : span.start].split()
    return (
        len(letters) >= 3
        and span.text.isupper()
        # "ST. PARIS": the end of a longer name in capitals is not the dateline
        and not (before and any(ch.isalpha() for ch in before[-1]) and before[-1].isupper())
        and bool(_DATELINE_TAIL.match(text[span.end : span.end + 50]))
    )


def _bad_shape(text: str, span: Span) -> bool:
    """Spans that are never toponyms: a bare direction word, an unknown acronym, the first
    half of a hyphenated compound ("Sub-Saharan", "Mubarak-Gore")."""
    t = span.text
    if t.lower() in _DIRECTIONS:
        return True
    if (
        t.replace(".", "").isupper()
        and len(t.replace(".", "")) <= 5
        and t not in _KEEP_ACRONYMS
        and not dateline_shape(text, span)
    ):
        return True
    return text[span.end : span.end + 1] == "-" and text[span.end + 1 : span.end + 2].isalpha()


def collect(parsed: Any, gaz: Gazetteer, actor_spans: list[Span]) -> list[Candidate]:
    """Candidate spans, non-overlapping, in text order."""
    doc = parsed.doc
    text: str = parsed.report.text
    dem = demonyms()
    stop = not_places()
    heads = _headline_sentences(parsed)
    sent_starts = [s.start for s in parsed.sentences] or [0]
    out: list[Candidate] = []
    taken = [False] * len(doc)
    ent_label = [""] * len(doc)
    ent_end = [0] * len(doc)
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            ent_label[i] = ent.label_
            ent_end[i] = ent.end

    def floor_of(char: int) -> int:
        best = 0
        for s in sent_starts:
            if s <= char:
                best = s
        return best

    def add(t0: int, t1: int, label: str, ruler_id: str | None, doubtful: bool) -> None:
        t0, t1 = _trim(doc, t0, t1)
        if t0 >= t1:
            return
        start, end = doc[t0].idx, doc[t1 - 1].idx + len(doc[t1 - 1].text)
        span = Span.of(text, start, end)
        if span.text.lower() in dem or not span.text.strip():
            return
        if label != "PLACE" and _bad_shape(text, span):
            return
        gov = governor(text, start, end, floor_of(start))
        dateline = dateline_shape(text, span)
        if (
            _overlaps(span, actor_spans)
            and not gov.strong
            and not dateline
            and not _UNIT_CONTEXT_BEFORE.search(text[max(0, start - 40) : start])
        ):
            # an actor named after a place ("Ankara said"); kept as the unit written after a
            # town ("Altindag town, Ankara", "Kafr Nabl (Idleb)")
            return
        for i in range(t0, t1):
            taken[i] = True
        forward = t1 < len(doc) and _continues_name(doc, t1)
        backward = (
            t0 > 0
            and not doc[t0].is_sent_start
            and _continues_name(doc, t0 - 1)
            # "at Taizz" is English; "Bab al Yemen" joins two words of one name
            and (
                doc[t0 - 1].lower_ not in _CONNECTORS
                or (t0 > 1 and _name_word(doc[t0 - 2]) and not _generic_prefix(doc[t0 - 2]))
            )
        )
        continues = forward or backward
        headline = any(a <= start < b for a, b in heads)
        in_parens = bool(
            re.search(r"[\w)]\s*\([^()]{0,40}$", text[max(0, start - 45) : start])
            and re.match(r"^[^()]{0,40}\)", text[end : end + 41])
        )
        cont_word = doc[t1].lower_ if forward else doc[t0 - 1].lower_ if backward else ""
        joined = (
            t0 > 1
            and doc[t0 - 1].lower_ in _ARTICLES
            and doc[t0 - 1].text.islower()
            and _name_word(doc[t0 - 2])
            and not _generic_prefix(doc[t0 - 2])
        )
        name_end = end
        if continues and t1 < len(doc) and _continues_name(doc, t1):
            k = t1
            while (
                k < len(doc)
                and k - t0 < 8
                and _word_ok(doc[k])
                and doc[k].lower_ not in ("of", "on", "upon", "sur")
            ):
                k += 1
            while k > t1 and (
                doc[k - 1].lower_ in _CONNECTORS or doc[k - 1].lower_ in _RUN_JOINERS
            ):
                k -= 1
            name_end = doc[k - 1].idx + len(doc[k - 1].text)
            if k - 1 > t1 and doc[k - 1].lower_ in FACILITY:
                # "Sidnaya Military Prison": a facility named after the place
                cont_word = doc[k - 1].lower_
        out.append(
            Candidate(
                span,
                label,
                ruler_id,
                gov,
                doubtful,
                continues,
                headline,
                text[end : end + 30],
                in_parens,
                cont_word,
                joined,
                _modifies_noun(doc, t1),
                name_end,
                dateline,
            )
        )

    # 1. ruler regions and NER places
    for ent in doc.ents:
        if ent.label_ == "PLACE":
            add(ent.start, ent.end, "PLACE", ent.ent_id_ or None, False)
        elif ent.label_ in PLACE_ENTS:
            t0, t1 = _trim(doc, ent.start, ent.end)
            longer = _extend_known(doc, t0, t1, gaz)
            if longer is not None:
                add(t0, longer, ent.label_, None, False)
                continue
            if t0 < t1 and gaz.has_name(doc[t0:t1].text):
                add(ent.start, ent.end, ent.label_, None, False)
            elif ent.label_ in ("GPE", "LOC"):
                sub = _strip_units(doc, t0, t1, gaz)
                runs = [sub] if sub is not None else _known_runs(doc, t0, t1, gaz)
                for a, b in runs:
                    add(a, b, ent.label_, None, False)
                if not runs:
                    add(ent.start, ent.end, ent.label_, None, False)
    # 2. gazetteer matching of capitalised runs
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if taken[i] or not _is_cap(tok) or ent_label[i] in NEVER:
            i += 1
            continue
        if tok.is_sent_start and tok.pos_ in _NOT_NAME_START and ent_label[i] == "":
            i += 1  # "Coded as Kut city": a sentence's first verb is not part of a name
            continue
        j = i
        while j < n and j - i < _MAX_TOKENS and not taken[j] and _word_ok(doc[j]):
            if ent_label[j] in NEVER:
                break
            j += 1
        match = None
        if (
            i > 0
            and doc[i - 1].text == "("
            and j < n
            and doc[j].text == ","
            and j - i > 1
            and not gaz.has_name(doc[i:j].text)
            and gaz.has_skeleton(doc[i:j].text)
        ):
            # "(Kitaf wa Al Boqee, Sadah)": a whole bracketed unit in another spelling
            match = j
        for k in range(j, i if match is None else j, -1):
            if not _is_cap(doc[k - 1]) or doc[k - 1].lower_ in _CONNECTORS:
                continue
            name = doc[i:k].text
            if len(name) < 3 or (k - i == 1 and name.lower() in stop):
                continue
            if gaz.has_name(name):
                match = k
                break
        if match is None:
            match = _skeleton_match(doc, i, j, gaz, stop)
        if match is None:
            i += 1
            continue
        labels = {ent_label[x] for x in range(i, match)} - {""}
        # part of a longer PERSON/ORG entity ("Michael Jordan", "Jordan Times")
        inside = any(ent_label[x] in DOUBTFUL and ent_end[x] > match for x in range(i, match))
        add(i, match, "GAZ", None, bool(labels & DOUBTFUL) or inside)
        i = match
    out.sort(key=lambda c: c.span.start)
    return out


_UNIT_CONTEXT_BEFORE = re.compile(
    r"(?:\b(?:town|city|village|district|neighbou?rhood|area|camp)\s*,|\w\s*\()\s*$"
)
#: articles that join two words of one Arabic name ("Bab al Yemen", "Dar el Ouassaa")
_ARTICLES = frozenset({"al", "el", "ez", "ed", "ad", "ar", "as", "ash", "an", "at", "az"})


#: Arabic words for "sub-district of", "village of", "centre of" written before a name
#: ("Nahiyat ar Riyad", "Qaryat al Abbarah"): the name proper starts after them
_GENERIC_PREFIXES = frozenset({"nahiyat", "nahiya", "nahiyah", "qaryat", "qarya", "markaz"})


def _generic_prefix(tok: Any) -> bool:
    return bool(tok.lower_ in _GENERIC_PREFIXES)


def _name_word(tok: Any) -> bool:
    """A capitalised word that can be part of a name (not "Coded" in "Coded as Kut city")."""
    return _is_cap(tok) and not (tok.is_sent_start and tok.pos_ in _NOT_NAME_START)


def _modifies_noun(doc: Any, t1: int) -> bool:
    """True when the name ending before token ``t1`` is a modifier of the lower-case common noun
    right after it ("Molotov cocktails", "Al Birr mosque"): it names a thing, not where."""
    if t1 >= len(doc) or t1 < 1:
        return False
    nxt = doc[t1]
    last = doc[t1 - 1]
    if not nxt.text.isalpha() or not nxt.text.islower() or nxt.pos_ not in ("NOUN",):
        return False
    if nxt.lower_ in _UNIT_WORDS or nxt.lower_ in _TOWN_AFTER:
        return False
    return last.dep_ in ("compound", "amod", "nmod") and last.head.i >= t1


_UNIT_WORDS = frozenset(
    {"province", "governorate", "district", "city", "town", "village", "countryside", "region",
     "camp", "axis", "road", "highway", "area", "county", "state", "valley", "mountains", "river",
     "desert", "plain", "airport", "airbase", "base", "crossing", "dam", "border", "parish"}
)  # fmt: skip


def _continues_name(doc: Any, k: int) -> bool:
    """True when token ``k``, right after or right before a candidate, is a capitalised word
    of the same name ("Al-Muk Operation Room", "Jordan Times", "Talass Al-Salama"): the
    candidate may be part of another name."""
    tok = doc[k]
    if (
        tok.lower_ in _CONNECTORS
        and k + 1 < len(doc)
        and tok.text.isalpha()
        and (tok.lower_ not in ("of", "on", "upon", "sur"))
    ):
        # "Dar el Ouassaa", "Bab al-Amod": an article joins the next word to the name
        nxt = doc[k + 1] if doc[k + 1].text not in ("-",) else doc[min(k + 2, len(doc) - 1)]
        return _is_cap(nxt) and not tok.is_sent_start
    if not _is_cap(tok) or tok.lower_ in _UNIT_WORDS or tok.lower_ in _CONNECTORS:
        return False
    return not tok.is_sent_start


def _extend_known(doc: Any, t0: int, t1: int, gaz: Gazetteer) -> int | None:
    """A longer known name that an entity is the start of ("Deir" + "ez Zor")."""
    j = t1
    while j < len(doc) and j - t0 < _MAX_TOKENS and _word_ok(doc[j]):
        j += 1
    for k in range(j, t1, -1):
        if (
            _is_cap(doc[k - 1])
            and doc[k - 1].lower_ not in _CONNECTORS
            and gaz.has_name(doc[t0:k].text)
        ):
            return k
    return None


_TOWN_AFTER = frozenset(
    {"town", "village", "city", "area", "district", "camp", "neighborhood", "neighbourhood",
     "subdistrict", "hills", "hill", "axis", "frontline"}
)  # fmt: skip
_PREP_BEFORE = frozenset({"in", "near", "at", "outside", "of", "into", "around"})


def _skeleton_match(doc: Any, i: int, j: int, gaz: Gazetteer, stop: frozenset[str]) -> int | None:
    """A run written like a village name ("Rmelan town", "in Tawileh") that only a
    transliteration (skeleton) match finds: accepted only with a town word after it or a
    locative preposition before it; resolution then keeps readings in the admin context."""
    before = doc[i - 1].lower_ if i > 0 else ""
    for k in range(j, i, -1):
        if not _is_cap(doc[k - 1]) or doc[k - 1].lower_ in _CONNECTORS:
            continue
        after = doc[k].lower_ if k < len(doc) else ""
        bracketed = before == "(" and after == ","  # "(Al Dhaher, Sadah)": a bracketed unit
        if after not in _TOWN_AFTER and before not in _PREP_BEFORE and not bracketed:
            continue
        name = doc[i:k].text
        if k - i == 1 and name.lower() in stop:
            continue
        if gaz.has_skeleton(name):
            return k
    return None


def _known_runs(doc: Any, t0: int, t1: int, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Known names among the capitalised runs of an entity that is not a name as a whole
    ("Dilovasi district of Kocaeli" -> "Kocaeli")."""
    out: list[tuple[int, int]] = []
    i = t0
    while i < t1:
        if not _is_cap(doc[i]) or doc[i].lower_ in _STRIPPABLE:
            i += 1
            continue
        j = i
        while j < t1 and _is_cap(doc[j]) and doc[j].lower_ not in _STRIPPABLE:
            j += 1
        if (i, j) != (t0, t1) and gaz.has_name(doc[i:j].text):
            out.append((i, j))
        i = j
    return out


def _strip_units(doc: Any, t0: int, t1: int, gaz: Gazetteer) -> tuple[int, int] | None:
    """An entity without leading/trailing unit and direction words, when the gazetteer knows
    the rest ("Idlib city" -> "Idlib", "northern Syria" -> "Syria")."""
    a, b = t0, t1
    while a < b and doc[a].lower_ in _STRIPPABLE:
        a += 1
    while b > a and doc[b - 1].lower_ in _STRIPPABLE:
        b -= 1
    if (a, b) != (t0, t1) and a < b and gaz.has_name(doc[a:b].text):
        return a, b
    return None
