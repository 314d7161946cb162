"""Places outside the report's focus country, abbreviated contexts and exonyms."""

from __future__ import annotations

from collections.abc import Callable

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
