"""A small, dependency-free English check.

sitreps' models are English. Texts are refused when most of their letters are in a non-Latin
script or when English function words are too rare among their words. The ratio threshold is
``Settings.min_english_ratio``.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

#: Frequent English function words (closed classes); any English prose is dense in them.
FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "from",
        "by",
        "with",
        "for",
        "and",
        "or",
        "but",
        "not",
        "no",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "them",
        "him",
        "who",
        "which",
        "what",
        "when",
        "where",
        "as",
        "than",
        "then",
        "there",
        "after",
        "before",
        "during",
        "into",
        "over",
        "under",
        "about",
        "against",
        "between",
        "said",
        "says",
        "will",
        "would",
        "could",
        "should",
        "may",
        "can",
        "also",
        "after",
        "while",
    ]
)


def script_of(text: str) -> str:
    """The dominant script of the letters in ``text``: latin, arabic, cyrillic, cjk, other."""
    counts: dict[str, int] = {}
    for ch in text[:20000]:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("LATIN"):
            key = "latin"
        elif name.startswith("ARABIC"):
            key = "arabic"
        elif name.startswith("CYRILLIC"):
            key = "cyrillic"
        elif name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL")):
            key = "cjk"
        else:
            key = "other"
        counts[key] = counts.get(key, 0) + 1
    if not counts:
        return "none"
    return max(counts, key=lambda k: counts[k])


def english_ratio(text: str) -> float:
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if not words:
        return 0.0
    return sum(w in FUNCTION_WORDS for w in words) / len(words)


def detect_language(text: str, min_ratio: float) -> str:
    """``"en"`` when the text reads as English, else a coarse code (``ar``, ``ru``, ``zh``,
    ``und``) naming what it looks like."""
    script = script_of(text)
    if script == "arabic":
        return "ar"
    if script == "cyrillic":
        return "ru"
    if script == "cjk":
        return "zh"
    if script != "latin":
        return "und"
    words = _WORD.findall(text[:20000])
    if len(words) < 8:
        # too short to judge by function words: a Latin-script headline passes
        return "en"
    return "en" if english_ratio(text) >= min_ratio else "und"
