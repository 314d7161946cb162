"""The event stage on small hand-made reports: detection, arguments, merging, quantities.

Actors are found by exact names (no knowledge base), so the tests exercise this stage only.
"""

from __future__ import annotations

import re

from sitreps.extract.events import find_events
from sitreps.models import (
    MODALITIES,
    Actor,
    ActorFinding,
    Claim,
    Event,
    Mention,
    PlaceFinding,
    Quantity,
    Report,
    Span,
)
from sitreps.nlp import ParsedReport, parse

#: id, name, kind, pattern
ACTORS: tuple[tuple[str, str, str, str], ...] = (
    ("army", "Military Forces of Testland", "state", r"the army|government forces"),
    ("rebels", "Testland Liberation Front", "rebel", r"the TLF|TLF|the rebels"),
    ("militia", "Hill Militia", "political_militia", r"the Hill Militia|tribal militias"),
    ("airforce", "Air Force of Ruritania", "external", r"Ruritanian aircraft"),
    ("civ", "Civilians (Testland)", "civilians", r"villagers|civilians"),
    ("supplier", "Northern Operations Room", "external", r"the Northern Operations Room"),
    ("chief", "Abu Test", "person", r"Abu Test"),
)


def actors_for(parsed: ParsedReport, roles: dict[str, str] | None = None) -> ActorFinding:
    text = parsed.report.text
    found: list[Actor] = []
    mentions: list[Mention] = []
    for aid, name, kind, pattern in ACTORS:
        spans = [Span.of(text, m.start(), m.end()) for m in re.finditer(pattern, text, re.I)]
        if not spans:
            continue
        role = (roles or {}).get(aid)
        inter = None if kind == "person" else 2
        found.append(Actor(aid, name, kind, inter, "TST", name, tuple(spans), role=role))
        for sp in spans:
            mk = "person" if kind == "person" else "actor"
            mentions.append(
                Mention(f"m{len(mentions)}", mk, sp, parsed.sentence_index(sp.start), aid)
            )
    mentions.sort(key=lambda m: m.span.start)
    return ActorFinding(tuple(found), tuple(mentions))


def claim_over(text: str, content: str, claimant: str | None, kind: str, n: int = 1) -> Claim:
    start = text.index(content)
    return Claim(
        id=f"c{n}",
        claimant=claimant,
        claimant_role=None,
        outlet=None,
        cue=None,
        content=Span.of(text, start, start + len(content)),
        partisan=False,
        kind=kind,
    )


def events_of(
    text: str,
    claims: tuple[Claim, ...] = (),
    quantities: tuple[Quantity, ...] = (),
    roles: dict[str, str] | None = None,
) -> tuple[Event, ...]:
    parsed = parse(Report(id="t", text=text))
    return find_events(parsed, actors_for(parsed, roles), PlaceFinding(), quantities, claims)


def test_sentence_without_trigger_gives_no_event() -> None:
    assert events_of("The weather in the capital was mild and the markets were open.") == ()


def test_habitual_statement_is_background_not_an_event() -> None:
    text = "The TLF is a large group that has been fighting against the army for years."
    assert [e for e in events_of(text) if e.event_type == "Battles"] == []


def test_clash_between_two_sides_with_supporters_of_the_nearest_side() -> None:
    text = (
        "There were heavy clashes between the TLF and the army, supported by tribal militias "
        "and Ruritanian aircraft, near the river."
    )
    (event,) = [e for e in events_of(text) if e.event_type]
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    assert event.plover == "FIGHT"
    assert event.actor1 == "rebels"
    assert event.actor2 == "army"
    assert set(event.assoc_actor2) == {"militia", "airforce"}
    assert event.assoc_actor1 == ()
    assert event.modality == "asserted"
    assert event.id == "e1"
    assert event.trigger is not None and event.trigger.text == "clashes"
    assert event.evidence[0].text == text


