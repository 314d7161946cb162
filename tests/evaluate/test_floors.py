from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitreps.errors import EvaluationError
from sitreps.evaluate import floors as fl
from sitreps.evaluate import metrics as m
from sitreps.evaluate.cli import evaluate
from sitreps.evaluate.results import EvalResult, Scores, format_table


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data" / "plover-gsr"
    d.mkdir(parents=True)
    (d / "gsr.txt").write_text("[]")
    return tmp_path / "data"


def _floors_file(tmp_path: Path, data_dir: Path, sha: str | None = None) -> Path:
    content = {
        "subsets": [
            {
                "name": "plover-all",
                "set": "plover",
                "gold": "plover-gsr/gsr.txt",
                "sha256": sha
                if sha is not None
                else m.sha256_file(data_dir / "plover-gsr/gsr.txt"),
                "options": {},
                "floors": {
                    "event_accuracy": {"floor": 0.40, "margin": 0.02},
                    "source_country_accuracy": {"floor": 0.30},
                },
            }
        ]
    }
    path = tmp_path / "floors.json"
    path.write_text(json.dumps(content))
    return path


def _result(metrics: m.Metrics) -> EvalResult:
    return EvalResult("plover", "gsr.txt", "0" * 64, {}, Scores(metrics, {"records": 3}), 0.5)


@pytest.fixture
def measured(monkeypatch: pytest.MonkeyPatch) -> dict[str, float | None]:
    """The scores the (replaced) plover runner reports."""
    values: dict[str, float | None] = {}

    def runner(path: Path, options: Mapping[str, Any]) -> EvalResult:
        assert path.name == "gsr.txt"
        return _result(dict(values))

    monkeypatch.setitem(fl.RUNNERS, "plover", runner)
    return values


def test_load_floors(tmp_path: Path, data_dir: Path) -> None:
    (s,) = fl.load_floors(_floors_file(tmp_path, data_dir))
    assert s.set_name == "plover"
    assert s.floors[1].margin == fl.DEFAULT_MARGIN


def test_rejects_lower_is_better_metric(tmp_path: Path) -> None:
    p = tmp_path / "f.json"
    p.write_text(
        json.dumps(
            {
                "subsets": [
                    {
                        "name": "x",
                        "set": "geoparse",
                        "gold": "g",
                        "floors": {"median_error_km": {"floor": 1}},
                    }
                ]
            }
        )
    )
    with pytest.raises(EvaluationError, match="lower-is-better"):
        fl.load_floors(p)


def test_check_uses_margin(tmp_path: Path, data_dir: Path) -> None:
    (s,) = fl.load_floors(_floors_file(tmp_path, data_dir))
    checks = fl.check_subset(s, _result({"event_accuracy": 0.385, "source_country_accuracy": 0.27}))
    assert [c.ok for c in checks] == [True, False]
    missing = fl.check_subset(s, _result({}))
    assert not any(c.ok for c in missing)


def test_changed_gold_is_noticed(tmp_path: Path, data_dir: Path) -> None:
    (s,) = fl.load_floors(_floors_file(tmp_path, data_dir))
    fl.verify_gold(s, data_dir)
    (data_dir / "plover-gsr" / "gsr.txt").write_text("[ ]")
    with pytest.raises(EvaluationError, match="changed"):
        fl.verify_gold(s, data_dir)


def test_round_down() -> None:
    assert fl.round_down(0.4567) == 0.45
    assert fl.round_down(0.7) == 0.7
    assert fl.round_down(1.0) == 1.0


