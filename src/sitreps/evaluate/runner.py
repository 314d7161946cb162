"""Running the real pipeline over gold documents, in batches, without losing a document.

A report the pipeline fails on is not dropped silently: it becomes a :class:`Failure` with the
error text, counts as "predicted nothing" in the scores, and is reported in the counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sitreps.models import Claim, Extraction, PlaceFinding, Report

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Failure:
    report_id: str
    error: str


def _chunks(items: Sequence[Report], size: int) -> Iterator[Sequence[Report]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def run_batched(
    reports: Sequence[Report],
    batch: Callable[[Sequence[Report]], Iterable[T]],
    single: Callable[[Report], T],
    batch_size: int = 16,
) -> tuple[dict[str, T], tuple[Failure, ...]]:
    """Run ``batch`` over chunks; a chunk that fails is rerun report by report."""
    out: dict[str, T] = {}
    failures: list[Failure] = []
    for chunk in _chunks(reports, max(1, batch_size)):
        try:
            results = list(batch(chunk))
        except Exception:  # a pipeline bug in one report must not hide the others' scores
            results = []
        if len(results) == len(chunk):
            for report, res in zip(chunk, results, strict=True):
                out[report.id] = res
            continue
        for report in chunk:
            try:
                out[report.id] = single(report)
            except Exception as exc:  # recorded, counted and shown, never silent
                failures.append(Failure(report.id, f"{type(exc).__name__}: {exc}"))
    return out, tuple(failures)


def extract_reports(
    reports: Sequence[Report], batch_size: int = 16
) -> tuple[dict[str, Extraction], tuple[Failure, ...]]:
    """The whole pipeline (``sitreps.pipeline``) over ``reports``."""
    from sitreps import pipeline

    def batch(chunk: Sequence[Report]) -> Iterable[Extraction]:
        return pipeline.extract_many(chunk, batch_size=batch_size)

    return run_batched(reports, batch, pipeline.extract, batch_size)


def find_report_places(
    reports: Sequence[Report], batch_size: int = 16
) -> tuple[dict[str, PlaceFinding], tuple[Failure, ...]]:
    """Only the toponym stage (NLP, actors, places) over ``reports``."""
    from sitreps import nlp
    from sitreps.actors.mentions import find_actors
    from sitreps.geo.toponyms import find_places

    def batch(chunk: Sequence[Report]) -> Iterable[PlaceFinding]:
        for parsed in nlp.parse_many(chunk, batch_size=batch_size):
            yield find_places(parsed, find_actors(parsed))

    def single(report: Report) -> PlaceFinding:
        parsed = nlp.parse(report)
        return find_places(parsed, find_actors(parsed))

    return run_batched(reports, batch, single, batch_size)


def find_report_claims(
    reports: Sequence[Report], batch_size: int = 16
) -> tuple[dict[str, tuple[Claim, ...]], tuple[Failure, ...]]:
    """Only the attribution stage (NLP, actors, claims) over ``reports``."""
    from sitreps import nlp
    from sitreps.actors.mentions import find_actors
    from sitreps.extract.claims import find_claims

    def batch(chunk: Sequence[Report]) -> Iterable[tuple[Claim, ...]]:
        for parsed in nlp.parse_many(chunk, batch_size=batch_size):
            yield tuple(find_claims(parsed, find_actors(parsed)))

    def single(report: Report) -> tuple[Claim, ...]:
        parsed = nlp.parse(report)
        return tuple(find_claims(parsed, find_actors(parsed)))

    return run_batched(reports, batch, single, batch_size)
