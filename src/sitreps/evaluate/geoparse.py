"""Geoparsing sets in the TR-News / LGL XML layout (``<article>`` with ``<text>`` and
``<toponyms>``; each ``<toponym>`` has ``start``, ``end`` and, when resolved, a ``gaztag``
with ``lat``/``lon``).

Only the toponym stage runs (NLP, actor mentions, place mentions). Scores:

* toponym span P/R/F1, exact and overlapping (micro over all articles);
* for every gold toponym with coordinates that a predicted place mention with coordinates
  overlaps (the mention overlapping it most): the great-circle error;
  ``accuracy_161km`` is the share of those errors within 161 km (100 miles, the customary
  threshold), ``accuracy_161km_all`` the same share over all gold toponyms with coordinates
  (a missed toponym counts as wrong), ``median_error_km`` the median error.

The JSON output (``--out``) holds one item per gold toponym: its article, span, text and
point, the overlapping predicted mention's span, point and place (id, name, country, feature),
the error in km and the outcome (``within``, ``beyond``, ``missed``, or ``no_gold_point``).
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sitreps.errors import EvaluationError
from sitreps.evaluate import metrics as m
from sitreps.evaluate.results import EvalResult, Scores
from sitreps.evaluate.runner import find_report_places
from sitreps.models import Place, PlaceFinding, Report

WITHIN_KM = 161.0


@dataclass(frozen=True, slots=True)
class GoldToponym:
    span: m.SpanKey
    text: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class GeoDoc:
    id: str
    text: str
    published: date | None
    toponyms: tuple[GoldToponym, ...]


def _num(el: ET.Element | None, tag: str) -> float | None:
    child = el.find(tag) if el is not None else None
    try:
        return float(child.text) if child is not None and child.text else None
    except ValueError:
        return None


def load_geoparse(path: Path) -> tuple[GeoDoc, ...]:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise EvaluationError(f"cannot read geoparsing gold file {path}: {exc}") from exc
    docs = []
    for i, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        if not text.strip():
            continue
        try:
            published: date | None = date.fromisoformat((art.findtext("dltime") or "").strip()[:10])
        except ValueError:
            published = None
        tops = []
        for tp in art.iter("toponym"):
            start, end = _num(tp, "start"), _num(tp, "end")
            if start is None or end is None:
                continue
            gaz = tp.find("gaztag")
            s, e = int(start), int(end)
            tops.append(GoldToponym((s, e), text[s:e], _num(gaz, "lat"), _num(gaz, "lon")))
        docs.append(GeoDoc(art.get("docid") or f"article-{i}", text, published, tuple(tops)))
    if not docs:
        raise EvaluationError(f"{path}: no <article> with text")
    return tuple(docs)


ResolvedSpan = tuple[m.SpanKey, float | None, float | None]


def _span_places(finding: PlaceFinding | None) -> dict[m.SpanKey, Place | None]:
    """Predicted place mention span -> the place it resolves to (None: an unresolved mention)."""
    if finding is None:
        return {}
    places = {p.id: p for p in finding.places}
    out: dict[m.SpanKey, Place | None] = {}
    for p in finding.places:
        for s in p.mentions:
            out[(s.start, s.end)] = p
    for x in finding.mentions:
        if x.kind != "place":
            continue
        place = places.get(x.entity_id) if x.entity_id else None
        key = (x.span.start, x.span.end)
        if place is not None or key not in out:
            out[key] = place
    return out


def _with_points(places: Mapping[m.SpanKey, Place | None]) -> list[ResolvedSpan]:
    return [(key, p.lat if p else None, p.lon if p else None) for key, p in places.items()]


def predicted_toponyms(finding: PlaceFinding) -> list[ResolvedSpan]:
    """Predicted place mention spans with the coordinates of the place they resolve to."""
    return _with_points(_span_places(finding))


def _place_json(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {"id": place.id, "name": place.name, "country": place.country, "feature": place.feature}


def _item(
    doc: GeoDoc,
    t: GoldToponym,
    best: ResolvedSpan | None,
    error: float | None,
    places: Mapping[m.SpanKey, Place | None],
) -> dict[str, Any]:
    if t.lat is None or t.lon is None:
        outcome = "no_gold_point"
    elif error is None:
        outcome = "missed"
    else:
        outcome = "within" if error <= WITHIN_KM else "beyond"
    return {
        "article": doc.id,
        "span": list(t.span),
        "text": t.text,
        "gold": [t.lat, t.lon] if t.lat is not None else None,
        "pred_span": list(best[0]) if best else None,
        "pred": [best[1], best[2]] if best else None,
        "place": _place_json(places.get(best[0])) if best else None,
        "error_km": round(error, 1) if error is not None else None,
        "outcome": outcome,
    }


def score_geoparse(docs: Sequence[GeoDoc], predictions: Mapping[str, PlaceFinding]) -> Scores:
    exact = m.EMPTY_PRF
    lenient = m.EMPTY_PRF
    errors: list[float] = []
    items: list[dict[str, Any]] = []
    gold_with_coords = 0
    for doc in docs:
        finding = predictions.get(doc.id)
        places = _span_places(finding)
        pred = _with_points(places)
        gold_spans = [t.span for t in doc.toponyms]
        pred_spans = [p[0] for p in pred]
        exact += m.span_prf(gold_spans, pred_spans)
        lenient += m.span_prf(gold_spans, pred_spans, overlap=True)
        located = [(s, la, lo) for s, la, lo in pred if la is not None and lo is not None]
        for t in doc.toponyms:
            best = max(located, key=lambda p: m.overlap_len(t.span, p[0]), default=None)
            if best is not None and m.overlap_len(t.span, best[0]) == 0:
                best = None
            error = None
            if t.lat is not None and t.lon is not None:
                gold_with_coords += 1
                if best is not None:
                    error = m.haversine_km(t.lat, t.lon, best[1], best[2])
                    errors.append(error)
            items.append(_item(doc, t, best, error, places))
    within = [e <= WITHIN_KM for e in errors]
    return Scores(
        metrics={
            **exact.as_metrics("toponym_exact"),
            **lenient.as_metrics("toponym_overlap"),
            "accuracy_161km": m.share(within),
            "accuracy_161km_all": sum(within) / gold_with_coords if gold_with_coords else None,
            "median_error_km": m.median(errors),
        },
        counts={
            "articles": len(docs),
            "gold_toponyms": exact.n_gold,
            "gold_toponyms_with_coordinates": gold_with_coords,
            "predicted_toponyms": exact.n_pred,
            "resolved_matches": len(errors),
        },
        items=tuple(items),
    )


def evaluate_geoparse(path: Path, limit: int | None = None, batch_size: int = 16) -> EvalResult:
    started = time.perf_counter()
    docs = load_geoparse(path)[:limit]
    reports = [Report(id=d.id, text=d.text, published=d.published, origin=d.id) for d in docs]
    predictions, failures = find_report_places(reports, batch_size)
    scores = score_geoparse(docs, predictions)
    scores = replace(scores, counts={**scores.counts, "pipeline_failures": len(failures)})
    return EvalResult(
        set_name="geoparse",
        gold_path=str(path),
        gold_sha256=m.sha256_path(path),
        config={
            "limit": limit,
            "within_km": WITHIN_KM,
            "failures": [f"{f.report_id}: {f.error}" for f in failures[:20]] or None,
        },
        scores=scores,
        elapsed_seconds=time.perf_counter() - started,
    )
