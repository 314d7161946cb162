"""acled_fatalities and assign_sides."""

from __future__ import annotations

from sitreps.extract.fatalities import acled_fatalities, assign_sides
from sitreps.extract.quantities import find_quantities
from sitreps.models import Actor, ActorFinding, Fatalities, Mention, Quantity, Report, Span
from sitreps.nlp import parse


def q(kind: str, value: int | None, start: int, text: str = "x", **kw: object) -> Quantity:
    span = Span(start, start + len(text), text)
    low = kw.pop("low", value)
    return Quantity(kind, value, low, value, kw.pop("qualifier", None), span, **kw)  # type: ignore[arg-type]


def fat(text: str) -> Fatalities | None:
    return acled_fatalities(find_quantities(parse(Report(id="t", text=text))))


def test_only_killed_counts_make_fatalities() -> None:
    assert acled_fatalities((q("injured", 5, 0), q("casualties", 300, 10))) is None
    assert acled_fatalities(()) is None


def test_distinct_counts_are_summed() -> None:
    got = acled_fatalities(
        (
            q("killed", 6, 0, "six soldiers", object="soldiers"),
            q("killed", 3, 20, "three militants", object="militants"),
        )
    )
    assert got == Fatalities(9, 9, 9)


def test_conflicting_counts_of_the_same_victims_keep_the_lower() -> None:
    got = acled_fatalities(
        (
            q("killed", 6, 0, "6 soldiers were killed", object="soldiers"),
            q("killed", 7, 60, "killed 7 soldiers", object="soldiers"),
        )
    )
    assert got is not None and got.best == 6


def test_stated_total_wins_over_parts() -> None:
    got = fat("Two men were killed in the north and a man was killed in the south. 3 fatalities.")
    assert got is not None and got.best == 3


def test_zero_only_when_stated() -> None:
    assert fat("There were no fatalities.") == Fatalities(0, 0, 0)
    assert fat("Militants attacked a checkpoint.") is None


def test_dozens_takes_acled_figure() -> None:
    got = acled_fatalities(
        (q("killed", None, 0, "dozens of soldiers", qualifier="dozens", low=24),)
    )
    assert got is not None and got.best == 12


def test_unknown_count_is_none_not_zero() -> None:
    assert acled_fatalities((q("killed", None, 0, "civilians", qualifier="unspecified"),)) is None


def test_spelled_out_counts() -> None:
    got = fat("On 3 May 2022, gunmen shot and killed two people and a child in the town.")
    assert got is not None and got.best == 3


def _actors(text: str, names: dict[str, str]) -> ActorFinding:
    actors = []
    mentions = []
    for aid, name in names.items():
        actors.append(Actor(aid, name, "state", 1, None, name))
        start = 0
        while (i := text.find(name, start)) >= 0:
            mentions.append(
                Mention(f"m{i}", "actor", Span.of(text, i, i + len(name)), 0, entity_id=aid)
            )
            start = i + len(name)
    return ActorFinding(tuple(actors), tuple(mentions))


def test_sides_from_possessive_and_loss_verbs() -> None:
    text = (
        "The Syrian Army has taken more than 300 casualties and more than 60 of their "
        "armored vehicles have been destroyed."
    )
    parsed = parse(Report(id="t", text=text))
    sided = assign_sides(find_quantities(parsed), parsed, _actors(text, {"a1": "Syrian Army"}))
    assert {x.kind: x.side for x in sided} == {"casualties": "a1", "destroyed": "a1"}


def test_side_of_victims_named_after_the_count() -> None:
    text = "The Taliban killed five members of the National Army near the border."
    parsed = parse(Report(id="t", text=text))
    actors = _actors(text, {"t": "Taliban", "n": "National Army"})
    sided = assign_sides(find_quantities(parsed), parsed, actors)
    killed = [x for x in sided if x.kind == "killed"]
    assert len(killed) == 1 and killed[0].side == "n"


def test_no_side_when_the_text_does_not_say() -> None:
    text = "Five people were killed when a bomb exploded in the market."
    parsed = parse(Report(id="t", text=text))
    sided = assign_sides(find_quantities(parsed), parsed, _actors(text, {}))
    assert all(x.side is None for x in sided)


def test_bare_summary_count_is_a_total() -> None:
    got = fat("Police attacked and killed a young woman while raiding her home. 1 killed.")
    assert got is not None and got.best == 1


def test_loss_verb_side_needs_the_count_as_its_object() -> None:
    text = (
        "The Syrian Army has taken heavy losses and 40 tanks were destroyed, and the rebels "
        "shot down a number of aircraft."
    )
    parsed = parse(Report(id="t", text=text))
    sided = assign_sides(find_quantities(parsed), parsed, _actors(text, {"a1": "Syrian Army"}))
    downed = [x for x in sided if x.kind == "downed"]
    assert len(downed) == 1 and downed[0].side is None