def test_update_raises_never_lowers_without_flag(
    tmp_path: Path, data_dir: Path, measured: dict[str, float | None]
) -> None:
    path = _floors_file(tmp_path, data_dir)
    measured.update(event_accuracy=0.5678, source_country_accuracy=0.2)
    changes = fl.update_floors(path, data_dir)
    assert [(c.metric, c.action, c.new) for c in changes] == [
        ("event_accuracy", "raised", 0.56),
        ("source_country_accuracy", "below", 0.30),
    ]
    saved = json.loads(path.read_text())["subsets"][0]
    assert saved["floors"]["event_accuracy"]["floor"] == 0.56
    assert saved["floors"]["source_country_accuracy"]["floor"] == 0.30
    assert saved["measured"]["source_country_accuracy"] == 0.2
    lowered = fl.update_floors(path, data_dir, allow_lower=True)
    assert [c.action for c in lowered] == ["kept", "lowered"]
    assert (
        json.loads(path.read_text())["subsets"][0]["floors"]["source_country_accuracy"]["floor"]
        == 0.2
    )


def test_update_refuses_changed_gold(
    tmp_path: Path, data_dir: Path, measured: dict[str, float | None]
) -> None:
    path = _floors_file(tmp_path, data_dir, sha="f" * 64)
    measured.update(event_accuracy=0.9, source_country_accuracy=0.9)
    with pytest.raises(EvaluationError, match="changed"):
        fl.update_floors(path, data_dir)
    fl.update_floors(path, data_dir, accept_gold_change=True)
    saved = json.loads(path.read_text())["subsets"][0]
    assert saved["sha256"] == m.sha256_file(data_dir / "plover-gsr" / "gsr.txt")


def test_cli_update_prints_changelog_reminder(
    tmp_path: Path,
    data_dir: Path,
    measured: dict[str, float | None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = _floors_file(tmp_path, data_dir)
    monkeypatch.setattr(fl, "shared_data_dir", lambda: data_dir)
    measured.update(event_accuracy=0.1, source_country_accuracy=0.9)
    out = CliRunner().invoke(evaluate, ["floors", "update", "--file", str(path)])
    assert out.exit_code == 0, out.output
    assert "raised" in out.output and "not lowered" in out.output
    out = CliRunner().invoke(evaluate, ["floors", "update", "--file", str(path), "--allow-lower"])
    assert "CHANGELOG" in out.output
    check = CliRunner().invoke(evaluate, ["floors", "check", "--file", str(path)])
    assert check.exit_code == 0 and "ok" in check.output
    measured.update(event_accuracy=0.0)
    failed = CliRunner().invoke(evaluate, ["floors", "check", "--file", str(path)])
    assert failed.exit_code != 0 and "FAIL" in failed.output


def test_format_table_lists_metrics_and_breakdown() -> None:
    r = EvalResult(
        "acled",
        "events.csv",
        "a" * 64,
        {"region": "Middle East", "limit": None},
        Scores(
            {"event_type_accuracy": 0.5, "median_distance_km": 12.34},
            {"rows": 2},
            {"Syria": {"n": 2.0, "event_type_accuracy": 0.5}},
            "country",
        ),
        3.21,
    )
    table = format_table(r)
    assert "event_type_accuracy" in table and "0.500" in table and "12.3" in table
    assert "Syria" in table and "wall time: 3.2 s" in table and "limit" not in table
    assert json.loads(json.dumps(r.to_json()))["metrics"]["event_type_accuracy"] == 0.5


def test_cli_takes_the_gold_folder_from_data_and_never_guesses_it(
    tmp_path: Path,
    data_dir: Path,
    measured: dict[str, float | None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = _floors_file(tmp_path, data_dir)
    monkeypatch.setattr(fl, "shared_data_dir", lambda: None)  # no SITREPS_SHARED_DATA
    measured.update(event_accuracy=0.9, source_country_accuracy=0.9)
    missing = CliRunner().invoke(evaluate, ["floors", "check", "--file", str(path)])
    assert missing.exit_code != 0 and "--data" in str(missing.exception)
    given = ["floors", "check", "--file", str(path), "--data", str(data_dir)]
    out = CliRunner().invoke(evaluate, given)
    assert out.exit_code == 0 and "ok" in out.output
