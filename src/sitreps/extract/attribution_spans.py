"""Shared pieces of attribution finding: the :class:`Attribution` value and span helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sitreps.models import Span

OPEN_QUOTES = '“"«‘'
CLOSE_QUOTES = '”"»’'
TRIM_PUNCT = ".,;:—–- \t\n"
QUOTE_RE = re.compile(r"“[^”]{2,}?”|\"[^\"\n]{2,}?\"|«[^»]{2,}?»|''(?:(?!'')[^\n]){2,}?''")


@dataclass(frozen=True, slots=True)
class Attribution:
    """One piece of reported speech found in the text."""

    kind: str  # quote, indirect, according_to
    source: Span | None  # the words naming the speaker ("he", "SOHR", "the leader of X")
    cue: Span
    content: Span
    source_head: int | None = None  # token index of the source's head word
    addressee: Span | None = None  # "told DeirEzzor 24": the listener, maybe an outlet


def quote_spans(text: str) -> tuple[Span, ...]:
    """Quotations delimited by double quotes or guillemets, quotes included."""
    return tuple(Span.of(text, m.start(), m.end()) for m in QUOTE_RE.finditer(text))


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip surrounding whitespace and punctuation, keeping quotation marks."""
    while start < end and text[start] in TRIM_PUNCT:
        start += 1
    while end > start and text[end - 1] in TRIM_PUNCT:
        end -= 1
    return start, end


def tok_span(text: str, toks: list[Any]) -> tuple[int, int]:
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t.text) for t in toks)
    return start, end


_DANGLING_RE = re.compile(r"(?:\s*[—–―]+)?\s+(?:and|but|or)$|\s*[—–―]+$")


def content_span(text: str, start: int, end: int) -> Span | None:
    start, end = trim(text, start, end)
    # a clause cut before its conjunct leaves a dangling "— and": drop it
    dangling = _DANGLING_RE.search(text[start:end])
    if dangling and dangling.start() > 0:
        start, end = trim(text, start, start + dangling.start())
    # keep a quotation mark that opens or closes right at the content's edge
    if text[max(0, start - 2) : start] == "''":
        start -= 2
    elif start > 0 and text[start - 1] in OPEN_QUOTES and text[start - 1] != "’":
        start -= 1
    m = re.match(r"[,.]?\s?(?:''|[”\"»])", text[end : end + 4])
    if m and (text[start] in OPEN_QUOTES or text[start : start + 2] == "''"):
        end += m.end()
    if end - start < 2:
        return None
    return Span.of(text, start, end)
