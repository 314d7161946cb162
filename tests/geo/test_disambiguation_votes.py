"""A name repeated in a report is one piece of evidence for its focus country, not many."""

from __future__ import annotations

from sitreps.actors.mentions import find_actors
from sitreps.geo.toponyms import find_places
from sitreps.models import Report
from sitreps.nlp import parse


def test_a_repeated_name_does_not_outvote_the_other_places() -> None:
    text = (
        "Paris officials met on Monday. The Paris council approved the budget. Paris schools "
        "will reopen soon. Voters in Texas and Dallas backed the plan."
    )
    parsed = parse(Report(id="t", text=text))
    f = find_places(parsed, find_actors(parsed))
    by_id = {p.id: p for p in f.places}
    paris = {by_id[m.entity_id].country for m in f.mentions if m.span.text == "Paris"}
    assert paris == {"USA"}
