"""Word senses in typing: military versus labour "strike", protests need demonstrators,
"demonstrate" meaning "show", press conferences, territory taken without fighting.

Sentences are made up for these tests.
"""

from __future__ import annotations

import pytest

from sitreps.extract.events import find_events
from sitreps.extract.eventtype import LinearModel, classify, names_demonstration
from sitreps.extract.triggers import find_triggers
from sitreps.models import ActorFinding, PlaceFinding, Report
from sitreps.nlp import parse


def _frames(text: str) -> list[tuple[str, str]]:
    parsed = parse(Report(id="t", text=text))
    return [
        (text[t.start : t.end].lower(), t.frame.name)
        for t in find_triggers(parsed.doc, parsed.sentences)
    ]


def _types(text: str) -> list[tuple[str | None, str | None]]:
    parsed = parse(Report(id="t", text=text))
    events = find_events(parsed, ActorFinding(), PlaceFinding(), (), ())
    return [(e.event_type, e.sub_event_type) for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "Allied aircraft will keep striking enemy positions near the river crossing.",
        "The task force struck a weapons depot outside Northtown on Tuesday.",
        "We would strike the radar equipment before it could be moved.",
    ],
)
def test_strike_with_a_military_object_or_agent_is_a_military_strike(text: str) -> None:
    frames = dict(_frames(text))
    assert "military_strike" in frames.values()
    assert "protest" not in frames.values()
    assert all(t[0] == "Explosions/Remote violence" for t in _types(text))


@pytest.mark.parametrize(
    "text",
    [
        "Bus drivers went on strike in Easton to demand a pay rise.",
        "Unions called a general strike across the province on Monday.",
        "Nurses held a strike outside the county hospital.",
    ],
)
def test_labour_strike_is_a_protest(text: str) -> None:
    assert "protest" in {name for _, name in _frames(text)}
    assert "military_strike" not in {name for _, name in _frames(text)}
    assert ("Protests", "Peaceful protest") in _types(text)


def test_demonstrate_meaning_show_is_not_a_protest() -> None:
    for text in (
        "These incidents demonstrate a disregard for the truce.",
        "The report demonstrates that the talks failed.",
    ):
        assert "protest" not in {n for _, n in _frames(text)}, text
    assert "protest" in {n for _, n in _frames("Hundreds of students demonstrated in Easton.")}


def test_press_conference_is_a_protest_only_with_protesters_or_a_purpose() -> None:
    official = "The general said during his press conference that the operation went well."
    assert "protest" not in {n for _, n in _frames(official)}
    civic = "Union members held a press conference with banners to denounce the pension cuts."
    assert "protest" in {n for _, n in _frames(civic)}


def test_official_statements_are_not_protests() -> None:
    for text in (
        "We call for an end to the escalating attacks on the city.",
        "This attack shows the cruelty that the group has shown to innocent people.",
        "Our shared fight against the militants will continue.",
    ):
        assert all(t[0] != "Protests" for t in _types(text)), text
        assert ("Riots", "Violent demonstration") not in _types(text), text


def test_classifier_cannot_move_a_violent_trigger_to_a_protest_without_demonstrators() -> None:
    # a model that always prefers "Peaceful protest"
    model = LinearModel(("Armed clash", "Peaceful protest"), (0.0, 4.0), {}, {})
    violent = ((("Battles", "Armed clash"), 1.0),)
    assert classify("we will strike their bases", violent, model).sub_event_type == "Armed clash"
    moved = classify("protesters clashed with the police", violent, model)
    assert moved.sub_event_type == "Peaceful protest"
    assert names_demonstration("Dozens demonstrated outside the court")
    assert not names_demonstration("The minister condemned the attack")


def test_territory_taken_without_fighting_is_a_non_violent_transfer() -> None:
    taken = (
        (("Battles", "Non-state actor overtakes territory"), 3.0),
        (("Battles", "Government regains territory"), 2.4),
    )
    quiet = classify(
        "The rebels took control of the village. No clashes were reported.", taken, None
    )
    assert quiet.sub_event_type == "Non-violent transfer of territory"
    assert quiet.event_type == "Strategic developments"
    fought = classify("The rebels took control of the village after heavy fighting.", taken, None)
    assert fought.sub_event_type == "Non-state actor overtakes territory"


