"""Numbers as reports write them: digits, number words, "dozens", ranges and qualifiers.

:func:`parse_count` reads the text of a count phrase ("more than 300", "at least twenty-two",
"dozens of", "between 20 and 30", "a number of", "2 - 'many'") and returns a :class:`Count`:

* ``value``: the best single number the text gives, or None when it gives none
  ("dozens", "a number of", "several");
* ``low`` / ``high``: bounds the text implies ("more than 60" -> low 61; "up to 20" ->
  high 20; "dozens" -> low 24, i.e. at least two dozen);
* ``qualifier``: the hedge as a normalised phrase ("more than", "at least", "about",
  "up to", "dozens", "a number of" ...).

For "more than N" / "over N" the best value is N itself (the figure the source gives);
``low`` is N + 1. For a range "N to M" the value is N (the conservative end).

:func:`token_count` reads the count a parsed noun or number token carries (its numeric and
quantifier modifiers, "a", "no"); :func:`load_lexicon` loads ``data/lexicon/quantities.yaml``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from sitreps.errors import DataError

Token = Any  # spacy.tokens.Token

_UNITS = {
    "zero": 0,
    "no": 0,
    "none": 0,
    "a": 1,
    "an": 1,
    "one": 1,
    "single": 1,
    "lone": 1,
    "another": 1,
    "two": 2,
    "both": 2,
    "pair": 2,
    "couple": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "dozen": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

#: words that are numbers on their own (for token tests by other modules)
NUMBER_WORDS: frozenset[str] = frozenset(_UNITS) | frozenset(_TENS) | frozenset(_SCALES)

_QUALIFIERS: tuple[tuple[str, str], ...] = (
    (r"more than|over|in excess of|upwards of|above", "more than"),
    (r"at least|no fewer than|no less than|not less than|a minimum of", "at least"),
    (r"less than|fewer than|under|below", "less than"),
    (r"at most|up to|as many as|no more than|a maximum of", "up to"),
    (
        r"about|around|approximately|roughly|some|nearly|almost|close to|an estimated|estimated"
        r"|approx\.?|circa|c\.|reportedly",
        "about",
    ),
)

_DIGITS_RE = re.compile(r"^\d{1,3}(?:[,\u202f ]\d{3})+$|^\d+$")


@dataclass(frozen=True, slots=True)
class VagueWord:
    """A quantifier that stands for an unstated number ("dozens", "several")."""

    value: int | None
    low: int | None
    acled: int | None  # the figure ACLED's methodology codes for it, when it has one


@dataclass(frozen=True, slots=True)
class BackgroundWords:
    """Words that mark a death as the background of another event (see quantities.py)."""

    marks: frozenset[str]  # subordinators: "after four people died"
    reason_preps: frozenset[str]  # "a protest over the killing of ..."
    reactions: frozenset[str]  # "condemn the murder of", "justice for"
    owners: frozenset[str]  # "relatives of a man who was killed", "suspected of killing"


@dataclass(frozen=True, slots=True)
class QuantityLexicon:
    """The packaged ``data/lexicon/quantities.yaml``, validated."""

    verbs: dict[str, str]
    phrasal: dict[str, str]
    adjectives: dict[str, str]
    nouns: dict[str, str]
    body_nouns: frozenset[str]
    toll_nouns: frozenset[str]
    not_counted: frozenset[str]
    territory: frozenset[str]
    materiel: tuple[str, ...]
    vague: dict[str, VagueWord]
    background: BackgroundWords


def _str_map(raw: dict[str, Any], key: str) -> dict[str, str]:
    value = raw.get(key) or {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise DataError(f"quantities.yaml: {key!r} must map strings to strings")
    return {k.lower(): v for k, v in value.items()}


@lru_cache(maxsize=1)
def load_lexicon() -> QuantityLexicon:
    """Load and validate the packaged quantity lexicon (once per process)."""
    try:
        text = (
            resources.files("sitreps")
            .joinpath("data/lexicon/quantities.yaml")
            .read_text(encoding="utf-8")
        )
        raw = yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"cannot read the quantity lexicon: {exc}") from exc
    if not isinstance(raw, dict):
        raise DataError("quantities.yaml must be a mapping")
    bg = raw.get("background") or {}
    if not isinstance(bg, dict):
        raise DataError("quantities.yaml: 'background' must be a mapping")
    vague: dict[str, VagueWord] = {}
    for phrase, info in (raw.get("vague") or {}).items():
        if not isinstance(info, dict):
            raise DataError(f"quantities.yaml: vague word {phrase!r} needs a mapping")
        vague[str(phrase).lower()] = VagueWord(
            info.get("value"), info.get("low"), info.get("acled")
        )
    return QuantityLexicon(
        verbs=_str_map(raw, "verbs"),
        phrasal=_str_map(raw, "phrasal"),
        adjectives=_str_map(raw, "adjectives"),
        nouns=_str_map(raw, "nouns"),
        body_nouns=frozenset(str(x).lower() for x in raw.get("body_nouns") or ()),
        toll_nouns=frozenset(str(x).lower() for x in raw.get("toll_nouns") or ()),
        not_counted=_word_set(raw, "not_counted"),
        territory=_word_set(raw, "territory"),
        materiel=tuple(str(x).lower() for x in raw.get("materiel") or ()),
        vague=vague,
        background=BackgroundWords(
            marks=_word_set(bg, "marks"),
            reason_preps=_word_set(bg, "reason_preps"),
            reactions=_word_set(bg, "reactions"),
            owners=_word_set(bg, "owners"),
        ),
    )


def _word_set(raw: dict[str, Any], key: str) -> frozenset[str]:
    value = raw.get(key) or ()
    if not isinstance(value, list | tuple):
        raise DataError(f"quantities.yaml: {key!r} must be a list of words")
    return frozenset(str(x).lower() for x in value)


@dataclass(frozen=True, slots=True)
class Count:
    """A parsed count: best value, bounds and hedge (see the module docstring)."""

    value: int | None
    low: int | None
    high: int | None
    qualifier: str | None = None


def word_to_int(text: str) -> int | None:
    """``"twenty-two"`` -> 22, ``"1,200"`` -> 1200, ``"two hundred"`` -> 200; else None."""
    t = text.strip().lower().replace("\u2011", "-")
    if not t:
        return None
    if _DIGITS_RE.match(t):
        return int(re.sub(r"[,\u202f ]", "", t))
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(hundred|thousand|million)", t)
    if m:
        return int(float(m.group(1)) * _SCALES[m.group(2)])
    words = [w for w in re.split(r"[\s-]+", t) if w and w != "and"]
    if not words:
        return None
    if len(words) == 1 and words[0] in _UNITS:
        return _UNITS[words[0]]
    total = 0
    current = 0
    seen = False
    for w in words:
        if w in _UNITS and w not in ("a", "an", "no", "none", "another", "both", "pair", "couple"):
            current += _UNITS[w]
        elif w in ("a", "an") and len(words) > 1:
            current += 1  # "a hundred", "a dozen"
        elif w in _TENS:
            current += _TENS[w]
        elif w in _SCALES:
            current = max(current, 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total += current
                current = 0
        elif w.isdigit() and not seen:
            current += int(w)
        else:
            return None
        seen = True
    return total + current if seen else None


_NUM = (
    r"\d{1,3}(?:,\d{3})+|\d+|(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|dozen|and)[\s-]*)+"
)
_RANGE_RE = re.compile(
    rf"(?:between\s+)?(?P<a>{_NUM})\s*(?:-|–|—|to|and|or)\s*(?P<b>{_NUM})$", re.IGNORECASE
)
_OPEN_RANGE_RE = re.compile(
    rf"(?P<a>{_NUM})\s*(?:-|–|to|or)\s*['\"‘’“”]?(?P<w>many|more|several|dozens|hundreds)"
    r"['\"‘’“”]?$",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _vague_patterns() -> tuple[tuple[re.Pattern[str], str, VagueWord], ...]:
    vague = load_lexicon().vague
    out = []
    for phrase in sorted(vague, key=len, reverse=True):
        key = re.sub(r"\s+of$", "", phrase)
        pat = re.compile(rf"^(?:{re.escape(key)})(?:\s+of)?$", re.IGNORECASE)
        out.append((pat, phrase, vague[phrase]))
    return tuple(out)


def _strip(text: str) -> str:
    t = re.sub(r"\s+", " ", text.strip().lower())
    t = re.sub(r"^(?:the|a total of|total of|a further|further|an additional|additional)\s+", "", t)
    t = re.sub(r"\s+(?:of|people|persons|others|more)$", "", t)
    return t.strip(" ,.;:'\"‘’“”()")


def parse_count(text: str) -> Count | None:
    """Read a count phrase; None when it holds no count at all."""
    t = _strip(text)
    if not t:
        return None
    qualifier: str | None = None
    for pattern, name in _QUALIFIERS:
        m = re.match(rf"^(?:{pattern})\s+(.+)$", t)
        if m:
            qualifier, t = name, m.group(1).strip()
            break
    if t in ("a dozen", "dozen", "one dozen"):
        return _qualified(12, qualifier)
    for pat, phrase, info in _vague_patterns():
        if pat.match(t):
            return Count(info.value, info.low, None, qualifier or phrase)
    m = re.fullmatch(r"(?:a |an )?(?:few|couple of|couple) dozens?(?: of)?", t)
    if m:
        return Count(None, 24, None, qualifier or "dozens")
    m = _OPEN_RANGE_RE.match(t)
    if m:
        a = word_to_int(m.group("a"))
        if a is not None:
            return Count(a, a, None, qualifier or f"{m.group('w').lower()}")
    m = _RANGE_RE.match(t)
    if m:
        a, b = word_to_int(m.group("a")), word_to_int(m.group("b"))
        if a is not None and b is not None and a < b:
            return Count(a, a, b, qualifier or "between")
    n = word_to_int(t)
    if n is None:
        return None
    return _qualified(n, qualifier)


def _qualified(n: int, qualifier: str | None) -> Count:
    if qualifier == "more than":
        return Count(n, n + 1, None, qualifier)
    if qualifier == "at least":
        return Count(n, n, None, qualifier)
    if qualifier == "less than":
        return Count(None, None, max(n - 1, 0), qualifier)
    if qualifier == "up to":
        return Count(n, None, n, qualifier)
    return Count(n, None, None, qualifier) if qualifier else Count(n, n, n, None)


_ZERO_WORDS = frozenset({"no", "none", "nobody", "noone", "neither"})
SINGULAR_PRONOUNS = frozenset({"he", "she", "him", "her", "himself", "herself"})
_QUANT_HEADS = frozenset({"dozen", "dozens", "hundreds", "thousands", "tens", "scores", "number"})
VAGUE_MODIFIERS = frozenset({"several", "many", "numerous", "multiple", "few", "some", "unknown"})
_NOT_COUNT_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"})
_MONTHS = frozenset(m.lower() for m in (*calendar.month_name[1:], *calendar.month_abbr[1:], "Sept"))
_DET_COUNTS = frozenset({"a", "an", "one", "another", "no", "both", "some"})


# --- counts read from parsed tokens ------------------------------------------------------


def is_count_head(tok: Token) -> bool:
    low = tok.lower_
    return bool(
        tok.like_num
        or low in NUMBER_WORDS
        or low in _QUANT_HEADS
        or (low in _ZERO_WORDS | {"one"} and tok.pos_ in ("PRON", "NUM", "NOUN"))
    )


def count_modifiers(tok: Token) -> list[Token]:
    return [
        c
        for c in tok.children
        if c.i < tok.i
        and (
            c.dep_ in ("nummod", "quantmod")
            or (c.dep_ == "det" and c.lower_ in _DET_COUNTS)
            or (c.dep_ in ("amod", "advmod", "det") and c.lower_ in VAGUE_MODIFIERS)
        )
    ]


def not_a_count(tok: Token) -> bool:
    """A date, time, sum of money or ordinal ("Around 25 January", "at 8 pm", "Rs. 5 lakh")."""
    if tok.ent_type_ in _NOT_COUNT_ENTS:
        return True
    doc = tok.doc
    near = [doc[i].lower_.rstrip(".") for i in (tok.i - 1, tok.i + 1) if 0 <= i < len(doc)]
    return any(w in _MONTHS for w in near)


def token_count(doc: Any, arg: Token) -> tuple[Count, int] | None:
    """The count of an argument and the index of the first token of its count phrase."""
    if arg.lower_ in _ZERO_WORDS or (arg.head.lower_ == "without" and arg.dep_ == "pobj"):
        return Count(0, 0, 0, None), arg.i
    if not_a_count(arg):
        return None
    if is_count_head(arg):
        if any(
            p.dep_ == "prep"
            and p.lower_ == "of"
            and any(c.tag_ in ("WP", "WDT") for c in p.children)
            for p in arg.children
        ):
            return None  # "one of whom died": part of a count given before
        left = arg.left_edge.i
        words = [t for t in doc[left : arg.i + 1] if t.dep_ not in ("poss", "case")]
        if any(t.lower_ in _ZERO_WORDS for t in words):
            return Count(0, 0, 0, None), left
        c = parse_count(" ".join(t.text for t in words))
        return (c, left) if c else None
    mods = count_modifiers(arg)
    nums = [m for m in mods if m.dep_ == "nummod"]
    if nums:
        n = nums[0]
        if not_a_count(n):
            return None
        left = n.left_edge.i
        c = parse_count(doc[left : n.right_edge.i + 1].text)
        if c is not None and any(m.lower_ in _ZERO_WORDS for m in mods):
            c = Count(0, 0, 0, None)
        return (c, left) if c else None
    for m in mods:
        if m.lower_ in _ZERO_WORDS:
            return Count(0, 0, 0, None), m.i
    for m in mods:
        if m.lower_ in VAGUE_MODIFIERS or m.lower_ in _DET_COUNTS:
            c = parse_count(doc[m.left_edge.i : m.i + 1].text)
            if c is not None:
                return c, m.left_edge.i
    if arg.lower_ in SINGULAR_PRONOUNS or (
        arg.tag_ in ("NN", "NNP") and arg.pos_ in ("NOUN", "PROPN")
    ):
        return Count(1, 1, 1, None), arg.left_edge.i
    if arg.tag_ in ("NNS", "NNPS"):
        return Count(None, None, None, "unspecified"), arg.i
    return None
