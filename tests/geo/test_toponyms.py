"""Toponym recognition and disambiguation on small hand-made reports."""

from __future__ import annotations

from sitreps.geo.toponyms import find_places
from sitreps.models import ActorFinding, Mention, PlaceFinding, Report, Span
from sitreps.nlp import parse


def _find(text: str, actor_words: tuple[str, ...] = ()) -> PlaceFinding:
    parsed = parse(Report(id="t", text=text))
    mentions = []
    for w in actor_words:
        i = text.index(w)
        mentions.append(Mention(id=w, kind="actor", span=Span.of(text, i, i + len(w)), sentence=0))
    return find_places(parsed, ActorFinding(mentions=tuple(mentions)))


def _by_text(f: PlaceFinding) -> dict[str, str | None]:
    return {m.span.text: m.entity_id for m in f.mentions}


def test_rural_x_is_the_admin1_unit() -> None:
    f = _find("Shelling hit several villages in rural Idlib on Monday.")
    assert _by_text(f)["Idlib"] == "adm1:SY.12"
    place = next(p for p in f.places if p.id == "adm1:SY.12")
    assert place.admin1 == "Idleb" and place.geo_precision == 3


def test_countryside_and_province_forms() -> None:
    f = _find("Clashes broke out in Hama countryside. Later the province of Homs was quiet.")
    got = _by_text(f)
    assert got["Hama"] == "adm1:SY.10"
    assert got["Homs"] == "adm1:SY.11"


def test_plain_city_name_is_the_city() -> None:
    f = _find("A car bomb exploded in Aleppo on Tuesday, killing four people.")
    place = next(p for p in f.places if p.admin1 == "Aleppo")
    assert place.feature == "city" and place.geo_precision == 1


def test_parenthetical_admin_context_disambiguates() -> None:
    # "Al Bab" names places in several countries; the admin1 in brackets decides.
    f = _find("On 3 May, an IED exploded in Al Bab (Aleppo), injuring two.")
    place = next(p for p in f.places if p.name == "Al Bab")
    assert place.country == "SYR" and place.admin1 == "Aleppo"


def test_actor_mentions_and_demonyms_are_not_places() -> None:
    text = "Syrian troops and the Homs Brigade attacked positions in Palmyra."
    f = _find(text, actor_words=("Homs Brigade",))
    texts = {m.span.text for m in f.mentions}
    assert "Syrian" not in texts
    assert "Homs" not in texts and "Homs Brigade" not in texts
    assert "Palmyra" in texts


def test_person_name_needs_locative_context() -> None:
    f = _find("Speaking on Monday, Hama Ali told reporters that talks would continue.")
    assert not any(m.entity_id and m.span.text.startswith("Hama") for m in f.mentions)


def test_named_region_from_ruler() -> None:
    f = _find("Fighting continued in the Syrian Desert and in Eastern Ghouta.")
    got = _by_text(f)
    assert got["Syrian Desert"] == "region:syrian-badiya"
    assert got["Eastern Ghouta"] == "region:eastern-ghouta"


def test_every_mention_has_a_reason_and_sentence() -> None:
    f = _find("Troops moved from Raqqa to Deir ez-Zor. Nothing happened in Xyzzyville.")
    assert f.mentions
    for m in f.mentions:
        assert m.kind == "place" and m.reason
        assert 0 <= m.sentence <= 1


def test_speaker_and_name_parts_are_not_places() -> None:
    f = _find("Nelson said the Al-Muk Operation Room would send more weapons.")
    assert not any(m.entity_id for m in f.mentions)


def test_town_in_province_countryside() -> None:
    f = _find("Regime forces shelled Kafr Nabl town in Idleb countryside.")
    got = _by_text(f)
    assert got["Idleb"] == "adm1:SY.12"
    kafr = next(p for p in f.places if p.mentions[0].text == "Kafr Nabl")
    assert kafr.feature in ("city", "village") and kafr.admin1 == "Idleb"


def test_one_sense_per_report_follows_admin_context() -> None:
    f = _find("Police in Alexandria, Va., made arrests. Later the Alexandria police chief spoke.")
    ids = {m.entity_id for m in f.mentions if m.span.text == "Alexandria"}
    assert len(ids) == 1
    place = next(p for p in f.places if p.id in ids)
    assert place.country == "USA" and place.admin1 == "Virginia"


def test_reading_outside_the_written_admin_context_is_dropped() -> None:
    # a village the gazetteer lacks, written with its province: no reading abroad
    f = _find("Shelling hit Qwertabad village in Al Hasakeh countryside.")
    placed = [p for p in f.places if p.country not in (None, "SYR")]
    assert not placed


def test_dateline_does_not_set_the_focus_country() -> None:
    f = _find("BEIRUT (Reuters) - Airstrikes hit the town of Saraqib, residents said.")
    assert any(p.country == "SYR" for p in f.places)
