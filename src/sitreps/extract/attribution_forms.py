"""Attribution forms other than speech verbs.

* "according to X" (and "as reported by X"), whose content is the rest of the clause;
* a headline "Speaker (to Outlet): statement";
* a quotation signed with a dash: "“...” ― Name";
* a claim noun with its "that" clause: "the group's claim that it shot down a jet".
"""

from __future__ import annotations

import re
from typing import Any

from sitreps.extract.attribution_lexicon import CueLexicon
from sitreps.extract.attribution_spans import (
    OPEN_QUOTES,
    Attribution,
    content_span,
    trim,
)
from sitreps.models import Span

_HEADLINE_RE = re.compile(r"^(?P<src>[A-Z‘'\"“][^:\n]{1,150}?)\s*:\s+(?P<content>\S[^\n]*)$")
_HEADLINE_OUTLET_RE = re.compile(
    r"\s+(?:to|tells|told)\s+(?P<outlet>[A-Z][\w.\-’']*(?:\s+\w+){0,3})\s*$"
)


def according_to(text: str, doc: Any, lex: CueLexicon) -> list[Attribution]:
    out: list[Attribution] = []
    lower = text.lower()
    for phrase in lex.according_phrases:
        if phrase in ("citing", "quoting"):
            continue
        for m in re.finditer(r"\b" + re.escape(phrase) + r"\b", lower):
            tok = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if tok is None:
                continue
            sent = tok[0].sent
            after = doc.char_span(m.end(), sent.end_char, alignment_mode="expand")
            if after is None or len(after) == 0:
                continue
            # the source: the first noun phrase after the cue, up to a comma or the clause end
            src_end = m.end()
            for t in after:
                if t.text in ",;:." or (t.pos_ in ("VERB", "AUX") and t.dep_ != "amod"):
                    break
                src_end = t.idx + len(t.text)
            if src_end <= m.end():
                continue
            src = Span.of(text, *trim(text, m.end(), src_end))
            cue = Span.of(text, m.start(), m.end())
            sent_start, sent_end = sent.start_char, sent.end_char
            if m.start() - sent_start <= 2:
                content = (src.end, sent_end)
            else:
                content = (sent_start, m.start())
                rest = trim(text, src.end, sent_end)
                if rest[1] - rest[0] > 20 and rest[1] - rest[0] > m.start() - sent_start:
                    content = (src.end, sent_end)
            span = content_span(text, *content)
            if span is None:
                continue
            head = doc.char_span(src.start, src.end, alignment_mode="expand")
            out.append(Attribution("according_to", src, cue, span, head.root.i if head else None))
    return out


def headlines(text: str, doc: Any, skip: tuple[Span, ...], lex: CueLexicon) -> list[Attribution]:
    """'Speaker (to Outlet): statement' lines."""
    out: list[Attribution] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        start = pos
        pos += len(line)
        m = _HEADLINE_RE.match(line.rstrip("\r\n"))
        if not m or any(s.start <= start < s.end or start <= s.start < pos for s in skip):
            continue
        src_text = m.group("src")
        outlet = None
        om = _HEADLINE_OUTLET_RE.search(src_text)
        if om:
            outlet = Span.of(text, start + om.start("outlet"), start + om.end("outlet"))
            src_text = src_text[: om.start()]
        s0, s1 = trim(text, start, start + len(src_text))
        while s0 < s1 and text[s0] in OPEN_QUOTES:
            s0 += 1
        src_toks = doc.char_span(s0, s1, alignment_mode="expand")
        if src_toks is None or len(src_toks) > 14 or len(src_toks) == 0:
            continue
        if any(t.tag_ in ("VBD", "VBZ", "VBP") for t in src_toks):
            continue
        speakerish = any(e.label_ in ("PERSON", "ORG", "NORP") for e in src_toks.ents) or any(
            t.lemma_.lower() in lex.role_nouns for t in src_toks
        )
        if not speakerish:
            continue
        colon = start + line.index(":", m.end("src"))
        span = content_span(text, start + m.start("content"), start + len(line.rstrip()))
        if span is None:
            continue
        out.append(
            Attribution(
                "quote",
                Span.of(text, s0, s1),
                Span.of(text, colon, colon + 1),
                span,
                src_toks.root.i,
                outlet,
            )
        )
    return out


_BYLINE_RE = re.compile(
    r"[ \t]*(?P<dash>[―—–])[ \t]*(?P<name>[A-Z][\w.’'\-]*(?:[ \t]+[A-Z][\w.’'\-]*){0,4})"
)


def bylines(text: str, quotes: tuple[Span, ...]) -> list[Attribution]:
    """'“...” ― Name': a quotation signed with a dash and the speaker's name."""
    out = []
    for q in quotes:
        m = _BYLINE_RE.match(text, q.end)
        if m is None:
            continue
        src = Span.of(text, m.start("name"), m.end("name"))
        cue = Span.of(text, m.start("dash"), m.end("dash"))
        out.append(Attribution("quote", src, cue, q))
    return out


def noun_cues(text: str, doc: Any, lex: CueLexicon) -> list[Attribution]:
    """'X's claim that ...', 'the claim by X that ...': the noun is the cue."""
    out = []
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lex.claim_nouns:
            continue
        clause = next(
            (
                c
                for c in tok.children
                if c.dep_ in ("acl", "ccomp")
                and c.i > tok.i
                and any(t.lower_ == "that" and t.i < c.i for t in c.subtree)
            ),
            None,
        )
        if clause is None:
            continue
        toks = [t for t in clause.subtree if not t.is_space]
        span = content_span(text, min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks))
        if span is None:
            continue
        holder = next((c for c in tok.children if c.dep_ == "poss"), None)
        if holder is None:
            by = next(
                (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None
            )
            holder = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
        src = None
        if holder is not None:
            hs = [t for t in holder.subtree if t.dep_ != "case" and not t.is_space]
            s0, s1 = trim(text, min(t.idx for t in hs), max(t.idx + len(t.text) for t in hs))
            src = Span.of(text, s0, s1)
        cue = Span.of(text, tok.idx, tok.idx + len(tok.text))
        out.append(
            Attribution("indirect", src, cue, span, holder.i if holder is not None else None)
        )
    return out
