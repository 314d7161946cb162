"""The database schema (SQLAlchemy 2 Core tables).

The tables are the source of truth for :mod:`sitreps.store.migrations`; a change here goes
with a new migration. Spans and tuples of ids are stored as JSON text so the schema is the same
on SQLite and PostgreSQL. When PostGIS is present a ``geom`` point column is added to ``places``
and ``clusters`` by the migrations (plain ``lat``/``lon`` are always kept and always used by the
portable queries).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

reports = Table(
    "reports",
    metadata,
    Column("id", String(80), primary_key=True),
    # insertion order; fusion processes reports in this order so re-runs are deterministic
    Column("seq", Integer, nullable=False, unique=True),
    Column("title", Text),
    Column("outlet", String(200)),
    Column("published", Date),
    Column("url", Text),
    Column("language", String(16), nullable=False),
    Column("source_id", String(200)),
    Column("origin", Text),
    Column("text", Text, nullable=False),
    Column("sentences", Text, nullable=False),  # JSON list of sentence spans
    Column("added_at", DateTime(timezone=True), nullable=False),
)

skipped = Table(
    "skipped",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("origin", Text, nullable=False),
    Column("code", String(40), nullable=False),
    Column("reason", Text, nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("origin", "code", name="uq_skipped_origin_code"),
)

actors = Table(
    "actors",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("inter", Integer),
    Column("country", String(3)),
    Column("acled_name", Text, nullable=False),
    Column("provisional", Boolean, nullable=False),
)

report_actors = Table(
    "report_actors",
    metadata,
    Column("report_id", String(80), ForeignKey("reports.id"), primary_key=True),
    Column("actor_id", String(200), ForeignKey("actors.id"), primary_key=True),
    Column("role", Text),
    Column("mentions", Text, nullable=False),  # JSON list of spans
)

places = Table(
    "places",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(3)),
    Column("admin1", Text),
    Column("admin2", Text),
    Column("feature", String(20), nullable=False),
    Column("geo_precision", Integer, nullable=False),
    Column("source", String(40), nullable=False),
)

report_places = Table(
    "report_places",
    metadata,
    Column("report_id", String(80), ForeignKey("reports.id"), primary_key=True),
    Column("place_id", String(200), ForeignKey("places.id"), primary_key=True),
    Column("mentions", Text, nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("report_id", String(80), ForeignKey("reports.id"), primary_key=True),
    Column("id", String(80), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("sentence", Integer, nullable=False),
    Column("entity_id", String(200)),
    Column("label", String(40), nullable=False),
    Column("score", Float, nullable=False),
    Column("reason", Text, nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("report_id", String(80), ForeignKey("reports.id"), primary_key=True),
    Column("id", String(80), primary_key=True),
    Column("claimant", Text),
    Column("claimant_role", Text),
    Column("outlet", Text),
    Column("cue", Text),  # JSON span or null
    Column("content", Text, nullable=False),  # JSON span
    Column("partisan", Boolean, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("parent", String(80)),
    Column("source", Text),  # JSON span or null
)

clusters = Table(
    "clusters",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("seed_event", String(200), nullable=False),
    Column("event_type", String(80)),
    Column("sub_event_type", String(120)),
    Column("plover", String(40)),
    Column("actor1", String(200)),
    Column("actor2", String(200)),
    Column("actors", Text, nullable=False),  # JSON list of every actor id of the members
    Column("place_id", String(200)),
    Column("lat", Float),
    Column("lon", Float),
    Column("admin1", Text),
    Column("country", String(3)),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("modality", String(20), nullable=False),
    Column("n_events", Integer, nullable=False),
    Column("n_reports", Integer, nullable=False),
    Column("n_outlets", Integer, nullable=False),
    Column("n_partisan", Integer, nullable=False),
    Column("n_independent", Integer, nullable=False),
    Column("fatalities", Integer),  # ACLED conservative rule
    Column("fat_low", Integer),
    Column("fat_best", Integer),
    Column("fat_high", Integer),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_clusters_date", "date_start"),
    Index("ix_clusters_type", "event_type"),
)

events = Table(
    "events",
    metadata,
    Column("uid", String(200), primary_key=True),  # report_id/event_id
    Column("report_id", String(80), ForeignKey("reports.id"), nullable=False),
    Column("event_id", String(80), nullable=False),
    Column("seq", Integer, nullable=False),  # report seq * 1000 + index: fusion order
    Column("event_type", String(80)),
    Column("sub_event_type", String(120)),
    Column("plover", String(40), nullable=False),
    Column("plover_mode", String(80)),
    Column("actor1", String(200)),
    Column("assoc_actor1", Text, nullable=False),  # JSON list of actor ids
    Column("actor2", String(200)),
    Column("assoc_actor2", Text, nullable=False),
    Column("place_id", String(200)),
    Column("lat", Float),
    Column("lon", Float),
    Column("admin1", Text),
    Column("country", String(3)),
    Column("geo_precision", Integer),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("time_precision", Integer),
    Column("fat_best", Integer),
    Column("fat_low", Integer),
    Column("fat_high", Integer),
    Column("quantities", Text, nullable=False),  # JSON
    Column("modality", String(20), nullable=False),
    Column("claim_id", String(80)),
    Column("partisan", Boolean, nullable=False),
    Column("outlet", String(200)),
    Column("evidence", Text, nullable=False),  # JSON list of spans
    Column("trigger", Text),
    Column("location_reason", Text),
    Column("date_reason", Text),
    Column("confidence", Float, nullable=False),
    Column("cluster_id", String(40), ForeignKey("clusters.id")),
    Column("merge_reason", Text),
    Column("merge_score", Float),
    # set by an analyst's split or move: re-clustering keeps the event where the analyst put it
    Column("pinned", Boolean, nullable=False, default=False),
    UniqueConstraint("report_id", "event_id", name="uq_events_report_event"),
    Index("ix_events_cluster", "cluster_id"),
    Index("ix_events_date", "date_start"),
    Index("ix_events_actor1", "actor1"),
    Index("ix_events_actor2", "actor2"),
)

relations = Table(
    "relations",
    metadata,
    Column("report_id", String(80), ForeignKey("reports.id"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("source", String(200), nullable=False),
    Column("target", String(200), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("evidence", Text, nullable=False),
    Column("claim_id", String(80)),
    Column("modality", String(20), nullable=False),
    Index("ix_relations_source", "source"),
    Index("ix_relations_target", "target"),
)

edits = Table(
    "edits",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("target_kind", String(20), nullable=False),  # event | cluster
    Column("target_id", String(200), nullable=False),
    Column("action", String(20), nullable=False),  # set | merge | split | move
    Column("field", String(80)),
    Column("old_value", Text),  # JSON
    Column("new_value", Text),  # JSON
    Column("author", String(200), nullable=False),
    Column("note", Text),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_edits_target", "target_kind", "target_id"),
)
