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


def test_acronym_patterns_match_exact_case_only() -> None:
    # "JAN" is an acronym pattern (exact text); the month "Jan" is not an actor
    text = "JAN fighters attacked the town on 3 Jan 2022. Later SAA units arrived."
    parsed = parse(Report(id="r-a", text=text))
    by_id = {(e.text, e.ent_id_) for e in parsed.doc.ents if e.label_ == "ACTOR"}
    assert ("JAN", "syr.nusra") in by_id
    assert ("SAA", "syr.military") in by_id
    assert not any(e.text == "Jan" and e.label_ == "ACTOR" for e in parsed.doc.ents)


def test_single_token_patterns_use_phrase_matching_with_same_matches() -> None:
    import spacy
    from spacy.matcher import PhraseMatcher

    from sitreps.nlp import _match_single_tokens_by_phrase

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(
        [
            {"label": "ACTOR", "pattern": [{"ORTH": "XYZ"}], "id": "a.x"},
            {"label": "ACTOR", "pattern": "blue group", "id": "a.b"},
        ]
    )
    _match_single_tokens_by_phrase(nlp, ruler)
    assert isinstance(ruler.matcher, PhraseMatcher)
    doc = nlp("The XYZ and the Blue Group met; xyz did not.")
    assert [(e.text, e.ent_id_) for e in doc.ents] == [("XYZ", "a.x"), ("Blue Group", "a.b")]


def test_multi_token_patterns_keep_the_token_matcher() -> None:
    import spacy
    from spacy.matcher import Matcher

    from sitreps.nlp import _match_single_tokens_by_phrase

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ACTOR", "pattern": [{"LOWER": "red"}, {"LOWER": "army"}]}])
    _match_single_tokens_by_phrase(nlp, ruler)
    assert isinstance(ruler.matcher, Matcher)
    assert [e.text for e in nlp("The Red Army left.").ents] == ["Red Army"]


def test_per_doc_memo_keys_on_argument_identity() -> None:
    from sitreps.nlp import per_doc_memo

    calls: list[tuple[object, ...]] = []

    @per_doc_memo(size=2)
    def count(doc: list[int], extra: tuple[int, ...]) -> int:
        calls.append((doc, extra))
        return sum(doc) + sum(extra)

    a, b, c, extra = [1, 2], [1, 2], [5], (1,)
    assert count(a, extra) == 4
    assert count(a, extra) == 4
    assert len(calls) == 1  # same objects: remembered
    assert count(b, extra) == 4
    assert len(calls) == 2  # equal but another object: computed again
    assert count(c, extra) == 6
    assert count(a, extra) == 4
    assert len(calls) == 4  # only the last two calls are kept


def test_doc_text_is_the_text_spacy_parsed() -> None:
    interview = parse(Report(id="r-d", text=TRANSCRIPT))
    assert interview.doc_text == interview.doc.text != TRANSCRIPT
    plain = parse(Report(id="r-p", text="Rebels shelled the town. Two died."))
    assert plain.doc_text == plain.doc.text == plain.report.text


def test_sentence_index_is_the_last_sentence_starting_at_or_before() -> None:
    text = "Rebels shelled the town. Two died.\n\nThe army answered at dawn."
    parsed = parse(Report(id="r-s", text=text))
    starts = [s.start for s in parsed.sentences]
    assert len(starts) == 3
    for char in range(-2, len(text) + 2):
        expected = max([i for i, s in enumerate(starts) if s <= char], default=0)
        assert parsed.sentence_index(char) == expected
