"""``sitreps evaluate`` end to end on tiny gold files: the real pipeline runs, the table is
printed and the JSON result carries what the docs promise."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitreps.evaluate import metrics as m
from sitreps.evaluate.cli import COMMANDS, evaluate

ROWS = [
    {
        "event_id_cnty": "SYR9001",
        "event_date": "2022-04-02",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Syria (2000-)",
        "inter1": "1",
        "actor2": "Islamic State (Syria)",
        "inter2": "2",
        "region": "Middle East",
        "country": "Syria",
        "admin1": "Homs",
        "location": "Palmyra",
        "latitude": "34.5561",
        "longitude": "38.2692",
        "geo_precision": "1",
        "fatalities": "4",
        "notes": "On 2 April 2022, regime forces clashed with IS fighters near Palmyra "
        "(Homs). 4 regime soldiers were killed.",
    },
    {
        "event_id_cnty": "IRQ9002",
        "event_date": "2022-04-03",
        "event_type": "Protests",
        "sub_event_type": "Peaceful protest",
        "actor1": "Protesters (Iraq)",
        "inter1": "6",
        "actor2": "",
        "inter2": "0",
        "region": "Middle East",
        "country": "Iraq",
        "admin1": "Baghdad",
        "location": "Baghdad",
        "latitude": "33.3406",
        "longitude": "44.4009",
        "geo_precision": "1",
        "fatalities": "0",
        "notes": "On 3 April 2022, dozens of teachers demonstrated in Baghdad demanding "
        "unpaid salaries.",
    },
]


def test_commands_exposed() -> None:
    assert len(COMMANDS) == 1 and COMMANDS[0] is evaluate
    assert set(evaluate.commands) == {
        "acled",
        "re3d",
        "plover",
        "geoparse",
        "attribution",
        "floors",
    }


def test_evaluate_acled_end_to_end(tmp_path: Path) -> None:
    pytest.importorskip("sitreps.pipeline", reason="the pipeline stages are not all installed")
    gold = tmp_path / "events.csv"
    with gold.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(ROWS[0]))
        w.writeheader()
        w.writerows(ROWS)
    out = tmp_path / "result.json"
    res = CliRunner().invoke(
        evaluate, ["acled", str(gold), "--region", "middle east", "--out", str(out)]
    )
    assert res.exit_code == 0, res.output
    assert "event_type_accuracy" in res.output and "wall time:" in res.output
    assert "Syria" in res.output and "Iraq" in res.output
    data = json.loads(out.read_text())
    assert data["set"] == "acled"
    assert data["gold"]["sha256"] == m.sha256_file(gold)
    assert data["config"]["region"] == "middle east"
    assert data["counts"]["rows"] == 2 and data["counts"]["pipeline_failures"] == 0
    assert data["elapsed_seconds"] > 0 and data["sitreps_version"]
    assert set(data["breakdown"]) == {"Syria", "Iraq"}
    assert [i["event_id"] for i in data["items"]] == ["SYR9001", "IRQ9002"]
    for value in data["metrics"].values():
        assert value is None or value >= 0


def test_evaluate_acled_no_rows_left(tmp_path: Path) -> None:
    gold = tmp_path / "events.csv"
    with gold.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(ROWS[0]))
        w.writeheader()
        w.writerows(ROWS)
    res = CliRunner().invoke(evaluate, ["acled", str(gold), "--country", "Chile"])
    assert res.exit_code != 0
    assert "no rows left" in str(res.exception)
