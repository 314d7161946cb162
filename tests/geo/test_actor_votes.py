"""Actors of the report vote for its focus country only when their country is their own."""

from __future__ import annotations

from collections.abc import Callable

PlaceCountry = Callable[[str, str], str | None]


def test_named_armed_group_tips_an_ambiguous_province(place_country: PlaceCountry) -> None:
    # Al Jawf is a governorate of Yemen and a region of Saudi Arabia
    assert (
        place_country(
            "A Houthi fighter shot a man dead at a checkpoint on the road to Al Jawf.", "Al Jawf"
        )
        == "YEM"
    )


def test_generic_actors_do_not_vote_for_a_country(place_country: PlaceCountry) -> None:
    # "students" and "protesters" take a country from the report; they must not pull a German
    # city to a namesake elsewhere
    assert (
        place_country(
            "About 50 students and protesters demonstrated in Hannover on Monday.", "Hannover"
        )
        == "DEU"
    )


def test_actor_vote_does_not_outweigh_the_places(place_country: PlaceCountry) -> None:
    # the PKK is a Turkish group fighting in Iraq: a Turkish helicopter over an Iraqi village
    # of Duhok stays in Iraq
    assert (
        place_country(
            "PKK fighters fired at a Turkish helicopter above Mangêsh village, Duhok.", "Mangêsh"
        )
        == "IRQ"
    )


def test_generic_actor_named_with_its_demonym_votes(place_country: PlaceCountry) -> None:
    # "Adl" is also an alternate name of Adelaide; "Iraqi police" places the report in Iraq
    assert place_country("Iraqi police removed checkpoints in the Adl area.", "Adl") != "AUS"


def test_external_forces_do_not_vote_for_their_home_country(place_country: PlaceCountry) -> None:
    # the Saudi-led coalition acts in Yemen: its air raids on Al Bayda are not in Saudi Arabia,
    # and the Yemeni reading must not be dropped as a foreign town
    assert place_country(
        "Saudi-led coalition air raids targeted Al Bayda City.", "Al Bayda City"
    ) == ("YEM")
