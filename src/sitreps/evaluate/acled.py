"""The ACLED set: run extraction on each event's ``notes`` and compare with the coded row.

One gold row is one note. The predicted events of that note are matched to the row: among the
note's asserted events with an ACLED event type, the one that agrees on event type and then on
sub-event type is chosen (ties: the first). A note with no such event is predicted "none"
(every field empty, fatalities 0). See ``docs/evaluation.md``.
"""

from __future__ import annotations

import csv
import hashlib
import random
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Literal

from sitreps.errors import EvaluationError
from sitreps.evaluate import metrics as m
from sitreps.evaluate.results import EvalResult, Metrics, Scores
from sitreps.evaluate.runner import extract_reports
from sitreps.models import Event, Extraction, Report

Half = Literal["build", "holdout", "all"]

REQUIRED_COLUMNS = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "notes")


@dataclass(frozen=True, slots=True)
class AcledGold:
    event_id: str
    event_date: date | None
    region: str
    country: str
    notes: str
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    inter1: int | None
    inter2: int | None
    admin1: str
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int


@dataclass(frozen=True, slots=True)
class AcledFilter:
    country: str | None = None
    region: str | None = None
    limit: int | None = None
    sample: int | None = None
    seed: int = 0
    half: Half = "all"


@dataclass(frozen=True, slots=True)
class AcledPrediction:
    """The fields of the predicted event matched to one gold row (all empty for "none")."""

    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    inter1: int | None
    inter2: int | None
    admin1: str
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int


NO_PREDICTION = AcledPrediction(
    m.NONE_LABEL, m.NONE_LABEL, "", "", None, None, "", "", None, None, None, 0
)


def half_of(event_id: str) -> Literal["build", "holdout"]:
    """The holdout rule: BUILD when the first hex digit of SHA-1(event_id_cnty) is 0-7."""
    return "build" if hashlib.sha1(event_id.encode()).hexdigest()[0] in "01234567" else "holdout"


