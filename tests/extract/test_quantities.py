"""find_quantities and the number reader on small hand-made sentences."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitreps.extract.numbers import parse_count, word_to_int
from sitreps.extract.quantities import find_quantities
from sitreps.models import Quantity, Report
from sitreps.nlp import parse


def quantities(text: str) -> tuple[Quantity, ...]:
    qs = find_quantities(parse(Report(id="t", text=text)))
    for q in qs:
        assert q.span.text == text[q.span.start : q.span.end]
    return qs


def kinds(text: str) -> list[tuple[str, int | None]]:
    return [(q.kind, q.value) for q in quantities(text)]


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "qualifier"),
    [
        ("more than 300", 300, 301, None, "more than"),
        ("at least twenty-two", 22, 22, None, "at least"),
        ("dozens of", None, 24, None, "dozens"),
        ("a number of", None, 2, None, "a number of"),
        ("between 20 and 30", 20, 20, 30, "between"),
        ("20-30", 20, 20, 30, "between"),
        ("around 20", 20, None, None, "about"),
        ("up to 15", 15, None, 15, "up to"),
        ("a dozen", 12, 12, 12, None),
        ("1,200", 1200, 1200, 1200, None),
        ("one hundred and twenty", 120, 120, 120, None),
        ("2 - 'many'", 2, 2, None, "many"),
    ],
)
def test_parse_count(
    text: str, value: int | None, low: int | None, high: int | None, qualifier: str | None
) -> None:
    c = parse_count(text)
    assert c is not None
    assert (c.value, c.low, c.high, c.qualifier) == (value, low, high, qualifier)


def test_word_to_int_rejects_non_numbers() -> None:
    assert word_to_int("soldiers") is None
    assert word_to_int("forty-five") == 45
    assert parse_count("the army") is None


def test_casualties_are_not_killed_and_materiel_has_an_object() -> None:
    text = (
        "The rebels said the army has taken more than 300 casualties and more than 60 of "
        "their armored vehicles have been destroyed."
    )
    qs = quantities(text)
    cas = [q for q in qs if q.kind == "casualties"]
    assert len(cas) == 1 and cas[0].value == 300 and cas[0].qualifier == "more than"
    assert not [q for q in qs if q.kind == "killed"]
    destroyed = [q for q in qs if q.kind == "destroyed"]
    assert len(destroyed) == 1
    d = destroyed[0]
    assert (d.value, d.low, d.object) == (60, 61, "armored vehicles")
    assert d.span.text.startswith("more than 60 of their armored vehicles")


def test_vague_counts_keep_no_value() -> None:
    text = (
        "The fighters shot down a number of drones and helicopters and captured dozens of soldiers."
    )
    qs = quantities(text)
    downed = [q for q in qs if q.kind == "downed"]
    captured = [q for q in qs if q.kind == "captured"]
    assert len(downed) == 1 and downed[0].value is None
    assert downed[0].object == "drones and helicopters"
    assert downed[0].qualifier == "a number of"
    assert len(captured) == 1
    assert (captured[0].value, captured[0].low, captured[0].qualifier) == (None, 24, "dozens")
    assert captured[0].object == "soldiers"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen attacked the village, killing 3 and injuring 5.", [("killed", 3), ("injured", 5)]),
        ("A man was killed in the market.", [("killed", 1)]),
        ("Two civilians killed in the shelling were buried on Sunday.", [("killed", 2)]),
        ("Six soldiers and four militants were killed.", [("killed", 6), ("killed", 4)]),
        ("One person died and seven were injured.", [("killed", 1), ("injured", 7)]),
        ("The police arrested 12 protesters.", [("arrested", 12)]),
        ("Armed men kidnapped four traders.", [("abducted", 4)]),
    ],
)
def test_counts_from_verbs(text: str, expected: list[tuple[str, int]]) -> None:
    assert sorted(kinds(text)) == sorted(expected)


def test_killed_or_wounded_is_casualties() -> None:
    assert kinds("Fifty fighters were killed or wounded in the clashes.") == [("casualties", 50)]


def test_explicit_zero_only_when_stated() -> None:
    assert ("killed", 0) in kinds("There were no casualties in the attack.")
    assert ("killed", 0) in kinds("No one was killed.")
    assert kinds("Militants attacked a checkpoint near the town.") == []


def test_negated_verb_gives_no_count() -> None:
    assert kinds("The soldiers did not kill two civilians.") == []


def test_background_death_is_not_counted() -> None:
    text = "Hundreds of people protested against the killing of two students by police."
    assert [k for k, _ in kinds(text) if k == "killed"] == []


def test_animals_are_not_counted() -> None:
    assert kinds("Raiders killed 25 heads of cattle.") == []


def test_stated_total_and_split_share() -> None:
    qs = quantities("Clashes continued. 38 fatalities split among 10 events.")
    split = [q for q in qs if q.qualifier == "split"]
    assert len(split) == 1 and split[0].value == 4


def test_anaphoric_victim_is_not_counted_twice() -> None:
    got = kinds("Gunmen killed a trader in the market. The victim died at the scene.")
    assert got == [("killed", 1)]
    # an earlier count of another kind does not make the death a repeat
    got = kinds("A soldier was wounded in the ambush. The soldier died later.")
    assert sorted(got) == [("injured", 1), ("killed", 1)]


def test_beaten_to_death_and_fragments() -> None:
    assert kinds("A mob beat two thieves to death.") == [("killed", 2)]
    assert sorted(kinds("1 killed. 2 injured.")) == [("injured", 2), ("killed", 1)]


def test_relative_clause_death_under_a_preposition_is_background() -> None:
    text = "Relatives and friends of a man who was killed by police blocked the main road."
    assert [k for k, _ in kinds(text) if k == "killed"] == []
    # a main-clause death is still counted
    assert kinds("Police shot and killed a man who was fleeing.") == [("killed", 1)]


def test_day_numbers_are_not_counts() -> None:
    text = "Around 25 January 2022, in the town, three people were killed."
    assert kinds(text) == [("killed", 3)]


def test_fleeing_people_are_displaced() -> None:
    assert kinds("More than 500 families fled the fighting.") == [("displaced", 500)]


@given(st.integers(min_value=0, max_value=10_000_000))
def test_digits_round_trip(n: int) -> None:
    assert word_to_int(str(n)) == n
    assert word_to_int(f"{n:,}") == n
    c = parse_count(f"at least {n}")
    assert c is not None and (c.value, c.low, c.high) == (n, n, None)
    c = parse_count(f"more than {n:,}")
    assert c is not None and (c.value, c.low) == (n, n + 1)


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=999))
def test_ranges_keep_the_conservative_end(a: int, b: int) -> None:
    c = parse_count(f"between {a} and {a + b}")
    assert c is not None and (c.value, c.low, c.high) == (a, a, a + b)


def test_counts_coded_as_other_events_are_left_out() -> None:
    text = (
        "Militants raided a village on 2 May. 14 people were killed during the raid "
        "(coded separately). Two soldiers were killed in the clashes."
    )
    assert ("killed", 14) not in kinds(text)
    assert ("killed", 2) in kinds(text)
    # without the note the count stays
    assert ("killed", 14) in kinds(text.replace(" (coded separately)", ""))