def test_passive_agent_is_actor1_and_subject_is_target() -> None:
    text = "Villagers were attacked by the rebels on Monday."
    (event,) = [e for e in events_of(text) if e.event_type]
    assert event.actor1 == "rebels"
    assert event.actor2 == "civ"
    assert (event.event_type, event.sub_event_type) == (
        "Violence against civilians",
        "Attack",
    )


def test_two_events_in_one_sentence() -> None:
    text = "The rebels kidnapped five aid workers and detonated a roadside bomb in the market."
    events = [e for e in events_of(text) if e.event_type]
    subs = {e.sub_event_type for e in events}
    assert "Abduction/forced disappearance" in subs
    assert "Remote explosive/landmine/IED" in subs
    assert [e.id for e in events] == [f"e{i}" for i in range(1, len(events) + 1)]


def test_restatements_merge_into_one_event_with_several_evidence_spans() -> None:
    text = (
        "The army clashed with the TLF near the river.\n\n"
        "The fighting between the army and the TLF lasted all night."
    )
    battles = [e for e in events_of(text) if e.event_type == "Battles"]
    assert len(battles) == 1
    assert len(battles[0].evidence) == 2
    assert {battles[0].actor1, battles[0].actor2} == {"army", "rebels"}


def test_different_actors_are_not_merged() -> None:
    text = (
        "The army clashed with the TLF near the river.\n\n"
        "The Hill Militia attacked villagers in the hills."
    )
    assert len([e for e in events_of(text) if e.event_type]) == 2


def test_arms_supply_is_plover_aid_with_supplier_and_recipient() -> None:
    text = (
        "Abu Test, the leader of the TLF, said that we are receiving arms and ammunition "
        "from the Northern Operations Room."
    )
    claims = (claim_over(text, "we are receiving arms and ammunition", "chief", "indirect"),)
    events = events_of(text, claims, roles={"chief": "leader of the TLF"})
    (aid,) = [e for e in events if e.plover == "AID"]
    assert aid.event_type is None and aid.sub_event_type is None
    assert aid.actor1 == "supplier"
    assert aid.actor2 == "rebels"
    assert aid.claim == "c1"


def test_interviewer_you_is_the_interviewee_group() -> None:
    text = (
        "Q24: Abu Test leads the TLF. But you are still fighting the army in the desert.\n\n"
        "Abu Test: Yes, we are fighting them every day.\n\n"
        "Q24: Thank you."
    )
    q_content = "But you are still fighting the army in the desert."
    a_content = "Yes, we are fighting them every day."
    claims = (
        claim_over(text, q_content, None, "interview_question", 1),
        claim_over(text, a_content, "chief", "interview_answer", 2),
    )
    events = events_of(text, claims, roles={"chief": "leader of the TLF"})
    battles = [e for e in events if e.event_type == "Battles"]
    assert battles and battles[0].actor1 == "rebels"
    assert battles[0].actor2 == "army"


def test_quantities_of_the_sentence_attach_with_their_claim() -> None:
    text = "The rebels attacked the army base, and more than 30 soldiers were killed."
    start = text.index("more than 30 soldiers")
    q = Quantity(
        kind="killed",
        value=30,
        low=30,
        high=None,
        qualifier="more than",
        span=Span.of(text, start, start + len("more than 30 soldiers")),
        object="soldiers",
    )
    claims = (claim_over(text, text, None, "narration"),)
    (event,) = [e for e in events_of(text, claims, (q,)) if e.event_type]
    assert len(event.quantities) == 1
    assert event.quantities[0].claim == "c1"
    assert event.fatalities is not None and event.fatalities.best == 30


def test_every_event_has_a_known_modality_and_sentence_evidence() -> None:
    text = (
        "The army shelled the town. The rebels will attack the base. "
        "Did the army arrest the TLF leader?"
    )
    events = events_of(text)
    assert events
    for e in events:
        assert e.modality in MODALITIES
        assert e.evidence and all(text[s.start : s.end] == s.text for s in e.evidence)
