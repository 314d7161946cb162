"""Fit the optional linear sub-event-type classifier on an ACLED-format CSV.

Needs the ``train`` extra (scikit-learn); nothing else in sitreps imports scikit-learn. The
result is plain JSON weights (see :class:`sitreps.extract.eventtype.LinearModel`), never a
pickle, so a model can be inspected and shipped as data.

Splits: a row is in the BUILD half when the first hex digit of
``sha1(event_id_cnty)`` is one of ``01234567``, otherwise in the HOLDOUT half. The shipped
model was fitted on the BUILD rows of all regions, so that the HOLDOUT half stays unseen for
measurement; its settings were chosen by cross-validation on BUILD rows.
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sitreps.errors import ConfigError, DataError
from sitreps.extract.eventtype import LinearModel, features, sparse_row

BUILD_DIGITS = frozenset("01234567")
REQUIRED_COLUMNS = ("event_id_cnty", "sub_event_type", "notes")


@dataclass(frozen=True)
class AcledRow:
    event_id: str
    region: str
    event_type: str
    sub_event_type: str
    notes: str


@dataclass(frozen=True)
class TrainResult:
    model: LinearModel
    rows_used: int
    label_counts: tuple[tuple[str, int], ...]
    path: Path | None = None


def half_of(event_id: str) -> str:
    """``"build"`` or ``"holdout"`` for an ACLED ``event_id_cnty``."""
    digit = hashlib.sha1(event_id.encode("utf-8")).hexdigest()[0]
    return "build" if digit in BUILD_DIGITS else "holdout"


def read_acled_rows(path: Path) -> tuple[AcledRow, ...]:
    """Rows of an ACLED-format CSV that have notes and a sub-event type."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise DataError(f"{path.name}: missing ACLED column(s) {', '.join(missing)}")
            rows = tuple(
                AcledRow(
                    event_id=r["event_id_cnty"],
                    region=r.get("region") or "",
                    event_type=r.get("event_type") or "",
                    sub_event_type=r["sub_event_type"],
                    notes=r["notes"],
                )
                for r in reader
                if r.get("notes") and r.get("sub_event_type")
            )
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc}") from exc
    except csv.Error as exc:
        raise DataError(f"{path.name} is not a readable CSV: {exc}") from exc
    if not rows:
        raise DataError(f"{path.name}: no row has both notes and a sub_event_type")
    return rows


def select_rows(
    rows: Iterable[AcledRow], half: str | None = None, exclude_region: str | None = None
) -> tuple[AcledRow, ...]:
    return tuple(
        r
        for r in rows
        if (half is None or half_of(r.event_id) == half)
        and (exclude_region is None or r.region != exclude_region)
    )


#: Inverse regularisation strength, chosen by 5-fold cross-validation on BUILD rows (see
#: ``data/events/MODEL.md``).
DEFAULT_C = 16.0


def fit(
    rows: Sequence[AcledRow],
    c: float = DEFAULT_C,
    min_count: int = 2,
    source: str = "",
    licence: str = "",
    class_weight: str | None = "balanced",
) -> TrainResult:
    """Fit a multinomial logistic regression on the notes; returns JSON-ready weights.

    ``class_weight="balanced"`` weighs each sub-type by the inverse of its frequency (rare
    sub-types count as much as frequent ones); ``None`` weighs every row alike.
    """
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:
        raise ConfigError("training needs scikit-learn: pip install 'sitreps[train]'") from exc
    labels = Counter(r.sub_event_type for r in rows)
    if len(labels) < 2:
        raise DataError("training needs at least two sub-event types")
    feats = [features(r.notes) for r in rows]
    df: Counter[str] = Counter()
    for f in feats:
        df.update(f.keys())
    keep = {k for k, n in df.items() if n >= min_count}
    feats = [{k: v for k, v in f.items() if k in keep} for f in feats]
    vec = DictVectorizer()
    x = vec.fit_transform(feats)
    y = [r.sub_event_type for r in rows]
    clf: Any = LogisticRegression(C=c, max_iter=2000, class_weight=class_weight)
    clf.fit(x, y)
    classes = tuple(str(k) for k in clf.classes_)
    names = vec.get_feature_names_out()
    weights: dict[str, tuple[tuple[int, float], ...]] = {}
    coef = clf.coef_
    intercept = [float(v) for v in clf.intercept_]
    if len(classes) == 2:  # binary: one row scores the second class against the first
        intercept = [0.0, intercept[0]]
    for j, name in enumerate(names):
        dense: tuple[float, ...]
        if len(classes) == 2:
            dense = (0.0, float(coef[0, j]))
        else:
            dense = tuple(float(coef[i, j]) for i in range(len(classes)))
        row = sparse_row(dense)
        if row:
            weights[str(name)] = row
    meta = {
        "kind": "multinomial logistic regression on note unigrams+bigrams",
        "trained": date.today().isoformat(),
        "rows": str(len(rows)),
        "source": source,
        "licence": licence,
        "C": str(c),
        "class_weight": str(class_weight),
        "min_count": str(min_count),
    }
    model = LinearModel(classes, tuple(intercept), weights, meta)
    return TrainResult(model, len(rows), tuple(sorted(labels.items())))


def train_file(
    path: Path,
    out_dir: Path,
    half: str | None = None,
    exclude_region: str | None = None,
    licence: str = "as the input file",
) -> TrainResult:
    """Fit on an ACLED-format CSV and write ``event_model.json`` into ``out_dir``."""
    rows = select_rows(read_acled_rows(path), half=half, exclude_region=exclude_region)
    if not rows:
        raise DataError("no rows left after the half/region selection")
    parts = [path.name]
    if half:
        parts.append(f"{half} half")
    if exclude_region:
        parts.append(f"excluding region {exclude_region}")
    result = fit(rows, source=", ".join(parts), licence=licence)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / "event_model.json"
        target.write_text(result.model.to_json() + "\n", encoding="utf-8")
    except OSError as exc:
        raise DataError(f"cannot write the model into {out_dir}: {exc}") from exc
    return TrainResult(result.model, result.rows_used, result.label_counts, target)
