from __future__ import annotations

import pytest

from sitreps.extract.incidents import incident_sub_type, needs_shared_side


@pytest.mark.parametrize(
    ("first", "second", "merged"),
    [
        ("Peaceful protest", "Protest with intervention", "Protest with intervention"),
        ("Protest with intervention", "Peaceful protest", "Protest with intervention"),
        (
            "Protest with intervention",
            "Excessive force against protesters",
            "Excessive force against protesters",
        ),
        ("Air/drone strike", "Armed clash", "Armed clash"),
        ("Armed clash", "Grenade", "Armed clash"),
    ],
)
def test_one_incident_takes_the_covering_sub_type(first: str, second: str, merged: str) -> None:
    assert incident_sub_type(first, second) == merged


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Peaceful protest", "Peaceful protest"),
        ("Peaceful protest", "Armed clash"),
        ("Peaceful protest", "Violent demonstration"),
        ("Shelling/artillery/missile attack", "Air/drone strike"),
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


def test_a_clash_with_shelling_between_the_same_sides_is_one_armed_clash() -> None:
    from sitreps.models import Report
    from sitreps.pipeline import extract

    text = (
        "On 3 May 2021, Houthi forces attacked pro-government forces in Hays (Al Hudaydah), "
        "in conjunction with artillery shelling by the Houthi forces. Two soldiers were killed "
        "in the clashes."
    )
    events = [e for e in extract(Report(id="t", text=text)).events if e.modality == "asserted"]
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    assert len(events[0].evidence) >= 1


def test_fighting_in_two_places_between_other_sides_stays_two_events() -> None:
    from sitreps.models import Report
    from sitreps.pipeline import extract

    text = (
        "On 3 May 2021, Turkish artillery shelled PKK positions in Zakho district. On the same "
        "day, PKK militants clashed with Peshmerga forces in Sidakan (Erbil)."
    )
    subs = sorted(e.sub_event_type or "" for e in extract(Report(id="t", text=text)).events)
    assert subs == ["Armed clash", "Shelling/artillery/missile attack"]
