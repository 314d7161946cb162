"""Choosing where an event happened."""

from __future__ import annotations

from sitreps.geo.location import choose_location
from sitreps.geo.toponyms import find_places
from sitreps.models import ActorFinding, LocationChoice, Place, Report, Span
from sitreps.nlp import ParsedReport, parse


def _choose(text: str, trigger: str) -> tuple[ParsedReport, LocationChoice]:
    parsed = parse(Report(id="t", text=text))
    places = find_places(parsed, ActorFinding())
    i = text.index(trigger)
    anchor = Span.of(text, i, i + len(trigger))
    sentence = parsed.sentences[parsed.sentence_index(i)]
    return parsed, choose_location(parsed, places, anchor, (sentence,))


def _chosen_place(text: str, trigger: str) -> tuple[Place | None, LocationChoice]:
    """The place chosen for the event at ``trigger``, with the choice."""
    parsed, c = _choose(text, trigger)
    by_id = {p.id: p for p in find_places(parsed, ActorFinding()).places}
    return (by_id.get(c.place) if c.place else None), c


def test_locative_place_of_the_event_sentence() -> None:
    _, c = _choose("Heavy clashes took place on the front lines in the Syrian Desert.", "clashes")
    assert c.place == "region:syrian-badiya" and c.geo_precision == 3
    assert "in" in c.reason


def test_origin_of_a_transfer_is_never_the_location() -> None:
    text = "The rebels said they receive weapons from an operations room in Jordan."
    _, c = _choose(text, "receive")
    assert c.place != "country:JOR"
    assert c.place is None and "origin" in c.reason


def test_comparison_place_is_skipped() -> None:
    text = "Militants attacked a checkpoint in Mayadin, as in Mosul last year."
    _, c = _choose(text, "attacked")
    assert c.place is not None and c.place != "gn:99072"
    assert "Mayadin" in c.reason


def test_near_gives_precision_two() -> None:
    _, c = _choose("An IED exploded near Manbij on Sunday.", "exploded")
    assert c.place is not None and c.geo_precision == 2


def test_town_before_its_province_context() -> None:
    text = "Clashes took place in Tal Tamer town in Al Hasakeh countryside."
    _, c = _choose(text, "Clashes")
    assert c.place is not None and not c.place.startswith("adm1:")


def test_dateline_is_not_the_location() -> None:
    text = "BEIRUT (Reuters) - Airstrikes hit the town of Saraqib, residents said."
    _, c = _choose(text, "Airstrikes")
    assert c.place is not None and "Saraqib" in c.reason


def test_falls_back_to_preceding_sentence_then_none() -> None:
    text = "Fighting raged in Tadmur. Three soldiers were killed."
    _, c = _choose(text, "killed")
    assert c.place is not None and "preceding" in c.reason
    _, none = _choose("Three soldiers were killed.", "killed")
    assert none == LocationChoice(None, None, "no place in text")


def test_direct_object_town_beats_its_province_context() -> None:
    _, c = _choose("Regime forces shelled Kafr Nabl town in Idleb countryside.", "shelled")
    assert c.place is not None and c.place.startswith(("gn:", "ucdp:"))
    assert c.geo_precision == 1


def test_vicinity_of_is_approximate() -> None:
    _, c = _choose("Turkish forces shelled the vicinity of Tal Rifaat in Aleppo.", "shelled")
    assert c.place is not None and c.geo_precision == 2


def test_unknown_village_is_coded_to_its_bracketed_district() -> None:
    text = "Militants shelled houses in Zzqwa (Harib, Marib)."
    _, c = _choose(text, "shelled")
    assert c.place is not None and not c.place.startswith("adm1:") and c.geo_precision == 1
    assert "Harib" in c.reason


def test_countryside_of_a_town_stays_at_the_town() -> None:
    text = "Gunmen killed a civilian in a village in the Quamishli countryside, Hasakeh."
    _, c = _choose(text, "killed")
    assert c.place is not None and not c.place.startswith("adm1:")
    assert c.geo_precision == 2


def test_bracket_siblings_give_the_country() -> None:
    text = "Saudi-led coalition air raids targeted Zzqwa (Al Maslub, Al Jawf)."
    parsed, c = _choose(text, "targeted")
    places = find_places(parsed, ActorFinding())
    jawf = [p for p in places.places if p.name == "Al Jawf"]
    assert jawf and all(p.country == "YEM" for p in jawf)
    assert c.place is not None


def test_unknown_town_before_its_unit_takes_the_unit_at_town_precision() -> None:
    text = "Teachers protested in Zzqwa town, Mersin, against the operation in Iraq."
    _, c = _choose(text, "protested")
    assert c.place == "adm1:TR.32" and c.geo_precision == 1


