from __future__ import annotations

from sitreps.models import Report
from sitreps.nlp import find_turns, mask_labels, parse

TRANSCRIPT = """Interview with a commander, published by Example Radio.

Q: Where are your forces now?

Abu Omar: We hold the villages east of the river. We lost two fighters yesterday.

Q: Who supplies you?

Abu Omar: Nobody supplies us.

The interview was recorded in March."""


def test_speaker_turns_are_found_and_end_at_paragraph_breaks() -> None:
    turns = find_turns(TRANSCRIPT)
    assert [t.speaker for t in turns] == ["Q", "Abu Omar", "Q", "Abu Omar"]
    assert turns[0].label.text == "Q:"
    assert turns[1].content.text.startswith("We hold the villages")
    assert turns[1].content.text.endswith("yesterday.")
    # the narration after the last answer is not part of the answer
    assert "recorded in March" not in turns[-1].content.text


def test_single_colon_line_is_not_an_interview() -> None:
    text = "Update: forces advanced on the town.\n\nThey met no resistance."
    assert find_turns(text) == ()


def test_masking_keeps_offsets() -> None:
    turns = find_turns(TRANSCRIPT)
    masked = mask_labels(TRANSCRIPT, turns)
    assert len(masked) == len(TRANSCRIPT)
    assert "Abu Omar:" not in masked
    for t in turns:
        assert masked[t.content.start : t.content.end] == t.content.text
        assert masked[t.label.start : t.label.end].strip() == ""


def test_labels_are_neither_sentences_nor_entities() -> None:
    parsed = parse(Report(id="r-t", text=TRANSCRIPT))
    texts = [s.text for s in parsed.sentences]
    assert "We hold the villages east of the river." in texts
    assert all(not t.startswith(("Q:", "Abu Omar:")) for t in texts)
    labels = {t.label.start for t in parsed.turns}
    assert all(ent.start_char not in labels for ent in parsed.doc.ents)
    # every sentence span is exact text of the report
    for s in parsed.sentences:
        assert TRANSCRIPT[s.start : s.end] == s.text
    # sentences inside answers point at their turn; the closing narration at none
    last = texts.index("The interview was recorded in March.")
    assert parsed.sentence_turn[last] is None
    first_answer = texts.index("We hold the villages east of the river.")
    turn = parsed.sentence_turn[first_answer]
    assert turn is not None and parsed.turns[turn].speaker == "Abu Omar"


def test_newline_starts_a_sentence() -> None:
    text = (
        "Rebels shell Idlib base\nGovernment forces shelled the rebel-held town of Ariha on Monday."
    )
    parsed = parse(Report(id="r-h", text=text))
    assert parsed.sentences[0].text == "Rebels shell Idlib base"
