"""A dateline in capitals ("NEWARK --", "ROME (Reuters) -") is a place mention."""

from __future__ import annotations

from sitreps.actors.mentions import find_actors
from sitreps.geo.candidates import dateline_shape
from sitreps.geo.toponyms import find_places
from sitreps.models import PlaceFinding, Report, Span
from sitreps.nlp import parse


def _places(text: str) -> PlaceFinding:
    parsed = parse(Report(id="t", text=text))
    return find_places(parsed, find_actors(parsed))


def _countries(f: PlaceFinding) -> dict[str, str | None]:
    by_id = {p.id: p for p in f.places}
    return {m.span.text: by_id[m.entity_id].country for m in f.mentions if m.entity_id in by_id}


def test_dateline_in_capitals_after_a_headline_is_a_place() -> None:
    f = _places("Council meets. TORRINGTON — City Council approved several budget changes.")
    assert _countries(f).get("TORRINGTON") == "USA"


def test_short_dateline_is_not_taken_for_an_acronym() -> None:
    f = _places("ROME (Reuters) - The pope spoke to pilgrims on Sunday.")
    assert _countries(f).get("ROME") == "ITA"


def test_end_of_a_longer_name_in_capitals_is_no_dateline() -> None:
    text = "Mourners gather. ST. PARIS — Hundreds paid their respects."
    start = text.index("PARIS")
    assert not dateline_shape(text, Span.of(text, start, start + 5))
    assert "PARIS" not in _countries(_places(text))
