from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sitreps.errors import EvaluationError
from sitreps.evaluate import plover

RECORDS: list[dict[str, Any]] = [
    {"id": "DOC", "event": "DOCUMENT", "eventText": "header"},
    {
        "id": "R1",
        "date": "2000-01-01",
        "event": "ASSAULT",
        "text": "Israeli troops shot two Palestinians.",
        "source": [{"actorText": "Israeli", "code": "ISR"}],
        "target": [{"actorText": "Palestinians", "code": "PSE"}],
    },
    {
        "id": "R2",
        "date": "2000-01-01",
        "event": "AGREE",
        "text": "Japan and the UN agreed to cooperate.",
        "source": [{"actorText": "Japan", "code": "JAP"}, {"actorText": "UN", "code": "IGO"}],
        "target": "",
    },
    {
        "id": "R3",
        "date": "2000-01-01",
        "event": "PROTEST",
        "text": "Students marched in Algiers.",
        "source": [{"actorText": "Students", "code": "DZA"}],
    },
]


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gsr.txt"
    path.write_text(json.dumps(RECORDS), encoding="utf-8")
    return path


def test_load(gold_file: Path) -> None:
    gold = plover.load_plover(gold_file)
    assert [g.id for g in gold] == ["R1", "R2", "R3"]
    assert gold[0].published == date(2000, 1, 1)
    assert gold[1].source_countries == {"JPN"}  # CAMEO JAP -> ISO JPN, IGO dropped
    assert gold[1].target_countries == frozenset()


def test_not_a_list(tmp_path: Path) -> None:
    p = tmp_path / "x.json"
    p.write_text("{}")
    with pytest.raises(EvaluationError):
        plover.load_plover(p)


def perfect(build: Any) -> dict[str, Any]:
    b = build
    return {
        "R1": b.extraction(
            "R1",
            actors=(b.actor("isr", "Israel", country="ISR"), b.actor("pse", "Pal", country="PSE")),
            events=(b.event(None, plover="ASSAULT", actor1="isr", actor2="pse"),),
        ),
        "R2": b.extraction(
            "R2",
            actors=(b.actor("jp", "Japan", country="JPN"),),
            events=(b.event(None, plover="AGREE", actor1="jp"),),
        ),
        "R3": b.extraction(
            "R3",
            actors=(b.actor("st", "Students", country="DZA"),),
            events=(b.event("Protests", "Peaceful protest", plover="PROTEST", actor1="st"),),
        ),
    }


def test_perfect_and_empty(gold_file: Path, build: Any) -> None:
    gold = plover.load_plover(gold_file)
    s = plover.score_plover(gold, perfect(build))
    assert s.metrics["event_accuracy"] == 1.0
    assert s.metrics["event_macro_f1"] == 1.0
    assert s.metrics["source_country_accuracy"] == 1.0
    assert s.metrics["target_country_accuracy"] == 1.0
    assert s.counts["records_with_target_country"] == 1
    e = plover.score_plover(gold, {})
    assert e.metrics["event_accuracy"] == 0.0
    assert e.metrics["coverage"] == 0.0
    assert e.metrics["source_country_accuracy"] == 0.0


def test_partial(gold_file: Path, build: Any) -> None:
    b = build
    gold = plover.load_plover(gold_file)
    preds = perfect(build)
    # R1: two events, the matching one chosen; wrong target country
    preds["R1"] = b.extraction(
        "R1",
        actors=(b.actor("isr", "Israel", country="ISR"), b.actor("x", "X", country="EGY")),
        events=(
            b.event(None, plover="THREATEN", actor1="isr"),
            b.event(None, plover="ASSAULT", actor1="isr", actor2="x"),
        ),
    )
    # R3: wrong category
    preds["R3"] = b.extraction("R3", events=(b.event(None, plover="DEMAND"),))
    s = plover.score_plover(gold, preds)
    assert s.metrics["event_accuracy"] == pytest.approx(2 / 3)
    assert s.metrics["event_macro_f1"] == pytest.approx(2 / 3)
    assert s.metrics["source_country_accuracy"] == pytest.approx(2 / 3)
    assert s.metrics["target_country_accuracy"] == 0.0
    assert s.metrics["mean_events_per_record"] == pytest.approx(4 / 3)
    assert s.breakdown["PROTEST"]["accuracy"] == 0.0
    assert s.items[2] == {
        "id": "R3",
        "gold": {"event": "PROTEST", "source": ["DZA"], "target": []},
        "pred": {"event": "DEMAND", "source": None, "target": None},
    }
