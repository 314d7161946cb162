"""Builders of hand-made predictions (Extraction values) for the scorer tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from sitreps.models import Actor, Event, Extraction, Fatalities, Mention, Place, Report, Span


def make_actor(id: str, acled_name: str, inter: int | None = 2, **kw: Any) -> Actor:
    fields: dict[str, Any] = {
        "name": acled_name,
        "kind": "rebel",
        "inter": inter,
        "country": None,
        "acled_name": acled_name,
    }
    fields.update(kw)
    return Actor(id=id, **fields)


def make_place(
    id: str, name: str, lat: float | None, lon: float | None, admin1: str | None = None, **kw: Any
) -> Place:
    fields: dict[str, Any] = {
        "country": None,
        "admin1": admin1,
        "admin2": None,
        "feature": "city",
        "geo_precision": 1,
    }
    fields.update(kw)
    return Place(id=id, name=name, lat=lat, lon=lon, **fields)


def make_event(
    event_type: str | None,
    sub_event_type: str | None = None,
    plover: str = "ASSAULT",
    actor1: str | None = None,
    actor2: str | None = None,
    place: str | None = None,
    fatalities: int | None = None,
    modality: str = "asserted",
    geo_precision: int | None = None,
) -> Event:
    return Event(
        id=f"ev-{event_type}-{sub_event_type}-{actor1}",
        event_type=event_type,
        sub_event_type=sub_event_type,
        plover=plover,
        plover_mode=None,
        actor1=actor1,
        assoc_actor1=(),
        actor2=actor2,
        assoc_actor2=(),
        place=place,
        geo_precision=geo_precision,
        date_start=None,
        date_end=None,
        time_precision=None,
        fatalities=None if fatalities is None else Fatalities(fatalities, fatalities, fatalities),
        quantities=(),
        modality=modality,
        claim=None,
        evidence=(),
    )


def make_extraction(report_id: str, text: str = "", **kw: Any) -> Extraction:
    return Extraction(report=Report(id=report_id, text=text), **kw)


def make_mention(text: str, start: int, end: int, kind: str, entity_id: str | None) -> Mention:
    return Mention(
        id=f"m{start}",
        kind=kind,  # type: ignore[arg-type]
        span=Span.of(text, start, end),
        sentence=0,
        entity_id=entity_id,
    )


class Builders:
    actor: Callable[..., Actor] = staticmethod(make_actor)
    place: Callable[..., Place] = staticmethod(make_place)
    event: Callable[..., Event] = staticmethod(make_event)
    extraction: Callable[..., Extraction] = staticmethod(make_extraction)
    mention: Callable[..., Mention] = staticmethod(make_mention)


@pytest.fixture
def build() -> type[Builders]:
    return Builders
