"""Arguments, merging and places on made-up sentences: coordinated events, answered reported
questions, stopped programmes, conditional clauses and background descriptions.

Actors are found by exact names (no knowledge base), so the tests exercise the event stage only.
"""

from __future__ import annotations

import re

from sitreps.extract.arguments import build_index, fill_blocked
from sitreps.extract.events import (
    Draft,
    _own_clause_places,
    background_description,
    find_events,
    generic_statement,
)
from sitreps.extract.relations import find_relations
from sitreps.models import (
    Actor,
    ActorFinding,
    Event,
    Mention,
    PlaceFinding,
    Report,
    Span,
)
from sitreps.nlp import ParsedReport, parse

#: id, acled name, kind, pattern
ACTORS: tuple[tuple[str, str, str, str], ...] = (
    ("army", "Military Forces of Testland", "state", r"government forces|the army|army"),
    ("rebels", "Testland Liberation Front", "rebel", r"the TLF|TLF"),
    ("militia", "Northern Militia", "political_militia", r"northern militias"),
    ("donor", "Donor Agency", "external", r"DXA"),
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


def _events(text: str) -> tuple[ParsedReport, ActorFinding, tuple[Event, ...]]:
    parsed = parse(Report(id="t", text=text))
    actors = _actors(parsed)
    return parsed, actors, find_events(parsed, actors, PlaceFinding(), (), ())


def test_agent_of_a_coordinated_event_is_no_filled_side() -> None:
    text = (
        "There are fears of a possible intervention by northern militias in the valley "
        "or advances by government forces towards it."
    )
    parsed, actors, events = _events(text)
    tok = next(t for t in parsed.doc if t.text == "intervention")
    assert "army" in fill_blocked(tok, build_index(actors, ()), None)
    (event,) = [e for e in events if e.trigger and e.trigger.text == "intervention"]
    assert event.modality == "hypothetical"
    assert (event.actor1, event.actor2) == ("militia", None)
    relations = find_relations(parsed, actors, events, ())
    assert not [r for r in relations if r.kind == "fights"]


def test_ally_named_in_support_of_is_no_filled_side() -> None:
    text = "In support of government forces, TLF fighters carried out an attack on the hill."
    parsed, actors, _ = _events(text)
    tok = next(t for t in parsed.doc if t.text == "attack")
    assert "army" in fill_blocked(tok, build_index(actors, ()), None)


def test_asserted_battle_still_gets_its_missing_side() -> None:
    text = "On 3 May 2022, the TLF clashed near the bridge, and the army lost two tanks."
    _, _, events = _events(text)
    battles = [e for e in events if e.event_type == "Battles"]
    assert battles and (battles[0].actor1, battles[0].actor2) == ("rebels", "army")


def test_subject_of_an_alternative_clause_is_no_filled_side() -> None:
    text = "The TLF might attack tonight, or the army might advance first."
    parsed, actors, _ = _events(text)
    tok = next(t for t in parsed.doc if t.text == "attack")
    assert "army" in fill_blocked(tok, build_index(actors, ()), None)


def test_reported_question_answered_in_its_sentence_is_one_event() -> None:
    text = (
        "When asked about who is providing them with weapons, the commander said that the TLF "
        "is receiving weapons from DXA."
    )
    _, _, events = _events(text)
    aid = [e for e in events if e.plover == "AID"]
    assert len(aid) == 1
    assert aid[0].modality == "asserted"
    assert (aid[0].actor1, aid[0].actor2) == ("donor", "rebels")


def test_direct_question_is_not_folded_into_an_answer() -> None:
    text = "Who is providing the TLF with weapons? The TLF is receiving weapons from DXA."
    _, _, events = _events(text)
    assert sorted(e.modality for e in events if e.plover == "AID") == ["asserted", "question"]


def test_owner_of_a_suspended_programme_suspends_it() -> None:
    text = "The fighters said that the DXA programme has been suspended."
    _, _, events = _events(text)
    (event,) = [e for e in events if e.plover == "SANCTION"]
    assert (event.actor1, event.actor2) == ("donor", None)


def test_suspended_actor_stays_the_target() -> None:
    text = "The fighters said that the TLF has been suspended from the talks."
    _, _, events = _events(text)
    (event,) = [e for e in events if e.plover == "SANCTION"]
    assert event.actor2 == "rebels" and event.actor1 is None


def _place_mentions(parsed: ParsedReport, names: tuple[str, ...]) -> PlaceFinding:
    text = parsed.report.text
    mentions = []
    for n, name in enumerate(names):
        start = text.index(name)
        sp = Span.of(text, start, start + len(name))
        mentions.append(Mention(f"p{n}", "place", sp, 0, f"place-{n}"))
    return PlaceFinding((), tuple(mentions))


def test_place_of_a_conditional_clause_gives_way_to_the_events_own_place() -> None:
    text = "If we were not based in Eastfield, the army would have advanced to Northbury."
    parsed = parse(Report(id="t", text=text))
    places = _place_mentions(parsed, ("Eastfield", "Northbury"))
    tok = next(t for t in parsed.doc if t.text == "advanced")
    kept = _own_clause_places(places, tok)
    assert [m.span.text for m in kept.mentions] == ["Northbury"]


def test_conditional_place_stays_when_the_main_clause_has_none() -> None:
    text = "If we leave Eastfield, the army would advance."
    parsed = parse(Report(id="t", text=text))
    places = _place_mentions(parsed, ("Eastfield",))
    tok = next(t for t in parsed.doc if t.text == "advance")
    assert [m.span.text for m in _own_clause_places(places, tok).mentions] == ["Eastfield"]


def test_record_of_a_person_is_background() -> None:
    text = "The commander was involved in the use of car bombs, IEDs and chemical weapons."
    parsed = parse(Report(id="t", text=text))
    assert background_description(next(t for t in parsed.doc if t.text == "weapons"))
    assert background_description(next(t for t in parsed.doc if t.text == "IEDs"))


def test_a_single_event_under_involved_is_kept() -> None:
    text = "The commander was involved in the attack on the army base."
    parsed = parse(Report(id="t", text=text))
    assert not background_description(next(t for t in parsed.doc if t.text == "attack"))


def _typed(text: str) -> list[Event]:
    return [e for e in _events(text)[2] if e.event_type]


def test_fire_received_from_a_group_is_fired_by_it() -> None:
    (event,) = _typed("On 4 May 2022, the army came under mortar fire from the TLF near the dam.")
    assert (event.actor1, event.actor2) == ("rebels", "army")


def test_group_claiming_responsibility_is_the_attacker() -> None:
    text = (
        "On 2 May 2022, two bombings hit the market of Northbury, for which the TLF has "
        "claimed responsibility."
    )
    events = _typed(text)
    assert events and all(e.actor1 == "rebels" for e in events)


def test_victims_of_a_joined_passive_verb_are_the_target() -> None:
    text = (
        "The statement said that the army had been killed and injured in bombings near the border."
    )
    events = [e for e in _typed(text) if e.trigger and e.trigger.text == "bombings"]
    assert events and events[0].actor2 == "army" and events[0].actor1 is None


def test_named_person_stands_for_the_group_of_the_appositive_role() -> None:
    text = "On 8 May 2022, Abu Zed, a TLF commander in Northbury, was killed by an army airstrike."
    (event,) = _typed(text)
    assert (event.actor1, event.actor2) == ("army", "rebels")


def test_merge_with_an_actorless_mention_does_not_flip_sides() -> None:
    from sitreps.extract.arguments import ActorIndex
    from sitreps.extract.events import _merge_two

    index = ActorIndex((), {}, frozenset({"army", "rebels"}), None)

    def ev(a1: str | None, a2: str | None) -> Event:
        return Event(
            "", "Battles", "Armed clash", "FIGHT", None, a1, (), a2, (), None, None, None,
            None, None, None, (), "asserted", None, (),
        )  # fmt: skip

    merged = _merge_two(ev(None, None), ev(None, "army"), index)
    assert (merged.actor1, merged.actor2) == (None, "army")
    crossed = _merge_two(ev("rebels", None), ev(None, "rebels"), index)
    assert (crossed.actor1, crossed.actor2) == ("rebels", None)
    filled = _merge_two(ev("rebels", None), ev("army", "rebels"), index)
    assert (filled.actor1, filled.actor2) == ("rebels", "army")


def test_practice_in_the_present_tense_is_no_event() -> None:
    text = "The army avoids harm to civilians during the planning of airstrikes on the TLF."
    parsed = parse(Report(id="t", text=text))
    assert generic_statement(next(t for t in parsed.doc if t.text == "airstrikes"))
    past = "Two civilians were killed during the planning of airstrikes on the TLF."
    parsed = parse(Report(id="t", text=past))
    assert not generic_statement(next(t for t in parsed.doc if t.text == "airstrikes"))


def test_proximity_guess_skips_the_side_supported() -> None:
    text = "In support of government forces, TLF aircraft conducted a strike to target snipers."
    events = _typed(text)
    assert events and all(e.actor2 != "army" for e in events)


def _draft_at(sentence: int, event_type: str, sub: str, anaphoric: bool) -> Draft:
    text = "x" * 40
    span = Span.of(text, sentence * 10, sentence * 10 + 5)
    event = Event(
        "", event_type, sub, "FIGHT", None, None, (), None, (), None, None, None, None, None,
        None, (), "asserted", None, (span,),
    )  # fmt: skip
    return Draft(event, (sentence,), "attack", anaphoric=anaphoric)


def test_bare_definite_mention_joins_the_event_told_before() -> None:
    from sitreps.extract.arguments import ActorIndex
    from sitreps.extract.events import merge_drafts

    index = ActorIndex((), {}, frozenset(), None)
    first = _draft_at(0, "Explosions/Remote violence", "Air/drone strike", False)
    again = _draft_at(1, "Violence against civilians", "Attack", True)
    (merged,) = merge_drafts([first, again], index)
    assert merged.sentences == (0, 1) and len(merged.event.evidence) == 2
    assert merged.event.sub_event_type == "Air/drone strike"
    other = _draft_at(1, "Violence against civilians", "Attack", False)
    assert len(merge_drafts([first, other], index)) == 2


def test_anaphoric_mention_is_recognised_on_the_parse() -> None:
    from sitreps.extract.events import _anaphoric

    parsed = parse(Report(id="t", text="The attacks occurred during daylight hours."))
    assert _anaphoric(next(t for t in parsed.doc if t.text == "attacks"))
    parsed = parse(Report(id="t", text="The attacks on the TLF occurred at dawn."))
    assert not _anaphoric(next(t for t in parsed.doc if t.text == "attacks"))


def test_proximity_guess_skips_another_clause() -> None:
    text = "On Monday, after the army shelled the hills, they requested help from the TLF."
    _, _, events = _events(text)
    (demand,) = [e for e in events if e.trigger and e.trigger.text == "requested"]
    assert demand.actor1 != "army"


def test_act_naming_a_role_is_no_event() -> None:
    from sitreps.extract.events import role_modifier

    parsed = parse(Report(id="t", text="He met TLF bomb attack planners in the city."))
    assert role_modifier(next(t for t in parsed.doc if t.text == "attack"))
    parsed = parse(Report(id="t", text="A bomb attack hit the city."))
    assert not role_modifier(next(t for t in parsed.doc if t.text == "attack"))
