"""Ingest a stream of reports into a store: cheap resume, one transaction per report.

A report whose id is already stored is counted and not extracted again, so a re-run after an
interruption (even ``kill -9``) only does the remaining work. Each new report is written in its
own transaction and its events are then fused one by one, each in its own transaction; fusion
also picks up events left unclustered by an earlier interrupted run, in storage order, so the
resumed store equals the store of an uninterrupted run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sitreps.models import Extraction, Report, Skipped
from sitreps.store.db import Store

Extractor = Callable[[Iterable[Report]], Iterator[Extraction]]


@dataclass(frozen=True, slots=True)
class IngestSummary:
    added: int
    already_present: int
    skipped: list[tuple[str, str]]  # (origin, reason)
    events: int  # events of the newly added reports


def _default_extractor() -> Extractor:
    from sitreps.pipeline import extract_many

    return extract_many


def ingest_reports(
    store: Store,
    items: Iterable[Report | Skipped],
    *,
    extractor: Extractor | None = None,
) -> IngestSummary:
    """Store every new report of ``items`` with its extraction, then fuse the new events.

    ``extractor`` defaults to :func:`sitreps.pipeline.extract_many`.
    """
    extract = extractor or _default_extractor()
    counts = {"already": 0, "added": 0, "events": 0}
    skipped: list[tuple[str, str]] = []
    seen: set[str] = set()

    def fresh() -> Iterator[Report]:
        for item in items:
            if isinstance(item, Skipped):
                store.add_skipped(item)
                skipped.append((item.origin, item.reason))
            elif item.id in seen or store.has_report(item.id):
                counts["already"] += 1
            else:
                seen.add(item.id)
                yield item

    store.fuse_pending()  # events a killed run stored but did not cluster
    for extraction in extract(fresh()):
        if store.add_extraction(extraction):
            counts["added"] += 1
            counts["events"] += len(extraction.events)
            store.fuse_pending()
        else:
            counts["already"] += 1
    return IngestSummary(
        added=counts["added"],
        already_present=counts["already"],
        skipped=skipped,
        events=counts["events"],
    )
