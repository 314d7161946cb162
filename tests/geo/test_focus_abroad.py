"""Places outside the report's focus country, abbreviated contexts and exonyms."""

from __future__ import annotations

from collections.abc import Callable

from tests.geo.conftest import places_of

PlaceCountry = Callable[[str, str], str | None]


def test_town_named_after_in_is_kept_outside_the_focus_country(place_country: PlaceCountry) -> None:
    assert (
        place_country(
            "Demonstrators gathered in Sens. They denounced the war in Ukraine and Russia.", "Sens"
        )
        == "FRA"
    )


def test_first_word_of_a_longer_name_is_not_a_town_abroad(place_country: PlaceCountry) -> None:
    assert (
        place_country(
            "Teachers held a sit-in in Bandar e Emam Khomeyni city (Khuzestan) on Sunday.", "Bandar"
        )
        is None
    )


def test_abbreviated_context_that_holds_no_reading_is_ignored(place_country: PlaceCountry) -> None:
    # "WB" (West Bengal) is also an alias of the West Bank, which has no Kolkata
    assert (
        place_country(
            "Party members held a protest at Kolkata city (WB) over the murder of a leader.",
            "Kolkata",
        )
        == "IND"
    )


def test_own_name_of_a_town_beats_a_bigger_citys_exonym(place_country: PlaceCountry) -> None:
    # "Valence" is a French town and the French name of Valencia
    assert (
        place_country(
            "About 200 people demonstrated in Valence on Saturday against the new law.", "Valence"
        )
        == "FRA"
    )


def test_palestinian_towns_in_a_report_on_israeli_operations(place_country: PlaceCountry) -> None:
    # GeoNames codes the West Bank and Gaza as Palestine; the report names only Israelis
    assert place_country("Israeli troops raided Jenin.", "Jenin") == "PSE"
    assert place_country("Israeli strikes hit Gaza City on Monday.", "Gaza City") == "PSE"


def test_a_short_alias_of_a_big_city_abroad_stays_unplaced(place_country: PlaceCountry) -> None:
    # "Nas" is a name of a city of 100,000 elsewhere; a longer form of a name is not
    assert (
        place_country(
            "Militia shot a civilian on the road between Sissy (Nas) and Murnei in West Darfur.",
            "Nas",
        )
        is None
    )


def test_a_listed_city_is_not_a_quarter_of_the_next(place_country: PlaceCountry) -> None:
    text = "Letter grades were given to Toronto, Ottawa, Montreal, Quebec City and Halifax."
    f = places_of(text)
    by_id = {p.id: p for p in f.places}
    read = {m.span.text: by_id[m.entity_id] for m in f.mentions if m.entity_id in by_id}
    assert read["Ottawa"].country == "CAN" and read["Ottawa"].feature == "city"
    # a name that says it is a city is the city, not its province
    assert read["Quebec City"].feature == "city"


def test_a_quarter_of_a_big_city_abroad_is_a_place(place_country: PlaceCountry) -> None:
    # ACLED names quarters of big cities "City - Quarter"; a report on the war in Ukraine
    # still took place there
    text = (
        "On 5 March 2022, twenty activists gathered in a protest in Belgrade - Stari Grad "
        "demanding a stop to the Russian invasion of Ukraine."
    )
    assert place_country(text, "Belgrade - Stari Grad") == "SRB"


def test_european_particles_join_a_towns_name(place_country: PlaceCountry) -> None:
    text = "Around 20 January 2022, in Croix-des-Bouquets, Ouest, a shooting was reported."
    assert place_country(text, "Croix-des-Bouquets") == "HTI"
    assert place_country("Workers protested in Frankfurt am Main.", "Frankfurt am Main") == "DEU"
