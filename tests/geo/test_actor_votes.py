"""Actors of the report vote for its focus country only when their country is their own."""

from __future__ import annotations

from sitreps.actors.mentions import find_actors
from sitreps.geo.toponyms import find_places
from sitreps.models import PlaceFinding, Report
from sitreps.nlp import parse


def _places(text: str) -> PlaceFinding:
    parsed = parse(Report(id="t", text=text))
    return find_places(parsed, find_actors(parsed))


def _country_of(f: PlaceFinding, name: str) -> str | None:
    by_id = {p.id: p for p in f.places}
    for m in f.mentions:
        if m.span.text == name and m.entity_id in by_id:
            return by_id[m.entity_id].country
    return None


def test_named_armed_group_tips_an_ambiguous_province() -> None:
    # Al Jawf is a governorate of Yemen and a region of Saudi Arabia
    f = _places("A Houthi fighter shot a man dead at a checkpoint on the road to Al Jawf.")
    assert _country_of(f, "Al Jawf") == "YEM"


def test_generic_actors_do_not_vote_for_a_country() -> None:
    # "students" and "protesters" take a country from the report; they must not pull a German
    # city to a namesake elsewhere
    f = _places("About 50 students and protesters demonstrated in Hannover on Monday.")
    assert _country_of(f, "Hannover") == "DEU"


def test_actor_vote_does_not_outweigh_the_places() -> None:
    # the PKK is a Turkish group fighting in Iraq: a Turkish helicopter over an Iraqi village
    # of Duhok stays in Iraq
    f = _places("PKK fighters fired at a Turkish helicopter above Mangêsh village, Duhok.")
    assert _country_of(f, "Mangêsh") == "IRQ"
