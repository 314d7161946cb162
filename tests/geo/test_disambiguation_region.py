"""The admin1 unit a report is about ("Paris, Tenn.") lends itself to its other ambiguous names."""

from __future__ import annotations

from sitreps.actors.mentions import find_actors
from sitreps.geo.toponyms import find_places
from sitreps.models import PlaceFinding, Report
from sitreps.nlp import parse


def _places(text: str) -> PlaceFinding:
    parsed = parse(Report(id="t", text=text))
    return find_places(parsed, find_actors(parsed))


def _where(f: PlaceFinding, name: str) -> tuple[str | None, str | None]:
    by_id = {p.id: p for p in f.places}
    for m in f.mentions:
        if m.span.text == name and m.entity_id in by_id:
            place = by_id[m.entity_id]
            return place.country, place.admin1
    return None, None


def test_state_written_after_a_town_picks_the_namesake_in_that_state() -> None:
    # Gainesville, Florida is the larger namesake; the report is about Georgia
    f = _places(
        "The company moved from Athens, Ga., last year and opened a plant in Gainesville on Monday."
    )
    assert _where(f, "Gainesville") == ("USA", "Georgia")


def test_state_context_outweighs_a_country_of_the_same_name() -> None:
    f = _places(
        "Officers in Paris, Tenn., said the suspect later drove to Lebanon and was arrested in "
        "Jackson."
    )
    assert _where(f, "Lebanon") == ("USA", "Tennessee")
    assert _where(f, "Jackson") == ("USA", "Tennessee")


def test_country_written_after_its_capital_stays_the_country() -> None:
    f = _places("Police in Tbilisi, Georgia, detained protesters outside parliament on Monday.")
    assert _where(f, "Georgia") == ("GEO", None)


def test_towns_of_one_state_only_pick_the_namesake_in_that_state() -> None:
    # Watkinsville and Bogart are in Georgia only; Decatur is also a larger city of Illinois
    f = _places("U.S. deputies in Watkinsville and Bogart arrested a man in Decatur.")
    assert _where(f, "Decatur") == ("USA", "Georgia")


def test_a_name_does_not_vouch_for_its_own_reading() -> None:
    # Gainesville, Florida is the larger namesake; only its own mention places the report there
    f = _places("U.S. deputies in Watkinsville and Bogart arrested a man from Gainesville.")
    assert _where(f, "Gainesville") == ("USA", "Georgia")


def test_unit_in_brackets_after_a_town_sets_the_reports_country() -> None:
    # "Santa Cruz" names units of several countries; with the town before it, only Bolivia's
    f = _places(
        "On 4 March, in Santa Cruz de la Sierra (Santa Cruz), supporters of the party staged a "
        "demonstration in Los Lotes sector."
    )
    assert _where(f, "Santa Cruz de la Sierra") == ("BOL", "Santa Cruz")
    assert _where(f, "Los Lotes")[0] in (None, "BOL")  # not the village in Panama


def test_spelling_match_stays_in_the_unit_written_after_the_reports_town() -> None:
    f = _places(
        "On 23 January, in Iranduba municipality (Amazonas), a man was killed in a drive-by "
        "shooting in the Cacau Pirera district by members of a rival group."
    )
    assert _where(f, "Iranduba") == ("BRA", "Amazonas")
    assert _where(f, "Cacau Pirera") in ((None, None), ("BRA", "Amazonas"))


def test_park_named_after_someone_is_not_a_small_town_elsewhere() -> None:
    f = _places(
        "On 11 June, over a hundred people gathered at Miller Park to march through Chattanooga "
        "(Tennessee) in support of stricter gun laws."
    )
    assert _where(f, "Chattanooga") == ("USA", "Tennessee")
    assert _where(f, "Miller") == (None, None)  # not Miller, South Dakota


def test_stadium_of_the_reports_town_is_in_that_town() -> None:
    f = _places("On 3 May, residents protested outside Raqqa Stadium in Raqqa city (Ar-Raqqa).")
    assert _where(f, "Raqqa") == ("SYR", "Ar Raqqa")


def test_unit_word_after_a_bracketed_unit_is_not_part_of_its_name() -> None:
    f = _places(
        "Demonstrators blocked the highway in El Hasahisa (Al Hasahisa locality, Al Jazirah "
        "state) on 30 January."
    )
    assert _where(f, "El Hasahisa")[0] == "SDN"


def test_bracketed_unit_without_its_word_stays_in_the_towns_country() -> None:
    f = _places("Drivers protested in Quezon City (National Capital Region) on 3 May.")
    assert _where(f, "Quezon City")[0] == "PHL"


def test_named_region_of_another_country_than_the_reports_is_not_read_as_it() -> None:
    f = _places(
        "Demonstrators blocked the highway in El Hasahisa (Al Hasahisa locality, Al Jazirah "
        "state) in Sudan on 30 January."
    )
    assert _where(f, "Al Jazirah")[0] != "SYR"  # Sudan's state, not Syria's Jazira


def test_bracket_after_a_quarter_places_its_town() -> None:
    f = _places(
        "On 19 March, in Sao Goncalo - Neves Goncalo (Rio de Janeiro), two armed suspects killed "
        "a man in the Paraiso neighborhood."
    )
    assert _where(f, "Sao Goncalo") == ("BRA", "Rio de Janeiro")  # not Rio Grande do Norte's


def test_capital_district_after_a_capital_is_not_washington() -> None:
    f = _places("On 18 March, in Bogota - Rafael Uribe Uribe (Bogota, D.C.), rioters beat two men.")
    assert _where(f, "Bogota")[0] == "COL"


def test_names_called_after_a_place_are_not_that_place() -> None:
    f = _places(
        "The two spent time at the Little Portugal home she shared with her mother in Toronto. "
        "Both women were taken to St. Michael's Hospital. The South East Asian city-state of "
        "Singapore sent condolences."
    )
    names = {m.span.text for m in f.mentions if m.entity_id}
    assert not names & {"Portugal", "Little Portugal", "St. Michael", "South East"}
    assert _where(f, "Toronto") == ("CAN", "Ontario")
