from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitreps.cli import cli
from sitreps.export.acled import ACLED_COLUMNS, COLUMNS

EN = (
    "Government forces shelled the town of Ariha in Idlib on Monday, and the local council "
    "said that two civilians were killed in the attack."
)


def _run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    huge = tmp_path / "huge.txt"
    with huge.open("w", encoding="utf-8") as fh:
        line = EN + "\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    foreign = tmp_path / "arabic.txt"
    foreign.write_text("قالت مصادر محلية إن القوات الحكومية قصفت مدينة أريحا يوم الاثنين", "utf-8")
    return {"empty": empty, "binary": binary, "huge": huge, "foreign": foreign}


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty", "input is empty"),
        ("binary", "input looks binary, not text"),
        ("huge", "larger than the limit of 5,000,000 bytes"),
        (
            "foreign",
            "text does not look like English (detected: ar); sitreps reads English reports only",
        ),
    ],
)
def test_bad_input_gives_one_clear_line_and_exit_1(
    bad_inputs: dict[str, Path], name: str, message: str
) -> None:
    path = bad_inputs[name]
    if name == "huge":
        message = (
            f"input is {path.stat().st_size:,} bytes, {message} "
            "(set SITREPS_MAX_REPORT_BYTES to raise it)"
        )
    code, out, err = _run("extract", str(path))
    assert code == 1
    assert out == ""
    assert err == f"Error: {path}: {message}\n"
    assert "Traceback" not in err


def test_missing_file_is_an_error_line() -> None:
    code, _out, err = _run("extract", "no/such/file.txt")
    assert code == 1
    assert err == "Error: no/such/file.txt: no such file or directory\n"


def test_bad_published_flag_is_a_usage_error(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(EN, encoding="utf-8")
    code, _out, err = _run("extract", str(p), "--published", "yesterday")
    assert code == 2
    assert "'yesterday' is not an ISO date (YYYY-MM-DD)" in err


def test_extract_json_from_stdin_with_metadata_flags() -> None:
    code, out, err = _run(
        "extract", "-", "--outlet", "Example Wire", "--published", "2021-03-02", stdin=EN
    )
    assert code == 0, err
    lines = out.strip().splitlines()
    assert len(lines) == 1
    obj = json.loads(lines[0])
    assert obj["report"]["outlet"] == "Example Wire"
    assert obj["report"]["published"] == "2021-03-02"
    for ev in obj["events"]:
        for span in ev["evidence"]:
            assert EN[span["start"] : span["end"]] == span["text"]


def test_extract_acled_csv_has_acled_columns_and_source_id(tmp_path: Path) -> None:
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps({"id": "doc-7", "text": EN, "published": "2021-03-01"}) + "\n")
    code, out, err = _run("extract", str(p), "--format", "acled")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    header = out.splitlines()[0].split(",")
    assert tuple(header) == COLUMNS
    assert set(ACLED_COLUMNS) <= set(header)
    assert {"source_id", "modality", "evidence"} <= set(header)
    assert rows, "the shelling report must give at least one event"
    assert all(r["source_id"] == "doc-7" for r in rows)


def test_partial_failure_still_prints_good_reports(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(EN, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    code, out, err = _run("extract", str(bad), str(good))
    assert code == 1
    assert len(out.strip().splitlines()) == 1
    assert err.count("\n") == 1 and "input is empty" in err


def test_entry_point_runs_as_a_program(tmp_path: Path) -> None:
    empty = tmp_path / "e.txt"
    empty.write_bytes(b"")
    exe = Path(sys.executable).parent / "sitreps"
    proc = subprocess.run(
        [str(exe), "extract", str(empty)], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 1
    assert proc.stderr == f"Error: {empty}: input is empty\n"
