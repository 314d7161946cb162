"""Opening a store and writing reports into it, one transaction per report."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, event, insert, select, text
from sqlalchemy.exc import ArgumentError as SAArgumentError
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from sitreps.errors import StoreError
from sitreps.models import Extraction, Skipped
from sitreps.settings import get_settings
from sitreps.store import schema as t
from sitreps.store.migrate import upgrade
from sitreps.store.write import write_extraction

#: A concurrent writer may take the same report ``seq``; the write is then tried again.
WRITE_ATTEMPTS = 3


def normalise_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` go through psycopg 3; a bare path means SQLite."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    if "://" not in url:
        return f"sqlite:///{url}"
    return url


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _now() -> datetime:
    return datetime.now(UTC)


class Store:
    """A sitreps database: reports, their extractions, fused clusters and analyst edits."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self.dialect = engine.dialect.name
        self.has_postgis = self.dialect == "postgresql" and _has_geom(engine)

    # --- reading ------------------------------------------------------------------------

    def has_report(self, report_id: str) -> bool:
        with self.engine.connect() as conn:
            return _has_report(conn, report_id)

    def report_ids(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.scalars(select(t.reports.c.id)))

    # --- writing ------------------------------------------------------------------------

    def add_extraction(self, extraction: Extraction) -> bool:
        """Store one report and everything extracted from it in a single transaction.

        Returns False, writing nothing, when the report id is already stored.
        """
        from sitreps.store.edits import replay_event_edits

        rid = extraction.report.id
        for attempt in range(WRITE_ATTEMPTS):
            try:
                with self.engine.begin() as conn:
                    if _has_report(conn, rid):
                        return False
                    write_extraction(conn, extraction, has_postgis=self.has_postgis)
                    replay_event_edits(conn, rid, has_postgis=self.has_postgis)
                return True
            except IntegrityError as exc:
                if self.has_report(rid):  # a concurrent writer stored it first
                    return False
                if attempt + 1 == WRITE_ATTEMPTS or not _seq_clash(exc):
                    raise StoreError(f"cannot store report {rid}: {exc.orig}") from exc
            except SQLAlchemyError as exc:
                raise StoreError(f"cannot store report {rid}: {exc}") from exc
        return False  # unreachable: the last attempt returns or raises

    def delete_report(self, report_id: str) -> bool:
        """Remove a report and what was extracted from it (analyst edits are kept).

        Storing the report again (re-extracted) replays the edits recorded for its events.
        """
        from sitreps.fuse.summary import refresh_cluster

        try:
            with self.engine.begin() as conn:
                if not _has_report(conn, report_id):
                    return False
                clusters = set(
                    conn.scalars(
                        select(t.events.c.cluster_id).where(
                            t.events.c.report_id == report_id, t.events.c.cluster_id.is_not(None)
                        )
                    )
                )
                for table in (
                    t.events,
                    t.relations,
                    t.claims,
                    t.mentions,
                    t.report_places,
                    t.report_actors,
                ):
                    conn.execute(delete(table).where(table.c.report_id == report_id))
                conn.execute(delete(t.reports).where(t.reports.c.id == report_id))
                for cid in sorted(clusters):
                    refresh_cluster(conn, cid, has_postgis=self.has_postgis)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot delete report {report_id}: {exc}") from exc
        return True

    def add_skipped(self, skipped: Skipped) -> None:
        """Record an input that produced no report, with its reason (once per origin and code)."""
        try:
            with self.engine.begin() as conn:
                exists = conn.execute(
                    select(t.skipped.c.id).where(
                        t.skipped.c.origin == skipped.origin, t.skipped.c.code == skipped.code
                    )
                ).first()
                if exists is None:
                    conn.execute(
                        insert(t.skipped).values(
                            origin=skipped.origin,
                            code=skipped.code,
                            reason=skipped.reason,
                            added_at=_now(),
                        )
                    )
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot record skipped input {skipped.origin}: {exc}") from exc

    def skipped(self) -> list[Skipped]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.skipped).order_by(t.skipped.c.id)).all()
        return [Skipped(origin=r.origin, reason=r.reason, code=r.code) for r in rows]

    def fuse_pending(self) -> int:
        """Cluster every event not yet in a cluster; returns how many were placed."""
        from sitreps.fuse.incremental import fuse_pending

        return fuse_pending(self)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_store(url: str | None = None) -> Store:
    """Open (creating or migrating) the database at ``url`` (default: the settings' db_url)."""
    raw = url or get_settings().db_url
    full = normalise_url(raw)
    try:
        engine = create_engine(full, future=True)
    except (SAArgumentError, ImportError, ValueError) as exc:
        raise StoreError(f"cannot open database {raw}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        with engine.begin() as conn:
            upgrade(conn)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"cannot open database {raw}: {exc.__class__.__name__}: {exc}") from exc
    return Store(engine, raw)


# --- the writes of one report -----------------------------------------------------------


def _seq_clash(exc: IntegrityError) -> bool:
    text = str(exc.orig).lower()
    return "seq" in text and ("unique" in text or "duplicate" in text)


def _has_geom(engine: Engine) -> bool:
    query = text(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = 'places' AND column_name = 'geom'"
    )
    with engine.connect() as conn:
        return conn.execute(query).first() is not None


def _has_report(conn: Connection, report_id: str) -> bool:
    return (
        conn.execute(select(t.reports.c.id).where(t.reports.c.id == report_id)).first() is not None
    )
