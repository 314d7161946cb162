from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitreps.actors.mentions import find_actors, provisional_id, speaker_actor
from sitreps.models import ActorFinding, Report
from sitreps.nlp import ParsedReport, parse

SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "src"
    / "sitreps"
    / "data"
    / "samples"
    / "deirezzor24-jaysh-assud-interview.txt"
)


def _run(text: str, published: date | None = date(2022, 5, 1)) -> tuple[ParsedReport, ActorFinding]:
    parsed = parse(Report(id="t", text=text, published=published))
    return parsed, find_actors(parsed)


def _ids(finding: ActorFinding) -> set[str]:
    return {a.id for a in finding.actors}


def test_every_mention_carries_reason_score_and_span() -> None:
    text = "Regime forces shelled the town while Turkish forces clashed with the SDF."
    _, f = _run(text)
    assert {"syr.military", "tur.military", "syr.sdf"} <= _ids(f)
    for m in f.mentions:
        assert m.span.text == text[m.span.start : m.span.end]
        assert m.reason and 0.0 <= m.score <= 1.0


def test_context_country_and_inter_of_foreign_forces() -> None:
    _, f = _run("Turkish forces shelled Tawileh village in Al Hasakeh countryside.")
    actors = {a.id: a for a in f.actors}
    assert actors["tur.military"].inter == 8  # acting in Syria
    assert actors["tur.military"].acled_name == "Military Forces of Turkey (2016-)"


def test_unknown_organisation_is_provisional_with_stable_id() -> None:
    text = "The Liwa Nour al-Fajr Brigade attacked a checkpoint near Dara."
    _, f = _run(text)
    prov = [a for a in f.actors if a.provisional]
    assert prov, "an unknown brigade must be kept, not dropped"
    a = prov[0]
    assert a.kind == "unknown" and a.inter is None and a.id.startswith("prov:")
    assert a.id == provisional_id(a.name)
    _, again = _run("Fighters of the Liwa Nour al-Fajr Brigade withdrew.")
    assert a.id in _ids(again)


def test_acronym_defined_in_text_for_an_unknown_group() -> None:
    text = (
        "The Eastern Free Tribes Council (EFTC) said it repelled an attack. "
        "EFTC fighters later withdrew from the village."
    )
    _, f = _run(text)
    acr = [m for m in f.mentions if m.span.text == "EFTC"]
    assert acr and all(m.entity_id == acr[0].entity_id for m in acr)
    long = [m for m in f.mentions if "Eastern Free Tribes Council" in m.span.text]
    assert long and long[0].entity_id == acr[0].entity_id
    assert "acronym" in acr[0].reason


def test_repeat_of_the_only_group() -> None:
    text = "Ahrar al-Sham fighters attacked a position. The group said two members died."
    _, f = _run(text)
    repeat = [m for m in f.mentions if m.span.text == "group"]
    assert repeat and repeat[0].entity_id == "syr.ahrar-al-sham"
    assert repeat[0].reason.startswith("repeat")


def test_repeat_is_left_alone_when_ambiguous() -> None:
    text = "Ahrar al-Sham clashed with Jaysh al-Islam. The group said two members died."
    _, f = _run(text)
    assert not [m for m in f.mentions if m.span.text == "group"]


def test_actor_outside_its_active_dates_is_not_forced() -> None:
    _, f = _run("Hayat Tahrir al-Sham fighters attacked the town.", published=date(2012, 5, 1))
    assert "syr.hts" not in _ids(f)


def test_protesting_group_is_coded_as_protesters_with_the_group_kept() -> None:
    text = "Teachers staged a demonstration in front of the governorate building in Erbil."
    _, f = _run(text)
    assert "irq.protesters" in _ids(f)
    assert "irq.teachers" in _ids(f)
    m = next(m for m in f.mentions if m.span.text.lower() == "teachers")
    assert m.entity_id == "irq.protesters" and "protesting" in m.reason


def test_person_with_role_from_the_knowledge_base() -> None:
    _, f = _run("Talas Salameh said his men repelled the attack.", published=date(2017, 8, 1))
    person = next(a for a in f.actors if a.kind == "person")
    assert person.id == "person.talass-al-salama"
    assert person.inter is None and person.role and "Jaysh Usud al-Sharqiya" in person.role


def test_speaker_labels_map_to_people_named_in_the_text() -> None:
    text = (
        "Reporter Jane Roe spoke with Khaled al-Omari, commander of the Liwa al-Tahrir faction.\n\n"
        "Q: What happened?\n\nKhaled: We held our positions.\n\nQ: And now?\n\nKhaled: We wait.\n"
    )
    parsed, f = _run(text)
    turns = [t for t in parsed.turns if t.speaker == "Khaled"]
    assert turns
    pid = speaker_actor(parsed, f, turns[0])
    person = next(a for a in f.actors if a.id == pid)
    assert person.kind == "person" and "Khaled" in person.name


@pytest.mark.skipif(not SAMPLE.is_file(), reason="packaged founding sample missing")
def test_founding_interview_actors_resolve() -> None:
    parsed, f = _run(SAMPLE.read_text(encoding="utf-8"), published=date(2017, 8, 1))
    ids = _ids(f)
    for needed in (
        "syr.jaysh-usud-al-sharqiya",
        "syr.fsa",
        "syr.sdf",
        "syr.military",
        "rus.military",
        "militia.pro-government",
        "irq.pmf",
        "usa.cia",
        "jor.moc",
        "person.talass-al-salama",
    ):
        assert needed in ids, needed
    assert any(i.startswith("is") for i in ids)
    actors = {a.id: a for a in f.actors}
    assert actors["person.talass-al-salama"].role == "leader of Jaysh Usud al-Sharqiya"
    assert actors["outlet.deirezzor24"].inter is None
    assert not [a for a in f.actors if a.provisional and a.kind == "unknown"]
    speakers = {t.speaker: speaker_actor(parsed, f, t) for t in parsed.turns}
    assert speakers.get("Talass") == "person.talass-al-salama"
    assert speakers.get("D24") == "outlet.deirezzor24"


def test_a_country_is_an_actor_only_as_agent_of_violence() -> None:
    _, f = _run("Turkey shelled the village of Tawileh in Al Hasakeh countryside.")
    assert "tur.military" in _ids(f)
    m = next(m for m in f.mentions if m.entity_id == "tur.military")
    assert "violent" in m.reason
    _, f = _run("Turkey said the talks in Ankara would resume next week.")
    assert "tur.military" not in _ids(f)


def test_coalition_members_are_coded_as_the_coalition_where_it_operates() -> None:
    _, f = _run("A US military patrol took place near Rmelan town in Al Hasakeh countryside.")
    assert {"gcad", "usa.military"} <= _ids(f)
    m = next(m for m in f.mentions if "patrol" in m.span.text)
    assert m.entity_id == "gcad"


def test_protest_with_no_named_protesters() -> None:
    _, f = _run("A demonstration was staged in Tunceli town center, Tunceli, against the new law.")
    m = [m for m in f.mentions if m.entity_id == "tur.protesters"]
    assert m and "no named protesters" in m[0].reason
