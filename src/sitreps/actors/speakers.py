"""Persons in a report: the role the text or the knowledge base gives them, and the actor an
interview turn's speaker label ("Talass", "D24") stands for."""

from __future__ import annotations

import re

from sitreps.actors.candidates import Hit
from sitreps.actors.kb import KnowledgeBase, get_kb
from sitreps.actors.normalise import norm_key
from sitreps.models import ActorFinding, Span, Turn
from sitreps.nlp import ParsedReport

_ROLE_RE = re.compile(
    r"\b(?P<title>leader|commander|head|chief|founder|emir|spokesman|spokesperson|"
    r"spokeswoman|official|member|commander-in-chief|deputy leader|general commander)"
    r"\s+of\s+(?:the\s+)?$",
    re.I,
)


def role_of(text: str, sent: Span, hit: Hit, chosen: list[Hit], kb: KnowledgeBase) -> str | None:
    """ "leader of X" from the text right before the person, or "X leader Name"."""
    window = text[sent.start : hit.cand.start]
    for h in chosen:
        if h.person or not h.actor_id:
            continue
        if h.cand.end <= hit.cand.start and hit.cand.start - h.cand.end <= 40:
            between = text[h.cand.end : hit.cand.start]
            before = text[max(sent.start, h.cand.start - 40) : h.cand.start]
            m = _ROLE_RE.search(before)
            if m and len(between.strip(" ‘’'\"“”,")) == 0:
                return f"{m.group('title').lower()} of {_display(h, kb)}"
    m2 = re.search(r"(?P<title>leader|commander|spokesman|head)\s*$", window, re.I)
    if m2:
        for h in reversed(chosen):
            gap = hit.cand.start - h.cand.end
            if not h.person and h.actor_id and 0 <= gap <= len(m2.group(0)) + 2:
                return f"{m2.group('title').lower()} of {_display(h, kb)}"
    return None


def _display(h: Hit, kb: KnowledgeBase) -> str:
    if h.provisional:
        return h.provisional
    assert h.actor_id is not None
    return kb.get(h.actor_id).name


def speaker_actor(parsed: ParsedReport, finding: ActorFinding, turn: Turn) -> str | None:
    """Actor id of the person or outlet an interview turn label ("Talass", "D24") names."""
    label = turn.speaker.strip()
    kb = get_kb()
    key = norm_key(label)
    in_report = {a.id: a for a in finding.actors}
    res = kb.resolve(label, None, parsed.report.published)
    if res is not None and (
        res.actor_id in in_report or kb.get(res.actor_id).kind in ("person", "outlet")
    ):
        return res.actor_id
    for a in finding.actors:  # "Talass" -> the person "Talass Al-Salama" named in the text
        if a.kind == "person" and key and key in norm_key(a.name).split():
            return a.id
        for span in a.mentions:
            if a.kind == "person" and key and key in norm_key(span.text).split():
                return a.id
    return None
