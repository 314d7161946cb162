"""Places outside the report's focus country, abbreviated contexts and exonyms."""

from __future__ import annotations

from sitreps.actors.mentions import find_actors
from sitreps.geo.toponyms import find_places
from sitreps.models import PlaceFinding, Report
from sitreps.nlp import parse


def _places(text: str) -> PlaceFinding:
    parsed = parse(Report(id="t", text=text))
    return find_places(parsed, find_actors(parsed))


def _country_of(f: PlaceFinding, name: str) -> str | None:
    by_id = {p.id: p for p in f.places}
    for m in f.mentions:
        if m.span.text == name and m.entity_id in by_id:
            return by_id[m.entity_id].country
    return None


def test_town_named_after_in_is_kept_outside_the_focus_country() -> None:
    f = _places("Demonstrators gathered in Sens. They denounced the war in Ukraine and Russia.")
    assert _country_of(f, "Sens") == "FRA"


def test_first_word_of_a_longer_name_is_not_a_town_abroad() -> None:
    f = _places("Teachers held a sit-in in Bandar e Emam Khomeyni city (Khuzestan) on Sunday.")
    assert _country_of(f, "Bandar") is None


def test_abbreviated_context_that_holds_no_reading_is_ignored() -> None:
    # "WB" (West Bengal) is also an alias of the West Bank, which has no Kolkata
    f = _places("Party members held a protest at Kolkata city (WB) over the murder of a leader.")
    assert _country_of(f, "Kolkata") == "IND"


def test_own_name_of_a_town_beats_a_bigger_citys_exonym() -> None:
    # "Valence" is a French town and the French name of Valencia
    f = _places("About 200 people demonstrated in Valence on Saturday against the new law.")
    assert _country_of(f, "Valence") == "FRA"
