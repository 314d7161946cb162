from __future__ import annotations

from sitreps.actors.candidates import collect
from sitreps.actors.context import focus_country, gazetteer, place_vote
from sitreps.actors.kb import get_kb
from sitreps.models import Report
from sitreps.nlp import parse


def test_place_vote_is_the_best_exact_name_match_in_a_known_country() -> None:
    gaz = gazetteer()
    assert gaz is not None
    known = frozenset(get_kb().countries)
    for name in ("Aleppo", "Idlib", "Mosul", "Tripoli", "Nowhere-on-Earth Qqq"):
        # the reference: the 8 first of a full search, names matched exactly
        ref = [r for r in gaz.search(name, limit=8) if r.match == "name" and r.country in known]
        got = place_vote(gaz, name, known)
        if not ref:
            assert got is None
        else:
            assert got is not None and got[0] == ref[0].country


def test_place_vote_prefers_a_country_the_report_points_to() -> None:
    gaz = gazetteer()
    assert gaz is not None
    known = frozenset(get_kb().countries)
    both = [
        r.country
        for r in gaz.search("Tripoli", limit=8)
        if r.match == "name" and r.country in known
    ]
    assert len(set(both)) >= 2  # Tripoli of Lebanon, and a namesake elsewhere
    other = next(c for c in both if c != both[0])
    got = place_vote(gaz, "Tripoli", known, {other: 1.0})
    assert got is not None and got[0] == other


def test_focus_country_from_place_names() -> None:
    text = "Shelling hit villages near Maarat al-Numan and Saraqib in Idlib province."
    parsed = parse(Report(id="c", text=text))
    kb = get_kb()
    assert focus_country(parsed.doc, collect(parsed.doc, text), kb, None) == "SYR"
