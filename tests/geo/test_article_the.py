"""A lower-case "the" before a bare name: a town is not written so."""

from __future__ import annotations

from collections.abc import Callable

PlaceCountry = Callable[[str, str], str | None]


def test_the_before_a_bare_name_is_not_a_town(place_country: PlaceCountry) -> None:
    # White House is a town of Tennessee (and a name of Casablanca); "at the White House" is
    # the building
    text = "The president received a turkey in a ceremony at the White House a few days ago."
    assert place_country(text, "White House") is None
    assert place_country("She met him in White House, Tennessee.", "White House") == "USA"


def test_the_before_a_name_that_goes_on_keeps_the_town(place_country: PlaceCountry) -> None:
    assert (
        place_country("Regime forces shelled the Harbal axis in Aleppo countryside.", "Harbal")
        == "SYR"
    )
    assert (
        place_country(
            "Gunboats fired off the Coast of North Gaza (North Gaza, Gaza Strip).",
            "Coast of North Gaza",
        )
        == "PSE"
    )
