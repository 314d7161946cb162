from __future__ import annotations

from sitreps.models import Actor, Claim, Event, Extraction, Quantity, Report, Span
from sitreps.summary import summarise

TEXT = "Rebels said they killed dozens of soldiers near the town."


def _extraction() -> Extraction:
    whole = Span.of(TEXT, 0, len(TEXT))
    q = Quantity("killed", None, 24, None, "dozens", Span.of(TEXT, 24, 42), object="soldiers")
    ev = Event(
        id="e1",
        event_type="Battles",
        sub_event_type="Armed clash",
        plover="FIGHT",
        plover_mode=None,
        actor1="a1",
        assoc_actor1=(),
        actor2=None,
        assoc_actor2=(),
        place=None,
        geo_precision=None,
        date_start=None,
        date_end=None,
        time_precision=None,
        fatalities=None,
        quantities=(q,),
        modality="asserted",
        claim="c1",
        evidence=(whole,),
        date_reason="no date expression and no published date",
    )
    rebels = Actor("a1", "Rebels", "rebel", 2, "SYR", "Rebels (Syria)")
    claim = Claim("c1", "a1", None, None, Span.of(TEXT, 7, 11), whole, True)
    return Extraction(Report("r-1", TEXT), actors=(rebels,), events=(ev,), claims=(claim,))


def test_summary_shows_type_actors_counts_modality_and_claimant() -> None:
    out = summarise(_extraction())
    assert "Battles / Armed clash" in out and "asserted" in out
    assert "Rebels  →  -" in out
    assert "killed: dozens (at least 24) soldiers" in out
    assert "fatalities (ACLED): unknown" in out  # a count without a number is not a toll
    assert "partisan claim by: Rebels" in out
    assert "no date expression" in out


def test_summary_of_report_without_events() -> None:
    out = summarise(Extraction(Report("r-2", "Nothing happened.")))
    assert "(no events)" in out
