"""Event arguments: targets outside the trigger's own children, dates that look like triggers,
and ACLED's actor conventions for protests and violence against civilians.

Actors are found by exact names (no knowledge base), so the tests exercise the event stage only.
"""

from __future__ import annotations

import re

from sitreps.extract.events import find_events
from sitreps.models import Actor, ActorFinding, Event, Mention, PlaceFinding, Report, Span
from sitreps.nlp import ParsedReport, parse

#: id, acled name, kind, pattern
ACTORS: tuple[tuple[str, str, str, str], ...] = (
    ("army", "Military Forces of Testland", "state", r"government forces|the army"),
    ("rebels", "Testland Liberation Front", "rebel", r"TLF positions|the TLF|TLF"),
    ("gunmen", "Unidentified Armed Group (Testland)", "political_militia", r"unknown gunmen"),
    ("police", "Police Forces of Testland", "state", r"[Pp]olice"),
    ("protesters", "Protesters (Testland)", "protesters", r"protesters|health workers"),
    ("civ", "Civilians (Testland)", "civilians", r"two men|civilians"),
    ("farmers", "Farmers (Testland)", "civilians", r"farmers"),
)


def _actors(parsed: ParsedReport) -> ActorFinding:
    text = parsed.report.text
    found: list[Actor] = []
    mentions: list[Mention] = []
    for aid, name, kind, pattern in ACTORS:
        spans = [Span.of(text, m.start(), m.end()) for m in re.finditer(pattern, text)]
        if not spans:
            continue
        found.append(Actor(aid, name, kind, 1, "TST", name, tuple(spans)))
        for sp in spans:
            mentions.append(
                Mention(f"m{len(mentions)}", "actor", sp, parsed.sentence_index(sp.start), aid)
            )
    mentions.sort(key=lambda m: m.span.start)
    return ActorFinding(tuple(found), tuple(mentions))


def typed_events(text: str) -> list[Event]:
    parsed = parse(Report(id="t", text=text))
    events = find_events(parsed, _actors(parsed), PlaceFinding(), (), ())
    return [e for e in events if e.event_type]


def test_a_month_in_a_date_is_not_a_protest_trigger() -> None:
    text = "On 15 March 2022, health workers staged a demonstration outside the hospital."
    (event,) = typed_events(text)
    assert event.trigger is not None and event.trigger.text != "March"
    assert event.event_type == "Protests"
    assert event.actor1 == "protesters"
    assert event.actor2 is None


def test_target_of_a_light_verb_over_a_noun_trigger() -> None:
    text = "On 25 June 2022, government forces fired artillery at TLF positions near the river."
    (event,) = typed_events(text)
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert (event.actor1, event.actor2) == ("army", "rebels")


def test_object_of_a_joined_verb_is_the_target() -> None:
    text = "On 6 January 2022, unknown gunmen shot and killed two men in the town."
    (event,) = typed_events(text)
    assert (event.actor1, event.actor2) == ("gunmen", "civ")


def test_peaceful_protest_has_no_actor2() -> None:
    text = "On 3 May 2022, protesters gathered in front of the army headquarters in the capital."
    (event,) = typed_events(text)
    assert event.sub_event_type == "Peaceful protest"
    assert (event.actor1, event.actor2) == ("protesters", None)


def test_protest_with_intervention_has_the_intervening_force_as_actor2() -> None:
    text = "On 3 May 2022, protesters gathered in the capital. Police dispersed them with tear gas."
    events = [e for e in typed_events(text) if e.event_type == "Protests"]
    assert events and events[0].sub_event_type == "Protest with intervention"
    assert (events[0].actor1, events[0].actor2) == ("protesters", "police")


def test_violence_against_civilians_names_the_civilians_as_actor2() -> None:
    text = "On 6 January 2022, unknown gunmen shot and killed farmers near two men in a field."
    (event,) = typed_events(text)
    assert event.event_type == "Violence against civilians"
    assert (event.actor1, event.actor2) == ("gunmen", "civ")
    assert event.assoc_actor2 == ("farmers",)


def test_heading_before_a_colon_takes_the_actors_of_the_clause_after_it() -> None:
    text = "Property destruction: On 9 June 2022, the army destroyed a house of civilians."
    events = [e for e in typed_events(text) if e.sub_event_type == "Looting/property destruction"]
    assert events
    assert (events[0].actor1, events[0].actor2) == ("army", "civ")


def test_clashes_took_place_between_two_sides() -> None:
    text = "On 4 May 2022, clashes took place between the army and the TLF in the town."
    (event,) = typed_events(text)
    assert event.sub_event_type == "Armed clash"
    assert (event.actor1, event.actor2) == ("army", "rebels")


def test_agent_of_a_participle_modifying_a_weapon_is_actor1() -> None:
    text = "On 13 April 2022, an IED planted by unknown gunmen exploded in the town."
    (event,) = typed_events(text)
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert event.actor1 == "gunmen"


def test_agent_of_a_joined_passive_verb_is_actor1() -> None:
    text = "On 28 March 2022, two men were shot and killed by police near a checkpoint."
    events = [e for e in typed_events(text) if e.event_type == "Violence against civilians"]
    assert events and (events[0].actor1, events[0].actor2) == ("police", "civ")


def test_claim_of_responsibility_names_the_author_of_a_military_strike() -> None:
    from sitreps.models import Report
    from sitreps.pipeline import extract

    text = (
        "On 3 March 2022, a strike hit a weapons depot near Deir ez Zor city. The Islamic "
        "Resistance in Iraq claimed responsibility for the strike."
    )
    x = extract(Report(id="t", text=text))
    names = {a.id: a.name for a in x.actors}
    authors = {
        names.get(e.actor1 or "") for e in x.events if e.sub_event_type == "Air/drone strike"
    }
    assert "Islamic Resistance in Iraq" in authors