def test_town_with_a_site_word_before_its_unit_beats_the_unit() -> None:
    text = "Regime forces shelled Abu Zandin crossing point in Aleppo countryside with rockets."
    _, c = _choose(text, "shelled")
    assert c.place is not None and not c.place.startswith("adm1:")
    assert "Abu Zandin" in c.reason


def test_district_written_as_a_town_is_coded_as_a_town() -> None:
    _, c = _choose("Nurses staged a protest in Kartal town, Istanbul on Monday.", "protest")
    assert c.place is not None and c.place.startswith("adm2:TR.34.")
    assert c.geo_precision == 1


def test_district_written_as_a_district_keeps_district_precision() -> None:
    _, c = _choose("Police detained migrants in the Kartal district of Istanbul.", "detained")
    assert c.place is not None and c.place.startswith("adm2:TR.34.")
    assert c.geo_precision == 2


def test_coding_remark_names_the_location() -> None:
    text = "Militants attacked a convoy somewhere in Diyala province. Coded as provincial capital Baquba city."
    _, c = _choose(text, "attacked")
    assert c.place == "gn:97990" and c.geo_precision == 3
    assert "coding remark" in c.reason


def test_place_coded_elsewhere_or_unclear_is_skipped() -> None:
    text = (
        "Forces shelled positions in Hama (coded to Halfaya) (Hama) and Idlib (location unclear)."
    )
    _, c = _choose(text, "shelled")
    assert c.place == "gn:170044" and "Idlib" not in c.reason


def test_place_in_a_quoted_claim_is_skipped() -> None:
    text = "Forces fired artillery at positions in Sahar (Sadah) 'in Najran'."
    _, c = _choose(text, "fired")
    assert c.place is not None and "Najran" not in c.reason


def test_facility_named_after_a_town_takes_the_place_written_after_it() -> None:
    text = "Lawyers protested outside the Adana courthouse in Seyhan town, Adana."
    _, c = _choose(text, "protested")
    assert c.geo_precision == 1 and "Seyhan" in c.reason


def test_unknown_area_in_a_district_is_approximate() -> None:
    text = "Airstrikes hit PKK positions in Zewa area in Al Amadiya district of Duhok."
    _, c = _choose(text, "Airstrikes")
    assert c.place is not None and c.place.startswith("adm2:")
    assert c.geo_precision == 2


def test_desert_of_a_town_is_approximate() -> None:
    _, c = _choose("Police destroyed a hideout in the Ar Rutba desert in Anbar.", "destroyed")
    assert c.geo_precision == 2 and "Rutba" in c.reason


def test_country_name_modifying_a_noun_is_not_the_place() -> None:
    text = "Drivers blocked roads at Beit ed Dine junction (Chouf). They protested against the US dollar rate."
    _, c = _choose(text, "protested")
    assert c.place != "country:USA"


def test_district_written_as_a_town_outranks_a_village_named_later() -> None:
    text = (
        "Workers staged a protest in Kartal town, Istanbul, against a quarry planned in "
        "Akkuyu district of the province."
    )
    _, c = _choose(text, "protest")
    assert c.place is not None and c.place.startswith("adm2:TR.34.")


def test_place_between_two_towns_beats_a_persons_home_town() -> None:
    text = "Soldiers arrested a man from Tadmor at a checkpoint on the road between Homs and Hama."
    _, c = _choose(text, "arrested")
    assert c.place is not None and "Tadmor" not in c.reason


def test_other_spelling_in_brackets_is_the_place_of_the_name_before_it() -> None:
    # "Gire Bilind" is unknown; its bracketed spelling is a known village: the pair
    # is governed by "in", like the district written after it
    text = (
        "Warplanes struck PKK positions in Gire Bilind (Mangêsh) area in Zakho district of Duhok."
    )
    _, c = _choose(text, "struck")
    assert c.reason.startswith("'Mangêsh'")


def test_name_after_its_bracketed_spelling_takes_the_preposition() -> None:
    text = "Hundreds marched in (Shingal) Sinjar town in Tel Afar district, Ninewa, on Friday."
    _, c = _choose(text, "marched")
    assert c.reason.startswith("'Sinjar'")


def test_ends_of_a_named_road_come_after_the_other_places() -> None:
    text = "Rioters blocked the Kirkuk - Tikrit highway with burning tires north of Daquq town."
    _, c = _choose(text, "blocked")
    assert c.reason.startswith("'Daquq'")
    only_road = "Rioters blocked the Kirkuk - Tikrit highway with burning tires on Monday."
    _, c = _choose(only_road, "blocked")
    assert c.place is not None  # with no other place, a road's end still places the event


def test_closing_quote_before_a_place_is_not_a_quoted_claim() -> None:
    text = "About 200 people took part in a 'walk' in Erlangen against the new rules."
    _, c = _choose(text, "walk")
    assert c.reason.startswith("'Erlangen'")
    claim = "Saudi forces shelled Houthi positions in Haradh 'in Najran' on Monday."
    _, c = _choose(claim, "shelled")
    assert c.reason.startswith("'Haradh'")


