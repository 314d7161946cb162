""" "X County": a county the gazetteer lacks is placed only inside the unit the report is about."""

from __future__ import annotations

from sitreps.actors.mentions import find_actors
from sitreps.geo.toponyms import find_places
from sitreps.models import PlaceFinding, Report
from sitreps.nlp import parse


def _places(text: str) -> PlaceFinding:
    parsed = parse(Report(id="t", text=text))
    return find_places(parsed, find_actors(parsed))


def _where(f: PlaceFinding, name: str) -> tuple[str | None, str | None] | None:
    by_id = {p.id: p for p in f.places}
    for m in f.mentions:
        if m.span.text == name:
            place = by_id.get(m.entity_id or "")
            return (place.country, place.admin1) if place else (None, None)
    return None


def test_county_takes_the_place_of_its_name_in_the_reports_state() -> None:
    f = _places("Police in Anderson, Ind., said a warrant was filed in Madison County on Tuesday.")
    assert _where(f, "Madison County") == ("USA", "Indiana")


def test_county_without_a_known_state_is_not_a_namesake_town() -> None:
    f = _places("Voters in Cannon County approved the school levy on Tuesday.")
    assert _where(f, "Cannon County") in (None, (None, None))


def test_names_in_a_list_of_counties_are_counties() -> None:
    f = _places(
        "School boards in Barrow, Jackson and Madison counties tweaked their rules this year."
    )
    assert _where(f, "Jackson") in (None, (None, None))
    assert _where(f, "Madison") in (None, (None, None))


def test_a_state_before_counties_is_the_state() -> None:
    f = _places("The state will buy equipment for 10 Kentucky counties this spring.")
    assert _where(f, "Kentucky") == ("USA", "Kentucky")
