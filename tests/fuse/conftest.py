"""Re-uses the store fixtures (SQLite and PostgreSQL) of ``tests/store``."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))

from store_fixtures import store_url  # noqa: F401
