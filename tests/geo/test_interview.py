"""The founding interview (packaged sample): places and the battle's location."""

from __future__ import annotations

from sitreps.actors.mentions import find_actors
from sitreps.geo.location import choose_location
from sitreps.geo.toponyms import find_places
from sitreps.models import Report, Span
from sitreps.nlp import parse


def test_interview_places_and_locations(interview_text: str) -> None:
    text = interview_text
    parsed = parse(Report(id="interview", text=text))
    found = find_places(parsed, find_actors(parsed))
    by_id = {p.id: p for p in found.places}
    badiya = by_id["region:syrian-badiya"]
    assert badiya.feature == "region" and badiya.geo_precision == 3
    assert "country:JOR" in by_id
    assert any(p.admin1 == "Deir ez Zor" for p in found.places)
    rural = text.index("rural Al-Raqqa") + len("rural ")
    raqqa = next(m for m in found.mentions if m.span.start == rural)
    assert raqqa.entity_id == "adm1:SY.04"
    assert by_id["adm1:SY.04"].admin1 == "Ar Raqqa"
    assert not any(m.span.text in ("Syrian", "Iraqi", "Russian") for m in found.mentions)

    def where(trigger: str) -> str | None:
        i = text.index(trigger)
        sentence = parsed.sentences[parsed.sentence_index(i)]
        anchor = Span.of(text, i, i + len(trigger))
        return choose_location(parsed, found, anchor, (sentence,)).place

    assert where("clashes") == "region:syrian-badiya"
    assert where("receiving arms") != "country:JOR"
