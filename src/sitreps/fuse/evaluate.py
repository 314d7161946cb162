"""Fusion quality on a labelled set: B-cubed precision and recall of the clusters.

The labelled set is a JSON-lines file (see ``data/fusion/README.md``): one report per line with
its text, outlet, publication date, the event a coder would extract from it (``event``) and the
gold incident id (``gold``). By default fusion is scored on those coded events (it measures
fusion alone); with ``use_pipeline`` the events are extracted from the texts (end to end).
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from sitreps.errors import EvaluationError
from sitreps.models import Actor, Claim, Event, Extraction, Fatalities, Place, Report, Span
from sitreps.store import schema as t


@dataclass(frozen=True, slots=True)
class LabelledReport:
    report: Report
    gold: str
    partisan: bool
    event: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class FusionScore:
    n_reports: int
    n_gold: int
    n_clusters: int
    n_unplaced: int
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float]:
    """B-cubed precision and recall of ``predicted`` (item -> cluster) against ``gold``."""
    items = list(gold)
    if not items:
        raise EvaluationError("no items to score")
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for item in items:
        by_pred[predicted.get(item, f"singleton:{item}")].add(item)
        by_gold[gold[item]].add(item)
    p = r = 0.0
    for item in items:
        pred = by_pred[predicted.get(item, f"singleton:{item}")]
        true = by_gold[gold[item]]
        both = len(pred & true)
        p += both / len(pred)
        r += both / len(true)
    return p / len(items), r / len(items)


def load_labelled(path: Path) -> list[LabelledReport]:
    out = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationError(f"cannot read {path}: {exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            o = json.loads(line)
            report = Report(
                id=o["report_id"],
                text=o["text"],
                outlet=o.get("outlet"),
                published=date.fromisoformat(o["published"]) if o.get("published") else None,
                origin=f"{path.name}:{n}",
            )
            out.append(LabelledReport(report, str(o["gold"]), bool(o.get("partisan")), o["event"]))
        except (KeyError, ValueError, TypeError) as exc:
            raise EvaluationError(f"{path}:{n}: malformed labelled report: {exc}") from exc
    return out


def coded_extraction(item: LabelledReport) -> Extraction:
    """The extraction a coder would make from one labelled report."""
    e, text = item.event, item.report.text
    whole = Span.of(text, 0, len(text))
    actors = tuple(
        Actor(a, a.replace("-", " "), "unknown", None, None, a)
        for a in dict.fromkeys(x for x in (e.get("actor1"), e.get("actor2")) if x)
    )
    p = e.get("place")
    places: tuple[Place, ...] = ()
    if p:
        places = (
            Place(
                p["id"],
                p["name"],
                p["lat"],
                p["lon"],
                "SYR",
                p.get("admin1"),
                p.get("admin2"),
                "city",
                geo_precision=int(p.get("precision", 1)),
            ),
        )
    f = e.get("fatalities")
    fat = Fatalities(f.get("best"), f.get("low"), f.get("high")) if f else None
    day = date.fromisoformat(e["date"]) if e.get("date") else None
    claim = Claim("c0", None, None, item.report.outlet, None, whole, item.partisan)
    event = Event(
        id="e0",
        event_type=e.get("event_type"),
        sub_event_type=e.get("sub_event_type"),
        plover=e.get("plover", "FIGHT"),
        plover_mode=None,
        actor1=e.get("actor1"),
        assoc_actor1=(),
        actor2=e.get("actor2"),
        assoc_actor2=(),
        place=p["id"] if p else None,
        geo_precision=int(p.get("precision", 1)) if p else None,
        date_start=day,
        date_end=day,
        time_precision=1 if day else None,
        fatalities=fat,
        quantities=(),
        modality="asserted",
        claim="c0",
        evidence=(whole,),
        confidence=1.0,
    )
    return Extraction(
        report=item.report,
        actors=actors,
        places=places,
        events=(event,),
        claims=(claim,),
        sentences=(whole,),
    )


def evaluate_fusion(path: Path, *, use_pipeline: bool = False) -> FusionScore:
    """Fuse the labelled reports in a throwaway SQLite store and score the clusters."""
    from sitreps.store import open_store
    from sitreps.store.ingest import ingest_reports

    items = load_labelled(path)
    gold = {i.report.id: i.gold for i in items}
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'fusion.db'}")
        if use_pipeline:
            ingest_reports(store, [i.report for i in items])
        else:
            coded = {i.report.id: coded_extraction(i) for i in items}
            ingest_reports(
                store, [i.report for i in items], extractor=lambda rs: (coded[r.id] for r in rs)
            )
        with store.engine.connect() as conn:
            rows = conn.execute(
                select(t.events.c.report_id, t.events.c.cluster_id, t.events.c.confidence)
                .where(t.events.c.modality == "asserted")
                .order_by(t.events.c.seq)
            ).all()
        store.close()
    best: dict[str, tuple[float, str]] = {}
    for row in rows:
        if row.report_id not in best or row.confidence > best[row.report_id][0]:
            best[row.report_id] = (row.confidence, row.cluster_id)
    predicted = {rid: cid for rid, (_, cid) in best.items()}
    precision, recall = bcubed(predicted, gold)
    return FusionScore(
        n_reports=len(items),
        n_gold=len(set(gold.values())),
        n_clusters=len(set(predicted.values())) + (len(items) - len(predicted)),
        n_unplaced=len(items) - len(predicted),
        precision=precision,
        recall=recall,
    )