def _int(value: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


def _float(value: str) -> float | None:
    try:
        return float(value) if value.strip() else None
    except ValueError:
        return None


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def load_acled(path: Path) -> tuple[AcledGold, ...]:
    """Read an ACLED CSV export (ACLED's column names; ``notes`` required)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise EvaluationError(f"{path}: not an ACLED export, missing {missing}")
            rows = list(reader)
    except OSError as exc:
        raise EvaluationError(f"cannot read ACLED gold file {path}: {exc}") from exc
    out = []
    for r in rows:
        inter2 = _int(r.get("inter2", ""))
        out.append(
            AcledGold(
                event_id=r["event_id_cnty"],
                event_date=_date(r["event_date"]),
                region=r.get("region", ""),
                country=r.get("country", ""),
                notes=r["notes"] or "",
                event_type=r["event_type"],
                sub_event_type=r["sub_event_type"],
                actor1=r.get("actor1", ""),
                actor2=r.get("actor2", ""),
                inter1=_int(r.get("inter1", "")) or None,
                inter2=inter2 or None,
                admin1=r.get("admin1", ""),
                location=r.get("location", ""),
                latitude=_float(r.get("latitude", "")),
                longitude=_float(r.get("longitude", "")),
                geo_precision=_int(r.get("geo_precision", "")),
                fatalities=_int(r.get("fatalities", "")) or 0,
            )
        )
    return tuple(out)


def select_rows(rows: Sequence[AcledGold], flt: AcledFilter) -> tuple[AcledGold, ...]:
    """Apply the filters in this order: notes present, country, region, half, sample, limit."""
    out = [r for r in rows if r.notes.strip()]
    if flt.country:
        out = [r for r in out if r.country.casefold() == flt.country.casefold()]
    if flt.region:
        out = [r for r in out if r.region.casefold() == flt.region.casefold()]
    if flt.half != "all":
        out = [r for r in out if half_of(r.event_id) == flt.half]
    if flt.sample is not None and flt.sample < len(out):
        keep = set(random.Random(flt.seed).sample(range(len(out)), flt.sample))
        out = [r for i, r in enumerate(out) if i in keep]
    if flt.limit is not None:
        out = out[: flt.limit]
    return tuple(out)


def to_report(row: AcledGold) -> Report:
    return Report(id=row.event_id, text=row.notes, published=row.event_date, origin=row.event_id)


def _best_event(gold: AcledGold, events: Sequence[Event]) -> Event | None:
    candidates = [e for e in events if e.event_type and e.modality == "asserted"]
    if not candidates:
        return None
    return max(
        candidates,
        key=lambda e: (e.event_type == gold.event_type, e.sub_event_type == gold.sub_event_type),
    )


def _first_event(events: Sequence[Event]) -> Event | None:
    candidates = [e for e in events if e.event_type and e.modality == "asserted"]
    if not candidates:
        return None
    return min(candidates, key=lambda e: e.evidence[0].start if e.evidence else 0)


def predict_row(
    gold: AcledGold, extraction: Extraction | None, *, oracle: bool = True
) -> AcledPrediction:
    """The prediction for ``gold`` from the extraction of its note.

    ``oracle``: pick the event that agrees best with the gold row; otherwise the first asserted
    event with an ACLED type, in text order.
    """
    if extraction is None:
        return NO_PREDICTION
    events = extraction.events
    event = _best_event(gold, events) if oracle else _first_event(events)
    if event is None:
        return NO_PREDICTION
    actors = {a.id: a for a in extraction.actors}
    places = {p.id: p for p in extraction.places}
    a1 = actors.get(event.actor1) if event.actor1 else None
    a2 = actors.get(event.actor2) if event.actor2 else None
    place = places.get(event.place) if event.place else None
    fat = event.fatalities.best if event.fatalities and event.fatalities.best is not None else 0
    return AcledPrediction(
        event_type=event.event_type or m.NONE_LABEL,
        sub_event_type=event.sub_event_type or m.NONE_LABEL,
        actor1=a1.acled_name if a1 else "",
        actor2=a2.acled_name if a2 else "",
        inter1=a1.inter if a1 else None,
        inter2=a2.inter if a2 else None,
        admin1=place.admin1 or "" if place else "",
        location=place.name if place else "",
        latitude=place.lat if place else None,
        longitude=place.lon if place else None,
        geo_precision=event.geo_precision
        if event.geo_precision is not None
        else (place.geo_precision if place else None),
        fatalities=fat,
    )


def _metrics(pairs: Sequence[tuple[AcledGold, AcledPrediction]]) -> Metrics:
    gold = [g for g, _ in pairs]
    pred = [p for _, p in pairs]
    g_type = [g.event_type for g in gold]
    p_type = [p.event_type for p in pred]
    g_sub = [g.sub_event_type for g in gold]
    p_sub = [p.sub_event_type for p in pred]
    killed = [(g, p) for g, p in pairs if g.fatalities > 0]
    distances: list[float] = []
    within: list[bool] = []
    for g, p in pairs:
        if g.latitude is None or g.longitude is None:
            continue
        if p.latitude is None or p.longitude is None:
            within.append(False)
            continue
        d = m.haversine_km(g.latitude, g.longitude, p.latitude, p.longitude)
        distances.append(d)
        within.append(d <= 25.0)
    return {
        "coverage": m.share([p.event_type != m.NONE_LABEL for p in pred]),
        "event_type_accuracy": m.accuracy(g_type, p_type),
        "event_type_macro_f1": m.macro_f1(g_type, p_type),
        "sub_event_type_accuracy": m.accuracy(g_sub, p_sub),
        "sub_event_type_macro_f1": m.macro_f1(g_sub, p_sub),
        "sub_event_type_weighted_f1": m.weighted_f1(g_sub, p_sub),
        "actor1_accuracy": m.accuracy(
            [m.normalise_name(g.actor1) for g in gold], [m.normalise_name(p.actor1) for p in pred]
        ),
        "actor2_accuracy": m.accuracy(
            [m.normalise_name(g.actor2) for g in gold], [m.normalise_name(p.actor2) for p in pred]
        ),
        "inter1_accuracy": m.accuracy([g.inter1 for g in gold], [p.inter1 for p in pred]),
        "inter2_accuracy": m.accuracy([g.inter2 for g in gold], [p.inter2 for p in pred]),
        "admin1_accuracy": m.accuracy(
            [m.normalise_name(g.admin1) for g in gold], [m.normalise_name(p.admin1) for p in pred]
        ),
        "location_exact": m.accuracy(
            [m.normalise_name(g.location) for g in gold],
            [m.normalise_name(p.location) for p in pred],
        ),
        "median_distance_km": m.median(distances),
        "within_25km": m.share(within),
        "geo_precision_accuracy": m.accuracy(
            [g.geo_precision for g in gold], [p.geo_precision for p in pred]
        ),
        "fatalities_exact": m.accuracy([g.fatalities for g in gold], [p.fatalities for p in pred]),
        "fatalities_exact_nonzero": m.accuracy(
            [g.fatalities for g, _ in killed], [p.fatalities for _, p in killed]
        ),
        "fatalities_mae": m.mean([abs(g.fatalities - p.fatalities) for g, p in pairs]),
    }


#: metrics also reported for the no-oracle choice (the note's first asserted typed event)
FIRST_KEYS = (
    "event_type_macro_f1",
    "sub_event_type_macro_f1",
    "sub_event_type_weighted_f1",
    "actor1_accuracy",
    "actor2_accuracy",
    "admin1_accuracy",
    "within_25km",
    "fatalities_exact",
)

BREAKDOWN_KEYS = (
    "event_type_accuracy",
    "sub_event_type_accuracy",
    "actor1_accuracy",
    "within_25km",
    "fatalities_exact",
)


def score_acled(gold: Sequence[AcledGold], predictions: Mapping[str, Extraction]) -> Scores:
    """Score the extractions of each note (keyed by ``event_id_cnty``) against the rows."""
    pairs = [(g, predict_row(g, predictions.get(g.event_id))) for g in gold]
    first = _metrics([(g, predict_row(g, predictions.get(g.event_id), oracle=False)) for g in gold])
    typed = [
        sum(1 for e in predictions[g.event_id].events if e.event_type and e.modality == "asserted")
        for g in gold
        if g.event_id in predictions
    ]
    by_country: dict[str, list[tuple[AcledGold, AcledPrediction]]] = {}
    for pair in pairs:
        by_country.setdefault(pair[0].country or "?", []).append(pair)
    breakdown: dict[str, Metrics] = {}
    for country in sorted(by_country, key=lambda c: (-len(by_country[c]), c)):
        rows = by_country[country]
        full = _metrics(rows)
        breakdown[country] = {"n": float(len(rows)), **{k: full[k] for k in BREAKDOWN_KEYS}}
    counts = {
        "rows": len(gold),
        "rows_predicted": sum(p.event_type != m.NONE_LABEL for _, p in pairs),
        "rows_located": sum(p.latitude is not None for _, p in pairs),
        "predicted_events": sum(
            len(predictions[g.event_id].events) for g in gold if g.event_id in predictions
        ),
    }
    halves: dict[str, list[tuple[AcledGold, AcledPrediction]]] = {}
    for pair in pairs:
        halves.setdefault(half_of(pair[0].event_id), []).append(pair)
    confusions = Counter(
        (g.sub_event_type, p.sub_event_type)
        for g, p in pairs
        if g.sub_event_type != p.sub_event_type
    )
    extra = {
        "by_half": {h: {"n": len(v), **_metrics(v)} for h, v in sorted(halves.items())},
        "sub_event_type_confusions": [
            {"gold": g, "pred": p, "count": n} for (g, p), n in confusions.most_common(25)
        ],
    }
    first_view = {f"first_{k}": first[k] for k in FIRST_KEYS}
    return Scores(
        {
            **_metrics(pairs),
            **first_view,
            "asserted_typed_events_per_note": m.mean([float(n) for n in typed]),
        },
        counts,
        breakdown,
        "country",
        tuple(_item(g, p) for g, p in pairs),
        extra,
    )


def _item(g: AcledGold, p: AcledPrediction) -> dict[str, object]:
    distance = None
    if (
        g.latitude is not None
        and g.longitude is not None
        and p.latitude is not None
        and p.longitude is not None
    ):
        distance = round(m.haversine_km(g.latitude, g.longitude, p.latitude, p.longitude), 1)
    fields = (
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "admin1",
        "location",
        "geo_precision",
        "fatalities",
    )
    return {
        "event_id": g.event_id,
        "country": g.country,
        "half": half_of(g.event_id),
        "gold": {f: getattr(g, f) for f in fields},
        "pred": {f: getattr(p, f) for f in fields},
        "distance_km": distance,
    }


def evaluate_acled(path: Path, flt: AcledFilter, batch_size: int = 16) -> EvalResult:
    """Run the pipeline on the selected rows of an ACLED export and score it."""
    started = time.perf_counter()
    rows = select_rows(load_acled(path), flt)
    if not rows:
        raise EvaluationError(f"{path}: no rows left after the filters")
    predictions, failures = extract_reports([to_report(r) for r in rows], batch_size)
    scores = score_acled(rows, predictions)
    scores = replace(scores, counts={**scores.counts, "pipeline_failures": len(failures)})
    return EvalResult(
        set_name="acled",
        gold_path=str(path),
        gold_sha256=m.sha256_file(path),
        config={
            "country": flt.country,
            "region": flt.region,
            "limit": flt.limit,
            "sample": flt.sample,
            "seed": flt.seed if flt.sample is not None else None,
            "half": flt.half,
            "batch_size": batch_size,
            "failures": [f"{f.report_id}: {f.error}" for f in failures[:20]] or None,
        },
        scores=scores,
        elapsed_seconds=time.perf_counter() - started,
    )
