"""Persons and role links are computed once per report and shared by the stages."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from sitreps.extract.attribution_roles import find_persons, find_roles

_spec = importlib.util.spec_from_file_location(
    "sitreps_test_attribution_helpers_roles",
    Path(__file__).with_name("test_attribution_helpers.py"),
)
assert _spec is not None and _spec.loader is not None
helpers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(helpers)

TEXT = "The Blue Lions commander Karim Haddad said the Blue Lions would hold the bridge."


def test_roles_link_a_person_to_a_group_and_are_shared() -> None:
    p = helpers.parsed(TEXT)
    actors = helpers.finding(
        p, {"Blue Lions": ("grp.blue-lions", "rebel"), "Karim Haddad": ("prs.karim", "person")}
    )
    persons = find_persons(p.doc, TEXT, actors)
    roles = find_roles(p.doc, TEXT, actors, persons)
    assert [x.ref for x in persons] == ["prs.karim"]
    assert [(r.role_noun, r.group) for r in roles] == [("commander", "grp.blue-lions")]
    # a second stage asking about the same report gets the same objects
    assert find_persons(p.doc, TEXT, actors) is persons
    assert find_roles(p.doc, TEXT, actors, persons) is roles


def test_another_actor_finding_is_not_served_from_memory() -> None:
    p = helpers.parsed(TEXT)
    with_person = helpers.finding(
        p, {"Blue Lions": ("grp.blue-lions", "rebel"), "Karim Haddad": ("prs.karim", "person")}
    )
    without = helpers.finding(p, {"Blue Lions": ("grp.blue-lions", "rebel")})
    assert [x.ref for x in find_persons(p.doc, TEXT, with_person)] == ["prs.karim"]
    assert [x.ref for x in find_persons(p.doc, TEXT, without)] != ["prs.karim"]
