"""Fixtures of the geo tests: run the toponym stage on a sentence and read the result."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitreps.actors.mentions import find_actors
from sitreps.geo.toponyms import find_places
from sitreps.models import Place, PlaceFinding, Report
from sitreps.nlp import parse


def places_of(text: str) -> PlaceFinding:
    """The toponym stage's finding for ``text``, with the report's actors."""
    parsed = parse(Report(id="t", text=text))
    return find_places(parsed, find_actors(parsed))


def place_of(f: PlaceFinding, name: str) -> Place | None:
    """The place the first placed mention written ``name`` resolves to (None if unplaced)."""
    by_id = {p.id: p for p in f.places}
    for m in f.mentions:
        if m.span.text == name and m.entity_id in by_id:
            return by_id[m.entity_id]
    return None


def country_of(f: PlaceFinding, name: str) -> str | None:
    """ISO3 country of the place the mention written ``name`` resolves to (None if unplaced)."""
    place = place_of(f, name)
    return place.country if place else None


@pytest.fixture
def place_country() -> Callable[[str, str], str | None]:
    """``place_country(text, name)``: the country of the place ``name`` is read as in ``text``."""
    return lambda text, name: country_of(places_of(text), name)
