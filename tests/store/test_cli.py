from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from store_factory import Ev, make_extraction

from sitreps.store import open_store
from sitreps.store.cli import COMMANDS


@pytest.fixture()
def cli() -> click.Group:
    group = click.Group("sitreps")
    for command in COMMANDS:
        group.add_command(command)
    return group


@pytest.fixture()
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    store = open_store(url)
    for text, outlet, killed in (("A: Aleppo clash.", "A", 12), ("B: Aleppo fight.", "B", 9)):
        store.add_extraction(make_extraction(text, [Ev(killed=killed)], outlet=outlet))
    store.fuse_pending()
    store.close()
    return url


def cluster_id(cli: click.Group, db: str) -> str:
    out = CliRunner().invoke(cli, ["clusters", "list", "--db", db])
    assert out.exit_code == 0, out.output
    return out.output.split()[0]


def test_clusters_list_and_show(cli: click.Group, db: str) -> None:
    runner = CliRunner()
    cid = cluster_id(cli, db)
    out = runner.invoke(cli, ["clusters", "show", cid, "--db", db])
    assert out.exit_code == 0, out.output
    assert "2 reports, 2 outlets" in out.output
    assert "fatalities ACLED 9; UCDP low 9 best 9 high 12" in out.output
    assert "joined (score" in out.output


def test_edit_then_history(cli: click.Group, db: str) -> None:
    runner = CliRunner()
    cid = cluster_id(cli, db)
    out = runner.invoke(
        cli, ["edit", "cluster", cid, "fatalities", "10", "--author", "ana", "--db", db]
    )
    assert out.exit_code == 0, out.output
    assert "fatalities 9 -> 10" in out.output
    hist = runner.invoke(cli, ["edit", "history", "--db", db])
    assert "ana set cluster" in hist.output
    rebuilt = runner.invoke(cli, ["clusters", "rebuild", "--db", db])
    assert "2 events re-clustered" in rebuilt.output
    show = runner.invoke(cli, ["clusters", "show", cid, "--db", db])
    assert "fatalities ACLED 10" in show.output


def test_graph_and_export(cli: click.Group, db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(cli, ["graph", "FSA", "--db", db, "--json"])
    assert out.exit_code == 0, out.output
    edges = json.loads(out.output)
    assert edges[0]["kind"] == "fights" and edges[0]["weight"] == 1
    target = tmp_path / "out.geojson"
    out = runner.invoke(
        cli,
        ["export", "--format", "geojson", "--db", db, "--out", str(target), "--from", "2017-08-01"],
    )
    assert out.exit_code == 0, out.output
    assert len(json.loads(target.read_text())["features"]) == 1
    bad = runner.invoke(cli, ["export", "--format", "acled", "--db", db, "--bbox", "1,2,3"])
    assert bad.exit_code == 2 and "MIN_LON" in bad.output


def test_skipped_lists_reasons(cli: click.Group, db: str) -> None:
    from sitreps.models import Skipped

    store = open_store(db)
    store.add_skipped(Skipped("scan.pdf", "binary file, not text", "binary"))
    store.close()
    out = CliRunner().invoke(cli, ["skipped", "--db", db])
    assert out.exit_code == 0, out.output
    assert "scan.pdf\tbinary\tbinary file, not text" in out.output