def test_shooting_down_or_intercepting_projectiles_is_disrupted_weapons_use() -> None:
    for text in (
        "Air defence units shot down two drones over the port.",
        "The rockets were intercepted over the northern suburbs.",
    ):
        assert ("Strategic developments", "Disrupted weapons use") in _types(text), text
    assert "interception" not in {n for _, n in _frames("The rebels shot down a helicopter.")}


def test_seizing_a_weapons_cache_is_disrupted_weapons_use() -> None:
    assert "disrupt" in {n for _, n in _frames("Police seized a cache of rifles near Easton.")}


def test_stun_grenades_are_an_intervention_not_a_grenade_attack() -> None:
    text = "Residents protested in Easton. Police fired stun grenades to disperse them."
    assert "grenade" not in {n for _, n in _frames(text)}
    assert ("Protests", "Protest with intervention") in _types(text)


def test_protesters_named_after_a_protest_are_not_a_second_protest() -> None:
    text = "Nurses gathered outside the ministry to demand pay rises. Two protesters were arrested."
    assert _types(text) == [("Protests", "Protest with intervention")]


def test_a_bomb_that_goes_off_is_an_explosive_and_a_dropped_bomb_an_air_strike() -> None:
    assert _types("A bomb went off near the bus station in Easton.") == [
        ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    ]
    assert ("Explosions/Remote violence", "Air/drone strike") in _types(
        "A drone dropped bombs on the market in Easton."
    )


def test_seizing_a_house_is_property_not_territory() -> None:
    assert ("Strategic developments", "Looting/property destruction") in _types(
        "Soldiers sealed off and seized the house of an opposition lawmaker."
    )


def test_armed_forces_arriving_or_crossing_is_a_movement_of_forces() -> None:
    assert "movement" in {n for _, n in _frames("Dozens of soldiers crossed the river at dawn.")}
    assert "movement" not in {n for _, n in _frames("The family crossed the river at dawn.")}


def test_forced_deportation_is_an_abduction() -> None:
    assert ("Violence against civilians", "Abduction/forced disappearance") in _types(
        "The occupying troops forcibly deported dozens of villagers."
    )


def test_sub_types_without_training_rows_come_from_the_lexicon() -> None:
    assert _types("Armed men set up a new base near the river crossing.") == [
        ("Strategic developments", "Headquarters or base established")
    ]
    assert ("Explosions/Remote violence", "Chemical weapon") in _types(
        "Doctors reported a chlorine gas attack on the northern district."
    )
    assert "chemical" not in {n for _, n in _frames("Police fired tear gas at the crowd.")}


def test_the_fight_against_a_group_is_a_campaign_not_a_clash() -> None:
    assert "clash" not in {n for _, n in _frames("Our shared fight against the militants goes on.")}
    assert "clash" in {n for _, n in _frames("The army fought against the rebels near Easton.")}


def test_a_kidnapping_beside_a_bombing_stays_an_abduction() -> None:
    subs = {
        s for _, s in _types("Gunmen kidnapped three traders and planted a landmine on the road.")
    }
    assert "Abduction/forced disappearance" in subs


def test_live_fire_on_protesters_is_excessive_force() -> None:
    text = "Residents demonstrated in Easton. Soldiers fired live bullets to disperse the crowd."
    assert "live_fire" in {n for _, n in _frames(text)}
    assert ("Protests", "Excessive force against protesters") in _types(text)


def test_protesters_named_two_sentences_later_join_the_protest() -> None:
    text = (
        "Residents demonstrated against the tax in Easton. Police used tear gas to disperse "
        "the crowd. One protester was injured."
    )
    assert len([t for t in _types(text) if t[0]]) == 1


def test_grenades_found_in_a_seized_cache_are_no_grenade_attack() -> None:
    types = _types("Soldiers recovered a cache of rifles and hand grenades near Easton.")
    assert types == [("Strategic developments", "Disrupted weapons use")]
