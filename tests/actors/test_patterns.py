from __future__ import annotations

from sitreps.actors.patterns import ruler_patterns


def test_patterns_are_few_and_case_safe() -> None:
    patterns = ruler_patterns()
    assert 200 < len(patterns) < 5000
    phrases = {p["pattern"].lower() for p in patterns if isinstance(p["pattern"], str)}
    assert "is" not in phrases and "regime" not in phrases
    orth = [p for p in patterns if isinstance(p["pattern"], list)]
    assert {"label": "ACTOR", "pattern": [{"ORTH": "IS"}], "id": "is"} in orth
    assert all(p["label"] == "ACTOR" and p["id"] for p in patterns)
