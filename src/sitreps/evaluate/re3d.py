"""The re3d set (Dstl's Relationship and Entity Extraction Evaluation Dataset).

Layout: one or more source folders, each with ``documents.json``, ``entities.json`` and
``relations.json`` in mongoexport JSON-lines form (one object per line, UTF-8 with BOM).
Annotations below ``MIN_CONFIDENCE`` (the annotation's posterior) are left out.

* Entities: gold ``Organisation`` spans against predicted actor mentions, gold ``Location``
  spans against predicted place mentions; exact and overlapping span P/R/F1, micro-averaged.
* Relations: gold ``FightingAgainst`` against predicted ``fights``, gold ``AlliesOf`` against
  predicted ``allied`` or ``supports``; scored on unordered actor pairs per document. Each gold
  endpoint is mapped to the predicted actor whose mention overlaps it most; an endpoint no
  predicted actor covers keeps its text and so cannot be matched.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sitreps.errors import EvaluationError
from sitreps.evaluate import metrics as m
from sitreps.evaluate.results import EvalResult, Scores
from sitreps.evaluate.runner import extract_reports
from sitreps.models import Extraction, Report

MIN_CONFIDENCE = 0.5
ENTITY_TYPES = {"Organisation": "actor", "Location": "place"}
RELATION_TYPES = {"FightingAgainst": "fights", "AlliesOf": "allied"}
PREDICTED_RELATION = {"fights": "fights", "allied": "allied", "supports": "allied"}


@dataclass(frozen=True, slots=True)
class GoldRelation:
    kind: str  # fights | allied
    source: m.SpanKey
    target: m.SpanKey


@dataclass(frozen=True, slots=True)
class Re3dDoc:
    id: str
    title: str
    text: str
    actors: tuple[m.SpanKey, ...]  # gold Organisation spans
    places: tuple[m.SpanKey, ...]  # gold Location spans
    relations: tuple[GoldRelation, ...]


def _lines(path: Path) -> Iterator[dict[str, object]]:
    try:
        with path.open(encoding="utf-8-sig") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise EvaluationError(f"{path}:{n}: not JSON: {exc}") from exc
    except OSError as exc:
        raise EvaluationError(f"cannot read {path}: {exc}") from exc


def gold_files(path: Path) -> tuple[Path, ...]:
    """The ``documents.json`` files of a re3d folder (or the folder of one source)."""
    files = tuple(sorted(path.rglob("documents.json"))) if path.is_dir() else ()
    if not files:
        raise EvaluationError(f"{path}: no re3d documents.json found")
    return files


def _span(obj: dict[str, object], start: str, end: str) -> m.SpanKey:
    return (int(str(obj[start])), int(str(obj[end])))


def load_re3d(path: Path) -> tuple[Re3dDoc, ...]:
    docs: list[Re3dDoc] = []
    for doc_file in gold_files(path):
        folder = doc_file.parent
        ents: dict[str, dict[str, set[m.SpanKey]]] = {}
        for e in _lines(folder / "entities.json"):
            kind = ENTITY_TYPES.get(str(e.get("type")))
            if kind and float(str(e.get("confidence", 1))) >= MIN_CONFIDENCE:
                bucket = ents.setdefault(str(e["documentId"]), {"actor": set(), "place": set()})
                bucket[kind].add(_span(e, "begin", "end"))
        rels: dict[str, set[GoldRelation]] = {}
        for r in _lines(folder / "relations.json"):
            kind = RELATION_TYPES.get(str(r.get("type")))
            if kind and float(str(r.get("confidence", 1))) >= MIN_CONFIDENCE:
                rels.setdefault(str(r["documentId"]), set()).add(
                    GoldRelation(
                        kind,
                        _span(r, "sourceBegin", "sourceEnd"),
                        _span(r, "targetBegin", "targetEnd"),
                    )
                )
        for d in _lines(doc_file):
            doc_id = str(d["_id"])
            bucket = ents.get(doc_id, {"actor": set(), "place": set()})
            docs.append(
                Re3dDoc(
                    id=doc_id,
                    title=str(d.get("title") or ""),
                    text=str(d["text"]),
                    actors=tuple(sorted(bucket["actor"])),
                    places=tuple(sorted(bucket["place"])),
                    relations=tuple(
                        sorted(rels.get(doc_id, set()), key=lambda g: (g.kind, g.source, g.target))
                    ),
                )
            )
    return tuple(docs)


def predicted_spans(ex: Extraction, kind: str) -> set[m.SpanKey]:
    """Spans of predicted actor (``kind="actor"``) or place mentions; persons are not actors."""
    spans = {(x.span.start, x.span.end) for x in ex.mentions if x.kind == kind}
    if kind == "actor":
        for a in ex.actors:
            if a.kind != "person":
                spans.update((s.start, s.end) for s in a.mentions)
    else:
        for p in ex.places:
            spans.update((s.start, s.end) for s in p.mentions)
    return spans


def _actor_spans(ex: Extraction) -> list[tuple[m.SpanKey, str]]:
    out = [((x.span.start, x.span.end), x.entity_id) for x in ex.mentions if x.entity_id]
    for a in ex.actors:
        out.extend(((s.start, s.end), a.id) for s in a.mentions)
    return [(s, i) for s, i in out if i]


def _resolve(span: m.SpanKey, text: str, actor_spans: list[tuple[m.SpanKey, str]]) -> str:
    best = max(actor_spans, key=lambda x: m.overlap_len(span, x[0]), default=None)
    if best is not None and m.overlap_len(span, best[0]) > 0:
        return best[1]
    return "text:" + m.normalise_name(text[span[0] : span[1]])


Pair = tuple[str, frozenset[str]]


def relation_pairs(doc: Re3dDoc, ex: Extraction | None) -> tuple[set[Pair], set[Pair]]:
    """Gold and predicted (kind, unordered actor pair) sets of one document."""
    actor_spans = _actor_spans(ex) if ex else []
    gold = {
        (
            r.kind,
            frozenset(
                {
                    _resolve(r.source, doc.text, actor_spans),
                    _resolve(r.target, doc.text, actor_spans),
                }
            ),
        )
        for r in doc.relations
    }
    pred: set[Pair] = set()
    if ex:
        for r in ex.relations:
            kind = PREDICTED_RELATION.get(r.kind)
            if kind and r.modality == "asserted":
                pred.add((kind, frozenset({r.source, r.target})))
    return gold, pred


def score_re3d(docs: Sequence[Re3dDoc], predictions: Mapping[str, Extraction]) -> Scores:
    totals: dict[str, m.PRF] = {}

    def add(key: str, prf: m.PRF) -> None:
        totals[key] = totals.get(key, m.EMPTY_PRF) + prf

    for doc in docs:
        ex = predictions.get(doc.id)
        pa = predicted_spans(ex, "actor") if ex else set()
        pp = predicted_spans(ex, "place") if ex else set()
        add("actor_exact", m.span_prf(doc.actors, pa))
        add("actor_overlap", m.span_prf(doc.actors, pa, overlap=True))
        add("place_exact", m.span_prf(doc.places, pp))
        add("place_overlap", m.span_prf(doc.places, pp, overlap=True))
        gold, pred = relation_pairs(doc, ex)
        for kind in ("fights", "allied"):
            g = {x for x in gold if x[0] == kind}
            p = {x for x in pred if x[0] == kind}
            add(f"rel_{kind}", m.PRF(len(g & p), len(p), len(g & p), len(g)))
        add("rel_all", m.PRF(len(gold & pred), len(pred), len(gold & pred), len(gold)))
    metrics: m.Metrics = {}
    for key in (
        "actor_exact",
        "actor_overlap",
        "place_exact",
        "place_overlap",
        "rel_fights",
        "rel_allied",
        "rel_all",
    ):
        metrics.update(totals.get(key, m.EMPTY_PRF).as_metrics(key))
    counts = {
        "documents": len(docs),
        "gold_actor_spans": sum(len(d.actors) for d in docs),
        "gold_place_spans": sum(len(d.places) for d in docs),
        "gold_relation_pairs": totals.get("rel_all", m.EMPTY_PRF).n_gold,
        "predicted_relation_pairs": totals.get("rel_all", m.EMPTY_PRF).n_pred,
    }
    return Scores(metrics, counts)


def evaluate_re3d(path: Path, limit: int | None = None, batch_size: int = 16) -> EvalResult:
    started = time.perf_counter()
    docs = load_re3d(path)[:limit]
    if not docs:
        raise EvaluationError(f"{path}: no re3d documents")
    reports = [Report(id=d.id, text=d.text, title=d.title or None, origin=d.id) for d in docs]
    predictions, failures = extract_reports(reports, batch_size)
    scores = score_re3d(docs, predictions)
    scores = replace(scores, counts={**scores.counts, "pipeline_failures": len(failures)})
    return EvalResult(
        set_name="re3d",
        gold_path=str(path),
        gold_sha256=tree_sha256(path),
        config={
            "limit": limit,
            "min_confidence": MIN_CONFIDENCE,
            "failures": [f"{f.report_id}: {f.error}" for f in failures[:20]] or None,
        },
        scores=scores,
        elapsed_seconds=time.perf_counter() - started,
    )


def tree_sha256(path: Path) -> str:
    """SHA-256 over the gold JSON files of a folder (path and content of each, sorted)."""
    return m.sha256_path(path, ("documents.json", "entities.json", "relations.json"))
