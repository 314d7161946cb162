"""The actor stage: ``find_actors(parsed) -> ActorFinding`` (and ``speaker_actor``).

Candidates (see :mod:`sitreps.actors.candidates`) are resolved against the knowledge base in
the report's context (focus country, publication date); overlapping candidates give way to
resolved and longer ones. Organisation-like names that resolve to nothing become provisional
actors (``prov:<hash>``, kind ``unknown``); unknown persons get ``person:<hash>``.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from sitreps.actors.candidates import (
    Candidate,
    Hit,
    acronym_definitions,
    collect,
)
from sitreps.actors.context import focus_country, gazetteer
from sitreps.actors.conventions import apply_conventions
from sitreps.actors.kb import KnowledgeBase, get_kb
from sitreps.actors.normalise import exact_key, norm_key
from sitreps.actors.speakers import role_of, speaker_actor
from sitreps.models import Actor, ActorFinding, Mention, Span
from sitreps.nlp import ParsedReport

_ORG_WORDS = frozenset(
    [
        "army",
        "brigade",
        "brigades",
        "battalion",
        "battalions",
        "division",
        "corps",
        "legion",
        "front",
        "forces",
        "force",
        "movement",
        "party",
        "group",
        "faction",
        "militia",
        "council",
        "committee",
        "organization",
        "organisation",
        "union",
        "association",
        "coalition",
        "alliance",
        "room",
        "regiment",
        "jaysh",
        "jaish",
        "liwa",
        "kataib",
        "katibat",
        "saraya",
        "harakat",
        "jabhat",
        "faylaq",
        "firqat",
        "ansar",
        "hezbollah",
        "hizb",
        "tanzim",
    ]
)
_PLACE_NOUNS = frozenset(
    [
        "town",
        "village",
        "city",
        "district",
        "sub-district",
        "area",
        "camp",
        "countryside",
        "neighborhood",
        "neighbourhood",
        "governorate",
        "province",
        "region",
        "road",
        "street",
        "checkpoint",
        "crossing",
        "valley",
        "mountain",
        "mountains",
        "border",
        "outskirts",
        "suburb",
        "square",
        "junction",
        "highway",
        "settlement",
        "hospital",
        "mosque",
        "prison",
        "university",
        "airport",
        "port",
        "field",
        "fields",
    ]
)
_LOCATIVE_PREPS = frozenset(
    ["in", "near", "at", "outside", "around", "into", "towards", "toward", "inside"]
)
_PLACE_PREFIX_RE = re.compile(
    r"^(?:Jabal|Jebel|Wadi|Tal|Tell|Deir|Dayr|Kafr|Kfar|Ain|Ein|Bir|Khirbet|Khirbat|Mukhayyam"
    r"|Bayt|Beit|Sahm|Qasr|Ras|Marj|Sahl|Hay|Harat|Nahr|Tall|Jisr|Qalaat|Mazraat)\b"
)
_EVENT_WORDS = frozenset(
    [
        "day",
        "week",
        "anniversary",
        "festival",
        "holiday",
        "eid",
        "ramadan",
        "celebrations",
        "commemoration",
    ]
)
_TITLE_WORDS = frozenset(
    ["minister", "president", "governor", "mayor", "muhtar", "deputy", "speaker"]
)
_GOV_BODY_RE = re.compile(
    r"^(?:the\s+)?(?:Ministry|Directorate|Department|Governorate|Municipality|Mayoralty"
    r"|Presidency|Council of Ministers)\b"
)
_COMMON_SINGLE = frozenset(
    [
        "parliament",
        "ministry",
        "government",
        "police",
        "court",
        "municipality",
        "office",
        "hospital",
        "university",
        "school",
        "passport",
        "defusal",
        "looting",
        "property",
        "movement",
        "administration",
        "presidency",
        "cabinet",
        "assembly",
        "directorate",
        "department",
        "agency",
        "embassy",
        "consulate",
    ]
)
_LABEL_RANK = {"ACTOR": 0, "ACRONYM": 1, "ORG": 2, "NP": 3, "PERSON": 4, "GPE": 5, "NORP": 6}
_GROUP_KINDS = frozenset({"rebel", "political_militia", "identity_militia", "unknown"})
_REPEAT_SCORE = 0.7


def provisional_id(name: str, prefix: str = "prov") -> str:
    """Stable id of an unknown actor: hash of its normalised name."""
    key = norm_key(name) or exact_key(name) or name
    return f"{prefix}:{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"


def _clean_name(text: str) -> str:
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)
    return text.strip(" \"'‘’“”")


def _org_like(text: str) -> bool:
    words = re.findall(r"[\w]+", text)
    caps = [w for w in words if w[:1].isupper()]
    if not caps:
        return False
    if text.isupper() and 2 <= len(text) <= 8:
        return True
    return any(w.lower() in _ORG_WORDS for w in words) and len(caps) >= 1


def _is_place_name(name: str, kb: KnowledgeBase) -> bool:
    if kb.country_of_name(name):
        return True
    gaz = gazetteer()
    if gaz is None:
        return False
    try:
        return bool(gaz.has_name(name))
    except Exception:
        return False


def _in_place_context(text: str, start: int, end: int) -> bool:
    """ "in Fleifel", "Tawileh town", "(Khabb, Al Jawf)": words around the name say it is a
    place."""
    opened = text.rfind("(", max(0, start - 60), start)
    closed = text.find(")", end, end + 60)
    if (
        opened != -1
        and closed != -1
        and "," in text[opened:closed]
        and ")" not in text[opened:start]
    ):
        return True
    after = re.match(r"[\s,]*([A-Za-z-]+)", text[end : end + 30])
    before = re.search(r"([A-Za-z]+)\s+(?:the\s+)?$", text[max(0, start - 25) : start])
    return bool(
        (after and after.group(1).lower() in _PLACE_NOUNS)
        or (before and before.group(1).lower() in _LOCATIVE_PREPS)
    )


def _not_an_actor_name(name: str) -> bool:
    """Days, anniversaries and titles that NER takes for organisations."""
    words = name.split()
    return bool(words) and (words[-1].lower() in _EVENT_WORDS or words[0].lower() in _TITLE_WORDS)


def _government_body(name: str, kb: KnowledgeBase, country: str | None) -> str | None:
    """ "Ministry of Economy", "Directorate of Education": the government of the country."""
    if not country or not _GOV_BODY_RE.match(name):
        return None
    gov = f"{country.lower()}.government"
    return gov if gov in kb else None


def _generic_single_word(name: str, c: Candidate, text: str) -> bool:
    """ "Movement" (of "Movement of forces:"), "Parliament", "Ministry": one capitalised common
    word is not an organisation's name; nor is a lone word that merely starts a sentence."""
    if " " in name or (name.isupper() and len(name) <= 8):
        return False
    if name.lower() in _ORG_WORDS or name.lower() in _COMMON_SINGLE:
        return True
    before = text[: c.start].rstrip()
    return not before or before[-1] in ".:;!?\n"


