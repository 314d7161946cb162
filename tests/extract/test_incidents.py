from __future__ import annotations

import pytest

from sitreps.extract.incidents import incident_sub_type, needs_shared_side


@pytest.mark.parametrize(
    ("first", "second", "merged"),
    [
        ("Peaceful protest", "Protest with intervention", "Protest with intervention"),
        ("Protest with intervention", "Peaceful protest", "Protest with intervention"),
        ("Peaceful protest", "Violent demonstration", "Violent demonstration"),
        ("Violent demonstration", "Mob violence", "Violent demonstration"),
        ("Mob violence", "Violent demonstration", "Mob violence"),
        ("Air/drone strike", "Armed clash", "Armed clash"),
        (
            "Shelling/artillery/missile attack",
            "Air/drone strike",
            "Shelling/artillery/missile attack",
        ),
    ],
)
def test_one_incident_takes_the_covering_sub_type(first: str, second: str, merged: str) -> None:
    assert incident_sub_type(first, second) == merged


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Peaceful protest", "Peaceful protest"),
        ("Peaceful protest", "Armed clash"),
        ("Attack", "Armed clash"),
        ("Arrests", "Government regains territory"),
        (None, "Armed clash"),
    ],
)
def test_unrelated_sub_types_are_not_one_incident(first: str | None, second: str) -> None:
    assert incident_sub_type(first, second) is None


def test_fighting_needs_a_shared_side_protests_do_not() -> None:
    assert needs_shared_side("Armed clash")
    assert not needs_shared_side("Peaceful protest")
    assert not needs_shared_side("Arrests")
