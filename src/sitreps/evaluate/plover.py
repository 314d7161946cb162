"""The PLOVER gold-standard records: one coded sentence per record.

Each record's ``text`` is run through the pipeline. Among the predicted events of the sentence
(any modality) the one whose PLOVER category equals the gold ``event`` is chosen, else the
first; a sentence with no event is predicted "none". Source and target country accuracy is
taken over the records whose gold source (target) list has a country code: the prediction is
right when the country of the chosen event's actor1 (actor2) is one of the gold codes.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sitreps.errors import EvaluationError
from sitreps.evaluate import metrics as m
from sitreps.evaluate.results import EvalResult, Scores
from sitreps.evaluate.runner import extract_reports
from sitreps.models import Event, Extraction, Report

#: CAMEO actor codes that are not countries.
NON_COUNTRY_CODES = frozenset({"IGO", "NGO", "IMG", "ISM", "MNC", "UAF", "REB", "OPP", "MIL"})
#: CAMEO country codes that differ from ISO 3166-1 alpha-3.
CAMEO_TO_ISO3 = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "GMY": "DEU"}


@dataclass(frozen=True, slots=True)
class PloverGold:
    id: str
    text: str
    published: date | None
    event: str
    source_countries: frozenset[str]
    target_countries: frozenset[str]


@dataclass(frozen=True, slots=True)
class PloverPrediction:
    event: str
    source_country: str | None
    target_country: str | None


def _countries(actors: object) -> frozenset[str]:
    if not isinstance(actors, list):
        return frozenset()
    out: set[str] = set()
    for a in actors:
        code = str(a.get("code") or "").upper()[:3] if isinstance(a, dict) else ""
        if len(code) == 3 and code.isalpha() and code not in NON_COUNTRY_CODES:
            out.add(CAMEO_TO_ISO3.get(code, code))
    return frozenset(out)


def load_plover(path: Path) -> tuple[PloverGold, ...]:
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"cannot read PLOVER gold file {path}: {exc}") from exc
    if not isinstance(records, list):
        raise EvaluationError(f"{path}: expected a JSON array of PLOVER records")
    out: list[PloverGold] = []
    for r in records:
        if not isinstance(r, dict) or r.get("event") in (None, "DOCUMENT") or not r.get("text"):
            continue
        try:
            published = date.fromisoformat(str(r.get("date", ""))[:10])
        except ValueError:
            published = None
        out.append(
            PloverGold(
                id=str(r.get("id") or f"record-{len(out)}"),
                text=str(r["text"]),
                published=published,
                event=str(r["event"]),
                source_countries=_countries(r.get("source")),
                target_countries=_countries(r.get("target")),
            )
        )
    return tuple(out)


def _choose(gold: PloverGold, events: Sequence[Event]) -> Event | None:
    if not events:
        return None
    return max(events, key=lambda e: e.plover == gold.event)


def predict_record(gold: PloverGold, ex: Extraction | None) -> PloverPrediction:
    event = _choose(gold, ex.events) if ex else None
    if ex is None or event is None:
        return PloverPrediction(m.NONE_LABEL, None, None)
    countries = {a.id: a.country for a in ex.actors}
    return PloverPrediction(
        event.plover or m.NONE_LABEL,
        countries.get(event.actor1) if event.actor1 else None,
        countries.get(event.actor2) if event.actor2 else None,
    )


def score_plover(gold: Sequence[PloverGold], predictions: Mapping[str, Extraction]) -> Scores:
    pairs = [(g, predict_record(g, predictions.get(g.id))) for g in gold]
    g_ev = [g.event for g, _ in pairs]
    p_ev = [p.event for _, p in pairs]
    src = [p.source_country in g.source_countries for g, p in pairs if g.source_countries]
    tgt = [p.target_country in g.target_countries for g, p in pairs if g.target_countries]
    n_events = [len(predictions[g.id].events) for g in gold if g.id in predictions]
    breakdown: dict[str, m.Metrics] = {}
    for label in sorted(set(g_ev)):
        idx = [i for i, g in enumerate(g_ev) if g == label]
        breakdown[label] = {
            "n": float(len(idx)),
            "accuracy": m.accuracy([g_ev[i] for i in idx], [p_ev[i] for i in idx]),
        }
    return Scores(
        metrics={
            "coverage": m.share([p != m.NONE_LABEL for p in p_ev]),
            "event_accuracy": m.accuracy(g_ev, p_ev),
            "event_macro_f1": m.macro_f1(g_ev, p_ev),
            "source_country_accuracy": m.share(src),
            "target_country_accuracy": m.share(tgt),
            "mean_events_per_record": m.mean([float(n) for n in n_events]),
        },
        counts={
            "records": len(gold),
            "records_with_source_country": len(src),
            "records_with_target_country": len(tgt),
        },
        breakdown=breakdown,
        breakdown_by="event",
        items=tuple(
            {
                "id": g.id,
                "gold": {
                    "event": g.event,
                    "source": sorted(g.source_countries),
                    "target": sorted(g.target_countries),
                },
                "pred": {"event": p.event, "source": p.source_country, "target": p.target_country},
            }
            for g, p in pairs
        ),
    )


def evaluate_plover(path: Path, limit: int | None = None, batch_size: int = 16) -> EvalResult:
    started = time.perf_counter()
    gold = load_plover(path)[:limit]
    if not gold:
        raise EvaluationError(f"{path}: no PLOVER records")
    reports = [Report(id=g.id, text=g.text, published=g.published, origin=g.id) for g in gold]
    predictions, failures = extract_reports(reports, batch_size)
    scores = score_plover(gold, predictions)
    scores = replace(scores, counts={**scores.counts, "pipeline_failures": len(failures)})
    return EvalResult(
        set_name="plover",
        gold_path=str(path),
        gold_sha256=m.sha256_path(path),
        config={
            "limit": limit,
            "failures": [f"{f.report_id}: {f.error}" for f in failures[:20]] or None,
        },
        scores=scores,
        elapsed_seconds=time.perf_counter() - started,
    )
