"""Pieces of longer names, names used as modifiers, bracketed districts and districts outside the
OCHA countries, on small hand-made reports."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from sitreps.geo.gazetteer import get_gazetteer
from sitreps.geo.toponyms import find_places
from sitreps.models import ActorFinding, PlaceFinding, Report
from sitreps.nlp import parse

REPO = Path(__file__).resolve().parents[2]


def _find(text: str) -> PlaceFinding:
    return find_places(parse(Report(id="t", text=text)), ActorFinding())


def _by_text(f: PlaceFinding) -> dict[str, str | None]:
    return {m.span.text: m.entity_id for m in f.mentions}


def test_town_name_as_modifier_of_a_noun_is_not_a_place() -> None:
    f = _find("Settlers hurled stones and Molotov cocktails at a bus near Nablus.")
    got = _by_text(f)
    assert got.get("Molotov") is None
    assert {p.country for p in f.places} == {"PSE"}


def test_first_word_of_an_unknown_name_is_not_a_town() -> None:
    f = _find("Gunmen fired at Tall Qirmizi village in Lattakia countryside.")
    got = _by_text(f)
    assert got.get("Tall") is None
    assert got["Lattakia"] == "adm1:SY.02"


def test_piece_of_a_name_joined_by_an_article_does_not_vote() -> None:
    f = _find("Police raided Dar el Zanzoun (Baalbek) and arrested two men.")
    got = _by_text(f)
    assert got.get("Dar") is None
    assert "focus country LBN" in next(m.reason for m in f.mentions if m.span.text == "Baalbek")


def test_country_name_ending_a_longer_name_is_not_the_country() -> None:
    f = _find("A bomb exploded near Bab al Iraq gate in Basra.")
    assert "Iraq" not in _by_text(f)


def test_district_written_as_a_town_with_its_province() -> None:
    f = _find("Teachers protested in Kartal town, Istanbul.")
    got = _by_text(f)
    kartal = next(p for p in f.places if p.id == got["Kartal"])
    assert kartal.country == "TUR" and kartal.admin1 == "Istanbul"


def test_bracketed_district_in_another_spelling() -> None:
    f = _find("Gunfire hit Wadi Hamdan (Saqeen, Sadah).")
    assert _by_text(f)["Saqeen"] == "adm2:YE2209"


def test_geonames_districts_of_the_region_are_in_the_gazetteer() -> None:
    gaz = get_gazetteer()
    units = [r for r in gaz.lookup("Artuklu", skeleton_fallback=False) if r.feature == "admin2"]
    assert units and units[0].country == "TUR" and units[0].admin1 == "Mardin"
    # the generic "central district" of every Turkish province is not a name
    assert not [r for r in gaz.lookup("Merkez", skeleton_fallback=False) if r.feature == "admin2"]


def _build_module() -> ModuleType:
    path = REPO / "scripts" / "build_gazetteer.py"
    spec = importlib.util.spec_from_file_location("build_gazetteer", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_gazetteer", mod)
    spec.loader.exec_module(mod)
    return mod


def test_geonames_admin2_names_lose_their_unit_words() -> None:
    b = _build_module()
    assert b.gn_admin2_name("Shahrestān-e Fasā") == "Fasā"
    assert b.gn_admin2_name("Kemer İlçesi") == "Kemer"
    assert b.gn_admin2_name("Liwā’ ar Ramthā") == "ar Ramthā"
    assert b.gn_admin2_name("Mateh Binyamin Regional Council") == "Mateh Binyamin"
    assert b.unit_display("Kadıköy") == "Kadikoy"


def test_sentence_initial_verb_does_not_start_a_name() -> None:
    f = _find("Troops moved along the Baghdad road. Coded as Kut city.")
    assert "Kut" in _by_text(f)
    assert not [m for m in f.mentions if m.span.text.startswith("Coded")]


def test_transliteration_match_stays_in_the_reports_units() -> None:
    f = _find(
        "Shelling hit Zarzouri village in the countryside of Tell Abiad in Ar Raqqa governorate."
    )
    rec = _by_text(f).get("Zarzouri")
    place = next((p for p in f.places if p.id == rec), None)
    assert place is None or place.admin1 == "Ar Raqqa"


def test_town_center_before_the_unit_is_admin_context() -> None:
    from sitreps.geo.resolve import CONTEXT_GAP

    assert CONTEXT_GAP.match(" town center, ")
    f = _find("Residents held a demonstration in Kartal town center, Istanbul, over rents.")
    assert "admin context (Istanbul)" in next(
        m.reason for m in f.mentions if m.span.text == "Kartal"
    )


def test_foreign_town_found_under_another_name_is_not_the_place() -> None:
    f = _find("Gunmen attacked positions in Al Akd and Wadi Zubayr (Harib, Marib).")
    # "Al Akd" is also an alternate name of a town in India: never that one
    assert {p.country for p in f.places} == {"YEM"}


def test_district_name_starting_a_longer_name_is_not_the_district() -> None:
    f = _find("Fighters clashed in Hisn Najd al Qasr and Wadi Zubayr (Bayhan, Shabwah).")
    assert _by_text(f).get("Hisn") is None


def test_units_in_a_second_bracket_give_the_country() -> None:
    text = "A sniper shot a man on the Zubayr front (coded to Jabal Zubayr) (Qaatabah, Ad Dali)."
    got = _by_text(_find(text))
    assert got["Ad Dali"] == "adm1:YE.18"


def test_spelling_of_a_places_own_name_beats_an_alias() -> None:
    f = _find("Protesters gathered in Nassriya city over power cuts.")
    assert _by_text(f)["Nassriya"] == "gn:98854"


def test_facility_named_after_a_town_keeps_the_town() -> None:
    f = _find("Syrian inmates rioted inside Tadmor Military Prison on Monday, Syrian media said.")
    assert _by_text(f).get("Tadmor") == "gn:163808"
