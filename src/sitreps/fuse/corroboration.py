"""Corroboration and fatality figures across the reports of one cluster.

* ACLED's conservative rule: when sources disagree, the lowest reported figure is coded.
* UCDP-style estimates: ``low`` is the lowest figure any report gives (its low end when it gives
  a range), ``high`` the highest, ``best`` the median of the best figures of the independent
  (non-partisan) reports, or of all reports when only partisan ones give a number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReportFigure:
    """What one report says of the cluster's dead."""

    report_id: str
    outlet: str | None
    partisan: bool
    best: int | None
    low: int | None
    high: int | None
    asserted: bool = True


@dataclass(frozen=True, slots=True)
class FatalityEstimate:
    conservative: int | None  # ACLED: lowest reported figure
    low: int | None
    best: int | None
    high: int | None


@dataclass(frozen=True, slots=True)
class Corroboration:
    n_reports: int
    n_outlets: int
    n_partisan: int
    n_independent: int


def _median_low(values: Sequence[int]) -> int:
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def estimate_fatalities(figures: Sequence[ReportFigure]) -> FatalityEstimate:
    """Combine the reports' figures; non-asserted reports (denials, threats) do not count."""
    given = [f for f in figures if f.asserted and f.best is not None]
    if not given:
        ranged = [f for f in figures if f.asserted and (f.low is not None or f.high is not None)]
        if not ranged:
            return FatalityEstimate(None, None, None, None)
        given = [
            ReportFigure(
                f.report_id,
                f.outlet,
                f.partisan,
                f.low if f.low is not None else f.high,
                f.low,
                f.high,
            )
            for f in ranged
        ]
    bests = [f.best for f in given if f.best is not None]
    # a report's range always contains its own best figure
    lows = [f.best if f.low is None or f.best is None else min(f.low, f.best) for f in given]
    highs = [f.best if f.high is None or f.best is None else max(f.high, f.best) for f in given]
    independent = [f.best for f in given if not f.partisan and f.best is not None]
    best = _median_low(independent or bests)
    low = min(v for v in lows if v is not None)
    high = max(v for v in highs if v is not None)
    return FatalityEstimate(
        conservative=min(bests), low=min(low, best), best=best, high=max(high, best)
    )


def corroboration(figures: Sequence[ReportFigure]) -> Corroboration:
    """Reports, distinct outlets and partisan versus independent sources of one cluster.

    A report counts as partisan when any of its events in the cluster comes from a partisan
    claim (a party to the conflict speaking of itself or its enemy).
    """
    partisan_by_report: dict[str, bool] = {}
    outlets: set[str] = set()
    for f in figures:
        partisan_by_report[f.report_id] = partisan_by_report.get(f.report_id, False) or f.partisan
        if f.outlet:
            outlets.add(f.outlet.strip().lower())
    n = len(partisan_by_report)
    partisan = sum(partisan_by_report.values())
    return Corroboration(n, len(outlets), partisan, n - partisan)
