from __future__ import annotations

from datetime import date

import pytest

from sitreps.actors.kb import KnowledgeBase, load_kb
from sitreps.errors import NotFoundError


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def _id(kb: KnowledgeBase, name: str, country: str | None = None, on: date | None = None) -> str:
    res = kb.resolve(name, country, on)
    return res.actor_id if res else ""


def test_alias_and_spelling_variants(kb: KnowledgeBase) -> None:
    a = kb.resolve("Jaysh Usud al-Sharqiya")
    b = kb.resolve("Jaysh Assud Al-Sharqiyah")
    c = kb.resolve("Jaish Osoud el-Sharkiya")  # not listed: normalised key
    assert a and b and c
    assert a.actor_id == b.actor_id == c.actor_id
    assert c.reason == "normalised alias" and c.score < 1.0


def test_fuzzy_match_has_a_threshold(kb: KnowledgeBase) -> None:
    res = kb.resolve("Hayat Tahrir al-Shams")
    assert res is not None and res.actor_id == "syr.hts"
    assert res.reason.startswith(("fuzzy", "normalised", "transliteration"))
    assert kb.resolve("Hayat Liberation Council of Mars") is None


def test_short_acronyms_are_case_sensitive(kb: KnowledgeBase) -> None:
    assert _id(kb, "IS", "SYR") == "is.syr"
    assert kb.resolve("is") is None
    assert _id(kb, "SDF") == "syr.sdf" == _id(kb, "QSD")


def test_generic_names_need_the_report_country(kb: KnowledgeBase) -> None:
    assert kb.resolve("government forces") is None
    assert _id(kb, "government forces", "IRQ") == "irq.military"
    assert _id(kb, "protesters", "LBN") == "lbn.protesters"
    assert _id(kb, "unidentified gunmen", "YEM") == "yem.unidentified-armed-group"
    assert _id(kb, "regime forces") == "syr.military"
    assert _id(kb, "Russian warplanes") == "rus.military"


def test_demonyms_and_possessives(kb: KnowledgeBase) -> None:
    res = kb.resolve("Iraqi Hashd Shaabi")
    assert res is not None and res.actor_id == "irq.pmf" and "demonym" in res.reason
    assert _id(kb, "Turkish-backed factions") == "syr.sna"
    res = kb.resolve("Mazloum Abdi's forces")
    assert res is not None and res.actor_id == "syr.sdf" and "leader" in res.reason
    # a demonym that contradicts the actor's country does not force a match
    assert _id(kb, "Lebanese Houthis") == ""


def test_active_dates_and_successors(kb: KnowledgeBase) -> None:
    assert _id(kb, "Jabhat al-Nusra", on=date(2014, 5, 1)) == "syr.nusra"
    res = kb.resolve("Jabhat al-Nusra", on=date(2019, 5, 1))
    assert res is not None and res.actor_id == "syr.hts" and "successor" in res.reason
    assert kb.resolve("Hayat Tahrir al-Sham", on=date(2012, 5, 1)) is None
    assert _id(kb, "Houthis", on=date(2015, 1, 1)) == "yem.houthi-movement"
    assert _id(kb, "Houthis", on=date(2022, 1, 1)) == "yem.spc-military"


def test_country_branches(kb: KnowledgeBase) -> None:
    assert _id(kb, "Daesh", "IRQ") == "is.irq"
    assert _id(kb, "ISIS", "SYR") == "is.syr"
    assert _id(kb, "ISIS") == "is"


def test_affiliations_with_dates(kb: KnowledgeBase) -> None:
    assert "syr.sdf" in kb.parents("syr.ypg", date(2017, 1, 1))
    assert "syr.sdf" not in kb.parents("syr.ypg", date(2014, 1, 1))
    assert "syr.fsa" in kb.parents("syr.jaysh-usud-al-sharqiya", date(2017, 8, 1))
    assert kb.groups_led_by("person.talass-al-salama") == ("syr.jaysh-usud-al-sharqiya",)


def test_inter_code_of_foreign_state_forces(kb: KnowledgeBase) -> None:
    assert kb.inter_in("tur.military", "TUR") == 1
    assert kb.inter_in("tur.military", "SYR") == 8
    assert kb.inter_in("syr.sdf", "SYR") == 2


def test_get_unknown_id_raises(kb: KnowledgeBase) -> None:
    with pytest.raises(NotFoundError):
        kb.get("no.such.actor")


def test_search_suggests_close_names(kb: KnowledgeBase) -> None:
    names = [r.id for r in kb.search("Ahrar al Sham movement")]
    assert "syr.ahrar-al-sham" in names


def test_fuzzy_candidates_equal_a_scan_of_every_key(kb: KnowledgeBase) -> None:
    from rapidfuzz import fuzz, process

    from sitreps.actors.normalise import norm_key

    r = kb.resolver
    names = [
        "Hayat Tahrir al-Shams",
        "Syrian Democratic Forcess",
        "Kurdistan Workers Partyy",
        "Nationl Defence Forces",
        "Islamic Stat",
        "unidentified armed groups",
    ]
    for name in names:
        key = norm_key(name)
        full = process.extract(
            key, r._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=r.threshold, limit=3
        )
        assert r._fuzzy_hits(key) == [(m, s) for m, s, _ in full], name
    some = [(k, s) for n in names for k, s in r._fuzzy_hits(norm_key(n))]
    assert some and all(s >= r.threshold for _, s in some)


def test_repeated_resolution_depends_on_country_and_date(kb: KnowledgeBase) -> None:
    first = kb.resolve("government forces", "IRQ")
    again = kb.resolve("government forces", "IRQ")
    assert first is not None and again == first
    assert kb.resolve("government forces") is None  # the country is part of the question
    assert _id(kb, "government forces", "SYR") != first.actor_id
    assert _id(kb, "Jabhat al-Nusra", on=date(2019, 6, 1)) != _id(
        kb, "Jabhat al-Nusra", on=date(2014, 6, 1)
    )
