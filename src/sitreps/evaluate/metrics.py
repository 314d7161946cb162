"""Metric helpers shared by the scorers: classification, span matching, distances, hashing.

Every function here is pure and takes plain values, so each scorer can be tested on a few
hand-made gold items with scores worked out by hand.
"""

from __future__ import annotations

import hashlib
import math
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

#: The label a scorer uses for "the system predicted nothing".
NONE_LABEL = "none"

EARTH_RADIUS_KM = 6371.0088

#: Named scores of one run (None where there was nothing to score).
Metrics = dict[str, float | None]


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 with the counts they come from."""

    tp_pred: int  # predicted items that match a gold item
    n_pred: int
    tp_gold: int  # gold items matched by a predicted item
    n_gold: int

    @property
    def precision(self) -> float | None:
        return self.tp_pred / self.n_pred if self.n_pred else None

    @property
    def recall(self) -> float | None:
        return self.tp_gold / self.n_gold if self.n_gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            # nothing predicted, or nothing to find: F1 is 0 unless both are empty
            return None if (self.n_pred == 0 and self.n_gold == 0) else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(
            self.tp_pred + other.tp_pred,
            self.n_pred + other.n_pred,
            self.tp_gold + other.tp_gold,
            self.n_gold + other.n_gold,
        )

    def as_metrics(self, prefix: str) -> dict[str, float | None]:
        return {
            f"{prefix}_precision": self.precision,
            f"{prefix}_recall": self.recall,
            f"{prefix}_f1": self.f1,
        }


EMPTY_PRF = PRF(0, 0, 0, 0)


def accuracy(gold: Sequence[object], pred: Sequence[object]) -> float | None:
    """Share of positions where ``pred`` equals ``gold``; None when there is nothing to score."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    if not gold:
        return None
    return sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)


def _per_class_f1(gold: Sequence[str], pred: Sequence[str]) -> dict[str, tuple[float, int]]:
    """F1 and gold support of every class that occurs in ``gold``."""
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter(pred)
    n_gold: Counter[str] = Counter(gold)
    for g, p in zip(gold, pred, strict=True):
        if g == p:
            tp[g] += 1
    out: dict[str, tuple[float, int]] = {}
    for label, support in n_gold.items():
        denom = support + n_pred[label]
        out[label] = (2 * tp[label] / denom if denom else 0.0, support)
    return out


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float | None:
    """Unweighted mean of the per-class F1 over the classes present in ``gold``.

    A prediction of a class absent from gold (including :data:`NONE_LABEL`) still costs the
    precision of nothing but the recall of the gold class it missed.
    """
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    per = _per_class_f1(gold, pred)
    if not per:
        return None
    return sum(f for f, _ in per.values()) / len(per)


def weighted_f1(gold: Sequence[str], pred: Sequence[str]) -> float | None:
    """Per-class F1 averaged with the gold support of each class as weight."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    per = _per_class_f1(gold, pred)
    if not per:
        return None
    total = sum(s for _, s in per.values())
    return sum(f * s for f, s in per.values()) / total


SpanKey = tuple[int, int]


def span_prf(gold: Iterable[SpanKey], pred: Iterable[SpanKey], *, overlap: bool = False) -> PRF:
    """P/R/F1 of predicted character spans against gold spans of one document.

    Exact: a span counts when the same ``(start, end)`` is on the other side. Overlapping: a
    predicted span counts when it overlaps some gold span (precision) and a gold span counts
    when some predicted span overlaps it (recall). Duplicate spans count once.
    """
    g = set(gold)
    p = set(pred)
    if not overlap:
        both = len(g & p)
        return PRF(both, len(p), both, len(g))
    tp_pred = sum(any(spans_overlap(x, y) for y in g) for x in p)
    tp_gold = sum(any(spans_overlap(x, y) for y in p) for x in g)
    return PRF(tp_pred, len(p), tp_gold, len(g))


def spans_overlap(a: SpanKey, b: SpanKey) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def overlap_len(a: SpanKey, b: SpanKey) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def share(flags: Sequence[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def sha256_path(path: Path, patterns: Sequence[str] = ("*",)) -> str:
    """SHA-256 of a gold file, or of a gold folder: over the sorted relative path and content
    hash of every file under it whose name matches one of ``patterns``."""
    if path.is_file():
        return sha256_file(path)
    files = sorted(
        {f for pat in patterns for f in path.rglob(pat) if f.is_file()},
        key=lambda f: f.relative_to(path).as_posix(),
    )
    h = hashlib.sha256()
    for f in files:
        h.update(f.relative_to(path).as_posix().encode() + b"\0" + sha256_file(f).encode() + b"\n")
    return h.hexdigest()


_DATE_RANGE_RE = re.compile(r"\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\)")
_PUNCT_RE = re.compile(r"[^\w\s]")
_SPACE_RE = re.compile(r"\s+")


def normalise_name(name: str | None) -> str:
    """Actor or place name normalised for comparison.

    Steps: drop ACLED's trailing period of activity ("(2000-)", "(2016-2021)"), fold accents
    and case, turn punctuation (brackets, hyphens, apostrophes, dots) into spaces, collapse
    whitespace. ``None`` and empty names become ``""``.
    """
    if not name:
        return ""
    s = _DATE_RANGE_RE.sub(" ", name)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold().replace("'", "").replace("’", "")
    s = _PUNCT_RE.sub(" ", s)
    return _SPACE_RE.sub(" ", s).strip()
