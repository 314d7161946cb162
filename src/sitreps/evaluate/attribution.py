"""PolNeAR attribution: who said what, in brat standoff files.

Layout: ``<split>/text/<article>.txt`` and ``<split>/attributions/<article>_<annotator>.ann``.
An article annotated by several annotators is scored against the first annotator in
alphabetical order. Every ``E`` line (``Attribution`` or ``Attribution-no-source``) is one gold
attribution with a Content span, usually a Cue and a Source. A discontinuous span
(``752 760;769 800``) is scored as its hull (first start to last end); ``Content2`` is ignored.

Only the attribution stage runs (NLP, actors, claims). A predicted claim counts as an
attribution when it has a claimant, a source span or a cue (unattributed narration does not).
Scores: source, cue and content span P/R/F1, exact and overlapping (micro over articles);
``linking_accuracy``: over gold attributions with a Source, the share where the predicted claim
whose content overlaps the gold content most has a source span that overlaps the gold Source.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sitreps.errors import EvaluationError
from sitreps.evaluate import metrics as m
from sitreps.evaluate.results import EvalResult, Scores
from sitreps.evaluate.runner import find_report_claims
from sitreps.models import Claim, Report

ROLES = ("source", "cue", "content")
_DATE_RE = re.compile(r"_(\d{4}-\d{2}-\d{2})_")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    source: m.SpanKey | None
    cue: m.SpanKey | None
    content: m.SpanKey


@dataclass(frozen=True, slots=True)
class AttributionDoc:
    id: str
    text: str
    published: date | None
    attributions: tuple[GoldAttribution, ...]


def parse_brat(ann: str) -> tuple[GoldAttribution, ...]:
    """Gold attributions of one ``.ann`` file."""
    spans: dict[str, m.SpanKey] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            head = parts[1].split(" ", 1)
            if len(head) != 2:
                continue
            nums = [int(x) for x in re.findall(r"\d+", head[1])]
            if len(nums) >= 2:
                spans[parts[0]] = (min(nums), max(nums))
        elif line.startswith("E") and len(parts) >= 2:
            args = dict(a.split(":", 1) for a in parts[1].split() if ":" in a)
            if args.get("Content"):
                events.append({k.lower(): v for k, v in args.items()})
    out = []
    for ev in events:
        content = spans.get(ev["content"])
        if content is None:
            continue
        out.append(
            GoldAttribution(
                source=spans.get(ev.get("source", "")),
                cue=spans.get(ev.get("cue", "")),
                content=content,
            )
        )
    return tuple(out)


def split_dir(path: Path, split: str) -> Path:
    """``path`` itself when it holds ``text/`` and ``attributions/``, else ``path/split``."""
    for cand in (path, path / split):
        if (cand / "text").is_dir() and (cand / "attributions").is_dir():
            return cand
    raise EvaluationError(f"{path}: no PolNeAR text/ and attributions/ folders (split {split})")


def load_polnear(path: Path, split: str = "test") -> tuple[AttributionDoc, ...]:
    base = split_dir(path, split)
    anns: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        article = ann.stem.rsplit("_", 1)[0]
        anns.setdefault(article, ann)
    docs = []
    for txt in sorted((base / "text").glob("*.txt")):
        ann_path = anns.get(txt.stem)
        if ann_path is None:
            continue
        try:
            text = txt.read_text(encoding="utf-8")
            ann_text = ann_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise EvaluationError(f"cannot read {txt.name}: {exc}") from exc
        found = _DATE_RE.search(txt.name)
        published = date.fromisoformat(found.group(1)) if found else None
        docs.append(AttributionDoc(txt.stem, text, published, parse_brat(ann_text)))
    if not docs:
        raise EvaluationError(f"{base}: no article with an annotation file")
    return tuple(docs)


def _key(span: object) -> m.SpanKey | None:
    start, end = getattr(span, "start", None), getattr(span, "end", None)
    return (start, end) if isinstance(start, int) and isinstance(end, int) else None


def is_attribution(claim: Claim) -> bool:
    return claim.claimant is not None or claim.source is not None or claim.cue is not None


def _linked(content: m.SpanKey, source: m.SpanKey, claims: Sequence[Claim]) -> bool:
    best = max(
        claims, key=lambda c: m.overlap_len(content, _key(c.content) or (0, 0)), default=None
    )
    if best is None or m.overlap_len(content, _key(best.content) or (0, 0)) == 0:
        return False
    src = _key(best.source)
    return src is not None and m.spans_overlap(src, source)


def score_attribution(
    docs: Sequence[AttributionDoc], predictions: Mapping[str, Sequence[Claim]]
) -> Scores:
    totals = {f"{r}_{mode}": m.EMPTY_PRF for r in ROLES for mode in ("exact", "overlap")}
    links: list[bool] = []
    n_pred = 0
    for doc in docs:
        claims = [c for c in predictions.get(doc.id, ()) if is_attribution(c)]
        n_pred += len(claims)
        for role in ROLES:
            gold = {s for a in doc.attributions if (s := getattr(a, role)) is not None}
            pred = {k for c in claims if (k := _key(getattr(c, role))) is not None}
            totals[f"{role}_exact"] += m.span_prf(gold, pred)
            totals[f"{role}_overlap"] += m.span_prf(gold, pred, overlap=True)
        links.extend(
            _linked(a.content, a.source, claims) for a in doc.attributions if a.source is not None
        )
    metrics: m.Metrics = {}
    for key, prf in totals.items():
        metrics.update(prf.as_metrics(key))
    metrics["linking_accuracy"] = m.share(links)
    return Scores(
        metrics,
        counts={
            "articles": len(docs),
            "gold_attributions": sum(len(d.attributions) for d in docs),
            "gold_with_source": len(links),
            "predicted_attributions": n_pred,
        },
    )


def evaluate_attribution(
    path: Path, split: str = "test", limit: int | None = None, batch_size: int = 8
) -> EvalResult:
    started = time.perf_counter()
    docs = load_polnear(path, split)[:limit]
    reports = [Report(id=d.id, text=d.text, published=d.published, origin=d.id) for d in docs]
    predictions, failures = find_report_claims(reports, batch_size)
    scores = score_attribution(docs, predictions)
    scores = replace(scores, counts={**scores.counts, "pipeline_failures": len(failures)})
    base = split_dir(path, split)
    return EvalResult(
        set_name="attribution",
        gold_path=str(base),
        gold_sha256=m.sha256_path(base, ("*.txt", "*.ann")),
        config={
            "split": split,
            "limit": limit,
            "failures": [f"{f.report_id}: {f.error}" for f in failures[:20]] or None,
        },
        scores=scores,
        elapsed_seconds=time.perf_counter() - started,
    )
