"""The sitreps store: SQLAlchemy 2 schema, packaged Alembic migrations, one transaction per report.

SQLite file by default (``sqlite:///sitreps.db``); PostgreSQL by ``postgresql://`` URL through
psycopg 3, with PostGIS point geometry when the extension is available.
"""

from sitreps.errors import StoreError
from sitreps.store.db import Store, open_store

__all__ = ["Store", "StoreError", "open_store"]
