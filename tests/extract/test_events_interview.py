"""The founding interview, through the whole pipeline: the events an ACLED coder would record.

No rule of the event stage is written for these sentences; this is an end-to-end check of the
general lexicon and parse rules on the sample the project was founded on.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitreps.models import Event, Extraction, Report

SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "src"
    / "sitreps"
    / "data"
    / "samples"
    / "deirezzor24-jaysh-assud-interview.txt"
)


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    from sitreps.pipeline import extract

    return extract(Report(id="d24", text=SAMPLE.read_text(encoding="utf-8")))


def _find(ex: Extraction, text: str) -> list[Event]:
    return [e for e in ex.events if e.trigger is not None and e.trigger.text.startswith(text)]


def _actor_named(ex: Extraction, actor_id: str | None) -> str:
    by_id = {a.id: a for a in ex.actors}
    return by_id[actor_id].name if actor_id in by_id else ""


def test_badiya_battle_with_claimed_quantities(extraction: Extraction) -> None:
    (battle,) = _find(extraction, "clashes")
    assert (battle.event_type, battle.sub_event_type, battle.plover) == (
        "Battles",
        "Armed clash",
        "FIGHT",
    )
    assert battle.modality == "asserted"
    assert "Sharqiya" in _actor_named(extraction, battle.actor1)
    assert "Syria" in _actor_named(extraction, battle.actor2)
    assert len(battle.assoc_actor2) == 2
    kinds = {q.kind for q in battle.quantities}
    assert {"casualties", "destroyed", "downed", "captured"} <= kinds
    assert battle.fatalities is None or battle.fatalities.best != 300  # casualties are not deaths
    assert battle.date_start is None and battle.date_end is None  # the text has no date
    assert len(battle.evidence) >= 2  # restatements merged
    assert battle.claim is not None
    assert all(q.claim for q in battle.quantities)


def test_arms_supply_is_aid(extraction: Extraction) -> None:
    supply = [e for e in extraction.events if e.plover == "AID" and e.modality == "asserted"]
    assert supply
    assert supply[0].event_type is None
    assert "Jordan" in _actor_named(extraction, supply[0].actor1)
    assert "Sharqiya" in _actor_named(extraction, supply[0].actor2)


def test_handover_is_non_violent_transfer_claimed_by_the_outlet(extraction: Extraction) -> None:
    (handover,) = _find(extraction, "handing")
    assert handover.sub_event_type == "Non-violent transfer of territory"
    assert handover.modality == "asserted"
    claims = {c.id: c for c in extraction.claims}
    assert handover.claim in claims
    assert claims[handover.claim].claimant != "person.talass-al-salama"


def test_statements_about_the_future_are_not_asserted(extraction: Extraction) -> None:
    (intervention,) = _find(extraction, "intervention")
    assert intervention.modality == "hypothetical"
    (liberation,) = _find(extraction, "liberated")
    assert liberation.modality == "future"
    for e in _find(extraction, "capture"):
        assert e.modality == "question"


def test_no_event_has_an_invented_date(extraction: Extraction) -> None:
    assert all(e.date_start is None and e.date_end is None for e in extraction.events)


def test_hypothetical_intervention_gets_no_filled_opponent(extraction: Extraction) -> None:
    (intervention,) = _find(extraction, "intervention")
    assert intervention.actor1 is not None and intervention.actor2 is None
    hypothetical_fights = [
        r for r in extraction.relations if r.kind == "fights" and r.modality != "asserted"
    ]
    assert not hypothetical_fights


def test_reported_question_is_folded_into_its_answer(extraction: Extraction) -> None:
    asked = [e for e in extraction.events if "When asked" in e.evidence[0].text]
    assert [(e.plover, e.modality) for e in asked] == [("AID", "asserted")]
    claims = {c.id: c for c in extraction.claims}
    assert asked[0].claim is not None and claims[asked[0].claim].partisan


def test_suspended_programme_is_suspended_by_its_owner(extraction: Extraction) -> None:
    (suspension,) = _find(extraction, "suspended")
    assert suspension.plover == "SANCTION"
    assert "Intelligence" in _actor_named(extraction, suspension.actor1)
    assert suspension.actor2 is None


def test_conditional_advance_is_placed_at_its_goal(extraction: Extraction) -> None:
    (advance,) = _find(extraction, "advanced")
    assert advance.modality == "hypothetical"
    places = {p.id: p for p in extraction.places}
    assert advance.place in places and "Deir" in places[advance.place].name
