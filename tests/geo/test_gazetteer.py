"""The packaged gazetteer: look-ups, ids, admin names, thread safety."""

from __future__ import annotations

import threading

import pytest

from sitreps.errors import NotFoundError
from sitreps.geo.gazetteer import get_gazetteer


@pytest.mark.parametrize("name", ["Deir ez-Zor", "Deir Ezzor", "Dayr az Zawr", "Deir al-Zour"])
def test_deir_ez_zor_spellings(name: str) -> None:
    found = get_gazetteer().search(name, country="SYR", limit=5)
    assert found, name
    assert all(r.admin1 == "Deir ez Zor" for r in found[:2])
    assert {r.feature for r in found} >= {"city", "admin1"}


@pytest.mark.parametrize("name", ["Raqqa", "Raqqah", "Ar Raqqah", "al-Raqqa"])
def test_raqqa_spellings(name: str) -> None:
    found = get_gazetteer().search(name, country="SYR", limit=3)
    assert found and all(r.admin1 == "Ar Raqqa" for r in found)


def test_country_filter_and_limit() -> None:
    g = get_gazetteer()
    everywhere = g.search("Jordan", limit=20)
    assert len({r.country for r in everywhere}) > 1
    assert g.search("Jordan", limit=20, country="USA")
    assert all(r.country == "USA" for r in g.search("Jordan", limit=20, country="USA"))
    assert len(g.search("Jordan", limit=2)) == 2


def test_admin1_names_follow_acled_spelling() -> None:
    g = get_gazetteer()
    names = {g.admin1_name(f"SY.{i:02d}") for i in range(1, 15)}
    assert {"Deir ez Zor", "Idleb", "Al Hasakeh", "Rural Damascus", "Ar Raqqa"} <= names
    assert g.admin1_name("IQ.15") == "Ninewa"


def test_region_record_has_centroid_precision_and_source() -> None:
    r = get_gazetteer().get("region:syrian-badiya")
    assert r.feature == "region" and r.geo_precision == 3
    assert r.lat is not None and 32 < r.lat < 37 and r.lon is not None and 36 < r.lon < 42
    assert "Deir ez Zor" in r.covers and r.note


def test_ucdp_village_is_present_with_admin2() -> None:
    found = get_gazetteer().search("Teir Maaleh", country="SYR")
    assert found and found[0].admin1 == "Homs" and found[0].admin2


def test_get_unknown_id_raises() -> None:
    with pytest.raises(NotFoundError):
        get_gazetteer().get("gn:0")


def test_concurrent_lookups() -> None:
    g = get_gazetteer()
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(50):
                assert g.search("Aleppo", limit=1)[0].country == "SYR"
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


def test_every_admin2_unit_has_a_point() -> None:
    from sitreps.geo.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    recs = [r for r in gaz.lookup("Harib") if r.feature == "admin2"]
    assert recs and all(r.lat is not None and r.lon is not None for r in recs)


def test_repeated_lookups_are_memoised_but_callers_get_their_own_list() -> None:
    from sitreps.geo.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    first = gaz.lookup("Aleppo")
    assert first
    first.clear()  # a caller sorting or trimming its list must not change later answers
    again = gaz.lookup("Aleppo")
    assert again and again == gaz.lookup("Aleppo")
    gaz.clear_cache()
    assert gaz.lookup("Aleppo") == again
