"""When an event happened: time expressions near the event, resolved against the report date.

:func:`resolve_time` looks in the sentence of the event's anchor for, in this order of
preference (the expression nearest the anchor wins among those found):

* absolute dates: "On 8 June 2022", "June 8, 2022", "2022-06-08" (precision 1); day ranges
  "between 22 - 23 February" (precision 2); "June 2022" / "in June" (precision 3);
* dates relative to the published date: "yesterday", "today", "last night", "on Monday",
  "three days ago" (precision 1), "this week", "last week", "last weekend" (2),
  "earlier this month", "last month" (3);
* durations of an ongoing campaign: "in 45 days of heavy fighting", "for the past three weeks",
  "over the last two months": a range ending at the published date (precision 2 for a week or
  less, else 3).

Rules (``docs/time.md``): a date is never invented. A relative expression or a duration needs
the published date; without it the dates stay None and the ``reason`` records what was seen.
A sentence without any expression takes the published date with precision 2 (the report
describes something on or shortly before its publication); without a published date
everything stays None.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from sitreps.extract.numbers import word_to_int
from sitreps.models import Span, TimeInfo
from sitreps.nlp import ParsedReport

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_MONTH = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_NUMW = (
    r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|forty-five|fifty|sixty|ninety|a few|several|few)"
)
_UNIT = r"(?P<unit>day|week|month|year)s?"
#: the first letters of the month names: a look-ahead that lets the
#: matcher skip a position before trying every alternative (the same matches, sooner)
_MONTH_AHEAD = "(?=[jfmasond])"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b")),
    (
        "day_range",
        re.compile(
            rf"\b(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|to|and)\s*{_DAY}\s+(?:of\s+)?{_MONTH}"
            rf"(?:,?\s+{_YEAR})?\b",
            re.IGNORECASE,
        ),
    ),
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE)),
    ("mdy", re.compile(rf"\b{_MONTH_AHEAD}{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE)),
    ("dm", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?!,?\s+\d)", re.IGNORECASE)),
    ("md", re.compile(rf"\b{_MONTH_AHEAD}{_MONTH}\s+{_DAY}\b(?!,?\s+\d)(?!\d)", re.IGNORECASE)),
    (
        "my",
        re.compile(
            rf"\b(?=[ijfmasond])(?:in\s+|during\s+)?{_MONTH}\s+(?:of\s+)?{_YEAR}\b", re.IGNORECASE
        ),
    ),
    ("yesterday", re.compile(r"\b(?:yesterday|last night)\b", re.IGNORECASE)),
    ("today", re.compile(r"\b(?:today|this (?:morning|afternoon|evening)|tonight)\b", re.I)),
    (
        "weekday",
        re.compile(
            r"\b(?:on\s+|last\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
            r"\b",
            re.IGNORECASE,
        ),
    ),
    ("ago", re.compile(rf"\b(?=[\daotfsen]){_NUMW}\s+{_UNIT}\s+ago\b", re.IGNORECASE)),
    ("this_week", re.compile(r"\b(?:this|earlier this) week\b", re.IGNORECASE)),
    ("weekend", re.compile(r"\b(?:last|this|the past|over the|during the) weekend\b", re.I)),
    ("last_week", re.compile(r"\b(?:last|past) week\b(?!s)", re.IGNORECASE)),
    ("recent", re.compile(r"\b(?:in |over |during )?(?:the )?recent (?P<unit>day|week)s\b", re.I)),
    ("this_month", re.compile(r"\b(?:earlier |later )?this month\b", re.IGNORECASE)),
    ("last_month", re.compile(r"\blast month\b", re.IGNORECASE)),
    (
        "duration",
        re.compile(
            rf"\b(?:in|for|over|during|after|within)\s+(?:the\s+)?(?:past\s+|last\s+|previous\s+)?"
            rf"{_NUMW}\s+{_UNIT}\b(?:\s+of\b)?",
            re.IGNORECASE,
        ),
    ),
    ("in_month", re.compile(rf"\b(?:in|during|since|early|late|mid)[\s-]+{_MONTH}\b", re.I)),
)
#: the kinds whose pattern needs a digit: skipped in a sentence without one
_NEEDS_DIGIT = frozenset({"iso", "day_range", "dmy", "mdy", "dm", "md", "my"})
_DIGIT_RE = re.compile(r"\d")
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: for each kind, words one of which every match contains (lower case). Used only on ASCII
#: sentences, where the patterns' case-insensitive matching is plain ASCII case folding, so a
#: kind whose words are all missing from the lower-cased sentence cannot match.
_NEEDS_WORD: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("day_range", "dmy", "mdy", "dm", "md", "my", "in_month"), _MONTH_STEMS),
    "yesterday": ("yesterday", "last night"),
    "today": ("today", "this ", "tonight"),
    "weekday": ("day",),
    "ago": ("ago",),
    "this_week": ("week",),
    "weekend": ("weekend",),
    "last_week": ("week",),
    "recent": ("recent",),
    "this_month": ("this month",),
    "last_month": ("last month",),
    "duration": ("day", "week", "month", "year"),
}


#: what may precede a sentence-initial date: a label ("Looting:"), a preposition, a hedge
_FRAME_RE = re.compile(
    r"\s*(?:[A-Z][\w -]{0,30}:\s*)?(?:(?:on|in|around|about|by|during|from|since|circa|"
    r"approximately|between)\s+)?(?:the\s+)?",
    re.IGNORECASE,
)
_HEDGE_BEFORE_RE = re.compile(r"\b(?:around|about|circa|approximately|roughly|c\.)\s*$", re.I)
_HEDGE_AFTER_RE = re.compile(
    r"^\s*\((?P<what>as reported|week of|weekend of|month of)\)", re.IGNORECASE
)


def _hedged(info: TimeInfo, text: str, span: Span) -> TimeInfo:
    """An approximate day: "around 6 February" or "(as reported)", "(week of)" -> precision 2;
    "(month of)" -> the month, precision 3."""
    if info.time_precision != 1 or info.date_start is None:
        return info
    after = _HEDGE_AFTER_RE.match(text[span.end : span.end + 20])
    if after and after.group("what").lower() == "month of":
        d = info.date_start
        end = date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
        return replace(info, date_start=d.replace(day=1), date_end=end, time_precision=3)
    if after or _HEDGE_BEFORE_RE.search(text[max(0, span.start - 15) : span.start]):
        return replace(info, time_precision=2, reason=f"{info.reason}, approximate")
    return info


@dataclass(frozen=True, slots=True)
class _Found:
    kind: str
    span: Span
    match: re.Match[str]


def resolve_time(parsed: ParsedReport, anchor: Span, published: date | None) -> TimeInfo:
    """The date (range) of the event anchored at ``anchor``; see the module docstring."""
    text = parsed.report.text
    if parsed.sentences:
        sent = parsed.sentences[parsed.sentence_index(anchor.start)]
    else:
        sent = Span.of(text, 0, len(text))
    found = _find(text, sent)
    if not found:
        if published is None:
            return TimeInfo(None, None, None, "no date expression and no published date")
        return TimeInfo(published, published, 2, "no date expression; report published date")
    mid = (anchor.start + anchor.end) // 2

    def distance(f: _Found) -> int:
        if _FRAME_RE.fullmatch(text[sent.start : f.span.start]):
            return 0  # "On 8 June 2022, ...": a sentence-initial date frames the whole sentence
        return abs((f.span.start + f.span.end) // 2 - mid)

    found.sort(key=lambda f: (_rank(f.kind), distance(f)))
    for f in found:
        info = _resolve(f, published)
        if info is not None:
            return _hedged(info, text, f.span)
    f = found[0]
    if _rank(f.kind) <= 1:  # an impossible date ("31 February"): as if none were given
        why = f"unreadable date {f.span.text!r}"
        if published is None:
            return TimeInfo(None, None, None, f"{why} and no published date", f.span)
        return TimeInfo(published, published, 2, f"{why}; report published date", f.span)
    return TimeInfo(None, None, None, f"{_describe(f)}, no anchor date", f.span)


def _rank(kind: str) -> int:
    """Absolute expressions first, then relative ones, then durations."""
    if kind in ("iso", "day_range", "dmy", "mdy"):
        return 0
    if kind in ("dm", "md", "my"):
        return 1
    if kind == "duration":
        return 3
    return 2


def _find(text: str, sent: Span) -> list[_Found]:
    return list(_find_in(text, sent.start, sent.end))


@lru_cache(maxsize=64)
def _find_in(text: str, start: int, end: int) -> tuple[_Found, ...]:
    """The expressions of ``text[start:end]`` (one sentence: its events share them)."""
    chunk = text[start:end]
    has_digit = _DIGIT_RE.search(chunk) is not None
    low = chunk.lower() if chunk.isascii() else None
    out: list[_Found] = []
    taken: list[Span] = []
    for kind, pattern in _PATTERNS:
        if not has_digit and kind in _NEEDS_DIGIT:
            continue
        if low is not None:
            words = _NEEDS_WORD.get(kind, ())
            if words and not any(w in low for w in words):
                continue
        for m in pattern.finditer(chunk):
            span = Span.of(text, start + m.start(), start + m.end())
            if any(span.overlaps(t) for t in taken):
                continue
            taken.append(span)
            out.append(_Found(kind, span, m))
    return tuple(out)


def _describe(f: _Found) -> str:
    if f.kind == "duration":
        return f"duration {f.match.group('n')} {f.match.group('unit')}s"
    return f"{f.kind.replace('_', ' ')} {f.span.text!r}"


def _year_for(month: int, day: int, published: date | None) -> int | None:
    if published is None:
        return None
    year = published.year
    try:
        if date(year, month, day) > published + timedelta(days=7):
            year -= 1
    except ValueError:
        return None
    return year


def _safe(year: int | None, month: int, day: int) -> date | None:
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _resolve(f: _Found, published: date | None) -> TimeInfo | None:
    g = f.match.groupdict()
    k = f.kind
    span = f.span
    if k in ("iso", "dmy", "mdy", "dm", "md"):
        month = int(g["m"]) if k == "iso" else _MONTHS[g["mon"].lower().rstrip(".")]
        day = int(g["day"])
        year = int(g["year"]) if g.get("year") else _year_for(month, day, published)
        d = _safe(year, month, day)
        if d is None:
            return None
        why = "date" if g.get("year") else "day and month, year of the published date"
        return TimeInfo(d, d, 1, f"{why} {span.text!r}", span)
    if k == "day_range":
        month = _MONTHS[g["mon"].lower().rstrip(".")]
        d2 = int(g["day"])
        year = int(g["year"]) if g.get("year") else _year_for(month, d2, published)
        a, b = _safe(year, month, int(g["d1"])), _safe(year, month, d2)
        if a is None or b is None or a > b:
            return None
        return TimeInfo(a, b, 2 if (b - a).days <= 7 else 3, f"day range {span.text!r}", span)
    if k in ("my", "in_month"):
        month = _MONTHS[g["mon"].lower().rstrip(".")]
        year = int(g["year"]) if g.get("year") else _year_for(month, 1, published)
        if year is None:
            return None
        if span.text.lower().startswith("since"):  # "since March": to the published date
            return TimeInfo(date(year, month, 1), published, 3, f"{span.text!r}", span)
        last = calendar.monthrange(year, month)[1]
        end = date(year, month, last)
        if published is not None and published < end and published >= date(year, month, 1):
            end = published
        return TimeInfo(date(year, month, 1), end, 3, f"month {span.text!r}", span)
    if published is None:
        return None
    return _relative(f, published)


def _relative(f: _Found, pub: date) -> TimeInfo | None:
    g = f.match.groupdict()
    k, span = f.kind, f.span
    if k == "yesterday":
        d = pub - timedelta(days=1)
        return TimeInfo(d, d, 1, f"{span.text!r} before the published date", span)
    if k == "today":
        return TimeInfo(pub, pub, 1, f"{span.text!r}: the published date", span)
    if k == "weekday":
        back = (pub.weekday() - _WEEKDAYS[g["wd"].lower()]) % 7
        if span.text.lower().startswith("last") and back == 0:
            back = 7
        d = pub - timedelta(days=back)
        return TimeInfo(d, d, 1, f"{span.text!r}: latest such day by the published date", span)
    if k == "ago":
        n = _amount(g["n"])
        if n is None:
            return None
        d = pub - _delta(n, g["unit"])
        precision = {"day": 1, "week": 2}.get(g["unit"].lower(), 3)
        return TimeInfo(d, d, precision, f"{span.text!r}", span)
    if k == "this_week":
        start = pub - timedelta(days=pub.weekday())
        return TimeInfo(start, pub, 2, f"{span.text!r}", span)
    if k == "weekend":
        start = pub - timedelta(days=(pub.weekday() - 5) % 7)  # the latest Saturday
        end = min(start + timedelta(days=1), pub)
        return TimeInfo(start, end, 2, f"{span.text!r}: the latest weekend", span)
    if k == "recent":
        days = 7 if g["unit"].lower() == "day" else 28
        return TimeInfo(pub - timedelta(days=days), pub, 2 if days == 7 else 3, span.text, span)
    if k == "last_week":
        start = pub - timedelta(days=pub.weekday() + 7)
        return TimeInfo(start, start + timedelta(days=6), 2, f"{span.text!r}", span)
    if k == "this_month":
        return TimeInfo(pub.replace(day=1), pub, 3, f"{span.text!r}", span)
    if k == "last_month":
        end = pub.replace(day=1) - timedelta(days=1)
        return TimeInfo(end.replace(day=1), end, 3, f"{span.text!r}", span)
    if k == "duration":
        n = _amount(g["n"])
        if n is None:
            return None
        delta = _delta(n, g["unit"])
        precision = 2 if delta.days <= 7 else 3
        reason = f"duration {n} {g['unit'].lower()}s ending at the published date"
        return TimeInfo(pub - delta, pub, precision, reason, span)
    return None


def _amount(word: str) -> int | None:
    w = word.lower()
    if w in ("a few", "several", "few"):
        return 3
    return word_to_int(w)


def _delta(n: int, unit: str) -> timedelta:
    days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit.lower()]
    return timedelta(days=n * days)
