from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sitreps.actors.cli import actors


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_show_two_spellings_print_the_same_actor(runner: CliRunner) -> None:
    a = runner.invoke(actors, ["show", "Jaysh Usud al-Sharqiya", "--db", "sqlite:///nowhere.db"])
    b = runner.invoke(actors, ["show", "Jaysh Assud Al-Sharqiyah", "--db", "sqlite:///nowhere.db"])
    assert a.exit_code == 0 and b.exit_code == 0, a.output + b.output
    assert a.output.splitlines()[0] == b.output.splitlines()[0]
    assert "[syr.jaysh-usud-al-sharqiya]" in a.output
    assert "Talass al-Salama" in a.output and "Free Syrian Army" in a.output
    assert "no store" in a.output


def test_show_unknown_name_fails_with_suggestions(runner: CliRunner) -> None:
    result = runner.invoke(actors, ["show", "Ahrar al Shamm Movement of Mars"])
    assert result.exit_code != 0


def test_unknown_without_store(runner: CliRunner, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'absent.db'}"
    result = runner.invoke(actors, ["unknown", "--db", db])
    assert result.exit_code == 0 and "no store" in result.output


def test_list_by_country(runner: CliRunner) -> None:
    result = runner.invoke(actors, ["list", "--country", "IRQ"])
    assert result.exit_code == 0
    assert "irq.pmf" in result.output and "syr.sdf" not in result.output
