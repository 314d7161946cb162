"""Name normalisation for actor matching.

Three keys, from strict to loose:

* :func:`exact_key` folds case, accents, apostrophes and spacing only;
* :func:`norm_key` also drops Arabic articles (al-, el-, ad-, ar-, ...) and the English
  "the", and folds common transliteration variants (ou/u, ee/i, q/k, dh/z, kh/k, y/i,
  final -ah/-eh, doubled letters);
* :func:`skeleton_key` keeps the consonants of the normalised key only (Usud/Assud).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = "'’‘`´ʼʻʿʾ′"
_APOS_RE = re.compile(f"[{_APOSTROPHES}]")
_PUNCT_RE = re.compile(r"[^\w\s]+")
_ARABIC_ARTICLE_RE = re.compile(r"\b(?:al|el|ad|ar|as|ash|at|az|an|adh|ath|ud|ul|l)-", re.I)
ARTICLES = frozenset({"al", "el", "ad", "ar", "ash", "adh", "ath", "az", "ul", "the"})
# Arabic-script definite article, prefixed to the noun
_AR_ARTICLE_RE = re.compile(r"(?:^|(?<=\s))ال")
_ARABIC_CHARS_RE = re.compile(r"[\u0600-\u06ff]")

# applied to each token in this order
_FOLDS: tuple[tuple[str, str], ...] = (
    ("ph", "f"),
    ("dh", "z"),
    ("kh", "k"),
    ("gh", "g"),
    ("ck", "k"),
    ("q", "k"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("y", "i"),
    ("ei", "ai"),
    ("dj", "j"),
)
_DOUBLE_RE = re.compile(r"(\w)\1+")
_VOWELS_RE = re.compile(r"[aeiou]")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def exact_key(name: str) -> str:
    """Case-, accent- and spacing-insensitive key; apostrophes removed, hyphens as spaces."""
    text = strip_accents(name).casefold()
    text = _APOS_RE.sub("", text)
    text = text.replace("&", " and ")
    text = _PUNCT_RE.sub(" ", text).replace("_", " ")
    return " ".join(text.split())


def _fold_token(tok: str) -> str:
    if _ARABIC_CHARS_RE.search(tok):
        return tok
    for a, b in _FOLDS:
        tok = tok.replace(a, b)
    tok = _DOUBLE_RE.sub(r"\1", tok)
    if len(tok) > 3 and tok.endswith(("ah", "eh")):
        tok = tok[:-2] + "a"
    return tok


@lru_cache(maxsize=65536)
def norm_key(name: str) -> str:
    """The matching key: :func:`exact_key` without articles and with transliteration folds."""
    text = _ARABIC_ARTICLE_RE.sub(" ", strip_accents(name))
    text = _AR_ARTICLE_RE.sub("", text)
    tokens = [t for t in exact_key(text).split() if t not in ARTICLES]
    return " ".join(_fold_token(t) for t in tokens)


@lru_cache(maxsize=65536)
def skeleton_key(name: str) -> str:
    """Consonants of each token of :func:`norm_key` (vowel spelling ignored)."""
    tokens = []
    for tok in norm_key(name).split():
        if _ARABIC_CHARS_RE.search(tok):
            tokens.append(tok)
            continue
        cons = _VOWELS_RE.sub("", tok)
        if cons:
            tokens.append(cons)
    return " ".join(tokens)


def is_acronym(alias: str) -> bool:
    """Short all-capitals aliases (SDF, IS, PMU, QSD) that must match case-sensitively."""
    letters = alias.replace("-", "").replace(".", "").replace(" ", "")
    return 1 < len(letters) <= 6 and letters.isupper() and letters.isalpha()
