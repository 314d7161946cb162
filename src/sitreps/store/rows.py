"""Frozen rows handed out by :mod:`sitreps.store.queries` (for the CLI, API and exports)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeVar

from sitreps.models import Fatalities, Span

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class EventRow:
    """One report's event as stored, with its place and its cluster."""

    uid: str
    report_id: str
    event_id: str
    event_type: str | None
    sub_event_type: str | None
    plover: str
    plover_mode: str | None
    actor1: str | None
    assoc_actor1: tuple[str, ...]
    actor2: str | None
    assoc_actor2: tuple[str, ...]
    place_id: str | None
    lat: float | None
    lon: float | None
    admin1: str | None
    country: str | None
    geo_precision: int | None
    date_start: date | None
    date_end: date | None
    fatalities: Fatalities | None
    modality: str
    partisan: bool
    outlet: str | None
    evidence: tuple[Span, ...]
    cluster_id: str | None
    merge_reason: str | None
    confidence: float


@dataclass(frozen=True, slots=True)
class ClusterRow:
    """A fused event: one incident across reports."""

    id: str
    event_type: str | None
    sub_event_type: str | None
    plover: str | None
    actor1: str | None
    actor2: str | None
    actors: tuple[str, ...]
    place_id: str | None
    lat: float | None
    lon: float | None
    admin1: str | None
    country: str | None
    date_start: date | None
    date_end: date | None
    modality: str
    n_events: int
    n_reports: int
    n_outlets: int
    n_partisan: int
    n_independent: int
    fatalities: int | None  # ACLED conservative rule
    fat_low: int | None
    fat_best: int | None
    fat_high: int | None


@dataclass(frozen=True, slots=True)
class EditRow:
    id: int
    target_kind: str
    target_id: str
    action: str
    field: str | None
    old_value: str | None  # JSON
    new_value: str | None  # JSON
    author: str
    note: str | None
    at: datetime


@dataclass(frozen=True, slots=True)
class ClusterDetail:
    cluster: ClusterRow
    members: tuple[EventRow, ...]
    edits: tuple[EditRow, ...]


@dataclass(frozen=True, slots=True)
class UnknownActorRow:
    """A provisional actor the knowledge base does not know, with where it was seen."""

    id: str
    name: str
    n_reports: int
    n_mentions: int
    examples: tuple[str, ...]  # sentences that name it


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters applied in the database. ``None`` means no constraint."""

    date_from: date | None = None
    date_to: date | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    modality: str | None = None  # one modality; default: asserted only
    include_non_asserted: bool = False
    min_reports: int = 1
    min_outlets: int = 1


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))
