"""A unit written after a town as its context ("Voznesensk, Mykolaiv") is kept, and places the
town, even when the unit is spelt another way than the gazetteer's name."""

from __future__ import annotations

from collections.abc import Callable

from sitreps.actors.mentions import find_actors
from sitreps.geo.toponyms import find_places
from sitreps.models import Report
from sitreps.nlp import parse


def _ids(text: str) -> dict[str, str | None]:
    parsed = parse(Report(id="t", text=text))
    f = find_places(parsed, find_actors(parsed))
    return {m.span.text: m.entity_id for m in f.mentions}


def test_unit_in_another_spelling_is_the_context_of_the_town_before_it() -> None:
    ids = _ids("On Monday, Russian forces shelled Voznesensk, Mykolaiv. Casualties unknown.")
    assert ids.get("Mykolaiv") == "adm1:UA.16"
    assert ids.get("Voznesensk") is not None


def test_front_lines_and_hills_after_a_name_mark_it_as_a_place() -> None:
    # "Kafr Khasher" is a spelling of the gazetteer's "Kafr Khashir", written without any
    # other place-like context than the front lines after it
    ids = _ids(
        "Rebels shelled regime positions on the Kafr Khasher frontlines in Aleppo governorate."
    )
    assert ids.get("Kafr Khasher") is not None


def test_persian_ezafe_joins_the_parts_of_a_known_name() -> None:
    ids = _ids("Farmers gathered in Masjed-e Soleyman and in Shahr e Kord over water shortages.")
    assert ids.get("Masjed-e Soleyman") is not None
    assert ids.get("Shahr e Kord") is not None


def test_rural_capital_is_the_rural_governorate() -> None:
    ids = _ids("Gunmen killed a man near Qatana town in rural Damascus on Monday.")
    assert ids.get("Damascus") == "adm1:SY.08"
    assert ids.get("Qatana") is not None


def test_bracketed_unit_is_the_one_that_holds_the_town_before_it() -> None:
    # "Jubayl" is also a Saudi city and district, "Tripoli" also a Libyan province
    ids = _ids("Residents protested in Byblos (Jubayl) and in Zgharta (Tripoli) over power cuts.")
    assert (ids.get("Jubayl") or "").startswith(("gn:", "adm2:LB"))
    assert ids.get("Jubayl") != "gn:109435"
    assert not (ids.get("Tripoli") or "").startswith("adm1:LY")


def test_bracketed_district_picks_the_namesake_inside_it() -> None:
    # two West Bank villages are called Jaba: one by Jenin, one by Ramallah
    ids = _ids("Soldiers raided Jaba village (Jenin, West Bank) at dawn on Monday.")
    assert ids.get("Jaba") == "gn:283570"
    ids = _ids("Soldiers raided Jaba village (Ramallah and Al Bireh, West Bank) at dawn.")
    assert ids.get("Jaba") == "gn:283571"


def test_village_of_a_conflict_dataset_is_admin_context() -> None:
    # the UCDP village after "area of" (population 0) is the context of the unknown name, so
    # Adl is not read as Adelaide, whose alternate name it is
    ids = _ids("Gunmen killed a man in the Adl area of Kafr Khashir on Monday.")
    assert ids.get("Adl") is None or not str(ids.get("Adl")).startswith("gn:2078025")


def test_neighbourhood_is_not_a_namesake_far_from_the_reports_places() -> None:
    ids = _ids(
        "In Belo Horizonte (Minas Gerais), a man was shot dead in the Vista Alegre neighborhood."
    )
    assert ids.get("Vista Alegre") is None


def test_neighbourhood_far_from_the_reports_town_is_unplaced() -> None:
    ids = _ids(
        "In Salvador (Bahia), gunmen exchanged fire with police in the Palestina neighborhood."
    )
    assert ids.get("Palestina") is None
    assert ids.get("Salvador") is not None


def test_spelling_of_a_village_inside_the_written_unit_beats_a_namesake_abroad(
    place_country: Callable[[str, str], str | None],
) -> None:
    # "Harbel" is a town of Liberia by name; "Harbul", a village of Aleppo, by its spelling
    text = "On 1 February 2022, Turkish forces shelled Harbel town in Aleppo countryside."
    assert place_country(text, "Harbel") == "SYR"


def test_hills_after_a_name_spelt_another_way_mark_a_place(
    place_country: Callable[[str, str], str | None],
) -> None:
    text = "On 20 January 2022, regime forces shelled Kabanee hills in Lattakia countryside."
    assert place_country(text, "Kabanee") == "SYR"


def test_only_town_of_its_name_filed_under_a_neighbouring_unit(
    place_country: Callable[[str, str], str | None],
) -> None:
    # GeoNames files Jan Kempdorp under North West; the report writes Northern Cape
    text = (
        "On 23 May 2022, community members protested outside the court in Jan Kempdorp "
        "(Phokwane, Frances Baard, Northern Cape)."
    )
    assert place_country(text, "Jan Kempdorp") == "ZAF"
