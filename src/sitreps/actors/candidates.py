"""Candidate actor mentions in a parsed report.

Sources: the domain ruler's ACTOR entities, spaCy ORG/NORP/PERSON/GPE entities, noun phrases
whose head is an actor word ("regime forces", "Assad's forces", "gunmen", "Russian aircraft"),
anaphoric group nouns ("the group", "the faction") and acronyms defined in the text
("Syrian Democratic Forces (SDF)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

#: Head nouns of actor noun phrases.
ACTOR_HEADS = frozenset(
    [
        "forces",
        "force",
        "troops",
        "army",
        "armies",
        "soldiers",
        "soldier",
        "military",
        "militia",
        "militias",
        "militiamen",
        "militants",
        "militant",
        "gunmen",
        "gunman",
        "fighters",
        "fighter",
        "rebels",
        "rebel",
        "insurgents",
        "jihadists",
        "protesters",
        "protestors",
        "demonstrators",
        "rioters",
        "civilians",
        "residents",
        "villagers",
        "warplanes",
        "aircraft",
        "jets",
        "helicopters",
        "drones",
        "coalition",
        "regime",
        "police",
        "policemen",
        "officers",
        "gendarmes",
        "factions",
        "faction",
        "brigade",
        "brigades",
        "battalion",
        "battalions",
        "division",
        "corps",
        "legion",
        "front",
        "group",
        "groups",
        "movement",
        "cells",
        "units",
        "unit",
        "guards",
        "guard",
        "artillery",
        "navy",
        "settlers",
        "tribesmen",
        "clansmen",
        "assailants",
        "attackers",
        "men",
        "workers",
        "teachers",
        "students",
        "journalists",
        "farmers",
        "refugees",
        "detainees",
        "prisoners",
        "members",
        "elements",
        "loyalists",
        "mercenaries",
        "operatives",
        "room",
        "authorities",
        "government",
        "civilian",
        "man",
        "woman",
        "child",
        "boy",
        "girl",
        "person",
        "people",
        "family",
        "shepherd",
        "shepherds",
        "farmer",
        "resident",
        "villager",
        "worker",
        "teacher",
        "student",
        "journalist",
        "doctor",
        "nurse",
        "driver",
        "youth",
        "youths",
        "citizen",
        "citizens",
        "individuals",
        "individual",
        "activists",
        "relatives",
        "retirees",
        "pensioners",
        "employees",
        "staff",
        "boats",
        "boat",
        "vehicles",
        "vehicle",
        "cars",
        "car",
        "homes",
        "houses",
        "house",
        "structures",
        "property",
        "farmland",
        "families",
        "airstrikes",
        "strikes",
        "shelling",
        "lands",
        "farms",
        "persons",
        "bystander",
        "residence",
    ]
)
#: Anaphoric nouns that can repeat a group named earlier ("the group").
REPEAT_HEADS = frozenset(
    ["group", "faction", "militia", "movement", "organisation", "organization", "brigade", "rebels"]
)
_MODIFIER_POS = frozenset({"ADJ", "PROPN", "NOUN", "NUM", "PART", "X"})
_LINK_CHARS = {"-", "'s", "’s", "'", "’", "‑"}
_ACRONYM_DEF_RE = re.compile(
    r"(?P<long>(?:[A-Z][\w'’.-]*|al|of|the|and|for|in|el|ad|ash|as|ar|wal|li)"
    r"(?:[ -](?:[A-Z][\w'’.-]*|al|of|the|and|for|in|el|ad|ash|as|ar|wal|li)){1,9})"
    r"\s*\((?P<short>[A-Z][A-Za-z0-9./-]{1,9})\)"
)
_ACRONYM_REV_RE = re.compile(r"\b(?P<short>[A-Z][A-Z0-9]{1,7})\s*\((?P<long>[A-Z][^()]{4,80}?)\)")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stretch of the report that may name an actor."""

    start: int
    end: int
    text: str
    label: str  # ACTOR, ORG, NORP, PERSON, GPE, NP (actor noun phrase), REPEAT, ACRONYM
    ruler_id: str = ""
    agent_of_violence: bool = False  # a GPE that is the subject of a violent verb
    dep: str = ""  # dependency label of the span's root ("nsubj")
    head_lemma: str = ""  # "lemma|word" of the root's head (the verb it is subject of)
    nominal: bool = False  # a demonym used as a noun ("a Palestinian", "Kurds")


