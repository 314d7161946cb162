from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sitreps.actors.normalise import exact_key, is_acronym, norm_key, skeleton_key


def test_transliteration_variants_share_a_key() -> None:
    assert norm_key("Jaysh Assud Al-Sharqiyah") == norm_key("Jaish Asud al Sharqiya")
    assert norm_key("Talas Salameh") == norm_key("Talass al-Salama")
    assert norm_key("Hay’at Tahrir ash-Sham") == norm_key("Hayat Tahrir al-Sham")
    assert norm_key("Hashd al-Shaabi") == norm_key("Hashd Shaabi")


def test_different_names_keep_different_keys() -> None:
    assert norm_key("Jaysh al-Islam") != norm_key("Jaysh al-Izza")
    assert norm_key("Ahrar al-Sham") != norm_key("Ahrar al-Sharqiya")


def test_skeleton_ignores_vowel_spelling_only() -> None:
    assert skeleton_key("Jaysh Usud al-Sharqiya") == skeleton_key("Jaysh Assud al-Sharqiyah")
    assert skeleton_key("Jaysh Usud al-Sharqiya") != skeleton_key("Jaysh al-Sharqiya")


def test_arabic_script_article_is_dropped() -> None:
    assert norm_key("الحشد الشعبي") == norm_key("حشد شعبي")


def test_acronyms() -> None:
    assert is_acronym("SDF") and is_acronym("IS") and is_acronym("YPG")
    assert not is_acronym("Hezbollah") and not is_acronym("sdf")


@given(st.text(max_size=40))
def test_keys_are_idempotent_and_case_blind(name: str) -> None:
    assert exact_key(exact_key(name)) == exact_key(name)
    assert exact_key(name.upper()) == exact_key(name.lower()) or not name.isascii()
    assert norm_key(name) == norm_key(name)
