"""Shared fixtures. Gold data lives beside the repository in ``../shared/data`` (or at
``$SITREPS_SHARED_DATA``); tests that need it skip with a message when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "src" / "sitreps" / "data" / "samples"
INTERVIEW = SAMPLES / "deirezzor24-jaysh-assud-interview.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files from the current output (deliberate contract change).",
    )


def shared_data_dir() -> Path | None:
    env = os.environ.get("SITREPS_SHARED_DATA")
    candidates = [Path(env)] if env else []
    candidates.append(REPO.parent / "shared" / "data")
    for c in candidates:
        if c.is_dir():
            return c
    return None


@pytest.fixture(scope="session")
def shared_data() -> Path:
    found = shared_data_dir()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("gold data (../shared/data) is missing in CI")
        pytest.skip("gold data not found: put it at ../shared/data or set SITREPS_SHARED_DATA")
    return found


@pytest.fixture(scope="session")
def interview_text() -> str:
    return INTERVIEW.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
