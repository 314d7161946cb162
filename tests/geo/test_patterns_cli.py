"""Ruler patterns and the ``places`` command."""

from __future__ import annotations

from click.testing import CliRunner

from sitreps.geo.cli import COMMANDS, places
from sitreps.geo.gazetteer import get_gazetteer
from sitreps.geo.patterns import ruler_patterns


def test_ruler_patterns_are_few_and_point_at_regions() -> None:
    pats = ruler_patterns()
    assert 0 < len(pats) < 500
    assert {p["label"] for p in pats} == {"PLACE"}
    gaz = get_gazetteer()
    for pid in {p["id"] for p in pats}:
        assert gaz.get(pid).feature in ("region", "site", "city")
    forms = {p["pattern"].lower() for p in pats if p["id"] == "region:syrian-badiya"}
    assert {"badiya", "al-badiyah", "syrian desert"} <= forms


def test_places_search_lists_candidates() -> None:
    result = CliRunner().invoke(
        places, ["search", "Deir Ezzor", "--country", "syr", "--limit", "3"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 4  # header + 3
    assert "Deir ez Zor" in lines[1] and "SYR" in lines[1]
    assert places in COMMANDS


def test_places_search_unknown_name() -> None:
    result = CliRunner().invoke(places, ["search", "Qwxzzyplace"])
    assert result.exit_code == 0
    assert "no place named" in result.output