def test_off_the_coast_of_a_town_places_the_event_near_it() -> None:
    text = "Migrants trying to reach Greece were detained off the coast of Datca, Mugla."
    _, c = _choose(text, "detained")
    assert c.reason.startswith("'Datca'") and c.geo_precision == 2


def test_unknown_place_with_bracketed_district_is_coded_as_a_town() -> None:
    text = "Saudi artillery hit houses in Bayt Qadir (Monabbih, Sadah) on Friday."
    _, c = _choose(text, "hit")
    assert c.place is not None and c.place.startswith("adm2:") and c.geo_precision == 1


def test_turkish_district_written_bare_is_a_town() -> None:
    _, c = _choose(
        "Academics protested on the campus in Besiktas, Istanbul on Monday.", "protested"
    )
    assert c.place is not None and c.place.startswith("adm2:TR.34.") and c.geo_precision == 1


def test_surroundings_of_a_town_are_near_it() -> None:
    text = "Regime forces shelled the surroundings of Atarib town in Aleppo governorate."
    _, c = _choose(text, "shelled")
    assert c.reason.startswith("'Atarib'") and c.geo_precision == 2


def test_unknown_district_of_a_province_is_a_part_of_it() -> None:
    text = "Militants attacked a police post in the Kharbat al Ward district of Diyala on Monday."
    _, c = _choose(text, "attacked")
    assert c.place == "adm1:IQ.10" and c.geo_precision == 2


def test_a_protests_topic_is_not_its_place() -> None:
    text = "About 300 people demonstrated in Saarbrucken against the war in Ukraine on Sunday."
    _, c = _choose(text, "demonstrated")
    assert c.reason.startswith("'Saarbrucken'")
    unknown_town = "People demonstrated in Oberzell against the war in Ukraine on Sunday."
    _, c = _choose(unknown_town, "demonstrated")
    assert c.place != "country:UKR"


def test_a_country_condemned_urged_or_armed_is_the_topic_not_the_place() -> None:
    for text, trigger in (
        (
            "People marched to Ventimiglia to call for peace and condemn the war in Ukraine.",
            "marched",
        ),
        ("Cadres staged a protest in Oberzell, urging Russia to stop the invasion.", "staged"),
        ("People demonstrated in Oberzell against delivering arms to Ukraine.", "demonstrated"),
    ):
        _, c = _choose(text, trigger)
        assert c.place not in ("country:UKR", "country:RUS"), text


def test_facility_named_after_a_place_yields_to_its_own_place() -> None:
    text = "More than 80 people gathered outside Walker Library in Minneapolis on Saturday."
    _, c = _choose(text, "gathered")
    assert c.reason.startswith("'Minneapolis'")


def test_big_city_under_its_own_language_name_is_a_place_abroad() -> None:
    text = "Ukrainian citizens gathered in Milano to demonstrate against the war in Ukraine."
    _, c = _choose(text, "gathered")
    assert c.reason.startswith("'Milano'")


def test_coding_remark_after_a_unit_word_names_the_location() -> None:
    text = "Protesters demanded fuel in Portuguesa state (coded to Guanare, Portuguesa) on Monday."
    _, c = _choose(text, "demanded")
    assert c.reason.startswith("'Guanare'")


def test_bracketed_district_before_its_province_is_the_location() -> None:
    text = (
        "Turkish warplanes carried out airstrikes against PKK forces in Zap region "
        "(Al Amadiya district) of Duhok province."
    )
    place, c = _chosen_place(text, "airstrikes")
    assert place is not None and place.feature == "admin2"
    assert c.geo_precision == 2


def test_arabic_word_for_sub_district_is_not_part_of_the_name() -> None:
    text = "IS militants attacked a police position in Nahiyat ar Riyad district, Kirkuk."
    place, _ = _chosen_place(text, "attacked")
    assert place is not None and place.feature in ("village", "city")
    assert place.admin1 == "Kirkuk"


def test_a_sector_named_like_a_far_town_is_a_part_of_the_town_of_the_sentence() -> None:
    text = (
        "On 26 March 2022, in Soyapango municipality, San Salvador, unidentified attackers shot "
        "and killed two people in El Limon canton."
    )
    place, _ = _chosen_place(text, "killed")
    assert place is not None and place.name == "Soyapango"


def test_a_square_named_after_the_town_of_the_report_lies_in_it() -> None:
    text = (
        "Truckers gathered in Waterloo (Ontario) in solidarity with the convoy in Ottawa. "
        "Police arrested two demonstrators for trespassing in Waterloo Square."
    )
    place, _ = _chosen_place(text, "arrested")
    assert place is not None and place.name == "Waterloo"
