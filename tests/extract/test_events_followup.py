"""A later sentence that goes on about an event is merged into it, not coded again."""

from __future__ import annotations

from datetime import date

from sitreps.ingest.ids import report_id
from sitreps.models import Report
from sitreps.pipeline import extract


def _events(text: str) -> list[tuple[str | None, int | None]]:
    ex = extract(Report(id=report_id(text), text=text, published=date(2021, 5, 3)))
    asserted = [e for e in ex.events if e.modality == "asserted" and e.event_type]
    return [(e.sub_event_type, e.fatalities.best if e.fatalities else None) for e in asserted]


def test_result_sentence_joins_the_event_it_follows() -> None:
    text = (
        "On 3 May 2021, Syrian regime forces shelled rebel positions near Kafr Nabl in Idlib. "
        "As a result of the shelling, three rebel fighters were killed."
    )
    events = _events(text)
    shelling = [e for e in events if e[0] == "Shelling/artillery/missile attack"]
    assert len(shelling) == 1
    assert shelling[0][1] == 3


def test_later_sentence_with_another_initiator_stays_apart() -> None:
    text = (
        "On 3 May 2021, Syrian regime forces shelled rebel positions near Kafr Nabl in Idlib. "
        "On the same day, Turkish forces shelled SDF positions near Tal Tamr in Al Hasakeh."
    )
    events = _events(text)
    assert sum(e[0] == "Shelling/artillery/missile attack" for e in events) == 2
