"""The quality gate: every pinned floor of ``tests/quality_floors.json`` holds.

Runs the real pipeline on fast development subsets of the gold sets (a few minutes in all).
Skips with a message when the gold data folder is absent (it is present in CI).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitreps.errors import EvaluationError
from sitreps.evaluate import floors as fl

FLOORS_FILE = Path(__file__).resolve().parents[1] / "quality_floors.json"
SUBSETS = fl.load_floors(FLOORS_FILE)


def test_floors_file_is_well_formed() -> None:
    names = [s.name for s in SUBSETS]
    assert len(names) == len(set(names))
    assert {s.set_name for s in SUBSETS} == set(fl.RUNNERS)
    for s in SUBSETS:
        assert len(s.sha256) == 64, f"{s.name}: no gold SHA-256 pinned"
        assert s.floors, f"{s.name}: no floors"
        for f in s.floors:
            assert 0.0 <= f.floor <= 1.0 and 0.0 <= f.margin <= 0.1, (s.name, f)


@pytest.mark.slow
@pytest.mark.parametrize("subset", SUBSETS, ids=[s.name for s in SUBSETS])
def test_quality_floor(subset: fl.Subset, shared_data: Path) -> None:
    try:
        fl.verify_gold(subset, shared_data)
    except EvaluationError as exc:
        pytest.fail(str(exc))
    result = fl.run_subset(subset, shared_data)
    assert result.scores.counts.get("pipeline_failures", 0) == 0, result.config.get("failures")
    below = [c for c in fl.check_subset(subset, result) if not c.ok]
    assert not below, f"{subset.name}: scores below floor - margin: " + "; ".join(
        f"{c.metric} {c.value} < {c.floor} - {c.margin}" for c in below
    )
