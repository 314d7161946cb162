""" "X County": the county unit of that name, chosen by the state written next to it and by the
report's other places; a name several counties share with nothing to choose stays unplaced; a
county the gazetteer lacks is placed only inside the unit the report is about."""

from __future__ import annotations

from tests.geo.conftest import place_of

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


def _feature(f: PlaceFinding, name: str) -> str | None:
    place = place_of(f, name)
    return place.feature if place else None


def test_county_of_the_reports_state() -> None:
    f = _places("Police in Anderson, Ind., said a warrant was filed in Madison County on Tuesday.")
    assert _where(f, "Madison County") == ("USA", "Indiana")
    assert _feature(f, "Madison County") == "admin2"


def test_the_only_county_of_a_name_is_that_county() -> None:
    f = _places("Voters in Cannon County approved the school levy on Tuesday.")
    assert _where(f, "Cannon County") == ("USA", "Tennessee")
    assert _feature(f, "Cannon County") == "admin2"


def test_state_written_after_the_county_chooses_it() -> None:
    f = _places("Dallas County, Iowa, reported two cases of the flu on Friday.")
    assert _where(f, "Dallas County") == ("USA", "Iowa")


def test_county_in_the_state_the_report_names() -> None:
    f = _places("Storms hit Dallas County on Sunday, officials in Texas said.")
    assert _where(f, "Dallas County") == ("USA", "Texas")


def test_counties_in_a_list_are_read_together() -> None:
    f = _places(
        "Deputies recovered stolen items in Allamakee County, Dallas County and Plymouth County."
    )
    assert _where(f, "Allamakee County") == ("USA", "Iowa")
    assert _where(f, "Dallas County") == ("USA", "Iowa")
    assert _where(f, "Plymouth County") == ("USA", "Iowa")


def test_county_several_states_share_is_unplaced_without_a_cue() -> None:
    f = _places("Voters in Orange County approved the school levy on Tuesday.")
    assert _where(f, "Orange County") in (None, (None, None))


def test_a_bare_name_is_the_town_not_its_county() -> None:
    f = _places("Police in Dallas arrested two men on Tuesday.")
    assert _feature(f, "Dallas") == "city"


def test_kenyan_county_is_its_admin1_unit() -> None:
    f = _places("Gunmen attacked a police post in Garissa County on Monday.")
    assert _where(f, "Garissa County") == ("KEN", "Garissa")
    assert _feature(f, "Garissa County") == "admin1"


def test_kenyan_county_in_a_bracket_places_the_town() -> None:
    f = _places("Residents stormed a police post near Yala (Gem, Siaya County) on Monday.")
    assert _where(f, "Yala") == ("KEN", "Siaya")


def test_names_in_a_list_of_counties_are_counties() -> None:
    f = _places(
        "School boards in Barrow, Jackson and Madison counties tweaked their rules this year."
    )
    assert _where(f, "Jackson") in (None, (None, None))
    assert _where(f, "Madison") in (None, (None, None))


def test_a_state_before_counties_is_the_state() -> None:
    f = _places("The state will buy equipment for 10 Kentucky counties this spring.")
    assert _where(f, "Kentucky") == ("USA", "Kentucky")