def _resolve(
    c: Candidate,
    kb: KnowledgeBase,
    country: str | None,
    on: date | None,
    defined: dict[str, tuple[str, str]],
    parsed_text: str = "",
) -> Hit | None:
    if c.label == "REPEAT":
        return None
    if c.label == "GPE":
        iso = kb.country_of_name(c.text)
        forces = kb.state_forces(iso) if iso and c.agent_of_violence else None
        if forces:
            return Hit(c, forces, 0.8, f"state {iso} as agent of a violent verb")
        return None
    if c.label == "NORP" and c.nominal:
        iso = kb.country_of_name(c.text)
        civilians = f"{iso.lower()}.civilians" if iso else ""
        if civilians in kb:
            return Hit(c, civilians, 0.7, f"demonym as a noun -> civilians ({iso})")
        return None
    if c.text in defined:
        actor_id, long = defined[c.text]
        prov = "" if actor_id in kb else long
        return Hit(c, actor_id, 0.9, f"acronym defined in text ({long})", prov)
    res = kb.resolve(c.text, country, on)
    if res is not None:
        rec = kb.get(res.actor_id)
        return Hit(c, res.actor_id, res.score, res.reason, person=rec.kind == "person")
    name = _clean_name(c.text)
    parts = [p.strip() for p in re.split(r"\s+-\s+|,", name) if p.strip()]
    if not _org_like(name) and (
        any(_is_place_name(p, kb) for p in parts) or _in_place_context(parsed_text, c.start, c.end)
    ):
        return None  # a place NER took for an organisation or a person
    if c.label == "PERSON" and _PLACE_PREFIX_RE.match(name):
        return None  # "Jabal al Balaq", "Wadi Khaled": a place NER took for a person
    if c.label == "PERSON" and not _org_like(name):
        return Hit(c, provisional_id(name, "person"), 0.0, "unknown person", name, person=True)
    if _generic_single_word(name, c, parsed_text) or _not_an_actor_name(name):
        return None
    gov = _government_body(name, kb, country)
    if gov:
        return Hit(c, gov, 0.6, f"government body -> government ({country})")
    org = c.label in ("ORG", "ACTOR", "PERSON") or (c.label == "NP" and _org_like(name))
    if org and len(name) >= 2 and any(ch.isalpha() for ch in name):
        return Hit(c, provisional_id(name), 0.0, "unknown organisation (provisional)", name)
    return None


def _choose(hits: list[Hit]) -> list[Hit]:
    """Greedy non-overlapping choice: known before provisional, longer before shorter."""
    order = sorted(
        hits,
        key=lambda h: (
            bool(h.provisional),
            -(h.cand.end - h.cand.start),
            _LABEL_RANK.get(h.cand.label, 9),
            h.cand.start,
        ),
    )
    chosen: list[Hit] = []
    for h in order:
        if any(h.cand.start < o.cand.end and o.cand.start < h.cand.end for o in chosen):
            continue
        chosen.append(h)
    return sorted(chosen, key=lambda h: h.cand.start)


