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
from sitreps.geo.regions import demonyms
from sitreps.models import Span

PLACE_ENTS = frozenset({"GPE", "LOC", "FAC", "PLACE"})
#: spaCy labels that are never places, whatever the gazetteer says
NEVER = frozenset({"CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
#: labels that need a locative context to be read as places
DOUBTFUL = frozenset(
    {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE", "DATE", "TIME", "NORP"}
)
_CONNECTORS = frozenset(
    {
        "al",
        "el",
        "ez",
        "ed",
        "ad",
        "ar",
        "as",
        "ash",
        "an",
        "at",
        "az",
        "de",
        "du",
        "la",
        "le",
        "of",
        "bin",
        "ibn",
        "abu",
        "-",
        "'",
        "’",
        "del",
        "da",
        "do",
        "dos",
        "das",
        "van",
        "von",
        "sur",
        "upon",
        "on",
    }
)
#: capitalised words that begin sentences or titles and are never toponyms on their own
_STOP = frozenset(
    {
        "i",
        "we",
        "he",
        "she",
        "it",
        "they",
        "you",
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "yes",
        "no",
        "but",
        "and",
        "or",
        "if",
        "when",
        "who",
        "what",
        "why",
        "how",
        "where",
        "there",
        "here",
        "mr",
        "mrs",
        "ms",
        "dr",
        "president",
        "minister",
        "general",
        "colonel",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "god",
        "allah",
        "islam",
        "islamic",
        "state",
        "army",
        "forces",
        "police",
        "government",
        "regime",
        "party",
        "front",
        "brigade",
        "brigades",
        "council",
        "union",
        "news",
        "agency",
        "times",
        "post",
        "press",
        "said",
        "says",
        "will",
        "would",
        "after",
        "before",
        "during",
        "since",
        "on",
        "in",
        "at",
        "of",
        "for",
        "with",
        "as",
        "by",
        "today",
        "tonight",
        "local",
        "national",
        "international",
        "central",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "university",
        "school",
        "hospital",
        "church",
        "mosque",
        "street",
        "road",
        "airport",
        "operation",
        "room",
        "media",
        "office",
        "department",
        "ministry",
        "committee",
        "commission",
        "court",
        "board",
        "republic",
        "kingdom",
        "people",
        "city",
        "town",
        "village",
        "province",
        "county",
        "also",
        "our",
        "their",
        "his",
        "her",
        "its",
        "my",
        "your",
        "us",
        "them",
        "one",
        "two",
        "three",
        "sources",
        "source",
        "reports",
        "report",
        "video",
        "photo",
        "update",
        "breaking",
        "opposition",
        "rebels",
        "militants",
        "fighters",
        "troops",
        "soldiers",
        "officials",
    }
)
_MAX_TOKENS = 6


@dataclass(frozen=True, slots=True)
class Candidate:
    span: Span
    label: str  # GPE, LOC, FAC, PLACE (ruler) or GAZ (gazetteer match)
    ruler_id: str | None  # place id given by the ruler
    gov: Governor
    doubtful: bool  # spaCy labelled it PERSON/ORG/...: needs a locative context


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


def _word_ok(tok: Any) -> bool:
    return _is_cap(tok) or tok.lower_ in _CONNECTORS


def _overlaps(span: Span, spans: list[Span]) -> bool:
    return any(span.overlaps(s) for s in spans)


def collect(parsed: Any, gaz: Gazetteer, actor_spans: list[Span]) -> list[Candidate]:
    """Candidate spans, non-overlapping, in text order."""
    doc = parsed.doc
    text: str = parsed.report.text
    dem = demonyms()
    sent_starts = [s.start for s in parsed.sentences] or [0]
    out: list[Candidate] = []
    taken = [False] * len(doc)
    ent_label = [""] * len(doc)
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            ent_label[i] = ent.label_

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
        gov = governor(text, start, end, floor_of(start))
        if _overlaps(span, actor_spans) and not gov.strong:
            return
        for i in range(t0, t1):
            taken[i] = True
        out.append(Candidate(span, label, ruler_id, gov, doubtful))

    # 1. ruler regions and NER places
    for ent in doc.ents:
        if ent.label_ == "PLACE":
            add(ent.start, ent.end, "PLACE", ent.ent_id_ or None, False)
        elif ent.label_ in PLACE_ENTS:
            t0, t1 = _trim(doc, ent.start, ent.end)
            if t0 < t1 and gaz.has_name(doc[t0:t1].text):
                add(ent.start, ent.end, ent.label_, None, False)
            elif ent.label_ in ("GPE", "LOC"):
                sub = _longest_known(doc, t0, t1, gaz)
                if sub is not None:
                    add(sub[0], sub[1], ent.label_, None, False)
                else:
                    add(ent.start, ent.end, ent.label_, None, False)
    # 2. gazetteer matching of capitalised runs
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if taken[i] or not _is_cap(tok) or tok.lower_ in _STOP or ent_label[i] in NEVER:
            i += 1
            continue
        j = i
        while (
            j < n
            and j - i < _MAX_TOKENS
            and not taken[j]
            and _word_ok(doc[j])
            and (ent_label[j] not in NEVER)
        ):
            j += 1
        match = None
        for k in range(j, i, -1):
            if not _is_cap(doc[k - 1]) or doc[k - 1].lower_ in _CONNECTORS:
                continue
            if k < n and _continues_name(doc, k, ent_label):
                continue
            name = doc[i:k].text
            if len(name) < 3 or (not re.search(r"[a-z]", name[1:]) and len(name) < 4):
                continue
            if gaz.has_name(name):
                match = k
                break
        if match is None:
            i += 1
            continue
        labels = {ent_label[x] for x in range(i, match)} - {""}
        add(i, match, "GAZ", None, bool(labels & DOUBTFUL))
        i = match
    out.sort(key=lambda c: c.span.start)
    return out


_UNIT_WORDS = frozenset(
    {
        "province",
        "governorate",
        "district",
        "city",
        "town",
        "village",
        "countryside",
        "region",
        "camp",
        "axis",
        "road",
        "highway",
        "area",
        "county",
        "state",
        "valley",
        "mountains",
        "river",
        "desert",
        "plain",
        "airport",
        "airbase",
        "base",
        "crossing",
        "dam",
        "border",
    }
)


def _continues_name(doc: Any, k: int, ent_label: list[str]) -> bool:
    """True when token ``k`` carries a capitalised name on past a candidate ending at ``k``
    ("Al-Muk Operation Room", "Jordan Times"): the candidate is then part of another name."""
    tok = doc[k]
    if not _is_cap(tok) or tok.lower_ in _UNIT_WORDS or tok.lower_ in _CONNECTORS:
        return False
    if tok.is_sent_start:
        return False
    return ent_label[k] in DOUBTFUL or ent_label[k] == "" or ent_label[k - 1] in DOUBTFUL


def _longest_known(doc: Any, t0: int, t1: int, gaz: Gazetteer) -> tuple[int, int] | None:
    """The longest sub-run of an entity that the gazetteer knows ("Idlib city" -> "Idlib")."""
    for size in range(t1 - t0 - 1, 0, -1):
        for a in range(t0, t1 - size + 1):
            if (
                _is_cap(doc[a])
                and _is_cap(doc[a + size - 1])
                and gaz.has_name(doc[a : a + size].text)
            ):
                return a, a + size
    return None
