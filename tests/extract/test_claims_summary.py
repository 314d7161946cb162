"""Grouping and printing of claims by claimant (``sitreps claims``), on a hand-built extraction."""

from __future__ import annotations

from pathlib import Path

from sitreps.errors import InputError
from sitreps.extract.attribution_summary import format_claims, group_claims
from sitreps.extract.stance import Stance
from sitreps.models import Actor, Claim, Event, Extraction, Quantity, Relation, Report, Span

TEXT = "Abu Karim said that 40 soldiers were killed. The town is quiet."


def _extraction() -> Extraction:
    report = Report(id="r1", text=TEXT, outlet="Example Radio")
    said = Span.of(TEXT, 10, 14)
    content = Span.of(TEXT, 15, 43)
    q = Quantity("killed", 40, 40, 40, None, Span.of(TEXT, 20, 43), "soldiers", claim="c2")
    event = Event(
        id="e1",
        event_type="Battles",
        sub_event_type="Armed clash",
        plover="FIGHT",
        plover_mode=None,
        actor1="nb",
        assoc_actor1=(),
        actor2="gov",
        assoc_actor2=(),
        place=None,
        geo_precision=None,
        date_start=None,
        date_end=None,
        time_precision=None,
        fatalities=None,
        quantities=(q,),
        modality="asserted",
        claim="c2",
        evidence=(content,),
    )
    claims = (
        Claim("c1", None, None, "Example Radio", None, Span.of(TEXT, 0, 44), False),
        Claim(
            "c2",
            "p-karim",
            "commander of Northern Brigade",
            "Example Radio",
            said,
            content,
            True,
            "indirect",
            "c1",
            Span.of(TEXT, 0, 9),
        ),
        Claim("c3", None, None, "Example Radio", None, Span.of(TEXT, 45, len(TEXT)), False),
    )
    actors = (
        Actor("p-karim", "Abu Karim", "person", None, None, "Abu Karim"),
        Actor("nb", "Northern Brigade", "rebel", 2, None, "Northern Brigade"),
        Actor("gov", "Government", "state", 1, None, "Government"),
    )
    rel = Relation("gov", "nb", "fights", (content,), "c2")
    return Extraction(report, actors=actors, events=(event,), claims=claims, relations=(rel,))


def test_group_claims_by_claimant() -> None:
    groups = group_claims(_extraction())
    assert [g.claimant for g in groups] == [None, "p-karim"]
    outlet, karim = groups
    assert outlet.label == "Example Radio (outlet)"
    assert [line.claim.id for line in outlet.lines] == ["c1", "c3"]
    assert karim.role == "commander of Northern Brigade"
    (line,) = karim.lines
    assert [e.id for e in line.events] == ["e1"]
    assert [q.value for q in line.quantities] == [40]
    assert [r.kind for r in line.relations] == ["fights"]


def test_format_claims_prints_events_numbers_relations_and_stances() -> None:
    ex = _extraction()
    stance = Stance("p-karim", "gov", "hostile", (Span.of(TEXT, 20, 43),), "c2")
    out = format_claims(ex, (stance,))
    assert "Abu Karim [p-karim], commander of Northern Brigade: 1 claim(s), 1 partisan" in out
    assert "c2 [indirect, partisan, in c1] cue 'said'" in out
    assert "event e1: Armed clash; Northern Brigade / Government; asserted" in out
    assert "number killed: 40 soldiers" in out
    assert "relation Government fights Northern Brigade" in out
    assert "stance hostile towards Government" in out
    assert out.index("Example Radio (outlet)") < out.index("Abu Karim [p-karim]")


def test_claims_command_reports_an_unreadable_path(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from sitreps.extract.claims_cli import claims

    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(claims, [str(missing)])
    assert result.exit_code != 0
    assert isinstance(result.exception, InputError)
    assert "missing.txt" in str(result.exception)