#: stems of the verbs whose subject protests ("staged", "held", "gathered", "blocked")
PROTEST_STEMS = (
    "protest", "demonstrat", "rall", "march", "gather", "stag", "held", "hold", "organi",
    "picket", "strik", "particip", "join", "stood", "stand", "block", "chant", "sit", "sat",
    "continu", "launch", "riot", "clash", "threw", "throw", "hurl",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Hit:
    """A candidate resolved to a knowledge-base actor, a provisional actor or a person."""

    cand: Candidate
    actor_id: str | None
    score: float
    reason: str
    provisional: str = ""  # name of a provisional actor ("" for known ones)
    person: bool = False
    #: a second actor the same words name: the social group behind "Protesters (Iran)"
    #: ("teachers"), kept as an actor of the report without a mention of its own
    also: str = ""


_VIOLENT_VERBS = frozenset(
    [
        "shell",
        "bomb",
        "bombard",
        "strike",
        "attack",
        "kill",
        "shoot",
        "fire",
        "raid",
        "target",
        "invade",
        "launch",
        "hit",
        "storm",
        "assault",
        "ambush",
        "detain",
        "arrest",
        "abduct",
        "kidnap",
        "capture",
        "seize",
        "execute",
        "destroy",
        "clash",
        "fight",
        "advance",
        "deploy",
        "mobilize",
        "mobilise",
        "occupy",
        "besiege",
        "intercept",
        "down",
    ]
)


def _trim(doc: Any, i: int, j: int) -> tuple[int, int]:
    """Drop leading determiners and punctuation from tokens [i, j)."""
    while i < j and (doc[i].pos_ in ("DET", "PUNCT", "CCONJ") or doc[i].is_space):
        i += 1
    while j > i and (doc[j - 1].pos_ == "PUNCT" or doc[j - 1].is_space):
        j -= 1
    return i, j


def _is_modifier(tok: Any) -> bool:
    if tok.is_space or tok.pos_ in ("DET", "ADP", "CCONJ", "PRON", "AUX", "SCONJ"):
        return False
    if tok.text in _LINK_CHARS:
        return True
    if tok.pos_ == "VERB":
        # "Turkish-backed", "Iran-affiliated": a participle glued by a hyphen
        return tok.i > 0 and tok.doc[tok.i - 1].text == "-" and not tok.doc[tok.i - 1].whitespace_
    return tok.pos_ in _MODIFIER_POS and tok.text not in (",", ".", ";", ":", "(", ")")


def _protest_subject_token(tok: Any) -> bool:
    """ "bakers protested": any noun that is the subject of a protest verb."""
    head = tok.head
    return (
        tok.dep_ == "nsubj"
        and tok.pos_ == "NOUN"
        and (head.lower_.startswith(PROTEST_STEMS) or head.lemma_.lower().startswith(PROTEST_STEMS))
    )


def noun_phrases(doc: Any) -> list[tuple[int, int]]:
    """Token ranges of phrases ending in an actor head noun (or naming the subject of a
    protest verb), modifiers included."""
    out = []
    for tok in doc:
        if (
            tok.lower_ not in ACTOR_HEADS
            and tok.lemma_.lower() not in ACTOR_HEADS
            and not _protest_subject_token(tok)
        ):
            continue
        if tok.pos_ not in ("NOUN", "PROPN", "VERB"):
            continue
        j = tok.i + 1
        i = tok.i
        while i > 0 and _is_modifier(doc[i - 1]) and doc[i - 1].sent == tok.sent:
            i -= 1
        i, j = _trim(doc, i, j)
        if i < j:
            out.append((i, j))
    return out


def _agent_of_violence(span: Any) -> bool:
    root = span.root
    return root.dep_ in ("nsubj", "compound", "poss") and root.head.lemma_.lower() in (
        _VIOLENT_VERBS
    )


def _syntax(span: Any) -> tuple[str, str]:
    root = span.root
    head = root.head
    # "health workers and lawyers staged": the conjunct takes the first conjunct's role
    while root.dep_ == "conj" and head.i != root.i:
        root, head = head, head.head
    # "dozens of women held a demonstration": the quantity's role
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ in ("nsubj", "nsubjpass"):
        root, head = head.head, head.head.head
    # the lemma, and the word itself when the lemmatizer slips ("staged" -> "stag")
    return root.dep_, f"{head.lemma_.lower()}|{head.lower_}"


def _nominal(doc: Any, j: int) -> bool:
    nxt = doc[j] if j < len(doc) else None
    return nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM")


def collect(doc: Any, text: str) -> list[Candidate]:
    """Every candidate in the doc (overlapping; the caller chooses)."""
    out: list[Candidate] = []
    for ent in doc.ents:
        if ent.label_ not in ("ACTOR", "ORG", "NORP", "PERSON", "GPE"):
            continue
        i, j = _trim(doc, ent.start, ent.end)
        if i >= j:
            continue
        span = doc[i:j]
        dep, head = _syntax(span)
        out.append(
            Candidate(
                span.start_char,
                span.end_char,
                text[span.start_char : span.end_char],
                ent.label_,
                ent.ent_id_ if ent.label_ == "ACTOR" else "",
                ent.label_ == "GPE" and _agent_of_violence(span),
                dep,
                head,
                ent.label_ == "NORP" and _nominal(doc, j),
            )
        )
    for i, j in noun_phrases(doc):
        span = doc[i:j]
        dep, head = _syntax(span)
        out.append(
            Candidate(span.start_char, span.end_char, span.text, "NP", dep=dep, head_lemma=head)
        )
    for tok in doc:
        if (
            tok.lower_ in REPEAT_HEADS
            and tok.i > 0
            and doc[tok.i - 1].lower_ == "the"
            and not (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of")
        ):
            out.append(Candidate(tok.idx, tok.idx + len(tok.text), tok.text, "REPEAT"))
    return out


@dataclass(frozen=True, slots=True)
class AcronymDefinition:
    short: str
    long: str
    start: int  # of the short form's definition


def acronym_definitions(text: str) -> list[AcronymDefinition]:
    """ "Syrian Democratic Forces (SDF)" and "SDF (Syrian Democratic Forces)"."""
    out = []
    for m in _ACRONYM_DEF_RE.finditer(text):
        short = m.group("short")
        words = m.group("long").split()
        # drop leading words the acronym does not cover ("the", "by", "Turkish-led")
        while len(words) > 1 and words[0][0].lower() != short[0].lower():
            words = words[1:]
        long = " ".join(words)
        if _initials_fit(short, long):
            out.append(AcronymDefinition(short, long, m.start("short")))
    for m in _ACRONYM_REV_RE.finditer(text):
        if _initials_fit(m.group("short"), m.group("long")):
            out.append(AcronymDefinition(m.group("short"), m.group("long"), m.start("short")))
    return out


def _initials_fit(short: str, long: str) -> bool:
    """The acronym's letters appear, in order, among the initials of the long form's words
    (Arabic forms such as QSD for Quwat Suriya al-Dimuqratiya are allowed too)."""
    letters = [c.lower() for c in short if c.isalpha()]
    initials = [w[0].lower() for w in re.split(r"[\s-]+", long) if w]
    if not letters or not initials:
        return False
    k = 0
    for ch in initials:
        if k < len(letters) and ch == letters[k]:
            k += 1
    return k == len(letters) and letters[0] == initials[0]
