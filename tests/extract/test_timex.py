"""resolve_time on small hand-made sentences."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitreps.extract.timex import resolve_time
from sitreps.models import Report, Span, TimeInfo
from sitreps.nlp import parse


def when(text: str, published: date | None, anchor: str | None = None) -> TimeInfo:
    parsed = parse(Report(id="t", text=text, published=published))
    i = text.find(anchor) if anchor else 0
    span = Span.of(text, i, i + len(anchor or text[:1]))
    return resolve_time(parsed, span, published)


PUB = date(2022, 6, 8)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("On 8 June 2022, gunmen attacked a bus.", date(2022, 6, 8), date(2022, 6, 8), 1),
        ("On June 3, 2021 militants attacked a bus.", date(2021, 6, 3), date(2021, 6, 3), 1),
        ("Militants attacked a bus on 2022-05-30.", date(2022, 5, 30), date(2022, 5, 30), 1),
        ("In May 2022 militants attacked a bus.", date(2022, 5, 1), date(2022, 5, 31), 3),
        (
            "Between 22 - 23 February 2022 raids hit the town.",
            date(2022, 2, 22),
            date(2022, 2, 23),
            2,
        ),
    ],
)
def test_absolute_dates_need_no_published_date(
    text: str, start: date, end: date, precision: int
) -> None:
    got = when(text, None)
    assert (got.date_start, got.date_end, got.time_precision) == (start, end, precision)
    assert got.span is not None and got.span.text in text


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("Gunmen attacked a bus yesterday.", date(2022, 6, 7), date(2022, 6, 7), 1),
        ("Gunmen attacked a bus on Monday.", date(2022, 6, 6), date(2022, 6, 6), 1),
        ("Gunmen attacked a bus two days ago.", date(2022, 6, 6), date(2022, 6, 6), 1),
        ("Gunmen attacked a bus last week.", date(2022, 5, 30), date(2022, 6, 5), 2),
        ("Gunmen attacked a bus earlier this month.", date(2022, 6, 1), date(2022, 6, 8), 3),
        ("Gunmen attacked a bus on 3 June.", date(2022, 6, 3), date(2022, 6, 3), 1),
    ],
)
def test_relative_dates_use_the_published_date(
    text: str, start: date, end: date, precision: int
) -> None:
    got = when(text, PUB)
    assert (got.date_start, got.date_end, got.time_precision) == (start, end, precision)


def test_duration_is_a_range_ending_at_publication() -> None:
    text = "The army lost 300 men in 45 days of heavy fighting."
    got = when(text, PUB, "lost")
    assert got.date_start == date(2022, 4, 24) and got.date_end == PUB
    assert got.time_precision == 3


def test_duration_without_published_date_invents_nothing() -> None:
    got = when("The army lost 300 men in 45 days of heavy fighting.", None, "lost")
    assert (got.date_start, got.date_end, got.time_precision) == (None, None, None)
    assert "45 day" in got.reason


def test_relative_date_without_published_date_invents_nothing() -> None:
    got = when("Gunmen attacked a bus yesterday.", None)
    assert got.date_start is None and got.date_end is None


def test_no_expression_takes_published_date_with_week_precision() -> None:
    got = when("Gunmen attacked a bus.", PUB)
    assert (got.date_start, got.date_end, got.time_precision) == (PUB, PUB, 2)
    assert when("Gunmen attacked a bus.", None).date_start is None


def test_expression_nearest_the_anchor_in_its_sentence() -> None:
    text = "On 2 June 2022 talks failed. Gunmen attacked a bus on 5 June 2022."
    got = when(text, None, "attacked")
    assert got.date_start == date(2022, 6, 5)


def test_sentence_initial_date_frames_the_sentence() -> None:
    text = "On 10 May 2022, relatives of a man killed on 2 May 2022 marched in the capital."
    got = when(text, None, "marched")
    assert got.date_start == date(2022, 5, 10)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("Around 6 February 2022, gunmen attacked a bus.", date(2022, 2, 6), date(2022, 2, 6), 2),
        ("On 6 February 2022 (as reported), a bus was hit.", date(2022, 2, 6), date(2022, 2, 6), 2),
        ("On 15 May 2022 (month of), a bus was hit.", date(2022, 5, 1), date(2022, 5, 31), 3),
    ],
)
def test_hedged_days_lower_the_precision(text: str, start: date, end: date, precision: int) -> None:
    got = when(text, None)
    assert (got.date_start, got.date_end, got.time_precision) == (start, end, precision)


def test_impossible_date_is_not_used() -> None:
    got = when("On 31 February 2022 gunmen attacked a bus.", PUB)
    assert (got.date_start, got.time_precision) == (PUB, 2)
    assert "unreadable" in got.reason
    assert when("On 31 February 2022 gunmen attacked a bus.", None).date_start is None


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("Gunmen attacked a bus over the weekend.", date(2022, 6, 4), date(2022, 6, 5), 2),
        ("Gunmen attacked a bus a week ago.", date(2022, 6, 1), date(2022, 6, 1), 2),
        ("Gunmen have attacked buses in recent days.", date(2022, 6, 1), date(2022, 6, 8), 2),
        ("Gunmen have attacked buses since March.", date(2022, 3, 1), date(2022, 6, 8), 3),
    ],
)
def test_more_relative_expressions(text: str, start: date, end: date, precision: int) -> None:
    got = when(text, PUB)
    assert (got.date_start, got.date_end, got.time_precision) == (start, end, precision)


def test_events_of_one_sentence_share_its_expressions() -> None:
    text = "Gunmen attacked a bus on 3 June and then a school was shelled on 5 June."
    parsed = parse(Report(id="t", text=text, published=PUB))
    bus = Span.of(text, text.find("attacked"), text.find("attacked") + 8)
    school = Span.of(text, text.find("shelled"), text.find("shelled") + 7)
    first = resolve_time(parsed, bus, PUB)
    second = resolve_time(parsed, school, PUB)
    assert first.date_start == date(2022, 6, 3)
    assert second.date_start == date(2022, 6, 5)
    assert resolve_time(parsed, bus, PUB) == first


def test_same_offsets_in_another_text_are_read_afresh() -> None:
    # same length, same sentence offsets: the expressions are those of each text
    a = when("Gunmen attacked a bus on 12 May.", PUB)
    b = when("Gunmen attacked a bus on 21 May.", PUB)
    assert (a.date_start, b.date_start) == (date(2022, 5, 12), date(2022, 5, 21))


def test_sentence_without_digits_still_has_word_expressions() -> None:
    got = when("Gunmen attacked a bus three weeks ago.", PUB)
    assert got.date_start == date(2022, 5, 18)


_WORDS = ["3", "12", "2022", "June", "SEPT.", "ſept", "may", "in", "during", "of", "two", "A few"]
_WORDS += ["weeks", "days", "ago", "Monday", "on", ",", "-", "and", "x"]


@given(st.lists(st.sampled_from(_WORDS), max_size=12))
def test_look_aheads_change_no_match(words: list[str]) -> None:
    from sitreps.extract.timex import _PATTERNS

    text = " ".join(words)
    for _, pattern in _PATTERNS:
        plain = re.sub(r"\(\?=\[[^\]]*\]\)", "", pattern.pattern)
        got = [m.span() for m in pattern.finditer(text)]
        assert got == [m.span() for m in re.finditer(plain, text, pattern.flags)]


_SENTENCE_WORDS = [*_WORDS, "YESTERDAY", "last", "night", "this", "morning", "Tonight", "today"]
_SENTENCE_WORDS += ["week", "weekend", "the", "past", "recent", "month", "for", "years", "İn"]


@given(st.lists(st.sampled_from(_SENTENCE_WORDS), max_size=14))
def test_word_prefilters_skip_only_kinds_that_cannot_match(words: list[str]) -> None:
    from sitreps.extract.timex import _PATTERNS, _find_in

    text = " ".join(words)
    expected: list[tuple[str, tuple[int, int]]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if not any(s < m.end() and m.start() < e for _, (s, e) in expected):
                expected.append((kind, m.span()))
    got = [(f.kind, (f.span.start, f.span.end)) for f in _find_in(text, 0, len(text))]
    assert got == expected
