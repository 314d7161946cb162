"""Modality cues on hand-made sentences: the trigger token is found by its word."""

from __future__ import annotations

import pytest

from sitreps.extract.modality import modality_of
from sitreps.models import Claim, Report, Span
from sitreps.nlp import parse


def _modality(text: str, trigger: str, claim: Claim | None = None) -> str:
    parsed = parse(Report(id="m", text=text))
    tok = next(t for t in parsed.doc if t.text == trigger)
    sentence = parsed.sentences[parsed.sentence_index(tok.idx)]
    return modality_of(tok, sentence.text, claim)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Rebels attacked the army base near the town.", "attacked", "asserted"),
        ("The army denied that it shelled the village.", "shelled", "negated"),
        ("Rebels did not attack the base last night.", "attack", "negated"),
        ("There are concerns about a possible intervention by the militia.", "intervention",
         "hypothetical"),
        ("If we were not here, the army would have advanced to the city.", "advanced",
         "hypothetical"),
        ("The militia may attack the town soon.", "attack", "hypothetical"),
        ("The city will be liberated by its sons.", "liberated", "future"),
        ("The group plans to attack the town next week.", "attack", "future"),
        ("Did the army shell the town yesterday?", "shell", "question"),
        ("We will continue to strike rebel positions.", "strike", "future"),
        ("They would try to attack the base.", "attack", "hypothetical"),
        ("The rebels did not manage to capture the town.", "capture", "negated"),
        ("The group has a responsibility to end its attacks.", "end", "hypothetical"),
        ("The strikes reduced the group's ability to launch attacks.", "launch",
         "hypothetical"),
        ("Aircraft struck the depot in order to destroy the weapons.", "destroy", "future"),
        ("The rebels continued to attack the base.", "attack", "asserted"),
        ("The army refused to withdraw from the town.", "withdraw", "negated"),
        ("They pressed the army to leave, so that the talks can resume.", "talks",
         "hypothetical"),
        ("The group has made a commitment to release the prisoners.", "release", "future"),
        ("Stop the attacks on the villages now.", "attacks", "hypothetical"),
        ("The group plans to attack and seize the town.", "seize", "future"),
    ],
)  # fmt: skip
def test_modality_cues(text: str, trigger: str, expected: str) -> None:
    assert _modality(text, trigger) == expected


def test_interviewer_statement_stays_asserted() -> None:
    text = "The SDF have begun handing over some villages to the government."
    claim = Claim(
        id="c1",
        claimant="outlet",
        claimant_role=None,
        outlet=None,
        cue=None,
        content=Span.of(text, 0, len(text)),
        partisan=False,
        kind="interview_question",
    )
    assert _modality(text, "handing", claim) == "asserted"


@pytest.mark.parametrize(
    ("text", "trigger", "cue", "plover"),
    [
        ("We will not allow the militia to keep its weapons.", "allow", "refusal", "REJECT"),
        ("We won't withdraw from the town.", "withdraw", "refusal", "REJECT"),
        ("The council has a duty to allow relief convoys into the town.", "allow",
         "obligation", "CONCEDE"),
        ("The army will withdraw from the town.", "withdraw", None, "AGREE"),
        ("The army is willing to withdraw from the town.", "withdraw", None, "AGREE"),
        ("They pressed the army hard, so that the rebels withdraw from the town.", "withdraw",
         "purpose", "RETREAT"),
    ],
)  # fmt: skip
def test_intent_cues_and_plover(text: str, trigger: str, cue: str | None, plover: str) -> None:
    from sitreps.extract.modality import intent_cue
    from sitreps.extract.plover import PloverCode, plover_with_modality

    parsed = parse(Report(id="m", text=text))
    tok = next(t for t in parsed.doc if t.text == trigger)
    assert intent_cue(tok) == cue
    modality = modality_of(tok, text, None)
    assert modality in ("future", "hypothetical")
    category = "CONCEDE" if trigger == "allow" else "RETREAT"
    assert plover_with_modality(PloverCode(category, None), modality, cue).category == plover