def _repeats(cands: list[Candidate], chosen: list[Hit], kb: KnowledgeBase) -> list[Hit]:
    out = []
    for c in cands:
        if c.label != "REPEAT":
            continue
        if any(c.start < h.cand.end and h.cand.start < c.end for h in chosen):
            continue
        before = {
            h.actor_id
            for h in chosen
            if h.cand.end <= c.start
            and h.actor_id
            and not h.person
            and (h.provisional or kb.get(h.actor_id).kind in _GROUP_KINDS)
        }
        if len(before) == 1:
            actor_id = before.pop()
            prov = next((h.provisional for h in chosen if h.actor_id == actor_id), "")
            out.append(
                Hit(c, actor_id, _REPEAT_SCORE, "repeat of the only group named before", prov)
            )
    return out


def _defined_acronyms(
    text: str, kb: KnowledgeBase, country: str | None, on: date | None
) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for d in acronym_definitions(text):
        res = kb.resolve(d.long, country, on)
        out[d.short] = (res.actor_id if res else provisional_id(d.long), d.long)
    return out


def find_actors(parsed: ParsedReport) -> ActorFinding:
    """Every actor and person of the report, with their mentions."""
    return find_actors_with(parsed, get_kb())


def find_actors_with(parsed: ParsedReport, kb: KnowledgeBase) -> ActorFinding:
    text = parsed.report.text
    on = parsed.report.published
    cands = collect(parsed.doc, text)
    country = focus_country(parsed.doc, cands, kb, on, parsed.doc_text)
    defined = _defined_acronyms(text, kb, country, on)
    for short in defined:
        for m in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
            cands.append(Candidate(m.start(), m.end(), short, "ACRONYM"))
    hits = [h for c in cands if (h := _resolve(c, kb, country, on, defined, text)) is not None]
    hits = apply_conventions(parsed, cands, hits, kb, country)
    chosen = _choose(hits)
    chosen = sorted(chosen + _repeats(cands, chosen, kb), key=lambda h: h.cand.start)
    return _finding(parsed, chosen, kb, country, on)


def _finding(
    parsed: ParsedReport,
    chosen: list[Hit],
    kb: KnowledgeBase,
    country: str | None,
    on: date | None,
) -> ActorFinding:
    text = parsed.report.text
    mentions: list[Mention] = []
    spans: dict[str, list[Span]] = {}
    first: dict[str, Hit] = {}
    roles: dict[str, str] = {}
    for h in chosen:
        assert h.actor_id is not None
        span = Span.of(text, h.cand.start, h.cand.end)
        sent = parsed.sentence_index(h.cand.start)
        mentions.append(
            Mention(
                id=f"m:{h.cand.start}-{h.cand.end}",
                kind="person" if h.person else "actor",
                span=span,
                sentence=sent,
                entity_id=h.actor_id,
                label=h.cand.label,
                score=h.score,
                reason=h.reason,
            )
        )
        spans.setdefault(h.actor_id, []).append(span)
        first.setdefault(h.actor_id, h)
        if h.also:
            spans.setdefault(h.also, []).append(span)
            prov = _clean_name(h.cand.text) if h.also.startswith("prov:") else ""
            first.setdefault(h.also, Hit(h.cand, h.also, h.score, h.reason, prov))
        if h.person and h.actor_id not in roles and parsed.sentences:
            role = role_of(text, parsed.sentences[sent], h, chosen, kb)
            if role:
                roles[h.actor_id] = role
    actors = [
        _actor(actor_id, h, tuple(spans[actor_id]), roles.get(actor_id), kb, country, on)
        for actor_id, h in first.items()
    ]
    return ActorFinding(actors=tuple(actors), mentions=tuple(mentions))


def _actor(
    actor_id: str,
    h: Hit,
    spans: tuple[Span, ...],
    role: str | None,
    kb: KnowledgeBase,
    country: str | None,
    on: date | None,
) -> Actor:
    if h.provisional:
        kind = "person" if h.person else "unknown"
        return Actor(actor_id, h.provisional, kind, None, None, h.provisional, spans, True, role)
    rec = kb.get(actor_id)
    if rec.kind == "person":
        if role is None:
            groups = kb.groups_led_by(actor_id, on)
            if groups:
                lead = next(ld for ld in kb.get(groups[0]).leaders if ld.person == actor_id)
                role = f"{lead.title} of {kb.get(groups[0]).name}"
        return Actor(rec.id, rec.name, "person", None, rec.country, rec.name, spans, False, role)
    if rec.kind == "outlet":
        return Actor(
            rec.id,
            rec.name,
            "external",
            None,
            rec.country,
            rec.acled_name,
            spans,
            False,
            "news outlet",
        )
    return Actor(
        rec.id,
        rec.name,
        rec.kind,
        kb.inter_in(rec.id, country),
        rec.country,
        rec.acled_name_on(on),
        spans,
        False,
        None,
    )


__all__ = ["find_actors", "find_actors_with", "provisional_id", "speaker_actor"]
