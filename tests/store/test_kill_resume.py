"""An ingest killed (SIGKILL) at random instants, then resumed, equals an uninterrupted run."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from sitreps.store import open_store
from sitreps.store import schema as t

CHILD = Path(__file__).resolve().parent / "kill_ingest_child.py"
N_REPORTS = 16
VOLATILE = {"added_at", "updated_at", "at"}  # wall-clock columns


def run_child(url: str, kill_at: tuple[int, float] | None) -> bool:
    """Run the ingest child; with ``kill_at = (n, delay)`` SIGKILL it ``delay`` seconds after
    its n-th extracted report (n = 0: after start-up). True if it finished."""
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), url, str(N_REPORTS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.strip() == "ready", proc.stderr.read() if proc.stderr else line
    out = ""
    if kill_at is not None:
        n, delay = kill_at
        # the child announces report k+1 only after report k is stored and fused, so waiting
        # for n+1 announcements means at least n reports are in the store when the kill lands
        n = n + 1 if n > 0 else 0
        while n > 0:
            line = proc.stdout.readline()
            out += line
            if not line or line.startswith("done"):
                break
            n -= line.startswith("extracted")
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
    rest, err = proc.communicate(timeout=120)
    out += rest
    if kill_at is None:
        assert proc.returncode == 0, err
    return "done" in out


def dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    store = open_store(url)
    result: dict[str, list[tuple[Any, ...]]] = {}
    with store.engine.connect() as conn:
        for table in t.metadata.sorted_tables:
            surrogate = {"id"} if table.name in ("skipped", "edits") else set()
            cols = [c for c in table.columns if c.name not in VOLATILE | surrogate]
            rows = conn.execute(select(*cols)).all()
            result[table.name] = sorted((tuple(r) for r in rows), key=repr)
    store.close()
    return result


def test_killed_ingest_resumes_to_the_same_store(store_url: str, tmp_path: Path) -> None:
    reference_url = (
        f"sqlite:///{tmp_path / 'reference.db'}"
        if store_url.startswith("sqlite")
        else store_url.rsplit("/", 1)[0] + "/" + store_url.rsplit("/", 1)[1] + "_ref"
    )
    if not reference_url.startswith("sqlite"):
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from store_pgserver import create_database

        base, name = store_url.rsplit("/", 1)
        reference_url = create_database(base + "/postgres", name + "_ref")
    assert run_child(reference_url, None)
    expected = dump(reference_url)
    assert len(expected["reports"]) == N_REPORTS
    assert expected["clusters"], "the fixture should produce clusters"

    rng = random.Random()
    kills, progress = 0, []
    for i in range(6):  # kill at random points, again and again, then let a run finish
        # first kill during start-up, then after 1-3 (or 0-3) reports, plus 0-20 ms
        n = (0, rng.randint(1, 3))[i] if i < 2 else rng.randint(0, 3)
        if run_child(store_url, (n, rng.uniform(0.0, 0.02))):
            break
        kills += 1
        progress.append(len(dump(store_url)["reports"]))
    assert kills >= 3, f"runs should be killed before finishing (killed {kills})"
    assert len(set(progress)) >= 2, f"kills should land at different points: {progress}"
    assert run_child(store_url, None)
    assert dump(store_url) == expected
