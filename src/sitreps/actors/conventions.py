"""ACLED coding conventions applied to resolved mentions.

Protests: ACLED's primary actor of a demonstration is always "Protesters (<country>)"; the
group that protests (teachers, health workers, Kurdish residents, a union) is an associated
actor. A social group that is the subject of a protest verb ("health workers staged a
demonstration", "retirees protested") is therefore resolved to the country's protesters,
with the group named in the reason; a protest with no named protesters ("a demonstration was
staged") gets the protesters on its cue word.
"""

from __future__ import annotations

import re
from typing import Any

from sitreps.actors.candidates import Candidate, Hit
from sitreps.actors.kb import KnowledgeBase

_PROTEST_RE = re.compile(
    r"\b(?:protest(?:s|ed|ing|ers?)?|demonstrat(?:ion|ions|ed|ing|ors?|e|es)|sit-in|rall(?:y|ied|ies)"
    r"|march(?:ed|es)?|picket(?:s|ed)?|vigil|on strike|went on strike|general strike)\b",
    re.I,
)
_PROTEST_VERBS = frozenset(
    ["protest", "demonstrate", "rally", "march", "gather", "stage", "hold", "organise", "organize", "picket", "strike", "participate", "join", "stand", "block", "chant", "sit", "continue", "launch"]
)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: knowledge-base kinds and id suffixes of groups that protest as civilians
_SOCIAL_SUFFIXES = (
    ".civilians",
    ".labour-group",
    ".teachers",
    ".students",
    ".women",
    ".journalists",
    ".farmers",
    ".fishermen",
    ".refugees",
    ".health-workers",
    ".lawyers",
    ".prisoners",
    "-ethnic-group",
)


def _protest_sentences(parsed: Any) -> set[int]:
    return {i for i, s in enumerate(parsed.sentences) if _PROTEST_RE.search(s.text)}


def _social(actor_id: str, kb: KnowledgeBase) -> bool:
    rec = kb.get(actor_id)
    return actor_id.endswith(_SOCIAL_SUFFIXES) or (
        rec.kind == "civilians" and not rec.context_aliases and rec.country is not None
    )


def apply_protest_convention(
    parsed: Any, cands: list[Candidate], hits: list[Hit], kb: KnowledgeBase, country: str | None
) -> list[Hit]:
    """Hits with protesting social groups turned into "Protesters (<country>)"."""
    sentences = _protest_sentences(parsed)
    if not sentences:
        return hits
    out: list[Hit] = []
    protest_hit_in: set[int] = set()
    resolved_spans = {(h.cand.start, h.cand.end) for h in hits}
    for h in hits:
        sent = parsed.sentence_index(h.cand.start)
        c = h.cand
        if (
            sent in sentences
            and h.actor_id
            and not h.person
            and not h.provisional
            and c.dep in _SUBJECT_DEPS
            and c.head_lemma in _PROTEST_VERBS
            and _social(h.actor_id, kb)
        ):
            iso = kb.get(h.actor_id).country or country
            target = f"{iso.lower()}.protesters" if iso else ""
            if target in kb:
                name = kb.get(h.actor_id).name
                h = Hit(c, target, round(h.score * 0.9, 3), f"protesting {name} -> protesters")
        if h.actor_id and h.actor_id.endswith(".protesters"):
            protest_hit_in.add(sent)
        out.append(h)
    target = f"{country.lower()}.protesters" if country else ""
    if target not in kb:
        return out
    for c in cands:  # unresolved people-like subjects of protest verbs
        sent = parsed.sentence_index(c.start)
        if (
            c.label == "NP"
            and sent in sentences
            and sent not in protest_hit_in
            and (c.start, c.end) not in resolved_spans
            and c.dep in _SUBJECT_DEPS
            and c.head_lemma in _PROTEST_VERBS
        ):
            out.append(Hit(c, target, 0.6, "subject of a protest -> protesters"))
            protest_hit_in.add(sent)
    for sent in sorted(sentences - protest_hit_in):
        span = parsed.sentences[sent]
        m = _PROTEST_RE.search(span.text)
        if m is None:
            continue
        start = span.start + m.start()
        cue = Candidate(start, start + len(m.group(0)), m.group(0), "PROTEST")
        out.append(Hit(cue, target, 0.5, "protest with no named protesters -> protesters"))
        protest_hit_in.add(sent)
    return out
