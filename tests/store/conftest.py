"""Store fixtures: every test using ``store_url`` runs on SQLite and on a real PostgreSQL.

The server is started once per test process by ``store_pgserver.shared_admin_url`` (initdb
into a temp dir, 127.0.0.1 only); each test gets a fresh database. The fuse and export test
folders re-use these fixtures through ``store_fixtures``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_fixtures import store_url  # noqa: F401
